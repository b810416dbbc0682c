"""``eventwire serve``: the REST API and the web page over a store (uvicorn)."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console


def serve(
    db: Annotated[
        str | None,
        typer.Option(metavar="PATH", help="The store (default: $EVENTWIRE_DB or ./eventwire.db)."),
    ] = None,
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    host: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0: every interface).")
    ] = "127.0.0.1",
    config: Annotated[
        str | None,
        typer.Option(
            metavar="FILE.toml",
            help="Settings file with an \\[api] table (default: $EVENTWIRE_CONFIG).",
        ),
    ] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn's log level.")] = "info",
) -> None:
    """Serve the REST API and the web page (map, timeline, incidents) over a store.

    Writes (POST /articles) need a token: set EVENTWIRE_API_TOKEN before starting.
    Settings and endpoints: src/eventwire/api/README.md.
    """
    import uvicorn

    from eventwire.api import Settings, create_app
    from eventwire.commands.extract import DEFAULT_DB, missing_store
    from eventwire.errors import EventwireError
    from eventwire.store import open_store

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        settings = Settings.load(config, db=db)
        location = settings.db or os.environ.get("EVENTWIRE_DB") or DEFAULT_DB
        missing = missing_store(location)
        if missing and not settings.writes_enabled:  # nothing to read, nothing may write
            err.print(f"error: {missing}", markup=False)
            raise typer.Exit(1)
        store = open_store(location)
    except EventwireError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1) from None
    app = create_app(settings, store)
    counts = store.counts()
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    err.print(
        f"eventwire: serving {store.location} ({counts['articles']} articles) at "
        f"http://{shown}:{port}/ ; writes "
        + ("enabled (token set)" if settings.writes_enabled else "disabled (no token set)"),
        markup=False,
    )
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
    finally:
        store.close()
