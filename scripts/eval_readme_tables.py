"""Print the README's evaluation table from the harness: one column per gold set and language.

    python scripts/eval_readme_tables.py [--shared ../shared]

Every number comes from ``rasad.evaluation.runner.evaluate`` (the same code as ``rasad eval``) run on each
gold set with its links file, so the README can be regenerated after any change.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rasad.evaluation.runner import evaluate

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold"
SETS = [  # (column label, gold files)
    ("seeds (ar+fa, 3 docs)", ["seeds.jsonl", "seeds_links.jsonl"]),
    ("FA-KES (en, 45 docs)", ["dev_fakes_en.jsonl", "dev_links.jsonl"]),
    ("Fars (fa, 16 docs)", ["dev_fars_fa.jsonl"]),
    ("SaudiNewsNet (ar, 33 docs)", ["dev_saudinewsnet_ar.jsonl", "dev_links_ar.jsonl"]),
]
FIELDS = [
    ("event", "event found (F1)"), ("event_type", "event type"), ("sub_event_type", "sub-event type"),
    ("actor1", "actor 1"), ("actor2", "actor 2"), ("location", "location (name)"),
    ("location_25km", "location within 25 km"), ("date", "date at its precision"),
    ("fatalities_exact", "fatalities exact"), ("fatalities_20pct", "fatalities within 20%"),
    ("attribution_speaker", "speaker"), ("attribution_outlet", "outlet"), ("polarity", "polarity"),
    ("outcome", "territorial outcome"),
]


def fmt(x: Any) -> str:
    return "–" if x is None else f"{x:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=None)
    args = ap.parse_args()
    reports = [(label, evaluate([GOLD / f for f in files], args.shared)) for label, files in SETS]
    print("| field (F1) | " + " | ".join(label for label, _ in reports) + " |")
    print("|---|" + "---:|" * len(reports))
    for key, name in FIELDS:
        cells = []
        for _, rep in reports:
            f = rep["fields"].get(key)
            cells.append(fmt(f["f1"]) if f and f.get("n_gold") else "–")
        print(f"| {name} | " + " | ".join(cells) + " |")
    for aspect in ("speaker", "outlet"):
        cells = []
        for _, rep in reports:
            acc = rep.get("attribution") or {}
            cells.append(f"{acc[aspect + '_accuracy']:.2f} ({acc['n']})" if acc.get("n") else "–")
        print(f"| {aspect} accuracy on matched events (n) | " + " | ".join(cells) + " |")
    cells = []
    for _, rep in reports:
        og = rep["overgeneration"]
        cells.append(f"{og['per_doc']:.2f} ({og['n_docs_complete']} docs)" if og.get("n_docs_complete") else "–")
    print("| over-generation: unmatched events per fully annotated doc | " + " | ".join(cells) + " |")
    for kind in ("pairwise", "bcubed"):
        cells = []
        for _, rep in reports:
            links = rep.get("links") or {}
            cells.append(fmt(links[kind]["f1"]) if links.get("available") and links.get("n_gold_clusters") else "–")
        print(f"| cross-document links, {'pairwise' if kind == 'pairwise' else 'B-cubed'} F1 | "
              + " | ".join(cells) + " |")
    cells = []
    for _, rep in reports:
        c = (rep.get("links") or {}).get("contradictions") or {}
        cells.append(f"{c['found']}/{c['gold']}" if c.get("gold") else "–")
    print("| contradictions between sources found | " + " | ".join(cells) + " |")
    print()
    print("gold events: " + ", ".join(f"{label}: {rep['n_gold_events']}" for label, rep in reports))


if __name__ == "__main__":
    main()
