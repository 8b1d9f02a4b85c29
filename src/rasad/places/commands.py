"""``rasad gazetteer import|search|stats``: the analyst's view of the gazetteer."""

from __future__ import annotations

from pathlib import Path

import typer

from rasad.cli import DbOption

gazetteer_app = typer.Typer(help="Gazetteer: import analysts' tables, search names, show statistics.",
                            no_args_is_help=True)


@gazetteer_app.command("import")
def import_cmd(
    path: Path = typer.Argument(..., exists=True, help="A file, or a folder of files of that format."),
    fmt: str = typer.Option(..., "--format", "-f", help="geonames | ocha | opensyria"),
    db: str = DbOption,
) -> None:
    """Import entries, merge them with the built-in gazetteer and the store's, save them in the store."""
    from rasad.places.importers import import_into_store
    from rasad.store.base import open_store

    with open_store(db) as store:
        read, new, merged, saved = import_into_store(store, fmt, path)
    typer.echo(f"read {read} entries; {new} new, {merged} merged into existing entries; {saved} saved")


@gazetteer_app.command("search")
def search_cmd(
    query: str = typer.Argument(..., help="A name in any language (fuzzy)."),
    limit: int = typer.Option(10, "--limit", "-n"),
    db: str | None = typer.Option(None, "--db", help="Include entries imported into this store."),
) -> None:
    """Find gazetteer entries by name."""
    from rasad.places.gazetteer import Gazetteer, load_gazetteer

    g = load_gazetteer()
    if db:
        from rasad.store.base import open_store

        with open_store(db) as store:
            g = Gazetteer.with_store(store)
    for p, score in g.search(query, limit=limit):
        admin = " / ".join(x for x in (p.admin1, p.admin2, p.admin3) if x)
        typer.echo(f"{score:5.1f}  {p.id:28s} {p.feature:13s} {p.country or '':4s} {p.name}  "
                   f"[{p.name_in('ar')}]  {admin}  ({p.lat}, {p.lon})")


@gazetteer_app.command("stats")
def stats_cmd(db: str | None = typer.Option(None, "--db", help="Include entries imported into this store.")) -> None:
    """Counts of entries by feature and source."""
    import json

    from rasad.places.gazetteer import Gazetteer, load_gazetteer

    g = load_gazetteer()
    if db:
        from rasad.store.base import open_store

        with open_store(db) as store:
            g = Gazetteer.with_store(store)
    typer.echo(json.dumps(g.stats(), indent=2, ensure_ascii=False))
