"""Importing analysts' gazetteers: the admin hierarchy of imported units and their merge with built-in ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasad.places.gazetteer import load_gazetteer
from rasad.places.importers import PARENTS, import_opensyria, merge_into, read_any
from tests.conftest import require_shared


def _write(folder: Path, name: str, records: list[dict[str, Any]]) -> None:
    (folder / name).write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")


def _unit(uid: str, en: str, ar: str, lat: float, lon: float, **extra: Any) -> dict[str, Any]:
    return {"id": uid, "name": {"en": en, "ar": ar}, "centroid": {"latitude": lat, "longitude": lon}, **extra}


def test_opensyria_units_take_the_province_and_district_the_system_names(tmp_path: Path) -> None:
    # OpenSyria spells the province "Hims" and the district "Tadmur"; the district's centroid lies ~35 km
    # from the built-in district's point (its seat): both are still the built-in units.
    _write(tmp_path, "governorates.json",
           [_unit("sy-hims", "Hims", "حمص", 34.6, 37.9, externalIds={"ochaPcode": "SY04"})])
    _write(tmp_path, "districts.json",
           [_unit("sy-hims-tadmur", "Tadmur", "تدمر", 34.75, 38.6, governorateId="sy-hims")])
    _write(tmp_path, "subdistricts.json",
           [_unit("sy-hims-tadmur-sukhnah", "As-Sukhnah", "السخنة", 34.9, 38.87,
                  governorateId="sy-hims", districtId="sy-hims-tadmur")])
    entries = read_any("opensyria", tmp_path)  # files sorted by name: districts come before governorates
    assert all(PARENTS in e for e in entries)
    g = load_gazetteer().copy()
    admin2_before = sum(1 for p in g.places.values() if p.feature == "admin2")
    saved = merge_into(g, entries)
    assert sum(1 for p in g.places.values() if p.feature == "admin2") == admin2_before
    assert "Tadmur" in g.get("sy:dis-tadmor").names["en"]  # type: ignore[union-attr]
    sub = g.get("os:sy-hims-tadmur-sukhnah")
    assert sub is not None and sub.feature == "admin3"
    assert (sub.admin1, sub.admin2, sub.admin3) == ("Homs", "Tadmor", "As-Sukhnah")
    assert all(PARENTS not in e for e in saved)  # the store gets plain gazetteer entries


def test_district_named_like_one_of_another_province_stays_apart(tmp_path: Path) -> None:
    # a Hama district that shares the name of Homs's Ar-Rastan and lies within merge distance of its point
    _write(tmp_path, "governorates.json",
           [_unit("sy-hama", "Hama", "حماة", 35.2, 37.0, externalIds={"ochaPcode": "SY05"})])
    _write(tmp_path, "districts.json",
           [_unit("sy-hama-rastan", "Ar-Rastan", "الرستن", 34.98, 36.75, governorateId="sy-hama")])
    g = load_gazetteer().copy()
    merge_into(g, read_any("opensyria", tmp_path))
    district = g.get("os:sy-hama-rastan")
    assert district is not None and district.admin1 == "Hama"
    assert "Ar-Rastan" in g.get("sy:dis-rastan").names["en"]  # type: ignore[union-attr]
    assert g.get("sy:dis-rastan").admin1 == "Homs"  # type: ignore[union-attr]


def test_imported_admin3_fills_the_hierarchy_of_a_unit_merged_without_it(tmp_path: Path) -> None:
    # the same subdistrict from a source without hierarchy, then from one with it (same P-code)
    g = load_gazetteer().copy()
    bare = {"id": "x:1", "name": "Example Subdistrict", "feature": "admin3", "country": "SYR", "lat": 35.0,
            "lon": 37.0, "names": {"en": ["Example Subdistrict"]}, "ext": {"pcode": "SY999999"}}
    merge_into(g, [bare])
    full = {**bare, "id": "y:1", "admin1": "Hama", "admin2": "Hama", "admin3": "Example Subdistrict"}
    merge_into(g, [full])
    p = g.get("x:1")
    assert p is not None and (p.admin1, p.admin2) == ("Hama", "Hama")
    assert g.get("y:1") is None


def test_real_opensyria_import_places_every_subdistrict_in_a_known_province() -> None:
    folder = require_shared("data", "gazetteer", "opensyria")
    g = load_gazetteer().copy()
    provinces = {p.name for p in g.places.values() if p.feature == "admin1" and p.country == "SYR"}
    districts = import_opensyria(folder / "districts.json")
    merge_into(g, read_any("opensyria", folder))
    subs = [p for p in g.places.values() if p.id.startswith("os:") and p.feature == "admin3"]
    assert len(subs) >= 250
    assert all(p.admin1 in provinces and p.admin2 for p in subs)
    merged = sum(1 for d in districts if g.get(d["id"]) is None)  # joined a built-in district
    assert merged / len(districts) >= 0.95


def test_a_units_city_alias_stays_with_the_city(tmp_path: Path) -> None:
    # "Hama City" / "مدينة حماة" name the city, not the province: after the import "Hama city" is still the city
    _write(tmp_path, "governorates.json",
           [_unit("sy-hama", "Hama", "حماة", 35.2, 37.0, externalIds={"ochaPcode": "SY05"},
                  aliases=[{"value": "Hama City", "language": "en", "type": "alias"},
                           {"value": "مدينة حماة", "language": "ar", "type": "alias"},
                           {"value": "Hama Governorate", "language": "en", "type": "formal"}])])
    g = load_gazetteer().copy()
    merge_into(g, read_any("opensyria", tmp_path))
    gov = g.get("sy:gov-hama")
    assert gov is not None and "Hama Governorate" in gov.names["en"]
    assert not any("City" in n or "مدينة" in n for ns in gov.names.values() for n in ns)
    assert all(p.feature != "admin1" for p in g.lookup("Hama City"))


def test_a_subdistricts_area_population_does_not_outrank_its_seat_town() -> None:
    # an imported subdistrict named after its seat counts every village of it; "on the outskirts of Hajin"
    # (a near cue, so no admin penalty) is still the town
    from rasad.model import Document
    from rasad.places.geoparse import Geoparser, ensure_norm

    g = load_gazetteer().copy()
    merge_into(g, [{"id": "t:hajin-sub", "name": "Hajin", "feature": "admin3", "country": "SYR",
                    "admin1": "Deir-ez-Zor", "admin2": "Abu Kamal", "admin3": "Hajin", "lat": 34.84,
                    "lon": 41.0, "population": 250_000, "names": {"en": ["Hajin"]}}])
    gp = Geoparser(g)
    for text in ("Fighters clashed on the outskirts of Hajin on Monday.", "Shelling hit the outskirts of Hajin."):
        doc = Document.create(text, lang="en")
        ensure_norm(doc)
        assert doc.norm is not None
        found = [(m.key, p) for m, p in gp.parse(doc.text, doc.norm.text, "en")]
        assert [p.feature for k, p in found if k == "hajin"] == ["town"], found


def test_analyze_reads_places_with_the_gazetteer_imported_into_its_store(tmp_path: Path, monkeypatch: Any, village_dump: Path) -> None:
    # a village only an imported GeoNames dump knows: `rasad analyze --db` finds it after the import
    from typer.testing import CliRunner

    from rasad.cli import app
    from rasad.places import geoparse
    from rasad.store.base import open_store

    monkeypatch.setattr(geoparse, "_default", geoparse._default)  # the switch lasts for this test only
    dump = village_dump
    text = tmp_path / "report.txt"
    text.write_text("Regime forces shelled the village of Tell Qarnabit in Idlib countryside on Monday, "
                    "killing two civilians.\n", encoding="utf-8")
    db = str(tmp_path / "r.db")
    runner = CliRunner()
    res = runner.invoke(app, ["analyze", str(text), "--db", db, "--lang", "en", "--until", "places", "--no-merge"])
    assert res.exit_code == 0, res.output
    with open_store(db) as store:
        doc = next(iter(store.iter_documents()))
        assert not any(m.attrs.get("place_id") == "gn:99999901" for m in doc.mentions)
    res = runner.invoke(app, ["gazetteer", "import", str(dump), "--format", "geonames", "--db", db])
    assert res.exit_code == 0 and "1 new" in res.output, res.output
    second = tmp_path / "report2.txt"
    second.write_text(text.read_text(encoding="utf-8").replace("Monday", "Tuesday"), encoding="utf-8")
    res = runner.invoke(app, ["analyze", str(second), "--db", db, "--lang", "en", "--until", "places", "--no-merge"])
    assert res.exit_code == 0, res.output
    with open_store(db) as store:
        docs = [d for d in store.iter_documents() if "Tuesday" in d.text]
        assert len(docs) == 1
        assert [m.text for m in docs[0].mentions if m.attrs.get("place_id") == "gn:99999901"] == ["Tell Qarnabit"]


def test_an_imported_quarter_needs_its_town_or_province_in_the_text() -> None:
    # imported city-quarter tables name quarters like ordinary words ("the nursery"): one is read only where
    # the report names its town or province, in English and Arabic alike, with a cue word or without
    from rasad.model import Document
    from rasad.places.geoparse import Geoparser, ensure_norm

    g = load_gazetteer().copy()
    merge_into(g, [{"id": "t:mashtal", "name": "Al-Mashtal", "feature": "neighbourhood", "country": "SYR",
                    "admin1": "Tartous", "admin2": "Tartous", "lat": 34.885, "lon": 35.893, "city": "Tartous",
                    "names": {"en": ["Al-Mashtal"], "ar": ["المشتل"]}, "source": "ocha:quarters.csv"}])
    assert g.get("t:mashtal") is not None and g.get("t:mashtal").imported  # type: ignore[union-attr]
    gp = Geoparser(g)

    def read(text: str, lang: str) -> bool:
        doc = Document.create(text, lang=lang)
        ensure_norm(doc)
        assert doc.norm is not None
        return any(p.id == "t:mashtal" for _, p in gp.parse(doc.text, doc.norm.text, lang))

    assert not read("Gunmen attacked a checkpoint in al-Mashtal near Salamiyeh on Sunday.", "en")
    assert not read("Gunmen attacked a checkpoint in the al-Mashtal area near Salamiyeh on Sunday.", "en")
    assert read("Gunmen attacked a checkpoint in al-Mashtal in Tartous city on Sunday.", "en")
    assert not read("هاجم مسلحون حاجزا في حي المشتل قرب السلمية يوم الأحد.", "ar")
    assert read("هاجم مسلحون حاجزا في حي المشتل في مدينة طرطوس يوم الأحد.", "ar")


def test_real_imports_leave_no_duplicate_of_a_built_in_entry() -> None:
    # OpenSyria then OCHA, as an analyst would: no imported entry is a twin of a built-in (or another imported)
    # one by the built-in folding's own rule (same class and name, within DUPLICATE_KM)
    from rasad.places.gazetteer import find_duplicates

    g = load_gazetteer().copy()
    for fmt, name in (("opensyria", "opensyria"), ("ocha", "ocha_syria")):
        merge_into(g, read_any(fmt, require_shared("data", "gazetteer", name)))
    assert find_duplicates(g) == []
