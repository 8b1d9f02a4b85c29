"""The shortcuts of the save path write exactly what the plain forms write.

* ``sqlbase.dumps_model(obj)`` (the C encoder calling ``model.json_default`` for model objects) ==
  ``dumps(obj.to_dict())``, the events' and claims' ``data`` column before.
  The merge's canonical events and stories are written the same way.
* ``search.event_search_text`` folds a search text one line at a time (with a cache of recent lines) ==
  ``search_fold`` of the joined lines, the ``search_text`` column before.

Both are checked on the events and claims of real Arabic, Persian and English news run through the
whole pipeline, and on awkward made-up values.
"""

from __future__ import annotations

import csv
import enum
import itertools
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest

from rasad.merge import merge_documents
from rasad.model import ActorRef, Claim, Document, Event, PlaceRef, Span, Speaker, to_jsonable
from rasad.pipeline import build_pipeline
from rasad.store.search import event_search_text, search_fold
from rasad.store.sqlbase import dumps, dumps_model
from tests.conftest import require_shared


def _plain_search_text(event: Event) -> str:
    """``event_search_text`` as it was written before: fold the joined distinct fields at once."""
    def words(*values: Any) -> list[str]:
        return [str(v) for v in values if v]

    fields = words(event.sentence.text if event.sentence else None, event.trigger.text if event.trigger else None)
    fields += words(*(span.text for span in event.evidence))
    for actor in (event.actor1, event.actor2, *event.assoc_actors):
        if actor is not None:
            fields += words(actor.text, actor.name)
    if event.location is not None:
        fields += words(event.location.text, event.location.name)
    return search_fold("\n".join(dict.fromkeys(f.replace("\n", " ") for f in fields)))


def _real_articles(per_language: int = 12) -> list[str]:
    """The first articles of the shared Arabic, Persian and English news files (read in place)."""
    news = require_shared("data", "news")
    with open(news / "saudinewsnet_ar.jsonl", encoding="utf-8") as fh:
        arabic = [row.get("content") or "" for row in map(json.loads, itertools.islice(fh, 100))]
    with open(news / "fars_fa_dev.jsonl", encoding="utf-8") as fh:
        persian = ["\n\n".join(row.get("paragraphs") or []) or row.get("abstract") or ""
                   for row in map(json.loads, itertools.islice(fh, 100))]
    with open(news / "fakes_en_dev.csv", encoding="utf-8", newline="") as fh:
        english = [row.get("article_content") or "" for row in itertools.islice(csv.DictReader(fh), 100)]
    return [text[:4000] for texts in (arabic, persian, english) for text in [t for t in texts if t.strip()][:per_language]]


@pytest.fixture(scope="module")
def processed() -> list[Document]:
    pipeline = build_pipeline()
    docs = [pipeline(Document.create(text, outlet="Test outlet")) for text in _real_articles()]
    assert sum(len(d.events) for d in docs) >= 20 and sum(len(d.claims) for d in docs) >= 20
    return docs


def test_model_objects_of_real_news_encode_as_their_dicts(processed: list[Document]) -> None:
    for doc in processed:
        for obj in [*doc.events, *doc.claims, *doc.mentions, *doc.sentences, *doc.paragraphs]:
            assert dumps_model(obj) == dumps(obj.to_dict())
        assert dumps_model(doc.events) == dumps(to_jsonable(doc.events))


def test_merged_events_and_stories_of_real_news_encode_as_their_dicts(processed: list[Document]) -> None:
    """The merge writes canonical events and stories with ``dumps_model`` too (the ``data`` column)."""
    result = merge_documents(processed)
    assert result.canonical_events and result.stories
    assert any(len(c.reports) > 1 for c in result.canonical_events)  # comparisons with several sources
    for obj in [*result.canonical_events, *result.stories]:
        assert dumps_model(obj) == dumps(obj.to_dict())


def test_search_text_folded_by_line_equals_folding_it_whole(processed: list[Document]) -> None:
    events = [e for doc in processed for e in doc.events]
    for _ in range(2):  # the second time from the cache
        for event in events:
            assert event_search_text(event) == _plain_search_text(event)


class _Colour(enum.StrEnum):
    RED = "red"


class _Level(enum.IntEnum):
    HIGH = 3


@dataclass
class _Odd:
    when: date
    stamp: datetime
    spans: list[Span] = field(default_factory=list)
    extra: dict[Any, Any] = field(default_factory=dict)
    pair: tuple[Any, ...] = ()
    hidden: str = field(default="x", metadata={"serialize": False})


def test_awkward_values_encode_as_their_dicts() -> None:
    odd = _Odd(date(2015, 7, 22), datetime(2015, 7, 22, 1, 5, tzinfo=UTC), [Span(0, 3, "قال")],
               {"nan": float("nan"), "neg": -0.0, 2: "int key", None: [date(2020, 1, 2), {3, 4}],
                "enum": _Colour.RED, "level": _Level.HIGH, "nested": {"speaker": Speaker("person", "x")}},
               (Span(1, 2), "t", 1e-05))
    event = Event("d:e0", "d", "Battles", "Armed clash", Span(0, 1, "x"), Span(0, 9, "x\ny \u2028z"),
                  actor1=ActorRef("a", "Name", "نص"), location=PlaceRef("gn:1", "Homs", "حمص", latitude=0.0),
                  attrs={"when": date(2020, 1, 1), "objs": [Speaker("outlet")], "t": (1, 2)})
    claim = Claim("d:c0", "d", "event:x", "event", {"value": date(2020, 2, 2)}, speaker=Speaker("outlet"))
    for obj in (odd, event, claim, [odd, event], {"k": claim}):
        assert dumps_model(obj) == dumps(to_jsonable(obj))


@pytest.mark.parametrize("lines", [
    ["Σ", "αΣ", "ΑΣ b"],  # Greek capital sigma: final form only at a word's end, and a line ends a word
    ["İstanbul", "گروه\u200cهای", "قـــال", "\u064b\u064c", "a\rb\x85c", "\u00a0 x \u3000", "  "],
    ["same", "SAME", "same"],  # different fields folding to the same line stay two lines, as before
])
def test_made_up_lines_fold_alike(lines: list[str]) -> None:
    event = Event("d:e0", "d", "Battles", "Armed clash", Span(0, 1, lines[0]), Span(0, 9, "\n".join(lines)),
                  evidence=[Span(0, 1, line) for line in lines])
    assert event_search_text(event) == _plain_search_text(event)
