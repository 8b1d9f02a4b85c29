"""Normalization of real Arabic and Persian text: folds, deletions, and offsets that map back to raw."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.model import Document
from rasad.text.normalize import (
    _ONE_TO_ONE,
    _TRANSLATE,
    arabic_stem_candidates,
    fold_chars,
    normalize,
    normalize_term,
    normalize_text,
    persian_stem_candidates,
)
from rasad.text.normalize_stage import ensure_norm


def test_letter_variants_digits_and_marks() -> None:
    assert normalize_term("إدلب") == normalize_term("ادلب")
    assert normalize_term("مدينة") == normalize_term("مدينه")
    assert normalize_term("علي") == normalize_term("على") == normalize_term("علی")
    assert normalize_term("کشته") == normalize_term("كشته")
    assert normalize_term("الخالديـــة") == normalize_term("الخالدية")  # tatweel
    assert normalize_term("قُتِلَ") == normalize_term("قتل")  # harakat
    assert normalize("٢٣ قتيلا و۱۲ زخمی").text.startswith("23 قتيلا و12")
    assert normalize_term("گروه\u200cهای") == normalize_term("گروههای")  # ZWNJ


def test_seed_words_map_back_to_the_same_raw_characters(seed_texts: dict[str, str]) -> None:
    for key, words in {"000": ["الخالدية", "حمص", "حزب الله"], "001": ["خالدیه", "گروه‌های مسلح", "حمص"],
                       "002": ["الخالدية", "حمص"]}.items():
        doc = Document.create(seed_texts[key])
        ensure_norm(doc)
        assert doc.norm is not None
        for word in words:
            term = normalize_term(word)
            hits = [m.start() for m in re.finditer(re.escape(term), doc.norm.text)]
            assert hits, (key, word)
            for start in hits:
                raw_start, raw_end = doc.norm.to_raw(start, start + len(term))
                assert normalize_term(doc.text[raw_start:raw_end]) == term
                assert not doc.text[raw_start].isspace() and not doc.text[raw_end - 1].isspace()


def test_persian_zwnj_text_maps_back() -> None:
    raw = "نیروهای دولتی کنترل گروه‌های مسلح را به‌دست گرفتند"
    norm = normalize(raw)
    i = norm.text.index("گروههاي")
    s, e = norm.to_raw(i, i + len("گروههاي"))
    assert raw[s:e] == "گروه‌های"


_ARABIC_ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةىپچژگکیۀ" + "\u064b\u064e\u064f\u0650\u0651\u0652\u0640\u200c "


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ARABIC_ALPHABET + "٠١٢٣٤٥٦٧٨٩ﻻﷲ«»abcXYZ", min_size=1, max_size=60))
def test_every_normalized_character_comes_from_its_raw_span(raw: str) -> None:
    norm = normalize(raw)
    for i, ch in enumerate(norm.text):
        s, e = norm.to_raw(i, i + 1)
        assert 0 <= s < e <= len(raw)
        assert ch in normalize(raw[s:e]).text
    if norm.text:
        s, e = norm.to_raw(0, len(norm.text))
        assert normalize(raw[s:e]).text == norm.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ARABIC_ALPHABET + "٠١٢٣٤٥٦٧٨٩ﻻﷲ\ufefb«»abcXYZİ\u200b\u00ad\n", max_size=40))
def test_normalize_text_is_the_text_normalize_makes(raw: str) -> None:
    """``normalize_term`` folds new words with ``normalize_text`` (no offset map): it must give the text
    ``normalize`` gives, deletions (harakat, tatweel, ZWNJ, soft hyphen) and expansions (ligatures, İ) alike."""
    assert normalize_text(raw) == normalize(raw).text
    assert normalize_term.__wrapped__(raw) == " ".join(normalize(raw).text.split())


_FOLDED = "".join(map(chr, _ONE_TO_ONE))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ARABIC_ALPHABET + _FOLDED + "0123456789abcXYZÀÉİΣЖﭐ\n.,", max_size=80))
def test_fold_chars_is_the_translate_table(raw: str) -> None:
    """``fold_chars`` (one ``str.replace`` per distinct folding character) equals ``str.translate`` with the
    fold table, on every folding character mixed with letters that fold and letters that do not."""
    assert fold_chars(raw) == raw.translate(_TRANSLATE)


_REPLACER_TABLE = {"\u064b": "", "\u0651": "", "\ufefb": "لا", "ک": "ك", "ی": "ي", "\u200c": " "}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="".join(_REPLACER_TABLE) + "ابكي لا\n", max_size=60))
def test_char_replacer_is_translate_with_deletions_and_expansions(raw: str) -> None:
    """``char_replacer`` finds one distinct character at a time, searching on from where the last one stood:
    with values that delete (harakat) or expand (a ligature) the text, it still equals ``str.translate``."""
    from rasad.text.normalize import char_replacer

    assert char_replacer(_REPLACER_TABLE)(raw) == raw.translate(str.maketrans(_REPLACER_TABLE))


def test_char_replacer_refuses_a_value_holding_a_key() -> None:
    from rasad.text.normalize import char_replacer

    with pytest.raises(ValueError):
        char_replacer({"ﻻ": "لا", "ل": "L"})


def test_fold_chars_on_real_articles(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        assert fold_chars(text) == text.translate(_TRANSLATE)
        assert fold_chars(text) != text  # the seeds have letter variants to fold
    english = "The U.S.-led coalition said: \u201cISIS lost Raqqa\u201d \u2013 À bientôt"
    assert fold_chars(english) == english.translate(_TRANSLATE) == 'the u.s.-led coalition said: "isis lost raqqa" \u2013 à bientôt'


def test_arabic_proclitics_are_separable() -> None:
    assert "حمص" in arabic_stem_candidates("بحمص")
    assert "الخالديه" in arabic_stem_candidates(normalize_term("والخالدية"))
    assert arabic_stem_candidates("ال") == ["ال"]  # never strips to nothing


def test_persian_plural_and_ezafe_suffixes_are_separable() -> None:
    with_zwnj, without = normalize_term("گروه‌های"), normalize_term("گروههای")
    assert with_zwnj == without
    assert normalize_term("گروه") in persian_stem_candidates(without)
    assert normalize_term("نیرو") in persian_stem_candidates(normalize_term("نیروهای"))
    assert persian_stem_candidates(normalize_term("ری")) == [normalize_term("ری")]  # too short to strip



def test_persian_hamza_spelling_of_the_glide_ye_folds() -> None:
    # the older spelling after a long vowel (ا/آ, و) is the same word as the ye spelling
    for hamza, ye in [("نیروی هوائی", "نیروی هوایی"), ("شهروندان آمریکائی", "شهروندان آمریکایی"),
                      ("مدرسه روستائی", "مدرسه روستایی"), ("فعالیت دانشجوئی", "فعالیت دانشجویی"),
                      ("طبقه پائین", "طبقه پایین"), ("قوه قضائیه", "قوه قضاییه")]:
        assert normalize_term(hamza) == normalize_term(ye), hamza
    # Persian text typed with the Arabic yeh folds too (it still has Persian letters: گ، پ)
    assert normalize("گزارش نیروي دريائي پاكستان").text == normalize("گزارش نیروی دریایی پاکستان").text


def test_persian_hamza_fold_leaves_real_hamzas_and_arabic_alone() -> None:
    # a glottal stop, not a glide: the hamza stays (before another letter than ye, or after a consonant)
    for word in ("مسئول", "رئیس", "مسائل", "جزائر", "هیئت"):
        assert "ئ" in normalize_term(word), word
    # Arabic keeps its hamza spelling, and an Arabic article quoting one Persian name is still Arabic
    arabic = "أعلن المجلس القضائي في الجزائر أن الحكم نهائي وأن الإسرائيلي غادر البلاد " * 6
    assert normalize(arabic).text == fold_chars(arabic)
    assert "القضائي" in normalize(arabic).text and "نهائي" in normalize(arabic).text
    quoting = arabic + "وقال إن مدينة گرگان شهدت احتجاجات واسعة خلال الأيام الماضية في البلاد"
    assert "القضائي" in normalize(quoting).text


def test_persian_hamza_fold_keeps_every_span_on_its_raw_text() -> None:
    raw = "به گزارش خبرگزاری، حمله‌های هوائی ائتلاف به روستائی در شمال، ساختمان مدرسهٔ دانشجوئی را ویران کرد."
    norm = normalize(raw)
    assert len(norm.text) == len(raw) - raw.count("\u200c") - raw.count("\u0654")
    for word in ("هوايي", "روستايي", "دانشجويي"):
        i = norm.text.index(word)
        start, end = norm.to_raw(i, i + len(word))
        assert normalize_term(raw[start:end]) == word
        assert "ئ" in raw[start:end]


def test_proclitic_candidates_tried_by_first_letter_equal_trying_every_proclitic(seed_texts: dict[str, str]) -> None:
    """``proclitic_stem_candidates`` tries only the proclitics that start with the word's first letter: the
    same forms, in the same order, as trying the whole list, on the seed reports' words (and with an empty
    proclitic, which prefixes every word)."""
    from rasad.text.normalize import AR_PROCLITICS, proclitic_stem_candidates

    def every_proclitic(word: str, proclitics: tuple[str, ...], min_stem: int = 2) -> list[str]:
        out = [word]
        for p in proclitics:
            if word.startswith(p) and len(word) - len(p) >= min_stem and word[len(p):] not in out:
                out.append(word[len(p):])
        return out

    words = {normalize_term(w) for text in seed_texts.values() for w in text.split()} | {"", "و", "وال", "بالل"}
    stripped = 0
    for proclitics in (AR_PROCLITICS, ("", "و", "ال"), ()):
        for word in words:
            for min_stem in (1, 2, 3):
                forms = proclitic_stem_candidates(word, proclitics, min_stem)
                assert forms == every_proclitic(word, proclitics, min_stem), (word, proclitics)
                stripped += len(forms) > 1
    assert stripped > 100
