"""Run the pipeline up to the events stage on one text (shared by the event tests)."""

from __future__ import annotations

from datetime import datetime

from rasad.model import Document, Event
from rasad.pipeline import build_pipeline


def doc_with_events(text: str, lang: str = "und", published: datetime | None = None) -> Document:
    """``text`` run up to the events stage (language by langid when ``lang`` is "und"); a ``published`` time
    is taken as known to the day."""
    doc = Document.create(text, lang=lang, published=published)
    if published is not None:
        doc.published_precision = "day"
    build_pipeline(until="events")(doc)
    return doc


def events_of(text: str, lang: str = "und", published: datetime | None = None) -> list[Event]:
    """The events of ``text`` (see :func:`doc_with_events`)."""
    return doc_with_events(text, lang, published).events


def event_summaries(doc: Document) -> list[tuple[str, str, str]]:
    """(sub-event type, polarity, trigger wording) of each of ``doc``'s events: what a failing assertion prints."""
    return [(e.sub_event_type, e.polarity, e.trigger.text) for e in doc.events]


def types_and_polarities(text: str, lang: str = "und", published: datetime | None = None) -> list[tuple[str, str]]:
    """(sub-event type, polarity) of each event of ``text`` (see :func:`doc_with_events`)."""
    return [(e.sub_event_type, e.polarity) for e in events_of(text, lang, published)]


def actor_pair(e: Event) -> tuple[str | None, str | None]:
    """(actor 1, actor 2) canonical ids of an event."""
    return (e.actor1.canonical_id if e.actor1 else None, e.actor2.canonical_id if e.actor2 else None)
