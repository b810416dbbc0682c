"""Errors as one line of JSON: ``{"detail": "…", "code": "E001"}``.

Bad input is 4xx with a message naming the field or parameter; eventwire's own errors
(``eventwire.errors``) keep their number in ``code``: an unreadable article, or one whose
extraction runs past the time limit, is 422, a store that cannot write 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from eventwire.errors import EventwireError, InputError, TimeLimitError

log = logging.getLogger("eventwire.api")
_WHERE = {"query": "query parameter", "path": "path parameter", "header": "header"}


def describe_validation(errors: list[dict[str, Any]]) -> str:
    """FastAPI's validation errors as one line: "query parameter limit: … ; body.text: …"."""
    parts = []
    for error in errors[:3]:
        loc = [str(part) for part in error.get("loc", ())]
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        if error.get("type") == "json_invalid":
            parts.append(f"body: not valid JSON ({error.get('ctx', {}).get('error', message)})")
            continue
        if loc and loc[0] in _WHERE:
            where = f"{_WHERE[loc[0]]} {'.'.join(loc[1:])}"
        elif loc and loc[0] == "body":
            where = ".".join(loc) if len(loc) > 1 else "body"
        else:
            where = ".".join(loc) or "request"
        parts.append(f"{where}: {message}")
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    return "; ".join(parts) + more


def install(app: FastAPI) -> None:
    """Register the handlers that turn errors into one-line JSON answers."""

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": describe_validation(list(exc.errors()))}, status_code=422)

    @app.exception_handler(EventwireError)
    async def eventwire_error(_request: Request, exc: EventwireError) -> JSONResponse:
        status = 422 if isinstance(exc, InputError | TimeLimitError) else 500
        return JSONResponse({"detail": str(exc), "code": exc.code}, status_code=status)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        detail = f"internal error ({type(exc).__name__}); the server log has the details"
        return JSONResponse({"detail": detail}, status_code=500)
