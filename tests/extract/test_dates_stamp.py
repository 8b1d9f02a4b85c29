"""The text's own stamp as the reference of relative dates, dates that are names of streets and squares,
and a death told before a sequence word dating the happening that caused it (rasad.extract.dates.text_stamp,
_names_a_group; events._sequence_start with lang/ar/triggers.yaml death_cues)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from rasad.extract.dates import dates_stage, find_dates
from rasad.model import Document
from rasad.text.normalize import normalize
from rasad.text.sentences import sentences_stage
from tests.extract.event_runs import events_of


def _dates(text: str, lang: str, published: datetime | None) -> dict[str, str | None]:
    doc = Document.create(text, lang=lang, published=published)
    sentences_stage(doc)
    dates_stage(doc)
    return {m.text: m.attrs.get("start") for m in doc.mentions if m.kind == "date"}


def test_relative_dates_count_from_the_texts_own_stamp_not_a_metadata_date_that_disagrees() -> None:
    text = ("Regime jets strike for a second day\n\nAFP Monday 18 Aug 2014 Syrian war planes bombed positions "
            "of the group in Raqa on Monday. On Sunday regime planes killed 31 fighters in the city.")
    found = _dates(text, "en", datetime(2014, 8, 5))  # the row's date, two weeks off
    assert found["On Sunday"] == "2014-08-17"
    assert found["on Monday"] == "2014-08-18"


def test_a_dateline_anchors_relative_dates_of_a_text_without_publication_date() -> None:
    found = _dates("Date of publication 21 September 2016\n\nAn air strike hit a clinic near Aleppo late Tuesday.",
                   "en", None)
    assert found["Tuesday"] == "2016-09-20"


@pytest.mark.parametrize("text", [
    "The army shelled the town on Thursday, the ministry said. Heavy fighting went on.",  # no stamp at all
    "Fighting near Homs\n\nIn a speech on 3 May 2016 the minister said the army shelled the town on Thursday.",
])
def test_without_a_stamp_relative_dates_count_from_the_publication_date(text: str) -> None:
    found = _dates(text, "en", datetime(2016, 6, 9))
    assert found["on Thursday"] == "2016-06-09"


def test_a_numeric_stamp_that_reads_either_way_round_leaves_the_publication_date() -> None:
    found = _dates("09-06-2016 Shelling in Aleppo\n\nFive people were killed on Thursday, SANA said.",
                   "en", datetime(2016, 6, 9))
    assert found["on Thursday"] == "2016-06-09"


@pytest.mark.parametrize(("text", "lang"), [
    ("Mortar shells landed near the bakery and April 7th Street.", "en"),
    ("The rocket hit the 17 March Square in the city.", "en"),
    ("سقطت قذيفة هاون في شارع 29 أيار وسط دمشق.", "ar"),
    ("انفجاری در خیابان 17 شهریور رخ داد.", "fa"),
])
def test_a_day_and_month_naming_a_street_or_square_is_no_date(text: str, lang: str) -> None:
    assert find_dates(normalize(text).text, lang, date(2016, 11, 7)) == []


def test_a_day_and_month_next_to_an_ordinary_word_is_still_a_date() -> None:
    found = find_dates(normalize("Two shells hit the town on April 7th, killing two.").text, "en", date(2016, 11, 7))
    assert [d.ref.start for d in found] == [date(2016, 4, 7)]


@pytest.mark.parametrize("text", [
    "وقال مصدر محلي إن ثلاثة جنود قتلوا أمس إثر انفجار لغم على الطريق في محافظة أبين.",
    "وقتلت امرأة أمس بعد سقوط قذيفة على حي سكني في مدينة تعز.",
])
def test_deaths_dated_before_a_sequence_word_date_the_happening_that_caused_them(text: str) -> None:
    events = events_of(text, "ar", datetime(2015, 8, 9))
    assert events, text
    assert all(e.date is not None and e.date.start == date(2015, 8, 8) for e in events), \
        [(e.sub_event_type, e.date) for e in events]


@pytest.mark.parametrize(("text", "lang", "phrase", "day"), [
    # published on a Thursday, written on the Wednesday: "yesterday (Tuesday)"
    ("قتل جنديان وجرح اثنان آخران أمس الثلاثاء في انفجار لغم. وقال مصدر إن اشتباكات اندلعت اليوم.", "ar",
     "اليوم", "2015-08-05"),
    ("دو سرباز دیروز (سه‌شنبه) در انفجار مین کشته شدند. درگیری‌ها امروز ادامه یافت.", "fa", "امروز", "2015-08-05"),
])
def test_deictic_days_restated_by_weekday_move_the_writers_today(text: str, lang: str, phrase: str, day: str) -> None:
    found = _dates(text, lang, datetime(2015, 8, 6))
    assert found[phrase] == day, found


def test_deictic_days_whose_weekdays_agree_with_the_publication_date_stay() -> None:
    found = _dates("قتل جنديان أمس الأربعاء في انفجار لغم. وقال مصدر إن اشتباكات اندلعت اليوم.", "ar",
                   datetime(2015, 8, 6))
    assert found["أمس"] == "2015-08-05" and found["اليوم"] == "2015-08-06"


def test_ams_al_awwal_is_the_day_before_yesterday() -> None:
    found = find_dates(normalize("سقطت قذائف على الحي أمس الأول.").text, "ar", date(2015, 8, 9))
    assert [d.ref.start for d in found] == [date(2015, 8, 7)]


@pytest.mark.parametrize(("text", "day"), [
    ("Two soldiers were killed on Aug. 3 in Homs.", date(2015, 8, 3)),
    ("The army took the town on Sept. 5, 2014, the ministry said.", date(2014, 9, 5)),
    ("Rebels shelled the base on 3 Aug. 2015 and withdrew.", date(2015, 8, 3)),
])
def test_an_abbreviated_month_may_keep_its_period(text: str, day: date) -> None:
    found = find_dates(normalize(text).text, "en", date(2015, 8, 9))
    assert [d.ref.start for d in found] == [day]


def test_a_weekday_pointing_after_the_publication_date_moves_nothing() -> None:
    # published on a Friday; "today (Monday)" is an old article reposted, not a writer three days ahead
    found = _dates("أطلق جندي النار في ثكنة عسكرية اليوم الاثنين، وقتل خمسة أمس.", "ar", datetime(2015, 7, 24))
    assert found["أمس"] == "2015-07-23"
