"""Completing a task: its outcome added to the run, exactly once, with its events.

Everything a task learned is applied in one transaction that first locks the run row,
then deletes the task under its lease: counters, the run's summed stats, its issues,
what the scan now knows of each object, progress events, and (for the last task) the
queued finalization. A worker that lost its lease applies nothing, so a task retried
after its worker died is never counted twice.
"""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg
import redis.asyncio as redis

from services.runtime.database import Connection
from services.runtime.operations import OperationStore
from services.scan import events, queue, runs
from services.scan.report import Outcome, StateUpdate, merge_stats

Phase = runs.Phase
EventType = events.EventType


async def append_events(
    conn: Connection,
    row: asyncpg.Record,
    items: Sequence[tuple[events.EventType, dict[str, object]]],
) -> None:
    """Appends events (type, fields) that share the run's current progress."""
    snapshot = runs.progress(row, await runs.live(conn, row["id"]))
    for kind, fields in items:
        event = events.Event(
            run=runs.run_name(row),
            type=kind,
            state=row["state"],
            **fields,  # type: ignore[arg-type]  # the message's own keyword fields
        )
        event.progress.CopyFrom(snapshot)
        await events.append(conn, row["id"], event)


async def write_states(
    conn: Connection, run: asyncpg.Record, states: Sequence[StateUpdate]
) -> None:
    """Records what each object looked like when catalogued, for the next run."""
    if not states:
        return
    await conn.executemany(
        "UPDATE scan.objects SET fingerprint = $4, modify_time = $5, columns = $6, cache = $7"
        " WHERE workspace = $1 AND data_source = $2 AND qualified_name = $3",
        [
            (
                run["workspace"],
                run["data_source"],
                s.qualified_name,
                s.fingerprint,
                s.modify_time,
                s.columns,
                s.cache,
            )
            for s in states
        ],
    )


async def complete(
    pool: asyncpg.Pool,
    client: redis.Redis,
    tasks: queue.Queue,
    task: queue.Task,
    outcome: Outcome,
) -> asyncpg.Record | None:
    """Applies ``outcome`` to the run and deletes ``task``; the updated run row, or
    None when the lease was lost (another worker has the task now)."""
    async with pool.acquire() as conn, conn.transaction():
        run = await conn.fetchrow("SELECT * FROM scan.runs WHERE id = $1 FOR UPDATE", task.run_id)
        if run is None or not await tasks.take_over(conn, task):
            return None
        row = await conn.fetchrow(
            "UPDATE scan.runs SET tasks_finished = tasks_finished + 1,"
            " objects_done = objects_done + $2, objects_failed = objects_failed + $3,"
            " columns_done = columns_done + $4, warning_count = warning_count + $5,"
            " error_count = error_count + $6, stats = $7,"
            " discovery_complete = discovery_complete OR $8,"
            " phase = CASE WHEN $8 AND phase < $9 THEN $9 ELSE phase END"
            " WHERE id = $1 RETURNING *",
            task.run_id,
            outcome.objects_done,
            outcome.objects_failed,
            outcome.columns_done,
            outcome.warnings,
            outcome.errors,
            merge_stats(run["stats"], outcome),
            outcome.discovery_complete,
            Phase.SCAN_PHASE_PROCESSING,
        )
        if row is None:
            raise RuntimeError(f"run {task.run_id} vanished while locked")
        if outcome.issues:
            await conn.executemany(
                "INSERT INTO scan.issues (run_id, severity, issue) VALUES ($1, $2, $3)",
                [(task.run_id, i.severity, i.SerializeToString()) for i in outcome.issues],
            )
        await write_states(conn, row, outcome.states)
        items: list[tuple[events.EventType, dict[str, object]]] = [
            (EventType.TYPE_ISSUE, {"issue": i}) for i in outcome.issues
        ]
        if outcome.discovery_complete and run["phase"] < Phase.SCAN_PHASE_PROCESSING:
            items.append((EventType.TYPE_PHASE_CHANGED, {}))
        else:
            items.append((EventType.TYPE_PROGRESS, {}))
        await append_events(conn, row, items)
        await queue.finalize_if_done(conn, task.run_id)
    await events.announce(client, task.run_id)
    await report_operation(pool, client, row)
    return row


async def report_operation(pool: asyncpg.Pool, client: redis.Redis, row: asyncpg.Record) -> None:
    """Mirrors the run's progress onto its operation, for OperationsService callers."""
    if row["state"] in runs.TERMINAL:
        return
    snapshot = runs.progress(row)
    await OperationStore(pool, client).progress(
        row["operation"],
        fraction=snapshot.fraction,
        message=f"{snapshot.objects_done} of {snapshot.objects_total} objects",
        metadata=snapshot,
    )
