"""Person-name recognition: whole-corpus PER scores on ANERCorp / ArmanPersoNER and the general rules."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rasad.extract.names import NameMemory, find_person_names
from rasad.extract.speakers import tokenize
from rasad.model import Document
from rasad.text.normalize_stage import ensure_norm
from tests.conftest import REPO_ROOT, require_shared


def _names(text: str, lang: str, memory: NameMemory | None = None) -> list[str]:
    doc = Document.create(text, lang=lang)
    ensure_norm(doc)
    assert doc.norm is not None
    toks = tokenize(doc.norm.text)
    raw = [text[slice(*doc.norm.to_raw(t.start, t.end))] for t in toks]
    return [" ".join(raw[a:b]) for a, b in find_person_names(toks, raw, lang, memory)]


@pytest.mark.parametrize(("lang", "rel", "tag", "floor"), [
    ("ar", ("ar_anercorp", "ANERCorp.txt"), "PERS", 0.40),
    ("fa", ("fa_arman", "test_fold1.txt"), "pers", 0.45),
])
def test_per_f1_on_ner_corpora(lang: str, rel: tuple[str, str], tag: str, floor: float) -> None:
    path = require_shared("data", "ner", *rel)
    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    try:
        from eval_per_ner import evaluate
    finally:
        sys.path.pop(0)
    result = evaluate(Path(path), lang, tag)
    # before the given-name lists and the name rules: ar F1 0.227, fa F1 0.391
    assert result["f1"] >= floor, result


def test_seed_speaker_names(seed_texts: dict[str, str]) -> None:
    text = seed_texts["000"]
    sentence = text[text.index("وقال مدير المرصد"):text.index("للقوات النظامية.")]
    assert "رامي عبدالرحمن" in _names(sentence, "ar")
    sentence = text[text.index("إلى ذلك أكد"):text.index("في تصريحات إلى")]
    assert "خالد الخلف" in _names(sentence, "ar")


def test_role_nouns_need_a_name_after_them() -> None:
    assert _names("قال الرئيس السوداني عمر البشير إن الحكومة مستعدة للحوار", "ar") == ["عمر البشير"]
    assert _names("قال وزير الخارجية إن الحكومة مستعدة للحوار", "ar") == []
    assert _names("وزیر اطلاعات امروز به مجلس رفت", "fa") == []
    assert _names("آقای علی لاریجانی امروز به مجلس رفت", "fa") == ["علی لاریجانی"]
    assert _names("سید محمد خاتمی گفت که", "fa") == ["سید محمد خاتمی"]


def test_family_name_remembered_within_a_text() -> None:
    memory = NameMemory()
    assert _names("التقى كوندوليزا رايس بالرئيس في العاصمة", "ar", memory) == ["كوندوليزا رايس"]
    assert _names("وقالت رايس إن المحادثات كانت مثمرة", "ar", memory) == ["رايس"]
    # without the earlier sentence the lone family name is not recognised
    assert _names("وقالت رايس إن المحادثات كانت مثمرة", "ar") == []


def _news_texts(path: Path, limit: int) -> list[str]:
    """The normalized texts of the first ``limit`` articles of a shared news file (JSON Lines with a
    ``content`` or ``paragraphs`` field)."""
    import json

    from rasad.text.normalize import normalize

    texts = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= limit:
                break
            row = json.loads(line)
            text = row.get("content") or " ".join(p for p in row.get("paragraphs") or [] if isinstance(p, str))
            texts.append(normalize(text).text)
    return texts


def _corpus_words(path: Path, limit: int = 300) -> list[str]:
    """Distinct normalized words of the first ``limit`` articles of a shared news file."""
    return sorted({t.text for text in _news_texts(path, limit) for t in tokenize(text)})


@pytest.mark.parametrize(("lang", "name"), [("ar", "saudinewsnet_ar.jsonl"), ("fa", "fars_fa_dev.jsonl")])
def test_precomputed_word_sets_agree_with_the_word_tests(lang: str, name: str) -> None:
    """The speed-ups list in advance the words a test accepts (name openers, words at which a lexicon
    phrase may start); on every word of real news they must accept exactly what the tests accept,
    proclitic forms ("وعلي", "والمرصد") included."""
    from rasad.extract import names
    from rasad.extract.speakers import speaker_lexicon

    words = _corpus_words(require_shared("data", "news", name))
    particles = speaker_lexicon(lang).particles
    expected = [k for k, w in enumerate(words)
                if names._given_form(w, lang) or names._foreign_word(w, lang) or w in particles]
    assert sorted(set(names._openings(words, lang))) == expected
    assert len(expected) > 50  # real given names and their proclitic forms occur in the news
    # the opener list is built without the per-word tests: the same words as the tests on every given
    # name with every proclitic, and on the news words
    nl = names.name_lexicon(lang)
    forms = {pre + g for pre in names.first_word_rules(lang).proclitics for g in nl.given} | set(words)
    assert names._given_forms_among(forms, lang) == {w for w in forms if names._given_form(w, lang)}

    trie = speaker_lexicon(lang).trie
    tokens = tokenize(" ".join(words))
    starts = trie.starts(tokens, lang)
    assert starts == [k for k, t in enumerate(tokens) if trie.may_start(t.text, lang)]
    assert starts == [k for k in range(len(tokens)) if trie.match(tokens, k, lang) is not None
                      or trie.may_start(tokens[k].text, lang)]
    if lang == "ar":
        assert trie.may_start("والمرصد", lang) and "والمرصد" in trie.first_words(lang)
    # first_words is built without asking may_start of most forms: the same set as asking it of every
    # root word with every proclitic (and lam sequence) in front, for the speaker and reporting-cue tries
    from rasad.extract.attribution import reporting_lexicon

    rules = names.first_word_rules(lang)
    for phrase_trie in (trie, reporting_lexicon(lang).cues):
        root = [w for w in phrase_trie.root if w != "\0"]
        forms = set(root) | {pre + w for pre in rules.proclitics for w in root}
        forms |= {pre + w[len(rules.article):] for w in root if rules.article and w.startswith(rules.article)
                  for pre in rules.article_lam}
        assert phrase_trie.first_words(lang) == {w for w in forms if phrase_trie.may_start(w, lang)}


@pytest.mark.parametrize(("lang", "name"), [("ar", "saudinewsnet_ar.jsonl"), ("fa", "fars_fa_dev.jsonl")])
def test_document_openers_give_each_sentences_openings(lang: str, name: str) -> None:
    """``document_openers`` (one set per text, from the words seen before) marks in every sentence of real
    news the words ``_openings`` gives, texts seen twice included (the second time every word is known),
    and ``find_person_names`` finds the same names with it as without."""
    from rasad.extract import names
    from rasad.text.sentences import split_sentences

    texts = _news_texts(require_shared("data", "news", name), 30)
    n_openings = 0
    for text in texts + texts[:3]:
        sentences = [tokenize(text, start, end) for start, end in split_sentences(text)]
        words = [[t.text for t in toks] for toks in sentences]
        openers = names.document_openers(words, lang)
        memory, memory_doc = NameMemory(), NameMemory()
        for toks, texts_of in zip(sentences, words, strict=True):
            expected = names._openings(texts_of, lang)
            assert [k for k, w in enumerate(texts_of) if w in openers] == expected
            n_openings += len(expected)
            raw = [t.text for t in toks]
            assert find_person_names(toks, raw, lang, memory_doc, openers) == find_person_names(toks, raw, lang, memory)
    assert n_openings > 20


def _greedy_scan(tokens: list, lang: str) -> list[tuple[int, int, dict]]:
    """The definition ``speakers.scan`` implements: ``match`` tried at every token, left to right,
    a match skipping the tokens it covers."""
    from rasad.extract.speakers import speaker_lexicon

    trie = speaker_lexicon(lang).trie
    out, i = [], 0
    while i < len(tokens):
        m = trie.match(tokens, i, lang)
        if m:
            out.append((i, i + m[0], m[1]))
            i += m[0]
        else:
            i += 1
    return out


@pytest.mark.parametrize(("lang", "name"), [("ar", "saudinewsnet_ar.jsonl"), ("fa", "fars_fa_dev.jsonl")])
def test_scan_and_cached_tokens_agree_with_their_definitions(lang: str, name: str) -> None:
    """The fast paths on real news: ``scan`` (one set test per word, then a trie walk) finds the items of
    the greedy longest-match loop, and ``tokenize_cached`` / ``token_texts`` give ``tokenize``'s tokens
    and their texts for every sentence-sized span."""
    import re

    from rasad.extract.speakers import scan, token_texts, tokenize_cached

    plain = re.compile(r"\w+(?:[.'\-]\w+)*")
    n_items = 0
    for text in _news_texts(require_shared("data", "news", name), 40):
        for start in range(0, len(text), 300):
            end = min(len(text), start + 300)
            tokens = tokenize_cached(text, start, end)
            assert tokens == tokenize(text, start, end)
            # the tokenizer's possessive pattern finds what the plain one (its definition) finds
            assert [(t.start, t.end) for t in tokens] == [m.span() for m in plain.finditer(text, start, end)]
            assert token_texts(tokens) == [t.text for t in tokens]
            items = [(it.start, it.end, it.tags) for it in scan(tokens, lang)]
            assert items == _greedy_scan(tokens, lang)
            n_items += len(items)
    assert n_items > 20  # real news names sources, roles and organisations


@pytest.mark.parametrize(("lang", "name"), [("ar", "saudinewsnet_ar.jsonl"), ("fa", "fars_fa_dev.jsonl")])
def test_finder_shortcuts_agree_with_the_full_finder(lang: str, name: str) -> None:
    """On real news: a sentence ``find_person_names`` passes over (no opening word, no speech verb, no
    word ending with a remembered family name, only blocking lexicon items) is one whose candidates are
    all such items, and the names found are the full finder's; and ``NameMemory``'s on-demand counts are the counts of
    every observed word (what it used to keep for every sentence)."""
    from collections import Counter

    from rasad.extract import names
    from rasad.text.sentences import split_sentences

    skipped = found = 0
    for text in _news_texts(require_shared("data", "news", name), 40):
        memory, full_memory, counts = NameMemory(), NameMemory(), Counter()
        for start, end in split_sentences(text):
            toks = tokenize(text, start, end)
            raw = [t.text for t in toks]
            texts = list(raw)
            if not names._openings(texts, lang) and names._passes_over(toks, texts, lang, memory):
                skipped += 1
                finder = names._Finder(toks, raw, lang, memory)
                # every candidate is a lexicon item the finder steps over
                assert all(k in finder.items and names._blocked(finder.items[k]) for k in finder.candidates())
            got = find_person_names(toks, raw, lang, memory)
            assert got == names._Finder(toks, raw, lang, full_memory).run()
            found += len(got)
            counts.update(texts)
            for word in list(counts)[:50] + list(memory.in_name):
                assert memory._count(word) == counts[word]
        assert memory.seen == counts
    assert skipped > 20 and found > 20


@pytest.mark.parametrize(("lang", "name"), [("ar", "saudinewsnet_ar.jsonl"), ("fa", "fars_fa_dev.jsonl")])
def test_document_openers_while_another_text_is_being_read(monkeypatch: pytest.MonkeyPatch, lang: str,
                                                           name: str) -> None:
    """A text read while another is halfway through ``document_openers`` (another thread: a Dask worker runs
    several, every word of the first already marked as seen) gets the same openers as on its own: a word
    is never taken as seen before its foreign family-name test is recorded."""
    from rasad.extract import names
    from rasad.text.sentences import split_sentences

    texts = _news_texts(require_shared("data", "news", name), 30)
    words_of = [[[t.text for t in tokenize(text, s, e)] for s, e in split_sentences(text)] for text in texts]
    expected = [names.document_openers(words, lang) for words in words_of]
    assert any(openers - names._opening_words(lang) for openers in expected)  # foreign forms among them
    for words, want in zip(words_of, expected, strict=True):
        monkeypatch.setattr(names, "_SEEN_WORDS", {})  # nothing seen yet
        inner: list[frozenset[str]] = []
        foreign_word = names._foreign_word

        def interleaved(word: str, lang_: str, words: list[list[str]] = words, inner: list = inner,
                        foreign_word=foreign_word) -> bool:
            if not inner:  # the other thread reads the same text now (once: it is not interleaved itself)
                inner.append(frozenset())
                inner[0] = names.document_openers(words, lang)
            return foreign_word(word, lang_)

        monkeypatch.setattr(names, "_foreign_word", interleaved)
        assert names.document_openers(words, lang) == want
        assert not inner or inner[0] == want
        monkeypatch.setattr(names, "_foreign_word", foreign_word)


@pytest.mark.parametrize(("lang", "name"), [("ar", "saudinewsnet_ar.jsonl"), ("fa", "fars_fa_dev.jsonl")])
def test_openings_while_another_sentence_is_being_read(monkeypatch: pytest.MonkeyPatch, lang: str,
                                                       name: str) -> None:
    """``_openings`` (``find_person_names`` without a text's openers) of a sentence read while another
    thread is halfway through the same words: the same indexes as on its own, no word answered "no opener"
    before its foreign family-name test is done."""
    from rasad.extract import names
    from rasad.text.sentences import split_sentences

    texts = _news_texts(require_shared("data", "news", name), 30)
    sentences = [[t.text for t in tokenize(text, s, e)] for text in texts for s, e in split_sentences(text)]
    expected = [names._openings(words, lang) for words in sentences]
    foreign_word = names._foreign_word
    n_checked = 0
    for words, want in zip(sentences, expected, strict=True):
        monkeypatch.setattr(names, "_SEEN_WORDS", {})  # nothing known yet
        inner: list[list[int]] = []

        def interleaved(word: str, lang_: str, words: list[str] = words, inner: list = inner) -> bool:
            if not inner:  # the other thread reads the same sentence now (once)
                inner.append([])
                inner[0] = names._openings(words, lang)
            return foreign_word(word, lang_)

        monkeypatch.setattr(names, "_foreign_word", interleaved)
        assert names._openings(words, lang) == want
        if inner:
            assert inner[0] == want
            n_checked += 1
        monkeypatch.setattr(names, "_foreign_word", foreign_word)
    assert n_checked > 5


def _walked_match(trie, tokens: list, i: int, lang: str):  # type: ignore[no-untyped-def]
    """The definition ``PhraseTrie.match`` implements: the longest phrase from token ``i`` over each of the
    word's forms (``token_forms``), walked node by node; on equal length the earlier form wins."""
    from rasad.extract.speakers import token_forms

    best = None
    for form in token_forms(tokens[i].text, lang, True):
        node, j = trie.root.get(form), i + 1
        while node is not None:
            if "\0" in node and (best is None or j - i > best[0]):
                best = (j - i, node["\0"])
            node = node.get(tokens[j].text) if j < len(tokens) else None
            j += 1
    return best


@pytest.mark.parametrize(("lang", "name"), [("ar", "saudinewsnet_ar.jsonl"), ("fa", "fars_fa_dev.jsonl")])
def test_trie_shortcuts_agree_with_walking_every_form(lang: str, name: str) -> None:
    """On real news, for the speaker, reporting-cue and control-phrase tries: ``match`` (which rejects a
    word that begins only longer phrases when the next word continues none of them -- Arabic "علي",
    Persian "در", "به") gives what walking every form gives, and ``match_starts`` keeps every token it
    succeeds at; and every speaker-lexicon item the name pass stops at begins with a word of
    ``names._stopping_firsts``, the set a sentence is passed over by."""
    from rasad.extract import names
    from rasad.extract.attribution import reporting_lexicon
    from rasad.extract.claims import claim_lexicon
    from rasad.extract.speakers import scan, speaker_lexicon
    from rasad.text.sentences import split_sentences

    tries = [speaker_lexicon(lang).trie, reporting_lexicon(lang).cues, claim_lexicon(lang).control]
    entities = speaker_lexicon(lang).entities
    stopping = names._stopping_firsts(lang)
    matched = rejected = stops = dropped = 0
    for text in _news_texts(require_shared("data", "news", name), 40):
        for start, end in split_sentences(text):
            toks = tokenize(text, start, end)
            for trie in tries:
                firsts = trie.first_words(lang)
                hits = set()
                for i, tok in enumerate(toks):
                    got = trie.match(toks, i, lang)
                    assert got == _walked_match(trie, toks, i, lang)
                    matched += got is not None
                    rejected += got is None and tok.text in firsts
                    if got is not None:
                        hits.add(i)
                # (``match_starts``, the cue loop's starts: every token ``match`` succeeds at, fewer others)
                kept = trie.match_starts(toks, lang)
                assert hits <= set(kept) <= set(trie.starts(toks, lang))
                dropped += len(trie.starts(toks, lang)) - len(kept)
            for it in scan(toks, lang):
                tags = it.tags
                if (names._BLOCKING_TAGS.isdisjoint(tags) or not names._CUE_TAGS.isdisjoint(tags)
                        or entities.get(tags.get("entity"), {}).get("kind") == "person"):
                    assert toks[it.start].text in stopping
                    stops += 1
    assert matched > 100 and rejected > 100 and stops > 20 and dropped > 100
