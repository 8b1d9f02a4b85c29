"""English reports on fresh text, a second pass (sample C): a scraped page's list of links to other
articles run into the text, sieges and battles told over weeks or years, a war's scale of conquest and
offensives announced for later make no event; the happening told next to them stays.  The sentences are
written for these tests (general wire-report English, not development text)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.extract.event_runs import events_of, types_and_polarities

PUBLISHED = datetime(2016, 6, 13, tzinfo=UTC)


def _found(text: str) -> list[tuple[str, str]]:
    return types_and_polarities(text, "en", PUBLISHED)


_STRIKE = "Government warplanes struck the town of Ariha in Idlib province on Sunday killing 12 civilians the monitor said."


@pytest.mark.parametrize("links", [
    # a news agency's list of other headlines, run into the page without a full stop
    " Source AFP Related News Rebels shell Aleppo neighbourhood Car bomb kills 9 in Homs Tags Syria war",
    " 27 Related Suicide Bomber Kills 20 at Checkpoint Near Damascus Airstrikes Hit Market in Douma Tags Syria",
    " Read Also Dozens killed in clashes near Hama Army recaptures villages in Latakia",
])
def test_other_articles_headlines_after_a_link_marker_make_no_event(links: str) -> None:
    assert _found(_STRIKE + links) == [("Air/drone strike", "asserted")]


def test_a_lower_case_related_is_text() -> None:
    # "related" as a word of the sentence, not a page's marker: the clash it tells stays
    text = ("Clashes related to the dispute over the checkpoint broke out between rebels and the army in the town "
            "of Daraa on Tuesday the monitor said.")
    assert _found(text) == [("Armed clash", "asserted")]


@pytest.mark.parametrize("text", [
    # a campaign's span: weeks of battling, years of a siege, a war's scale of conquest
    "For nearly a week army troops backed by warplanes have been battling rebels for control of the town of Tal Rifaat.",
    "The monitor said the siege of the eastern districts has left thousands of people dead over the past three years.",
    "US strikes aim to halt the advance of Islamic State militants who have seized large swathes of territory in Iraq.",
    "The shrine is heavily guarded by troops but has also been the target of several bombings claimed by the militants.",
    # an offensive announced for later
    "The defence minister said an offensive to drive the militants out of the city would begin in the coming weeks.",
])
def test_spans_scales_and_announcements_make_no_event(text: str) -> None:
    assert [(t, p) for t, p in _found(text) if p == "asserted"] == []


@pytest.mark.parametrize(("text", "sub_type"), [
    # the news of the day next to such words stays
    ("Army troops battled rebels for control of the town of Tal Rifaat on Monday killing 14 fighters the monitor said.",
     "Armed clash"),
    ("A car bomb exploded near a checkpoint in the town of Azaz on Saturday killing seven people the monitor said.",
     "Remote explosive/landmine/IED"),
])
def test_the_news_of_the_day_stays(text: str, sub_type: str) -> None:
    assert _found(text) == [(sub_type, "asserted")]


def test_who_did_it_being_unclear_does_not_negate_the_strike() -> None:
    text = ("Air strikes hit a market in the town of Saraqib on Monday killing 15 people the monitor said. "
            "The monitor said it was not clear whether the bombing had been carried out by government warplanes "
            "or by those of its ally Russia.")
    assert _found(text) == [("Air/drone strike", "asserted")]


def test_the_blasts_after_suicide_bombers_are_their_attack() -> None:
    text = ("Suicide bombers struck outside a shrine near Damascus on Saturday leaving at least 20 people dead a "
            "monitor said. Sayyida Zeinab is revered by Shiites around the world. The monitor said 13 civilians "
            "were among the dead in the blasts.")
    assert _found(text) == [("Suicide bomb", "asserted")]


def test_where_a_source_is_based_is_no_scene() -> None:
    # "the Britain-based monitor", "an Aleppo-based activist": where the speaker works, not a second place of
    # the happening the sentence retells
    text = ("The Britain-based monitor said residents found the bodies when they returned to their homes after "
            "government forces withdrew. Government forces killed 30 people before withdrawing from the village of "
            "Kafr Nabl in Idlib province on Friday night activists said.")
    events = events_of(text, "en", PUBLISHED)
    assert [e.sub_event_type for e in events] == ["Non-violent transfer of territory"]
    assert events[0].location is not None and events[0].location.name != "United Kingdom"


@pytest.mark.parametrize("text", [
    # a habit, an era, a side's years-long campaign, firefighters
    "Residents of the besieged district survive on little more than bread and suffer daily shelling.",
    "The town of Marj Dabiq in northern Syria is the site of a major 16th century battle in which the Ottomans defeated the Mamluks.",
    "Among the dead were rebels who have been fighting to oust the government for more than three years.",
    "Firefighters battled to put out blazes in several buildings of the old market in Douma on Monday.",
])
def test_habits_eras_and_firefighters_make_no_event(text: str) -> None:
    assert _found(text) == []


def test_a_place_under_siege_for_years_can_still_be_hit_today() -> None:
    # the span told before the trigger is the town's state, not the strike's
    text = ("The town of Madaya which has been under siege for more than a year was hit by air strikes on Monday "
            "killing seven civilians the monitor said.")
    assert _found(text) == [("Air/drone strike", "asserted")]


def test_a_helicopter_shot_down_is_no_air_strike() -> None:
    text = ("All four crew members of a military helicopter that was shot down over Hama province on Sunday were "
            "killed the defence ministry said.")
    assert [t for t, _ in _found(text)] == ["Disrupted weapons use"]
