"""A document's places must not depend on which gazetteer the process geoparsed with before: the API and
``Gazetteer.with_store`` give a copy of the built-in gazetteer with imported names, and a module-level
answer remembered for the built-in one (by place id, or by a gazetteer's id and version) must not be
reused for it."""

from __future__ import annotations

from rasad.model import Document
from rasad.pipeline import build_pipeline
from rasad.places.gazetteer import load_gazetteer
from rasad.places.geoparse import Geoparser

#: قصير without the article is the adjective "short" in Arabic; the gazetteer's al-Qusayr is القصير
TEXT = "أفاد ناشطون بمقتل ثلاثة مدنيين في قصير بريف حمص اليوم."


def _places(geoparser: Geoparser) -> list[tuple[str, str | None]]:
    doc = Document(id="history", text=TEXT, lang="ar")
    build_pipeline(["langid", "normalize", "sentences"])(doc)
    geoparser(doc)
    return [(m.text, m.canonical_id) for m in doc.mentions if m.kind == "place"]


def test_an_imported_name_is_read_whatever_the_process_read_before() -> None:
    builtin = load_gazetteer()
    place_id = "gn:173322"  # al-Qusayr (Homs)
    assert builtin.places[place_id].names["ar"] == ["القصير"]
    before = _places(Geoparser(builtin))
    assert ("قصير", place_id) not in before  # the bare word is the adjective: no place
    extended = builtin.copy()
    extended.add_names(place_id, {"ar": ["قصير"]})  # as an import of a gazetteer that spells it so
    assert ("قصير", place_id) in _places(Geoparser(extended))
    # and the built-in gazetteer reads the text as before once the extended one was used
    assert _places(Geoparser(builtin)) == before
