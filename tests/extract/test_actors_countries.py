"""Actors beyond Syria: an unqualified state force, armed group or militia belongs to the country the text
places it in (adjacent nationality, the sentence's places, the sentences before, the document's country);
Syria's ids only in Syrian contexts.  And ACLED order for repelled attacks: the attacker is actor 1."""

from __future__ import annotations

import pytest

from rasad.model import Document, Mention
from rasad.pipeline import build_pipeline
from tests.extract.event_runs import actor_pair


@pytest.fixture(scope="module")
def until_actors():
    return build_pipeline(until="actors")


@pytest.fixture(scope="module")
def until_events():
    return build_pipeline(until="events")


def _actors(pipeline, text: str, lang: str) -> list[Mention]:
    doc = Document.create(text, lang=lang)
    pipeline(doc)
    return doc.mentions_of("actor")


def _by_text(mentions: list[Mention]) -> dict[str, tuple[str | None, str | None]]:
    return {m.text: (m.canonical_id, m.attrs.get("country")) for m in mentions}


def _roles(pipeline, text: str, lang: str) -> list[tuple[str | None, str | None]]:
    doc = Document.create(text, lang=lang)
    pipeline(doc)
    return [actor_pair(e) for e in doc.events]


def test_egyptian_army_and_militants_in_sinai(until_actors) -> None:
    got = _by_text(_actors(until_actors, "قال المتحدث العسكري إن الجيش قتل 12 من المسلحين في حملة أمنية بمدينة الشيخ "
                                         "زويد في محافظة شمال سيناء.", "ar"))
    assert got["الجيش"] == ("eg_forces", "EGY")
    assert got["المسلحين"] == ("unidentified_armed_group", "EGY")
    # an armed attack is no actor: "مسلحا" after a noun is its adjective
    assert [m.canonical_id for m in _actors(until_actors, "أسفر هجوم مسلح على كمين في العريش عن مقتل جنديين.", "ar")] \
        == ["eg_forces"]


def test_adjacent_nationality_beats_the_places_of_the_sentence(until_actors) -> None:
    got = _by_text(_actors(until_actors, "وأعلنت الشرطة المصرية مقتل ثلاثة من عناصرها قرب الحدود مع قطاع غزة "
                                         "وإسرائيل.", "ar"))
    assert got["الشرطة المصرية"][0] == "eg_forces"
    got = _by_text(_actors(until_actors, "Egyptian soldiers killed two smugglers near the border with Israel.", "en"))
    assert got["Egyptian soldiers"][0] == "eg_forces"
    got = _by_text(_actors(until_actors, "Turkish police detained 20 suspects in the Syrian border town of Akcakale.",
                           "en"))
    assert got["Turkish police"][0] == "tr_forces"


def test_libya_lebanon_yemen_and_turkey(until_actors) -> None:
    got = _by_text(_actors(until_actors, "واشتبك الجيش مع مسلحين في جرود بلدة عرسال اللبنانية على الحدود مع "
                                         "سوريا.", "ar"))
    assert got["الجيش"][0] == "lb_forces"
    assert got["مسلحين"] == ("unidentified_armed_group", "LBN")
    got = _by_text(_actors(until_actors, "وقالت مصادر محلية إن المقاومة الشعبية والجيش سيطروا على قاعدة العند الجوية "
                                         "في محافظة لحج جنوب اليمن.", "ar"))
    assert got["الجيش"][0] == "ye_gov_forces" and got["المقاومة الشعبية"][0] == "ye_resistance"
    got = _by_text(_actors(until_actors, "واندلعت اشتباكات بين المسلحين وقوات فجر ليبيا في ضواحي طرابلس الليبية.",
                           "ar"))
    assert got["المسلحين"][0] == "ly_militias" and got["قوات فجر ليبيا"][0] == "ly_dawn"
    got = _by_text(_actors(until_actors, "قتل جنديان في هجوم شنه مسلحون أكراد على مركز للشرطة في ولاية هكاري "
                                         "جنوب شرقي تركيا.", "ar"))
    assert got["جنديان"][0] == "tr_forces" and got["مسلحون أكراد"][0] == "pkk"


def test_a_sentence_without_places_takes_the_front_told_just_before(until_actors) -> None:
    mentions = _actors(until_actors, "سيطرت القوات العراقية على حي الضباط في مدينة الرمادي. وقال ضابط إن الجيش "
                                     "قتل 20 من المسلحين خلال العملية.", "ar")
    got = _by_text(mentions)
    assert got["الجيش"][0] == "iq_gov_forces"
    assert got["المسلحين"] == ("unidentified_armed_group", "IRQ")


def test_syrian_contexts_keep_the_syrian_ids(until_actors) -> None:
    got = _by_text(_actors(until_actors, "قصف الجيش مواقع المسلحين في ريف حماة الشمالي وقتل خمسة منهم.", "ar"))
    assert got["الجيش"][0] == "sy_gov_forces" and got["المسلحين"][0] == "sy_opposition"
    got = _by_text(_actors(until_actors, "نیروهای امنیتی در حومه دمشق دو تروریست را بازداشت کردند.", "fa"))
    assert got["نیروهای امنیتی"][0] == "sy_gov_forces" and got["تروریست"][0] == "sy_opposition"


def test_persian_and_english_generic_wordings_abroad(until_actors) -> None:
    got = _by_text(_actors(until_actors, "نیروهای امنیتی در بغداد دو تروریست را بازداشت کردند.", "fa"))
    assert got["نیروهای امنیتی"][0] == "iq_gov_forces" and got["تروریست"] == ("unidentified_armed_group", "IRQ")
    got = _by_text(_actors(until_actors, "Gunmen attacked security forces at a checkpoint in North Sinai on Sunday.", "en"))
    assert got["security forces"][0] == "eg_forces" and got["Gunmen"] == ("unidentified_armed_group", "EGY")


def test_a_troop_carrier_is_not_an_actor(until_actors) -> None:
    ids = [m.canonical_id for m in _actors(until_actors, "ودمرت الغارات ناقلة جنود مدرعة تابعة لتنظيم داعش قرب "
                                                          "الرمادي.", "ar")]
    assert ids == ["isis"]


def test_the_attacker_of_a_repelled_attack_is_actor_1(until_events) -> None:
    assert _roles(until_events, "تصدى الجيش الليبي لهجوم شنته ميليشيات فجر ليبيا على ميناء السدرة النفطي.", "ar") \
        == [("ly_dawn", "ly_lna")]
    assert _roles(until_events, "وصدت القوات الأمنية هجوما لتنظيم داعش على ناحية البغدادي غرب الأنبار.", "ar") \
        == [("isis", "iq_gov_forces")]
    assert _roles(until_events, "Egyptian troops repelled an attack by militants on a checkpoint in North Sinai.",
                  "en") == [("unidentified_armed_group", "eg_forces")]
    # the attacked side is not marked when nothing is said to be repelled: the attacker leads anyway
    assert _roles(until_events, "شن الجيش هجوما على مواقع لداعش في محيط مدينة الرمادي.", "ar")[0][0] \
        == "iq_gov_forces"


def test_armed_men_fighting_a_named_state_force_share_its_country(until_actors) -> None:
    got = _by_text(_actors(until_actors, "وجرح سبعة أشخاص في اشتباكات بين قوات الأمن التركية والمسلحين قرب بلدة "
                                         "حدودية مع العراق وسوريا.", "ar"))
    assert got["قوات الأمن"][0] == "tr_forces"
    assert got["المسلحين"] == ("unidentified_armed_group", "TUR")
    got = _by_text(_actors(until_actors, "Clashes erupted between the Egyptian army and militants near the border "
                                         "with Israel.", "en"))
    assert got["militants"] == ("unidentified_armed_group", "EGY")
    got = _by_text(_actors(until_actors, "واندلعت اشتباكات بين الجيش العربي السوري والمسلحين في ريف درعا.", "ar"))
    assert got["المسلحين"][0] == "sy_opposition"



@pytest.mark.parametrize(("text", "lang", "army"), [
    ("Government aircraft struck Hama on Friday. The Britain-based monitor said fighting between the army and "
     "rebel groups continued on the northern edge of the district.", "en", "the army"),
    ("وقال المرصد ومقره لندن إن الجيش قصف بلدة اللطامنة.", "ar", "الجيش"),
    ("وقال المرصد الذي يتخذ من بريطانيا مقرا له إن الجيش قصف أحياء في مدينة دير الزور.", "ar", "الجيش"),
])
def test_where_a_source_is_based_is_not_the_scene(until_actors, text: str, lang: str, army: str) -> None:
    # the monitor's base (London, Britain) tells who speaks; an army fighting in a Syrian town is Syria's
    found = _by_text(_actors(until_actors, text, lang))
    assert found.get(army, (None,))[0] == "sy_gov_forces", found
