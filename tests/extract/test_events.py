"""Event detection and typing on the seeds and on short real-style sentences."""

from __future__ import annotations

import pytest

from rasad.extract.events import extract_events, trigger_lexicon
from rasad.model import SUB_EVENT_TO_TYPE, Document, Event
from rasad.pipeline import build_pipeline


def _run(text: str, lang: str | None = None) -> Document:
    doc = Document.create(text, lang=lang or "und")
    build_pipeline(until="events")(doc)
    return doc


@pytest.fixture(scope="module")
def seed_docs(seed_texts: dict[str, str]) -> dict[str, Document]:
    return {key: _run(text) for key, text in seed_texts.items()}


def _ids(e: Event) -> set[str | None]:
    return {a.canonical_id for a in [e.actor1, e.actor2, *e.assoc_actors] if a is not None}


def _at(events: list[Event], fragment: str) -> list[Event]:
    return [e for e in events if e.location is not None and fragment in (e.location.name or "")]


def test_khalidiya_assault_is_a_battle_with_government_and_hezbollah(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["000"]
    battles = [e for e in _at(doc.events, "Khalidiya") if e.event_type == "Battles" and e.polarity == "asserted"]
    assert battles, [(e.sub_event_type, e.location) for e in doc.events]
    assault = battles[0]
    assert {"sy_gov_forces", "hezbollah"} <= _ids(assault)
    assert assault.actor1 is not None and assault.actor1.canonical_id == "sy_gov_forces"
    # provenance: raw offsets of trigger and sentence
    assert doc.text[assault.trigger.start:assault.trigger.end] == assault.trigger.text
    assert doc.text[assault.sentence.start:assault.sentence.end] == assault.sentence.text
    assert assault.sentence.start <= assault.trigger.start < assault.sentence.end


def test_negated_capture_is_the_battles_outcome_not_an_asserted_capture(seed_docs: dict[str, Document]) -> None:
    """Seed 000: the lead says regime forces stormed Khalidiya; the SNC member says they did not take it
    (لم تسيطر) and the rebels withdrew on purpose.  One Khalidiya battle, outcome "withdrew", the
    negated capture kept as its evidence -- never an asserted capture."""
    doc = seed_docs["000"]
    start = doc.text.index("لم تسيطر")
    khalidiya = [e for e in doc.events if e.location is not None and e.location.name == "Khalidiya"]
    battles = [e for e in khalidiya if e.event_type == "Battles" and e.polarity == "asserted"]
    assert len(battles) == 1, [(e.sub_event_type, e.trigger.text) for e in battles]
    battle = battles[0]
    assert battle.sub_event_type == "Armed clash" and battle.outcome == "withdrew"
    negation_trigger = [m for m in doc.mentions_of("trigger") if m.start > start and m.start - start < 12]
    assert negation_trigger and negation_trigger[0].attrs["event_id"] == battle.id
    assert not [e for e in doc.events if e.sub_event_type == "Government regains territory" and e.polarity == "asserted"]


def test_withdrawal_is_a_non_violent_transfer(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["000"]
    transfers = [e for e in doc.events if e.sub_event_type == "Non-violent transfer of territory"]
    assert transfers and transfers[0].outcome == "withdrew"
    assert transfers[0].actor1 is not None and transfers[0].actor1.canonical_id == "sy_opposition"


def test_shelling_of_a_list_of_places_is_one_event_per_place(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["000"]
    start = doc.text.index("استمرار قصف قوات النظام")
    shelled = [e for e in doc.events if e.trigger.start >= start and e.sentence.start <= start < e.sentence.end
               and e.sub_event_type == "Shelling/artillery/missile attack"]
    places = {e.location.place_id for e in shelled if e.location}
    assert len(places) >= 4, [e.location.name for e in shelled if e.location]
    assert all(e.actor1 is not None and e.actor1.canonical_id == "sy_gov_forces" for e in shelled)


def test_persian_state_wording_and_denied_capture(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["001"]
    killings = [e for e in doc.events if e.sub_event_type == "Attack" and e.actor1 is not None]
    assert killings
    actor = killings[0].actor1
    assert actor.canonical_id == "sy_opposition" and actor.label_kind in ("state-wording", "pejorative")
    assert actor.text in doc.text and ("مسلح" in actor.text or "تروریست" in actor.text)
    denied = [e for e in doc.events if e.polarity == "denied"]
    assert denied and denied[0].event_type == "Battles"
    captures = [e for e in doc.events if e.sub_event_type == "Government regains territory"
                and e.polarity == "asserted"]
    assert captures and captures[0].actor1.canonical_id == "sy_gov_forces"


def test_one_event_per_happening_not_per_keyword() -> None:
    doc = _run("Regime forces shelled the town of Kafr Batna in Eastern Ghouta on Monday. The shelling "
               "killed 3 civilians, and the bombardment continued into the night.", "en")
    remote = [e for e in doc.events if e.event_type == "Explosions/Remote violence"]
    assert len(remote) == 1
    ev = remote[0]
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
    assert ev.actor1 is not None and ev.actor1.canonical_id == "sy_gov_forces"
    # both tellings are kept: one as the event's sentence, the other as further evidence
    second = doc.text.index("The shelling")
    assert ev.sentence is not None
    assert {ev.sentence.start, *(s.start for s in ev.evidence)} == {0, second}


def test_capture_sub_type_follows_the_side() -> None:
    gov = _run("Syrian government forces captured the village of Abu Dali.", "en").events
    reb = _run("Hayat Tahrir al-Sham fighters captured the village of Abu Dali.", "en").events
    assert gov[0].sub_event_type == "Government regains territory" and gov[0].outcome == "captured"
    assert reb[0].sub_event_type == "Non-state actor overtakes territory"


def test_airstrike_on_civilians_links_victims_and_fatalities() -> None:
    doc = _run("وفي إدلب قتل 12 مدنيا بينهم أطفال بغارة جوية شنتها طائرات النظام على مدينة معرة النعمان.", "ar")
    strikes = [e for e in doc.events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1
    ev = strikes[0]
    assert ev.actor1 is not None and ev.actor1.canonical_id == "sy_gov_forces"
    assert ev.actor2 is not None and ev.actor2.canonical_id == "civilians"
    if doc.mentions_of("quantity"):
        assert ev.fatalities is not None and ev.fatalities.best == 12


def test_background_control_is_not_an_event() -> None:
    doc = _run("ويسكن آلاف المدنيين في الأحياء الواقعة تحت سيطرة المعارضة.", "ar")
    assert doc.events == []


def test_event_ids_and_trigger_mentions(seed_docs: dict[str, Document]) -> None:
    for doc in seed_docs.values():
        assert [e.id for e in doc.events] == [f"{doc.id}:e{n}" for n in range(len(doc.events))]
        triggers = doc.mentions_of("trigger")
        assert len(triggers) >= len(doc.events)
        for m in triggers:
            assert doc.text[m.start:m.end] == m.text
            assert SUB_EVENT_TO_TYPE[m.attrs["sub_event_type"]] == m.attrs["event_type"]


def test_lexicons_use_only_acled_sub_types() -> None:
    for lang in ("ar", "fa", "en"):
        assert trigger_lexicon(lang) is not None  # raises on an unknown sub-event type


def test_no_trigger_no_event() -> None:
    events, triggers = extract_events(_run("The weather in Damascus was mild and the markets were open.", "en"))
    assert events == [] and triggers == []


def test_calls_to_stop_and_any_strikes_are_statements_not_events() -> None:
    demand = _run("ودعا المبعوث الدولي الحكومة إلى حماية المدنيين، مطالبا إياها بوقف القصف العشوائي على المدن.", "ar")
    assert demand.events == []
    warning = _run("وقال الوزير إن أي ضربات عسكرية على الجيش ستعقد جهود التسوية في البلاد.", "ar")
    assert warning.events == []
    # the same nouns reporting what happened stay events
    shelling = _run("وتواصل القصف العشوائي على مدينة دوما بريف دمشق اليوم الاثنين.", "ar")
    assert [e.sub_event_type for e in shelling.events] == ["Shelling/artillery/missile attack"]
    strikes = _run("وشنت طائرات حربية ضربات جوية على مواقع في مدينة الرقة.", "ar")
    assert [e.sub_event_type for e in strikes.events] == ["Air/drone strike"]
