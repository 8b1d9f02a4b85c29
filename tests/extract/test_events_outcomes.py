"""Third-pass event rules: where a statement was made vs where the event happened, hand-overs, verbal
attacks, duplicate tellings, and the territorial outcome of each seed's Khalidiya battle."""

from __future__ import annotations

import pytest

from rasad.model import Document, Event
from rasad.pipeline import build_pipeline


def _run(text: str, lang: str | None = None) -> Document:
    doc = Document.create(text, lang=lang or "und")
    build_pipeline(until="events")(doc)
    return doc


@pytest.fixture(scope="module")
def seed_docs(seed_texts: dict[str, str]) -> dict[str, Document]:
    return {key: _run(text) for key, text in seed_texts.items()}


def _khalidiya_battles(doc: Document) -> list[Event]:
    return [e for e in doc.events if e.event_type == "Battles" and e.polarity == "asserted"
            and e.location is not None and e.location.name == "Khalidiya"]


# ---- the seeds' central event: one Khalidiya battle per document, each with its own outcome ----------


def test_persian_seed_reports_khalidiya_captured(seed_docs: dict[str, Document]) -> None:
    battles = _khalidiya_battles(seed_docs["001"])
    assert len(battles) == 1, [(e.sub_event_type, e.trigger.text) for e in battles]
    assert battles[0].sub_event_type == "Government regains territory" and battles[0].outcome == "captured"
    assert battles[0].actor1 is not None and battles[0].actor1.canonical_id == "sy_gov_forces"
    # the militants' denial stays a separate, denied telling of the same capture
    denied = [e for e in seed_docs["001"].events if e.polarity == "denied"]
    assert denied and denied[0].location is not None and denied[0].location.name == "Khalidiya"


def test_al_watan_seed_reports_withdrawal(seed_docs: dict[str, Document]) -> None:
    battles = _khalidiya_battles(seed_docs["000"])
    assert len(battles) == 1 and battles[0].outcome == "withdrew"
    transfers = [e for e in seed_docs["000"].events if e.sub_event_type == "Non-violent transfer of territory"]
    # "انسحبت منه" (withdrew from it) after "حي الخالدية بحمص": the district, not the city around it
    assert transfers and transfers[0].location is not None and transfers[0].location.name == "Khalidiya"


def test_al_arabiya_seed_reports_khalidiya_still_held(seed_docs: dict[str, Document]) -> None:
    battles = _khalidiya_battles(seed_docs["002"])
    assert len(battles) == 1 and battles[0].outcome == "holding"
    assert battles[0].sub_event_type == "Armed clash"


def test_goal_of_a_battle_is_not_a_capture(seed_docs: dict[str, Document]) -> None:
    """"ويسعى النظام من خلال سيطرته على الخالدية" (the regime seeks, through its control ...) and
    "لاستعادة السيطرة على بلدة خربة غزالة" (to regain control): goals, not captures."""
    captures = [e for e in seed_docs["000"].events if e.sub_event_type in
                ("Government regains territory", "Non-state actor overtakes territory")
                and e.location is not None and e.location.name in ("Khalidiya", "Khirbet Ghazaleh")]
    assert captures == []


# ---- place: where it happened, not where it was said -------------------------------------------------


@pytest.mark.parametrize("text", [
    "مسکو: از حملات هوایی انگلیس در سوریه استقبال می‌کنیم.",
    "سخنگوی وزارت خارجه روسیه در کنفرانس خبری در مسکو گفت جنگنده‌ها شهر ادلب را بمباران کردند.",
])
def test_statement_venue_is_not_the_event_place(text: str) -> None:
    doc = _run(text, "fa")
    assert doc.events
    assert all(e.location is None or e.location.name != "Moscow" for e in doc.events)


def test_place_after_persian_subordinator_belongs_to_the_next_clause() -> None:
    doc = _run("سخنگوی وزارت خارجه روسیه اعلام کرد دست‌کم 20 کودک در روستایی در استان ادلب کشته شده‌اند "
               "که دمشق خواستار تحقیقات فوری است.", "fa")
    assert doc.events and doc.events[0].location is not None
    assert doc.events[0].location.name in ("Idleb", "Idlib")


def test_district_named_before_its_city_is_the_location() -> None:
    doc = _run("قصفت قوات النظام حي الخالدية في حمص بالمدفعية الثقيلة.", "ar")
    assert doc.events and doc.events[0].location is not None and doc.events[0].location.name == "Khalidiya"


# ---- hand-over, verbal attack ---------------------------------------------------------------------------


def test_persian_hand_over_is_a_non_violent_transfer() -> None:
    doc = _run("شبه‌نظامیان کُرد، کنترل شهر «عین عیسی» را به ارتش سوریه واگذار کردند.", "fa")
    assert len(doc.events) == 1
    ev = doc.events[0]
    assert ev.sub_event_type == "Non-violent transfer of territory" and ev.outcome == "withdrew"
    assert ev.actor2 is not None and ev.actor2.canonical_id == "sy_gov_forces"
    assert ev.actor1 is not None and ev.actor1.canonical_id != "sy_gov_forces"


def test_persian_verbal_attack_is_no_event() -> None:
    doc = _run("وزیر خارجه در سخنرانی خود به شدت به سیاست‌های اروپا حمله کرد و آن را دوگانه خواند.", "fa")
    assert doc.events == []


def test_persian_armed_attack_is_kept() -> None:
    doc = _run("افراد مسلح به یک ایست بازرسی در شمال شهر حلب حمله کردند و سه نظامی را کشتند.", "fa")
    assert [e.event_type for e in doc.events] == ["Battles"] or \
        {e.event_type for e in doc.events} <= {"Battles", "Violence against civilians"} and doc.events


# ---- duplicates ---------------------------------------------------------------------------------------


def test_capture_retold_after_other_events_is_one_event(seed_docs: dict[str, Document]) -> None:
    """Seed 001 tells the capture of Khalidiya in the lead and again in the background paragraph, with the
    mosque's capture between them: one capture event (plus the militants' denial)."""
    captures = [e for e in seed_docs["001"].events if e.sub_event_type == "Government regains territory"
                and e.polarity == "asserted" and e.location is not None and e.location.name == "Khalidiya"]
    assert len(captures) == 1 and captures[0].attrs["n_triggers"] >= 3


def test_storming_during_an_arrest_campaign_is_the_arrests(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["000"]
    start = doc.text.index("اقتحمت قوات النظام قرية")
    same_sentence = [e for e in doc.events if e.sentence.start <= start < e.sentence.end
                     or any(s.start <= start < s.end for s in e.evidence)]
    assert "Arrests" in {e.sub_event_type for e in same_sentence}
    assert not [e for e in doc.events if e.trigger.start == start]
