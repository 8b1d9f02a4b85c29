"""Persian fresh-text judgements (sample P1): one person shot dead by named gunmen is the victim of an attack,
not a side of a battle; the gunmen counted after "توسط" are no toll; a victim named as the subject of the
passive killing verb with no killer named stays no event."""

from __future__ import annotations

import pytest

from tests.extract.event_runs import actor_pair
from tests.extract.event_runs import doc_with_events as _run
from tests.extract.event_runs import event_summaries as _found


@pytest.mark.parametrize("text", [
    "یک بازرگان محلی روز جمعه در شهر کویته توسط سه موتورسوار ناشناس هدف گلوله قرار گرفت و کشته شد.",
    "یک معلم روز شنبه در شهر پیشاور توسط افراد مسلح ناشناس به قتل رسید.",
    "یک روزنامه‌نگار محلی روز دوشنبه در شهر کراچی توسط دو مرد مسلح هدف گلوله قرار گرفت و کشته شد.",
])
def test_one_person_shot_dead_by_gunmen_is_an_attack(text: str) -> None:
    doc = _run(text, lang="fa")
    assert [e.sub_event_type for e in doc.events] == ["Attack"], _found(doc)
    event = doc.events[0]
    assert actor_pair(event) == ("unidentified_armed_group", None)
    assert event.fatalities is not None and event.fatalities.best == 1
    # provenance: the count stands on the killing verb itself
    assert text[event.fatalities.start:event.fatalities.end] in ("کشته شد", "به قتل رسید")


def test_a_soldier_killed_by_militants_stays_a_clash() -> None:
    doc = _run("یک سرباز ارتش پاکستان روز سه‌شنبه در منطقه وزیرستان توسط شبه‌نظامیان کشته شد.", lang="fa")
    assert [e.sub_event_type for e in doc.events] == ["Armed clash"], _found(doc)


def test_a_victim_with_no_killer_named_makes_no_attack() -> None:
    # the actor is the one killed, nobody is named as the killer: no event of the actor's making
    doc = _run("یک فرمانده طالبان روز یکشنبه در ولایت قندهار کشته شد.", lang="fa")
    assert not doc.events, _found(doc)
