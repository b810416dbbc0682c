"""The evaluation report: score tables, published figures, errors, speed; JSON and rich.

A ``Report`` is what every dataset's ``run`` returns.  ``to_json()`` is the file written
by ``--out`` (format below); ``print_report`` shows the tables on a terminal.

JSON layout::

    {"dataset": "muc4", "split": "dev", "data": "...", "documents": 200,
     "eventwire": "eventwire 0.1.0 / spaCy ...", "date": "...",
     "commit": "abc1234" (or "abc1234+dirty": the package's sources differ from it),
     "speed": {"documents": 200, "words": 61234, "seconds": 12.3,
               "docs_per_s": 16.2, "words_per_s": 4978.0},
     "tables": {"CEAF-REE (GRIT)": {"PerpInd": {"p": .., "r": .., "f1": .., "p_num": ..,
                "published": "..."}, ...}, ...},
     "errors": {"CEAF-REE (GRIT)": [{"doc": "TST1-MUC3-0001", "field": "PerpOrg",
                "kind": "missed", "gold": "fmln"}, ...], ...},
     "failures": [{"doc": "...", "error": "..."}],
     "notes": ["..."]}
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.evaluate.metrics import PRF


@dataclass
class Speed:
    """Throughput of the pipeline run of one evaluation."""

    documents: int = 0
    words: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, float]:
        s = self.seconds or 1e-9
        return {
            "documents": self.documents,
            "words": self.words,
            "seconds": round(self.seconds, 3),
            "docs_per_s": round(self.documents / s, 2),
            "words_per_s": round(self.words / s, 1),
        }


@dataclass
class Row:
    """One line of a table: a P/R/F1 score or named values, with the published figure."""

    name: str
    values: dict[str, float]
    published: str | None = None

    @classmethod
    def prf(cls, name: str, score: PRF, published: str | None = None) -> Row:
        return cls(name, score.as_dict(), published)


@dataclass
class Table:
    title: str
    rows: list[Row] = field(default_factory=list)
    note: str | None = None
    columns: list[str] | None = None  # counts to show, in order (a confusion table)

    def add(self, row: Row) -> None:
        self.rows.append(row)


@dataclass
class Report:
    dataset: str
    split: str
    data: str
    documents: int = 0
    pipeline: str = ""
    speed: Speed = field(default_factory=Speed)
    tables: list[Table] = field(default_factory=list)
    errors: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def table(self, title: str, note: str | None = None) -> Table:
        t = Table(title, note=note)
        self.tables.append(t)
        return t

    def error(self, table: str, doc: str, field_: str, kind: str, **details: Any) -> None:
        entry = {"doc": doc, "field": field_, "kind": kind}
        entry.update({k: v for k, v in details.items() if v is not None})
        self.errors.setdefault(table, []).append(entry)

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "split": self.split,
            "data": self.data,
            "documents": self.documents,
            "eventwire": self.pipeline,
            "commit": _commit(),
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "speed": self.speed.as_dict(),
            "tables": {
                t.title: {
                    r.name: {
                        **_rounded(r.values),
                        **({"published": r.published} if r.published else {}),
                    }
                    for r in t.rows
                }
                for t in self.tables
            },
            "errors": self.errors,
            "failures": self.failures,
            "notes": self.notes,
        }


def _rounded(values: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in values.items()}


def _commit() -> str | None:
    """Short commit of the eventwire checkout, when it is one; "+dirty" when the package's
    sources differ from it."""
    here = Path(__file__).resolve().parent

    def git(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", *args], cwd=here, capture_output=True, text=True, timeout=5, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return None
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", str(here.parent))
    return f"{commit}+dirty" if dirty else commit


# --------------------------------------------------------------------------------------
# printing

_PERCENT = {"p", "r", "f1", "accuracy", "share", "acc_161", "auc", "exact"}
_ORDER = [
    "p",
    "r",
    "f1",
    "accuracy",
    "share",
    "exact",
    "acc_161",
    "mean_km",
    "median_km",
    "auc",
    "n",
]
_LABELS = {
    "p": "P",
    "r": "R",
    "f1": "F1",
    "acc_161": "acc@161km",
    "mean_km": "mean km",
    "median_km": "median km",
    "auc": "AUC",
    "n": "n",
    "accuracy": "accuracy",
    "share": "%",
    "exact": "exact id",
}


def _columns(table: Table) -> list[str]:
    if table.columns is not None:
        return table.columns
    present = {k for r in table.rows for k in r.values}
    cols = [c for c in _ORDER if c in present]
    if "p" in present:
        cols += ["gold", "pred"]
    return cols


def _cell(row: Row, col: str) -> str:
    v = row.values
    if col == "gold":
        return f"{v['r_den']:g}" if "r_den" in v else ""
    if col == "pred":
        return f"{v['p_den']:g}" if "p_den" in v else ""
    if col not in v:
        return ""
    if col in _PERCENT:
        return f"{100 * v[col]:.2f}"
    if col == "n" or col not in _LABELS:
        return f"{v[col]:g}"
    return f"{v[col]:.1f}"


def print_report(report: Report, console: Any = None) -> None:
    """The tables, the error summary and the speed, on a rich console."""
    from rich.console import Console
    from rich.table import Table as RichTable

    console = console or Console()
    console.print(
        f"[bold]eventwire evaluate {report.dataset}[/bold] — split {report.split}, "
        f"{report.documents} documents — {report.pipeline}"
    )
    for table in report.tables:
        cols = _columns(table)
        has_published = any(r.published for r in table.rows)
        rich_table = RichTable(title=table.title, title_justify="left", caption=table.note)
        rich_table.add_column("field")
        for c in cols:
            rich_table.add_column(_LABELS.get(c, c), justify="right")
        if has_published:
            rich_table.add_column("published", overflow="fold")
        for row in table.rows:
            cells = [row.name, *(_cell(row, c) for c in cols)]
            if has_published:
                cells.append(row.published or "")
            rich_table.add_row(*cells)
        console.print(rich_table)
    for title, items in report.errors.items():
        summary = RichTable(title=f"errors — {title}", title_justify="left")
        for name in ("field", "kind", "count", "example"):
            summary.add_column(name, justify="right" if name == "count" else "left")
        counts = Counter((e["field"], e["kind"]) for e in items)
        for (fld, kind), n in counts.most_common(8):
            example = next(e for e in items if e["field"] == fld and e["kind"] == kind)
            summary.add_row(fld, kind, str(n), _example(example))
        console.print(summary)
    if report.errors:
        console.print("every error item, with its document id, is in the JSON report (--out)")
    for failure in report.failures[:10]:
        console.print(f"[red]failed[/red] {failure['doc']}: {failure['error']}")
    for note in report.notes:
        console.print(f"note: {note}")
    s = report.speed.as_dict()
    console.print(
        f"speed: {s['documents']} documents, {s['words']} words in {s['seconds']:.1f} s — "
        f"{s['docs_per_s']:.2f} documents/s, {s['words_per_s']:.0f} words/s"
    )


def _example(error: dict[str, Any]) -> str:
    parts = [error["doc"]]
    for key in ("gold", "predicted", "text"):
        if key in error:
            parts.append(f"{key}: {str(error[key])[:80]}")
    return " | ".join(parts)
