"""BatchUpsertAssets finds the assets a batch names by one probe of the unique index per
name: during a scan the table grows far faster than ANALYZE catches up, and a join
planned from statistics of a nearly empty table read every asset of the workspace on
each call (the plan was a hash join, or a filter over a materialized scan)."""

from __future__ import annotations

import asyncpg

from services.catalog import upsert
from tests.catalog._helpers import DB, new_catalog, shop
from tests.conftest import Platform


async def test_names_are_looked_up_through_the_unique_index_whatever_the_statistics(
    platform: Platform,
) -> None:
    cat = await new_catalog(platform)
    await cat.upsert(shop({f"t{i}": ["id", "email"] for i in range(40)}))
    workspace = cat.ws.split("/")[1]
    assert platform.server.stores is not None
    conn = await asyncpg.connect(platform.server.stores.urls.database)
    explaining = _Explaining(conn)
    try:
        # Statistics that say the catalog is empty, as at the start of a first scan.
        await conn.execute("ANALYZE catalog.assets")
        async with conn.transaction():
            await conn.execute(
                "UPDATE pg_class SET reltuples = 0, relpages = 0"
                " WHERE oid = 'catalog.assets'::regclass"
            )
            names = [f"{DB}/public/t{i}" for i in range(40)] + [f"{DB}/public/nope"]
            found = await upsert._ids_by_name(explaining, workspace, names)  # type: ignore[arg-type]
            rows = await upsert._locked(
                explaining,  # type: ignore[arg-type]
                sorted(found.values()),
                upsert.SELECT,
                "NO KEY UPDATE",
            )
            raise _Rollback
    except _Rollback:
        pass
    finally:
        await conn.close()
    assert len(found) == 40
    assert len(rows) == 40
    assert [r["id"] for r in rows] == sorted(found.values())  # locked in id order
    lookup, lock = explaining.plans
    assert "assets_qualified_name" in lookup, lookup
    assert "assets_pkey" in lock, lock
    for plan in explaining.plans:
        assert "Hash" not in plan, plan
        assert "Seq Scan on assets" not in plan, plan


class _Explaining:
    """A connection whose fetch also records the plan of what it runs."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self.plans: list[str] = []

    async def fetch(self, query: str, *args: object) -> list[asyncpg.Record]:
        plan = await self.conn.fetch(f"EXPLAIN {query}", *args)
        self.plans.append("\n".join(r[0] for r in plan))
        return await self.conn.fetch(query, *args)


class _Rollback(Exception):
    """Ends the transaction that faked the statistics."""
