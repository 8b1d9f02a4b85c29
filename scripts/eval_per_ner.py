"""PER precision / recall / F1 of Rasad's person-name recognizer on BIO NER corpora.

Usage: python scripts/eval_per_ner.py SHARED_DIR  (reads data/ner/ar_anercorp/ANERCorp.txt and
data/ner/fa_arman/test_fold1.txt in place).  Exact entity-span match; prints one line per language.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from rasad.extract.names import NameMemory, find_person_names
from rasad.extract.speakers import Token
from rasad.text.normalize import normalize_term


def read_bio(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag); ANERCorp has no blank lines, so it is cut at sentence-final '.'."""
    sents: list[list[tuple[str, str]]] = [[]]
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").rsplit(" ", 1)
            if len(parts) != 2 or not parts[0]:
                if sents[-1]:
                    sents.append([])
                continue
            tok, tag = parts
            sents[-1].append((tok, tag))
            if tok in (".", "؟", "!") and len(sents[-1]) > 1:
                sents.append([])
    return [s for s in sents if s]


def gold_spans(sent: list[tuple[str, str]], per_tag: str) -> set[tuple[int, int]]:
    spans, start = set(), None
    for i, (_, tag) in enumerate([*sent, ("", "O")]):
        if start is not None and tag != f"I-{per_tag}":
            spans.add((start, i))
            start = None
        if tag == f"B-{per_tag}" or (tag == f"I-{per_tag}" and start is None):
            start = i
    return spans


def evaluate(path: Path, lang: str, per_tag: str, memory_on: bool = True) -> dict[str, float]:
    sents = read_bio(path)
    tp = fp = fn = 0
    t0 = time.perf_counter()
    memory = NameMemory()  # the corpora are runs of news articles: names carry over between sentences
    for sent in sents:
        raw = [w for w, _ in sent]
        toks = [Token(i, i + 1, normalize_term(w) or w) for i, w in enumerate(raw)]
        pred = set(find_person_names(toks, raw, lang, memory if memory_on else None))
        gold = gold_spans(sent, per_tag)
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"lang": lang, "sentences": len(sents), "gold": tp + fn, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(f, 3), "seconds": round(time.perf_counter() - t0, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("shared", type=Path, help="the shared/ data folder")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    ner = args.shared / "data" / "ner"
    results = [evaluate(ner / "ar_anercorp" / "ANERCorp.txt", "ar", "PERS"),
               evaluate(ner / "fa_arman" / "test_fold1.txt", "fa", "pers")]
    for r in results:
        print(json.dumps(r) if args.json else
              f"{r['lang']}: PER P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
              f"(gold {r['gold']}, {r['sentences']} sentences, {r['seconds']} s)")


if __name__ == "__main__":
    main()
