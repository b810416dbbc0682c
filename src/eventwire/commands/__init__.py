"""CLI commands, one module per area; ``register`` attaches them to the Typer app.

Every command is built as a ``Command``, which gives all of them one help style: usage
lines in the usual notation (``eventwire ingest [OPTIONS] SOURCE...``, an optional
argument in brackets), value names in capitals, and no Python types (``<bool>``,
``<list[str]>``) in the help.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

# module name → functions in it that become commands (command name = function name), in
# the order of the flow, which is the order ``eventwire --help`` lists them in
COMMANDS: dict[str, list[str]] = {
    "eventwire.commands.extract": ["extract"],
    "eventwire.commands.ingest": ["ingest", "incidents"],
    "eventwire.commands.serve": ["serve"],
    "eventwire.evaluate.command": ["evaluate"],
    "eventwire.train.command": ["train"],
    "eventwire.commands.bench": ["bench"],
    "eventwire.commands.info": ["info"],
}


def _value_name(param: TyperArgument | TyperOption) -> str:
    """What an option's value or an argument is called in the help: its metavar, the
    choices ("json|table"), N for a number, else its name in capitals."""
    if param.metavar is not None:
        return param.metavar
    desc = param.type_descriptor
    if desc.is_choice and desc.choices:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices)
    if desc.annotation in (int, float) or desc.is_ranged:
        return "N"
    return (param.name or "value").upper()


class _Argument(TyperArgument):
    def display_type(self, ctx: Any) -> str:
        return ""  # the name column already names it

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = _value_name(self) if self.required else f"[{_value_name(self)}]"
        return name + ("..." if self.nargs != 1 else "")


class _Option(TyperOption):
    def display_type(self, ctx: Any) -> str:
        return "" if self.is_flag else _value_name(self)

    def display_type_rich(self, ctx: Any) -> str | None:
        return self.display_type(ctx) or None


def _styled(param: Any) -> Any:
    """The parameter, shown in the one help style (its class swapped for the subclass that
    only changes how the help names it)."""
    if type(param) is TyperArgument:
        if param.metavar is None:
            param.metavar = _value_name(param)
        param.__class__ = _Argument
    elif type(param) is TyperOption:
        param.__class__ = _Option
    return param


class Command(TyperCommand):
    """A command whose parameters show in the project's one help style."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            _styled(param)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        return _styled(option) if option is not None else None


class Group(TyperGroup):
    """The ``eventwire`` command itself, in the same style (``--version``, ``--help``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            _styled(param)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        return _styled(option) if option is not None else None


def register(app: typer.Typer) -> None:
    for module_name, names in COMMANDS.items():
        module = importlib.import_module(module_name)
        for name in names:
            app.command(name=name, cls=Command)(getattr(module, name))
