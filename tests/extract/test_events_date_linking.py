"""Dates in an event's sentence that are not the event's: the date of a statement that opens its report,
the date of a death-toll update, and the date of what followed a happening ("after ...", "در پی ...").
(rasad.extract.events: _statement_only, _toll_update, _sequel_start; data: dates.yaml sequel_words,
toll_nouns, toll_verbs.)"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from rasad.model import Document, Event
from rasad.pipeline import build_pipeline
from tests.extract.event_runs import events_of


def _of_type(events: list[Event], sub_event_type: str) -> list[Event]:
    found = [e for e in events if e.sub_event_type == sub_event_type]
    assert found, [(e.sub_event_type, e.trigger.text) for e in events]
    return found


@pytest.mark.parametrize(("text", "lang"), [
    ("قال المرصد السوري لحقوق الإنسان اليوم الجمعة إن طائرات حربية قصفت بلدة كفرنبل في ريف إدلب.", "ar"),
    ("سخنگوی ارتش سوریه روز شنبه اعلام کرد، جنگنده‌ها مواضع تروریست‌ها را در حومه ادلب بمباران کردند.", "fa"),
    ("The Syrian Observatory said on Sunday that an air strike killed 12 civilians in the town of Maarat al-Numan.",
     "en"),
])
def test_a_statement_that_opens_its_report_does_not_date_what_it_reports(text: str, lang: str) -> None:
    events = events_of(text, lang, datetime(2016, 3, 6))
    assert _of_type(events, "Air/drone strike")
    assert all(e.date is None for e in events), [(e.trigger.text, e.date) for e in events]


def test_the_report_first_and_the_statement_after_keeps_the_statement_day() -> None:
    # the news told first, its source after: the press reports such news the same day
    text = "An air strike killed 12 civilians in the town of Maarat al-Numan, the Syrian Observatory said on Sunday."
    events = _of_type(events_of(text, "en", datetime(2016, 3, 6)), "Air/drone strike")
    assert all(e.date is not None and e.date.start == date(2016, 3, 6) for e in events)
    assert {e.attrs.get("date_source") for e in events} == {"speech"}


@pytest.mark.parametrize(("text", "lang"), [
    ("The death toll from the car bomb attack in the town of Azaz rose to 50, the Syrian Observatory for "
     "Human Rights said on Monday.", "en"),
    ("ارتفعت حصيلة قتلى التفجير بسيارة مفخخة في مدينة أعزاز إلى 50 قتيلا، بحسب ما قال المرصد السوري اليوم الاثنين.",
     "ar"),
])
def test_the_day_a_death_toll_is_updated_is_not_the_day_of_the_attack(text: str, lang: str) -> None:
    events = _of_type(events_of(text, lang), "Remote explosive/landmine/IED")
    assert all(e.date is None for e in events), [(e.trigger.text, e.date) for e in events]


def test_a_toll_update_keeps_the_attack_day_it_states() -> None:
    text = ("The death toll from Saturday's car bomb attack in the town of Azaz rose to 50, the Syrian "
            "Observatory for Human Rights said on Monday.")
    events = _of_type(events_of(text, "en"), "Remote explosive/landmine/IED")
    assert all(e.date is not None and e.date.expression == "weekday:sat" for e in events)


@pytest.mark.parametrize(("text", "lang", "sub_event_type"), [
    ("وزیر خارجه فرانسه روز پنجشنبه در پی حملات هوایی جنگنده‌های روسیه به ادلب خواستار آتش‌بس شد.", "fa",
     "Air/drone strike"),
    ("Rebels withdrew from the town of Morek on Sunday after heavy shelling by government forces.", "en",
     "Shelling/artillery/missile attack"),
    ("انسحب مقاتلو المعارضة يوم الأحد من بلدة مورك بعد قصف عنيف لقوات النظام.", "ar",
     "Shelling/artillery/missile attack"),
])
def test_the_date_of_what_followed_does_not_date_the_happening_it_followed(text: str, lang: str,
                                                                           sub_event_type: str) -> None:
    events = _of_type(events_of(text, lang), sub_event_type)
    assert all(e.date is None for e in events), [(e.trigger.text, e.date) for e in events]


def test_the_sequel_keeps_its_own_date_and_the_happening_its_own() -> None:
    text = "Rebels withdrew from the town of Morek on Sunday after heavy shelling by government forces on Friday."
    events = events_of(text, "en")
    shelling = _of_type(events, "Shelling/artillery/missile attack")
    assert all(e.date is not None and e.date.expression == "weekday:fri" for e in shelling)
    withdrawal = _of_type(events, "Non-violent transfer of territory")
    assert all(e.date is not None and e.date.expression == "weekday:sun" for e in withdrawal)


@pytest.mark.parametrize(("text", "lang", "expression"), [
    ("On Friday, 12 civilians were killed after air strikes hit a market in the town of Douma.", "en", "weekday:fri"),
    ("قتل 12 مدنيا يوم الجمعة بعد غارات جوية استهدفت سوقا في مدينة دوما.", "ar", "weekday:fri"),
])
def test_deaths_dated_before_after_date_the_strikes_that_caused_them(text: str, lang: str, expression: str) -> None:
    events = _of_type(events_of(text, lang), "Air/drone strike")
    assert all(e.date is not None and e.date.expression == expression for e in events)


def test_the_date_of_what_came_before_does_not_date_what_came_after() -> None:
    text = "Government forces arrested 20 activists in Daraa on Monday, two days before the bombing of the town hall."
    events = events_of(text, "en")
    assert all(e.date is not None and e.date.expression == "weekday:mon" for e in _of_type(events, "Arrests"))
    later = [e for e in events if e.sub_event_type != "Arrests"]
    assert later and all(e.date is None for e in later), [(e.trigger.text, e.date) for e in later]


def test_a_statement_date_in_the_clause_of_another_trigger_is_that_report_s() -> None:
    text = ("قتل 5 مدنيين بقصف لقوات النظام على بلدة كفرنبل، في الوقت الذي أعلنت فيه فصائل المعارضة اليوم عن "
            "مقتل 12 من عناصر النظام باشتباكات قرب مورك.")
    events = events_of(text, "ar")
    shelling = _of_type(events, "Shelling/artillery/missile attack")
    assert all(e.date is None for e in shelling), [(e.trigger.text, e.date) for e in shelling]
    clashes = _of_type(events, "Armed clash")
    assert all(e.date is not None and e.date.expression == "0d" for e in clashes)


@pytest.mark.parametrize(("text", "lang"), [
    # a Persian verb closes its clause: the date may stand far before the verb that opens the report
    ("آیت‌الله مکارم شیرازی امروز در جلسه درس خود در مسجد اعظم قم اظهار کرد: نیروهای امنیتی بحرین به خانه "
     "شیخ عیسی قاسم در منطقه الدراز حمله کردند.", "fa"),
    ("The Syrian army on Sunday told reporters that its forces had captured the town of Morek in Hama province.",
     "en"),
])
def test_a_reporting_verb_between_the_date_and_the_event_makes_it_the_statement_date(text: str, lang: str) -> None:
    events = events_of(text, lang)
    assert events and all(e.date is None for e in events), [(e.trigger.text, e.date) for e in events]


@pytest.mark.parametrize(("text", "lang"), [
    ("قتل 50 مدنيا خلال الأسبوع الماضي في غارات جوية على مدينة دوما.", "ar"),
    ("طی یک هفته گذشته 123 غیرنظامی در حملات هوایی به شهر دوما کشته شدند.", "fa"),
    ("At least 50 civilians were killed in air strikes on the town of Douma over the past week.", "en"),
    # an unspecified few hours or days is a span too
    ("جنگنده‌های روسیه طی ساعت‌های گذشته مواضع تروریست‌ها را در حومه ادلب بمباران کردند.", "fa"),
])
def test_a_span_counted_over_dates_no_event(text: str, lang: str) -> None:
    doc = Document.create(text, lang=lang)
    build_pipeline(until="events")(doc)
    assert [m.attrs.get("span") for m in doc.mentions_of("date")] == [True]
    strikes = _of_type(doc.events, "Air/drone strike")
    assert all(e.date is None for e in strikes), [(e.trigger.text, e.date) for e in strikes]


def test_a_single_day_after_a_span_word_is_a_date() -> None:
    events = _of_type(events_of("قتل 5 مدنيين خلال يوم الجمعة في غارات جوية على مدينة دوما.", "ar"), "Air/drone strike")
    assert all(e.date is not None and e.date.expression == "weekday:fri" for e in events)


def test_an_event_told_in_the_perfect_is_not_dated_by_the_statement() -> None:
    text = ("Islamic State fighters have executed at least 24 civilians in a village near Manbij in northern Syria, "
            "a monitor said on Friday.")
    events = events_of(text, "en", datetime(2016, 7, 29))
    assert events and all(e.date is None for e in events), [(e.trigger.text, e.date) for e in events]
    past = "Islamic State fighters executed at least 24 civilians in a village near Manbij, a monitor said on Friday."
    events = events_of(past, "en", datetime(2016, 7, 29))
    assert events and all(e.date is not None and e.date.start == date(2016, 7, 29) for e in events)
