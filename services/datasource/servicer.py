"""The datasource service: registered sources, their sealed credentials, connection
tests and live browsing.

Credentials go in through Create, Update and TestConnection and come out only through
ResolveConnection, the internal RPC the scan service calls; every other reply carries
``has_credential`` and the credential's type and update time, never the secret.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import asyncpg
import grpc
from google.protobuf import empty_pb2, timestamp_pb2

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from pursight.datasource.v1 import datasource_pb2, datasource_pb2_grpc
from pursight.scan.v1 import scan_pb2, scan_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.connectors import ConnectorError, open_source, plugins
from services.connectors.proto import plugin_to_proto
from services.datasource import store
from services.datasource.connections import browse_source, run_test
from services.datasource.updates import apply_update, override_for_test
from services.datasource.validation import check_definition
from services.runtime.context import current_principal
from services.runtime.convert import parse_etag
from services.runtime.errors import (
    FieldViolation,
    ServiceError,
    aborted_etag,
    already_exists,
    bad_field,
    collect,
    failed_precondition,
    not_found,
)
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.names import check_id, new_id, parse_name
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.secretbox import SecretBox
from services.runtime.service import Runtime
from services.runtime.service_identity import SERVICE_PRINCIPAL_PREFIX
from services.runtime.sql import like_escape

WORKSPACE = "workspaces/{workspace}"
SOURCE = "workspaces/{workspace}/dataSources/{data_source}"
MAX_TEST_SECONDS = 300
_ORDERS = {
    "": ("lower(display_name)", "ASC", "text"),
    "display_name": ("lower(display_name)", "ASC", "text"),
    "create_time desc": ("create_time", "DESC", "timestamptz"),
    "update_time desc": ("update_time", "DESC", "timestamptz"),
}


def _slug(display_name: str) -> str:
    """``Sales DB (prod)`` -> ``sales-db-prod``: a readable id from a display name."""
    slug = re.sub(r"[^a-z0-9]+", "-", display_name.lower()).strip("-")[:50].rstrip("-")
    return slug or new_id()


def _public(source: datasource_pb2.DataSource) -> datasource_pb2.DataSource:
    """A copy without the input-only credential, as replies must be."""
    copy = datasource_pb2.DataSource()
    copy.CopyFrom(source)
    copy.ClearField("credential")
    return copy


def _seconds(value: Any) -> float | None:
    seconds = float(value.seconds + value.nanos / 1e9)
    return seconds if seconds > 0 else None


class DataSourceServicer(datasource_pb2_grpc.DataSourceServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._pool = runtime.db.primary
        self._box = SecretBox.from_settings(runtime.settings)

    # -- create, read, list -----------------------------------------------------------------

    async def CreateDataSource(
        self, request: datasource_pb2.CreateDataSourceRequest, context: Any
    ) -> datasource_pb2.DataSource:
        ws = parse_name(request.parent, WORKSPACE, "parent")["workspace"]
        source = request.data_source
        check_definition(source)
        chosen_id = (
            check_id(request.data_source_id, "data_source_id") if request.data_source_id else ""
        )
        check_request_id(request.request_id)
        creator = current_principal().name
        if request.validate_only:
            preview = _public(source)
            preview.name = store.name_of(ws, chosen_id or _slug(source.display_name))
            preview.creator = creator
            preview.has_credential = source.credential.WhichOneof("secret") is not None
            preview.credential_type = store.credential_type(source.credential)
            return preview
        await self._check_workspace(request.parent)
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "datasource", request.request_id)
            if known:
                ids = parse_name(known, SOURCE)
                return store.to_message(
                    await store.fetch_row(conn, ids["workspace"], ids["data_source"])
                )
            source_id = chosen_id or _slug(source.display_name)
            for attempt in range(4):
                row = await self._insert(conn, ws, source_id, source, creator)
                if row is not None:
                    break
                if chosen_id or attempt == 3:
                    raise already_exists("DataSource", store.name_of(ws, source_id))
                source_id = f"{_slug(source.display_name)[:45]}-{new_id()[:6]}"
            if row is None:  # the loop above returns a row or raises
                raise RuntimeError(f"inserting {source_id} returned no row")
            await remember(conn, "datasource", request.request_id, store.name_of(ws, source_id))
        return store.to_message(row)

    async def _insert(
        self,
        conn: Any,
        ws: str,
        source_id: str,
        source: datasource_pb2.DataSource,
        creator: str,
    ) -> asyncpg.Record | None:
        name = store.name_of(ws, source_id)
        sealed = store.seal(self._box, name, source.credential)
        try:
            row: asyncpg.Record | None = await conn.fetchrow(
                "INSERT INTO datasource.data_sources (workspace_id, id, display_name, description,"
                " kind, config, limits, labels, credential, credential_type,"
                " credential_update_time, creator) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                " $10, CASE WHEN $9::bytea IS NULL THEN NULL ELSE now() END, $11)"
                " ON CONFLICT (workspace_id, id) DO NOTHING RETURNING *",
                ws,
                source_id,
                source.display_name.strip(),
                source.description,
                source.kind,
                store.config_json(source),
                store.to_json(source.limits),
                dict(source.labels),
                sealed,
                store.credential_type(source.credential),
                creator,
            )
        except asyncpg.UniqueViolationError:
            raise already_exists("DataSource", source.display_name.strip()) from None
        return row

    async def _check_workspace(self, workspace: str) -> None:
        """The workspace must exist; asked of the workspace service, as across the mesh."""
        stub = self._rt.clients.stub("workspace", workspace_pb2_grpc.WorkspaceServiceStub)
        try:
            await stub.GetWorkspace(workspace_pb2.GetWorkspaceRequest(name=workspace))
        except grpc.aio.AioRpcError as exc:
            if exc.code() == grpc.StatusCode.NOT_FOUND:
                raise not_found("Workspace", workspace) from None
            if exc.code() != grpc.StatusCode.UNIMPLEMENTED:
                raise

    async def GetDataSource(
        self, request: datasource_pb2.GetDataSourceRequest, context: Any
    ) -> datasource_pb2.DataSource:
        ids = parse_name(request.name, SOURCE)
        return store.to_message(
            await store.fetch_row(self._pool, ids["workspace"], ids["data_source"])
        )

    async def ListDataSources(
        self, request: datasource_pb2.ListDataSourcesRequest, context: Any
    ) -> datasource_pb2.ListDataSourcesResponse:
        ws = parse_name(request.parent, WORKSPACE, "parent")["workspace"]
        size = page_size(request.page_size)
        order = request.order_by.strip().lower()
        if order not in _ORDERS:
            raise bad_field(
                "order_by", "must be display_name, create_time desc or update_time desc"
            )
        column, direction, cast = _ORDERS[order]
        filters = [
            request.parent,
            request.kind,
            request.display_name_contains,
            request.label,
            order,
        ]
        where, args = self._list_filters(ws, request)
        position = decode_token(request.page_token, filters)
        page_where = where
        page_args = list(args)
        if position is not None:
            operator = ">" if direction == "ASC" else "<"
            page_where += (
                f" AND ({column}, id) {operator} (${len(args) + 1}::text::{cast}, ${len(args) + 2})"
            )
            page_args += position
        replica = self._rt.db.replica
        rows = await replica.fetch(
            f"{store.SELECT} WHERE {page_where} ORDER BY {column} {direction}, id {direction}"
            f" LIMIT {size + 1}",
            *page_args,
        )
        total = await replica.fetchval(
            f"SELECT count(*) FROM datasource.data_sources WHERE {where}",  # noqa: S608 - fixed fragments; values are bound
            *args,
        )
        response = datasource_pb2.ListDataSourcesResponse(
            data_sources=[store.to_message(r) for r in rows[:size]], total_size=total
        )
        if len(rows) > size:
            last = rows[size - 1]
            key = last["display_name"].lower() if cast == "text" else last[column].isoformat()
            response.next_page_token = encode_token([key, last["id"]], filters)
        return response

    def _list_filters(
        self, ws: str, request: datasource_pb2.ListDataSourcesRequest
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = ["workspace_id = $1"]
        args: list[Any] = [ws]
        if request.kind:
            args.append(request.kind)
            clauses.append(f"kind = ${len(args)}")
        if request.display_name_contains.strip():
            args.append("%" + like_escape(request.display_name_contains.strip()) + "%")
            clauses.append(f"display_name ILIKE ${len(args)}")
        if request.label:
            key, sep, value = request.label.partition("=")
            if not key.strip():
                raise bad_field("label", "must be key or key=value")
            args.append(key.strip())
            if sep:
                args.append(value)
                clauses.append(f"labels ->> ${len(args) - 1} = ${len(args)}")
            else:
                clauses.append(f"labels ? ${len(args)}")
        return " AND ".join(clauses), args

    # -- update, delete -----------------------------------------------------------------------

    async def UpdateDataSource(
        self, request: datasource_pb2.UpdateDataSourceRequest, context: Any
    ) -> datasource_pb2.DataSource:
        incoming = request.data_source
        ids = parse_name(incoming.name, SOURCE, "data_source.name")
        async with self._pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow(
                f"{store.SELECT} WHERE workspace_id = $1 AND id = $2 FOR UPDATE",
                ids["workspace"],
                ids["data_source"],
            )
            if row is None:
                raise not_found("DataSource", incoming.name)
            if incoming.etag and parse_etag(incoming.etag) != row["version"]:
                raise aborted_etag("DataSource", incoming.name)
            change = apply_update(store.to_message(row), row["credential"] is not None, request)
            if request.validate_only:
                return change.preview
            sealed = None
            if change.credential_changed:
                sealed = store.seal(self._box, incoming.name, change.credential)
            updated = await conn.fetchrow(
                "UPDATE datasource.data_sources SET display_name = $3, description = $4,"
                " config = $5, limits = $6, labels = $7,"
                " credential = CASE WHEN $8 THEN $9::bytea ELSE credential END,"
                " credential_type = CASE WHEN $8 THEN $10 ELSE credential_type END,"
                " credential_update_time = CASE WHEN $8 THEN"
                "  (CASE WHEN $9::bytea IS NULL THEN NULL ELSE now() END)"
                "  ELSE credential_update_time END,"
                " last_test = CASE WHEN $11 THEN NULL ELSE last_test END,"
                " version = version + 1, update_time = now()"
                " WHERE workspace_id = $1 AND id = $2 RETURNING *",
                ids["workspace"],
                ids["data_source"],
                change.preview.display_name.strip(),
                change.preview.description,
                store.config_json(change.preview),
                store.to_json(change.preview.limits),
                dict(change.preview.labels),
                change.credential_changed,
                sealed,
                store.credential_type(change.credential),
                change.connection_changed,
            )
        if updated is None:  # the row is locked FOR UPDATE above
            raise RuntimeError(f"{incoming.name} vanished while locked")
        return store.to_message(updated)

    async def DeleteDataSource(
        self, request: datasource_pb2.DeleteDataSourceRequest, context: Any
    ) -> empty_pb2.Empty:
        ids = parse_name(request.name, SOURCE)
        row = await store.fetch_row(self._pool, ids["workspace"], ids["data_source"])
        if request.etag and parse_etag(request.etag) != row["version"]:
            raise aborted_etag("DataSource", request.name)
        scans = await self._scans(request.name)
        if scans and not request.force:
            raise failed_precondition(
                f"{request.name} still has {len(scans)} scan(s); delete them first or set force",
                "DATA_SOURCE_HAS_SCANS",
            )
        if request.force:
            await self._delete_scans(scans)
            await self._retire_assets(row)
        await self._pool.execute(
            "DELETE FROM datasource.data_sources WHERE workspace_id = $1 AND id = $2",
            ids["workspace"],
            ids["data_source"],
        )
        return empty_pb2.Empty()

    async def _scans(self, source: str) -> list[str]:
        stub = self._rt.clients.stub("scan", scan_pb2_grpc.ScanServiceStub)
        names: list[str] = []
        token = ""
        try:
            while True:
                page = await stub.ListScans(
                    scan_pb2.ListScansRequest(parent=source, page_size=1000, page_token=token)
                )
                names += [s.name for s in page.scans]
                token = page.next_page_token
                if not token:
                    return names
        except grpc.aio.AioRpcError as exc:
            if exc.code() == grpc.StatusCode.UNIMPLEMENTED:
                return []
            raise

    async def _delete_scans(self, scans: list[str]) -> None:
        stub = self._rt.clients.stub("scan", scan_pb2_grpc.ScanServiceStub)
        for name in scans:
            try:
                await stub.DeleteScan(scan_pb2.DeleteScanRequest(name=name, force=True))
            except grpc.aio.AioRpcError as exc:
                if exc.code() != grpc.StatusCode.NOT_FOUND:
                    raise

    async def _retire_assets(self, row: asyncpg.Record) -> None:
        """Marks the catalog assets found in the source deleted: those under its
        qualified-name prefixes (its own databases when the server is shared)."""
        source = store.to_message(row)
        try:
            prefixes = open_source(source, None).catalog_prefixes()
        except (ConnectorError, LookupError, ValueError):
            return  # no plug-in for it here: nothing this deployment could have scanned
        now = timestamp_pb2.Timestamp()
        now.FromDatetime(datetime.now(UTC))
        stub = self._rt.clients.stub("catalog", catalog_pb2_grpc.CatalogServiceStub)
        for prefix in prefixes:
            try:
                await stub.MarkAssetsDeleted(
                    catalog_pb2.MarkAssetsDeletedRequest(
                        parent=f"workspaces/{row['workspace_id']}",
                        qualified_name_prefix=prefix,
                        not_seen_since=now,
                        actor=current_principal().name,
                    )
                )
            except grpc.aio.AioRpcError as exc:
                if exc.code() != grpc.StatusCode.UNIMPLEMENTED:
                    raise

    # -- reaching the source ----------------------------------------------------------------

    async def TestConnection(
        self, request: datasource_pb2.TestConnectionRequest, context: Any
    ) -> datasource_pb2.TestConnectionResponse:
        time_limit = _seconds(request.timeout)
        if time_limit is not None and time_limit > MAX_TEST_SECONDS:
            raise bad_field("timeout", f"must be at most {MAX_TEST_SECONDS}s")
        has_definition = request.HasField("data_source")
        if request.name:
            ids = parse_name(request.name, SOURCE)
            row = await store.fetch_row(self._pool, ids["workspace"], ids["data_source"])
            saved = store.to_message(row)
            credential = store.open_credential(self._box, row)
            if has_definition:
                saved, credential = override_for_test(saved, credential, request.data_source)
            result = await run_test(
                saved,
                credential,
                check_data_access=request.check_data_access,
                time_limit=time_limit,
                source_key=request.name,
            )
            if not has_definition:
                await store.save_last_test(self._pool, ids["workspace"], ids["data_source"], result)
            return datasource_pb2.TestConnectionResponse(result=result)
        if not request.parent:
            raise bad_field("name", "set name (a saved source) or parent and data_source")
        parse_name(request.parent, WORKSPACE, "parent")
        if not has_definition:
            raise bad_field("data_source", "is required with parent")
        check_definition(request.data_source, named=False)
        credential = request.data_source.credential
        result = await run_test(
            request.data_source,
            credential if credential.WhichOneof("secret") else None,
            check_data_access=request.check_data_access,
            time_limit=time_limit,
        )
        return datasource_pb2.TestConnectionResponse(result=result)

    async def ListConnectorKinds(
        self, request: datasource_pb2.ListConnectorKindsRequest, context: Any
    ) -> datasource_pb2.ListConnectorKindsResponse:
        return datasource_pb2.ListConnectorKindsResponse(
            connector_kinds=[
                plugin_to_proto(p) for p in plugins() if request.include_unavailable or p.available
            ]
        )

    async def Browse(
        self, request: datasource_pb2.BrowseRequest, context: Any
    ) -> datasource_pb2.BrowseResponse:
        ids = parse_name(request.name, SOURCE)
        size = page_size(request.page_size, default=200)
        collect(
            FieldViolation(f"path[{i}]", "must not be empty")
            for i, part in enumerate(request.path)
            if not part
        )
        filters = [request.name, list(request.path), request.name_contains, request.include_system]
        offset = decode_token(request.page_token, filters) or 0
        row = await store.fetch_row(self._pool, ids["workspace"], ids["data_source"])
        entries = await browse_source(
            store.to_message(row),
            store.open_credential(self._box, row),
            list(request.path),
            request.include_system,
        )
        wanted = request.name_contains.strip().lower()
        if wanted:
            entries = [e for e in entries if wanted in e.display_name.lower()]
        response = datasource_pb2.BrowseResponse(entries=entries[offset : offset + size])
        if len(entries) > offset + size:
            response.next_page_token = encode_token(offset + size, filters)
        return response

    async def ResolveConnection(
        self, request: datasource_pb2.ResolveConnectionRequest, context: Any
    ) -> datasource_pb2.ResolveConnectionResponse:
        """For PurSight services only (the scan service, with its service token): the
        source with its credential decrypted."""
        caller = current_principal().name
        if not caller.startswith(SERVICE_PRINCIPAL_PREFIX):
            # Defence in depth over the permission: a decrypted credential never goes to
            # a person, whatever roles they hold.
            raise ServiceError(
                grpc.StatusCode.PERMISSION_DENIED,
                "ResolveConnection is for PurSight services only",
                reason="SERVICE_ONLY",
            )
        ids = parse_name(request.name, SOURCE)
        row = await store.fetch_row(self._pool, ids["workspace"], ids["data_source"])
        response = datasource_pb2.ResolveConnectionResponse(data_source=store.to_message(row))
        credential = store.open_credential(self._box, row)
        if credential is not None:
            response.credential.CopyFrom(credential)
        return response
