"""The catalog slice: assets, batch upsert, history and search, on the real database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import grpc
import pytest
from google.protobuf import field_mask_pb2, timestamp_pb2

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from tests.conftest import Platform
from tests.integration.test_workspace import violations

T = resources_pb2.AssetType
Kind = resources_pb2.AssetChange.Kind
DB = "postgresql://db.example.com:5432/shop"


def _stub(platform: Platform) -> catalog_pb2_grpc.CatalogServiceStub:
    return catalog_pb2_grpc.CatalogServiceStub(platform.channel)


async def _workspace(platform: Platform) -> str:
    ws = await workspace_pb2_grpc.WorkspaceServiceStub(platform.channel).CreateWorkspace(
        workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name=f"Cat {uuid.uuid4().hex[:8]}")
        ),
        metadata=platform.admin,
    )
    return ws.name


def shop_assets(
    tables: dict[str, list[str]], labels: dict[str, str] | None = None
) -> list[resources_pb2.Asset]:
    labels = labels or {}
    out = [
        resources_pb2.Asset(qualified_name=DB, type=T.ASSET_TYPE_DATABASE, display_name="shop"),
        resources_pb2.Asset(
            qualified_name=f"{DB}/public",
            type=T.ASSET_TYPE_SCHEMA,
            display_name="public",
            parent=DB,
        ),
    ]
    for table, columns in tables.items():
        out.append(
            resources_pb2.Asset(
                qualified_name=f"{DB}/public/{table}",
                type=T.ASSET_TYPE_TABLE,
                display_name=table,
                parent=f"{DB}/public",
            )
        )
        for column in columns:
            asset = resources_pb2.Asset(
                qualified_name=f"{DB}/public/{table}#{column}",
                type=T.ASSET_TYPE_COLUMN,
                display_name=column,
                parent=f"{DB}/public/{table}",
                column=resources_pb2.ColumnInfo(data_type="text"),
            )
            if column in labels:
                asset.classifications.add(label=labels[column], confidence=0.9)
            out.append(asset)
    return out


async def _upsert(
    platform: Platform, workspace: str, assets: list[resources_pb2.Asset]
) -> catalog_pb2.BatchUpsertAssetsResponse:
    return await _stub(platform).BatchUpsertAssets(
        catalog_pb2.BatchUpsertAssetsRequest(parent=workspace, assets=assets, actor="scans/test"),
        metadata=platform.admin,
    )


async def _search(
    platform: Platform, workspace: str, query: str, **kwargs: object
) -> catalog_pb2.SearchAssetsResponse:
    return await _stub(platform).SearchAssets(
        catalog_pb2.SearchAssetsRequest(parent=workspace, query=query, **kwargs),  # type: ignore[arg-type]
        metadata=platform.admin,
    )


async def test_create_get_lookup_and_list_children(platform: Platform) -> None:
    ws = await _workspace(platform)
    stub = _stub(platform)
    db = await stub.CreateAsset(
        catalog_pb2.CreateAssetRequest(
            parent=ws,
            asset=resources_pb2.Asset(
                qualified_name=DB,
                type=T.ASSET_TYPE_DATABASE,
                display_name="shop",
                owners=["users/alice"],
            ),
        ),
        metadata=platform.admin,
    )
    table = await stub.CreateAsset(
        catalog_pb2.CreateAssetRequest(
            parent=ws,
            asset_id="orders",
            asset=resources_pb2.Asset(
                qualified_name=f"{DB}/public/orders",
                type=T.ASSET_TYPE_TABLE,
                display_name="orders",
                parent=db.name,
            ),
        ),
        metadata=platform.admin,
    )
    assert table.name == f"{ws}/assets/orders"
    assert table.parent == db.name
    assert (
        await stub.GetAsset(catalog_pb2.GetAssetRequest(name=db.name), metadata=platform.admin)
    ).owners == ["users/alice"]
    found = await stub.LookupAsset(
        catalog_pb2.LookupAssetRequest(parent=ws, qualified_name=f"{DB}/public/orders"),
        metadata=platform.admin,
    )
    assert found.name == table.name
    children = await stub.ListAssets(
        catalog_pb2.ListAssetsRequest(parent=ws, asset_parent=db.name), metadata=platform.admin
    )
    assert [a.name for a in children.assets] == [table.name]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.CreateAsset(
            catalog_pb2.CreateAssetRequest(
                parent=ws,
                asset=resources_pb2.Asset(
                    qualified_name=DB, type=T.ASSET_TYPE_DATABASE, display_name="again"
                ),
            ),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.ALREADY_EXISTS


async def test_create_validation_names_every_bad_field(platform: Platform) -> None:
    ws = await _workspace(platform)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _stub(platform).CreateAsset(
            catalog_pb2.CreateAssetRequest(
                parent=ws,
                asset=resources_pb2.Asset(
                    qualified_name="",
                    display_name="",
                    owners=["alice"],
                    tags=["Not A Tag"],
                    parent="workspaces/other/assets/x",
                ),
            ),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(caught.value)) >= {
        "asset.qualified_name",
        "asset.type",
        "asset.display_name",
        "asset.owners[0]",
        "asset.tags[0]",
    }


async def test_update_mask_etag_and_history(platform: Platform) -> None:
    ws = await _workspace(platform)
    reply = await _upsert(platform, ws, shop_assets({"customers": ["email"]}))
    table = reply.assets[2]
    stub = _stub(platform)
    updated = await stub.UpdateAsset(
        catalog_pb2.UpdateAssetRequest(
            asset=resources_pb2.Asset(
                name=table.name,
                description="Everyone who bought",
                tags=["gold", "crm"],
                etag=table.etag,
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["description", "tags"]),
        ),
        metadata=platform.admin,
    )
    assert updated.tags == ["crm", "gold"]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.UpdateAsset(
            catalog_pb2.UpdateAssetRequest(
                asset=resources_pb2.Asset(name=table.name, description="stale", etag=table.etag),
                update_mask=field_mask_pb2.FieldMask(paths=["description"]),
            ),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.ABORTED
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.UpdateAsset(
            catalog_pb2.UpdateAssetRequest(
                asset=resources_pb2.Asset(name=table.name, qualified_name="renamed"),
                update_mask=field_mask_pb2.FieldMask(paths=["qualified_name"]),
            ),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    history = await stub.ListAssetChanges(
        catalog_pb2.ListAssetChangesRequest(asset=table.name), metadata=platform.admin
    )
    assert [c.kind for c in history.changes] == [Kind.KIND_UPDATED, Kind.KIND_CREATED]
    assert sorted(history.changes[0].changed_fields) == ["description", "tags"]
    assert history.changes[0].actor == "users/admin"
    assert history.changes[1].actor == "scans/test"


async def test_rescan_keeps_manual_annotations_and_suppressed_labels(platform: Platform) -> None:
    ws = await _workspace(platform)
    assets = shop_assets(
        {"customers": ["email", "phone"]}, {"email": "pii.email", "phone": "pii.phone_number"}
    )
    first = await _upsert(platform, ws, assets)
    assert (first.created_count, first.updated_count) == (5, 0)
    email = next(a for a in first.assets if a.qualified_name.endswith("#email"))
    await _stub(platform).UpdateAsset(
        catalog_pb2.UpdateAssetRequest(
            asset=resources_pb2.Asset(
                name=email.name, description="Contact address", owners=["users/dpo"]
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["description", "owners"]),
        ),
        metadata=platform.admin,
    )
    again = await _upsert(platform, ws, assets)
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 5)
    # The source changed: the email column's type and its label confidence.
    changed = shop_assets({"customers": ["email", "phone"]}, {"email": "pii.email"})
    changed[3].column.data_type = "varchar(320)"
    third = await _upsert(platform, ws, changed)
    assert third.updated_count == 2  # email retyped, phone lost its label
    after = next(a for a in third.assets if a.qualified_name.endswith("#email"))
    assert after.description == "Contact address"
    assert list(after.owners) == ["users/dpo"]
    assert after.column.data_type == "varchar(320)"
    assert [c.label for c in after.classifications] == ["pii.email"]
    assert after.classifications[0].origin == resources_pb2.ORIGIN_SCAN
    history = await _stub(platform).ListAssetChanges(
        catalog_pb2.ListAssetChangesRequest(asset=after.name), metadata=platform.admin
    )
    assert history.changes[0].kind == Kind.KIND_SCHEMA_CHANGED


async def test_batch_upsert_counts_only_writes_the_same(platform: Platform) -> None:
    ws = await _workspace(platform)
    assets = shop_assets({"orders": ["id", "email"]}, {"email": "pii.email"})
    reply = await _stub(platform).BatchUpsertAssets(
        catalog_pb2.BatchUpsertAssetsRequest(
            parent=ws, assets=assets, actor="scans/quiet", counts_only=True
        ),
        metadata=platform.admin,
    )
    assert reply.assets == []
    assert (reply.created_count, reply.updated_count, reply.unchanged_count) == (5, 0, 0)
    stored = await _stub(platform).LookupAsset(
        catalog_pb2.LookupAssetRequest(parent=ws, qualified_name=f"{DB}/public/orders#email"),
        metadata=platform.admin,
    )
    assert stored.column.data_type == "text"
    assert [c.label for c in stored.classifications] == ["pii.email"]
    table = await _stub(platform).LookupAsset(
        catalog_pb2.LookupAssetRequest(parent=ws, qualified_name=f"{DB}/public/orders"),
        metadata=platform.admin,
    )
    assert stored.parent == table.name
    # A rescan that retypes one column and drops the other's label: one change per
    # asset, with its own changed fields, in the bulk statements' order.
    retyped = shop_assets({"orders": ["id", "email"]})
    retyped[3].column.data_type = "bigint"
    again = await _stub(platform).BatchUpsertAssets(
        catalog_pb2.BatchUpsertAssetsRequest(
            parent=ws, assets=retyped, actor="scans/quiet", counts_only=True
        ),
        metadata=platform.admin,
    )
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 2, 3)
    for qualified, fields in (("id", ["column_info"]), ("email", ["classifications"])):
        asset = await _stub(platform).LookupAsset(
            catalog_pb2.LookupAssetRequest(
                parent=ws, qualified_name=f"{DB}/public/orders#{qualified}"
            ),
            metadata=platform.admin,
        )
        history = await _stub(platform).ListAssetChanges(
            catalog_pb2.ListAssetChangesRequest(asset=asset.name), metadata=platform.admin
        )
        assert list(history.changes[0].changed_fields) == fields
        assert history.changes[0].actor == "scans/quiet"
        assert history.changes[0].version == 2


async def test_batch_upsert_validation(platform: Platform) -> None:
    ws = await _workspace(platform)
    bad = shop_assets({"t": ["a"]})
    bad.append(
        resources_pb2.Asset(qualified_name=DB, type=T.ASSET_TYPE_DATABASE, display_name="dup")
    )
    bad.append(
        resources_pb2.Asset(
            qualified_name="x",
            type=T.ASSET_TYPE_TABLE,
            display_name="x",
            parent="postgresql://nowhere",
        )
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _upsert(platform, ws, bad)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert f"assets[{len(bad) - 2}].qualified_name" in violations(caught.value)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _upsert(platform, ws, bad[:-2] + bad[-1:])
    assert violations(caught.value) == [f"assets[{len(bad) - 2}].parent"]
    listing = await _stub(platform).ListAssets(
        catalog_pb2.ListAssetsRequest(parent=ws), metadata=platform.admin
    )
    assert listing.assets == []  # a refused batch writes nothing


async def test_mark_missing_assets_deleted(platform: Platform) -> None:
    ws = await _workspace(platform)
    await _upsert(platform, ws, shop_assets({"old_table": ["a"], "kept": ["b"]}))
    cutoff = timestamp_pb2.Timestamp()
    cutoff.FromDatetime(datetime.now(UTC))
    await _upsert(platform, ws, shop_assets({"kept": ["b"]}))
    reply = await _stub(platform).MarkAssetsDeleted(
        catalog_pb2.MarkAssetsDeletedRequest(
            parent=ws, qualified_name_prefix=DB, not_seen_since=cutoff
        ),
        metadata=platform.admin,
    )
    assert reply.deleted_count == 2  # old_table and its column
    visible = await _stub(platform).ListAssets(
        catalog_pb2.ListAssetsRequest(parent=ws), metadata=platform.admin
    )
    assert not any("old_table" in a.qualified_name for a in visible.assets)
    everything = await _stub(platform).ListAssets(
        catalog_pb2.ListAssetsRequest(parent=ws, show_deleted=True), metadata=platform.admin
    )
    gone = [a for a in everything.assets if "old_table" in a.qualified_name]
    assert len(gone) == 2
    assert all(a.deleted for a in gone)


async def test_search_ranks_names_first_and_tolerates_typos(platform: Platform) -> None:
    ws = await _workspace(platform)
    await _upsert(
        platform,
        ws,
        shop_assets(
            {
                "customers": ["customer_id", "email"],
                "customer_addresses": ["street"],
                "orders": ["customer_id", "total"],
                "payments": ["card_number"],
            },
            {"email": "pii.email", "card_number": "financial.credit_card"},
        ),
    )
    ranked = await _search(platform, ws, "customers")
    assert ranked.results[0].asset.display_name == "customers"
    prefix = await _search(platform, ws, "cust")
    assert {r.asset.display_name for r in prefix.results[:3]} >= {"customers", "customer_addresses"}
    typo = await _search(platform, ws, "custmers")
    assert typo.results
    assert typo.results[0].asset.display_name == "customers"
    multi = await _search(platform, ws, "customer addresses")
    assert multi.results[0].asset.display_name == "customer_addresses"
    by_label = await _search(platform, ws, "credit card")
    assert [r.asset.display_name for r in by_label.results] == ["card_number"]


async def test_search_filters_facets_and_pages(platform: Platform) -> None:
    ws = await _workspace(platform)
    tables = {f"table_{i}": [f"col_{j}" for j in range(3)] for i in range(5)}
    await _upsert(platform, ws, shop_assets(tables, {"col_0": "pii.email"}))
    columns = await _search(
        platform,
        ws,
        "",
        types=[T.ASSET_TYPE_COLUMN],
        facets=["type", "classification"],
        page_size=4,
    )
    assert columns.total_size == 15
    assert all(r.asset.type == T.ASSET_TYPE_COLUMN for r in columns.results)
    facets = {f.field: {b.value: b.count for b in f.buckets} for f in columns.facets}
    assert facets == {"type": {"ASSET_TYPE_COLUMN": 15}, "classification": {"pii.email": 5}}
    seen: list[str] = []
    token = ""
    while True:
        page = await _search(
            platform, ws, "", types=[T.ASSET_TYPE_COLUMN], page_size=4, page_token=token
        )
        seen += [r.asset.name for r in page.results]
        token = page.next_page_token
        if not token:
            break
    assert len(seen) == len(set(seen)) == 15
    labelled = await _search(platform, ws, "col", classifications=["pii.email"])
    assert {r.asset.display_name for r in labelled.results} == {"col_0"}
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _search(platform, ws, "col", page_token=columns.next_page_token)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT  # token of another query
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _search(platform, ws, "col", facets=["colour"])
    assert violations(caught.value) == ["facets"]


@pytest.mark.parametrize(
    "query",
    ["'; DROP TABLE catalog.assets; --", "%", "_", "\\", "a & b | !c", "x:* <-> y", "$1", "\x00"],
)
async def test_injection_strings_are_inert(platform: Platform, query: str) -> None:
    ws = await _workspace(platform)
    await _upsert(platform, ws, shop_assets({"t_1": ["a_b"], "t%2": ["c"]}))
    reply = await _search(platform, ws, query)
    if query in ("%", "_", "\\", "\x00"):
        assert reply.results == []  # wildcards match themselves, not everything
    still_there = await _stub(platform).ListAssets(
        catalog_pb2.ListAssetsRequest(parent=ws), metadata=platform.admin
    )
    assert len(still_there.assets) == 6


async def test_overlong_query_is_invalid(platform: Platform) -> None:
    ws = await _workspace(platform)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _search(platform, ws, "é" * 600)
    assert violations(caught.value) == ["query"]


async def test_cross_workspace_names_are_refused(platform: Platform) -> None:
    ws_a, ws_b = await _workspace(platform), await _workspace(platform)
    reply = await _upsert(platform, ws_a, shop_assets({"t": []}))
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _stub(platform).CreateAsset(
            catalog_pb2.CreateAssetRequest(
                parent=ws_b,
                asset=resources_pb2.Asset(
                    qualified_name="x",
                    type=T.ASSET_TYPE_TABLE,
                    display_name="x",
                    parent=reply.assets[0].name,
                ),
            ),
            metadata=platform.admin,
        )
    assert violations(caught.value) == ["asset.parent"]
    hits = await _search(platform, ws_b, "shop")
    assert hits.results == []
