"""Places benchmark: gazetteer load time and memory, geoparsing throughput on 4 KB articles (one core).

Usage: python bench/places_bench.py [--articles PATH.jsonl | --shared ../shared] [--n 2000] [--min-chars N]
--articles: 4 KB cuts of one JSONL file's 'content' texts (e.g. saudinewsnet_ar.jsonl); --shared: the bench
suite's mix of real news, 60% Arabic (saudinewsnet), 25% Persian (Fars), 15% English (fakes_en_dev.csv).
Every document is 4,096 characters (~6.9 KB of UTF-8 for Arabic): an article shorter than that is repeated
to fill it (the median Arabic article has ~2,100 characters).  --min-chars N: only articles of at least N
characters (--min-chars 4096: no article repeated within a document; fewer distinct texts, so keep --n at
or below the number of texts printed, or documents repeat and meet warm caches).
Without either, 4 KB documents are built from the Arabic/Persian/English sentences below (nearly every
word a place name: a worst case, not a typical article).
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import resource
import time
from pathlib import Path

SAMPLE = (
    "اقتحمت قوات النظام حي الخالدية في حمص بعد قصف مدفعي، وتزامن ذلك مع قصف مخيم اليرموك وأحياء جوبر "
    "والقابون في العاصمة وحرستا وداريا في ريفها. وفي إدلب قتل أشخاص بغارة على مدينة معرة النعمان. "
    "نیروهای دولتی کنترل کوی خالدیه در حمص را به دست گرفتند و درگیری در زینبیه و دروشا ادامه یافت. "
    "Clashes were reported near Deir ez-Zor and in the countryside of Aleppo, while shelling hit Quneitra. "
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=None, help="JSONL with a 'content' field (e.g. saudinewsnet)")
    ap.add_argument("--shared", type=Path, default=None, help="the shared/ folder: mixed ar/fa/en real news")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--min-chars", type=int, default=0,
                    help="only source articles of at least this many characters (4096: none repeated to fill a document)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    c0 = time.process_time()
    from rasad.places.gazetteer import default_cache_dir, gazetteer_fingerprint, load_gazetteer

    cached = (default_cache_dir() / f"gazetteer-{gazetteer_fingerprint()}.marshal").exists()
    g = load_gazetteer()
    load_s = time.perf_counter() - t0
    load_cpu = time.process_time() - c0
    from rasad.places.geoparse import default_geoparser

    t1 = time.perf_counter()
    gp = default_geoparser()
    build_s = time.perf_counter() - t1
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"gazetteer load ({'compiled cache' if cached else 'built from the data files, cache written'}): "
          f"{load_s:.3f} s wall, {load_cpu:.3f} CPU s (imports included), {len(g)} entries; "
          f"matcher build {build_s:.3f} s; max RSS {rss_mb:.0f} MB")

    if args.shared:
        texts = _mixed_texts(args.shared / "data" / "news", args.min_chars)
    elif args.articles:
        texts = [json.loads(line).get("content") or "" for line in args.articles.open(encoding="utf-8")]
        texts = _cut(texts, args.min_chars)
    else:
        texts = [(SAMPLE * (1 + 4096 // len(SAMPLE)))[:4096]]
    from rasad.model import Document

    docs = [Document.create(texts[i % len(texts)] + f" {i}") for i in range(args.n)]
    chars = sum(len(d.text) for d in docs) / len(docs)
    kb = sum(len(d.text.encode("utf-8")) for d in docs) / len(docs) / 1024
    distinct = len({texts[i % len(texts)] for i in range(args.n)})
    print(f"documents: {len(docs)} from {distinct} distinct texts"
          f"{f' (articles of >= {args.min_chars} characters)' if args.min_chars else ''}; "
          f"mean {chars:.0f} characters, {kb:.1f} KB UTF-8")
    from rasad.text.normalize import normalize

    for d in docs:
        d.norm = normalize(d.text)
    # The prepared documents (texts and their offset maps, ~16M references for 2,000 documents) are kept
    # out of the cyclic collector, as `rasad analyze` freezes what it has loaded before its loop: a full
    # collection falling inside the loop would walk them (80-120 ms, 5-8% of the measured time), which
    # measures how the bench holds its input, not the geoparser, and moves the figure with the moment
    # it falls.  (Collections of what the geoparser itself allocates still run as they come.)
    gc.collect()
    gc.freeze()
    t2 = time.perf_counter()
    c2 = time.process_time()
    n_mentions = 0
    for d in docs:
        n_mentions += len(gp.mentions(d))
    el = time.perf_counter() - t2
    cpu = time.process_time() - c2
    gc.unfreeze()
    # CPU seconds as well as wall time: on a shared, loaded machine the CPU figure is the stable one
    print(f"geoparse: {len(docs)} docs of 4 KB in {el:.2f} s wall = {len(docs) / el:.0f} docs/s; "
          f"{cpu:.2f} CPU s = {len(docs) / cpu:.0f} docs per CPU-second "
          f"({n_mentions / len(docs):.1f} place/polity mentions/doc; normalization excluded)")
    from rasad.places.gazetteer import build_builtin

    c3 = time.process_time()
    build_builtin()
    print(f"gazetteer build from the data files (no cache): {time.process_time() - c3:.3f} CPU s")


def _cut(texts: list[str], min_chars: int = 0) -> list[str]:
    """Each text cut to 4,096 characters, repeated first when shorter; only texts of ``min_chars`` or more."""
    return [(t * (1 + 4096 // max(1, len(t))))[:4096] for t in texts if t.strip() and len(t) >= min_chars]


def _mixed_texts(news: Path, min_chars: int = 0) -> list[str]:
    """4 KB articles, 60% Arabic, 25% Persian, 15% English, interleaved (20 = 12 + 5 + 3)."""
    with (news / "saudinewsnet_ar.jsonl").open(encoding="utf-8") as fh:
        ar = _cut([json.loads(line).get("content") or "" for line in fh], min_chars)
    with (news / "fars_fa_dev.jsonl").open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    fa = _cut([" ".join([r.get("title") or "", r.get("abstract") or "", *(r.get("paragraphs") or [])]) for r in rows],
              min_chars)
    csv.field_size_limit(10**8)
    with (news / "fakes_en_dev.csv").open(encoding="utf-8", newline="") as fh:
        en = _cut([f"{r.get('article_title') or ''}. {r.get('article_content') or ''}" for r in csv.DictReader(fh)],
                  min_chars)
    out: list[str] = []
    for i in range(max(len(ar) // 12, 1)):
        out += ar[12 * i:12 * i + 12] + [fa[(5 * i + k) % len(fa)] for k in range(5)] \
            + [en[(3 * i + k) % len(en)] for k in range(3)]
    return out


if __name__ == "__main__":
    main()
