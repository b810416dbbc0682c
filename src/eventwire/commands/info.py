"""``eventwire info``: the version, spaCy pipeline, gazetteer and store of this installation."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from eventwire.commands.extract import DEFAULT_DB


def _gazetteer() -> dict[str, Any] | str:
    try:
        from eventwire.knowledge.gazetteer import gazetteer_info
    except ImportError:
        return "not available in this version"
    try:
        info = gazetteer_info()
    except Exception as exc:
        return f"unavailable ({type(exc).__name__}: {exc})"
    return info if isinstance(info, dict) else {"gazetteer": str(info)}


def _store_info(db: str | None) -> dict[str, Any] | str:
    from eventwire.store import ENV_DB, open_store

    db = db or os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" not in db and not Path(db).exists():
        return f"{db} does not exist yet (eventwire extract … --db {db} creates it)"
    try:
        with open_store(db) as store:
            return {"location": str(store.location), **dict(store.counts())}
    except Exception as exc:
        return f"{db}: cannot open ({exc})"


def info(
    db: Annotated[
        str | None,
        typer.Option(
            metavar="PATH", help="The store to describe (default: $EVENTWIRE_DB or ./eventwire.db)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Version, spaCy pipeline, gazetteer and store of this installation."""
    import platform

    from eventwire.text import nlp
    from eventwire.version import __version__

    facts: dict[str, Any] = {
        "eventwire": __version__,
        "python": platform.python_version(),
        "spacy_package": nlp.available(),
        "spacy_pipeline": nlp.describe(nlp.load()),
        "gazetteer": _gazetteer(),
        "store": _store_info(db),
    }
    if as_json:
        sys.stdout.write(json.dumps(facts, indent=2, default=str) + "\n")
        return
    out = Console(highlight=False)
    for key, value in facts.items():
        if isinstance(value, dict):
            out.print(f"[bold]{key}[/bold]")
            for sub, item in value.items():
                out.print(f"  {sub}: {item}", markup=False)
        else:
            out.print(f"[bold]{key}[/bold]: ", end="")
            out.print(str(value), markup=False)
