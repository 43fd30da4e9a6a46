"""Reading asset rows and appending to their history: what every catalog module shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import asyncpg

from services.catalog import assets as A
from services.runtime.database import Connection, Queryable, json_text
from services.runtime.errors import not_found
from services.runtime.names import parse_name

WORKSPACE = "workspaces/{workspace}"
# Every column but the search vector and the internal ones: what handlers read and
# convert to messages.
COLUMNS = ", ".join(
    f"a.{c}"
    for c in (
        "id",
        "workspace",
        "qualified_name",
        "type",
        "display_name",
        "parent_id",
        "data_source",
        "source_description",
        "description",
        "owners",
        "stewards",
        "tags",
        "terms",
        "classifications",
        "labels",
        "column_info",
        "table_info",
        "properties",
        "retention_days",
        "protected",
        "deleted",
        "version",
        "create_time",
        "update_time",
        "last_scan_time",
        "name_folded",
    )
)
SELECT = f"SELECT {COLUMNS} FROM catalog.assets a"  # noqa: S608 - fixed column list


def workspace_of(parent: str, field: str = "parent") -> str:
    """The workspace id in ``workspaces/{workspace}``; INVALID_ARGUMENT otherwise."""
    return parse_name(parent, WORKSPACE, field)["workspace"]


async def fetch_asset(
    conn: Queryable, name: str, field: str = "name", lock: bool = False
) -> asyncpg.Record:
    """The row of asset ``name``; NOT_FOUND when there is none."""
    ids = parse_name(name, A.ASSET, field)
    row = await conn.fetchrow(
        f"{SELECT} WHERE a.workspace = $1 AND a.id = $2{' FOR UPDATE' if lock else ''}",
        ids["workspace"],
        ids["asset"],
    )
    if row is None:
        raise not_found("Asset", name)
    return row


async def insert_history(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Appends (asset_id, workspace, version, kind, fields, before, after, actor) rows,
    in their order, with one statement over arrays however many there are."""
    if not rows:
        return
    ids, workspaces, versions, kinds, fields, before, after, actors = (
        list(column) for column in zip(*rows, strict=True)
    )
    # changed_fields differ in length from row to row, which a text[][] cannot hold:
    # they travel as JSON arrays and become text[] again here.
    await conn.execute(
        "INSERT INTO catalog.asset_changes (asset_id, workspace, version, kind,"
        " changed_fields, before, after, actor)"
        " SELECT u.id, u.ws, u.version, u.kind,"
        " ARRAY(SELECT jsonb_array_elements_text(u.fields::jsonb)), u.before::jsonb,"
        " u.after::jsonb, u.actor"
        " FROM unnest($1::text[], $2::text[], $3::bigint[], $4::smallint[], $5::text[],"
        " $6::text[], $7::text[], $8::text[]) WITH ORDINALITY"
        " AS u(id, ws, version, kind, fields, before, after, actor, n) ORDER BY u.n",
        ids,
        workspaces,
        versions,
        kinds,
        [json_text(list(f)) for f in fields],
        [json_text(b) for b in before],
        [json_text(a) for a in after],
        actors,
    )
