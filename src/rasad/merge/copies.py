"""Near-duplicate and syndicated copies: MinHash over word shingles of the normalized text.

A wire story reprinted by ten outlets is one source, not ten confirmations.  Documents whose
estimated Jaccard similarity of word 3-grams reaches ``threshold`` are grouped (MinHash LSH, so no
all-pairs comparison), and every member of a group is marked a copy of the group's original: the
earliest published one (ties: the longest text, then the smallest id).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from rasad.text.normalize import normalize

SHINGLE_WORDS = 3
NUM_PERM = 128
COPY_THRESHOLD = 0.6
#: Documents shorter than this many words are not compared (too little text to call it a copy).
MIN_WORDS = 12


@dataclass(frozen=True)
class CopyCandidate:
    """What copy detection needs from a document."""

    doc_id: str
    text: str
    published_ordinal: int | None = None


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    words = normalize(text).text.split()
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i: i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def minhash(text: str, num_perm: int = NUM_PERM) -> MinHash | None:
    grams = shingles(text)
    if len(grams) < MIN_WORDS - SHINGLE_WORDS + 1:
        return None
    m = MinHash(num_perm=num_perm)
    m.update_batch(list(grams))
    return m


def find_copies(docs: Iterable[CopyCandidate], threshold: float = COPY_THRESHOLD) -> dict[str, str]:
    """Map doc id -> doc id of the original it copies (originals themselves are not keys)."""
    items = list(docs)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    for d in items:
        m = minhash(d.text)
        if m is None or d.doc_id in hashes:
            continue
        hashes[d.doc_id] = m
        lsh.insert(d.doc_id, m)

    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for doc_id, m in hashes.items():
        for other in lsh.query(m):
            if other == doc_id:
                continue
            # LSH is approximate both ways: confirm with the MinHash estimate
            if np.count_nonzero(m.hashvalues == hashes[other].hashvalues) / NUM_PERM >= threshold:
                ra, rb = find(doc_id), find(other)
                if ra != rb:
                    parent[ra] = rb

    by_id = {d.doc_id: d for d in items}
    groups: dict[str, list[str]] = {}
    for doc_id in hashes:
        groups.setdefault(find(doc_id), []).append(doc_id)
    copies: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue

        def rank(doc_id: str) -> tuple[int, int, str]:
            d = by_id[doc_id]
            pub = d.published_ordinal if d.published_ordinal is not None else 10**9
            return (pub, -len(d.text), doc_id)

        original = min(members, key=rank)
        for doc_id in members:
            if doc_id != original:
                copies[doc_id] = original
    return copies
