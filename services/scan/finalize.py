"""Finalizing a run: reconcile, report, end it exactly once, finish its operation.

The finalization is itself a queued task, queued once (see ``queue.finalize_if_done``),
leased like any other, so a finalizer that dies is replaced. Every step before the end
is safe to repeat. The end is one conditional UPDATE (``... WHERE state IN (RUNNING,
CANCELLING) RETURNING``): only the transaction that moves the run out of an active state
writes the report, the last event and the scan's summary. Finishing the operation comes
after, and is itself once-only, so a finalizer that dies in between is simply redone.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import asyncpg
import grpc
from google.rpc import status_pb2

from pursight.compliance.v1 import compliance_pb2
from pursight.scan.v1 import scan_pb2
from services.runtime.database import Connection, Queryable
from services.runtime.operations import OperationStore, channel_name
from services.scan import events, runs
from services.scan.accounting import append_events
from services.scan.context import RunContext
from services.scan.deps import TaskHandle, WorkerDeps
from services.scan.reconcile import reconcile
from services.scan.report import (
    MAX_LISTED,
    Issue,
    Outcome,
    Phase,
    Severity,
    build_report,
    merge_stats,
)

log = logging.getLogger(__name__)
State = runs.State
EventType = events.EventType


async def _phase(deps: WorkerDeps, run_id: str, phase: int) -> None:
    async with deps.pool.acquire() as conn, conn.transaction():
        row = await conn.fetchrow(
            "UPDATE scan.runs SET phase = $2 WHERE id = $1 AND phase < $2"
            " AND state = ANY($3::smallint[]) RETURNING *",
            run_id,
            phase,
            list(runs.ACTIVE),
        )
        if row is not None:
            await append_events(conn, row, [(EventType.TYPE_PHASE_CHANGED, {})])
    await events.announce(deps.redis, run_id)


async def _issues(conn: Connection, run_id: str, severity: int) -> list[Issue]:
    rows = await conn.fetch(
        "SELECT issue FROM scan.issues WHERE run_id = $1 AND severity = $2 ORDER BY id LIMIT $3",
        run_id,
        severity,
        MAX_LISTED,
    )
    return [Issue.FromString(r["issue"]) for r in rows]


def _final_state(run: asyncpg.Record) -> int:
    if run["state"] == State.STATE_CANCELLING:
        return State.STATE_CANCELLED
    if run["error"] is not None:
        return State.STATE_FAILED
    if run["objects_failed"] > 0:
        return State.STATE_PARTIALLY_SUCCEEDED
    return State.STATE_SUCCEEDED


class Finalizer:
    """One attempt at finalizing one run."""

    def __init__(self, deps: WorkerDeps, ctx: RunContext, handle: TaskHandle) -> None:
        self.deps = deps
        self.ctx = ctx
        self.handle = handle

    async def run(self) -> None:
        run = await self.deps.pool.fetchrow("SELECT * FROM scan.runs WHERE id = $1", self.ctx.id)
        if run is None:
            return
        if run["state"] in runs.TERMINAL:  # ended before; make sure its operation did too
            await self._finish_operation(self.deps.pool, run)
            return
        outcome = Outcome()
        state = _final_state(run)
        if (
            state in (State.STATE_SUCCEEDED, State.STATE_PARTIALLY_SUCCEEDED)
            and run["discovery_complete"]
        ):
            await _phase(self.deps, self.ctx.id, Phase.SCAN_PHASE_RECONCILING)
            try:
                await reconcile(self.deps, self.ctx, run, outcome)
            except grpc.aio.AioRpcError as exc:
                outcome.warn(
                    scan_pb2.ScanIssue.Code.CODE_CATALOG_WRITE_FAILED,
                    f"objects gone from the source not all marked deleted ({exc.code().name})",
                    phase=Phase.SCAN_PHASE_RECONCILING,
                )
        await _phase(self.deps, self.ctx.id, Phase.SCAN_PHASE_FINALIZING)
        if await self._end(outcome):
            await self._evaluate_compliance()

    async def _evaluate_compliance(self) -> None:
        """Asks the compliance service to re-evaluate what this run changed. Best effort:
        the scan succeeded whatever compliance answers, and a missed trigger is caught
        by the next evaluation."""
        try:
            await self.deps.compliance.EvaluateAfterScan(
                compliance_pb2.EvaluateAfterScanRequest(scan_run=self.ctx.name),
                metadata=self.deps.metadata(),
                timeout=10,
            )
        except grpc.aio.AioRpcError as exc:
            log.warning(
                "compliance was not re-evaluated after %s: %s", self.ctx.name, exc.code().name
            )

    async def _end(self, outcome: Outcome) -> bool:
        """Moves the run to its final state with its report; once, whoever calls. True
        when this call ended it and the run succeeded (fully or partly)."""
        ended = datetime.now(UTC)
        async with self.deps.pool.acquire() as conn, conn.transaction():
            run = await conn.fetchrow(
                "SELECT * FROM scan.runs WHERE id = $1 FOR UPDATE", self.ctx.id
            )
            if run is None or run["state"] in runs.TERMINAL:
                return False
            for issue in outcome.issues:
                await conn.execute(
                    "INSERT INTO scan.issues (run_id, severity, issue) VALUES ($1, $2, $3)",
                    self.ctx.id,
                    issue.severity,
                    issue.SerializeToString(),
                )
            stats = merge_stats(run["stats"], outcome)
            report = build_report(
                stats,
                objects_total=run["objects_total"],
                objects_failed=run["objects_failed"],
                started=run["start_time"],
                ended=ended,
                warnings=await _issues(conn, self.ctx.id, Severity.SEVERITY_WARNING),
                errors=await _issues(conn, self.ctx.id, Severity.SEVERITY_ERROR),
                warning_count=run["warning_count"] + outcome.warnings,
                error_count=run["error_count"] + outcome.errors,
            )
            state = _final_state(run)
            row = await conn.fetchrow(
                "UPDATE scan.runs SET state = $2, phase = $3, report = $4, stats = $5,"
                " end_time = $6, start_time = coalesce(start_time, $6),"
                " warning_count = warning_count + $7, error_count = error_count + $8"
                " WHERE id = $1 AND state = ANY($9::smallint[]) RETURNING *",
                self.ctx.id,
                state,
                Phase.SCAN_PHASE_DONE,
                report.SerializeToString(),
                stats,
                ended,
                outcome.warnings,
                outcome.errors,
                list(runs.ACTIVE),
            )
            if row is None:
                return False
            succeeded = state in (State.STATE_SUCCEEDED, State.STATE_PARTIALLY_SUCCEEDED)
            await conn.execute(
                "UPDATE scan.scans SET last_run_state = $4,"
                " last_success_time = CASE WHEN $5 THEN $6 ELSE last_success_time END"
                " WHERE workspace = $1 AND data_source = $2 AND id = $3",
                self.ctx.workspace,
                self.ctx.data_source,
                self.ctx.scan_id,
                state,
                succeeded,
                ended,
            )
            fields: dict[str, object] = {"finished": True, "report": report}
            if row["error"] is not None:
                fields["error"] = status_pb2.Status.FromString(row["error"])
            items: list[tuple[events.EventType, dict[str, object]]] = [
                (EventType.TYPE_ISSUE, {"issue": i}) for i in outcome.issues
            ]
            await append_events(conn, row, [*items, (EventType.TYPE_FINISHED, fields)])
            await conn.execute("DELETE FROM scan.run_objects WHERE run_id = $1", self.ctx.id)
            # In the same transaction: whoever sees the run ended sees its operation ended.
            await self._finish_operation(conn, row)
        await events.announce(self.deps.redis, self.ctx.id)
        await self.deps.redis.publish(channel_name(row["operation"]), "changed")
        return succeeded

    async def _finish_operation(self, db: Queryable, row: asyncpg.Record) -> None:
        """Ends the run's operation with the finished run (once; repeats are no-ops)."""
        run = await runs.to_message(db, row)
        store = OperationStore(db, self.deps.redis)
        state = row["state"]
        if state == State.STATE_FAILED:
            await store.finish(row["operation"], error=run.error)
        else:
            await store.finish(
                row["operation"], response=run, cancelled=state == State.STATE_CANCELLED
            )
