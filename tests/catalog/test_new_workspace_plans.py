"""Lookups in a workspace the statistics have not seen yet use the right index.

PostgreSQL estimates ``workspace = 'x'`` from the most common values ANALYZE found; a
workspace created since is in none of them and is estimated at one row, so a lookup by
id or qualified name could go through an index leading with the workspace alone and read
the whole workspace for each row it wanted. The statements are checked on a copy of the
assets table (same columns and indexes) whose statistics know only another workspace."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest

from services.catalog import upsert
from services.catalog.rows import in_workspace
from tests.conftest import Platform

OLD, NEW = "ws_analyzed", "ws_created_since"
NAMES = [f"pg://h:5432/db/s/t{i}" for i in range(1, 301)]
# The statements under test, as the catalog builds them.
BY_NAME = f"SELECT q.qn, n.id FROM {upsert._named('$2')}"  # noqa: S608 - fixed SQL
BY_ID = f"SELECT a.id FROM catalog.assets a WHERE {in_workspace()} AND a.id = $2"  # noqa: S608
BY_IDS = BY_ID.replace("a.id = $2", "a.id = ANY($2::text[])")
PAGE = (
    f"SELECT a.id FROM catalog.assets a WHERE {in_workspace()}"  # noqa: S608 - fixed SQL
    ' AND a.qualified_name COLLATE "C" > $2 ORDER BY a.qualified_name COLLATE "C" LIMIT 51'
)


@pytest.fixture
async def stale(platform: Platform) -> AsyncIterator[asyncpg.Connection]:
    """A connection with ``pg_temp.assets``: statistics of 5,000 assets of OLD, then
    20,000 assets of NEW written since."""
    assert platform.server.stores is not None
    conn = await asyncpg.connect(platform.server.stores.urls.database)
    try:
        await conn.execute(
            "CREATE TEMP TABLE assets (LIKE catalog.assets INCLUDING DEFAULTS INCLUDING INDEXES)"
        )
        fill = (
            "INSERT INTO pg_temp.assets (id, workspace, qualified_name, type, display_name,"
            " data_source) SELECT $1 || g, $1, 'pg://h:5432/db/s/t' || g, 4, 't' || g, 'src'"
            " FROM generate_series(1, $2::int) g"
        )
        await conn.execute(fill, OLD, 5000)
        await conn.execute("ANALYZE pg_temp.assets")
        await conn.execute(fill, NEW, 20000)
        yield conn
    finally:
        await conn.close()


def _on_copy(sql: str) -> str:
    return sql.replace("catalog.assets", "pg_temp.assets")


async def _plan(conn: asyncpg.Connection, sql: str, *args: object) -> str:
    rows = await conn.fetch("EXPLAIN " + _on_copy(sql), *args)
    return "\n".join(r[0] for r in rows)


async def test_the_trap_is_there_without_the_guard(stale: asyncpg.Connection) -> None:
    """The set-up reproduces the estimate: compared as a constant, the new workspace
    sends an id lookup to an index that leads with the workspace alone."""
    plan = await _plan(
        stale, "SELECT a.id FROM catalog.assets a WHERE a.workspace = $1 AND a.id = $2", NEW, "x"
    )
    assert "assets_pkey" not in plan, plan


async def test_lookups_by_id_use_the_primary_key(stale: asyncpg.Connection) -> None:
    for sql, arg in ((BY_ID, f"{NEW}7"), (BY_IDS, [f"{NEW}7", f"{NEW}9"])):
        plan = await _plan(stale, sql, NEW, arg)
        assert "Index Scan using assets_pkey" in plan, plan


async def test_lookups_by_name_use_the_unique_index(stale: asyncpg.Connection) -> None:
    plan = await _plan(stale, BY_NAME, NEW, NAMES)
    assert "assets_workspace_qualified_name_idx" in plan, plan
    assert "data_source" not in plan, plan
    found = await stale.fetch(_on_copy(BY_NAME), NEW, NAMES)
    assert len(found) == len(NAMES)


async def test_pages_in_name_order_read_the_unique_index(stale: asyncpg.Connection) -> None:
    plan = await _plan(stale, PAGE, NEW, "")
    assert "assets_workspace_qualified_name_idx" in plan, plan
    assert "Sort" not in plan, plan
