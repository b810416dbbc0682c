"""``eventwire evaluate``: bad arguments, full runs on the test fixtures, and a smoke run of
three documents per dataset on the real data in ../shared/data (skipped when absent)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from conftest import DATA, need_shared

FIXTURES = Path(__file__).parent / "fixtures" / "evaluate"

# dataset → (fixture path, real-data path)
CASES = {
    "muc4": (FIXTURES / "muc4", DATA / "muc4"),
    "geo-lgl": (FIXTURES / "geo", DATA / "geo"),
    "geo-gwn": (FIXTURES / "geo" / "GWN.xml", DATA / "geo" / "GWN.xml"),
    "polnear": (FIXTURES / "polnear", DATA / "polnear"),
    "plover": (FIXTURES / "plover", DATA / "plover"),
    "wikievents": (FIXTURES / "wikievents", DATA / "wikievents"),
}
FIRST_TABLE = {
    "muc4": "CEAF-REE, document-level role fillers (GRIT)",
    "geo-lgl": "(a) resolution given the gold toponym spans",
    "geo-gwn": "(a) resolution given the gold toponym spans",
    "polnear": "attribution relations: source, cue, content",
    "plover": "PLOVER gold records: main event and its actors",
    "wikievents": "attack event detection (trigger overlap)",
}


def check_report(path: Path, dataset: str, documents: int) -> dict:
    report = json.loads(path.read_text(encoding="utf-8"))
    assert report["dataset"] == dataset
    assert report["documents"] == documents
    assert report["speed"]["documents"] == documents
    assert report["speed"]["words"] > 0 and report["speed"]["words_per_s"] > 0
    assert FIRST_TABLE[dataset] in report["tables"]
    for items in report["errors"].values():
        for item in items:
            assert item["doc"] and item["kind"] in {"missed", "spurious", "wrong", "unresolved"}
    return report


def test_evaluate_command_unknown_dataset(cli):
    result = cli("evaluate", "ace2005", "--data", FIXTURES)
    assert result.exit_code == 2
    assert "ace2005: unknown dataset" in result.stderr
    assert "Traceback" not in result.output


def test_evaluate_command_missing_data(cli, tmp_path):
    result = cli("evaluate", "muc4", "--data", tmp_path / "nowhere")
    assert result.exit_code == 2 and "no such file or directory" in result.stderr


def test_evaluate_command_held_out_split_is_refused(cli):
    result = cli("evaluate", "muc4", "--data", FIXTURES / "muc4", "--split", "test")
    assert result.exit_code == 1
    assert "held out" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_evaluate_command_incomplete_dataset_is_one_line_error(cli, tmp_path):
    (tmp_path / "raw").mkdir()
    result = cli("evaluate", "muc4", "--data", tmp_path)
    assert result.exit_code == 1
    assert "missing MUC-4 file" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("dataset", list(CASES))
def test_evaluate_command_runs_on_fixture(cli, tmp_path, dataset):
    out = tmp_path / "report.json"
    result = cli("evaluate", dataset, "--data", CASES[dataset][0], "--out", out)
    assert result.exit_code == 0, result.output
    assert "documents/s" in result.stdout and "words/s" in result.stdout
    expected = {"muc4": 4, "geo-lgl": 2, "geo-gwn": 1, "polnear": 1, "plover": 3, "wikievents": 1}[
        dataset
    ]
    check_report(out, dataset, expected)


@pytest.mark.shared
@pytest.mark.parametrize("dataset", list(CASES))
def test_evaluate_command_smoke_on_real_data(cli, tmp_path, dataset):
    data = need_shared(CASES[dataset][1])
    out = tmp_path / "report.json"
    result = cli("evaluate", dataset, "--data", data, "--limit", 3, "--out", out)
    assert result.exit_code == 0, result.output
    report = check_report(out, dataset, 3)
    if dataset == "muc4":
        assert report["split"] == "dev"
        assert any("0 disagreement" in note for note in report["notes"])


def test_evaluate_command_lgl_reads_dltime_that_is_no_iso_date(cli, tmp_path):
    # "7:58 AM ET" and "17 December 2016" (real corpora in LGL's format have them) stopped
    # the evaluation with a date.fromisoformat traceback
    from eventwire.evaluate import geo

    xml = (FIXTURES / "geo" / "lgl.xml").read_text(encoding="utf-8")
    first, second = (m.group() for m in re.finditer(r"<dltime>[^<]*</dltime>", xml))
    xml = xml.replace(first, "<dltime>7:58 AM ET</dltime>").replace(
        second, "<dltime>17 December 2016</dltime>"
    )
    path = tmp_path / "lgl.xml"
    path.write_text(xml, encoding="utf-8")
    assert [d.published for d in geo.read_lgl(path)] == [None, dt.date(2016, 12, 17)]
    result = cli("evaluate", "geo-lgl", "--data", path, "--out", tmp_path / "r.json")
    assert result.exit_code == 0, result.output
    report = check_report(tmp_path / "r.json", "geo-lgl", 2)
    assert any("1 <dltime> value(s) name no day (e.g. '7:58 AM ET')" in n for n in report["notes"])


@pytest.mark.parametrize(
    ("dataset", "name", "old", "new", "message"),  # the other readers had one-line errors
    [
        ("geo-lgl", "lgl.xml", "<start>0</start>", "<start>zero</start>", "is not a number"),
        ("geo-gwn", "GWN.xml", "<start>", "<start>x", "is not a number"),
        ("geo-lgl", "lgl.xml", "</articles>", "", "not well-formed XML"),
    ],
)
def test_evaluate_command_malformed_data_is_a_one_line_error(
    cli, tmp_path, dataset, name, old, new, message
):
    data = tmp_path / name
    text = (FIXTURES / "geo" / name).read_text(encoding="utf-8")
    assert old in text
    data.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = cli("evaluate", dataset, "--data", data)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines
    assert "Traceback" not in result.output
