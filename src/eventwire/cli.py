"""The ``eventwire`` command: a thin layer over library functions.

Commands live in small modules and are registered here, so that each area
(extraction, evaluation, serving…) owns its own command code.
"""

from __future__ import annotations

import gc

import typer

app = typer.Typer(
    name="eventwire",
    help="News articles in, a database of sourced events out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
