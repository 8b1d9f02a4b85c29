"""Two tellings of one sentence kept apart only by a place reading that the settling of places finds no
scene are one event (:func:`rasad.extract.events._fold_settled_twins`); two places the text names stay two
events, in English and in Arabic (issue #5: duplicate tellings)."""

from __future__ import annotations

from rasad.model import Event
from tests.extract.event_runs import doc_with_events as _doc
from tests.extract.event_runs import events_of as _events


def _place(e: Event) -> str | None:
    return e.location.name if e.location else None


def test_a_label_and_its_sentence_told_at_one_town_are_one_event() -> None:
    # "Looting: Some ..." first reads "Some" as a place; once that reading is dropped, the label and the
    # sentence name the same looting at Harasta
    doc = _doc("Looting: Some loyalist militia and regime fighters engaged in looting in Harasta city in the "
               "Eastern Ghouta, with reports that the Russian military police tried to prevent the fighters of "
               "the Syrian army from looting the city and arrested several members.", lang="en")
    loot = [e for e in doc.events if e.sub_event_type == "Looting/property destruction"]
    assert [_place(e) for e in loot] == ["Harasta"]
    # the folded telling stays traceable: its trigger is one of the event's trigger mentions
    triggers = {doc.text[m.start:m.end] for m in doc.mentions_of("trigger") if m.attrs.get("event_id") == loot[0].id}
    assert {"Looting", "looting"} <= triggers


def test_looting_at_two_named_towns_stays_two_events() -> None:
    told = _events("Regime fighters looted shops in Harasta, while other militiamen looted homes in Zamalka.",
                   lang="en")
    assert sorted(_place(e) or "" for e in told if e.sub_event_type == "Looting/property destruction") == \
        ["Harasta", "Zamalka"]


def test_looting_at_two_named_towns_stays_two_events_ar() -> None:
    told = _events("نهب عناصر من الميليشيات محلات في مدينة حرستا، فيما نهب مسلحون آخرون منازل في بلدة زملكا.",
                   lang="ar")
    assert sorted(_place(e) or "" for e in told if e.sub_event_type == "Looting/property destruction") == \
        ["Harasta", "Zamalka"]
