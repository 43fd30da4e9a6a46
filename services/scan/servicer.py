"""ScanService: scan definitions here, runs in ``run_methods``; the work itself is done
by the worker pool (``worker``), in this process and in every other scan replica."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import asyncpg
import grpc
from google.protobuf import empty_pb2

from pursight.classification.v1 import classification_pb2, classification_pb2_grpc
from pursight.datasource.v1 import datasource_pb2, datasource_pb2_grpc
from pursight.scan.v1 import scan_pb2, scan_pb2_grpc
from services.runtime.context import current_principal
from services.runtime.convert import parse_etag
from services.runtime.database import Queryable
from services.runtime.errors import (
    ServiceError,
    aborted_etag,
    already_exists,
    bad_field,
    failed_precondition,
    not_found,
)
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.names import ID_PATTERN, check_id, parse_name, update_paths
from services.runtime.operations import OperationStore
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.service import Runtime
from services.scan import definitions as D
from services.scan import runs
from services.scan.config import ScanConfig
from services.scan.run_methods import RunMethods
from services.scan.sources import DataSourceResolver
from services.scan.worker import WorkerPool

_LIST_PARENT = re.compile(rf"^workspaces/({ID_PATTERN})/dataSources/({ID_PATTERN}|-)$")
_ORDERS = {"": "display_name", "display_name": "display_name", "update_time desc": "update_time"}


def _slug(display_name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", display_name.lower()).strip("-")[:48].strip("-")
    return slug or "scan"


async def _passthrough(call: Any, missing: str, name: str) -> None:
    """Awaits a look-up in another service: NOT_FOUND names ``missing``; a service not
    built yet (UNIMPLEMENTED) is no reason to refuse; other failures pass through."""
    try:
        await call
    except grpc.aio.AioRpcError as exc:
        code = exc.code()
        if code == grpc.StatusCode.UNIMPLEMENTED:
            return
        if code == grpc.StatusCode.NOT_FOUND:
            raise not_found(missing, name) from None
        raise ServiceError(code, exc.details() or code.name, reason=code.name) from None


class ScanServicer(RunMethods, scan_pb2_grpc.ScanServiceServicer):
    def __init__(self, runtime: Runtime, config: ScanConfig | None = None) -> None:
        self._rt = runtime
        self._pool = runtime.db.primary
        self._ops = OperationStore(self._pool, runtime.redis)
        self.pool = WorkerPool(runtime, config or ScanConfig(), DataSourceResolver(runtime))

    async def start(self) -> None:
        await self.pool.start()

    async def stop(self) -> None:
        await self.pool.stop()

    async def _scan_row(
        self, conn: Queryable, name: str, field: str = "name", lock: bool = False
    ) -> asyncpg.Record:
        ids = parse_name(name, D.SCAN, field)
        row = await conn.fetchrow(
            "SELECT * FROM scan.scans WHERE workspace = $1 AND data_source = $2 AND id = $3"  # noqa: S608 - a fixed clause follows
            + (" FOR UPDATE" if lock else ""),
            ids["workspace"],
            ids["data_source"],
            ids["scan"],
        )
        if row is None:
            raise not_found("Scan", name)
        return row

    async def _check_references(self, parent: str, scan: scan_pb2.Scan, paths: set[str]) -> None:
        """The data source and rule set must exist (asked of their services)."""
        if parent:
            datasources = self._rt.clients.stub(
                "datasource", datasource_pb2_grpc.DataSourceServiceStub
            )
            await _passthrough(
                datasources.GetDataSource(datasource_pb2.GetDataSourceRequest(name=parent)),
                "DataSource",
                parent,
            )
        if "rule_set" in paths and scan.rule_set:
            rules = self._rt.clients.stub(
                "classification", classification_pb2_grpc.ClassificationServiceStub
            )
            await _passthrough(
                rules.GetRuleSet(classification_pb2.GetRuleSetRequest(name=scan.rule_set)),
                "RuleSet",
                scan.rule_set,
            )

    # -- definitions ------------------------------------------------------------------

    async def CreateScan(self, request: scan_pb2.CreateScanRequest, context: Any) -> scan_pb2.Scan:
        ids = parse_name(request.parent, D.SOURCE, "parent")
        D.check_scan(request.scan, {"display_name", *D.EDITABLE}, ids["workspace"])
        spec = D.spec_of(request.scan)
        scan_id = (
            check_id(request.scan_id, "scan_id") if request.scan_id else _slug(spec.display_name)
        )
        check_request_id(request.request_id)
        creator = current_principal().name
        now = datetime.now(UTC)
        next_time = D.next_run_time(spec, now)
        await self._check_references(request.parent, spec, {"rule_set"})
        if request.validate_only:
            preview = scan_pb2.Scan()
            preview.CopyFrom(spec)
            preview.name, preview.creator = (
                D.scan_name(ids["workspace"], ids["data_source"], scan_id),
                creator,
            )
            if next_time is not None:
                preview.schedule.next_run_time.FromDatetime(next_time)
            return preview
        key = f"create:{request.request_id}" if request.request_id else ""
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "scan", key)
            if known:
                return D.to_message(await self._scan_row(conn, known))
            try:
                row = await conn.fetchrow(
                    "INSERT INTO scan.scans (workspace, data_source, id, display_name, spec,"
                    " schedule_enabled, next_run_time, creator)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *",
                    ids["workspace"],
                    ids["data_source"],
                    scan_id,
                    spec.display_name,
                    spec.SerializeToString(),
                    next_time is not None,
                    next_time,
                    creator,
                )
            except asyncpg.UniqueViolationError as exc:
                if "display_name" in str(exc):
                    raise already_exists("Scan", spec.display_name) from None
                raise already_exists(
                    "Scan", D.scan_name(ids["workspace"], ids["data_source"], scan_id)
                ) from None
            if row is None:
                raise RuntimeError("INSERT ... RETURNING gave no row")
            await remember(
                conn, "scan", key, D.scan_name(ids["workspace"], ids["data_source"], scan_id)
            )
        return D.to_message(row)

    async def GetScan(self, request: scan_pb2.GetScanRequest, context: Any) -> scan_pb2.Scan:
        return D.to_message(await self._scan_row(self._rt.db.replica, request.name))

    async def ListScans(
        self, request: scan_pb2.ListScansRequest, context: Any
    ) -> scan_pb2.ListScansResponse:
        match = _LIST_PARENT.match(request.parent)
        if match is None:
            raise bad_field(
                "parent", "must look like workspaces/{w}/dataSources/{d} or .../dataSources/-"
            )
        order = _ORDERS.get(request.order_by.strip().lower())
        if order is None:
            raise bad_field("order_by", "must be display_name or 'update_time desc'")
        size = page_size(request.page_size)
        filters = [request.parent, request.scheduled_only, order]
        position = decode_token(request.page_token, filters)
        workspace, source = match.group(1), match.group(2)
        where = "workspace = $1 AND ($2 = '-' OR data_source = $2) AND (NOT $3 OR schedule_enabled)"
        params: list[Any] = [workspace, source, request.scheduled_only]
        if order == "display_name":
            key = "(lower(display_name), data_source, id)"
            after = position or ["", "", ""]
            page = f"{key} > ($4, $5, $6) ORDER BY lower(display_name), data_source, id"
        else:
            key = "(update_time, data_source, id)"
            after = position or ["9999-12-31T00:00:00+00:00", "", ""]
            after = [datetime.fromisoformat(after[0]), after[1], after[2]]
            page = f"{key} < ($4, $5, $6) ORDER BY update_time DESC, data_source DESC, id DESC"
        rows = await self._rt.db.replica.fetch(
            f"SELECT * FROM scan.scans WHERE {where} AND {page} LIMIT $7",  # noqa: S608 - fixed fragments
            *params,
            *after,
            size + 1,
        )
        total = await self._rt.db.replica.fetchval(
            f"SELECT count(*) FROM scan.scans WHERE {where}",  # noqa: S608 - fixed fragments
            *params,
        )
        response = scan_pb2.ListScansResponse(
            scans=[D.to_message(r) for r in rows[:size]], total_size=total
        )
        if len(rows) > size:
            last = rows[size - 1]
            first = (
                last["display_name"].lower()
                if order == "display_name"
                else last["update_time"].isoformat()
            )
            response.next_page_token = encode_token(
                [first, last["data_source"], last["id"]], filters
            )
        return response

    async def UpdateScan(self, request: scan_pb2.UpdateScanRequest, context: Any) -> scan_pb2.Scan:
        update = request.scan
        ids = parse_name(update.name, D.SCAN, "scan.name")
        paths = update_paths(request.update_mask, update, D.EDITABLE)
        D.check_scan(update, set(paths), ids["workspace"])
        await self._check_references("", update, set(paths))
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self._scan_row(conn, update.name, "scan.name", lock=True)
            if update.etag and parse_etag(update.etag) != row["version"]:
                raise aborted_etag("Scan", update.name)
            spec = D.merge(scan_pb2.Scan.FromString(row["spec"]), update, paths)
            D.check_scan(spec, {"metadata_only", "profiling_enabled"}, ids["workspace"])
            next_time = D.next_run_time(spec, datetime.now(UTC))
            if request.validate_only:
                preview = D.to_message(row)
                for field in D.EDITABLE:
                    preview.ClearField(field)
                preview.MergeFrom(spec)
                return preview
            try:
                updated = await conn.fetchrow(
                    "UPDATE scan.scans SET display_name = $4, spec = $5, schedule_enabled = $6,"
                    " next_run_time = $7, version = version + 1, update_time = now()"
                    " WHERE workspace = $1 AND data_source = $2 AND id = $3 RETURNING *",
                    ids["workspace"],
                    ids["data_source"],
                    ids["scan"],
                    spec.display_name,
                    spec.SerializeToString(),
                    next_time is not None,
                    next_time,
                )
            except asyncpg.UniqueViolationError:
                raise already_exists("Scan", spec.display_name) from None
        if updated is None:
            raise not_found("Scan", update.name)
        return D.to_message(updated)

    async def DeleteScan(
        self, request: scan_pb2.DeleteScanRequest, context: Any
    ) -> empty_pb2.Empty:
        row = await self._scan_row(self._pool, request.name)
        if request.etag and parse_etag(request.etag) != row["version"]:
            raise aborted_etag("Scan", request.name)
        active = await self._pool.fetch(
            "SELECT id, operation FROM scan.runs WHERE workspace = $1 AND data_source = $2"
            " AND scan_id = $3 AND state = ANY($4::smallint[])",
            row["workspace"],
            row["data_source"],
            row["id"],
            list(runs.ACTIVE),
        )
        if active and not request.force:
            raise failed_precondition(
                f"{request.name} has an active run; cancel it first or set force", "RUN_ACTIVE"
            )
        for run in active:
            await runs.cancel_run(self._pool, self._rt.redis, run["id"])
        await self._pool.execute(
            "DELETE FROM scan.scans WHERE workspace = $1 AND data_source = $2 AND id = $3",
            row["workspace"],
            row["data_source"],
            row["id"],
        )
        for run in active:  # their tasks went with them: nobody else will end them
            await self._ops.finish(run["operation"], cancelled=True)
        return empty_pb2.Empty()
