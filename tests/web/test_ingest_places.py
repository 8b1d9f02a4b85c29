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


def test_a_post_reads_the_imported_entries_again_only_after_an_import(tmp_path: Path, monkeypatch: Any,
                                                                       village_dump: Path) -> None:
    monkeypatch.setattr(geoparse, "_default", geoparse._default)
    reads: list[str] = []
    use_store_gazetteer = geoparse.use_store_gazetteer
    monkeypatch.setattr(geoparse, "use_store_gazetteer", lambda store: reads.append(store.url) or use_store_gazetteer(store))
    with open_store(str(tmp_path / "served.db")) as store:
        import_into_store(store, "geonames", village_dump)
        for day in ("Monday", "Tuesday", "Wednesday"):
            ingest_payload(store, {"text": _TEXT.format(day=day), "lang": "en"})
        assert len(reads) == 1
        row = store._read("SELECT latitude, longitude FROM places")[0]
        assert row == (35.801, 36.512)  # the entry's lat/lon in the table's columns
        # an entry replaced (moved) by a later import: the next post reads the entries again
        entry = next(store.iter_places())
        store.save_places([{**entry, "lat": 35.9}], source="geonames:moved.txt")
        ingest_payload(store, {"text": _TEXT.format(day="Thursday"), "lang": "en"})
        assert len(reads) == 2
