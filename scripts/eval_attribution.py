"""Attribution accuracy (speaker and outlet) per language on the events the pipeline found.

The harness (`rasad eval`, table "Attribution" and ``attribution`` in ``--json``) reports the same
accuracy per language next to the attribution F1 over all gold events; this script prints it per gold
file and, with ``--misses``, every matched pair whose speaker or outlet is wrong, with its sentence.
Both use the harness's matching and comparisons (``scorer.speaker_agrees`` / ``outlet_agrees``).

Usage: python scripts/eval_attribution.py eval/gold/seeds.jsonl eval/gold/dev_*.jsonl --shared ../shared
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from rasad.evaluation.gold import load_gold
from rasad.evaluation.runner import run_pipeline
from rasad.evaluation.scorer import (
    _gold_speaker,
    _pred_speaker,
    gold_outlet,
    match_events,
    norm_name,
    outlet_agrees,
    speaker_agrees,
)


def _describe(sp: Any) -> str:
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
            sp_ok = speaker_agrees(g, p)
            out_ok = outlet_agrees(g, gdoc, p)
            c["speaker_ok"] += sp_ok
            c["outlet_ok"] += out_ok
            if args.misses and not (sp_ok and out_ok):
                g_out = gold_outlet(g, gdoc)
                p_out = p.attribution.outlet if p.attribution else None
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
