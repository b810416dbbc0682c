"""``/export``: incidents as an ACLED-like table (CSV, GeoJSON, Parquet)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse

from eventwire import export
from eventwire.api.access import read_access
from eventwire.api.routes.common import ERRORS, store_of
from eventwire.api.routes.filters import Filters

router = APIRouter(tags=["export"], dependencies=[Depends(read_access)], responses=ERRORS)


class Format(StrEnum):
    CSV = "csv"
    GEOJSON = "geojson"
    PARQUET = "parquet"


@router.get(
    "/export",
    summary="Export incidents (CSV, GeoJSON, Parquet)",
    response_class=Response,
    responses={
        200: {
            "description": "a file: one row (or feature) per incident",
            "content": {media: {} for media, _ in export.FORMATS.values()},
        }
    },
)
def export_incidents(
    request: Request,
    filters: Filters,
    format: Format = Format.CSV,
    non_conflict: Annotated[
        bool,
        Query(description="also disasters and crime (not in the conflict export unless asked)"),
    ] = False,
) -> Response:
    """The incidents matching the filters (those of ``GET /incidents``), latest first, at
    most ``max_export_rows``, as an ACLED-like table: ACLED's column names where ACLED
    has the column (event_id_cnty, event_date, year, time_precision, event_type,
    sub_event_type, actor1, assoc_actor_1, actor2, assoc_actor_2, country, admin1,
    location, latitude, longitude, geo_precision, source, notes, fatalities, timestamp),
    then eventwire's own (iso3, incident_id, end_date, fatalities_max, injured,
    injured_max, claimed_by, plover_type, plover_mode, article_count, report_count,
    first_published, last_published).  How each column is derived: ``eventwire.export``
    and api/README.md.  Disasters and crime only with ``non_conflict=true`` (or a
    ``type`` filter naming them).  Unknown values are empty (CSV) or null."""
    media, suffix = export.FORMATS[format]
    rows = export.incident_rows(
        store_of(request),
        max_rows=request.app.state.settings.max_export_rows,
        non_conflict=non_conflict,
        **filters.as_kwargs(),
    )
    headers = {"Content-Disposition": f'attachment; filename="eventwire-incidents.{suffix}"'}
    if format is Format.PARQUET:
        return Response(export.parquet_bytes(rows), media_type=media, headers=headers)
    chunks = export.csv_chunks(rows) if format is Format.CSV else export.geojson_chunks(rows)
    return StreamingResponse(chunks, media_type=media, headers=headers)
