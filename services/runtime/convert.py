"""Small conversions between database values and protobuf messages."""

from __future__ import annotations

from datetime import datetime
from typing import overload

from google.protobuf import timestamp_pb2


@overload
def timestamp(value: datetime) -> timestamp_pb2.Timestamp: ...
@overload
def timestamp(value: datetime | None) -> timestamp_pb2.Timestamp | None: ...
def timestamp(value: datetime | None) -> timestamp_pb2.Timestamp | None:
    """A Timestamp for ``value``; None stays None so the field is left unset."""
    if value is None:
        return None
    ts = timestamp_pb2.Timestamp()
    ts.FromDatetime(value)
    return ts


def etag(version: int) -> str:
    """The etag clients send back to guard their writes: a quoted version number."""
    return f'W/"{version}"'


def parse_etag(value: str) -> int | None:
    """The version in an etag this service issued, or None when it is not one."""
    text = value.strip()
    if text.startswith('W/"') and text.endswith('"'):
        text = text[3:-1]
    return int(text) if text.isdigit() else None


def client_ip(peer: str) -> str:
    """``ipv4:127.0.0.1:5000`` or ``ipv6:[::1]:5000`` -> the address alone (an address
    the gateway forwarded is one already)."""
    kind, _, rest = peer.partition(":")
    if kind == "ipv6" and rest.startswith("["):
        return rest[1 : rest.index("]")]
    if kind == "ipv4":
        return rest.rsplit(":", 1)[0]
    return peer
