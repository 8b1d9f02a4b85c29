"""`rasad merge`, `rasad stories`, `rasad event ID`."""

from __future__ import annotations

import json

import typer

from rasad.cli import DbOption


def merge(db: str = DbOption) -> None:
    """Merge stored reports across sources and languages into canonical events and stories."""
    from rasad.merge.core import merge_store, summary
    from rasad.store.base import open_store

    with open_store(db) as store:
        result = merge_store(store)
    s = summary(result)
    typer.echo(f"{s['canonical_events']} canonical events ({s['multi_source_events']} told by several "
               f"documents, {s['contested_events']} with contested fields) in {s['stories']} stories; "
               f"{s['copies']} documents are copies of another")


def stories(
    db: str = DbOption,
    limit: int = typer.Option(100, "--limit", help="Show at most this many stories."),
) -> None:
    """Stories: documents and canonical events about one unfolding situation."""
    from rich.console import Console

    from rasad.outputs.report import build_report_data, stories_table
    from rasad.store.base import open_store

    with open_store(db) as store:
        data = build_report_data(store)
    Console().print(stories_table(data, limit))


def event(
    event_id: str = typer.Argument(..., help="Canonical event id (or a unique prefix)."),
    db: str = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the event JSON: reports, per-field values, record."),
) -> None:
    """Side-by-side comparison of what every source says about one canonical event."""
    from rich.console import Console

    from rasad.outputs.exports import event_json, load_doc_meta
    from rasad.outputs.report import render_event
    from rasad.store.base import open_store

    with open_store(db) as store:
        ce = store.get_canonical_event(event_id)
        if ce is None:
            matches = [c for c in store.iter_canonical_events() if c.id.startswith(event_id)]
            if len(matches) != 1:
                reason = "no canonical event" if not matches else f"{len(matches)} canonical events"
                typer.echo(f"{reason} with id starting {event_id!r} (see `rasad report` or `rasad stories`)",
                           err=True)
                raise typer.Exit(1)
            ce = matches[0]
        docs = load_doc_meta(store)
    if as_json:
        typer.echo(json.dumps(event_json(ce, docs), ensure_ascii=False, indent=2))
    else:
        render_event(ce, Console(), docs)
