"""Fire that accompanies a battle -- "clashes accompanied by shelling", "an exchange of shelling", "amid
air strikes" -- is part of that battle, one event, as ACLED codes it; fire told on its own, or with a toll
of its own, stays an event (issue: English over-generation on ACLED notes)."""

from __future__ import annotations

from tests.extract.event_runs import doc_with_events, event_summaries


def _subtypes(text: str) -> list[str]:
    return [e.sub_event_type for e in doc_with_events(text, lang="en").events]


def test_clashes_accompanied_by_shelling_are_one_battle() -> None:
    doc = doc_with_events("Government troops clashed with rebel fighters near Kafr Nabl on Monday, and the clashes "
                          "were accompanied by heavy shelling.", lang="en")
    assert [e.sub_event_type for e in doc.events] == ["Armed clash"], event_summaries(doc)
    # the fire's trigger stays with the battle as evidence
    triggers = {doc.text[m.start:m.end] for m in doc.mentions_of("trigger")}
    assert "shelling" in triggers


def test_an_exchange_of_shelling_with_clashes_is_one_battle() -> None:
    assert _subtypes("Clashes and an exchange of shelling took place between the army and rebel fighters "
                     "in Kafr Nabl on Monday.") == ["Armed clash"]


def test_a_list_of_fire_after_the_cue_is_all_the_battles() -> None:
    assert _subtypes("The army clashed with rebel fighters in Kafr Nabl on Monday, in which the clashes were "
                     "accompanied by heavy artillery shelling by the army on the eastern outskirts, Russian "
                     "airstrikes and, in addition, "
                     "barrel bombs.") == ["Armed clash"]


def test_the_fire_of_a_battle_told_again_in_the_next_sentence() -> None:
    assert _subtypes("Clashes took place between the army and rebel fighters in Kafr Nabl on Monday. The clashes "
                     "were accompanied by army shelling and airstrikes by Russian warplanes.") == ["Armed clash"]


def test_fire_told_on_its_own_stays_an_event() -> None:
    subtypes = _subtypes("Government troops clashed with rebel fighters near Kafr Nabl on Monday. Later, army "
                         "artillery shelled the town of Saraqib.")
    assert sorted(subtypes) == ["Armed clash", "Shelling/artillery/missile attack"]


def test_fire_with_a_toll_of_its_own_stays_an_event() -> None:
    subtypes = _subtypes("Government troops clashed with rebel fighters near Kafr Nabl on Monday, killing 4 "
                         "fighters, amid airstrikes that killed 9 civilians.")
    assert sorted(subtypes) == ["Air/drone strike", "Armed clash"]


def test_two_weapons_fired_at_one_town_at_the_same_time_are_one_bombardment() -> None:
    # the raids' clause names no place of its own: the region named with the town is not another target
    for text in ("Government artillery fired shells on Douma in the Eastern Ghouta, which killed two men, as "
                 "warplanes carried out raids.",
                 "Government forces fired missiles on Harasta in the Eastern Ghouta as warplanes carried out "
                 "dozens of raids on the city."):
        doc = doc_with_events(text, lang="en")
        assert len(doc.events) == 1, event_summaries(doc)
        assert doc.events[0].event_type == "Explosions/Remote violence"
        assert doc.events[0].location is not None and doc.events[0].location.name in ("Dūmā", "Harasta")


def test_two_weapons_at_two_towns_stay_two_events() -> None:
    subtypes = _subtypes("Army artillery shelled the town of Saraqib on Monday, as warplanes carried out raids "
                         "on the city of Raqqa.")
    assert sorted(subtypes) == ["Air/drone strike", "Shelling/artillery/missile attack"]



def test_a_capture_by_an_unnamed_side_after_clashes_is_one_battle() -> None:
    # the taker is no known actor, so the capture is coded a clash; the clashes that won it are that battle
    doc = doc_with_events("Allied fighters took control of Kafr Jannah village in northern Afrin, Aleppo, after "
                          "clashes with YPG fighters.", lang="en")
    assert [e.sub_event_type for e in doc.events] == ["Armed clash"], event_summaries(doc)
    assert doc.events[0].outcome == "contested"


def test_the_battle_retold_with_its_fire_in_one_breath() -> None:
    assert _subtypes("Government troops clashed with rebel fighters near Kafr Nabl on Monday. The clashes and "
                     "shelling killed several fighters on both sides.") == ["Armed clash"]


def test_fire_at_the_battles_place_at_the_same_time_is_its_fire() -> None:
    assert _subtypes("Clashes took place between the army and rebel fighters on the outskirts of Saraqib on "
                     "Monday as army artillery shelled the town.") == ["Armed clash"]


def test_fire_told_first_as_clashes_took_place_is_the_battle() -> None:
    doc = doc_with_events("Army artillery shelled the district of Jobar on Monday as clashes took place in the area "
                          "between the army and rebel fighters.", lang="en")
    assert [e.sub_event_type for e in doc.events] == ["Armed clash"], event_summaries(doc)


def test_a_strike_retold_amid_a_campaign_is_no_battle() -> None:
    doc = doc_with_events("An air strike on a market in the town of Atarib killed 15 people on Monday. The strike "
                          "comes amid a wide aerial offensive on rebel areas.", lang="en")
    assert doc.events and all(e.sub_event_type == "Air/drone strike" for e in doc.events), event_summaries(doc)
