"""Command-line interface: thin commands over the library.

Each area keeps its commands in its own module and registers them here, so this file stays a table
of contents.  Every command that reads or writes the store takes ``--db`` (default: ``rasad.db`` in the
current folder, or the RASAD_DB environment variable).
"""

from __future__ import annotations

import os

import typer

app = typer.Typer(
    name="rasad",
    help="Rasad: conflict events from Arabic, Persian and English news, merged across sources, "
    "with who-claims-what and where the sources disagree.",
    no_args_is_help=True,
    add_completion=False,
)

DEFAULT_DB = os.environ.get("RASAD_DB", "rasad.db")
DbOption = typer.Option(DEFAULT_DB, "--db", help="Store: a SQLite file path or postgresql://... URL.")

from rasad.evaluation.commands import eval_command, gold_anchor_command  # noqa: E402

app.command("eval")(eval_command)
app.command("gold-anchor")(gold_anchor_command)


def _register() -> None:
    from rasad.ingest import commands as foundation

    for fn in (foundation.analyze, foundation.docs, foundation.show_doc, foundation.langid):
        app.command(name=fn.__name__.replace("_", "-"))(fn)


_register()

from rasad.web.commands import serve  # noqa: E402

app.command("serve")(serve)

from rasad.lang.commands import lang_check  # noqa: E402

app.command("lang-check")(lang_check)

from rasad.merge import commands as merge_cmds  # noqa: E402
from rasad.outputs import commands as output_cmds  # noqa: E402

for _fn in (merge_cmds.merge, merge_cmds.stories, merge_cmds.event, output_cmds.report, output_cmds.export):
    app.command(_fn.__name__)(_fn)

from rasad.extract.claims_commands import claims as claims_command  # noqa: E402
from rasad.places.commands import gazetteer_app  # noqa: E402

app.command("claims")(claims_command)

from rasad.extract.commands import events as events_command  # noqa: E402

app.command("events")(events_command)

app.add_typer(gazetteer_app, name="gazetteer")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
