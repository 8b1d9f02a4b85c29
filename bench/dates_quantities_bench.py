"""Benchmark: dates + quantities stages, documents per second on one core, on real 4 KB articles.

    python -m bench.dates_quantities_bench [--shared ../shared] [--docs 3000] [--repeat 3]

Documents come from the shared real texts (saudinewsnet_ar.jsonl, fars_fa_dev.jsonl, fakes_en_dev.csv),
joined and cut to 4 KB (4,096 characters) at a word boundary, mixed 60% Arabic / 25% Persian / 15% English, with a publication
date so relative dates are resolved.  Normalization and sentence splitting are done before timing (they
belong to earlier stages); the timed loop runs ``dates_stage`` then ``quantities_stage`` on fresh copies.
Target (issue 5): >= 2,000 documents/s together.  Also prints the time of dateparser's search_dates and
pyarabic's text2number for comparison when they are installed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import time
from datetime import datetime
from pathlib import Path

from bench.corpus import MAX_CHARS, cut_at_word
from rasad.extract.dates import dates_stage
from rasad.extract.quantities import quantities_stage
from rasad.model import Document
from rasad.text.normalize_stage import normalize_stage
from rasad.text.sentences import sentences_stage

REPO = Path(__file__).resolve().parents[1]


def load_texts(shared: Path) -> dict[str, list[str]]:
    news = shared / "data" / "news"
    ar = [json.loads(line)["content"] for line in (news / "saudinewsnet_ar.jsonl").open(encoding="utf-8")]
    fa = []
    for line in (news / "fars_fa_dev.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        fa.append("\n".join([d.get("title") or "", d.get("abstract") or "", *d.get("paragraphs", [])]))
    with (news / "fakes_en_dev.csv").open(encoding="utf-8") as fh:
        en = [row["article_content"] for row in csv.DictReader(fh)]
    return {lang: [cut_at_word(t.strip()) for t in texts if t] for lang, texts in (("ar", ar), ("fa", fa), ("en", en))}


def make_docs(texts: dict[str, list[str]], n: int, seed: int = 7, join: bool = True) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        lang = rng.choices(("ar", "fa", "en"), weights=(0.60, 0.25, 0.15))[0]
        # 4 KB articles: real articles of the language joined until 4 KB, cut at a word boundary
        text = rng.choice(texts[lang])
        while join and len(text) < MAX_CHARS:
            text += "\n" + rng.choice(texts[lang])
        doc = Document.create(cut_at_word(text.strip()), lang=lang, published=datetime(2015, 7, 22))
        normalize_stage(doc)
        sentences_stage(doc)
        docs.append(doc)
    return docs


def run(docs: list[Document], repeat: int, clock=time.process_time) -> float:
    """Best of ``repeat`` runs, in seconds of ``clock`` (CPU time of this process by default, so that
    other processes sharing the machine do not count against the stage)."""
    best = float("inf")
    for _ in range(repeat):
        for d in docs:
            d.mentions = []
            d.stages_done = ["sentences"]
        t0 = clock()
        for d in docs:
            dates_stage(d)
            d.stages_done.append("dates")
            quantities_stage(d)
        best = min(best, clock() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("RASAD_SHARED", REPO.parent / "shared")))
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--natural", action="store_true",
                        help="articles at their own length (cut at 4 KB) instead of joined to 4 KB")
    args = parser.parse_args()
    texts = load_texts(args.shared)
    docs = make_docs(texts, args.docs, join=not args.natural)
    run(docs[:50], 1)  # warm up: compile the language data
    seconds = run(docs, args.repeat)
    wall = run(docs, 1, time.perf_counter)
    chars = sum(len(d.text) for d in docs)
    n_dates = sum(1 for d in docs for m in d.mentions if m.kind == "date")
    n_q = sum(1 for d in docs for m in d.mentions if m.kind == "quantity")
    t0 = time.process_time()
    total = 0
    for i in range(5_000_000):
        total += i
    calibration = time.process_time() - t0
    print(f"{'documents':34s} {len(docs)}  (mean {chars / len(docs):.0f} chars)")
    print(f"{'machine: 5M-add Python loop':34s} {calibration:.2f} s CPU  (to compare machines)")
    print(f"{'dates+quantities docs/s (CPU, 1 core)':34s} {len(docs) / seconds:,.0f}  (target >= 2,000)")
    print(f"{'ms CPU per document':34s} {1000 * seconds / len(docs):.3f}")
    print(f"{'docs/s by wall clock (1 run)':34s} {len(docs) / wall:,.0f}  (includes other load: {os.getloadavg()[0]:.1f})")
    print(f"{'date / quantity mentions':34s} {n_dates} / {n_q}")
    for lang in ("ar", "fa", "en"):
        sub = [d for d in docs if d.lang == lang]
        if sub:
            s = run(sub, 1)
            print(f"{'  ' + lang + ' docs/s':34s} {len(sub) / s:,.0f}")
    try:
        import dateparser.search

        sample = [d for d in docs if d.lang == "ar"][:30]
        t0 = time.process_time()
        for d in sample:
            dateparser.search.search_dates(d.text, languages=["ar"])
        print(f"{'dateparser search_dates ms/doc (ar)':34s} {1000 * (time.process_time() - t0) / len(sample):.1f}")
    except ImportError:
        pass
    try:
        from pyarabic.number import text2number

        t0 = time.process_time()
        for _ in range(2000):
            text2number("ثلاثة وعشرون")
        print(f"{'pyarabic text2number us/call':34s} {1e6 * (time.process_time() - t0) / 2000:.1f}")
    except ImportError:
        pass


if __name__ == "__main__":
    main()
