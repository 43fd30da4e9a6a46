"""How SearchAssets bounds its candidates: the GIN index is probed with the common
completions of the last word, and again with the prefix itself when that found fewer
matches than the bound (so that a total reported as exact still counts rare
completions); names starting with the query come from a btree range."""

from __future__ import annotations

from typing import Any

import asyncpg
import pytest

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from services.catalog import search
from tests.catalog._helpers import Catalog, T, new_catalog
from tests.conftest import Platform

LEDGERS = 150  # under FTS_CANDIDATES: the total is exact


def _table(name: str) -> resources_pb2.Asset:
    return resources_pb2.Asset(
        qualified_name=f"ledger://books/{name}", type=T.ASSET_TYPE_TABLE, display_name=name
    )


async def _search(catalog: Catalog, query: str) -> catalog_pb2.SearchAssetsResponse:
    return await catalog.stub.SearchAssets(
        catalog_pb2.SearchAssetsRequest(parent=catalog.ws, query=query, page_size=100),
        metadata=catalog.md,
    )


async def _common_words(conn: asyncpg.Connection) -> set[str]:
    rows = await conn.fetchval(
        "SELECT most_common_elems::text::text[] FROM pg_stats WHERE schemaname = 'catalog'"
        " AND tablename = 'assets' AND attname = 'search_vector'"
    )
    return set(rows or [])


async def test_rare_completion_of_the_last_word_is_counted(
    platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert search.FTS_CANDIDATES > LEDGERS
    catalog = await new_catalog(platform)
    await catalog.upsert([_table(f"ledger_total_{i}") for i in range(LEDGERS)])
    assert platform.server.stores is not None
    conn = await asyncpg.connect(platform.server.stores.urls.database)
    try:
        await conn.execute("ANALYZE catalog.assets")
        # Written after ANALYZE: the statistics know 'total', not 'totalizer'.
        await catalog.upsert([_table("ledger_totalizer")])
        common = await _common_words(conn)
    finally:
        await conn.close()
    assert "total" in common
    assert "totalizer" not in common
    # As at a million assets: every word selective enough for the GIN index.
    monkeypatch.setattr(search, "SCAN_FRACTION", 2.0)
    monkeypatch.setattr(search, "INDEX_FRACTION", 2.0)

    reply = await _search(catalog, "ledger total")
    assert reply.total_size == LEDGERS + 1
    assert "ledger_totalizer" in {r.asset.display_name for r in reply.results}
    typing = await _search(catalog, "ledger tot")
    assert typing.total_size == LEDGERS + 1


async def test_names_starting_with_the_query_come_first(platform: Platform) -> None:
    catalog = await new_catalog(platform)
    await catalog.upsert([_table(name) for name in ("bank_account", "account", "accrual")])
    reply = await _search(catalog, "acc")
    names = [r.asset.display_name for r in reply.results]
    assert names[0] == "account"
    assert sorted(names) == ["account", "accrual", "bank_account"]
    assert names[-1] == "bank_account"


@pytest.mark.parametrize(
    ("text", "upper"),
    [("acc", "acd"), ("ab\ud7ff", "ab\ue000"), ("é", "ê"), ("a\U0010ffff", None)],
)
def test_next_string_bounds_every_extension(text: str, upper: str | None) -> None:
    assert search._next_string(text) == upper
    if upper is not None:
        for extension in ("", "a", "\U0010ffff"):
            assert (text + extension).encode() < upper.encode()


async def test_a_name_of_the_query_words_ranks_first_whatever_its_path(
    platform: Platform,
) -> None:
    catalog = await new_catalog(platform)
    deep = "ledger://books/warehouse_inventory_snapshots_2024/order_items"
    await catalog.upsert(
        [
            _table("order_items_backup"),
            resources_pb2.Asset(
                qualified_name=deep, type=T.ASSET_TYPE_TABLE, display_name="order_items"
            ),
        ]
    )
    reply = await _search(catalog, "order items")
    assert [r.asset.display_name for r in reply.results] == ["order_items", "order_items_backup"]


async def test_a_misspelt_word_ranks_names_of_the_word_it_stands_for(platform: Platform) -> None:
    catalog = await new_catalog(platform)
    await catalog.upsert(
        [_table(f"contact_email_{i}") for i in range(40)]
        + [_table("email"), _table("role_trial_email_date")]
    )
    assert platform.server.stores is not None
    conn = await asyncpg.connect(platform.server.stores.urls.database)
    try:
        await conn.execute("ANALYZE catalog.assets")
        common = await _common_words(conn)
    finally:
        await conn.close()
    assert "email" in common
    reply = await _search(catalog, "emial")
    assert reply.results[0].asset.display_name == "email"


async def test_a_misspelt_name_beats_the_common_word_it_resembles(
    platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'custmers' is corrected to the common word 'customer', which the names of other
    tables hold; the table named 'customers', one typo away, still comes first."""
    catalog = await new_catalog(platform)
    await catalog.upsert(
        [_table(f"customer_{i}") for i in range(12)] + [_table("customers"), _table("orders")]
    )
    assert platform.server.stores is not None
    conn = await asyncpg.connect(platform.server.stores.urls.database)
    try:
        await conn.execute("ANALYZE catalog.assets")
        assert "customer" in await _common_words(conn)
    finally:
        await conn.close()
    # Statistics that know 'customer' but not 'customers' (a shared test database had
    # them when the ranking got this wrong), whatever the other tests wrote.
    ranked = search._ranked_statement

    def without_customers(*args: Any, **kwargs: Any) -> str:
        statement = ranked(*args, **kwargs)
        common = "AND u.lexeme IS NOT NULL"
        assert common in statement
        return statement.replace(common, f"{common} AND u.lexeme <> 'customers'")

    monkeypatch.setattr(search, "_ranked_statement", without_customers)
    reply = await _search(catalog, "custmers")
    assert reply.results[0].asset.display_name == "customers"
