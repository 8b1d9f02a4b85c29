"""Measure event LOCATION on ACLED's English notes against ACLED's own geo-coding.

Usage: python scripts/eval_locations_acled.py ../shared/data/acled/acled_syria_2018_dev.csv
           [--start 0] [--n 1000] [--json] [--errors FILE] [--import FORMAT:PATH ...]

Rows 0-999 of acled_syria_2018_dev.csv are the development slice; rows 1000-1999 are held out (score
them, never study their errors).  The rows are read with ``eval_events_acled.read_rows``.  For each note
the pipeline runs up to the events stage and two events are scored against the row:

* ``first``: the first extracted event (ACLED codes one event per note; eval_events_acled.py scores
  its type and actors);
* ``best``: of all the note's events, the one whose location lies nearest ACLED's point (the first
  when none has coordinates) -- what the location linking could reach if the event were chosen right.

Per scored event: admin1 and admin2 accuracy (ACLED's OCHA names against the place's enclosing units,
or the unit itself when the place is one), within 10 km / 25 km of ACLED's point, the exact place
(the same name under the transliteration-folding ``latin_key`` within 10 km of ACLED's point -- a
namesake elsewhere is no hit -- or the same gazetteer entry: one found under ACLED's name within 10 km of
ACLED's point), geo-precision agreement (1 town, 2 near/part of a
region, 3 province), ``p1_far`` -- precision 1 claimed for a point more than 10 km from ACLED's (a false
"exactly here"; lower is better: a village the gazetteer lacks, "X village in Hama countryside", is honestly
the province at precision 2, though ACLED, which found the village, codes 1) -- and the share of notes with
no location (no event, or an event without a place).
Every rate is over all notes of the slice (a note with no location counts as wrong), overall and per
ACLED geo_precision.

``--import FORMAT:PATH`` (repeatable, in order; FORMAT as for ``rasad gazetteer import``) imports
analysts' gazetteers into a temporary store exactly as ``rasad gazetteer import`` does, and runs the
geoparser and the scoring with the store's gazetteer (``Gazetteer.with_store`` + ``use_gazetteer``): what
an analyst who imported OpenSyria or OCHA would get.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from eval_events_acled import read_rows  # scripts/ is on sys.path when a script here is run

from rasad.model import Document, Event, PlaceRef
from rasad.pipeline import build_pipeline
from rasad.places.gazetteer import Gazetteer, haversine_km, latin_key, load_gazetteer
from rasad.text.normalize import normalize_term

#: Rows ``0 .. DEV_ROWS - 1`` are the development slice; the rows after them are held out (``--errors`` refuses them).
DEV_ROWS = 1000
METRICS = ("admin1", "admin2", "km10", "km25", "exact", "precision", "p1_far", "none")
#: An entry found under ACLED's name counts as ACLED's place when it lies this close to ACLED's point.
SAME_ENTRY_KM = 10.0


def gold_names(row: dict[str, str]) -> set[str]:
    """``latin_key`` forms of ACLED's location: the whole name and each part of "City - Neighbourhood"."""
    loc = row["location"]
    parts = [loc, *(p for p in loc.split(" - ") if p.strip())]
    return {latin_key(p) for p in parts if p.strip()}


def gold_entries(g: Gazetteer, row: dict[str, str]) -> set[str]:
    """Gazetteer ids found under ACLED's location name (any part) within ``SAME_ENTRY_KM`` of its point."""
    lat, lon = float(row["latitude"]), float(row["longitude"])
    ids: set[str] = set()
    for part in {row["location"], *row["location"].split(" - ")}:
        part = part.strip()
        if not part:
            continue
        found = list(g.by_latin.get(latin_key(part), ()))
        found += g.by_name.get(normalize_term(part), ())
        for pid in found:
            p = g.places.get(pid)
            if p is not None and p.lat is not None and p.lon is not None \
                    and haversine_km(lat, lon, p.lat, p.lon) <= SAME_ENTRY_KM:
                ids.add(pid)
    return ids


def _unit(ref: PlaceRef, level: str) -> str | None:
    """The place's enclosing unit at ``level`` (admin1/admin2), or its own name when it is that unit."""
    if ref.feature == level:
        return ref.name
    return getattr(ref, level)


def score_location(g: Gazetteer, row: dict[str, str], ref: PlaceRef | None) -> dict[str, bool]:
    """The metrics of one predicted location against one ACLED row (``none``: no location at all)."""
    if ref is None:
        return {m: m == "none" for m in METRICS}
    lat, lon = float(row["latitude"]), float(row["longitude"])
    dist = (haversine_km(lat, lon, ref.latitude, ref.longitude)
            if ref.latitude is not None and ref.longitude is not None else None)
    pred_unit1, pred_unit2 = _unit(ref, "admin1"), _unit(ref, "admin2")
    names = gold_names(row)
    place = g.get(ref.place_id) if ref.place_id else None
    pred_names = {latin_key(ref.name), latin_key(ref.text)}
    if place is not None:
        pred_names |= {latin_key(n) for n in place.names.get("en", ())}
    # a name alone is no proof: the gazetteer holds many namesakes (Al Majdal, Qantara, Mansura ...)
    exact = (bool(pred_names & names) and dist is not None and dist <= SAME_ENTRY_KM) \
        or (place is not None and place.id in gold_entries(g, row))
    return {
        "admin1": pred_unit1 is not None and latin_key(pred_unit1) == latin_key(row["admin1"]),
        "admin2": pred_unit2 is not None and latin_key(pred_unit2) == latin_key(row["admin2"]),
        "km10": dist is not None and dist <= 10.0,
        "km25": dist is not None and dist <= 25.0,
        "exact": exact,
        "precision": ref.geo_precision is not None and str(ref.geo_precision) == row["geo_precision"].strip(),
        "p1_far": ref.geo_precision == 1 and not (dist is not None and dist <= 10.0),
        "none": False,
    }


def best_event(events: list[Event], row: dict[str, str]) -> Event | None:
    """The event whose location lies nearest ACLED's point (the first event when none has coordinates)."""
    lat, lon = float(row["latitude"]), float(row["longitude"])
    located = [e for e in events if e.location is not None and e.location.latitude is not None
               and e.location.longitude is not None]
    if not located:
        return events[0] if events else None
    return min(located, key=lambda e: haversine_km(lat, lon, e.location.latitude, e.location.longitude))


def _rates(counts: dict[str, int], n: int) -> dict[str, float]:
    return {m: round(counts[m] / n, 3) if n else 0.0 for m in METRICS}


def imported_gazetteer(imports: list[tuple[str, Path]], workdir: Path) -> Gazetteer:
    """The built-in gazetteer plus ``imports`` (format, path), imported in order into a store in ``workdir``
    the way ``rasad gazetteer import`` does; the geoparser of the pipeline stage is switched to it."""
    from rasad.places.geoparse import use_gazetteer
    from rasad.places.importers import import_into_store
    from rasad.store.base import open_store

    with open_store(str(workdir / "gazetteer.db")) as store:
        for fmt, src in imports:
            read, new, merged, _ = import_into_store(store, fmt, src)
            print(f"imported {fmt}:{src}: {read} entries, {new} new, {merged} merged", file=sys.stderr)
        g = Gazetteer.with_store(store)
    use_gazetteer(g)
    return g


def parse_import(spec: str) -> tuple[str, Path]:
    """``FORMAT:PATH`` -> (format, path)."""
    fmt, sep, src = spec.partition(":")
    if not sep or not src:
        raise argparse.ArgumentTypeError(f"expected FORMAT:PATH, got {spec!r}")
    return fmt, Path(src)


def evaluate(path: Path, n: int, start: int = 0, errors: list[dict[str, Any]] | None = None,
             gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """Location metrics for rows ``start .. start + n``: overall and per ACLED geo_precision, for the
    first and the best-matching event.  ``errors`` (if given) receives one record per note whose first
    event's location is not ACLED's place -- for development rows only.  ``gazetteer``: the one the
    geoparser was switched to (``imported_gazetteer``), else the built-in one."""
    pipe = build_pipeline(until="events")
    g = gazetteer or load_gazetteer()
    rows = read_rows(path, n, start)
    totals: dict[str, dict[str, dict[str, int]]] = {"first": defaultdict(lambda: defaultdict(int)),
                                                   "best": defaultdict(lambda: defaultdict(int))}
    per_prec_n: dict[str, int] = defaultdict(int)
    for i, row in enumerate(rows, start):
        doc = Document.create(row["notes"], lang="en")
        pipe(doc)
        prec = row["geo_precision"].strip() or "?"
        per_prec_n[prec] += 1
        first = doc.events[0] if doc.events else None
        picks = {"first": first, "best": best_event(doc.events, row)}
        for which, ev in picks.items():
            got = score_location(g, row, ev.location if ev is not None else None)
            for m, ok in got.items():
                if ok:
                    totals[which]["all"][m] += 1
                    totals[which][prec][m] += 1
            if which == "first" and errors is not None and not (got["exact"] and got["precision"]):
                loc = ev.location if ev is not None else None
                errors.append({
                    "row": i, "notes": row["notes"],
                    "gold": {k: row[k] for k in ("admin1", "admin2", "admin3", "location", "geo_precision")},
                    "pred": None if loc is None else {"name": loc.name, "text": loc.text, "feature": loc.feature,
                                                      "admin1": loc.admin1, "admin2": loc.admin2,
                                                      "geo_precision": loc.geo_precision},
                    "events": len(doc.events), "metrics": got})
    out: dict[str, Any] = {"notes": len(rows), "start": start}
    for which, by in totals.items():
        out[which] = {"all": _rates(by["all"], len(rows))}
        for prec in sorted(per_prec_n):
            out[which][f"geo_precision_{prec}"] = {"n": per_prec_n[prec], **_rates(by[prec], per_prec_n[prec])}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path, help="acled_syria_2018_dev.csv (read in place)")
    parser.add_argument("--n", type=int, default=1000, help="number of notes")
    parser.add_argument("--start", type=int, default=0, help="first row (0-based) of the slice scored")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--errors", type=Path, help="write the first event's misses as JSON Lines (dev rows only)")
    parser.add_argument("--import", dest="imports", type=parse_import, action="append", default=[],
                        metavar="FORMAT:PATH", help="import this gazetteer (geonames|ocha|opensyria) into a "
                        "temporary store first and use it (repeatable)")
    args = parser.parse_args(argv)
    if not args.csv.exists():
        print(f"not found: {args.csv}", file=sys.stderr)
        return 2
    if args.errors and args.start + args.n > DEV_ROWS:
        print(f"--errors lists misses of development rows only (0-{DEV_ROWS - 1}): rows {DEV_ROWS}+ are held out",
              file=sys.stderr)
        return 2
    errors: list[dict[str, Any]] | None = [] if args.errors else None
    with tempfile.TemporaryDirectory(prefix="rasad-acled-gaz-") as tmp:
        g = imported_gazetteer(args.imports, Path(tmp)) if args.imports else None
        result = evaluate(args.csv, args.n, args.start, errors, gazetteer=g)
    result["imports"] = [f"{fmt}:{src}" for fmt, src in args.imports]
    if args.errors and errors is not None:
        with args.errors.open("w", encoding="utf-8") as fh:
            for e in errors:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"ACLED notes: {result['notes']} (rows {args.start}-{args.start + result['notes'] - 1})")
    header = "  ".join(f"{m:>9}" for m in METRICS)
    for which in ("first", "best"):
        print(f"{which} event{'':26}{header}")
        for key, v in result[which].items():
            label = key if key == "all" else f"{key} (n={v['n']})"
            print(f"  {label:32}" + "  ".join(f"{v[m]:9.3f}" for m in METRICS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
