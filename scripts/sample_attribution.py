"""Precision check for attribution: random sentences with a reporting cue from news articles that are not
in the gold, each with the speaker (and chain) the pipeline gives it, for a person to judge.

    python scripts/sample_attribution.py --shared ../shared --per-lang 14 --seed 7

Articles come from ``data/news`` (SaudiNewsNet ar, Fars fa, FA-KES en); any article a gold file under
``eval/gold`` refers to (by its row key) is skipped -- for Persian that leaves 6 articles, so several
sentences are drawn from each.  Only the sentence holding the reporting verb or
frame is printed; judge whether the printed speaker is who the sentence says is speaking.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Iterator
from pathlib import Path

from rasad.evaluation.gold import default_shared_dir
from rasad.extract.attribution import cached_analysis
from rasad.model import Document
from rasad.pipeline import build_pipeline

GOLD_DIR = Path(__file__).resolve().parents[1] / "eval" / "gold"


def gold_row_keys(gold_dir: Path) -> set[str]:
    """Every row-key value (article ids, links, FA-KES unit ids) and URL the gold documents point to."""
    keys: set[str] = set()
    for path in gold_dir.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            row = json.loads(line)
            doc = row.get("doc") if isinstance(row, dict) else None
            if isinstance(doc, dict):
                keys.update(str(v) for v in (doc.get("row_key") or {}).values())
                if doc.get("url"):
                    keys.add(str(doc["url"]))
    return keys


def articles(shared: Path, lang: str) -> Iterator[tuple[str, str]]:
    """(row key, text) of every article of one language's development file."""
    news = shared / "data" / "news"
    if lang == "ar":
        with (news / "saudinewsnet_ar.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                yield str(row.get("id")), row.get("content") or ""
    elif lang == "fa":
        with (news / "fars_fa_dev.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                paras = [p for p in row.get("paragraphs") or [] if isinstance(p, str)]
                yield str(row.get("link")), "\n\n".join([row.get("abstract") or "", *paras]).strip()
    else:
        with (news / "fakes_en_dev.csv").open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                yield str(row.get("unit_id")), row.get("article_content") or ""


def cue_sentences(text: str, lang: str) -> list[str]:
    """Each sentence with a reporting cue, with the speaker the attribution gives its content."""
    doc = build_pipeline(until="attribution")(Document.create(text, lang=lang, outlet="the outlet"))
    assert doc.norm is not None
    out = []
    seen: set[int] = set()
    for region in cached_analysis(doc).regions:
        attr = region.attribution
        if attr.verb_start is None or region.sentence in seen:
            continue
        seen.add(region.sentence)
        sent = doc.sentences[region.sentence]
        sp = attr.speaker
        who = f"{sp.kind}: {sp.canonical_id or sp.name or ''} {('(' + sp.role + ')') if sp.role else ''}".strip()
        chain = " <- ".join(c.canonical_id or c.name or c.role or c.kind for c in attr.chain)
        out.append(f"[{attr.reporting_verb}] {who}{'; citing ' + chain if chain else ''}\n"
                   f"    {doc.text[sent.start:sent.end].replace(chr(10), ' ')[:300]}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--per-lang", type=int, default=14)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    shared = (args.shared or default_shared_dir()).resolve()
    skip = gold_row_keys(GOLD_DIR)
    rng = random.Random(args.seed)
    for lang in ("ar", "fa", "en"):
        pool = [(k, t) for k, t in articles(shared, lang) if k not in skip and t.strip()]
        rng.shuffle(pool)
        per_article = max(1, -(-args.per_lang // max(1, len(pool))))  # more than one only when articles are few
        picked: list[str] = []
        for _, text in pool:
            found = cue_sentences(text, lang)
            picked.extend(rng.sample(found, min(per_article, len(found), args.per_lang - len(picked))))
            if len(picked) >= args.per_lang:
                break
        print(f"## {lang}: {len(picked)} sentences, up to {per_article} per article, from {len(pool)} non-gold articles")
        for i, line in enumerate(picked, 1):
            print(f"{lang}{i:02d} {line}")


if __name__ == "__main__":
    main()
