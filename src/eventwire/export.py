"""Exports of incidents: an ACLED-like table as CSV, GeoJSON or Parquet.

One row per incident (a real-world event fused from its reports), in the order of
``store.incidents`` (latest first), with the same filters.  ``COLUMNS`` is the layout:
ACLED's column names where ACLED has the column, then eventwire's own.  Where each value
comes from:

====================  ==========================================================================
column                from
====================  ==========================================================================
event_id_cnty         "EW" + incident country (alpha-3, "XXX" when unknown) + "-" + incident id
event_date            first day of the reconciled date range (``Incident.start``)
year                  its year
time_precision        1: a single day; 2: a range of at most 7 days; 3: longer (as ACLED)
event_type            the incident's ACLED event type (``Incident.acled_event_type``: the class most
                      of its reports have, by knowledge/acled_classes.yaml)
sub_event_type        its ACLED sub-event type (eventwire's additions: Disasters, Crime,
                      Diplomacy, Political; ``acled_type`` filters them out)
actor1                the best-supported reconciled perpetrator (``record.actors``), or claimant
assoc_actor_1         the other perpetrators and claimants, "; "-separated
actor2                the best-supported target or victim (``record.targets``, then ``victims``)
assoc_actor_2         the other targets and victims
country               English name of the incident's country (``knowledge/countries.tsv``)
iso3                  its ISO 3166 alpha-3 code (ACLED's ``iso`` is numeric)
admin1                first-level division of the incident's place (gazetteer, as stored)
location              the place name, without the country
latitude, longitude   the place's coordinates (GeoNames)
geo_precision         1: a city or smaller; 2: a second-level division; 3: a region or country
source                the outlets that reported it, "; "-separated, first reported first
notes                 the label, then the sentence of the first report (the evidence)
fatalities            lower bound of the reconciled killed range (``Incident.killed_min``;
                      the latest report's lower bound), or the upper one; empty when unknown
timestamp             when the incident was last updated, Unix seconds
incident_id           eventwire's incident id (``GET /incidents/{id}``)
end_date              last day of the reconciled date range
fatalities_max        upper bound of the reconciled killed range (the highest credible report)
injured, injured_max  the reconciled injured range
claimed_by            who claimed it ("; "-separated), from ``record.claimed_by``
plover_type           PLOVER event type
plover_mode           PLOVER modes, "; "-separated
article_count         articles reporting it
report_count          events of those articles fused into it
first_published       first and last publication dates of its articles
last_published
====================  ==========================================================================

Disasters and crime (``model.NON_PLOVER_TYPES``) are no conflict events: the exports leave
them out unless asked (``non_conflict=True``, ``GET /export?non_conflict=true``, or a
``type`` filter naming DISASTER or CRIME).

Unknown values are empty in CSV and null in GeoJSON and Parquet (ACLED writes 0
fatalities when none are reported; eventwire keeps "unknown" apart from "none").  Text
cells that a spreadsheet would run as a formula (starting with = + - @ or a tab) get a
leading apostrophe in CSV only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from eventwire.knowledge.acled import classify
from eventwire.knowledge.countries import by_iso3
from eventwire.model import NON_PLOVER_TYPES
from eventwire.store import Store

__all__ = [
    "COLUMNS",
    "FORMATS",
    "csv_chunks",
    "geojson_chunks",
    "incident_rows",
    "parquet_bytes",
]

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # str, int, float, date


COLUMNS: tuple[Column, ...] = tuple(
    Column(name, kind)
    for name, kind in (
        ("event_id_cnty", "str"),
        ("event_date", "date"),
        ("year", "int"),
        ("time_precision", "int"),
        ("event_type", "str"),
        ("sub_event_type", "str"),
        ("actor1", "str"),
        ("assoc_actor_1", "str"),
        ("actor2", "str"),
        ("assoc_actor_2", "str"),
        ("country", "str"),
        ("iso3", "str"),
        ("admin1", "str"),
        ("location", "str"),
        ("latitude", "float"),
        ("longitude", "float"),
        ("geo_precision", "int"),
        ("source", "str"),
        ("notes", "str"),
        ("fatalities", "int"),
        ("timestamp", "int"),
        ("incident_id", "int"),
        ("end_date", "date"),
        ("fatalities_max", "int"),
        ("injured", "int"),
        ("injured_max", "int"),
        ("claimed_by", "str"),
        ("plover_type", "str"),
        ("plover_mode", "str"),
        ("article_count", "int"),
        ("report_count", "int"),
        ("first_published", "date"),
        ("last_published", "date"),
    )
)
PAGE = 200
_PRECISION = {"city": 1, "other": 1, "admin2": 2, "admin1": 3, "country": 3, "continent": 3}


def acled_type(plover_type: str, modes: Iterable[str]) -> tuple[str, str]:
    """(event_type, sub_event_type) of a PLOVER type and its modes alone, by the table
    knowledge/acled_classes.yaml (an event's own classes also weigh its actors)."""
    return classify(plover_type, modes)


def incident_rows(
    store: Store, *, max_rows: int | None = None, non_conflict: bool = False, **filters: Any
) -> Iterator[dict]:
    """ACLED-like rows of the incidents matching ``filters`` (those of ``store.incidents``),
    latest first, read ``PAGE`` incidents at a time.  Disasters and crime (eventwire's
    types beyond PLOVER, ``model.NON_PLOVER_TYPES``) are no conflict events: left out
    unless ``non_conflict`` or the ``type`` filter names one of them."""
    wanted = filters.get("type")
    keep_all = non_conflict or (wanted is not None and str(wanted).upper() in NON_PLOVER_TYPES)
    offset = 0
    done = 0
    while max_rows is None or done < max_rows:
        size = PAGE if max_rows is None else min(PAGE, max_rows - done)
        items, _ = store.incidents(limit=size, offset=offset, **filters)
        if not items:
            return
        offset += len(items)
        items = [i for i in items if keep_all or i.type not in NON_PLOVER_TYPES]
        ids = [item.id for item in items]
        details = store.incident_details(ids)
        places = store.place_details(item.geonames_id for item in items if item.geonames_id)
        for item in items:
            yield _row(item, details.get(item.id) or {}, places)
        done += len(items)


def _labels(detail: dict, *fields: str) -> list[str]:
    record = detail.get("record") or {}
    seen: dict[str, None] = {}
    for name in fields:
        for value in (record.get(name) or {}).get("values", []):
            seen.setdefault(value["label"], None)
    return list(seen)


def _row(item: Any, detail: dict, places: dict[int, tuple[str | None, str]]) -> dict[str, Any]:
    event_type, sub_event_type = item.acled_event_type, item.acled_sub_event_type
    if not sub_event_type:
        event_type, sub_event_type = acled_type(str(item.type), item.mode)
    doers = _labels(detail, "actors", "claimed_by")
    done_to = _labels(detail, "targets", "victims")
    admin1, feature = places.get(item.geonames_id or -1, (None, "other"))
    country = by_iso3(item.country) if item.country else None
    location = item.place
    if location and country and location.endswith(f", {country.name}"):
        location = location.removesuffix(f", {country.name}")
    reports = sorted(
        detail.get("reports", []), key=lambda r: (r.get("published") or "9999", r["article_id"])
    )
    outlets = list(dict.fromkeys(r["outlet"] for r in reports if r.get("outlet")))
    notes = item.label
    if reports:
        notes += ". " + " ".join(reports[0]["sentence"]["text"].split())
    start, end = item.start, item.end
    precision = None
    if start is not None:
        days = ((end or start) - start).days
        precision = 1 if days == 0 else 2 if days <= 7 else 3
    return {
        "event_id_cnty": f"EW{item.country or 'XXX'}-{item.id}",
        "event_date": start,
        "year": start.year if start else None,
        "time_precision": precision,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": doers[0] if doers else None,
        "assoc_actor_1": "; ".join(doers[1:]) or None,
        "actor2": done_to[0] if done_to else None,
        "assoc_actor_2": "; ".join(done_to[1:]) or None,
        "country": country.name if country else item.country,
        "iso3": item.country,
        "admin1": admin1,
        "location": location,
        "latitude": item.lat,
        "longitude": item.lon,
        "geo_precision": _PRECISION.get(feature, 1) if item.lat is not None else None,
        "source": "; ".join(outlets) or None,
        "notes": notes,
        "fatalities": item.killed_min if item.killed_min is not None else item.killed_max,
        "timestamp": int(item.updated_at.timestamp()) if item.updated_at else None,
        "incident_id": item.id,
        "end_date": end,
        "fatalities_max": item.killed_max,
        "injured": item.injured_min if item.injured_min is not None else item.injured_max,
        "injured_max": item.injured_max,
        "claimed_by": "; ".join(_labels(detail, "claimed_by")) or None,
        "plover_type": str(item.type),
        "plover_mode": "; ".join(item.mode) or None,
        "article_count": item.article_count,
        "report_count": item.report_count,
        "first_published": item.first_published,
        "last_published": item.last_published,
    }


# --- formats ---------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value  # not a formula when opened in a spreadsheet
    return str(value)


def csv_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """CSV text (header first), a chunk per 200 rows, for streaming."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in COLUMNS])
    for n, row in enumerate(rows, 1):
        writer.writerow([_cell(row[c.name]) for c in COLUMNS])
        if n % PAGE == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def geojson_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A GeoJSON FeatureCollection, a Feature per incident (geometry null when it has no
    coordinates), streamed a feature at a time."""
    yield '{"type": "FeatureCollection", "features": ['
    for n, row in enumerate(rows):
        geometry = None
        if row["latitude"] is not None and row["longitude"] is not None:
            geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
        feature = {
            "type": "Feature",
            "id": row["incident_id"],
            "geometry": geometry,
            "properties": {c.name: _json_value(row[c.name]) for c in COLUMNS},
        }
        yield ("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False)
    yield "\n]}\n"


def parquet_bytes(rows: Iterable[dict[str, Any]]) -> bytes:
    """A Parquet file (typed columns: strings, int64, float64, date32; nulls for unknown)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32()}
    schema = pa.schema([pa.field(c.name, types[c.kind]) for c in COLUMNS])
    table = pa.Table.from_pylist(list(rows), schema=schema)
    out = io.BytesIO()
    pq.write_table(table, out, compression="zstd")
    return out.getvalue()
