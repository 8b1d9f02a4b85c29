"""Foundation commands: ``rasad analyze``, ``rasad docs``, ``rasad show-doc``, ``rasad langid``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from rasad.cli import DbOption

_err = Console(stderr=True, highlight=False)
_out = Console(highlight=False)


def analyze(
    paths: list[Path] = typer.Argument(..., help="Files and folders (recursively): .txt, .html, .xml/.rss, "
                                                   ".jsonl/.json, .csv/.tsv"),
    db: str = DbOption,
    outlet: str | None = typer.Option(None, "--outlet", help="Outlet name for every document (overrides files)."),
    published: str | None = typer.Option(None, "--published", help="Publication date/datetime, e.g. 2013-07-29."),
    lang: str | None = typer.Option(None, "--lang", help="Language code for every document (skips detection)."),
    stages: str | None = typer.Option(None, "--stages", help="Comma-separated stage names to run (default: all)."),
    until: str | None = typer.Option(None, "--until", help="Run the stages up to and including this one."),
    engine: str = typer.Option("local", "--engine", help="local (this process) or dask (see `rasad analyze --help`)."),
    no_merge: bool = typer.Option(False, "--no-merge", help="Skip the corpus-level merge after the document stages."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://HOST:8786 "
                                         "(--engine dask; default: a local cluster)."),
    workers: int = typer.Option(2, "--workers", help="Worker processes of the local Dask cluster (--engine dask)."),
) -> None:
    """Ingest files and folders, run every document stage, store the results, then merge across sources.

    Documents already in the store (same content) are skipped, so a re-run after an interruption resumes.
    Exits with status 1 when any file or entry was rejected (each is reported with its reason)."""
    from rasad.analyze import analyze_paths
    from rasad.ingest import Overrides
    from rasad.ingest.dates import parse_published
    from rasad.pipeline import build_pipeline
    from rasad.store.base import open_store

    if published and parse_published(published)[0] is None:
        raise typer.BadParameter(f"cannot read {published!r} as a date", param_hint="--published")
    try:
        pipeline = build_pipeline(only=[s.strip() for s in stages.split(",") if s.strip()] if stages else None,
                                  until=until)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--stages/--until") from exc
    overrides = Overrides(outlet=outlet, published=published, lang=lang)
    if engine != "local":
        _run_other_engine(engine, paths, db, overrides, pipeline, not no_merge, scheduler=scheduler, workers=workers)
        return
    with open_store(db) as store:
        if next(iter(store.iter_places()), None) is not None:  # analyze_paths reads places with them
            _err.print("places: the built-in gazetteer plus the entries imported into the store")
        result = analyze_paths(
            paths, store, overrides, pipeline, progress=sys.stderr.isatty(), merge=not no_merge,
            on_rejection=lambda r: _err.print(f"[red]rejected[/red] {r.source}: {r.reason}"),
        )
    _err.print(result.summary())
    if not result.ok:
        raise typer.Exit(1)


def _run_other_engine(engine: str, paths: list[Path], db: str, overrides: object, pipeline: object,
                      merge: bool, **options: object) -> None:
    """Hand over to another execution engine (``rasad.engine.<engine>_engine:run_cli``) when it is installed."""
    import importlib

    try:
        module = importlib.import_module(f"rasad.engine.{engine}_engine")
    except ModuleNotFoundError as exc:
        if exc.name != f"rasad.engine.{engine}_engine":  # the engine exists, a library it needs does not
            raise typer.BadParameter(f"engine {engine!r} needs {exc.name}: pip install 'rasad[{engine}]'",
                                     param_hint="--engine") from exc
        raise typer.BadParameter(f"unknown engine {engine!r} (local, dask)", param_hint="--engine") from exc
    module.run_cli(paths=paths, db=db, overrides=overrides, pipeline=pipeline, merge=merge, **options)


def docs(
    db: str = DbOption,
    limit: int = typer.Option(50, "--limit", "-n", help="How many documents to list (0: all)."),
    offset: int = typer.Option(0, "--offset", help="Skip this many."),
) -> None:
    """List stored documents: id, outlet, language, published, title."""
    from rasad.store.base import open_store

    with open_store(db) as store:
        rows = store.list_documents(limit=limit or None, offset=offset)
        total = store.count_documents()
    print(f"{'id':<12}  {'outlet':<18}  {'lang':<4}  {'published':<16}  title")
    for row in rows:
        published = str(row.get("published") or "-")[:16].replace("T", " ")
        title = row.get("title") or Path(str(row.get("source_path") or "")).name
        outlet_name = (row.get("outlet") or "-")[:18]
        print(f"{str(row['id'])[:12]:<12}  {outlet_name:<18}  {row.get('lang') or 'und':<4}  {published:<16}  "
              f"{' '.join(str(title).split())[:100]}")
    _err.print(f"{len(rows)} of {total} documents")


def show_doc(
    doc_id: str = typer.Argument(..., help="Document id or a unique prefix of it."),
    db: str = DbOption,
    text: bool = typer.Option(False, "--text", help="Print the full text as well."),
) -> None:
    """Show one document: metadata, sentences, mentions and events."""
    from rasad.store.base import open_store

    with open_store(db) as store:
        matches = store.find_document_ids(doc_id)
        if not matches:
            _err.print(f"[red]no document with id starting {doc_id!r}[/red]")
            raise typer.Exit(1)
        if len(matches) > 1:
            _err.print(f"[red]ambiguous id {doc_id!r}: {', '.join(m[:12] for m in matches[:8])}[/red]")
            raise typer.Exit(1)
        doc = store.get_document(matches[0])
    assert doc is not None
    print(f"{'id':<14}{doc.id}")
    for name in ("title", "outlet", "url", "source_path", "source_format", "encoding"):
        print(f"{name:<14}{getattr(doc, name) or '-'}")
    print(f"published     {doc.published.isoformat() if doc.published else '-'} ({doc.published_precision})")
    conf = f" ({doc.lang_confidence:.2f})" if doc.lang_confidence is not None else ""
    print(f"lang          {doc.lang}{conf}; paragraphs: "
          + (", ".join(sorted({p.lang for p in doc.paragraphs})) or "-"))
    print(f"stages        {', '.join(doc.stages_done) or '-'}")
    print(f"length        {len(doc.text)} characters, {len(doc.sentences)} sentences, "
          f"{len(doc.mentions)} mentions, {len(doc.events)} events, {len(doc.claims)} claims")
    if text:
        print("\n" + doc.text)
    print("\nsentences")
    for s in doc.sentences:
        snippet = " ".join(doc.text[s.start:s.end].split())
        print(f"  [{s.index}] {s.start}-{s.end} {s.lang}: {snippet[:160]}")
    if doc.mentions:
        print("\nmentions")
        for m in sorted(doc.mentions, key=lambda m: (m.start, m.end)):
            cid = f" -> {m.canonical_id}" if m.canonical_id else ""
            print(f"  {m.start}-{m.end} {m.kind:<14} {m.text}{cid}")
    if doc.events:
        print("\nevents")
        for e in doc.events:
            where = e.location.name if e.location else "-"
            when = e.date.start.isoformat() if e.date and e.date.start else "-"
            fatalities = e.fatalities.acled if e.fatalities else "-"
            actors = " / ".join(a.name for a in (e.actor1, e.actor2) if a) or "-"
            print(f"  {e.id}  {e.sub_event_type} | {where} | {when} | actors: {actors} | "
                  f"fatalities: {fatalities} | {e.polarity}")
            print(f"      \"{' '.join(e.sentence.text.split())[:200]}\"")


def langid() -> None:
    """Read lines on standard input; print one language code per line (ar fa ur ps ckb en tr he fr de ru und)."""
    from rasad.text.langid import langid_command

    langid_command()
