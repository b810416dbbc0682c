"""``/facets`` and ``/info``: what the store spans and what this server allows."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from eventwire.api.access import read_access
from eventwire.api.routes.common import ERRORS, store_of
from eventwire.api.schemas import Count, Facets, ServerInfo
from eventwire.knowledge.countries import by_iso3
from eventwire.version import __version__

router = APIRouter(tags=["meta"])


@router.get(
    "/facets",
    response_model=Facets,
    dependencies=[Depends(read_access)],
    responses=ERRORS,
    summary="What the stored incidents span",
)
def facets(request: Request) -> Facets:
    """Incident types and countries with their counts, and the first and last day: what
    the filters of the web page offer."""
    found = request.app.state.aggregates.get("facets", store_of(request).facets)

    def country_name(code: str) -> str:
        country = by_iso3(code)
        return country.name if country else code

    return Facets(
        incidents=found.incidents,
        articles=found.articles,
        types=[Count(value=t, label=t.title(), count=n) for t, n in found.types],
        acled=[Count(value=s, label=f"{e}: {s}", count=n) for e, s, n in found.acled],
        countries=[Count(value=c, label=country_name(c), count=n) for c, n in found.countries],
        first_day=found.first_day,
        last_day=found.last_day,
    )


@router.get("/info", response_model=ServerInfo, summary="This server's version and settings")
def info(request: Request) -> ServerInfo:
    """The version, whether writes are enabled and reads public, and the map tiles."""
    settings = request.app.state.settings
    return ServerInfo(
        version=__version__,
        writes=settings.writes_enabled,
        public_reads=settings.public_reads,
        tiles=settings.tiles,
        tiles_attribution=settings.tiles_attribution,
    )
