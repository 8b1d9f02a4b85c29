"""The in-house MinHash and LSH bands (``rasad.merge.copies``) give exactly what datasketch gives.

Copy detection used ``datasketch.MinHash(num_perm=128, hashfunc=zlib.crc32)`` and the bands of
``datasketch.MinHashLSH(threshold=0.6, num_perm=128)``; importing datasketch cost ~0.5 CPU-s per process,
so the same arithmetic now lives in ``copies``.  datasketch stays a test dependency to check it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from itertools import islice

import numpy as np
import pytest

from rasad.merge import copies
from rasad.text.normalize import normalize_text
from tests.conftest import require_shared

datasketch = pytest.importorskip("datasketch")


def _datasketch_signature(text: str) -> np.ndarray | None:
    """What copy detection computed before: datasketch's MinHash over the same shingles."""
    words = normalize_text(text).split()
    grams = {" ".join(words[i: i + 3]).encode("utf-8") for i in range(len(words) - 2)}
    if len(grams) < copies.MIN_WORDS - copies.SHINGLE_WORDS + 1:
        return None
    m = datasketch.MinHash(num_perm=copies.NUM_PERM, hashfunc=zlib.crc32)
    m.update_batch(list(grams))
    return m.hashvalues


@pytest.fixture(scope="module")
def news_texts() -> list[str]:
    """200 Arabic and 100 Persian articles, plus texts at the short-text limits."""
    texts: list[str] = []
    with require_shared("data", "news", "saudinewsnet_ar.jsonl").open(encoding="utf-8") as fh:
        texts += [json.loads(line)["content"] for line in islice(fh, 200)]
    with require_shared("data", "news", "fars_fa_dev.jsonl").open(encoding="utf-8") as fh:
        texts += [" ".join(str(v) for v in json.loads(line).values() if isinstance(v, str))
                  for line in islice(fh, 100)]
    eleven = " ".join(f"w{i}" for i in range(11))
    twelve = " ".join(f"w{i}" for i in range(12))
    return [*texts, "", "two words", eleven, eleven + " w11", "a\u00a0b\u2003c\u200c d " * 6,
            # many shingles, few distinct ones (9, then 10): the length test counts distinct shingles
            (" ".join(f"w{i}" for i in range(9)) + " ") * 9,
            (twelve + " ") * 8, "x\x1cy\u3000z\x85" + eleven, "\n".join(eleven.split()) + "\t\x0bw99\x0c"]


def test_minhash_equals_datasketch_on_real_news(news_texts: list[str]) -> None:
    compared = 0
    for text in news_texts:
        expected = _datasketch_signature(text)
        got = copies.minhash(text)
        if expected is None:
            assert got is None, text[:60]
            continue
        assert got is not None and got.dtype == expected.dtype == np.uint32
        assert np.array_equal(got, expected), text[:60]
        compared += 1
    assert compared >= 200  # most articles are long enough to compare (some dump entries are empty)


def test_bytes_split_is_checked_for_every_other_space() -> None:
    """``copies._encoded_words`` splits the encoded text as bytes unless the text holds a whitespace character
    ``bytes.split`` does not know: that set must be every ``str.isspace`` character but the six ASCII ones."""
    others = {c for c in map(chr, range(0x110000)) if c.isspace()} - set(" \t\n\r\x0b\x0c")
    assert {c for c in others if copies._NON_ASCII_SPACE.fullmatch(c)} == others
    assert not any(copies._NON_ASCII_SPACE.fullmatch(c) for c in " \t\n\r\x0b\x0c\u200c\u200dAa")


def test_shingles_are_the_distinct_word_trigrams(news_texts: list[str]) -> None:
    for text in news_texts[:50]:
        words = normalize_text(text).split()
        expected = {" ".join(words[i: i + 3]).encode("utf-8") for i in range(len(words) - 2)}
        assert copies.shingles(text) == (expected or ({" ".join(words).encode("utf-8")} if words else set()))


@pytest.mark.parametrize(("threshold", "num_perm"), [(copies.COPY_THRESHOLD, copies.NUM_PERM), (0.8, 64)])
def test_bands_are_datasketch_lsh_bands(threshold: float, num_perm: int) -> None:
    lsh = datasketch.MinHashLSH(threshold=threshold, num_perm=num_perm)
    assert copies._bands(threshold, num_perm) == tuple(lsh.hashranges)


def test_merge_does_not_import_datasketch() -> None:
    """The point of the in-house MinHash: a merge process never pays for datasketch's (and scipy's) import."""
    code = ("import sys; from rasad.merge import merge_documents; from rasad.merge.copies import signature, "
            "find_copies_from_signatures; "
            "s = [signature(str(i), ' '.join(f'w{j}' for j in range(40)), i) for i in range(3)]; "
            "assert len(find_copies_from_signatures(s)) == 2; "
            "print('datasketch' in sys.modules, 'scipy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
