"""Places benchmark: gazetteer load time and memory, geoparsing throughput on 4 KB articles (one core).

Usage: python bench/places_bench.py [--articles PATH.jsonl] [--n 2000]
Without --articles, 4 KB documents are built from the Arabic/Persian/English sentences below.
"""

from __future__ import annotations

import argparse
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
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()

    t0 = time.perf_counter()
    from rasad.places.gazetteer import load_gazetteer

    g = load_gazetteer()
    load_s = time.perf_counter() - t0
    from rasad.places.geoparse import default_geoparser

    t1 = time.perf_counter()
    gp = default_geoparser()
    build_s = time.perf_counter() - t1
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"gazetteer load: {load_s:.3f} s, {len(g)} entries; matcher build {build_s:.3f} s; "
          f"max RSS {rss_mb:.0f} MB")

    if args.articles:
        texts = [json.loads(line).get("content") or "" for line in args.articles.open(encoding="utf-8")]
        texts = [(t * (1 + 4096 // max(1, len(t))))[:4096] for t in texts if t]
    else:
        texts = [(SAMPLE * (1 + 4096 // len(SAMPLE)))[:4096]]
    from rasad.model import Document

    docs = [Document.create(texts[i % len(texts)] + f" {i}") for i in range(args.n)]
    from rasad.text.normalize import normalize

    for d in docs:
        d.norm = normalize(d.text)
    t2 = time.perf_counter()
    c2 = time.process_time()
    n_mentions = 0
    for d in docs:
        n_mentions += len(gp.mentions(d))
    el = time.perf_counter() - t2
    cpu = time.process_time() - c2
    # CPU seconds as well as wall time: on a shared, loaded machine the CPU figure is the stable one
    print(f"geoparse: {len(docs)} docs of 4 KB in {el:.2f} s wall = {len(docs) / el:.0f} docs/s; "
          f"{cpu:.2f} CPU s = {len(docs) / cpu:.0f} docs per CPU-second "
          f"({n_mentions / len(docs):.1f} place/polity mentions/doc; normalization excluded)")


if __name__ == "__main__":
    main()
