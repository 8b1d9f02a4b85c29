"""Why gold cross-document links were (not) made: per gold link cluster, each member's predicted event
and, for every pair of members, whether the merge put them together and what kept them apart.

Usage: python scripts/eval_links_diff.py eval/gold/seeds.jsonl eval/gold/seeds_links.jsonl
       [--shared ../shared] [--cluster NAME]

It runs the pipeline and the merge exactly like ``rasad eval`` (same one-to-one matching of predicted
to gold events), then for each gold cluster prints:

* per member: the matched predicted event (sub-event, place and its containment path, date window used
  for blocking, actor blocs, control flag) and the canonical event it landed in -- or ``UNMATCHED``
  (an extraction miss: the link cannot be scored whatever the merge does);
* per member pair not merged: the reasons from ``rasad.merge.explain_pair`` (type, place, date, actors),
  or "compatible" when the pair alone would merge and the greedy clustering / blocking kept it apart;
* false links: predicted canonical events joining gold events of different clusters (or a cluster and
  a singleton).
"""

from __future__ import annotations

import argparse
from itertools import combinations
from pathlib import Path

from rasad.evaluation.gold import load_gold
from rasad.evaluation.runner import run_pipeline
from rasad.evaluation.scorer import match_events
from rasad.merge import merge_documents
from rasad.merge.core import MergeRecord, explain_pair, merge_records
from rasad.model import Event


def _event_line(ev: Event, rec: MergeRecord | None, canon: str) -> str:
    loc = ev.location.name if ev.location else "-"
    d = ev.date
    date_txt = f"{d.start}..{d.end}({d.precision})" if d and d.start else (d.expression if d else "-") or "-"
    if ev.attrs.get("date_source") == "published":
        date_txt += "(pub)"
    a1 = ev.actor1.canonical_id if ev.actor1 else "-"
    a2 = ev.actor2.canonical_id if ev.actor2 else "-"
    line = (f"{ev.sub_event_type:34} a1={a1!s:18} a2={a2!s:18} loc={loc} date={date_txt}"
            f" outcome={ev.outcome or '-'} -> {canon}")
    if rec is not None:
        line += f"\n        record: {rec.describe()}"
    return line


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--cluster", action="append", default=[], help="only these gold clusters")
    args = ap.parse_args(argv)

    gold = load_gold(args.gold, args.shared)
    run = run_pipeline(gold)
    result = merge_documents(run.docs)
    records = merge_records(run.docs)
    doc_of_key = {gd.key: doc for gd, doc in zip(gold.docs, run.docs, strict=True)}
    # (doc key, gold event id) -> predicted Event
    pred_of: dict[tuple[str, str], Event] = {}
    gold_of_pred: dict[str, tuple[str, str]] = {}
    for gd, doc in zip(gold.docs, run.docs, strict=True):
        for gi, pi in match_events(gd.events, doc.events):
            pred_of[(gd.key, gd.events[gi].id)] = doc.events[pi]
            gold_of_pred[doc.events[pi].id] = (gd.key, gd.events[gi].id)

    cluster_of = {m: c.id for c in gold.clusters for m in c.members}
    n_pairs = n_linked = 0
    for cluster in gold.clusters:
        if args.cluster and cluster.id not in args.cluster:
            continue
        print(f"== {cluster.id}: {len(cluster.members)} members")
        for key, gid in cluster.members:
            ev = pred_of.get((key, gid))
            if ev is None:
                doc = doc_of_key.get(key)
                n_pred = len(doc.events) if doc else 0
                print(f"  {key}#{gid}: UNMATCHED (no predicted event matches the gold event; {n_pred} predicted)")
                continue
            print(f"  {key}#{gid}: {_event_line(ev, records.get(ev.id), result.event_to_canonical.get(ev.id, '-'))}")
        for a, b in combinations(cluster.members, 2):
            n_pairs += 1
            ea, eb = pred_of.get(a), pred_of.get(b)
            if ea is None or eb is None:
                print(f"  MISS {a[0]}#{a[1]} ~ {b[0]}#{b[1]}: extraction (unmatched member)")
                continue
            if result.event_to_canonical.get(ea.id) == result.event_to_canonical.get(eb.id):
                n_linked += 1
                continue
            reasons = explain_pair(records[ea.id], records[eb.id]) if ea.id in records and eb.id in records \
                else ["not merged: no merge record (unknown sub-event type)"]
            why = "; ".join(reasons) if reasons else "compatible as a pair: clustering order/blocking kept them apart"
            print(f"  MISS {a[0]}#{a[1]} ~ {b[0]}#{b[1]}: {why}")
        print()

    print("== false links (predicted canonical events joining gold events of different clusters)")
    for c in result.canonical_events:
        golds = [gold_of_pred[r.event_id] for r in c.reports if r.event_id in gold_of_pred]
        for a, b in combinations(golds, 2):
            if a[0] != b[0] and cluster_of.get(a) != cluster_of.get(b) and (a in cluster_of or b in cluster_of):
                print(f"  {c.id}: {a[0]}#{a[1]} ({cluster_of.get(a, 'singleton')}) + "
                      f"{b[0]}#{b[1]} ({cluster_of.get(b, 'singleton')})")
    print(f"\ngold pairs linked: {n_linked}/{n_pairs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
