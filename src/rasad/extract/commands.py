"""``rasad events``: list the events in the store as a table or as stable JSON (docs/events-json.md)."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from rasad.cli import DbOption
from rasad.model import Event

#: Version of the JSON layout printed by ``rasad events --format json`` (see docs/events-json.md).
EVENTS_JSON_VERSION = 1


def event_record(event: Event) -> dict[str, Any]:
    """The documented JSON form of one event: every model field, plus the derived ``interaction``."""
    data = event.to_dict()
    data["interaction"] = event.interaction
    data["schema"] = f"rasad.event/{EVENTS_JSON_VERSION}"
    return data


def _actor(ref: Any) -> str:
    if ref is None:
        return ""
    return f"{ref.canonical_id or '?'} ({ref.text})"


def _quantity(q: Any) -> str:
    if q is None:
        return ""
    return str(q.acled) if q.acled is not None else (q.text or "?")


def _date(d: Any) -> str:
    if d is None:
        return ""
    if d.start is not None:
        day = d.start.isoformat()
        return day if d.precision == "day" else f"{day} ({d.precision})"
    return d.text or (d.expression or "")


def events(
    db: str = DbOption,
    output_format: str = typer.Option("table", "--format", "-f", help="table or json (one object per line)"),
    event_type: str | None = typer.Option(None, "--type", help="ACLED event type, e.g. Battles"),
    sub_event_type: str | None = typer.Option(None, "--sub-type", help="ACLED sub-event type"),
    actor: str | None = typer.Option(None, "--actor", help="canonical actor id or words used"),
    place: str | None = typer.Option(None, "--place", help="place id (the place or anything inside it)"),
    admin1: str | None = typer.Option(None, "--admin1", help="governorate / province name"),
    date_from: str | None = typer.Option(None, "--from", help="ISO date, inclusive"),
    date_to: str | None = typer.Option(None, "--to", help="ISO date, inclusive"),
    polarity: str | None = typer.Option(None, "--polarity", help="asserted, negated, denied, reported, ..."),
    lang: str | None = typer.Option(None, "--lang", help="document language: ar, fa, en"),
    doc: str | None = typer.Option(None, "--doc", help="document id (or a unique prefix)"),
    text: str | None = typer.Option(
        None, "--text", "--q", "-q",
        help='text search: every word (or "quoted phrase") in the event\'s sentence, actor or place wording, '
             "found inside longer words too; hamza, ي/ی, ك/ک, tashkeel, tatweel and ZWNJ do not matter"),
    limit: int | None = typer.Option(None, "--limit", "-n", help="at most this many events"),
) -> None:
    """List extracted events: type, sub-type, actors, place, date, fatalities, polarity, document."""
    from rasad.store.base import EventFilter, open_store
    from rasad.store.search import SearchQueryError

    if output_format not in ("table", "json"):
        raise typer.BadParameter("--format must be table or json")
    with open_store(db) as store:
        doc_id = doc
        if doc is not None:
            ids = store.find_document_ids(doc)
            if len(ids) != 1:
                typer.echo(f"{len(ids)} documents match {doc!r}", err=True)
                raise typer.Exit(1)
            doc_id = ids[0]
        flt = EventFilter(event_type=event_type, sub_event_type=sub_event_type, actor=actor, place_id=place,
                          admin1=admin1, date_from=date_from, date_to=date_to, polarity=polarity, lang=lang,
                          doc_id=doc_id, text=text, limit=limit)
        try:
            found = list(store.iter_events(flt))
        except SearchQueryError as exc:  # a search text over the limits
            raise typer.BadParameter(str(exc), param_hint="--text") from None
    if output_format == "json":
        for ev in found:
            sys.stdout.write(json.dumps(event_record(ev), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(found)} events", show_lines=False)
    for col in ("event", "type", "sub-type", "actor 1", "actor 2", "place", "date", "fatalities", "polarity"):
        table.add_column(col, overflow="fold")
    for ev in found:
        table.add_row(ev.id[:12] + ev.id[ev.id.rfind(":"):], ev.event_type, ev.sub_event_type, _actor(ev.actor1),
                      _actor(ev.actor2), ev.location.name if ev.location else "", _date(ev.date),
                      _quantity(ev.fatalities), ev.polarity)
    Console().print(table)
