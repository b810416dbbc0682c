"""``eventwire ingest``: sources into a real SQLite file, skipping what is stored before
extraction, feeds read item by item once, failures listed, and a kill -9 in the middle of
an ingest (a real subprocess) that loses nothing and stores nothing twice."""

from __future__ import annotations

import http.server
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from functools import partial
from pathlib import Path

import pytest

from eventwire.incidents.facts import clustered_events
from eventwire.ingest.job import IngestJob
from eventwire.store import open_store

ARTICLES = Path(__file__).parent / "fixtures" / "incidents" / "articles"
ROOT = Path(__file__).resolve().parents[1]


def count(db: Path, table: str) -> int:
    """Rows of a table, read as another process would (0 before the table exists)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def test_ingest_command_stores_clusters_and_skips_what_is_stored(cli, tmp_path: Path):
    batch = tmp_path / "more.jsonl"
    batch.write_text(
        json.dumps(
            {
                "title": "Militants attack police post in Kerman",
                "url": "https://news.example/kerman-post",
                "published": "2024-06-10",
                "text": "Militants attacked a police post in the Iranian city of Kerman on "
                "Monday, killing three officers, the provincial governor said.",
            }
        )
        + "\n{not json\n",
        encoding="utf-8",
    )
    db = tmp_path / "ingest.db"
    result = cli("ingest", ARTICLES, batch, "--db", db)
    assert result.exit_code == 1, result.stderr
    assert f"failed: {batch}:2: [E001] malformed JSON" in result.stderr
    assert "12 stored, 0 already in" in result.stderr
    assert "incidents:" in result.stderr
    with open_store(db) as store:
        assert store.counts()["articles"] == 12
        assert store.unclustered() == []
        items, total = store.incidents(q="mosul bus station")
        assert total >= 1 and items[0].article_count >= 3

    # the same sources again: nothing extracted, nothing stored twice
    with open_store(db) as store:
        stats = IngestJob(store).run([str(ARTICLES), str(batch)])
        assert (stats.stored, stats.skipped, stats.failed) == (0, 12, 1)
        assert stats.first_result is not None  # only the failure came through, in order
        assert store.counts()["articles"] == 12
    result = cli("ingest", ARTICLES, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "0 stored, 11 already in" in result.stderr


def test_ingest_skips_before_extraction(tmp_path: Path, extractor):
    db = tmp_path / "ingest.db"
    first = sorted(ARTICLES.iterdir())[:2]
    with open_store(db) as store:
        assert IngestJob(store).run(map(str, first)).stored == 2
        again = IngestJob(store).run(map(str, first))
        assert (again.stored, again.skipped) == (0, 2)
        assert again.first_result is None  # no article went to extraction


class CountingServer:
    """A real HTTP server over a folder that counts the requests per path."""

    def __init__(self, root: Path) -> None:
        self.hits: Counter[str] = Counter()
        hits = self.hits

        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self):
                hits[self.path] += 1
                super().do_GET()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), partial(Handler, directory=root)
        )
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def write_feed(root: Path, base: str, names: list[str]) -> None:
    items = "".join(
        f"<item><title>{n}</title><link>{base}/{n}</link><guid>{base}/{n}</guid>"
        "<pubDate>Sat, 08 Jun 2024 10:00:00 GMT</pubDate></item>"
        for n in names
    )
    root.joinpath("feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>'
        f"<link>{base}</link><description>written for the tests</description>{items}"
        "</channel></rss>",
        encoding="utf-8",
    )


def test_ingest_feed_fetches_each_item_once(cli, tmp_path: Path):
    root = tmp_path / "www"
    root.mkdir()
    names = ["kirkuk-shooting.txt", "kirkuk-followup.txt", "nairobi-protest.txt"]
    for name in names:
        text = (ARTICLES / name).read_text(encoding="utf-8")
        root.joinpath(name).write_text(text.split("---\n", 2)[2], encoding="utf-8")
    server = CountingServer(root)
    try:
        write_feed(root, server.url, names[:2])
        db = tmp_path / "feed.db"
        feed = f"{server.url}/feed.rss"
        result = cli("ingest", feed, "--db", db, "--allow-private")
        assert result.exit_code == 0, result.stderr
        assert "2 stored" in result.stderr
        assert server.hits == {"/feed.rss": 1, f"/{names[0]}": 1, f"/{names[1]}": 1}

        write_feed(root, server.url, names)  # a new item appears
        result = cli(
            "ingest", feed, "--db", db, "--follow", "--interval", "1", "--polls", "2",
            "--allow-private",
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        assert "1 stored" in result.stderr
        assert server.hits == {
            "/feed.rss": 3,  # the first run, then two polls
            f"/{names[0]}": 1,
            f"/{names[1]}": 1,
            f"/{names[2]}": 1,
        }
        with open_store(db) as store:
            assert store.counts()["articles"] == 3
            assert store.feed_item_seen(feed, f"{server.url}/{names[2]}")
            stored = {a.url for a in store.articles()}
            assert stored == {f"{server.url}/{n}" for n in names}
            assert {a.published.isoformat() for a in store.articles()} == {"2024-06-08"}
    finally:
        server.close()


def test_ingest_summary_adds_up_every_clustering_step(tmp_path: Path, extractor):
    # the summary showed the last clustering step only: after 840 articles "71 events of
    # 37 articles … 58 started one" while the store held 2,295 incidents
    with open_store(tmp_path / "steps.db") as store:
        job = IngestJob(store, cluster_every=3)
        stats = job.run([str(ARTICLES)])
        _, incidents = store.incidents(limit=0)
        clustered = len(store.unclustered()) == 0
    assert stats.clustering_steps >= 4 and clustered
    assert stats.clustered_articles == stats.stored == 11
    assert stats.new_incidents == incidents
    assert stats.incidents.startswith(f"{stats.clustered_events} events of 11 articles: ")
    assert stats.incidents.endswith(f"{stats.joined} joined an incident, {incidents} started one")


def test_ingest_follow_summary_counts_what_it_did(cli, tmp_path: Path):
    # "--follow" ended with "incidents: 0 events of 0 articles" (its last, empty poll)
    root = tmp_path / "www"
    root.mkdir()
    names = ["kirkuk-shooting.txt", "nairobi-protest.txt"]
    for name in names:
        text = (ARTICLES / name).read_text(encoding="utf-8")
        root.joinpath(name).write_text(text.split("---\n", 2)[2], encoding="utf-8")
    server = CountingServer(root)
    try:
        write_feed(root, server.url, names)
        db = tmp_path / "follow.db"
        feed = f"{server.url}/feed.rss"
        result = cli(
            "ingest", feed, "--db", db, "--follow", "--interval", "1", "--polls", "2",
            "--allow-private",
        )  # fmt: skip
    finally:
        server.close()
    assert result.exit_code == 0, result.stderr
    with open_store(db) as store:
        _, incidents = store.incidents(limit=0)
    assert incidents >= 2
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("incidents: ") and " of 2 articles: " in summary, summary
    assert summary.endswith(f"{incidents} started one; {incidents} in the store"), summary


def test_ingest_follow_needs_a_feed(cli, tmp_path: Path):
    result = cli("ingest", ARTICLES, "--db", tmp_path / "x.db", "--follow")
    assert result.exit_code == 2
    assert "--follow needs at least one feed" in result.stderr


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ingest_survives_kill_9_in_the_middle(tmp_path: Path, extractor):
    """Killed with SIGKILL while articles are being stored, with two worker processes, an
    ingest leaves whole articles only and no orphan workers; run again, every article is
    stored exactly once, complete, and clustered once."""
    db = tmp_path / "ingest.db"
    command = [sys.executable, "-m", "eventwire", "ingest", str(ARTICLES), "--db", str(db)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    child = subprocess.Popen(
        [*command, "--workers", "2", "--batch", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            assert child.poll() is None, f"the ingest ended before the kill: {child.stderr.read()}"
            workers = children(child.pid) or workers
            if db.exists() and count(db, "articles") >= 3:
                break
            time.sleep(0.02)
        else:
            pytest.fail("no article stored within 300 s")
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(Path(f"/proc/{w}").exists() for w in workers), "orphan workers left"

    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    raw.close()
    kept = count(db, "articles")
    assert 3 <= kept < 11

    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"{11 - kept} stored, {kept} already in" in again.stderr

    articles = sorted(ARTICLES.iterdir())
    from eventwire.ingest.sources import read_source

    with open_store(db) as store:
        assert store.counts()["articles"] == 11
        assert store.unclustered() == []
        clustered = 0
        for path in articles:
            article = read_source(str(path))
            stored = store.get(article.id)
            assert stored == extractor.extract(article), f"{path.name} incomplete"
            events = {e.id for e in clustered_events(stored)}
            assert set(store.incidents_of(article.id)) == events
            clustered += len(events)
        items, _ = store.incidents(limit=1000)
        assert sum(i.report_count for i in items) == clustered == count(db, "incident_events")


def long_article(path: Path, repeats: int = 40) -> Path:
    """A valid article of ~130,000 characters (the fixtures' texts again and again): its
    extraction takes several seconds, far more than the short ones."""
    from eventwire.ingest.sources import read_source

    body = "\n\n".join(read_source(str(p)).text for p in sorted(ARTICLES.iterdir()))
    path.write_text(
        "---\ntitle: A very long digest\npublished: 2024-06-10\n---\n"
        + "\n\n".join([body] * repeats),
        encoding="utf-8",
    )
    return path


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="no SIGALRM here")
def test_ingest_an_article_over_the_time_limit_fails_alone_and_is_tried_again(
    cli, tmp_path: Path, extractor
):
    folder = tmp_path / "in"
    folder.mkdir()
    short = sorted(ARTICLES.iterdir())[:2]
    for path in short:
        folder.joinpath(path.name).write_text(path.read_text(encoding="utf-8"))
    slow = long_article(folder / "long.txt")
    db = tmp_path / "ingest.db"
    started = time.monotonic()
    result = cli("ingest", folder, "--db", db, "--timeout", "1", "--batch", "1")
    assert time.monotonic() - started < 30
    assert result.exit_code == 1, result.stderr
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and failed[0].startswith(f"failed: {slow}: ")
    assert "[E101] extraction took longer than 1 s (in " in failed[0]
    assert "2 stored, 0 already in" in result.stderr
    with open_store(db) as store:
        assert store.counts()["articles"] == 2

    again = cli("ingest", folder, "--db", db, "--timeout", "1", "--batch", "1")  # tried again
    assert again.exit_code == 1 and "0 stored, 2 already in" in again.stderr
    assert f"failed: {slow}: " in again.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="kills worker processes")
def test_ingest_workers_a_worker_that_dies_fails_its_articles_and_the_rest_goes_on(
    tmp_path: Path, extractor
):
    """The workers (forked from this process, the pipeline already loaded) are killed with
    SIGKILL while the long article is being extracted: its batch and the others in flight
    become failures (E102), a new pool takes the rest."""
    from eventwire.ingest.sources import read_source
    from eventwire.ingest.workers import Workers
    from eventwire.model import Failure

    short = [read_source(str(p)) for p in sorted(ARTICLES.iterdir())]
    slow = read_source(str(long_article(tmp_path / "long.txt", repeats=60)))
    items = [("first", short[0]), ("long", slow)] + [(p.id, p) for p in short[1:]]
    with Workers(workers=2, batch=1) as workers:
        results = workers.extract(items)
        tag, first = next(results)
        assert tag == "first" and not isinstance(first, Failure)
        for pid in workers.pids():  # the long article is still in flight
            os.kill(pid, signal.SIGKILL)
        rest = dict(results)
        assert workers.restarts == 1
    assert list(rest) == [tag for tag, _ in items[1:]]  # every article once, in order
    died = {tag for tag, r in rest.items() if isinstance(r, Failure)}
    assert "long" in died and len(died) <= 4  # the batches in flight: at most 2 × workers
    assert "[E102] the worker process died" in rest["long"].error
    assert rest["long"].error.startswith("A very long digest: ")
    assert all(r.article.id == tag for tag, r in rest.items() if tag not in died)
    assert not isinstance(rest[items[-1][0]], Failure)  # the new pool took the rest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks worker processes")
def test_ingest_workers_apply_the_time_limit_in_each_process(tmp_path: Path, extractor):
    from eventwire.ingest.sources import read_source
    from eventwire.ingest.workers import Workers
    from eventwire.model import Failure

    short = [read_source(str(p)) for p in sorted(ARTICLES.iterdir())[:3]]
    slow = read_source(str(long_article(tmp_path / "long.txt")))
    items = [("long", slow)] + [(a.id, a) for a in short]
    with Workers(workers=2, batch=1, timeout_s=1.0) as workers:
        results = dict(workers.extract(items))
        assert workers.restarts == 0
    assert list(results) == [tag for tag, _ in items]
    assert isinstance(results["long"], Failure)
    assert "[E101] extraction took longer than 1 s" in results["long"].error
    assert all(results[a.id].article.id == a.id for a in short)
