"""Measure the date and quantity extractors against the event gold (eval/gold/*.jsonl).

The gold annotates events, not mentions, so this measures what the extractors make possible: for each
gold event with a fatality figure, is there a *killed* quantity in its evidence (the evidence span,
else its sentence) whose ACLED figure (``Quantity.low``, else ``best``) equals the gold's; and for each
gold event dated to the day, does the date mention nearest before its evidence (in the evidence
sentence, else earlier in the document; the publication date if there is none) resolve to the gold
day.  Documents get only what ingestion knows (``to_document``: the publication date when the source
gives one).  Linking dates and counts to events properly is the events stage's job; this is the ceiling
the extractors set for a simple nearest-mention rule.

Usage::

    python scripts/eval_dates_quantities_gold.py ../shared eval/gold/seeds.jsonl eval/gold/dev_*.jsonl
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from rasad.evaluation.gold import load_gold, to_document
from rasad.extract.dates import dates_stage
from rasad.extract.quantities import quantities_stage
from rasad.model import Document, Mention
from rasad.text.normalize_stage import normalize_stage
from rasad.text.sentences import sentences_stage


def _sentence_span(doc: Document, start: int, end: int) -> tuple[int, int]:
    first = doc.sentence_at(start)
    last = doc.sentence_at(max(start, end - 1))
    return (first.start if first else start, last.end if last else end)


def _killed_value(doc: Document, span: tuple[int, int]) -> int | None:
    """ACLED figure of the first killed quantity inside the evidence span, else its sentence(s)."""
    quantities = [m for m in doc.mentions_of("quantity") if m.attrs["category"] == "killed"]
    for lo, hi in (span, _sentence_span(doc, *span)):
        inside = [m for m in quantities if lo <= m.start and m.end <= hi]
        if inside:
            q = inside[0].attrs
            return q["low"] if q["low"] is not None else q["best"]
    return None


def _date_for(doc: Document, span: tuple[int, int]) -> Mention | None:
    """The date mention in the evidence sentence(s) (first one), else the last one before it."""
    dates = [m for m in doc.mentions_of("date") if m.attrs["start"] is not None]
    lo, hi = _sentence_span(doc, *span)
    inside = [m for m in dates if lo <= m.start < hi]
    if inside:
        return inside[0]
    before = [m for m in dates if m.end <= lo]
    return before[-1] if before else None


def evaluate(shared: Path, gold_paths: list[Path]) -> dict[str, dict[str, float]]:
    gold = load_gold(gold_paths, shared_dir=shared)
    stats: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for gdoc in gold.docs:
        doc = to_document(gdoc)
        doc.lang = gdoc.lang
        normalize_stage(doc)
        sentences_stage(doc)
        dates_stage(doc)
        doc.stages_done.append("dates")
        quantities_stage(doc)
        s = stats[gdoc.lang]
        for event in gdoc.events:
            span = event.evidence_span
            if span is None:
                continue
            fat = event.fatalities
            if fat is not None and fat.value is not None and not fat.unspecified:
                s["fatalities_events"] += 1
                gold_value = fat.low if fat.low is not None else fat.value
                s["fatalities_exact"] += _killed_value(doc, span) == gold_value
            gdate = event.date or {}
            if gdate.get("precision") == "day" and gdate.get("start"):
                s["date_events"] += 1
                mention = _date_for(doc, span)
                predicted = mention.attrs["start"] if mention else (doc.published.date().isoformat()
                                                                      if doc.published else None)
                s["date_day_exact"] += predicted == gdate["start"]
                s["date_from_mention"] += mention is not None
    print(f"{'lang':6s} {'fat. events':>11s} {'fat. exact':>10s} {'date events':>11s} {'day exact':>9s} {'from mention':>12s}")
    total: dict[str, float] = defaultdict(float)
    for lang, s in sorted(stats.items()):
        for k, v in s.items():
            total[k] += v
        _row(lang, s)
    _row("all", total)
    return {lang: dict(s) for lang, s in stats.items()}


def _row(name: str, s: dict[str, float]) -> None:
    fe, de = s.get("fatalities_events", 0), s.get("date_events", 0)
    fx = f"{s.get('fatalities_exact', 0) / fe:.2f}" if fe else "-"
    dx = f"{s.get('date_day_exact', 0) / de:.2f}" if de else "-"
    dm = f"{s.get('date_from_mention', 0) / de:.2f}" if de else "-"
    print(f"{name:6s} {fe:11.0f} {fx:>10s} {de:11.0f} {dx:>9s} {dm:>12s}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", type=Path, help="the shared data folder (texts are read from it)")
    parser.add_argument("gold", type=Path, nargs="+", help="gold JSON Lines files")
    args = parser.parse_args(argv)
    if not args.shared.exists():
        print(f"not found: {args.shared}", file=sys.stderr)
        return 2
    evaluate(args.shared, args.gold)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
