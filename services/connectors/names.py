"""Qualified names: the stable, readable keys the catalog upserts assets by.

A qualified name is a URL-like string built from where the object lives, never from
PurSight's own ids, so a rescan (or another scanner of the same source) lands on the
same asset. Forms are listed in this package's README. Segments are kept as the source
spells them (PostgreSQL names are case-sensitive); only ``%``, ``/``, ``#`` and ``?``
inside a segment are percent-encoded, so the separators stay unambiguous, and control
characters, which the catalog refuses in qualified names.
"""

from __future__ import annotations

from collections.abc import Iterable

# Control characters are encoded too: a CSV header may hold a tab, a line break or even
# a NUL, and the catalog refuses qualified names with control characters (the whole
# batch of a scan with them).
_ESCAPES = str.maketrans(
    {
        "%": "%25",
        "/": "%2F",
        "#": "%23",
        "?": "%3F",
        **{chr(c): f"%{c:02X}" for c in [*range(0x20), 0x7F]},
    }
)


def segment(text: str) -> str:
    """One path segment, with the separators it contains percent-encoded."""
    return text.translate(_ESCAPES)


def host_port(host: str, port: int) -> str:
    """``host:port`` with the host lower-cased and an IPv6 literal bracketed."""
    name = host.strip().lower()
    if ":" in name and not name.startswith("["):
        name = f"[{name}]"
    return f"{name}:{port}"


def server_url(scheme: str, host: str, port: int) -> str:
    """``postgresql://db.internal:5432``: the root every name of a server starts with."""
    return f"{scheme}://{host_port(host, port)}"


def join(root: str, parts: Iterable[str]) -> str:
    """``root/part/part`` with each part encoded."""
    tail = "/".join(segment(p) for p in parts)
    return f"{root.rstrip('/')}/{tail}" if tail else root


def column(object_name: str, column_name: str) -> str:
    """A column's qualified name: the object's, ``#``, the column's."""
    return f"{object_name}#{segment(column_name)}"
