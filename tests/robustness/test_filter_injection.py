"""Injection attempts through EventFilter fields: values are data, never SQL (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from rasad.model import Document, Event
from rasad.store.base import EventFilter, Store

ATTACKS = [
    "'; DROP TABLE events; --",
    "x' OR '1'='1",
    "x\" OR \"1\"=\"1",
    "1; DELETE FROM documents",
    "') OR 1=1 --",
    "%' OR e.id LIKE '%",
    "\\' OR 1=1 --",
    "admin1 = admin1",
    "' UNION SELECT data FROM documents --",
    "$$; DROP TABLE claims; $$",
    "?",
    "%s",
    "قوات' OR '1'='1",
]


def _fill(store: Store) -> Event:
    text = "قصفت الطائرات الحربية بلدة كفرنبل في ريف إدلب، وقتل خمسة مدنيين."
    doc = Document.create(text, lang="ar", outlet="outlet")
    event = Event(id=f"{doc.id}:e0", doc_id=doc.id, event_type="Explosions/Remote violence",
                  sub_event_type="Air/drone strike", trigger=doc.span(0, 4), sentence=doc.span(0, len(text)), lang="ar")
    doc.events.append(event)
    store.save_document(doc)
    return event


@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_match_nothing_and_change_nothing(any_store: Store, attack: str) -> None:
    _fill(any_store)
    fields = ["event_type", "sub_event_type", "place_id", "admin1", "actor", "text", "doc_id", "lang", "polarity",
              "date_from", "date_to"]
    for name in fields:
        flt = EventFilter(**{name: attack})
        matched = list(any_store.iter_events(flt))
        # date filters compare ISO strings: an attack string sorts somewhere, but never breaks the query
        if name not in ("date_from", "date_to"):
            assert matched == [], (name, attack)
        assert any_store.count_events(flt) == len(matched)
        list(any_store.iter_canonical_events(flt))
    assert any_store.find_document_ids(attack) == []
    assert any_store.count_documents() == 1 and any_store.count_events() == 1


def test_injection_in_limit_and_extra_is_refused(any_store: Store) -> None:
    _fill(any_store)
    with pytest.raises((ValueError, TypeError)):
        list(any_store.iter_events(EventFilter(limit="1; DROP TABLE events"))) # type: ignore[arg-type]
    with pytest.raises(ValueError):
        list(any_store.iter_events(EventFilter(extra={"id = id OR 1": "1"})))
    assert any_store.count_events() == 1


def test_literal_wildcards_and_quotes_still_match_real_text(any_store: Store) -> None:
    event = _fill(any_store)
    assert [e.id for e in any_store.iter_events(EventFilter(text="ريف إدلب"))] == [event.id]
    assert list(any_store.iter_events(EventFilter(text="_"))) == []
    assert list(any_store.iter_events(EventFilter(text="%"))) == []
