"""One more slice on a store that ``scale_bench.py`` grew: clustering CPU of this process
and of the PostgreSQL server.

    .venv/bin/python benchmarks/scale_slice.py --db URL [--slice 5000] [--seed 99]

Stores ``--slice`` synthetic articles dated after the newest one in the store (the same
stream as ``scale_bench.py``, no NLP), clusters them with ``update_incidents`` and prints
the wall rate, the rate per CPU second of this process and, when the server runs on this
machine (processes of the user ``postgres``), the server's CPU for the slice: the figure
``scale_bench.py`` leaves out.  The store keeps the slice (run it on a scratch store).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pwd
import time

from sqlalchemy import text

from eventwire.incidents.cluster import update_incidents
from eventwire.incidents.synthetic import stream
from eventwire.store import open_store


def server_cpu_s(user: str = "postgres") -> float:
    """CPU seconds of the processes of ``user`` and of their finished children."""
    try:
        uid = pwd.getpwnam(user).pw_uid
    except KeyError:
        return 0.0
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.stat(f"/proc/{pid}").st_uid != uid:
                continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(v) for v in fields[11:15])  # utime, stime, cutime, cstime
    return total / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="the grown store (a database URL)")
    parser.add_argument("--slice", type=int, default=5000)
    parser.add_argument("--per-day", type=int, default=300)
    parser.add_argument("--seed", type=int, default=99)
    args = parser.parse_args()
    with open_store(args.db) as store:
        with store.engine.connect() as conn:
            newest = conn.execute(text("SELECT max(published) FROM articles")).scalar()
        start = dt.date.fromisoformat(str(newest)[:10]) + dt.timedelta(days=1)
        chunk = stream(args.slice, per_day=args.per_day, seed=args.seed, start=start)
        store.save_many([report for report, _ in chunk], chunk=1000)
        server, wall, cpu = server_cpu_s(), time.perf_counter(), time.process_time()
        stats = update_incidents(store)
        server = server_cpu_s() - server
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        n = stats.articles
        print(
            f"{store.article_count():,} stored · slice {n} · "
            f"{stats.compared / max(stats.events, 1):.1f} incidents compared per event\n"
            f"wall {wall:.1f} s ({n / wall:.1f} articles/s) · this process {cpu:.1f} s CPU "
            f"({n / cpu:.1f} per CPU s) · server {server:.1f} s CPU · together "
            f"{n / (cpu + server):.1f} per CPU s · load average {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
