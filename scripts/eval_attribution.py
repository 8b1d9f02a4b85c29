"""Attribution accuracy (speaker and outlet) per language on the events the pipeline found.

The harness (`rasad eval`) scores attribution over *all* gold events, so its attribution F1 is capped
by event recall.  This script separates the two: it runs the same pipeline and the same event
matching, then counts, over matched gold/predicted pairs only, how often the speaker and the outlet
are right (same comparison functions as the harness).  ``--misses`` prints every wrong pair.

Usage: python scripts/eval_attribution.py eval/gold/seeds.jsonl eval/gold/dev_*.jsonl --shared ../shared
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from rasad.evaluation.gold import load_gold
from rasad.evaluation.runner import run_pipeline
from rasad.evaluation.scorer import (
    _gold_speaker,
    _pred_speaker,
    gold_outlet,
    match_events,
    norm_name,
    outlet_correct,
    speaker_correct,
)


def _speaker_ok(gold_ev, pred_ev) -> bool:  # type: ignore[no-untyped-def]
    """Correct when both say "the outlet's own voice" or the harness calls the speakers equal."""
    g, p = _gold_speaker(gold_ev), _pred_speaker(pred_ev)
    if g is None and p is None:
        return True
    return g is not None and p is not None and speaker_correct(gold_ev, pred_ev)


def _describe(sp) -> str:  # type: ignore[no-untyped-def]
    if sp is None:
        return "<outlet>"
    if isinstance(sp, dict):
        return f"{sp.get('kind')}:{sp.get('canonical_id') or sp.get('name')}"
    return f"{sp.kind}:{sp.canonical_id or sp.name}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--misses", action="store_true", help="print every wrong speaker/outlet")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    gold = load_gold(list(args.gold), args.shared)
    run = run_pipeline(gold)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for gdoc, doc in zip(gold.docs, run.docs, strict=True):
        pairs = match_events(gdoc.events, doc.events)
        c = counts[gdoc.lang]
        c["gold_events"] += len(gdoc.events)
        for gi, pi in pairs:
            g, p = gdoc.events[gi], doc.events[pi]
            c["matched"] += 1
            sp_ok = _speaker_ok(g, p)
            c["speaker_ok"] += sp_ok
            g_out = gold_outlet(g, gdoc)
            p_out = p.attribution.outlet if p.attribution else None
            out_ok = outlet_correct(g, gdoc, p) if g_out else not p_out
            c["outlet_ok"] += out_ok
            if args.misses and not (sp_ok and out_ok):
                sentence = doc.text[p.sentence.start:p.sentence.end].replace("\n", " ")
                print(f"[{gdoc.key} {g.id}~{p.id}] speaker {'ok' if sp_ok else 'WRONG'}: gold "
                      f"{_describe(_gold_speaker(g))} pred {_describe(_pred_speaker(p))}; outlet "
                      f"{'ok' if out_ok else 'WRONG'}: gold {norm_name(g_out) or '-'} pred {norm_name(p_out) or '-'}"
                      f"\n    {sentence[:300]}")
    result = {}
    for lang, c in sorted(counts.items()):
        m = c["matched"] or 1
        result[lang] = {"gold_events": c["gold_events"], "matched": c["matched"],
                        "speaker_accuracy": round(c["speaker_ok"] / m, 3),
                        "outlet_accuracy": round(c["outlet_ok"] / m, 3)}
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for lang, r in result.items():
            print(f"{lang}: matched {r['matched']}/{r['gold_events']} gold events; speaker accuracy "
                  f"{r['speaker_accuracy']:.3f}, outlet accuracy {r['outlet_accuracy']:.3f}")


if __name__ == "__main__":
    main()
