"""English reports on fresh text: what over-generated -- happenings of last month or year retold as
background, counts over a month, a side's record, forces named by what they fight, war and campaign totals,
the happening the news follows, older months, opinion columns -- and the real events next to them that must
stay.  The sentences are written for these tests (general wire-report English, not development text)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.extract.event_runs import types_and_polarities

PUBLISHED = datetime(2016, 6, 13, tzinfo=UTC)


def _found(text: str) -> list[tuple[str, str]]:
    return types_and_polarities(text, "en", PUBLISHED)


@pytest.mark.parametrize("text", [
    # last month, last year, "previous"
    "Last month a suicide bomber blew himself up near a wedding hall in the village of Tal Tamr, killing dozens.",
    "Last year government troops recaptured the town of Palmyra from the militants after weeks of fighting.",
    "The monitor has documented previous air raids on the town of Maarat al-Numan.",
    # a count over a month, a side's record
    "The rights group said it had recorded 300 civilians killed by government bombing in Aleppo during March.",
    "The militia has been fighting a war against the rebels across the north of the country since January.",
    # a force named by what it fights, a war's and a campaign's totals
    "The government calls all militants fighting the regime terrorists and accuses its neighbours of arming them.",
    "The war also displaced nearly 10 million people.",
    # an older month named alone
    "Russia launched air strikes in support of the government in September, allowing the army to regain ground.",
])
def test_background_makes_no_event(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(("text", "sub_type"), [
    ("A suicide bomber blew himself up near a checkpoint in Homs on Monday, killing six soldiers, the army said.",
     "Suicide bomb"),
    ("Fierce fighting broke out between rebels and the army in the town of Daraa on Tuesday, the monitor said.",
     "Armed clash"),
    ("Government warplanes struck the town of Ariha in Idlib province on Sunday, killing 12 civilians, activists said.",
     "Air/drone strike"),
])
def test_the_news_next_to_them_stays(text: str, sub_type: str) -> None:
    assert _found(text) == [(sub_type, "asserted")]


def test_the_happening_the_news_follows_is_background() -> None:
    text = ("Rebels shelled a school in western Aleppo on Thursday, killing three children, state media said, just a "
            "day after 22 children were killed in airstrikes on a school in Idlib.")
    assert _found(text) == [("Shelling/artillery/missile attack", "asserted")]


@pytest.mark.parametrize("text", [
    "The battle has killed some 300 fighters on both sides, the monitor said.",
    # ... and a campaign's age: "entered its third month" is no entry into a place
    "The offensive that has killed more than 400 people entered its third month, the monitor said.",
])
def test_a_campaigns_running_toll_and_age_are_no_battle(text: str) -> None:
    assert _found(text) == []


# An opinion column of my own writing: long, arguing, attributing nothing.  Its trigger words (air strikes,
# the offensive, attacks) name the war it argues about; 40 sentences make it longer than commentary.min_words.
_COLUMN = " ".join([
    "Nobody who has followed this war can believe that more air strikes will bring the peace its people deserve.",
    "Every offensive is sold to us as the last one, and every siege is described as a necessary evil.",
    "The attacks on hospitals and schools should shame a world that has grown used to looking away.",
    "What is missing is not firepower but a political settlement that the warring sides can live with.",
] * 10)


def test_an_english_column_that_attributes_nothing_is_commentary() -> None:
    assert _found(_COLUMN) == []
    news = ("Government air strikes killed nine civilians in the town of Saraqib on Monday, the monitor said. "
            + _COLUMN)
    assert [t for t, _ in _found(news)] == ["Air/drone strike"]
