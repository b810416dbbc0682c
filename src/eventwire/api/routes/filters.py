"""The incident filters shared by ``GET /incidents`` and ``GET /export``."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query

from eventwire.api.routes.common import NO_CONTROLS
from eventwire.model import EventType

BBOX_HELP = (
    "west,south,east,north in degrees (min lon, min lat, max lon, max lat); "
    "west > east crosses the antimeridian"
)


@dataclass
class IncidentFilters:
    """What ``Store.incidents`` filters on."""

    type: str | None = None
    country: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    actor: str | None = None
    q: str | None = None
    acled: str | None = None

    def as_kwargs(self) -> dict[str, Any]:
        return asdict(self)


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """ "60,20,80,40" → (60.0, 20.0, 80.0, 40.0); HTTPException 422 with the reason."""
    parts = value.split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise HTTPException(
            422, f"query parameter bbox: {value!r} is not four numbers ({BBOX_HELP})"
        ) from None
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise HTTPException(422, "query parameter bbox: longitudes must be within -180..180")
    if not (-90 <= south <= north <= 90):
        raise HTTPException(
            422, "query parameter bbox: latitudes must be within -90..90, south <= north"
        )
    return west, south, east, north


def incident_filters(
    type: Annotated[EventType | None, Query(description="PLOVER event type")] = None,
    country: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3", examples=["PAK"]),
    ] = None,
    bbox: Annotated[
        str | None,
        Query(description=BBOX_HELP, examples=["60,20,80,40"], max_length=200, pattern=NO_CONTROLS),
    ] = None,
    start: Annotated[
        dt.date | None, Query(description="incidents whose date range ends on or after this day")
    ] = None,
    end: Annotated[
        dt.date | None,
        Query(description="incidents whose date range starts on or before this day"),
    ] = None,
    actor: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=NO_CONTROLS,
            description="actor key (e.g. iskp) or part of a name, in any role",
            examples=["Islamic State"],
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=NO_CONTROLS,
            description="words that must all occur in the label, places, actors, titles "
            "or report sentences",
            examples=["market bombing"],
        ),
    ] = None,
    acled: Annotated[
        str | None,
        Query(
            max_length=100,
            pattern=NO_CONTROLS,
            description="ACLED event type or sub-event type (knowledge/acled_classes.yaml)",
            examples=["Armed clash"],
        ),
    ] = None,
) -> IncidentFilters:
    if start is not None and end is not None and start > end:
        raise HTTPException(422, f"query parameters start/end: start {start} is after end {end}")
    return IncidentFilters(
        type=str(type) if type else None,
        country=country.upper() if country else None,
        bbox=parse_bbox(bbox) if bbox else None,
        start=start,
        end=end,
        actor=actor.strip() or None if actor else None,
        q=q.strip() or None if q else None,
        acled=acled.strip() or None if acled else None,
    )


Filters = Annotated[IncidentFilters, Depends(incident_filters)]
