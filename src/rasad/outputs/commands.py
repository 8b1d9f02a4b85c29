"""`rasad report` (terminal) and `rasad export`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from rasad.cli import DbOption


def report(
    db: str = DbOption,
    limit: int = typer.Option(50, "--limit", help="At most this many stories/events/comparisons per section."),
    html: Path | None = typer.Option(None, "--html", help="Also write a self-contained HTML report (map, timeline, "
                                     "sources side by side) to this file; it opens offline in any browser."),
    html_detailed: int = typer.Option(2000, "--html-detailed", min=0,
                                      help="Events shown with their sources side by side in the HTML report "
                                      "(all events are in its table and map; 10,000 detailed events make a "
                                      "~35 MB page)."),
) -> None:
    """Stories, canonical events, and the per-field comparison with contested fields highlighted."""
    from rich.console import Console

    from rasad.outputs.report import build_report_data, render_report
    from rasad.store.base import open_store

    with open_store(db) as store:
        data = build_report_data(store)
        render_report(data, Console(), limit=limit)
        if html is not None:
            from rasad.outputs.html_report import write_html_report

            out = write_html_report(store, html, max_detailed=html_detailed)
            Console(stderr=True).print(f"HTML report written to {out}")


def export(
    db: str = DbOption,
    fmt: str = typer.Option("csv", "--format", "-f", help="csv (ACLED columns), ucdp (UCDP GED-style CSV), json, "
                            "geojson."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: standard output)."),
) -> None:
    """Export canonical events: ACLED-style CSV, UCDP GED-style CSV, JSON or GeoJSON."""
    from rasad.outputs.exports import FORMATS, load_export_data, write_export
    from rasad.store.base import open_store

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", param_hint="--format")
    with open_store(db) as store:
        data = load_export_data(store)
    if output is None:
        n = write_export(data, fmt, sys.stdout)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = output.with_name(output.name + ".tmp")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            n = write_export(data, fmt, fh)
        tmp.replace(output)
        typer.echo(f"wrote {n} events to {output}", err=True)
