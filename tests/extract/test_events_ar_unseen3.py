"""Arabic press, third fresh SaudiNewsNet sample: what was lost or misplaced on unseen text -- a summary of
strikes followed by the list of places they hit, an outlet's name in quotation marks read as the scene, and
a single victim told with the wounded, the weapon and the day before the attack word (sentences written for
these tests)."""

from __future__ import annotations

import pytest

from rasad.model import Document
from tests.extract.event_runs import doc_with_events as _run
from tests.extract.event_runs import event_summaries as _found


def _places(doc: Document) -> list[str | None]:
    return [e.location.name if e.location else None for e in doc.events]


def test_a_summary_then_its_list_of_places_is_one_event_per_place() -> None:
    doc = _run("أعلن التحالف أنه نفذ 12 غارة جوية في سوريا يوم الجمعة. وأوضح البيان أن الغارات شملت أربع "
               "غارات قرب الرقة وثلاثا قرب دير الزور وخمسا قرب الحسكة.")
    assert [e.sub_event_type for e in doc.events] == ["Air/drone strike"] * 3, _found(doc)
    assert _places(doc) == ["Ar Raqqah", "Deir ez-Zor", "Al Ḩasakah"]
    # the summary's day stays with the first place it details
    assert doc.events[0].date is not None and doc.events[0].date.precision == "day"


def test_a_telling_that_details_a_placed_event_is_not_fanned_out() -> None:
    # the parts of a district an advance took are that advance, not a second capture
    doc = _run("وأحرز الجيش الحر تقدما في حي جوبر بدمشق. وأظهرت صور بثها ناشطون سيطرته على مبنى في جوبر "
               "وأجزاء من حي القابون.")
    assert len(doc.events) == 1, _found(doc)


def test_an_outlet_in_quotation_marks_is_no_scene() -> None:
    quoted = _run("وقال مسؤول محلي لـ«الشرق الأوسط» إن طائرات التحالف قصفت مواقع التنظيم أمس.")
    assert [e.sub_event_type for e in quoted.events] == ["Air/drone strike"], _found(quoted)
    assert _places(quoted) == [None]
    # the same words unquoted name the region
    plain = _run("وقال مسؤول محلي إن طائرات التحالف قصفت مواقع التنظيم في الشرق الأوسط أمس.")
    assert _places(plain) == ["Middle East"]


@pytest.mark.parametrize("text", [
    "قتل شرطي وأصيب آخر بالرصاص الثلاثاء في هجوم على حاجز في مدينة العريش.",
    "قتل شرطي وأصيب ثلاثة آخرون في هجوم على حاجز في مدينة العريش.",
    "قتل شرطي وجرح مدني بالرصاص في هجوم على حاجز في مدينة العريش.",
    "قتل شرطي برصاص مسلحين مساء الثلاثاء في هجوم على حاجز في مدينة العريش.",
])
def test_one_victim_told_with_the_wounded_weapon_and_day_is_a_toll_of_one(text: str) -> None:
    # a policeman, not a soldier: "قتل جندي" is a toll of one for the quantities stage already, so only a
    # victim it does not count tests the linking rule one_killed
    doc = _run(text)
    assert len(doc.events) == 1, _found(doc)
    assert doc.events[0].fatalities is not None and doc.events[0].fatalities.best == 1
    assert _places(doc) == ["Arīsh"]


@pytest.mark.parametrize("text", [
    "وقتل جنديان وأصيب اثنان آخران في انفجار عبوة ناسفة في مدينة العريش.",  # two dead (a dual)
    "وقتل وأصيب العشرات في انفجار سيارة مفخخة في مدينة العريش.",  # dozens dead and wounded
])
def test_a_killing_verb_before_the_wounded_of_many_dead_is_no_toll_of_one(text: str) -> None:
    doc = _run(text)
    assert doc.events, _found(doc)
    assert all(e.fatalities is None or e.fatalities.best != 1 for e in doc.events), _found(doc)


def test_a_killing_verb_opening_the_sentence_after_a_dateline_counts_its_victim() -> None:
    doc = _run("العريش - خاص\nقتل شرطي الأحد في هجوم في مدينة العريش.")
    assert len(doc.events) == 1, _found(doc)
    assert doc.events[0].fatalities is not None and doc.events[0].fatalities.best == 1


def test_many_arrests_counted_over_days_are_a_tally_not_an_event() -> None:
    for text in ("وأعلنت الشرطة أنها اعتقلت 140 شخصا في عدة مدن خلال الأسبوعين الماضيين.",
                 "وتمكنت قوات الأمن في الفترة الممتدة من الأول من مايو وحتى أمس من توقيف 35 مشتبها بهم."):
        doc = _run(text)
        assert not doc.events, _found(doc)


def test_an_arrest_of_many_on_one_day_or_of_few_over_days_stays_an_event() -> None:
    one_day = _run("واعتقلت الشرطة 140 متظاهرا أمس في ساحة التحرير بالقاهرة.")
    assert [e.sub_event_type for e in one_day.events] == ["Arrests"], _found(one_day)
    few = _run("واعتقلت الشرطة ثلاثة مشتبه بهم خلال الأيام الماضية في مدينة الإسكندرية.")
    assert [e.sub_event_type for e in few.events] == ["Arrests"], _found(few)


def test_control_of_wide_areas_where_a_side_holds_them_is_a_standing_state() -> None:
    doc = _run("وتشن القوات العراقية عمليات عسكرية في محافظة الأنبار، حيث يسيطر تنظيم داعش على مساحات واسعة.")
    assert not doc.events, _found(doc)
    # a capture of wide areas, told in the past with its day, stays one
    taken = _run("وسيطر تنظيم داعش أمس على بلدة القريتين في ريف حمص الشرقي.")
    assert [e.sub_event_type for e in taken.events] == ["Non-state actor overtakes territory"], _found(taken)


def test_the_theatre_of_the_fighting_is_no_battle() -> None:
    doc = _run("وأرسل الجيش مئات المقاتلين الذين دربهم إلى مسرح المعارك في ريف حلب الشمالي.")
    assert not doc.events, _found(doc)


def test_a_side_described_by_what_it_tries_and_progress_regarding_a_matter_are_no_events() -> None:
    tries = _run("وتنتشر القوات العراقية في محافظة الأنبار، وهي القوات التي تحاول استعادة مدن يسيطر عليها مسلحو "
                 "تنظيم داعش.")
    assert not [e for e in tries.events if e.event_type == "Strategic developments"], _found(tries)
    progress = _run("وقال الوزير إن الجانبين حققا تقدما فيما يتعلق بفتح القواعد العسكرية أمام طائرات التحالف.")
    assert not progress.events, _found(progress)
    # a side that tried to storm a district did fight there
    storm = _run("وحاولت قوات النظام اقتحام حي جوبر أمس.")
    assert [e.sub_event_type for e in storm.events] == ["Armed clash"], _found(storm)


def test_a_suicide_bombing_and_the_air_strikes_it_avenges_are_two_events() -> None:
    doc = _run("وقال الحزب إن الهجوم الانتحاري الذي استهدف ثكنة للجيش جاء ردا على مقتل مدنيين في غارات "
               "للمقاتلات الحربية. وأفادت مصادر محلية أن عشرة مدنيين قتلوا في قصف للطيران الحربي على قرية "
               "في شمال العراق.")
    kinds = sorted(e.sub_event_type for e in doc.events)
    assert "Suicide bomb" in kinds and "Air/drone strike" in kinds, _found(doc)


def test_new_attacks_are_no_retelling_of_the_attack_told_before() -> None:
    doc = _run("وقتل جنديان في هجوم على حاجز للجيش في مدينة العريش أمس. وتحدثت وسائل الإعلام اليوم عن هجمات "
               "جديدة شنها تنظيم داعش لم تسفر عن ضحايا.")
    assert len(doc.events) == 2, _found(doc)


def test_a_town_exposed_to_barrel_bombs_after_a_long_subject_is_struck() -> None:
    # the exposure verb (تعرضت) opens the clause seven words before the lam-prefixed shelling word
    doc = _run("وتعرضت مناطق في بلدة الغنطو بريف حمص الشمالي لقصف بالبراميل المتفجرة من طائرات النظام المروحية.")
    assert [e.sub_event_type for e in doc.events] == ["Air/drone strike"], _found(doc)


def test_seizing_people_is_an_arrest_and_seizing_goods_or_restraint_is_not() -> None:
    cell = _run("وأعلنت وزارة الداخلية أمس ضبط عناصر شبكة إرهابية تنتمي لتنظيم داعش في مدينة الجهراء.")
    assert [e.sub_event_type for e in cell.events] == ["Arrests"], _found(cell)
    for text in ("وتمكنت الشرطة من ضبط كميات من المخدرات في مدينة جدة أمس.",
                 "ودعا الوزير إلى ضبط النفس وضبط الأمن في مدينة عدن."):
        assert not _run(text).events, _found(_run(text))


def test_a_town_inside_a_province_spelt_with_diacritics_is_the_finer_place() -> None:
    # the gazetteer spells the province "Dar‘ā" and the town's admin name "Daraa": the town lies in it
    doc = _run("وشهدت مدينة الحارة في درعا حركة نزوح إثر قصف عنيف لقوات النظام أمس.")
    assert "Al-Harra" in _places(doc) and "Dar‘ā" not in _places(doc), _found(doc)


def test_an_offensive_for_control_and_an_operation_named_by_its_aim_are_no_capture() -> None:
    offensive = _run("ويشن الجيش السوري وحزب الله هجوما لانتزاع السيطرة على منطقة الزبداني من قوات المعارضة.")
    assert not [e for e in offensive.events if e.sub_event_type == "Government regains territory"], _found(offensive)
    operation = _run("وأشار المصدر إلى أن عملية تحرير مدينة الفلوجة ما زالت قائمة.")
    assert not operation.events, _found(operation)


def test_a_season_gone_by_and_more_than_a_month_since_date_a_happening_long_past() -> None:
    season = _run("وانسحب المدربون في الصيف الماضي عندما تفجرت الاشتباكات في طرابلس.")
    assert not season.events, _found(season)
    since = _run("واعتقلت الشرطة خلية بعد أكثر من شهر من تفجير مسجد الصادق في الكويت.")
    assert [e.sub_event_type for e in since.events] == ["Arrests"], _found(since)


def test_a_detention_centre_is_no_arrest_and_an_arrest_near_one_stays() -> None:
    held = _run("وينتهي الحال بالمهاجرين الذين يتم إنقاذهم قبالة ساحل طرابلس في مركز احتجاز قرب الساحل.")
    assert not held.events, _found(held)
    taken = _run("واعتقلت الشرطة أمس خمسة مهاجرين ونقلتهم إلى مركز احتجاز في طرابلس.")
    assert [e.sub_event_type for e in taken.events] == ["Arrests"], _found(taken)


def test_a_closing_tag_line_tells_no_happening() -> None:
    doc = _run("ألقت قوات الأمن اللبناني القبض على أربعة أشخاص ينتمون إلى مجموعات مسلحة في بيروت أمس. "
               "سمات توقيف لبنان. داعش غارة")
    assert [e.trigger.text for e in doc.events] == ["القبض على"], _found(doc)
    # "سمات" (features) inside a sentence opens no tag line
    traits = _run("ومن سمات هذه المرحلة أن الطيران الحربي قصف مدينة حلب أمس.")
    assert [e.sub_event_type for e in traits.events] == ["Air/drone strike"], _found(traits)


def test_a_reference_point_after_a_town_is_no_second_target() -> None:
    doc = _run("وفي مدينة الفلوجة، 50 كلم شرق الرمادي، أعلنت قيادة عمليات الأنبار مقتل خمسة مسلحين بقصف مدفعي، "
               "وسط المدينة.")
    assert _places(doc) == ["Al Fallūjah"], _found(doc)
