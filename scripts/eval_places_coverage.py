"""Coverage of the OCHA Syria tables (272 sub-districts, 414 city neighbourhoods) by the gazetteer.

For every OCHA row, look its Arabic and its English name up in the gazetteer and count it as found
when a Syrian entry of that name exists ("by name"), and -- stricter -- when such an entry also lies
near OCHA's point (sub-districts: 25 km of the polygon centroid; neighbourhoods: 3 km).

Built-in only, and (``--import``) after importing the OCHA tables themselves, which must reach 100%.

Usage: python scripts/eval_places_coverage.py /work/shared/data/gazetteer/ocha_syria [--import] [--missing]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from rasad.places.gazetteer import Gazetteer, haversine_km, load_gazetteer

TOLERANCE_KM = {"syr_admin3.csv": 25.0, "city_neighbourhoods.csv": 3.0}


def _near(g: Gazetteer, name: str, lat: float, lon: float, km: float) -> tuple[bool, bool]:
    hits = [p for p in g.lookup(name) if p.country == "SYR"]
    near = any(p.lat is not None and haversine_km(lat, lon, p.lat, p.lon) <= km for p in hits)
    return bool(hits), near


def coverage(g: Gazetteer, path: Path) -> dict[str, object]:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    km = TOLERANCE_KM[path.name]
    out: dict[str, object] = {"table": path.name, "rows": len(rows)}
    for lang, col in (("ar", "NAME_AR"), ("en", "NAME_EN")):
        found = near = 0
        missing = []
        for r in rows:
            lat = float(r.get("LATITUDE") or r["centroid_lat"])
            lon = float(r.get("LONGITUDE") or r["centroid_lon"])
            f, n = _near(g, r[col], lat, lon, km)
            found += f
            near += n
            if not n:
                missing.append(r[col])
        out[f"{lang}_by_name"] = found / len(rows)
        out[f"{lang}_by_name_and_place"] = near / len(rows)
        out[f"{lang}_missing"] = missing
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ocha_dir", type=Path)
    ap.add_argument("--import", dest="do_import", action="store_true", help="also measure after importing OCHA")
    ap.add_argument("--missing", action="store_true", help="list the names not found")
    args = ap.parse_args()
    tables = [args.ocha_dir / "syr_admin3.csv", args.ocha_dir / "city_neighbourhoods.csv"]
    setups: list[tuple[str, Gazetteer]] = [("built-in", load_gazetteer())]
    if args.do_import:
        from rasad.places.importers import import_ocha, merge_into

        g = load_gazetteer().copy()
        for t in sorted(args.ocha_dir.glob("*.csv")):
            merge_into(g, import_ocha(t))
        setups.append(("after OCHA import", g))
    for label, g in setups:
        for t in tables:
            c = coverage(g, t)
            print(f"{label:18s} {c['table']:24s} rows={c['rows']:4d}  "
                  f"ar: {100 * c['ar_by_name']:5.1f}% by name, {100 * c['ar_by_name_and_place']:5.1f}% near  "
                  f"en: {100 * c['en_by_name']:5.1f}% by name, {100 * c['en_by_name_and_place']:5.1f}% near")
            if args.missing:
                print("   missing ar:", ", ".join(c["ar_missing"]))  # type: ignore[arg-type]
                print("   missing en:", ", ".join(c["en_missing"]))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
