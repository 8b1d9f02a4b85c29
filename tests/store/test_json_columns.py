"""The JSON columns' encoder (``sqlbase.dumps``, the C encoder built once) writes exactly what the
standard ``JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)`` writes."""

from __future__ import annotations

import json
from datetime import date, datetime

from rasad.model import Document, Mention
from rasad.store.sqlbase import dumps
from rasad.text.langid import langid_stage

REFERENCE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)


def test_dumps_matches_the_standard_encoder_on_awkward_values() -> None:
    values = [
        "قال \"المرصد\" \u2028 \x1f \\ /", {"lat": 1e-05, "lon": 35.0, "big": 1e16, "neg": -0.0},
        {"nan": float("nan"), "inf": float("inf")}, {2: "int key", True: "bool key", None: "none key", 2.5: "float key"},
        [date(2020, 1, 2), datetime(2020, 1, 2, 3, 4, 5)], (1, [2, {"x": ()}]), 2**70, "", {}, [], None,
    ]
    for value in values:
        assert dumps(value) == REFERENCE.encode(value)


def test_dumps_matches_on_a_processed_documents_rows(seed_texts: dict[str, str]) -> None:
    doc = Document.create(seed_texts["001"])
    langid_stage(doc)
    doc.mentions.append(Mention(0, 5, doc.text[:5], "place", attrs={"name": doc.text[:5], "latitude": 33.5138,
                                                                      "longitude": 36.2765, "feature": "city"}))
    for value in (doc.to_dict(), [m.attrs for m in doc.mentions], doc.meta):
        assert dumps(value) == REFERENCE.encode(value)
    assert json.loads(dumps(doc.to_dict()))["text"] == doc.text
