"""Merge rules found by judging merges of fresh news days (scripts/sample_merges.py): an area that lies in no
one country is no place to link reports at, and a report dated no closer than a year links to nothing."""

from __future__ import annotations

from datetime import date

from rasad.merge import merge_documents
from rasad.merge.compat import PlacePaths
from rasad.model import DateRef, PlaceRef
from tests.merge.builders import ALEPPO, CIVILIANS, GOV, ISIS, document, event

MIDDLE_EAST = PlaceRef("t:middle-east", "Middle East", "the Middle East", feature="region", latitude=29.0,
                       longitude=41.0)
GULF = PlaceRef("t:gulf", "Persian Gulf", "the Gulf", feature="region", latitude=27.0, longitude=51.0)


def _together(result, a: str, b: str) -> bool:
    return result.event_to_canonical[a] == result.event_to_canonical[b]


def test_an_area_in_no_country_has_a_path_of_its_own_like_a_country():
    paths = PlacePaths(use_gazetteer=False)
    assert paths.path(MIDDLE_EAST) == ("p:t:middle-east",)
    assert len(paths.path(ALEPPO)) > 1  # a town keeps its containment path


def test_two_different_fights_placed_only_in_a_supranational_region_stay_apart():
    a = event("Armed clash", MIDDLE_EAST, "2015-07-22", actor1=GOV)
    b = event("Armed clash", MIDDLE_EAST, "2015-07-22", actor1=ISIS)
    result = merge_documents([document("Fighting in one place.", [a], "Outlet A"),
                              document("Fighting in another place.", [b], "Outlet B")])
    assert not _together(result, a.id, b.id)


def test_same_day_reports_at_one_town_still_merge():
    a = event("Air/drone strike", ALEPPO, "2015-07-22", actor1=GOV, actor2=CIVILIANS, killed=12)
    b = event("Air/drone strike", ALEPPO, "2015-07-22", actor1=GOV, killed=12)
    result = merge_documents([document("A strike on Aleppo.", [a], "Outlet A"),
                              document("An air raid on Aleppo.", [b], "Outlet B")])
    assert _together(result, a.id, b.id)


def _year(y: int) -> DateRef:
    return DateRef(date(y, 1, 1), date(y, 12, 31), precision="year", text=str(y))


def _month(y: int, m: int) -> DateRef:
    return DateRef(date(y, m, 1), date(y, m, 28), precision="month", text=f"{y}-{m}")


def test_a_report_dated_only_to_a_year_joins_no_event():
    # "last year's strikes" in one paper and a strike of that year at the same town in another
    dated = event("Air/drone strike", ALEPPO, "2014-08-03", actor1=GOV)
    vague = event("Air/drone strike", ALEPPO, _year(2014), actor1=GOV)
    country_only = event("Air/drone strike", PlaceRef("t:syr", "Syria", "Syria", feature="country", country="SYR"),
                         _year(2014), actor1=GOV)
    result = merge_documents([document("A strike on Aleppo on 3 August.", [dated], "Outlet A"),
                              document("Last year's strikes on Aleppo.", [vague], "Outlet B"),
                              document("Strikes in Syria last year.", [country_only], "Outlet C")])
    assert not _together(result, dated.id, vague.id)
    assert not _together(result, dated.id, country_only.id)
    assert not _together(result, vague.id, country_only.id)


def test_a_report_dated_to_a_month_still_joins_its_event():
    dated = event("Air/drone strike", ALEPPO, "2014-08-03", actor1=GOV)
    month = event("Air/drone strike", ALEPPO, _month(2014, 8), actor1=GOV)
    result = merge_documents([document("A strike on Aleppo on 3 August.", [dated], "Outlet A"),
                              document("Strikes on Aleppo in August.", [month], "Outlet B")])
    assert _together(result, dated.id, month.id)


def test_a_planned_act_joins_no_event_but_a_reported_one_does():
    # "forces are preparing to retake Ramadi" is no telling of the recapture another paper reports
    ramadi = PlaceRef("t:ramadi", "Ramadi", "Ramadi", feature="city", country="IRQ", admin1="Anbar",
                      latitude=33.42, longitude=43.30)
    taken = event("Government regains territory", ramadi, "2015-07-22", actor1=GOV, actor2=ISIS)
    planned = event("Government regains territory", ramadi, "2015-07-22", actor1=GOV, actor2=ISIS,
                    polarity="planned")
    hearsay = event("Government regains territory", ramadi, "2015-07-22", actor1=GOV, actor2=ISIS,
                    polarity="reported")
    result = merge_documents([document("The army retook Ramadi.", [taken], "Outlet A"),
                              document("The army prepares to retake Ramadi.", [planned], "Outlet B"),
                              document("The army reportedly retook Ramadi.", [hearsay], "Outlet C")])
    assert not _together(result, taken.id, planned.id)
    assert _together(result, taken.id, hearsay.id)


def test_a_country_only_report_with_only_its_publication_date_joins_no_event():
    # "Lebanese troops arrested Syrians" placed in Syria, with no date but the paper's: the one arrest
    # reported in Syria in the days before publication is not thereby the same happening
    syria = PlaceRef("t:syria", "Syria", "Syria", feature="country", country="SYR")
    arrest = event("Arrests", ALEPPO, "2015-07-22", actor1=GOV)
    undated = event("Arrests", syria, None, actor1=GOV)
    dated = event("Arrests", syria, "2015-07-22", actor1=GOV)
    result = merge_documents([document("Arrests in Aleppo.", [arrest], "Outlet A"),
                              document("Arrests of Syrians.", [undated], "Outlet B", published="2015-07-23"),
                              document("Arrests in Syria on 22 July.", [dated], "Outlet C")])
    assert not _together(result, arrest.id, undated.id)
    assert _together(result, arrest.id, dated.id)  # its own day: still the only arrest that day
