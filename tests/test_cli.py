"""The commands: extract (JSON lines, table, stdin, HTML, URL, --db), info and bench."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest

from eventwire.model import ArticleReport

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TEXT = (
    "KANO, Nigeria (Northwire) — Gunmen killed four police officers at a checkpoint outside "
    "Kano on Monday, a police spokesman said. No group has claimed responsibility."
)


def reports(result) -> list[ArticleReport]:
    found = [ArticleReport.model_validate_json(line) for line in result.stdout.splitlines()]
    for report in found:
        report.check_spans()
    return found


def test_cli_extract_text_file_gives_one_json_report(cli, tmp_path):
    path = tmp_path / "kano.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = cli("extract", path, "--published", "2025-03-04")
    assert result.exit_code == 0, result.output
    (report,) = reports(result)
    assert report.article.published.isoformat() == "2025-03-04"
    assert report.article.outlet == "Northwire"
    assert report.article.text == TEXT
    assert report.pipeline.startswith("eventwire ")
    assert result.stderr.strip().endswith("1 extracted, 0 failed")


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="no SIGALRM here")
def test_cli_extract_an_article_over_the_time_limit_fails_alone(cli, tmp_path):
    """A digest of ~120,000 characters takes seconds; with --timeout 1 it is listed as a
    failure (E101) and the short article beside it is still extracted."""
    (tmp_path / "a_short.txt").write_text(TEXT, encoding="utf-8")
    digest = "\n\n".join(TEXT.replace("four", str(n)) for n in range(5, 600))
    (tmp_path / "b_long.txt").write_text(digest, encoding="utf-8")
    started = time.monotonic()
    result = cli("extract", tmp_path, "--published", "2025-03-04", "--timeout", "1")
    assert time.monotonic() - started < 30
    assert result.exit_code == 1
    (report,) = reports(result)
    assert report.article.text == TEXT
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and "b_long.txt" in failed[0], result.stderr
    assert "[E101] extraction took longer than 1 s" in failed[0]
    assert "1 extracted, 1 failed" in result.stderr


def test_cli_extract_header_date_wins_over_published_option(cli, tmp_path):
    path = tmp_path / "dated.txt"
    path.write_text("---\npublished: 2025-03-14\ntitle: Kano\n---\n" + TEXT, encoding="utf-8")
    (report,) = reports(cli("extract", path, "--published", "2020-01-01"))
    assert report.article.published.isoformat() == "2025-03-14"
    assert report.article.title == "Kano"


def test_cli_extract_stdin(cli):
    result = cli("extract", "-", "--published", "2025-03-04", input=TEXT)
    assert result.exit_code == 0, result.output
    assert reports(result)[0].article.text == TEXT


def test_cli_extract_html_file_and_url(cli, tmp_path, http_server):
    page = (
        "<html><head><title>Kano attack</title>"
        '<meta name="date" content="2025-03-04"></head><body><article>'
        f"<h1>Kano attack</h1><p>{TEXT}</p></article></body></html>"
    )
    (tmp_path / "www" / "kano.html").write_text(page, encoding="utf-8")
    url = f"{http_server}/kano.html"
    result = cli("extract", tmp_path / "www" / "kano.html", url, "--allow-private")
    assert result.exit_code == 0, result.output
    local, fetched = reports(result)
    assert local.article.title == fetched.article.title == "Kano attack"
    assert local.article.text == fetched.article.text == TEXT
    assert fetched.article.url == f"{http_server}/kano.html"
    assert local.article.id == fetched.article.id


def test_cli_extract_directory_reads_its_text_files(cli, tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT.replace("four", "five"), encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not read", encoding="utf-8")
    result = cli("extract", tmp_path)
    assert result.exit_code == 0 and len(reports(result)) == 2


def test_cli_extract_table_is_readable(cli, tmp_path):
    path = tmp_path / "kano.txt"
    path.write_text("---\ntitle: Police killed at Kano checkpoint\n---\n" + TEXT, encoding="utf-8")
    result = cli("extract", path, "--format", "table")
    assert result.exit_code == 0, result.output
    assert "Police killed at Kano checkpoint" in result.stdout
    assert "Northwire" in result.stdout
    assert "ACLED class" in result.stdout and "Armed clash" in result.stdout  # police killed
    assert "{" not in result.stdout  # not JSON


def test_cli_extract_db_is_idempotent(cli, tmp_path):
    from eventwire.store import open_store

    path = tmp_path / "kano.txt"
    path.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "events.db"
    first = cli("extract", path, "--db", db)
    assert first.exit_code == 0, first.output
    assert "stored 1 new, 0 already" in first.stderr
    again = cli("extract", path, "--db", db)
    assert "stored 0 new, 1 already" in again.stderr
    with open_store(db) as store:
        assert store.counts()["articles"] == 1
        assert store.get(reports(first)[0].article.id).article.text == TEXT


def test_cli_examples_extract_with_their_dates(cli):
    articles = sorted((EXAMPLES / "articles").glob("*.txt"))
    assert 6 <= len(articles) <= 9
    result = cli("extract", *articles, "--batch", EXAMPLES / "articles.jsonl")
    assert result.exit_code == 0, result.output
    found = reports(result)
    assert len(found) == len(articles) + 2
    assert all(r.article.published and r.article.title and r.article.outlet for r in found)
    assert len({r.article.outlet for r in found}) >= 5
    caps = [r for r in found if r.article.outlet == "CAPITAL WIRE"]
    assert len(caps) == 1 and caps[0].article.text.isupper()


def test_cli_info_reports_pipeline_gazetteer_and_store(cli, tmp_path):
    path = tmp_path / "kano.txt"
    path.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "info.db"
    assert "does not exist yet" in json.loads(cli("info", "--db", db, "--json").stdout)["store"]
    cli("extract", path, "--db", db)
    result = cli("info", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    assert facts["eventwire"] == __import__("eventwire").__version__
    assert facts["spacy_pipeline"].startswith("spaCy 3.8")
    assert facts["store"]["articles"] == 1 and str(db) in facts["store"]["location"]
    assert "gazetteer" in facts
    assert "spacy_pipeline" in cli("info", "--db", db).stdout


def test_cli_bench_measures_both_pipelines_on_the_same_texts(cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"{i}.txt").write_text(TEXT.replace("four", str(i + 2)), encoding="utf-8")
    result = cli("bench", corpus, "--limit", 2, "--rounds", 2, "--cold-runs", 1, "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    spacy, eventwire = figures["spacy"], figures["eventwire"]
    assert spacy["docs"] == eventwire["docs"] == 2
    assert spacy["words"] == eventwire["words"] == 2 * len(TEXT.split())
    assert eventwire["failed"] == 0
    rounds = figures["round_ratios"]
    assert len(rounds) == 2 and all(r > 0 for r in rounds)
    assert abs(figures["ratio"] - (rounds[0] + rounds[1]) / 2) <= 0.001  # median of two rounds
    assert 50 < eventwire["peak_rss_mb"] < 10_000 and spacy["peak_rss_mb"] > 50
    assert figures["cold_start"]["runs"] == 1 and figures["cold_start"]["median_s"] > 0
    assert set(figures["targets"]) == {"ratio", "peak_rss_mb", "cold_start_s"}


def test_cli_bench_refuses_a_directory_without_texts(cli, tmp_path):
    result = cli("bench", tmp_path)
    message = " ".join(result.stderr.replace("│", " ").split())  # unwrapped from rich's box
    assert result.exit_code == 2 and "no .txt files" in message


def test_cli_table_renders_every_kind_of_finding():
    from rich.console import Console

    from eventwire.model import (
        Actor,
        Arg,
        Article,
        Count,
        Event,
        Place,
        Span,
        Statement,
        When,
    )
    from eventwire.output import render_report

    text = "Gunmen killed at least 12 people in Kano on Monday. The army denied it."
    s = lambda a, b: Span.of(text, a, b)  # noqa: E731
    report = ArticleReport(
        article=Article(id="x", text=text, outlet="nw.example"),
        actors=[
            Actor(id="A1", name="gunmen", kind="other", mentions=[s(0, 6)]),
            Actor(
                id="A2", name="Nigerian Army", kind="military", country="NGA", mentions=[s(56, 60)]
            ),
        ],
        places=[
            Place(
                id="P1",
                name="Kano",
                country="NGA",
                geonames_id=2335204,
                feature="city",
                confidence=0.9,
                mentions=[s(36, 40)],
            )
        ],
        dates=[
            When(
                id="D1",
                value="2025-03-03",
                granularity="day",
                start="2025-03-03",
                end="2025-03-03",
                relative=True,
                span=s(44, 50),
            )
        ],
        events=[
            Event(
                id="E1",
                type="ASSAULT",
                mode=["firearms"],
                trigger=s(7, 13),
                sentence=s(0, 51),
                actors=[Arg(actor_id="A1", span=s(0, 6))],
                place=[Arg(place_id="P1", span=s(36, 40))],
                date="D1",
                killed=Count(min=12, span=s(14, 32)),
            )
        ],
        statements=[
            Statement(
                id="S1",
                speaker=Arg(actor_id="A2", span=s(52, 60)),
                cue=s(61, 67),
                stance="denies",
                stances=["denies"],
                content=s(68, 70),
                sentence=s(52, 71),
            )
        ],
        warnings=["stage dates failed: ValueError: x"],
    )
    report.check_spans()
    console = Console(record=True, width=160)
    console.print(render_report(report))
    shown = console.export_text()
    for expected in (
        "Nigerian Army",
        "military",
        "NGA",
        "Kano",
        "2335204",
        "2025-03-03",
        "ASSAULT (firearms)",
        "occurred",
        "gunmen",
        "≥12",
        "denies",
        "warning: stage dates failed",
    ):
        assert expected in shown, expected
    assert "none found" not in shown


def test_cli_read_only_commands_refuse_a_store_that_does_not_exist(cli, tmp_path, monkeypatch):
    # `incidents` created the directories and an empty store, and exited 0
    monkeypatch.delenv("EVENTWIRE_API_TOKEN", raising=False)  # serve: no writes either
    db = tmp_path / "nonexistent" / "dir" / "x.db"
    for args in (["incidents"], ["serve", "--port", "1"]):
        result = cli(*args, "--db", db)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.strip().splitlines() == [
            f"error: {db}: no such store (eventwire ingest … --db {db} creates one)"
        ]
        assert not (tmp_path / "nonexistent").exists()


def test_cli_help_in_one_style_with_version_and_commands_in_flow_order():
    # usage lines mixed "[SOURCE]..." and "{sources}...", the help showed Python types
    # (<bool>, <list[str]>, <int range>), there was no --version, the order was odd
    import re

    from typer.testing import CliRunner

    from eventwire import __version__
    from eventwire.cli import _register, app

    _register()
    runner = CliRunner()
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout == f"eventwire {__version__}\n"
    top = runner.invoke(app, ["--help"], env={"COLUMNS": "120"})
    listed = re.findall(r"^│ (\w+) ", top.stdout, re.MULTILINE)
    flow = ["extract", "ingest", "incidents", "serve", "evaluate", "train", "bench", "info"]
    assert listed == flow, top.stdout
    usages = {}
    for command in ["", *flow]:
        result = runner.invoke(app, [*command.split(), "--help"], env={"COLUMNS": "120"})
        assert result.exit_code == 0, result.output
        assert not re.search(r"<[a-z]", result.stdout), (command, result.stdout)
        assert "{" not in result.stdout.split("Usage:")[1].splitlines()[0]
        usages[command] = result.stdout.split("Usage: ")[1].splitlines()[0].strip()
    assert usages["extract"] == "eventwire extract [OPTIONS] [SOURCE]..."
    assert usages["ingest"] == "eventwire ingest [OPTIONS] SOURCE..."
    assert usages["evaluate"] == "eventwire evaluate [OPTIONS] DATASET"
    assert usages["bench"] == "eventwire bench [OPTIONS] CORPUS_DIR"


def test_cli_install_reads_lxml_html_clean_extra():
    # every `make install` printed pip's "lxml 6.1.3 does not provide the extra
    # 'html_clean'" (jusText asks for lxml[html_clean]; pip 23 does not normalise the name)
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "jusText"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "lxml[html_clean]" in result.stdout
    assert "does not provide the extra" not in result.stderr + result.stdout
