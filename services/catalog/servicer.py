"""The catalog service: assets, their history, and search.

Glossaries, lineage, manual classification, annotation import/export belong to the
main-job issue; until then those RPCs answer UNIMPLEMENTED (generated base class).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import asyncpg
from google.protobuf import empty_pb2

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from services.catalog import assets as A
from services.catalog import search
from services.runtime.context import current_principal
from services.runtime.convert import parse_etag, timestamp
from services.runtime.database import Connection, Queryable
from services.runtime.errors import (
    FieldViolation,
    aborted_etag,
    already_exists,
    bad_field,
    collect,
    not_found,
)
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.names import check_id, new_id, parse_name, update_paths
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.service import Runtime

Kind = resources_pb2.AssetChange.Kind
WORKSPACE = "workspaces/{workspace}"
MAX_BATCH = 5000
# Every column but the search vector: what handlers read and convert.
COLUMNS = ", ".join(
    f"a.{c}"
    for c in (
        "id",
        "workspace",
        "qualified_name",
        "type",
        "display_name",
        "parent_id",
        "data_source",
        "source_description",
        "description",
        "owners",
        "stewards",
        "tags",
        "terms",
        "classifications",
        "labels",
        "column_info",
        "table_info",
        "properties",
        "retention_days",
        "protected",
        "deleted",
        "version",
        "create_time",
        "update_time",
        "last_scan_time",
        "name_folded",
    )
)
SELECT = f"SELECT {COLUMNS} FROM catalog.assets a"


def _workspace_of(parent: str, field: str = "parent") -> str:
    return parse_name(parent, WORKSPACE, field)["workspace"]


class CatalogServicer(catalog_pb2_grpc.CatalogServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._pool = runtime.db.primary

    async def _row(
        self,
        conn: Queryable,
        name: str,
        field: str = "name",
        lock: bool = False,
    ) -> asyncpg.Record:
        ids = parse_name(name, A.ASSET, field)
        row = await conn.fetchrow(
            f"{SELECT} WHERE a.workspace = $1 AND a.id = $2{' FOR UPDATE' if lock else ''}",
            ids["workspace"],
            ids["asset"],
        )
        if row is None:
            raise not_found("Asset", name)
        return row

    async def _parent_id(
        self, conn: Connection, workspace: str, parent: str, field: str
    ) -> str | None:
        if not parent:
            return None
        ids = parse_name(parent, A.ASSET, field)
        if ids["workspace"] != workspace:
            raise bad_field(field, "must be an asset of the same workspace")
        exists = await conn.fetchval(
            "SELECT 1 FROM catalog.assets WHERE workspace = $1 AND id = $2",
            workspace,
            ids["asset"],
        )
        if not exists:
            raise bad_field(field, f"asset {parent!r} does not exist")
        return ids["asset"]

    async def _history(self, conn: Connection, rows: list[tuple[Any, ...]]) -> None:
        """Appends (asset_id, workspace, version, kind, fields, before, after, actor) rows."""
        if rows:
            await conn.executemany(
                "INSERT INTO catalog.asset_changes (asset_id, workspace, version, kind,"
                " changed_fields, before, after, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                rows,
            )

    # -- standard methods --------------------------------------------------------------

    async def CreateAsset(
        self, request: catalog_pb2.CreateAssetRequest, context: Any
    ) -> resources_pb2.Asset:
        workspace = _workspace_of(request.parent)
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
                return A.to_message(await self._row(conn, known))
            parent_id = await self._parent_id(conn, workspace, asset.parent, "asset.parent")
            if request.validate_only:
                preview = resources_pb2.Asset()
                preview.CopyFrom(asset)
                preview.name = A.asset_name(workspace, asset_id)
                return preview
            values = {**A.technical_values(asset), **A.editable_values(asset)}
            labels = [
                {**c, "origin": resources_pb2.ORIGIN_MANUAL, "set_by": actor}
                for c in A.classification_dicts(asset.classifications)
            ]
            try:
                await conn.execute(
                    "INSERT INTO catalog.assets (id, workspace, qualified_name, parent_id,"
                    " classifications, "
                    + ", ".join(values)
                    + ") VALUES ($1, $2, $3, $4, $5, "
                    + ", ".join(f"${i}" for i in range(6, 6 + len(values)))
                    + ")",
                    asset_id,
                    workspace,
                    asset.qualified_name,
                    parent_id,
                    labels,
                    *values.values(),
                )
            except asyncpg.UniqueViolationError as exc:
                if "qualified_name" in str(exc):
                    raise already_exists("Asset", asset.qualified_name) from None
                raise already_exists("Asset", A.asset_name(workspace, asset_id)) from None
            name = A.asset_name(workspace, asset_id)
            await remember(conn, "catalog", request.request_id, name)
            row = await self._row(conn, name)
            await self._history(
                conn,
                [
                    (
                        asset_id,
                        workspace,
                        1,
                        Kind.KIND_CREATED,
                        [],
                        {},
                        {"qualified_name": asset.qualified_name},
                        actor,
                    )
                ],
            )
        return A.to_message(row)

    async def GetAsset(
        self, request: catalog_pb2.GetAssetRequest, context: Any
    ) -> resources_pb2.Asset:
        return A.to_message(await self._row(self._rt.db.replica, request.name))

    async def LookupAsset(
        self, request: catalog_pb2.LookupAssetRequest, context: Any
    ) -> resources_pb2.Asset:
        workspace = _workspace_of(request.parent)
        if not request.qualified_name:
            raise bad_field("qualified_name", "is required")
        row = await self._rt.db.replica.fetchrow(
            f'{SELECT} WHERE a.workspace = $1 AND a.qualified_name = $2 COLLATE "C"',
            workspace,
            request.qualified_name,
        )
        if row is None:
            raise not_found("Asset", request.qualified_name)
        return A.to_message(row)

    async def ListAssets(
        self, request: catalog_pb2.ListAssetsRequest, context: Any
    ) -> catalog_pb2.ListAssetsResponse:
        workspace = _workspace_of(request.parent)
        size = page_size(request.page_size)
        filters = [
            request.parent,
            request.asset_parent,
            list(request.types),
            request.qualified_name_prefix,
            request.show_deleted,
        ]
        after = decode_token(request.page_token, filters) or ""
        params: list[Any] = [workspace, after]
        clauses = ["a.workspace = $1", 'a.qualified_name COLLATE "C" > $2']
        if request.asset_parent:
            ids = parse_name(request.asset_parent, A.ASSET, "asset_parent")
            params.append(ids["asset"])
            clauses.append(f"a.parent_id = ${len(params)}")
        if request.types:
            params.append(list(request.types))
            clauses.append(f"a.type = ANY(${len(params)}::smallint[])")
        if request.qualified_name_prefix:
            params.append(request.qualified_name_prefix)
            # A range on the "C"-collated btree: exact prefix, no LIKE escaping pitfalls.
            clauses.append(f'a.qualified_name COLLATE "C" >= ${len(params)}')
            params.append(request.qualified_name_prefix + "\U0010ffff")
            clauses.append(f'a.qualified_name COLLATE "C" < ${len(params)}')
        if not request.show_deleted:
            clauses.append("NOT a.deleted")
        params.append(size + 1)
        rows = await self._rt.db.replica.fetch(
            f"{SELECT} WHERE {' AND '.join(clauses)}"
            f' ORDER BY a.qualified_name COLLATE "C" LIMIT ${len(params)}',
            *params,
        )
        response = catalog_pb2.ListAssetsResponse(assets=[A.to_message(r) for r in rows[:size]])
        if len(rows) > size:
            response.next_page_token = encode_token(rows[size - 1]["qualified_name"], filters)
        return response

    async def UpdateAsset(
        self, request: catalog_pb2.UpdateAssetRequest, context: Any
    ) -> resources_pb2.Asset:
        asset = request.asset
        paths = update_paths(request.update_mask, asset, A.EDITABLE)
        collect(A.editable_violations(asset, paths, "asset"))
        actor = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self._row(conn, asset.name, "asset.name", lock=True)
            if asset.etag and parse_etag(asset.etag) != row["version"]:
                raise aborted_etag("Asset", asset.name)
            new_values = {p: A.editable_values(asset)[p] for p in paths}
            changed = [p for p in paths if row[p] != new_values[p]]
            if not changed:
                return A.to_message(row)
            sets = ", ".join(f"{p} = ${i}" for i, p in enumerate(changed, start=3))
            updated = await conn.fetchrow(
                f"UPDATE catalog.assets a SET {sets}, version = version + 1,"
                f" update_time = now() WHERE workspace = $1 AND id = $2 RETURNING {COLUMNS}",
                row["workspace"],
                row["id"],
                *(new_values[p] for p in changed),
            )
            if updated is None:  # the row is locked FOR UPDATE above
                raise RuntimeError(f"{asset.name} vanished while locked")
            await self._history(
                conn,
                [
                    (
                        row["id"],
                        row["workspace"],
                        updated["version"],
                        Kind.KIND_UPDATED,
                        changed,
                        A.record_values(row, changed),
                        A.record_values(updated, changed),
                        actor,
                    )
                ],
            )
        return A.to_message(updated)

    async def DeleteAsset(
        self, request: catalog_pb2.DeleteAssetRequest, context: Any
    ) -> empty_pb2.Empty:
        actor = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self._row(conn, request.name, lock=True)
            if request.etag and parse_etag(request.etag) != row["version"]:
                raise aborted_etag("Asset", request.name)
            await conn.execute("DELETE FROM catalog.assets WHERE id = $1", row["id"])
            await self._history(
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
        return empty_pb2.Empty()

    # -- scanner writes ----------------------------------------------------------------

    async def BatchUpsertAssets(
        self, request: catalog_pb2.BatchUpsertAssetsRequest, context: Any
    ) -> catalog_pb2.BatchUpsertAssetsResponse:
        workspace = _workspace_of(request.parent)
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
            rows = await conn.fetch(
                f"{SELECT} WHERE a.workspace = $1 AND a.id = ANY($2::text[])",
                workspace,
                upserter.ids,
            )
            await self._history(conn, upserter.changes)
        by_id = {r["id"]: r for r in rows}
        return catalog_pb2.BatchUpsertAssetsResponse(
            assets=[A.to_message(by_id[i]) for i in upserter.ids],
            created_count=upserter.created,
            updated_count=upserter.updated,
            unchanged_count=upserter.unchanged,
        )

    async def MarkAssetsDeleted(
        self, request: catalog_pb2.MarkAssetsDeletedRequest, context: Any
    ) -> catalog_pb2.MarkAssetsDeletedResponse:
        workspace = _workspace_of(request.parent)
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
            await self._history(
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

    # -- search and history ------------------------------------------------------------

    async def SearchAssets(
        self, request: catalog_pb2.SearchAssetsRequest, context: Any
    ) -> catalog_pb2.SearchAssetsResponse:
        workspaces = None if request.parent == "workspaces/-" else [_workspace_of(request.parent)]
        size = page_size(request.page_size, default=20, maximum=100)
        unknown = [f for f in request.facets if f not in search.FACET_FIELDS]
        if unknown:
            raise bad_field(
                "facets",
                f"unknown facet {unknown[0]!r}; known: " + ", ".join(sorted(search.FACET_FIELDS)),
            )
        try:
            search.order_clause(request.order_by, True)
        except ValueError:
            raise bad_field("order_by", "must be relevance, name or 'update_time desc'") from None
        if len(request.query) > 512:
            raise bad_field("query", "must be at most 512 characters")
        filters = search_filters(request)
        offset = decode_token(request.page_token, filters) or 0
        if not isinstance(offset, int) or not 0 <= offset < search.CANDIDATES:
            raise bad_field("page_token", "is out of range")
        statement, params = search.search_statement(request, workspaces, COLUMNS, size + 1, offset)
        async with self._rt.db.replica.acquire() as conn, conn.transaction(readonly=True):
            # Typo tolerance: one wrong letter in an 8-letter word scores about 0.5.
            await conn.execute(
                f"SET LOCAL pg_trgm.word_similarity_threshold = {search.TYPO_THRESHOLD}"
            )
            rows = await conn.fetch(statement, *params)
        total = rows[0]["total"] if rows else 0
        facets = rows[0]["facets"] if rows else {}
        hits = [r for r in rows if r["id"] is not None]
        response = catalog_pb2.SearchAssetsResponse(
            results=[
                resources_pb2.SearchResult(asset=A.to_message(r), score=float(r["score"]))
                for r in hits[:size]
            ],
            total_size=total,
        )
        for name in request.facets:
            facet = response.facets.add(field=name)
            for value, count in facets.get(name, []):
                if name == "type":
                    value = resources_pb2.AssetType.Name(int(value))
                facet.buckets.add(value=str(value), count=count)
        if len(hits) > size and offset + size < search.CANDIDATES:
            response.next_page_token = encode_token(offset + size, filters)
        return response

    async def ListAssetChanges(
        self, request: catalog_pb2.ListAssetChangesRequest, context: Any
    ) -> catalog_pb2.ListAssetChangesResponse:
        row = await self._row(self._rt.db.replica, request.asset, "asset")
        size = page_size(request.page_size)
        before = decode_token(request.page_token, request.asset) or 2**62
        rows = await self._rt.db.replica.fetch(
            "SELECT * FROM catalog.asset_changes WHERE asset_id = $1 AND id < $2"
            " ORDER BY id DESC LIMIT $3",
            row["id"],
            before,
            size + 1,
        )
        response = catalog_pb2.ListAssetChangesResponse()
        for change in rows[:size]:
            item = response.changes.add(
                asset=request.asset,
                version=change["version"],
                kind=change["kind"],
                changed_fields=change["changed_fields"],
                actor=change["actor"],
                change_time=timestamp(change["change_time"]),
            )
            item.before.update(change["before"])
            item.after.update(change["after"])
        if len(rows) > size:
            response.next_page_token = encode_token(rows[size - 1]["id"], request.asset)
        return response


def search_filters(request: catalog_pb2.SearchAssetsRequest) -> list[Any]:
    """What a search page token is bound to: everything but the page fields."""
    return [
        request.parent,
        request.query,
        list(request.types),
        list(request.tags),
        list(request.owners),
        list(request.classifications),
        list(request.data_sources),
        list(request.terms),
        request.show_deleted,
        request.order_by,
    ]


# What a rescan rewrites on an asset that changed: the scan-owned columns and labels.
REFRESHED = (*A.TECHNICAL, "classifications", "deleted")


class _Upsert:
    """One batch upsert: resolves parents, inserts new assets, refreshes changed ones."""

    def __init__(self, workspace: str, actor: str) -> None:
        self.workspace = workspace
        self.actor = actor
        self.ids: list[str] = []
        self.created = self.updated = self.unchanged = 0
        self.changes: list[tuple[Any, ...]] = []

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
                " FOR UPDATE",
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
                "INSERT INTO catalog.assets (id, workspace, qualified_name, classifications,"
                f" last_scan_time, {columns}) VALUES ($1, $2, $3, $4, $5, {placeholders})",
                inserts,
            )
        if updates:
            sets = ", ".join(f"{c} = ${i}" for i, c in enumerate(REFRESHED, start=3))
            await conn.executemany(
                f"UPDATE catalog.assets SET {sets}, last_scan_time = $2,"
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
