"""`rasad serve`: the HTTP API and web interface."""

from __future__ import annotations

import typer

from rasad.cli import DbOption


def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port."),
) -> None:
    """Serve the API (/api, OpenAPI at /openapi.json) and the web interface (map, timeline, event pages)."""
    import uvicorn

    from rasad.web.app import create_app

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
