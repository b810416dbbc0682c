"""Incidents at scale: clustering speed as a store grows to 1,000,000 articles, and the
REST API's incident endpoints on the full store, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/scale_bench.py [--articles 1000000] [--backends sqlite,postgresql]
        [--checkpoints 10000,100000,1000000] [--slice 5000] [--per-day 300] [--json]

The store grows with a synthetic news stream (``eventwire.incidents.synthetic.stream``:
generated reports, no NLP) of ``--per-day`` articles a day, in publication order: a store
grows by days of news, not by cramming more articles into the same days.

- **Block**: the first ``--slice`` articles (``--per-day`` 300: 17 days of news) are
  stored by ``save_many`` and filled into incidents by their known (gold) grouping,
  written by the clustering step's own code (facts, profiles, reconciliation, blocking
  index with its places: ``GoldClusterer``).
- **Slices**: at each checkpoint C, the last ``--slice`` articles (the next days of the
  stream) are clustered by the real ``update_incidents`` (batches of 100 under the lock,
  blocking, scoring).  That is the figure: **clustering articles/s at C** (wall, and per
  CPU second of the process, which a busy machine disturbs less), with the incidents
  scored per event (the blocking's yield) and the pairwise/B-cubed F1 of the slice.
- **Growth** between checkpoints: copies of the block, each dated after the previous
  (dates, also inside the JSON of profiles, facts and details, shifted by the block's
  span, a year's bounds by whole years; new article and incident ids), bulk-inserted
  table by table: a store of a
  million articles built in minutes, with the density of the stream (incidents per
  country and week) everywhere.  Processing a million articles through the clustering
  code instead takes about 1.4 ms of CPU per article for the fill alone (hours on a busy
  2-core machine).

At the last checkpoint the store is served by ``eventwire serve`` (a subprocess, rate limit
off) and a client on this machine times sequential requests: ``/incidents`` first page
unfiltered, with a type filter, a country filter and a text filter, and ``/incidents/{id}``
of random incidents: p50 and p99 in ms.  Peak RSS is the growing process's own
(``ru_maxrss``: stream, fill and clustering together) and the server's.

PostgreSQL: a server started by ``pgserver`` in a temporary folder (the dev dependency),
or the database ``--pg-url`` names (eventwire's tables in it are dropped first).
Each checkpoint is printed as a JSON line when reached (``--json``: all of it at the end).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

BLOCK_START = dt.date(2020, 2, 1)  # no 1 January or 31 December in the block: those are
# the bounds of the year-precise dates (a background "attack in 2019"), moved a year at a time
FILL_BATCH = 2_000  # articles per clustering transaction of the block's fill
_ISO_DATE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])")
_ARTICLE_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{16}(?![0-9a-f])")


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def gold_clusterer(store: Any, settings: Any = None) -> Any:
    """A Clusterer that joins each event to its gold incident (no candidates, no scores):
    everything else (facts, profiles, reconciliation, blocks, writes) is the real code."""
    from eventwire.incidents.cluster import Clusterer, _Working
    from eventwire.incidents.similarity import Profile

    class GoldClusterer(Clusterer):
        def __init__(self) -> None:
            super().__init__(store, settings)
            self.gold: dict[tuple[str, str], Any] = {}
            self.ids: dict[Any, int] = {}  # gold label → incident id
            self._keys: dict[Any, tuple[str, int]] = {}  # gold label → key in the batch

        def _assign(self, facts: Any, working: dict, stats: Any) -> None:
            r = facts.report
            label = self.gold.pop((r.article_id, r.event_id), ("alone", r.article_id, r.event_id))
            key = self._keys.get(label)
            if key is None:
                known = self.ids.get(label)
                if known is not None:
                    key = ("db", known)
                    cached = self._profiles.get(known)
                    if cached is None:
                        found = self._batch.profiles([known])[known]
                        cached = (found[0], Profile.model_validate(found[1]))
                    working[key] = _Working(id=known, profile=cached[1].model_copy(deep=True))
                    stats.joined += 1
                else:
                    key = ("new", len(working))
                    working[key] = _Working(id=None, profile=Profile(type=str(facts.features.type)))
                    stats.started += 1
                self._keys[label] = key
            else:
                stats.joined += 1
            facts.report.score = 1.0
            target = working[key]
            target.profile.add(facts.features)
            target.new.append((r.article_id, r.event_id, 1.0, facts))

        def _write(self, working: dict, articles: list[str]) -> dict:
            ids = super()._write(working, articles)
            for label, key in self._keys.items():
                self.ids[label] = ids[key]
            self._keys.clear()
            return ids

    return GoldClusterer()


def fill(store: Any, clusterer: Any, batch: int = FILL_BATCH) -> None:
    """Write every queued article into its gold incident, ``batch`` articles at a time."""
    from eventwire.incidents.cluster import UpdateStats

    stats = UpdateStats()
    while True:
        with store.clustering() as work:
            ids = work.unclustered(batch)
            if not ids:
                return
            clusterer.run(work, work.reports(ids), stats, ids)


class Block:
    """The rows of the block (every table but the queue), read once, copied many times."""

    TABLES = (
        "articles",
        "actors",
        "places",
        "dates",
        "events",
        "statements",
        "arguments",
        "mentions",
        "place_uses",
        "incidents",
        "incident_events",
        "incident_actors",
        "clustered_articles",
    )

    def __init__(self, store: Any) -> None:
        from eventwire.store import tables

        self.store = store
        self.tables = {name: tables.metadata.tables[name] for name in self.TABLES}
        self.rows: dict[str, list[dict]] = {}
        with store.engine.connect() as conn:
            for name, table in self.tables.items():
                self.rows[name] = [dict(r) for r in conn.execute(table.select()).mappings()]
        for name in ("articles", "arguments", "mentions"):  # storage order: given anew
            for row in self.rows[name]:
                row.pop("seq")
        published = [r["published"] for r in self.rows["articles"] if r["published"]]
        self.first = min(published)
        self.span = (max(published) - self.first).days + 1
        self.copies = 0

    def copy(self, start: dt.date) -> int:
        """Insert one copy of the block dated from ``start`` on; returns its articles."""
        from eventwire.store import tables
        from eventwire.store.clustering import block_rows, place_rows, year_rows
        from eventwire.store.rows import url_key

        self.copies += 1
        tag = self.copies
        shift = dt.timedelta(days=(start - self.first).days)
        now = dt.datetime.now(dt.UTC)
        ids = {
            r["id"]: hashlib.sha256(f"{r['id']}/{tag}".encode()).hexdigest()[:16]
            for r in self.rows["articles"]
        }
        with self.store.engine.connect() as conn:
            top = (
                conn.scalar(
                    tables.incidents.select()
                    .with_only_columns(tables.incidents.c.id)
                    .order_by(tables.incidents.c.id.desc())
                    .limit(1)
                )
                or 0
            )
        incident_ids = {r["id"]: top + n for n, r in enumerate(self.rows["incidents"], 1)}

        years = (self.first + shift).year - self.first.year

        def day(value: Any) -> Any:
            return dt.date.fromisoformat(moved(value.isoformat())) if value else value

        def moved(iso: str) -> str:
            date = dt.date.fromisoformat(iso)
            if (date.month, date.day) in ((1, 1), (12, 31)):  # a year's bounds: a year on
                return date.replace(year=date.year + years).isoformat()
            return (date + shift).isoformat()

        def text(value: str) -> str:
            value = _ISO_DATE.sub(lambda m: moved(m[0]), value)
            return _ARTICLE_ID.sub(lambda m: ids.get(m[0], m[0]), value)

        def js(value: Any) -> Any:
            return json.loads(text(json.dumps(value)))

        out: dict[str, list[dict]] = {}
        for name, rows in self.rows.items():
            fresh = []
            for row in rows:
                row = dict(row)
                if "article_id" in row:
                    row["article_id"] = ids[row["article_id"]]
                if "incident_id" in row:
                    row["incident_id"] = incident_ids[row["incident_id"]]
                for key in ("first_day", "last_day", "published", "first_published",
                            "last_published"):  # fmt: skip
                    if key in row:
                        row[key] = day(row[key])
                for key in ("stored_at", "clustered_at", "updated_at"):
                    if key in row:
                        row[key] = now
                if name == "articles":
                    row["id"] = ids[row["id"]]
                    row["url"] = f"{row['url']}#{tag}" if row["url"] else None
                    row["url_key"] = url_key(row["url"])
                elif name == "dates":
                    row["value"] = text(row["value"])
                elif name == "incidents":
                    row["id"] = incident_ids[row["id"]]
                    row["label"], row["search"] = text(row["label"]), text(row["search"])
                    row["profile"], row["detail"] = js(row["profile"]), js(row["detail"])
                elif name == "incident_events":
                    row["facts"] = js(row["facts"])
                fresh.append(row)
            out[name] = fresh
        keys = [(r["id"], r["type"], r["country"], r["first_day"], r["last_day"])
                for r in out["incidents"]]  # fmt: skip
        out["incident_blocks"] = [b for k in keys for b in block_rows(*k)]
        out["incident_years"] = [b for k in keys for b in year_rows(*k)]
        out["incident_places"] = [
            b
            for k, r in zip(keys, out["incidents"], strict=True)
            for b in place_rows(*k, r["profile"])
        ]
        index = ("incident_blocks", "incident_years", "incident_places")
        with self.store.engine.begin() as conn:
            for name in (*self.TABLES, *index):
                if out[name]:
                    conn.execute(tables.metadata.tables[name].insert(), out[name])
            if conn.dialect.name == "postgresql":  # explicit ids: move the sequence on
                conn.exec_driver_sql(
                    "SELECT setval(pg_get_serial_sequence('incidents', 'id'), "
                    "(SELECT max(id) FROM incidents))"
                )
        return len(out["articles"])


def grow(db: str, args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    """Grow the store at ``db`` checkpoint by checkpoint; a dict of figures at each."""
    from eventwire.evaluate.clustering import bcubed, pairwise
    from eventwire.incidents.cluster import update_incidents
    from eventwire.incidents.synthetic import stream
    from eventwire.store import open_store

    checkpoints = sorted(c for c in args.checkpoints if c <= args.articles)
    size = args.slice
    for c in checkpoints:
        if c % size or c < 2 * size:
            raise SystemExit(f"checkpoint {c}: not a multiple of --slice {size} (≥ 2 slices)")
    with open_store(db) as store:
        clusterer = gold_clusterer(store)
        block = list(stream(size, per_day=args.per_day, seed=args.seed, start=BLOCK_START))
        for _, gold in block:
            clusterer.gold.update(gold)
        start = time.perf_counter()
        store.save_many([r for r, _ in block], chunk=1000)
        fill(store, clusterer)
        template = Block(store)
        stored = size
        grow_s = time.perf_counter() - start
        end = max(r.article.published for r, _ in block)
        for n, checkpoint in enumerate(checkpoints):
            start = time.perf_counter()
            while stored < checkpoint - size:
                stored += template.copy(end + dt.timedelta(days=1))
                end += dt.timedelta(days=template.span)
            grow_s += time.perf_counter() - start
            chunk = list(stream(size, per_day=args.per_day, seed=args.seed + n + 1, start=end))
            end = max(r.article.published for r, _ in chunk)
            gold = {k: v for _, g in chunk for k, v in g.items()}
            store.save_many([r for r, _ in chunk], chunk=1000)
            stored += len(chunk)
            wall, cpu = time.perf_counter(), time.process_time()
            stats = update_incidents(store)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            predicted: dict[tuple[str, str], Any] = {}
            for article in {a for a, _ in gold}:
                for event, incident in store.incidents_of(article).items():
                    predicted[(article, event)] = incident
            predicted = {k: predicted.get(k, f"missing-{k}") for k in gold}
            _, incidents = store.incidents(limit=0)
            yield {
                "articles": store.article_count(),
                "slice": stats.articles,
                "events": stats.events,
                "compared_per_event": stats.compared / max(stats.events, 1),
                "cluster_s": wall,
                "cluster_cpu_s": cpu,
                "articles_per_s": stats.articles / wall,
                "articles_per_cpu_s": stats.articles / cpu,
                "incidents": incidents,
                "days": (end - template.first).days + 1,
                "pairwise_f1": pairwise(gold, predicted).f1,
                "bcubed_f1": bcubed(gold, predicted).f1,
                "grow_s_so_far": grow_s,
                "peak_rss_mb": _rss_mb(),
            }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {"p50_ms": statistics.median(ordered) * 1000, "p99_ms": p99 * 1000, "n": len(ordered)}


def serve_and_time(db: str, requests: int, seed: int) -> dict[str, Any]:
    """Serve ``db`` with ``eventwire serve`` and time the incident endpoints from here."""
    import httpx

    port = _free_port()
    env = {**os.environ, "EVENTWIRE_API_READ_RATE": "0", "EVENTWIRE_API_TOKEN": ""}
    eventwire = Path(sys.executable).with_name("eventwire")
    server = subprocess.Popen(
        [str(eventwire), "serve", "--db", db, "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(600):
                try:
                    if client.get("/info").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            else:
                raise SystemExit(f"eventwire serve did not start: {server.stderr.read()}")
            first = client.get("/incidents", params={"limit": 1}).json()
            total = first["total"]
            newest = first["items"][0]["id"]
            rng = random.Random(seed)
            cases = {
                "/incidents (first page)": lambda: ("/incidents", {}),
                "/incidents?type=ASSAULT": lambda: ("/incidents", {"type": "ASSAULT"}),
                "/incidents?country=IRQ": lambda: ("/incidents", {"country": "IRQ"}),
                "/incidents?q=market": lambda: ("/incidents", {"q": "market"}),
                "/incidents/{id}": lambda: (f"/incidents/{rng.randint(1, newest)}", {}),
            }
            result: dict[str, Any] = {"incidents": total}
            for name, make in cases.items():
                times = []
                for n in range(requests + 5):
                    path, params = make()
                    start = time.perf_counter()
                    answer = client.get(path, params=params)
                    took = time.perf_counter() - start
                    if answer.status_code not in (200, 404):
                        raise SystemExit(f"{path} {params}: HTTP {answer.status_code}")
                    if n >= 5:  # the first requests warm the caches
                        times.append(took)
                result[name] = _percentiles(times)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return result


def run_backend(backend: str, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    """Grow a store of this backend in a child process, then serve and time it."""
    pg = None
    if backend == "sqlite":
        db = str(tmp / "scale.db")
    elif args.pg_url:
        db = args.pg_url
    else:
        import pgserver

        pg = pgserver.get_server(tmp / "pg", cleanup_mode="stop")
        db = pg.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    if backend == "postgresql":
        from eventwire.store import open_store, tables

        with open_store(db) as store:
            tables.metadata.drop_all(store.engine)
    try:
        child = subprocess.Popen(
            [sys.executable, __file__, "grow", db, json.dumps(vars(args))],
            stdout=subprocess.PIPE,
            text=True,
        )
        checkpoints = []
        assert child.stdout is not None
        for line in child.stdout:
            figures = json.loads(line)
            figures["backend"] = backend
            checkpoints.append(figures)
            if not args.json:
                print(json.dumps(figures), flush=True)
        if child.wait() != 0:
            raise SystemExit(f"growing the {backend} store failed")
        served = serve_and_time(db, args.requests, args.seed)
        served["server_peak_rss_mb"] = _rss_mb(resource.RUSAGE_CHILDREN)
        if not args.json:
            print(json.dumps({"backend": backend, **served}), flush=True)
        return {"checkpoints": checkpoints, "served": served}
    finally:
        if pg is not None:
            pg.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument(
        "--checkpoints",
        type=lambda s: [int(x) for x in s.split(",")],
        default=[10_000, 100_000, 1_000_000],
    )
    parser.add_argument("--slice", type=int, default=5_000, help="articles clustered at each")
    parser.add_argument("--per-day", type=int, default=300, help="articles a day of the stream")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg-url", help="a scratch PostgreSQL database (default: pgserver)")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per endpoint")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--tmp", help="folder for the stores (default: a temporary one)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        for backend in args.backends.split(","):
            results[backend] = run_backend(backend, args, Path(tmp))
    summary = {
        backend: {
            "rate_at": {c["articles"]: round(c["articles_per_s"], 1) for c in r["checkpoints"]},
            "ratio_last_to_first": r["checkpoints"][-1]["articles_per_s"]
            / r["checkpoints"][0]["articles_per_s"],
            "cpu_ratio_last_to_first": r["checkpoints"][-1]["articles_per_cpu_s"]
            / r["checkpoints"][0]["articles_per_cpu_s"],
        }
        for backend, r in results.items()
    }
    if args.json:
        print(json.dumps({"results": results, "summary": summary}, indent=2))
    else:
        print(json.dumps({"summary": summary}, indent=2))


if __name__ == "__main__":
    if sys.argv[1:2] == ["grow"]:
        options = argparse.Namespace(**json.loads(sys.argv[3]))
        for figures in grow(sys.argv[2], options):
            print(json.dumps(figures), flush=True)
    else:
        main()
