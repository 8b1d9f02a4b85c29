"""Arabic press wording: headlines, tolls, speakers, battles and campaigns (sentences written for these
tests in the style of Syrian and Iraqi news agency reports)."""

from __future__ import annotations

from rasad.model import Document, Event
from rasad.pipeline import build_pipeline

_PIPELINE = build_pipeline(until="events")


def _events(text: str) -> list[Event]:
    doc = Document.create(text, lang="und")
    _PIPELINE(doc)
    return doc.events


def _id(actor: object) -> str | None:
    return getattr(actor, "canonical_id", None)


def test_headline_and_its_repetition_are_one_event_evidenced_by_the_body() -> None:
    headline = "مقتل 5 مدنيين بقصف على بلدة كفرنبل"
    text = (f"{headline}\n\nقتل خمسة مدنيين اليوم الأحد في قصف مدفعي لقوات النظام على بلدة كفرنبل بريف إدلب، "
            f"حسبما أفاد ناشطون.\n\nرابط الخبر: {headline}")
    events = _events(text)
    assert len(events) == 1
    event = events[0]
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.trigger.start > len(headline)  # the body's telling, not the headline's
    assert event.trigger.start < text.index("رابط")
    assert event.fatalities is not None and event.fatalities.best == 5


def test_a_count_in_another_triggers_clause_is_that_events_toll() -> None:
    events = _events("قتل 8 مدنيين بقصف لقوات النظام على بلدة كفرنبل، فيما أعلنت الفصائل مقتل 12 عنصرا "
                     "من قوات النظام في اشتباكات قرب مدينة خان شيخون.")
    tolls = {e.sub_event_type: e.fatalities.best if e.fatalities else None for e in events}
    assert tolls == {"Shelling/artillery/missile attack": 8, "Armed clash": 12}


def test_the_subject_of_a_reporting_verb_is_the_speaker_not_the_bomber() -> None:
    events = _events("قالت الشرطة العراقية إن تفجيرا انتحاريا بسيارة ملغومة أعلن تنظيم داعش مسؤوليته عنه "
                     "قتل 30 شخصا في بلدة الخالص.")
    assert [e.sub_event_type for e in events] == ["Suicide bomb"]
    assert _id(events[0].actor1) == "isis"
    assert events[0].fatalities is not None and events[0].fatalities.best == 30


def test_a_speaker_taken_back_by_the_report_stays_the_agent() -> None:
    events = _events("قالت قوات النظام إنها اعتقلت 20 شخصا في مدينة التل بريف دمشق.")
    assert [e.sub_event_type for e in events] == ["Arrests"]
    assert _id(events[0].actor1) == "sy_gov_forces"


def test_clashes_that_won_a_village_are_one_capture_by_the_winner() -> None:
    events = _events("اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام في قرية الزيارة أسفرت عن "
                     "سيطرة قوات النظام على القرية.")
    assert len(events) == 1
    assert events[0].sub_event_type == "Government regains territory"
    assert _id(events[0].actor1) == "sy_gov_forces"
    assert _id(events[0].actor2) == "sy_opposition"


def test_shelling_coordinated_with_clashes_is_part_of_the_battle() -> None:
    events = _events("يشهد حي جوبر منذ الصباح قصفا واشتباكات بين قوات النظام وفصائل المعارضة.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_shelling_in_another_sentence_than_the_clashes_stays_its_own_event() -> None:
    events = _events("دارت اشتباكات بين قوات النظام وفصائل المعارضة في حي جوبر. "
                     "وفي سياق متصل قصفت قوات النظام بلدة كفرنبل بقذائف المدفعية.")
    assert sorted(e.sub_event_type for e in events) == ["Armed clash", "Shelling/artillery/missile attack"]


def test_a_toll_of_one_side_after_a_named_air_campaign_is_a_strike_not_a_clash() -> None:
    events = _events("قصفت طائرات التحالف الدولي مواقع تنظيم داعش في محافظة الرقة. وأشار المرصد إلى مقتل 15 "
                     "من عناصر داعش جراء استهداف مقر للتنظيم في مدينة الطبقة.")
    assert all(e.sub_event_type == "Air/drone strike" for e in events)
    struck = [e for e in events if e.fatalities is not None and e.fatalities.best == 15]
    assert struck and _id(struck[0].actor1) == "us_coalition" and _id(struck[0].actor2) == "isis"


def test_killed_with_three_others_is_four_dead() -> None:
    events = _events("قتل القيادي أبو محمد مع ثلاثة عناصر آخرين في اشتباكات مع قوات النظام في حي جوبر.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert events[0].fatalities is not None and events[0].fatalities.best == 4


def test_some_of_the_dead_is_not_the_toll() -> None:
    events = _events("ارتفعت حصيلة قتلى القذائف التي سقطت على دمشق إلى 11 قتيلا. "
                     "وقال المرصد إن تسعة من القتلى مدنيون.")
    assert len(events) == 1
    assert events[0].fatalities is not None and events[0].fatalities.best == 11


def test_the_same_toll_at_a_nested_place_is_the_same_happening() -> None:
    events = _events("ارتفعت حصيلة قتلى القذائف الصاروخية التي سقطت على دمشق إلى 11 قتيلا. وأفادت الوكالة "
                     "بارتفاع حصيلة القتلى جراء القذائف التي أطلقت على حي باب توما والعباسيين في دمشق إلى 11 قتيلا.")
    assert len(events) == 1
    assert events[0].fatalities is not None and events[0].fatalities.best == 11


def test_drone_and_condition_words_are_not_modality_cues() -> None:
    drone = _events("قال مصدر محلي إن طائرة بلا طيار استهدفت سيارة في مدينة القنيطرة وقتلت شخصين.")
    assert [(e.sub_event_type, e.polarity) for e in drone] == [("Air/drone strike", "asserted")]
    condition = _events("أعرب المبعوث عن قلقه إزاء حالة السكان الذين يتعرضون لقصف عنيف بالبراميل المتفجرة "
                        "في مدينة الزبداني.")
    assert [(e.sub_event_type, e.polarity) for e in condition] == [("Air/drone strike", "asserted")]


def test_a_denial_does_not_reach_across_a_while_clause() -> None:
    events = _events("نفت أنقرة قصف مواقع الوحدات الكردية، في وقت سيطرت فيه الوحدات على بلدة صرين.")
    polarity = {e.sub_event_type: e.polarity for e in events}
    assert polarity == {"Shelling/artillery/missile attack": "denied", "Non-state actor overtakes territory": "asserted"}


def test_a_decision_to_strike_is_planned_and_a_rejected_truce_is_no_agreement() -> None:
    planned = _events("قالت الولايات المتحدة إنها قررت السماح بضربات جوية في سوريا.")
    assert [(e.sub_event_type, e.polarity) for e in planned] == [("Air/drone strike", "planned")]
    assert _events("رفض زعيم الحوثيين الهدنة التي أعلنها التحالف في اليمن.") == []
    assert _events("ومن المقرر أن تبدأ الهدنة في اليمن يوم الأحد.") == []


def test_the_headline_event_is_the_body_lead_named_at_a_finer_place() -> None:
    text = ("مقتل 3 جنود بانفجار عبوة ناسفة في درعا\n\nقتل ثلاثة جنود من قوات النظام صباح اليوم بانفجار عبوة "
            "ناسفة زرعها مجهولون على طريق بلدة نوى في ريف درعا الغربي، حسبما أفاد ناشطون.\n\nويذكر أن ريف درعا "
            "يشهد هجمات متكررة أدت إلى مقتل العشرات من عناصر النظام.")
    events = _events(text)
    assert len(events) == 1
    assert events[0].sub_event_type == "Remote explosive/landmine/IED"
    assert text.index("قتل ثلاثة") <= events[0].trigger.start < text.index("ويذكر")
    assert events[0].fatalities is not None and events[0].fatalities.best == 3  # not the background's dozens


def test_a_singular_killing_verb_before_the_event_is_one_dead() -> None:
    one = _events("وأفادت وزارة الدفاع أن القيادي محسن الفضلي قتل في ضربة جوية قرب بلدة سرمدا.")
    assert [(e.sub_event_type, e.fatalities.best if e.fatalities else None) for e in one] == [("Air/drone strike", 1)]
    counted = _events("قتل 5 مدنيين في قصف على بلدة كفرنبل.")
    assert [e.fatalities.best if e.fatalities else None for e in counted] == [5]
    plural = _events("قتلوا في قصف على بلدة كفرنبل.")
    assert [e.fatalities for e in plural] == [None]  # a plural verb does not say how many


def test_civilians_clashing_with_gunmen_are_attacked_not_a_side() -> None:
    attack = _events("قالت مصادر محلية إن اشتباكات اندلعت بين مواطنين ونقطة مسلحة تابعة للحوثيين في صنعاء.")
    assert [(e.sub_event_type, _id(e.actor1), _id(e.actor2)) for e in attack] == [("Attack", "houthis", "civilians")]
    battle = _events("اندلعت اشتباكات بين قوات النظام وفصائل المعارضة في حي جوبر أسفرت عن مقتل مدنيين.")
    assert [e.sub_event_type for e in battle] == ["Armed clash"]


def test_a_reference_point_is_not_where_it_happened() -> None:
    events = _events("أعرب المبعوث عن قلقه إزاء حالة السكان في مدينة الزبداني مما يتعرضون له من قصف بالبراميل "
                     "المتفجرة. وأضاف أن عددا كبيرا من البراميل المتفجرة سقطت على المدينة الواقعة شمال غرب "
                     "العاصمة دمشق.")
    assert len(events) == 1
    assert events[0].location is not None and events[0].location.name != "Damascus"


def test_a_definite_strike_with_a_relative_clause_is_the_strike_told_before() -> None:
    events = _events("أفاد المرصد بمقتل اثنين من قادة تنظيم داعش في غارة جوية بشمال شرق سوريا. وقال مدير المرصد "
                     "إنه لم يتضح إن كانت الغارة الجوية التي استهدفت محافظة الحسكة نفذها الجيش السوري أو قوات "
                     "التحالف.")
    assert len(events) == 1
    assert events[0].polarity == "asserted"
    assert events[0].fatalities is not None and events[0].fatalities.best == 2
    # the country of the first telling gives way to the province the second one names
    assert events[0].location is not None and events[0].location.feature != "country"


def test_a_habit_or_a_war_recap_is_background_not_an_event() -> None:
    assert _events("ويقصف النظام بانتظام مناطق المعارضة في مدينة حلب.") == []
    assert _events("تعرضت محطات الكهرباء أكثر من مرة للقصف من قبل الحوثيين.") == []
    assert _events("قتل أكثر من 250 ألف شخص منذ اندلاع النزاع في سوريا عام 2011.") == []
    today = _events("قصفت قوات النظام اليوم حي الشعار في مدينة حلب.")
    assert [e.sub_event_type for e in today] == ["Shelling/artillery/missile attack"]


# --- general press wording beyond the Syrian war reports (sentences written for these tests) ---------------


def test_everyday_senses_of_advance_handover_and_container_make_no_event() -> None:
    # "تقدم" offers/progress, "تسليم" of aid, "إخلاء سبيل" a release, "عبوة" a milk can, "رئيس التحرير"
    for sentence in ("وأثنى الوفد على الخدمات الكبيرة التي تقدمها الحملة الوطنية للاجئين في المخيم.",
                     "وأكد الطرفان أهمية التقدم في العملية السلمية على أساس المبادرة العربية.",
                     "وحضر مراسم تسليم المساعدات سفير المملكة في العاصمة.",
                     "وأمرت المحكمة بإخلاء سبيل 11 متهما بلا ضمان مع منعهم من السفر.",
                     "وتم صرف 179 عبوة حليب للأطفال ضمن برنامج الرعاية الصحية.",
                     "وقال رئيس التحرير إن الصحيفة ستصدر عددا خاصا غدا."):
        assert _events(sentence) == [], sentence


def test_a_military_advance_and_an_armed_handover_stay_events() -> None:
    advance = _events("وحققت المقاومة الشعبية المسنودة بقوات الجيش تقدما باتجاه جبل أمان شرقي مدينة تعز.")
    assert [e.sub_event_type for e in advance] == ["Armed clash"]
    handover = _events("وسلمت الفصائل المسلحة مواقعها في بلدة الزبداني إلى قوات النظام بموجب الاتفاق.")
    assert [e.sub_event_type for e in handover] == ["Non-violent transfer of territory"]


def test_a_battle_to_come_and_a_plot_are_not_asserted() -> None:
    future = _events("وحذر القائد من أن المعارك القادمة في ريف حلب ستكون الأعنف.")
    assert all(e.polarity != "asserted" for e in future)
    plot = _events("وأوضحت الشرطة أن المتطرفين يهدفون إلى تفجير قنبلة في وسط لندن خلال الاحتفالات.")
    assert plot and all(e.polarity == "planned" for e in plot)


def test_a_capture_named_after_since_is_background() -> None:
    events = _events("ويذكر أنه منذ سيطرة تنظيم داعش على مدينة درنة لم تهدأ المنطقة.")
    assert not any(e.event_type == "Strategic developments" or "territory" in e.sub_event_type for e in events)


def test_suicide_infiltrators_and_a_foiled_attack_are_events() -> None:
    suicide = _events("وفجر انغماسيون من تنظيم داعش أنفسهم عند حاجز للجيش العراقي في الرمادي، ما أدى إلى مقتل 7 جنود.")
    assert [e.sub_event_type for e in suicide] == ["Suicide bomb"]
    foiled = _events("وتمكنت القوات الموالية للشرعية من إحباط هجوم للحوثيين على مواقعها في مأرب.")
    assert [e.sub_event_type for e in foiled] == ["Armed clash"]
