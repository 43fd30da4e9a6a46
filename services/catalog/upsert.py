"""BatchUpsertAssets and MarkAssetsDeleted: what scans write.

A scan owns the technical columns and its own labels; manual annotations stay as they
are. When a rescan changes what an asset passes downstream (a label found or lost),
the AssetWriter recomputes the labels derived from it, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import asyncpg

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from services.catalog import assets as A
from services.catalog import labels as L
from services.catalog.rows import SELECT, insert_history, workspace_of
from services.catalog.writer import AssetWriter
from services.runtime.context import current_principal
from services.runtime.database import Connection
from services.runtime.errors import FieldViolation, bad_field, collect
from services.runtime.names import new_id
from services.runtime.sql import assignments

Kind = resources_pb2.AssetChange.Kind
MAX_BATCH = 5000


class ScanWrites:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def upsert(
        self, request: catalog_pb2.BatchUpsertAssetsRequest
    ) -> catalog_pb2.BatchUpsertAssetsResponse:
        workspace = workspace_of(request.parent)
        if not request.assets:
            raise bad_field("assets", "is required")
        if len(request.assets) > MAX_BATCH:
            raise bad_field("assets", f"at most {MAX_BATCH} per call")
        violations: list[FieldViolation] = []
        seen: set[str] = set()
        for index, asset in enumerate(request.assets):
            violations += A.technical_violations(asset, f"assets[{index}]")
            if asset.qualified_name in seen:
                violations.append(
                    FieldViolation(f"assets[{index}].qualified_name", "appears twice in the batch")
                )
            seen.add(asset.qualified_name)
        collect(violations)
        actor = request.actor or current_principal().name
        upserter = _Upsert(workspace, actor)
        async with self._pool.acquire() as conn, conn.transaction():
            await upserter.run(conn, request.assets)
            await insert_history(conn, upserter.changes)
            # After the scan's own history rows, so the history reads in order.
            await AssetWriter(conn, actor).write(propagate_from=upserter.relabelled)
            rows = await conn.fetch(
                f"{SELECT} WHERE a.workspace = $1 AND a.id = ANY($2::text[])",
                workspace,
                upserter.ids,
            )
        by_id = {r["id"]: r for r in rows}
        return catalog_pb2.BatchUpsertAssetsResponse(
            assets=[A.to_message(by_id[i]) for i in upserter.ids],
            created_count=upserter.created,
            updated_count=upserter.updated,
            unchanged_count=upserter.unchanged,
        )

    async def mark_deleted(
        self, request: catalog_pb2.MarkAssetsDeletedRequest
    ) -> catalog_pb2.MarkAssetsDeletedResponse:
        workspace = workspace_of(request.parent)
        violations = []
        if not request.qualified_name_prefix:
            violations.append(FieldViolation("qualified_name_prefix", "is required"))
        if not request.HasField("not_seen_since"):
            violations.append(FieldViolation("not_seen_since", "is required"))
        collect(violations)
        actor = request.actor or current_principal().name
        prefix = request.qualified_name_prefix
        async with self._pool.acquire() as conn, conn.transaction():
            rows = await conn.fetch(
                "UPDATE catalog.assets SET deleted = true, version = version + 1,"
                " update_time = now() WHERE workspace = $1 AND NOT deleted"
                ' AND qualified_name COLLATE "C" >= $2 AND qualified_name COLLATE "C" < $3'
                " AND coalesce(last_scan_time, create_time) < $4 RETURNING id, version",
                workspace,
                prefix,
                prefix + "\U0010ffff",
                request.not_seen_since.ToDatetime(tzinfo=UTC),
            )
            await insert_history(
                conn,
                [
                    (
                        r["id"],
                        workspace,
                        r["version"],
                        Kind.KIND_DELETED,
                        ["deleted"],
                        {"deleted": False},
                        {"deleted": True},
                        actor,
                    )
                    for r in rows
                ],
            )
        return catalog_pb2.MarkAssetsDeletedResponse(deleted_count=len(rows))


REFRESHED = (*A.TECHNICAL, "classifications", "deleted")


class _Upsert:
    """One batch upsert: resolves parents, inserts new assets, refreshes changed ones."""

    def __init__(self, workspace: str, actor: str) -> None:
        self.workspace = workspace
        self.actor = actor
        self.ids: list[str] = []
        self.created = self.updated = self.unchanged = 0
        self.changes: list[tuple[Any, ...]] = []
        # Assets whose labels changed what they pass downstream.
        self.relabelled: list[str] = []

    async def run(self, conn: Connection, assets: Sequence[resources_pb2.Asset]) -> None:
        qualified = [a.qualified_name for a in assets]
        parent_qns = [
            a.parent
            for a in assets
            if a.parent and not a.parent.startswith(f"workspaces/{self.workspace}/assets/")
        ]
        existing = {
            r["qualified_name"]: r
            for r in await conn.fetch(
                f"{SELECT} WHERE a.workspace = $1 AND a.qualified_name = ANY($2::text[])"
                # Locked in id order, as every multi-row writer does, so a scan and an edit
                # touching the same assets queue behind each other instead of deadlocking.
                " ORDER BY a.id FOR UPDATE",
                self.workspace,
                qualified + parent_qns,
            )
        }
        ids_by_qn = {qn: r["id"] for qn, r in existing.items()}
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        unchanged: list[str] = []
        now = datetime.now(UTC)
        for index, asset in enumerate(assets):
            parent_id = await self._parent(conn, asset, index, ids_by_qn)
            values = A.technical_values(asset)
            values["parent_id"] = parent_id
            found = A.classification_dicts(asset.classifications)
            row = existing.get(asset.qualified_name)
            if row is None:
                asset_id = new_id()
                ids_by_qn[asset.qualified_name] = asset_id
                labels = A.merge_scan_labels([], found)
                inserts.append(
                    (
                        asset_id,
                        self.workspace,
                        asset.qualified_name,
                        labels,
                        now,
                        *(values[c] for c in A.TECHNICAL),
                    )
                )
                self.changes.append(
                    (
                        asset_id,
                        self.workspace,
                        1,
                        Kind.KIND_CREATED,
                        [],
                        {},
                        {"qualified_name": asset.qualified_name},
                        self.actor,
                    )
                )
                self.created += 1
                self.ids.append(asset_id)
                continue
            self.ids.append(row["id"])
            values["classifications"] = A.merge_scan_labels(list(row["classifications"]), found)
            if L.signature(row["classifications"]) != L.signature(values["classifications"]):
                self.relabelled.append(row["id"])
            values["deleted"] = False
            changed = [c for c in values if row[c] != values[c]]
            if not changed:
                unchanged.append(row["id"])
                continue
            version = row["version"] + 1  # the row is locked FOR UPDATE
            updates.append((row["id"], now, *(values[c] for c in REFRESHED)))
            self.changes.append(
                (
                    row["id"],
                    self.workspace,
                    version,
                    _change_kind(row, changed),
                    changed,
                    A.record_values(row, changed),
                    {f: values[f] for f in changed},
                    self.actor,
                )
            )
        self.updated, self.unchanged = len(updates), len(unchanged)
        # Inserts first: an existing asset may move under a parent new in this batch.
        if inserts:
            columns = ", ".join(A.TECHNICAL)
            placeholders = ", ".join(f"${i}" for i in range(6, 6 + len(A.TECHNICAL)))
            await conn.executemany(
                "INSERT INTO catalog.assets (id, workspace, qualified_name, classifications,"  # noqa: S608 - columns from assets.TECHNICAL
                f" last_scan_time, {columns}) VALUES ($1, $2, $3, $4, $5, {placeholders})",
                inserts,
            )
        if updates:
            sets = assignments(REFRESHED, 3)
            await conn.executemany(
                f"UPDATE catalog.assets SET {sets}, last_scan_time = $2,"  # noqa: S608 - columns from REFRESHED
                " version = version + 1, update_time = now() WHERE id = $1",
                updates,
            )
        if unchanged:
            await conn.execute(
                "UPDATE catalog.assets SET last_scan_time = $2 WHERE id = ANY($1::text[])",
                unchanged,
                now,
            )

    async def _parent(
        self, conn: Connection, asset: resources_pb2.Asset, index: int, ids_by_qn: dict[str, str]
    ) -> str | None:
        if not asset.parent:
            return None
        prefix = f"workspaces/{self.workspace}/assets/"
        if asset.parent.startswith(prefix):
            parent_id = asset.parent[len(prefix) :]
            if parent_id in ids_by_qn.values() or await conn.fetchval(
                "SELECT 1 FROM catalog.assets WHERE workspace = $1 AND id = $2",
                self.workspace,
                parent_id,
            ):
                return parent_id
        elif asset.parent in ids_by_qn:
            return ids_by_qn[asset.parent]
        raise bad_field(
            f"assets[{index}].parent",
            "must name an existing asset or an earlier asset of the batch",
        )


def _change_kind(row: asyncpg.Record, changed: list[str]) -> int:
    if "deleted" in changed and row["deleted"]:
        return Kind.KIND_RESTORED
    if "column_info" in changed or "table_info" in changed or "type" in changed:
        return Kind.KIND_SCHEMA_CHANGED
    if changed == ["classifications"]:
        return Kind.KIND_CLASSIFICATION_CHANGED
    return Kind.KIND_UPDATED
