"""Distributed batch mode on Dask: documents are processed on workers, stored by the client.

``rasad analyze PATH --engine dask --workers 4`` starts a local cluster of worker processes;
``--scheduler tcp://HOST:8786`` uses an existing cluster (see docs/scale.md).  The client reads the
input, skips documents already in the store (so a re-run resumes), ships batches of documents to the
workers, where the document stages run, and writes each returned batch to the store in one
transaction (``Store.save_documents``).  Only the client touches the store, so SQLite works as well as PostgreSQL.  The merge then
runs once, on the client, over the store.  Because every document goes through the same stages and the
store orders by id, the stored results are identical to a single-process run.

At most ``max_in_flight`` batches are outstanding, so memory on the client stays bounded however
large the input.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasad.analyze import AnalyzeResult, run_merge, store_has_merge
from rasad.ingest import Overrides, iter_paths
from rasad.model import Document
from rasad.pipeline import Pipeline, StageSpec, build_pipeline
from rasad.store.base import Rejection, Store, open_store

#: Pipelines built on a worker, per stage list (lexicons load once per worker process, not per batch).
_WORKER_PIPELINES: dict[tuple[StageSpec, ...], Pipeline] = {}


@dataclass
class BatchResult:
    """What a worker sends back: processed documents, per-document errors, and stage timings."""

    docs: list[Document]
    errors: list[tuple[int, str]]  # (position in the batch, error message)
    stage_seconds: dict[str, float]


#: The fingerprint of the imported gazetteer entries this worker process reads places with ("" for none).
_WORKER_PLACES: list[str] = [""]


def _use_places(imported: tuple[str, list[dict[str, Any]]] | None) -> None:
    """On a worker: read places with the client's store's gazetteer -- the built-in one plus the entries
    imported into the store (``rasad gazetteer import``), as ``rasad analyze --db`` does locally -- rebuilt
    only when the entries change (a worker of an existing cluster may serve runs on several stores)."""
    key, entries = imported if imported is not None else ("", [])
    if _WORKER_PLACES[0] != key:
        from rasad.places.geoparse import use_imported_places

        use_imported_places(entries)
        _WORKER_PLACES[0] = key


def process_batch(specs: tuple[StageSpec, ...], docs: list[Document],
                  imported: tuple[str, list[dict[str, Any]]] | None = None) -> BatchResult:
    """Run on a worker: pass each document through the stages.  A failing document is reported, not raised.
    ``imported``: (fingerprint, entries) of the store's imported gazetteer entries, if any."""
    _use_places(imported)
    pipeline = _WORKER_PIPELINES.get(specs)
    if pipeline is None:
        pipeline = _WORKER_PIPELINES[specs] = Pipeline(specs)
    before = {name: t.seconds for name, t in pipeline.timings.items()}
    done: list[Document] = []
    errors: list[tuple[int, str]] = []
    for position, doc in enumerate(docs):
        try:
            pipeline(doc)
        except Exception as exc:  # reported back to the client as a rejection
            errors.append((position, f"stage failed: {type(exc).__name__}: {exc}"))
            continue
        doc.norm = None  # not stored; recomputed on demand -- do not ship it back over the network
        done.append(doc)
    seconds = {name: t.seconds - before.get(name, 0.0) for name, t in pipeline.timings.items()}
    return BatchResult(done, errors, seconds)


class DaskEngine:
    """A connection to a Dask cluster (existing via ``scheduler``, or a local one with ``workers`` processes)."""

    def __init__(self, scheduler: str | None = None, workers: int = 2, batch_size: int = 32,
                 max_in_flight: int | None = None) -> None:
        from dask.distributed import Client, LocalCluster

        self._cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None)
            self.client = Client(self._cluster)
        self.batch_size = batch_size
        n_workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)
        self.max_in_flight = max_in_flight or 3 * n_workers

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def process(self, docs: Iterable[Document], specs: tuple[StageSpec, ...],
                places: list[dict[str, Any]] | None = None,
                ) -> Iterator[tuple[list[Document], list[tuple[Document, str]], dict[str, float]]]:
        """Yield, per finished batch, (processed documents, (document, error) failures, stage seconds).
        ``places``: imported gazetteer entries the workers read places with (sent to each worker once).

        Batches finish in any order; callers that need input order must restore it."""
        from dask.distributed import as_completed

        pending: dict[Any, list[Document]] = {}
        running = as_completed()
        imported: Any = None
        if places:
            from rasad.places.geoparse import imported_entries_key

            key = imported_entries_key(places)[:24]
            imported = self.client.scatter((key, places), broadcast=True)

        def drain(limit: int) -> Iterator[tuple[list[Document], list[tuple[Document, str]], dict[str, float]]]:
            while len(pending) > limit:
                future = next(running)
                sent = pending.pop(future)
                batch: BatchResult = future.result()
                failures = [(sent[pos], message) for pos, message in batch.errors]
                future.release()
                yield batch.docs, failures, batch.stage_seconds

        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= self.batch_size:
                future = self.client.submit(process_batch, specs, batch, imported, pure=False)
                pending[future] = batch
                running.add(future)
                batch = []
                yield from drain(self.max_in_flight - 1)
        if batch:
            future = self.client.submit(process_batch, specs, batch, imported, pure=False)
            pending[future] = batch
            running.add(future)
        yield from drain(0)


def process_documents(docs: Iterable[Document], stage_names: Iterable[str] | None = None,
                      scheduler: str | None = None, workers: int = 2, batch_size: int = 32) -> Iterator[Document]:
    """Run the document stages on a Dask cluster and yield processed documents (in completion order).

    Documents a stage fails on are dropped; use ``analyze_paths_dask`` to have them recorded."""
    pipeline = build_pipeline(only=stage_names)
    with DaskEngine(scheduler, workers, batch_size) as engine:
        for done, _failures, _seconds in engine.process(docs, pipeline.specs):
            yield from done


def analyze_paths_dask(
    paths: Iterable[str | Path],
    store: Store,
    engine: DaskEngine,
    overrides: Overrides | None = None,
    pipeline: Pipeline | None = None,
    *,
    merge: bool = True,
    on_rejection: Callable[[Rejection], None] | None = None,
    command: str = "analyze --engine dask",
) -> AnalyzeResult:
    """``rasad.analyze.analyze_paths`` with the document stages on Dask workers (same result object)."""
    specs = (pipeline or build_pipeline()).specs
    result = AnalyzeResult()
    t0 = time.perf_counter()
    result.run_id = store.start_run(command)
    order: dict[str, None] = {}  # input order of documents handed to the workers or already stored
    failed_ids: set[str] = set()

    def reject(rejection: Rejection, bucket: list[Rejection]) -> None:
        rejection.run_id = result.run_id
        bucket.append(rejection)
        store.record_rejection(rejection)
        if on_rejection is not None:
            on_rejection(rejection)

    def new_documents() -> Iterator[Document]:
        for item in iter_paths(paths, overrides or Overrides()):
            if isinstance(item, Rejection):
                reject(item, result.rejections)
            elif item.id in order or store.has_document(item.id):
                order.setdefault(item.id, None)
                result.already_stored += 1
            else:
                order[item.id] = None
                yield item

    # the workers read places as ``rasad analyze --db`` does: with the entries imported into this store
    for done, failures, seconds in engine.process(new_documents(), specs, list(store.iter_places())):
        if done:  # one transaction per returned batch (a crash leaves each document whole or absent)
            # the workers' documents are not touched after saving: the merge that follows (if any) may use them as saved
            store.save_documents(done, keep_for_merge=merge)
            result.new += len(done)
        for doc, message in failures:
            failed_ids.add(doc.id)
            reject(Rejection(doc.source_path or doc.id, message), result.failed)
        for name, value in seconds.items():
            result.stage_seconds[name] = result.stage_seconds.get(name, 0.0) + value
    result.doc_ids = [doc_id for doc_id in order if doc_id not in failed_ids]
    if merge and (result.new or not store_has_merge(store)):
        result.merged = run_merge(store)
    result.seconds = time.perf_counter() - t0
    store.finish_run(result.run_id, {k: v for k, v in result.to_dict().items() if k != "doc_ids"})
    return result


def run_cli(paths: list[Path], db: str, overrides: Overrides, pipeline: Pipeline, merge: bool,
            scheduler: str | None = None, workers: int = 2) -> AnalyzeResult:
    """``rasad analyze --engine dask``: print rejections and the summary, exit 1 when anything was rejected."""
    import typer
    from rich.console import Console

    err = Console(stderr=True, highlight=False)
    with open_store(db) as store, DaskEngine(scheduler, workers) as engine:
        result = analyze_paths_dask(
            paths, store, engine, overrides, pipeline, merge=merge,
            on_rejection=lambda r: err.print(f"[red]rejected[/red] {r.source}: {r.reason}"),
        )
    err.print(result.summary())
    if not result.ok:
        raise typer.Exit(1)
    return result
