"""Rendering ArticleReports for people (``--format table``) with rich.

One block per article: a header (title, outlet, date, id), then a table per kind of
finding — actors, places, dates, events with their counts, statements — and warnings.
Empty kinds are listed on one line so that what was *not* found is visible too.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from eventwire.model import Arg, ArticleReport, Count, Span

SNIPPET = 90  # characters of evidence shown


def snippet(span: Span | None, width: int = SNIPPET) -> str:
    """The evidence text on one line, shortened in the middle when long."""
    if span is None:
        return ""
    text = " ".join(span.text.split())
    if len(text) <= width:
        return text
    half = (width - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


def count_text(count: Count | None) -> str:
    """ "12", "≥73", "~100", "10–15" for a Count."""
    if count is None:
        return ""
    if count.min is not None and count.max is not None and count.min != count.max:
        value = f"{count.min}–{count.max}"
    elif count.min is not None and count.max is None:
        value = f"≥{count.min}"
    elif count.max is not None and count.min is None:
        value = f"≤{count.max}"
    else:
        value = str(count.min if count.min is not None else "?")
    return f"~{value}" if count.approximate else value


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


class _Names:
    """Names of the actors and places of one report, for arguments."""

    def __init__(self, report: ArticleReport) -> None:
        self.report = report

    def arg(self, arg: Arg) -> str:
        actor = self.report.actor(arg.actor_id)
        if actor is not None:
            return actor.name
        place = self.report.place(arg.place_id)
        if place is not None:
            return place.name
        return snippet(arg.span, 40)

    def args(self, args: list[Arg]) -> str:
        return ", ".join(dict.fromkeys(self.arg(a) for a in args))


def render_report(report: ArticleReport) -> RenderableType:
    """A rich renderable of one report."""
    article = report.article
    names = _Names(report)
    header = Text()
    first_line = " ".join(article.text.split("\n", 1)[0].split())
    if len(first_line) > 80:
        first_line = first_line[:79] + "…"
    header.append(article.title or first_line, style="bold")
    meta = [
        article.outlet or "unknown outlet",
        str(article.published or "undated"),
        f"id {article.id}",
        f"{len(article.text.split())} words",
    ]
    header.append("\n" + " · ".join(meta), style="dim")
    parts: list[RenderableType] = [header]
    empty: list[str] = []

    if report.actors:
        table = _table("Actors", "name", "kind", "country", "mentions", "first mention")
        for actor in report.actors:
            name = actor.name + (f" ({actor.role})" if actor.role else "")
            affiliation = report.actor(actor.affiliation)
            if affiliation is not None:
                name += f", {affiliation.name}"
            table.add_row(
                name,
                actor.kind.value,
                actor.country or "",
                str(len(actor.mentions)),
                snippet(actor.mentions[0] if actor.mentions else None, 40),
            )
        parts.append(table)
    else:
        empty.append("actors")

    if report.places:
        table = _table(
            "Places", "name", "country", "admin1", "kind", "GeoNames", "conf.", "mentions"
        )
        for place in report.places:
            table.add_row(
                place.name,
                place.country or "",
                place.admin1 or "",
                place.feature.value,
                str(place.geonames_id or ""),
                f"{place.confidence:.2f}",
                str(len(place.mentions)),
            )
        parts.append(table)
    else:
        empty.append("places")

    if report.dates:
        table = _table("Dates", "words", "value", "granularity", "relative")
        for when in report.dates:
            table.add_row(
                snippet(when.span, 40),
                when.value,
                when.granularity.value,
                "yes" if when.relative else "",
            )
        parts.append(table)
    else:
        empty.append("dates")

    if report.events:
        table = _table(
            "Events",
            "type",
            "ACLED class",
            "modality",
            "who → whom",
            "where",
            "when",
            "casualties",
            "evidence",
        )
        for event in report.events:
            kind = event.type.value + (f" ({', '.join(event.mode)})" if event.mode else "")
            when = report.date(event.date)
            who = names.args(event.actors) or "?"
            whom = names.args(event.targets + event.victims)
            casualties = ", ".join(
                f"{count_text(count)} {label}"
                for count, label in ((event.killed, "killed"), (event.injured, "injured"))
                if count is not None
            )
            table.add_row(
                kind,
                event.acled_sub_event_type or "",
                event.modality.value,
                f"{who} → {whom}" if whom else who,
                names.args(event.place),
                when.value if when else "",
                casualties,
                snippet(event.sentence),
            )
        parts.append(table)
    else:
        empty.append("events")

    if report.statements:
        table = _table("Statements", "speaker", "stance", "content")
        for statement in report.statements:
            speaker = names.arg(statement.speaker) if statement.speaker else "?"
            stance = ", ".join(s.value for s in statement.stances) or statement.stance.value
            table.add_row(speaker, stance, snippet(statement.content or statement.sentence))
        parts.append(table)
    else:
        empty.append("statements")

    if empty:
        parts.append(Text(f"none found: {', '.join(empty)}", style="dim"))
    for warning in report.warnings:
        parts.append(Text(f"warning: {warning}", style="yellow"))
    return Panel(Group(*parts), expand=True)
