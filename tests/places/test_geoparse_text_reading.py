"""The geoparser's fast text-reading helpers agree with their plain definitions on real text."""

from __future__ import annotations

import re

from rasad.places.geoparse import (
    _UPPER_CASE_LIMIT,
    Geoparser,
    _cue_of,
    _upper_case_positions,
    _word_before,
    _word_start,
)
from rasad.text.normalize import normalize

_WORD = re.compile(r"\w+")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def test_no_upper_case_letter_beyond_the_scanned_range() -> None:
    assert not any(chr(c).isupper() for c in range(_UPPER_CASE_LIMIT, 0x110000))


def test_upper_case_positions_match_str_isupper(seed_texts: dict[str, str]) -> None:
    texts = [*seed_texts.values(), "Deir ez-Zor, ÉTAT, Ⅻ Ⓐb \U0001F130 İstanbul ǅ", "plain ascii Text"]
    for text in texts:
        assert _upper_case_positions(text) == [i for i, c in enumerate(text) if c.isupper()]


def test_backward_reading_on_the_reversed_text(seed_texts: dict[str, str]) -> None:
    """Words before a position, word starts and cue words, read right to left on the reversed text, are
    what a walk back over the normalized text gives, at every position of the seed reports."""
    for raw in seed_texts.values():
        norm = normalize(raw).text
        rev = norm[::-1]
        for pos in range(0, len(norm), 3):
            start = pos
            while start > 0 and _is_word_char(norm[start - 1]):
                start -= 1
            assert _word_start(rev, pos) == start
            j = pos
            while j > 0 and norm[j - 1] == " ":
                j -= 1
            k = j
            while k > 0 and _is_word_char(norm[k - 1]):
                k -= 1
            assert _word_before(rev, pos) == (norm[k:j] if k < j else None)
            words = _WORD.findall(norm, max(0, pos - 40), pos)[-2:]
            cue = next((c for w in reversed(words) if (c := _cue_of(w)) is not None), None)
            assert Geoparser._cue_before(rev, pos)[0] == cue
