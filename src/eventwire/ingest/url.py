"""Fetching one article by URL: the only thing eventwire ever downloads.

http and https only; public addresses only unless allowed (``ingest.destinations``:
checked on the address connected to, for every redirect); a connect/read timeout, a cap
on redirects and on the size of the body (checked on Content-Length and again while
streaming); an honest user agent.
HTML is read by trafilatura, plain text as text; other content types are refused.
"""

from __future__ import annotations

import re
from datetime import date

from eventwire.errors import FetchError, FetchRefused, InputError
from eventwire.ingest.destinations import ENV_ALLOW, DestinationRefused
from eventwire.ingest.html import html_article, looks_like_html
from eventwire.ingest.limits import Limits, human_size
from eventwire.ingest.text import binary_kind, decode, text_article
from eventwire.model import Article
from eventwire.version import __version__

USER_AGENT = f"eventwire/{__version__} (news event extraction; one article per request)"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


def is_url(source: str) -> bool:
    """True when ``source`` is written as a URL (any scheme)."""
    return bool(_SCHEME.match(source))


def fetch(url: str, limits: Limits) -> tuple[bytes, str, str]:
    """(body, content type, final URL) of ``url``; FetchError with the reason otherwise."""
    import httpx

    from eventwire.ingest.transport import GuardedTransport

    scheme = url.split("://", 1)[0].lower()
    if scheme not in ("http", "https"):
        raise InputError(url, f"only http and https URLs are fetched, not {scheme}://")
    timeout = httpx.Timeout(limits.timeout_s, connect=min(limits.timeout_s, 10.0))
    try:
        with (
            httpx.Client(
                transport=GuardedTransport(limits.destinations),
                follow_redirects=True,
                max_redirects=limits.max_redirects,
                timeout=timeout,
                headers={"User-Agent": USER_AGENT},
                trust_env=False,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > limits.max_bytes:
                raise FetchError(url, _too_big(int(length), limits))
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limits.max_bytes:
                    raise FetchError(url, _too_big(len(body), limits, at_least=True))
            content_type = response.headers.get("content-type", "").split(";")[0].strip()
            return bytes(body), content_type.lower(), str(response.url)
    except DestinationRefused as exc:
        raise FetchRefused(
            url,
            f"refused: {exc}; eventwire fetches public "
            f"addresses only (--allow-private, or {ENV_ALLOW}=CIDR,host to allow more)",
        ) from None
    except httpx.TooManyRedirects:
        raise FetchError(url, f"more than {limits.max_redirects} redirects") from None
    except httpx.TimeoutException:
        raise FetchError(url, f"timed out after {limits.timeout_s:g} s") from None
    except httpx.ConnectError as exc:
        raise FetchError(url, f"cannot connect ({_reason(exc)})") from None
    except httpx.InvalidURL as exc:
        raise InputError(url, f"invalid URL ({exc})") from None
    except httpx.HTTPError as exc:
        raise FetchError(url, f"{type(exc).__name__}: {_reason(exc)}") from None


def _too_big(size: int, limits: Limits, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"{more}{human_size(size)}, over the size cap of {human_size(limits.max_bytes)}"


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.split("] ", 1)[-1]  # "[Errno 111] Connection refused" → "Connection refused"


def url_article(url: str, *, published: date | str | None = None, limits: Limits) -> Article:
    """Fetch ``url`` and read it as an article."""
    body, content_type, final_url = fetch(url, limits)
    return response_article(url, body, content_type, final_url, published=published, limits=limits)


def response_article(
    url: str,
    body: bytes,
    content_type: str,
    final_url: str,
    *,
    published: date | str | None = None,
    limits: Limits,
) -> Article:
    """An article from a fetched body (HTML or plain text); InputError for anything else."""
    if content_type in HTML_TYPES or (not content_type and looks_like_html(body)):
        return html_article(body, source=url, url=final_url, published=published, limits=limits)
    if content_type in TEXT_TYPES or (not content_type and not binary_kind(body)):
        return text_article(
            decode(body, url), source=url, url=final_url, published=published, limits=limits
        )
    raise InputError(url, f"not an article: content type {content_type or 'unknown'}")
