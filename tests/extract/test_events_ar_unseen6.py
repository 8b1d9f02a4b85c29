"""Arabic press, sixth fresh SaudiNewsNet sample (F): what made false events on unseen text -- a dated
timeline of old events, "imminent" in its indefinite form, a verbal attack on a government, friendly football
"encounters", organisations named after the liberation of a people, and a place that "witnesses" clashes as a
standing state (sentences written for these tests)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.extract.event_runs import doc_with_events as _run
from tests.extract.event_runs import event_summaries as _found

_PUBLISHED = datetime(2015, 8, 5, tzinfo=UTC)


def test_a_timeline_of_old_dated_entries_is_history() -> None:
    timeline = ("أبرز محطات الحرب في البلاد.\n"
                "* 12 مارس 1998: القوات الحكومية تشن غارات جوية كثيفة على مواقع المتمردين في شمال البلاد.\n"
                "* 3 يونيو 1998: المتمردون يعلنون سيطرتهم على مدينة كسلا بعد معارك عنيفة مع الجيش.\n")
    doc = _run(timeline, published=_PUBLISHED)
    assert not doc.events, _found(doc)
    # an entry dated by the article's own days is the news
    fresh = _run("آخر التطورات.\n* 4 أغسطس 2015: القوات الحكومية تشن غارات جوية كثيفة على مواقع المتمردين "
                 "في شمال البلاد.\n", published=_PUBLISHED)
    assert [e.sub_event_type for e in fresh.events] == ["Air/drone strike"], _found(fresh)


def test_an_indefinite_imminent_battle_is_planned() -> None:
    for text in ("وذلك قبل ما وصفه الجيش بأنه معركة شاملة وشيكة على مقاتلي التنظيم في الرمادي.",
                 "وقال مسؤول عسكري إن هجوما بريا واسعا وشيك على مواقع المسلحين في المدينة."):
        doc = _run(text)
        assert [e.polarity for e in doc.events] == ["planned"], _found(doc)


def test_an_attack_on_the_government_in_words_is_no_attack() -> None:
    doc = _run("وكان رئيس الكتلة قد شن هجوما عنيفا على الحكومة وقائد الجيش بعد اجتماع استثنائي أمس.")
    assert not doc.events, _found(doc)
    raid = _run("وهاجم مسلحون مقر الحكومة المحلية في الرمادي وقتلوا ثلاثة من الحراس.")
    assert raid.events, _found(raid)


def test_friendly_football_encounters_are_no_clashes() -> None:
    doc = _run("ويخوض الفريق القطري عددا من المواجهات الودية في تركيا خلال معسكره الحالي، ويستهل هذه المواجهات "
               "أمام فريق تركي في الأول من أغسطس.")
    assert not doc.events, _found(doc)
    fought = _run("واندلعت مواجهات عنيفة بين قوات الأمن ومسلحين في تركيا أمس.")
    assert [e.sub_event_type for e in fought.events] == ["Armed clash"], _found(fought)


def test_an_organisation_named_for_liberation_is_no_capture() -> None:
    for text in ("وقضت حكما بالسجن للاشتباه في انتمائها إلى جبهة جيش تحرير الشعب الثوري اليسارية.",
                 "واعتقلت الشرطة رجلا يشتبه في انتمائه إلى حركة تحرير السودان المسلحة."):
        doc = _run(text)
        assert "Government regains territory" not in [e.sub_event_type for e in doc.events], _found(doc)
        assert "Non-state actor overtakes territory" not in [e.sub_event_type for e in doc.events], _found(doc)


def test_a_place_witnessing_clashes_today_is_news_and_in_a_relative_clause_a_standing_state() -> None:
    # the day's fighting told in the present, in a main clause, is news
    live = _run("ويشهد حي جوبر منذ صباح اليوم قصفا واشتباكات عنيفة بين قوات النظام ومقاتلي المعارضة.")
    assert "Armed clash" in [e.sub_event_type for e in live.events], _found(live)
    # a place named as one that witnesses fighting (a relative clause) is the scene, not the news
    scene = _run("وقتل 20 مسلحا في محافظة شبوة، التي تشهد معارك طاحنة بين المقاومة والمتمردين.")
    assert [e.sub_event_type for e in scene.events].count("Armed clash") == 0, _found(scene)


def test_a_decision_reaches_past_its_subject() -> None:
    doc = _run("وقرر الجيش الحر وثوار البلدة توسيع معركة المدينة عبر نقلها إلى داخل العاصمة.")
    assert [e.polarity for e in doc.events] == ["planned"], _found(doc)


def test_a_tally_since_the_start_of_the_year_is_no_event() -> None:
    doc = _run("وقالت المنظمة إنها وثقت مقتل 52 طفلا جندهم التنظيم في صفوفه منذ مطلع العام الحالي.")
    assert not doc.events, _found(doc)


def test_no_choice_but_to_withdraw_is_a_withdrawal() -> None:
    doc = _run("وقال قائد الكتيبة: لم يكن أمامنا إلا الانسحاب من مواقعنا في ريف حلب الشمالي بعد نفاد الذخيرة.")
    assert [(e.sub_event_type, e.polarity) for e in doc.events] == [
        ("Non-violent transfer of territory", "asserted")], _found(doc)


def test_fire_fled_from_and_fire_a_place_is_safe_from_are_no_events() -> None:
    for text in ("وفر العشرات من عناصر الميليشيات إلى القرى القريبة من الحدود هربا من القصف المدفعي والجوي.",
                 "وأصبحت مدينة عدن آمنة من صواريخ الكاتيوشا وقذائف المدفعية، بعد أن كان المتمردون يستخدمون جبال "
                 "القاعدة."):
        doc = _run(text)
        assert not doc.events, _found(doc)


def test_standing_control_and_the_battles_a_side_wages_are_no_events() -> None:
    for text in ("وأقر الرئيس بقوة المعارضة المسلحة وسيطرتها على جزء كبير من الأرض.",
                 "وقال إن الجيش لا يمكن أن ينتصر في كل المعارك، مقرا بقوة المعارضة.",
                 "وتستمر المعارك التي يخوضها الجيش ضد المسلحين في ريف حلب."):
        doc = _run(text)
        assert not doc.events, _found(doc)
    fought = _run("ودارت معارك عنيفة بين الجيش والمسلحين في ريف حلب أمس.")
    assert [e.sub_event_type for e in fought.events] == ["Armed clash"], _found(fought)


def test_an_arrest_for_staying_without_papers_is_police_work() -> None:
    doc = _run("وأوقفت قوى الجيش في منطقة المصنع ثلاثة عشر شخصا من التابعية السورية لتجولهم داخل الأراضي اللبنانية "
               "من دون أوراق قانونية.")
    assert not doc.events, _found(doc)
    political = _run("وأوقفت قوى الجيش في منطقة المصنع ثلاثة عشر شخصا للاشتباه في انتمائهم إلى تنظيم داعش.")
    assert [e.sub_event_type for e in political.events] == ["Arrests"], _found(political)
