"""Sampled values as text: what classification and profiles work on."""

from __future__ import annotations

from typing import Any

MAX_VALUE_CHARS = 1024  # longer values are cut: enough to classify, cheap to carry


def as_text(value: Any) -> str | None:
    """A sampled value as text, cut to MAX_VALUE_CHARS; bytes as hex, None stays None."""
    if value is None:
        return None
    if isinstance(value, bytes | bytearray | memoryview):
        text = bytes(value).hex()
    elif isinstance(value, str):
        text = value
    else:
        text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS]
