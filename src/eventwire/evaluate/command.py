"""``eventwire evaluate DATASET --data PATH``: scores on public gold data."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Annotated

import typer

from eventwire.evaluate import DATASETS

# what the dataset readers raise on a malformed file they have no better message for
MALFORMED = (
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    UnicodeDecodeError,
    SyntaxError,
    csv.Error,
)


def evaluate(
    dataset: Annotated[
        str,
        typer.Argument(
            metavar="DATASET",
            help=f"One of: {', '.join(DATASETS)}; or all: the accuracy gate (every dataset of"
            " the floors file against its floors).",
            show_default=False,
        ),
    ],
    data: Annotated[
        Path,
        typer.Option(
            "--data",
            metavar="PATH",
            help="The dataset's directory (e.g. ../shared/data/muc4) or file (lgl.xml); for"
            " all: the folder holding every dataset (../shared/data).",
            show_default=False,
        ),
    ],
    split: Annotated[
        str,
        typer.Option(
            help="muc4: dev or train; polnear: dev or train; wikievents, case2021: dev;"
            " geo-*, plover: all."
        ),
    ] = "dev",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="FILE.json",
            help="Write the JSON report (with errors); for all: the folder of every report"
            " [default: reports/quality].",
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Only the first N documents (a smoke run).")
    ] = None,
    floors: Annotated[
        Path,
        typer.Option("--floors", metavar="FILE.yaml", help="all: the floors file."),
    ] = Path("quality/floors.yaml"),
    update: Annotated[
        bool, typer.Option("--update", help="all: raise floors to the measured figures.")
    ] = False,
    allow_regression: Annotated[
        str | None,
        typer.Option(
            "--allow-regression",
            metavar="REASON",
            help="all: lower the floors of figures that fell, recording REASON beside them.",
        ),
    ] = None,
    readme: Annotated[
        Path | None,
        typer.Option(
            "--readme",
            metavar="README.md",
            help="all: rewrite the accuracy table between the file's gate markers.",
        ),
    ] = None,
    jobs: Annotated[int, typer.Option(min=1, max=16, help="all: datasets evaluated at once.")] = 2,
) -> None:
    """Run the pipeline on a gold dataset and print per-field P/R/F1 beside published figures."""
    from rich.console import Console

    from eventwire.errors import EventwireError
    from eventwire.evaluate import run_dataset
    from eventwire.evaluate.report import print_report

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if dataset == "all":
        from eventwire.evaluate.gate import run_gate

        code = run_gate(
            data, floors, out or Path("reports/quality"), update, allow_regression, readme, jobs
        )
        raise typer.Exit(code)
    if dataset not in DATASETS:
        err.print(
            f"error: {dataset}: unknown dataset; choose one of {', '.join(DATASETS)}", markup=False
        )
        raise typer.Exit(2)
    if not data.exists():
        err.print(f"error: {data}: no such file or directory", markup=False)
        raise typer.Exit(2)
    try:
        report = run_dataset(dataset, data, split=split, limit=limit)
    except EventwireError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1) from None
    except MALFORMED as exc:  # a reader met what its format does not allow: one line
        err.print(
            f"error: {data}: cannot read it as {dataset} data ({type(exc).__name__}: "
            f"{str(exc)[:200]})",
            markup=False,
        )
        raise typer.Exit(1) from None
    print_report(report)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report.to_json(), indent=1, ensure_ascii=False) + "\n", "utf-8")
        err.print(f"report written to {out}", markup=False)
