"""Counts of killed / wounded / arrested / displaced, on real text from ../shared."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import pytest

from rasad.extract.dates import date_data, dates_stage
from rasad.extract.quantities import (
    _PUNCT_CHARS,
    find_quantities,
    number_data,
    parse_number_text,
    parse_numbers_yaml,
    quantities_stage,
    quantity_attrs,
    text_index,
    word_hits,
)
from rasad.lang import LanguageDataError, languages, load_yaml
from rasad.model import Document, Quantity
from rasad.text.normalize import normalize
from rasad.text.sentences import sentences_stage
from tests.conftest import REPO_ROOT, require_shared


def run(text: str, lang: str, *, with_dates: bool = True) -> Document:
    doc = Document.create(text, lang=lang, published=datetime(2013, 7, 31))
    sentences_stage(doc)
    if with_dates:
        dates_stage(doc)
        doc.stages_done.append("dates")
    quantities_stage(doc)
    return doc


def quantity_at(doc: Document, phrase: str) -> dict:
    k = doc.text.find(phrase)
    assert k != -1, phrase
    hits = [m for m in doc.mentions if m.kind == "quantity" and m.start < k + len(phrase) and k < m.end]
    assert len(hits) == 1, (phrase, [m.text for m in doc.mentions_of("quantity")])
    return hits[0].attrs


def quantities(text: str, lang: str) -> list[tuple[str, int | None, int | None, int | None, str | None, str]]:
    """(text, low, best, high, qualifier, category) of each quantity in ``text``."""
    return [(q.quantity.text, q.quantity.low, q.quantity.best, q.quantity.high, q.quantity.qualifier, q.category)
            for q in find_quantities(normalize(text).text, lang)]


# --------------------------------------------------------------------------------------------
# Number words
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("ثلاثة وعشرون", "ar", 23), ("ثلاثة و عشرون", "ar", 23), ("مئة وخمسون", "ar", 150),
    ("ثلاث مئة", "ar", 300), ("ثلاثمائة", "ar", 300), ("خمسة آلاف", "ar", 5000), ("ألفين وخمسمائة", "ar", 2500),
    ("ثلاثة عشر", "ar", 13), ("أحد عشر", "ar", 11), ("اثنا عشر", "ar", 12), ("مائتين", "ar", 200),
    ("بیست و سه", "fa", 23), ("صد و بیست", "fa", 120), ("سیصد", "fa", 300), ("دو هزار", "fa", 2000),
    ("یک میلیون", "fa", 1_000_000), ("سیزده", "fa", 13), ("هزار و دویست و پنجاه", "fa", 1250),
    ("twenty-three", "en", 23), ("a dozen", "en", 12), ("two dozen", "en", 24),
    ("two hundred and five", "en", 205), ("three thousand", "en", 3000), ("1,200", "en", 1200),
])
def test_number_words(text: str, lang: str, value: int) -> None:
    assert parse_number_text(text, lang) == value


@pytest.mark.parametrize("text", ["خمسة ستة", "twenty thirty", "بیست سی", "a"])
def test_number_word_sequences_that_are_not_one_number(text: str) -> None:
    lang = "ar" if "خ" in text else "fa" if "ب" in text else "en"
    assert parse_number_text(text, lang) is None


def test_arabic_number_words_agree_with_pyarabic() -> None:
    """pyarabic's text2number is the reference parser for Arabic number words."""
    text2number = pytest.importorskip("pyarabic.number").text2number
    for text in ["ثلاثة وعشرون", "مئة وخمسون", "خمسة آلاف", "سبعة عشر", "تسعة وتسعون", "أربعمائة وستة وثلاثون",
                 "ألفين وخمسمائة", "ثمانية"]:
        assert parse_number_text(text, "ar") == text2number(text), text


# --------------------------------------------------------------------------------------------
# The seeds
# --------------------------------------------------------------------------------------------


def test_seed_001_persian_counts(seed_texts: dict[str, str]) -> None:
    doc = run(seed_texts["001"], "fa")
    more = quantity_at(doc, "بیش از 120")
    assert (more["low"], more["qualifier"], more["category"], more["high"]) == (120, "more_than", "killed", None)
    # "123فرد را که اغلب آنان غیرنظامی بوده‌اند، کشته‌اند": the verb comes last, after a comma
    exact = quantity_at(doc, "123")
    assert (exact["low"], exact["best"], exact["high"], exact["category"]) == (123, 123, 123, "killed")
    assert exact["text"] == "123" and doc.text[exact["start"]:exact["end"]] == "123"
    # "در 2 منطقه جوبر و قابون" counts places, not people
    assert quantity_at(doc, "در 2 منطقه")["category"] == "other"
    # "یک میلیونی", "یک مقام" are not counts; "یک هفته" is a date
    assert not any(m.text.startswith("یک") for m in doc.mentions_of("quantity"))


def test_seed_000_vague_killed_counts(seed_texts: dict[str, str]) -> None:
    doc = run(seed_texts["000"], "ar")
    many = quantity_at(doc, "العديد من")  # "مقتل العديد من عناصر حزب الله"
    assert (many["low"], many["vague"], many["category"], many["best"]) == (10, True, "killed", None)
    some = quantity_at(doc, "عددا من")  # "عددا من الأشخاص معظمهم من الأطفال قتلوا"
    assert (some["low"], some["vague"], some["category"]) == (10, True, "killed")
    assert len(doc.mentions_of("quantity")) == 2


def test_seed_002_has_no_counts(seed_texts: dict[str, str]) -> None:
    """"قبل 4 أيام" is a date, "عدد من العوائل" (families gathering) is not a casualty count."""
    doc = run(seed_texts["002"], "ar")
    assert [m.attrs["category"] for m in doc.mentions_of("quantity")] in ([], ["other"])
    assert not any("4" in m.text for m in doc.mentions_of("quantity"))


# --------------------------------------------------------------------------------------------
# Qualifiers, ranges, vague words, categories, exclusions
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("سقط 123 قتيلاً معظمهم من المدنيين", "ar", [("123", 123, 123, 123, None, "killed")]),
    ("قتل ما لا يقل عن 20 شخصا وجرح 30 آخرون", "ar",
     [("ما لا يقل عن 20", 20, 20, None, "at_least", "killed"), ("30", 30, 30, 30, None, "wounded")]),
    ("أسفر عن مقتل ثلاثة وعشرين شخصا", "ar", [("ثلاثه وعشرين", 23, 23, 23, None, "killed")]),
    ("نزوح أكثر من 3 آلاف عائلة", "ar", [("اكثر من 3 الاف", 3000, 3000, None, "more_than", "displaced")]),
    ("بين 10 و15 قتيلا", "ar", [("بين 10 و15", 10, None, 15, None, "killed")]),
    ("قتل نحو 50 مدنيا", "ar", [("نحو 50", 50, 50, 50, "about", "killed")]),
    ("اعتقال 15 شخصا", "ar", [("15", 15, 15, 15, None, "arrested")]),
    ("العشرات من الجرحى", "ar", [("العشرات من", 12, None, 99, None, "wounded")]),  # "dozens": ACLED 12
    ("مقتل شخصين", "ar", [("شخصين", 2, 2, 2, None, "killed")]),
    ("دست کم 12 تن کشته شدند", "fa", [("دست كم 12", 12, 12, None, "at_least", "killed")]),
    ("بیست و سه نفر زخمی شدند", "fa", [("بيست و سه", 23, 23, 23, None, "wounded")]),
    ("دهها نفر بازداشت شدند", "fa", [("دهها", 12, None, 99, None, "arrested")]),
    ("صدها نفر آواره شدند", "fa", [("صدها", 100, None, 999, None, "displaced")]),
    ("5 تا 10 نفر کشته شدند", "fa", [("5 تا 10", 5, None, 10, None, "killed")]),
    # Fars: "در این زلزله یک‌هزار و 200 نفر جان باختند"
    ("در این زلزله یک ‌هزار و 200 نفر جان باختند", "fa", [("يك هزار و 200", 1200, 1200, 1200, None, "killed")]),
    ("یکهزار و دویست نفر", "fa", [("يكهزار و دويست", 1200, 1200, 1200, None, "other")]),
    ("تا دو نامزد اصلی", "fa", [("دو", 2, 2, 2, None, "other")]),  # تا here is "so that", not "up to"
    ("at least 112 people were killed", "en", [("at least 112", 112, 112, None, "at_least", "killed")]),
    ("killing 1 man and injuring 5 children", "en",
     [("1", 1, 1, 1, None, "killed"), ("5", 5, 5, 5, None, "wounded")]),
    ("killing at least one opposition fighter and wounding several others", "en",
     [("at least one", 1, 1, None, "at_least", "killed"), ("several", 10, None, None, None, "wounded")]),
    ("killing between 18 and 19 civilians and injuring up to 70 more", "en",
     [("between 18 and 19", 18, None, 19, None, "killed"), ("up to 70", None, 70, 70, "up_to", "wounded")]),
    ("dozens of people were wounded", "en", [("dozens of", 12, None, None, None, "wounded")]),
    ("twenty-three people died", "en", [("twenty-three", 23, 23, 23, None, "killed")]),
    ("a dozen were arrested", "en", [("a dozen", 12, 12, 12, None, "arrested")]),
    ("3,000 people fled", "en", [("3,000", 3000, 3000, 3000, None, "displaced")]),
    ("10-15 killed", "en", [("10-15", 10, None, 15, None, "killed")]),
    ("15 civilians were killed in four air strikes while 25 others were wounded", "en",
     [("15", 15, 15, 15, None, "killed"), ("four", 4, 4, 4, None, "other"), ("25", 25, 25, 25, None, "wounded")]),
    ("6 citizens killed 22 injured in terrorist attacks", "en",
     [("6", 6, 6, 6, None, "killed"), ("22", 22, 22, 22, None, "wounded")]),
    ("ألقى الطيران 470 برميلاً متفجراً أدت إلى مقتل 12 شخصا", "ar",
     [("470", 470, 470, 470, None, "other"), ("12", 12, 12, 12, None, "killed")]),
    ("1.5 million people fled", "en", [("1.5 million", 1_500_000, 1_500_000, 1_500_000, None, "displaced")]),
    ("نزوح 1,2 مليون شخص", "ar", [("1,2 مليون", 1_200_000, 1_200_000, 1_200_000, None, "displaced")]),
    # one person: an article and a singular noun (English), a casualty word and a singular noun (Arabic)
    ("Islamist faction fighters killed a regime fighter on the az-Zara front", "en",
     [("a regime fighter", 1, 1, 1, None, "killed")]),
    ("killing a woman and 3 of her children", "en",
     [("a woman", 1, 1, 1, None, "killed"), ("3", 3, 3, 3, None, "killed")]),
    ("أسفر القصف عن مقتل طفل وإصابة امرأة", "ar",
     [("طفل", 1, 1, 1, None, "killed"), ("امراه", 1, 1, 1, None, "wounded")]),
    # commas inside an English list do not end the window; a casualty word after a comma starts a clause
    ("At least 121 regime forces, allied militia, and rebel fighters were reportedly killed", "en",
     [("at least 121", 121, 121, None, "at_least", "killed")]),
    ("Regime forces shelled 5 villages in Hama, killing 3", "en",
     [("5", 5, 5, 5, None, "other"), ("3", 3, 3, 3, None, "killed")]),
])
def test_counts(text: str, lang: str, expected: list) -> None:
    assert quantities(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("a man said the town was shelled", "en"), ("قال رجل من سكان الحي", "ar"),
    ("أثنى سالم سمران على المقاومة", "ar"), ("أحياء الملعب وشارع عشرين", "ar"),
    ("a boy aged 12", "en"), ("Brigade 17 fighters", "en"), ("it cost $500", "en"), ("at 10:30", "en"),
    ("in 2013", "en"), ("the 12-year-old boy", "en"), ("rose by 40 percent", "en"), ("5 km north", "en"),
    ("اللواء 17", "ar"), ("عام 2013", "ar"), ("بنسبة 20%", "ar"), ("20 في المئة", "ar"), ("منذ 3 سنوات", "ar"),
    ("مليون دولار", "ar"), ("خمسة كيلومترات", "ar"), ("الساعة 5 صباحا", "ar"), ("عمره 12 عاما", "ar"),
    ("حدود 40 درصد", "fa"), ("گروه 8 در سنت پترزبورگ", "fa"), ("لشکر 17", "fa"), ("سال 1392", "fa"), ("ساعت 10", "fa"), ("500 دلار", "fa"),
    ("یک مقام نظامی", "fa"), ("نه تنها", "fa"), ("one of the reasons", "en"), ("F-16 jets", "en"),
])
def test_not_counts(text: str, lang: str) -> None:
    assert quantities(text, lang) == []


def test_subset_counts_are_marked() -> None:
    doc = run("At least 21 people were killed including three children", "en")
    assert [(m.text, m.attrs["category"], m.attrs.get("subset", False)) for m in doc.mentions_of("quantity")] == [
        ("At least 21", "killed", False), ("three", "killed", True)]
    doc = run("مقتل 46 مدنيا بينهم 5 أطفال", "ar")
    assert [m.attrs.get("subset", False) for m in doc.mentions_of("quantity")] == [False, True]


def test_numbers_inside_dates_are_not_counts() -> None:
    doc = run("قتل 5 أشخاص في 12 تموز 2013 وجرح 7 آخرون", "ar")
    assert [(m.text, m.attrs["category"]) for m in doc.mentions_of("quantity")] == [("5", "killed"), ("7", "wounded")]
    # without the dates stage the quantities stage finds the dates itself
    doc = run("قتل 5 أشخاص في 12 تموز 2013 وجرح 7 آخرون", "ar", with_dates=False)
    assert [m.text for m in doc.mentions_of("quantity")] == ["5", "7"]


def test_offsets_into_raw_text_with_arabic_digits_and_diacritics() -> None:
    raw = "وأسفر القصف عن مقتل ١٢٣ شخصاً وإصابةِ ثلاثةٍ وعشرينَ آخرين"
    doc = run(raw, "ar")
    got = [(m.text, m.attrs["low"], m.attrs["category"]) for m in doc.mentions_of("quantity")]
    assert got == [("١٢٣", 123, "killed"), ("ثلاثةٍ وعشرينَ", 23, "wounded")]
    for m in doc.mentions_of("quantity"):
        assert doc.text[m.start:m.end] == m.text == m.attrs["text"]
        assert (m.attrs["start"], m.attrs["end"]) == (m.start, m.end)
        assert Quantity.from_dict(m.attrs).to_dict() | {"category": m.attrs["category"]} == m.attrs
        assert quantity_attrs(Quantity.from_dict(m.attrs), m.attrs["category"]) == m.attrs


# --------------------------------------------------------------------------------------------
# Real articles
# --------------------------------------------------------------------------------------------


def _saudinewsnet(*ids: str) -> dict[str, str]:
    path = require_shared("data", "news", "saudinewsnet_ar.jsonl")
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if any(i in line[:40] for i in ids):
                d = json.loads(line)
                if d["id"] in ids:
                    out[d["id"]] = d["content"]
    assert set(out) == set(ids)
    return out


def test_saudinewsnet_casualty_counts() -> None:
    art = _saudinewsnet("snn_09248", "snn_22365", "snn_04764", "snn_19179", "snn_12350", "snn_11574", "snn_15120")
    doc = run(art["snn_09248"], "ar")  # "الهجوم الانتحاري الذي اوقع 32 قتيلا ومئة جريح في سوروتش"
    assert quantity_at(doc, "32 قتيلا")["category"] == "killed"
    hundred = quantity_at(doc, "مئة جريح")
    assert (hundred["low"], hundred["category"]) == (100, "wounded")
    doc = run(art["snn_22365"], "ar")  # "وقتل ما لا يقل عن 260 مقاتلا كرديا وأصيب حوالى 400"
    killed = quantity_at(doc, "ما لا يقل عن 260")
    assert (killed["low"], killed["qualifier"], killed["category"]) == (260, "at_least", "killed")
    wounded = quantity_at(doc, "حوالى 400")
    assert (wounded["low"], wounded["qualifier"], wounded["category"]) == (400, "about", "wounded")
    doc = run(art["snn_04764"], "ar")  # "قتل 18 شخصا وأصيب العشرات بجروح أمس"
    assert quantity_at(doc, "18 شخصا")["category"] == "killed"
    assert (quantity_at(doc, "العشرات")["low"], quantity_at(doc, "العشرات")["category"]) == (12, "wounded")
    doc = run(art["snn_19179"], "ar")  # "عشرة مدنيين عراقيين قتلوا"
    assert (quantity_at(doc, "عشرة مدنيين")["low"], quantity_at(doc, "عشرة مدنيين")["category"]) == (10, "killed")
    doc = run(art["snn_12350"], "ar")  # "سقوط خمسة قتلى من عناصر الحزب"
    assert (quantity_at(doc, "خمسة قتلى")["low"], quantity_at(doc, "خمسة قتلى")["category"]) == (5, "killed")
    doc = run(art["snn_11574"], "ar")  # "ستة أشخاص على الأقل اعتقلوا"
    six = quantity_at(doc, "ستة أشخاص")
    assert (six["low"], six["qualifier"], six["category"]) == (6, "at_least", "arrested")
    doc = run(art["snn_15120"], "ar")  # "بأكثر من 80 غارة": raids, not people
    assert quantity_at(doc, "80 غارة")["category"] == "other"


def test_fakes_english_death_toll() -> None:
    path = require_shared("data", "news", "fakes_en_dev.csv")
    with path.open(encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    doc = run(row["article_content"], "en")
    toll = quantity_at(doc, "reached at least 112 people")
    assert (toll["low"], toll["qualifier"], toll["category"]) == (112, "at_least", "killed")
    bodies = quantity_at(doc, "at least 100 bodies")
    assert (bodies["low"], bodies["category"]) == (100, "killed")
    assert quantity_at(doc, "at least 5000 people")["category"] == "other"  # the convoy's passengers


def test_acled_fatalities_floor() -> None:
    """Killed count found in ACLED's notes vs ACLED's fatalities column, over the whole dev file
    (scripts/eval_fatalities_acled.py prints the full report)."""
    path = require_shared("data", "acled", "acled_syria_2018_dev.csv")
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_fatalities_acled",
                                                  Path(REPO_ROOT, "scripts", "eval_fatalities_acled.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.evaluate(path)
    assert result["fatalities_exact"] >= 0.89
    assert result["fatalities_exact_when_gold_positive"] >= 0.6


# --------------------------------------------------------------------------------------------
# Data files
# --------------------------------------------------------------------------------------------


def test_every_language_has_valid_number_data() -> None:
    langs = [lang for lang in languages() if load_yaml(lang, "numbers.yaml") is not None]
    assert {"ar", "fa", "en"} <= set(langs)
    for lang in langs:
        data = number_data(lang)
        assert data is not None and data.words and data.trigger_words
        for category in ("killed", "wounded", "arrested", "displaced"):
            words = [w for w, v in load_yaml(lang, "numbers.yaml")["categories"].items() if w == category and v]
            assert words, (lang, category)


def test_bad_numbers_file_gives_a_clear_error() -> None:
    good = load_yaml("en", "numbers.yaml")
    with pytest.raises(LanguageDataError, match="unknown number word kind 'tens'"):
        parse_numbers_yaml("xx", {**good, "words": {"tens": {"twenty": 20}}})
    with pytest.raises(LanguageDataError, match="value must be an integer"):
        parse_numbers_yaml("xx", {**good, "words": {"unit": {"one": "1"}}})
    with pytest.raises(LanguageDataError, match="categories.slain: use one of"):
        parse_numbers_yaml("xx", {**good, "categories": {"slain": ["slain"]}})
    with pytest.raises(LanguageDataError, match=r"vague\[0\] needs 'words'"):
        parse_numbers_yaml("xx", {**good, "vague": [{"low": 10}]})
    with pytest.raises(LanguageDataError, match="missing section 'qualifiers'"):
        parse_numbers_yaml("xx", {k: v for k, v in good.items() if k != "qualifiers"})


def test_gold_fatalities_and_dates_floor() -> None:
    """Against the event gold (eval/gold): the killed count in each event's evidence and the nearest date
    mention (scripts/eval_dates_quantities_gold.py prints the table)."""
    shared = require_shared()
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_dates_quantities_gold",
                                                  Path(REPO_ROOT, "scripts", "eval_dates_quantities_gold.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    gold = [Path(REPO_ROOT, "eval", "gold", name) for name in ("seeds.jsonl", "dev_fakes_en.jsonl", "dev_fars_fa.jsonl")]
    stats = module.evaluate(shared, gold)
    fatal = sum(s.get("fatalities_exact", 0) for s in stats.values())
    n_fatal = sum(s.get("fatalities_events", 0) for s in stats.values())
    day = sum(s.get("date_day_exact", 0) for s in stats.values())
    n_day = sum(s.get("date_events", 0) for s in stats.values())
    assert n_fatal >= 30 and fatal / n_fatal >= 0.8
    assert n_day >= 30 and day / n_day >= 0.7


def _plain_word_hits(text: str, words: frozenset[str]) -> set[tuple[int, str]]:
    """``word_hits`` by its definition: words of the text (punctuation made spaces) in ``words``, found
    wherever no letter or digit touches them."""
    spaced = "".join(" " if c in _PUNCT_CHARS else c for c in text)
    out = set()
    for w in words.intersection(spaced.split()):
        k = text.find(w)
        while k != -1:
            end = k + len(w)
            if (k == 0 or not text[k - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                out.add((k, w))
            k = text.find(w, end)
    return out


def test_word_hits_on_real_news_whatever_lexicons_came_before() -> None:
    """The text's words are looked up once in the join of the lexicons asked about: a lexicon first asked
    about after a text was indexed (a new language, a made-up list) still gets exactly its own hits."""
    news = require_shared("data", "news")
    with (news / "saudinewsnet_ar.jsonl").open(encoding="utf-8") as fh:
        texts = [("ar", json.loads(line)["content"]) for line, _ in zip(fh, range(40), strict=False)]
    with (news / "fars_fa_dev.jsonl").open(encoding="utf-8") as fh:
        texts += [("fa", "\n".join(json.loads(line).get("paragraphs") or [])) for line, _ in zip(fh, range(40), strict=False)]
    lexicons = [lex for lang in ("ar", "fa", "en") for lex in (
        date_data(lang).anchor_set, number_data(lang).trigger_words, number_data(lang).singular_people)]
    found = 0
    for k, (lang, raw) in enumerate(texts):
        text = normalize(raw).text
        text_index(text)  # indexed before the made-up lexicon below is first asked about
        made_up = frozenset(text.split()[k % 7::11])  # words of this very text: new to the join
        for words in [*lexicons, made_up, date_data(lang).anchor_set]:
            hits = word_hits(text, words)
            assert len(hits) == len(set(hits)) and set(hits) == _plain_word_hits(text, words)
            found += len(hits)
    assert found > 1000
