"""Shared set-up for the catalog tests: a fresh workspace per test and a small source."""

from __future__ import annotations

import uuid

import grpc
from google.protobuf import field_mask_pb2

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from tests.conftest import Platform

T = resources_pb2.AssetType
Kind = resources_pb2.AssetChange.Kind
DB = "postgresql://db.example.com:5432/shop"
Metadata = tuple[tuple[str, str], ...]


class Catalog:
    """The catalog stub, called as the administrator, with a workspace of its own."""

    def __init__(self, platform: Platform, workspace: str) -> None:
        self.stub = catalog_pb2_grpc.CatalogServiceStub(platform.channel)
        self.md: Metadata = platform.admin
        self.ws = workspace

    async def upsert(self, assets: list[resources_pb2.Asset]) -> dict[str, resources_pb2.Asset]:
        """Writes as a scan does; the stored assets by qualified name."""
        reply = await self.stub.BatchUpsertAssets(
            catalog_pb2.BatchUpsertAssetsRequest(parent=self.ws, assets=assets, actor="scans/s1"),
            metadata=self.md,
        )
        return {a.qualified_name: a for a in reply.assets}

    async def get(self, name: str) -> resources_pb2.Asset:
        return await self.stub.GetAsset(catalog_pb2.GetAssetRequest(name=name), metadata=self.md)

    async def changes(self, name: str) -> list[resources_pb2.AssetChange]:
        reply = await self.stub.ListAssetChanges(
            catalog_pb2.ListAssetChangesRequest(asset=name), metadata=self.md
        )
        return list(reply.changes)

    async def update(self, asset: resources_pb2.Asset, *paths: str) -> resources_pb2.Asset:
        return await self.stub.UpdateAsset(
            catalog_pb2.UpdateAssetRequest(
                asset=asset, update_mask=field_mask_pb2.FieldMask(paths=list(paths))
            ),
            metadata=self.md,
        )


async def new_catalog(platform: Platform) -> Catalog:
    ws = await workspace_pb2_grpc.WorkspaceServiceStub(platform.channel).CreateWorkspace(
        workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name=f"Catalog {uuid.uuid4().hex[:8]}")
        ),
        metadata=platform.admin,
    )
    return Catalog(platform, ws.name)


def shop(
    tables: dict[str, list[str]], labels: dict[str, list[str]] | None = None
) -> list[resources_pb2.Asset]:
    """A database, a schema, tables and columns; ``labels`` maps `table.column` to what
    the scanner found there."""
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
            for label in labels.get(f"{table}.{column}", []):
                found_by_scan(asset, label)
            out.append(asset)
    return out


def found_by_scan(asset: resources_pb2.Asset, label: str, ratio: float = 0.9) -> None:
    """Adds ``label`` to ``asset`` as a scanner reports it: with its rule and ratio."""
    asset.classifications.add(
        label=label,
        confidence=ratio,
        evidence=resources_pb2.ClassificationEvidence(
            classifier=f"classifiers/{label}", match_ratio=ratio
        ),
    )


def qn(table: str, column: str = "") -> str:
    return f"{DB}/public/{table}#{column}" if column else f"{DB}/public/{table}"


def labels_of(asset: resources_pb2.Asset) -> dict[str, resources_pb2.Classification]:
    """Active (not suppressed) classifications by label."""
    return {c.label: c for c in asset.classifications if not c.suppressed}


def code_of(error: BaseException) -> grpc.StatusCode:
    assert isinstance(error, grpc.aio.AioRpcError)
    return error.code()
