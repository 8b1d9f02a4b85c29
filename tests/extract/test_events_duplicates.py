"""One happening told twice in one document -- a summary and its detail, a headline's toll and the body's
telling, one toll under two weapon names -- is one event carrying every telling; distinct happenings stay
apart (issue #5: over-generation)."""

from __future__ import annotations

from rasad.model import Event
from tests.extract.event_runs import doc_with_events as _doc
from tests.extract.event_runs import events_of as _events


def _place(e: Event) -> str | None:
    return e.location.name if e.location else None


def test_a_summary_then_its_detail_is_one_event_at_the_detail() -> None:
    doc = _doc("Two civilians were killed in rocket attacks on neighborhoods in Deir Ezzor city on Wednesday. "
               "A local source said ISIL terrorists fired rocket shells on al-Joura neighborhood in the city.")
    assert [(e.sub_event_type, _place(e)) for e in doc.events] == [("Shelling/artillery/missile attack", "Al-Joura")]
    e = doc.events[0]
    assert e.fatalities is not None and e.fatalities.best == 2
    # both tellings stay as evidence: the summary's sentence and the detail's
    told = {doc.text[s.start:s.end][:20] for s in [e.sentence, *e.evidence]}
    assert {"Two civilians were k", "A local source said "} <= told


def test_a_detail_outside_the_summarys_area_is_another_happening() -> None:
    told = _events("Two civilians were killed in rocket attacks on neighborhoods in Deir Ezzor city on Wednesday. "
                   "Terrorists fired rocket shells on al-Hamdaniyeh neighborhood in Aleppo city.")
    assert len(told) == 2


def test_a_summary_over_several_provinces_is_not_one_towns_strike() -> None:
    told = _events("وأفاد المرصد بمقتل 51 من عناصر التنظيم جراء قصف طائرات التحالف مواقع التنظيم في دير الزور "
                   "والحسكة والرقة. وأشار إلى مقتل 11 منهم جراء قصف طائرات التحالف مبنى في مدينة الميادين.")
    tolls = {_place(e): e.fatalities.best if e.fatalities else None for e in told}
    assert tolls["Deir ez-Zor"] == 51 and tolls["Al Mayādīn"] == 11


def test_a_headline_toll_is_the_bodys_bombing() -> None:
    told = _events("مقتل اثنين وإصابة آخرين من الشرطة المصرية في شمال سيناء\n\n"
                   "ذكرت وزارة الداخلية المصرية أن شرطيين قتلا وأصيب ثلاثة آخرون اليوم الأحد عندما انفجرت عبوة "
                   "ناسفة مزروعة على طريق في مدرعة في مدينة العريش.")
    assert [(e.sub_event_type, _place(e)) for e in told] == [("Remote explosive/landmine/IED", "Arīsh")]
    assert told[0].fatalities is not None and told[0].fatalities.best == 2


def test_one_toll_under_two_weapon_names_is_one_event() -> None:
    told = _events("At least 20 civilians were killed by Turkish artillery fire on a village south of Jarabulus "
                   "on Sunday. Turkish shelling and air strikes killed at least 20 civilians in Syria on Sunday, "
                   "the Observatory said.")
    assert len(told) == 1
    assert told[0].fatalities is not None and told[0].fatalities.best == 20


def test_other_weapons_with_other_tolls_stay_two_events() -> None:
    told = _events("Turkish artillery fire killed 20 civilians south of Jarabulus on Sunday. "
                   "Turkish air strikes killed 7 fighters in Syria on Sunday.")
    assert len(told) == 2


def test_a_lone_victim_under_two_weapons_is_no_proof_of_one_happening() -> None:
    told = _events("A man was killed by shelling in the town of Saraqeb on Monday. "
                   "An air strike killed a man in the town of Saraqeb on Monday.")
    assert len(told) == 2


def test_an_arabic_noun_with_the_article_retells_the_happening_told_before() -> None:
    told = _events("قصفت قوات النظام بقذائف المدفعية مدينة دوما صباح اليوم. واندلعت اشتباكات عنيفة بين قوات النظام "
                   "ومقاتلي المعارضة على أطراف حي جوبر. وقال ناشطون إن القصف أدى إلى مقتل خمسة مدنيين وإصابة آخرين.")
    shelling = [e for e in told if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert [(_place(e), e.fatalities.best if e.fatalities else None) for e in shelling] == [("Dūmā", 5)]
    assert [e.sub_event_type for e in told if e not in shelling] == ["Armed clash"]
    told = _events("شنت طائرات التحالف غارة على مقر للتنظيم في مدينة الرقة مساء أمس. وسيطر مقاتلو المعارضة على قرية "
                   "في ريف حلب الشمالي. وأكد المرصد أن ثلاثة من قادة التنظيم قتلوا في الغارة.")
    strikes = [e for e in told if e.sub_event_type == "Air/drone strike"]
    assert [(_place(e), e.fatalities.best if e.fatalities else None) for e in strikes] == [("Ar Raqqah", 3)]


def test_a_definite_strike_placed_elsewhere_is_another_strike() -> None:
    told = _events("شنت طائرات التحالف غارة على مقر للتنظيم في مدينة الرقة مساء أمس. وسيطر مقاتلو المعارضة على قرية "
                   "في ريف حلب الشمالي. وقال المرصد إن الغارة على بلدة الباب أسفرت عن مقتل ثلاثة من قادة التنظيم.")
    assert [_place(e) for e in told if e.sub_event_type == "Air/drone strike"] == ["Ar Raqqah", "Al Bāb"]


def test_a_province_and_its_seat_town_in_one_sentence_are_one_event_at_the_town() -> None:
    # the gazetteer gives Yemen's towns no admin names: "Aden Governorate" is read as the seat town's
    # province from its name and its point
    doc = _doc("قصف الحوثيون بالهاون حي دار سعد في عدن، وقال مكتب الصحة في محافظة عدن إن القصف أسفر عن مقتل "
               "12 مدنيا.")
    assert [(_place(e), e.fatalities.best if e.fatalities else None) for e in doc.events] == [("Aden", 12)]
    # both tellings stay as the event's triggers (raw offsets into the text)
    triggers = [doc.text[m.start:m.end] for m in doc.mentions_of("trigger")]
    assert triggers.count("قصف") == 1 and "القصف" in triggers


def test_a_raid_on_a_town_in_its_province_told_twice_is_one_event() -> None:
    told = _events("داهم المسلحون الحوثيون منازل في مدينة الحوطة بمحافظة لحج واعتقلوا العشرات من المواطنين في "
                   "المحافظة.")
    assert [(e.sub_event_type, e.location.feature if e.location else None) for e in told] == [("Arrests", "town")]
    told = _events("كثف طيران التحالف غاراته على قاعدة العند في محافظة لحج، وقال شهود إن غارات مكثفة استهدفت "
                   "القاعدة في لحج.")
    assert [(e.sub_event_type, e.location.feature if e.location else None) for e in told] == \
        [("Air/drone strike", "town")]


def test_a_province_toll_larger_than_the_towns_is_two_events() -> None:
    told = _events("قصف الحوثيون أحياء في محافظة عدن أسفر عن مقتل 20 مدنيا، وقصفوا مدينة عدن ما أسفر عن مقتل 5 "
                   "آخرين.")
    assert sorted(e.fatalities.best for e in told if e.fatalities) == [5, 20]


def test_two_towns_of_a_district_named_after_one_of_them_stay_two_events() -> None:
    # Talbiseh lies in the Rastan district: the city of Rastan is not around it
    assert len(_events("Air strikes hit the towns of Rastan and Talbiseh on Monday.")) == 2


def test_a_province_then_quarters_of_another_city_stay_apart() -> None:
    told = _events("Regime forces clashed with rebels in Damascus countryside, and fierce clashes were reported in "
                   "Jobar and Qaboun in Damascus.")
    assert [_place(e) for e in told] == ["Rural Damascus", "Jobar", "Qaboun"]
