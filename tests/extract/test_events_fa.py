"""Persian press wording: ambiguous words need an armed context, targets after علیه/به, state-outlet
killing idioms, assassinations, captures and falls of places, and modality cues (قرار است، تصمیم گرفت)."""

from __future__ import annotations

import pytest

from tests.extract.event_runs import actor_pair, doc_with_events


@pytest.mark.parametrize("text", [
    # control of inflation, of parliament, of a manuscript
    "دولت برای کنترل تورم و نقدینگی برنامه تازه‌ای را به مجلس ارائه کرد.",
    "کنترل مجلس سنا پس از انتخابات به دست جمهوریخواهان خواهد افتاد.",
    # cultural/media "invasion", a verbal clash between MPs, a political dominance
    "سخنرانان از تهاجم فرهنگی دشمنان به باورهای جوانان ابراز نگرانی کردند.",
    "نشست فراکسیون به صحنه درگیری لفظی دو نماینده تبدیل شد.",
    "گفتگوی تمدنها به معنای سیطره یک فرهنگ بر فرهنگهای دیگر نیست.",
    # liberalised prices, a plane crash, a missile programme, a freed prisoner
    "آزادسازی قیمت حاملهای انرژی از ماه آینده آغاز می‌شود.",
    "یک فروند هواپیمای مسافربری در نزدیکی فرودگاه سقوط کرد و همه سرنشینان آن جان باختند.",
    "او از رهبران کره شمالی قول گرفت که برنامه‌های موشکی این کشور متوقف شود.",
    "این فعال سیاسی دوشنبه شب از زندان آزاد شد.",
    # an objection and a martyr's name are no protest and no killing
    "نماینده تبریز در این نشست به رئیس فراکسیون اعتراض کرد.",
    "ورزشگاه شهید کلانتری در ارومیه بازسازی شد.",
])
def test_everyday_and_political_wordings_make_no_event(text: str) -> None:
    doc = doc_with_events(text)
    assert doc.events == [], [(e.sub_event_type, e.trigger.text) for e in doc.events]


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("درگیری‌های شدیدی میان ارتش سوریه و تروریست‌ها در حومه حلب ادامه دارد.", "Armed clash"),
    ("ارتش سوریه کنترل کامل شهر تدمر را به دست گرفت.", "Government regains territory"),
    ("تروریست‌های داعش پس از نبردی سنگین بر شهر رمادی تسلط یافتند.", "Non-state actor overtakes territory"),
    ("سقوط شهر ادلب به دست گروه‌های تروریستی بازتاب گسترده‌ای داشت.", "Non-state actor overtakes territory"),
    ("در عملیات ارتش سوریه در حومه دیرالزور 25 تروریست به هلاکت رسیدند.", "Armed clash"),
    ("افراد مسلح ناشناس روز گذشته در سوءقصد به یک قاضی در شهر درعا او را کشتند.", "Attack"),
    ("نیروهای ارتش سوریه 12 تن از عناصر جبهه النصره را در حومه ادلب به اسارت گرفتند.", "Arrests"),
    ("گروه‌های مسلح با شلیک موشک به محله‌های مسکونی حلب سه غیرنظامی را کشتند.",
     "Shelling/artillery/missile attack"),
])
def test_persian_conflict_wordings_make_one_typed_event(text: str, sub_event_type: str) -> None:
    doc = doc_with_events(text)
    assert [e.sub_event_type for e in doc.events] == [sub_event_type], \
        [(e.sub_event_type, e.trigger.text) for e in doc.events]


def test_an_ambiguous_word_right_after_a_violent_event_is_part_of_the_story() -> None:
    doc = doc_with_events("جنگنده‌های ارتش سوریه مواضع تروریست‌ها را در حومه دمشق بمباران کردند. "
               "همچنین درگیری‌های مشابهی در منطقه جوبر گزارش شده است.")
    subs = [e.sub_event_type for e in doc.events]
    assert "Armed clash" in subs and "Air/drone strike" in subs


@pytest.mark.parametrize(("text", "actors"), [
    # the actor after علیه / به is the target, the one before the trigger the attacker
    ("حزب‌الله لبنان حملات موشکی علیه اسرائیل را شدت بخشید.", ("hezbollah", "il_forces")),
    # ezafe chain: the attacker right after the event noun, the target after به
    ("حملات هوایی جنگنده‌های روسی به مواضع داعش در حومه رقه ادامه دارد.", ("ru_forces", "isis")),
    # state outlets' labels: گروهک تروریستی is the opposition in the outlet's wording
    ("ارتش سوریه در درگیری با گروهک‌های تروریستی در حومه درعا پیشروی کرد.", ("sy_gov_forces", "sy_opposition")),
    ("طالبان 16 پلیس پاکستان را در حمله به یک ایست بازرسی کشتند.", ("taliban", None)),
])
def test_attacker_and_target_in_persian_word_order(text: str, actors: tuple[str | None, str | None]) -> None:
    doc = doc_with_events(text)
    assert doc.events, "no event"
    assert actor_pair(doc.events[0])[0] == actors[0]
    if actors[1] is not None:
        assert actor_pair(doc.events[0])[1] == actors[1]


def test_state_outlet_label_keeps_its_wording() -> None:
    doc = doc_with_events("ارتش سوریه مواضع گروهک‌های تروریستی را در حومه حماه گلوله‌باران کرد.")
    event = doc.events[0]
    assert event.actor2 is not None and event.actor2.canonical_id == "sy_opposition"
    assert "گروهک" in event.actor2.text and event.actor2.label_kind == "pejorative"


@pytest.mark.parametrize(("text", "polarity"), [
    ("قرار است ارتش ترکیه فردا به مواضع نیروهای دموکراتیک سوریه در عین عیسی حمله کند.", "planned"),
    ("فرماندهان گروه‌های مسلح تصمیم گرفتند از شهر دوما عقب‌نشینی کنند.", "planned"),
    ("گروه‌های مسلح سیطره ارتش سوریه بر این منطقه را تکذیب کردند.", "denied"),
    ("گروه‌های مسلح ادعا کردند که یک بالگرد ارتش سوریه را در حومه حماه سرنگون کرده‌اند.", "reported"),
])
def test_persian_modality(text: str, polarity: str) -> None:
    doc = doc_with_events(text)
    assert doc.events, "no event"
    assert doc.events[0].polarity == polarity


@pytest.mark.parametrize("text", [
    # an anniversary, a commemoration and a recap since a past turning point
    "رئیس‌جمهور روسیه در سالگرد بمب‌گذاری‌های مسکو از مردم خواست از ارتش حمایت کنند.",
    "مراسم یادواره شهدای بمباران شیمیایی سردشت در این شهر برگزار شد.",
    "از زمان آغاز بحران سوریه صدها حمله تروریستی در این کشور روی داده است.",
    # a statistic and a habit or reputation of a group
    "به طور متوسط هر سه ساعت یک آدم‌ربایی در این کشور گزارش می‌شود.",
    "این گروه به خاطر حملات انتحاری علیه پارلمان هند در دهلی نو معروف است.",
    # a call to end a campaign names no single happening
    "شورای امنیت از طرفین خواست به حملات موشکی علیه مناطق مسکونی پایان دهند.",
    # history told with its year, long before the article's newest date
    "نیروهای آمریکایی در سال 2006 بخشی از نیروهای خود را از عراق عقب‌نشینی دادند و در دسامبر 2011 "
    "آخرین سربازان آمریکایی از بغداد خارج شدند. ارتش عراق روز 3 ژانویه 2013 در فلوجه با افراد مسلح درگیر شد.",
])
def test_background_recaps_and_statistics_make_no_news_event(text: str) -> None:
    doc = doc_with_events(text)
    history = [e for e in doc.events if e.sub_event_type == "Non-violent transfer of territory"]
    if "فلوجه" in text:
        # the recent clash stays, the withdrawals years before it are history
        assert not history and [e.sub_event_type for e in doc.events] == ["Armed clash"]
    else:
        assert not doc.events, [(e.sub_event_type, e.trigger.text) for e in doc.events]


@pytest.mark.parametrize("text", [
    # talk about kinds of violence, with nothing that ties the word to one happening
    "دشمنان با ایجاد آشوب و بحران درصدد آسیب زدن به وحدت ملی هستند.",
    "او همیشه از جنایت و کشتار به عنوان ابزار سیاست یاد می‌کرد.",
])
def test_unanchored_talk_is_no_event(text: str) -> None:
    assert not doc_with_events(text).events


@pytest.mark.parametrize(("text", "polarity"), [
    # a capability, a warning and a warrant are not the deed
    ("جدایی‌طلبان چچن قادرند به اهداف روسیه در گروزنی حمله کنند.", "hypothetical"),
    ("دادستان دستور بازداشت فرمانده پلیس حلب را صادر کرد.", "planned"),
])
def test_capabilities_and_orders_are_not_asserted(text: str, polarity: str) -> None:
    # the deed has not happened: either no event, or one marked with the capability/order's polarity
    events = doc_with_events(text).events
    assert not [e for e in events if e.polarity == "asserted"], [(e.sub_event_type, e.polarity) for e in events]
    assert all(e.polarity == polarity for e in events)


def test_a_capability_is_still_an_event_marked_hypothetical() -> None:
    doc = doc_with_events("جدایی‌طلبان چچن قادرند به اهداف روسیه در گروزنی حمله کنند.")
    assert [e.polarity for e in doc.events] == ["hypothetical"]


def test_a_recent_event_after_a_recap_clause_stays() -> None:
    # "در پی" opens the happening that prompted a reaction: it is the news, not background
    doc = doc_with_events("در پی انفجار یک خودروی بمب‌گذاری شده در بیروت، رئیس‌جمهور لبنان خواستار آرامش شد.")
    assert [e.sub_event_type for e in doc.events] == ["Remote explosive/landmine/IED"]


def test_mortar_fire_without_a_place_takes_the_place_just_told() -> None:
    doc = doc_with_events("منابع محلی از حمله گروه‌های تروریستی به شهر حلب خبر دادند. "
               "به گفته این منابع، شلیک 3 خمپاره به یک مدرسه 2 کودک را کشت.")
    shelling = [e for e in doc.events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0].location is not None and shelling[0].location.name == "Aleppo"
    assert shelling[0].fatalities is not None and shelling[0].fatalities.best == 2


def test_spaced_hezbollah_is_the_actor() -> None:
    doc = doc_with_events("نیروهای حزب الله و ارتش سوریه در حومه قصیر با گروه‌های مسلح درگیر شدند.")
    assert doc.events
    assert {"hezbollah"} <= {m.canonical_id for m in doc.mentions_of("actor")}
