"""The analyse runner: ingest -> document stages -> store, then the corpus-level merge.

``analyze_paths`` is the one path from files to stored documents; the CLI (``rasad analyze``), the HTTP
API and the Dask engine all reuse it (or its pieces ``process_batch`` / ``run_merge``).

* Resumable: a document already in the store (same content hash) is skipped before any stage runs,
  so a re-run after a crash only does the remaining work and never duplicates a document.
* Atomic: documents are written whole with ``Store.save_documents``, a few at a time in one
  transaction (``SAVE_BATCH`` documents or ``SAVE_INTERVAL_S`` seconds, whichever comes first): a
  commit per document cost as much as all the inserts.  ``kill -9`` leaves each document whole or
  absent; a re-run redoes at most the last unsaved batch.
* Honest about bad input: every rejection is recorded in the store with its reason, printed, and
  counted; the CLI exits non-zero when anything was rejected.
"""

from __future__ import annotations

import gc
import importlib
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad.ingest import Overrides, iter_paths
from rasad.model import Document
from rasad.pipeline import Pipeline, build_pipeline
from rasad.store.base import Rejection, Store

#: At most this many processed documents wait for their (shared) commit ...
#: 128 rather than 32: every commit also writes a new segment of the search index (FTS5), which later
#: segments are merged into, and dirties the same upper index pages again.  Saving the 1k bench corpus
#: alone: search index 0.16 -> 0.11 ms/doc, commit 0.08 -> 0.06; inside the end-to-end run ~0.04 ms/doc
#: net (young-generation collections walk the documents waiting a little more), for 6-18 MB more peak
#: memory.  The time limit below still bounds what a crash can lose: at ~200 documents per CPU-second it
#: closes most batches first.
SAVE_BATCH = 128
#: ... and for at most this long, so watchers of the store see progress on slow runs too.
SAVE_INTERVAL_S = 0.5
#: New documents go through the stages this many at a time, stage by stage (``Pipeline.run_batch``: each
#: stage's data stays in the CPU caches across the batch; the stages' CPU time on the 1k bench corpus
#: -18% with 128, -15% with 64, -10% with 32), or as many as came in ``SAVE_INTERVAL_S``.  A processed
#: batch is then saved as before: the memory held is that of ``SAVE_BATCH`` documents, as before.
STAGE_BATCH = 128
#: Documents read ahead of the stages, so that one query tells which of them are stored already: a
#: ``has_document`` per document cost ~20 us inside a run (its code and pages cold after the stages), 0.03-0.06
#: ms per document of the 1k bench.  A document another process saves meanwhile is analysed and replaced, as
#: it was when the two runs overlapped by one document.
READ_AHEAD = 32


@dataclass
class AnalyzeResult:
    """What one run did.  ``rejections`` keeps every bad file/entry with its reason."""

    new: int = 0
    already_stored: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    failed: list[Rejection] = field(default_factory=list)  # documents a stage crashed on
    doc_ids: list[str] = field(default_factory=list)  # new and already-stored documents, in input order
    seconds: float = 0.0
    merged: bool = False
    run_id: int | None = None
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def rejected(self) -> int:
        return len(self.rejections) + len(self.failed)

    @property
    def ok(self) -> bool:
        return self.rejected == 0

    def summary(self) -> str:
        line = f"{self.new} new, {self.already_stored} already stored, {self.rejected} rejected"
        return line + f" ({self.seconds:.1f} s)"

    def to_dict(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "already_stored": self.already_stored,
            "rejected": self.rejected,
            "rejections": [{"source": r.source, "reason": r.reason} for r in self.rejections + self.failed],
            "doc_ids": self.doc_ids,
            "seconds": round(self.seconds, 3),
            "merged": self.merged,
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
        }


def process_batch(docs: list[Document], pipeline: Pipeline) -> list[Exception | None]:
    """Run the document stages over ``docs`` stage by stage (``Pipeline.run_batch``): per document, the
    exception a stage raised on it (its message is what a rejection keeps), else None."""
    errors = pipeline.run_batch(docs)
    for exc in errors:
        if exc is not None:
            _drop_tracebacks(exc)
    return errors


def _drop_tracebacks(exc: BaseException) -> None:
    """Drop the tracebacks of ``exc`` and of the exceptions it was raised from or during.  A traceback holds
    the frames it ran through, and their callers' (``Pipeline._run_timed``'s holds the list of errors that
    holds ``exc``): a reference cycle that only the cyclic collector frees, and that ``_freeze_loaded_data``
    would keep for ever when a batch is frozen before a collection (~190 objects a failed document, each run
    of a long-lived process)."""
    todo: list[BaseException] = [exc]
    seen: set[int] = set()
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        e.__traceback__ = None
        todo.extend(x for x in (e.__cause__, e.__context__) if x is not None)


def run_merge(store: Store) -> bool:
    """Call ``rasad.merge.merge_store(store)`` when the merge module provides it; True if it ran."""
    try:
        merge = importlib.import_module("rasad.merge")
    except ModuleNotFoundError as exc:
        if exc.name != "rasad.merge":
            raise
        return False
    merge_store = getattr(merge, "merge_store", None)
    if merge_store is None:
        return False
    merge_store(store)
    return True


def _freeze_loaded_data() -> None:
    """After each saved batch: move everything alive now -- lexicons, gazetteer, models, word caches, nearly
    all of it kept for the life of the process -- out of the cyclic garbage collector's reach (``gc.freeze``).
    Each full collection otherwise walks all of it (~70 ms each; in the end-to-end bench 0.55 CPU-s per 1,000
    documents, mostly inside the attribution stage, which allocates the most).  A language's data first loaded
    later is frozen with the next batch.  Objects allocated later are collected as before, and reference
    counting still frees frozen objects that are dropped (the saved documents, right after this).

    After every batch, not at 32, 128, 512 ... saved documents as before: a freeze also zeroes the young
    generation's allocation count, so a run whose batches each allocate less than the young threshold
    (``ANALYZE_GC_THRESHOLD0``) makes no young collection at all, where there were two per 1,000 bench documents,
    each walking every document and cache entry made since the last freeze (~16 ms, found nothing).  A freeze
    is O(1) (a list splice).  Nothing is collected first: the stages make no cyclic garbage (1,000 bench
    documents analysed with the collector off left 0 unreachable objects), and cyclic garbage young at a
    freeze would be kept instead of freed; documents are freed by reference counting, frozen or not."""
    gc.freeze()


#: The young-generation threshold of the cyclic collector while documents are analysed (Python's default
#: is 700).  Measured on the 1k bench corpus: with 700, 1,000 young, 90 middle and 9 full collections cost
#: 0.79 ms/doc (the full ones mostly while the lexicons load, each walking the growing heap); with 50,000,
#: 5 young and 3 full collections (the freezes) cost 0.2 ms/doc.  The documents' objects are freed by
#: reference counting either way (no full collection of a run found any garbage), so memory is unchanged.
#: 200,000 rather than 50,000: a young collection walks what is young and alive, mostly the documents waiting
#: for their batch's commit, and fewer collections walk them fewer times (gc callbacks, 1k end to end, four
#: alternated runs: 0.126-0.135 -> 0.048-0.059 ms/doc; peak RSS 224-225 MB either way).
#: 1,000,000 rather than 200,000, since ``_freeze_loaded_data`` freezes (and so zeroes the count) after every
#: saved batch: the one young collection left in a 1k run came while the stages' lexicons were loading in the
#: first batch (~20 ms walking them); now none.  The count is zeroed at every batch, so no young generation
#: grows past a batch's allocations plus this.
ANALYZE_GC_THRESHOLD0 = 1_000_000
_GC_STATE: dict[str, Any] = {"users": 0, "saved": None}
_GC_LOCK = threading.Lock()


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Raise the collector's young-generation threshold for the duration of an analysis.  Concurrent runs
    (the HTTP API) share it: the first one in sets it, the last one out restores the previous value."""
    with _GC_LOCK:
        if _GC_STATE["users"] == 0:
            _GC_STATE["saved"] = gc.get_threshold()
            threshold = _GC_STATE["saved"]
            gc.set_threshold(max(threshold[0], ANALYZE_GC_THRESHOLD0), *threshold[1:])
        _GC_STATE["users"] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_STATE["users"] -= 1
            if _GC_STATE["users"] == 0:
                gc.set_threshold(*_GC_STATE["saved"])


def analyze_paths(
    paths: Iterable[str | Path],
    store: Store,
    overrides: Overrides | None = None,
    pipeline: Pipeline | None = None,
    progress: bool = False,
    *,
    merge: bool = True,
    on_rejection: Callable[[Rejection], None] | None = None,
    command: str = "analyze",
) -> AnalyzeResult:
    """Ingest ``paths``, run the document stages, save each new document, then merge the corpus.

    ``progress`` shows a rich progress bar on stderr (the CLI passes True only when stderr is a TTY).
    ``on_rejection`` is called for each rejection as it happens (the CLI prints them).
    """
    pipeline = pipeline or build_pipeline()
    overrides = overrides or Overrides()
    result = AnalyzeResult()
    t0 = time.perf_counter()
    result.run_id = store.start_run(command)
    # places are read with the store's gazetteer: the built-in one plus what `rasad gazetteer import` put there
    from rasad.places.geoparse import use_store_gazetteer

    use_store_gazetteer(store)
    seen: set[str] = set()
    pending: list[Document] = []
    pending_since = 0.0

    def flush() -> None:
        if not pending:
            return
        batch = list(pending)
        pending.clear()
        try:
            # the batch is dropped after this: the store may keep what the merge that follows will read of it
            # (nothing to keep when no merge follows: `--no-merge`)
            store.save_documents(batch, keep_for_merge=merge)
        except Exception:
            # one document the store refuses must not take the others with it: save them one by one,
            # so the good ones are kept and the error names the bad one, as a per-document save would
            for doc in batch:
                store.save_document(doc)
        _freeze_loaded_data()

    def reject(rejection: Rejection, bucket: list[Rejection]) -> None:
        rejection.run_id = result.run_id
        bucket.append(rejection)
        store.record_rejection(rejection)
        if on_rejection is not None:
            on_rejection(rejection)

    queued: list[Document] = []  # new documents waiting to go through the stages together
    queued_ids: set[str] = set()
    queued_since = 0.0

    def run_queued() -> None:
        """Run the queued documents through the stages (``Pipeline.run_batch``) and keep the good ones."""
        nonlocal pending_since
        if not queued:
            return
        if len(pending) + len(queued) > SAVE_BATCH:
            flush()  # at most SAVE_BATCH processed documents held at a time, as one by one
        batch = list(queued)
        queued.clear()
        queued_ids.clear()
        for item, exc in zip(batch, process_batch(batch, pipeline), strict=True):
            if exc is not None:  # one broken document must not stop a long run
                reject(Rejection(item.source_path or item.id, f"stage failed: {type(exc).__name__}: {exc}"),
                       result.failed)
                continue
            if not pending:
                pending_since = time.monotonic()
            pending.append(item)
            if len(pending) >= SAVE_BATCH or time.monotonic() - pending_since >= SAVE_INTERVAL_S:
                flush()
            seen.add(item.id)
            result.doc_ids.append(item.id)
            result.new += 1

    def handle(item: Document | Rejection) -> None:
        nonlocal queued_since
        # what is recorded stays in input order: the queue is run before anything else is recorded, and
        # before a second copy of a queued document (its first copy is processed first, as one by one)
        if isinstance(item, Rejection):
            run_queued()
            reject(item, result.rejections)
            return
        if item.id in queued_ids:
            run_queued()
        if item.id in seen or item.id in stored:
            run_queued()
            if item.id not in seen:
                result.doc_ids.append(item.id)
                seen.add(item.id)
            result.already_stored += 1
            return
        if not queued:
            queued_since = time.monotonic()
        queued.append(item)
        queued_ids.add(item.id)
        if len(queued) >= STAGE_BATCH or time.monotonic() - queued_since >= SAVE_INTERVAL_S:
            run_queued()

    stored: set[str] = set()  # of the documents read ahead, those in the store when they were read
    items = _read_ahead(iter_paths(paths, overrides), store, stored, READ_AHEAD)
    with _fewer_collections():
        try:
            if progress:
                _run_with_progress(items, handle, result)
            else:
                for item in items:
                    handle(item)
            run_queued()
        finally:
            flush()  # also on Ctrl-C: the documents already processed are kept
    if merge and (result.new or not store_has_merge(store)):
        result.merged = run_merge(store)
    result.seconds = time.perf_counter() - t0
    result.stage_seconds = {name: t.seconds for name, t in pipeline.timings.items()}
    store.finish_run(result.run_id, {k: v for k, v in result.to_dict().items() if k != "doc_ids"})
    return result


def _read_ahead(items: Iterable[Document | Rejection], store: Store, stored: set[str],
                size: int) -> Iterator[Document | Rejection]:
    """``items`` in order, ``size`` at a time: before a group is handed on, ``stored`` is set to the ids
    of its documents that are in ``store`` (one ``stored_document_ids`` query per group)."""
    group: list[Document | Rejection] = []

    def release() -> Iterator[Document | Rejection]:
        ids = [item.id for item in group if isinstance(item, Document)]
        stored.clear()
        stored.update(store.stored_document_ids(ids) if ids else ())
        yield from group
        group.clear()

    for item in items:
        group.append(item)
        if len(group) >= size:
            yield from release()
    if group:
        yield from release()


def store_has_merge(store: Store) -> bool:
    """Whether merge results exist already (a run that adds nothing need not merge again)."""
    count = getattr(store, "count_canonical_events", None)
    if count is None:
        return False
    try:
        return bool(count())
    except Exception:  # a store without merge tables yet: merge decides
        return False


def _run_with_progress(items: Iterable[Document | Rejection], handle: Callable[[Any], None],
                       result: AnalyzeResult) -> None:
    """Hand each item to ``handle`` under a progress bar showing ``result``'s counts so far."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(file=sys.stderr)
    columns = (SpinnerColumn(), TextColumn("[bold]analysing"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[counts]}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("analyse", total=None, counts="")
        for item in items:
            handle(item)
            bar.update(task, advance=1,
                       counts=f"{result.new} new, {result.already_stored} stored, {result.rejected} rejected")
