"""English events at a village the gazetteer lacks, named before the area it lies in ("shelled Huweiz in
Hama", "Quriba village in southwest Afrin"): the event is in that area at geo-precision 2 (a district
named like the town when there is one), never at the town itself (precision 1)."""

from __future__ import annotations

from rasad.model import Document
from tests.extract.event_runs import doc_with_events as _run


def _locs(doc: Document) -> list[tuple[str | None, str | None, int | None]]:
    return [(e.location.text, e.location.feature, e.location.geo_precision) if e.location else (None, None, None)
            for e in doc.events]


def test_an_unknown_village_in_a_district_town_is_in_that_district() -> None:
    doc = _run("Rebel fighters captured Qarqazan village in southwest Afrin after heavy clashes.", "en")
    got = _locs(doc)
    assert got and all(loc == ("Afrin", "admin2", 2) for loc in got), got
    loc = doc.events[0].location
    assert loc is not None and doc.text[loc.start:loc.end] == "Afrin"  # offsets of the area as written


def test_an_unknown_village_in_hama_is_not_hama_city() -> None:
    for text in ("Government artillery shelled Zarzour in Hama, killing two civilians.",
                 "Government artillery shelled al-Zarzour in Hama, killing two civilians."):
        got = _locs(_run(text, "en"))
        assert got and all(p == 2 and feature != "city" for _, feature, p in got), (text, got)


def test_the_town_itself_stays_the_place() -> None:
    # no unknown name before the area: a sentence opening with the event word, a weekday, an actor
    for text in ("Clashes in Hama killed two soldiers.",
                 "Government artillery shelled rebel positions on Monday in Hama, killing two fighters.",
                 "An airstrike on Saraqib in Idlib killed four civilians."):
        got = _locs(_run(text, "en"))
        assert got and got[0][2] == 1, (text, got)


def test_a_district_named_in_the_province_is_the_finer_place() -> None:
    # "X district" reads as the admin unit (not a town or village of that name), and a province chosen as
    # the event's place gives way to a district inside it named in the same sentence
    for text, unit in (("Government artillery pounded rebel positions in Idlib province, mainly in the "
                        "Jisr al-Shughur district.", "Jisr al-Shughur"),
                       ("Landmines killed two shepherds in the Manbij district on Sunday.", "Manbij"),
                       ("Government artillery pounded rebel positions in Hama province, mainly in the "
                        "Salamiyah subdistrict.", "Salamiyah")):
        doc = _run(text, "en")
        got = _locs(doc)
        assert got and all(name == unit and feature in ("admin2", "admin3") and p == 2 for name, feature, p in got), \
            (text, got)


def test_a_part_of_a_city_or_a_title_is_no_unknown_village() -> None:
    # a quarter or a landmark of the city is coded at the city itself; "Chief of Police" names no place
    for text, town in (("Government artillery shelled the Zahraa neighbourhood in Aleppo city, killing two "
                        "civilians.", "Aleppo"),
                       ("A car bomb exploded near the Great Mosque in the city of Saraqib, killing five people.",
                        "Saraqib"),
                       ("An IED killed the Chief of Police in Saraqib on Tuesday.", "Saraqib")):
        got = _locs(_run(text, "en"))
        assert got and got[0][0] == town and got[0][2] == 1, (text, got)


def test_a_stretch_between_two_towns_is_near_the_first() -> None:
    # ACLED codes an event "on the road between X and Y" near X (geo-precision 2), not in X
    for text in ("Gunmen ambushed a patrol on the road between Saraqib and Ariha, killing two soldiers.",
                 "Rebel fighters clashed with government troops in the area between Saraqib and Ariha."):
        got = _locs(_run(text, "en"))
        assert got and all(loc == ("Saraqib", "town", 2) for loc in got), (text, got)
