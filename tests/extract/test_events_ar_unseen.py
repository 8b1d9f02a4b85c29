"""Arabic general news (Gulf press, not only war reports): what over-generated on fresh SaudiNewsNet text --
a doctor read as "pounded", control and liberation of prices and minds, a side that stopped firing read as an
arrest, a massacre told twice, "no fewer than" read as a negation, habits, rates, standing states, plans and
the martyrs' families -- and the real events next to them that must stay (sentences written for these tests)."""

from __future__ import annotations

import pytest

from rasad.extract.events import trigger_lexicon
from rasad.text.normalize import normalize_text
from tests.extract.event_runs import doc_with_events as _run
from tests.extract.event_runs import event_summaries as _found


@pytest.mark.parametrize("text", [
    # control, liberation and recovery of anything but a place, with no arms in sight
    "وتحدث الخبراء في جدة أمس عن تحرير التجارة واستعادة ثقة المستثمرين والسيطرة على الأسعار.",
    "يسيطر الفكر المتطرف على عقول بعض الشباب في لندن وباريس.",
    # a side that holds its fire is neither arrested nor shooting
    "ويذكر أن جماعة فارك المسلحة أوقفت إطلاق النار في كولومبيا الأسبوع الماضي.",
    # what "has happened before", a rate, a country that "witnesses" clashes
    "وسبق أن قتل مدنيون في قصف عشوائي على أحياء المدينة.",
    "ونفذت طائرات التحالف 20 غارة كمعدل يومي على مواقع التنظيم في بلدة صرين.",
    "وزار المبعوث الأممي مدينة تعز التي تشهد مواجهات عنيفة بين المقاومة والحوثيين.",
    # the martyrs' families are honoured, nobody is killed
    "وقررت الحكومة السورية منح مكافأة لمن يتزوج أرملة أحد شهداء الجيش في دمشق.",
    # fighting named with its enemy is an aim
    "ووافقت تركيا على استخدام الطائرات الأمريكية لقاعدة إنجرليك في قتال التنظيم.",
])
def test_everyday_senses_habits_and_states_make_no_event(text: str) -> None:
    assert not _run(text).events, _found(_run(text))


def test_doctor_is_no_pounding() -> None:
    # a trailing * on "دك" (pounded) took "الدكتور"; the written-out forms do not
    lexicon = trigger_lexicon("ar")
    assert lexicon is not None
    hits = lexicon.matcher.find(normalize_text("وقال الدكتور أحمد ودكتورة الجامعة"))
    assert [h for h in hits if not h.payload.shield] == []


def test_real_pounding_and_a_liberation_by_an_army_stay_events() -> None:
    pounding = _run("ودكت المدفعية مواقع المسلحين في ريف حماة الشمالي.")
    assert [e.sub_event_type for e in pounding.events] == ["Shelling/artillery/missile attack"]
    liberation = _run("وأعلن الجيش العراقي تحرير بلدة الكرمة من تنظيم داعش بعد معارك عنيفة.")
    assert liberation.events and liberation.events[0].event_type == "Battles"
    assert liberation.events[0].polarity == "asserted"


def test_a_massacre_told_with_its_strike_is_one_event_and_alone_stays_one() -> None:
    with_strike = _run("وارتكبت قوات النظام مجزرة في بلدة كفرنبل بقصف صاروخي أسفر عن مقتل 12 مدنيا.")
    assert [e.sub_event_type for e in with_strike.events] == ["Shelling/artillery/missile attack"]
    alone = _run("وارتكب مسلحون مجزرة في قرية الحمرا بريف حماة راح ضحيتها 15 مدنيا.")
    assert [e.sub_event_type for e in alone.events] == ["Attack"]


def test_no_fewer_than_is_a_count_and_adam_negates() -> None:
    strikes = _run("ونفذ الطيران الحربي ما لا يقل عن 6 غارات على بلدات جبل الأكراد في ريف اللاذقية.")
    assert [(e.sub_event_type, e.polarity) for e in strikes.events] == [("Air/drone strike", "asserted")]
    assert strikes.events[0].trigger.text == "غارات"
    assert all(e.polarity == "negated"
               for e in _run("وطالب الوزير بضمان عدم اعتقال الصحفيين في العاصمة.").events)


@pytest.mark.parametrize("text", [
    "وأصدرت المحكمة قرارا بضرورة اعتقال المتهمين الثلاثة في بروكسل.",
    "وأكد الوزير أن معركة شاملة ضد التنظيم في الرقة ستنطلق قريبا.",
    "وبحث المجتمعون مرحلة ما بعد تحرير الموصل من تنظيم داعش.",
])
def test_obligations_soon_and_the_post_phase_are_not_asserted(text: str) -> None:
    assert all(e.polarity != "asserted" for e in _run(text).events), _found(_run(text))


def test_the_clashes_of_a_capture_and_a_sourced_retelling_are_the_happening_told_before() -> None:
    capture = _run("وسيطرت قوات الجيش والمقاومة أمس على قاعدة العند الجوية في محافظة لحج بعد معارك عنيفة. "
                   "وذكر مصدر عسكري أن 30 من مسلحي الحوثي قتلوا أثناء المواجهات.")
    assert [e.sub_event_type for e in capture.events] == ["Government regains territory"]
    assert capture.events[0].trigger.text == "سيطرت"  # the capture still names the event
    clashes = _run("وذكرت المصادر أن قياديا حوثيا قتل في الهجوم على مديرية العدين بمحافظة إب. "
                   "وأوضحت المصادر أن المواجهات لا تزال مستمرة حتى الآن.")
    assert len(clashes.events) == 1, _found(clashes)


@pytest.mark.parametrize("text", [
    # Gulf domestic news: an election "battle", the feast's sacrifice, police work against ordinary crime
    "وتشهد الدائرة الانتخابية في القاهرة معركة انتخابية حامية بين المرشحين.",
    "وحذرت أمانة جدة من ذبح الأضاحي خارج المسالخ المعتمدة خلال أيام العيد.",
    "وأعلن المتحدث الأمني لشرطة منطقة مكة المكرمة القبض على ثلاثة مقيمين سرقوا محلا تجاريا في جدة أمس.",
    "وأوقفت دوريات الأمن في الدمام أمس خمسة أشخاص بحوزتهم كمية من الحشيش.",
])
def test_domestic_senses_make_no_event(text: str) -> None:
    assert not _run(text).events, _found(_run(text))


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("وأقدم عناصر تنظيم داعش على ذبح ثلاثة رهائن في مدينة الرقة أمس.", "Attack"),
    ("وقتل مدني برصاص قناص في حي الشيخ مقصود بحلب أمس.", "Attack"),
    ("وأعلنت وزارة الداخلية القبض على خلية إرهابية من 5 عناصر في القطيف أمس.", "Arrests"),
    ("واعتقلت قوات الأمن البحرينية 12 ناشطا في قرية الدراز أمس.", "Arrests"),
])
def test_beheadings_snipers_and_political_arrests_stay(text: str, sub_event_type: str) -> None:
    assert [e.sub_event_type for e in _run(text).events] == [sub_event_type]


def test_a_campaign_in_the_present_tense_and_demonstrations_sweeping_a_city_are_no_events() -> None:
    assert not _run("وقال سكان إن الضربات الجوية التي يشنها التحالف العربي على مدينة عدن دمرت عددا من المباني."
                    ).events
    assert not _run("وشارك الرئيس في واحدة من المظاهرات الكثيرة التي اجتاحت تل أبيب الليلة الماضية ضد الجريمة."
                    ).events
    invasion = _run("واجتاحت قوات الاحتلال الإسرائيلي بلدة بيت حانون شمال قطاع غزة فجر اليوم.")
    assert [e.event_type for e in invasion.events] == ["Battles"]
