"""Sentence splitting on real Arabic, Persian and English text, with raw offsets."""

from __future__ import annotations

import csv
import re

from rasad.model import Document
from rasad.text.langid import langid_stage
from rasad.text.sentences import sentences_stage, split_sentences
from tests.conftest import require_shared


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_arabic_question_mark_inside_quotes_and_commas() -> None:
    text = "وتساءل الناشط: \"أين المجتمع الدولي؟\" وأضاف أن القصف، الذي استمر أياماً، دمر الحي. وقال مصدر إن الجيش تقدم؛ لكنه لم يسيطر."
    assert _texts(text) == [
        "وتساءل الناشط: \"أين المجتمع الدولي؟\"",  # the question ends after its closing quote
        "وأضاف أن القصف، الذي استمر أياماً، دمر الحي.",  # the Arabic comma does not end a sentence
        "وقال مصدر إن الجيش تقدم؛ لكنه لم يسيطر.",  # nor does the Arabic semicolon
    ]


def test_quote_closing_after_terminator_stays_with_its_sentence() -> None:
    text = "قال المصدر «سيطرنا على الحي.» ونفت المعارضة ذلك."
    assert _texts(text) == ["قال المصدر «سيطرنا على الحي.»", "ونفت المعارضة ذلك."]


def test_english_abbreviations_and_decimals() -> None:
    text = "Dr. Rami said 3.5 tonnes of aid reached Homs on Jan. 5. The U.S. envoy arrived later. Fighting resumed!"
    assert _texts(text) == ["Dr. Rami said 3.5 tonnes of aid reached Homs on Jan. 5.", "The U.S. envoy arrived later.",
                            "Fighting resumed!"]


def test_persian_sentences() -> None:
    text = "ارتش سوریه کنترل کوی خالدیه را به دست گرفت. آیا گروه‌های مسلح عقب‌نشینی کردند؟ منابع مخالف این را رد کردند."
    assert len(_texts(text)) == 3


def test_seed_sentences_cover_the_text_in_order(seed_texts: dict[str, str]) -> None:
    for key, text in seed_texts.items():
        doc = Document.create(text)
        langid_stage(doc)
        sentences_stage(doc)
        assert len(doc.sentences) >= 10, key
        covered = "".join(text[s.start:s.end] for s in doc.sentences)
        assert "".join(covered.split()) == "".join(text.split())
        for prev, cur in zip(doc.sentences, doc.sentences[1:], strict=False):
            assert prev.end <= cur.start and cur.index == prev.index + 1
        assert {s.lang for s in doc.sentences} == {doc.lang}


def test_english_articles_split_reasonably() -> None:
    with require_shared("data", "news", "fakes_en_dev.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for _, r in zip(range(40), csv.DictReader(fh), strict=False)]
    for row in rows:
        text = row["article_content"]
        spans = split_sentences(text)
        n_terminators = len(re.findall(r"[.!?]", text)) + 1
        assert 1 <= len(spans) <= n_terminators + text.count("\n") + 1
        assert all(text[s:e].strip() == text[s:e] for s, e in spans)


def test_terminator_pattern_matches_as_the_two_alternatives_do() -> None:
    """``_TERMINATOR`` starts with one character class (so the regex engine skips to candidates in C); it must
    find exactly what ``[.!?؟۔]+[closers]*|\\n\\s*`` finds, on real news of the three languages and on
    made-up runs of terminators, closers, line breaks and spaces."""
    import json
    import random

    from rasad.text.sentences import _TERMINATOR

    two_alternatives = re.compile(r"[.!?؟۔]+[\"'\)\]»”’]*|\n\s*")
    texts = []
    path = require_shared("data", "news", "saudinewsnet_ar.jsonl")
    with path.open(encoding="utf-8") as fh:
        texts += [json.loads(line).get("content") or "" for line, _ in zip(fh, range(300), strict=False)]
    with require_shared("data", "news", "fars_fa_dev.jsonl").open(encoding="utf-8") as fh:
        texts += ["\n".join(p for p in json.loads(line).get("paragraphs") or [] if isinstance(p, str)) for line in fh]
    with require_shared("data", "news", "fakes_en_dev.csv").open(encoding="utf-8", newline="") as fh:
        texts += [row["article_content"] for row, _ in zip(csv.DictReader(fh), range(300), strict=False)]
    rng = random.Random(7)
    texts += ["".join(rng.choice("ab .!?؟۔\"')]»”’\n\t\r") for _ in range(rng.randint(0, 25))) for _ in range(5000)]
    assert sum(len(t) for t in texts) > 1_000_000
    for text in texts:
        assert [m.span() for m in _TERMINATOR.finditer(text)] == [m.span() for m in two_alternatives.finditer(text)]
