"""English place names as news about Syria writes them: the province named by a cue word after a
preposition or by a compass adjective, transliteration variants of one name, and names that are only a
part of a longer name the gazetteer does not know."""

from __future__ import annotations

from rasad.model import Document
from rasad.places.gazetteer import consonant_skeleton, latin_key
from rasad.places.geoparse import places_stage


def _places(text: str) -> list[tuple[str, str, str | None, int | None]]:
    """(text, place id, feature, geo-precision) of each place mention of an English text."""
    doc = Document.create(text, lang="en")
    places_stage(doc)
    return [(m.text, str(m.canonical_id), m.attrs.get("feature"), m.attrs.get("geo_precision"))
            for m in doc.mentions_of("place")]


def test_a_cue_word_before_a_preposition_is_not_the_next_names() -> None:
    # "village" is the unnamed village's; "countryside" after Hama makes Hama the province, near it
    got = _places("Government artillery hit a small village in Hama countryside on Monday.")
    assert got == [("Hama", "sy:gov-hama", "admin1", 2)], got
    # without the preposition the cue is Homs's own: "the city of Homs"
    got = _places("Shells fell on the city of Homs on Monday.")
    assert [(t, f) for t, _, f, _ in got] == [("Homs", "city")], got


def test_a_compass_adjective_names_a_part_of_the_province() -> None:
    got = _places("Warplanes struck several villages in southern Idlib on Tuesday.")
    assert got == [("Idlib", "sy:gov-idleb", "admin1", 3)], got
    got = _places("Warplanes struck several villages in the southern Idlib countryside.")
    assert got == [("Idlib", "sy:gov-idleb", "admin1", 2)], got
    got = _places("Warplanes struck several villages in Idlib southern countryside.")
    assert got == [("Idlib", "sy:gov-idleb", "admin1", 2)], got
    # "southwest of X" is a reference point near the city, not a part of the province
    got = _places("A farm 15 km southwest of Hama was shelled.")
    assert [(t, f, p) for t, _, f, p in got] == [("Hama", "city", 2)], got


def test_transliteration_variants_share_a_folding_key() -> None:
    assert latin_key("Kfar Nabl") == latin_key("Kafr Nabl") == latin_key("Kafar Nabl")
    assert latin_key("Cheikh Maqsoud") == latin_key("Sheikh Maqsoud")
    assert latin_key("Tell Rifaat") == latin_key("Tal Rifaat")
    assert latin_key("Kafr Nabl") != latin_key("Kafr Hamra")


def test_a_name_spelt_with_an_ayn_is_read_by_its_folding_key() -> None:
    got = _places("Regime forces shelled the town of Da'el on Friday.")
    assert len(got) == 1 and got[0][0] == "Da'el" and got[0][2] == "town", got
    # an acronym is no spelling of a name: the news agency is no place
    assert _places("SANA reported the attack on Friday.") == []


def test_a_name_that_is_part_of_a_longer_name_is_no_place() -> None:
    # "Al Sham" ends the names of armed groups: no Damascus
    assert _places("Fighters of Jaysh Al Sham and Liwa Al-Sham clashed overnight.") == []
    # the longer name wins over a shorter one inside it that starts with the article
    got = _places("Turkish artillery hit Ras Al Ain city on Sunday.")
    assert [t for t, _, _, _ in got] == ["Ras Al Ain"], got
    # a bare generic head before the rest of an unknown name is not the town called by the head alone
    assert _places("Mortars fell on Tal Hamdan village and on Tall al-Jabin.") == []
    # ... but a sentence-opening word before the article is no name: the place stands
    got = _places("In Al-Bab, rebels shelled regime positions.")
    assert [t for t, _, _, _ in got] == ["Al-Bab"], got
    # and names listed without commas stay two places
    got = _places("The checkpoints lie along the roads to Tadmur al-Salamiyah and Homs.")
    assert [t for t, _, _, _ in got] == ["Tadmur", "Salamiyah", "Homs"], got


def test_a_spelling_that_differs_in_its_vowels_is_read_where_the_words_make_it_a_place() -> None:
    assert consonant_skeleton(latin_key("Harbanifse")) == consonant_skeleton(latin_key("Harbinafsah"))
    # no spelling of the gazetteer meets "Harbanifse"; its consonants do, after a locative
    got = _places("Rebels fired at army posts in Harbanifse on Sunday.")
    assert len(got) == 1 and got[0][0] == "Harbanifse" and got[0][2] in ("town", "village"), got
    got = _places("Rebels fired at army posts near Harbanifse village.")
    assert len(got) == 1 and got[0][0] == "Harbanifse", got
    # not a name after a title, nor one the words around do not make a place
    assert _places("Analysts said Harbanifse was wrong.") == []


def test_a_neighbourhood_read_by_its_consonants_needs_its_city_named_near() -> None:
    # Zebdiyeh is a quarter of Aleppo: spelt Zubdiya next to Aleppo it is read, far from any Aleppo not
    got = _places("Barrel bombs hit the Zubdiya neighbourhood in Aleppo on Wednesday.")
    assert ("Zubdiya", "neighbourhood") in [(t, f) for t, _, f, _ in got], got
    got = _places("Barrel bombs hit the Zubdiya neighbourhood on Wednesday.")
    assert "Zubdiya" not in [t for t, _, _, _ in got], got


def test_a_street_named_after_a_town_and_a_word_joined_by_an_apostrophe_are_no_places() -> None:
    got = _places("A shell fell near Baghdad Street in Damascus.")
    assert [t for t, _, _, _ in got] == ["Damascus"], got
    assert _places("Rebels captured the Qala'at Sam'an area.") == []
    # the English possessive is no such apostrophe
    got = _places("Shells fell on Aleppo's eastern districts.")
    assert [t for t, _, _, _ in got] == ["Aleppo"], got
