"""Throughput of ``eventwire ingest`` with 1 and with N worker processes, in the same run.

    .venv/bin/python benchmarks/ingest_bench.py [CORPUS_DIR] [--limit 200] [--workers 1,2]
                                                [--rounds 1] [--json]
    .venv/bin/python benchmarks/ingest_bench.py --workers 1,local:2     # on a Dask cluster

A worker count may be a ``--cluster`` spec instead (``local:2``: a Dask LocalCluster of 2
processes, ``tcp://HOST:PORT``): the same ingest, extracted on the cluster
(``ingest.dask_workers``), this process still the one writer.

CORPUS_DIR defaults to ../shared/data/polnear/train/text.  For each worker count (in the
order given, repeated ``--rounds`` times, alternating), a fresh subprocess ingests the
first ``--limit`` texts into a new SQLite file exactly as ``eventwire ingest`` does
(``IngestJob``: reading, skipping, extraction, one writer, clustering into incidents) and
reports:

- **wall s / articles/s**: the whole ingest, loading the pipeline included;
- **steady articles/s**: the rate over the second half of the articles, when every worker
  has long loaded and is busy (loading and the first batches in flight excluded): the
  figure the ratio compares;
- **parent CPU s**: the writer's own CPU time (reading, storing, clustering), which the
  workers do not share;
- **CPU ms/article**: the whole run's CPU (this process and its workers, loading and a
  cluster's start-up included) per stored article: unlike the rates, hardly moved by
  other work on the machine, so the figure to compare on a busy one;
- **peak RSS MB** of the parent and (for a pool) of its largest worker.

Ratio = steady articles/s with N workers ÷ with 1 worker (target for 2 workers on two
cores: ≥ 1.7).  Compare figures only within one run: a busy machine shifts them all.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared/data/polnear/train/text"


def worker(workers: str, db: str, files: list[str]) -> dict:
    """Run one ingest in this process (called in a fresh subprocess); ``workers`` is a
    number of processes or a ``--cluster`` spec."""
    from eventwire.ingest.job import IngestJob
    from eventwire.store import open_store

    start = time.perf_counter()
    done: list[float] = []  # when each article came out of extraction and was stored
    pool = None
    if ":" in workers:
        from eventwire.ingest.dask_workers import DaskWorkers

        pool = DaskWorkers(workers, 8)
    with (
        open_store(db) as store,
        IngestJob(
            store,
            workers=1 if pool else int(workers),
            on_item=lambda _: done.append(time.perf_counter()),
            pool=pool,
        ) as job,
    ):
        stats = job.run(files)
    wall = time.perf_counter() - start
    half = len(done) // 2
    steady = (len(done) - half) / (done[-1] - done[half - 1]) if half > 1 else None
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "workers": workers,
        "articles": stats.stored,
        "failed": stats.failed,
        "wall_s": wall,
        "articles_per_s": stats.stored / wall,
        "steady_articles_per_s": steady,
        "load_s": (stats.first_result or start) - stats.started,
        "parent_cpu_s": own.ru_utime + own.ru_stime,
        "workers_cpu_s": children.ru_utime + children.ru_stime,
        "cpu_ms_per_article": 1000
        * (own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime)
        / max(stats.stored, 1),
        "peak_rss_mb": own.ru_maxrss / 1024,
        "worker_peak_rss_mb": children.ru_maxrss / 1024
        if workers not in ("1", "local:1")
        else None,
        "incidents": stats.incidents,
    }


def run_one(workers: str, files: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [sys.executable, __file__, "worker", workers, str(Path(tmp) / "b.db"), *files],
            capture_output=True,
            text=True,
            check=False,
        )
    if out.returncode != 0:
        raise SystemExit(f"ingest with {workers} workers failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument(
        "--workers", default="1,2", help="worker counts or cluster specs, comma-separated"
    )
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus}: not a directory of .txt articles")
    files = sorted(str(p) for p in args.corpus.iterdir() if p.suffix == ".txt")[: args.limit]
    counts = args.workers.split(",")
    runs: list[dict] = []
    for r in range(args.rounds):
        for w in counts if r % 2 == 0 else reversed(counts):
            runs.append(run_one(w, files))
            if not args.json:
                print(f"… {w} workers: {runs[-1]['steady_articles_per_s']:.2f} articles/s steady")
    base = statistics.median(r["steady_articles_per_s"] for r in runs if r["workers"] == counts[0])
    summary = {
        "corpus": str(args.corpus),
        "texts": len(files),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
        "runs": runs,
        "ratios": {
            str(w): statistics.median(r["steady_articles_per_s"] for r in runs if r["workers"] == w)
            / base
            for w in counts
        },
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    print(
        f"eventwire ingest · {len(files)} texts of {args.corpus} · {os.cpu_count()} CPUs · "
        f"load average {summary['load_average'][0]:.1f}"
    )
    header = (
        "workers  wall s  articles/s  steady/s  load s  parent CPU s  CPU ms/article  RSS MB"
        "  worker RSS MB"
    )
    print(header)
    for r in runs:
        print(
            f"{r['workers']:>7}  {r['wall_s']:6.1f}  {r['articles_per_s']:10.2f}  "
            f"{r['steady_articles_per_s']:8.2f}  {r['load_s']:6.1f}  {r['parent_cpu_s']:12.1f}  "
            f"{r['cpu_ms_per_article']:14.0f}  "
            f"{r['peak_rss_mb']:6.0f}  {r['worker_peak_rss_mb'] or 0:13.0f}"
        )
    for w, ratio in summary["ratios"].items():
        print(f"ratio {w} workers / {counts[0]}: {ratio:.2f} (steady articles/s)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["worker"]:
        print(json.dumps(worker(sys.argv[2], sys.argv[3], sys.argv[4:])))
    else:
        main()
