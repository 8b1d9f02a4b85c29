"""Second-pass event rules: main telling, sub-type precedence, air-strike actors, tolls, dates, merging."""

from __future__ import annotations

from datetime import datetime

from rasad.model import Document
from rasad.pipeline import build_pipeline


def _run(text: str, lang: str = "en", published: str | None = None) -> Document:
    doc = Document.create(text, lang=lang)
    if published:
        doc.published, doc.published_precision = datetime.fromisoformat(published), "day"
    build_pipeline(until="events")(doc)
    return doc


HEADLINE_AND_LEAD = (
    "Car bomb attack kills 30 in northern Syria\n\n"
    "A car bomb exploded at a crowded market in the town of Azaz on Sunday, killing at least 30 civilians, "
    "a monitoring group said.\n\n"
    "There was no immediate claim of responsibility for the attack."
)


def test_lead_sentence_is_the_main_evidence_and_the_weapon_names_the_event() -> None:
    doc = _run(HEADLINE_AND_LEAD, published="2016-07-25")
    violent = [e for e in doc.events if e.event_type == "Explosions/Remote violence"]
    assert len(violent) == 1, [(e.sub_event_type, e.trigger.text) for e in doc.events]
    event = violent[0]
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    # the sentence with place, date and toll, not the terse headline
    assert "Azaz" in event.sentence.text and event.sentence.start > 0
    assert doc.text[event.trigger.start:event.trigger.end] == event.trigger.text
    assert event.fatalities is not None and event.fatalities.low == 30
    assert event.date is not None and event.date.start is not None and event.date.start.isoformat() == "2016-07-24"
    assert not [e for e in doc.events if e.sub_event_type == "Armed clash"]


def test_air_strike_actor1_needs_an_air_force() -> None:
    doc = _run("Airstrikes hit opposition areas of Aleppo province on Friday, killing 12 people.")
    strikes = [e for e in doc.events if e.sub_event_type == "Air/drone strike"]
    assert strikes
    assert strikes[0].actor1 is None or strikes[0].actor1.canonical_id != "sy_opposition"
    doc = _run("Russian warplanes struck rebels in Idlib province, killing 9 fighters.")
    strikes = [e for e in doc.events if e.sub_event_type == "Air/drone strike"]
    assert strikes and strikes[0].actor1 is not None and strikes[0].actor1.canonical_id == "ru_forces"


def test_unclassified_count_next_to_death_toll_is_fatalities() -> None:
    doc = _run("The death toll from the bomb blast near Aleppo reached at least 112 people, the monitor said.")
    events = [e for e in doc.events if e.event_type == "Explosions/Remote violence"]
    assert events and events[0].fatalities is not None and events[0].fatalities.low == 112


def test_bombing_of_a_demonstration_is_one_event_with_the_protest_as_its_target() -> None:
    doc = _run("A suicide bomber blew himself up in a demonstration in Kabul, killing 80 people.")
    assert [e.sub_event_type for e in doc.events] == ["Suicide bomb"]
    doc = _run("Protesters in Idlib denounced the shelling of Eastern Ghouta.")
    assert "Peaceful protest" in [e.sub_event_type for e in doc.events]


def test_plan_and_execution_by_the_same_actor_are_one_event() -> None:
    text = ("British lawmakers approved a plan for air strikes by British forces against ISIS in Syria.\n\n"
            "Officials in Moscow welcomed the decision.\n\n"
            "British forces carried out their first air strikes against ISIS on Thursday.")
    doc = _run(text)
    strikes = [e for e in doc.events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1, [(e.polarity, e.trigger.text, e.location) for e in strikes]
    assert strikes[0].polarity == "asserted"
    assert strikes[0].actor1 is not None and strikes[0].actor1.canonical_id == "gb_forces"


def test_passive_killing_makes_the_subject_the_victim() -> None:
    doc = _run("در عملیات ارتش سوریه در دیر الزور دست کم 30 تروریست کشته شدند.", lang="fa")
    assert doc.events, doc.mentions
    event = doc.events[0]
    assert event.actor1 is not None and event.actor1.canonical_id == "sy_gov_forces"
    assert event.fatalities is not None and event.fatalities.low == 30
