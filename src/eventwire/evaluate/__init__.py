"""Evaluation on public gold data: dataset readers, scorers, and the mapping of eventwire's
output onto each dataset's scheme (README.md in this directory describes them).

    >>> from eventwire.evaluate import run_dataset
    >>> report = run_dataset("muc4", Path("../shared/data/muc4"), split="dev", limit=3)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.evaluate.report import Report
    from eventwire.pipeline import Extractor

__all__ = ["DATASETS", "run_dataset"]

DATASETS = (
    "muc4",
    "geo-lgl",
    "geo-gwn",
    "polnear",
    "polnear-events",
    "plover",
    "wikievents",
    "incidents",
    "case2021",
)


def run_dataset(
    dataset: str,
    data: Path,
    split: str = "dev",
    limit: int | None = None,
    extractor: Extractor | None = None,
) -> Report:
    """Read the dataset, run the pipeline on it, map and score; raises InputError on bad data."""
    from eventwire.errors import InputError

    if dataset not in DATASETS:
        raise InputError(dataset, f"unknown dataset; choose one of {', '.join(DATASETS)}")
    # the pipeline (default_extractor when None) loads only once the data has been read
    if dataset == "muc4":
        from eventwire.evaluate import muc4

        return muc4.run(data, split, limit, extractor)
    if dataset in ("geo-lgl", "geo-gwn"):
        from eventwire.evaluate import geo

        return geo.run(dataset, data, split, limit, extractor)
    if dataset == "polnear":
        from eventwire.evaluate import polnear

        return polnear.run(data, split, limit, extractor)
    if dataset == "polnear-events":
        from eventwire.evaluate import polnear_events

        return polnear_events.run(data, split, limit, extractor)
    if dataset == "wikievents":
        from eventwire.evaluate import wikievents

        return wikievents.run(data, split, limit, extractor)
    if dataset == "case2021":
        from eventwire.evaluate import case2021

        return case2021.run(data, split, limit, extractor)
    if dataset == "incidents":
        from eventwire.evaluate import incidents

        return incidents.run(data, limit, extractor)
    from eventwire.evaluate import plover

    return plover.run(data, split, limit, extractor)
