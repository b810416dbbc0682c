"""The accuracy gate: every headline figure of ``eventwire evaluate`` against a committed floor.

``eventwire evaluate all --data ../shared/data`` (``make quality``) runs each dataset named
in the floors file (``quality/floors.yaml``) in its own process, reads the JSON reports and
compares every figure listed there with its floor. A figure more than ``tolerance`` points
below its floor fails the gate, naming figure, floor and value. ``--update`` raises floors
to the measured values; lowering one needs ``--allow-regression REASON``, and the reason is
recorded beside the floor. ``--readme README.md`` rewrites the accuracy table between the
README's markers from the same run.

The floors file (YAML)::

    tolerance: 0.3                      # points a figure may fall below its floor
    datasets:                           # how each dataset is run, in this order
      muc4: {label: MUC-4 dev, data: muc4, split: dev}
      incidents: {label: …, data: tests/fixtures/incidents, root: repo}
    figures:                            # the headline figures, in README order
      - {dataset: muc4, table: "…", row: micro average, metric: f1,
         label: CEAF-REE role fillers micro F1, floor: 43.29}

``data`` is relative to ``--data`` (the shared data folder) unless ``root: repo`` (relative
to the current directory). A figure's value is ``100 ×`` the report's
``tables[table][row][metric]``; a figure missing from its report fails the gate.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import InputError

README_START = "<!-- accuracy-gate:start -->"
README_END = "<!-- accuracy-gate:end -->"

_HEADER = """\
# The accuracy gate's floors: `make quality` (eventwire evaluate all --data ../shared/data)
# runs every dataset below and fails when a figure falls more than `tolerance` points below
# its floor. Raise floors with `--update`; lowering one needs `--allow-regression REASON`,
# recorded under the figure's `lowered`. Format: src/eventwire/evaluate/README.md.
"""


@dataclass
class Figure:
    """One headline figure, its floor and the value measured in this run."""

    spec: dict[str, Any]
    value: float | None = None

    @property
    def name(self) -> str:
        s = self.spec
        return f"{s['dataset']}: {s.get('label') or s['row'] + ' ' + s['metric']}"

    @property
    def floor(self) -> float:
        return float(self.spec["floor"])


@dataclass
class Verdict:
    figure: Figure
    floor: float  # the floor the figure was judged against (before any move)
    status: str  # ok | raised | lowered | FAIL | missing
    message: str


def load_floors(path: Path) -> dict[str, Any]:
    """The floors file, checked for the fields the gate needs."""
    try:
        floors = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(str(path), f"cannot read the floors file ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "not YAML"
        raise InputError(str(path), f"malformed YAML{where} ({problem})") from None
    if not isinstance(floors, dict) or not isinstance(floors.get("figures"), list):
        raise InputError(str(path), "a floors file needs 'datasets' and a 'figures' list")
    datasets = floors.get("datasets") or {}
    for spec in floors["figures"]:
        missing = {"dataset", "table", "row", "metric", "floor"} - set(spec)
        if missing:
            raise InputError(str(path), f"figure {spec} lacks {', '.join(sorted(missing))}")
        if spec["dataset"] not in datasets:
            raise InputError(str(path), f"figure of unknown dataset {spec['dataset']!r}")
    return floors


def value_of(report: dict[str, Any], spec: dict[str, Any]) -> float | None:
    """The figure in points (100 × the report's fraction), or None when the report lacks it."""
    try:
        value = report["tables"][spec["table"]][spec["row"]][spec["metric"]]
    except (KeyError, TypeError):
        return None
    return round(100 * float(value), 2)


def judge(
    figures: list[Figure],
    tolerance: float,
    update: bool = False,
    allow_regression: str | None = None,
) -> list[Verdict]:
    """Compare each figure with its floor; with ``update`` / ``allow_regression`` move floors.

    Floors move in ``figure.spec`` (written back by ``save_floors``): up to the value with
    ``update``, down to it with ``allow_regression`` (the reason recorded in ``lowered``).
    """
    verdicts = []
    for fig in figures:
        floor = fig.floor
        if fig.value is None:
            verdicts.append(
                Verdict(fig, floor, "missing", f"{fig.name}: no such figure in the report")
            )
            continue
        delta = fig.value - floor
        if delta < -tolerance and allow_regression:
            fig.spec.setdefault("lowered", []).append(
                {
                    "from": floor,
                    "to": fig.value,
                    "date": dt.date.today().isoformat(),
                    "reason": allow_regression,
                }
            )
            fig.spec["floor"] = fig.value
            verdicts.append(
                Verdict(fig, floor, "lowered", f"{fig.name}: floor {floor} → {fig.value}")
            )
        elif delta < -tolerance:
            verdicts.append(
                Verdict(
                    fig,
                    floor,
                    "FAIL",
                    f"{fig.name}: {fig.value:.2f} is {-delta:.2f} below its floor {floor:.2f}"
                    f" (tolerance {tolerance})",
                )
            )
        elif delta > 0 and update:
            fig.spec["floor"] = fig.value
            verdicts.append(
                Verdict(fig, floor, "raised", f"{fig.name}: floor {floor} → {fig.value}")
            )
        else:
            verdicts.append(
                Verdict(fig, floor, "ok", f"{fig.name}: {fig.value:.2f} (floor {floor})")
            )
    return verdicts


def save_floors(path: Path, floors: dict[str, Any]) -> None:
    body = yaml.safe_dump(floors, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(_HEADER + body, encoding="utf-8")


def run_datasets(
    floors: dict[str, Any],
    data_root: Path,
    out_dir: Path,
    jobs: int = 2,
    log: Any = None,
) -> dict[str, dict[str, Any]]:
    """Run ``eventwire evaluate`` once per dataset (``jobs`` at a time); dataset → report.

    Each run's console output is kept beside its JSON report in ``out_dir``; a run that
    fails is missing from the result and its last line is logged.
    """
    out_dir.mkdir(parents=True, exist_ok=True)

    def run(name: str) -> tuple[str, dict[str, Any] | None]:
        how = floors["datasets"][name]
        base = Path.cwd() if how.get("root") == "repo" else data_root
        args = [sys.executable, "-m", "eventwire", "evaluate", name, "--data", base / how["data"]]
        if how.get("split"):
            args += ["--split", how["split"]]
        report_path = out_dir / f"{name}.json"
        report_path.unlink(missing_ok=True)
        env = {**os.environ, "COLUMNS": "120"}
        with (out_dir / f"{name}.txt").open("w", encoding="utf-8") as console:
            done = subprocess.run(
                [str(a) for a in [*args, "--out", report_path]],
                stdout=console,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
                check=False,
            )
        if done.returncode != 0 or not report_path.exists():
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            if log:
                log(f"evaluate {name} failed (exit {done.returncode}): {last}")
            return name, None
        if log:
            log(f"evaluated {name}")
        return name, json.loads(report_path.read_text(encoding="utf-8"))

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = dict(pool.map(run, list(floors["datasets"])))
    return {k: v for k, v in results.items() if v is not None}


def figures_of(floors: dict[str, Any], reports: dict[str, dict[str, Any]]) -> list[Figure]:
    return [
        Figure(
            spec, value_of(reports[spec["dataset"]], spec) if spec["dataset"] in reports else None
        )
        for spec in floors["figures"]
    ]


def readme_table(floors: dict[str, Any], figures: list[Figure], reports: dict[str, Any]) -> str:
    """The README's accuracy table: one row per headline figure, grouped by dataset."""
    lines = [
        "| dataset | measure | eventwire | floor | published | command |",
        "|---|---|---|---|---|---|",
    ]
    seen: set[str] = set()
    for fig in figures:
        s = fig.spec
        name = s["dataset"]
        how = floors["datasets"][name]
        first = name not in seen
        seen.add(name)
        report = reports.get(name, {})
        row = report.get("tables", {}).get(s["table"], {}).get(s["row"], {})
        published = s.get("published") or row.get("published") or ""
        command = ""
        if first:
            where = how["data"] if how.get("root") == "repo" else f"../shared/data/{how['data']}"
            split = f" --split {how['split']}" if how.get("split") else ""
            command = f"`eventwire evaluate {name} --data {where}{split}`"
        value = "—" if fig.value is None else f"{fig.value:.2f}"
        dataset = how.get("label", name) if first else ""
        label = s.get("label") or f"{s['row']} {s['metric']}"
        lines.append(
            f"| {dataset} | {label} | {value} | {fig.floor:.2f} | {published} | {command} |"
        )
    return "\n".join(lines)


def write_readme(path: Path, table: str, when: str) -> None:
    """Replace the text between the README's gate markers with ``table``."""
    text = path.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise InputError(str(path), f"no {README_START} … {README_END} markers")
    block = f"{README_START}\n{when}\n\n{table}\n{README_END}"
    path.write_text(text[:start] + block + text[end + len(README_END) :], encoding="utf-8")


def run_gate(
    data_root: Path,
    floors_path: Path,
    out_dir: Path,
    update: bool = False,
    allow_regression: str | None = None,
    readme: Path | None = None,
    jobs: int = 2,
) -> int:
    """The ``eventwire evaluate all`` command: run, judge, print; the exit status (0 passes)."""
    from rich.console import Console
    from rich.table import Table

    out = Console(highlight=False)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        floors = load_floors(floors_path)
        if not data_root.is_dir():
            raise InputError(str(data_root), "no such directory (the shared data folder)")
    except InputError as exc:
        err.print(f"error: {exc}", markup=False)
        return 2
    started = dt.datetime.now(dt.UTC)
    reports = run_datasets(floors, data_root, out_dir, jobs, log=lambda m: err.print(m))
    figures = figures_of(floors, reports)
    tolerance = float(floors.get("tolerance", 0.3))
    verdicts = judge(figures, tolerance, update, allow_regression)

    table = Table(title=f"accuracy gate ({floors_path}, tolerance {tolerance} points)")
    for column in ("figure", "value", "floor", "status"):
        table.add_column(column, justify="left" if column == "figure" else "right")
    for v in verdicts:
        value = "—" if v.figure.value is None else f"{v.figure.value:.2f}"
        style = {"FAIL": "bold red", "missing": "bold red", "raised": "green"}.get(v.status, "")
        table.add_row(
            v.figure.name, value, f"{v.floor:.2f}", f"[{style}]{v.status}[/]" if style else v.status
        )
    out.print(table)
    for name in floors["datasets"]:
        if name not in reports:
            err.print(f"failed: {name}: the evaluation did not run (see {out_dir}/{name}.txt)")
    failed = [v for v in verdicts if v.status in ("FAIL", "missing")]
    for v in failed:
        err.print(f"below floor: {v.message}", markup=False)
    if update or allow_regression:
        save_floors(floors_path, floors)
        moved = sum(v.status in ("raised", "lowered") for v in verdicts)
        err.print(f"{floors_path}: {moved} floor(s) moved", markup=False)
    if readme is not None:
        commits = {r.get("commit") for r in reports.values()} - {None}
        when = (
            f"Written by `make quality` on {started.date().isoformat()}"
            f" (commit {', '.join(sorted(commits)) or 'unknown'}); floors: `{floors_path}`."
        )
        try:
            write_readme(readme, readme_table(floors, figures, reports), when)
        except InputError as exc:
            err.print(f"error: {exc}", markup=False)
            return 2
    seconds = (dt.datetime.now(dt.UTC) - started).total_seconds()
    passed = not failed and len(reports) == len(floors["datasets"])
    err.print(
        f"accuracy gate {'passed' if passed else 'FAILED'}: {len(verdicts) - len(failed)} of"
        f" {len(verdicts)} figures at or above their floors, {len(reports)} of"
        f" {len(floors['datasets'])} datasets run, {seconds:.0f} s",
        markup=False,
    )
    return 0 if passed else 1
