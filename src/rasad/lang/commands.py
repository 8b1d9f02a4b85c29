"""`rasad lang-check`: validate the per-language data files."""

from __future__ import annotations

import typer


def lang_check(langs: list[str] = typer.Argument(None, help="Languages to check (default: every data folder).")) -> None:
    """Check that every language's data files parse and load in every stage (for linguists editing them)."""
    from rasad.lang.check import check_languages

    bad = 0
    for rep in check_languages(langs or None):
        status = "ok" if rep.ok else "FAILED"
        typer.echo(f"{rep.lang}: {status} ({len(rep.files)} files)")
        for name in rep.missing:
            typer.echo(f"  note: no {name} (that stage finds nothing in {rep.lang})")
        for err in rep.errors:
            typer.echo(f"  error: {err}", err=True)
        bad += not rep.ok
    if bad:
        raise typer.Exit(1)
