"""``rasad eval`` (score the pipeline against gold files) and ``rasad gold-anchor`` (fill evidence offsets)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from rasad.evaluation.floors import (
    DEFAULT_TOLERANCE,
    check_floors,
    load_floors,
    save_floors,
    updated_floors,
)
from rasad.evaluation.gold import GoldError, anchor_file, default_shared_dir
from rasad.evaluation.runner import evaluate
from rasad.evaluation.scorer import FIELDS

DEFAULT_FLOORS = Path("eval/floors.json")


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def render(report: dict[str, Any], console: Console) -> None:
    """The report as rich tables: per field overall, F1 per language, over-generation, links."""
    langs = sorted(report.get("by_lang", {}))
    t = Table(title=f"Rasad evaluation: {report['n_docs']} documents, {report['n_gold_events']} gold events, "
                    f"{report['n_pred_events']} predicted")
    t.add_column("field", no_wrap=True, min_width=19)
    for col in ("P", "R", "F1", "tp", "pred", "gold"):
        t.add_column(col, justify="right")
    for lang in langs:
        t.add_column(f"F1 {lang}", justify="right")
    for name in FIELDS:
        m = report["fields"][name]
        per_lang = [_fmt(report["by_lang"][lang]["fields"][name]["f1"]) for lang in langs]
        t.add_row(name, _fmt(m["p"]), _fmt(m["r"]), _fmt(m["f1"]), f"{m['tp']:g}", f"{m['n_pred']:g}",
                  f"{m['n_gold']:g}", *per_lang)
    console.print(t)
    render_attribution(report, console)
    og = report["overgeneration"]
    console.print(f"over-generation ({og['n_docs_complete']} fully annotated documents): {og['unmatched_pred']} "
                  f"predicted events match no gold event ({og['per_doc']:.2f} per document, {og['rate']:.1%} of "
                  f"their predictions, in {og['docs_with_unmatched']} documents); "
                  f"{report['n_pred_unscored']} unmatched predictions in main-events-only documents not scored")
    links = report["links"]
    if links.get("available"):
        pw, b3, con = links["pairwise"], links["bcubed"], links["contradictions"]
        console.print(f"cross-document links: pairwise P {_fmt(pw['p'])} R {_fmt(pw['r'])} F1 {_fmt(pw['f1'])} "
                      f"({pw['n_gold_pairs']} gold pairs); B-cubed P {_fmt(b3['p'])} R {_fmt(b3['r'])} "
                      f"F1 {_fmt(b3['f1'])}; contradictions found {con['found']}/{con['gold']}")
    else:
        console.print(f"cross-document links: not available ({links.get('reason')})")
    console.print(f"stages run: {', '.join(report.get('stages', []))}"
                  + (f"; skipped (not built yet): {', '.join(report['skipped_stages'])}"
                     if report.get("skipped_stages") else "")
                  + f"; pipeline {report.get('pipeline_seconds', 0):.2f} s")


def render_attribution(report: dict[str, Any], console: Console) -> None:
    """Attribution accuracy on the matched events (n) next to the attribution F1 over all gold events."""
    t = Table(title="Attribution: accuracy on matched events (F1 over all gold events)")
    t.add_column("language", no_wrap=True)
    for col in ("matched n", "speaker acc", "outlet acc", "speaker F1", "outlet F1"):
        t.add_column(col, justify="right")
    rows = [(lang, sub) for lang, sub in sorted(report.get("by_lang", {}).items())] + [("all", report)]
    for label, sub in rows:
        acc = sub.get("attribution") or {}
        t.add_row(label, f"{acc.get('n', 0)}", _fmt(acc.get("speaker_accuracy", 0.0)),
                  _fmt(acc.get("outlet_accuracy", 0.0)), _fmt(sub["fields"]["attribution_speaker"]["f1"]),
                  _fmt(sub["fields"]["attribution_outlet"]["f1"]))
    console.print(t)


def eval_command(
    gold: list[Path] = typer.Argument(None, help="Gold JSONL files (documents and/or link clusters). "
                                                 "Default: the gold files listed in the floors file."),
    shared: Path = typer.Option(None, "--shared", help="The shared data folder the gold refers to "
                                                        "(default $RASAD_SHARED or ../shared)."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
    floors_path: Path = typer.Option(DEFAULT_FLOORS, "--floors", help="Floors file."),
    check: bool = typer.Option(False, "--check-floors", help="Exit 1 if any score is below its floor."),
    update: bool = typer.Option(False, "--update-floors", help="Raise floors to the measured scores "
                                                                "(minus the tolerance)."),
    allow_lower: bool = typer.Option(False, "--allow-lower", help="With --update-floors: also lower floors."),
    tolerance: float = typer.Option(None, "--tolerance", help="Floor = measured - tolerance "
                                                              f"(default: the file's, or {DEFAULT_TOLERANCE})."),
) -> None:
    """Run the pipeline on the gold's documents and print P/R/F1 per field and language."""
    console = Console(stderr=as_json)
    if console.width < 132:  # the table has a column per language; do not squeeze it into 80 columns
        console = Console(stderr=as_json, width=132)
    floors_data = load_floors(floors_path)
    paths = list(gold or []) or [Path(p) for p in floors_data.get("gold", [])]
    if not paths:
        console.print("[red]no gold files given and none listed in the floors file[/red]")
        raise typer.Exit(2)
    shared_dir = (shared or default_shared_dir()).resolve()
    try:
        report = evaluate(paths, shared_dir)
    except GoldError as exc:
        console.print(str(exc), markup=False, style="red")
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        render(report, console)
    if update:
        tol = tolerance if tolerance is not None else float(floors_data.get("tolerance", DEFAULT_TOLERANCE))
        new, changes = updated_floors(report, floors_data.get("floors", {}), tol, allow_lower)
        save_floors(floors_path, {**floors_data, "gold": [str(p) for p in paths], "tolerance": tol, "floors": new})
        console.print(f"floors updated ({len(changes)} changes) in {floors_path}")
        for c in changes:
            console.print(f"  {c}")
    if check:
        failures = check_floors(report, floors_data.get("floors", {}))
        if failures:
            console.print(f"[red]{len(failures)} score(s) below their floors:[/red]")
            for f in failures:
                console.print(f"  {f}", markup=False)
            raise typer.Exit(1)
        console.print(f"all {len(floors_data.get('floors', {}))} floors met")


def gold_anchor_command(
    gold: list[Path] = typer.Argument(..., help="Gold JSONL files to update in place."),
    shared: Path = typer.Option(None, "--shared", help="The shared data folder (default $RASAD_SHARED or ../shared)."),
) -> None:
    """Compute evidence start/end offsets from each quote (verifying the quote is in the text)."""
    console = Console()
    bad = 0
    for path in gold:
        n, problems = anchor_file(path, (shared or default_shared_dir()).resolve())
        console.print(f"{path}: {n} quotes anchored")
        for p in problems:
            console.print(f"  {p}", markup=False, style="red")
        bad += len(problems)
    if bad:
        raise typer.Exit(1)
