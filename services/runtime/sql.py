"""Helpers for building SQL safely."""

from __future__ import annotations


def like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards escaped, so a user's ``_`` or ``%`` matches itself."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
