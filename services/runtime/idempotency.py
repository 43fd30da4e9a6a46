"""``request_id`` handling for Create methods: a retried create returns the first result.

Each service keeps a ``<schema>.idempotency`` table (request id -> resource name),
written in the same transaction as the resource, so a retry after a lost response finds
the resource instead of creating a second one.
"""

from __future__ import annotations

import re

from services.runtime.database import Connection
from services.runtime.errors import bad_field

_REQUEST_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")


def check_request_id(request_id: str) -> None:
    if request_id and not _REQUEST_ID.match(request_id):
        raise bad_field("request_id", "must be 1-128 letters, digits, '-', '_', '.' or ':'")


async def remembered(conn: Connection, schema: str, request_id: str) -> str | None:
    """The resource a request with this id created before, if any."""
    if not request_id:
        return None
    value = await conn.fetchval(
        f"SELECT resource FROM {schema}.idempotency WHERE request_id = $1",  # noqa: S608 - schema is the calling service's constant
        request_id,
    )
    return str(value) if value is not None else None


async def remember(conn: Connection, schema: str, request_id: str, resource: str) -> None:
    if request_id:
        await conn.execute(
            f"INSERT INTO {schema}.idempotency (request_id, resource) VALUES ($1, $2)"  # noqa: S608 - schema is the calling service's constant
            " ON CONFLICT (request_id) DO NOTHING",
            request_id,
            resource,
        )
