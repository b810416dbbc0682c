"""The HTTP transport of eventwire's fetches: it connects only where ``Destinations`` allows.

``GuardedBackend`` resolves a host once, checks every address, and connects to an allowed
one itself, so that the address checked is the address connected to (no second DNS
answer can swap it), for the first request and every redirect.  ``GuardedTransport`` is
httpx's transport over it, without environment proxies.  Imported only when a URL is
fetched (httpx is not loaded otherwise).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

import httpcore
import httpx

from eventwire.ingest.destinations import DestinationRefused, Destinations, IPAddress


def resolve(host: str, port: int) -> list[IPAddress]:
    """The addresses of ``host`` (a name, or an address in any spelling), in the order the
    resolver gives them, each once."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host} ({exc})") from None
    seen: list[IPAddress] = []
    for *_, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if ip not in seen:
            seen.append(ip)
    return seen


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's backend, connecting only to the allowed addresses of a host, each
    resolved once (see the module docstring)."""

    def __init__(self, destinations: Destinations) -> None:
        self.destinations = destinations

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[tuple] | None = None,
    ) -> httpcore.NetworkStream:
        host = host.strip("[]")
        allowed: list[IPAddress] = []
        refused: tuple[IPAddress, str] | None = None
        for ip in resolve(host, port):
            why = self.destinations.refusal(host, ip)
            if why is None:
                allowed.append(ip)
            elif refused is None:
                refused = (ip, why)
        if not allowed:
            ip, why = refused if refused else (None, "no address")
            raise DestinationRefused(host, str(ip), why)
        last: httpcore.ConnectError | None = None
        for ip in allowed:  # the checked addresses, and only those: no second resolution
            try:
                return super().connect_tcp(str(ip), port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"cannot connect to {host}")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over ``GuardedBackend``, without environment proxies."""

    def __init__(self, destinations: Destinations) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(  # what HTTPTransport builds, with our backend
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=GuardedBackend(destinations),
        )
