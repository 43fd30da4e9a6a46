"""Refusing addresses a connector must never reach (server-side request forgery).

A data source's host is user input: pointed at a cloud metadata endpoint, a
connector would hand the server's cloud credentials to whoever registered the source.
So every host is resolved first and refused when any address it resolves to is
link-local (169.254.0.0/16, fe80::/10, which hold the metadata endpoints of AWS, Azure,
GCP and others) or a known metadata address or name. Private and loopback addresses
stay allowed: databases live there.

SQL connectors then connect to the address that was checked, not the name again, so a
DNS answer that changes between the check and the connection (rebinding) cannot
slip through. The exception is TLS with host-name verification, which needs the name;
there a rebound address fails certificate verification instead.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time

from services.connectors.errors import ConnectorError
from services.connectors.model import CheckStep, FailureKind

_METADATA_NAMES = frozenset(
    {"metadata.google.internal", "metadata.goog", "metadata.azure.internal", "instance-data"}
)
_METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, Azure, GCP, OpenStack...
        "169.254.170.2",  # AWS ECS task metadata
        "fd00:ec2::254",  # AWS IMDS over IPv6
        "100.100.100.200",  # Alibaba Cloud
    )
)

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def blocked_reason(address: IpAddress) -> str | None:
    """Why ``address`` is refused, or None when it may be reached."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address in _METADATA_ADDRESSES:
        return f"{address} is a cloud metadata endpoint"
    if address.is_link_local:
        return f"{address} is a link-local address"
    return None


def check_host_name(host: str) -> None:
    """Refuses a host named after a metadata service, before any resolution."""
    name = host.strip().rstrip(".").lower()
    if name in _METADATA_NAMES:
        raise ConnectorError(
            FailureKind.ADDRESS_BLOCKED,
            f"{host} is a cloud metadata endpoint; PurSight does not connect to it",
            step="resolve",
        )


async def resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to, all checked; refuses the host when any one
    is blocked (a name that also resolves to a metadata address is not trusted)."""
    check_host_name(host)
    try:
        literal: IpAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        found = [literal]
    else:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise ConnectorError(
                FailureKind.UNREACHABLE,
                f"cannot resolve host {host!r}: {exc.strerror or 'unknown name'}",
                step="resolve",
            ) from None
        found = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in found:
        reason = blocked_reason(address)
        if reason is not None:
            raise ConnectorError(
                FailureKind.ADDRESS_BLOCKED,
                f"host {host!r} is not allowed: {reason}",
                step="resolve",
            )
    return list(dict.fromkeys(str(a) for a in found))


async def resolve_step(host: str, port: int) -> tuple[list[str], CheckStep]:
    """``resolve`` timed, as the first step of a connection test."""
    started = time.perf_counter()
    addresses = await resolve(host, port)
    elapsed = time.perf_counter() - started
    return addresses, CheckStep("resolve", True, f"{host} -> {', '.join(addresses)}", elapsed)
