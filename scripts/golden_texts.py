"""The real texts the golden-output checks (attribution_golden.py, names_golden.py, places_golden.py) run on, read in place
from the shared folder: Arabic news, Persian articles and some of their paragraphs, English articles and
the seed reports, all at their natural length."""

from __future__ import annotations

import csv
import json
from pathlib import Path

csv.field_size_limit(10**8)


def read_texts(shared: Path, n_ar: int, n_en: int | None = None, fa_paragraphs: int = 3) -> list[str]:
    """The first ``n_ar`` Arabic articles; every Persian article (title, abstract and paragraphs) followed
    by its first ``fa_paragraphs`` paragraphs on their own; the first ``n_en`` English articles (all when
    None); the seed reports.  Empty texts are dropped."""
    news = shared / "data" / "news"
    texts: list[str] = []
    with (news / "saudinewsnet_ar.jsonl").open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n_ar:
                break
            texts.append(json.loads(line).get("content") or "")
    with (news / "fars_fa_dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            paras = [p for p in row.get("paragraphs") or [] if isinstance(p, str) and p]
            texts.append("\n\n".join([row.get("title") or "", row.get("abstract") or "", *paras]).strip())
            texts.extend(paras[:fa_paragraphs])
    with (news / "fakes_en_dev.csv").open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            if n_en is not None and i >= n_en:
                break
            texts.append(f"{row.get('article_title') or ''}. {row.get('article_content') or ''}".strip())
    for p in sorted((shared / "seeds").glob("*.txt")):
        texts.append(p.read_text(encoding="utf-8"))
    return [t for t in texts if t.strip()]
