"""``rasad claims``: who claims what, from the store (table or JSON)."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from rasad.store.base import open_store


def _speaker_label(sp: dict | None) -> str:
    if not sp:
        return ""
    parts = [sp.get("canonical_id") or sp.get("name") or sp.get("kind") or ""]
    if sp.get("role"):
        parts.append(sp["role"])
    if sp.get("organisation") and sp.get("kind") != "organisation":
        parts.append(sp["organisation"])
    return " / ".join(p for p in parts if p)


def claims(
    db: str = typer.Option("rasad.db", "--db", envvar="RASAD_DB", help="Store path or postgresql:// URL."),
    doc: str | None = typer.Option(None, "--doc", help="Only claims of this document (id or id prefix)."),
    predicate: str | None = typer.Option(None, "--predicate", help="event / occurred / control / fatalities / responsible"),
    fmt: str = typer.Option("table", "--format", help="table or json"),
) -> None:
    """List attributed claims: subject, predicate, value, polarity, speaker, outlet and evidence."""
    with open_store(db) as store:
        doc_id = None
        if doc:
            ids = store.find_document_ids(doc)
            if not ids:
                raise typer.BadParameter(f"no document with id starting {doc!r}")
            doc_id = ids[0]
        rows = [c.to_dict() for c in store.iter_claims(doc_id=doc_id)
                if predicate is None or c.predicate == predicate]
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(rows)} claims")
    for col in ("doc", "subject", "predicate", "value", "polarity", "speaker", "outlet", "verb", "evidence"):
        table.add_column(col, overflow="fold")
    for c in rows:
        ev = (c.get("evidence") or {}).get("text", "")
        table.add_row(c["doc_id"][:8], c["subject"], c["predicate"], str(c["value"]), c["polarity"],
                      _speaker_label(c.get("speaker")), c.get("outlet") or "", c.get("reporting_verb") or "",
                      ev[:60])
    Console().print(table)
