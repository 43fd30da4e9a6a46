"""Pieces shared by connectors to database servers over TCP: config checks for hosts
and ports, and the plain TCP probe that tells "nothing answers" apart from "the server
refused us"."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import re

from services.connectors.errors import ConfigCheck, ConnectorError
from services.connectors.model import FailureKind
from services.connectors.network import blocked_reason, check_host_name

_HOST = re.compile(r"^[A-Za-z0-9._:\[\]-]{1,253}$")


def check_host(check: ConfigCheck, host: str, field: str = "host") -> None:
    """A host name or IP literal; link-local and metadata addresses are refused now
    when they are literals (names are checked again after resolution)."""
    check.require(bool(host.strip()), field, "is required")
    if not host.strip():
        return
    check.require(bool(_HOST.match(host.strip())), field, "must be a host name or IP address")
    try:
        literal = ipaddress.ip_address(host.strip().strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        reason = blocked_reason(literal)
        check.require(reason is None, field, f"is not allowed: {reason}")
    try:
        check_host_name(host)
    except ConnectorError as exc:
        check.require(False, field, exc.message)


def check_port(check: ConfigCheck, port: int, field: str = "port") -> None:
    check.require(0 <= port <= 65535, field, "must be between 1 and 65535 (0 for the default)")


async def tcp_probe(addresses: list[str], port: int, wait: float) -> str:
    """The first of ``addresses`` that accepts a TCP connection on ``port``."""
    last = ""
    for address in addresses:
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(address, port), wait)
        except TimeoutError:
            last = f"{address}:{port} did not answer within {wait:g}s"
            continue
        except OSError as exc:
            last = f"{address}:{port} refused the connection ({exc.strerror or 'unreachable'})"
            continue
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
        return address
    raise ConnectorError(
        FailureKind.UNREACHABLE, f"cannot reach the server: {last}", step="connect"
    )
