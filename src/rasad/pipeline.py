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
from collections.abc import Callable, Iterable
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
    StageSpec("attribution", "rasad.extract.attribution:attribution_stage", ("events", "sentences"),
              ("events", "mentions"), "speaker and outlet of each event (reported speech, chains)"),
    StageSpec("claims", "rasad.extract.claims:claims_stage", ("events", "sentences", "mentions"), ("claims",),
              "attributed claims: events, control of places, fatalities, responsibility"),
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
