"""Ingest benchmark: documents per second for ingest + language id + normalization + sentences, one core.

    python -m bench.ingest_bench [--docs 5000] [--shared ../shared]

The corpus is built from the shared real texts (saudinewsnet_ar.jsonl, fars_fa_dev.jsonl,
fakes_en_dev.csv and the seeds).  Articles are made unique -- ingestion would otherwise deduplicate the
repeats -- by appending one real sentence from another article of the same language, and cut to at most
4 KB at a word boundary.  80% are written as JSON Lines files (2,000 documents each), 20% as single
.txt files with YAML front matter, in a mix of UTF-8, UTF-8 with BOM and cp1256 for the Arabic ones,
so the reading, decoding and front-matter paths all count.

The measurement runs in a fresh subprocess pinned to one CPU so its peak memory (maximum resident set
size) is its own: ``iter_paths`` over the folder, then the ``langid``, ``normalize`` and ``sentences``
stages on each document.  Target: >= 1,000 documents/s.  Throughput is reported per CPU-second (what
one core costs, independent of other load on the machine) and per wall-clock second.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpus import cut_at_word

REPO = Path(__file__).resolve().parents[1]
DOCS_PER_JSONL = 2000
_SENTENCE_RE = re.compile(r"[^.!?؟\n]{20,300}[.!?؟]")


def default_shared() -> Path:
    return Path(os.environ.get("RASAD_SHARED", REPO.parent / "shared")).resolve()


def load_articles(shared: Path) -> dict[str, list[dict[str, Any]]]:
    """Real articles per language: dicts with text, title, outlet, published."""
    news = shared / "data" / "news"
    out: dict[str, list[dict[str, Any]]] = {"ar": [], "fa": [], "en": []}
    with (news / "saudinewsnet_ar.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("content", "").strip():
                out["ar"].append({"text": r["content"], "title": r["title"], "outlet": r["source"],
                                  "published": r["date"]})
    with (news / "fars_fa_dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out["fa"].append({"text": "\n\n".join(r["paragraphs"]), "title": r["title"],
                              "outlet": r["source_name"], "published": r.get("date_gregorian_from_link")})
    with (news / "fakes_en_dev.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out["en"].append({"text": r["article_content"], "title": r["article_title"], "outlet": r["source"],
                              "published": r["date"]})
    for path in sorted((shared / "seeds").glob("*.txt")):
        lang = "fa" if path.name.startswith("001") else "ar"
        out[lang].append({"text": path.read_text(encoding="utf-8"), "title": None, "outlet": None,
                          "published": None})
    return out


def build_corpus(folder: Path, n_docs: int, shared: Path, seed: int = 7) -> dict[str, int]:
    """Write ``n_docs`` unique documents under ``folder``; returns the count per language."""
    rng = random.Random(seed)
    articles = load_articles(shared)
    sentences = {lang: [s.strip() for a in arts for s in _SENTENCE_RE.findall(a["text"])]
                 for lang, arts in articles.items()}
    # the languages in proportion to the real articles available, Persian and English oversampled a bit
    mix = [("ar", 0.6), ("fa", 0.25), ("en", 0.15)]
    counts = {lang: int(n_docs * share) for lang, share in mix}
    counts["ar"] += n_docs - sum(counts.values())
    records: list[tuple[str, dict[str, Any]]] = []
    for lang, count in counts.items():
        pool = articles[lang]
        for i in range(count):
            base = pool[i % len(pool)]
            extra = rng.choice(sentences[lang])
            text = cut_at_word((base["text"] + "\n\n" + extra + f" ({i})").strip())
            records.append((lang, {**base, "text": text}))
    rng.shuffle(records)
    folder.mkdir(parents=True, exist_ok=True)
    n_text = len(records) // 5
    for i, (lang, rec) in enumerate(records[:n_text]):
        front = {k: rec[k] for k in ("title", "outlet", "published") if rec.get(k)}
        body = "---\n" + "".join(f"{k}: {json.dumps(str(v), ensure_ascii=False)}\n" for k, v in front.items())
        body += "---\n" + rec["text"]
        encoding = "utf-8"
        if lang == "ar" and i % 3 == 1:
            encoding = "utf-8-sig"
        elif lang == "ar" and i % 3 == 2:
            encoding = "cp1256"
        data = body.encode(encoding, errors="ignore" if encoding == "cp1256" else "strict")
        (folder / f"doc{i:06d}.txt").write_bytes(data)
    rest = [rec for _, rec in records[n_text:]]
    for part, start in enumerate(range(0, len(rest), DOCS_PER_JSONL)):
        with (folder / f"part{part:03d}.jsonl").open("w", encoding="utf-8") as fh:
            for rec in rest[start:start + DOCS_PER_JSONL]:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return counts


def measure(folder: Path) -> dict[str, Any]:
    """Ingest + langid + normalize + sentences over ``folder`` in this process (call in a fresh one).

    Both wall-clock and CPU time (``time.process_time``) are reported: on a shared machine the wall
    clock also counts time the process spent waiting for the CPU, the CPU time is what one core costs.
    """
    import resource

    from rasad.ingest import iter_paths
    from rasad.model import Document
    from rasad.pipeline import build_pipeline

    stages = [(spec.name, spec.load()) for spec in build_pipeline(until="sentences").specs]
    cpu = {"ingest": 0.0, **{name: 0.0 for name, _ in stages}}
    langs: dict[str, int] = {}
    n = rejected = chars = 0
    clock = time.process_time
    wall0, cpu0 = time.perf_counter(), clock()
    stream = iter_paths([folder])
    while True:
        t = clock()
        item = next(stream, None)
        cpu["ingest"] += clock() - t
        if item is None:
            break
        if not isinstance(item, Document):
            rejected += 1
            continue
        for name, fn in stages:
            t = clock()
            fn(item)
            cpu[name] += clock() - t
        item.norm = None  # as after saving: the normalized text is not kept
        n += 1
        chars += len(item.text)
        langs[item.lang] = langs.get(item.lang, 0) + 1
    wall = time.perf_counter() - wall0
    cpu_total = clock() - cpu0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "documents": n,
        "rejected": rejected,
        "cpu_seconds": round(cpu_total, 3),
        "wall_seconds": round(wall, 3),
        "docs_per_cpu_s": round(n / cpu_total, 1) if cpu_total else None,
        "docs_per_wall_s": round(n / wall, 1) if wall else None,
        "chars_per_doc": round(chars / n) if n else 0,
        "stage_cpu_seconds": {k: round(v, 3) for k, v in cpu.items()},
        "languages": langs,
        "peak_rss_mb": round(peak_kb / 1024, 1),
    }


def run(n_docs: int = 5000, shared: Path | None = None) -> dict[str, Any]:
    """Build a corpus of ``n_docs`` documents and measure it in a one-core subprocess."""
    shared = shared or default_shared()
    with tempfile.TemporaryDirectory(prefix="rasad-ingest-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        t0 = time.perf_counter()
        counts = build_corpus(folder, n_docs, shared)
        build_seconds = time.perf_counter() - t0
        env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        cmd = [sys.executable, "-m", "bench.ingest_bench", "--worker", str(folder)]
        if hasattr(os, "sched_setaffinity"):
            cmd = ["taskset", "-c", str(min(os.sched_getaffinity(0))), *cmd] if _has_taskset() else cmd
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=REPO, env=env)
        result = json.loads(out.stdout.strip().splitlines()[-1])
    result["corpus"] = {"requested": n_docs, "by_language": counts, "build_seconds": round(build_seconds, 2)}
    result["target_docs_per_s"] = 1000
    return result


def _has_taskset() -> bool:
    from shutil import which

    return which("taskset") is not None


def main() -> None:
    parser = argparse.ArgumentParser(description="Ingest + langid + normalization throughput (one core).")
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(measure(args.worker)))
        return
    r = run(args.docs, args.shared)
    print(f"ingest + langid + normalize + sentences, one core: {r['documents']} documents "
          f"(avg {r['chars_per_doc']} chars): {r['docs_per_cpu_s']} docs per CPU-second "
          f"({r['cpu_seconds']} s CPU), {r['docs_per_wall_s']} docs/s wall ({r['wall_seconds']} s); "
          f"target >= {r['target_docs_per_s']} docs/s")
    print(f"peak memory {r['peak_rss_mb']} MB; rejected {r['rejected']}; languages {r['languages']}")
    print("CPU seconds per stage: " + ", ".join(f"{k} {v}" for k, v in r["stage_cpu_seconds"].items()))


if __name__ == "__main__":
    main()
