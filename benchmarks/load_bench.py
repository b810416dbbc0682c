"""Load benchmark of the REST API: concurrent clients on loopback against a large store.

    .venv/bin/python benchmarks/load_bench.py [--articles 10000] [--clients 50]
                                              [--seconds 20] [--db PATH] [--json]

1. The store: ``--articles`` synthetic reports (``eventwire.incidents.synthetic``:
   real cities, 1 to 12 reports per incident, background events; each report given 2 to 4
   actors from a pool of names), stored and clustered into incidents.  ``--db PATH`` keeps
   it for the next run (it is reused when it holds enough articles).
2. The server: ``eventwire serve`` in its own process, as a user runs it, with the read
   rate limit off (``EVENTWIRE_API_READ_RATE=0``).
3. The clients: ``--clients`` connections (keep-alive, HTTP/1.1) in one asyncio process on
   the same machine, each sending its next request as soon as the last is answered, for
   ``--seconds`` after a 2-second warm-up.  The mix is what the web page and API users ask:
   the list endpoints (``/incidents`` with and without filters, at any offset;
   ``/articles`` and ``/actors`` at any offset), single items (``/incidents/{id}``,
   ``/articles/{id}``) and ``/facets``.

Printed: requests/s, p50 and p99 latency overall and per endpoint, and errors (a status
other than 200, or a connection failure).  Targets: 0 errors; p99 <= 500 ms for the list
endpoints, with the clients on the same 2 cores as the server.  The client is a minimal
HTTP/1.1 client on asyncio streams, so that the load generator costs the shared CPU as
little as possible.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

LIST_ENDPOINTS = ("incidents", "incidents?filters", "articles", "actors")
NAMES = [
    ("Islamic State", "armed_group", None), ("al-Shabaab", "armed_group", "SOM"),
    ("Boko Haram", "armed_group", "NGA"), ("Taliban", "armed_group", "AFG"),
    ("Houthis", "armed_group", "YEM"), ("Wagner Group", "armed_group", "RUS"),
    ("Pakistan Army", "military", "PAK"), ("Iraqi Army", "military", "IRQ"),
    ("Nigerian Army", "military", "NGA"), ("Kenya Police", "police", "KEN"),
    ("United Nations", "igo", None), ("African Union", "igo", None),
    ("Red Cross", "ngo", None), ("Amnesty International", "ngo", None),
    ("Reuters", "media", None), ("civilians", "civilians", None),
]  # fmt: skip
NAMES += [(f"Local Militia {k}", "armed_group", None) for k in range(200)]
NAMES += [(f"Governor {k}", "person", None) for k in range(300)]


# --- the store ---------------------------------------------------------------------------


def build_store(db: Path, n: int) -> dict:
    """Generate, store and cluster ``n`` synthetic articles into ``db`` (reused when it
    already holds at least ``n``)."""
    from eventwire.incidents.cluster import update_incidents
    from eventwire.model import Actor, Span
    from eventwire.store import open_store

    with open_store(db) as store:
        have = store.counts()["articles"]
        if have < n:
            from eventwire.incidents.synthetic import stress_set

            start = time.perf_counter()
            reports, _ = stress_set(n)
            rng = random.Random(11)
            for report in reports:
                text = report.article.text
                for k in range(rng.randint(2, 4)):
                    name, kind, country = rng.choice(NAMES)
                    report.actors.append(
                        Actor(
                            id=f"A{k + 1}",
                            name=name,
                            kind=kind,
                            country=country,
                            mentions=[Span.of(text, 0, min(5, len(text)))],
                        )
                    )
            store.save_many(reports)
            update_incidents(store)
            print(f"store: {n:,} articles built in {time.perf_counter() - start:.0f} s")
        _, incidents = store.incidents(limit=0)
        articles = [a.id for a in store.articles(limit=500)]
        actors, n_actors = store.actors(limit=50)
        return {
            "articles": store.counts()["articles"],
            "incidents": incidents,
            "actors": n_actors,
            "article_ids": articles,
            "countries": sorted({i.country for i in store.incidents(limit=500)[0] if i.country}),
            "actor_keys": [a.key for a in actors],
        }


# --- the server --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "EVENTWIRE_API_READ_RATE": "0"}
    env.pop("EVENTWIRE_API_TOKEN", None)
    command = [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"eventwire serve stopped:\n{server.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("eventwire serve did not answer within 60 s")


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- the clients -------------------------------------------------------------------------


def next_request(rng: random.Random, facts: dict) -> tuple[str, str]:
    """(endpoint, path) of a request of the mix."""
    incidents, articles, actors = facts["incidents"], facts["articles"], facts["actors"]
    roll = rng.random()
    if roll < 0.25:
        return "incidents", f"/incidents?limit=50&offset={rng.randrange(max(1, incidents))}"
    if roll < 0.45:
        filters = rng.choice(
            [
                f"country={rng.choice(facts['countries'] or ['IRQ'])}",
                "type=ASSAULT",
                "q=market",
                "bbox=40,20,80,40",
                "start=2024-01-01&end=2024-06-30",
                f"actor={quote(rng.choice(facts['actor_keys'] or ['boko haram']))}",
            ]
        )
        offset = rng.choice([0, 0, 50, 500])
        return "incidents?filters", f"/incidents?{filters}&limit=50&offset={offset}"
    if roll < 0.60:
        return "articles", f"/articles?limit=50&offset={rng.randrange(max(1, articles))}"
    if roll < 0.72:
        return "actors", f"/actors?limit=50&offset={rng.randrange(max(1, actors))}"
    if roll < 0.86:
        return "incident", f"/incidents/{rng.randint(1, max(1, incidents))}"
    if roll < 0.96:
        return "article", f"/articles/{rng.choice(facts['article_ids'])}"
    return "facets", "/facets"


async def _get(reader, writer, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length, chunked = 0, False
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while size := int((await reader.readline()).strip() or b"0", 16):
            await reader.readexactly(size + 2)
        await reader.readline()
    else:
        await reader.readexactly(length)
    return status


async def client(
    port: int, facts: dict, seed: int, start: float, stop: float, results: dict
) -> None:
    rng = random.Random(seed)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while (now := time.perf_counter()) < stop:
            endpoint, path = next_request(rng, facts)
            try:
                status = await _get(reader, writer, path)
            except (ConnectionError, asyncio.IncompleteReadError, ValueError):
                status = 0
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            seconds = time.perf_counter() - now
            if now >= start:  # after the warm-up
                results[endpoint].append(seconds)
                if status != 200:
                    results["errors"].append(f"{status} {path}")
    finally:
        writer.close()


async def load(port: int, facts: dict, clients: int, seconds: float, warmup: float) -> dict:
    results: dict[str, list] = defaultdict(list)
    begin = time.perf_counter()
    start, stop = begin + warmup, begin + warmup + seconds
    await asyncio.gather(
        *(client(port, facts, seed, start, stop, results) for seed in range(clients))
    )
    return results


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(results: dict, seconds: float) -> dict:
    latencies = {k: v for k, v in results.items() if k != "errors"}
    every = [x for v in latencies.values() for x in v]
    lists = [x for k in LIST_ENDPOINTS for x in latencies.get(k, [])]
    return {
        "requests": len(every),
        "requests_per_s": len(every) / seconds,
        "p50_ms": percentile(every, 0.50) * 1000,
        "p99_ms": percentile(every, 0.99) * 1000,
        "lists_p50_ms": percentile(lists, 0.50) * 1000,
        "lists_p99_ms": percentile(lists, 0.99) * 1000,
        "errors": len(results.get("errors", [])),
        "error_examples": results.get("errors", [])[:5],
        "endpoints": {
            name: {
                "requests": len(v),
                "p50_ms": percentile(v, 0.50) * 1000,
                "p99_ms": percentile(v, 0.99) * 1000,
                "mean_ms": statistics.fmean(v) * 1000 if v else 0.0,
            }
            for name, v in sorted(latencies.items())
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--db", type=Path, default=None, help="keep the store here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "load.db"
        facts = build_store(db, args.articles)
        port = free_port()
        server = start_server(db, port)
        try:
            cpu_before = cpu_seconds(server.pid)
            client_before = time.process_time()
            results = asyncio.run(load(port, facts, args.clients, args.seconds, args.warmup))
            server_cpu = cpu_seconds(server.pid) - cpu_before
            client_cpu = time.process_time() - client_before
        finally:
            server.terminate()
            server.wait(timeout=30)
    out = {
        "store": {k: facts[k] for k in ("articles", "incidents", "actors")},
        "clients": args.clients,
        "seconds": args.seconds,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg()[0],
        **summary(results, args.seconds),
    }
    # the CPU of the warm-up is in the totals, its requests are not: a slight overestimate
    out["server_cpu_ms_per_request"] = 1000 * server_cpu / max(1, out["requests"])
    out["client_cpu_ms_per_request"] = 1000 * client_cpu / max(1, out["requests"])
    if args.json:
        print(json.dumps(out, indent=2))
        return
    s = out["store"]
    print(
        f"store: {s['articles']:,} articles, {s['incidents']:,} incidents, "
        f"{s['actors']:,} actors; {args.clients} clients for {args.seconds:g} s on loopback"
    )
    print(
        f"{out['requests_per_s']:.0f} requests/s ({out['requests']:,} requests); "
        f"p50 {out['p50_ms']:.0f} ms, p99 {out['p99_ms']:.0f} ms; errors {out['errors']}"
    )
    print(
        f"list endpoints: p50 {out['lists_p50_ms']:.0f} ms, p99 {out['lists_p99_ms']:.0f} ms "
        "(target: p99 <= 500 ms, 0 errors)"
    )
    print(
        f"CPU per request: server {out['server_cpu_ms_per_request']:.1f} ms, clients "
        f"{out['client_cpu_ms_per_request']:.1f} ms (warm-up included); "
        f"{out['cpus']} CPUs, load average {out['load_average']:.1f} at the end"
    )
    for name, v in out["endpoints"].items():
        print(
            f"  {name:<18} {v['requests']:>6} requests  p50 {v['p50_ms']:>6.0f} ms  "
            f"p99 {v['p99_ms']:>6.0f} ms"
        )
    for example in out["error_examples"]:
        print(f"  error: {example}")


if __name__ == "__main__":
    main()
