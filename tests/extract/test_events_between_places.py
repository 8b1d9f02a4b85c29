"""A happening "between X and Y" (a road, a front line, the area between two towns) is one event, not one
per town: the two places are the ends of one stretch (ACLED codes one event there); a list of targets
("shelled X and Y") still gives one event per place (issue #5: duplicate tellings)."""

from __future__ import annotations

import pytest

from tests.extract.event_runs import events_of


def _coded(text: str, lang: str) -> list[tuple[str, str | None]]:
    return [(e.sub_event_type, e.location.name if e.location else None) for e in events_of(text, lang)]


@pytest.mark.parametrize(("text", "lang"), [
    ("A roadside bomb hit a military vehicle on the road between Palmyra and Homs on Monday, killing four "
     "soldiers.", "en"),
    ("انفجرت عبوة ناسفة بسيارة عسكرية على الطريق بين تدمر وحمص يوم الاثنين ما أدى إلى مقتل أربعة جنود.", "ar"),
])
def test_a_bomb_on_the_road_between_two_towns_is_one_event(text: str, lang: str) -> None:
    assert _coded(text, lang) == [("Remote explosive/landmine/IED", "Tadmur")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Rebels clashed with government forces in the area between Harasta and Douma on Tuesday.", "en"),
    ("دارت اشتباكات بين قوات النظام وفصائل المعارضة في المنطقة الواقعة بين حرستا ودوما.", "ar"),
])
def test_a_clash_between_two_towns_is_one_event(text: str, lang: str) -> None:
    # (the parties' "between" is not the places' one: the clash is still read)
    assert _coded(text, lang) == [("Armed clash", "Harasta")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Government forces shelled Harasta and Douma on Tuesday.", "en"),
    ("قصفت قوات النظام مدينتي حرستا ودوما يوم الثلاثاء.", "ar"),
])
def test_shelling_of_two_listed_towns_stays_two_events(text: str, lang: str) -> None:
    assert _coded(text, lang) == [("Shelling/artillery/missile attack", "Harasta"),
                                  ("Shelling/artillery/missile attack", "Dūmā")]
