"""Floors: the CI check on the seed and development gold, and the raise-only update rule."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rasad.cli import app
from rasad.evaluation.floors import check_floors, load_floors, updated_floors
from rasad.evaluation.runner import evaluate

REPO = Path(__file__).resolve().parents[2]
FLOORS = REPO / "eval" / "floors.json"


def test_scores_on_seed_and_dev_gold_meet_their_floors(shared_dir: Path) -> None:
    data = load_floors(FLOORS)
    assert data["gold"], "eval/floors.json lists the gold files CI scores"
    report = evaluate([REPO / p for p in data["gold"]], shared_dir)
    assert report["n_docs"] >= 60 + 3
    assert report["n_gold_events"] > 60
    failures = check_floors(report, data["floors"])
    assert not failures, "scores below floors:\n" + "\n".join(map(str, failures))


def test_update_raises_floors_and_lowers_only_when_allowed() -> None:
    report = {"fields": {"event": {"f1": 0.5}, "date": {"f1": 0.2}}, "by_lang": {}, "links": {"available": False}}
    floors = {"fields.event.f1": 0.3, "fields.date.f1": 0.4}
    new, changes = updated_floors(report, floors, tolerance=0.02)
    assert new == {"fields.event.f1": 0.48, "fields.date.f1": 0.4}
    assert changes == ["fields.event.f1: 0.300 -> 0.480"]
    lowered, _ = updated_floors(report, floors, tolerance=0.02, allow_lower=True)
    assert lowered["fields.date.f1"] == 0.18
    assert [f.key for f in check_floors(report, floors)] == ["fields.date.f1"]
    assert [f.key for f in check_floors(report, {"links.pairwise.f1": 0.1})] == ["links.pairwise.f1"]
    assert check_floors(report, {"links.pairwise.f1": 0.0}) == []


def test_eval_command_on_unseen_inline_gold(tmp_path: Path) -> None:
    text = "Rebels shelled the Midan neighbourhood of Aleppo on Friday, killing six civilians."
    gold = tmp_path / "new.jsonl"
    gold.write_text(json.dumps({"doc": {"text": text}, "lang": "en", "events": [
        {"id": "e1", "event_type": "Explosions/Remote violence",
         "sub_event_type": "Shelling/artillery/missile attack", "fatalities": 6,
         "location": {"name": "Aleppo", "lat": 36.20124, "lon": 37.16117},
         "evidence": {"quote": "Rebels shelled the Midan neighbourhood of Aleppo"}}]}) + "\n", encoding="utf-8")
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"gold": [], "floors": {"fields.event.f1": 1.01}}), encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(app, ["eval", str(gold), "--shared", str(tmp_path), "--json", "--floors", str(floors)])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["n_docs"] == 1 and report["n_gold_events"] == 1
    assert report["links"]["available"] is False
    res = runner.invoke(app, ["eval", str(gold), "--shared", str(tmp_path), "--floors", str(floors),
                              "--check-floors"])
    assert res.exit_code == 1 and "below their floors" in res.output
    res = runner.invoke(app, ["eval", str(gold), "--shared", str(tmp_path), "--floors", str(floors),
                              "--update-floors"])
    assert res.exit_code == 0
    assert json.loads(floors.read_text())["floors"]["fields.event.f1"] == 1.01  # never lowered silently
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": {"text": "x"}, "events": []}\n', encoding="utf-8")
    res = runner.invoke(app, ["eval", str(bad), "--shared", str(tmp_path), "--floors", str(floors)])
    assert res.exit_code == 2 and "needs lang" in res.output
