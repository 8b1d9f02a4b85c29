"""An article posted to the web service reads places as `rasad analyze --db` does: with the store's gazetteer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rasad.places import geoparse
from rasad.places.importers import import_into_store
from rasad.store.base import open_store
from rasad.web.ingest import ingest_payload

_TEXT = ("Regime forces shelled the village of Tell Qarnabit in Idlib countryside on {day}, "
         "killing two civilians.")


def _place_ids(store: Any, doc_id: str) -> list[str]:
    doc = store.get_document(doc_id)
    return [m.attrs["place_id"] for m in doc.mentions if m.attrs.get("place_id")]


def test_posted_article_reads_places_imported_into_the_served_store(tmp_path: Path, monkeypatch: Any, village_dump: Path) -> None:
    # a village only an imported GeoNames dump knows; another store without the import must not see it
    monkeypatch.setattr(geoparse, "_default", geoparse._default)  # the switch lasts for this test only
    dump = village_dump
    with open_store(str(tmp_path / "with.db")) as store:
        import_into_store(store, "geonames", dump)
        doc_id, created = ingest_payload(store, {"text": _TEXT.format(day="Monday"), "lang": "en"})
        assert created
        assert "gn:99999901" in _place_ids(store, doc_id)
    with open_store(str(tmp_path / "without.db")) as store:
        doc_id, _ = ingest_payload(store, {"text": _TEXT.format(day="Tuesday"), "lang": "en"})
        assert "gn:99999901" not in _place_ids(store, doc_id)


def test_an_import_made_while_the_service_runs_is_read_by_the_next_post(tmp_path: Path, monkeypatch: Any,
                                                                        village_dump: Path) -> None:
    monkeypatch.setattr(geoparse, "_default", geoparse._default)
    with open_store(str(tmp_path / "served.db")) as store:
        before, _ = ingest_payload(store, {"text": _TEXT.format(day="Monday"), "lang": "en"})
        assert "gn:99999901" not in _place_ids(store, before)
        import_into_store(store, "geonames", village_dump)
        after, _ = ingest_payload(store, {"text": _TEXT.format(day="Tuesday"), "lang": "en"})
        assert "gn:99999901" in _place_ids(store, after)
