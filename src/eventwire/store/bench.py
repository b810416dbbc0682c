"""Store benchmark: writes and reads of synthetic reports, against a baseline in the same run.

    python -m eventwire.store.bench [ARTICLES] [--db URL]

Writes ARTICLES reports (default 2000) with ``save`` (one transaction per article: the
baseline) and with ``save_many`` (one transaction per chunk of 200), each into a new
database, then reads them back with ``get`` (one article at a time) and ``reports()``
(200 at a time).  Without ``--db`` the databases are SQLite files in a temporary folder;
with a PostgreSQL URL, eventwire's tables in it are dropped first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from eventwire.model import (
    Actor,
    Arg,
    Article,
    ArticleReport,
    Count,
    Event,
    Place,
    Span,
    Statement,
    When,
)
from eventwire.store import Store, open_store, tables

PARAGRAPH = (
    "Gunmen from the Northern Front attacked a market in Kano on Friday, killing at least "
    "{n} people, police spokesman Musa Ade said. The Northern Front claimed the attack. "
)


def synthetic_report(number: int, paragraphs: int = 6) -> ArticleReport:
    """A report about the size of a wire story's: per paragraph 3 actors, 1 place, 1 date,
    1 event with 4 arguments and a count, 2 statements."""
    text = "".join(PARAGRAPH.format(n=number * 10 + k) for k in range(paragraphs))
    report = ArticleReport(
        article=Article(
            id=f"{number:016x}",
            url=f"https://bench.example/{number}",
            published=dt.date(2024, 1, 4),
            text=text,
        ),
        pipeline="bench",
    )
    offset = 0
    for k in range(paragraphs):
        para = PARAGRAPH.format(n=number * 10 + k)

        def at(phrase: str, para: str = para, offset: int = offset) -> Span:
            start = offset + para.index(phrase)
            return Span.of(text, start, start + len(phrase))

        a, p, d, e = f"A{3 * k + 1}", f"P{k + 1}", f"D{k + 1}", f"E{k + 1}"
        report.actors += [
            Actor(id=a, name="Northern Front", kind="armed_group", ref="northern_front",
                  mentions=[at("Northern Front"), at("The Northern Front")]),
            Actor(id=f"A{3 * k + 2}", name="police", kind="police", country="NGA",
                  mentions=[at("police")]),
            Actor(id=f"A{3 * k + 3}", name="Musa Ade", kind="person", affiliation=f"A{3 * k + 2}",
                  mentions=[at("Musa Ade")]),
        ]  # fmt: skip
        report.places.append(
            Place(id=p, geonames_id=2335204, name="Kano", country="NGA", lat=12.0, lon=8.5,
                  feature="city", confidence=0.9, mentions=[at("Kano")])
        )  # fmt: skip
        report.dates.append(
            When(id=d, value="2024-01-05", granularity="day", start=dt.date(2024, 1, 5),
                 end=dt.date(2024, 1, 5), relative=True, span=at("Friday"))
        )  # fmt: skip
        report.events.append(
            Event(id=e, type="ASSAULT", mode=["firearms"], trigger=at("attacked"),
                  sentence=at(para.split(". ")[0]), actors=[Arg(actor_id=a, span=at("Gunmen"))],
                  targets=[Arg(span=at("a market"))], place=[Arg(place_id=p, span=at("Kano"))],
                  claimed_by=[Arg(actor_id=a, span=at("The Northern Front"))], date=d,
                  killed=Count(min=number * 10 + k, span=at("at least")))
        )  # fmt: skip
        speaker = Arg(actor_id=f"A{3 * k + 3}", span=at("Musa Ade"))
        report.statements += [
            Statement(id=f"S{2 * k + 1}", speaker=speaker, cue=at("said"), stance="confirms",
                      about_event=e, sentence=at("Gunmen")),
            Statement(id=f"S{2 * k + 2}", speaker=Arg(actor_id=a, span=at("The Northern Front")),
                      cue=at("claimed"), stance="claims_responsibility", about_event=e,
                      sentence=at("The Northern Front claimed the attack.")),
        ]  # fmt: skip
        offset += len(para)
    return report


def timed(label: str, count: int, work: Callable[[], object], baseline: float | None) -> float:
    start = time.perf_counter()
    work()
    rate = count / (time.perf_counter() - start)
    ratio = f"  ×{rate / baseline:.1f} baseline" if baseline else "  (baseline)"
    print(f"{label:<42} {rate:9.0f} articles/s{ratio}")
    return rate


def fresh(location: str | Path) -> Store:
    store = open_store(location)
    if store.engine.dialect.name != "sqlite":
        tables.metadata.drop_all(store.engine)
        store.close()
        store = open_store(location)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", type=int, default=2000)
    parser.add_argument("--db", help="database URL (default: SQLite files in a temporary folder)")
    args = parser.parse_args()
    reports = [synthetic_report(n) for n in range(1, args.articles + 1)]
    rows = sum(len(r.spans()) for r in reports) // len(reports)
    with tempfile.TemporaryDirectory() as tmp:
        one = args.db or Path(tmp) / "one.db"
        many = args.db or Path(tmp) / "many.db"
        print(f"{args.articles} synthetic reports, {rows} evidence spans each")
        with fresh(one) as store:
            print(f"store: {store.location}")
            base = timed("save(): a transaction per article", len(reports),
                         lambda: [store.save(r) for r in reports], None)  # fmt: skip
        with fresh(many) as store:
            timed("save_many(chunk=200)", len(reports), lambda: store.save_many(reports), base)
            timed("save_many again (all already stored)", len(reports),
                  lambda: store.save_many(reports), base)  # fmt: skip
            ids = [r.article.id for r in reports]
            read = timed("get(): one article at a time", len(ids),
                         lambda: [store.get(i) for i in ids], None)  # fmt: skip
            timed("reports(): 200 at a time", len(ids), lambda: list(store.reports()), read)
            if isinstance(many, Path):
                print(f"file size: {many.stat().st_size / len(ids) / 1024:.1f} KiB per article")


if __name__ == "__main__":
    main()
