"""An asset's history: stored changes, newest first, ending with its creation, which the
asset itself records (migration 0005) rather than a history row."""

from __future__ import annotations

import asyncpg
from google.protobuf import field_mask_pb2

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from tests.catalog._helpers import DB, Catalog, Kind, new_catalog, shop
from tests.conftest import Platform


async def _pages(cat: Catalog, name: str, size: int) -> list[list[resources_pb2.AssetChange]]:
    pages, token = [], ""
    while True:
        reply = await cat.stub.ListAssetChanges(
            catalog_pb2.ListAssetChangesRequest(asset=name, page_size=size, page_token=token),
            metadata=cat.md,
        )
        pages.append(list(reply.changes))
        token = reply.next_page_token
        if not token:
            return pages


async def test_history_ends_with_the_creation_across_pages(platform: Platform) -> None:
    cat = await new_catalog(platform)
    stored = await cat.upsert(shop({"orders": ["id"]}))
    orders = stored[f"{DB}/public/orders"]
    for text in ("first", "second", "third"):
        orders.description = text
        orders = await cat.update(orders, "description")

    everything = await cat.changes(orders.name)
    assert [c.kind for c in everything] == [Kind.KIND_UPDATED] * 3 + [Kind.KIND_CREATED]
    created = everything[-1]
    assert created.actor == "scans/s1"  # the scan that brought it in
    assert created.version == 1
    assert created.change_time == stored[f"{DB}/public/orders"].create_time
    assert dict(created.after) == {"qualified_name": f"{DB}/public/orders"}
    assert [c.version for c in everything] == [4, 3, 2, 1]

    for size in (1, 2, 3, 4, 5):
        pages = await _pages(cat, orders.name, size)
        assert [c for page in pages for c in page] == everything, size
        assert all(len(page) <= size for page in pages)


async def test_a_created_asset_records_who_created_it(platform: Platform) -> None:
    cat = await new_catalog(platform)
    asset = await cat.stub.CreateAsset(
        catalog_pb2.CreateAssetRequest(
            parent=cat.ws,
            asset=resources_pb2.Asset(
                qualified_name="https://wiki.example.com/reports/q3",
                type=resources_pb2.AssetType.ASSET_TYPE_TABLE,
                display_name="Q3 report",
            ),
        ),
        metadata=cat.md,
    )
    [created] = await cat.changes(asset.name)
    assert created.kind == Kind.KIND_CREATED
    assert created.actor.startswith("users/")
    assert created.change_time == asset.create_time
    asset.description = "quarterly"
    await cat.stub.UpdateAsset(
        catalog_pb2.UpdateAssetRequest(
            asset=asset, update_mask=field_mask_pb2.FieldMask(paths=["description"])
        ),
        metadata=cat.md,
    )
    assert [c.kind for c in await cat.changes(asset.name)] == [
        Kind.KIND_UPDATED,
        Kind.KIND_CREATED,
    ]


async def test_assets_created_before_the_migration_keep_their_stored_creation(
    platform: Platform,
) -> None:
    """An asset without created_by (written before migration 0005) shows the creation row
    it has in asset_changes, once."""
    cat = await new_catalog(platform)
    stored = await cat.upsert(shop({"legacy": ["id"]}))
    legacy = stored[f"{DB}/public/legacy"]
    assert platform.server.stores is not None
    conn = await asyncpg.connect(platform.server.stores.urls.database)
    try:
        asset_id = legacy.name.rsplit("/", 1)[1]
        await conn.execute("UPDATE catalog.assets SET created_by = '' WHERE id = $1", asset_id)
        await conn.execute(
            "INSERT INTO catalog.asset_changes (asset_id, workspace, version, kind, after, actor)"
            " VALUES ($1, $2, 1, $3, '{\"qualified_name\": \"old\"}', 'scans/old')",
            asset_id,
            cat.ws.split("/")[1],
            Kind.KIND_CREATED,
        )
    finally:
        await conn.close()
    [created] = await cat.changes(legacy.name)
    assert (created.kind, created.actor, dict(created.after)) == (
        Kind.KIND_CREATED,
        "scans/old",
        {"qualified_name": "old"},
    )
