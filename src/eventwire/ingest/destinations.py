"""Where eventwire may connect when it fetches a URL: public unicast addresses only, unless
told otherwise.

A URL names a host; the host names addresses.  ``Destinations.check`` refuses every
address that is not public unicast: loopback (127.0.0.0/8, ::1), private (10/8,
172.16/12, 192.168/16, fc00::/7), link-local (169.254.0.0/16 with the cloud metadata
service, fe80::/10), shared CGNAT space (100.64.0.0/10), multicast, unspecified (0.0.0.0,
::), reserved and documentation ranges, and IPv6 addresses that carry one of those as an
IPv4 address (IPv4-mapped ::ffff:127.0.0.1, 6to4, NAT64, Teredo).  The decimal, octal and
hexadecimal spellings of an address (2130706433, 0177.0.0.1, 0x7f.1) are no way around it:
what is checked is the address the name resolves to.

``ingest.transport.GuardedBackend`` is the network backend of eventwire's HTTP client: it
resolves the host once, checks each address and connects to an allowed address itself,
so the address checked is the address connected to (a DNS answer that changes between a
check and a connection, "DNS rebinding", cannot swap it), for the first request and for
every redirect (each new host is a new connection).  Environment proxies are not used: a
proxy would connect for us, to an address we never see.

Deployments that fetch from their own network say so: ``allow_private`` (the CLI's
``--allow-private``) allows every address; ``EVENTWIRE_FETCH_ALLOW`` (or the API setting
``fetch_allow``) lists CIDRs and host names that are allowed ("10.0.0.0/8,intranet.example").
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable
from dataclasses import dataclass, field

ENV_ALLOW = "EVENTWIRE_FETCH_ALLOW"
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class DestinationRefused(Exception):
    """The host of a URL has no address eventwire may connect to."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        super().__init__(self.describe(host, address, kind))
        self.host = host
        self.address = address
        self.kind = kind

    @staticmethod
    def describe(host: str, address: str, kind: str) -> str:
        """ "localhost is 127.0.0.1, a loopback address"; "10.0.0.1 is a private address"."""
        try:
            same = ipaddress.ip_address(host) == ipaddress.ip_address(address)
        except ValueError:
            same = False
        return f"{host} is {kind}" if same else f"{host} is {address}, {kind}"


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64, Teredo client)."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.teredo is not None:
        return ip.teredo[1]
    return None


def non_public_kind(ip: IPAddress) -> str | None:
    """Why ``ip`` is no public unicast address ("a loopback address"…), or None."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            kind = non_public_kind(inner)
            return f"{kind} inside an IPv6 address" if kind else None
    checks = (
        (ip.is_unspecified, "the unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.version == 4 and ip in _SHARED, "a shared (CGNAT) address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "not a public address"),
    )
    return next((kind for refused, kind in checks if refused), None)


def _networks(items: Iterable[str]) -> tuple[tuple[IPNetwork, ...], frozenset[str]]:
    networks: list[IPNetwork] = []
    hosts: set[str] = set()
    for item in items:
        item = item.strip()
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            hosts.add(item.lower().rstrip("."))
    return tuple(networks), frozenset(hosts)


@dataclass(frozen=True)
class Destinations:
    """Which addresses a fetch may connect to (see the module docstring)."""

    allow_private: bool = False
    networks: tuple[IPNetwork, ...] = ()
    hosts: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, allow: Iterable[str] = (), allow_private: bool = False) -> Destinations:
        """From CIDRs and host names ("10.0.0.0/8", "192.168.1.7", "intranet.example")."""
        networks, hosts = _networks(allow)
        return cls(allow_private=allow_private, networks=networks, hosts=hosts)

    @classmethod
    def from_env(cls, allow_private: bool = False) -> Destinations:
        """The allow-list of ``$EVENTWIRE_FETCH_ALLOW`` (comma-separated)."""
        return cls.of(os.environ.get(ENV_ALLOW, "").split(","), allow_private)

    def refusal(self, host: str, ip: IPAddress) -> str | None:
        """Why connecting to ``ip`` for ``host`` is refused, or None when it is allowed."""
        if self.allow_private or host.lower().rstrip(".") in self.hosts:
            return None
        if any(ip in network for network in self.networks):
            return None
        return non_public_kind(ip)
