"""A partial count ("including 4 children", "14 children were among the dead", "من بين القتلى 5 أطفال") told by a
second source is part of the toll, never a second reading of it: it stays off the event's other tolls and gives no
``fatalities`` claim of that source, so the merge shows no contradiction where the sources agree."""

from __future__ import annotations

import pytest

from rasad.model import Document
from rasad.pipeline import build_pipeline


def _told(text: str, lang: str) -> tuple[list[int], list[int]]:
    """(the event's other tolls, the values of the tellings' fatalities claims) of ``text``."""
    doc = Document.create(text, lang=lang)
    build_pipeline()(doc)
    assert len(doc.events) == 1
    other = [t["best"] for t in doc.events[0].attrs.get("other_tolls", [])]
    claims = [c.value for c in doc.claims if c.predicate == "fatalities" and (c.attrs or {}).get("telling")]
    return other, claims


@pytest.mark.parametrize("text, lang", [
    ("A car bomb killed 25 people in the city of Kirkuk on Monday, police said. "
     "Human Rights Watch said 6 women were among the dead.", "en"),
    ("A car bomb killed 25 people in the city of Kirkuk on Monday, police said. "
     "The dead included 6 women, Human Rights Watch said.", "en"),
    ("قتل 25 شخصا في انفجار سيارة مفخخة في مدينة كركوك يوم الاثنين، بحسب الشرطة. "
     "وقالت منظمة هيومن رايتس ووتش إن بين القتلى 6 نساء.", "ar"),
    ("قتل 25 شخصا في انفجار سيارة مفخخة في مدينة كركوك يوم الاثنين، بحسب الشرطة. "
     "وقالت منظمة هيومن رايتس ووتش إن 6 نساء من بين القتلى.", "ar"),
])
def test_a_partial_count_is_no_second_reading_of_the_toll(text: str, lang: str) -> None:
    assert _told(text, lang) == ([], [])


def test_a_second_sources_full_toll_is_still_its_claim() -> None:
    other, claims = _told("A car bomb killed 25 people in the city of Kirkuk on Monday, police said. "
                          "Human Rights Watch said the bombing killed 19 people, including 6 women.", "en")
    assert other == [19] and claims == [19]
