"""Incidents as readable tables for the terminal (``eventwire incidents``, ``make demo``)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from eventwire.incidents.model import IncidentSummary


def _range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return ""
    if low == high or high is None:
        return str(low)
    if low is None:
        return f"≤{high}"
    return f"{low}–{high}"


def render_incidents(items: Sequence[IncidentSummary], total: int) -> Table:
    """One row per incident: id, label, dates, killed, injured, articles, actors."""
    table = Table(
        title=f"incidents: {len(items)} of {total}", title_justify="left", show_lines=False
    )
    for column in ("id", "incident", "dates", "killed", "injured", "articles", "actors"):
        table.add_column(column, justify="right" if column in ("id", "articles") else "left")
    for item in items:
        dates = ""
        if item.start is not None:
            dates = item.start.isoformat()
            if item.end is not None and item.end != item.start:
                dates += f" … {item.end.isoformat()}"
        table.add_row(
            str(item.id),
            item.label,
            dates,
            _range(item.killed_min, item.killed_max),
            _range(item.injured_min, item.injured_max),
            str(item.article_count),
            ", ".join(item.actors[:3]),
        )
    return table
