"""orjson writes the JSON columns (``sqlbase.dumps``, ``dumps_model`` and ``_dumps_all``, a document's values at a
time) with exactly the text the json module's encoders write (``_json_dumps``/``_json_dumps_model``, what the
store wrote before): on the values of real news run through the pipeline, on floats of every magnitude
(those below 1e-4 orjson writes otherwise, so they go to json), and on what orjson refuses or reads otherwise
(ints beyond 64 bits, non-string keys, subclasses, dataclasses and dates inside plain values)."""

from __future__ import annotations

import random
from collections import namedtuple
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

import pytest

from rasad.model import Document, Span, Speaker
from rasad.pipeline import build_pipeline
from rasad.store import sqlbase
from rasad.store.sqlbase import _dumps_all, _json_dumps, _json_dumps_model, dumps, dumps_model

pytestmark = pytest.mark.skipif(sqlbase.orjson is None, reason="orjson not installed: json writes every column")

_Pair = namedtuple("_Pair", "a b")


class _Float(float):
    def __repr__(self) -> str:
        return "not the float's repr"


class _Text(str):
    pass


@dataclass
class _Box:
    when: date
    span: Span


def _awkward() -> list[Any]:
    return [
        "قال \"المرصد\" \u2028 \u2029 \x1f \x7f \\ / \U0001F600 \ue000", "state-run e-mail re-elected 0.00001 1e-7",
        {"lat": 1e-05, "lon": 35.0, "big": 1e16, "neg": -0.0, "small": 9.99e-05, "tiny": -3e-9, "sub": 5e-324},
        {"edge": 1e-4, "huge": 1.5e300, "neg_huge": -1e22, "third": 1 / 3, "int": 2**63 - 1, "neg_int": -(2**63)},
        {2: "int key", True: "bool key", None: "none key", 2.5: "float key"}, 2**70, {"k": [2**64]},
        [date(2020, 1, 2), datetime(2020, 1, 2, 3, 4, 5), datetime(2020, 1, 2, 3, 4, 5, 120, tzinfo=UTC),
         time(1, 2, 3)],
        (1, [2, {"x": ()}]), _Pair(1, "b"), {"p": _Pair(2.5, None)}, {"f": _Float(0.25)}, _Text("متن"),
        {3, 4}, frozenset(), b"bytes", {"box": _Box(date(2021, 3, 4), Span(0, 3, "قال"))},
        {"speaker": Speaker("person", "x")}, "\ud800 lone surrogate", "", {}, [], None, True, 0, -0.0,
    ]


def test_dumps_writes_what_json_writes_on_awkward_values() -> None:
    values = _awkward()
    for value in values:
        assert dumps(value) == _json_dumps(value), value
    assert _dumps_all(values, model=False) == [_json_dumps(v) for v in values]


def test_dumps_model_writes_what_json_writes_on_awkward_values() -> None:
    values = _awkward()
    for value in values:
        assert dumps_model(value) == _json_dumps_model(value), value
    assert _dumps_all(values, model=True) == [_json_dumps_model(v) for v in values]


def test_deep_nesting_falls_back_to_json() -> None:
    value: Any = "x"
    for _ in range(300):  # orjson refuses more than 254 levels
        value = [value]
    assert dumps(value) == _json_dumps(value)


def test_floats_of_every_magnitude() -> None:
    rng = random.Random(9)
    floats = [rng.random() * 10.0 ** e * rng.choice((1, -1)) for e in range(-30, 31) for _ in range(200)]
    floats += [round(x, 6) for x in floats[::7]]
    assert [dumps(x) for x in floats] == [_json_dumps(x) for x in floats]
    assert _dumps_all([{"v": x} for x in floats], model=False) == [_json_dumps({"v": x}) for x in floats]
    normal = [x for x in floats if abs(x) >= 1e-4]
    assert _dumps_all(normal, model=False) == [repr(x) for x in normal]


@pytest.fixture(scope="module")
def processed(seed_texts: dict[str, str]) -> list[Document]:
    pipeline = build_pipeline()
    return [pipeline(Document.create(text)) for text in list(seed_texts.values())[:30]]


def test_real_documents_values_are_written_as_json_writes_them(processed: list[Document]) -> None:
    n_objects = 0
    for doc in processed:
        objects = [*doc.events, *doc.claims]
        n_objects += len(objects)
        assert _dumps_all(objects, model=True) == [_json_dumps_model(o) for o in objects]
        attrs = [m.attrs for m in doc.mentions]
        assert _dumps_all(attrs, model=False) == [_json_dumps(a) for a in attrs]
        assert [dumps_model(o) for o in objects] == [_json_dumps_model(o) for o in objects]
    assert n_objects >= 20


def test_a_nan_is_written_null_where_json_wrote_nan() -> None:
    """The one value orjson writes otherwise: json writes a float NaN or infinity as ``NaN``/``Infinity``, which
    is not JSON (SQLite's JSON functions refuse the row, PostgreSQL's JSONB the insert); orjson writes ``null``,
    read back as None.  No stage makes such a float."""
    claim_like = {"value": float("nan"), "confidence": float("inf"), "n": 1.5}
    assert dumps(claim_like) == '{"value":null,"confidence":null,"n":1.5}'
    assert _json_dumps(claim_like) == '{"value":NaN,"confidence":Infinity,"n":1.5}'
    span = Span(0, 1, "x")
    assert dumps_model({"s": span, "c": float("-inf")}) == '{"s":{"start":0,"end":1,"text":"x"},"c":null}'
