"""Where the geoparser's name scan spends its time, per language of the places bench's mix (CPU time).

Usage: python -m bench.places_scan_probe --shared ../shared [--n 2000] [--rounds 3]

For the 4 KB documents of ``bench/places_bench.py --shared`` (60% Arabic, 25% Persian, 15% English) it
prints, per language, in microseconds per document (best of ``--rounds``):

* ``walk``: pyahocorasick's pass over the normalized text alone (the hits handed out, nothing done with them);
* ``hits`` and ``in-word``: the automaton's hits per document and the share of them that end inside a word
  (``Geoparser._find_spans`` rejects those first);
* ``scan``: ``Geoparser._find_spans`` (the walk, the Python filter over its hits, the folded Latin readings,
  the ranking of overlapping spans); ``roles``: ``Geoparser.parse_roles`` (the scan included).

and, once, what handing out one hit costs in C (an automaton whose one key is the most frequent Arabic letter
and the space, against one whose key never matches), so that the part of ``walk`` that rejecting the in-word
hits inside the scan could save can be read off: hits x in-word x per-hit cost.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench.places_bench import _mixed_texts

#: The mix's languages by position in a run of 20 documents (``_mixed_texts``: 12 Arabic, 5 Persian, 3 English).
_LANGS = (("ar", 0, 12), ("fa", 12, 17), ("en", 17, 20))


def _best(fn: Callable[[], object], rounds: int) -> float:
    """The least CPU time of ``rounds`` calls of ``fn``."""
    best = float("inf")
    for _ in range(rounds):
        c = time.process_time()
        fn()
        best = min(best, time.process_time() - c)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, required=True, help="the shared/ folder: mixed ar/fa/en real news")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    import ahocorasick

    from rasad.places.geoparse import default_geoparser
    from rasad.text.normalize import normalize

    texts = _mixed_texts(args.shared / "data" / "news")
    docs = [(t, normalize(t).text) for t in (texts[i % len(texts)] + f" {i}" for i in range(args.n))]
    gp = default_geoparser()
    automaton = gp._automaton
    gc.collect()
    gc.freeze()

    def walk(texts: list[str], a: object = automaton) -> int:
        n = 0
        for text in texts:
            for _ in a.iter(text):  # type: ignore[attr-defined]
                n += 1
        return n

    def scan(part: list[tuple[str, str]]) -> None:
        for raw, norm in part:
            gp._find_spans(raw, norm)

    def roles(part: list[tuple[str, str]], lang: str) -> None:
        for raw, norm in part:
            list(gp.parse_roles(raw, norm, lang, norm[::-1]))

    for lang, lo, hi in _LANGS:
        part = [d for i, d in enumerate(docs) if lo <= i % 20 < hi]
        norms = [norm for _, norm in part]
        hits = in_word = 0
        for norm in norms:
            padded = norm + " "
            for end_idx, _ in automaton.iter(norm):
                hits += 1
                c = padded[end_idx + 1]
                in_word += c.isalnum() or c == "_"
        k = 1e6 / len(part)
        t_walk = _best(partial(walk, norms), args.rounds)
        t_scan = _best(partial(scan, part), args.rounds)
        t_roles = _best(partial(roles, part, lang), args.rounds)
        print(f"{lang}: {len(part)} docs; walk {t_walk * k:.0f} us/doc, {hits / len(part):.0f} hits/doc "
              f"({in_word / max(hits, 1):.0%} in-word); scan {t_scan * k:.0f} us/doc; roles {t_roles * k:.0f} us/doc")

    def one_key_automaton(*keys: str) -> object:
        a = ahocorasick.Automaton()
        for key in keys:
            a.add_word(key, (key, len(key)))
        a.make_automaton()
        return a

    norms = [norm for _, norm in docs]
    many, none = one_key_automaton("\u0627", " "), one_key_automaton("\uffff\uffff")
    n_hits = walk(norms, many)
    t_many = _best(partial(walk, norms, many), args.rounds)
    t_none = _best(partial(walk, norms, none), args.rounds)
    print(f"one hit handed out by the C walk: {(t_many - t_none) / max(n_hits, 1) * 1e9:.0f} ns "
          f"({n_hits} hits; the same walk without hits {t_none * 1e6 / len(docs):.1f} us/doc)")


if __name__ == "__main__":
    main()
