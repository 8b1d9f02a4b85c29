"""Persian present tense of the verbs that carry a campaign on (intensify, direct, continue) and of the trigger's
own verb: a strategy, a habit or a charge told of a trigger noun, not a happening (fresh Arman sample P2); the
past tense stays a happening."""

from __future__ import annotations

import pytest

from tests.extract.event_runs import doc_with_events as _run
from tests.extract.event_runs import event_summaries as _found


@pytest.mark.parametrize("text", [
    "ارتش ترکیه برای فشار بر شورشیان، حملات هوایی به مواضع آنان در شمال عراق را تشدید می‌کند.",
    "به گفته پلیس، چند تن از سران این گروه از خارج کشور آشوب‌ها را در شهر کراچی هدایت می‌کنند.",
    "شورشیان چچن با وجود زمستان به حملات خود علیه نیروهای روسی در گروزنی ادامه می‌دهند.",
    # the trigger's own verb in the present simple: a habit or a charge
    "به گفته فعالان حقوق بشر، ماموران امنیتی روزنامه‌نگاران منتقد را در شهر کابل بازداشت می‌کنند.",
    "مخالفان دولت می‌گویند ارتش روستاهای مرزی را در استان هلمند بمباران می‌کند.",
])
def test_present_tense_campaign_verbs_make_no_event(text: str) -> None:
    assert not _run(text).events, _found(_run(text))


@pytest.mark.parametrize("text", [
    "ارتش ترکیه دیروز حملات هوایی به مواضع شورشیان در شمال عراق را تشدید کرد.",
    "شورشیان چچن روز شنبه به حملات خود علیه نیروهای روسی در گروزنی ادامه دادند.",
    "ماموران امنیتی دیروز سه روزنامه‌نگار منتقد را در شهر کابل بازداشت کردند.",
    "ارتش روز دوشنبه روستاهای مرزی را در استان هلمند بمباران کرد.",
])
def test_past_tense_campaign_verbs_keep_the_event(text: str) -> None:
    assert _run(text).events


@pytest.mark.parametrize("text", [
    "فرماندار گفت در درگیری‌های چند ماه گذشته میان ارتش و شورشیان در ولایت قندوز صدها نفر کشته شدند.",
    "نماینده مجلس از نقش نیروی انتظامی در آشوب‌های چند سال گذشته در شهر تبریز تقدیر کرد.",
])
def test_the_past_few_months_or_years_are_a_span_not_the_news(text: str) -> None:
    assert not _run(text).events, _found(_run(text))


@pytest.mark.parametrize("text", [
    "شورشیان طالبان تهدید می‌کنند که فرودگاه قندهار را با موشک هدف قرار دهند.",
    "ارتش اسرائیل تهدید کرده است که به مواضع حزب‌الله در جنوب لبنان حمله کند.",
])
def test_a_threat_in_the_present_or_the_perfect_names_a_deed_to_come(text: str) -> None:
    doc = _run(text)
    assert doc.events and all(e.polarity == "planned" for e in doc.events), _found(doc)
