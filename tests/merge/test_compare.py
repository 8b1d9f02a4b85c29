"""Field-by-field comparison, contradiction kinds, consolidation and independent sources."""

from __future__ import annotations

from rasad.merge import merge_documents
from rasad.merge.compare import quantities_agree
from rasad.model import Quantity, Speaker
from tests.merge.builders import (
    CIVILIANS,
    FSA,
    GOV,
    KHAN_ASAL,
    REBELS,
    TERRORISTS,
    DateRef,
    document,
    event,
    speaker,
)

SANA = Speaker("organisation", "SANA", canonical_id="org:sana")


def _field(ce, name):
    return next(c for c in ce.comparisons if c.field == name)


def test_numeric_agreement_uses_ranges_and_qualifiers():
    exact = Quantity(123, 123, 123, text="123")
    more_than = Quantity(121, 121, None, text="more than 120", qualifier="more_than")
    assert quantities_agree(exact, more_than)
    assert not quantities_agree(Quantity(16, 16, 16), Quantity(60, 60, 60))
    assert quantities_agree(Quantity(16, 16, 16), Quantity(17, 17, 17))  # the same figure told twice
    assert quantities_agree(Quantity(12, 12, 99, vague=True, text="dozens"), Quantity(40, 40, 40))
    assert not quantities_agree(Quantity(121, 121, None, qualifier="more_than"), Quantity(50, 50, 50))


def test_fatalities_consolidate_as_low_best_high_and_acled_conservative():
    docs = [
        document("a", [event("Attack", KHAN_ASAL, "2013-07-25", actor1=TERRORISTS, actor2=CIVILIANS,
                             killed=Quantity(123, 123, 123, text="123"),
                             attribution=speaker("organisation", "SANA", "org:sana"))], "Fars"),
        document("b", [event("Attack", KHAN_ASAL, "2013-07-25", actor1=REBELS, actor2=CIVILIANS,
                             killed=Quantity(121, 121, None, text="more than 120", qualifier="more_than"),
                             attribution=speaker("organisation", "SOHR", "org:sohr"))], "Al Arabiya"),
    ]
    ce = merge_documents(docs).canonical_events[0]
    fat = _field(ce, "fatalities")
    assert fat.status == "agree"
    assert (ce.fatalities_low, ce.fatalities_high) == (121, 123)
    assert 121 <= ce.fatalities_best <= 123
    assert ce.attrs["fatalities_acled"] == 121

    docs[1].events[0].fatalities = Quantity(16, 16, 16, text="16")
    ce = merge_documents(docs).canonical_events[0]
    fat = _field(ce, "fatalities")
    assert fat.status == "contradict" and fat.kind == "numeric"
    assert "fatalities" in ce.contested_fields
    assert (ce.fatalities_low, ce.fatalities_high) == (16, 123)
    by_speaker = {v.speaker.canonical_id: v.value["best"] for v in fat.values}
    assert by_speaker == {"org:sana": 123, "org:sohr": 16}


def test_two_outlets_quoting_sana_are_one_independent_source():
    def sana_report(outlet: str, text: str):
        return document(text, [event("Attack", KHAN_ASAL, "2013-07-25", actor1=TERRORISTS, actor2=CIVILIANS,
                                     attribution=speaker("organisation", "SANA", "org:sana"))], outlet)

    direct = sana_report("Press TV", "SANA: terrorists killed civilians in Khan al-Asal.")
    via_chain = document("The ministry said, citing SANA, ...", [
        event("Attack", KHAN_ASAL, "2013-07-25", actor1=TERRORISTS, actor2=CIVILIANS,
              attribution=speaker("organisation", "Syrian foreign ministry", chain=[SANA]))], "Fars")
    own = document("Activists report the killing.", [
        event("Attack", KHAN_ASAL, "2013-07-25", actor1=REBELS, actor2=CIVILIANS,
              attribution=speaker("unnamed_group", "activists", role="activists"))], "Al Arabiya")
    ce = merge_documents([direct, via_chain]).canonical_events[0]
    assert ce.n_sources == 2 and ce.n_independent_sources == 1
    ce = merge_documents([direct, via_chain, own]).canonical_events[0]
    assert ce.n_sources == 3 and ce.n_independent_sources == 2
    # one independent source cannot contradict itself, and is reported as single_source
    assert _field(merge_documents([direct, via_chain]).canonical_events[0], "actor1").status == "single_source"


def test_a_syndicated_copy_is_not_independent_confirmation():
    wire = ("Government forces shelled the town of Khan al-Asal west of Aleppo on Thursday, killing at least "
            "twelve civilians including children, according to a monitoring group based in Britain which "
            "relies on a network of sources on the ground across the country.")
    copy = wire.replace("on Thursday", "on Thursday evening")
    docs = [document(text, [event("Shelling/artillery/missile attack", KHAN_ASAL, "2013-08-01", actor1=GOV,
                                  actor2=CIVILIANS, killed=12)], outlet, published=pub)
            for text, outlet, pub in ((wire, "Wire", "2013-08-01"), (copy, "Reprint", "2013-08-02"))]
    result = merge_documents(docs)
    assert result.copies == {docs[1].id: docs[0].id}
    ce = result.canonical_events[0]
    assert ce.n_sources == 2 and ce.n_independent_sources == 1
    reprint = next(r for r in ce.reports if r.doc_id == docs[1].id)
    assert reprint.copy_of == docs[0].id and not reprint.independent
    assert _field(ce, "fatalities").status == "single_source"


def test_denial_is_an_existence_contradiction_and_wording_is_kept_per_source():
    said = document("x", [event("Air/drone strike", KHAN_ASAL, "2014-02-02", actor1=GOV, actor2=CIVILIANS,
                                attribution=speaker("organisation", "SOHR", "org:sohr"))], "Al Arabiya")
    denied = document("y", [event("Air/drone strike", KHAN_ASAL, "2014-02-02", actor1=GOV, actor2=CIVILIANS,
                                  polarity="denied",
                                  attribution=speaker("organisation", "Syrian army", "org:sy_military"))], "SANA")
    ce = merge_documents([said, denied]).canonical_events[0]
    ex = _field(ce, "existence")
    assert ex.status == "contradict" and ex.kind == "existence"
    assert ce.attrs["existence"] == "disputed"

    state = document("s", [event("Armed clash", KHAN_ASAL, "2014-03-03", actor1=GOV, actor2=TERRORISTS)], "SANA")
    opp = document("o", [event("Armed clash", KHAN_ASAL, "2014-03-03", actor1=FSA, actor2=GOV)], "Orient")
    ce = merge_documents([state, opp]).canonical_events[0]
    words = {(w["outlet"], w["text"], w["label_kind"]) for w in ce.attrs["wording"]}
    assert ("SANA", "terrorist groups", "pejorative") in words
    assert ("Orient", "Free Syrian Army", "self") in words
    assert _field(ce, "actor2").status == "agree"  # "terrorists" and "FSA" name the same side


def test_dates_agree_when_ranges_overlap_and_consolidate_to_their_intersection():
    week = DateRef(*(__import__("datetime").date(2013, 7, d) for d in (22, 28)), precision="week", text="last week")
    a = document("a", [event("Attack", KHAN_ASAL, week, actor1=TERRORISTS, actor2=CIVILIANS)], "A")
    b = document("b", [event("Attack", KHAN_ASAL, "2013-07-25", actor1=TERRORISTS, actor2=CIVILIANS)], "B")
    ce = merge_documents([a, b]).canonical_events[0]
    assert _field(ce, "date").status == "agree"
    assert ce.date_start == ce.date_end and ce.date_start.day == 25 and ce.date_precision == "day"


def test_vague_counts_agree_with_larger_figures_and_do_not_set_the_ceiling():
    dozens = Quantity(12, 12, 99, text="dozens", vague=True)
    some = Quantity(3, 3, None, text="a number of", vague=True)
    assert quantities_agree(dozens, Quantity(23, 23, 23))
    assert quantities_agree(some, Quantity(40, 40, 40))
    docs = [document(f"v{k}", [event("Air/drone strike", KHAN_ASAL, "2014-02-02", actor1=GOV, actor2=CIVILIANS,
                                     killed=q, attribution=speaker("organisation", name, f"org:{name}"))], name)
            for k, (q, name) in enumerate(((dozens, "a"), (Quantity(23, 23, 23), "b")))]
    ce = merge_documents(docs).canonical_events[0]
    assert (ce.fatalities_low, ce.fatalities_high) == (12, 23)
    assert next(c for c in ce.comparisons if c.field == "fatalities").status == "agree"
