"""Incidents: clustering across articles, reconciliation, casualty figures, conflicts, and the
store's incident queries, on reports built by hand from sentences written for the tests
(real SQLite files, the real gazetteer for places inside places)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.incidents.casualties import reconcile_figures
from eventwire.incidents.cluster import update_incidents
from eventwire.incidents.model import CasualtyKind, CasualtyReport, ConflictKind, Incident
from eventwire.model import (
    Actor,
    Arg,
    Article,
    ArticleReport,
    Count,
    Event,
    Place,
    Span,
    Stance,
    Statement,
    When,
)
from eventwire.store import open_store

# GeoNames: (id, name, feature, country, lat, lon)
KERMAN = (128234, "Kerman", "city", "IRN", 30.28321, 57.07879)
KERMAN_PROVINCE = (128231, "Kerman Province", "admin1", "IRN", 29.3443, 56.92988)
IRAN = (130758, "Iran", "country", "IRN", 35.06764, 51.08331)
TEHRAN = (112931, "Tehran", "city", "IRN", 35.69439, 51.42151)
MOSUL = (99072, "Mosul", "city", "IRQ", 36.335, 43.11889)
IRAQ = (99237, "Iraq", "country", "IRQ", 33.0, 44.0)

ACTORS = {
    "Islamic State": ("islamic_state", "armed_group"),
    "ISIS-K": ("iskp", "armed_group"),
    "the Revolutionary Guards": ("irgc", "military"),
    "The United States": ("USA", "state"),
}


def at(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span(text=words, start=start, end=start + len(words))


def attack(
    n: int,
    text: str,
    *,
    published: str,
    trigger: str,
    place: tuple | None = None,
    place_words: str | None = None,
    date: tuple[str, str, str, str, str] | None = None,  # value, granularity, start, end, words
    killed: tuple[int | None, int | None, bool, str] | None = None,
    perpetrator: str | None = None,
    claimed_by: str | None = None,
    statements: list[tuple[str, str, str]] = (),  # (stance, speaker words, cue words)
    outlet: str = "northwire.example",
    extra_events: list[Event] = (),
    extra_dates: list[When] = (),
) -> ArticleReport:
    """A report with one ASSAULT event (and what it refers to) on ``text``."""
    actors: dict[str, Actor] = {}

    def actor(words: str) -> Arg:
        if words not in actors:
            ref, kind = ACTORS[words]
            actors[words] = Actor(
                id=f"A{len(actors) + 1}", name=words, kind=kind, ref=ref, mentions=[at(text, words)]
            )
        return Arg(actor_id=actors[words].id, span=at(text, words))

    places, place_args = [], []
    if place is not None:
        gid, name, feature, country, lat, lon = place
        words = place_words or name
        places.append(
            Place(
                id="P1",
                geonames_id=gid,
                name=name,
                feature=feature,
                country=country,
                lat=lat,
                lon=lon,
                confidence=0.9,
                mentions=[at(text, words)],
            )
        )
        place_args.append(Arg(place_id="P1", span=at(text, words)))
    dates = list(extra_dates)
    date_id = None
    if date is not None:
        value, granularity, start, end, words = date
        dates.append(
            When(
                id="D1",
                value=value,
                granularity=granularity,
                start=start,
                end=end,
                span=at(text, words),
            )
        )
        date_id = "D1"
    sentence_end = text.find(". ") + 1 if ". " in text else len(text)
    event = Event(
        id="E1",
        type="ASSAULT",
        mode=["explosives"],
        trigger=at(text, trigger),
        sentence=Span.of(text, 0, sentence_end),
        place=place_args,
        date=date_id,
        actors=[actor(perpetrator)] if perpetrator else [],
        claimed_by=[actor(claimed_by)] if claimed_by else [],
        killed=Count(min=killed[0], max=killed[1], approximate=killed[2], span=at(text, killed[3]))
        if killed
        else None,
    )
    said = []
    for k, (stance, speaker, cue) in enumerate(statements, 1):
        said.append(
            Statement(
                id=f"S{k}",
                speaker=actor(speaker),
                cue=at(text, cue),
                stance=stance,
                about_event="E1",
                sentence=Span.of(text, 0, len(text)),
            )
        )
    article = Article(
        id=f"{n:016x}",
        title=None,
        url=f"https://{outlet}/{n}",
        outlet=outlet,
        published=dt.date.fromisoformat(published),
        text=text,
    )
    report = ArticleReport(
        article=article,
        actors=list(actors.values()),
        places=places,
        dates=dates,
        events=[event, *extra_events],
        statements=said,
    )
    report.check_spans()
    return report


DAY1 = (
    "Twin explosions killed at least 73 people at a memorial in Kerman on Wednesday, "
    "officials said. No group claimed the bombing."
)
DAY2 = (
    "The death toll from Wednesday's twin bombing at the memorial in Kerman province rose to 84. "
    "Islamic State claimed the bombing and the Revolutionary Guards condemned it."
)
DAY2_OTHER = (
    "Nearly 100 people died in the twin blasts at the Kerman memorial in Iran, state media said. "
    "The United States denied any role and ISIS-K claimed the blasts."
)
TEHRAN_TEXT = "A bomb exploded near a bus stop in Tehran on Wednesday, killing two people."
BACKGROUND = (
    "A drone strike killed a general near Mosul airport in 2020, and the bombing in Kerman "
    "on Wednesday was the deadliest since."
)

WEDNESDAY = ("2024-01-03", "day", "2024-01-03", "2024-01-03", "Wednesday")


def tehran_attack() -> ArticleReport:
    """A bombing in another city of the same country, a day before Kerman's."""
    return attack(
        4,
        TEHRAN_TEXT,
        published="2024-01-03",
        trigger="exploded",
        place=TEHRAN,
        date=WEDNESDAY,
        killed=(2, 2, False, "two"),
    )


def kerman_reports() -> list[ArticleReport]:
    return [
        attack(
            1,
            DAY1,
            published="2024-01-03",
            trigger="explosions",
            place=KERMAN,
            date=WEDNESDAY,
            killed=(73, None, False, "at least 73"),
        ),
        attack(
            2,
            DAY2,
            published="2024-01-04",
            trigger="bombing",
            place=KERMAN_PROVINCE,
            place_words="Kerman province",
            date=WEDNESDAY,
            killed=(84, 84, False, "84"),
            claimed_by="Islamic State",
            statements=[
                ("claims_responsibility", "Islamic State", "claimed"),
                ("condemns", "the Revolutionary Guards", "condemned"),
            ],
            outlet="dailyledger.example",
        ),
        attack(
            3,
            DAY2_OTHER,
            published="2024-01-04",
            trigger="blasts",
            place=IRAN,
            killed=(None, 100, True, "Nearly 100"),
            statements=[
                ("denies", "The United States", "denied"),
                ("claims_responsibility", "ISIS-K", "claimed"),
            ],
            outlet="meridian.example",
        ),
    ]


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "incidents.db") as opened:
        yield opened


def test_incidents_same_attack_across_articles_is_one_incident(store):
    store.save_many(kerman_reports())
    stats = update_incidents(store)
    assert (stats.articles, stats.events, stats.started, stats.joined) == (3, 3, 1, 2)
    items, total = store.incidents()
    assert total == 1
    incident = store.incident(items[0].id)
    assert isinstance(incident, Incident)
    assert incident.article_count == 3
    assert [r.article_id for r in incident.reports] == [f"{n:016x}" for n in (1, 2, 3)]
    # the city, inside the province inside the country: every report agrees with it
    assert incident.place == "Kerman, Iran"
    assert incident.geonames_id == 128234
    place = incident.record.place.values[0]
    assert place.agreement == 1.0
    assert (incident.start, incident.end) == (dt.date(2024, 1, 3), dt.date(2024, 1, 3))
    assert incident.record.date.values[0].value == "2024-01-03"
    assert incident.record.type.values[0].agreement == 1.0
    assert store.unclustered() == []


def test_incidents_casualties_latest_and_highest_not_average(store):
    store.save_many(kerman_reports())
    update_incidents(store)
    (item,), _ = store.incidents()
    assert (item.killed_min, item.killed_max) == (84, 100)
    figures = store.incident(item.id).killed
    assert [(r.outlet, r.published.isoformat(), r.min, r.max) for r in figures.timeline] == [
        ("northwire.example", "2024-01-03", 73, None),
        ("dailyledger.example", "2024-01-04", 84, 84),
        ("meridian.example", "2024-01-04", None, 100),
    ]
    assert [r.superseded for r in figures.timeline] == [True, False, False]
    assert "latest" in figures.rule


def test_incidents_casualty_outlier_is_not_credible():
    def report(n: int, day: str, low: int | None, high: int | None, outlet: str):
        return CasualtyReport(
            article_id=f"a{n}",
            event_id="E1",
            outlet=outlet,
            published=dt.date.fromisoformat(day),
            min=low,
            max=high,
            span=Span(text="x", start=0, end=1),
        )

    figures = reconcile_figures(
        CasualtyKind.KILLED,
        [
            report(1, "2024-01-03", 20, None, "a.example"),
            report(2, "2024-01-04", 25, 25, "b.example"),
            report(3, "2024-01-04", 300, 300, "c.example"),  # one outlet's 300: left out
            report(4, "2024-01-04", 24, 24, "d.example"),
        ],
    )
    assert (figures.min, figures.max) == (25, 25)
    assert {r.outlet: r.credible for r in figures.timeline} == {
        "a.example": True,
        "b.example": True,
        "c.example": False,
        "d.example": True,
    }


def test_incidents_statements_by_stance_and_conflicts(store):
    store.save_many(kerman_reports())
    update_incidents(store)
    (item,), _ = store.incidents()
    incident = store.incident(item.id)
    by_stance = {
        stance: [s.speaker for s in group] for stance, group in incident.statements.items()
    }
    assert by_stance == {
        Stance.CLAIMS_RESPONSIBILITY: ["Islamic State", "ISIS-K"],
        Stance.DENIES: ["The United States"],
        Stance.CONDEMNS: ["the Revolutionary Guards"],
    }
    kinds = {c.kind: c for c in incident.conflicts}
    assert set(kinds) == {ConflictKind.COMPETING_CLAIMS, ConflictKind.CLAIM_AND_DENIAL}
    assert set(kinds[ConflictKind.COMPETING_CLAIMS].actors) == {"islamic_state", "iskp"}
    assert "USA" in kinds[ConflictKind.CLAIM_AND_DENIAL].actors
    claimed = incident.record.claimed_by.values
    assert [(v.value, v.agreement) for v in claimed] == [("islamic_state", 1.0)]


def test_incidents_another_city_is_another_incident(store):
    store.save_many(kerman_reports())
    store.save(tehran_attack())
    update_incidents(store)
    items, total = store.incidents()
    assert total == 2
    assert sorted(i.place for i in items) == ["Kerman, Iran", "Tehran, Iran"]


def test_incidents_background_event_is_no_incident(store):
    """A 2020 drone strike mentioned in a 2024 report stays in the report, off the map."""
    store.save_many(kerman_reports())
    drone = Event(
        id="E2",
        type="ASSAULT",
        mode=["drone"],
        trigger=at(BACKGROUND, "drone strike"),
        sentence=Span.of(BACKGROUND, 0, len(BACKGROUND)),
        place=[Arg(place_id="P2", span=at(BACKGROUND, "Mosul"))],
        date="D2",
    )
    report = attack(
        5,
        BACKGROUND,
        published="2024-01-05",
        trigger="bombing",
        place=KERMAN,
        date=WEDNESDAY,
        extra_events=[drone],
        extra_dates=[
            When(
                id="D2",
                value="2020",
                granularity="year",
                start="2020-01-01",
                end="2020-12-31",
                span=at(BACKGROUND, "2020"),
            )
        ],
    )
    gid, name, feature, country, lat, lon = MOSUL
    report.places.append(
        Place(
            id="P2",
            geonames_id=gid,
            name=name,
            feature=feature,
            country=country,
            lat=lat,
            lon=lon,
            mentions=[at(BACKGROUND, "Mosul")],
        )
    )
    store.save(report)
    update_incidents(store)
    by_event = store.incidents_of(report.article.id)
    main = store.incident(by_event["E1"])
    assert main.article_count == 4  # the Kerman bombing, joined
    assert "E2" not in by_event
    assert [e.id for e in store.get(report.article.id).events] == ["E1", "E2"]


def test_incidents_are_incremental(store):
    first, second, third = kerman_reports()
    store.save(first)
    update_incidents(store)
    (before,), _ = store.incidents()
    store.save_many([second, third])
    assert store.unclustered() == [second.article.id, third.article.id]
    stats = update_incidents(store)
    assert (stats.articles, stats.joined, stats.started) == (2, 2, 0)
    (after,), total = store.incidents()
    assert total == 1 and after.id == before.id
    assert (before.killed_min, after.killed_min) == (73, 84)
    assert update_incidents(store).articles == 0  # nothing left to do


def test_incidents_store_filters(store):
    store.save_many(kerman_reports())
    store.save(tehran_attack())
    update_incidents(store)

    def places(**filters) -> list[str]:
        items, total = store.incidents(**filters)
        assert total == len(items)
        return sorted(i.place for i in items)

    assert places(type="ASSAULT", country="IRN") == ["Kerman, Iran", "Tehran, Iran"]
    assert places(type="PROTEST") == []
    assert places(country="IRQ") == []
    assert places(bbox=(56.0, 29.0, 58.0, 31.0)) == ["Kerman, Iran"]  # around Kerman
    assert places(bbox=(170.0, 29.0, -170.0, 31.0)) == []  # across the antimeridian
    assert places(start=dt.date(2024, 1, 3), end=dt.date(2024, 1, 3)) == [
        "Kerman, Iran",
        "Tehran, Iran",
    ]
    assert places(start=dt.date(2024, 1, 4)) == []
    assert places(actor="iskp") == ["Kerman, Iran"]  # a claimant, by its key
    assert places(actor="revolutionary") == ["Kerman, Iran"]  # a speaker, by its name
    assert places(q="memorial kerman") == ["Kerman, Iran"]
    assert places(q="memorial tehran") == []
    items, total = store.incidents(limit=1, offset=1)
    assert total == 2 and len(items) == 1
    actors, count = store.actors(q="islamic")
    assert count == 1
    assert (actors[0].key, actors[0].article_count, actors[0].incident_count) == (
        "islamic_state",
        1,
        1,
    )
    assert store.incident(999) is None


def test_incidents_rebuild_gives_the_same_incidents(store):
    from eventwire.incidents.cluster import rebuild_incidents

    store.save_many(kerman_reports())
    update_incidents(store)
    (before,), _ = store.incidents()
    rebuild_incidents(store)
    (after,), _ = store.incidents()
    assert before.model_dump(exclude={"id", "updated_at"}) == after.model_dump(
        exclude={"id", "updated_at"}
    )
