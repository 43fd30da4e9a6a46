"""Runs: starting one, cancelling one, and reading one back as a ScanRun.

Starting a run writes the run row, its operation, its first event and its planning task
in one transaction, so a run never exists without the work that drives it (and a
failed start leaves no operation behind). Cancelling drops the run's pending tasks in
the transaction that marks it CANCELLING; workers stop at their next object, and the
last task to finish queues the finalization, as for any run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import asyncpg
import redis.asyncio as redis
from google.protobuf import duration_pb2
from google.rpc import status_pb2

from pursight.common.v1 import operation_pb2
from pursight.scan.v1 import scan_pb2
from services.runtime.convert import timestamp
from services.runtime.database import Connection, Queryable
from services.runtime.errors import failed_precondition
from services.runtime.names import new_id
from services.runtime.operations import OperationStore
from services.scan import definitions as D
from services.scan import events, queue

State = scan_pb2.ScanRun.State
Trigger = scan_pb2.ScanRun.Trigger
Phase = scan_pb2.ScanPhase
EventType = events.EventType
ACTIVE = (State.STATE_PENDING, State.STATE_RUNNING, State.STATE_CANCELLING)
TERMINAL = frozenset(
    {
        State.STATE_SUCCEEDED,
        State.STATE_PARTIALLY_SUCCEEDED,
        State.STATE_FAILED,
        State.STATE_CANCELLED,
    }
)
OPERATION_KIND = "scan.run"


def run_name(row: asyncpg.Record) -> str:
    return f"{D.scan_name(row['workspace'], row['data_source'], row['scan_id'])}/runs/{row['id']}"


@dataclass(frozen=True)
class Live:
    """What the run's live workers are doing now: the objects in hand, how many workers,
    and how many objects their tasks have finished so far (counted for good only when
    each task completes)."""

    current: list[str]
    active: int
    done: int


IDLE = Live([], 0, 0)


async def live(db: Queryable, run_id: str) -> Live:
    rows = await db.fetch(
        "SELECT current_object, objects_done FROM scan.tasks WHERE run_id = $1"
        " AND state = 'leased' AND lease_expires_at > now() ORDER BY id",
        run_id,
    )
    return Live(
        [r["current_object"] for r in rows if r["current_object"]],
        len(rows),
        sum(r["objects_done"] for r in rows),
    )


def progress(
    row: asyncpg.Record, now_live: Live = IDLE, now: datetime | None = None
) -> scan_pb2.ScanProgress:
    """The run's progress from its counters and its workers' tasks in hand."""
    now = now or datetime.now(UTC)
    finished = row["state"] in TERMINAL
    total, failed = row["objects_total"], row["objects_failed"]
    done = row["objects_done"] if finished else min(row["objects_done"] + now_live.done, total)
    current, active = now_live.current, now_live.active
    fraction = 1.0 if finished else min((done + failed) / total, 0.99) if total else 0.0
    out = scan_pb2.ScanProgress(
        phase=row["phase"],
        objects_total=total,
        objects_done=done,
        objects_failed=failed,
        columns_done=row["columns_done"],
        current_objects=[] if finished else current,
        warning_count=row["warning_count"],
        error_count=row["error_count"],
        fraction=fraction,
        active_workers=0 if finished else active,
    )
    if row["start_time"] is not None:
        elapsed = (row["end_time"] or now) - row["start_time"]
        out.elapsed.CopyFrom(_duration(elapsed.total_seconds()))
        if not finished and row["discovery_complete"] and 0 < fraction < 1:
            left = elapsed.total_seconds() * (1 - fraction) / fraction
            out.estimated_remaining.CopyFrom(_duration(left))
    return out


def _duration(seconds: float) -> duration_pb2.Duration:
    value = duration_pb2.Duration()
    value.FromMilliseconds(max(int(seconds * 1000), 0))
    return value


async def to_message(
    db: Queryable, row: asyncpg.Record, *, summary: bool = False
) -> scan_pb2.ScanRun:
    """The ScanRun for a ``scan.runs`` row, with live progress."""
    now_live = IDLE if row["state"] in TERMINAL else await live(db, row["id"])
    run = scan_pb2.ScanRun(
        name=run_name(row),
        state=row["state"],
        trigger=row["trigger"],
        initiator=row["initiator"],
        operation=row["operation"],
        mode=row["mode"],
        progress=progress(row, now_live),
        create_time=timestamp(row["create_time"]),
    )
    if not summary:
        run.scan_snapshot.ParseFromString(row["snapshot"])
        if row["report"] is not None:
            run.report.ParseFromString(row["report"])
    if row["error"] is not None:
        run.error.CopyFrom(status_pb2.Status.FromString(row["error"]))
    if row["start_time"] is not None:
        run.start_time.CopyFrom(timestamp(row["start_time"]))
    if row["end_time"] is not None:
        run.end_time.CopyFrom(timestamp(row["end_time"]))
    return run


async def event_for(
    conn: Connection, row: asyncpg.Record, kind: events.EventType, **fields: object
) -> events.Event:
    """Appends an event carrying the run's state and progress as ``row`` has them."""
    event = events.Event(
        run=run_name(row),
        type=kind,
        state=row["state"],
        progress=progress(row, await live(conn, row["id"])),
        **fields,  # type: ignore[arg-type]  # the message's own keyword fields
    )
    return await events.append(conn, row["id"], event)


def trigger_for(principal: str) -> int:
    """Who asked: a workflow or orchestration service, else a person or client."""
    if principal == "services/workflow":
        return Trigger.TRIGGER_WORKFLOW
    if principal == "services/orchestration":
        return Trigger.TRIGGER_ORCHESTRATION
    return Trigger.TRIGGER_MANUAL


async def start_run(
    conn: Connection,
    client: redis.Redis,
    scan_row: asyncpg.Record,
    *,
    mode: int,
    trigger: int,
    initiator: str,
) -> tuple[asyncpg.Record, operation_pb2.Operation]:
    """Creates a PENDING run of the (locked) scan row, its operation and its planning
    task. Call inside a transaction; FAILED_PRECONDITION while another run is active."""
    active = await conn.fetchval(
        "SELECT id FROM scan.runs WHERE workspace = $1 AND data_source = $2 AND scan_id = $3"
        " AND state = ANY($4::smallint[])",
        scan_row["workspace"],
        scan_row["data_source"],
        scan_row["id"],
        list(ACTIVE),
    )
    if active is not None:
        raise failed_precondition(
            f"{D.scan_name(scan_row['workspace'], scan_row['data_source'], scan_row['id'])}"
            f" has an active run ({active}); wait for it or cancel it",
            "RUN_ACTIVE",
        )
    spec = scan_pb2.Scan.FromString(scan_row["spec"])
    chosen = mode or spec.mode or scan_pb2.SCAN_MODE_FULL
    if chosen == scan_pb2.SCAN_MODE_INCREMENTAL and scan_row["last_success_time"] is None:
        chosen = scan_pb2.SCAN_MODE_FULL  # nothing to compare with yet
    run_id = new_id()
    scan = D.scan_name(scan_row["workspace"], scan_row["data_source"], scan_row["id"])
    name = f"{scan}/runs/{run_id}"
    operation = await OperationStore(conn, client).start(
        OPERATION_KIND,
        name,
        initiator,
        metadata=scan_pb2.ScanProgress(phase=Phase.SCAN_PHASE_QUEUED),
    )
    row = await conn.fetchrow(
        "INSERT INTO scan.runs (id, workspace, data_source, scan_id, state, phase, trigger,"
        " initiator, operation, mode, snapshot, tasks_total)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1) RETURNING *",
        run_id,
        scan_row["workspace"],
        scan_row["data_source"],
        scan_row["id"],
        State.STATE_PENDING,
        Phase.SCAN_PHASE_QUEUED,
        trigger,
        initiator,
        operation.name,
        chosen,
        spec.SerializeToString(),
    )
    if row is None:
        raise RuntimeError("INSERT ... RETURNING gave no row")
    await queue.enqueue(conn, run_id, queue.PLAN, [], 0)
    await conn.execute(
        "UPDATE scan.scans SET last_run = $4, last_run_state = $5"
        " WHERE workspace = $1 AND data_source = $2 AND id = $3",
        scan_row["workspace"],
        scan_row["data_source"],
        scan_row["id"],
        name,
        State.STATE_PENDING,
    )
    await event_for(conn, row, EventType.TYPE_PHASE_CHANGED)
    return row, operation


async def cancel_run(pool: asyncpg.Pool, client: redis.Redis, run_id: str) -> asyncpg.Record | None:
    """Marks an active run CANCELLING and drops its pending tasks; also cancels its
    operation. Returns the run row (None when it is gone); a no-op on a finished run."""
    async with pool.acquire() as conn, conn.transaction():
        row = await conn.fetchrow("SELECT * FROM scan.runs WHERE id = $1 FOR UPDATE", run_id)
        if row is None or row["state"] not in (State.STATE_PENDING, State.STATE_RUNNING):
            return row
        dropped = await queue.drop_pending(conn, run_id)
        row = await conn.fetchrow(
            "UPDATE scan.runs SET state = $2, tasks_finished = tasks_finished + $3"
            " WHERE id = $1 RETURNING *",
            run_id,
            State.STATE_CANCELLING,
            dropped,
        )
        if row is None:
            raise RuntimeError(f"run {run_id} vanished while locked")
        await conn.execute(
            "UPDATE scan.scans SET last_run_state = $4"
            " WHERE workspace = $1 AND data_source = $2 AND id = $3",
            row["workspace"],
            row["data_source"],
            row["scan_id"],
            State.STATE_CANCELLING,
        )
        await event_for(conn, row, EventType.TYPE_PROGRESS)
        await queue.finalize_if_done(conn, run_id)
    await OperationStore(pool, client).request_cancel(row["operation"])
    await events.announce(client, run_id)
    await queue.notify(client)
    return row
