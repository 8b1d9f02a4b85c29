"""Reports with no date at all (scraped corpora that lost their publication dates): what links them."""

from __future__ import annotations

import json
from datetime import date

from rasad.merge import merge_documents
from rasad.merge.core import undated_windows
from rasad.model import ActorRef, DateRef, Document, PlaceRef
from rasad.pipeline import build_pipeline, stage_names
from tests.conftest import require_shared
from tests.merge.builders import (
    ALEPPO,
    CIVILIANS,
    GOV,
    HOMS,
    HOMS_GOV,
    KHALIDIYA,
    KHAN_ASAL,
    REBELS,
    YPG,
    document,
    event,
)

SHELLING = "Shelling/artillery/missile attack"
CORPUS = "news/scrape.jsonl"


def _together(result, *event_ids: str) -> bool:
    return len({result.event_to_canonical[e] for e in event_ids}) == 1


def _in_corpus(doc: Document, line: int) -> Document:
    doc.source_path = f"{CORPUS}#line{line}"
    return doc


def test_undated_reports_of_one_shelling_link_on_the_same_death_toll():
    a = document("a", [event(SHELLING, KHALIDIYA, None, actor1=GOV, actor2=CIVILIANS, killed=43)], "A")
    b = document("b", [event(SHELLING, KHALIDIYA, None, actor2=CIVILIANS, killed=40)], "B")
    other_toll = document("c", [event(SHELLING, KHALIDIYA, None, actor1=GOV, killed=12)], "C")
    result = merge_documents([a, b, other_toll])
    assert _together(result, a.events[0].id, b.events[0].id)  # 40 vs 43: within 20 %
    assert not _together(result, a.events[0].id, other_toll.events[0].id)
    ce = result.canonical(a.events[0].id)
    assert ce is not None and ce.n_sources == 2
    assert "fatalities" not in ce.contested_fields


def test_a_shared_toll_is_not_enough_when_small_vague_coarse_or_of_another_kind():
    small = [document(f"s{k}", [event(SHELLING, KHALIDIYA, None, actor1=GOV, killed=2)], f"S{k}")
             for k in range(2)]
    governorate = [document(f"g{k}", [event(SHELLING, HOMS_GOV, None, actor1=GOV, killed=43)], f"G{k}")
                   for k in range(2)]
    strike = document("bomb", [event("Suicide bomb", KHAN_ASAL, None, killed=43)], "Bomb")
    shelled = document("shell", [event(SHELLING, KHAN_ASAL, None, actor1=GOV, killed=43)], "Shell")
    result = merge_documents([*small, *governorate, strike, shelled])
    assert not _together(result, small[0].events[0].id, small[1].events[0].id)  # two dead recur daily
    assert not _together(result, governorate[0].events[0].id, governorate[1].events[0].id)
    # a suicide bombing and shelling with the same toll: another weapon needs a precise date on both sides
    assert not _together(result, strike.events[0].id, shelled.events[0].id)


def test_a_toll_matching_two_events_at_the_place_links_to_neither():
    first = document("a", [event(SHELLING, ALEPPO, None, actor1=GOV, killed=18)], "A")
    second = document("b", [event(SHELLING, ALEPPO, None, actor1=GOV, killed=18)], "B")
    first_c = document("c", [event(SHELLING, ALEPPO, None, actor1=GOV, killed=19)], "C")
    result = merge_documents([first, second, first_c])
    # a and b start one event; c matches it uniquely and joins
    assert _together(result, first.events[0].id, second.events[0].id, first_c.events[0].id)

    # two dated events at Aleppo both with 18 dead in the corpus window: an undated 18 is ambiguous
    dated = [_in_corpus(document(f"d{k}", [event(SHELLING, ALEPPO, f"2015-07-{10 + 5 * k}", actor1=GOV, killed=18)],
                                 f"D{k}", published=f"2015-07-{11 + 5 * k}"), k) for k in range(2)]
    undated = _in_corpus(document("u", [event(SHELLING, ALEPPO, None, actor1=GOV, killed=18)], "U"), 9)
    result = merge_documents([*dated, undated])
    assert not any(_together(result, d.events[0].id, undated.events[0].id) for d in dated)


def test_battles_still_need_the_same_pair_of_sides_without_a_date():
    gov_rebels = document("a", [event("Armed clash", KHALIDIYA, None, actor1=GOV, actor2=REBELS, killed=30)], "A")
    rebels_kurds = document("k", [event("Armed clash", KHALIDIYA, None, actor1=REBELS, actor2=YPG, killed=30)],
                            "K")
    rebels_gov = document("r", [event("Armed clash", KHALIDIYA, None, actor1=REBELS, actor2=GOV, killed=28)], "R")
    result = merge_documents([gov_rebels, rebels_kurds, rebels_gov])
    assert not _together(result, gov_rebels.events[0].id, rebels_kurds.events[0].id)
    assert _together(result, gov_rebels.events[0].id, rebels_gov.events[0].id)


def test_an_undated_document_takes_its_corpus_publication_window():
    july = [_in_corpus(document(f"j{k}", [], f"J{k}", published=f"2015-07-{d:02d}"), k)
            for k, d in enumerate((13, 22, 30))]
    undated = _in_corpus(document("u", [], "U"), 7)
    elsewhere = document("x", [], "X")  # no corpus: no window
    windows = undated_windows([*july, undated, elsewhere])
    assert set(windows) == {undated.id}
    lo, hi = windows[undated.id]
    assert date.fromordinal(lo) <= date(2015, 7, 13) and date.fromordinal(hi) >= date(2015, 7, 30)
    assert hi - lo < 40

    # a scrape spanning years says nothing about when one article appeared
    years = [_in_corpus(document(f"y{k}", [], f"Y{k}", published=p), k)
             for k, p in enumerate(("2013-01-01", "2015-07-01"))]
    assert undated.id not in undated_windows([*years, undated])


def test_undated_report_links_a_dated_event_only_inside_its_corpus_window():
    dated_2015 = _in_corpus(document("a", [event(SHELLING, ALEPPO, "2015-07-21", actor1=GOV, killed=18)], "A",
                                     published="2015-07-22"), 0)
    dated_2013 = document("b", [event(SHELLING, KHAN_ASAL, "2013-03-19", actor1=GOV, killed=25)], "B",
                          published="2013-03-20")
    undated_aleppo = _in_corpus(document("u", [event(SHELLING, ALEPPO, None, actor1=GOV, killed=18)], "U"), 1)
    undated_khan = _in_corpus(document("v", [event(SHELLING, KHAN_ASAL, None, actor1=GOV, killed=25)], "V"), 2)
    result = merge_documents([dated_2015, dated_2013, undated_aleppo, undated_khan])
    assert _together(result, dated_2015.events[0].id, undated_aleppo.events[0].id)
    assert not _together(result, dated_2013.events[0].id, undated_khan.events[0].id)


def test_undated_claim_of_control_at_a_town_does_not_join_a_capture_somewhere_in_the_governorate():
    town = document("t", [event("Government regains territory", HOMS, None, actor1=GOV, actor2=REBELS)], "T")
    region = document("r", [event("Government regains territory", HOMS_GOV, None, actor1=GOV, actor2=REBELS)],
                      "R")
    same_town = document("s", [event("Armed clash", HOMS, None, actor1=REBELS, actor2=GOV, outcome="repelled")],
                         "S")
    result = merge_documents([town, region, same_town])
    assert not _together(result, town.events[0].id, region.events[0].id)
    assert _together(result, town.events[0].id, same_town.events[0].id)


SYRIA = PlaceRef("t:syria", "Syria", "Syria", feature="country", country="SYR", geo_precision=3)
SARRIN = PlaceRef("t:sarrin", "Sarrin", "Sarrin", feature="town", country="SYR", admin1="Aleppo",
                  admin2="Ain al-Arab", latitude=36.57, longitude=38.23, geo_precision=1)
TURKEY = ActorRef("tr_forces", "Military Forces of Turkey", "Turkish forces", inter=8, side="foreign")
ISIS = ActorRef("isis", "Islamic State", "Daesh", inter=2, side="jihadist")
STRIKE = "Air/drone strike"


def _yearless(month: int, day: int) -> DateRef:
    """"on 8 July" in an article without a publication date: the events stage leaves it unanchored."""
    return DateRef(None, None, precision="day", relative=True, anchored=False,
                   expression=f"--{month:02d}-{day:02d}", text=f"{day} July")


def _dated_corpus(days: tuple[str, ...]) -> list[Document]:
    return [_in_corpus(document(f"pub{k}", [], f"P{k}", published=d), 20 + k) for k, d in enumerate(days)]


def test_a_day_and_month_without_year_is_dated_by_its_corpus_window():
    corpus = _dated_corpus(("2015-07-03", "2015-08-10"))
    country_level = _in_corpus(document("a", [event(STRIKE, SYRIA, "2015-07-08")], "A", published="2015-07-09"), 0)
    yearless = _in_corpus(document("b", [event(STRIKE, ALEPPO, _yearless(7, 8), actor1=GOV)], "B"), 1)
    other_day = _in_corpus(document("c", [event(STRIKE, ALEPPO, _yearless(7, 30), actor1=GOV)], "C"), 2)
    result = merge_documents([*corpus, country_level, yearless, other_day])
    # "8 July" in a July-August 2015 scrape is 2015-07-08, the only strike in Syria that day
    assert _together(result, country_level.events[0].id, yearless.events[0].id)
    assert not _together(result, yearless.events[0].id, other_day.events[0].id)
    ce = result.canonical(yearless.events[0].id)
    assert ce is not None and ce.n_sources == 2

    # without a corpus window (no dated article in its scrape) "8 July" stays unplaced in time
    lone = document("d", [event(STRIKE, ALEPPO, _yearless(7, 8), actor1=GOV)], "D")
    result = merge_documents([country_level, lone])
    assert not _together(result, country_level.events[0].id, lone.events[0].id)


def test_undated_captures_of_one_town_link_when_outlets_name_different_losers():
    """ISIS took Sarrin "from the YPG" in one paper and "near the Turkish border forces" in another: one
    capture, one side in common.  A capture between two other sides stays apart."""
    from_ypg = document("a", [event("Non-state actor overtakes territory", SARRIN, None, actor1=ISIS, actor2=YPG,
                                    outcome="captured")], "A")
    from_turks = document("b", [event("Non-state actor overtakes territory", SARRIN, None, actor1=ISIS,
                                      actor2=TURKEY, outcome="captured")], "B")
    by_army = document("c", [event("Government regains territory", SARRIN, None, actor1=GOV, actor2=TURKEY,
                                   outcome="captured")], "C")
    result = merge_documents([by_army, from_ypg, from_turks])
    assert _together(result, from_ypg.events[0].id, from_turks.events[0].id)
    assert not _together(result, from_ypg.events[0].id, by_army.events[0].id)


def test_undated_country_level_reports_pair_only_when_exactly_two_tell_it():
    corpus = _dated_corpus(("2015-07-03", "2015-08-10"))
    raids = [_in_corpus(document(f"r{k}", [event(STRIKE, SYRIA, None, actor1=TURKEY, actor2=ISIS)], f"R{k}"), k)
             for k in range(2)]
    result = merge_documents([*corpus, *raids])
    assert _together(result, raids[0].events[0].id, raids[1].events[0].id)

    # a third one: several raids may be meant, and nothing says which is which
    third = _in_corpus(document("r3", [event(STRIKE, SYRIA, None, actor1=TURKEY, actor2=ISIS)], "R3"), 5)
    result = merge_documents([*corpus, *raids, third])
    assert not any(_together(result, a.events[0].id, b.events[0].id)
                   for a, b in ((raids[0], raids[1]), (raids[0], third), (raids[1], third)))
    # another pair of sides is another story
    on_kurds = _in_corpus(document("k", [event(STRIKE, SYRIA, None, actor1=TURKEY, actor2=YPG)], "K"), 6)
    result = merge_documents([*corpus, raids[0], on_kurds])
    assert not _together(result, raids[0].events[0].id, on_kurds.events[0].id)


def _snn_rows(*ids: str) -> dict[str, dict]:
    path = require_shared("data", "news", "saudinewsnet_ar.jsonl")
    rows: dict[str, dict] = {}
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if any(f'"id": "{i}"' in line for i in ids):
                row = json.loads(line)
                row["_source"] = f"{path}#line{n}"
                rows[row["id"]] = row
    return rows


def test_two_saudi_papers_report_of_the_aden_shelling_merge_without_dates():
    """al-Weeam and al-Riyadh, July 2015, neither with a publication date: 43 killed in the Houthi shelling
    of Aden.  A third al-Weeam article the same day (8 of one family killed in Dar Saad) stays apart."""
    missing = [s for s in ("places", "quantities", "events") if s not in stage_names()]
    assert not missing, f"document stage(s) not registered: {', '.join(missing)}"
    rows = _snn_rows("snn_01629", "snn_03856", "snn_02072")
    pipe = build_pipeline()
    docs = {}
    for rid, row in rows.items():
        doc = Document.create(f"{row['title']}\n\n{row['content']}", title=row["title"], outlet=row["source"],
                              url=row["url"], source_path=row["_source"])
        docs[rid] = pipe(doc)
    result = merge_documents(list(docs.values()))

    def tolled(rid: str, toll: int) -> list[str]:
        return [e.id for e in docs[rid].events
                if e.event_type == "Explosions/Remote violence" and e.fatalities and e.fatalities.best == toll]

    weeam, riyadh = tolled("snn_01629", 43), tolled("snn_03856", 43)
    assert weeam and riyadh, "the extractors found no shelling report with 43 dead in one of the two articles"
    merged = {result.event_to_canonical[e] for e in weeam} & {result.event_to_canonical[e] for e in riyadh}
    assert len(merged) == 1
    ce = next(c for c in result.canonical_events if c.id in merged)
    assert ce.n_sources == 2 and "fatalities" not in ce.contested_fields
    assert docs["snn_02072"].id not in {r.doc_id for r in ce.reports}


def test_undated_tolls_that_rose_between_reports_link_but_distant_ones_do_not():
    """20 dead "this morning" in one paper and 31 the next day in another: one crash or strike, its toll
    risen (within 50 % of the larger); 16 and 60 dead at the same town are two happenings."""
    strike = "Air/drone strike"
    morning = document("a", [event(strike, KHAN_ASAL, None, actor1=GOV, actor2=CIVILIANS, killed=20)], "A")
    next_day = document("b", [event(strike, KHAN_ASAL, None, actor1=GOV, actor2=CIVILIANS, killed=31)], "B")
    result = merge_documents([morning, next_day])
    assert _together(result, morning.events[0].id, next_day.events[0].id)
    ce = result.canonical(morning.events[0].id)
    assert ce is not None and "fatalities" in ce.contested_fields  # the two tolls are kept as a dispute

    few = document("c", [event(strike, ALEPPO, None, actor1=GOV, killed=16)], "C")
    many = document("d", [event(strike, ALEPPO, None, actor1=GOV, killed=60)], "D")
    result = merge_documents([few, many])
    assert not _together(result, few.events[0].id, many.events[0].id)


def test_the_wide_toll_band_is_for_mass_casualty_attacks_not_battles_or_small_tolls():
    """Fighters killed at one front are reported day after day: 20 and 31 dead in clashes at one town
    are two days of fighting; 5 and 9 dead are too few to single out one attack."""
    clash = document("a", [event("Armed clash", KHAN_ASAL, None, actor1=GOV, actor2=REBELS, killed=20)], "A")
    clash2 = document("b", [event("Armed clash", KHAN_ASAL, None, actor1=GOV, actor2=REBELS, killed=31)], "B")
    small = document("c", [event(SHELLING, ALEPPO, None, actor1=GOV, killed=5)], "C")
    small2 = document("d", [event(SHELLING, ALEPPO, None, actor1=GOV, killed=9)], "D")
    result = merge_documents([clash, clash2, small, small2])
    assert not _together(result, clash.events[0].id, clash2.events[0].id)
    assert not _together(result, small.events[0].id, small2.events[0].id)
