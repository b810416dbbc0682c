"""Who may call what: the API token (Bearer) and the per-client rate limits.

Endpoints declare ``Depends(read_access)`` or ``Depends(write_access)``.  Writes need the
token; with no token configured they are refused (403) with a message saying how to set
one.  Reads are public unless ``public_reads`` is off.  Each kind has its own rate limit.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from eventwire.api.settings import ENV, Settings

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description=f"The server's API token (${ENV['token']}), as `Authorization: Bearer <token>`.",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def client_of(request: Request) -> str:
    """The key a client is counted under: its address."""
    return request.client.host if request.client else "unknown"


def _check_token(settings: Settings, credentials: HTTPAuthorizationCredentials | None) -> None:
    if not settings.writes_enabled:
        raise HTTPException(
            403,
            "writes are disabled: this server has no API token "
            f"(set {ENV['token']} and restart eventwire serve)",
        )
    if credentials is None:
        raise HTTPException(
            401,
            "this endpoint needs the API token: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    expected = settings.token.get_secret_value().encode()  # type: ignore[union-attr]
    if not hmac.compare_digest(credentials.credentials.encode(), expected):
        raise HTTPException(
            401, "the API token is not valid", headers={"WWW-Authenticate": "Bearer"}
        )


def _check_rate(request: Request, kind: str) -> None:
    limiter = request.app.state.limiters[kind]
    wait = limiter.take(client_of(request))
    if wait:
        raise HTTPException(
            429,
            f"too many requests: at most {limiter.rate} {kind}s a minute per client; "
            f"retry in {wait:.0f} s",
            headers={"Retry-After": f"{wait:.0f}"},
        )


def read_access(request: Request, credentials: Credentials) -> None:
    """Reads: the token when reads are not public, then the read rate limit."""
    settings: Settings = request.app.state.settings
    if not settings.public_reads:
        _check_token(settings, credentials)
    _check_rate(request, "read")


def write_access(request: Request, credentials: Credentials) -> None:
    """Writes: the token, then the write rate limit."""
    _check_token(request.app.state.settings, credentials)
    _check_rate(request, "write")
