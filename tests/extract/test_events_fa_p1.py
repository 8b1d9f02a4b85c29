"""Persian fresh-text judgements (sample P1): one person shot dead by named gunmen is the victim of an attack,
not a side of a battle; the gunmen counted after "توسط" are no toll; a victim named as the subject of the
passive killing verb with no killer named stays no event."""

from __future__ import annotations

import pytest

from tests.extract.event_runs import actor_pair
from tests.extract.event_runs import doc_with_events as _run
from tests.extract.event_runs import event_summaries as _found


@pytest.mark.parametrize("text", [
    "یک بازرگان محلی روز جمعه در شهر کویته توسط سه موتورسوار ناشناس هدف گلوله قرار گرفت و کشته شد.",
    "یک معلم روز شنبه در شهر پیشاور توسط افراد مسلح ناشناس به قتل رسید.",
    "یک روزنامه‌نگار محلی روز دوشنبه در شهر کراچی توسط دو مرد مسلح هدف گلوله قرار گرفت و کشته شد.",
])
def test_one_person_shot_dead_by_gunmen_is_an_attack(text: str) -> None:
    doc = _run(text, lang="fa")
    assert [e.sub_event_type for e in doc.events] == ["Attack"], _found(doc)
    event = doc.events[0]
    assert actor_pair(event) == ("unidentified_armed_group", None)
    assert event.fatalities is not None and event.fatalities.best == 1
    # provenance: the count stands on the killing verb itself
    assert text[event.fatalities.start:event.fatalities.end] in ("کشته شد", "به قتل رسید")


def test_a_soldier_killed_by_militants_stays_a_clash() -> None:
    doc = _run("یک سرباز ارتش پاکستان روز سه‌شنبه در منطقه وزیرستان توسط شبه‌نظامیان کشته شد.", lang="fa")
    assert [e.sub_event_type for e in doc.events] == ["Armed clash"], _found(doc)


def test_a_victim_with_no_killer_named_makes_no_attack() -> None:
    # the actor is the one killed, nobody is named as the killer: no event of the actor's making
    doc = _run("یک فرمانده طالبان روز یکشنبه در ولایت قندهار کشته شد.", lang="fa")
    assert not doc.events, _found(doc)


@pytest.mark.parametrize("text", [
    # a habit: "usually", and the present tense of the light verb closing an attack or a claim of one
    "معمولا پایگاه‌های این گروه در منطقه مرزی هدف حملات هوایی ارتش پاکستان قرار می‌گیرند.",
    "ارتش آمریکا شبه‌نظامیان پناهنده در مناطق قبیله‌ای را مورد هدف حملات هوایی قرار می‌دهد.",
    "هواپیماهای بدون سرنشین سازمان سیا بیشتر مناطق تحت کنترل این فرمانده طالبان را مورد هدف قرار می‌دهند.",
    # most of a kind
    "این گروه مسلح مسئولیت اکثر عملیات بمب‌گذاری انتحاری در این کشور را به عهده می‌گیرد.",
    # a story told in a film, the days of the Iran-Iraq war, a deed of the Soviet Union, a field of cooperation
    "این مستند روایتگر زندگی خانواده‌ای سوری است که پس از حمله نیروهای داعش به روستایشان آواره شدند.",
    "در روزهای سخت جنگ هواپیماهای عراقی شهر دزفول را بمباران کردند و ده‌ها نفر کشته شدند.",
    "هزاران جوان افغان پس از یورش نظامی ارتش شوروی به افغانستان به گروه‌های مسلح پیوستند.",
    "چین و هند در زمینه مقابله با آشوب‌ها در آسیای مرکزی سیاست مشترک دارند.",
    # an accusation "that" names what is alleged
    "روزنامه‌ها اتهاماتی مبنی بر توافق بین دولت و یک گروه مسلح فرقه‌گرا در ایالت پنجاب را مطرح کردند.",
])
def test_habits_aggregates_stories_and_history_make_no_event(text: str) -> None:
    assert not _run(text, lang="fa").events, _found(_run(text, lang="fa"))


@pytest.mark.parametrize("text", [
    # the past tense of the same tellings stays a happening
    "ارتش آمریکا روز دوشنبه مواضع شبه‌نظامیان را در وزیرستان شمالی مورد هدف حملات هوایی قرار داد.",
    "گروه طالبان مسئولیت انفجار بمب روز یکشنبه در شهر قندهار را بر عهده گرفت.",
])
def test_the_same_tellings_in_the_past_stay(text: str) -> None:
    assert _run(text, lang="fa").events


def test_an_exploding_shell_is_shelling() -> None:
    doc = _run("یک عکاس خبری روز جمعه در جنوب لبنان بر اثر انفجار گلوله یک تانک اسرائیلی کشته شد.", lang="fa")
    assert [e.sub_event_type for e in doc.events] == ["Shelling/artillery/missile attack"], _found(doc)


def test_an_arabic_only_name_with_the_hamza_before_ya_is_found_in_persian_text() -> None:
    # Persian text folds the older glide spelling ائی to ایی; the gazetteer's Arabic-only name (الرضائي, a
    # Yemeni village) is indexed under that folded spelling too
    doc = _run("گزارش‌ها از درگیری در روستای الرضائی در یمن حکایت دارد.", lang="fa")
    names = [m.attrs.get("name") for m in doc.mentions if m.kind == "place"]
    assert "Ar Riḑā’ī" in names, names


def test_the_speakers_city_is_not_where_a_foreign_force_acted() -> None:
    # the frame names where the cleric spoke (Qom); the report after the colon tells what Bahrain's police did
    doc = _run("یک استاد حوزه امروز در جلسه درس خود در شهر قم اظهار کرد: طی روزهای گذشته ماموران حکومت بحرین "
               "به خانه یک روحانی شیعه حمله کرده‌اند.", lang="fa")
    assert [e.sub_event_type for e in doc.events] == ["Attack"], _found(doc)
    location = doc.events[0].location
    assert location is None or location.country != "IRN", location


def test_a_local_officials_city_stays_the_place() -> None:
    doc = _run("فرماندار امروز در جلسه شورای تامین در زاهدان اظهار کرد: روز گذشته افراد مسلح به یک پاسگاه مرزی "
               "حمله کردند.", lang="fa")
    assert [e.location.name if e.location else None for e in doc.events] == ["Zahedan"], _found(doc)
