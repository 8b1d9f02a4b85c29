"""What the comparison shows as a disagreement: a rising toll is an update, approximate and vague counts
agree within their wording, a clash takes no position on the outcome, a one-sided report names no rival
perpetrator, a report joined by elimination and two readings of one report set no values against others."""

from __future__ import annotations

from rasad.merge import merge_documents
from rasad.merge.compare import quantities_agree
from rasad.model import Claim, Quantity, Speaker
from rasad.outputs.notes import event_notes
from tests.merge.builders import CIVILIANS, GOV, HOMS, HOMS_GOV, KHALIDIYA, REBELS, document, event, speaker

SOHR = speaker("organisation", "SOHR", "org:sohr")


def _field(ce, name):
    return next(c for c in ce.comparisons if c.field == name)


def _strike(killed, published: str, outlet: str, when: str | None = "2013-07-25", place=HOMS, attribution=SOHR):
    ev = event("Shelling/artillery/missile attack", place, when, actor1=GOV, actor2=CIVILIANS, killed=killed,
               attribution=attribution)
    return document(f"{outlet}: shelling killed {killed} in Homs.", [ev], outlet, published=published)


def test_a_toll_rising_in_later_publications_is_an_update_not_a_contradiction():
    first = _strike(20, "2013-07-25T10:00", "Outlet A", attribution=speaker("anonymous", role="medical source"))
    later = _strike(31, "2013-07-26T09:00", "Outlet B")
    ce = merge_documents([first, later]).canonical_events[0]
    fat = _field(ce, "fatalities")
    assert (fat.status, fat.kind) == ("update", "numeric")
    assert "fatalities" not in ce.contested_fields
    assert (ce.fatalities_low, ce.fatalities_high) == (20, 31)
    notes = event_notes(ce)
    assert "rose as reports came in" in notes and notes.index("20") < notes.index("31")
    assert "contested" not in notes

    # the later report gives fewer dead: the sources disagree
    first.events[0].fatalities = Quantity(31, 31, 31, text="31")
    later.events[0].fatalities = Quantity(20, 20, 20, text="20")
    ce = merge_documents([first, later]).canonical_events[0]
    assert _field(ce, "fatalities").status == "contradict" and "fatalities" in ce.contested_fields

    # published the same day: no order between them, a contradiction
    same_day = _strike(31, "2013-07-25T18:00", "Outlet C")
    first.events[0].fatalities = Quantity(20, 20, 20, text="20")
    ce = merge_documents([first, same_day]).canonical_events[0]
    assert _field(ce, "fatalities").status == "contradict"


def test_approximate_and_vague_counts_agree_within_their_wording():
    assert quantities_agree(Quantity(30, 30, 30, qualifier="about", text="nearly 30"), Quantity(25, 25, 25))
    assert not quantities_agree(Quantity(30, 30, 30, qualifier="about", text="about 30"), Quantity(15, 15, 15))
    a_number = Quantity(10, None, None, vague=True, text="a number of")  # ACLED codes "several" as 10
    assert quantities_agree(a_number, Quantity(8, 8, 8))
    assert not quantities_agree(Quantity(100, None, None, vague=True, text="hundreds"), Quantity(30, 30, 30))
    assert not quantities_agree(Quantity(25, 25, 25), Quantity(15, 15, 15))  # exact counts keep 10 %


def _battle(sub: str, outlet: str, actor1=GOV, actor2=REBELS, attribution=None):
    ev = event(sub, KHALIDIYA, "2013-07-29", actor1=actor1, actor2=actor2, attribution=attribution)
    return document(f"{outlet} on Khalidiya.", [ev], outlet)


def test_a_clash_takes_no_position_on_the_outcome_of_a_battle():
    clash = _battle("Armed clash", "Outlet A", attribution=SOHR)
    captured = _battle("Government regains territory", "Outlet B",
                       attribution=speaker("anonymous", role="military source"))
    ce = merge_documents([clash, captured]).canonical_events[0]
    assert _field(ce, "sub_event_type").status == "agree"
    assert _field(ce, "event_type").status == "agree"

    # "Government regains" / "Non-state actor overtakes": one outcome, captured, coded two ways
    coded_as_overtakes = _battle("Non-state actor overtakes territory", "Outlet C", attribution=SOHR)
    ce = merge_documents([captured, coded_as_overtakes]).canonical_events[0]
    assert _field(ce, "sub_event_type").status == "agree"

    # captured against withdrew is a disagreement about the outcome
    withdrew = _battle("Non-violent transfer of territory", "Outlet D", attribution=SOHR)
    ce = merge_documents([captured, withdrew]).canonical_events[0]
    assert (_field(ce, "sub_event_type").status, _field(ce, "sub_event_type").kind) == ("contradict", "outcome")


def test_a_one_sided_report_names_the_other_side_not_a_rival_perpetrator():
    both = _battle("Armed clash", "Outlet A", attribution=SOHR)
    rebels_only = _battle("Armed clash", "Outlet B", actor1=REBELS, actor2=None,
                          attribution=speaker("anonymous", role="local source"))
    ce = merge_documents([both, rebels_only]).canonical_events[0]
    assert _field(ce, "actor1").status == "single_source"
    assert _field(ce, "actor2").status == "agree"
    assert (ce.actor1.canonical_id, ce.actor2.canonical_id) == ("sy_gov_forces", "sy_opposition")

    # a one-sided report naming the side the others name first stays in its place
    gov_only = _battle("Armed clash", "Outlet C", actor2=None, attribution=speaker("anonymous", role="local source"))
    ce = merge_documents([both, gov_only]).canonical_events[0]
    assert _field(ce, "actor1").status == "agree" and len(_field(ce, "actor1").values) == 2
    assert _field(ce, "actor2").status == "single_source"


def test_a_report_joined_only_by_its_area_and_window_sets_no_value_against_the_others():
    dated = _strike(12, "2013-07-26T09:00", "Outlet A", when="2013-07-25")
    vague = _strike(40, "2013-07-26T12:00", "Outlet B", when=None, place=HOMS_GOV,
                    attribution=speaker("anonymous", role="activists"))
    result = merge_documents([dated, vague])
    assert len(result.canonical_events) == 1, "the province-level undated report joins the one event there"
    ce = result.canonical_events[0]
    fat = _field(ce, "fatalities")
    assert fat.status == "agree" and len(fat.values) == 2  # still listed, not set against the dated report
    assert (ce.fatalities_low, ce.fatalities_high) == (12, 40)

    # published two days later with the higher toll: shown as an update
    later = _strike(40, "2013-07-28T12:00", "Outlet B", when=None, place=HOMS_GOV,
                    attribution=speaker("anonymous", role="activists"))
    ce = merge_documents([dated, later]).canonical_events[0]
    assert _field(ce, "fatalities").status == "update"

    # dated to a day of its own at the province, it does contradict
    vague.events[0].date = dated.events[0].date
    ce = merge_documents([dated, vague]).canonical_events[0]
    assert _field(ce, "fatalities").status == "contradict"


def _claim(doc, value, who: Speaker | None) -> Claim:
    ev = doc.events[0]
    return Claim(id=f"{doc.id}:c0", doc_id=doc.id, subject=ev.id, predicate="responsible", value=value,
                 speaker=who, event_id=ev.id)


def test_two_readings_of_one_report_do_not_contradict_but_two_named_speakers_in_it_do():
    report = _strike(5, "2013-07-25T10:00", "Outlet A", attribution=speaker("anonymous", role="local source"))
    other = _strike(5, "2013-07-25T11:00", "Outlet B")
    # the claims stage read the victim as the one responsible, from the outlet's own sentence
    report.claims = [_claim(report, "sy_opposition", Speaker("outlet", "Outlet A"))]
    ce = merge_documents([report, other]).canonical_events[0]
    actor1 = _field(ce, "actor1")
    assert len(actor1.values) == 3 and actor1.status == "agree"

    # a named speaker quoted in the report blaming the rebels against SOHR (named) in the report: a dispute
    report.events[0].attribution = speaker("organisation", "SOHR", "org:sohr")
    report.claims = [_claim(report, "sy_opposition", Speaker("organisation", "SANA", canonical_id="org:sana"))]
    ce = merge_documents([report, other]).canonical_events[0]
    assert _field(ce, "actor1").status == "contradict"


def test_a_count_claim_that_repeats_the_report_keeps_its_wording():
    vague = Quantity(10, None, None, vague=True, text="a number of")
    report = _strike(vague, "2013-07-25T10:00", "Outlet A", attribution=speaker("anonymous", role="local source"))
    report.claims = [Claim(id=f"{report.id}:c0", doc_id=report.id, subject=report.events[0].id,
                           predicate="fatalities", value=10, speaker=Speaker("outlet", "Outlet A"),
                           event_id=report.events[0].id)]
    other = _strike(8, "2013-07-25T11:00", "Outlet B")
    ce = merge_documents([report, other]).canonical_events[0]
    assert _field(ce, "fatalities").status == "agree"  # "a number of" and eight, not 10 against 8

    other.events[0].fatalities = Quantity(3, 3, 3, text="3")  # well below any "number of"
    ce = merge_documents([report, other]).canonical_events[0]
    assert _field(ce, "fatalities").status == "contradict"


def test_a_blast_named_without_its_method_does_not_contradict_a_suicide_bombing():
    from rasad.model import Span

    def bombing(sub: str, trigger: str, outlet: str):
        ev = event(sub, HOMS, "2013-07-25", actor2=CIVILIANS, killed=30, attribution=SOHR if outlet == "Outlet A"
                   else speaker("anonymous", role="security source"))
        ev.trigger = Span(0, len(trigger), trigger)
        return document(f"{outlet}: {trigger} in Homs.", [ev], outlet)

    suicide = bombing("Suicide bomb", "suicide bomber", "Outlet A")
    blast = bombing("Remote explosive/landmine/IED", "explosion", "Outlet B")
    ce = merge_documents([suicide, blast]).canonical_events[0]
    assert _field(ce, "sub_event_type").status == "agree"

    # "a car bomb" names the method: against "a suicide bomber" the sources disagree
    car_bomb = bombing("Remote explosive/landmine/IED", "car bomb", "Outlet B")
    ce = merge_documents([suicide, car_bomb]).canonical_events[0]
    assert _field(ce, "sub_event_type").status == "contradict"


def test_a_bare_bombardment_does_not_contradict_an_air_strike():
    from rasad.model import Span

    def strike(sub: str, trigger: str, outlet: str, who):
        ev = event(sub, HOMS, "2013-07-25", actor1=GOV, actor2=CIVILIANS, attribution=who, lang="ar")
        ev.trigger = Span(0, len(trigger), trigger)
        return document(f"{trigger} حمص", [ev], outlet, lang="ar")

    air = strike("Air/drone strike", "غارات جوية", "Outlet A", SOHR)
    bare = strike("Shelling/artillery/missile attack", "القصف", "Outlet B", speaker("anonymous", role="activists"))
    ce = merge_documents([air, bare]).canonical_events[0]
    assert _field(ce, "sub_event_type").status == "agree"

    # "قذائف" (shells) says artillery: against air strikes the sources disagree on the weapon
    shells = strike("Shelling/artillery/missile attack", "قذائف", "Outlet B", speaker("anonymous", role="activists"))
    ce = merge_documents([air, shells]).canonical_events[0]
    assert _field(ce, "sub_event_type").status == "contradict"


def test_a_failed_advance_is_no_denial_that_the_battle_happened():
    fought = _battle("Armed clash", "Outlet A", attribution=SOHR)
    failed = _battle("Armed clash", "Outlet B", attribution=speaker("anonymous", role="local source"))
    failed.events[0].polarity = "negated"  # "the rebels failed to advance on Khalidiya"
    ce = merge_documents([fought, failed]).canonical_events[0]
    assert _field(ce, "existence").status == "agree"

    # a speaker denying the battle took place disputes its existence
    failed.events[0].polarity = "denied"
    ce = merge_documents([fought, failed]).canonical_events[0]
    assert _field(ce, "existence").status == "contradict"


def test_every_view_shows_a_rising_toll_as_an_update_not_a_contradiction(tmp_path):
    """The web page and API rows, the HTML report and the terminal report tell ``update`` apart from
    ``contradict`` (its own tag and style, never marked contested)."""
    from rich.console import Console

    from rasad.outputs.html_report import render_html_report
    from rasad.outputs.report import render_event
    from rasad.store.base import open_store
    from rasad.web.views import comparison_rows

    first = _strike(20, "2013-07-25T10:00", "Outlet A", attribution=speaker("anonymous", role="medical source"))
    later = _strike(31, "2013-07-26T09:00", "Outlet B")
    result = merge_documents([first, later])
    ce = result.canonical_events[0]

    row = next(r for r in comparison_rows(ce) if r["field"] == "fatalities")
    assert (row["status"], row["updated"], row["contested"]) == ("update", True, False)

    console = Console(record=True, width=240)
    render_event(ce, console)
    shown = console.export_text()
    assert "update (numeric)" in shown and "contradict" not in shown

    with open_store(str(tmp_path / "rasad.db")) as store:
        store.save_documents([first, later])
        store.replace_merge(result.canonical_events, result.stories)
        page = render_html_report(store)
    assert '<span class="tag update">update · numeric</span>' in page
    assert 'class="field-row contested" data-field="fatalities"' not in page
