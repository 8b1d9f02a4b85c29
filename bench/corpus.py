"""The benchmarks' shared corpus: real articles read in place from the shared folder.

Three files under ``<shared>/data/news``: saudinewsnet_ar.jsonl (Arabic), fars_fa_dev.jsonl (Persian) and
fakes_en_dev.csv (English).  Nothing is copied into the repository.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from rasad.model import Document

MAX_CHARS = 4096
# 60% Arabic / 25% Persian / 15% English, interleaved in blocks of 20 documents
LANG_MIX = ("ar",) * 12 + ("fa",) * 5 + ("en",) * 3


def cut_at_word(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` cut to at most ``limit`` characters at the last space before it (or hard, if there is none)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def load_texts(shared: Path) -> dict[str, list[str]]:
    """Non-empty article bodies per language, each cut to 4 KB (Persian: abstract + paragraphs, no title)."""
    news = shared / "data" / "news"
    with (news / "saudinewsnet_ar.jsonl").open(encoding="utf-8") as fh:
        ar = [json.loads(line).get("content") or "" for line in fh]
    fa = []
    with (news / "fars_fa_dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            paragraphs = row.get("paragraphs") or []
            fa.append(" ".join([row.get("abstract") or "", *[p if isinstance(p, str) else "" for p in paragraphs]]))
    with (news / "fakes_en_dev.csv").open(encoding="utf-8") as fh:
        en = [r["article_content"] for r in csv.DictReader(fh)]
    return {lang: [cut_at_word(t) for t in texts if t.strip()] for lang, texts in (("ar", ar), ("fa", fa), ("en", en))}


def interleaved_docs(texts: dict[str, list[str]], n: int) -> list[Document]:
    """``n`` Documents in the LANG_MIX order of languages, no language given (langid decides).  Each language
    walks its own pool, so a text recurs only once its language's pool is used up (Persian has few
    articles; Arabic and English rarely repeat), and then with its index appended so no two documents are
    identical: word caches are not flattered by the same 50 articles per language over and over."""
    docs = []
    used = dict.fromkeys(texts, 0)
    for i in range(n):
        lang = LANG_MIX[i % len(LANG_MIX)]
        pool = texts[lang]
        k = used[lang]
        used[lang] += 1
        docs.append(Document.create(pool[k % len(pool)] + (f" {i}" if k >= len(pool) else "")))
    return docs
