"""Fields of true Persian events: sub-types of spaced compound words (older Fars texts write "بمب گذاری"
with a space where newer ones write a ZWNJ), back-references by "aforementioned" (مزبور، مذکور), and the
actors, places and dates of the trigger's clause."""

from __future__ import annotations

from datetime import datetime

import pytest

from rasad.extract.dates import find_dates
from rasad.model import Document
from rasad.pipeline import build_pipeline
from rasad.text.normalize import normalize
from tests.extract.event_runs import actor_pair, doc_with_events


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("افراد مسلح روز شنبه در یک بمب گذاری در بازار شهر کویته پنج نفر را کشتند.",
     "Remote explosive/landmine/IED"),
    ("سه سرباز ارتش افغانستان روز گذشته در یک بمب کنار جاده ای در ولایت هلمند کشته شدند.",
     "Remote explosive/landmine/IED"),
    ("افراد مسلح ناشناس دو مهندس ترک را در شهر موصل ربودند و این آدم ربایی را به گردن نگرفتند.",
     "Abduction/forced disappearance"),
    ("شبه‌نظامیان روز جمعه با راکت پرانی به مواضع ارتش در شهر درعا دو سرباز را کشتند.",
     "Shelling/artillery/missile attack"),
])
def test_a_compound_written_with_a_space_keeps_its_sub_type(text: str, sub_event_type: str) -> None:
    doc = doc_with_events(text)
    assert [e.sub_event_type for e in doc.events] == [sub_event_type], \
        [(e.sub_event_type, e.trigger.text) for e in doc.events]


def test_the_aforementioned_bombing_is_the_one_told_before() -> None:
    doc = doc_with_events("روز دوشنبه یک بمب در مقابل ساختمان دادگاه در شهر کویته منفجر شد و سه نفر کشته شدند. "
               "گروه مسلح مدعی شد که در جریان بمب گذاری مزبور هیچ غیرنظامی کشته نشده است.")
    assert [(e.sub_event_type, e.polarity) for e in doc.events] == \
        [("Remote explosive/landmine/IED", "asserted")], [(e.sub_event_type, e.trigger.text) for e in doc.events]


@pytest.mark.parametrize("text", [
    "در عملیات نیروهای ارتش عراق در حومه موصل مقر تروریست‌های داعش نابود شد و دست کم 40 تروریست داعش کشته شدند.",
    "در عملیات ارتش سوریه در حومه حلب پایگاه تروریست‌های جبهه النصره نابود شد و 25 تروریست جبهه النصره کشته شدند.",
])
def test_the_owners_of_a_destroyed_base_are_the_dead_not_the_killers(text: str) -> None:
    # the passive "کشته شدند" makes its subject the victim; the same group named earlier in the clause as
    # the owner of the base is the victim too, and the army of the operation is actor 1
    doc = doc_with_events(text)
    assert len(doc.events) == 1, [(e.sub_event_type, e.trigger.text) for e in doc.events]
    a1, a2 = actor_pair(doc.events[0])
    assert a1 in ("iq_gov_forces", "sy_gov_forces") and a2 in ("isis", "nusra"), (a1, a2)


def test_similar_clashes_elsewhere_are_fought_by_the_same_sides() -> None:
    # "similar clashes" name no side of their own: they are between the army and the armed groups of the
    # clash told before (not the group that shelled Damascus in between), and each is its own event
    doc = doc_with_events("در حومه حلب درگیری‌های شدیدی میان ارتش سوریه و گروه‌های مسلح درگرفت و مناطقی در نزدیکی "
               "دمشق هدف خمپاره‌های گروه‌های مسلح قرار گرفت. همچنین درگیری‌های مشابهی در جوبر و قابون گزارش شده است.")
    clashes = [e for e in doc.events if e.sub_event_type == "Armed clash"]
    assert len(clashes) == 3, [(e.sub_event_type, e.location and e.location.name) for e in doc.events]
    assert [actor_pair(e) for e in clashes] == [("sy_gov_forces", "sy_opposition")] * 3


def _actors(text: str) -> list[tuple[str, str | None]]:
    doc = doc_with_events(text)
    return [(m.text, m.canonical_id) for m in doc.mentions_of("actor")]


def test_a_surname_that_contains_a_group_name_is_no_actor() -> None:
    # "طالبانی" (the Talabani family) is "طالبان" plus the ending ی: the listed not_actors wording, the
    # whole word, wins over the group's name with an ending
    found = _actors("قباد طالبانی معاون نخست وزیر اقلیم کردستان عراق روز دوشنبه گفت طالبان مسئول این حملات است.")
    assert ("طالبانی", "taliban") not in found and ("طالبان", "taliban") in found, found


@pytest.mark.parametrize(("text", "wording", "actor_id"), [
    # the country after the ezafe gives the army its id, whatever country the sentence names first
    ("وزیر خارجه عراق گفت طالبان در ولایت هلمند به مواضع ارتش افغانستان حمله کردند.", "ارتش", "afg_forces"),
    ("رئیس جمهور ترکیه گفت گروه جیش محمد علیه نیروهای امنیتی هند در کشمیر می‌جنگد.", "نیروهای امنیتی", "ind_forces"),
    # "the agents of the government of Bahrain" are its security forces
    ("به گفته شاهدان، ماموران حکومت بحرین به خانه یک روحانی شیعه در منطقه الدراز یورش بردند.", "ماموران حکومت",
     "bh_police"),
])
def test_a_generic_force_takes_the_country_named_after_it(text: str, wording: str, actor_id: str) -> None:
    found = _actors(text)
    assert (wording, actor_id) in found, found


@pytest.mark.parametrize("text", [
    # "وزارت امور خارجه آمریکا", "رئیس جمهور ترکیه" condemn the bombing: the office's country is no party to it
    "وزارت امور خارجه آمریکا در بیانیه‌ای انفجار بمب در بازار شهر کویته را که به کشته شدن 20 نفر منجر شد محکوم کرد.",
    "رئیس جمهور ترکیه انفجار بمب در بازار شهر کابل را که به کشته شدن 20 نفر منجر شد محکوم کرد.",
])
def test_a_country_after_an_office_only_speaks(text: str) -> None:
    doc = doc_with_events(text)
    assert [(e.sub_event_type, actor_pair(e)) for e in doc.events] == [("Remote explosive/landmine/IED", (None, None))]


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("نیروهای امنیتی بحرین روز جمعه به سوی معترضین در منطقه سترة تیراندازی کردند.",
     "Excessive force against protesters"),
    ("پلیس ترکیه روز یکشنبه با شلیک گاز اشک‌آور تجمع‌کنندگان را در میدان تقسیم استانبول متفرق کرد.",
     "Protest with intervention"),
])
def test_protesters_named_by_other_plurals_are_the_target(text: str, sub_event_type: str) -> None:
    # معترضین (the Arabic plural), تظاهر کنندگان / تجمع‌کنندگان (those gathering): protesters, not a side
    doc = doc_with_events(text)
    assert [(e.sub_event_type, actor_pair(e)[1]) for e in doc.events] == [(sub_event_type, "protesters")]


@pytest.mark.parametrize(("text", "sub_event_type"), [
    # the weapon a generic attack is made with types it
    ("تروریست‌ها روز پنج‌شنبه شهر محرده در ریف حماه را با راکت هدف قرار دادند.",
     "Shelling/artillery/missile attack"),
    ("ارتش آمریکا روز شنبه با پهپاد خودرویی را در شهر جلال‌آباد هدف قرار داد و چهار عضو داعش کشته شدند.",
     "Air/drone strike"),
])
def test_the_weapon_after_with_types_a_generic_attack(text: str, sub_event_type: str) -> None:
    doc = doc_with_events(text)
    assert [e.sub_event_type for e in doc.events] == [sub_event_type], \
        [(e.sub_event_type, e.trigger.text) for e in doc.events]


def test_a_threat_with_missiles_is_no_attack() -> None:
    assert doc_with_events("کره شمالی تهدید کرد که با موشک‌های بالستیک به آمریکا پاسخ خواهد داد.").events == []


@pytest.mark.parametrize(("text", "place"), [
    # "X در ریف Y" / "X در حومه Y": the town, not the province it lies in
    ("تروریست‌ها روز پنج‌شنبه شهر محرده در ریف حماه را با خمپاره هدف قرار دادند.", "Maharda"),
    ("گروه‌های مسلح روز شنبه شهر محرده در حومه حماه را با خمپاره هدف قرار دادند.", "Maharda"),
])
def test_a_town_in_the_countryside_of_a_province_is_the_place(text: str, place: str) -> None:
    doc = doc_with_events(text)
    assert [e.location.name if e.location else None for e in doc.events] == [place]


def test_police_officers_and_outlaws_are_the_sides_of_a_clash() -> None:
    doc = doc_with_events("شامگاه دیروز دو مأمور پلیس در درگیری مسلحانه با اشرار در شهرستان سراوان به شهادت رسیدند.")
    assert [(e.sub_event_type, actor_pair(e)) for e in doc.events] == \
        [("Armed clash", ("ir_forces", "unidentified_armed_group"))], [(e.sub_event_type, actor_pair(e)) for e in doc.events]


@pytest.mark.parametrize("text", [
    "ارتش سوریه امروز شهرک مورک در شمال حماه را از کنترل تروریست‌ها خارج کرد.",
    "ارتش سوریه روز یکشنبه شهرک مورک در شمال حماه را از لوث تروریست‌ها پاکسازی کرد.",
])
def test_the_side_a_place_is_taken_from_is_actor_2(text: str) -> None:
    # "از کنترل X": X held the place and lost it; the army took it back
    doc = doc_with_events(text)
    assert [(e.sub_event_type, actor_pair(e)) for e in doc.events] == \
        [("Government regains territory", ("sy_gov_forces", "sy_opposition"))], \
        [(e.sub_event_type, actor_pair(e)) for e in doc.events]


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("افراد مسلح ناشناس روز جمعه به یک مسجد در شهر کویته حمله کردند.", "Attack"),
    ("ماموران حکومت بحرین روز گذشته به خانه یک روحانی شیعه در منامه حمله کردند.", "Attack"),
    # an armed side hit near a hospital stays a clash
    ("افراد مسلح روز جمعه به مواضع ارتش در نزدیکی بیمارستان شهر درعا حمله کردند.", "Armed clash"),
])
def test_a_generic_attack_on_a_home_or_a_mosque_targets_civilians(text: str, sub_event_type: str) -> None:
    doc = doc_with_events(text)
    assert [e.sub_event_type for e in doc.events] == [sub_event_type], \
        [(e.sub_event_type, e.trigger.text) for e in doc.events]


def test_a_quarter_named_inside_the_clause_scene_is_read_in_that_scene() -> None:
    # "در دیر الزور ... در منطقه «الصالحیه»": the gazetteer knows only a Damascus quarter of that name; the
    # clause puts it in Deir ez-Zor, where the event is coded
    doc = doc_with_events("در عملیات ارتش سوریه در دیر الزور پایگاه تروریست‌ها در منطقه «الصالحیه» نابود شد و تعدادی "
               "تروریست کشته شدند.")
    assert [e.location.name if e.location else None for e in doc.events] == ["Deir ez-Zor"]


@pytest.mark.parametrize(("text", "actor_id"), [
    ("شبه‌نظامیان کرد موسوم به «نیروهای دموکراتیک سوریه» روز یکشنبه به مواضع ارتش ترکیه در شمال حلب حمله کردند.",
     "sdf"),
    ("تروریست‌های معروف به «جبهه النصره» روز جمعه به مواضع ارتش سوریه در حومه ادلب حمله کردند.", "nusra"),
])
def test_the_name_after_known_as_names_the_group(text: str, actor_id: str) -> None:
    # "X موسوم به Y": one actor, Y -- not X's generic reading next to Y
    doc = doc_with_events(text)
    ids = [m.canonical_id for m in doc.mentions_of("actor")]
    assert ids[0] == actor_id and ids.count(actor_id) == 1, ids
    assert [actor_pair(e)[0] for e in doc.events] == [actor_id]


@pytest.mark.parametrize(("text", "events"), [
    ("ارتش ترکیه روز شنبه عملیاتی را در اطراف شهر عفرین علیه شبه‌نظامیان کرد آغاز کرد.", ["Armed clash"]),
    # an operation of a city hall is no battle
    ("شهرداری تهران روز شنبه عملیاتی را برای بازسازی پل‌های شهر آغاز کرد.", []),
])
def test_an_operation_launched_by_an_armed_side_is_a_battle(text: str, events: list[str]) -> None:
    assert [e.sub_event_type for e in doc_with_events(text).events] == events


@pytest.mark.parametrize(("text", "start"), [
    # an ordinal day right before a Persian month ("دوم خرداد", "بیست و دوم بهمن 1357")
    ("راهپیمایی بیست و دوم بهمن 1357 در تهران برگزار شد.", "1979-02-11"),
    ("روز بیست و سوم تیر گروه‌های مسلح به مواضع ارتش در حومه حلب حمله کردند.", "2015-07-14"),
    ("نیروهای ائتلاف سعودی در سوم نوامبر مناطقی در صعده را بمباران کردند.", "2014-11-03"),
])
def test_an_ordinal_day_before_a_month_is_a_day(text: str, start: str) -> None:
    found = find_dates(normalize(text).text, "fa", datetime(2015, 6, 20))
    assert [(d.ref.start.isoformat() if d.ref.start else None, d.ref.precision) for d in found] == [(start, "day")]


def test_the_day_an_anniversary_commemorates_dates_no_event() -> None:
    # "سالگرد دوم خرداد 76" names the day remembered; the event's own day is the one written before it
    doc = doc_with_events("روز سه شنبه 12 خرداد 1377 یعنی 10 روز پس از سالگرد دوم خرداد 76، یک بمب در مقابل دادگاه "
               "انقلاب در تهران منفجر شد و سه نفر کشته شدند.")
    assert [str(e.date.start) if e.date else None for e in doc.events] == ["1998-06-02"]


def test_a_bomb_assassination_on_an_ordinal_day_of_a_named_month() -> None:
    # "سوءقصد با بمب": the bomb names the sub-type; "هشتم ماه اوت": the 8th of August (no publication date:
    # the day stays relative)
    doc = doc_with_events("در هشتم ماه اوت گذشته یک سوءقصد با بمب در یک زیرگذر مسکو موجب کشته شدن 8 تن شد.")
    assert [(e.sub_event_type, e.date.expression if e.date else None) for e in doc.events] == \
        [("Remote explosive/landmine/IED", "--08-08")]


def test_a_town_handed_to_a_third_side_is_not_how_the_attack_on_it_ended() -> None:
    # the Kurds hand Ain Issa to the Syrian army while Turkey attacks it: the Turkish operation did not end
    # in the Kurds' withdrawal to Turkey
    doc = doc_with_events("شبه‌نظامیان کرد روز یکشنبه کنترل شهر عین عیسی را به ارتش سوریه واگذار کردند. ارتش ترکیه "
               "عملیاتی را طی چند روز گذشته علیه شبه‌نظامیان کرد در اطراف عین عیسی آغاز کرده است.")
    battles = [e for e in doc.events if e.sub_event_type == "Armed clash"]
    assert len(battles) == 1 and battles[0].outcome != "withdrew", \
        [(e.sub_event_type, e.outcome, actor_pair(e)) for e in doc.events]


def test_a_toll_going_on_with_history_is_no_new_event() -> None:
    # the 1998 bombing is history in a 2011 article, and so is the next sentence's detail of its dead
    doc = Document.create("روز سه شنبه 12 خرداد 1377 یک بمب در مقابل دادگاه انقلاب در تهران منفجر شد و سه نفر "
                          "کشته شدند. دو تن از کشته شدگان کودک بودند.", lang="und", published=datetime(2011, 6, 18))
    doc.published_precision = "month"
    build_pipeline(until="events")(doc)
    assert doc.events == [], [(e.sub_event_type, e.trigger.text) for e in doc.events]


@pytest.mark.parametrize("text", [
    "نیروهای امنیتی عراق روز شنبه سه نفر را به اتهام بمب‌گذاری در بغداد بازداشت کردند.",
    "پلیس رژیم صهیونیستی دیروز یک مرد فلسطینی را در ارتباط با انفجار بمب در نتانیا دستگیر کرد.",
])
def test_the_charge_of_an_arrest_is_no_happening_of_the_police(text: str) -> None:
    # the arrest is the news; the bombing it is made on is not told here, least of all by the police
    assert [e.sub_event_type for e in doc_with_events(text).events] == ["Arrests"]


@pytest.mark.parametrize(("text", "sub_event_type", "actors"), [
    # an air base hit by missiles fired from the ground is shelling, its shooters actor 1
    ("گروه‌های مسلح روز دوشنبه با شلیک موشک پایگاه هوایی کویرس در شرق حلب را هدف قرار دادند.",
     "Shelling/artillery/missile attack", ("sy_opposition", None)),
    # fire counted between the verb and the weapon
    ("رژیم صهیونیستی شامگاه گذشته با شلیک چند موشک، فرودگاه بین‌المللی دمشق را هدف قرار داد.",
     "Shelling/artillery/missile attack", ("il_forces", None)),
    # "positions of X" are X's: X is hit, the subject fires
    ("نیروهای ارتش ترکیه روز پنجشنبه مواضع شبه‌نظامیان کرد در روستای جندیرس در منطقه عفرین را گلوله‌باران کردند.",
     "Shelling/artillery/missile attack", ("tr_forces", "ypg")),
    # the Popular Mobilization without the Arabic article
    ("نیروهای حشد شعبی پس از نبردی سنگین با عناصر داعش، کنترل کامل شهرک البشیر در جنوب کرکوک را به دست گرفتند.",
     "Government regains territory", ("iq_militias", "isis")),
])
def test_who_fired_what_at_whom(text: str, sub_event_type: str, actors: tuple[str | None, str | None]) -> None:
    doc = doc_with_events(text)
    assert [(e.sub_event_type, actor_pair(e)) for e in doc.events] == [(sub_event_type, actors)]


@pytest.mark.parametrize(("text", "actor_id"), [
    ("جنگنده‌های ائتلاف متجاوز سعودی بامداد امروز منطقه بنی حشیش در استان صنعا را بمباران کردند.", "sa_coalition"),
    ("جنگنده‌های ائتلاف روز گذشته مواضع داعش در شهر رقه سوریه را بمباران کردند.", "us_coalition"),
])
def test_the_coalition_jets_are_the_coalition_of_the_front(text: str, actor_id: str) -> None:
    assert [actor_pair(e)[0] for e in doc_with_events(text).events] == [actor_id]


@pytest.mark.parametrize(("text", "actors"), [
    # "affiliated to the group": the fighters are the group's, not its target; the army's vehicle is hit
    ("عناصر وابسته به گروه تروریستی جبهه النصره روز شنبه یک خودروی ارتش سوریه را در حومه ادلب منفجر کردند.",
     ("nusra", "sy_gov_forces")),
    # the Yemeni sides in the Iranian press's wording
    ("ارتش و کمیته‌های مردمی یمن روز یکشنبه حمله مزدوران سعودی به منطقه نهم در شرق صنعا را دفع کردند.",
     ("ye_gov_forces", "houthis")),
    ("نیروهای وفادار به عبدربه منصور هادی روز جمعه با نیروهای انصارالله در شهر تعز درگیر شدند.",
     ("ye_gov_forces", "houthis")),
])
def test_group_wordings_with_affiliation(text: str, actors: tuple[str, str]) -> None:
    assert [actor_pair(e) for e in doc_with_events(text).events] == [actors]
