"""Measure language-identification accuracy on the shared langid sets.

Usage: ``python scripts/eval_langid.py SHARED_DIR [--markdown]``

Reads ``SHARED_DIR/data/langid/``: ``<lang>.txt`` (one sentence per line) for ar, fa, ur, en, tr, he, and
the Tatoeba pairs ``eng-pus_test.tsv`` (Pashto) and ``eng-ckb_test_subset.tsv`` (Sorani Kurdish), whose
third column is the non-English sentence.  Prints per-language accuracy and the most common confusions.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from rasad.text.langid import detect

TXT_SETS = ("ar", "fa", "ur", "en", "tr", "he")
TSV_SETS = {"ps": "eng-pus_test.tsv", "ckb": "eng-ckb_test_subset.tsv"}


def load_sets(langid_dir: Path) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    for lang in TXT_SETS:
        path = langid_dir / f"{lang}.txt"
        if path.exists():
            sets[lang] = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for lang, name in TSV_SETS.items():
        path = langid_dir / name
        if path.exists():
            rows = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
            sets[lang] = [r[3].strip() if len(r) > 3 else r[-1].strip() for r in rows]
    return sets


def evaluate(shared_dir: Path) -> dict[str, dict]:
    results: dict[str, dict] = {}
    for lang, sentences in load_sets(shared_dir / "data" / "langid").items():
        t0 = time.perf_counter()
        predicted = [detect(s) for s in sentences]
        elapsed = time.perf_counter() - t0
        correct = sum(1 for p in predicted if p == lang)
        confusions = Counter(p for p in predicted if p != lang)
        results[lang] = {
            "n": len(sentences),
            "correct": correct,
            "accuracy": correct / len(sentences) if sentences else 0.0,
            "confusions": dict(confusions.most_common(3)),
            "ms_per_sentence": 1000 * elapsed / max(len(sentences), 1),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared_dir", type=Path)
    parser.add_argument("--errors", action="store_true", help="print misclassified sentences")
    args = parser.parse_args()
    results = evaluate(args.shared_dir)
    print("| language | sentences | accuracy | main confusions | ms/sentence |")
    print("|---|---:|---:|---|---:|")
    for lang, r in results.items():
        conf = ", ".join(f"{k} {v}" for k, v in r["confusions"].items()) or "-"
        print(f"| {lang} | {r['n']} | {100 * r['accuracy']:.1f}% | {conf} | {r['ms_per_sentence']:.2f} |")
    if args.errors:
        for lang, sentences in load_sets(args.shared_dir / "data" / "langid").items():
            for s in sentences:
                p = detect(s)
                if p != lang:
                    print(f"{lang}->{p}\t{s[:120]}")


if __name__ == "__main__":
    main()
