"""The FastAPI application: the REST API and the web page, over one store.

    from eventwire.api import Settings, create_app
    app = create_app(Settings.load(db="eventwire.db"))   # then: uvicorn, or httpx's ASGI transport

The web page (``/`` and ``/incident/{id}``) is static HTML and JavaScript from
``eventwire/web/static``, reading the same API; every response carries a strict
Content-Security-Policy (scripts, styles and data from this server only).  The API's
OpenAPI description is at ``/openapi.json`` (the docs UIs are off: they load from a CDN).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import anyio
from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from eventwire.api import errors
from eventwire.api.cache import Aggregates
from eventwire.api.limits import ASGIApp, BodyLimit, RateLimiter, Receive, Scope, Send
from eventwire.api.routes import articles, export, incidents, meta
from eventwire.api.settings import Settings
from eventwire.store import Store, open_store
from eventwire.version import __version__

DESCRIPTION = """\
News articles in, a database of sourced events out.  `POST /articles` extracts an article
and stores it; the rest reads the store: reports (`/articles/{id}`), incidents fused
across articles (`/incidents`), actors, and exports (`/export`).  Every value carries its
evidence: a span (`text`, `start`, `end`) of the article text.

Writes need the API token (`Authorization: Bearer <token>`, set by
`EVENTWIRE_API_TOKEN`); reads are public unless the server says otherwise.  Errors are one
line: `{"detail": "…"}`.  The web page is at `/`.
"""


def static_dir() -> Path:
    """The folder of the web page's files (HTML, JS, CSS, vendored Leaflet, basemap)."""
    return Path(str(resources.files("eventwire.web").joinpath("static")))


def content_security_policy(settings: Settings) -> str:
    """Scripts, styles, fonts and data from this server only; images also from the tiles'
    server when one is configured; no frames, plugins or inline code."""
    images = "'self' data:"
    if settings.tiles:
        parts = urlsplit(settings.tiles.replace("{s}", "SUBDOMAIN"))
        if parts.scheme in ("http", "https") and parts.netloc:
            images += f" {parts.scheme}://{parts.netloc.replace('SUBDOMAIN', '*')}"
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; "
        f"img-src {images}; connect-src 'self'; font-src 'self'; manifest-src 'self'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


class SecurityHeaders:
    """Adds the CSP and the usual hardening headers to every HTTP response."""

    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The application over ``store`` (default: ``open_store(settings.db)``, closed with
    the app)."""
    settings = settings or Settings.load()
    own_store = store is None
    store = store or open_store(settings.db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if own_store:
                store.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        summary="Sourced events from news articles: who did what to whom, where, when",
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        license_info={"name": "MIT", "identifier": "MIT"},
    )
    app.state.settings = settings
    app.state.store = store
    app.state.pipeline_limiter = anyio.CapacityLimiter(1)  # one extraction at a time
    app.state.aggregates = Aggregates(settings.cache_s)  # /actors, /facets
    app.state.limiters = {
        "read": RateLimiter(settings.read_rate),
        "write": RateLimiter(settings.write_rate),
    }
    errors.install(app)
    for module in (articles, incidents, export, meta):
        app.include_router(module.router)
    _pages(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, csp=content_security_policy(settings))
    return app


def _pages(app: FastAPI) -> None:
    static = static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/incident/{incident_id}", include_in_schema=False)
    def incident_page(incident_id: str) -> FileResponse:
        if not incident_id.isdigit():
            raise HTTPException(404, f"no incident {incident_id!r}")
        return FileResponse(static / "incident.html", headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(static / "favicon.svg", media_type="image/svg+xml")
