"""Near-duplicate and syndicated copies: MinHash over word shingles of the normalized text.

A wire story reprinted by ten outlets is one source, not ten confirmations.  Documents whose
estimated Jaccard similarity of word 3-grams reaches ``threshold`` are grouped (MinHash LSH, so no
all-pairs comparison), and every member of a group is marked a copy of the group's original: the
earliest published one (ties: the longest text, then the smallest id).

The merge streams documents: ``signature(text)`` turns a text into its 128 MinHash values as the
document goes by (the text itself is then dropped) and ``find_copies_from_signatures`` groups them.
Shingles are hashed with CRC-32 (``zlib.crc32``, C speed) rather than datasketch's default SHA-1:
MinHash needs a well-spread 32-bit hash of each shingle, not a cryptographic one.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from rasad.text.normalize import normalize_text

SHINGLE_WORDS = 3
NUM_PERM = 128
COPY_THRESHOLD = 0.6
#: Documents shorter than this many words are not compared (too little text to call it a copy).
MIN_WORDS = 12

#: One MinHash's permutations, shared by every signature (datasketch draws them from a fixed seed;
#: drawing them once instead of per document saves ~40 us per document).
_TEMPLATE = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32)


@dataclass(frozen=True)
class CopyCandidate:
    """What copy detection needs from a document."""

    doc_id: str
    text: str
    published_ordinal: int | None = None


@dataclass(frozen=True)
class CopySignature:
    """A document's MinHash values with what ranks it among copies (no text kept)."""

    doc_id: str
    hashvalues: np.ndarray | None  # None: too short to compare
    text_length: int
    published_ordinal: int | None = None


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    words = normalize_text(text).split()
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i: i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def minhash(text: str, num_perm: int = NUM_PERM) -> MinHash | None:
    """The MinHash of ``text`` (None when it has too few words to call anything a copy of it)."""
    grams = shingles(text)
    if len(grams) < MIN_WORDS - SHINGLE_WORDS + 1:
        return None
    if num_perm == NUM_PERM:
        m = _TEMPLATE.copy()
    else:
        m = MinHash(num_perm=num_perm, hashfunc=zlib.crc32)
    m.update_batch(list(grams))
    return m


def signature(doc_id: str, text: str, published_ordinal: int | None = None) -> CopySignature:
    m = minhash(text)
    return CopySignature(doc_id, m.hashvalues if m is not None else None, len(text), published_ordinal)


def find_copies(docs: Iterable[CopyCandidate], threshold: float = COPY_THRESHOLD) -> dict[str, str]:
    """Map doc id -> doc id of the original it copies (originals themselves are not keys)."""
    return find_copies_from_signatures(
        (signature(d.doc_id, d.text, d.published_ordinal) for d in docs), threshold)


def find_copies_from_signatures(signatures: Iterable[CopySignature],
                                threshold: float = COPY_THRESHOLD) -> dict[str, str]:
    """Map doc id -> doc id of the original it copies, from signatures computed as documents streamed."""
    items = list(signatures)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes: dict[str, np.ndarray] = {}
    for d in items:
        if d.hashvalues is None or d.doc_id in hashes:
            continue
        hashes[d.doc_id] = d.hashvalues
        m = _TEMPLATE.copy()
        m.hashvalues = d.hashvalues
        lsh.insert(d.doc_id, m)

    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    probe = _TEMPLATE.copy()
    for doc_id, values in hashes.items():
        probe.hashvalues = values
        for other in lsh.query(probe):
            if other == doc_id:
                continue
            # LSH is approximate both ways: confirm with the MinHash estimate
            if np.count_nonzero(values == hashes[other]) / NUM_PERM >= threshold:
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
            return (pub, -d.text_length, doc_id)

        original = min(members, key=rank)
        for doc_id in members:
            if doc_id != original:
                copies[doc_id] = original
    return copies
