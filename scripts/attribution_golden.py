"""Golden-output check for the attribution and claims stages: the same event attributions, claims and
attribution mentions (speakers, person names, reporting verbs) before and after a change that is meant
to be output-preserving (speed work).

    python scripts/attribution_golden.py save    ../shared /tmp/attr_golden   # with the reference code
    python scripts/attribution_golden.py compare ../shared /tmp/attr_golden   # after each change

``save`` reads ~640 real texts (Arabic news at natural length, Persian articles and some of their
paragraphs, English articles, the seed reports), runs every stage before ``attribution`` once and
pickles those Documents, so that other engineers' changes to the earlier stages (places, actors,
events ...) do not move the comparison; then runs ``attribution`` and ``claims`` and writes, per
document, every event's polarity and attribution, every claim, every mention the attribution stage
wrote and the document metadata (the inferred outlet).  ``compare`` loads the pickled Documents, runs
the current code and reports each difference (exit status 1 when there is one).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path
from typing import Any

import golden_texts  # scripts/ is on sys.path when a script here is run


def read_texts(shared: Path, n_ar: int = 340, n_en: int = 150) -> list[str]:
    """Real texts of all three languages plus the seed reports."""
    return golden_texts.read_texts(shared, n_ar, n_en, fa_paragraphs=3)


def prepare_documents(texts: list[str]) -> list[Any]:
    """Documents run through every stage before attribution."""
    from rasad.model import Document
    from rasad.pipeline import build_pipeline

    before = build_pipeline(until="events")
    return [before(Document.create(t)) for t in texts]


def run_stages(docs: list[Any]) -> tuple[list[dict[str, Any]], float]:
    """Attribution + claims on each document; the observable output and the CPU seconds spent."""
    from rasad.extract.attribution import attribution_stage
    from rasad.extract.claims import claims_stage

    out: list[dict[str, Any]] = []
    cpu = 0.0
    for d in docs:
        t0 = time.process_time()
        attribution_stage(d)
        claims_stage(d)
        cpu += time.process_time() - t0
        out.append(_observable(d))
    return out, cpu


def _observable(doc: Any) -> dict[str, Any]:
    return json.loads(json.dumps({
        "id": doc.id,
        "events": [[ev.id, ev.polarity, ev.attribution.to_dict() if ev.attribution else None] for ev in doc.events],
        "claims": [c.to_dict() for c in doc.claims],
        "mentions": [[m.start, m.end, m.text, m.kind, m.canonical_id, m.sentence, m.lang, m.attrs]
                     for m in doc.mentions if m.source == "attribution"],
        "meta": doc.meta,
    }, ensure_ascii=False, sort_keys=True, default=str))


def _diff(a: Any, b: Any, path: str, out: list[str], limit: int = 6) -> None:
    if len(out) >= limit or a == b:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            _diff(a.get(k), b.get(k), f"{path}.{k}", out, limit)
        return
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _diff(x, y, f"{path}[{i}]", out, limit)
        return
    out.append(f"{path}:\n    before: {json.dumps(a, ensure_ascii=False)[:400]}\n"
               f"    now:    {json.dumps(b, ensure_ascii=False)[:400]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=("save", "compare"))
    ap.add_argument("shared", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--reprepare", action="store_true", help="re-run the earlier stages even if pickled")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    prepared = args.out / "prepared.pkl"
    golden = args.out / "golden.json"
    if args.mode == "save" and (args.reprepare or not prepared.exists()):
        texts = read_texts(args.shared)
        t0 = time.perf_counter()
        docs = prepare_documents(texts)
        prepared.write_bytes(pickle.dumps(docs, protocol=pickle.HIGHEST_PROTOCOL))
        print(f"prepared {len(docs)} documents in {time.perf_counter() - t0:.1f} s -> {prepared}")
    if not prepared.exists():
        print(f"no {prepared}: run 'save' first", file=sys.stderr)
        return 2
    docs = pickle.loads(prepared.read_bytes())
    result, cpu = run_stages(docs)
    n_claims = sum(len(r["claims"]) for r in result)
    n_ment = sum(len(r["mentions"]) for r in result)
    print(f"{len(result)} documents: {sum(len(r['events']) for r in result)} events, {n_claims} claims, "
          f"{n_ment} attribution mentions; attribution+claims {cpu:.2f} CPU-s "
          f"({len(result) / cpu:.0f} docs per CPU-second, first-use lexicon loading included)")
    if args.mode == "save":
        golden.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        print(f"saved -> {golden}")
        return 0
    before = json.loads(golden.read_text(encoding="utf-8"))
    if len(before) != len(result):
        print(f"document count differs: {len(before)} before, {len(result)} now")
        return 1
    n_diff = 0
    for a, b in zip(before, result, strict=True):
        if a == b:
            continue
        n_diff += 1
        lines: list[str] = []
        _diff(a, b, a["id"], lines)
        if n_diff <= 15:
            print("\n".join(lines))
    print(f"{n_diff} of {len(result)} documents differ" if n_diff else "identical")
    return 1 if n_diff else 0


if __name__ == "__main__":
    sys.exit(main())
