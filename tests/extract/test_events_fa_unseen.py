"""Persian general news (not war reports): what over-generated on fresh text -- a state's bare name taken for
an armed context, diplomatic agreements, illnesses and sharp words read as attacks, habits, policies, fears,
obligations, charges and talks read as happenings -- and the real events next to them that must stay."""

from __future__ import annotations

import pytest

from tests.extract.event_runs import doc_with_events as _run
from tests.extract.event_runs import event_summaries as _found


@pytest.mark.parametrize("text", [
    # a state's bare name is a polity: no armed context for an ambiguous word
    "پژوهشگران دانشگاهی در آمریکا دریافتند که ورزش منظم خطر حملات قلبی را کاهش می‌دهد.",
    "دولت روسیه در سال جاری تورم را تحت کنترل خود درآورد و ارزش روبل را ثابت نگه داشت.",
    "وزیران خارجه ایران و ترکیه توافق کردند که کمیسیون مشترک اقتصادی دو کشور ماه آینده تشکیل شود.",
    "ایران و روسیه توافقنامه همکاری در زمینه انرژی هسته‌ای صلح‌آمیز را امضا کردند.",
    # illness and sharp words
    "بازیگر سرشناس سینما بامداد دیروز بر اثر حمله قلبی در بیمارستان درگذشت.",
    "نماینده مجلس در نطق پیش از دستور با حمله تند به وزیر نیرو خواستار استیضاح او شد.",
])
def test_polities_illnesses_and_words_make_no_event(text: str) -> None:
    assert not _run(text).events, _found(_run(text))


@pytest.mark.parametrize("text", [
    # a habit, a policy, a fear, a support, an obligation, a charge, "more of it"
    "مخالفان دولت قبلا نیز بارها در برابر سفارت این کشور در لندن دست به تظاهرات زده بودند.",
    "نمایندگان کنگره از سیاست درگیری نظامی آمریکا در بالکان انتقاد کردند.",
    "هزاران نفر از بیم بمباران هوایی نیروهای طالبان به ولایت بدخشان گریختند.",
    "رئیس‌جمهور از مردم خواست به حمایت خود از عملیات نظامی ارتش در چچن ادامه دهند.",
    "او گفت هر کس به مقدسات توهین کند بایستی اعدام شود.",
    "پلیس اعلام کرد سه تن متهم به دست داشتن در سوءقصدهای اخیر در شهر کراچی هستند.",
    "ما از تنش بیشتر و درگیری بیشتر با همسایگان استقبال نمی‌کنیم.",
    "وزارت کشور برای جلوگیری از اعدام احتمالی این زندانی در عربستان تلاش می‌کند.",
])
def test_habits_policies_fears_and_charges_make_no_event(text: str) -> None:
    assert not _run(text).events, _found(_run(text))


@pytest.mark.parametrize("text", [
    # weapon kinds, leaving a building, overthrowing a regime
    "وزارت دفاع امسال ساخت نفربر هجومی و ناوچه موشک‌انداز را به مرحله اجرا درمی‌آورد.",
    "پس از نشت گاز در یک مجتمع مسکونی در شهر تبریز، ساکنان ساختمان خانه‌های خود را تخلیه کردند.",
    "انقلاب مردم در سال 1357 نظام شاهنشاهی را سرنگون کرد.",
    # any or all of a kind, counts over a year or months, an end asked for
    "فرمانده نیروی زمینی گفت این نیرو آمادگی کامل برای مقابله با هر گونه تهاجم را دارد.",
    "این گروه مسئولیت کلیه حملات به اهداف دولتی را بر عهده می‌گیرد.",
    "با وجود کشته شدن بیش از دو هزار نظامی تنها ظرف یک سال، جنگ همچنان ادامه دارد.",
    "او گفت مذاکرات تنها زمانی آغاز می‌شود که گلوله‌باران این شهر پایان یابد.",
])
def test_kinds_counts_and_ends_make_no_event(text: str) -> None:
    assert not _run(text).events, _found(_run(text))


def test_a_clash_after_a_recap_of_months_stays() -> None:
    # the recap clause ("طی چند ماه گذشته") is background; the clash it leads to is the news
    doc = _run("به دنبال نبردهای گسترده ارتش در شرق کشور طی چند ماه گذشته، نخستین درگیری شدید میان ارتش و "
               "شورشیان در تیر ماه گذشته در استان آچه به وقوع پیوست.")
    assert [e.sub_event_type for e in doc.events] == ["Armed clash"], _found(doc)
    assert doc.text[doc.events[0].trigger.start:doc.events[0].trigger.end] == "درگیری"


def test_ceasefire_talks_are_no_agreement() -> None:
    doc = _run("دولت کلمبیا و شورشیان فارک اعلام کردند گفتگوهای آتش‌بس را از هفته آینده آغاز می‌کنند.")
    assert not [e for e in doc.events if e.sub_event_type == "Agreement"], _found(doc)


@pytest.mark.parametrize(("text", "sub_event_type"), [
    # the same kinds of word, told as one happening, stay events
    ("نیروهای طالبان روز دوشنبه روستاهای ولایت تخار را بمباران کردند.", "Air/drone strike"),
    ("افراد مسلح به یک اتوبوس مسافربری در جنوب افغانستان حمله کردند و چهار غیرنظامی را کشتند.", "Attack"),
    ("پلیس پاکستان سه نفر را به اتهام جاسوسی در شهر لاهور بازداشت کرد.", "Arrests"),
    ("پلیس فرد متهم به قتل را در شهر تهران دستگیر کرد.", "Arrests"),
    ("دولت کلمبیا و شورشیان فارک روز سه‌شنبه در هاوانا توافق آتش‌بس را امضا کردند.", "Agreement"),
    ("هزاران نفر از معترضان روز جمعه در مقابل ساختمان استانداری تجمع کردند.", "Peaceful protest"),
])
def test_told_happenings_next_to_those_words_stay(text: str, sub_event_type: str) -> None:
    doc = _run(text)
    assert sub_event_type in [e.sub_event_type for e in doc.events if e.polarity == "asserted"], _found(doc)


def test_an_army_named_with_its_state_is_still_an_armed_context() -> None:
    # the force word ("ارتش ترکیه") is an armed actor, unlike the bare state name
    doc = _run("ارتش ترکیه کنترل روستاهای مرزی را در شمال عراق به دست گرفت.")
    assert [e.event_type for e in doc.events] == ["Battles"], _found(doc)


@pytest.mark.parametrize("text", [
    # party squabbles, an offensive of a political camp on its "opponents"
    "او گفت این انجمن باید به دور از درگیری‌های جناحی، خانه امن هنرمندان باشد.",
    "حمایت دولت‌های خارجی در بحرانی‌ترین مقاطع تهاجم محافظه‌کاران به مخالفان اصلاحات یاری رساند.",
    # a request to refrain, a recap opened by "since then"
    "از مردم شهر خواسته شده است تا از راهپیمایی و تظاهرات و عکس‌العمل نسنجیده خودداری نمایند.",
    "از آن پس گروه‌های جدایی‌طلب با ارتش به نبرد می‌پرداختند.",
])
def test_factions_refusals_and_recaps_make_no_event(text: str) -> None:
    assert not _run(text).events, _found(_run(text))


def test_a_call_to_refrain_keeps_the_attack_it_reacts_to() -> None:
    doc = _run("پس از حمله مسلحانه دیروز داعش به کنسولگری، سازمان ملل از طرفین خواست از تنش خودداری کنند.")
    assert [e.polarity for e in doc.events] == ["asserted"], _found(doc)


def test_riot_police_are_no_riot() -> None:
    # the blocked march may be a protest; "ضد شورش" names the police unit, not a riot
    doc = _run("پلیس ضد شورش روز گذشته مانع راهپیمایی ضد دولتی در پایتخت شد، اما خشونتی روی نداد.")
    assert "Violent demonstration" not in [e.sub_event_type for e in doc.events], _found(doc)


@pytest.mark.parametrize("text", [
    # an average over several rates, a rebel group named by its cause, a detention that goes on
    "پلیس اعلام کرد که در این کشور به طور متوسط هر ده دقیقه یک فقره قتل و هر سه ساعت و نیم یک مورد آدم‌ربایی "
    "انجام می‌شود.",
    "یونیتا، گروه شورشی مخالف دولت آنگولا، اعلام کرد به فروش الماس ادامه خواهد داد.",
    "رهبر این جنبش از دسامبر گذشته در خانه‌اش در شهر سلا در بازداشت به سر می‌برد.",
])
def test_averages_rebel_groups_and_detentions_make_no_event(text: str) -> None:
    assert not _run(text).events, _found(_run(text))


def test_succeeding_in_a_deed_is_no_negation() -> None:
    # "موفق به ... شدند" (succeeded in): the deed happened
    doc = _run("کارشناسان ارتش پس از دو روز تلاش روز یکشنبه در جنگلی در غرب لندن موفق به خنثی کردن دو بمب شدند.")
    assert [(e.sub_event_type, e.polarity) for e in doc.events] == [("Disrupted weapons use", "asserted")], _found(doc)


@pytest.mark.parametrize(("text", "sub_event_type"), [
    # "it must be said that" reports, it does not oblige; "more than" counts
    ("باید گفت که مسلحان به پاسگاه حمله کردند.", "Armed clash"),
    ("در کراچی بمب‌گذاری بیشتر از 10 کشته بر جای گذاشت.", "Remote explosive/landmine/IED"),
])
def test_discourse_must_and_more_than_keep_the_event(text: str, sub_event_type: str) -> None:
    doc = _run(text)
    assert sub_event_type in [e.sub_event_type for e in doc.events if e.polarity == "asserted"], _found(doc)
