"""Event coreference on hand-built reports: what merges, what stays apart."""

from __future__ import annotations

from datetime import date

from rasad.merge import merge_documents
from rasad.merge.compat import SUB_EVENT_CODES
from rasad.merge.coref import ReportTable, cluster_reports
from rasad.model import ActorRef, DateRef, PlaceRef
from tests.merge.builders import (
    ALEPPO,
    CIVILIANS,
    FSA,
    GOV,
    HOMS,
    HOMS_GOV,
    ISIS,
    KHALIDIYA,
    KHAN_ASAL,
    REBELS,
    TERRORISTS,
    WAER,
    YPG,
    document,
    event,
    speaker,
)


def _groups(result) -> list[set[str]]:
    return [{r.event_id for r in c.reports} for c in result.canonical_events]


def _together(result, *event_ids: str) -> bool:
    cid = {result.event_to_canonical[e] for e in event_ids}
    return len(cid) == 1


def test_khalidiya_told_three_ways_in_three_languages_is_one_battle_with_contested_outcome():
    fa = document("نیروهای دولتی کوی خالدیه را به دست گرفتند", [
        event("Government regains territory", KHALIDIYA, actor1=GOV, actor2=TERRORISTS,
              attribution=speaker("anonymous", role="military official")),
        event("Government regains territory", KHALIDIYA, actor1=GOV, actor2=TERRORISTS, polarity="denied",
              attribution=speaker("unnamed_group", role="militant groups")),
    ], "Persian outlet", lang="fa")
    ar1 = document("انسحبت قوات المعارضة من الخالدية طواعية", [
        event("Non-violent transfer of territory", KHALIDIYA, actor1=REBELS, actor2=GOV,
              attribution=speaker("person", "Khaled al-Khalaf", "person:khaled_al_khalaf")),
    ], "al-Watan", lang="ar")
    ar2 = document("الخالدية لا تزال خارج سيطرة الأسد", [
        event("Armed clash", KHALIDIYA, actor1=FSA, actor2=GOV, outcome="holding",
              attribution=speaker("unnamed_group", "activists", role="activists")),
    ], "Al Arabiya", lang="ar")
    result = merge_documents([fa, ar1, ar2])
    assert len(result.canonical_events) == 1
    ce = result.canonical_events[0]
    assert ce.n_sources == 3 and len(ce.reports) == 4
    assert ce.outcome == "contested"
    assert "outcome" in ce.contested_fields and "existence" in ce.contested_fields
    assert ce.sub_event_type == "Armed clash"  # the fighting is the common ground
    outcome = next(c for c in ce.comparisons if c.field == "outcome")
    positions = {(v.value, v.speaker.name or v.speaker.role) for v in outcome.values}
    assert {("captured", "military official"), ("withdrew", "Khaled al-Khalaf"),
            ("holding", "activists"), ("not captured", "militant groups")} == positions
    assert {r.lang for r in ce.reports} == {"fa", "ar"}
    # actors align across reports although outlets name them in different order
    assert ce.actor1.canonical_id == "sy_gov_forces" and ce.actor2.canonical_id == "fsa"


def test_different_happenings_in_one_city_on_one_day_stay_apart():
    doc = document("Air strikes and clashes in Aleppo.", [
        event("Air/drone strike", ALEPPO, "2016-10-07", actor1=GOV, actor2=CIVILIANS),
        event("Armed clash", ALEPPO, "2016-10-07", actor1=GOV, actor2=REBELS),
    ], "A")
    other = document("Clashes in Aleppo, air strikes too.", [
        event("Armed clash", ALEPPO, "2016-10-07", actor1=REBELS, actor2=GOV),
        event("Shelling/artillery/missile attack", ALEPPO, "2016-10-07", actor1=GOV, actor2=CIVILIANS),
    ], "B")
    result = merge_documents([doc, other])
    assert len(result.canonical_events) == 2
    a, b = doc.events, other.events
    assert _together(result, a[0].id, b[1].id)  # air strike ~ shelling: one bombardment, named two ways
    assert _together(result, a[1].id, b[0].id)
    assert not _together(result, a[0].id, a[1].id)


def test_neighbourhoods_of_one_city_are_different_places_but_the_city_contains_both():
    d1 = document("Clashes in Khalidiya.", [event("Armed clash", KHALIDIYA, "2013-07-20", actor1=GOV,
                                                   actor2=REBELS)], "A")
    d2 = document("Clashes in al-Waer.", [event("Armed clash", WAER, "2013-07-20", actor1=GOV,
                                               actor2=REBELS)], "B")
    d3 = document("Clashes in Homs.", [event("Armed clash", HOMS, "2013-07-20", actor1=GOV, actor2=REBELS)], "C")
    result = merge_documents([d1, d2])
    assert len(result.canonical_events) == 2
    result = merge_documents([d1, d3])
    assert len(result.canonical_events) == 1
    ce = result.canonical_events[0]
    assert ce.location.place_id == KHALIDIYA.place_id  # the most specific place wins
    loc = next(c for c in ce.comparisons if c.field == "location")
    assert loc.status == "agree"


def test_province_level_report_joins_the_event_inside_it():
    d1 = document("x1", [event("Armed clash", KHALIDIYA, "2013-07-20", actor1=GOV, actor2=REBELS)], "A")
    d2 = document("x2", [event("Armed clash", HOMS_GOV, "2013-07-21", actor1=GOV, actor2=REBELS)], "B")
    d3 = document("x3", [event("Armed clash", ALEPPO, "2013-07-20", actor1=GOV, actor2=REBELS)], "C")
    result = merge_documents([d1, d2, d3])
    assert _together(result, d1.events[0].id, d2.events[0].id)
    assert not _together(result, d1.events[0].id, d3.events[0].id)


def test_date_window_and_no_chaining_of_daily_reports():
    near = [document(f"day {d}", [event("Shelling/artillery/missile attack", KHALIDIYA, f"2013-07-{d:02d}",
                                         actor1=GOV)], f"O{d}") for d in (10, 11)]
    far = document("later", [event("Shelling/artillery/missile attack", KHALIDIYA, "2013-07-25", actor1=GOV)],
                   "O25")
    result = merge_documents([*near, far])
    assert _together(result, near[0].events[0].id, near[1].events[0].id)
    assert not _together(result, near[0].events[0].id, far.events[0].id)

    daily = [document(f"daily {d}", [event("Shelling/artillery/missile attack", KHALIDIYA, f"2013-07-{d:02d}",
                                          actor1=GOV)], f"D{d}") for d in range(1, 15)]
    result = merge_documents(daily)
    # a two-week bombardment reported daily is several events, not one chained blob
    assert len(result.canonical_events) >= 4
    for ce in result.canonical_events:
        assert (ce.date_end - ce.date_start).days <= 2


def test_publication_date_stands_in_for_a_missing_event_date():
    dated = document("a", [event("Armed clash", KHALIDIYA, "2013-07-28", actor1=GOV, actor2=REBELS)], "A")
    undated_recent = document("b", [event("Armed clash", KHALIDIYA, None, actor1=GOV, actor2=REBELS)], "B",
                              published="2013-07-29")
    undated_old = document("c", [event("Armed clash", KHALIDIYA, None, actor1=GOV, actor2=REBELS)], "C",
                           published="2013-09-01")
    result = merge_documents([dated, undated_recent, undated_old])
    assert _together(result, dated.events[0].id, undated_recent.events[0].id)
    assert not _together(result, dated.events[0].id, undated_old.events[0].id)


def test_without_any_date_only_claims_of_control_are_linked():
    shelling = [document(f"s{k}", [event("Shelling/artillery/missile attack", KHALIDIYA, None, actor1=GOV)],
                         f"S{k}") for k in range(2)]
    capture = [document("c0", [event("Government regains territory", KHALIDIYA, None, actor1=GOV)], "C0"),
               document("c1", [event("Armed clash", KHALIDIYA, None, actor1=GOV, outcome="repelled")], "C1")]
    result = merge_documents([*shelling, *capture])
    assert not _together(result, shelling[0].events[0].id, shelling[1].events[0].id)
    assert _together(result, capture[0].events[0].id, capture[1].events[0].id)


def test_battles_need_the_same_pair_of_sides_strikes_may_dispute_the_perpetrator():
    gov_rebels = document("a", [event("Armed clash", ALEPPO, "2016-01-05", actor1=GOV, actor2=REBELS)], "A")
    rebels_ypg = document("b", [event("Armed clash", ALEPPO, "2016-01-05", actor1=FSA, actor2=YPG)], "B")
    result = merge_documents([gov_rebels, rebels_ypg])
    assert not _together(result, gov_rebels.events[0].id, rebels_ypg.events[0].id)

    coalition = ActorRef("us_coalition", "US-led coalition", "the coalition", inter=8, side="foreign")
    by_gov = document("c", [event("Air/drone strike", ALEPPO, "2016-01-05", actor1=GOV, actor2=CIVILIANS,
                                  attribution=speaker("organisation", "SOHR", "org:sohr"))], "C")
    by_us = document("d", [event("Air/drone strike", ALEPPO, "2016-01-05", actor1=coalition, actor2=CIVILIANS,
                                 attribution=speaker("organisation", "SANA", "org:sana"))], "D")
    result = merge_documents([by_gov, by_us])
    assert len(result.canonical_events) == 1
    ce = result.canonical_events[0]
    actor1 = next(c for c in ce.comparisons if c.field == "actor1")
    assert actor1.status == "contradict" and actor1.kind == "responsibility"


def test_country_level_reports_join_only_an_unambiguous_event_and_placeless_ones_stay_alone():
    table = ReportTable()
    homs = table.intern_path(("c:SYR", "a1:SYR|Homs"))
    idlib = table.intern_path(("c:SYR", "a1:SYR|Idlib"))
    syria = table.intern_path(("c:SYR",))
    bomb = SUB_EVENT_CODES["Suicide bomb"]
    clash = SUB_EVENT_CODES["Armed clash"]
    table.add(0, bomb, homs, 735000, 735000, 0)
    table.add(1, bomb, syria, 735000, 735000, 0)  # the only bombing in Syria that day
    table.add(2, clash, syria, 735000, 735000, 0)  # no clash anywhere
    table.add(3, bomb, (), 735000, 735000, 0)  # no place at all
    labels = cluster_reports(table)
    assert labels[0] == labels[1]
    assert len({labels[0], labels[2], labels[3]}) == 3

    table.add(4, bomb, idlib, 735000, 735000, 0)  # a second bombing: "in Syria" is now ambiguous
    labels = cluster_reports(table)
    assert labels[1] not in (labels[0], labels[4])


def test_every_report_lands_in_exactly_one_canonical_event():
    docs = [document(f"doc {k}", [event("Armed clash", place, f"2014-03-{1 + k % 5:02d}", actor1=GOV,
                                        actor2=REBELS) for place in (ALEPPO, KHALIDIYA, WAER, HOMS)], f"O{k}")
            for k in range(12)]
    result = merge_documents(docs)
    ids = [e for group in _groups(result) for e in group]
    assert sorted(ids) == sorted(e.id for d in docs for e in d.events)


def test_gazetteer_parent_puts_a_neighbourhood_inside_its_city():
    from rasad.merge.compat import PlacePaths, nested
    from rasad.model import PlaceRef
    from rasad.places.gazetteer import load_gazetteer

    g = load_gazetteer()
    hood = next((p for p in g.places.values() if p.feature == "neighbourhood" and p.parent in g.places), None)
    assert hood is not None, "the built-in gazetteer has no neighbourhood with a parent city"
    city = g.get(hood.parent)

    def ref(p) -> PlaceRef:
        return PlaceRef(p.id, p.name, p.name, feature=p.feature, country=p.country, admin1=p.admin1,
                        admin2=p.admin2, admin3=p.admin3, latitude=p.lat, longitude=p.lon)

    paths = PlacePaths()
    assert nested(paths.path(ref(hood)), paths.path(ref(city)))
    assert paths.path(ref(hood))[-2] == f"p:{city.id}"


def test_publication_day_standing_in_for_a_date_is_only_a_window():
    stated = document("a", [event("Armed clash", KHALIDIYA, "2013-07-27", actor1=GOV, actor2=REBELS)], "A")
    filled = event("Armed clash", KHALIDIYA, "2013-07-29", actor1=GOV, actor2=REBELS)
    filled.attrs["date_source"] = "published"
    later = document("b", [filled], "B", published="2013-07-29")
    result = merge_documents([stated, later])
    assert _together(result, stated.events[0].id, later.events[0].id)
    ce = result.canonical_events[0]
    date_values = next(c for c in ce.comparisons if c.field == "date").values
    assert [v.doc_id for v in date_values] == [stated.id]  # the publication day is nobody's claim
    assert ce.date_start.isoformat() == "2013-07-27"


def test_province_level_report_stays_apart_when_two_events_inside_could_be_meant():
    d1 = document("y1", [event("Armed clash", KHALIDIYA, "2013-07-20", actor1=GOV, actor2=REBELS)], "A")
    d2 = document("y2", [event("Armed clash", WAER, "2013-07-20", actor1=GOV, actor2=REBELS)], "B")
    d3 = document("y3", [event("Armed clash", HOMS_GOV, "2013-07-20", actor1=GOV, actor2=REBELS)], "C")
    result = merge_documents([d1, d2, d3])
    assert len(result.canonical_events) == 3  # a wrong merge would invent a contradiction


def test_one_blast_told_as_a_bomb_and_as_shelling_merges_but_not_across_perpetrators_or_vague_dates():
    bomb = document("a bomb exploded in Khalidiya", [
        event("Remote explosive/landmine/IED", KHALIDIYA, "2017-04-19", actor2=CIVILIANS)], "A")
    shelled = document("terrorists shelled Homs", [
        event("Shelling/artillery/missile attack", HOMS, "2017-04-19", actor1=TERRORISTS, actor2=CIVILIANS)], "B")
    army_shelling = document("the army shelled Khalidiya", [
        event("Shelling/artillery/missile attack", KHALIDIYA, "2017-04-19", actor1=GOV)], "C")
    car_bomb = document("rebels set off a car bomb in Khalidiya", [
        event("Suicide bomb", KHALIDIYA, "2017-04-19", actor1=REBELS)], "D")
    result = merge_documents([bomb, shelled, army_shelling, car_bomb])
    assert _together(result, bomb.events[0].id, shelled.events[0].id, car_bomb.events[0].id)
    # the army's shelling has another perpetrator than the rebels' bomb: another happening
    assert not _together(result, army_shelling.events[0].id, car_bomb.events[0].id)

    month = DateRef(date(2017, 4, 1), date(2017, 4, 30), precision="month", text="April")
    vague = document("shelling in Khalidiya in April", [
        event("Shelling/artillery/missile attack", KHALIDIYA, month)], "E")
    result = merge_documents([bomb, vague])
    assert not _together(result, bomb.events[0].id, vague.events[0].id)


def test_civilians_are_victims_not_a_side_of_a_battle():
    khan = KHAN_ASAL
    army = document("ISIS attacked army posts in Khan al-Asal", [
        event("Armed clash", khan, "2017-05-18", actor1=ISIS, actor2=GOV)], "A")
    village = document("Daesh attack on the villagers of Khan al-Asal", [
        event("Armed clash", khan, "2017-05-18", actor1=ISIS, actor2=CIVILIANS)], "B")
    kurds = document("YPG fought rebels in Khan al-Asal", [
        event("Armed clash", khan, "2017-05-18", actor1=YPG, actor2=REBELS)], "C")
    result = merge_documents([army, village, kurds])
    assert _together(result, army.events[0].id, village.events[0].id)
    assert not _together(result, army.events[0].id, kurds.events[0].id)


def test_a_report_placed_only_in_the_country_joins_the_event_at_a_place_its_document_names():
    syria = PlaceRef("t:syria", "Syria", "Syria", feature="country", country="SYR")
    aleppo_bomb = document("bomb on buses west of Aleppo", [
        event("Remote explosive/landmine/IED", ALEPPO, "2017-04-15", actor2=CIVILIANS)], "A")
    homs_bomb = document("bomb in Homs", [event("Remote explosive/landmine/IED", HOMS, "2017-04-15")], "B")
    # "a suicide car bomb in Syria", in an article that also names Aleppo
    vague = document("suicide car bomb on evacuees in Syria, transit point near Aleppo", [
        event("Suicide bomb", syria, "2017-04-15", actor1=REBELS),
        event("Non-violent transfer of territory", ALEPPO, "2017-04-15")], "C")
    result = merge_documents([aleppo_bomb, homs_bomb, vague])
    assert _together(result, aleppo_bomb.events[0].id, vague.events[0].id)
    assert not _together(result, homs_bomb.events[0].id, vague.events[0].id)
    # without a named place the two candidates are ambiguous: the report stays on its own
    alone = document("suicide car bomb in Syria", [event("Suicide bomb", syria, "2017-04-15", actor1=REBELS)], "D")
    result = merge_documents([aleppo_bomb, homs_bomb, alone])
    assert result.canonical(alone.events[0].id).n_sources == 1


def test_a_claim_and_its_denial_in_one_article_are_one_happening():
    """"The YPG said the Turkish army shelled its positions near Jarabulus" and "a Turkish official said the
    army did not shell positions in a village in northern Syria", in one article: one shelling, its
    existence disputed.  A denial of another kind of act, or by another perpetrator, stays apart."""
    shelling = "Shelling/artillery/missile attack"
    syria = PlaceRef("t:syria", "Syria", "Syria", feature="country", country="SYR", geo_precision=3)
    turkey = ActorRef("tr_forces", "Military Forces of Turkey", "the Turkish army", inter=8, side="foreign")
    doc = document("claim and denial", [
        event(shelling, ALEPPO, actor1=turkey),
        event(shelling, syria, actor1=turkey, actor2=YPG, polarity="negated"),
        event("Air/drone strike", syria, actor1=GOV, polarity="denied"),
    ], "Reuters")
    result = merge_documents([doc])
    claim, denial, other = (e.id for e in doc.events)
    assert _together(result, claim, denial)
    assert not _together(result, claim, other)
    ce = result.canonical(claim)
    assert ce is not None and ce.attrs.get("existence") == "disputed"

    # another outlet's denial of the same act, placed only in the country, joins the same event
    # (the only two such reports in the corpus with the same sides pair up first)
    other = document("denial elsewhere", [
        event(shelling, syria, actor1=turkey, actor2=YPG, polarity="denied"),
    ], "AFP")
    dated = document("a dated report of the scrape", [event("Armed clash", HOMS, "2015-07-20")], "SANA",
                     published="2015-07-21")
    for k, d in enumerate((doc, other, dated)):  # one scraped corpus: its window dates the undated reports
        d.source_path = f"news/scrape.jsonl#line{k}"
    result = merge_documents([doc, other, dated])
    assert _together(result, claim, denial, other.events[0].id)

    # two denials and no claim: nothing to join
    lone = document("two denials", [
        event(shelling, syria, actor1=turkey, polarity="negated"),
        event(shelling, ALEPPO, actor1=turkey, polarity="denied"),
    ], "AFP")
    result = merge_documents([lone])
    assert not _together(result, *(e.id for e in lone.events))


def test_one_document_telling_fighting_in_a_city_and_in_a_quarter_of_it_tells_two_fights() -> None:
    # the extractor joins one article's tellings of one battle; two battle reports it kept apart at two places
    # (the city, a quarter of it) are two fights, even though the places nest
    d1 = document("Clashes in Homs; 30 killed in fighting in Khalidiya.",
                  [event("Armed clash", HOMS, "2013-07-20", actor1=GOV, actor2=REBELS),
                   event("Armed clash", KHALIDIYA, "2013-07-20", actor1=GOV, actor2=REBELS, killed=30)], "A")
    d2 = document("Fighting in Khalidiya.", [event("Armed clash", KHALIDIYA, "2013-07-20", actor1=GOV,
                                                   actor2=REBELS)], "B")
    result = merge_documents([d1, d2])
    assert not _together(result, d1.events[0].id, d1.events[1].id)
    assert _together(result, d1.events[1].id, d2.events[0].id)  # the other outlet's telling still links
    # two reports of one article at the same place (a clash, and the withdrawal it ended in) are one battle
    d3 = document("Clashes in Khalidiya; the rebels withdrew.",
                  [event("Armed clash", KHALIDIYA, "2013-07-20", actor1=GOV, actor2=REBELS),
                   event("Non-violent transfer of territory", KHALIDIYA, "2013-07-20", actor1=REBELS, actor2=GOV)],
                  "C")
    assert _together(merge_documents([d3]), *(e.id for e in d3.events))
    # strikes are left out: one outlet names a blast's place at two grains more often than it tells two blasts
    d4 = document("Air strikes on Homs and Khalidiya.",
                  [event("Air/drone strike", HOMS, "2013-07-20", actor1=GOV),
                   event("Air/drone strike", KHALIDIYA, "2013-07-20", actor1=GOV)], "D")
    assert _together(merge_documents([d4]), *(e.id for e in d4.events))
