"""English events at a town the text puts in a province ("X town in eastern Y", "X in Idlib"): the event
is at the town, the more precise place, whoever spells the province's name."""

from __future__ import annotations

from rasad.model import Document
from tests.extract.event_runs import doc_with_events as _run


def _locations(doc: Document) -> list[tuple[str | None, str | None]]:
    return [(e.location.text, e.location.feature) if e.location else (None, None) for e in doc.events]


def test_a_town_in_a_province_named_like_its_seat_is_the_events_place() -> None:
    # the text writes Idlib, the gazetteer's governorate is Idleb: the town lies in it all the same
    for text in ("Kafr Nabl in Idlib came under heavy shelling on Monday.",
                 "In Saraqib in Idlib, two civilians were killed by shelling."):
        got = _locations(_run(text, "en"))
        assert got and all(name == text.split(" in ")[0].removeprefix("In ") for name, _ in got), got


def test_a_town_in_a_part_of_a_province_is_the_events_place() -> None:
    doc = _run("Coalition aircraft struck Hajin town in eastern Deir ez-Zor, killing 12 militants.", "en")
    got = _locations(doc)
    assert got and all(text == "Hajin" for text, _ in got), got
    # an unknown village there: the province, as a part of it (not its capital city at precision 1)
    doc = _run("Government helicopters dropped barrel bombs on a village in Hama countryside.", "en")
    locs = [e.location for e in doc.events]
    assert locs and all(loc is not None and loc.feature == "admin1" and loc.geo_precision == 2 for loc in locs), \
        _locations(doc)


def test_an_actor_word_inside_a_place_name_does_not_drop_the_place() -> None:
    # "man" of Ma'arrat al-Nu'man is also a word for a civilian
    doc = _run("Government forces recaptured Ma'arrat al-Nu'man in Idlib after clashes.", "en")
    got = _locations(doc)
    assert got and got[0][0] == "Ma'arrat al-Nu'man", got


def test_a_place_after_its_provinces_possessive_is_the_events_place() -> None:
    doc = _run("A landmine exploded near a farm in northwest Aleppo's Afrin district, killing a shepherd.", "en")
    got = _locations(doc)
    assert got and all(name == "Afrin" for name, _ in got), got


def test_a_headlines_bare_seat_name_is_the_province_the_body_names() -> None:
    # the headline's bare "Hama" and the body's "Hama province" are one name in one article: the event is in
    # the province (and so nests with another outlet's telling at a town there), not at its seat city
    for head, body_place in (("Car bomb attack in Hama market kills 12", "Syria's Hama province"),
                             ("Car bomb attack in Raqqa market kills 12", "Raqqa province")):
        doc = _run(f"{head}\n\nA car bomb exploded at a market in {body_place} on Sunday, killing at least 12 "
                   "people, a monitoring group said.", "en")
        locs = [e.location for e in doc.events]
        assert locs and all(loc is not None and loc.feature == "admin1" for loc in locs), _locations(doc)
    # the body placing it in the city itself keeps the city
    doc = _run("Car bomb attack in Hama market kills 12\n\nA car bomb exploded at a market in the city of Hama "
               "on Sunday, killing at least 12 people, a monitoring group said.", "en")
    assert _locations(doc) == [("Hama", "city")], _locations(doc)
