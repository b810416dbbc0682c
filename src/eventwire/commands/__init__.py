"""CLI commands, one module per area; ``register`` attaches them to the Typer app."""

from __future__ import annotations

import importlib

import typer

# module name → functions in it that become commands (command name = function name)
COMMANDS: dict[str, list[str]] = {
    "eventwire.commands.extract": ["extract", "info"],
    "eventwire.commands.bench": ["bench"],
    "eventwire.commands.ingest": ["ingest", "incidents"],
    "eventwire.evaluate.command": ["evaluate"],
    "eventwire.train.command": ["train"],
    "eventwire.commands.serve": ["serve"],
}


def register(app: typer.Typer) -> None:
    for module_name, names in COMMANDS.items():
        module = importlib.import_module(module_name)
        for name in names:
            app.command(name=name)(getattr(module, name))
