"""The named document stages, in order, and the runner that passes a Document through them.

A stage is any callable ``stage(doc: Document) -> None`` that reads some fields of the document and
writes others (declared in ``reads``/``writes`` for documentation and checks).  Stages are looked up
lazily by dotted path so importing the pipeline stays cheap, and each one can be tested alone.

Corpus-level work (merging reports across documents into canonical events and stories) runs after
the document stages, over the store: see ``rasad.merge``.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rasad.model import Document

StageFn = Callable[[Document], None]


@dataclass(frozen=True)
class StageSpec:
    name: str
    target: str  # "module:callable"
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()
    doc: str = ""
    #: False for a stage that must run right after the stage before it on the same document (it reuses
    #: per-document state the earlier stage leaves behind): ``Pipeline.run_batch`` runs such stages
    #: document by document
    batched: bool = True

    def load(self) -> StageFn:
        module, _, attr = self.target.partition(":")
        return getattr(importlib.import_module(module), attr)


#: The default document pipeline.  Order matters: later stages read what earlier ones wrote.
DEFAULT_STAGES: tuple[StageSpec, ...] = (
    StageSpec("langid", "rasad.text.langid:langid_stage", ("text",), ("lang", "paragraphs"),
              "document and paragraph language"),
    StageSpec("normalize", "rasad.text.normalize_stage:normalize_stage", ("text",), ("norm",),
              "normalized text with offset map"),
    StageSpec("sentences", "rasad.text.sentences:sentences_stage", ("text", "norm"), ("sentences",),
              "sentence segmentation"),
    StageSpec("places", "rasad.places.geoparse:places_stage", ("norm", "sentences", "lang"), ("mentions",),
              "place mentions resolved against the gazetteer"),
    StageSpec("actors", "rasad.extract.actors:actors_stage", ("norm", "sentences", "lang"), ("mentions",),
              "actor mentions: canonical actor and the outlet's wording"),
    StageSpec("dates", "rasad.extract.dates:dates_stage", ("norm", "sentences", "lang", "published"),
              ("mentions",), "absolute and relative dates (DateRef mentions)"),
    StageSpec("quantities", "rasad.extract.quantities:quantities_stage", ("norm", "sentences", "lang"),
              ("mentions",), "counts of killed/wounded/arrested/displaced (Quantity mentions)"),
    StageSpec("events", "rasad.extract.events:events_stage", ("mentions", "sentences", "norm"),
              ("events", "mentions"), "ACLED-typed events linked to actors, place, date, counts; polarity"),
    # attribution and claims stay last: they read the events (insert other stages above them)
    # (document by document in a batch: claims reuses the sentence tokens attribution made, which
    # ``speakers.tokenize_cached`` keeps for one document.  Batching them with caches of the last 128
    # documents' tokens and analyses was measured slower, not faster (1k bench, same output: attribution
    # +3%, claims 0.09 -> 0.16 ms/doc): their working set is the document's own tokens, mentions and
    # events, which are still in the CPU caches when claims follows attribution on the same document)
    StageSpec("attribution", "rasad.extract.attribution:attribution_stage", ("events", "sentences"),
              ("events", "mentions"), "speaker and outlet of each event (reported speech, chains)", batched=False),
    StageSpec("claims", "rasad.extract.claims:claims_stage", ("events", "sentences", "mentions"), ("claims",),
              "attributed claims: events, control of places, fatalities, responsibility", batched=False),
)


@dataclass
class StageTiming:
    calls: int = 0
    seconds: float = 0.0  # wall clock
    cpu_seconds: float = 0.0  # process CPU time; only measured when the pipeline has ``cpu_timing``


@dataclass
class Pipeline:
    """Runs stages over documents; keeps per-stage timings for benchmarks.

    ``cpu_timing`` also records each stage's CPU time (what "documents/s on one core" means when other
    work shares the machine); off by default since reading the CPU clock costs ~1.5 us a call."""

    specs: tuple[StageSpec, ...] = DEFAULT_STAGES
    timings: dict[str, StageTiming] = field(default_factory=dict)
    cpu_timing: bool = False
    _fns: list[tuple[str, StageFn]] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self._fns = [(spec.name, spec.load()) for spec in self.specs]

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self._fns]

    def __call__(self, doc: Document) -> Document:
        timings = self.timings
        done = doc.stages_done
        wall_clock = time.perf_counter
        # one reading of each clock per stage boundary: a stage's end is the next one's start (the CPU
        # clock is a system call, ~1 us; the bookkeeping between stages is counted with the next stage)
        cpu_clock = time.process_time if self.cpu_timing else None
        c0 = cpu_clock() if cpu_clock else 0.0
        t0 = wall_clock()
        for name, fn in self._fns:
            fn(doc)
            t1 = wall_clock()
            t = timings.get(name)
            if t is None:
                t = timings[name] = StageTiming()
            t.calls += 1
            t.seconds += t1 - t0
            t0 = t1
            if cpu_clock:
                c1 = cpu_clock()
                t.cpu_seconds += c1 - c0
                c0 = c1
            if name not in done:
                done.append(name)
        return doc

    def run_batch(self, docs: Sequence[Document]) -> list[Exception | None]:
        """Run the stages over ``docs`` stage by stage: one stage over every document, then the next.  A
        stage's lexicons, automata and word caches then stay in the CPU's caches from one document to the
        next instead of being pushed out by the other stages' (1,000 bench documents, batches of 128, the
        stages' CPU time 3.4 -> 2.8 ms/doc; places -35%, langid/actors -20%).  Consecutive stages with
        ``batched=False`` run document by document.  Every document ends as ``self(doc)`` would leave it
        (the stages read and write only their document; shared caches only remember answers).  Returns,
        per document, the exception a stage raised on it (it then skips the later stages), else None."""
        errors: list[Exception | None] = [None] * len(docs)
        everyone = range(len(docs))
        batched = [spec.batched for spec in self.specs]
        fns = self._fns
        i = 0
        while i < len(fns):
            j = i + 1
            while j < len(fns) and batched[j] == batched[i]:
                j += 1
            if batched[i]:
                for name, fn in fns[i:j]:
                    self._run_timed(name, fn, docs, everyone, errors)
            else:
                for k in everyone:
                    for name, fn in fns[i:j]:
                        self._run_timed(name, fn, docs, (k,), errors)
            i = j
        return errors

    def _run_timed(self, name: str, fn: StageFn, docs: Sequence[Document], which: Iterable[int],
                   errors: list[Exception | None]) -> None:
        """Run one stage over ``docs[k]`` for each ``k`` in ``which`` that has no error yet (recording a new
        one in ``errors``), timed as one stretch."""
        ks = [k for k in which if errors[k] is None]
        if not ks:
            return
        t = self.timings.get(name)
        if t is None:
            t = self.timings[name] = StageTiming()
        cpu_clock = time.process_time if self.cpu_timing else None
        c0 = cpu_clock() if cpu_clock else 0.0
        t0 = time.perf_counter()
        for k in ks:
            errors[k] = self._run_stage(name, fn, docs[k], t)
        t.seconds += time.perf_counter() - t0
        if cpu_clock:
            t.cpu_seconds += cpu_clock() - c0

    @staticmethod
    def _run_stage(name: str, fn: StageFn, doc: Document, t: StageTiming) -> Exception | None:
        try:
            fn(doc)
        except Exception as exc:  # noqa: BLE001 - the caller records it against this document
            return exc
        t.calls += 1
        if name not in doc.stages_done:
            doc.stages_done.append(name)
        return None

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            yield self(doc)


def build_pipeline(only: Iterable[str] | None = None, until: str | None = None, *,
                   cpu_timing: bool = False) -> Pipeline:
    """The default pipeline, optionally restricted to some stages or cut after stage ``until``."""
    specs = list(DEFAULT_STAGES)
    if until is not None:
        names = [s.name for s in specs]
        if until not in names:
            raise ValueError(f"unknown stage {until!r}; stages are {', '.join(names)}")
        specs = specs[: names.index(until) + 1]
    if only is not None:
        wanted = set(only)
        unknown = wanted - {s.name for s in DEFAULT_STAGES}
        if unknown:
            raise ValueError(f"unknown stage(s): {', '.join(sorted(unknown))}")
        specs = [s for s in specs if s.name in wanted]
    return Pipeline(tuple(specs), cpu_timing=cpu_timing)


def stage_names() -> list[str]:
    return [s.name for s in DEFAULT_STAGES]
