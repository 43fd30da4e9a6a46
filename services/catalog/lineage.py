"""Lineage edges and the lineage graph.

An edge says data flows from one asset to another of the same workspace: table-level
(tables, views, files, reports) or column-level (column to column), never mixed. Edges
made with CreateLineageEdge are MANUAL; those loaded in bulk (OpenLineage, Atlas,
view definitions) with BatchCreateLineageEdges are IMPORTED. Creating or deleting an
edge that lets labels through recomputes propagation below its target (writer.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import asyncpg
from google.protobuf import empty_pb2

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from services.catalog import assets as A
from services.catalog import graph
from services.catalog import labels as L
from services.catalog.rows import COLUMNS, fetch_asset, in_workspace, workspace_of
from services.catalog.writer import AssetWriter
from services.runtime.context import current_principal
from services.runtime.convert import timestamp
from services.runtime.database import Connection, Queryable
from services.runtime.errors import FieldViolation, already_exists, bad_field, collect, not_found
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.names import new_id, parse_name
from services.runtime.paging import decode_token, encode_token, page_size

T = resources_pb2.AssetType
Direction = catalog_pb2.LineageDirection
EDGE = "workspaces/{workspace}/lineageEdges/{lineage_edge}"
MAX_BATCH = 5000
DEFAULT_DEPTH = 3
TABLE_LEVEL = {T.ASSET_TYPE_TABLE, T.ASSET_TYPE_VIEW, T.ASSET_TYPE_FILE, T.ASSET_TYPE_REPORT}
_LABEL = re.compile(f"^{L.LABEL_PATTERN}$")


def _edge(row: asyncpg.Record) -> resources_pb2.LineageEdge:
    ws = row["workspace"]
    return resources_pb2.LineageEdge(
        name=f"workspaces/{ws}/lineageEdges/{row['id']}",
        source=A.asset_name(ws, row["source_id"]),
        target=A.asset_name(ws, row["target_id"]),
        process=row["process"],
        transformation=row["transformation"],
        origin=row["origin"],
        propagated_labels=row["propagated_labels"],
        create_time=timestamp(row["create_time"]),
    )


def _format_violations(edge: resources_pb2.LineageEdge, prefix: str) -> list[FieldViolation]:
    v = []
    for field in ("source", "target"):
        if not re.fullmatch(r"workspaces/[a-z0-9-]+/assets/[a-z0-9-]+", getattr(edge, field)):
            v.append(FieldViolation(f"{prefix}.{field}", "must be workspaces/{w}/assets/{a}"))
    if edge.source and edge.source == edge.target:
        v.append(FieldViolation(f"{prefix}.target", "must differ from the source"))
    if len(edge.process) > 1024:
        v.append(FieldViolation(f"{prefix}.process", "must be at most 1024 characters"))
    if len(edge.transformation) > 16_000:
        v.append(FieldViolation(f"{prefix}.transformation", "must be at most 16000 characters"))
    if len(edge.propagated_labels) > A.MAX_LIST:
        v.append(FieldViolation(f"{prefix}.propagated_labels", f"at most {A.MAX_LIST} labels"))
    for index, label in enumerate(edge.propagated_labels):
        if not _LABEL.match(label):
            v.append(
                FieldViolation(
                    f"{prefix}.propagated_labels[{index}]", "must be a label like pii.email"
                )
            )
    return v


async def _check_ends(
    conn: Connection,
    workspace: str,
    edges: Sequence[resources_pb2.LineageEdge],
    prefixes: Sequence[str],
) -> None:
    """Both ends exist in ``workspace`` and are of the same level."""
    ids = {e.source.rsplit("/", 1)[-1] for e in edges} | {
        e.target.rsplit("/", 1)[-1] for e in edges
    }
    types = {
        r["id"]: r["type"]
        for r in await conn.fetch(
            f"SELECT id, type FROM catalog.assets WHERE {in_workspace(alias='')}"  # noqa: S608 - fixed SQL
            " AND id = ANY($2::text[])",
            workspace,
            list(ids),
        )
    }
    v: list[FieldViolation] = []
    for edge, prefix in zip(edges, prefixes, strict=True):
        ends = []
        for field in ("source", "target"):
            name = getattr(edge, field)
            kind = types.get(name.rsplit("/", 1)[-1])
            if not name.startswith(f"workspaces/{workspace}/") or kind is None:
                v.append(FieldViolation(f"{prefix}.{field}", "no such asset in this workspace"))
            elif kind != T.ASSET_TYPE_COLUMN and kind not in TABLE_LEVEL:
                v.append(
                    FieldViolation(
                        f"{prefix}.{field}",
                        "lineage links tables, views, files and reports, or columns",
                    )
                )
            else:
                ends.append(kind == T.ASSET_TYPE_COLUMN)
        if len(ends) == 2 and ends[0] != ends[1]:
            v.append(
                FieldViolation(
                    f"{prefix}.target", "a column's lineage goes to a column, a table's to a table"
                )
            )
    collect(v)


def _values(edge: resources_pb2.LineageEdge) -> tuple[Any, ...]:
    return (
        edge.source.rsplit("/", 1)[-1],
        edge.target.rsplit("/", 1)[-1],
        edge.process,
        edge.transformation,
        sorted(set(edge.propagated_labels)),
    )


_INSERT = (
    "INSERT INTO catalog.lineage_edges (id, workspace, source_id, target_id, column_level,"
    " process, transformation, propagated_labels, origin)"
    " SELECT $1, $2, $3, $4, (SELECT type FROM catalog.assets WHERE id = $3) = $9,"
    " $5, $6, $7, $8 ON CONFLICT (source_id, target_id, process) DO NOTHING RETURNING *"
)


class Lineage:
    def __init__(self, pool: asyncpg.Pool, replica: asyncpg.Pool) -> None:
        self._pool = pool
        self._replica = replica

    async def _insert(
        self, conn: Connection, workspace: str, edge: resources_pb2.LineageEdge, origin: int
    ) -> tuple[asyncpg.Record, bool]:
        """The stored edge, and whether it is new."""
        source, target, process, transformation, labels = _values(edge)
        row = await conn.fetchrow(
            _INSERT,
            new_id(),
            workspace,
            source,
            target,
            process,
            transformation,
            labels,
            origin,
            T.ASSET_TYPE_COLUMN,
        )
        if row is not None:
            return row, True
        known = await conn.fetchrow(
            "SELECT * FROM catalog.lineage_edges WHERE source_id = $1 AND target_id = $2"
            " AND process = $3",
            source,
            target,
            process,
        )
        if known is None:  # conflicting insert seen, so the row exists
            raise RuntimeError("lineage edge vanished after a conflict")
        return known, False

    async def create_edge(
        self, request: catalog_pb2.CreateLineageEdgeRequest
    ) -> resources_pb2.LineageEdge:
        workspace = workspace_of(request.parent)
        collect(_format_violations(request.lineage_edge, "lineage_edge"))
        check_request_id(request.request_id)
        actor = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "catalog", request.request_id)
            if known:
                return _edge(await self._row(conn, known))
            await _check_ends(conn, workspace, [request.lineage_edge], ["lineage_edge"])
            row, created = await self._insert(
                conn, workspace, request.lineage_edge, resources_pb2.ORIGIN_MANUAL
            )
            if not created:
                raise already_exists("LineageEdge", _edge(row).name)
            await remember(conn, "catalog", request.request_id, _edge(row).name)
            if row["propagated_labels"]:
                await AssetWriter(conn, actor).write(propagate_from=[row["target_id"]])
        return _edge(row)

    async def batch_create(
        self, request: catalog_pb2.BatchCreateLineageEdgesRequest
    ) -> catalog_pb2.BatchCreateLineageEdgesResponse:
        workspace = workspace_of(request.parent)
        edges = list(request.lineage_edges)
        if not edges:
            raise bad_field("lineage_edges", "is required")
        if len(edges) > MAX_BATCH:
            raise bad_field("lineage_edges", f"at most {MAX_BATCH} per call")
        prefixes = [f"lineage_edges[{i}]" for i in range(len(edges))]
        collect(v for e, p in zip(edges, prefixes, strict=True) for v in _format_violations(e, p))
        actor = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            await _check_ends(conn, workspace, edges, prefixes)
            stored: list[resources_pb2.LineageEdge] = []
            created, targets = 0, set[str]()
            for edge in edges:
                row, new = await self._insert(conn, workspace, edge, resources_pb2.ORIGIN_IMPORTED)
                stored.append(_edge(row))
                if new:
                    created += 1
                    if row["propagated_labels"]:
                        targets.add(row["target_id"])
            await AssetWriter(conn, actor).write(propagate_from=targets)
        return catalog_pb2.BatchCreateLineageEdgesResponse(
            lineage_edges=stored, created_count=created
        )

    async def _row(self, conn: Queryable, name: str, field: str = "name") -> asyncpg.Record:
        ids = parse_name(name, EDGE, field)
        row = await conn.fetchrow(
            "SELECT * FROM catalog.lineage_edges WHERE workspace = $1 AND id = $2",
            ids["workspace"],
            ids["lineage_edge"],
        )
        if row is None:
            raise not_found("LineageEdge", name)
        return row

    async def list_edges(
        self, request: catalog_pb2.ListLineageEdgesRequest
    ) -> catalog_pb2.ListLineageEdgesResponse:
        workspace = workspace_of(request.parent)
        size = page_size(request.page_size)
        filters = [request.parent, request.asset]
        after = decode_token(request.page_token, filters) or ""
        params: list[Any] = [workspace, after]
        where = "workspace = $1 AND id > $2"
        if request.asset:
            ids = parse_name(request.asset, A.ASSET, "asset")
            if ids["workspace"] != workspace:
                raise bad_field("asset", "must be an asset of the workspace in parent")
            params.append(ids["asset"])
            where += " AND (source_id = $3 OR target_id = $3)"
        params.append(size + 1)
        rows = await self._replica.fetch(
            f"SELECT * FROM catalog.lineage_edges WHERE {where} ORDER BY id LIMIT ${len(params)}",  # noqa: S608 - fixed fragments
            *params,
        )
        response = catalog_pb2.ListLineageEdgesResponse(
            lineage_edges=[_edge(r) for r in rows[:size]]
        )
        if len(rows) > size:
            response.next_page_token = encode_token(rows[size - 1]["id"], filters)
        return response

    async def delete_edge(self, request: catalog_pb2.DeleteLineageEdgeRequest) -> empty_pb2.Empty:
        actor = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self._row(conn, request.name)
            await conn.execute("DELETE FROM catalog.lineage_edges WHERE id = $1", row["id"])
            if row["propagated_labels"]:
                await AssetWriter(conn, actor).write(propagate_from=[row["target_id"]])
        return empty_pb2.Empty()

    async def lineage_graph(
        self, request: catalog_pb2.GetLineageGraphRequest
    ) -> catalog_pb2.GetLineageGraphResponse:
        """The assets within ``depth`` hops of the start, up, down or both ways, and the
        edges between them; ``truncated`` when some asset lies just beyond the depth."""
        depth = request.depth or DEFAULT_DEPTH
        if not 0 < depth <= graph.MAX_DEPTH:
            raise bad_field("depth", f"must be between 1 and {graph.MAX_DEPTH}")
        if request.direction not in Direction.values():
            raise bad_field("direction", "must be UPSTREAM, DOWNSTREAM or BOTH")
        start = await fetch_asset(self._replica, request.asset, "asset")
        starts = [start["id"]]
        if request.column_level and start["type"] != T.ASSET_TYPE_COLUMN:
            starts = [
                r["id"]
                for r in await self._replica.fetch(
                    "SELECT id FROM catalog.assets WHERE parent_id = $1 AND type = $2",
                    start["id"],
                    T.ASSET_TYPE_COLUMN,
                )
            ]
        elif not request.column_level and start["type"] == T.ASSET_TYPE_COLUMN:
            raise bad_field("column_level", "the asset is a column: ask for column-level lineage")
        ways = {
            Direction.LINEAGE_DIRECTION_UPSTREAM: (False,),
            Direction.LINEAGE_DIRECTION_DOWNSTREAM: (True,),
        }.get(request.direction, (False, True))
        hops: dict[str, int] = {start["id"]: 0}
        truncated = False
        for downstream in ways:
            # One hop further than asked: what shows up there is what the depth cut off.
            reached = await graph.walk(
                self._replica,
                starts,
                downstream=downstream,
                depth=depth + 1,
                column_level=request.column_level,
            )
            truncated = truncated or any(h > depth for h in reached.values())
            for asset_id, h in reached.items():
                if h <= depth:
                    hops[asset_id] = min(h, hops.get(asset_id, h))
        nodes = list(hops)
        rows = await self._replica.fetch(
            f"SELECT {COLUMNS} FROM catalog.assets a WHERE a.id = ANY($1::text[])",  # noqa: S608 - fixed column list
            nodes,
        )
        rows = sorted(rows, key=lambda r: (hops[r["id"]], r["qualified_name"]))
        edges = await self._replica.fetch(
            "SELECT * FROM catalog.lineage_edges WHERE source_id = ANY($1::text[])"
            " AND target_id = ANY($1::text[]) AND column_level = $2 ORDER BY id",
            nodes,
            request.column_level,
        )
        return catalog_pb2.GetLineageGraphResponse(
            nodes=[A.to_message(r) for r in rows],
            edges=[_edge(e) for e in edges],
            truncated=truncated,
        )
