"""The accuracy gate (``eventwire evaluate all``): floors, verdicts, README table, and a real
run of the gate on the incidents fixture through the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from eventwire.errors import InputError
from eventwire.evaluate import DATASETS
from eventwire.evaluate.gate import (
    README_END,
    README_START,
    Figure,
    judge,
    load_floors,
    readme_table,
    save_floors,
    value_of,
    write_readme,
)

REPORT = {"tables": {"clustering": {"pairwise": {"p": 0.9, "r": 0.8, "f1": 0.8471}}}}
SPEC = {"dataset": "incidents", "table": "clustering", "row": "pairwise", "metric": "f1"}


def figure(floor: float, value: float | None) -> Figure:
    return Figure({**SPEC, "floor": floor}, value)


def test_gate_value_is_points_of_the_report_figure():
    assert value_of(REPORT, SPEC) == 84.71
    assert value_of(REPORT, {**SPEC, "row": "b-cubed"}) is None
    assert value_of({}, SPEC) is None


def test_gate_fails_a_figure_more_than_the_tolerance_below_its_floor():
    [verdict] = judge([figure(85.2, 84.71)], tolerance=0.3)
    assert verdict.status == "FAIL"
    assert "84.71 is 0.49 below its floor 85.20" in verdict.message
    assert "incidents" in verdict.message


def test_gate_passes_a_figure_within_the_tolerance_and_keeps_the_floor():
    fig = figure(84.9, 84.71)
    [verdict] = judge([fig], tolerance=0.3)
    assert verdict.status == "ok" and fig.floor == 84.9


def test_gate_update_raises_floors_but_never_lowers_them():
    up, down = figure(80.0, 84.71), figure(84.9, 84.71)
    verdicts = judge([up, down], tolerance=0.3, update=True)
    assert [v.status for v in verdicts] == ["raised", "ok"]
    assert up.floor == 84.71 and down.floor == 84.9


def test_gate_lowering_a_floor_needs_a_reason_recorded_beside_it():
    fig = figure(90.0, 84.71)
    assert judge([fig], 0.3, update=True)[0].status == "FAIL"  # --update alone cannot lower
    [verdict] = judge([fig], 0.3, allow_regression="new tokenizer splits names differently")
    assert verdict.status == "lowered" and verdict.floor == 90.0
    assert fig.floor == 84.71
    [record] = fig.spec["lowered"]
    assert record["from"] == 90.0 and record["to"] == 84.71
    assert record["reason"] == "new tokenizer splits names differently"


def test_gate_a_figure_missing_from_its_report_fails():
    [verdict] = judge([figure(50.0, None)], tolerance=0.3)
    assert verdict.status == "missing" and "no such figure" in verdict.message


def test_gate_floors_file_round_trips_with_its_header(tmp_path):
    floors = {"tolerance": 0.3, "datasets": {"incidents": {"data": "x"}}, "figures": [SPEC]}
    floors["figures"][0] = {**SPEC, "floor": 12.5}
    path = tmp_path / "floors.yaml"
    save_floors(path, floors)
    assert path.read_text(encoding="utf-8").startswith("# The accuracy gate's floors")
    assert load_floors(path) == floors


@pytest.mark.parametrize(
    "content, message",
    [
        ("figures: [", "malformed YAML"),
        ("tolerance: 0.3\n", "needs 'datasets' and a 'figures' list"),
        ("datasets: {}\nfigures:\n- {dataset: muc4}\n", "lacks floor, metric, row, table"),
        (
            "datasets: {}\nfigures:\n- {dataset: muc4, table: t, row: r, metric: f1, floor: 1}\n",
            "unknown dataset 'muc4'",
        ),
    ],
)
def test_gate_malformed_floors_file_is_a_one_line_error(tmp_path, content, message):
    path = tmp_path / "floors.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_floors(path)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_gate_committed_floors_name_runnable_datasets_and_headline_figures():
    floors = load_floors(ROOT / "quality" / "floors.yaml")
    assert set(floors["datasets"]) <= set(DATASETS)
    for name, how in floors["datasets"].items():
        if how.get("root") == "repo":
            assert (ROOT / how["data"]).exists(), name
    names = [Figure(spec).name for spec in floors["figures"]]
    assert len(names) == len(set(names))  # each figure once
    covered = {spec["dataset"] for spec in floors["figures"]}
    assert covered == set(floors["datasets"])  # every dataset run has a floor


def test_gate_readme_table_is_written_between_the_markers(tmp_path):
    floors = {
        "datasets": {
            "incidents": {"label": "incidents fixture", "data": "tests/f", "root": "repo"}
        },
        "figures": [{**SPEC, "floor": 84.0, "label": "pairwise F1", "published": "X 90"}],
    }
    figures = [Figure(floors["figures"][0], 84.71)]
    table = readme_table(floors, figures, {"incidents": REPORT})
    assert "| incidents fixture | pairwise F1 | 84.71 | 84.00 | X 90 |" in table
    assert "`eventwire evaluate incidents --data tests/f`" in table
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\nbefore\n{README_START}\nold\n{README_END}\nafter\n", "utf-8")
    write_readme(readme, table, "Written today.")
    text = readme.read_text(encoding="utf-8")
    assert "old" not in text and "Written today." in text and "84.71" in text
    assert text.startswith("# x\n\nbefore\n") and text.endswith(f"{README_END}\nafter\n")
    readme.write_text("no markers\n", encoding="utf-8")
    with pytest.raises(InputError, match="markers"):
        write_readme(readme, table, "")


def run_gate(tmp_path: Path, floor: float, *extra: str) -> subprocess.CompletedProcess[str]:
    floors = {
        "tolerance": 0.3,
        "datasets": {
            "incidents": {"data": "tests/fixtures/incidents", "root": "repo", "label": "fix"}
        },
        "figures": [
            {**SPEC, "floor": floor, "label": "pairwise F1"},
            {**SPEC, "row": "b-cubed", "floor": 50.0, "label": "B-cubed F1"},
        ],
    }
    save_floors(tmp_path / "floors.yaml", floors)
    args = ["evaluate", "all", "--data", tmp_path, "--floors", tmp_path / "floors.yaml"]
    args += ["--out", tmp_path / "reports", *extra]
    return subprocess.run(
        [sys.executable, "-m", "eventwire", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=300,
        check=False,
    )


def test_gate_command_runs_the_datasets_and_fails_below_a_floor(tmp_path):
    passed = run_gate(tmp_path, floor=100.0)
    assert passed.returncode == 0, passed.stderr
    assert "accuracy gate passed: 2 of 2 figures" in passed.stderr
    assert (tmp_path / "reports" / "incidents.json").exists()

    # an impossible floor: the gate names figure, floor and value, and exits 1
    failed = run_gate(tmp_path, floor=100.5)
    assert failed.returncode == 1
    assert "below floor: incidents: pairwise F1: 100.00 is 0.50 below its floor 100.50" in (
        failed.stderr
    )
    assert "accuracy gate FAILED: 1 of 2 figures" in failed.stderr

    # lowering it needs a reason, which is written beside the floor
    lowered = run_gate(tmp_path, 100.5, "--allow-regression", "fixture changed")
    assert lowered.returncode == 0, lowered.stderr
    spec = yaml.safe_load((tmp_path / "floors.yaml").read_text("utf-8"))["figures"][0]
    assert spec["floor"] == 100.0 and spec["lowered"][0]["reason"] == "fixture changed"

    # --update raises the other floor to the measured value
    raised = run_gate(tmp_path, 100.0, "--update")
    assert raised.returncode == 0
    spec = yaml.safe_load((tmp_path / "floors.yaml").read_text("utf-8"))["figures"][1]
    assert spec["floor"] == 100.0


def test_gate_command_missing_data_folder_is_a_one_line_error(cli, tmp_path):
    result = cli("evaluate", "all", "--data", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "no such directory" in result.stderr and len(result.stderr.strip().splitlines()) == 1
