"""The geoparser's fast text-reading helpers agree with their plain definitions on real text."""

from __future__ import annotations

import csv
import itertools
import random
import re
from pathlib import Path

import ahocorasick
import pytest

from rasad.places.geoparse import (
    _BEFORE_GLUED,
    _NO_UPPER_BLOCKS,
    _REV_PROCLITIC_WORD_START,
    _SPACE_CHILD,
    _STRIP,
    REFERENCE_DIRECTIONS,
    REFERENCE_LINKS,
    REFERENCE_SKIP,
    REFERENCE_UNITS,
    Geoparser,
    _cue_of,
    _glued_prefix,
    _longest_first_spans,
    _reference_before,
    _sentence_finder,
    _upper_case_positions,
    _word_before,
    _word_start,
    _words_after,
    default_geoparser,
)
from rasad.text.normalize import AR_PROCLITICS, normalize

_WORD = re.compile(r"\w+")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def test_no_upper_case_letter_in_the_skipped_blocks() -> None:
    """The blocks the scan for capitals skips hold no upper-case letter (and the Latin ones do)."""
    assert not any(chr(c).isupper() for a, b in _NO_UPPER_BLOCKS for c in range(a, b + 1))
    assert _upper_case_positions("حمص É x Ω \U0001F130 سوريا") == [4, 8, 10]


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


def test_cue_words_before_a_name_are_where_the_scan_found_a_cue_word_end(seed_texts: dict[str, str]) -> None:
    """``parse_roles`` reads the words before a name for a cue only where the scan found a cue word ending
    in the 40 characters before it, or a word runs into the name: at every position of the seed reports
    (and of cue phrases) where ``_cue_before`` finds a cue, one of the two holds."""
    gp = default_geoparser()
    texts = [*seed_texts.values(), "في ريف حمص، محافظة إدلب وبمدينة حلب; the city of Homs, Aleppo province"]
    found = 0
    for raw in texts:
        norm = normalize(raw).text
        rev = norm[::-1]
        cue_ends = gp._find_spans(raw, norm)[2]
        for pos in range(len(norm) + 1):
            if Geoparser._cue_before(rev, pos)[0] is None:
                continue
            found += 1
            assert any(pos - 40 < e <= pos for e in cue_ends) or (pos and _is_word_char(norm[pos - 1]))
    assert found > 100


def test_words_after_read_as_one_run_of_words(seed_texts: dict[str, str]) -> None:
    """``_words_after`` (one regex over the run of words) gives the words of the token-by-token reading --
    words with their zero-width non-joiners and single marks, whitespace skipped -- up to the first token
    that starts with no word character, within 16 characters a word, at every position of the seed
    reports (and where a non-joiner starts a token or a mark follows a word)."""
    token = re.compile(r"[\w\u200c]+|[^\w\s]")
    texts = [normalize(raw).text for raw in seed_texts.values()]
    texts += ["a \u200cb c", "x\u200c y z", "foo, bar baz", "  _x y", "\u00b2 two three", "word\u3000next one"]
    for norm in texts:
        for pos in range(len(norm)):
            for n in (1, 3, 4, 12):
                expected: list[str] = []
                for tok in token.findall(norm, pos, min(len(norm), pos + 16 * n)):
                    if not _is_word_char(tok[0]) or len(expected) == n:
                        break
                    expected.append(tok)
                assert _words_after(norm, pos, n) == expected


def _english_articles(shared_dir: Path, n: int = 40) -> list[str]:
    path = shared_dir / "data" / "news" / "fakes_en_dev.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(itertools.islice(csv.DictReader(fh), n))
    return [f"{r.get('article_title') or ''}. {r.get('article_content') or ''}" for r in rows]


def test_glued_proclitics_read_on_the_reversed_text(seed_texts: dict[str, str]) -> None:
    """The word start of a name glued to proclitics (وبالخالدية) is where a walk back over the proclitics
    that start the word ends, at every position of the seed reports; and the scan's cached reading of the
    few characters before the position (``_glued_prefix``) gives the same proclitics."""
    proclitics = frozenset(AR_PROCLITICS)
    for raw in seed_texts.values():
        norm = normalize(raw).text
        rev = norm[::-1]
        n = len(norm)
        glued = 0
        for start in range(1, n + 1):
            ws = -1
            for w in range(start - 1, max(-1, start - 5), -1):
                if norm[w:start] in proclitics and (w == 0 or not _is_word_char(norm[w - 1])):
                    ws = w
                    break
            found = _REV_PROCLITIC_WORD_START.match(rev, n - start)
            assert (n - found.end() if found else -1) == ws
            before = norm[start - _BEFORE_GLUED:start] if start >= _BEFORE_GLUED else " " + norm[:start]
            assert _glued_prefix(before) == (norm[ws:start] if ws >= 0 else None)
            glued += ws >= 0
        assert glued > 100


def test_reference_points_read_on_the_words_before(seed_texts: dict[str, str]) -> None:
    """``_reference_before`` (with its shortcut on the last word, read on the reversed text) agrees with
    the plain reading of the five words before every position of the seed reports."""
    def plain(norm: str, start: int) -> bool:
        tokens = norm[max(0, start - 60):start].split()
        if start and not norm[start - 1].isspace() and tokens:
            tokens.pop()
        words = [w for t in tokens[-5:] if (w := t.strip(_STRIP)) and w not in REFERENCE_SKIP]
        if not words or words[-1] not in REFERENCE_DIRECTIONS | REFERENCE_UNITS | REFERENCE_LINKS:
            return False
        last = words[-1]
        if last in REFERENCE_DIRECTIONS or last in REFERENCE_UNITS:
            return not ("a" <= last[0] <= "z")
        if last in REFERENCE_LINKS and len(words) >= 2:
            return words[-2] in REFERENCE_UNITS or (words[-2] in REFERENCE_DIRECTIONS and last in ("of", "من", "از"))
        return False

    verdicts = []
    for raw in [*seed_texts.values(), "شمال غرب مدينة حلب، على بعد 30 كيلومترا من إدلب و۳۰ کیلومتری حمص",
                "  west of  Homs\u2003 30 km\tnorth of\nAleppo, (north) of Hama"]:
        norm = normalize(raw).text
        rev = norm[::-1]
        for start in range(len(norm) + 1):
            verdicts.append(_reference_before(norm, start, rev))
            assert verdicts[-1] == plain(norm, start), (norm[max(0, start - 60):start], start)
    assert any(verdicts)


def test_scan_hits_do_not_depend_on_the_automatons_insertion_order(seed_texts: dict[str, str],
                                                                   shared_dir: Path) -> None:
    """The automaton is built with the frequent letters first and a space child at the root (for speed):
    every text gives the same hits, in the same order, as the automaton of the same names inserted as
    they come."""
    gp = default_geoparser()
    plain = ahocorasick.Automaton()
    for key in gp._automaton.keys():
        if key != _SPACE_CHILD:
            plain.add_word(key, gp._automaton.get(key))
    plain.make_automaton()
    for raw in [*seed_texts.values(), *_english_articles(shared_dir, 10), "Homs \uffff\uffff حمص"]:
        norm = normalize(raw).text
        assert list(gp._automaton.iter(norm)) == list(plain.iter(norm)) or "\uffff" in norm
    assert gp.find("x", "x \uffff\uffff y") == []  # the space child's own hit is no match


def test_longest_first_keeps_what_an_occupancy_scan_keeps() -> None:
    """Overlapping spans ranked run by run: the longest, then leftmost, then first found is kept, as when
    all spans are ranked at once and each taken span marks its characters."""
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randrange(1, 120)
        spans = []
        for i in range(rng.randrange(0, 40)):
            s = rng.randrange(0, n)
            e = min(n, s + rng.randrange(1, 12))
            spans.append((s - e, s, e, f"k{i}", (f"id{i}",), bool(i % 2)))
        if spans and rng.random() < 0.3:
            spans.append(spans[0][:3] + ("dup", ("dup",), False))  # the same span found twice
        occupied = bytearray(n)
        want = []
        for _, s, e, key, ids, prefixed in sorted(spans, key=lambda t: (t[0], t[1])):
            if occupied.find(1, s, e) < 0:
                occupied[s:e] = b"\x01" * (e - s)
                want.append((s, e, key, ids, prefixed))
        want.sort()
        got = [span[1:] for span in _longest_first_spans(list(spans))]
        assert got == want


def test_folded_latin_reading_skips_only_words_that_start_no_reading(shared_dir: Path) -> None:
    """The chains of Latin words whose first word starts no folded key of a place in the region are not
    read; reading them all finds the same names on real English articles."""
    gp = default_geoparser()
    texts = [t for t in _english_articles(shared_dir) if len(normalize(t).text) == len(t)]
    assert texts
    filtered = [gp._folded_latin(t, normalize(t).text) for t in texts]
    reader = Geoparser(gp.gazetteer)
    reader._may_begin_reading = lambda word: True  # type: ignore[method-assign]
    assert [reader._folded_latin(t, normalize(t).text) for t in texts] == filtered
    assert sum(map(len, filtered)) > 20


def test_sentences_found_by_bisection(seed_texts: dict[str, str]) -> None:
    from rasad.model import Document
    from rasad.pipeline import build_pipeline

    doc = build_pipeline(until="sentences")(Document.create(seed_texts["000"]))
    assert len(doc.sentences) > 3
    find = _sentence_finder(doc)
    for offset in range(-1, len(doc.text) + 2):
        assert find(offset) is doc.sentence_at(offset)
