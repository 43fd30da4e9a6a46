"""The catalog service: the gRPC methods, each delegating to the module of its topic.

Reads of assets, search and history live here; the rest is in:
asset_writes.py (create, update, delete), upsert.py (what scans write),
classifications.py (manual labels and removals), glossary.py and terms.py,
lineage.py and graph.py, annotations_csv.py (export and import), and writer.py (the one
path edits take to assets, deriving glossary tags and labels and lineage propagation;
label precedence in labels.py).

Authorization beyond the interceptor's scope check: lists and search return only the
assets the caller may see (visibility.py), and the field-level permissions
``catalog.owners.update`` and ``catalog.classifications.update`` guard owners, stewards
and labels in CreateAsset, UpdateAsset and ImportAnnotations (``_guard_fields``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from google.api import httpbody_pb2
from google.protobuf import empty_pb2

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from services.catalog import assets as A
from services.catalog import search
from services.catalog.annotations_csv import AnnotationsCsv
from services.catalog.asset_writes import AssetWrites
from services.catalog.classifications import Classifications
from services.catalog.glossary import Glossaries
from services.catalog.lineage import Lineage
from services.catalog.rows import (
    COLUMNS,
    SELECT,
    AssetReads,
    fetch_asset,
    in_workspace,
    workspace_of,
)
from services.catalog.upsert import ScanWrites
from services.catalog.visibility import Reach
from services.runtime.access import for_runtime
from services.runtime.context import current_principal
from services.runtime.convert import timestamp
from services.runtime.errors import bad_field, not_found
from services.runtime.names import parse_name
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.service import Runtime


class CatalogServicer(catalog_pb2_grpc.CatalogServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        primary, replica = runtime.db.primary, runtime.db.replica
        self._assets = AssetWrites(primary)
        self._scans = ScanWrites(primary)
        self._labels = Classifications(primary)
        self._glossary = Glossaries(primary, replica)
        self._lineage = Lineage(primary, replica)
        self._csv = AnnotationsCsv(primary, replica)
        self._access = for_runtime(runtime)
        self._reads = AssetReads(replica)

    async def _reach(self, permission: str, workspace: str = "") -> Reach:
        """What the caller may see with ``permission``, within ``workspace`` if given."""
        under = f"workspaces/{workspace}" if workspace else ""
        return Reach.of(
            await self._access.grants(current_principal(), permission, under), workspace
        )

    async def _guard_fields(self, resource: str, owners: bool, labels: bool) -> None:
        """Field-level permissions: only roles allowed to change owners (and stewards)
        or classifications may write them, whatever else they may edit."""
        if owners:
            await self._access.require("catalog.owners.update", resource)
        if labels:
            await self._access.require("catalog.classifications.update", resource)

    # -- reads -------------------------------------------------------------------------

    async def GetAsset(
        self, request: catalog_pb2.GetAssetRequest, context: Any
    ) -> resources_pb2.Asset:
        return await self._reads.get(request.name)

    async def LookupAsset(
        self, request: catalog_pb2.LookupAssetRequest, context: Any
    ) -> resources_pb2.Asset:
        workspace = workspace_of(request.parent)
        if not request.qualified_name:
            raise bad_field("qualified_name", "is required")
        row = await self._rt.db.replica.fetchrow(
            f'{SELECT} WHERE {in_workspace()} AND a.qualified_name = $2 COLLATE "C"',
            workspace,
            request.qualified_name,
        )
        if row is None:
            raise not_found("Asset", request.qualified_name)
        return A.to_message(row)

    async def ListAssets(
        self, request: catalog_pb2.ListAssetsRequest, context: Any
    ) -> catalog_pb2.ListAssetsResponse:
        workspace = workspace_of(request.parent)
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
        clauses = [in_workspace(), 'a.qualified_name COLLATE "C" > $2']
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
        reach = await self._reach("catalog.assets.list", workspace)

        def bind(value: object) -> str:
            params.append(value)
            return f"${len(params)}"

        visible = reach.clause(bind)
        if visible != "true":
            clauses.append(visible)
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

    # -- assets people edit (asset_writes.py) --------------------------------------

    async def CreateAsset(
        self, request: catalog_pb2.CreateAssetRequest, context: Any
    ) -> resources_pb2.Asset:
        asset = request.asset
        await self._guard_fields(
            asset.parent or request.parent,
            owners=bool(asset.owners or asset.stewards),
            labels=bool(asset.classifications),
        )
        return await self._assets.create(request)

    async def UpdateAsset(
        self, request: catalog_pb2.UpdateAssetRequest, context: Any
    ) -> resources_pb2.Asset:
        asset = request.asset
        # An empty mask means the fields set (AIP-134), as update_paths reads it.
        named = set(request.update_mask.paths) or {f.name for f, _ in asset.ListFields()}
        await self._guard_fields(
            asset.name, owners=bool(named & {"owners", "stewards"}), labels=False
        )
        return await self._assets.update(request)

    async def DeleteAsset(
        self, request: catalog_pb2.DeleteAssetRequest, context: Any
    ) -> empty_pb2.Empty:
        return await self._assets.delete(request)

    # -- scanner writes (upsert.py) ------------------------------------------------

    async def BatchUpsertAssets(
        self, request: catalog_pb2.BatchUpsertAssetsRequest, context: Any
    ) -> catalog_pb2.BatchUpsertAssetsResponse:
        return await self._scans.upsert(request)

    async def MarkAssetsDeleted(
        self, request: catalog_pb2.MarkAssetsDeletedRequest, context: Any
    ) -> catalog_pb2.MarkAssetsDeletedResponse:
        return await self._scans.mark_deleted(request)

    # -- classifications (classifications.py) --------------------------------------

    async def AddClassification(
        self, request: catalog_pb2.AddClassificationRequest, context: Any
    ) -> resources_pb2.Asset:
        return await self._labels.add(request)

    async def RemoveClassification(
        self, request: catalog_pb2.RemoveClassificationRequest, context: Any
    ) -> resources_pb2.Asset:
        return await self._labels.remove(request)

    # -- lineage (lineage.py) ------------------------------------------------------

    async def CreateLineageEdge(
        self, request: catalog_pb2.CreateLineageEdgeRequest, context: Any
    ) -> resources_pb2.LineageEdge:
        return await self._lineage.create_edge(request)

    async def BatchCreateLineageEdges(
        self, request: catalog_pb2.BatchCreateLineageEdgesRequest, context: Any
    ) -> catalog_pb2.BatchCreateLineageEdgesResponse:
        return await self._lineage.batch_create(request)

    async def ListLineageEdges(
        self, request: catalog_pb2.ListLineageEdgesRequest, context: Any
    ) -> catalog_pb2.ListLineageEdgesResponse:
        return await self._lineage.list_edges(request)

    async def DeleteLineageEdge(
        self, request: catalog_pb2.DeleteLineageEdgeRequest, context: Any
    ) -> empty_pb2.Empty:
        return await self._lineage.delete_edge(request)

    async def GetLineageGraph(
        self, request: catalog_pb2.GetLineageGraphRequest, context: Any
    ) -> catalog_pb2.GetLineageGraphResponse:
        return await self._lineage.lineage_graph(request)

    # -- glossary (glossary.py) ----------------------------------------------------

    async def CreateGlossary(
        self, request: catalog_pb2.CreateGlossaryRequest, context: Any
    ) -> resources_pb2.Glossary:
        return await self._glossary.create_glossary(request)

    async def GetGlossary(
        self, request: catalog_pb2.GetGlossaryRequest, context: Any
    ) -> resources_pb2.Glossary:
        return await self._glossary.get_glossary(request)

    async def ListGlossaries(
        self, request: catalog_pb2.ListGlossariesRequest, context: Any
    ) -> catalog_pb2.ListGlossariesResponse:
        return await self._glossary.list_glossaries(request)

    async def UpdateGlossary(
        self, request: catalog_pb2.UpdateGlossaryRequest, context: Any
    ) -> resources_pb2.Glossary:
        return await self._glossary.update_glossary(request)

    async def DeleteGlossary(
        self, request: catalog_pb2.DeleteGlossaryRequest, context: Any
    ) -> empty_pb2.Empty:
        return await self._glossary.delete_glossary(request)

    async def CreateGlossaryTerm(
        self, request: catalog_pb2.CreateGlossaryTermRequest, context: Any
    ) -> resources_pb2.GlossaryTerm:
        return await self._glossary.create_term(request)

    async def GetGlossaryTerm(
        self, request: catalog_pb2.GetGlossaryTermRequest, context: Any
    ) -> resources_pb2.GlossaryTerm:
        return await self._glossary.get_term(request)

    async def ListGlossaryTerms(
        self, request: catalog_pb2.ListGlossaryTermsRequest, context: Any
    ) -> catalog_pb2.ListGlossaryTermsResponse:
        return await self._glossary.list_terms(request)

    async def UpdateGlossaryTerm(
        self, request: catalog_pb2.UpdateGlossaryTermRequest, context: Any
    ) -> resources_pb2.GlossaryTerm:
        return await self._glossary.update_term(request)

    async def DeleteGlossaryTerm(
        self, request: catalog_pb2.DeleteGlossaryTermRequest, context: Any
    ) -> empty_pb2.Empty:
        return await self._glossary.delete_term(request)

    async def AssignGlossaryTerm(
        self, request: catalog_pb2.AssignGlossaryTermRequest, context: Any
    ) -> catalog_pb2.AssignGlossaryTermResponse:
        return await self._glossary.assign(request)

    # -- annotations as CSV (annotations_csv.py) --------------------------------------

    async def ExportAnnotations(
        self, request: catalog_pb2.ExportAnnotationsRequest, context: Any
    ) -> AsyncIterator[httpbody_pb2.HttpBody]:
        async for chunk in self._csv.export(request):
            yield chunk

    async def ImportAnnotations(
        self, request: catalog_pb2.ImportAnnotationsRequest, context: Any
    ) -> catalog_pb2.ImportAnnotationsResponse:
        header = {c.strip().strip('"').lower() for c in request.csv.split("\n", 1)[0].split(",")}
        await self._guard_fields(
            request.parent, owners=bool(header & {"owners", "stewards"}), labels=False
        )
        return await self._csv.import_(request)

    # -- search and history ------------------------------------------------------------

    async def SearchAssets(
        self, request: catalog_pb2.SearchAssetsRequest, context: Any
    ) -> catalog_pb2.SearchAssetsResponse:
        workspace = "" if request.parent == "workspaces/-" else workspace_of(request.parent)
        reach = await self._reach("catalog.assets.search", workspace)
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
        statement, params = search.search_statement(request, reach, COLUMNS, size + 1, offset)
        async with self._rt.db.replica.acquire() as conn, conn.transaction(readonly=True):
            # Typo tolerance: one wrong letter in an 8-letter word scores about 0.5.
            # Scans from the start of the table: when every word is common, the first
            # matches read in order are the candidates, and a scan joining one already
            # under way (synchronized scans, on tables larger than a quarter of the
            # buffers) would start elsewhere, so page 2 could come from other candidates
            # than page 1.
            await conn.execute(
                f"SET LOCAL pg_trgm.word_similarity_threshold = {search.TYPO_THRESHOLD};"
                " SET LOCAL synchronize_seqscans = off"
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
        row = await fetch_asset(self._rt.db.replica, request.asset, "asset")
        size = page_size(request.page_size)
        before = decode_token(request.page_token, request.asset) or 2**62
        rows: list[Any] = list(  # records, then maybe a dict for the creation
            await self._rt.db.replica.fetch(
                "SELECT * FROM catalog.asset_changes WHERE asset_id = $1 AND id < $2"
                " ORDER BY id DESC LIMIT $3",
                row["id"],
                before,
                size + 1,
            )
        )
        if len(rows) <= size and before > 0:
            # Past the stored changes: the creation, which the asset itself records
            # (assets created before it did keep a history row for it instead).
            created = await self._rt.db.replica.fetchrow(
                "SELECT created_by, create_time FROM catalog.assets WHERE id = $1", row["id"]
            )
            if created is not None and created["created_by"]:
                rows.append(
                    {
                        "id": 0,
                        "version": 1,
                        "kind": resources_pb2.AssetChange.Kind.KIND_CREATED,
                        "changed_fields": [],
                        "actor": created["created_by"],
                        "change_time": created["create_time"],
                        "before": {},
                        "after": {"qualified_name": row["qualified_name"]},
                    }
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
