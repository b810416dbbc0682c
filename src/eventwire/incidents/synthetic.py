"""Generated reports about generated incidents, with the gold incident of every event.

No NLP and no committed data: the texts come from templates written for eventwire, the
places from the gazetteer (50 cities of places in conflict, their provinces and
countries).  Each incident is reported by 1 to 12 articles over a few days by different
outlets, with changing death tolls, places given as the city, its province or its
country, dates given as the day or left out, and background events (a year-old attack in
the same city) mixed in.

- ``stress_set(n)``: n articles about incidents spread over one year, in random order
  (``benchmarks/cluster_bench.py``: the clustering's quality and speed on a dense set);
- ``stream(n, per_day)``: n articles of a news stream of ``per_day`` articles a day, in
  publication order, generated lazily (``benchmarks/scale_bench.py`` grows a store to a
  million articles with it: a store grows by days of news, not by cramming more
  articles into the same days).

Gold: a dict (article id, event id) → incident number.  A background event (a year-old
attack) is no incident (``incidents.facts.near_publication``) and has no gold entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import random
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from eventwire.model import Arg, Article, ArticleReport, Count, Event, Place, Span, When

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


@cache
def _places() -> list[tuple[Any, Any, Any]]:
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


def _place(entry: Any, pid: str, text: str, words: str) -> Place:
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


Gold = dict[tuple[str, str], Any]


def article_id(text: str) -> str:
    """A content hash as ``eventwire.ingest.article.article_id`` computes it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _incident(
    rng: random.Random,
    incident: int,
    day_of: Callable[[random.Random], dt.date],
    room: int,
    gold: Gold,
) -> list[ArticleReport]:
    """The reports (at most ``room``) of one generated incident; their gold into ``gold``."""
    places = _places()
    reports: list[ArticleReport] = []
    kind = rng.choice(list(TYPES))
    template, _ = rng.choice(TYPES[kind])
    city, province, country = rng.choice(places)
    target = rng.choice(TARGETS)
    day = day_of(rng)
    toll = rng.randrange(2, 60)
    for k in range(min(rng.randrange(1, 13), room)):
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
                f" A similar attack on a {target} in {words} in {day.year - 1} killed many people."
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
    return reports


def stress_set(n_articles: int, seed: int = 7) -> tuple[list[ArticleReport], Gold]:
    """(reports, gold): ``n_articles`` about incidents spread over 2024, shuffled."""
    rng = random.Random(seed)
    reports: list[ArticleReport] = []
    gold: Gold = {}
    incident = 0
    base = dt.date(2024, 1, 1)

    def day_of(rng: random.Random) -> dt.date:
        return base + dt.timedelta(days=rng.randrange(365))

    while len(reports) < n_articles:
        incident += 1
        reports += _incident(rng, incident, day_of, n_articles - len(reports), gold)
    rng.shuffle(reports)  # outlets publish in no particular order of incidents
    return reports, gold


def stream(
    n_articles: int, per_day: int = 1000, seed: int = 7, start: dt.date = dt.date(2020, 1, 1)
) -> Iterator[tuple[ArticleReport, Gold]]:
    """``n_articles`` (report, its gold) of a stream of about ``per_day`` articles a day, in
    publication order (shuffled within a day), generated as they are consumed."""
    rng = random.Random(seed)
    per_incident = 6.5  # mean reports of an incident
    pending: list[tuple[dt.date, int, ArticleReport, Gold]] = []
    made = 0
    incident = 0
    day = start
    tie = 0
    while made < n_articles or pending:
        if made < n_articles:
            for _ in range(max(1, round(per_day / per_incident))):
                incident += 1
                gold: Gold = {}
                for report in _incident(
                    rng, incident, lambda _rng, day=day: day, n_articles - made, gold
                ):
                    tie += 1
                    own = {k: v for k, v in gold.items() if k[0] == report.article.id}
                    published = report.article.published or day
                    heapq.heappush(pending, (published, tie, report, own))
                    made += 1
                if made >= n_articles:
                    break
        today: list[tuple[ArticleReport, Gold]] = []
        while pending and (pending[0][0] <= day or made >= n_articles):
            _, _, report, own = heapq.heappop(pending)
            today.append((report, own))
        rng.shuffle(today)
        yield from today
        day += dt.timedelta(days=1)
