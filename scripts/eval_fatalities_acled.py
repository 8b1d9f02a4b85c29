"""Measure the quantity and date extractors on ACLED's own English notes.

ACLED codes each event with a short English ``notes`` text and a ``fatalities`` figure (the most
conservative count reported).  This script runs ``rasad.extract.quantities`` on every note, takes the
largest *killed* count found (ACLED's ``low`` reading of vague words) or 0 when the note has none, and
compares it with the ``fatalities`` column.  It also runs ``rasad.extract.dates`` on the notes, anchored
on the event date as if the note had been published that day: the day-month dates it finds ("since
January 20th", "On 3 January") must resolve to the right year, on or shortly before the event date
(most name when fighting began, so equality with the event date is reported but is not the goal).

Usage::

    python scripts/eval_fatalities_acled.py ../shared/data/acled/acled_syria_2018_dev.csv [--errors 20]

Prints the numbers (and with ``--errors`` a sample of misses); exits 0.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from rasad.extract.dates import find_dates
from rasad.extract.quantities import find_quantities
from rasad.text.normalize import normalize
from rasad.text.sentences import split_sentences


def predicted_fatalities(note: str) -> tuple[int, list[str]]:
    """The largest killed count in ``note`` (0 if none) and the texts of the killed quantities."""
    norm = normalize(note).text
    spans = split_sentences(norm)
    dates = [(d.start, d.end) for d in find_dates(norm, "en", None)]
    killed = [q for q in find_quantities(norm, "en", spans, dates) if q.category == "killed" and not q.subset]
    values = [q.quantity.acled for q in killed if q.quantity.acled is not None]
    return (max(values) if values else 0), [q.quantity.text for q in killed]


def evaluate(path: Path, show_errors: int = 0) -> dict[str, float]:
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    t0 = time.perf_counter()
    exact = exact_pos = n_pos = 0
    dated = date_ok = date_exact = 0
    errors: list[tuple[int, int, list[str], str]] = []
    date_errors: list[tuple[str, str, str]] = []
    buckets: Counter[str] = Counter()
    for row in rows:
        gold = int(row["fatalities"] or 0)
        pred, texts = predicted_fatalities(row["notes"])
        ok = pred == gold
        exact += ok
        if gold > 0:
            n_pos += 1
            exact_pos += ok
        if not ok:
            buckets["missed (pred 0)" if pred == 0 else "spurious (gold 0)" if gold == 0 else "wrong number"] += 1
            errors.append((gold, pred, texts, row["notes"]))
        event_date = datetime.strptime(row["event_date"], "%d-%b-%y").date()
        for d in find_dates(normalize(row["notes"]).text, "en", event_date):
            if d.ref.precision != "day" or d.pattern not in ("dmy", "mdy", "numeric"):
                continue
            dated += 1
            date_exact += d.ref.start == event_date
            if d.ref.start is not None and 0 <= (event_date - d.ref.start).days <= 60:
                date_ok += 1
            else:
                date_errors.append((row["event_date"], str(d.ref.start), row["notes"][:160]))
    seconds = time.perf_counter() - t0
    result = {
        "notes": len(rows),
        "fatalities_exact": exact / len(rows),
        "fatalities_exact_when_gold_positive": exact_pos / n_pos if n_pos else 0.0,
        "notes_with_gold_positive": n_pos,
        "dates_found_in_notes": dated,
        "dates_within_60_days_before_event": date_ok / dated if dated else 0.0,
        "dates_equal_to_event_date": date_exact / dated if dated else 0.0,
        "seconds": seconds,
    }
    for key, value in result.items():
        print(f"{key:40s} {value:.3f}" if isinstance(value, float) else f"{key:40s} {value}")
    for bucket, n in buckets.most_common():
        print(f"  error: {bucket:28s} {n}")
    for gold, pred, texts, note in errors[:show_errors]:
        print(f"\ngold={gold} pred={pred} {texts}\n  {note[:300]}")
    for gold_date, pred_date, note in date_errors[:show_errors]:
        print(f"\ndate gold={gold_date} pred={pred_date}\n  {note}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", type=Path, help="ACLED CSV with notes, fatalities, event_date columns")
    parser.add_argument("--errors", type=int, default=0, help="print this many misses")
    args = parser.parse_args(argv)
    if not args.csv.exists():
        print(f"not found: {args.csv}", file=sys.stderr)
        return 2
    evaluate(args.csv, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
