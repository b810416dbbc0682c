"""Exports of incidents (CSV, GeoJSON, Parquet), read back with csv, json and pyarrow, from a
store filled by the real pipeline with articles written for the tests."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pyarrow.parquet as pq
import pytest

from api_support import built_store
from eventwire import export
from eventwire.api import Settings, create_app
from eventwire.store import open_store

pytestmark = pytest.mark.anyio
NAMES = [c.name for c in export.COLUMNS]


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture(scope="module")
def store(tmp_path_factory, extractor):
    with open_store(built_store(tmp_path_factory, extractor)) as store:
        yield store


@pytest.fixture
async def client(store):
    app = create_app(Settings(), store)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


def quetta_of(rows: list[dict]) -> dict:
    return next(r for r in rows if r["location"] == "Quetta")


async def test_export_csv_reads_back_in_the_acled_layout(client, store):
    response = await client.get("/export", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="eventwire-incidents.csv"' in response.headers["content-disposition"]
    reader = csv.DictReader(io.StringIO(response.text))
    assert reader.fieldnames == NAMES
    rows = list(reader)
    _, total = store.incidents(limit=0)
    assert len(rows) == total
    quetta = quetta_of(rows)
    assert quetta["event_id_cnty"] == f"EWPAK-{quetta['incident_id']}"
    assert (quetta["event_date"], quetta["year"], quetta["time_precision"]) == (
        "2025-06-02",
        "2025",
        "1",
    )
    assert quetta["event_type"] == "Explosions/Remote violence"
    assert quetta["country"] == "Pakistan" and quetta["iso3"] == "PAK"
    assert quetta["admin1"] == "Balochistan"
    assert abs(float(quetta["latitude"]) - 30.19) < 0.1
    assert abs(float(quetta["longitude"]) - 67.0) < 0.2
    assert quetta["geo_precision"] == "1"
    assert quetta["fatalities"] == "26" and quetta["fatalities_max"] == "26"
    assert quetta["claimed_by"] == "Balochistan Liberation Army"
    assert quetta["actor1"] == "Balochistan Liberation Army"
    assert quetta["source"] == "frontiertimes.example; dailyledger.example"
    assert quetta["plover_type"] == "ASSAULT" and "explosives" in quetta["plover_mode"]
    assert quetta["notes"].startswith("Bombing in Quetta") and "bus terminal" in quetta["notes"]
    assert quetta["article_count"] == "2"
    mosul = next(r for r in rows if r["iso3"] == "IRQ")
    assert mosul["fatalities"] == "3" and mosul["injured"] == "8"
    protest = next(r for r in rows if r["plover_type"] == "PROTEST")
    assert (protest["event_type"], protest["sub_event_type"]) == ("Protests", "Peaceful protest")
    assert protest["fatalities"] == ""  # unknown, not zero


async def test_export_geojson_features(client, store):
    response = await client.get("/export", params={"format": "geojson", "country": "PAK"})
    assert response.headers["content-type"] == "application/geo+json"
    collection = json.loads(response.text)
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["geometry"]["type"] == "Point"
    lon, lat = feature["geometry"]["coordinates"]
    props = feature["properties"]
    assert (lon, lat) == (props["longitude"], props["latitude"])
    assert list(props) == NAMES
    assert props["fatalities"] == 26 and props["event_date"] == "2025-06-02"
    assert feature["id"] == props["incident_id"]
    everything = json.loads((await client.get("/export?format=geojson")).text)
    _, total = store.incidents(limit=0)
    assert len(everything["features"]) == total


async def test_export_parquet_typed_columns(client):
    response = await client.get("/export", params={"format": "parquet"})
    assert response.headers["content-type"] == "application/vnd.apache.parquet"
    table = pq.read_table(io.BytesIO(response.content))
    assert table.column_names == NAMES
    types = {field.name: str(field.type) for field in table.schema}
    assert types["event_date"] == "date32[day]" and types["fatalities"] == "int64"
    assert types["latitude"] == "double" and types["notes"] == "string"
    rows = table.to_pylist()
    csv_rows = list(csv.DictReader(io.StringIO((await client.get("/export")).text)))
    assert [r["event_id_cnty"] for r in rows] == [r["event_id_cnty"] for r in csv_rows]
    quetta = quetta_of(rows)
    assert quetta["fatalities"] == 26 and str(quetta["event_date"]) == "2025-06-02"
    protest = next(r for r in rows if r["plover_type"] == "PROTEST")
    assert protest["fatalities"] is None


async def test_export_follows_the_filters_and_the_row_cap(client, store):
    iraq = list(csv.DictReader(io.StringIO((await client.get("/export?country=IRQ")).text)))
    assert [r["iso3"] for r in iraq] == ["IRQ"]
    empty = (await client.get("/export", params={"q": "volcano"})).text
    assert empty.strip() == ",".join(NAMES)
    capped = list(export.incident_rows(store, max_rows=2))
    assert len(capped) == 2


def test_export_csv_cells_are_never_formulas():
    row = dict.fromkeys(NAMES)
    row.update(notes='=HYPERLINK("http://x.example","click")', actor1="-1", latitude=-33.5)
    (line,) = list(csv.DictReader(io.StringIO("".join(export.csv_chunks([row])))))
    assert line["notes"] == '\'=HYPERLINK("http://x.example","click")'
    assert line["actor1"] == "'-1"
    assert line["latitude"] == "-33.5"  # numbers stay numbers


def test_export_acled_types_of_plover_types_and_modes():
    cases = {
        ("ASSAULT", ("explosives", "suicide-attack")): (
            "Explosions/Remote violence",
            "Suicide bomb",
        ),
        ("ASSAULT", ("drone",)): ("Explosions/Remote violence", "Air/drone strike"),
        ("ASSAULT", ("abduct", "firearms")): (
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        ("ASSAULT", ()): ("Violence against civilians", "Attack"),
        ("PROTEST", ()): ("Protests", "Peaceful protest"),
        ("COERCE", ("arrest",)): ("Strategic developments", "Arrests"),
        ("CONSULT", ()): ("Diplomacy", "Diplomatic event"),
        ("MOBILIZE", ()): ("Strategic developments", "Change to group/activity"),
    }
    for (plover, modes), expected in cases.items():
        assert export.acled_type(plover, modes) == expected, (plover, modes)


FLOOD = {
    "title": "Floods kill nine in river valley",
    "published": "2025-06-06",
    "url": "https://valleynews.example/2025/06/06/floods",
    "text": (
        "MULTAN, Pakistan — Flash floods after torrential rain killed nine people in villages "
        "near Multan on Friday, officials said."
    ),
}


def test_export_leaves_disasters_out_of_the_conflict_export_unless_asked(
    tmp_path_factory, extractor
):
    from api_support import ALL

    path = built_store(tmp_path_factory, extractor, name="with-flood", articles=[*ALL, FLOOD])
    with open_store(path) as store:
        everything, _ = store.incidents(limit=100)
        floods = [i for i in everything if i.type == "DISASTER"]
        assert floods, "the flood is an incident of its own type"
        conflict = list(export.incident_rows(store))
        assert {r["plover_type"] for r in conflict} >= {"ASSAULT"}
        assert "DISASTER" not in {r["plover_type"] for r in conflict}
        asked = list(export.incident_rows(store, non_conflict=True))
        assert len(asked) == len(everything)
        flood = next(r for r in asked if r["plover_type"] == "DISASTER")
        assert (flood["event_type"], flood["sub_event_type"]) == ("Disasters", "Natural disaster")
        by_type = list(export.incident_rows(store, type="DISASTER"))
        assert [r["incident_id"] for r in by_type] == [i.id for i in floods]


async def test_export_route_takes_non_conflict(tmp_path_factory, extractor):
    from api_support import ALL

    path = built_store(tmp_path_factory, extractor, name="with-flood", articles=[*ALL, FLOOD])
    with open_store(path) as store:
        app = create_app(Settings(), store)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            plain = await client.get("/export", params={"format": "csv"})
            asked = await client.get("/export", params={"format": "csv", "non_conflict": "true"})
    types = [
        {row["plover_type"] for row in csv.DictReader(io.StringIO(r.text))} for r in (plain, asked)
    ]
    assert "DISASTER" not in types[0] and "DISASTER" in types[1]
