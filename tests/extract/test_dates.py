"""Dates: absolute (three calendars) and relative to publication, on real text from ../shared."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime

import pytest

from rasad.extract.dates import date_attrs, date_data, dates_stage, find_dates, parse_dates_yaml
from rasad.lang import LanguageDataError, languages, load_yaml
from rasad.model import DateRef, Document
from rasad.pipeline import stage_names
from rasad.text.normalize import normalize
from rasad.text.sentences import sentences_stage
from tests.conftest import require_shared
from tests.extract.event_runs import events_of

# Wednesday 31 July 2013: two days after the government announced the capture of Khalidiya.
PUB = datetime(2013, 7, 31, 9, 0)


def run_dates(text: str, lang: str, published: datetime | None = PUB) -> Document:
    doc = Document.create(text, lang=lang, published=published)
    sentences_stage(doc)
    dates_stage(doc)
    return doc


def date_at(doc: Document, phrase: str) -> dict:
    """The attrs of the date mention covering ``phrase`` (which must occur in the raw text)."""
    k = doc.text.find(phrase)
    assert k != -1, phrase
    hits = [m for m in doc.mentions if m.kind == "date" and m.start < k + len(phrase) and k < m.end]
    assert hits, f"no date found for {phrase!r}; found {[m.text for m in doc.mentions_of('date')]}"
    return hits[0].attrs


def one(text: str, lang: str, published: date | datetime | None = PUB) -> DateRef:
    found = find_dates(normalize(text).text, lang, published)
    assert len(found) == 1, (text, [(d.pattern, d.ref) for d in found])
    return found[0].ref


# --------------------------------------------------------------------------------------------
# The seeds (no publication date in the texts)
# --------------------------------------------------------------------------------------------


def test_seed_relative_dates_stay_relative_without_publication_date(seed_texts: dict[str, str]) -> None:
    doc = run_dates(seed_texts["000"], "ar", published=None)
    a = date_at(doc, "منذ شهر")
    assert (a["relative"], a["anchored"], a["start"], a["expression"], a["precision"]) == (True, False, None, "-1m", "month")
    doc = run_dates(seed_texts["002"], "ar", published=None)
    a = date_at(doc, "قبل 4 أيام")
    assert (a["anchored"], a["start"], a["expression"], a["precision"]) == (False, None, "-4d", "day")
    doc = run_dates(seed_texts["001"], "fa", published=None)
    a = date_at(doc, "2 روز پیش")
    assert (a["anchored"], a["start"], a["expression"]) == (False, None, "-2d")
    assert date_at(doc, "روز جمعه")["expression"] == "weekday:fri"
    assert date_at(doc, "روز شنبه")["expression"] == "weekday:sat"
    assert all(m.attrs["start"] is None for m in doc.mentions_of("date") if m.attrs["relative"])


def test_seed_dates_resolved_against_a_publication_date(seed_texts: dict[str, str]) -> None:
    doc = run_dates(seed_texts["001"], "fa")
    capture = date_at(doc, "2 روز پیش")
    assert capture["start"] == capture["end"] == "2013-07-29"  # the announced capture of Khalidiya
    assert date_at(doc, "روز جمعه")["start"] == "2013-07-26"  # the Friday before publication
    assert date_at(doc, "روز شنبه")["start"] == "2013-07-27"
    week = date_at(doc, "یک هفته گذشته")
    assert (week["precision"], week["start"], week["end"]) == ("week", "2013-07-24", "2013-07-30")
    june = date_at(doc, "ژوئن")  # "ازماه ژوئن گذشته": since June
    assert (june["precision"], june["start"], june["end"]) == ("month", "2013-06-01", "2013-06-30")
    doc = run_dates(seed_texts["002"], "ar")
    assert date_at(doc, "قبل 4 أيام")["start"] == "2013-07-27"
    doc = run_dates(seed_texts["000"], "ar")
    month = date_at(doc, "منذ شهر")
    assert (month["start"], month["end"], month["precision"]) == ("2013-06-01", "2013-06-30", "month")


def test_seed_000_has_no_spurious_dates(seed_texts: dict[str, str]) -> None:
    """"بعد شهر من القصف" (after a month of shelling) and "خلال ساعات قليلة" are not dates."""
    doc = run_dates(seed_texts["000"], "ar")
    assert [m.text for m in doc.mentions_of("date")] == ["منذ شهر"]


def test_offsets_point_into_the_raw_text_with_diacritics_and_tatweel() -> None:
    raw = "وقعت الاشتباكات يَوْمَ الجُمُعَـــة الماضي في حمص، وقُتِل ثلاثة قَبْلَ أَرْبَعَةِ أيّام."
    doc = run_dates(raw, "ar")
    texts = [m.text for m in doc.mentions_of("date")]
    assert texts == ["يَوْمَ الجُمُعَـــة الماضي", "قَبْلَ أَرْبَعَةِ أيّام"]
    for m in doc.mentions_of("date"):
        assert doc.text[m.start:m.end] == m.text == m.attrs["text"]
        assert (m.attrs["start_offset"], m.attrs["end_offset"]) == (m.start, m.end)
        assert m.sentence == 0 and m.source == "dates"
    assert [m.attrs["start"] for m in doc.mentions_of("date")] == ["2013-07-26", "2013-07-27"]


# --------------------------------------------------------------------------------------------
# Phrases from the issue, each language
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang", "start", "end", "precision", "calendar"), [
    ("١٢ تموز ٢٠١٣", "ar", "2013-07-12", "2013-07-12", "day", "gregorian"),
    ("12 يوليو 2013", "ar", "2013-07-12", "2013-07-12", "day", "gregorian"),
    ("في 29 آب 2013", "ar", "2013-08-29", "2013-08-29", "day", "gregorian"),
    ("في 3 حزيران", "ar", "2013-06-03", "2013-06-03", "day", "gregorian"),
    ("تموز/يوليو 2013", "ar", "2013-07-01", "2013-07-31", "month", "gregorian"),
    ("15 رمضان 1434 هـ", "ar", "2013-07-23", "2013-07-23", "day", "hijri"),  # Umm al-Qura: 1 Ramadan = 9 July
    ("۷ مرداد ۱۳۹۲", "fa", "2013-07-29", "2013-07-29", "day", "jalali"),
    ("مرداد ماه 1392", "fa", "2013-07-23", "2013-08-22", "month", "jalali"),
    ("در 7 مرداد‌ماه زلزله آمد", "fa", "2013-07-29", "2013-07-29", "day", "jalali"),
    ("1392/05/07", "fa", "2013-07-29", "2013-07-29", "day", "jalali"),
    ("29 July 2013", "en", "2013-07-29", "2013-07-29", "day", "gregorian"),
    ("July 29, 2013", "en", "2013-07-29", "2013-07-29", "day", "gregorian"),
    ("on the 3rd of January", "en", "2013-01-03", "2013-01-03", "day", "gregorian"),
    ("in 2012", "en", "2012-01-01", "2012-12-31", "year", "gregorian"),
    ("منذ 24 يوليو تموز 2015", "ar", "2015-07-24", "2015-07-24", "day", "gregorian"),  # both month names
    ("20-21 July 2015", "en", "2015-07-20", "2015-07-21", "week", "gregorian"),
])
def test_absolute_dates(text: str, lang: str, start: str, end: str, precision: str, calendar: str) -> None:
    ref = one(text, lang)
    assert (str(ref.start), str(ref.end), ref.precision, ref.calendar) == (start, end, precision, calendar)


@pytest.mark.parametrize(("text", "lang", "start", "end", "precision", "expression"), [
    ("منذ شهر", "ar", "2013-06-01", "2013-06-30", "month", "-1m"),
    ("قبل 4 أيام", "ar", "2013-07-27", "2013-07-27", "day", "-4d"),
    ("قبل أربعة أيام", "ar", "2013-07-27", "2013-07-27", "day", "-4d"),
    ("منذ يومين", "ar", "2013-07-29", "2013-07-29", "day", "-2d"),
    ("يوم الجمعة", "ar", "2013-07-26", "2013-07-26", "day", "weekday:fri"),
    ("الجمعة الماضي", "ar", "2013-07-26", "2013-07-26", "day", "weekday:fri:last"),
    ("الأربعاء الماضي", "ar", "2013-07-24", "2013-07-24", "day", "weekday:wed:last"),
    ("أمس", "ar", "2013-07-30", "2013-07-30", "day", "-1d"),
    ("اليوم", "ar", "2013-07-31", "2013-07-31", "day", "0d"),
    ("منذ ساعات", "ar", "2013-07-31", "2013-07-31", "day", "-fewh"),
    ("الأسبوع الماضي", "ar", "2013-07-20", "2013-07-26", "week", "week:-1"),
    ("2 روز پیش", "fa", "2013-07-29", "2013-07-29", "day", "-2d"),
    ("دو روز پیش", "fa", "2013-07-29", "2013-07-29", "day", "-2d"),
    ("یک ماه پیش", "fa", "2013-06-01", "2013-06-30", "month", "-1m"),
    ("روز جمعه", "fa", "2013-07-26", "2013-07-26", "day", "weekday:fri"),
    ("هفته گذشته", "fa", "2013-07-24", "2013-07-30", "week", "-1w"),
    ("دیروز", "fa", "2013-07-30", "2013-07-30", "day", "-1d"),
    ("امروز", "fa", "2013-07-31", "2013-07-31", "day", "0d"),
    ("سه‌شنبه گذشته", "fa", "2013-07-30", "2013-07-30", "day", "weekday:tue:last"),
    ("on Tuesday", "en", "2013-07-30", "2013-07-30", "day", "weekday:tue"),
    ("yesterday", "en", "2013-07-30", "2013-07-30", "day", "-1d"),
    ("last week", "en", "2013-07-22", "2013-07-28", "week", "week:-1"),
    ("two days ago", "en", "2013-07-29", "2013-07-29", "day", "-2d"),
    ("a month ago", "en", "2013-06-01", "2013-06-30", "month", "-1m"),
    ("on Wednesday", "en", "2013-07-31", "2013-07-31", "day", "weekday:wed"),
    ("last Wednesday", "en", "2013-07-24", "2013-07-24", "day", "weekday:wed:last"),
])
def test_relative_dates(text: str, lang: str, start: str, end: str, precision: str, expression: str) -> None:
    ref = one(text, lang)
    assert (str(ref.start), str(ref.end), ref.precision, ref.expression) == (start, end, precision, expression)
    assert ref.relative and ref.anchored
    unanchored = one(text, lang, published=None)
    assert (unanchored.start, unanchored.end, unanchored.anchored, unanchored.relative) == (None, None, False, True)
    assert (unanchored.expression, unanchored.precision) == (expression, precision)


def test_day_month_without_year_takes_the_closest_year_preferring_the_past() -> None:
    assert str(one("On 3 January", "en", date(2018, 1, 9)).start) == "2018-01-03"
    assert str(one("On 30 December", "en", date(2018, 1, 9)).start) == "2017-12-30"
    assert str(one("on 20 January", "en", date(2015, 7, 22)).start) == "2015-01-20"
    # a visit announced for next month, and "الماضي" (last) forcing the past
    visit = one("ثم يزور ماليزيا من 4 إلى 6 أغسطس", "ar", date(2015, 7, 22))
    assert (str(visit.start), str(visit.end), visit.precision) == ("2015-08-04", "2015-08-06", "week")
    assert str(one("سبتمبر (أيلول) الماضي", "ar", date(2015, 7, 22)).start) == "2014-09-01"
    assert str(one("في سبتمبر المقبل", "ar", date(2015, 7, 22)).start) == "2015-09-01"
    ref = one("On 3 January", "en", None)
    assert (ref.start, ref.anchored, ref.expression) == (None, False, "--01-03")


@pytest.mark.parametrize(("text", "lang"), [
    ("شرب آب بارد", "fa"),  # آب = water in Persian (and no Gregorian آب in the Persian file)
    ("قال أب الشهيد", "ar"),  # أب = father, folds to the same letters as آب (August)
    ("it may rain in the north", "en"),  # May the modal verb
    ("they will march on the city", "en"),
    ("الأحياء السبتية", "ar"),  # weekday name inside another word
    ("بعد صلاة الجمعة", "ar"),  # the Friday prayer is not a date
    ("امام جمعه تهران", "fa"),  # the Friday prayer leader
    ("قتل 2013 شخصا", "ar"),  # a four-digit count without a year cue
    ("بعد شهر من القصف", "ar"),  # after a month of shelling: a duration, not a date
    ("مهر وزارت", "fa"),  # مهر = seal
    ("برگزاری چهارشنبه سوری", "fa"),  # the fire festival
    ("رهبری چند سال گذشته ملت", "fa"),  # "the past few years" is not "last year"
    ("تا صد سال دیگر", "fa"),  # in a hundred years
])
def test_false_positives_avoided(text: str, lang: str) -> None:
    assert find_dates(normalize(text).text, lang, PUB) == []


# --------------------------------------------------------------------------------------------
# Real articles
# --------------------------------------------------------------------------------------------


def _saudinewsnet(*ids: str) -> dict[str, dict]:
    path = require_shared("data", "news", "saudinewsnet_ar.jsonl")
    wanted = set(ids)
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not any(i in line[:40] for i in wanted):
                continue
            d = json.loads(line)
            if d["id"] in wanted:
                out[d["id"]] = d
    assert set(out) == wanted
    return out


def test_saudinewsnet_hijri_and_gregorian_dates_of_the_same_day() -> None:
    art = _saudinewsnet("snn_29257", "snn_03286")
    doc = run_dates(art["snn_29257"]["content"], "ar", datetime.fromisoformat(art["snn_29257"]["date"]))
    hijri = date_at(doc, "25 شوال 1436")
    gregorian = date_at(doc, "10 أغسطس 2015")
    assert hijri["calendar"] == "hijri" and gregorian["calendar"] == "gregorian"
    assert hijri["start"] == gregorian["start"] == "2015-08-10"
    doc = run_dates(art["snn_03286"]["content"], "ar", datetime.fromisoformat(art["snn_03286"]["date"]))
    assert date_at(doc, "28 شعبان 1430هـ")["start"] == date_at(doc, "19 أغسطس 2009")["start"] == "2009-08-19"


def test_saudinewsnet_last_weekday_before_publication() -> None:
    art = _saudinewsnet("snn_15100", "snn_00053")
    doc = run_dates(art["snn_15100"]["content"], "ar", datetime.fromisoformat(art["snn_15100"]["date"]))
    assert date_at(doc, "الخميس الماضي")["start"] == "2015-07-30"  # published Saturday 1 August 2015
    doc = run_dates(art["snn_00053"]["content"], "ar", datetime.fromisoformat(art["snn_00053"]["date"]))
    assert date_at(doc, "الجمعة الماضية")["start"] == "2015-07-17"  # published Tuesday 21 July 2015


def test_fars_jalali_date_with_two_digit_year() -> None:
    path = require_shared("data", "news", "fars_fa_dev.jsonl")
    article = json.loads(path.open(encoding="utf-8").readline())
    doc = run_dates("\n".join(article["paragraphs"]), "fa", published=None)
    quake = date_at(doc, "20 اردیبهشت")  # the Zohan earthquake of 10 May 1997
    assert (quake["start"], quake["calendar"], quake["precision"]) == ("1997-05-10", "jalali", "day")


def test_fakes_english_weekday_resolves_to_the_article_date() -> None:
    path = require_shared("data", "news", "fakes_en_dev.csv")
    with path.open(encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    published = datetime.strptime(row["date"], "%m/%d/%Y")  # 4/16/2017, a Sunday
    doc = run_dates(row["article_content"], "en", published)
    assert date_at(doc, "16 Apr 2017")["start"] == "2017-04-16"
    assert date_at(doc, "on Sunday")["start"] == "2017-04-16"


def test_acled_notes_day_month_dates_resolve_to_the_right_year() -> None:
    """ACLED notes name days without a year ("since January 20th", "On 3 January"): anchored on the
    event date they must land on or shortly before it -- never a year off, never in the future."""
    path = require_shared("data", "acled", "acled_syria_2018_dev.csv")
    found = 0
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            event_date = datetime.strptime(row["event_date"], "%d-%b-%y").date()
            for d in find_dates(normalize(row["notes"]).text, "en", event_date):
                if d.pattern in ("dmy", "mdy"):
                    found += 1
                    assert d.ref.start is not None
                    assert 0 <= (event_date - d.ref.start).days <= 60, (row["notes"], d.ref)
    assert found >= 10


def test_weekday_before_a_full_date_is_that_date() -> None:
    found = find_dates(normalize("AFP Saturday 20 Sep 2014 At least 18 jihadists").text, "en", date(2014, 10, 7))
    assert [(d.pattern, str(d.ref.start)) for d in found] == [("dmy", "2014-09-20")]


def test_dates_that_are_names_are_not_dates() -> None:
    assert find_dates(normalize("the 18th March Division rebel forces").text, "en", PUB) == []
    assert find_dates(normalize("قالت قوى 14 آذار").text, "ar", PUB) == []
    assert str(one("قتل في 14 آذار", "ar").start) == "2013-03-14"


# --------------------------------------------------------------------------------------------
# Stage, data files, serialisation
# --------------------------------------------------------------------------------------------


def test_every_language_has_valid_date_data() -> None:
    langs = [lang for lang in languages() if load_yaml(lang, "dates.yaml") is not None]
    assert {"ar", "fa", "en"} <= set(langs)
    for lang in langs:
        data = date_data(lang)
        assert data is not None and data.months and data.weekdays and data.units and data.anchors
        assert len({wd for wd in data.weekdays.values()}) == 7, lang


def test_each_branch_reads_its_own_groups_of_the_combined_pattern() -> None:
    """Only the combined pattern is compiled; each branch's groups are those numbered inside it."""
    for lang in ("ar", "fa", "en"):
        data = date_data(lang)
        assert data is not None
        index = data.combined.groupindex
        assert set(data.branch_groups) == {k[2:] for k in index if k.startswith("P_")}
        for name, (owns, numbers) in data.branch_groups.items():
            assert owns and [index[f"{name}_{own}"] for own in owns] == list(numbers), (lang, name)
            assert list(numbers) == sorted(numbers) and min(numbers) > index[f"P_{name}"]
        assert sorted(f"{name}_{own}" for name, (owns, _) in data.branch_groups.items() for own in owns) == sorted(
            k for k in index if not k.startswith("P_"))


def test_bad_date_file_gives_a_clear_error() -> None:
    good = load_yaml("en", "dates.yaml")
    with pytest.raises(LanguageDataError, match="months.english: unknown calendar"):
        parse_dates_yaml("xx", {**good, "months": {"english": {"july": 7}}})
    with pytest.raises(LanguageDataError, match="month number must be 1..12"):
        parse_dates_yaml("xx", {**good, "months": {"gregorian": {"july": 13}}})
    with pytest.raises(LanguageDataError, match="missing section 'weekdays'"):
        parse_dates_yaml("xx", {k: v for k, v in good.items() if k != "weekdays"})
    with pytest.raises(LanguageDataError, match="ambiguous_months not in months"):
        parse_dates_yaml("xx", {**good, "ambiguous_months": ["julember"]})


def test_mention_attrs_are_the_dateref_serialisation() -> None:
    doc = run_dates("قبل 4 أيام، أي في 27 تموز 2013", "ar")
    for m in doc.mentions_of("date"):
        ref = DateRef.from_dict(m.attrs)
        assert date_attrs(ref) == ref.to_dict() == m.attrs
    assert [m.attrs["start"] for m in doc.mentions_of("date")] == ["2013-07-27", "2013-07-27"]


def test_stage_is_registered_in_order_and_replaces_its_own_mentions() -> None:
    names = stage_names()
    assert names.index("sentences") < names.index("dates") < names.index("quantities")
    for name in ("places", "actors", "events"):
        if name in names:
            assert (names.index(name) < names.index("dates")) == (name != "events")
    doc = run_dates("yesterday and on Tuesday", "en")
    dates_stage(doc)
    assert len(doc.mentions_of("date")) == 2


def test_each_sentence_is_read_with_its_own_language() -> None:
    from rasad.model import Sentence

    text = "قتل 5 أشخاص أمس.\nIt may rain on Friday.\nروز جمعه حمله شد."
    doc = Document.create(text, lang="ar", published=PUB)
    sentences_stage(doc)
    doc.sentences = [Sentence(s.start, s.end, s.index, lang) for s, lang in zip(doc.sentences, ["ar", "en", "fa"], strict=True)]
    dates_stage(doc)
    assert [(m.text, m.lang, m.attrs["expression"]) for m in doc.mentions_of("date")] == [
        ("أمس", "ar", "-1d"), ("on Friday", "en", "weekday:fri"), ("روز جمعه", "fa", "weekday:fri")]


# --------------------------------------------------------------------------------------------
# Phrases added for the press: parts of the day, possessive weekdays, ordinal days
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang", "phrase", "expression", "start"), [
    ("وسيطر التنظيم على المدينة بعد قتال عنيف مع الجيش الليلة الماضية.", "ar", "الليلة الماضية", "-1d", "2013-07-30"),
    ("وقصفت الطائرات الحربية مدينة دوما مساء أمس بالصواريخ.", "ar", "مساء أمس", "-1d", "2013-07-30"),
    ("شنت طائرات التحالف فجر اليوم غارات على مواقع التنظيم في الرقة.", "ar", "فجر اليوم", "0d", "2013-07-31"),
    ("جنگنده‌ها بامداد امروز مواضع تروریست‌ها را در حومه حلب بمباران کردند.", "fa", "بامداد امروز", "0d", "2013-07-31"),
    ("شب گذشته درگیری‌های شدیدی در جوبر رخ داد.", "fa", "شب گذشته", "-1d", "2013-07-30"),
    ("Rescue workers carted away 100 bodies from the site of Saturdays blast.", "en", "Saturdays", "weekday:sat",
     "2013-07-27"),
    ("Eight killed in yesterdays tragedy in Kafr Zeita.", "en", "yesterdays", "-1d", "2013-07-30"),
])
def test_press_phrases(text: str, lang: str, phrase: str, expression: str, start: str) -> None:
    a = date_at(run_dates(text, lang), phrase)
    assert (a["expression"], a["start"], a["precision"]) == (expression, start, "day")
    assert a["text"].startswith(phrase)


def test_arabic_ordinal_day_of_the_month() -> None:
    ref = one("قتل القيادي في ضربة جوية قرب بلدة سرمدا في الثامن من يوليو الجاري", "ar", date(2015, 7, 22))
    assert (ref.start, ref.precision, ref.expression) == (date(2015, 7, 8), "day", "--07-08")
    ref = one("وفي الحادي والعشرين من آب 2013 قصفت قوات النظام الغوطة الشرقية بالسلاح الكيميائي", "ar")
    assert (ref.start, ref.end, ref.precision) == (date(2013, 8, 21), date(2013, 8, 21), "day")
    unanchored = one("في الثامن من يوليو", "ar", None)
    assert (unanchored.start, unanchored.anchored, unanchored.expression) == (None, False, "--07-08")
    # an ordinal that is not a day of the month
    assert find_dates(normalize("وفي الفصل الثاني من العام الدراسي").text, "ar", PUB) == []


# --------------------------------------------------------------------------------------------
# Datelines: the article's own stamp
# --------------------------------------------------------------------------------------------


def test_dateline_at_the_head_of_a_line_or_after_a_cue() -> None:
    doc = run_dates("Death toll from Aleppo bomb attack at least 112\n\nSun 16 Apr 2017 Death toll from Aleppo bomb "
                    "attack at least 112. The blast hit the convoy on Saturday.", "en", None)
    assert date_at(doc, "16 Apr 2017")["dateline"] is True
    assert "dateline" not in date_at(doc, "on Saturday")
    doc = run_dates("Four medics killed near Aleppo\n\nDate of publication 21 September 2016 Four staff of a "
                    "medical charity were killed when an airstrike hit a clinic.", "en", None)
    assert date_at(doc, "21 September 2016")["dateline"] is True
    doc = run_dates("29-07-2016 ISIL terrorists execute 24 civilians after seizing a village.", "en", None)
    assert date_at(doc, "29-07-2016")["dateline"] is True


def test_a_date_the_text_tells_is_no_dateline() -> None:
    # a paragraph opening with a preposition and its date tells when the event happened
    doc = run_dates("في 21 آب 2013 قصفت قوات النظام الغوطة الشرقية بصواريخ محملة بغاز السارين.", "ar", None)
    assert "dateline" not in date_at(doc, "21 آب 2013")
    doc = run_dates("Rebels shelled the district on 7 October 2016, killing 11 people.", "en", None)
    assert "dateline" not in date_at(doc, "7 October 2016")
    # a relative or month-precision date heading a line is no stamp
    doc = run_dates("July 2013 was the deadliest month of the war.", "en", None)
    assert "dateline" not in date_at(doc, "July 2013")


# --------------------------------------------------------------------------------------------
# Which date an event gets (rasad.extract.events: _rank_dates, _speech_date, merge of tellings)
# --------------------------------------------------------------------------------------------


def _event_dates(events: list) -> list[str | None]:
    return [e.date.expression if e.date else None for e in events]


def test_the_statement_date_is_not_the_event_date() -> None:
    text = "The Syrian Observatory said on Sunday that an air strike killed 12 people in Idlib on Saturday."
    events = events_of(text, "en")
    assert events and _event_dates(events) == ["weekday:sat"] * len(events)
    text = "قال المرصد السوري لحقوق الإنسان اليوم الجمعة إن طائرات حربية قصفت بلدة كفرنبل في ريف إدلب أمس."
    events = events_of(text, "ar")
    assert events and _event_dates(events) == ["-1d"] * len(events)


def test_the_statement_date_dates_an_event_the_text_dates_nowhere_else() -> None:
    text = ("At least eight civil defence workers were killed when an air strike hit their office in the town "
            "of Kafr Zeita in Hama province, the rescue service said on Saturday.")
    events = events_of(text, "en", datetime(2017, 4, 30))
    assert events
    assert all(e.date is not None and e.date.start == date(2017, 4, 29) for e in events)
    assert {e.attrs.get("date_source") for e in events} == {"speech"}


def test_a_date_inside_the_report_is_the_event_date() -> None:
    # after the complementizer the date belongs to what is reported, even right after the verb
    text = "قالت مصادر محلية إن أمس شهد قصفا عنيفا بالبراميل المتفجرة على مدينة داريا."
    events = events_of(text, "ar")
    assert events and all(e.date is not None and e.date.expression == "-1d" for e in events)
    assert all(e.attrs.get("date_source") != "speech" for e in events)


def test_a_dateline_dates_the_event_only_when_nothing_else_does() -> None:
    text = "Sun 16 Apr 2017 A bomb blast killed 112 people in a bus convoy outside Aleppo on Saturday."
    events = events_of(text, "en")
    assert events and _event_dates(events) == ["weekday:sat"] * len(events)
    text = "30 October 2016 Thirty-five people suffocated in a chemical attack on al-Hamadaniyeh in Aleppo."
    events = events_of(text, "en")
    assert events and all(e.date is not None and e.date.start == date(2016, 10, 30) for e in events)
    assert {e.attrs.get("date_source") for e in events} == {"dateline"}


def test_a_date_after_since_starts_a_period() -> None:
    doc = run_dates("تتواصل المعارك منذ يوم الجمعة في أحياء حمص القديمة، وقتل 5 مقاتلين منذ 3 أيام.", "ar")
    assert date_at(doc, "يوم الجمعة")["since"] is True
    a = date_at(doc, "منذ 3 أيام")
    assert "since" not in a and a["expression"] == "-3d"  # منذ before a count of days is "ago"
    doc = run_dates("ارتش سوریه از روز جمعه پیشروی‌های خود را در حمص تسریع کرد.", "fa")
    assert date_at(doc, "روز جمعه")["since"] is True
    doc = run_dates("Government forces have been advancing since Friday.", "en")
    assert date_at(doc, "Friday")["since"] is True


@pytest.mark.parametrize(("text", "lang"), [
    ("ارتش سوریه از روز جمعه پیشروی‌های خود را در حمص تسریع کرد و 2 روز پیش کنترل محله خالدیه را به دست گرفت.", "fa"),
    ("ارتش سوریه از ماه ژوئن عملیات گسترده‌ای را در حمص آغاز کرده و 2 روز پیش کنترل محله خالدیه را به دست گرفت.", "fa"),
    ("Government forces have been advancing since Friday and captured the Khalidiya district of Homs two days ago.",
     "en"),
])
def test_the_day_of_the_happening_beats_the_start_of_the_campaign(text: str, lang: str) -> None:
    events = events_of(text, lang)
    captures = [e for e in events if e.sub_event_type == "Government regains territory"]
    assert captures and all(e.date is not None and e.date.expression == "-2d" for e in captures)


def test_since_dates_an_ongoing_event_nothing_else_dates() -> None:
    text = "تدور اشتباكات عنيفة منذ يوم الجمعة بين قوات النظام ومقاتلي المعارضة في حي الخالدية."
    events = events_of(text, "ar")
    assert events and all(e.date is not None and e.date.expression == "weekday:fri" for e in events)
    assert {e.attrs.get("date_source") for e in events} == {"since"}
