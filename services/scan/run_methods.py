"""ScanService's run RPCs: RunScan, GetScanRun, ListScanRuns, WatchScanRun and
CancelScanRun. Mixed into ScanServicer, which supplies the stores."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import asyncpg
from google.rpc import status_pb2

from pursight.common.v1 import operation_pb2
from pursight.scan.v1 import scan_pb2
from services.runtime.context import current_principal
from services.runtime.database import Queryable
from services.runtime.errors import bad_field, not_found
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.names import ID_PATTERN, parse_name
from services.runtime.operations import OperationStore
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.service import Runtime
from services.scan import definitions as D
from services.scan import events, queue, runs

_RUNS_PARENT = re.compile(
    rf"^workspaces/({ID_PATTERN})/dataSources/({ID_PATTERN})/scans/({ID_PATTERN}|-)$"
)
EventType = events.EventType


class RunMethods:
    _rt: Runtime
    _pool: asyncpg.Pool
    _ops: OperationStore

    async def _scan_row(
        self, conn: Queryable, name: str, field: str = "name", lock: bool = False
    ) -> asyncpg.Record:
        raise NotImplementedError  # provided by ScanServicer

    async def _run_row(self, db: Queryable, name: str, field: str = "name") -> asyncpg.Record:
        ids = parse_name(name, D.RUN, field)
        row = await db.fetchrow(
            "SELECT * FROM scan.runs WHERE id = $1 AND workspace = $2 AND data_source = $3"
            " AND scan_id = $4",
            ids["run"],
            ids["workspace"],
            ids["data_source"],
            ids["scan"],
        )
        if row is None:
            raise not_found("ScanRun", name)
        return row

    async def RunScan(
        self, request: scan_pb2.RunScanRequest, context: Any
    ) -> operation_pb2.Operation:
        parse_name(request.name, D.SCAN)
        if request.mode not in scan_pb2.ScanMode.values():
            raise bad_field("mode", "must be SCAN_MODE_FULL or SCAN_MODE_INCREMENTAL")
        check_request_id(request.request_id)
        key = f"run:{request.request_id}" if request.request_id else ""
        principal = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "scan", key)
            if known:
                row = await self._run_row(conn, known)
                return await OperationStore(conn, self._rt.redis).get(row["operation"])
            scan_row = await self._scan_row(conn, request.name, lock=True)
            row, operation = await runs.start_run(
                conn,
                self._rt.redis,
                scan_row,
                mode=request.mode,
                trigger=runs.trigger_for(principal),
                initiator=principal,
            )
            await remember(conn, "scan", key, runs.run_name(row))
        await events.announce(self._rt.redis, row["id"])
        await queue.notify(self._rt.redis)
        return operation

    async def GetScanRun(
        self, request: scan_pb2.GetScanRunRequest, context: Any
    ) -> scan_pb2.ScanRun:
        row = await self._run_row(self._rt.db.replica, request.name)
        return await runs.to_message(self._rt.db.replica, row)

    async def ListScanRuns(
        self, request: scan_pb2.ListScanRunsRequest, context: Any
    ) -> scan_pb2.ListScanRunsResponse:
        match = _RUNS_PARENT.match(request.parent)
        if match is None:
            raise bad_field(
                "parent", "must look like workspaces/{w}/dataSources/{d}/scans/{s} or .../scans/-"
            )
        if any(s not in scan_pb2.ScanRun.State.values() for s in request.states):
            raise bad_field("states", "holds an unknown state")
        size = page_size(request.page_size)
        start = (
            request.start_time.ToDatetime(tzinfo=UTC) if request.HasField("start_time") else None
        )
        end = request.end_time.ToDatetime(tzinfo=UTC) if request.HasField("end_time") else None
        filters = [request.parent, sorted(request.states), str(start), str(end)]
        position = decode_token(request.page_token, filters)
        before = (
            (datetime.fromisoformat(position[0]), str(position[1]))
            if position
            else (datetime.max.replace(tzinfo=UTC), "")
        )
        db = self._rt.db.replica
        rows = await db.fetch(
            "SELECT * FROM scan.runs WHERE workspace = $1 AND data_source = $2"
            " AND ($3 = '-' OR scan_id = $3)"
            " AND (cardinality($4::smallint[]) = 0 OR state = ANY($4::smallint[]))"
            " AND ($5::timestamptz IS NULL OR create_time >= $5)"
            " AND ($6::timestamptz IS NULL OR create_time < $6)"
            " AND (create_time, id) < ($7, $8)"
            " ORDER BY create_time DESC, id DESC LIMIT $9",
            match.group(1),
            match.group(2),
            match.group(3),
            list(request.states),
            start,
            end,
            before[0],
            before[1] or "\uffff",
            size + 1,
        )
        response = scan_pb2.ListScanRunsResponse(
            scan_runs=[
                await runs.to_message(db, r, summary=request.summary_only) for r in rows[:size]
            ]
        )
        if len(rows) > size:
            last = rows[size - 1]
            response.next_page_token = encode_token(
                [last["create_time"].isoformat(), last["id"]], filters
            )
        return response

    async def WatchScanRun(
        self, request: scan_pb2.WatchScanRunRequest, context: Any
    ) -> AsyncIterator[scan_pb2.WatchScanRunResponse]:
        if request.after_sequence < 0:
            raise bad_field("after_sequence", "must not be negative")
        row = await self._run_row(self._pool, request.name)
        done = row["state"] in runs.TERMINAL
        after = request.after_sequence
        if after == 0:
            yield await self._snapshot(row)
            if done:
                return
            after = row["event_seq"]
        elif done and after >= row["event_seq"]:
            return
        async for event in events.follow(self._pool, self._rt.redis, row["id"], after):
            yield event

    async def _snapshot(self, row: asyncpg.Record) -> scan_pb2.WatchScanRunResponse:
        now_live = await runs.live(self._pool, row["id"])
        event = scan_pb2.WatchScanRunResponse(
            run=runs.run_name(row),
            sequence=row["event_seq"],
            type=EventType.TYPE_SNAPSHOT,
            state=row["state"],
            progress=runs.progress(row, now_live),
            finished=row["state"] in runs.TERMINAL,
        )
        event.time.GetCurrentTime()
        if row["report"] is not None:
            event.report.ParseFromString(row["report"])
        if row["error"] is not None:
            event.error.CopyFrom(status_pb2.Status.FromString(row["error"]))
        return event

    async def CancelScanRun(
        self, request: scan_pb2.CancelScanRunRequest, context: Any
    ) -> scan_pb2.ScanRun:
        row = await self._run_row(self._pool, request.name)
        updated = await runs.cancel_run(self._pool, self._rt.redis, row["id"])
        if updated is None:
            raise not_found("ScanRun", request.name)
        return await runs.to_message(self._pool, updated)
