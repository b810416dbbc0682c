"""The blocking index of clustering (store/clustering.py): lossless against a brute-force
reading of every incident, and the rows a lookup reads do not grow with the years stored."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import sqlalchemy as sa

from eventwire.incidents.facts import Features, PlaceRef
from eventwire.incidents.similarity import Profile, Settings, _place_part, reach_km
from eventwire.store import open_store, tables
from eventwire.store.clustering import IncidentRow
from eventwire.store.places import incident_keys, lookup_keys

Filed = tuple[int, str, str | None, dt.date, dt.date]  # id, type, country, first, last day


def file(
    store,
    incidents: list[tuple[str, str | None, dt.date, dt.date]],
    profiles: list[dict] | None = None,
) -> list[Filed]:
    """Write these (type, country, first day, last day) as incidents, through the batch."""
    rows = [
        IncidentRow(
            id=None,
            columns={
                "type": type_,
                "mode": [],
                "label": f"{type_} in {country}",
                "country": country,
                "first_day": first,
                "last_day": last,
                "actors": [],
                "article_count": 1,
                "report_count": 1,
                "search": type_.lower(),
            },
            profile=profiles[n] if profiles else {"type": type_},
            detail={},
        )
        for n, (type_, country, first, last) in enumerate(incidents)
    ]
    with store.clustering() as batch:
        ids = batch.write(rows, [], [])
    return [(i, *incident) for i, incident in zip(ids, incidents, strict=True)]


def expected(
    filed: list[Filed], types: set[str], first: dt.date, last: dt.date, country: str | None
) -> set[int]:
    """What the candidates must be: every incident read, none skipped (the brute force)."""
    return {
        i
        for i, type_, where, start, end in filed
        if type_ in types
        and start <= last
        and end >= first
        and (country is None or where in (country, None))
    }


def random_incidents(rng: random.Random, n: int) -> list[tuple[str, str | None, dt.date, dt.date]]:
    """Date ranges of a day to a century (most of a few days), years 1990-2030."""
    found = []
    for _ in range(n):
        first = dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(40 * 365))
        days = rng.choice([0, 0, 1, 3, 20, 80, 85, 200, 364, 365, 800, 4000, 40000])
        last = min(first + dt.timedelta(days=days), dt.date(2099, 12, 31))
        if rng.random() < 0.2:  # a year-dated report: the whole year
            first, last = dt.date(first.year, 1, 1), dt.date(first.year, 12, 31)
        country = rng.choice(["IRQ", "IRQ", "NGA", "PAK", None])
        found.append((rng.choice(["ASSAULT", "COERCE", "PROTEST"]), country, first, last))
    return found


def test_blocking_is_lossless(location: str | Path):
    rng = random.Random(14)
    with open_store(location) as store:
        filed = file(store, random_incidents(rng, 400))
        lookups = random_incidents(rng, 300)
        with store.clustering() as batch:
            for type_, country, first, last in lookups:
                types = {type_, "ASSAULT"}
                found = set(batch.candidates(types, first, last, country))
                assert found == expected(filed, types, first, last, country), (first, last)


def test_blocking_reads_the_same_rows_however_many_years_are_stored(tmp_path: Path):
    """Background incidents (dated by a whole year, as "a similar attack in 2019") and
    incidents of a day every month, over 2 years and over 25: a lookup of a day and a
    lookup of a year read the same index rows in both stores."""

    def reads(years: int) -> tuple[list[int], list[int], list[Filed]]:
        incidents = []
        for year in range(2025 - years, 2025):
            for country in ("IRQ", "NGA"):
                incidents.append(("ASSAULT", country, dt.date(year, 1, 1), dt.date(year, 12, 31)))
                incidents += [
                    ("ASSAULT", country, dt.date(year, month, 10), dt.date(year, month, 11))
                    for month in range(1, 13)
                ]
        with open_store(tmp_path / f"{years}.db") as store:
            filed = file(store, incidents)
            with store.clustering() as batch:
                day = batch.blocked({"ASSAULT"}, dt.date(2024, 6, 8), dt.date(2024, 6, 12), "IRQ")
                # an event dated "2024", with the window's slack of two days
                year = batch.blocked({"ASSAULT"}, dt.date(2023, 12, 30), dt.date(2025, 1, 2), "IRQ")
                assert set(batch.candidates({"ASSAULT"}, dt.date(2024, 6, 8),
                                            dt.date(2024, 6, 12), "IRQ")) == expected(
                    filed, {"ASSAULT"}, dt.date(2024, 6, 8), dt.date(2024, 6, 12), "IRQ"
                )  # fmt: skip
        return day, year, filed

    day_2, year_2, _ = reads(2)
    day_25, year_25, filed = reads(25)
    assert len(day_25) == len(day_2)
    assert len(year_25) == len(year_2)
    by_id = {i: (first, last) for i, _, _, first, last in filed}
    # a day: the incident of June 2024 and the background incident of 2024
    assert sorted(set(by_id[i] for i in day_25)) == [
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        (dt.date(2024, 6, 10), dt.date(2024, 6, 11)),
    ]
    # a year: the 13 of 2024, and the background incident of 2023 (it meets 30 December)
    assert len(set(year_25)) == 14


def test_an_older_blocking_index_is_rebuilt_on_open(tmp_path: Path):
    """A store written before the year level (its wide incidents under bucket -1, no
    ``incident_years``) gets the two-level index when it is opened."""
    path = tmp_path / "old.db"
    rng = random.Random(7)
    with open_store(path) as store:
        filed = file(store, random_incidents(rng, 120))
        with store.engine.begin() as conn:
            conn.execute(sa.delete(tables.incident_blocks))
            tables.incident_years.drop(conn)
            conn.execute(
                sa.insert(tables.incident_blocks),
                [
                    {"type": t, "bucket": -1, "country": c or "", "incident_id": i}
                    for i, t, c, _, _ in filed
                ],
            )
    with open_store(path) as store:
        with store.engine.connect() as conn:
            buckets = conn.scalars(sa.select(tables.incident_blocks.c.bucket)).all()
            assert buckets and min(buckets) >= 0
        with store.clustering() as batch:
            for type_, country, first, last in random_incidents(rng, 100):
                found = set(batch.candidates({type_}, first, last, country))
                assert found == expected(filed, {type_}, first, last, country)


def random_place(rng: random.Random) -> PlaceRef:
    """A place of few ids, containers and coordinates, so that every case of ``place_fit``
    happens: the same place, one inside the other, near, far, near a pole or the date line,
    a country, no coordinates, borrowed from the article."""
    feature = rng.choice(["city", "city", "city", "admin1", "admin2", "country", "other"])
    centre = rng.choice([(33.3, 44.4), (34.0, 71.5), (89.6, 10.0), (-16.5, 179.9), (0.0, -0.2)])
    lat = max(-90.0, min(90.0, centre[0] + rng.uniform(-2.5, 2.5)))
    lon = (centre[1] + rng.uniform(-2.5, 2.5) + 180) % 360 - 180
    admin1, admin2 = rng.choice([101, 102, 103, None]), rng.choice([201, 202, None])
    own = {"admin1": (admin1 or 101, None), "admin2": (admin2 or 201, admin1)}
    geonames_id, admin1 = own.get(feature, (rng.choice([1, 2, 3, 4, None]), admin1))
    return PlaceRef(
        geonames_id=geonames_id,
        name=rng.choice(["Mosul", "Tal Afar"]),
        country=rng.choice(["IRQ"] * 6 + ["SYR"] * 3 + [None]),
        admin1_id=admin1 if feature not in ("country", "admin1") else None,
        admin2_id=admin2 if feature == "city" else None,
        feature=feature,
        lat=None if rng.random() < 0.04 else lat,
        lon=None if rng.random() < 0.04 else lon,
        from_article=rng.random() < 0.05,
    )


def test_place_keys_mirror_the_similarity():
    """Whenever the similarity lets an event's places fit an incident's, the event's lookup
    keys meet the incident's keys (or cannot narrow): the lookup by place loses nothing."""
    rng = random.Random(3)
    settings = Settings()
    narrowed = fits = 0
    for _ in range(6000):
        event = Features(
            type="ASSAULT", places=[random_place(rng) for _ in range(rng.randint(1, 2))]
        )
        profile = Profile(type="ASSAULT")
        for _ in range(rng.randint(0, 3)):
            profile.add(Features(type="ASSAULT", places=[random_place(rng)]))
        keys = lookup_keys(event.places, reach_km(settings.max_km))
        if keys is None:
            continue
        filed = incident_keys(p.model_dump() for p in profile.places)
        if _place_part(event, profile, settings.max_km) is not None:
            assert set(keys) & set(filed), (event.places, profile.places)
            fits += 1
        elif not set(keys) & set(filed):
            narrowed += 1
    assert narrowed > 500 and fits > 500, (narrowed, fits)  # and it does narrow


def test_a_year_lookup_reads_the_incidents_whose_places_fit(location: str | Path):
    """An event dated only by a year, at a place: its candidates are those of the lookup
    without places whose places fit its own (per the similarity), a few more at most, and
    a store written before the place level gets it when opened."""
    rng = random.Random(5)
    settings = Settings()
    reach = reach_km(settings.max_km)
    incidents, profiles = [], []
    for type_, country, first, last in random_incidents(rng, 300):
        profile = Profile(type=type_)
        for _ in range(rng.randint(0, 2)):
            profile.add(Features(type=type_, places=[random_place(rng)]))
        incidents.append((type_, country, first, last))
        profiles.append(profile)
    with open_store(location) as store:
        filed = file(store, incidents, [p.model_dump(mode="json") for p in profiles])
    lookups = [(rng.randrange(1995, 2028), [random_place(rng)]) for _ in range(200)]

    def check(store) -> int:
        narrowed = 0
        with store.clustering() as batch:
            for year, places in lookups:
                first, last = dt.date(year - 1, 12, 30), dt.date(year + 1, 1, 2)
                country = places[0].country
                every = set(batch.candidates({"ASSAULT"}, first, last, country))
                found = set(batch.candidates({"ASSAULT"}, first, last, country, places, reach))
                event = Features(type="ASSAULT", places=places)
                fit = {i for i in every if _place_part(event, profiles[i - filed[0][0]],
                                                      settings.max_km) is not None}  # fmt: skip
                assert fit <= found <= every
                narrowed += len(every - found)
        return narrowed

    with open_store(location) as store:
        assert check(store) > 20
        with store.engine.begin() as conn:
            tables.incident_places.drop(conn)
    with open_store(location) as store:  # an older store: the place level is filled on open
        assert check(store) > 20
