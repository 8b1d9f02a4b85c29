"""Precision on unseen text: words used about a topic, not tellings of a happening, give no event."""

from __future__ import annotations

from rasad.model import Document, Event
from rasad.pipeline import build_pipeline


def _events(text: str) -> list[Event]:
    doc = Document.create(text)
    build_pipeline(until="events")(doc)
    return doc.events


def test_a_weapon_defined_is_not_an_event() -> None:
    assert _events("Barrel bombs are crude containers filled with explosives and scrap metal.") == []
    told = _events("Barrel bombs hit the town of Daraya on Monday, killing five civilians.")
    assert [e.sub_event_type for e in told] == ["Air/drone strike"]


def test_confronting_a_topic_is_not_a_battle() -> None:
    assert _events("ودعا المشاركون في المؤتمر إلى تعزيز سبل التصدي للتطرف في المنطقة.") == []
    assert _events("وقال الكاتب إن أي فكر متطرف يمكن أن يسيطر على عقول الشباب.") == []


def test_a_topic_word_with_a_place_below_the_country_stays_an_event() -> None:
    told = _events("وسقطت قذائف هاون على حي باب توما في دمشق صباح اليوم.")
    assert [e.sub_event_type for e in told] == ["Shelling/artillery/missile attack"]


def test_confronting_as_a_policy_is_no_battle_but_the_verb_tells_one() -> None:
    policy = "أكد الأمير أن الأعمال الإرهابية التي وقعت في المساجد لن تثن المملكة عن التصدي بحزم للإرهاب."
    assert _events(policy) == []
    fight = _events("تصدت قوات الجيش لهجوم شنه مسلحون على حاجز في ريف درعا.")
    assert [e.sub_event_type for e in fight] == ["Armed clash"]


def test_a_happening_hedged_then_asserted_at_the_same_place_is_one_event() -> None:
    told = _events("Dozens of people were killed in a suspected chemical attack on the town of Saraqeb on Tuesday. "
                   "Doctors at a field hospital said sarin had been used in Saraqeb.")
    assert [e.sub_event_type for e in told] == ["Chemical weapon"]


def test_a_place_a_side_holds_is_no_capture() -> None:
    told = _events("وسقطت قذائف على بلدة صغيرة يسيطر عليها مقاتلو المعارضة في ريف حماة.")
    assert [e.sub_event_type for e in told] == ["Shelling/artillery/missile attack"]


def test_almost_daily_strikes_are_a_habit_not_a_happening() -> None:
    assert _events("وتشن الطائرات الحربية غارات شبه يومية على مواقع التنظيم في محيط المدينة.") == []
    told = _events("وشنت الطائرات الحربية غارات على مواقع التنظيم في محيط مدينة الرقة صباح اليوم.")
    assert [e.sub_event_type for e in told] == ["Air/drone strike"]


def test_a_headline_capture_without_its_actor_is_the_body_capture() -> None:
    told = _events("المقاومة تستعيد القصر الرئاسي في عدن\n\nاستعادت قوات المقاومة الشعبية والجيش الوطني صباح اليوم "
                   "القصر الرئاسي في حي التواهي بمدينة عدن من ميليشيات الحوثي.")
    assert [e.sub_event_type for e in told] == ["Government regains territory"]


def test_a_place_under_their_control_is_no_battle() -> None:
    for text in ("وقال سكان إن المناطق السكنية في مدينة دونيتسك الواقعة تحت سيطرتهم تعاني من نقص الغذاء.",
                 "ونظم الفصيل الذي يبسط سيطرته على منطقة الغوطة الشرقية حفلا في دوما."):
        assert _events(text) == []


def test_readiness_and_counterfactuals_are_not_asserted() -> None:
    ready = _events("قال رئيس الوزراء البريطاني اليوم إنه مستعد لتوجيه أوامر بضربات جوية على أهداف في ليبيا.")
    assert [e.polarity for e in ready] == ["planned"]
    counterfactual = _events("وقال الرئيس الإيراني إنه لولا إيران لسقطت بغداد بيد داعش.")
    assert [e.polarity for e in counterfactual] == ["hypothetical"]


# A column of my own writing: long, arguing, attributing nothing.  Its trigger words (السيطرة، التفجير،
# الهجمات) name the war it argues about; 40 sentences make it longer than commentary.min_words.
_COLUMN = " ".join([
    "لا يمكن فهم ما يجري في المنطقة من دون العودة إلى جذور التطرف الذي صنعته سنوات من الإهمال.",
    "فالتنظيمات الإرهابية لا تعيش إلا في الفراغ، وهي تسعى دائما إلى السيطرة على عقول الشباب قبل الأرض.",
    "ومن يتأمل خطاب داعش يجد أن التفجير عنده غاية في ذاته، وأن الهجمات على المساجد رسالة لا تحتاج إلى تفسير.",
    "إن المعركة الحقيقية هي معركة الوعي، والمدرسة والأسرة هما خط الدفاع الأول عن المجتمع.",
] * 10)


def test_a_column_that_attributes_nothing_is_commentary_not_news() -> None:
    assert _events(_COLUMN) == []
    news = "قال مصدر أمني إن انفجار سيارة مفخخة قرب سوق شعبية في بغداد أسفر أمس عن مقتل خمسة مدنيين. " + _COLUMN
    told = _events(news)
    assert [e.sub_event_type for e in told] == ["Remote explosive/landmine/IED"]


def test_weapons_named_as_things_are_no_fire() -> None:
    assert _events("وقالت المنظمة إن كلا الجانبين لم يسحب المدفعية الثقيلة من خط الجبهة كما ينص الاتفاق.") == []
    seized = _events("It said all the rebels were killed and machineguns and rocket-propelled grenades were confiscated.")
    assert "Shelling/artillery/missile attack" not in [e.sub_event_type for e in seized]
    fired = _events("Gunmen fired rocket-propelled grenades at a police checkpoint in Raqqa on Monday, killing two officers.")
    assert [e.sub_event_type for e in fired] == ["Shelling/artillery/missile attack"]


def test_handing_over_detainees_is_no_transfer_of_territory() -> None:
    detainees = _events("وأوقفت قوى الجيش ثلاثة عشر مسلحا على الحدود، وتم تسليم الموقوفين مع المضبوطات إلى المرجع المختص.")
    assert [e.sub_event_type for e in detainees] == ["Arrests"]
    town = _events("وبدأت الفصائل المسلحة تسليم مدينة الزبداني إلى الجيش بعد اتفاق التسوية.")
    assert "Non-violent transfer of territory" in [e.sub_event_type for e in town]


def test_strikes_on_a_near_daily_basis_are_a_habit() -> None:
    assert _events("The coalition has continued air strikes against the militants in Raqqa on a near-daily basis.") == []


def test_fighting_people_fled_is_the_cause_of_their_flight() -> None:
    assert _events("The town has become home to tens of thousands of people displaced by fighting in nearby areas.") == []
    assert _events("ويقدر عدد اللاجئين الليبيين الفارين من المعارك في ليبيا إلى تونس بمئات الآلاف.") == []
