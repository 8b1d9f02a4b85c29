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


def test_a_vague_count_of_a_second_source_is_no_claim() -> None:
    assert _told("A car bomb killed 25 people in the city of Kirkuk on Monday, police said. "
                 "Human Rights Watch said dozens of people were killed in the bombing.", "en")[1] == []


def test_killed_with_others_counts_the_named_victim_in_a_second_toll() -> None:
    text = ("قتل 25 شخصا في غارة جوية على مدينة الرقة يوم الاثنين، بحسب المرصد السوري لحقوق الإنسان. "
            "وقالت وزارة الدفاع الأمريكية إن الغارة قتلت القيادي أبو محمد مع 12 آخرين.")
    assert _told(text, "ar") == ([13], [13])


@pytest.mark.parametrize("text, lang", [
    ("قتل 12 شخصا في هجوم بقنبلة على سوق في مدينة غومبي يوم الاثنين، بحسب الشرطة. ومنذ تولي الرئيس الحكم "
     "في 29 مايو قتل أكثر من 800 شخص، بحسب تعداد لوكالة الصحافة الفرنسية.", "ar"),
    ("A bomb attack on a market killed 12 people in the city of Gombe on Monday, police said. Since the "
     "president took office on May 29, more than 800 people have been killed, according to a tally by "
     "Agence France-Presse.", "en"),
])
def test_a_running_total_since_a_date_is_no_claim_on_the_happening(text: str, lang: str) -> None:
    assert _told(text, lang)[1] == []


def test_a_second_sources_own_reading_still_is() -> None:
    assert _told("قتل 12 شخصا في هجوم بقنبلة على سوق في مدينة غومبي يوم الاثنين، بحسب الشرطة. وقالت وكالة "
                 "الصحافة الفرنسية إن الهجوم أسفر عن مقتل 15 شخصا.", "ar") == ([15], [15])
