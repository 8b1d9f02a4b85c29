"""Persian event sub-types: a generic attack word takes its sub-type from the weapon fired in its clause (a
missile, a rocket, mortars: shelling) and from unarmed people it hit (worshippers, pilgrims, pupils: an attack);
a raid that breaks or carries off belongings with no one hurt is property destruction, and property destroyed in
a riot is the riot."""

from __future__ import annotations

import pytest

from tests.extract.event_runs import doc_with_events as _run
from tests.extract.event_runs import event_summaries as _found


@pytest.mark.parametrize("text", [
    "شبه‌نظامیان حوثی یک موشک بالستیک به سوی شهر جیزان شلیک کردند.",
    "افراد مسلح دیروز چند راکت به سوی پایگاه نظامی در شمال بغداد شلیک کردند.",
    "گروه‌های تروریستی با چند گلوله خمپاره به محله‌های مسکونی شهر حلب حمله کردند.",
])
def test_a_generic_attack_with_a_fired_weapon_is_shelling(text: str) -> None:
    doc = _run(text, lang="fa")
    assert [(e.sub_event_type, e.polarity) for e in doc.events] == \
        [("Shelling/artillery/missile attack", "asserted")], _found(doc)


@pytest.mark.parametrize(("text", "sub_event_type"), [
    # aircraft in the clause still make an air strike, whatever they fire
    ("جنگنده‌های ارتش اسرائیل با موشک به مواضع حماس در نوار غزه حمله کردند.", "Air/drone strike"),
    # no weapon fired: two armed sides clash
    ("افراد مسلح به یک پاسگاه پلیس در ولایت قندوز حمله کردند.", "Armed clash"),
])
def test_fire_weapons_leave_other_sub_types_alone(text: str, sub_event_type: str) -> None:
    doc = _run(text, lang="fa")
    assert [e.sub_event_type for e in doc.events if e.polarity == "asserted"] == [sub_event_type], _found(doc)


def test_a_missile_programme_is_still_no_event() -> None:
    doc = _run("وزیر دفاع گفت برنامه موشکی کشور با قدرت ادامه خواهد یافت.", lang="fa")
    assert not doc.events, _found(doc)


@pytest.mark.parametrize("text", [
    "ماموران امنیتی به خانه این روحانی یورش بردند و اقدام به شکستن وسایل خانه کردند.",
    "نیروهای پلیس به منزل این فعال سیاسی حمله کردند و اموال خانواده او را به یغما بردند.",
])
def test_a_raid_that_breaks_belongings_is_property_destruction(text: str) -> None:
    doc = _run(text, lang="fa")
    assert [(e.sub_event_type, e.polarity) for e in doc.events] == \
        [("Looting/property destruction", "asserted")], _found(doc)


def test_a_raid_that_kills_stays_an_attack_beside_the_looting() -> None:
    doc = _run("افراد مسلح به یک روستا حمله کردند، سه غیرنظامی را کشتند و مغازه‌ها را غارت کردند.", lang="fa")
    subs = [e.sub_event_type for e in doc.events if e.polarity == "asserted"]
    assert "Attack" in subs and "Looting/property destruction" in subs, _found(doc)


@pytest.mark.parametrize("text", [
    "یک مرد مسلح در یک مدرسه در ایالت تگزاس تیراندازی کرد و هشت دانش‌آموز را کشت.",
    "افراد مسلح ناشناس به سوی نمازگزاران یک مسجد در شهر کویته آتش گشودند.",
    "تروریست‌ها اتوبوس حامل زائران را در جاده سامرا هدف قرار دادند.",
])
def test_unarmed_people_named_by_what_they_did_make_an_attack_not_a_clash(text: str) -> None:
    doc = _run(text, lang="fa")
    assert [(e.sub_event_type, e.polarity) for e in doc.events] == [("Attack", "asserted")], _found(doc)


def test_property_destroyed_in_a_riot_is_the_riot() -> None:
    doc = _run("در جریان اغتشاشات دیروز در شهر کرج، عده‌ای از آشوبگران اقدام به تخریب اموال عمومی کردند.", lang="fa")
    assert [(e.sub_event_type, e.polarity) for e in doc.events] == [("Violent demonstration", "asserted")], \
        _found(doc)


@pytest.mark.parametrize("text", [
    "روز دوشنبه درگیری‌ها در خیابان‌های مرکزی شهر شیراز ادامه یافت و آشوبگران شیشه‌های بانک‌ها را شکستند.",
    "در جریان اغتشاشات دیروز در شهر کرج میان آشوبگران و نیروهای انتظامی درگیری رخ داد.",
])
def test_clashes_of_rioters_and_police_are_the_riot(text: str) -> None:
    doc = _run(text, lang="fa")
    assert [(e.sub_event_type, e.polarity) for e in doc.events] == [("Violent demonstration", "asserted")], \
        _found(doc)


def test_a_clash_with_an_armed_group_in_a_riot_sentence_stays_a_clash() -> None:
    doc = _run("در حالی که آشوبگران در مرکز شهر کرج ساختمانها را به آتش کشیدند، ارتش در حومه موصل با داعش درگیر شد.",
               lang="fa")
    assert "Armed clash" in [e.sub_event_type for e in doc.events], _found(doc)


@pytest.mark.parametrize("text", [
    "در حمله هوائی ارتش روسیه به شهر گروزنی دیروز ده تن کشته شدند.",
    "هواپیماهای اسرائیلی روز گذشته در حمله‌های هوائی به جنوب لبنان سه غیرنظامی را کشتند.",
])
def test_the_older_hamza_spelling_of_air_is_an_air_strike(text: str) -> None:
    doc = _run(text, lang="fa")
    assert [(e.sub_event_type, e.polarity) for e in doc.events] == [("Air/drone strike", "asserted")], _found(doc)
