"""Speed, memory and scores of incident clustering on a synthetic stress set.

    .venv/bin/python benchmarks/cluster_bench.py [--articles 10000] [--json]

The set is generated at run time from templates (nothing is committed as data): incidents
of several types in real cities (coordinates from the gazetteer), each reported by 1 to 12
articles over a few days by different outlets, with changing death tolls, places given as
the city, its province or its country, dates given as the day or left out, and background
events (a year-old attack in the same city) mixed in.  The gold incident of every event is
known, so the run also scores the clustering (pairwise and B-cubed).

Each phase runs in a fresh subprocess so that its peak RSS is its own:

1. ``generate``: build the reports and store them (``Store.save_many``): the baseline, the
   cost of writing the same articles;
2. ``cluster``: ``update_incidents`` over all of them (incremental, batch by batch).

Printed: articles/s of each phase (wall clock, and per CPU second of the process, which a
busy machine disturbs less), their ratio, peak RSS, incidents found and the scores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CITIES = [
    "Mosul", "Kirkuk", "Baghdad", "Basra", "Peshawar", "Quetta", "Karachi", "Lahore", "Kabul",
    "Kandahar", "Jalalabad", "Herat", "Kerman", "Tehran", "Zahedan", "Aleppo", "Damascus",
    "Homs", "Idlib", "Gaza", "Khan Yunis", "Sanaa", "Aden", "Taiz", "Mogadishu", "Kismayo",
    "Maiduguri", "Kano", "Gusau", "Bamako", "Gao", "Ouagadougou", "Niamey", "Goma", "Bunia",
    "Beni", "Juba", "Khartoum", "El Fasher", "Tripoli", "Benghazi", "Sirte", "Kharkiv",
    "Donetsk", "Kherson", "Odesa", "Mandalay", "Myitkyina", "Cotabato", "Marawi",
]  # fmt: skip
TYPES = {
    "ASSAULT": [
        ("A car bomb exploded near a {target} in {where} on {day}, killing {n} people.", "bombing"),
        ("Gunmen opened fire at a {target} in {where} on {day}, killing {n} people.", "gunmen"),
        ("A drone strike hit a {target} in {where} on {day}, killing {n} people.", "drone"),
    ],
    "PROTEST": [("Thousands of protesters marched to a {target} in {where} on {day}.", "march")],
    "COERCE": [("Police arrested {n} people at a {target} in {where} on {day}.", "arrested")],
}
TARGETS = ["market", "checkpoint", "mosque", "bus station", "school", "hospital", "court"]
OUTLETS = [f"outlet{k}.example" for k in range(40)]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _places():
    from eventwire.knowledge.gazetteer import gazetteer

    g = gazetteer()
    found = []
    for name in CITIES:
        city = next((e for e in g.lookup(name) if e.feature == "city"), None)
        if city is None:
            continue
        province = g.get(city.admin1_id) if city.admin1_id else None
        country = next((e for e in g.lookup(city.country or "") if e.feature == "country"), None)
        found.append((city, province, country))
    return found


def _place(entry, pid: str, text: str, words: str):
    from eventwire.model import Place, Span

    start = text.index(words)
    return Place(
        id=pid,
        geonames_id=entry.geonames_id,
        name=entry.name,
        country=entry.country,
        admin1=entry.admin1,
        lat=entry.lat,
        lon=entry.lon,
        feature=entry.feature,
        confidence=0.9,
        mentions=[Span(text=words, start=start, end=start + len(words))],
    )


def generate(n_articles: int, seed: int = 7):
    """(reports, gold) where gold maps (article id, event id) to a gold incident number."""
    from eventwire.ingest.article import article_id
    from eventwire.model import Arg, Article, ArticleReport, Count, Event, Span, When

    rng = random.Random(seed)
    places = _places()
    reports, gold = [], {}
    incident = 0
    base = dt.date(2024, 1, 1)
    while len(reports) < n_articles:
        incident += 1
        kind = rng.choice(list(TYPES))
        template, _ = rng.choice(TYPES[kind])
        city, province, country = rng.choice(places)
        target = rng.choice(TARGETS)
        day = base + dt.timedelta(days=rng.randrange(365))
        toll = rng.randrange(2, 60)
        for k in range(min(rng.randrange(1, 13), n_articles - len(reports))):
            published = day + dt.timedelta(days=rng.choice([0, 0, 1, 1, 2, 3]))
            toll_now = toll + k * rng.randrange(0, 4)
            level = rng.random()
            entry, words = (
                (city, city.name)
                if level < 0.6 or province is None
                else (province, province.name)
                if level < 0.85
                else (country, country.name)
                if country
                else (city, city.name)
            )
            weekday = WEEKDAYS[day.weekday()]
            dated = rng.random() < 0.7
            text = template.format(
                target=target, where=words, day=weekday if dated else "recently", n=toll_now
            )
            text += f" Officials told outlet {k} that the {target} was closed."
            background = rng.random() < 0.15
            if background:
                text += (
                    f" A similar attack on a {target} in {words} in {day.year - 1} "
                    "killed many people."
                )
            aid = article_id(f"{text}\n{incident}-{k}")
            sentence = Span.of(text, 0, text.index(".") + 1)
            trigger_word = text.split()[2]
            t0 = text.index(trigger_word)
            place = _place(entry, "P1", text, words)
            dates, date_id = [], None
            if dated:
                d0 = text.index(weekday)
                dates.append(
                    When(
                        id="D1",
                        value=day.isoformat(),
                        granularity="day",
                        start=day,
                        end=day,
                        relative=True,
                        span=Span(text=weekday, start=d0, end=d0 + len(weekday)),
                    )
                )
                date_id = "D1"
            n0 = text.index(str(toll_now)) if kind != "PROTEST" else None
            events = [
                Event(
                    id="E1",
                    type=kind,
                    trigger=Span(text=trigger_word, start=t0, end=t0 + len(trigger_word)),
                    sentence=sentence,
                    place=[Arg(place_id="P1", span=place.mentions[0])],
                    date=date_id,
                    killed=Count(
                        min=toll_now,
                        max=toll_now,
                        span=Span(text=str(toll_now), start=n0, end=n0 + len(str(toll_now))),
                    )
                    if kind == "ASSAULT" and n0 is not None
                    else None,
                )
            ]
            gold[(aid, "E1")] = incident
            if background:
                b0 = text.index("A similar attack")
                y = str(day.year - 1)
                y0 = text.index(y, b0)
                dates.append(
                    When(
                        id="D2",
                        value=y,
                        granularity="year",
                        start=dt.date(day.year - 1, 1, 1),
                        end=dt.date(day.year - 1, 12, 31),
                        span=Span(text=y, start=y0, end=y0 + len(y)),
                    )
                )
                w0 = text.index(words, b0)
                events.append(
                    Event(
                        id="E2",
                        type="ASSAULT",
                        trigger=Span(text="attack", start=b0 + 10, end=b0 + 16),
                        sentence=Span.of(text, b0, len(text)),
                        date="D2",
                        place=[
                            Arg(place_id="P1", span=Span(text=words, start=w0, end=w0 + len(words)))
                        ],
                    )
                )
                gold[(aid, "E2")] = f"background-{incident}"
            reports.append(
                ArticleReport(
                    article=Article(
                        id=aid,
                        url=f"https://{rng.choice(OUTLETS)}/{incident}/{k}",
                        outlet=rng.choice(OUTLETS),
                        published=published,
                        text=text,
                    ),
                    places=[place],
                    dates=dates,
                    events=events,
                )
            )
    rng.shuffle(reports)  # outlets publish in no particular order of incidents
    return reports, gold


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
