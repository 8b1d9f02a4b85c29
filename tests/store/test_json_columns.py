"""The JSON columns' encoder (``sqlbase.dumps``: orjson, checked, else the json C encoder built once) writes
exactly what the standard ``JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)`` writes (but
for a float NaN or infinity, written ``null``), and their decoder (``sqlbase.loads``, the C scanner called
directly) reads what ``json.loads`` reads."""

from __future__ import annotations

import json
from datetime import date, datetime

from rasad.model import Document, Mention
from rasad.store.sqlbase import dumps, loads
from rasad.text.langid import langid_stage

REFERENCE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)


def test_dumps_matches_the_standard_encoder_on_awkward_values() -> None:
    values = [
        "قال \"المرصد\" \u2028 \x1f \\ /", {"lat": 1e-05, "lon": 35.0, "big": 1e16, "neg": -0.0},
        {2: "int key", True: "bool key", None: "none key", 2.5: "float key"},
        [date(2020, 1, 2), datetime(2020, 1, 2, 3, 4, 5)], (1, [2, {"x": ()}]), 2**70, "", {}, [], None,
    ]
    for value in values:
        assert dumps(value) == REFERENCE.encode(value)


def test_nan_and_infinity_are_written_null() -> None:
    """json writes ``NaN``/``Infinity``, which are not JSON (SQLite's JSON functions and PostgreSQL's JSONB
    refuse them); orjson writes ``null``.  No stage makes such a float."""
    assert dumps({"nan": float("nan"), "inf": float("inf"), "x": -float("inf")}) == '{"nan":null,"inf":null,"x":null}'
    assert loads(dumps([float("nan")])) == [None]


def test_dumps_matches_on_a_processed_documents_rows(seed_texts: dict[str, str]) -> None:
    doc = Document.create(seed_texts["001"])
    langid_stage(doc)
    doc.mentions.append(Mention(0, 5, doc.text[:5], "place", attrs={"name": doc.text[:5], "latitude": 33.5138,
                                                                      "longitude": 36.2765, "feature": "city"}))
    for value in (doc.to_dict(), [m.attrs for m in doc.mentions], doc.meta):
        assert dumps(value) == REFERENCE.encode(value)
    assert json.loads(dumps(doc.to_dict()))["text"] == doc.text


def test_loads_reads_what_json_loads_reads() -> None:
    texts = [dumps(v) for v in ({"lat": 1e-05, "nan": float("nan"), "k": [1, {"x": None}]}, "قال \u2028", 2**70,
                                [], {}, None, True, -0.0)]
    texts += [' {"a": 1}', '{"a": 1}\n', "\t[1, 2] ", '"x"']  # whitespace around: json.loads accepts it
    for text in texts:
        assert repr(loads(text)) == repr(json.loads(text)), text
    assert loads(b'{"b":2}') == {"b": 2} and loads({"already": "decoded"}) == {"already": "decoded"}
    assert loads(None) is None
    for bad in ('{"a":1}x', "", "   ", '{"a":}', "[1,", "{'a': 1}"):
        try:
            json.loads(bad)
        except json.JSONDecodeError as exc:
            expected = str(exc)
        try:
            loads(bad)
        except json.JSONDecodeError as exc:
            assert str(exc) == expected, bad
        else:
            raise AssertionError(f"loads accepted {bad!r}")


def test_loads_round_trips_a_processed_documents_rows(seed_texts: dict[str, str]) -> None:
    doc = Document.create(seed_texts["000"])
    langid_stage(doc)
    for value in (doc.to_dict(), doc.meta, [p.to_dict() for p in doc.paragraphs]):
        text = dumps(value)
        assert loads(text) == json.loads(text)
