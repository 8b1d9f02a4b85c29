"""Gold vs predicted events, document by document, with the harness's own matching.

Usage: python scripts/eval_diff.py eval/gold/dev_fakes_en.jsonl eval/gold/dev_fars_fa.jsonl
       [--shared ../shared] [--key fakes:1914947533] [--only-errors] [--summary]

For every gold document it prints the gold events and the predicted events side by side: matched
pairs first (fields that disagree are marked ``!=``), then unmatched gold (misses) and unmatched
predictions (over-generation in fully annotated documents, unscored extras otherwise).  ``--summary``
adds counts of error classes over all documents (type confusions, missed/extra sub-types, fatality and
date disagreements) so the dominant failure is visible at a glance.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from rasad.evaluation.gold import GoldDoc, GoldEvent, load_gold
from rasad.evaluation.runner import run_pipeline
from rasad.evaluation.scorer import (
    date_correct,
    fatalities_exact,
    location_correct,
    match_events,
    pred_fatalities,
)
from rasad.model import Event


def _short(text: str | None, n: int = 90) -> str:
    s = " ".join((text or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _gold_fat(g: GoldEvent) -> str:
    f = g.fatalities
    if f is None:
        return "-"
    if f.unspecified:
        return "unspec"
    return str(f.value) if f.low in (None, f.best) else f"{f.low}/{f.best}"


def _gold_date(g: GoldEvent) -> str:
    d = g.date or {}
    if d.get("start"):
        return f"{d['start']}..{d.get('end') or d['start']}({d.get('precision', 'day')})"
    return d.get("expression") or "-"


def _pred_date(e: Event) -> str:
    d = e.date
    if d is None:
        return "-"
    src = "(pub)" if e.attrs.get("date_source") == "published" else ""
    if d.start:
        return f"{d.start}..{d.end}({d.precision}){src}"
    return d.expression or "-"


def _actor(a: Any, gold: bool) -> str:
    if not a:
        return "-"
    return str(a.get("id") if gold else a.canonical_id)


def _gold_line(g: GoldEvent) -> str:
    loc = (g.location or {}).get("name") or "-"
    return (f"G {g.id:4} {g.sub_event_type:34} a1={_actor(g.actor1, True):18} a2={_actor(g.actor2, True):18}"
            f" loc={loc:16} date={_gold_date(g):28} fat={_gold_fat(g):6} pol={g.polarity}")


def _pred_line(e: Event) -> str:
    loc = e.location.name if e.location else "-"
    fat = pred_fatalities(e)
    return (f"P {e.id.split(':')[-1]:4} {e.sub_event_type:34} a1={_actor(e.actor1, False):18}"
            f" a2={_actor(e.actor2, False):18} loc={loc:16} date={_pred_date(e):28}"
            f" fat={fat if fat is not None else '-'!s:6} pol={e.polarity}")


def diff_document(gd: GoldDoc, pred: list[Event], stats: Counter[str], only_errors: bool) -> list[str]:
    """Lines describing one document; updates ``stats`` with its error classes."""
    pairs = match_events(gd.events, pred)
    out: list[str] = []
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    problems = 0
    for gi, pi in pairs:
        g, p = gd.events[gi], pred[pi]
        flags = []
        if g.sub_event_type != p.sub_event_type:
            flags.append("sub")
            stats[f"confuse {g.sub_event_type} -> {p.sub_event_type}"] += 1
        if g.fatalities is not None and not g.fatalities.unspecified and g.fatalities.value is not None:
            if not fatalities_exact(g, p):
                flags.append("fat")
                stats["fatalities missing" if pred_fatalities(p) is None else "fatalities wrong"] += 1
        if g.date and g.date.get("start"):
            if not date_correct(g, p.date):
                flags.append("date")
                stats["date missing" if p.date is None else "date wrong"] += 1
        if g.location and not location_correct(g, p):
            flags.append("loc")
            stats["location wrong/missing"] += 1
        if (g.actor1 or {}).get("id") != (p.actor1.canonical_id if p.actor1 else None):
            flags.append("a1")
        problems += bool(flags)
        out.append(f"  {_gold_line(g)}")
        out.append(f"  {_pred_line(p)}  {'!= ' + ','.join(flags) if flags else 'ok'}")
        out.append(f"      trigger: {_short(p.trigger.text, 40)!r} | {_short(p.sentence.text)}")
    for gi, g in enumerate(gd.events):
        if gi not in matched_g:
            problems += 1
            stats[f"missed {g.sub_event_type}"] += 1
            out.append(f"  {_gold_line(g)}  MISSED")
            out.append(f"      evidence: {_short((g.evidence or {}).get('quote'))}")
    for pi, p in enumerate(pred):
        if pi not in matched_p:
            tag = "EXTRA" if gd.complete else "extra(unscored)"
            if gd.complete:
                problems += 1
                stats[f"extra {p.sub_event_type}"] += 1
            else:
                stats["unscored extra"] += 1
            out.append(f"  {_pred_line(p)}  {tag}")
            out.append(f"      trigger: {_short(p.trigger.text, 40)!r} | {_short(p.sentence.text)}")
    if only_errors and not problems:
        return []
    head = f"== {gd.key} [{gd.lang}] {'complete' if gd.complete else 'main-events'}: " \
           f"{len(gd.events)} gold, {len(pred)} predicted, {len(pairs)} matched"
    return [head, *out, ""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--key", action="append", default=[], help="only these gold document keys")
    ap.add_argument("--only-errors", action="store_true")
    ap.add_argument("--summary", action="store_true")
    args = ap.parse_args(argv)
    gold = load_gold(args.gold, args.shared)
    if args.key:
        gold.docs = [d for d in gold.docs if d.key in set(args.key)]
    run = run_pipeline(gold)
    stats: Counter[str] = Counter()
    for gd, doc in zip(gold.docs, run.docs, strict=True):
        for line in diff_document(gd, doc.events, stats, args.only_errors):
            print(line)
    if args.summary:
        print("== error classes")
        for name, n in stats.most_common():
            print(f"{n:5}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
