"""One writer or several: how fast reports are stored, to choose how a Dask ingest writes.

    .venv/bin/python benchmarks/writer_bench.py [--articles 2000] [--writers 2] [--pg-url URL]

In one run, on the same synthetic reports (``eventwire.store.bench.synthetic_report``: the
size of a wire story, 114 evidence spans):

- **one writer**: one process stores every report, one transaction per article (what
  ``eventwire ingest --cluster`` does with the reports the workers send back), into SQLite
  and into PostgreSQL;
- **N writers**: N processes store a share each into PostgreSQL at once (what Dask
  workers writing their own results would do; the store's writer lock and unique keys
  keep it correct);
- **shipping**: the pickled size of a report and the CPU time to pickle and unpickle it
  (what streaming a result back from a worker costs).

Printed: articles/s (wall) and per CPU second of the writing processes, the machine's load
average.  PostgreSQL: ``--pg-url`` (eventwire's tables in it are dropped), else a server
started by ``pgserver`` in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import pickle
import tempfile
import time
from pathlib import Path


def _write(db: str, first: int, count: int, out: multiprocessing.Queue) -> None:
    from eventwire.store import open_store
    from eventwire.store.bench import synthetic_report

    reports = [synthetic_report(n) for n in range(first, first + count)]
    with open_store(db) as store:
        wall, cpu = time.perf_counter(), time.process_time()
        for report in reports:
            store.save(report)
        out.put((time.perf_counter() - wall, time.process_time() - cpu))


def writers(db: str, articles: int, n: int) -> dict:
    """``n`` processes storing ``articles`` between them, at once."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    share = articles // n
    procs = [context.Process(target=_write, args=(db, 1 + k * share, share, out)) for k in range(n)]
    start = time.perf_counter()
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    wall = max(w for w, _ in results)  # from the first write to the last, per process
    cpu = sum(c for _, c in results)
    return {
        "writers": n,
        "articles": share * n,
        "articles_per_s": share * n / wall,
        "articles_per_cpu_s": share * n / cpu,
        "elapsed_s": time.perf_counter() - start,
    }


def shipping(articles: int = 200) -> dict:
    from eventwire.store.bench import synthetic_report

    reports = [synthetic_report(n) for n in range(1, articles + 1)]
    start = time.process_time()
    blobs = [pickle.dumps(r) for r in reports]
    back = [pickle.loads(b) for b in blobs]
    seconds = time.process_time() - start
    assert back[0] == reports[0]
    return {
        "pickled_kib": sum(map(len, blobs)) / len(blobs) / 1024,
        "pickle_and_unpickle_cpu_ms": seconds / len(blobs) * 1000,
    }


def _fresh_pg(url: str) -> None:
    from eventwire.store import open_store, tables

    with open_store(url) as store:
        tables.metadata.drop_all(store.engine)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--pg-url")
    args = parser.parse_args()
    result: dict = {"load_average": os.getloadavg(), "cpu_count": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        server = None
        url = args.pg_url
        if url is None:
            import pgserver

            server = pgserver.get_server(Path(tmp) / "pg", cleanup_mode="stop")
            url = server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
        try:
            result["sqlite, one writer"] = writers(str(Path(tmp) / "w.db"), args.articles, 1)
            _fresh_pg(url)
            result["postgresql, one writer"] = writers(url, args.articles, 1)
            _fresh_pg(url)
            result[f"postgresql, {args.writers} writers"] = writers(
                url, args.articles, args.writers
            )
        finally:
            if server is not None:
                server.cleanup()
    result["shipping a report back"] = shipping()
    result["load_average_after"] = os.getloadavg()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
