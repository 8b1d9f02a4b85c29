"""Passive tellings (who attacked whom), weapons that keep happenings apart, attempts, and raid places."""

from __future__ import annotations

import pytest

from tests.extract.event_runs import actor_pair, doc_with_events


@pytest.mark.parametrize(("text", "actors"), [
    # agent after "از سوی", patient the subject
    ("مواضع تروریست‌ها در حومه حلب از سوی ارتش سوریه مورد حمله قرار گرفت.", ("sy_gov_forces", "sy_opposition")),
    # agent in ezafe after the event noun
    ("کاروان ارتش سوریه در نزدیکی درعا مورد حمله گروه‌های مسلح قرار گرفت.", ("sy_opposition", "sy_gov_forces")),
    # "توسط" + passive participle: the bombed forces are the target, not the bomber
    ("روز گذشته مقر نیروهای دولتی در شهر ادلب توسط جنگنده‌های روسی بمباران شد.", ("ru_forces", "sy_gov_forces")),
    # no agent: the attacker is unknown, the attacked army is actor 2
    ("یک پایگاه ارتش سوریه در حومه حمص مورد حمله قرار گرفت.", (None, "sy_gov_forces")),
    # Arabic exposure verb: the exposed positions are the target, "من قبل" marks the shelling side
    ("تعرضت مواقع الجيش الحر في درعا لقصف عنيف من قبل قوات النظام.", ("sy_gov_forces", "fsa")),
    ("Rebel positions in Daraa were shelled by government forces on Monday.", ("sy_gov_forces", "sy_opposition")),
])
def test_passive_tellings_put_the_attacker_first(text: str, actors: tuple[str | None, str | None]) -> None:
    doc = doc_with_events(text)
    assert len(doc.events) == 1, [(e.sub_event_type, e.trigger.text) for e in doc.events]
    assert actor_pair(doc.events[0]) == actors


def test_active_persian_attack_keeps_the_subject_as_attacker() -> None:
    doc = doc_with_events("ارتش سوریه مواضع گروه‌های مسلح را در حومه حمص مورد حمله قرار داد.")
    assert [actor_pair(e) for e in doc.events] == [("sy_gov_forces", "sy_opposition")]


def test_exposure_lam_is_the_object_not_a_purpose_but_a_real_purpose_stays_one() -> None:
    assert [e.sub_event_type for e in doc_with_events("تعرض حي الوعر في حمص لقصف مدفعي عنيف.").events] == [
        "Shelling/artillery/missile attack"]
    assert not doc_with_events("حشدت قوات النظام تعزيزات كبيرة للسيطرة على مدينة داريا.").events


def test_shelling_with_tank_shells_stays_shelling_next_to_helicopters() -> None:
    doc = doc_with_events("قصفت قوات النظام حي الوعر في حمص باستخدام الطائرات المروحية وقذائف الدبابات.")
    assert [e.sub_event_type for e in doc.events] == ["Shelling/artillery/missile attack"]
    doc = doc_with_events("قصفت قوات النظام حي الوعر في حمص بالطائرات المروحية.")
    assert [e.sub_event_type for e in doc.events] == ["Air/drone strike"]


def test_barrel_bombs_and_shelling_of_one_district_are_two_events(seed_texts: dict[str, str]) -> None:
    """Seed 002: tank and mortar shelling in the lead, barrel bombs from helicopters later -- two
    happenings at Khalidiya; the fierce battles on its outskirts are the battle's telling, not the
    attempted storming."""
    doc = doc_with_events(seed_texts["002"])
    khalidiya = [e for e in doc.events if e.location is not None and e.location.name == "Khalidiya"]
    subs = sorted(e.sub_event_type for e in khalidiya)
    assert subs == ["Air/drone strike", "Armed clash", "Shelling/artillery/missile attack"], subs
    strike = next(e for e in khalidiya if e.sub_event_type == "Air/drone strike")
    assert "البراميل" in strike.trigger.text
    battle = next(e for e in khalidiya if e.sub_event_type == "Armed clash")
    assert battle.trigger.text == "معارك"
    assert actor_pair(battle) == ("sy_gov_forces", "fsa")


def test_arrest_campaign_in_the_village_is_placed_at_the_stormed_village(seed_texts: dict[str, str]) -> None:
    doc = doc_with_events(seed_texts["000"])
    arrests = [e for e in doc.events if e.sub_event_type == "Arrests"]
    assert len(arrests) == 1
    assert arrests[0].location is not None and arrests[0].location.text == "الشرائع"


def test_places_between_two_cities_are_not_extra_targets(seed_texts: dict[str, str]) -> None:
    """"... بلدة خربة غزالة التي تقع على الطريق الدولي بين دمشق ودرعا": the road's ends are no targets."""
    doc = doc_with_events(seed_texts["000"])
    start = doc.text.index("معركة بدر")
    battles = [e for e in doc.events if e.trigger.start == start]
    assert len(battles) == 1, [(e.location.name if e.location else None) for e in battles]


@pytest.mark.parametrize("text", [
    "سخنگوی وزارت خارجه روسیه اعلام کرد دست‌کم 20 کودک در حملات اخیر در استان ادلب کشته شده‌اند.",
    "Russia's foreign ministry said at least 20 children were killed in recent strikes in Idlib province.",
])
def test_a_speakers_institution_is_not_the_attacker(text: str) -> None:
    doc = doc_with_events(text)
    assert doc.events, "the civilian toll is an event even without a named killer"
    assert all(e.actor1 is None or e.actor1.canonical_id != "ru_forces" for e in doc.events), \
        [actor_pair(e) for e in doc.events]
