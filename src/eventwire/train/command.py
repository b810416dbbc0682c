"""``eventwire train NAME``: rebuild a trained component from public gold data."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated

import typer

from eventwire.train import TRAINERS

DEFAULT_DATA = {
    "attribution": Path("../shared/data/polnear"),
    "geo": Path("../shared/data/geo"),
    "roles": Path("../shared/data/muc4"),
    "muc4-scope": Path("../shared/data/muc4"),
}


def train(
    name: Annotated[
        str,
        typer.Argument(metavar="NAME", help=f"One of: {', '.join(TRAINERS)}.", show_default=False),
    ],
    data: Annotated[
        Path | None,
        typer.Option("--data", metavar="PATH", help="The gold data (default: under ../shared)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", metavar="DIR", help="Directory to write into (default: in the package)."
        ),
    ] = None,
) -> None:
    """Train NAME (e.g. attribution: the cue table from PolNeAR train) and print dev scores."""
    if name not in TRAINERS:
        typer.echo(f"eventwire train: unknown {name!r}; one of: {', '.join(TRAINERS)}", err=True)
        raise typer.Exit(2)
    data = data or DEFAULT_DATA.get(name)
    if data is None or not data.is_dir():
        typer.echo(f"eventwire train {name}: no gold data at {data} (give --data PATH)", err=True)
        raise typer.Exit(2)
    module = importlib.import_module(TRAINERS[name])
    typer.echo(module.main(data, out))
