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

import json
import sys
import time
from pathlib import Path
from typing import Any

import golden_common  # scripts/ is on sys.path when a script here is run
import golden_texts


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


def main() -> int:
    args = golden_common.parse_golden_args(__doc__.splitlines()[0])
    docs = golden_common.load_prepared(args, lambda: prepare_documents(read_texts(args.shared)), len)
    if docs is None:
        return 2
    result, cpu = run_stages(docs)
    n_claims = sum(len(r["claims"]) for r in result)
    n_ment = sum(len(r["mentions"]) for r in result)
    print(f"{len(result)} documents: {sum(len(r['events']) for r in result)} events, {n_claims} claims, "
          f"{n_ment} attribution mentions; attribution+claims {cpu:.2f} CPU-s "
          f"({len(result) / cpu:.0f} docs per CPU-second, first-use lexicon loading included)")
    return golden_common.save_or_compare(args.mode, args.out, result)


if __name__ == "__main__":
    sys.exit(main())
