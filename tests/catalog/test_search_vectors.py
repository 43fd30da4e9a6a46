"""A scan's inserts build their search vectors set-wise (each distinct qualified-name
prefix parsed once) instead of through the trigger: what they store must be exactly what
the trigger would have built, for names of every awkward kind."""

from __future__ import annotations

import asyncpg

from pursight.catalog.v1 import resources_pb2
from services.catalog import upsert
from tests.catalog._helpers import T, found_by_scan, new_catalog
from tests.conftest import Platform

ROOT = "postgresql://Db-Host.example.com:5432"


def _asset(
    qualified_name: str,
    display_name: str,
    asset_type: resources_pb2.AssetType.ValueType,
    parent: str = "",
    labels: tuple[str, ...] = (),
    description: str = "",
) -> resources_pb2.Asset:
    asset = resources_pb2.Asset(
        qualified_name=qualified_name,
        display_name=display_name,
        type=asset_type,
        parent=parent,
        source_description=description,
    )
    for label in labels:
        found_by_scan(asset, label)
    return asset


def _awkward() -> list[resources_pb2.Asset]:
    database, schema = f"{ROOT}/Sales_DB", f"{ROOT}/Sales_DB/crème_brûlée"
    table = f"{schema}/customerOrders2024"
    encoded = f"{schema}/a%2Fb%23c"  # a table named "a/b#c"
    assets = [
        _asset(ROOT, "Db-Host", T.ASSET_TYPE_SOURCE),
        _asset(database, "Sales_DB", T.ASSET_TYPE_DATABASE, ROOT),
        _asset(schema, "crème_brûlée", T.ASSET_TYPE_SCHEMA, database, description="Crème"),
        _asset(table, "customerOrders2024", T.ASSET_TYPE_TABLE, schema, description="Orders."),
        _asset(encoded, "a/b#c", T.ASSET_TYPE_TABLE, schema),
        _asset(f"{encoded}#x", "x", T.ASSET_TYPE_COLUMN, encoded),
        # Display names other than the last segment.
        _asset(f"{table}#e_mail", "E-mail address", T.ASSET_TYPE_COLUMN, table),
        _asset(f"{table}#shortName", "--", T.ASSET_TYPE_COLUMN, table),
        # Separators in a row, at the end, and names made of separators only.
        _asset(f"{table}#__", "__", T.ASSET_TYPE_COLUMN, table),
        _asset(f"{table}#trailing_/", "trailing_/", T.ASSET_TYPE_COLUMN, table),
        _asset("no-separator-at-all", "no separator", T.ASSET_TYPE_SOURCE),
        _asset("file:///data/Übersicht.csv", "Übersicht.csv", T.ASSET_TYPE_FILE),
        _asset(f"{table}#dup_dup_Dup", "dup_dup_Dup", T.ASSET_TYPE_COLUMN, table),
        _asset(f"{table}#長い名前", "長い名前", T.ASSET_TYPE_COLUMN, table),
    ]
    for i in range(3):
        assets.append(
            _asset(
                f"{table}#contactEmail{i}",
                f"contactEmail{i}",
                T.ASSET_TYPE_COLUMN,
                table,
                labels=("pii.email", "pii.contact") if i else (),
                description="Where we write to" if i == 2 else "",
            )
        )
    return assets


async def test_inserted_vectors_are_the_triggers(platform: Platform) -> None:
    catalog = await new_catalog(platform)
    assets = _awkward()
    await catalog.upsert(assets)
    workspace = catalog.ws.split("/")[1]
    assert platform.server.stores is not None
    conn = await asyncpg.connect(platform.server.stores.urls.database)
    try:
        columns = "qualified_name, search_vector::text, labels, name_folded"
        inserted = await conn.fetch(
            f"SELECT {columns} FROM catalog.assets WHERE workspace = $1 ORDER BY 1",  # noqa: S608 - fixed SQL
            workspace,
        )
        async with conn.transaction():
            # Any update of the display name runs the trigger over the whole row.
            rebuilt = await conn.fetch(
                f"UPDATE catalog.assets SET display_name = display_name WHERE workspace = $1"  # noqa: S608 - fixed SQL
                f" RETURNING {columns}",
                workspace,
            )
            raise _Rollback
    except _Rollback:
        pass
    finally:
        await conn.close()
    assert len(inserted) == len(assets)
    rebuilt_by_name = {r["qualified_name"]: tuple(r) for r in rebuilt}
    for row in inserted:
        assert tuple(row) == rebuilt_by_name[row["qualified_name"]]
    by_name = {r["qualified_name"]: r for r in inserted}
    email = by_name[f"{ROOT}/Sales_DB/crème_brûlée/customerOrders2024#contactEmail2"]
    assert email["labels"] == ["pii.contact", "pii.email"]
    assert "'creme':" in email["search_vector"]  # folded, from the qualified name
    assert "'write':" in email["search_vector"]  # the description


def test_names_split_at_their_last_separator() -> None:
    assert upsert._split("pg://h:1/db/s/t#c") == ("pg://h:1/db/s/t", "c")
    assert upsert._split("pg://h:1/db/s/t") == ("pg://h:1/db/s", "t")
    assert upsert._split("pg://h:1/db/s/t#c/") == ("pg://h:1/db/s/t#c", "")
    assert upsert._split("plain") == ("", "plain")


class _Rollback(Exception):
    pass
