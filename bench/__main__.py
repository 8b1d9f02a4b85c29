"""The Rasad benchmark suite: documents per second (one core) and peak memory, per stage and end to end.

    python -m bench                      # corpora of 1k, 10k and 100k documents
    python -m bench --sizes 1000,10000   # choose the sizes
    python -m bench --quick              # 300 documents, to check the suite runs
    python -m bench --sizes 100000 --rows end_to_end --keep /tmp/b   # keep the corpus and store
    python -m bench --merge-store /tmp/b/store_100000.db            # the merge row again on that store
    python -m bench --shared ../shared   # where the real texts are (default: $RASAD_SHARED or ../shared)

Corpora are generated from the shared real texts (saudinewsnet_ar.jsonl, fars_fa_dev.jsonl,
fakes_en_dev.csv): articles cut to at most 4 KB at a word boundary, mixed 60% Arabic, 25% Persian,
15% English, and made unique (so ingestion does not deduplicate them away) by appending one real sentence
from another article of the same language.  The corpus is written as JSON Lines files of 2,000 documents
(ingestion refuses files over 20 MB), which the ingest row reads.

Rates are documents per CPU-second of the measured work (``time.process_time``), i.e. documents/s on
one core, which stays meaningful when other work shares the machine; the JSON output (``--json``) also
keeps wall-clock seconds.  Rows run in subprocesses pinned to one thread, so peak memory (maximum
resident set size from ``wait4``) is per row:

* ``ingest`` reads and decodes the corpus file into Documents;
* ``end to end``: ``analyze_paths`` -- ingest, every stage, batched SQLite transactions, merge;
* one row per document stage in ``rasad.pipeline.DEFAULT_STAGES`` (new stages appear automatically):
  that stage's own CPU time inside the end-to-end run (its memory column is the end-to-end process);
  with ``--isolated-stages`` each stage row is instead its own process running the pipeline up to that
  stage (a stage's own memory, at the cost of one pipeline pass per stage); stages the issue asks for
  that the pipeline does not have yet are listed as missing;
* ``end to end, no merge``: the document part of that run (ingest, stages, store) and its peak memory,
  which stays flat with corpus size because documents stream;
* ``merge``: the corpus-level merge again over the store the end-to-end run built;
* ``report``: ``rasad report`` over that store (when the command exists); CPU time of the whole
  command, start-up included.

Peak memory includes the interpreter and loaded libraries and language data (~100-200 MB).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
#: Stages the scale issue asks to see; shown as missing until the pipeline has them.
EXPECTED_STAGES = ("langid", "places", "events", "attribution")
MAX_CHARS = 4096
LANG_MIX = (("ar", 0.60), ("fa", 0.25), ("en", 0.15))


# --------------------------------------------------------------------------------------------
# Corpus generation
# --------------------------------------------------------------------------------------------


def _cut(text: str, limit: int = MAX_CHARS) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def load_real_articles(shared: Path) -> dict[str, list[dict[str, str]]]:
    """Real articles per language from the shared news files (read in place, never copied)."""
    news = shared / "data" / "news"
    articles: dict[str, list[dict[str, str]]] = {"ar": [], "fa": [], "en": []}
    with open(news / "saudinewsnet_ar.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("content", "").strip():
                articles["ar"].append({"text": _cut(row["content"]), "title": row.get("title", ""),
                                       "outlet": row.get("source", ""), "published": row.get("date", "")})
    with open(news / "fars_fa_dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            body = "\n\n".join(row.get("paragraphs") or []) or row.get("abstract", "")
            if body.strip():
                articles["fa"].append({"text": _cut(body), "title": row.get("title", ""), "outlet": "farsnews.ir",
                                       "published": str(row.get("date", "") or "")})
    with open(news / "fakes_en_dev.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if (row.get("article_content") or "").strip():
                articles["en"].append({"text": _cut(row["article_content"]), "title": row.get("article_title", ""),
                                       "outlet": row.get("source", ""), "published": row.get("date", "")})
    return articles


def _first_sentence(text: str) -> str:
    for mark in (". ", "。", "؟", "! ", ".\n"):
        at = text.find(mark)
        if 20 < at < 400:
            return text[: at + 1]
    return text[:200]


#: Documents per corpus file: ingestion rejects files over 20 MB, and real collections are many files.
FILE_DOCS = 2000


def generate_corpus(shared: Path, size: int, out: Path, seed: int = 7) -> dict[str, Any]:
    """Write ``size`` unique documents as JSON Lines files in folder ``out``; returns corpus statistics."""
    from rasad.model import content_hash

    articles = load_real_articles(shared)
    rng = random.Random(seed)
    langs = [lang for lang, _ in LANG_MIX]
    weights = [w for _, w in LANG_MIX]
    used: dict[str, int] = {lang: 0 for lang in langs}
    seen: set[str] = set()
    total_chars = 0
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    fh = None
    try:
        while written < size:
            lang = rng.choices(langs, weights)[0]
            pool = articles[lang]
            base = pool[used[lang] % len(pool)]
            used[lang] += 1
            text = base["text"]
            if content_hash(text) in seen:  # a repeat: append a sentence of another real article
                other = pool[rng.randrange(len(pool))]
                text = _cut(text, MAX_CHARS - 420) + "\n\n" + _first_sentence(other["text"])
            digest = content_hash(text)
            if digest in seen:
                continue
            seen.add(digest)
            if written % FILE_DOCS == 0:
                if fh is not None:
                    fh.close()
                fh = open(out / f"part_{written // FILE_DOCS:04d}.jsonl", "w", encoding="utf-8")  # noqa: SIM115
            fh.write(json.dumps({**base, "text": text}, ensure_ascii=False) + "\n")
            total_chars += len(text)
            written += 1
    finally:
        if fh is not None:
            fh.close()
    return {"documents": size, "mean_chars": round(total_chars / max(size, 1))}


# --------------------------------------------------------------------------------------------
# Child processes: one row each
# --------------------------------------------------------------------------------------------


def child(kind: str, corpus: Path, db: Path) -> dict[str, Any]:
    """Run one benchmark row in this process; returns {"seconds", "documents", ...}."""
    from rasad.ingest import iter_paths
    from rasad.model import Document

    t0, c0 = time.perf_counter(), time.process_time()

    def elapsed() -> dict[str, float]:
        return {"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0}

    if kind == "ingest":
        n = sum(1 for item in iter_paths([corpus]) if isinstance(item, Document))
        return {**elapsed(), "documents": n}
    if kind.startswith("stage:"):
        from rasad.pipeline import build_pipeline

        name = kind.split(":", 1)[1]
        pipeline = build_pipeline(until=name, cpu_timing=True)
        n = 0
        for item in iter_paths([corpus]):
            if isinstance(item, Document):
                pipeline(item)
                n += 1
        timing = pipeline.timings.get(name)
        return {"seconds": timing.seconds if timing else 0.0, "cpu_seconds": timing.cpu_seconds if timing else 0.0,
                "documents": n}
    if kind == "end_to_end":
        import resource

        from rasad.analyze import analyze_paths, run_merge
        from rasad.pipeline import build_pipeline
        from rasad.store.sqlite import SQLiteStore

        with SQLiteStore(db) as store:
            pipeline = build_pipeline(cpu_timing=True)
            t0, c0 = time.perf_counter(), time.process_time()
            # what analyze_paths does, with the merge run separately so the document part (which
            # streams) and the corpus-level merge each get their own time and memory
            result = analyze_paths([corpus], store, pipeline=pipeline, merge=False)
            documents_part = elapsed()
            documents_part["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            merged = run_merge(store)
            total = elapsed()
            docs = result.new + result.already_stored
            stages = {name: {"seconds": t.seconds, "cpu_seconds": t.cpu_seconds, "documents": t.calls}
                      for name, t in pipeline.timings.items()}
            return {**total, "documents": docs, "events": store.count_events(), "merged": merged,
                    "stages": stages, "without_merge": {**documents_part, "documents": docs}}
    if kind == "merge":
        from rasad.analyze import run_merge
        from rasad.store.sqlite import SQLiteStore

        with SQLiteStore(db) as store:
            t0, c0 = time.perf_counter(), time.process_time()
            ran = run_merge(store)
            return {**elapsed(), "documents": store.count_documents(), "missing": not ran}
    raise ValueError(f"unknown benchmark row {kind!r}")


def run_row(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run a child command; returns its JSON result plus ``peak_mb`` (max RSS of the child)."""
    with tempfile.TemporaryFile(mode="w+") as out, tempfile.TemporaryFile(mode="w+") as err:
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=REPO)
        t0 = time.perf_counter()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, error = out.read(), err.read()
    peak_mb = usage.ru_maxrss / 1024  # Linux reports kilobytes
    if proc.returncode != 0:
        return {"error": (error.strip().splitlines() or [f"exit code {proc.returncode}"])[-1], "peak_mb": peak_mb}
    try:
        result = json.loads(text.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        result = None
    if not isinstance(result, dict):  # a command that prints no result of its own: time the whole process
        result = {"seconds": wall, "cpu_seconds": usage.ru_utime + usage.ru_stime}
    result["peak_mb"] = peak_mb
    return result


def report_command_exists() -> bool:
    from rasad.cli import app

    names = {c.name or (c.callback.__name__.replace("_", "-") if c.callback else "") for c in app.registered_commands}
    return "report" in names


# --------------------------------------------------------------------------------------------
# Table
# --------------------------------------------------------------------------------------------


def _stage_from_end_to_end(per_row: dict[str, Any], name: str) -> dict[str, Any]:
    """A stage row read from the end-to-end run's own per-stage CPU times."""
    e2e = per_row.get("end to end") or {}
    if "error" in e2e:
        return {"error": "end to end failed"}
    if name == "without_merge":  # the document part of the run: ingest, stages, store; its own peak
        return e2e.get("without_merge") or {"error": "not measured"}
    stage = (e2e.get("stages") or {}).get(name)
    if stage is None:
        return {"error": "stage did not run"}
    return {**stage, "peak_mb": e2e.get("peak_mb", 0.0)}


def _fmt(result: dict[str, Any] | None) -> str:
    if result is None:
        return "n/a"
    if "missing" in result and result["missing"] is True:
        return "not available yet"
    if "error" in result:
        return "error: " + str(result["error"])[:40]
    seconds, docs = result.get("cpu_seconds", result.get("seconds", 0.0)), result.get("documents", 0)
    if not docs:
        return "error: no documents processed"
    rate = docs / seconds if seconds > 0 else float("inf")
    rate_text = f"{rate:,.0f}" if rate != float("inf") else "inf"
    return f"{rate_text:>9} doc/s {result.get('peak_mb', 0):>6.0f} MB"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated corpus sizes")
    ap.add_argument("--quick", action="store_true", help="one corpus of 300 documents")
    ap.add_argument("--shared", type=Path,
                    default=Path(os.environ.get("RASAD_SHARED", REPO.parent / "shared")),
                    help="the shared/ folder with data/news")
    ap.add_argument("--rows", default="", help="only these rows (comma-separated, e.g. ingest,end_to_end)")
    ap.add_argument("--json", type=Path, help="also write the raw results to this file")
    ap.add_argument("--isolated-stages", action="store_true",
                    help="one process per stage row (own peak memory; one pipeline pass per stage)")
    ap.add_argument("--merge-store", type=Path, metavar="DB",
                    help="only the merge row, over this prepared SQLite store (e.g. a 100k store analysed once "
                         "with --keep); the merge replaces the store's merge results")
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="write corpora and stores under DIR and keep them (default: a temporary folder)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        print(json.dumps(child(args.child, args.corpus, args.db)))
        return

    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "PYTHONHASHSEED": "0"}
    if args.merge_store:
        if not args.merge_store.is_file():
            sys.exit(f"no store at {args.merge_store}")
        res = run_row([sys.executable, "-m", "bench", "--child", "merge", "--corpus", "-", "--db",
                       str(args.merge_store)], env)
        print(f"| merge | {res.get('documents', 0):,} docs | {_fmt(res)} | "
              f"{res.get('cpu_seconds', 0):.0f} CPU-s, {res.get('seconds', 0):.0f} s wall |")
        if args.json:
            args.json.write_text(json.dumps({"merge_store": str(args.merge_store), "merge": res}, indent=2))
        return

    if not (args.shared / "data" / "news").is_dir():
        sys.exit(f"shared texts not found under {args.shared}/data/news (use --shared)")
    sizes = [300] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    from rasad.pipeline import DEFAULT_STAGES

    stage_names = [s.name for s in DEFAULT_STAGES]
    rows: list[tuple[str, str | None]] = [("ingest", "ingest")]
    rows += [(name, f"stage:{name}") for name in stage_names]
    rows += [(name, None) for name in EXPECTED_STAGES if name not in stage_names]
    rows += [("merge", "merge"), ("report", "report"), ("end to end, no merge", "without_merge"),
             ("end to end", "end_to_end")]
    wanted = {r.strip() for r in args.rows.split(",") if r.strip()}
    if wanted:
        rows = [r for r in rows if r[0] in wanted or (r[1] or "") in wanted]
        # merge, report, the stage rows (unless isolated) and "no merge" read the end-to-end run
        needs_e2e = any(kind in ("merge", "report", "without_merge")
                        or (kind.startswith("stage:") and not args.isolated_stages)
                        for _, kind in rows if kind)
        if needs_e2e and ("end to end", "end_to_end") not in rows:
            rows.append(("end to end", "end_to_end"))
    has_report = report_command_exists()
    results: dict[int, dict[str, Any]] = {}
    corpus_stats: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="rasad-bench-") as scratch:
        tmp = str(args.keep) if args.keep else scratch
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            corpus = Path(tmp) / f"corpus_{size}"
            db = Path(tmp) / f"store_{size}.db"
            if db.exists():  # a kept store from an earlier run: end to end starts from an empty one
                for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
                    stale.unlink(missing_ok=True)
            corpus_stats[size] = generate_corpus(args.shared, size, corpus)
            print(f"corpus {size}: mean {corpus_stats[size]['mean_chars']} characters", file=sys.stderr)
            per_row: dict[str, Any] = {}
            # end to end first: merge and report run over the store it builds
            order = sorted(rows, key=lambda r: 0 if r[1] == "end_to_end" else 1)
            for label, kind in order:
                if kind is None:
                    per_row[label] = {"missing": True}
                    continue
                if kind == "without_merge" or (kind.startswith("stage:") and not args.isolated_stages):
                    per_row[label] = _stage_from_end_to_end(per_row, kind.split(":", 1)[-1])
                    print(f"  {label:<14} {_fmt(per_row[label])}", file=sys.stderr)
                    continue
                if kind == "report":
                    if not has_report or not db.exists():
                        per_row[label] = {"missing": True}
                        continue
                    argv_ = [sys.executable, "-c", "from rasad.cli import main; main()", "report", "--db", str(db)]
                    res = run_row(argv_, env)
                    res["documents"] = size
                    per_row[label] = res
                else:
                    argv_ = [sys.executable, "-m", "bench", "--child", kind, "--corpus", str(corpus), "--db", str(db)]
                    per_row[label] = run_row(argv_, env)
                print(f"  {label:<14} {_fmt(per_row[label])}", file=sys.stderr)
            results[size] = per_row

    print(f"\nRasad benchmark, {date.today().isoformat()}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}; one core per row; "
          f"documents per CPU-second and peak RSS\n")
    header = "| stage | " + " | ".join(f"{s:,} docs" for s in sizes) + " |"
    print(header)
    print("|" + "---|" * (len(sizes) + 1))
    for label, _ in rows:
        print(f"| {label} | " + " | ".join(_fmt(results[s].get(label)) for s in sizes) + " |")
    print("\nmean document size: " + ", ".join(f"{s:,}: {corpus_stats[s]['mean_chars']} chars" for s in sizes))
    if args.json:
        args.json.write_text(json.dumps({"sizes": sizes, "results": results, "corpus": corpus_stats}, indent=2))


if __name__ == "__main__":
    main()
