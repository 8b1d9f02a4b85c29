"""Benchmarks for the interfaces: API event listing latency on a large store, HTML report time.

    python -m bench.web_bench [--events 100000] [--report-events 10000] [--db STORE [--reuse]]
    python -m bench.web_bench --db STORE --reuse --skip-report --record-answers old.jsonl   # one tree
    python -m bench.web_bench --db STORE --reuse --skip-report --check-answers old.jsonl    # another tree

Targets (issue 8): API event listing p95 < 50 ms on a store of 100,000 events; HTML report for 10,000
events in < 10 s.  The stores are synthetic but shaped like real output: Syrian places and admin areas,
ACLED types, several reports per event in Arabic, Persian and English.  Text search (``q``) requests are
timed apart from the other filters (issue 9): Arabic/Persian/English wordings typed without hamza,
tashkeel, ZWNJ or Persian letter forms, common words (a tenth to a third of the store) and words that
match nothing.  ``--db`` keeps the 100k store at STORE; ``--reuse`` benchmarks an existing one (built by
an older version: opening it runs the pending migrations, timed).

``--record-answers FILE`` writes every timed request (path, parameters) and its JSON answer to FILE (JSON
Lines, outside the timed part); ``--check-answers FILE`` compares this run's answers with such a file and
exits 1 naming the requests that differ -- a speed change must keep every item, the order, the totals
and the ``total_is_lower_bound`` flags.  Run the two with two source trees on the same store.
"""

from __future__ import annotations

import argparse
import json
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


#: One timed request as ``--record-answers`` keeps it: (path, parameters, JSON answer).
Answer = tuple[str, dict[str, Any], Any]


def bench_api(db: str, n_requests: int = 300, seed: int = 11,
              answers: list[Answer] | None = None) -> dict[str, Any]:
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
    latencies: list[float] = []
    cpu: list[float] = []
    for _ in range(n_requests):
        params = dict(rng.choice(queries))
        params["offset"] = rng.choice([0, 0, 50, 500])
        t0, c0 = time.perf_counter(), time.process_time()
        r = client.get("/api/canonical-events", params=params)
        latencies.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        assert r.status_code == 200, r.text
        if answers is not None:
            answers.append(("/api/canonical-events", params, r.json()))
    return _percentiles(latencies, cpu)


#: ``q`` as users type it: the stored text has الإنسان, گروه‌های (ZWNJ), Persian ی; the words typed here
#: lack hamza/ZWNJ or use the other letter form.  Common words (every Arabic/Persian telling: a third of
#: the store), place names (a tenth), two words, and words that match nothing (a full scan for a LIKE).
SEARCH_QUERIES = ["الانسان", "گروههاي مسلح", "Khalidiya", "jobar", "قوات النظام", "Observatory said",
                  "khan al-asal", "کشته", "تدمر", "Palmyra", "قصفت حي Nawa", "Maarat"]


def bench_search(db: str, n_requests: int = 200, seed: int = 13,
                 answers: list[Answer] | None = None) -> dict[str, Any]:
    """Latency of ``q`` requests on merged events (with other filters now and then) and on document events."""
    from fastapi.testclient import TestClient

    from rasad.web.app import create_app

    rng = random.Random(seed)
    client = TestClient(create_app(db))
    client.get("/api/canonical-events", params={"q": "warm"})
    latencies: list[float] = []
    cpu: list[float] = []
    for _ in range(n_requests):
        params: dict[str, Any] = {"q": rng.choice(SEARCH_QUERIES), "offset": rng.choice([0, 0, 50])}
        if rng.random() < 0.25:
            params["event_type"] = rng.choice(list(ACLED_TAXONOMY))
        path = "/api/canonical-events" if rng.random() < 0.75 else "/api/events"
        t0, c0 = time.perf_counter(), time.process_time()
        r = client.get(path, params=params)
        latencies.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        assert r.status_code == 200, r.text
        if answers is not None:
            answers.append((path, params, r.json()))
    return _percentiles(latencies, cpu)


def _percentiles(latencies: list[float], cpu: list[float]) -> dict[str, Any]:
    """Wall-clock percentiles, and the same of the CPU time the process spent per request (client and
    server threads together), which a loaded machine inflates far less."""
    latencies, cpu = sorted(latencies), sorted(cpu)
    return {"requests": len(latencies), "p50_ms": latencies[len(latencies) // 2],
            "p95_ms": latencies[int(len(latencies) * 0.95)], "max_ms": latencies[-1],
            "cpu_p50_ms": cpu[len(cpu) // 2], "cpu_p95_ms": cpu[int(len(cpu) * 0.95)], "cpu_max_ms": cpu[-1]}


def _cpu_line(result: dict[str, Any]) -> str:
    return (f"; CPU per request p50 {result['cpu_p50_ms']:.1f} ms, p95 {result['cpu_p95_ms']:.1f} ms, "
            f"max {result['cpu_max_ms']:.1f} ms")


def write_answers(path: str, answers: list[Answer]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for url, params, body in answers:
            out.write(json.dumps({"path": url, "params": params, "answer": body}, ensure_ascii=False,
                                 sort_keys=True) + "\n")


def compare_answers(path: str, answers: list[Answer]) -> list[str]:
    """How this run's ``answers`` differ from those recorded in ``path`` (empty: identical)."""
    with open(path, encoding="utf-8") as f:
        recorded = [json.loads(line) for line in f if line.strip()]
    problems = []
    if len(recorded) != len(answers):
        problems.append(f"{len(answers)} requests, {len(recorded)} recorded")
    for i, (rec, (url, params, body)) in enumerate(zip(recorded, answers, strict=False)):
        if (rec["path"], rec["params"]) != (url, json.loads(json.dumps(params))):
            problems.append(f"request {i}: {url} {params} was recorded as {rec['path']} {rec['params']}")
        elif rec["answer"] != body:
            differ = sorted(k for k in set(rec["answer"]) | set(body) if rec["answer"].get(k) != body.get(k))
            problems.append(f"request {i}: {url} {params}: {', '.join(differ)} differ")
    return problems


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
    ap.add_argument("--record-answers", metavar="FILE", help="write every timed request's answer to FILE")
    ap.add_argument("--check-answers", metavar="FILE",
                    help="compare every timed request's answer with FILE (from --record-answers); exit 1 if any differ")
    args = ap.parse_args(argv)
    answers: list[Answer] | None = [] if args.record_answers or args.check_answers else None
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
        api = bench_api(db, answers=answers)
        print(f"API listing on {args.events:,} events ({built['docs']:,} docs, store built in "
              f"{built['load_s']:.1f} s): p50 {api['p50_ms']:.1f} ms, p95 {api['p95_ms']:.1f} ms "
              f"(target < 50 ms), max {api['max_ms']:.1f} ms over {api['requests']} requests"
              + _cpu_line(api))
        search = bench_search(db, answers=answers)
        print(f"API text search (q) on {args.events:,} events: p50 {search['p50_ms']:.1f} ms, "
              f"p95 {search['p95_ms']:.1f} ms (target < 50 ms), max {search['max_ms']:.1f} ms over "
              f"{search['requests']} requests" + _cpu_line(search))
        if answers is not None and args.record_answers:
            write_answers(args.record_answers, answers)
            print(f"recorded the answers of {len(answers)} requests in {args.record_answers}")
        if answers is not None and args.check_answers:
            problems = compare_answers(args.check_answers, answers)
            for line in problems[:20]:
                print("DIFFERENT:", line)
            print(f"answers of {len(answers)} requests: "
                  + (f"{len(problems)} differ from {args.check_answers}" if problems
                     else f"identical to {args.check_answers}"))
            if problems:
                raise SystemExit(1)
        if args.skip_report:
            return
        db2 = str(Path(tmp) / "report.db")
        build_store(db2, args.report_events)
        rep = bench_report(db2)
        print(f"HTML report for {args.report_events:,} events: {rep['seconds']:.2f} s (target < 10 s), "
              f"{rep['bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
