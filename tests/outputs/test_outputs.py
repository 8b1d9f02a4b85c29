"""English notes, exports (ACLED CSV, UCDP CSV, JSON, GeoJSON) and the terminal report."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from rich.console import Console

from rasad.merge import merge_documents
from rasad.model import Quantity
from rasad.outputs.exports import ACLED_COLUMNS, UCDP_COLUMNS, DocMeta, ExportData, export_string
from rasad.outputs.notes import event_notes
from rasad.outputs.report import ReportData, render_event, render_report
from tests.merge.builders import (
    ALEPPO,
    CIVILIANS,
    FSA,
    GOV,
    KHALIDIYA,
    REBELS,
    TERRORISTS,
    document,
    event,
    speaker,
)


@pytest.fixture(scope="module")
def corpus():
    fa = document("fa", [event("Government regains territory", KHALIDIYA, "2013-07-29", actor1=GOV,
                               actor2=TERRORISTS, attribution=speaker("anonymous", role="military official"))],
                  "Fars", lang="fa", published="2013-07-31")
    ar1 = document("ar1", [event("Non-violent transfer of territory", KHALIDIYA, "2013-07-29", actor1=REBELS,
                                 actor2=GOV, killed=Quantity(16, 16, 16, text="16"),
                                 attribution=speaker("person", "Khaled al-Khalaf", "person:khaled_al_khalaf"))],
                   "al-Watan", lang="ar", published="2013-07-30")
    ar2 = document("ar2", [event("Armed clash", KHALIDIYA, "2013-07-29", actor1=FSA, actor2=GOV, outcome="holding",
                                 killed=Quantity(60, 60, 60, text="60"),
                                 attribution=speaker("unnamed_group", "activists", role="activists")),
                           event("Air/drone strike", ALEPPO, "2013-07-29", actor1=GOV, actor2=CIVILIANS, killed=9)],
                   "Al Arabiya", lang="ar", published="2013-07-29")
    docs = [fa, ar1, ar2]
    result = merge_documents(docs)
    metas = {d.id: DocMeta(d.id, d.outlet, f"title {d.outlet}", f"https://example.org/{d.id}",
                           d.published.date().isoformat(), d.lang) for d in docs}
    battle = next(c for c in result.canonical_events if c.n_sources == 3)
    return result, metas, battle


def test_notes_give_the_gist_and_every_disputed_position_with_its_source(corpus):
    _result, _metas, battle = corpus
    notes = event_notes(battle)
    assert notes.startswith("On 29 July 2013, ")
    first = notes.split(".")[0]
    # ACLED actors carry no direction: the side most sources name first leads
    assert first.endswith(("Military Forces of Syria clashed with Free Syrian Army in Khalidiya (Homs)",
                           "Free Syrian Army clashed with Military Forces of Syria in Khalidiya (Homs)"))
    assert "Outcome contested:" in notes
    for who in ("military official (via Fars) says it was captured",
                "Khaled al-Khalaf (via al-Watan) says the defenders withdrew",
                "activists (via Al Arabiya) say the defenders still hold it"):
        assert who in notes
    assert "Fatalities contested:" in notes and "16" in notes and "60" in notes
    assert '"terrorist groups" (pejorative)' in notes
    assert "3 independent sources" in notes


def test_acled_csv_has_acled_columns_and_conservative_fatalities(corpus):
    result, metas, battle = corpus
    text = export_string(ExportData(result.canonical_events, result.stories, metas), "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    row = next(r for r in rows if r["event_id_cnty"] == battle.id)
    assert row["event_date"] == "2013-07-29" and row["year"] == "2013" and row["time_precision"] == "1"
    assert row["event_type"] == "Battles" and row["sub_event_type"] == "Armed clash"
    assert {row["inter1"], row["inter2"]} == {"1", "2"} and row["interaction"] == "12"
    assert (row["iso"], row["country"], row["admin1"], row["location"]) == ("760", "Syria", "Homs", "Khalidiya")
    assert row["fatalities"] == "16"  # ACLED: the most conservative figure
    assert (row["fatalities_low"], row["fatalities_high"]) == ("16", "60")
    assert set(row["contested_fields"].split(";")) >= {"outcome", "fatalities"}
    assert row["n_independent_sources"] == "3"
    claims = json.loads(row["claims"])
    assert {"field": "outcome", "value": "it was captured", "outlet": "Fars"}.items() <= next(
        c for c in claims if c["field"] == "outcome" and c["outlet"] == "Fars").items()
    strike = next(r for r in rows if r["sub_event_type"] == "Air/drone strike")
    assert strike["civilian_targeting"] == "Civilian targeting" and strike["interaction"] == "17"


def test_ucdp_csv_keeps_low_best_high_and_sources(corpus):
    result, metas, battle = corpus
    rows = list(csv.DictReader(io.StringIO(export_string(ExportData(result.canonical_events, [], metas), "ucdp"))))
    assert tuple(rows[0].keys()) == UCDP_COLUMNS
    row = next(r for r in rows if r["id"] == battle.id)
    assert (row["low"], row["high"]) == ("16", "60") and 16 <= int(row["best"]) <= 60
    assert row["type_of_violence"] == "1" and row["where_prec"] == "1" and row["date_prec"] == "1"
    assert row["number_of_sources"] == "3" and row["event_clarity"] == "2"
    assert set(row["source_office"].split("; ")) == {"Fars", "al-Watan", "Al Arabiya"}
    assert "Khaled al-Khalaf" in row["source_original"]
    assert "2013-07-31" in row["source_date"] and "title Fars" in row["source_headline"]


def test_json_and_geojson_carry_reports_values_and_record(corpus):
    result, metas, battle = corpus
    data = ExportData(result.canonical_events, result.stories, metas)
    doc = json.loads(export_string(data, "json"))
    ev = next(e for e in doc["events"] if e["id"] == battle.id)
    assert len(ev["record"]["reports"]) == 3
    assert all("document" in r for r in ev["record"]["reports"])
    outcome = next(c for c in ev["record"]["comparisons"] if c["field"] == "outcome")
    assert outcome["status"] == "contradict" and outcome["consolidated"] == "contested"
    assert ev["notes"] == event_notes(battle) and ev["acled"]["fatalities"] == 16
    assert doc["stories"] and doc["stories"][0]["doc_ids"]

    gj = json.loads(export_string(data, "geojson"))
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 2
    feat = next(f for f in gj["features"] if f["id"] == battle.id)
    assert feat["geometry"]["coordinates"] == [KHALIDIYA.longitude, KHALIDIYA.latitude]
    assert feat["properties"]["story_id"] == battle.story_id

    with pytest.raises(ValueError, match="unknown export format"):
        export_string(data, "xlsx")


def test_terminal_report_highlights_contested_fields_with_outlet_and_speaker(corpus):
    result, metas, battle = corpus
    data = ReportData(n_documents=3, stories=result.stories, events=result.canonical_events, docs=metas)
    console = Console(record=True, width=220, color_system="truecolor")
    render_report(data, console)
    text = console.export_text(clear=False)
    assert "Stories (1)" in text and "Fighting in Khalidiya (Homs)" in text  # the Aleppo strike is a side event
    assert "Field-by-field comparison" in text
    assert "contradict (outcome)" in text
    assert "Fars / an unnamed military official" in text and "al-Watan / Khaled al-Khalaf" in text
    html = console.export_html(inline_styles=True)
    assert re.search(r'<span style="[^"]*font-weight: bold[^"]*">contradict \(outcome\)', html)
    assert not re.search(r'<span style="[^"]*font-weight: bold[^"]*">agree', html)

    console = Console(record=True, width=220)
    render_event(battle, console, metas)
    side = console.export_text()
    for header in ("Fars [fa]", "al-Watan [ar]", "Al Arabiya [ar]"):
        assert header in side
    assert '"terrorist groups"' in side


def test_text_from_articles_is_never_read_as_console_markup(corpus):
    result, metas, battle = corpus
    hostile = {k: DocMeta(m.id, "[bold red]Outlet[/]", m.title, m.url, m.published, m.lang) for k, m in metas.items()}
    data = ReportData(n_documents=3, stories=result.stories, events=result.canonical_events, docs=hostile)
    console = Console(record=True, width=220)
    render_report(data, console)
    render_event(battle, console, hostile)
    assert "[bold red]Outlet[/]" in console.export_text()


def test_cli_merge_stories_event_and_export_on_a_sqlite_store(tmp_path, corpus):
    from typer.testing import CliRunner

    from rasad.cli import app
    from rasad.store.base import open_store

    # the clash takes no position on the capture; the tolls (no publication order between them) disagree
    docs = [document("cli-a", [event("Armed clash", KHALIDIYA, "2013-07-29", actor1=GOV, actor2=REBELS, killed=60,
                                     attribution=speaker("organisation", "SOHR", "org:sohr"))], "Al Arabiya"),
            document("cli-b", [event("Government regains territory", KHALIDIYA, "2013-07-29", actor1=GOV,
                                     actor2=TERRORISTS, killed=16,
                                     attribution=speaker("organisation", "SANA", "org:sana"))],
                     "Fars")]
    db = str(tmp_path / "rasad.db")
    with open_store(db) as store:
        for d in docs:
            store.save_document(d)
    runner = CliRunner(env={"COLUMNS": "200"})
    out = runner.invoke(app, ["merge", "--db", db])
    assert out.exit_code == 0, out.output
    assert "1 canonical events (1 told by several documents, 1 with contested fields)" in out.output
    with open_store(db) as store:
        (ce,) = list(store.iter_canonical_events())
        assert ce.n_independent_sources == 2 and ce.outcome == "captured"
    out = runner.invoke(app, ["stories", "--db", db])
    assert out.exit_code == 0 and "Khalidiya" in out.output
    out = runner.invoke(app, ["event", ce.id[:7], "--db", db, "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["record"]["id"] == ce.id
    assert runner.invoke(app, ["event", "ce-nope", "--db", db]).exit_code == 1
    target = tmp_path / "out" / "events.csv"
    out = runner.invoke(app, ["export", "--db", db, "--format", "csv", "-o", str(target)])
    assert out.exit_code == 0, out.output
    assert target.read_text(encoding="utf-8").startswith("event_id_cnty,event_date")
    assert runner.invoke(app, ["export", "--db", db, "--format", "xlsx"]).exit_code != 0
    out = runner.invoke(app, ["report", "--db", db])
    assert out.exit_code == 0 and "Field-by-field comparison" in out.output
