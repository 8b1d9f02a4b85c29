"""Answers the extraction stages remember or compute in fewer steps must equal the plain computation:
the outlet aliases holding a place name (per-name memo), the commentary test that stops counting early, a
second reading of a text's dates against another day (kept pattern matches), modality hits taken without a
sentence lookup, and langid's scores counted with C-level maps."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from itertools import repeat

from rasad.extract import dates, events
from rasad.extract.actors import scan_document
from rasad.extract.modality import find_cues, modality_matcher
from rasad.model import Document
from rasad.pipeline import build_pipeline
from rasad.text import langid
from tests.extract.test_document_scan import _real_texts


@lru_cache(maxsize=1)
def _analysed() -> tuple[Document, ...]:
    """The real articles of ``_real_texts`` through the places stage (place mentions, norm, sentences)."""
    pipeline = build_pipeline(until="places")
    docs = []
    for lang, text in _real_texts():
        doc = Document.create(text, lang=lang)
        pipeline(doc)
        docs.append(doc)
    return tuple(docs)


def _in_outlet_name_plain(m, text: str, norm) -> bool:  # noqa: ANN001 - the reference of the memo'd version
    raw = text[m.start:m.end]
    aliases, acronyms = events._outlet_aliases()
    if raw in acronyms:
        return True
    n_start, n_end = norm.from_raw(m.start), norm.from_raw(m.end)
    name = norm.text[n_start:n_end]
    if not name:
        return False
    if events._quoted(text, m.start, m.end) and name in aliases:
        return True
    for alias in aliases:
        if len(alias) <= len(name):
            break
        k = alias.find(name)
        while k >= 0:
            at = n_start - k
            if at >= 0 and norm.text[at:at + len(alias)] == alias \
                    and (at == 0 or not norm.text[at - 1].isalnum()) \
                    and (at + len(alias) >= len(norm.text) or not norm.text[at + len(alias)].isalnum()):
                return True
            k = alias.find(name, k + 1)
    return False


def test_outlet_alias_memo_equals_the_search_over_every_alias() -> None:
    aliases, _ = events._outlet_aliases()
    checked = inside = 0
    for doc in _analysed():
        assert doc.norm is not None
        for m in doc.mentions:
            if m.kind != "place":
                continue
            name = doc.norm.text[doc.norm.from_raw(m.start):doc.norm.from_raw(m.end)]
            expected = [(a, k) for a in aliases if len(a) > len(name)
                        for k in (i.start() for i in re.finditer(f"(?={re.escape(name)})", a))] if name else []
            assert list(events._aliases_holding(name, aliases)) == expected
            assert events._in_outlet_name(m, doc.text, doc.norm) == _in_outlet_name_plain(m, doc.text, doc.norm)
            checked += 1
            inside += bool(expected)
    assert checked > 300 and inside > 0  # real place names, some of them inside an outlet's name
    # a name inside an alias, next to the alias in the text and alone
    alias = next(a for a in aliases if " " in a and len(a.split()[0]) >= 4)
    word = alias.split()[0]
    assert events._aliases_holding(word, aliases)
    assert not events._aliases_holding("xq\u0000zz", aliases)


def _commentary_plain(doc: Document) -> bool:
    lex = events.trigger_lexicon(doc.lang)
    if lex is None or lex.commentary is None or doc.norm is None:
        return False
    min_words, per_1000 = lex.commentary
    words = doc.norm.text.split()
    if len(words) < min_words:
        return False
    verbs = events._reporting_forms(doc.lang)
    reporting = sum(map(verbs.__contains__, map(str.strip, words, repeat(events._WORD_EDGE_PUNCT))))
    past_forms = events._commentary_forms(doc.lang)
    past = sum(map(past_forms.__contains__, map(str.strip, words, repeat(events._WORD_EDGE_PUNCT))))
    # fewer reporting verbs than the rate, or fewer past ones and more present than past (quoting in the present)
    return 1000 * reporting / len(words) < per_1000 or (1000 * past / len(words) < per_1000
                                                        and reporting - past > past)


def test_commentary_test_that_stops_early_equals_the_full_count() -> None:
    docs = _analysed()
    assert all(events._is_commentary(d) == _commentary_plain(d) for d in docs)
    # at the threshold itself: texts of one length with 0 .. k + 2 reporting verbs, k the first count of news
    with_limits = [lang for lang in ("en", "ar", "fa")
                   if (lex := events.trigger_lexicon(lang)) is not None and lex.commentary is not None]
    assert with_limits
    for lang in with_limits:
        lex = events.trigger_lexicon(lang)
        assert lex is not None and lex.commentary is not None
        min_words, per_1000 = lex.commentary
        verb = sorted(events._reporting_verbs(lang) & events._commentary_forms(lang))[0]  # a verb of the past
        n = max(min_words, 997)  # not a round number of words: the rate is not a whole number
        needed = next(k for k in range(n + 1) if 1000 * k / n >= per_1000)
        for k in range(max(0, needed - 2), needed + 3):
            doc = Document.create(" ".join([verb + "."] * k + ["zzz"] * (n - k)), lang=lang)
            build_pipeline(only=["normalize"])(doc)
            assert events._is_commentary(doc) == _commentary_plain(doc) == (k < needed)


def test_second_reading_of_a_texts_dates_equals_a_fresh_one() -> None:
    found_relative = 0
    for doc in _analysed():
        assert doc.norm is not None
        text = doc.norm.text
        first = dates.find_dates(text, doc.lang, date(2016, 3, 10))
        again = dates.find_dates(text, doc.lang, date(2015, 7, 4))  # the kept matches of ``text``
        fresh = dates.find_dates("".join(list(text)), doc.lang, date(2015, 7, 4))  # an equal, other string
        assert [(d.start, d.end, d.pattern, d.ref.to_dict()) for d in again] == \
            [(d.start, d.end, d.pattern, d.ref.to_dict()) for d in fresh]
        found_relative += sum(a.ref.start != b.ref.start for a, b in zip(first, again, strict=False))
    assert found_relative > 0  # some dates do depend on the day they are read against


def test_modality_hits_without_sentences_are_the_same_hits() -> None:
    for doc in _analysed()[:40]:
        with_sentences = [(lang, m) for lang, m, _ in scan_document(doc, modality_matcher)]
        without = list(scan_document(doc, modality_matcher, sentences=False))
        assert [(lang, m) for lang, m, _ in without] == with_sentences
        assert all(s is None for _, _, s in without) or len({s.lang for s in doc.sentences} | {doc.lang}) > 1
        assert [c.start for c in find_cues(doc)] == sorted(m.start for _, m in with_sentences
                                                           if m.payload.polarity is not None)


def _ranked_plain(scores: dict[str, float]) -> tuple[str, float, float, float]:
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    return ranked[0][0], ranked[0][1], ranked[1][1], sum(scores.values())


def _arabic_word_scores_plain(text: str) -> dict[str, float]:
    """``langid._arabic_word_scores`` (C-level map/filter/sum) as a Python loop over the tokens, as it was
    written first: a function word scores 3 and is never taken for a word carrying an article."""
    scores = dict.fromkeys(langid._LETTERS, 0.0)
    for token in langid._tokens(text, 200):
        langs = langid._ARABIC_WORD_INDEX.get(token)
        if langs:
            for lang in langs:
                scores[lang] += 3.0
            continue
        for lang, prefixes in langid._ARTICLE_PREFIXES.items():
            if token.startswith(prefixes):
                scores[lang] += 2.0
    return scores


def _latin_word_scores_plain(text: str) -> dict[str, float]:
    scores = {**dict.fromkeys(langid._LATIN_LETTERS, 0.0), "en": 0.0}
    for token in langid._tokens(text, 200):
        for lang in langid._LATIN_WORD_INDEX.get(token.lower(), ()):
            scores[lang] += 1.0
    return scores


def test_langid_fast_path_equals_the_per_token_loop() -> None:
    texts = [text for _, text in _real_texts()]
    samples = [text[start:start + langid.PARAGRAPH_SAMPLE_CHARS] for text in texts
               for start, _ in langid.paragraph_spans(text)]
    samples += [text[:langid.DOC_SAMPLE_CHARS] for text in texts]
    samples += [s[:n] for s in samples[:200] for n in (20, 45, 80)]  # short ones: fewer words decide
    decided: set[str] = set()
    for sample in samples:
        if langid.dominant_script(sample)[0] == "arabic":
            assert langid._arabic_word_scores(sample) == _arabic_word_scores_plain(sample)
            decided.add(langid._arabic_script(sample, False)[0])
        else:
            assert langid._latin_word_scores(sample) == _latin_word_scores_plain(sample)
            decided.add(langid._latin_script(sample, False)[0])
    assert {"ar", "fa", "en"} <= decided
    # ties: the first language of the highest score, as the stable sort put it
    for scores in ({"ar": 3.0, "fa": 3.0, "ur": 1.0}, {"fa": 0.0, "ar": 0.0}, {"en": 1.0, "tr": 2.5, "de": 2.5}):
        assert langid._ranked(scores) == _ranked_plain(scores)
