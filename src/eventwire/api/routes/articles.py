"""``/articles``: extract and store an article; read stored reports."""

from __future__ import annotations

from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response

from eventwire.api.access import read_access, write_access
from eventwire.api.routes.common import ERRORS, MAX_LIMIT, MAX_OFFSET, next_url, store_of
from eventwire.api.schemas import ArticleIn, ArticleListItem, ArticlePage
from eventwire.api.settings import Settings
from eventwire.errors import EventwireError, FetchError, FetchRefused, TimeLimitError
from eventwire.model import ArticleReport
from eventwire.store import Store

router = APIRouter(prefix="/articles", tags=["articles"])
ArticleId = Annotated[
    str,
    Path(pattern=r"^[0-9a-f]{16}$", description="content hash", examples=["cf2f6a21acb94f99"]),
]


def analyse(body: ArticleIn, settings: Settings, store: Store) -> tuple[ArticleReport, bool]:
    """Read, extract and store one article, then cluster it into incidents.

    Runs in a worker thread.  (report, True) when new; (stored report, False) when the
    same text is already stored.  Raises eventwire's InputError for unreadable input and
    TimeLimitError when the extraction runs past ``settings.timeout_s`` (checked between
    stages: see ``eventwire.timeout``); nothing is stored then.
    """
    from eventwire.incidents.cluster import update_incidents
    from eventwire.ingest.article import make_article
    from eventwire.ingest.limits import Limits
    from eventwire.pipeline import default_extractor
    from eventwire.timeout import TimeUp, time_limit

    if body.text is not None:
        article = make_article(
            body.text,
            source="text",
            published=body.published,
            url=body.url,
            title=body.title,
            outlet=body.outlet,
            max_chars=settings.max_text_chars,
        )
    else:
        from eventwire.ingest.url import url_article

        limits = Limits(
            max_bytes=Limits.from_env().max_bytes,
            max_chars=settings.max_text_chars,
            destinations=settings.destinations(),
        )
        try:
            article = url_article(str(body.url), published=body.published, limits=limits)
        except FetchRefused:  # no address, port or reason: the endpoint is no port scanner
            raise FetchRefused("body.url", "refused: not a public address") from None
        except EventwireError:  # closed port, HTTP error, no article: all look the same
            raise FetchError("body.url", "could not fetch the URL") from None
        update = {k: v for k, v in (("title", body.title), ("outlet", body.outlet)) if v}
        article = article.model_copy(update=update)
    stored = store.get(article.id)
    if stored is not None:
        return stored, False
    try:
        with time_limit(settings.timeout_s):
            report = default_extractor().extract(article)
    except TimeUp as exc:
        where = f"stage {getattr(exc, 'stage', '?')}"
        raise TimeLimitError(
            "body.url" if body.text is None else "body.text",
            f"extraction took longer than {settings.timeout_s:g} s (in {where}); "
            "the article was not stored",
        ) from None
    new = store.save(report)
    update_incidents(store)
    return report, new


@router.post(
    "",
    response_model=ArticleReport,
    status_code=201,
    dependencies=[Depends(write_access)],
    summary="Extract an article and store it",
    responses={
        200: {"description": "the same text was already stored: its stored report"},
        201: {"description": "extracted and stored; Location names it"},
        **ERRORS,
    },
)
async def post_article(body: ArticleIn, request: Request, response: Response) -> ArticleReport:
    """Extract events, actors, places, dates and statements from one article (its
    ``text``, or a ``url`` the server fetches), store the report and cluster its events
    into incidents.  The pipeline runs in a worker thread, one article at a time, so the
    server keeps answering meanwhile.  Needs the API token."""
    settings: Settings = request.app.state.settings
    if body.text is not None and len(body.text) > settings.max_text_chars:
        raise HTTPException(
            413,
            f"body.text: {len(body.text):,} characters, over the limit of "
            f"{settings.max_text_chars:,}",
        )
    if body.text is None and not settings.fetch_urls:
        raise HTTPException(403, "body.url: this server does not fetch URLs; send the text")
    report, new = await anyio.to_thread.run_sync(
        analyse, body, settings, store_of(request), limiter=request.app.state.pipeline_limiter
    )
    if new:
        request.app.state.aggregates.clear()  # the actors and facets have changed
    response.status_code = 201 if new else 200
    response.headers["Location"] = f"/articles/{report.article.id}"
    return report


@router.get(
    "",
    response_model=ArticlePage,
    dependencies=[Depends(read_access)],
    summary="List stored articles",
    responses=ERRORS,
)
def list_articles(
    request: Request,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="page size; over max_page it is max_page")
    ] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")] = 0,
) -> ArticlePage:
    """Stored articles in the order they were stored (without their text)."""
    store = store_of(request)
    limit = min(limit, request.app.state.settings.max_page)
    total = store.article_count()
    items = [
        ArticleListItem(
            id=a.id,
            title=a.title,
            url=a.url,
            outlet=a.outlet,
            published=a.published,
            chars=len(a.text),
        )
        for a in store.articles(limit=limit, offset=offset)
    ]
    return ArticlePage(
        items=items,
        total=total,
        limit=limit,
        offset=offset,
        next=next_url(request, total, limit, offset),
    )


@router.get(
    "/{article_id}",
    response_model=ArticleReport,
    dependencies=[Depends(read_access)],
    summary="One stored report",
    responses=ERRORS,
)
def get_article(article_id: ArticleId, request: Request) -> ArticleReport:
    """The stored ArticleReport: the article and everything found in it, with evidence
    spans that index ``article.text``."""
    report = store_of(request).get(article_id)
    if report is None:
        raise HTTPException(404, f"no article {article_id} in the store")
    return report


@router.get(
    "/{article_id}/incidents",
    response_model=dict[str, int],
    dependencies=[Depends(read_access)],
    summary="Which incident each event of an article belongs to",
    responses=ERRORS,
)
def get_article_incidents(article_id: ArticleId, request: Request) -> dict[str, int]:
    """``{event id: incident id}`` for the clustered events of this article."""
    store = store_of(request)
    if not store.has(article_id):
        raise HTTPException(404, f"no article {article_id} in the store")
    return store.incidents_of(article_id)
