"""Property-based fuzzing of the text pipeline: random Unicode, mixed scripts, bidi and zero-width
characters, very long lines.  No stage may crash, and every span must lie within the raw text and
carry exactly the characters it points at."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasad.model import Document
from rasad.pipeline import DEFAULT_STAGES, build_pipeline
from rasad.text.normalize import normalize

ARABIC_WORDS = ["قوات", "النظام", "الخالدية", "حمص", "قتل", "12", "١٢", "مقاتلا", "وقال", "المرصد", "بالحي"]
PERSIAN_WORDS = ["گروه‌های", "گروههای", "مسلح", "ارتش", "سوریه", "۱۲", "کشته", "می‌گویند", "حلب"]
ENGLISH_WORDS = ["Syrian", "forces", "shelled", "Aleppo", "killing", "12", "people", "said", "SOHR"]
SPECIALS = ["\u200c", "\u200d", "\u200b", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202e", "\u2066",
            "\u2069", "\ufeff", "\u0640", "\u064b", "\u0651", "\u0670", "؟", "،", "؛", ".", "!", "?", "«", "»",
            "\"", "\n", "\n\n", "\r\n", "\t", " ", "  ", "\u00a0", "ي", "ى", "ك", "ة", "أ", "إ", "آ", "ﻻ", "ﷲ"]

words = st.sampled_from(ARABIC_WORDS + PERSIAN_WORDS + ENGLISH_WORDS + SPECIALS)
mixed_text = st.lists(st.one_of(words, st.text(min_size=1, max_size=6)), max_size=80).map("".join)
any_text = st.one_of(st.text(max_size=400), mixed_text)


def _check_spans(doc: Document) -> None:
    n = len(doc.text)

    def span_ok(start: int | None, end: int | None, text: str | None = None) -> None:
        if start is None or end is None:
            return
        assert 0 <= start <= end <= n, (start, end, n)
        if text is not None and text != "":
            assert doc.text[start:end] == text

    for p in doc.paragraphs:
        span_ok(p.start, p.end)
    previous_end = 0
    for s in doc.sentences:
        span_ok(s.start, s.end)
        assert s.start >= previous_end, "sentences overlap or are out of order"
        previous_end = s.end
    for m in doc.mentions:
        span_ok(m.start, m.end, m.text)
    for e in doc.events:
        span_ok(e.trigger.start, e.trigger.end, e.trigger.text)
        span_ok(e.sentence.start, e.sentence.end, e.sentence.text)
        for sp in e.evidence:
            span_ok(sp.start, sp.end, sp.text)
        for actor in (e.actor1, e.actor2, *e.assoc_actors):
            if actor is not None:
                span_ok(actor.start, actor.end)
        if e.location is not None:
            span_ok(e.location.start, e.location.end)
    for c in doc.claims:
        for sp in (c.evidence, c.sentence):
            if sp is not None:
                span_ok(sp.start, sp.end, sp.text)


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(any_text)
def test_normalize_offset_map_stays_in_bounds(text: str) -> None:
    norm = normalize(text)
    for i in range(len(norm.text)):
        start, end = norm.to_raw(i, i + 1)
        assert 0 <= start <= end <= len(text)
    start, end = norm.to_raw(0, len(norm.text))
    assert 0 <= start <= end <= len(text)


_PIPELINE = build_pipeline()


@FUZZ
@given(any_text)
def test_every_registered_stage_survives_random_text(text: str) -> None:
    doc = Document.create(text)
    _PIPELINE(doc)
    assert doc.stages_done == [s.name for s in DEFAULT_STAGES]
    _check_spans(doc)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(words, min_size=1, max_size=20).map("".join), st.integers(min_value=2_000, max_value=12_000))
def test_very_long_lines(chunk: str, repeat_chars: int) -> None:
    text = (chunk * (repeat_chars // max(len(chunk), 1) + 1))[:repeat_chars].replace("\n", " ")
    doc = Document.create(text)
    _PIPELINE(doc)
    assert doc.stages_done == [s.name for s in DEFAULT_STAGES]
    _check_spans(doc)


def test_seed_texts_survive_bidi_and_zero_width_noise(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        noisy = "\u202b" + text.replace(" ", " \u200c", 50).replace("،", "\u200f،") + "\u202c"
        doc = Document.create(noisy)
        _PIPELINE(doc)
        assert doc.sentences, "real text must yield sentences"
        _check_spans(doc)
