"""ACLED's geo-precision for English context words around a town's name (geoparse_words.yaml:
``at_place_cues``, ``near_cues``, ``area_after_town``): "the outskirts of X" is coded at X (1), "the
vicinity of X" and "the X area / sub-district / frontline" near it (2)."""

from __future__ import annotations

import pytest

from rasad.model import Document
from rasad.places.geoparse import places_stage


def _precision(text: str, name: str, lang: str = "en") -> int | None:
    doc = Document.create(text, lang=lang)
    places_stage(doc)
    found = [m for m in doc.mentions_of("place") if m.text == name]
    assert found, [m.text for m in doc.mentions_of("place")]
    assert doc.text[found[0].start:found[0].end] == name  # raw offsets kept
    return found[0].attrs["geo_precision"]


@pytest.mark.parametrize("text", [
    "Rebel fighters clashed with government troops on the outskirts of Saraqib on Monday.",
    "A roadside bomb exploded on the northern outskirts of Saraqib.",
])
def test_outskirts_of_a_town_is_the_town(text: str) -> None:
    assert _precision(text, "Saraqib") == 1


@pytest.mark.parametrize("text", [
    "Government warplanes bombed rebel positions in the vicinity of Saraqib, killing three fighters.",
    "Rebel fighters shelled army positions in the Atareb area, killing two soldiers.",
    "Turkish artillery shelled the Tall Rifaat sub-district, killing a civilian.",
    "Fighters moved reinforcements to the Saraqib frontline overnight.",
])
def test_vicinity_or_area_of_a_town_is_near_it(text: str) -> None:
    name = next(n for n in ("Saraqib", "Atareb", "Tall Rifaat") if n in text)
    assert _precision(text, name) == 2


def test_the_town_itself_and_arabic_outskirts_keep_their_precision() -> None:
    # no area word: the town itself; a word that merely follows ("Saraqib residents") changes nothing
    assert _precision("An airstrike hit a market in Saraqib, killing four civilians.", "Saraqib") == 1
    assert _precision("Saraqib residents fled the shelling.", "Saraqib") == 1
    # the Arabic near cue (أطراف) still reads "near": the English-only rule does not reach it
    assert _precision("اشتباكات عنيفة على أطراف سراقب", "سراقب", lang="ar") == 2


def test_a_district_word_reads_the_unit_only_after_the_name_and_not_after_a() -> None:
    # "the Manbij district": the district (admin unit); "the district of Homs" / "a Homs district": a quarter
    # of the city, which stays the city at precision 1
    def feature(text: str, name: str) -> tuple[str | None, int | None]:
        doc = Document.create(text, lang="en")
        places_stage(doc)
        m = next(m for m in doc.mentions_of("place") if m.text == name)
        return m.attrs.get("feature"), m.attrs.get("geo_precision")

    assert feature("Landmines killed two shepherds in the Manbij district on Sunday.", "Manbij") == ("admin2", 2)
    assert feature("A car bomb exploded in a Homs district on Monday.", "Homs") == ("city", 1)
    assert feature("Shells hit the Zahraa district of Homs on Monday.", "Homs") == ("city", 1)
