"""CreateAsset, UpdateAsset and DeleteAsset: the writes people make to single assets.

Updates go through the AssetWriter, so editing ``terms`` carries the terms' tags and
labels along, and editing ``tags`` sets the asset's own tags (those its terms carry stay
carried). Deleting an asset recomputes the labels it propagated downstream.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import asyncpg
from google.protobuf import empty_pb2

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from services.catalog import assets as A
from services.catalog import labels as L
from services.catalog.rows import fetch_asset, in_workspace, insert_history, workspace_of
from services.catalog.writer import AssetWriter, TermInfo, carried_by, load_terms
from services.runtime.context import current_principal
from services.runtime.convert import parse_etag
from services.runtime.database import Connection
from services.runtime.errors import (
    FieldViolation,
    aborted_etag,
    already_exists,
    bad_field,
    collect,
    failed_precondition,
)
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.names import check_id, new_id, parse_name, update_paths

Kind = resources_pb2.AssetChange.Kind
Status = resources_pb2.GlossaryTerm.Status


async def check_terms(
    conn: Connection, wanted: Sequence[str], held: Sequence[str], field: str
) -> dict[str, TermInfo]:
    """The terms an asset is to have exist, and none newly assigned is deprecated."""
    infos = await load_terms(conn, wanted)
    collect(
        FieldViolation(f"{field}[{i}]", f"no glossary term {name!r}")
        for i, name in enumerate(wanted)
        if name not in infos
    )
    for name in wanted:
        if infos[name].status == Status.STATUS_DEPRECATED and name not in held:
            raise failed_precondition(
                f"{name} is deprecated: it is kept for history, not assigned", "TERM_DEPRECATED"
            )
    return infos


class AssetWrites:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def _parent_id(
        self, conn: Connection, workspace: str, parent: str, field: str
    ) -> str | None:
        if not parent:
            return None
        ids = parse_name(parent, A.ASSET, field)
        if ids["workspace"] != workspace:
            raise bad_field(field, "must be an asset of the same workspace")
        exists = await conn.fetchval(
            f"SELECT 1 FROM catalog.assets WHERE {in_workspace(alias='')} AND id = $2",  # noqa: S608 - fixed SQL
            workspace,
            ids["asset"],
        )
        if not exists:
            raise bad_field(field, f"asset {parent!r} does not exist")
        return ids["asset"]

    async def create(self, request: catalog_pb2.CreateAssetRequest) -> resources_pb2.Asset:
        workspace = workspace_of(request.parent)
        asset = request.asset
        violations = A.technical_violations(asset, "asset")
        violations += A.editable_violations(asset, A.EDITABLE, "asset")
        collect(violations)
        asset_id = check_id(request.asset_id, "asset_id") if request.asset_id else new_id()
        check_request_id(request.request_id)
        actor = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "catalog", request.request_id)
            if known:
                return A.to_message(await fetch_asset(conn, known))
            parent_id = await self._parent_id(conn, workspace, asset.parent, "asset.parent")
            infos = await check_terms(conn, asset.terms, [], "asset.terms")
            if request.validate_only:
                preview = resources_pb2.Asset()
                preview.CopyFrom(asset)
                preview.name = A.asset_name(workspace, asset_id)
                return preview
            values = {**A.technical_values(asset), **A.editable_values(asset)}
            now = L.stamp(datetime.now(UTC))
            manual = [
                L.manual_entry(c["label"], c.get("confidence") or 1.0, actor, now, "", c)
                for c in A.classification_dicts(asset.classifications)
            ]
            carried = carried_by(values["terms"], infos, actor, now)
            values["own_tags"] = sorted(set(values["tags"]) - carried.tags)
            values["tags"] = sorted(set(values["tags"]) | carried.tags)
            values["term_text"] = carried.text
            values["classifications"] = L.canonical(manual, carried.glossary, [], [])
            values["created_by"] = actor  # the first entry of its history
            try:
                await conn.execute(
                    "INSERT INTO catalog.assets (id, workspace, qualified_name, parent_id, "  # noqa: S608 - columns from assets.py's tuples
                    + ", ".join(values)
                    + ") VALUES ($1, $2, $3, $4, "
                    + ", ".join(f"${i}" for i in range(5, 5 + len(values)))
                    + ")",
                    asset_id,
                    workspace,
                    asset.qualified_name,
                    parent_id,
                    *values.values(),
                )
            except asyncpg.UniqueViolationError as exc:
                if "qualified_name" in str(exc):
                    raise already_exists("Asset", asset.qualified_name) from None
                raise already_exists("Asset", A.asset_name(workspace, asset_id)) from None
            name = A.asset_name(workspace, asset_id)
            await remember(conn, "catalog", request.request_id, name)
            row = await fetch_asset(conn, name)
        return A.to_message(row)

    async def update(self, request: catalog_pb2.UpdateAssetRequest) -> resources_pb2.Asset:
        asset = request.asset
        paths = update_paths(request.update_mask, asset, A.EDITABLE)
        collect(A.editable_violations(asset, paths, "asset"))
        actor = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            row = await fetch_asset(conn, asset.name, "asset.name", lock=True)
            if asset.etag and parse_etag(asset.etag) != row["version"]:
                raise aborted_etag("Asset", asset.name)
            values = A.editable_values(asset)
            edit = {p: values[p] for p in paths}
            if "terms" in edit:
                await check_terms(conn, edit["terms"], row["terms"], "asset.terms")
            changed = await AssetWriter(conn, actor).write({row["id"]: edit})
        return A.to_message(changed.get(row["id"], row))

    async def delete(self, request: catalog_pb2.DeleteAssetRequest) -> empty_pb2.Empty:
        actor = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            row = await fetch_asset(conn, request.name, lock=True)
            if request.etag and parse_etag(request.etag) != row["version"]:
                raise aborted_etag("Asset", request.name)
            # Labels this asset or anything below it propagated go away with it.
            downstream = await conn.fetch(
                "WITH RECURSIVE below(id) AS (SELECT $1::text UNION"
                " SELECT a.id FROM catalog.assets a JOIN below b ON a.parent_id = b.id)"
                " SELECT DISTINCT e.target_id FROM catalog.lineage_edges e"
                " JOIN below b ON e.source_id = b.id WHERE cardinality(e.propagated_labels) > 0",
                row["id"],
            )
            await conn.execute("DELETE FROM catalog.assets WHERE id = $1", row["id"])
            await insert_history(
                conn,
                [
                    (
                        row["id"],
                        row["workspace"],
                        row["version"] + 1,
                        Kind.KIND_DELETED,
                        [],
                        {},
                        {},
                        actor,
                    )
                ],
            )
            await AssetWriter(conn, actor).write(
                propagate_from=[r["target_id"] for r in downstream]
            )
        return empty_pb2.Empty()
