"""Casualty figures across reports: a timeline per source and the reconciled range.

Tolls of an attack rise for days as the wounded die and bodies are found ("at least 73"
on day one, "84" on day two); an early figure is stale, not a disagreement, and an average
of stale and fresh figures is wrong.  The rule:

1. Each report gives a lower bound (``min``; ``max`` when it is the only, exact figure;
   none for "nearly 100") and an upper bound (``max``, else ``min`` for "at least 84").
2. A report is **not credible** when its upper bound is more than ``OUTLIER_FACTOR``
   times the median upper bound of all reports and no other source gives a figure within
   ``CORROBORATION`` of it (one outlet's typo or a claimant's boast is not the toll).
3. ``min`` (the reconciled low) is the highest lower bound among the credible reports of
   the **latest** publication day that give one (else of any day): what the freshest
   reports say.
4. ``max`` (the reconciled high) is the highest upper bound of any credible report (never
   below ``min``): the highest credible figure ever reported, however old.
5. A report published before the latest day whose upper bound is below ``min`` is marked
   ``superseded`` (the toll has risen since).

Reports without a publication date count as published on the latest day.  When an
article gives one incident several figures of a kind, the largest counts.
"""

from __future__ import annotations

import statistics

from eventwire.incidents.model import CasualtyFigures, CasualtyKind, CasualtyReport

OUTLIER_FACTOR = 2.5
CORROBORATION = 0.1
RULE = (
    "min: highest lower bound of the latest day's credible reports; max: highest credible "
    "figure ever reported; a figure over 2.5× the median and uncorroborated is not credible; "
    "earlier figures below min are superseded"
)


def lower(report: CasualtyReport) -> int | None:
    """The figure's lower bound; None for "nearly 100" (an approximate maximum only)."""
    if report.min is not None:
        return report.min
    return None if report.approximate else report.max


def upper(report: CasualtyReport) -> int:
    return report.max if report.max is not None else report.min  # type: ignore[return-value]


def _one_per_article(reports: list[CasualtyReport]) -> list[CasualtyReport]:
    best: dict[str, CasualtyReport] = {}
    for report in reports:
        kept = best.get(report.article_id)
        if kept is None or (upper(report), lower(report) or 0) > (upper(kept), lower(kept) or 0):
            best[report.article_id] = report
    return list(best.values())


def reconcile_figures(kind: CasualtyKind, reports: list[CasualtyReport]) -> CasualtyFigures | None:
    """The timeline and reconciled range of one kind of figure (None without figures)."""
    reports = [r for r in _one_per_article(reports) if r.min is not None or r.max is not None]
    if not reports:
        return None
    uppers = [upper(r) for r in reports]
    median = statistics.median(uppers)
    timeline = []
    for report in reports:
        high = upper(report)
        alone = not any(
            other is not report and abs(upper(other) - high) <= CORROBORATION * high
            for other in reports
        )
        credible = not (median > 0 and high > OUTLIER_FACTOR * median and alone)
        timeline.append(report.model_copy(update={"credible": credible, "superseded": False}))
    credible = [r for r in timeline if r.credible] or timeline
    dated = [r.published for r in credible if r.published is not None]
    latest_day = max(dated) if dated else None
    latest = [r for r in credible if r.published is None or r.published == latest_day]
    lows = [lower(r) for r in latest if lower(r) is not None] or [
        lower(r) for r in credible if lower(r) is not None
    ]
    low = max(lows) if lows else None  # type: ignore[type-var]
    high = max(upper(r) for r in credible)
    if low is not None:
        high = max(high, low)
    for i, report in enumerate(timeline):
        stale = (
            latest_day is not None
            and report.published is not None
            and report.published < latest_day
            and low is not None
            and upper(report) < low
        )
        if stale:
            timeline[i] = report.model_copy(update={"superseded": True})
    timeline.sort(key=lambda r: (r.published is None, r.published, r.outlet or "", r.article_id))
    return CasualtyFigures(kind=kind, timeline=timeline, min=low, max=high, rule=RULE)
