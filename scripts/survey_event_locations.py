"""Survey of event locations on news articles that are not in the gold: how precise the chosen location
is, and whether the event's sentence names a more specific place than the one chosen.

    python scripts/survey_event_locations.py --shared ../shared --articles 150 --sample 50 --seed 11

Articles: SaudiNewsNet articles about Iraq, Yemen, Libya, Egypt, Turkey or Lebanon (the country names in
the text), then every non-gold Fars article, then FA-KES, until ``--articles`` are read.  Any article a
gold file under ``eval/gold`` refers to is skipped.  Prints the counts by precision (1 place, 2 near /
district, 3 province or country) and by feature, the share of country/province locations whose sentence
names a town, and a fixed-seed sample of events (chosen by a hash of article and trigger offset) with their sentence for a person to judge (right / too
coarse / wrong place / wrong country).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections import Counter
from pathlib import Path

from rasad.evaluation.gold import default_shared_dir
from rasad.model import Document
from rasad.pipeline import build_pipeline

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_attribution import GOLD_DIR, articles, gold_row_keys  # noqa: E402

#: Country names that mark a SaudiNewsNet article as being about a country other than Syria.
OTHER_COUNTRIES_AR = ("العراق", "اليمن", "ليبيا", "مصر", "تركيا", "لبنان")
COARSE = ("country", "admin1", "region")


def pick_articles(shared: Path, total: int, seed: int) -> list[tuple[str, str, str]]:
    """(lang, key, text) of the surveyed articles, a fixed-seed draw."""
    skip = gold_row_keys(GOLD_DIR)
    rng = random.Random(seed)
    fa = [("fa", k, t) for k, t in articles(shared, "fa") if k not in skip and t.strip()]
    en = [("en", k, t) for k, t in articles(shared, "en") if k not in skip and t.strip()]
    ar = [("ar", k, t) for k, t in articles(shared, "ar")
          if k not in skip and t.strip() and sum(c in t for c in OTHER_COUNTRIES_AR) >= 1]
    rng.shuffle(ar)
    rng.shuffle(en)
    n_en = min(len(en), total // 5)
    n_ar = total - len(fa) - n_en
    return ar[:n_ar] + fa + en[:n_en]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--articles", type=int, default=150)
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    shared = (args.shared or default_shared_dir()).resolve()
    pipeline = build_pipeline(until="events")
    rows = []
    for lang, key, text in pick_articles(shared, args.articles, args.seed):
        doc = pipeline(Document.create(text, lang=lang))
        for ev in doc.events:
            span = (ev.sentence.start, ev.sentence.end)
            in_sentence = [m for m in doc.mentions if m.kind == "place" and span[0] <= m.start < span[1]]
            loc = ev.location
            feature = loc.feature if loc else None
            finer = [m.text for m in in_sentence if m.attrs.get("feature") not in COARSE
                     and (loc is None or m.canonical_id != loc.place_id)]
            rows.append({
                "lang": lang, "key": key, "precision": loc.geo_precision if loc else None,
                "feature": feature, "country": loc.country if loc else None,
                "name": loc.name if loc else None, "text": loc.text if loc else None,
                "finer_in_sentence": bool(finer) and (feature in COARSE or loc is None), "finer": finer,
                "sentence": doc.text[span[0]:span[1]].replace("\n", " ")[:320], "sub": ev.sub_event_type,
                "event_key": f"{lang}:{key}:{ev.trigger.start}",
            })
    print(f"{len(rows)} events in {args.articles} articles")
    for lang in ("ar", "fa", "en"):
        sub = [r for r in rows if r["lang"] == lang]
        if not sub:
            continue
        prec = Counter(r["precision"] for r in sub)
        feat = Counter(r["feature"] for r in sub)
        coarse = [r for r in sub if r["feature"] in COARSE or r["feature"] is None]
        print(f"## {lang}: {len(sub)} events; precision {dict(sorted(prec.items(), key=str))}; "
              f"features {dict(feat.most_common())}")
        print(f"   countries {dict(Counter(r['country'] for r in sub).most_common(8))}")
        print(f"   coarse or none: {len(coarse)}; of them with a town named in the sentence: "
              f"{sum(r['finer_in_sentence'] for r in coarse)}")
    # the sample is drawn by a seeded hash of each event's article and trigger offset, so two versions of
    # the code are judged on the same events wherever both find them
    sample = sorted(rows, key=lambda r: hashlib.sha1(f"{args.seed}:{r['event_key']}".encode()).hexdigest())
    sample = sample[:args.sample]
    print(f"\n## sample of {len(sample)} events (seed {args.seed})")
    for i, r in enumerate(sample, 1):
        print(f"{i:02d} {r['event_key']} [{r['lang']}] {r['sub']} @ {r['name']} ({r['feature']}, {r['country']}, p{r['precision']})"
              f" text={r['text']!r} finer={r['finer']}\n    {r['sentence']}")


if __name__ == "__main__":
    main()
