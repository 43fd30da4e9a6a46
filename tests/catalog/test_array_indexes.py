"""The GIN indexes on tags, owners, labels and terms leave out empty arrays (migration
0005: nearly every scanned asset has none). PostgreSQL uses a partial index only when a
query's own conditions imply its predicate, so every filter on these arrays must say the
array is not empty; a filter that forgot would read the whole catalog."""

from __future__ import annotations

import asyncpg
import pytest

from pursight.catalog.v1 import catalog_pb2
from services.catalog import glossary
from services.catalog.search import SearchSql, _filters
from services.catalog.visibility import Reach
from tests.conftest import Platform

FILTERS = {
    "assets_tags": catalog_pb2.SearchAssetsRequest(tags=["pii"]),
    "assets_owners": catalog_pb2.SearchAssetsRequest(owners=["users/ana"]),
    "assets_labels": catalog_pb2.SearchAssetsRequest(classifications=["pii.email"]),
    "assets_terms": catalog_pb2.SearchAssetsRequest(terms=["glossaries/g/terms/t"]),
}


async def _plan(conn: asyncpg.Connection, statement: str, *args: object) -> str:
    # Sequential scans priced out: the index is chosen whenever it can be used at all.
    async with conn.transaction():
        await conn.execute("SET LOCAL enable_seqscan = off")
        rows = await conn.fetch(f"EXPLAIN {statement}", *args)
    return "\n".join(r[0] for r in rows)


@pytest.mark.parametrize("index", sorted(FILTERS))
async def test_search_filters_can_use_the_partial_array_indexes(
    platform: Platform, index: str
) -> None:
    assert platform.server.stores is not None
    sql = SearchSql()
    where = _filters(sql, FILTERS[index], Reach(everything=True))
    conn = await asyncpg.connect(platform.server.stores.urls.database)
    try:
        plan = await _plan(conn, f"SELECT id FROM catalog.assets WHERE {where}", *sql.params)  # noqa: S608 - the search's own filter
        assert index in plan, plan
        # The predicate is what the index says: empty arrays are not in it.
        definition = await conn.fetchval("SELECT pg_get_indexdef($1::regclass)", f"catalog.{index}")
        assert "<> '{}'" in definition
    finally:
        await conn.close()


async def test_glossary_term_queries_can_use_the_partial_terms_index(platform: Platform) -> None:
    assert platform.server.stores is not None
    conn = await asyncpg.connect(platform.server.stores.urls.database)
    try:
        plan = await _plan(conn, f"{glossary._SELECT_TERM} WHERE t.name = 'x'")
        assert "assets_terms" in plan, plan
    finally:
        await conn.close()
