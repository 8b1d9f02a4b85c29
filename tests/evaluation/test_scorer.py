"""Scorer tests: perfect and empty predictions, hand-computed partial cases, links, tolerances."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from rasad.evaluation.gold import GoldError, load_gold
from rasad.evaluation.runner import score
from rasad.evaluation.scorer import (
    bcubed_prf,
    date_correct,
    fatalities_close,
    fatalities_exact,
    haversine_km,
    location_correct,
    pairwise_prf,
)
from rasad.model import (
    ActorRef,
    Attribution,
    CanonicalEvent,
    DateRef,
    Event,
    PlaceRef,
    Quantity,
    Report,
    Span,
    Speaker,
)

TEXT_A = ("Government forces shelled the town of Harasta on Monday, killing 12 civilians, the Syrian Observatory "
          "said. Separately, rebels captured a checkpoint near Douma.")
TEXT_B = "Army artillery hit Harasta on Monday and killed 10 people, SANA reported."

HARASTA = {"name": "Harasta", "lat": 33.559, "lon": 36.364, "admin1": "Rural Damascus", "place_id": "gn:169897",
           "precision": 1}
DOUMA = {"name": "Douma", "lat": 33.5718, "lon": 36.4027, "admin1": "Rural Damascus", "precision": 1}


def _gold_lines() -> list[dict]:
    return [
        {"key": "a", "doc": {"text": TEXT_A}, "lang": "en", "outlet": "org:reuters", "events": [
            {"id": "e1", "event_type": "Explosions/Remote violence",
             "sub_event_type": "Shelling/artillery/missile attack",
             "actor1": {"id": "sy_gov_forces", "text": "Government forces"},
             "actor2": {"id": "civilians", "text": "civilians"}, "location": HARASTA,
             "date": {"start": "2016-03-07", "end": "2016-03-07", "precision": "day"},
             "fatalities": 12, "polarity": "reported",
             "attribution": {"speaker": {"kind": "organisation", "name": "Syrian Observatory",
                                         "canonical_id": "org:sohr"}, "outlet": "org:reuters"},
             "evidence": {"quote": "Government forces shelled the town of Harasta on Monday, killing 12 civilians"}},
            {"id": "e2", "event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory",
             "actor1": {"id": "sy_opposition", "text": "rebels"}, "location": DOUMA, "outcome": "captured",
             "evidence": {"quote": "rebels captured a checkpoint near Douma"}},
        ]},
        {"key": "b", "doc": {"text": TEXT_B}, "lang": "ar", "outlet": "org:sana", "events": [
            {"id": "e1", "event_type": "Explosions/Remote violence",
             "sub_event_type": "Shelling/artillery/missile attack",
             "actor1": {"id": "sy_gov_forces", "text": "Army"}, "location": HARASTA,
             "date": {"start": "2016-03-07", "end": "2016-03-07", "precision": "day"},
             "fatalities": 10, "polarity": "reported",
             "attribution": {"speaker": {"kind": "organisation", "name": "SANA", "canonical_id": "org:sana"}},
             "evidence": {"quote": "Army artillery hit Harasta on Monday and killed 10 people"}},
        ]},
        {"cluster": "harasta", "members": ["a#e1", "b#e1"],
         "contradictions": [{"field": "fatalities", "values": [{"value": 12}, {"value": 10}]}]},
    ]


@pytest.fixture()
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in _gold_lines()) + "\n", encoding="utf-8")
    from rasad.evaluation.gold import anchor_file

    n, problems = anchor_file(path, tmp_path)
    assert n == 3 and not problems
    return path


def _place(loc: dict) -> PlaceRef:
    return PlaceRef(place_id=loc.get("place_id"), name=loc["name"], text=loc["name"],
                    latitude=loc["lat"], longitude=loc["lon"])


def _event_from_gold(doc_key: str, text: str, g: dict, outlet: str | None) -> Event:
    """A prediction that reproduces a gold event exactly."""
    start = text.index(g["evidence"]["quote"])
    end = start + len(g["evidence"]["quote"])
    att = g.get("attribution")
    speaker = att["speaker"] if att and att.get("speaker") else None
    d = g.get("date")
    return Event(
        id=f"{doc_key}:{g['id']}", doc_id=doc_key, event_type=g["event_type"], sub_event_type=g["sub_event_type"],
        trigger=Span(start, start + 5), sentence=Span(start, end),
        actor1=ActorRef(g["actor1"]["id"], "", g["actor1"]["text"]) if g.get("actor1") else None,
        actor2=ActorRef(g["actor2"]["id"], "", g["actor2"]["text"]) if g.get("actor2") else None,
        location=_place(g["location"]),
        date=DateRef(date.fromisoformat(d["start"]), date.fromisoformat(d["end"]), d["precision"]) if d else None,
        fatalities=Quantity(g["fatalities"], g["fatalities"], g["fatalities"]) if g.get("fatalities") else None,
        polarity=g.get("polarity", "asserted"), outcome=g.get("outcome"),
        attribution=Attribution(
            Speaker(kind=speaker["kind"], name=speaker["name"], canonical_id=speaker["canonical_id"])
            if speaker else Speaker(kind="outlet"), outlet=outlet),
    )


def _perfect(gold) -> dict[str, list[Event]]:
    out = {}
    for d in gold.docs:
        out[d.key] = [_event_from_gold(d.key, d.text, e.raw, d.outlet) for e in d.events]
    return out


def test_perfect_prediction_scores_one(gold_file: Path) -> None:
    gold = load_gold([gold_file])
    preds = _perfect(gold)
    canonical = [CanonicalEvent("c1", "x", "y", reports=[Report("a", "a:e1"), Report("b", "b:e1")],
                                contested_fields=["fatalities"]),
                 CanonicalEvent("c2", "x", "y", reports=[Report("a", "a:e2")])]
    report = score(gold, preds, {"a": "a", "b": "b"}, canonical)
    for name, m in report["fields"].items():
        if m["n_gold"]:
            assert m["f1"] == 1.0, (name, m)
    assert report["overgeneration"]["unmatched_pred"] == 0
    assert report["links"]["pairwise"]["f1"] == 1.0
    assert report["links"]["bcubed"]["f1"] == 1.0
    assert report["links"]["contradictions"] == {"gold": 1, "found": 1, "recall": 1.0}
    assert set(report["by_lang"]) == {"ar", "en"}


def test_empty_prediction_scores_zero(gold_file: Path) -> None:
    gold = load_gold([gold_file])
    report = score(gold, {}, {"a": "a", "b": "b"}, [])
    assert report["fields"]["event"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "n_pred": 0, "n_gold": 3}
    assert all(m["f1"] == 0.0 for m in report["fields"].values())
    assert report["links"]["pairwise"]["r"] == 0.0


def test_partial_prediction_hand_computed(gold_file: Path) -> None:
    gold = load_gold([gold_file])
    preds = _perfect(gold)
    a_e1, a_e2 = preds["a"]
    # doc a: the shelling has the wrong sub-event type (air strike), 20 killed, and no speaker
    a_e1.sub_event_type = "Air/drone strike"
    a_e1.fatalities = Quantity(20, 20, 20)
    a_e1.attribution = None
    # the capture is missed; instead an extra event nobody reported is predicted in another sentence
    extra = Event(id="a:x", doc_id="a", event_type="Protests", sub_event_type="Peaceful protest",
                  trigger=Span(0, 3), sentence=Span(0, 3))
    preds["a"] = [a_e1, extra]
    report = score(gold, preds, {"a": "a", "b": "b"}, None, "merge not built")
    f = report["fields"]
    # events: pred 3 (a:e1, a:x, b:e1), gold 3, matched 2 -> P = R = F1 = 2/3
    assert f["event"]["tp"] == 2 and f["event"]["n_pred"] == 3 and f["event"]["n_gold"] == 3
    assert f["event"]["f1"] == pytest.approx(0.6667, abs=1e-4)
    # event type: a:e1 right, b:e1 right, a:x wrong -> P 2/3, R 2/3
    assert f["event_type"]["p"] == pytest.approx(2 / 3, abs=1e-4)
    # sub-event type: only b:e1 right -> P 1/3, R 1/3
    assert f["sub_event_type"]["f1"] == pytest.approx(1 / 3, abs=1e-4)
    # fatalities: pred values 20 (a) and 10 (b); gold 12 and 10 -> exact tp 1 of 2 and 2 -> 0.5
    assert f["fatalities_exact"]["p"] == 0.5 and f["fatalities_exact"]["r"] == 0.5
    # speaker: pred has one (b); gold has two (a, b) -> P 1, R 0.5, F1 2/3
    assert f["attribution_speaker"]["p"] == 1.0 and f["attribution_speaker"]["r"] == 0.5
    # outcome: gold only on the missed capture -> R 0, nothing predicted
    assert f["outcome"]["n_gold"] == 1 and f["outcome"]["tp"] == 0
    og = report["overgeneration"]
    assert og["unmatched_pred"] == 1 and og["per_doc"] == 0.5 and og["rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert report["links"] == {"available": False, "reason": "merge not built"}


def test_attribution_accuracy_counts_matched_pairs_only(gold_file: Path) -> None:
    gold = load_gold([gold_file])
    preds = _perfect(gold)
    a_e1, a_e2 = preds["a"]
    (b_e1,) = preds["b"]
    # the capture (outlet's own voice in the gold) is given to a speaker; SANA's report loses its outlet
    a_e2.attribution = Attribution(Speaker(kind="unnamed_group", name="activists"), outlet="org:reuters")
    b_e1.attribution = Attribution(Speaker(kind="organisation", name="SANA", canonical_id="org:sana"), outlet=None)
    acc = score(gold, preds, None, None)["attribution"]
    assert acc == {"n": 3, "speaker_correct": 2, "outlet_correct": 2,
                   "speaker_accuracy": pytest.approx(0.6667, abs=1e-4),
                   "outlet_accuracy": pytest.approx(0.6667, abs=1e-4)}
    # a missed event lowers the F1 but not the accuracy: only matched pairs count
    preds["a"] = [a_e1]
    report = score(gold, preds, None, None)
    assert report["attribution"]["n"] == 2 and report["attribution"]["speaker_accuracy"] == 1.0
    assert report["by_lang"]["en"]["attribution"] == {"n": 1, "speaker_correct": 1, "outlet_correct": 1,
                                                      "speaker_accuracy": 1.0, "outlet_accuracy": 1.0}
    assert report["by_lang"]["ar"]["attribution"]["outlet_accuracy"] == 0.0
    assert report["fields"]["attribution_outlet"]["r"] == pytest.approx(1 / 3, abs=1e-4)


def test_bcubed_and_pairwise_hand_computed() -> None:
    gold = [{"a", "b", "c"}, {"d"}]
    pred = [{"a", "b"}, {"c", "d"}]
    b3 = bcubed_prf(gold, pred)
    # precision: a 1, b 1, c 1/2, d 1/2 -> 0.75; recall: a 2/3, b 2/3, c 1/3, d 1 -> 2/3
    assert b3["p"] == pytest.approx(0.75, abs=1e-4)
    assert b3["r"] == pytest.approx(2 / 3, abs=1e-4)
    assert b3["f1"] == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3), abs=1e-4)
    pw = pairwise_prf([{"a", "b", "c"}], [{"a", "b"}, {"c", "d"}])
    # gold pairs ab ac bc; predicted ab cd -> tp 1, P 1/2, R 1/3, F1 0.4
    assert (pw["p"], pw["r"], pw["f1"]) == (0.5, pytest.approx(0.3333, abs=1e-4), 0.4)


def test_fatalities_within_twenty_percent(gold_file: Path) -> None:
    gold = load_gold([gold_file])
    g = gold.doc("a").events[0]  # 12 killed
    g.fatalities.low = g.fatalities.best = g.fatalities.high = 100

    def pred(n: int) -> Event:
        return Event(id="p", doc_id="a", event_type="x", sub_event_type="y", trigger=Span(0, 1),
                     sentence=Span(0, 1), fatalities=Quantity(n, n, n))

    assert fatalities_exact(g, pred(100)) and not fatalities_exact(g, pred(101))
    assert fatalities_close(g, pred(120)) and fatalities_close(g, pred(80))
    assert not fatalities_close(g, pred(121)) and not fatalities_close(g, pred(79))
    g.fatalities.low, g.fatalities.high = 50, 300  # a disputed range: anything inside it is close
    assert fatalities_close(g, pred(290)) and not fatalities_close(g, pred(301))


def test_location_within_25_km(gold_file: Path) -> None:
    gold = load_gold([gold_file])
    g = gold.doc("a").events[0]  # Harasta, gn:169897
    damascus = PlaceRef(None, "Damascus", "Damascus", latitude=33.5102, longitude=36.29128)
    homs = PlaceRef(None, "Homs", "Homs", latitude=34.72682, longitude=36.72339)
    assert 7 < haversine_km(33.559, 36.364, 33.5102, 36.29128) < 10
    ev = Event(id="p", doc_id="a", event_type="x", sub_event_type="y", trigger=Span(0, 1), sentence=Span(0, 1))
    ev.location = damascus
    assert location_correct(g, ev)
    ev.location = homs
    assert not location_correct(g, ev)
    ev.location = PlaceRef("gn:169897", "Harasta", "حرستا")  # same place id, no coordinates
    assert location_correct(g, ev)


def test_date_at_gold_precision(gold_file: Path) -> None:
    g = load_gold([gold_file]).doc("a").events[0]
    assert date_correct(g, DateRef(date(2016, 3, 7), date(2016, 3, 7), "day"))
    assert not date_correct(g, DateRef(date(2016, 3, 8), date(2016, 3, 8), "day"))
    assert not date_correct(g, DateRef(date(2016, 3, 1), date(2016, 3, 31), "month"))  # too coarse for a day
    g.date = {"start": "2016-03-01", "end": "2016-03-31", "precision": "month"}
    assert date_correct(g, DateRef(date(2016, 3, 20), date(2016, 3, 20), "day"))
    assert not date_correct(g, DateRef(date(2016, 4, 1), date(2016, 4, 1), "day"))
    g.date = {"relative": "قبل 4 أيام", "expression": "-4d"}
    assert date_correct(g, DateRef(None, None, "day", relative=True, anchored=False, expression="-4d"))
    assert not date_correct(g, DateRef(None, None, "day", relative=True, anchored=False, expression="-3d"))


def test_bad_gold_gives_every_problem_with_its_line(tmp_path: Path) -> None:
    lines = _gold_lines()
    lines[0]["events"][0]["sub_event_type"] = "Bombing"
    lines[0]["events"][1]["evidence"] = {"quote": "not in the text", "start": 0, "end": 15}
    lines[1]["events"][0]["polarity"] = "maybe"
    lines[1]["events"][0]["fatalites"] = 3
    lines[2]["members"].append("c#e9")
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n", encoding="utf-8")
    with pytest.raises(GoldError) as info:
        load_gold([path])
    msg = str(info.value)
    assert "6 problem(s)" in msg
    for needle in ("bad.jsonl:1: event e1: sub_event_type 'Bombing'", "bad.jsonl:1: event e2: evidence offsets",
                   "bad.jsonl:2: event e1: polarity 'maybe'", "unknown event field(s) fatalites",
                   "unknown document 'c'", "bad.jsonl:4: not valid JSON"):
        assert needle in msg


def test_file_reference_reads_rows_in_place(tmp_path: Path) -> None:
    (tmp_path / "news.csv").write_text("unit_id,article_title,article_content\n7,Title,Body text here\n",
                                       encoding="utf-8")
    (tmp_path / "g.jsonl").write_text(json.dumps({
        "doc": {"path": "news.csv", "row_key": {"unit_id": "7"}, "fields": ["article_title", "article_content"]},
        "lang": "en", "events": []}) + "\n", encoding="utf-8")
    gold = load_gold([tmp_path / "g.jsonl"], shared_dir=tmp_path / "nowhere")
    assert gold.docs[0].text == "Title\n\nBody text here"
    assert gold.docs[0].key == "news.csv?unit_id=7"


def test_gold_anchor_keeps_comment_lines_and_reports_bad_json(tmp_path):
    from rasad.evaluation.gold import anchor_file

    text = "Government forces shelled Talbiseh. Government forces shelled Talbiseh again."
    doc = {"key": "t1", "doc": {"text": text}, "lang": "en", "events": [
        {"id": "e1", "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
         "evidence": {"quote": "shelled Talbiseh again"}},
        {"id": "e2", "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
         "evidence": {"quote": "Government forces shelled", "occurrence": 2}}]}
    path = tmp_path / "g.jsonl"
    path.write_text("// a comment the annotator left\n" + json.dumps(doc) + "\n{not json\n", encoding="utf-8")
    n, problems = anchor_file(path)
    assert n == 2
    assert len(problems) == 1 and "not valid JSON" in problems[0] and ":3:" in problems[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "// a comment the annotator left"
    anchored = json.loads(lines[1])["events"]
    assert text[anchored[0]["evidence"]["start"]:anchored[0]["evidence"]["end"]] == "shelled Talbiseh again"
    assert anchored[1]["evidence"]["start"] == text.index("Government forces shelled", 1)
