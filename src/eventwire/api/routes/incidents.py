"""``/incidents`` and ``/actors``: incidents across articles, and who takes part in them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response

from eventwire.api.access import read_access
from eventwire.api.routes.common import (
    ERRORS,
    MAX_ID,
    MAX_LIMIT,
    MAX_OFFSET,
    NO_CONTROLS,
    json_of,
    next_url,
    store_of,
)
from eventwire.api.routes.filters import Filters
from eventwire.api.schemas import ActorPage, IncidentPage
from eventwire.incidents.model import Incident
from eventwire.model import ActorKind

router = APIRouter(tags=["incidents"], dependencies=[Depends(read_access)], responses=ERRORS)
Limit = Annotated[
    int,
    Query(ge=1, le=MAX_LIMIT, description="page size; over max_page (default 500) it is max_page"),
]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
RANKED = 5_000  # /actors: the ranks kept in memory (api.cache) for their pages


@router.get("/incidents", response_model=IncidentPage, summary="Search incidents")
def list_incidents(
    request: Request, filters: Filters, limit: Limit = 50, offset: Offset = 0
) -> Response:
    """Incidents matching every filter given, latest first, a page at a time, with the
    number matching in all (``total``) and the URL of the next page."""
    limit = min(limit, request.app.state.settings.max_page)
    items, total = store_of(request).incidents(limit=limit, offset=offset, **filters.as_kwargs())
    page = IncidentPage(
        items=items,
        total=total,
        limit=limit,
        offset=offset,
        next=next_url(request, total, limit, offset),
    )
    return json_of(page)


@router.get("/incidents/{incident_id}", response_model=Incident, summary="One incident in full")
def get_incident(
    request: Request, incident_id: Annotated[int, Path(ge=1, le=MAX_ID, examples=[3])]
) -> Response:
    """The reconciled record (per field: values, sources, agreement), the reports, the
    casualty figures over time with the reconciled range, the statements grouped by
    stance and the conflicting claims.  Evidence spans index the text of the article
    they name (``GET /articles/{article_id}``)."""
    incident = store_of(request).incident(incident_id)
    if incident is None:
        raise HTTPException(404, f"no incident {incident_id} in the store")
    return json_of(incident)


@router.get("/actors", response_model=ActorPage, summary="Search actors", tags=["actors"])
def list_actors(
    request: Request,
    q: Annotated[
        str | None,
        Query(max_length=200, pattern=NO_CONTROLS, description="part of a name or dictionary key"),
    ] = None,
    country: Annotated[
        str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3")
    ] = None,
    kind: Annotated[ActorKind | None, Query(description="kind of actor")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Actors across all stored articles, most often named first, with the number of
    articles and incidents naming each (an answer may be up to ``cache_s`` seconds old
    when another process writes into the store)."""
    limit = min(limit, request.app.state.settings.max_page)
    query = {
        "q": q.strip() or None if q else None,
        "country": country.upper() if country else None,
        "kind": str(kind) if kind else None,
    }
    if offset + limit <= RANKED:  # the first ranks, counted once for every page of them
        ranked, total = request.app.state.aggregates.get(
            ("actors", *query.values()),
            lambda: store_of(request).actors(**query, limit=RANKED, offset=0),
        )
        items = ranked[offset : offset + limit]
    else:
        items, total = store_of(request).actors(**query, limit=limit, offset=offset)
    page = ActorPage(
        items=items,
        total=total,
        limit=limit,
        offset=offset,
        next=next_url(request, total, limit, offset),
    )
    return json_of(page)
