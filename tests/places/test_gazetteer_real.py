"""The built-in gazetteer checked against real gazetteers in ../shared (read in place), and imports."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

from rasad.places.gazetteer import haversine_km, load_gazetteer
from rasad.places.importers import import_geonames, import_ocha, import_opensyria, merge_into
from tests.conftest import require_shared


def test_neighbourhoods_within_3km_of_ocha() -> None:
    path = require_shared("data", "gazetteer", "ocha_syria", "city_neighbourhoods.csv")
    g = load_gazetteer()
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    far = []
    checked = 0
    for r in rows:
        lat, lon = float(r["LATITUDE"]), float(r["LONGITUDE"])
        for p in g.lookup(r["NAME_AR"], feature="neighbourhood"):
            if p.admin1 != r["ADM1_EN"] or p.common:
                continue
            checked += 1
            if haversine_km(lat, lon, p.lat, p.lon) > 3.0:  # type: ignore[arg-type]
                far.append((p.id, r["NAME_EN"], round(haversine_km(lat, lon, p.lat, p.lon), 1)))  # type: ignore[arg-type]
    assert checked >= 100
    # a same-named neighbourhood elsewhere in the same city is the only excuse
    assert len(far) <= checked * 0.1, far


def test_syrian_towns_within_10km_of_geonames_dump() -> None:
    path = require_shared("data", "gazetteer", "geonames", "cities15000_middle_east.tsv")
    g = load_gazetteer()
    checked = 0
    for e in import_geonames(path):
        p = g.get(e["id"])
        if p is None or p.country != "SYR":
            continue
        checked += 1
        assert haversine_km(e["lat"], e["lon"], p.lat, p.lon) <= 10.0, p.id  # type: ignore[arg-type]
    assert checked >= 50


def test_admin_units_against_opensyria_centroids() -> None:
    """Admin points are seats; they must lie within 1.5 equal-area radii (+10 km) of the centroid
    (units are irregular: Homs governorate reaches far east of its capital)."""
    folder = require_shared("data", "gazetteer", "opensyria")
    g = load_gazetteer()
    checked = 0
    for fname, feature in (("governorates.json", "admin1"), ("districts.json", "admin2")):
        for rec in json.loads((folder / fname).read_text(encoding="utf-8")):
            c, area = rec.get("centroid"), (rec.get("area") or {}).get("value")
            if not c or not area:
                continue
            hits = g.lookup(rec["name"]["ar"], feature=feature) or g.lookup(rec["name"]["en"], feature=feature)
            for p in hits[:1]:
                checked += 1
                limit = 1.5 * math.sqrt(area / math.pi) + 10.0
                d = haversine_km(c["latitude"], c["longitude"], p.lat, p.lon)  # type: ignore[arg-type]
                assert d <= limit, (p.id, round(d), round(limit))
    assert checked >= 60


def test_subdistrict_coverage_by_arabic_name() -> None:
    path = require_shared("data", "gazetteer", "ocha_syria", "syr_admin3.csv")
    g = load_gazetteer()
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    found = sum(any(p.country == "SYR" for p in g.lookup(r["NAME_AR"])) for r in rows)
    assert found / len(rows) >= 0.97


def test_import_ocha_reaches_full_coverage_without_duplicates() -> None:
    folder = require_shared("data", "gazetteer", "ocha_syria")
    g = load_gazetteer().copy()
    entries = [e for t in sorted(Path(folder).glob("*.csv")) for e in import_ocha(t)]
    merged = merge_into(g, entries)
    size = len(g)
    merge_into(g, entries)  # importing twice adds nothing
    assert len(g) == size
    assert len(merged) <= len(entries)
    for t in ("syr_admin3.csv", "city_neighbourhoods.csv"):
        for r in csv.DictReader((Path(folder) / t).open(encoding="utf-8")):
            assert g.by_external_id("pcode", r["PCODE"]) is not None
            assert any(p.country == "SYR" for p in g.lookup(r["NAME_AR"]))
    # the built-in Khalidiya of Homs gained OCHA's P-code rather than a twin entry
    assert "pcode" in g.get("sy:homs-khalidiya").ext  # type: ignore[union-attr]


def test_import_opensyria_merges_by_pcode() -> None:
    folder = require_shared("data", "gazetteer", "opensyria")
    g = load_gazetteer().copy()
    entries = import_opensyria(folder / "governorates.json")
    merge_into(g, entries)
    assert g.by_external_id("pcode", "SY04") is g.get("sy:gov-homs")
    assert sum(1 for p in g.places.values() if p.feature == "admin1" and p.country == "SYR") == 14


def test_gazetteer_api_contains() -> None:
    g = load_gazetteer()
    assert g.contains("sy:gov-homs", "sy:homs-khalidiya")
    assert g.contains("gn:169577", "sy:homs-khalidiya")
    assert not g.contains("sy:gov-aleppo", "sy:homs-khalidiya")
    assert g.contains("cc:SYR", "sy:khan-al-asal")
    inside = {p.id for p in g.inside("sy:gov-daraa")}
    assert {"sy:al-harra", "gn:166365", "gn:168120"} <= inside
