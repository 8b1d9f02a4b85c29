"""Shortcuts of the events stage that must not change what it decides: the substring tests run before
tokenizing around a mention (office, venue), and the automaton pre-test before per-sentence scans."""

from __future__ import annotations

import re

from rasad.extract.events import (
    _FirstWords,
    _is_venue,
    _may_stand_around,
    _norm_words_around,
    _office,
    trigger_lexicon,
)
from rasad.model import Document, Mention
from rasad.pipeline import build_pipeline
from tests.extract.test_document_scan import _real_texts


def test_first_words_find_what_substring_tests_find() -> None:
    lex = trigger_lexicon("ar")
    assert lex is not None
    phrases = lex.venue_before | lex.speech_before
    firsts = {p.split()[0] for p in phrases}
    words = _FirstWords(phrases)
    checked = found = 0
    for lang, text in _real_texts():
        if lang != "ar":
            continue
        for end in range(0, len(text) + 40, 23):
            start = max(0, end - 60)
            expected = any(w in text[start:end] for w in firsts)
            assert words.within(text, start, end) == expected, (start, end)
            checked += 1
            found += expected
    assert checked > 1000 and 0 < found < checked
    assert _FirstWords(frozenset({""})).within("abc", 0, 1)  # an empty phrase stands everywhere
    assert not _FirstWords(frozenset({"x y"})).within("abc", 0, 3)


def _words_test(m: Mention, norm, before: int, after: int, left: frozenset[str], right: frozenset[str]) -> bool:
    """Whether the words ``_office``/``_is_venue`` read around ``m`` hold a phrase of ``left`` (among the
    words before it, whole or as two words, or the last one after a one-letter conjunction) or start one
    of ``right`` -- as much as either test can find, so the shortcut must let it through."""
    words, following = _norm_words_around(norm, m.start, m.end, before, after)
    grams = {*words, *(" ".join(words[i:i + 2]) for i in range(len(words) - 1))}
    return bool(grams & left) or any(w[1:] in left for w in words[-1:]) or bool(following) and (
        following[0] in right or " ".join(following[:2]) in right)


def test_the_substring_shortcut_never_skips_an_office_or_a_venue(monkeypatch) -> None:
    """Wherever the words around a mention hold an office or venue phrase, the shortcut lets the test run,
    and ``_office``/``_is_venue`` answer as they do without it (every actor and place mention of 80 real
    articles)."""
    import rasad.extract.events as events

    pipeline = build_pipeline(until="quantities")
    docs = []
    for lang, text in _real_texts():
        doc = Document.create(text)
        pipeline(doc)
        docs.append((lang, doc))
    passed = skipped = 0
    answers = []
    for lang, doc in docs:
        lex = trigger_lexicon(lang)
        assert lex is not None and doc.norm is not None
        office = (lex.office_before, lex.office_after)
        venue = (lex.venue_before | lex.speech_before, lex.speech_after)
        for m in doc.mentions:
            if m.kind not in ("actor", "place"):
                continue
            for (left, right), before in ((office, 3), (venue, 5)):
                shortcut = _may_stand_around(doc.norm, m, _FirstWords(left) if left else None,
                                             _FirstWords(right) if right else None, before, 2)
                if _words_test(m, doc.norm, before, 2, left, right):
                    assert shortcut, (m.text, before)
                passed += shortcut
                skipped += not shortcut
            sent = doc.sentence_at(m.start)
            answers.append((_office(m, doc.norm, lex, {}),
                            sent is not None and _is_venue(m, sent, doc.text, doc.norm, lex)))
    assert passed > 100 and skipped > 100
    monkeypatch.setattr(events, "_may_stand_around", lambda *args: True)
    plain = []
    for lang, doc in docs:
        lex = trigger_lexicon(lang)
        for m in doc.mentions:
            if m.kind in ("actor", "place"):
                sent = doc.sentence_at(m.start)
                plain.append((_office(m, doc.norm, lex, {}),
                              sent is not None and _is_venue(m, sent, doc.text, doc.norm, lex)))
    assert plain == answers and any(o for o, _ in answers) and any(v for _, v in answers)


def test_occurs_in_is_false_only_without_any_key() -> None:
    lex = trigger_lexicon("ar")
    assert lex is not None and lex.holding is not None
    absent = 0
    for _, text in _real_texts():
        if lex.holding.find(text):
            assert lex.holding.occurs_in(text)
        if not lex.holding.occurs_in(text):
            absent += 1
            assert lex.holding.find(text) == []
            for piece in re.split(r"[.!؟]", text):
                assert lex.holding.find(piece) == []
    assert absent > 0


def test_sentence_at_by_bisection_equals_the_document_search() -> None:
    from rasad.extract.sentence_index import sentence_at

    pipeline = build_pipeline(until="sentences")
    for _, text in _real_texts()[:30]:
        doc = Document.create(text)
        pipeline(doc)
        assert len(doc.sentences) > 1
        for offset in range(-2, len(text) + 3):
            assert sentence_at(doc, offset) is doc.sentence_at(offset)
        doc.sentences = doc.sentences[1:]  # a new list: its own starts
        assert sentence_at(doc, doc.sentences[0].start - 1) is doc.sentence_at(doc.sentences[0].start - 1)
        doc.sentences.pop()  # the same list, shorter
        assert sentence_at(doc, len(text) - 1) is doc.sentence_at(len(text) - 1)


def test_sentence_cues_are_the_documents_cues_of_that_sentence() -> None:
    """``DocumentCues.between`` over a sentence, resolved from that sentence's automaton hits only, gives
    exactly the slice of ``find_cues`` (the whole document's cues) that starts in it: every sentence of 80
    real articles, and spans cut at other offsets (inside words, where it must fall back)."""
    from bisect import bisect_left

    from rasad.extract.modality import DocumentCues, find_cues

    pipeline = build_pipeline(until="quantities")
    windowed = total = cut = 0
    for _, text in _real_texts():
        doc = Document.create(text)
        pipeline(doc)
        assert doc.norm is not None
        full = find_cues(doc)  # (also registers the modality lexicon with the shared walk)
        starts = [c.start for c in full]
        cues = DocumentCues(doc)
        windowed += cues._hits is not None
        bounds = [(doc.norm.from_raw(s.start), doc.norm.from_raw(s.end)) for s in doc.sentences]
        bounds += [(lo, lo + 97) for lo in range(0, len(doc.norm.text), 89)]
        for lo, hi in bounds:
            expected = full[bisect_left(starts, lo):bisect_left(starts, hi)]
            assert cues.between(lo, hi) == expected, (lo, hi)
            total += len(expected)
            cut += not cues._fresh_start(lo) if cues._hits is not None else 0
    assert windowed > 60 and total > 300 and cut > 0


def test_needed_string_precheck_never_skips_a_match() -> None:
    """Where the link-list, tag-line or headquarters pattern matches in a span of a real article,
    ``may_match`` lets the search run (spans of 40, 200 and 400 characters all over 80 articles)."""
    from rasad.extract.actor_context import may_match
    from rasad.extract.actors import _headquarters_patterns
    from rasad.extract.events import _link_list, _tag_line

    checked = matched = skipped = 0
    for lang, text in _real_texts():
        patterns = [p for p in (_link_list(lang), _tag_line(lang), *_headquarters_patterns((lang,))) if p is not None]
        for pattern in patterns:
            for width in (40, 200, 400):
                for start in range(0, len(text), width // 2):
                    end = start + width
                    hit = pattern.search(text, start, end) is not None
                    may = may_match(pattern, text, start, end)
                    assert may or not hit, (pattern.pattern, start, end)
                    checked += 1
                    matched += hit
                    skipped += not may
    assert checked > 1000 and matched > 0 and skipped > checked // 2
