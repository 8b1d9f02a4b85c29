"""Benchmarks for the interfaces: API event listing latency on a large store, HTML report time.

    python -m bench.web_bench [--events 100000] [--report-events 10000] [--db STORE [--reuse]]

Targets (issue 8): API event listing p95 < 50 ms on a store of 100,000 events; HTML report for 10,000
events in < 10 s.  The stores are synthetic but shaped like real output: Syrian places and admin areas,
ACLED types, several reports per event in Arabic, Persian and English.  Text search (``q``) requests are
timed apart from the other filters (issue 9): Arabic/Persian/English wordings typed without hamza,
tashkeel, ZWNJ or Persian letter forms, common words (a tenth to a third of the store) and words that
match nothing.  ``--db`` keeps the 100k store at STORE; ``--reuse`` benchmarks an existing one (built by
an older version: opening it runs the pending migrations, timed).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rasad.model import (
    ACLED_TAXONOMY,
    ActorRef,
    CanonicalEvent,
    DateRef,
    Document,
    Event,
    FieldComparison,
    FieldValue,
    PlaceRef,
    Quantity,
    Report,
    Sentence,
    Span,
    Story,
)
from rasad.store.base import open_store

PLACES = [  # (id, name, admin1, lat, lon)
    ("sy:homs-khalidiya", "Khalidiya", "Homs", 34.745, 36.713), ("sy:damascus-jobar", "Jobar", "Damascus", 33.53, 36.33),
    ("sy:damascus-qaboun", "Qaboun", "Damascus", 33.54, 36.33), ("sy:idlib-maarat", "Maarat al-Numan", "Idlib",
                                                                    35.64, 36.67),
    ("sy:aleppo-khan-al-asal", "Khan al-Asal", "Aleppo", 36.18, 37.03), ("sy:daraa-nawa", "Nawa", "Daraa", 32.89, 36.04),
    ("sy:quneitra", "Quneitra", "Quneitra", 33.13, 35.82), ("sy:rif-harasta", "Harasta", "Rural Damascus", 33.56, 36.37),
    ("sy:deir-ez-zor", "Deir ez-Zor", "Deir ez-Zor", 35.33, 40.14), ("sy:raqqa", "Raqqa", "Raqqa", 35.95, 39.01),
]
SUBS = [(t, s) for t, subs in ACLED_TAXONOMY.items() for s in subs]
AR = "قصفت قوات النظام حي {p} في {a} صباح اليوم وقتل {n} مدنيين بحسب المرصد السوري لحقوق الإنسان. "
FA = "نیروهای دولتی در {p} با گروه‌های مسلح درگیر شدند و {n} نفر کشته شدند. "
EN = "Government forces shelled {p} in {a} province, killing {n} civilians, the Observatory said. "


def build_store(path: str, n_events: int, reports_per_event: int = 3, events_per_doc: int = 5,
                seed: int = 7) -> dict[str, float]:
    """A store with ``n_events`` canonical events, each told by ``reports_per_event`` documents."""
    rng = random.Random(seed)
    n_docs = max(1, n_events * reports_per_event // events_per_doc)
    t0 = time.perf_counter()
    docs: list[Document] = []
    day0 = date(2013, 1, 1)
    for i in range(n_docs):
        lang, tmpl = [("ar", AR), ("fa", FA), ("en", EN)][i % 3]
        parts, events = [], []
        text = ""
        for k in range(events_per_doc):
            pid, name, admin1, lat, lon = rng.choice(PLACES)
            n = rng.randint(0, 60)
            sentence = tmpl.format(p=name, a=admin1, n=n)
            start = len(text)
            text += sentence
            parts.append((start, len(text)))
            et, st = rng.choice(SUBS)
            day = day0 + timedelta(days=rng.randint(0, 1500))
            events.append(Event(
                id=f"d{i}:e{k}", doc_id="", event_type=et, sub_event_type=st,
                trigger=Span(start, start + 5, sentence[:5]), sentence=Span(start, len(text) - 1, sentence.strip()),
                lang=lang, actor1=ActorRef("sy_gov_forces", "Military Forces of Syria", "قوات النظام", 1, "government"),
                location=PlaceRef(pid, name, name, "neighbourhood", "SYR", admin1, admin1, None, lat, lon, 1),
                date=DateRef(day, day, "day"), fatalities=Quantity(n, n, n, str(n))))
        doc = Document.create(f"{text} [{i}]", lang=lang, outlet=f"Outlet {i % 40}", title=f"Report {i}")
        doc.sentences = [Sentence(s, e, j, lang) for j, (s, e) in enumerate(parts)]
        for ev in events:
            ev.doc_id = doc.id
            ev.id = f"{doc.id}:{ev.id.split(':')[1]}"
        doc.events = events
        docs.append(doc)
    all_events = [(d, e) for d in docs for e in d.events]
    canon: list[CanonicalEvent] = []
    for j in range(n_events):
        group = [all_events[(j * reports_per_event + r) % len(all_events)] for r in range(reports_per_event)]
        d0, e0 = group[0]
        fats = [e.fatalities.best for _, e in group if e.fatalities]
        contested = ["fatalities"] if len(set(fats)) > 1 else []
        canon.append(CanonicalEvent(
            id=f"ce{j:07d}", event_type=e0.event_type, sub_event_type=e0.sub_event_type,
            reports=[Report(d.id, e.id, d.outlet, d.lang) for d, e in group], location=e0.location,
            date_start=e0.date.start, date_end=e0.date.end, date_precision="day", actor1=e0.actor1,
            fatalities_low=min(fats), fatalities_best=int(statistics.median(fats)), fatalities_high=max(fats),
            contested_fields=contested, n_sources=len(group), n_independent_sources=len(group),
            story_id=f"st{j // 50}",
            comparisons=[FieldComparison("fatalities", "contradict" if contested else "agree", "numeric",
                                         [FieldValue(e.fatalities.best, d.id, e.id, d.outlet) for d, e in group])],
        ))
    stories = [Story(f"st{s}", f"Story {s}", [], [c.id for c in canon[s * 50:(s + 1) * 50]])
               for s in range((n_events + 49) // 50)]
    t_gen = time.perf_counter() - t0
    t0 = time.perf_counter()
    with open_store(path) as store:
        for doc in docs:
            store.save_document(doc)
        store.replace_merge(canon, stories)
    return {"docs": n_docs, "generate_s": t_gen, "load_s": time.perf_counter() - t0}


def bench_api(db: str, n_requests: int = 300, seed: int = 11) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from rasad.web.app import create_app

    rng = random.Random(seed)
    client = TestClient(create_app(db))
    queries: list[dict[str, Any]] = [
        {}, {"event_type": "Battles"}, {"admin1": "Homs"}, {"place": "sy:damascus-jobar"},
        {"date_from": "2013-06-01", "date_to": "2013-08-31"}, {"actor": "sy_gov_forces"},
        {"event_type": "Explosions/Remote violence", "admin1": "Idlib"},
    ]
    client.get("/api/canonical-events")  # warm up
    latencies = []
    for _ in range(n_requests):
        params = dict(rng.choice(queries))
        params["offset"] = rng.choice([0, 0, 50, 500])
        t0 = time.perf_counter()
        r = client.get("/api/canonical-events", params=params)
        latencies.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, r.text
    return _percentiles(latencies)


#: ``q`` as users type it: the stored text has الإنسان, گروه‌های (ZWNJ), Persian ی; the words typed here
#: lack hamza/ZWNJ or use the other letter form.  Common words (every Arabic/Persian telling: a third of
#: the store), place names (a tenth), two words, and words that match nothing (a full scan for a LIKE).
SEARCH_QUERIES = ["الانسان", "گروههاي مسلح", "Khalidiya", "jobar", "قوات النظام", "Observatory said",
                  "khan al-asal", "کشته", "تدمر", "Palmyra", "قصفت حي Nawa", "Maarat"]


def bench_search(db: str, n_requests: int = 200, seed: int = 13) -> dict[str, Any]:
    """Latency of ``q`` requests on merged events (with other filters now and then) and on document events."""
    from fastapi.testclient import TestClient

    from rasad.web.app import create_app

    rng = random.Random(seed)
    client = TestClient(create_app(db))
    client.get("/api/canonical-events", params={"q": "warm"})
    latencies = []
    for _ in range(n_requests):
        params: dict[str, Any] = {"q": rng.choice(SEARCH_QUERIES), "offset": rng.choice([0, 0, 50])}
        if rng.random() < 0.25:
            params["event_type"] = rng.choice(list(ACLED_TAXONOMY))
        path = "/api/canonical-events" if rng.random() < 0.75 else "/api/events"
        t0 = time.perf_counter()
        r = client.get(path, params=params)
        latencies.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, r.text
    return _percentiles(latencies)


def _percentiles(latencies: list[float]) -> dict[str, Any]:
    latencies = sorted(latencies)
    return {"requests": len(latencies), "p50_ms": latencies[len(latencies) // 2],
            "p95_ms": latencies[int(len(latencies) * 0.95)], "max_ms": latencies[-1]}


def bench_report(db: str) -> dict[str, Any]:
    from rasad.outputs.html_report import write_html_report

    with open_store(db) as store, tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        out = write_html_report(store, Path(tmp) / "report.html")
        seconds = time.perf_counter() - t0
        size = out.stat().st_size
    return {"seconds": seconds, "bytes": size}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000, help="canonical events in the API store")
    ap.add_argument("--report-events", type=int, default=10_000, help="canonical events in the report store")
    ap.add_argument("--db", help="where to keep the API store (default: a temporary folder)")
    ap.add_argument("--reuse", action="store_true", help="benchmark the existing store at --db")
    ap.add_argument("--skip-report", action="store_true", help="skip the HTML report benchmark")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "api.db")
        if args.reuse:
            if not args.db or not Path(args.db).exists():
                ap.error("--reuse needs an existing store at --db")
            t0 = time.perf_counter()
            with open_store(db) as store:
                n_docs = store.count_documents()
            print(f"opened the existing store in {time.perf_counter() - t0:.1f} s (pending migrations included)")
            built = {"docs": n_docs, "load_s": float("nan")}
        else:
            built = build_store(db, args.events)
        api = bench_api(db)
        print(f"API listing on {args.events:,} events ({built['docs']:,} docs, store built in "
              f"{built['load_s']:.1f} s): p50 {api['p50_ms']:.1f} ms, p95 {api['p95_ms']:.1f} ms "
              f"(target < 50 ms), max {api['max_ms']:.1f} ms over {api['requests']} requests")
        search = bench_search(db)
        print(f"API text search (q) on {args.events:,} events: p50 {search['p50_ms']:.1f} ms, "
              f"p95 {search['p95_ms']:.1f} ms (target < 50 ms), max {search['max_ms']:.1f} ms over "
              f"{search['requests']} requests")
        if args.skip_report:
            return
        db2 = str(Path(tmp) / "report.db")
        build_store(db2, args.report_events)
        rep = bench_report(db2)
        print(f"HTML report for {args.report_events:,} events: {rep['seconds']:.2f} s (target < 10 s), "
              f"{rep['bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
