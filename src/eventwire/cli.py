"""The ``eventwire`` command: a thin layer over library functions.

Commands live in small modules and are registered here, so that each area
(extraction, evaluation, serving…) owns its own command code.
"""

from __future__ import annotations

import gc
from typing import Annotated

import typer

from eventwire.commands import Group

app = typer.Typer(
    name="eventwire",
    cls=Group,
    help="News articles in, a database of sourced events out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from eventwire import __version__

        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """News articles in, a database of sourced events out."""
    from eventwire.knowledge.files import models_used

    try:
        models_used()
    except ValueError as exc:  # a typo would silently turn a model off
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def _register() -> None:
    """Attach the commands of each area (imports stay light: heavy work is lazy)."""
    from eventwire.commands import register

    register(app)


def main() -> None:
    """Entry point of the console script."""
    _register()
    try:
        app()
    finally:
        # What the command loaded (spaCy, lexicons, gazetteer caches) lives until the
        # process ends; frozen, it is not walked again by the interpreter's last garbage
        # collection, which otherwise adds half a second to every short command.
        gc.freeze()
