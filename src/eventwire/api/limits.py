"""Input limits: the size of a request body, and a per-client request rate.

``BodyLimit`` is an ASGI middleware: a body announced (Content-Length) or sent (chunked)
larger than the limit is answered 413 before any endpoint reads it.  ``RateLimiter`` is
a token bucket per client address and kind of request (read, write): ``rate`` requests a
minute on average, bursts up to ``rate``; over it, 429 with Retry-After.  Both are kept in
memory by one server process, which is what ``eventwire serve`` runs.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413 (read into memory below it)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(send, int(length))
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_bytes:
                await self._refuse(send, len(body), at_least=True)
                return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()  # after the body: wait for the disconnect

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send, size: int, at_least: bool = False) -> None:
        more = "more than " if at_least else ""
        detail = (
            f"request body too large: {more}{size:,} bytes (at most {self.max_bytes:,}); "
            "send a shorter article"
        )
        payload = json.dumps({"detail": detail}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})


class RateLimiter:
    """A token bucket per key: ``rate`` requests per minute, bursts up to ``rate``."""

    def __init__(self, rate: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, last time)
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Take one request for ``key``: 0.0 when allowed, else seconds to wait."""
        if self.rate <= 0:
            return 0.0
        per_second = self.rate / 60.0
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.rate), now))
            tokens = min(float(self.rate), tokens + (now - last) * per_second)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                allowed = True
            else:
                self._buckets[key] = (tokens, now)
                allowed = False
            if len(self._buckets) > 10_000:  # forget clients whose bucket is full again
                full = 60.0  # seconds to refill a bucket completely
                self._buckets = {
                    k: v for k, v in self._buckets.items() if now - v[1] < full or k == key
                }
        return 0.0 if allowed else max(1.0, math.ceil((1.0 - tokens) / per_second))
