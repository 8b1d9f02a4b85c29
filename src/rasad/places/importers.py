"""Import the gazetteers analysts already use and merge them with the built-in one.

Formats: GeoNames dumps (the 19-column TSV without header), OCHA common operational datasets (CSV
tables with NAME_EN / NAME_AR / PCODE columns: admin1-3 and city neighbourhoods), OpenSyria JSON
(governorates / districts / subdistricts with names, aliases, centroids and external ids).

Merging (``merge_into``): an imported entry joins an existing one when they share an external id
(GeoNames id, OCHA P-code, Wikidata id), else when they share a normalized name and feature class and
lie within ``MERGE_KM`` of each other (admin units: same level, same province, ``MERGE_KM_ADMIN``);
otherwise it is added as a new entry.  Names and external ids are unioned, so re-importing the same file
changes nothing.  Units are merged outermost first, and a unit a source places by parent id (OpenSyria)
takes the province/district names of the entries its parents became -- the built-in OCHA spellings the
rest of the system (and ACLED) uses.  A unit's names that name its seat ("Damascus City") are left to the
city.  ``rasad analyze --db`` reads places with the store's gazetteer (``geoparse.use_store_gazetteer``).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from rasad.places.gazetteer import ADMIN_FEATURES, DUPLICATE_KM, Gazetteer, Place, haversine_km
from rasad.text.normalize import normalize_term

MERGE_KM = 10.0
#: A quarter of one name in one province: the built-in folding's distance (``DUPLICATE_KM``): OCHA puts a few
#: quarters 3-4.5 km from the built-in point of the same quarter (Dummar Gharbiya, Jabriyeh, Kazo).
MERGE_KM_NEIGHBOURHOOD = DUPLICATE_KM
#: Admin units of one name and level in one province are one unit when their points lie this close: one
#: source gives a unit its seat's point, another the centroid of its area, tens of km apart for a district.
MERGE_KM_ADMIN = 60.0
#: Key of an imported entry's enclosing units (imported ids, outermost first), when its source gives them
#: by id rather than by name (OpenSyria); ``merge_into`` turns them into admin1/admin2 names.
PARENTS = "parents"
_ADMIN_LEVEL = {"admin1": 0, "admin2": 1, "admin3": 2}
_ISO3 = {"SY": "SYR", "LB": "LBN", "JO": "JOR", "IQ": "IRQ", "TR": "TUR", "IL": "ISR", "PS": "PSE", "IR": "IRN"}
_GN_FEATURES = {"PPLC": "city", "PPLA": "city", "PPLA2": "city", "PPLA3": "town", "PPLA4": "town",
                "PPLX": "neighbourhood", "PPLQ": "village", "PPLL": "village", "ADM1": "admin1",
                "ADM2": "admin2", "ADM3": "admin3", "PCLI": "country"}


def import_geonames(path: Path) -> list[dict[str, Any]]:
    """GeoNames dump: geonameid, name, asciiname, alternatenames, lat, lon, feature class, feature
    code, country code, cc2, admin1..4 codes, population, elevation, dem, timezone, modification date."""
    from rasad.places.gazetteer import _ARABIC_SCRIPT_RE

    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 19 or not cols[0].isdigit():
                continue
            alt = [a for a in cols[3].split(",") if a]
            ar = [a for a in alt if _ARABIC_SCRIPT_RE.search(a)]
            en = [cols[1]] + [a for a in [cols[2], *alt] if a and a.isascii() and a[0].isupper() and a != cols[1]]
            pop = int(cols[14] or 0)
            feature = _GN_FEATURES.get(cols[7]) or ("city" if pop >= 50_000 else "town" if pop >= 5_000 else "village")
            out.append({
                "id": f"gn:{cols[0]}", "name": cols[2] or cols[1], "feature": feature,
                "country": _ISO3.get(cols[8], cols[8]), "lat": float(cols[4]), "lon": float(cols[5]),
                "population": pop, "names": {"en": list(dict.fromkeys(en)), "ar": list(dict.fromkeys(ar))},
                "ext": {"geonames": cols[0]}, "source": f"geonames:{path.name}",
            })
    return out


def import_ocha(path: Path) -> list[dict[str, Any]]:
    """One OCHA COD table; the level is read from the columns (ADM4_* -> neighbourhoods)."""
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    if not rows:
        return []
    cols = set(rows[0])
    if "ADM4_EN" in cols or "AREA_EN" in cols:
        feature = "neighbourhood"
    elif "ADM2_EN" in cols:
        feature = "admin3"
    elif "ADM1_EN" in cols:
        feature = "admin2"
    else:
        feature = "admin1"
    out = []
    for r in rows:
        lat = r.get("LATITUDE") or r.get("centroid_lat")
        lon = r.get("LONGITUDE") or r.get("centroid_lon")
        en = [n for n in dict.fromkeys([r.get("NAME_EN"), r.get("NAM_EN_REF")]) if n]
        ar = [n for n in dict.fromkeys([r.get("NAME_AR"), r.get("NAM_AR_REF")]) if n]
        entry: dict[str, Any] = {
            "id": f"ocha:{r['PCODE']}", "name": en[0] if en else r["PCODE"], "feature": feature, "country": "SYR",
            "lat": float(lat) if lat else None, "lon": float(lon) if lon else None,
            "names": {"en": en, "ar": ar}, "ext": {"pcode": r["PCODE"]}, "source": f"ocha:{path.name}",
        }
        if feature == "admin1":
            entry["admin1"] = en[0]
        elif feature == "admin2":
            entry.update(admin1=r.get("ADM1_EN"), admin2=en[0])
        elif feature == "admin3":
            entry.update(admin1=r.get("ADM1_EN"), admin2=r.get("ADM2_EN"), admin3=en[0])
        else:
            entry.update(admin1=r.get("ADM1_EN"), admin2=r.get("ADM2_EN"), admin3=r.get("ADM3_EN"),
                         city=r.get("ADM4_EN"))
        out.append(entry)
    return out


def import_opensyria(path: Path) -> list[dict[str, Any]]:
    """OpenSyria JSON (a list of governorates, districts or subdistricts)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data.get("items") or data.get("data") or list(data.values())
    out = []
    for rec in data:
        if "districtId" in rec:
            feature = "admin3"
        elif "governorateId" in rec:
            feature = "admin2"
        else:
            feature = "admin1"
        names: dict[str, list[str]] = {"en": [], "ar": []}
        for lang, n in (rec.get("name") or {}).items():
            if lang in names and n:
                names[lang].append(n)
        for a in rec.get("aliases") or []:
            lang = a.get("language")
            if lang in names and a.get("value") and a["value"] not in names[lang]:
                names[lang].append(a["value"])
        ext = {k: str(v) for k, v in (rec.get("externalIds") or {}).items() if v}
        if "ochaPcode" in ext:
            ext["pcode"] = ext.pop("ochaPcode")
        ext["opensyria"] = rec["id"]
        c = rec.get("centroid") or {}
        pop = (rec.get("population") or {}).get("value") or 0
        name = (names["en"] or [rec["id"]])[0]
        out.append({
            "id": f"os:{rec['id']}", "name": name, "feature": feature, feature: name,
            "country": "SYR", "lat": c.get("latitude"), "lon": c.get("longitude"), "population": int(pop),
            "names": names, "ext": ext, "source": f"opensyria:{path.name}",
            # the enclosing units, by imported id: resolved to the gazetteer's names by ``merge_into``
            PARENTS: [f"os:{rec[k]}" for k in ("governorateId", "districtId") if rec.get(k)],
        })
    return out


IMPORTERS = {"geonames": import_geonames, "ocha": import_ocha, "opensyria": import_opensyria}


def read_any(fmt: str, path: Path) -> list[dict[str, Any]]:
    """Entries from ``path`` (a file, or a folder of files of that format)."""
    if fmt not in IMPORTERS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(IMPORTERS)}")
    if path.is_dir():
        pattern = {"geonames": "*.t*", "ocha": "*.csv", "opensyria": "*.json"}[fmt]
        files = [p for p in sorted(path.glob(pattern)) if fmt != "opensyria" or p.stem in
                 ("governorates", "districts", "subdistricts")]
        return [e for p in files for e in IMPORTERS[fmt](p)]
    return IMPORTERS[fmt](path)


def _feature_class(feature: str | None) -> str:
    return "admin" if feature in ADMIN_FEATURES else "point"


def find_existing(g: Gazetteer, entry: dict[str, Any]) -> Place | None:
    """The gazetteer entry ``entry`` denotes: by external id, else same name + class + proximity."""
    for kind, value in (entry.get("ext") or {}).items():
        if kind == "opensyria":
            continue
        p = g.by_external_id(kind, str(value))
        if p is not None:
            return p
    lat, lon = entry.get("lat"), entry.get("lon")
    if lat is None:
        return None  # (a name alone, with no point to compare, joins nothing)
    feature, country = entry.get("feature"), entry.get("country")
    feature_class = _feature_class(feature)
    local = feature in ("neighbourhood", "camp")
    unit = feature in ADMIN_FEATURES
    limit = MERGE_KM_NEIGHBOURHOOD if local else MERGE_KM_ADMIN if unit else MERGE_KM
    best: tuple[float, Place] | None = None
    for ns in (entry.get("names") or {}).values():
        for n in ns:
            for p in g.lookup(n):
                if p.country != country or _feature_class(p.feature) != feature_class or p.lat is None:
                    continue
                if (unit and p.feature != feature) or ((unit or local) and _other_province(p, entry)):
                    continue  # (a unit of another level; a unit, quarter or camp of another province)
                d = haversine_km(lat, lon, p.lat, p.lon)  # type: ignore[arg-type]
                if d <= limit and (best is None or d < best[0]):
                    best = (d, p)
    return best[1] if best else None


def _other_province(p: Place, entry: dict[str, Any]) -> bool:
    """Both name their province and the names differ (a district named like one in another province)."""
    a, b = p.admin1, entry.get("admin1")
    return bool(a and b) and normalize_term(a) != normalize_term(b)


def _with_parent_admin(g: Gazetteer, e: dict[str, Any], placed: dict[str, str]) -> dict[str, Any]:
    """``e`` with the admin1/admin2 names of its enclosing units (``PARENTS``, imported ids) filled in from
    the entries those units became in ``g`` -- the gazetteer's own spelling when a unit merged into a
    built-in one (OpenSyria's "Al-Hasakah" is the built-in "Al-Hasakeh"), so that a subdistrict lies in the
    province the rest of the system names."""
    e = dict(e)
    for pid in e.pop(PARENTS, None) or ():
        p = g.get(placed.get(pid, pid))
        if p is None:
            continue
        if p.feature == "admin1":
            e["admin1"] = e.get("admin1") or p.name
        elif p.feature == "admin2":
            e["admin2"] = e.get("admin2") or p.name
            e["admin1"] = e.get("admin1") or p.admin1
    return e


def _names_the_settlement(name: str) -> bool:
    """Whether ``name`` is a settlement word + name ("مدينة إدلب") or name + "city" ("Damascus City")."""
    # the geoparser's cue words (geoparse_words.yaml)
    from rasad.places.geoparse import CITY_CUES, POST_CITY_CUES

    words = normalize_term(name).split()
    return len(words) >= 2 and (words[0] in CITY_CUES or words[-1] in POST_CITY_CUES)


def _without_settlement_names(e: dict[str, Any]) -> dict[str, Any]:
    """An admin unit's entry without the names that name its seat ("Damascus City" as an alias of the
    Damascus governorate, "مدينة إدلب" of the Idleb district): in a text they mean the city, which the
    gazetteer holds as a city entry of its own -- as the unit's names they would turn "Damascus city" into
    the province."""
    if e.get("feature") not in ADMIN_FEATURES:
        return e
    names = {lang: [n for n in ns if not _names_the_settlement(n)] for lang, ns in (e.get("names") or {}).items()}
    return {**e, "names": names}


def _fill_admin(place: Place, e: dict[str, Any]) -> None:
    """Give a matched entry the imported admin fields it lacks (its own are kept)."""
    for level in ("admin1", "admin2", "admin3"):
        if not getattr(place, level) and e.get(level):
            setattr(place, level, e[level])


def merge_into(g: Gazetteer, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge imported entries into ``g``; returns the resulting entries (to save in the store).

    A matched entry keeps its id, coordinates and admin fields, gains the imported names and ids and the
    admin fields it lacked; an unmatched one is added under its own id.  Admin units are merged outermost
    first, so an entry's enclosing units (``PARENTS``) are already placed when it is."""
    out: dict[str, dict[str, Any]] = {}
    placed: dict[str, str] = {}  # imported id -> id of the gazetteer entry it became
    for e in sorted(entries, key=lambda x: _ADMIN_LEVEL.get(x.get("feature") or "", 3)):
        e = _without_settlement_names(_with_parent_admin(g, e, placed))
        existing = find_existing(g, e)
        if existing is None:
            entry = dict(e)
            if entry.get("feature") == "neighbourhood" and entry.get("city"):
                city = next((p for p in g.lookup(entry["city"]) if p.country == "SYR" and
                             p.feature in ("city", "town")), None)
                entry["parent"] = city.id if city else None
            entry.pop("city", None)
            g.add(Place.from_entry(entry))
            out[entry["id"]] = g.places[entry["id"]].to_entry()
            placed[e["id"]] = entry["id"]
            continue
        placed[e["id"]] = existing.id
        _fill_admin(existing, e)
        clean_names = {lang: [n for n in ns if normalize_term(n)] for lang, ns in (e.get("names") or {}).items()}
        g.add_names(existing.id, clean_names)
        for kind, value in (e.get("ext") or {}).items():
            existing.ext.setdefault(kind, str(value))
            g.by_ext[f"{kind}:{value}"] = existing.id
        if existing.lat is None and e.get("lat") is not None:
            existing.lat, existing.lon = e["lat"], e["lon"]
        out[existing.id] = existing.to_entry()
    return list(out.values())


def import_into_store(store: Any, fmt: str, path: Path) -> tuple[int, int, int, int]:
    """``rasad gazetteer import``: read ``path`` as ``fmt``, merge the entries with the built-in gazetteer and
    the store's, save the result in the store.  Returns (entries read, new entries, entries merged into
    existing ones, entries saved)."""
    entries = read_any(fmt, path)
    g = Gazetteer.with_store(store)
    before = len(g)
    merged = merge_into(g, entries)
    saved = store.save_places(merged, source=f"{fmt}:{path.name}")
    new = len(g) - before
    return len(entries), new, len(merged) - new, saved
