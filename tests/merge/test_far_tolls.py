"""Two reports with death tolls far apart (more than ``CONFLICTING_TOLL_RATIO`` times, the larger at least
``DISTINCT_TOLL``) and no day in common tell two happenings at one place: 4 dead in clashes on one day and
15 dead in clashes "this week" are two fights, not one fight with a contradiction. Reports of one day keep
their link (two sides' tolls of one fight differ widely), and a mass-casualty strike's toll may rise."""

from __future__ import annotations

from datetime import date

from rasad.merge import merge_documents
from rasad.merge.coref import tolls_conflict
from rasad.model import DateRef
from tests.merge.builders import GOV, HOMS, REBELS, document, event, speaker

WEEK = DateRef(date(2013, 7, 22), date(2013, 7, 28), precision="week", text="this week")


def _clash(killed: int, when: str | DateRef, outlet: str):
    ev = event("Armed clash", HOMS, when, actor1=GOV, actor2=REBELS, killed=killed,
               attribution=speaker("anonymous", role="local source"))
    return document(f"{outlet}: clashes killed {killed} in Homs.", [ev], outlet, published="2013-07-28T10:00")


def test_far_tolls_without_a_common_day_are_two_fights() -> None:
    day_report = _clash(4, "2013-07-25", "Outlet A")
    assert len(merge_documents([day_report, _clash(15, WEEK, "Outlet B")]).canonical_events) == 2
    # a close toll still joins: one fight told twice
    assert len(merge_documents([day_report, _clash(5, WEEK, "Outlet B")]).canonical_events) == 1


def test_far_tolls_on_one_day_stay_one_event_with_a_contradiction() -> None:
    ces = merge_documents([_clash(4, "2013-07-25", "Outlet A"), _clash(15, "2013-07-25", "Outlet B")]).canonical_events
    assert len(ces) == 1
    assert next(c for c in ces[0].comparisons if c.field == "fatalities").status == "contradict"


def test_which_tolls_conflict() -> None:
    assert tolls_conflict(2, [19], battle=False) and tolls_conflict(4, [15], battle=True)
    assert not tolls_conflict(6, [17, 16], battle=False)  # one strike, outlets disagree
    assert not tolls_conflict(1, [3], battle=True)  # too few dead to tell happenings apart
    assert not tolls_conflict(12, [40], battle=False)  # a mass-casualty toll rises from report to report
    assert tolls_conflict(12, [40], battle=True)
