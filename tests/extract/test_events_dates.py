"""Which date an event gets: one its own sentence states, never a neighbour's or the publication day."""

from __future__ import annotations

from datetime import date, datetime

from rasad.model import Event
from tests.extract.event_runs import events_of


def _one(events: list[Event], sub_event_type: str) -> Event:
    found = [e for e in events if e.sub_event_type == sub_event_type]
    assert len(found) == 1, [(e.sub_event_type, e.trigger.text) for e in events]
    return found[0]


def test_deictic_day_wins_over_the_weekday_that_restates_it() -> None:
    text = ("قالت وزارة الصحة إن 43 شخصا قتلوا وأصيب 173 اليوم الأحد عندما قصفت جماعة الحوثي "
            "بالصواريخ حيا سكنيا في مدينة عدن.")
    event = _one(events_of(text, "ar"), "Shelling/artillery/missile attack")
    assert event.date is not None and event.date.expression == "0d"
    assert text[event.date.start_offset:event.date.end_offset] == "اليوم"
    dated = _one(events_of(text, "ar", datetime(2015, 7, 19)), "Shelling/artillery/missile attack")
    assert dated.date is not None and dated.date.start == date(2015, 7, 19)


def test_yesterday_with_weekday_in_parentheses() -> None:
    text = "سيطرت وحدات حماية الشعب الكردية أمس (الثلاثاء) على بلدة صرين في شمال سوريا بعد معارك مع تنظيم داعش."
    events = events_of(text, "ar")
    assert events and all(e.date is not None and e.date.expression == "-1d" for e in events)


def test_a_weekday_on_its_own_is_kept() -> None:
    text = "قصفت قوات النظام يوم الأحد بلدة كفرنبل في ريف إدلب بالمدفعية الثقيلة."
    event = _one(events_of(text, "ar"), "Shelling/artillery/missile attack")
    assert event.date is not None and event.date.expression == "weekday:sun"


def test_no_date_from_the_previous_sentence() -> None:
    text = ("وقال ناشطون إن العملية العسكرية على حمص بدأت قبل 4 أيام. "
            "وتتساقط البراميل المتفجرة على حي الخالدية وتهز الانفجارات الحي بالكامل.")
    events = events_of(text, "ar")
    barrels = [e for e in events if e.sentence.start > text.index("وتتساقط") - 1]
    assert barrels, [(e.sub_event_type, e.trigger.text) for e in events]
    assert all(e.date is None for e in barrels)


def test_undated_event_is_not_given_the_publication_day() -> None:
    text = "Government forces shelled the town of Kafranbel in Idlib province, killing five civilians."
    events = events_of(text, "en", datetime(2016, 3, 5))
    assert events and all(e.date is None for e in events)
    text_dated = "Government forces shelled the town of Kafranbel in Idlib province on Friday, killing five civilians."
    dated = events_of(text_dated, "en", datetime(2016, 3, 5))
    assert dated and dated[0].date is not None and dated[0].date.start == date(2016, 3, 4)
    assert dated[0].attrs.get("date_source") == "clause"


def test_overnight_dates_the_day_the_night_ended() -> None:
    # "overnight": the night that ended on the day of writing, dated that day
    text = "Government troops stormed the village of Tal Rifaat overnight, killing nine people, activists said."
    event = _one(events_of(text, "en", datetime(2016, 3, 5)), "Armed clash")
    assert event.date is not None and event.date.start == date(2016, 3, 5)
    assert text[event.date.start_offset:event.date.end_offset] == "overnight"
    # a weekday after it names the night itself
    named = "Government troops stormed the village of Tal Rifaat overnight on Thursday, killing nine people."
    event = _one(events_of(named, "en", datetime(2016, 3, 5)), "Armed clash")
    assert event.date is not None and event.date.start == date(2016, 3, 3)


def test_after_midnight_of_a_weekday_is_the_next_day() -> None:
    # "بعد منتصف ليل الأحد": past the midnight that ends Sunday, so early Monday
    text = "استهدف هجوم بسيارة مفخخة مركزا للشرطة في مدينة الموصل بعد منتصف ليل الأحد، مما أسفر عن إصابة عشرة أشخاص."
    events = events_of(text, "ar", datetime(2015, 8, 11))
    assert events and all(e.date is not None and e.date.start == date(2015, 8, 10) for e in events)
    # the weekday alone stays Sunday
    plain = "استهدف هجوم بسيارة مفخخة مركزا للشرطة في مدينة الموصل يوم الأحد، مما أسفر عن إصابة عشرة أشخاص."
    events = events_of(plain, "ar", datetime(2015, 8, 11))
    assert events and all(e.date is not None and e.date.start == date(2015, 8, 9) for e in events)
