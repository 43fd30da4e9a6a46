"""Helpers for building SQL safely."""

from __future__ import annotations

from collections.abc import Iterable


def like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards escaped, so a user's ``_`` or ``%`` matches itself."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def assignments(columns: Iterable[str], first: int) -> str:
    """``a = $2, b = $3`` for an UPDATE's SET list, placeholders numbered from ``first``.

    Column names are put into the statement as they are: callers pass only names from a
    fixed allow-list of their own, never from a request.
    """
    return ", ".join(f"{column} = ${i}" for i, column in enumerate(columns, start=first))
