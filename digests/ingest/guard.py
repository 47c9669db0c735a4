"""Keeps fetches off the bot's own network (SSRF): loopback, private and link-local addresses are refused
on every hop, after DNS resolution, unless the admin allowed the host (`fetch.allow_private`)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Collection
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Where a feed's redirect or an entry's link must never lead.
_BLOCKED = tuple(
    ipaddress.ip_network(n)
    for n in (
        "127.0.0.0/8",  # loopback
        "10.0.0.0/8",  # private
        "172.16.0.0/12",
        "192.168.0.0/16",
        "169.254.0.0/16",  # link-local, cloud metadata services
        "0.0.0.0/8",  # "this host": Linux connects 0.0.0.0 to loopback
        "::1/128",  # loopback
        "::/128",  # unspecified, which reaches loopback too
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
    )
)


_WHY = "a loopback, private or link-local address (list the host in fetch.allow_private to allow it)"


class Refused(Exception):
    """A URL that leads to an address the bot must not reach; the message says how to allow it."""


def blocked(address: IPAddress) -> bool:
    # An IPv4 address written as IPv6 (::ffff:127.0.0.1) is the IPv4 address.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in _BLOCKED)


def _allowed(host: str, allow: Collection[str]) -> bool:
    return host.lower().rstrip(".") in {a.lower().rstrip(".").strip("[]") for a in allow}


async def _addresses(host: str, port: int) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # A scoped IPv6 address ("fe80::1%eth0") carries its zone after a "%".
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


async def check_url(url: str, allow: Collection[str]) -> None:
    """Raise Refused when the URL's host is, or resolves to, a blocked address and is not allowed.

    A host that does not resolve passes: the request then fails as any unreachable host does.
    """
    parts = urlsplit(url)
    host = parts.hostname
    if not host or _allowed(host, allow):
        return
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        addresses = await _addresses(host, port)
    except (OSError, UnicodeError):
        return
    for address in addresses:
        if blocked(address):
            where = "" if str(address) == host else f"it resolves to {address}, "
            raise Refused(f"refused {host}: {where}{_WHY}")


def check_peer(url: str, peer: object, allow: Collection[str]) -> None:
    """Raise Refused when the connection went to a blocked address anyway (DNS changed its answer
    between our look-up and the connection)."""
    host = urlsplit(url).hostname or ""
    if not isinstance(peer, tuple) or not peer or _allowed(host, allow):
        return
    try:
        address = ipaddress.ip_address(str(peer[0]).split("%")[0])
    except ValueError:
        return
    if blocked(address):
        raise Refused(f"refused {host}: connected to {address}, {_WHY}")
