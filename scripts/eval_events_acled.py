"""Measure event typing and actor recognition on ACLED's English notes (old 9-type schema).

Usage: python scripts/eval_events_acled.py ../shared/data/acled/acled_syria_2018_dev.csv [--n 500] [--start 0] [--json]
       [--show-extra N]

``--show-extra N`` prints, for up to N notes with more than one event, the note and each event (type,
sub-type, polarity, trigger, place, actors, killed) to classify the extra ones; use it on development rows only.

Each ACLED row is one coded event whose ``notes`` are a short English report.  We run the pipeline on
the note and compare the *first* extracted event (ACLED codes one event per note) with the row:

* event type: the old 2018 types are mapped to the 2023 taxonomy (below; "Riots/Protests" accepts
  Protests or Riots).  Reported: accuracy over all notes (no event = wrong), and per-type
  precision/recall/F1 with micro and macro averages.
* actors: the set of canonical ids among actor1/actor2 (and associated actors) of that event against
  ACLED's actor1/actor2 mapped to Rasad ids (unmapped ACLED actors are left out of the gold set);
  micro precision/recall/F1.
* over-generation: extracted events per note beyond the first.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

from rasad.model import Document, Event
from rasad.pipeline import build_pipeline

OLD_TO_NEW: dict[str, set[str]] = {
    "Remote violence": {"Explosions/Remote violence"},
    "Battle-No change of territory": {"Battles"},
    "Battle-Non-state actor overtakes territory": {"Battles"},
    "Battle-Government regains territory": {"Battles"},
    "Violence against civilians": {"Violence against civilians"},
    "Riots/Protests": {"Protests", "Riots"},
    "Strategic development": {"Strategic developments"},
    "Non-violent transfer of territory": {"Strategic developments"},
    "Headquarters or base established": {"Strategic developments"},
}

#: ACLED actor name prefixes -> Rasad canonical ids (a name may map to several acceptable ids).
ACTOR_MAP: list[tuple[str, set[str]]] = [
    ("Military Forces of Syria", {"sy_gov_forces"}),
    ("Allied Syrian and/or Russian Forces", {"sy_gov_forces", "ru_forces"}),
    ("Police Forces of Syria", {"sy_gov_forces"}),
    ("Unidentified Military Forces (Syria)", {"sy_gov_forces"}),
    ("Militia (Pro-Government)", {"sy_progov_militia"}),
    ("NDF", {"sy_progov_militia"}),
    ("Hezbollah", {"hezbollah"}),
    ("Military Forces of Iran", {"ir_forces"}),
    ("Military Forces of Russia", {"ru_forces"}),
    ("Military Forces of Turkey", {"tr_forces"}),
    ("Operation Olive Branch", {"tr_forces", "fsa"}),
    ("Operation Euphrates Shield", {"tr_forces", "fsa"}),
    ("Military Forces of Israel", {"il_forces"}),
    ("Military Forces of the United States", {"us_coalition"}),
    ("Global Coalition Against Daesh", {"us_coalition"}),
    ("HTS: Hayat Tahrir al-Sham", {"nusra"}),
    ("Islamic State", {"isis"}),
    ("Khalid ibn al-Walid Army", {"isis"}),
    ("QSD: Syrian Democratic Forces", {"sdf", "ypg"}),
    ("YPG: Peoples Protection Units", {"ypg", "sdf"}),
    ("JSH: Free Syrian Army", {"fsa", "sy_opposition"}),
    ("Opposition Rebels (Syria)", {"sy_opposition", "fsa"}),
    ("Islamist Militia (Syria)", {"sy_opposition"}),
    ("Jaysh al-Islam", {"sy_opposition"}),
    ("AAS: Ahrar al-Sham", {"sy_opposition"}),
    ("HNDZ: Nour al-Din al-Zinki Movement", {"sy_opposition"}),
    ("JTS: Syria Liberation Front", {"sy_opposition"}),
    ("FaR: Al-Rahman Corps", {"sy_opposition"}),
    ("Jaysh al-Izza", {"sy_opposition"}),
    ("Jaysh al-Ahrar", {"sy_opposition"}),
    ("Unidentified Armed Group (Syria)", {"unidentified_armed_group", "sy_opposition"}),
    ("Civilians (Syria)", {"civilians"}),
    ("Protesters (Syria)", {"protesters"}),
    ("Rioters (Syria)", {"protesters"}),
]


def map_actor(name: str) -> set[str] | None:
    for prefix, ids in ACTOR_MAP:
        if name.startswith(prefix):
            return ids
    return None


def read_rows(path: Path, n: int, start: int = 0) -> list[dict[str, str]]:
    """Rows ``start .. start + n`` of the ACLED file, read in place (also used by eval_locations_acled.py)."""
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))[start:start + n]


def describe_event(ev: Event) -> str:
    """One line telling an extracted event: its sub-type, polarity, trigger, place, actors and toll."""
    place = ev.location.name if ev.location is not None else None
    actors = [a.canonical_id for a in (ev.actor1, ev.actor2) if a is not None]
    killed = ev.fatalities.best if ev.fatalities is not None else None
    return (f"{ev.sub_event_type} [{ev.polarity}] trigger={ev.trigger.text!r} place={place} actors={actors} "
            f"killed={killed}")


def evaluate(path: Path, n: int, start: int = 0, show_extra: int = 0) -> dict:
    """Score rows ``start .. start + n`` of the ACLED file (another slice checks that rules generalise);
    print up to ``show_extra`` notes with extra events."""
    pipe = build_pipeline(until="events")
    rows = read_rows(path, n, start)
    correct = 0
    tp_t: Counter[str] = Counter()
    fp_t: Counter[str] = Counter()
    fn_t: Counter[str] = Counter()
    a_tp = a_pred = a_gold = 0
    extra = 0
    no_event = 0
    for row in rows:
        doc = Document.create(row["notes"], lang="en")
        pipe(doc)
        gold_types = OLD_TO_NEW.get(row["event_type"], set())
        gold_label = sorted(gold_types)[0] if gold_types else "?"
        events = doc.events
        extra += max(0, len(events) - 1)
        if len(events) > 1 and show_extra > 0:
            show_extra -= 1
            print(f"--- row {start + rows.index(row)} ({row['event_type']}): {row['notes']}")
            for ev in events:
                print("   ", describe_event(ev))
        if not events:
            no_event += 1
            fn_t[gold_label] += 1
        else:
            ev = events[0]
            if ev.event_type in gold_types:
                correct += 1
                tp_t[ev.event_type] += 1
            else:
                fp_t[ev.event_type] += 1
                fn_t[gold_label] += 1
        gold_actor_sets = [s for s in (map_actor(row["actor1"]), map_actor(row["actor2"])) if s]
        pred_ids = set()
        if events:
            ev = events[0]
            pred_ids = {a.canonical_id for a in [ev.actor1, ev.actor2, *ev.assoc_actors] if a is not None}
        matched = 0
        used: set[str] = set()
        for s in gold_actor_sets:
            hit = next((i for i in pred_ids if i in s and i not in used), None)
            if hit is not None:
                matched += 1
                used.add(hit)
        a_tp += matched
        a_gold += len(gold_actor_sets)
        a_pred += len(pred_ids)
    per_type = {}
    for t in sorted(set(tp_t) | set(fp_t) | set(fn_t)):
        p = tp_t[t] / (tp_t[t] + fp_t[t]) if tp_t[t] + fp_t[t] else 0.0
        r = tp_t[t] / (tp_t[t] + fn_t[t]) if tp_t[t] + fn_t[t] else 0.0
        per_type[t] = {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
                       "gold": tp_t[t] + fn_t[t]}
    tp, fp, fn = sum(tp_t.values()), sum(fp_t.values()), sum(fn_t.values())
    micro_p = tp / (tp + fp) if tp + fp else 0.0
    micro_r = tp / (tp + fn) if tp + fn else 0.0
    ap = a_tp / a_pred if a_pred else 0.0
    ar = a_tp / a_gold if a_gold else 0.0
    return {
        "notes": len(rows),
        "event_type_accuracy": round(correct / len(rows), 3) if rows else 0.0,
        "event_type_micro": {"p": round(micro_p, 3), "r": round(micro_r, 3),
                             "f1": round(2 * micro_p * micro_r / (micro_p + micro_r), 3) if micro_p + micro_r else 0},
        "event_type_macro_f1": round(sum(v["f1"] for v in per_type.values() if v["gold"]) /
                                     max(1, sum(1 for v in per_type.values() if v["gold"])), 3),
        "per_type": per_type,
        "actors": {"p": round(ap, 3), "r": round(ar, 3), "f1": round(2 * ap * ar / (ap + ar), 3) if ap + ar else 0},
        "notes_without_event": no_event,
        "extra_events_per_note": round(extra / len(rows), 3) if rows else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path, help="acled_syria_2018_dev.csv (read in place)")
    parser.add_argument("--n", type=int, default=500, help="number of notes")
    parser.add_argument("--start", type=int, default=0, help="first row (0-based) of the slice scored")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--show-extra", type=int, default=0, metavar="N",
                        help="print up to N notes with more than one event (development rows only)")
    args = parser.parse_args(argv)
    if not args.csv.exists():
        print(f"not found: {args.csv}", file=sys.stderr)
        return 2
    result = evaluate(args.csv, args.n, args.start, args.show_extra)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"ACLED notes: {result['notes']}")
    print(f"event type accuracy: {result['event_type_accuracy']}  micro F1: {result['event_type_micro']['f1']}  "
          f"macro F1: {result['event_type_macro_f1']}")
    for t, v in result["per_type"].items():
        print(f"  {t:32} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f} (gold {v['gold']})")
    a = result["actors"]
    print(f"actor P {a['p']} R {a['r']} F1 {a['f1']}")
    print(f"notes without an event: {result['notes_without_event']}; "
          f"extra events per note: {result['extra_events_per_note']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
