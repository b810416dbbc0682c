"""Speed, memory and scores of incident clustering on a synthetic stress set.

    .venv/bin/python benchmarks/cluster_bench.py [--articles 10000] [--json]

The set is generated at run time from templates (nothing is committed as data): incidents
of several types in real cities (coordinates from the gazetteer), each reported by 1 to 12
articles over a few days by different outlets, with changing death tolls, places given as
the city, its province or its country, dates given as the day or left out, and background
events (a year-old attack in the same city, no incident) mixed in.  The gold incident of
every other event is known, so the run also scores the clustering (pairwise and B-cubed).

Each phase runs in a fresh subprocess so that its peak RSS is its own:

1. ``generate``: build the reports and store them (``Store.save_many``): the baseline, the
   cost of writing the same articles;
2. ``cluster``: ``update_incidents`` over all of them (incremental, batch by batch).

Printed: articles/s of each phase (wall clock, and per CPU second of the process, which a
busy machine disturbs less), their ratio, peak RSS, incidents found and the scores.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def generate(n_articles: int, seed: int = 7):
    """(reports, gold) where gold maps (article id, event id) to a gold incident number."""
    from eventwire.incidents.synthetic import stress_set

    return stress_set(n_articles, seed)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_generate(db: str, n: int, gold_path: str) -> dict:
    from eventwire.store import open_store

    reports, gold = generate(n)
    Path(gold_path).write_text(
        json.dumps([[a, e, str(g)] for (a, e), g in gold.items()]), encoding="utf-8"
    )
    with open_store(db) as store:
        start, cpu = time.perf_counter(), time.process_time()
        store.save_many(reports)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"articles": len(reports), "seconds": seconds, "cpu_s": cpu, "peak_rss_mb": _rss_mb()}


def phase_cluster(db: str, gold_path: str) -> dict:
    from eventwire.evaluate.clustering import bcubed, pairwise
    from eventwire.incidents.cluster import update_incidents
    from eventwire.store import open_store

    with open_store(db) as store:
        start, cpu = time.perf_counter(), time.process_time()
        stats = update_incidents(store)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        gold = {(a, e): g for a, e, g in json.loads(Path(gold_path).read_text("utf-8"))}
        predicted = {}
        for article in {a for a, _ in gold}:
            for event, incident in store.incidents_of(article).items():
                predicted[(article, event)] = incident
        predicted = {k: predicted.get(k, f"missing-{k}") for k in gold}
        _, incidents = store.incidents(limit=0)
    p, b = pairwise(gold, predicted), bcubed(gold, predicted)
    return {
        "articles": stats.articles,
        "events": stats.events,
        "seconds": seconds,
        "cpu_s": cpu,
        "peak_rss_mb": _rss_mb(),
        "incidents": incidents,
        "gold_incidents": len(set(gold.values())),
        "pairwise": {"p": p.p, "r": p.r, "f1": p.f1},
        "bcubed": {"p": b.p, "r": b.r, "f1": b.f1},
    }


def _child(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"benchmark phase {args[0]} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db, gold = str(Path(tmp) / "stress.db"), str(Path(tmp) / "gold.json")
        stored = _child("generate", db, str(args.articles), gold)
        clustered = _child("cluster", db, gold)
    result = {"store": stored, "cluster": clustered}
    for phase in result.values():
        phase["articles_per_s"] = phase["articles"] / phase["seconds"]
        phase["articles_per_cpu_s"] = phase["articles"] / phase["cpu_s"]
    result["ratio_cluster_to_store"] = (
        result["cluster"]["articles_per_s"] / result["store"]["articles_per_s"]
    )
    if args.json:
        print(json.dumps(result, indent=2))
        return
    s, c = result["store"], result["cluster"]
    print(f"synthetic stress set: {s['articles']} articles, {c['events']} events")
    for name, v, note in (("store (baseline)", s, " (generation included)"), ("cluster", c, "")):
        print(
            f"{name}: {v['articles_per_s']:,.0f} articles/s ({v['seconds']:.1f} s wall), "
            f"{v['articles_per_cpu_s']:,.0f} articles per CPU second ({v['cpu_s']:.1f} s), "
            f"peak RSS {v['peak_rss_mb']:.0f} MB{note}"
        )
    print(f"ratio cluster/store (wall): {result['ratio_cluster_to_store']:.2f}")
    print(f"incidents: {c['incidents']} found, {c['gold_incidents']} in gold")
    for name in ("pairwise", "bcubed"):
        v = c[name]
        print(f"{name}: P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["generate"]:
        db, n, gold = sys.argv[2:5]
        print(json.dumps(phase_generate(db, int(n), gold)))
    elif sys.argv[1:2] == ["cluster"]:
        print(json.dumps(phase_cluster(*sys.argv[2:4])))
    else:
        main()
