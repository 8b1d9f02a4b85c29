"""Dates of events on unseen text: a month or day named without a year dates a happening told as fact by
its last occurrence, not by the coming one the plain date reading prefers when it is near."""

from __future__ import annotations

from datetime import date, datetime

from rasad.extract.dates import find_dates, past_occurrence
from rasad.model import DateRef, Event
from rasad.text.normalize import normalize
from tests.extract.event_runs import events_of


def _dated(events: list[Event], sub_event_type: str) -> Event:
    found = [e for e in events if e.sub_event_type == sub_event_type]
    assert len(found) == 1, [(e.sub_event_type, e.polarity, e.trigger.text) for e in events]
    assert found[0].date is not None
    return found[0]


def test_a_later_month_told_as_fact_is_last_years() -> None:
    text = "وكانت غارة جوية أمريكية قد استهدفت القيادي في سبتمبر في ريف إدلب ما أدى إلى مقتل 3 أشخاص."
    event = _dated(events_of(text, "ar", datetime(2015, 7, 23)), "Air/drone strike")
    assert (event.date.start, event.date.end, event.date.precision) == (date(2014, 9, 1), date(2014, 9, 30), "month")
    english = "A US air strike killed three militants near Idlib on August 12."
    event = _dated(events_of(english, "en", datetime(2015, 7, 23)), "Air/drone strike")
    assert event.date.start == event.date.end == date(2014, 8, 12)


def test_a_planned_happening_keeps_the_coming_month() -> None:
    text = "ويعتزم الجيش شن هجوم على مدينة حلب في سبتمبر."
    events = events_of(text, "ar", datetime(2015, 7, 23))
    planned = [e for e in events if e.polarity in ("planned", "hypothetical")]
    assert planned and all(e.date is not None and e.date.start == date(2015, 9, 1) for e in planned)


def test_past_occurrence_only_for_yearless_dates_after_the_reference() -> None:
    coming = DateRef(date(2015, 9, 1), date(2015, 9, 30), "month", relative=True, expression="month:9")
    assert past_occurrence(coming, date(2015, 7, 23)) == (date(2014, 9, 1), date(2014, 9, 30))
    days = DateRef(date(2015, 8, 4), date(2015, 8, 6), "week", relative=True, expression="--08-04/--08-06")
    assert past_occurrence(days, date(2015, 7, 23)) == (date(2014, 8, 4), date(2014, 8, 6))
    earlier = DateRef(date(2015, 6, 1), date(2015, 6, 30), "month", relative=True, expression="month:6")
    assert past_occurrence(earlier, date(2015, 7, 23)) is None
    written = DateRef(date(2015, 9, 1), date(2015, 9, 30), "month")  # "سبتمبر 2015": the year is the text's
    assert past_occurrence(written, date(2015, 7, 23)) is None
    next_week = DateRef(date(2015, 7, 25), date(2015, 7, 31), "week", relative=True, expression="week:+1")
    assert past_occurrence(next_week, date(2015, 7, 23)) is None


def test_numeric_date_read_the_other_way_round_when_that_is_the_reports_day() -> None:
    def day(text: str, lang: str, pub: date) -> date | None:
        found = find_dates(normalize(text).text, lang, pub)
        assert len(found) == 1, found
        return found[0].ref.start

    # English is month-first, but a European source's day-first dateline on the day it was published
    assert day("01.02.2015 A bus blast in Damascus killed six people.", "en", date(2015, 2, 2)) == date(2015, 2, 1)
    assert day("The blast on 03/04/2015 killed six people.", "en", date(2015, 6, 2)) == date(2015, 3, 4)
    # Arabic is day-first: a date away from the publication keeps that order
    assert day("قتل ستة أشخاص في 06/08/2015 في انفجار", "ar", date(2015, 7, 24)) == date(2015, 8, 6)
    assert day("قتل ستة أشخاص في 07/06/2015 في انفجار", "ar", date(2015, 7, 24)) == date(2015, 6, 7)


def test_recent_days_date_an_event_to_the_week_before() -> None:
    text = "Government forces retook three villages near Aleppo in recent days, a monitor said."
    events = events_of(text, "en", datetime(2016, 3, 5))
    assert events and all(e.date is not None for e in events)
    assert {(e.date.start, e.date.end, e.date.precision) for e in events if e.date} == {
        (date(2016, 2, 27), date(2016, 3, 4), "week")}
    for text, lang in (("ارتش در روزهای اخیر سه روستا را در نزدیکی حلب تصرف کرد.", "fa"),
                       ("The army shelled the town over the past few days.", "en")):
        found = find_dates(normalize(text).text, lang, date(2016, 3, 5))
        assert [(f.ref.precision, f.ref.expression) for f in found] == [("week", "-fewd")]
    weeks = find_dates(normalize("Strikes on the city intensified in recent weeks.").text, "en", date(2016, 3, 5))
    assert [(f.ref.precision, f.ref.expression) for f in weeks] == [("month", "-feww")]


def test_a_day_outside_the_week_an_event_is_told_in_does_not_replace_it() -> None:
    text = ("US-led coalition air strikes last week near Manbij killed 56 civilians, a monitor said. "
            "Coalition air strikes on Manbij on July 27 killed 15 civilians.")
    events = events_of(text, "en", datetime(2016, 7, 29))
    first = [e for e in events if e.trigger.start < text.index(".")]
    assert first and first[0].date is not None, [(e.trigger.text, e.date) for e in events]
    assert (first[0].date.start, first[0].date.end, first[0].date.precision) == (
        date(2016, 7, 18), date(2016, 7, 24), "week")


def test_a_named_part_of_a_month_narrows_it() -> None:
    def span(text: str, lang: str, pub: date) -> tuple[date | None, date | None, str]:
        found = find_dates(normalize(text).text, lang, pub)
        assert len(found) == 1, found
        return found[0].ref.start, found[0].ref.end, found[0].ref.precision

    assert span("خطف مهندس نهاية يوليو في إحدى ضواحي القاهرة", "ar", date(2015, 8, 8)) == (
        date(2015, 7, 21), date(2015, 7, 31), "month")
    assert span("اشتدت المعارك منتصف الشهر الماضي", "ar", date(2015, 8, 8)) == (
        date(2015, 7, 11), date(2015, 7, 20), "month")
    assert span("The offensive began early this month.", "en", date(2016, 6, 29)) == (
        date(2016, 6, 1), date(2016, 6, 10), "month")
    assert span("درگیری‌ها در اواخر خرداد آغاز شد", "fa", date(2015, 7, 24)) == (
        date(2015, 6, 11), date(2015, 6, 21), "month")
    assert span("The town fell in July.", "en", date(2016, 7, 29)) == (date(2016, 7, 1), date(2016, 7, 31), "month")


def test_a_late_month_after_publication_told_as_fact_is_late_last_years() -> None:
    text = "وكانت غارة جوية أمريكية قد استهدفت القيادي في أواخر سبتمبر في ريف إدلب ما أدى إلى مقتل 3 أشخاص."
    events = events_of(text, "ar", datetime(2015, 8, 8))
    assert events and all(e.date is not None for e in events)
    assert {(e.date.start, e.date.end) for e in events if e.date} == {(date(2014, 9, 21), date(2014, 9, 30))}


def test_yesterday_with_the_preposition_bi() -> None:
    text = "وبالأمس دارت معارك عنيفة في جبهة الضباب غرب مدينة تعز قتل فيها 16 مسلحا."
    events = events_of(text, "ar", datetime(2015, 8, 6))
    assert events and all(e.date is not None and e.date.start == date(2015, 8, 5) for e in events), \
        [(e.sub_event_type, e.trigger.text, e.date) for e in events]


def test_a_day_and_month_with_the_month_cue_between() -> None:
    def day(text: str, pub: date) -> tuple[date | None, str]:
        found = find_dates(normalize(text).text, "ar", pub)
        assert len(found) == 1, found
        return found[0].ref.start, found[0].ref.precision

    assert day("وقع الهجوم في 16 من شهر رمضان", date(2015, 8, 11)) == (date(2015, 7, 3), "day")
    assert day("وقع الهجوم في 5 من شهر يوليو", date(2015, 8, 11)) == (date(2015, 7, 5), "day")
    # "16 شهرا"/"16 شهر" is a count of months: the cue joins a day only after the glue word
    counted = find_dates(normalize("قتل خلال 16 شهر رمضان").text, "ar", date(2015, 8, 11))
    assert all(f.ref.precision != "day" for f in counted), counted
    # a Hijri day told as fact that would fall after publication is last year's (10 Muharram 1436)
    text = "وكان مسلحون قد أطلقوا النار على مصلين في قرية الدالوة في العاشر من شهر محرم فقتلوا 7 أشخاص."
    events = events_of(text, "ar", datetime(2015, 8, 11))
    assert events and {e.date.start for e in events if e.date} == {date(2014, 11, 3)}, \
        [(e.sub_event_type, e.trigger.text, e.date) for e in events]


def test_last_after_a_month_that_ends_the_sentence() -> None:
    found = find_dates(normalize("وسيطروا على صنعاء في سبتمبر الماضي. وتوجهوا إلى عدن").text, "ar", date(2015, 8, 10))
    assert [(f.ref.start, f.ref.end) for f in found] == [(date(2014, 9, 1), date(2014, 9, 30))]
    coming = find_dates(normalize("ستعقد القمة في يونيو المقبل، كما قال").text, "ar", date(2015, 8, 10))
    assert [f.ref.start for f in coming] == [date(2016, 6, 1)]
