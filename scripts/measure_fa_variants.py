"""Count Persian orthographic variants in real Persian text and in the Persian lexicons.

Usage:
    python scripts/measure_fa_variants.py SHARED_DIR

Reads in place (nothing is copied): SHARED_DIR/data/news/fars_fa_dev.jsonl (title, abstract, paragraphs),
SHARED_DIR/data/ner/fa_arman/*.txt (one token per line) and SHARED_DIR/data/langid/fa.txt.  For each corpus
it prints how often each variant family occurs in the raw text (and a few frequent words of it), then, for
every lexicon file src/rasad/lang/fa/*.yaml, how many entries are written in a variant spelling (after
:func:`rasad.text.normalize.normalize_term`, i.e. what matching still distinguishes) and how many entries
exist in two spellings that normalization already makes equal (redundant duplicates).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

from rasad.text.normalize import normalize_term

#: variant family -> (pattern of the variant spelling, pattern of the standard spelling)
VARIANTS: dict[str, tuple[str, str]] = {
    "hamza ye ائی/وئی (vs ایی/ویی)": (r"[اآو]ئ[یي]", r"[اآو]ی[یي]"),
    "heh + hamza ezafe هٔ (vs ه‌ی)": ("[هة]\u0654", "[هة]\u200c[یي]"),
    "teh marbuta-ish ۀ": ("\u06c0", "\u06c0"),
    "waw hamza ؤ": ("ؤ", "ؤ"),
    "alef hamza أ": ("أ", "أ"),
    "Arabic yeh ي": ("ي", "ی"),
    "Arabic kaf ك": ("ك", "ک"),
    "ZWNJ می‌ / space می / joined": ("\\bمی\u200c", "\\bمی "),
    "ZWNJ ها plural ‌ها / space ها": ("\u200cها", " ها\\b"),
}


def fars_texts(shared: Path) -> list[str]:
    """Title, abstract and paragraphs of each Fars article."""
    out = []
    with open(shared / "data/news/fars_fa_dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out.append("\n".join([d.get("title") or "", d.get("abstract") or "", *(d.get("paragraphs") or [])]))
    return out


def arman_texts(shared: Path) -> list[str]:
    """The ArmanPersoNER tokens of each file joined by spaces (token-level counts are what matter)."""
    out = []
    for path in sorted((shared / "data/ner/fa_arman").glob("*_fold*.txt")):
        toks = [ln.split()[0] for ln in path.read_text(encoding="utf-8").splitlines() if ln.split()]
        out.append(" ".join(toks))
    return out


def count_corpus(name: str, texts: list[str]) -> None:
    """Print variant counts of one corpus."""
    text = "\n".join(texts)
    print(f"== {name}: {len(texts)} texts, {len(text)} characters")
    for family, (variant, standard) in VARIANTS.items():
        nv, ns = len(re.findall(variant, text)), len(re.findall(standard, text))
        line = f"  {family:40s} variant {nv:6d}   standard {ns:6d}" if variant != standard else \
            f"  {family:40s} {nv:6d}"
        print(line)
    words = Counter(re.findall(r"\w*[اآو]ئ[یي]\w*", text))
    print("  frequent hamza-ye words:", ", ".join(f"{w} {n}" for w, n in words.most_common(15)))


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _strings(k) + _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def count_lexicons(lang_dir: Path) -> None:
    """Print per lexicon file: entries in a variant spelling, and entries normalization makes duplicates."""
    print(f"== lexicons {lang_dir}")
    for path in sorted(lang_dir.glob("*.yaml")):
        entries = [s for s in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))) if s.strip()]
        variant = [e for e in entries if re.search(r"[اآو]ئ[یي]|ؤ|أ|\u0654|ي|ك", e)]
        by_norm: dict[str, set[str]] = {}
        for e in entries:
            by_norm.setdefault(normalize_term(e), set()).add(e)
        dups = {k: v for k, v in by_norm.items() if len(v) > 1}
        print(f"  {path.name:22s} entries {len(entries):5d}  variant spelling {len(variant):3d}  "
              f"spellings normalization merges {len(dups):3d}")
        for e in variant[:8]:
            print(f"      variant: {e}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shared", type=Path)
    ap.add_argument("--lang-dir", type=Path, default=Path(__file__).resolve().parents[1] / "src/rasad/lang/fa")
    args = ap.parse_args(argv)
    count_corpus("fars_fa_dev", fars_texts(args.shared))
    count_corpus("fa_arman", arman_texts(args.shared))
    count_corpus("langid fa", (args.shared / "data/langid/fa.txt").read_text(encoding="utf-8").splitlines())
    count_lexicons(args.lang_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
