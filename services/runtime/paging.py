"""Page sizes and page tokens, the same way for every List and Search method.

A page token is opaque to callers: base64url JSON holding the position after the last
item and a digest of the request's filters, so a token reused with other filters is
refused instead of silently returning the wrong page.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

from services.runtime.errors import bad_field

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


def page_size(
    requested: int, *, default: int = DEFAULT_PAGE_SIZE, maximum: int = MAX_PAGE_SIZE
) -> int:
    """The page size to use; negative or above ``maximum`` is INVALID_ARGUMENT."""
    if requested < 0:
        raise bad_field("page_size", "must not be negative")
    if requested > maximum:
        raise bad_field("page_size", f"must be at most {maximum}")
    return requested or default


def _digest(filters: Any) -> str:
    text = json.dumps(filters, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def encode_token(position: Any, filters: Any) -> str:
    payload = json.dumps({"p": position, "f": _digest(filters)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).rstrip(b"=").decode()


def decode_token(token: str, filters: Any) -> Any:
    """The position stored in ``token``, or None for the first page."""
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw)
        position, digest = payload["p"], payload["f"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise bad_field("page_token", "is not a token this service issued") from None
    if digest != _digest(filters):
        raise bad_field("page_token", "was issued for a request with other filters")
    return position
