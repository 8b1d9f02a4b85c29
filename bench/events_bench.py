"""Events benchmark: actors + events stages in documents per second on one core.

Usage: python -m bench.events_bench [--shared ../shared] [--n 2000]

Documents are real articles read in place from the shared folder (saudinewsnet_ar.jsonl, fars_fa_dev.jsonl,
fakes_en_dev.csv), cut to at most 4 KB, mixed 60% Arabic / 25% Persian / 15% English.  They are first
run through langid, normalize, sentences, places, dates and quantities (not timed); then the ``actors``
and ``events`` stages are timed together.  Target: >= 500 documents/s.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("RASAD_SHARED", "../shared")))
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()

    from bench.corpus import interleaved_docs, load_texts
    from rasad.extract.actors import actors_stage
    from rasad.extract.events import events_stage
    from rasad.pipeline import DEFAULT_STAGES, Pipeline

    docs = interleaved_docs(load_texts(args.shared), args.n)
    before = tuple(s for s in DEFAULT_STAGES if s.name in
                   ("langid", "normalize", "sentences", "places", "dates", "quantities"))
    prep = Pipeline(before)
    t0 = time.perf_counter()
    for d in docs:
        prep(d)
    prep_s = time.perf_counter() - t0
    # compile every language's lexicons once, outside the timing (as a long-running process would)
    from rasad.extract.actors import warm_up as warm_actors
    from rasad.extract.events import warm_up as warm_events

    warm_actors()
    warm_events()

    t_actors = t_events = 0.0
    n_events = n_actors = 0
    for d in docs:
        a = time.perf_counter()
        actors_stage(d)
        b = time.perf_counter()
        events_stage(d)
        c = time.perf_counter()
        t_actors += b - a
        t_events += c - b
        n_events += len(d.events)
        n_actors += len(d.mentions_of("actor"))
    total = t_actors + t_events
    kb = sum(len(d.text.encode("utf-8")) for d in docs) / len(docs) / 1024
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {len(docs)} (mean {kb:.1f} KB UTF-8; 60% ar / 25% fa / 15% en); "
          f"preprocessing {prep_s:.1f} s (not timed below)")
    print(f"actors: {len(docs) / t_actors:.0f} docs/s ({n_actors} mentions)")
    print(f"events: {len(docs) / t_events:.0f} docs/s ({n_events} events, {n_events / len(docs):.2f}/doc)")
    print(f"actors+events: {len(docs) / total:.0f} docs/s on one core (target >= 500); max RSS {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
