"""``eventwire ingest --cluster``: extraction on a real Dask LocalCluster of 2 worker
processes (each loading the pipeline once, by a worker plugin), this process the one
writer, into a real PostgreSQL server (pgserver)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from eventwire.errors import ClusterError
from eventwire.ingest.job import IngestJob
from eventwire.store import open_store

distributed = pytest.importorskip("distributed", reason="Dask is an extra: eventwire[cluster]")
import dask  # noqa: E402

from eventwire.ingest.dask_workers import DaskWorkers, local_cluster, parse_spec  # noqa: E402

ARTICLES = Path(__file__).parent / "fixtures" / "incidents" / "articles"
COUNT = 11  # articles in ARTICLES


@pytest.fixture(scope="module")
def scheduler():
    """A LocalCluster of 2 worker processes as ``--cluster local:2`` starts it (nannies
    restart a killed one); its address."""
    cluster = local_cluster(2, dashboard=False)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def _incidents(db: str | Path) -> tuple[list[dict], dict[str, dict[str, int]]]:
    """The incidents (summaries without their time of writing) and each article's events'
    incidents."""
    with open_store(db) as store:
        items, _ = store.incidents(limit=100)
        summaries = [item.model_dump(mode="json", exclude={"updated_at"}) for item in items]
        members = {a.id: store.incidents_of(a.id) for a in store.articles(limit=100)}
    return summaries, members


def test_dask_ingest_stores_each_article_once_with_the_incidents_of_one_process(
    cli, scheduler, pg_database, tmp_path
):
    """The same texts ingested by one process into SQLite and on the 2-process cluster
    into PostgreSQL: every article stored once, the same incidents with the same members;
    run again on the cluster, nothing is extracted or stored twice."""
    serial = tmp_path / "serial.db"
    with open_store(serial) as store:
        stats = IngestJob(store).run([str(ARTICLES)])
        assert (stats.stored, stats.failed) == (COUNT, 0)
    url = pg_database("eventwire_dask")
    done = cli("ingest", ARTICLES, "--db", url, "--cluster", scheduler)
    assert done.exit_code == 0, done.stderr
    assert f"Dask cluster {scheduler}: 2 worker threads" in done.stderr
    assert f"{COUNT} stored, 0 already in" in done.stderr
    with open_store(url) as store:
        assert store.engine.dialect.name == "postgresql"
        assert store.article_count() == COUNT
        assert store.unclustered() == []
    assert _incidents(url) == _incidents(serial)
    again = cli("ingest", ARTICLES, "--db", url, "--cluster", scheduler)
    assert again.exit_code == 0, again.stderr
    assert f"0 stored, {COUNT} already in" in again.stderr


def test_dask_ingest_a_killed_worker_loses_nothing(scheduler, pg_database):
    """A worker process killed (SIGKILL) while it extracts a batch: the scheduler runs
    the batch again on the other worker (or it fails, and the rerun stores it); in the end
    every article is stored, none twice."""
    url = pg_database("eventwire_dask_kill")
    killed: list[tuple[int, int]] = []  # (pid, batches it was running)
    with open_store(url) as store:
        pool = DaskWorkers(scheduler, batch=1)
        pids = pool.client.run(os.getpid)  # worker address → pid
        assert len(pids) == 2

        def kill_once(stats) -> None:
            if killed or stats.read < 1:
                return
            deadline = time.monotonic() + 2  # the batch sent last may be on its way still
            while not (busy := {a: k for a, k in pool.client.processing().items() if k}):
                if time.monotonic() > deadline:  # all done already (a busy machine): next item
                    return
                time.sleep(0.01)
            address, keys = next(iter(busy.items()))
            os.kill(pids[address], signal.SIGKILL)
            killed.append((pids[address], len(keys)))

        try:
            job = IngestJob(store, pool=pool, on_item=kill_once)
            stats = job.run([str(ARTICLES)])
        finally:
            pool.close()
        assert killed and killed[0][1] >= 1  # it died with a batch in hand
        assert stats.stored + stats.failed == COUNT
        assert all("[E102]" in error for _, error in stats.failures)
        rerun = IngestJob(store).run([str(ARTICLES)])
        assert (rerun.stored, rerun.skipped) == (stats.failed, stats.stored)
        assert store.article_count() == COUNT
        assert store.unclustered() == []


def test_dask_local_workers_run_without_the_costly_defaults(scheduler):
    """A local cluster's workers leave glibc's malloc thresholds adaptive (Dask would set
    MALLOC_TRIM_THRESHOLD_: ~20× the page faults on spaCy's arrays) and do not run the
    statistical profiler on the task thread; so does a worker its nanny restarted (after
    the test above killed one: before the cluster kept its own copy of the config, the
    restarted worker profiled again)."""
    with distributed.Client(scheduler) as client:
        client.wait_for_workers(2, timeout=120)  # the one restarted after a kill included
        seen = client.run(
            lambda: (
                os.environ.get("MALLOC_TRIM_THRESHOLD_"),
                dask.config.get("distributed.worker.profile.enabled"),
            )
        )
    assert list(seen.values()) == [(None, False), (None, False)]


def test_dask_cluster_specs_are_checked():
    assert parse_spec("local:3").workers == 3
    assert parse_spec("tcp://10.0.0.5:8786").address == "tcp://10.0.0.5:8786"
    slurm = parse_spec("slurm:jobs=8,cores=16,memory=32GB,queue=normal,walltime=04:00:00")
    assert (slurm.kind, slurm.options["jobs"], slurm.options["queue"]) == ("slurm", "8", "normal")
    for bad, why in (
        ("local:0", "worker processes"),
        ("local:x", "worker processes"),
        ("slurm:nodes=3", "'nodes=3' is not KEY=VALUE"),
        ("slurm:jobs=many", "jobs must be a whole number"),
        ("yarn:1", "not a cluster"),
    ):
        with pytest.raises(ClusterError, match=why) as raised:
            parse_spec(bad)
        assert str(raised.value).startswith(f"{bad}: [E104]")


def test_dask_ingest_bad_cluster_is_a_one_line_error(cli, tmp_path):
    done = cli("ingest", ARTICLES, "--db", tmp_path / "x.db", "--cluster", "local:none")
    assert done.exit_code == 2
    assert done.stderr.strip() == (
        "error: local:none: [E104] local:N needs a number of worker processes ≥ 1"
    )
    done = cli(
        "ingest", ARTICLES, "--db", tmp_path / "x.db", "--cluster", "local:2", "--workers", "2"
    )
    assert done.exit_code == 2
    assert "give --workers or --cluster, not both" in done.stderr
