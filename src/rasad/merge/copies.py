"""Near-duplicate and syndicated copies: MinHash over word shingles of the normalized text.

A wire story reprinted by ten outlets is one source, not ten confirmations.  Documents whose
estimated Jaccard similarity of word 3-grams reaches ``threshold`` are grouped (MinHash LSH, so no
all-pairs comparison), and every member of a group is marked a copy of the group's original: the
earliest published one (ties: the longest text, then the smallest id).

The merge streams documents: ``signature(text)`` turns a text into its 128 MinHash values as the
document goes by (the text itself is then dropped) and ``find_copies_from_signatures`` groups them.
Shingles are hashed with CRC-32 (``zlib.crc32``, C speed) rather than datasketch's default SHA-1:
MinHash needs a well-spread 32-bit hash of each shingle, not a cryptographic one.

The MinHash is computed here, in numpy, exactly as ``datasketch.MinHash(num_perm=128,
hashfunc=zlib.crc32)`` (datasketch 2's default "affine32" scheme) computes it: the same permutations
(drawn from ``numpy.random.RandomState(1)``), the MurmurHash3 32-bit finaliser on each shingle hash,
then ``a * h + b`` modulo 2**32 and the minimum per permutation; the LSH bands are the ones
``datasketch.MinHashLSH(threshold=0.6, num_perm=128)`` picks.  Importing datasketch cost ~0.5
CPU-seconds per process (it imports scipy for the band optimisation and its asyncio/redis modules);
tests compare both answers with datasketch's own (datasketch is a test dependency only).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from rasad.text.normalize import normalize_text

SHINGLE_WORDS = 3
NUM_PERM = 128
COPY_THRESHOLD = 0.6
#: Documents shorter than this many words are not compared (too little text to call it a copy).
MIN_WORDS = 12

#: datasketch's seed for its permutations
_SEED = 1
#: (b, r) that ``datasketch.MinHashLSH`` chooses (``lsh._optimal_param``, weights 0.5/0.5: the least
#: weighted sum of integrated false-positive and false-negative probabilities) for these settings; other
#: thresholds or sizes work it out (``_optimal_bands``).
_KNOWN_BANDS = {(COPY_THRESHOLD, NUM_PERM): (18, 7)}


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations ``h -> a * h + b mod 2**32`` (``a`` odd), drawn once."""
    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finaliser, element-wise (datasketch mixes every input hash with it)."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def minhash_values(hashes: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash values (uint32, one per permutation) of a non-empty array of uint32 shingle hashes."""
    a, b = _permutations(num_perm)
    phv = _fmix32(hashes).reshape(-1, 1) * a + b
    return phv.min(axis=0)


def _optimal_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """``datasketch.lsh._optimal_param(threshold, num_perm, 0.5, 0.5)``: the (b, r) with the least sum of
    integrated false-positive and false-negative probabilities (imports scipy, so only off the merge's path)."""
    from scipy.integrate import quad

    best, opt = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = quad(lambda s, b=b, r=r: 1 - (1 - s ** float(r)) ** float(b), 0.0, threshold)[0]
            fn = quad(lambda s, b=b, r=r: 1 - (1 - (1 - s ** float(r)) ** float(b)), threshold, 1.0)[0]
            if fp * 0.5 + fn * 0.5 < best:
                best, opt = fp * 0.5 + fn * 0.5, (b, r)
    return opt


@lru_cache(maxsize=8)
def _bands(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """The LSH bands (start, end) of ``datasketch.MinHashLSH(threshold, num_perm)``."""
    known = _KNOWN_BANDS.get((threshold, num_perm))
    b, r = known if known is not None else _optimal_bands(threshold, num_perm)
    return tuple((i * r, (i + 1) * r) for i in range(b))


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
    """The distinct word ``k``-grams of the normalised text, UTF-8 encoded, words joined by one space."""
    return _shingles_of_normalized(normalize_text(text), k)


def _shingles_of_normalized(norm: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    words = _encoded_words(norm)
    if len(words) < k:
        return {b" ".join(words)} if words else set()
    return set(map(b" ".join, zip(*(words[i:] for i in range(k)), strict=False)))


#: Whitespace ``str.split()`` splits on that ``bytes.split()`` does not (``bytes.split`` knows only ASCII
#: space, tab, newline, return, vertical tab and form feed).
_NON_ASCII_SPACE = re.compile("[\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def _encoded_words(norm: str) -> list[bytes]:
    """``[w.encode("utf-8") for w in norm.split()]``: the text encoded once and split as bytes when it has no
    whitespace ``bytes.split`` would miss (UTF-8 never puts an ASCII byte inside a multi-byte character, so
    the pieces are the same), which saves an ``encode`` call per word."""
    if _NON_ASCII_SPACE.search(norm) is None:
        return norm.encode("utf-8").split()
    return [w.encode("utf-8") for w in norm.split()]


def minhash(text: str, num_perm: int = NUM_PERM) -> np.ndarray | None:
    """The MinHash values of ``text`` (None when it has too few words to call anything a copy of it)."""
    return minhash_of_normalized(normalize_text(text), num_perm)


def minhash_of_normalized(norm: str, num_perm: int = NUM_PERM) -> np.ndarray | None:
    """``minhash`` of a text whose ``normalize_text`` form is ``norm`` (e.g. ``doc.norm.text``).

    Every shingle is hashed as it comes, repeats included, without collecting the distinct ones first:
    a minimum over a list is the minimum over its set.  Only the length test needs the distinct
    shingles, and only when the first ``4 * need`` hashes are too few distinct values (two shingles may
    share a CRC: then the shingles themselves are counted)."""
    words = _encoded_words(norm)
    if len(words) < SHINGLE_WORDS:
        return None  # at most one shingle
    hashes = np.fromiter(map(zlib.crc32, map(b" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS)),
                                                            strict=False))),
                         dtype=np.uint32, count=len(words) - SHINGLE_WORDS + 1)
    need = MIN_WORDS - SHINGLE_WORDS + 1
    # enough distinct hashes among the first few (nearly always) means enough distinct shingles
    if len(hashes) < need or (len(set(hashes[: 4 * need].tolist())) < need
                              and len(_shingles_of_normalized(norm)) < need):
        return None
    return minhash_values(hashes, num_perm)


#: How stored signatures were computed (``copy_signatures.scheme``): shingle words, hash, permutations.
#: Change it whenever ``minhash`` would give other values, so that stored ones are no longer used.
SIGNATURE_SCHEME = f"minhash{NUM_PERM}-crc32-fmix32-affine32-seed{_SEED}-words{SHINGLE_WORDS}-min{MIN_WORDS}"


def signature_bytes(values: np.ndarray | None) -> bytes | None:
    """MinHash values as stored: uint32 little-endian (None stays None)."""
    return None if values is None else values.astype("<u4", copy=False).tobytes()


def signature_values(stored: bytes | bytearray | memoryview | None) -> np.ndarray | None:
    """``signature_bytes`` read back (a fresh array in native byte order)."""
    if stored is None:
        return None
    return np.frombuffer(bytes(stored), dtype="<u4").astype(np.uint32)


def signature(doc_id: str, text: str, published_ordinal: int | None = None) -> CopySignature:
    return CopySignature(doc_id, minhash(text), len(text), published_ordinal)


def find_copies(docs: Iterable[CopyCandidate], threshold: float = COPY_THRESHOLD) -> dict[str, str]:
    """Map doc id -> doc id of the original it copies (originals themselves are not keys)."""
    return find_copies_from_signatures(
        (signature(d.doc_id, d.text, d.published_ordinal) for d in docs), threshold)


def find_copies_from_signatures(signatures: Iterable[CopySignature],
                                threshold: float = COPY_THRESHOLD) -> dict[str, str]:
    """Map doc id -> doc id of the original it copies, from signatures computed as documents streamed."""
    index = CopyIndex()
    for d in signatures:
        index.add(d.doc_id, d.hashvalues, d.text_length, d.published_ordinal)
    return index.copies(threshold)


class CopyIndex:
    """Signatures of a corpus as one compact matrix, and the copy groups among them.

    The same answer as datasketch's ``MinHashLSH`` (documents sharing one band of ``r`` values are
    candidates, confirmed by the MinHash estimate) without its per-document index: the LSH dictionaries
    cost ~6.5 MB per 1,000 documents (650 MB at 100k), the matrix 0.5 MB (the values are 32-bit: the
    template's permutations are masked to 32 bits).  Bands are grouped by sorting, one band at a time.
    """

    def __init__(self) -> None:
        self.doc_ids: list[str] = []
        self._row_of: dict[str, int] = {}  # doc id -> matrix row (documents too short to compare have none)
        self._rank: dict[str, tuple[int, int]] = {}  # doc id -> (published ordinal, -text length)
        self._rows = np.empty((1024, NUM_PERM), dtype=np.uint32)
        self._n = 0

    def add(self, doc_id: str, hashvalues: np.ndarray | None, text_length: int,
            published_ordinal: int | None) -> None:
        """Register one document (later duplicates of a doc id keep the first signature, as before)."""
        pub = published_ordinal if published_ordinal is not None else 10**9
        self._rank[doc_id] = (pub, -text_length)  # a repeated doc id ranks by its last entry (as before)
        if hashvalues is None or doc_id in self._row_of:
            return
        if self._n == len(self._rows):
            grown = np.empty((2 * len(self._rows), NUM_PERM), dtype=np.uint32)
            grown[: self._n] = self._rows
            self._rows = grown
        self._rows[self._n] = hashvalues
        self._row_of[doc_id] = self._n
        self.doc_ids.append(doc_id)
        self._n += 1

    def copies(self, threshold: float = COPY_THRESHOLD) -> dict[str, str]:
        """Map doc id -> doc id of the original it copies (originals themselves are not keys)."""
        n = self._n
        rows = self._rows[:n]
        parent = list(range(n))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        need = threshold * NUM_PERM
        for start, end in _bands(threshold, NUM_PERM):
            band = np.ascontiguousarray(rows[:, start:end]).view(np.dtype((np.void, 4 * (end - start)))).ravel()
            order = np.argsort(band, kind="stable")
            ordered = band[order]
            cuts = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
            # only the runs of equal bands (nearly every document is alone in its band value: splitting
            # the order into one array per run cost ~1,000 small arrays per band per 1,000 documents)
            starts = np.concatenate(([0], cuts))
            ends = np.concatenate((cuts, [n]))
            for first, last in zip(starts[ends - starts >= 2].tolist(), ends[ends - starts >= 2].tolist(),
                                   strict=True):
                members = np.sort(order[first:last])
                for pos, a in enumerate(members[:-1].tolist()):
                    others = members[pos + 1:]
                    agree = np.count_nonzero(rows[others] == rows[a], axis=1)
                    for b in others[agree >= need].tolist():
                        ra, rb = find(a), find(b)
                        if ra != rb:
                            parent[ra] = rb
        # groups listed by their first member in corpus order, members in corpus order (as before)
        groups: dict[int, list[str]] = {}
        for i, doc_id in enumerate(self.doc_ids):
            groups.setdefault(find(i), []).append(doc_id)
        copies: dict[str, str] = {}
        for members_ids in groups.values():
            if len(members_ids) < 2:
                continue
            original = min(members_ids, key=lambda d: (*self._rank[d], d))
            for doc_id in members_ids:
                if doc_id != original:
                    copies[doc_id] = original
        return copies
