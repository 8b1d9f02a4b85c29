"""Run the pipeline on the gold's documents and score the result.

Stages whose modules are not importable yet are skipped and listed in the report, so the harness
gives numbers for whatever part of the pipeline exists.  Cross-document links come from
``rasad.merge.merge_documents(docs)`` when that function exists.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad.evaluation.gold import GoldSet, load_gold, to_document
from rasad.evaluation.scorer import (
    DocScore,
    aggregate,
    bcubed_prf,
    by_language,
    contradiction_recall,
    gold_partition,
    pairwise_prf,
    project_predicted,
    score_document,
)
from rasad.model import Document, Event
from rasad.pipeline import DEFAULT_STAGES, Pipeline, StageSpec

log = logging.getLogger(__name__)

#: merge_documents(docs) -> object with .canonical_events (each with .reports of (doc_id, event_id))
MergeFn = Callable[[list[Document]], Any]


@dataclass
class PipelineRun:
    docs: list[Document]
    stages: list[str]
    skipped: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


def available_pipeline() -> tuple[Pipeline, dict[str, str]]:
    """The default pipeline restricted to the stages that can be loaded now, and why the others cannot."""
    usable: list[StageSpec] = []
    skipped: dict[str, str] = {}
    for spec in DEFAULT_STAGES:
        try:
            spec.load()
        except (ImportError, AttributeError) as exc:
            skipped[spec.name] = f"{type(exc).__name__}: {exc}"
            continue
        usable.append(spec)
    return Pipeline(tuple(usable)), skipped


def run_pipeline(gold: GoldSet, pipeline: Pipeline | None = None) -> PipelineRun:
    skipped: dict[str, str] = {}
    if pipeline is None:
        pipeline, skipped = available_pipeline()
    t0 = time.perf_counter()
    docs = [pipeline(to_document(d)) for d in gold.docs]
    return PipelineRun(docs, pipeline.names, skipped, time.perf_counter() - t0)


def find_merge() -> tuple[MergeFn | None, str | None]:
    try:
        from rasad import merge
    except ImportError as exc:  # pragma: no cover - the package exists in the repo
        return None, f"rasad.merge not importable: {exc}"
    fn = getattr(merge, "merge_documents", None)
    if fn is None:
        return None, "rasad.merge.merge_documents does not exist yet"
    return fn, None


def _report_pairs(canonical: Any) -> list[tuple[str, str]]:
    out = []
    for r in getattr(canonical, "reports", []) or []:
        if isinstance(r, dict):
            out.append((r["doc_id"], r["event_id"]))
        elif isinstance(r, tuple | list):
            out.append((r[0], r[1]))
        else:
            out.append((r.doc_id, r.event_id))
    return out


def score(gold: GoldSet, predictions: dict[str, list[Event]], doc_ids: dict[str, str] | None = None,
          canonical_events: list[Any] | None = None, links_unavailable: str | None = None) -> dict[str, Any]:
    """Score predicted events (by gold document key) and, optionally, predicted canonical events.

    ``doc_ids`` maps gold key -> predicted ``Document.id`` (needed to read canonical event reports).
    """
    scores: list[DocScore] = [score_document(d, predictions.get(d.key, [])) for d in gold.docs]
    report = aggregate(scores)
    report["by_lang"] = by_language(scores)
    report["per_doc"] = [
        {"key": s.key, "lang": s.lang, "n_gold": s.n_gold, "n_pred": s.n_pred, "matched": len(s.matches),
         "unmatched_pred": s.unmatched_pred, "event_f1": round(s.fields["event"].f1, 4)}
        for s in scores
    ]
    report["links"] = score_links(gold, scores, doc_ids or {}, canonical_events, links_unavailable)
    return report


def score_links(gold: GoldSet, scores: list[DocScore], doc_ids: dict[str, str],
                canonical_events: list[Any] | None, unavailable: str | None) -> dict[str, Any]:
    if not gold.has_links:
        return {"available": False, "reason": "no link clusters in the gold files given"}
    if canonical_events is None:
        return {"available": False, "reason": unavailable or "no merge result"}
    doc_key_of = {doc_id: key for key, doc_id in doc_ids.items()}
    gold_of_pred = {(doc_ids[s.key], pid): gid for s in scores for gid, pid in s.matches if s.key in doc_ids}
    reports = [_report_pairs(c) for c in canonical_events]
    pred_parts = project_predicted(reports, doc_key_of, gold_of_pred)
    gold_parts = gold_partition(gold.docs, gold.clusters)
    contested = []
    for c, pairs in zip(canonical_events, reports, strict=True):
        if any(doc_key_of.get(d) and gold_of_pred.get((d, e)) for d, e in pairs):
            fields = set(getattr(c, "contested_fields", []) or [])
            fields |= {fc.field for fc in getattr(c, "comparisons", []) or []
                       if getattr(fc, "status", None) == "contradict"}
            contested.append(fields)
    return {
        "available": True,
        "n_gold_clusters": len(gold.clusters),
        "n_pred_canonical": len(canonical_events),
        "pairwise": pairwise_prf([set(c.members) for c in gold.clusters], pred_parts),
        "bcubed": bcubed_prf(gold_parts, pred_parts),
        "contradictions": contradiction_recall(gold.clusters, pred_parts, contested),
    }


def evaluate(gold_paths: list[str | Path], shared_dir: Path | None = None,
             pipeline: Pipeline | None = None, merge_fn: MergeFn | None = None) -> dict[str, Any]:
    """Load gold, run the pipeline (and the merge) on its documents, and score everything."""
    gold = load_gold(gold_paths, shared_dir)
    run = run_pipeline(gold, pipeline)
    predictions = {d.key: doc.events for d, doc in zip(gold.docs, run.docs, strict=True)}
    doc_ids = {d.key: doc.id for d, doc in zip(gold.docs, run.docs, strict=True)}
    canonical, unavailable = None, None
    if gold.has_links:
        fn, unavailable = (merge_fn, None) if merge_fn else find_merge()
        if fn is not None:
            try:
                canonical = list(fn(run.docs).canonical_events)
            except Exception as exc:  # a broken merge must not hide the extraction scores
                log.exception("merge_documents failed")
                unavailable = f"merge_documents failed: {type(exc).__name__}: {exc}"
    report = score(gold, predictions, doc_ids, canonical, unavailable)
    report["gold_files"] = [str(p) for p in gold_paths]
    report["stages"] = run.stages
    report["skipped_stages"] = run.skipped
    report["pipeline_seconds"] = round(run.seconds, 3)
    return report
