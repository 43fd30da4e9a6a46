"""Evaluations: long-running checks of a workspace (or a data source, or an asset
subtree) against its enabled policies, in the background of the service process.

EvaluateCompliance records a PENDING evaluation and its operation in one transaction and
returns the operation; a task in this process then reads the scope's assets from the
catalog (as ``services/compliance``), applies the rules, and records checks, violations
and scores in one transaction, so a failed or cancelled evaluation changes nothing.
At most ``MAX_RUNNING`` evaluations run at once per process; the others wait PENDING.

A process that dies mid-evaluation leaves it RUNNING with a heartbeat that stops; any
replica starting later (and every replica, every few minutes) fails such evaluations and
their operations, so a watcher is never left waiting forever.

After a scan, the scan service calls EvaluateAfterScan: the run's data source is
evaluated again, and a request for a scope that already has an evaluation waiting to
start joins it instead of queueing another (a burst of scans costs one evaluation).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
from google.rpc import code_pb2, status_pb2

from pursight.common.v1 import operation_pb2
from pursight.compliance.v1 import compliance_pb2
from services.compliance import packs, scores
from services.compliance.catalog import CatalogReader, Scope, collect
from services.compliance.engine import evaluate_all
from services.compliance.facts import FactBook
from services.compliance.policies import Policies
from services.compliance.readers import load_read_access
from services.compliance.results import record
from services.runtime.context import current_principal
from services.runtime.convert import timestamp
from services.runtime.errors import ServiceError, bad_field, failed_precondition, not_found
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.names import new_id, parse_name
from services.runtime.operations import OperationStore
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.service import Runtime

log = logging.getLogger(__name__)

State = compliance_pb2.Evaluation.State
Trigger = compliance_pb2.Evaluation.Trigger
KIND = "compliance.evaluate"
WORKSPACE = "workspaces/{workspace}"
EVALUATION = "workspaces/{workspace}/evaluations/{evaluation}"
POLICY = "workspaces/{workspace}/policies/{policy}"
SCAN_RUN = "workspaces/{workspace}/dataSources/{data_source}/scans/{scan}/runs/{run}"
MAX_RUNNING = 2
HEARTBEAT_SECONDS = 30.0
STALE_AFTER = timedelta(minutes=5)
STOP_GRACE_SECONDS = 5.0
ACTIVE = (State.STATE_PENDING, State.STATE_RUNNING)


def to_message(
    row: asyncpg.Record, found_scores: list[compliance_pb2.ComplianceScore]
) -> compliance_pb2.Evaluation:
    ws = row["workspace"]
    evaluation = compliance_pb2.Evaluation(
        name=f"workspaces/{ws}/evaluations/{row['id']}",
        scope=row["scope"] or f"workspaces/{ws}",
        policies=row["policies"],
        state=row["state"],
        trigger=row["trigger"],
        trigger_resource=row["trigger_resource"],
        initiator=row["initiator"],
        operation=row["operation"],
        assets_evaluated=row["assets_evaluated"],
        rules_evaluated=row["rules_evaluated"],
        checks=row["checks"],
        checks_failed=row["checks_failed"],
        checks_undecided=row["checks_undecided"],
        violations_opened=row["violations_opened"],
        violations_resolved=row["violations_resolved"],
        violations_open=row["violations_open"],
        violations_waived=row["violations_waived"],
        scores=found_scores,
        create_time=timestamp(row["create_time"]),
    )
    if row["end_time"] is not None:
        evaluation.end_time.CopyFrom(timestamp(row["end_time"]))
    if row["error"] is not None:
        evaluation.error.ParseFromString(row["error"])
    return evaluation


@dataclass(frozen=True)
class Job:
    """What one evaluation covers."""

    workspace_id: str
    evaluation_id: str
    operation: str
    scope: Scope
    policy_ids: list[str]
    framework_ids: list[str]


class _Cancelled(Exception):
    """The evaluation's operation was cancelled between two units of work."""


class Evaluations:
    """EvaluateCompliance, EvaluateAfterScan, GetEvaluation, ListEvaluations, and the
    background tasks doing the work."""

    def __init__(self, runtime: Runtime, policies: Policies) -> None:
        self._rt = runtime
        self._pool = runtime.db.primary
        self._ops = OperationStore(self._pool, runtime.redis)
        self._policies = policies
        self._slots = asyncio.Semaphore(MAX_RUNNING)
        self._tasks: dict[tuple[str, str], asyncio.Task[None]] = {}
        self._keeper: asyncio.Task[None] | None = None

    # -- life cycle -------------------------------------------------------------------

    async def start(self) -> None:
        await self._fail_abandoned()
        self._keeper = self._spawn(self._keep_alive())

    async def stop(self) -> None:
        """Stops this process's evaluations; each records itself as failed (the work is
        safe to repeat: nothing was written), so no operation is left hanging."""
        if self._keeper is not None:
            self._keeper.cancel()
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=STOP_GRACE_SECONDS)
        if self._keeper is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._keeper

    @staticmethod
    def _spawn(coro: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        # A fresh context: the request that queued the work must not lend it its
        # caller's token or deadline.
        return asyncio.get_running_loop().create_task(coro, context=contextvars.Context())

    async def _keep_alive(self) -> None:
        while True:
            await asyncio.sleep(HEARTBEAT_SECONDS)
            try:
                if self._tasks:
                    keys = list(self._tasks)
                    await self._pool.execute(
                        "UPDATE compliance.evaluations SET heartbeat_time = now()"
                        " WHERE (workspace, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))",
                        [k[0] for k in keys],
                        [k[1] for k in keys],
                    )
                await self._fail_abandoned()
            except (asyncpg.PostgresError, OSError):
                log.warning("compliance evaluation heartbeat failed", exc_info=True)

    async def _fail_abandoned(self) -> None:
        error = status_pb2.Status(
            code=code_pb2.ABORTED,
            message="the process running this evaluation stopped; evaluate again",
        )
        rows = await self._pool.fetch(
            "UPDATE compliance.evaluations SET state = $1, error = $2, end_time = now()"
            " WHERE state = ANY($3::smallint[]) AND heartbeat_time < now() - $4::interval"
            " RETURNING operation",
            State.STATE_FAILED,
            error.SerializeToString(),
            list(ACTIVE),
            STALE_AFTER,
        )
        for row in rows:
            if row["operation"]:
                await self._ops.finish(row["operation"], error=error)

    # -- starting ---------------------------------------------------------------------

    async def _policy_ids(self, ws: str, names: list[str]) -> list[str]:
        ids: list[str] = []
        for i, name in enumerate(names):
            parts = parse_name(name, POLICY, f"policies[{i}]")
            if parts["workspace"] != ws:
                raise bad_field(f"policies[{i}]", f"must be a policy of workspaces/{ws}")
            enabled = await self._pool.fetchval(
                "SELECT enabled FROM compliance.policies WHERE workspace = $1 AND id = $2",
                ws,
                parts["policy"],
            )
            if enabled is None:
                raise not_found("Policy", name)
            if not enabled:
                raise failed_precondition(f"{name} is disabled; enable it first", "POLICY_DISABLED")
            ids.append(parts["policy"])
        return ids

    @staticmethod
    def _framework_ids(names: list[str]) -> list[str]:
        ids = []
        for i, name in enumerate(names):
            framework = name.removeprefix("frameworks/")
            if not name.startswith("frameworks/") or packs.get(framework) is None:
                raise bad_field(
                    f"frameworks[{i}]",
                    "must be one of " + ", ".join(f"frameworks/{p}" for p in packs.ids()),
                )
            ids.append(framework)
        return ids

    async def evaluate(
        self, request: compliance_pb2.EvaluateComplianceRequest
    ) -> operation_pb2.Operation:
        ws = parse_name(request.parent, WORKSPACE, "parent")["workspace"]
        scope = Scope.parse(request.parent, request.scope)
        check_request_id(request.request_id)
        if scope.is_asset and await CatalogReader(self._rt, None).get(scope.resource) is None:
            raise not_found("Asset", scope.resource)
        return await self._submit(
            ws,
            scope,
            await self._policy_ids(ws, list(request.policies)),
            self._framework_ids(list(request.frameworks)),
            Trigger.TRIGGER_MANUAL,
            "",
            request.request_id,
            join_pending=False,
        )

    async def after_scan(
        self, request: compliance_pb2.EvaluateAfterScanRequest
    ) -> operation_pb2.Operation:
        ids = parse_name(request.scan_run, SCAN_RUN, "scan_run")
        workspace = f"workspaces/{ids['workspace']}"
        scope = Scope(workspace, f"{workspace}/dataSources/{ids['data_source']}")
        return await self._submit(
            ids["workspace"],
            scope,
            [],
            [],
            Trigger.TRIGGER_SCAN_COMPLETED,
            request.scan_run,
            "",
            join_pending=True,
        )

    async def _submit(
        self,
        ws: str,
        scope: Scope,
        policy_ids: list[str],
        framework_ids: list[str],
        trigger: int,
        trigger_resource: str,
        request_id: str,
        *,
        join_pending: bool,
    ) -> operation_pb2.Operation:
        initiator = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "compliance", request_id)
            if known:
                op = await conn.fetchval(
                    "SELECT operation FROM compliance.evaluations WHERE workspace = $1 AND id = $2",
                    *parse_name(known, EVALUATION).values(),
                )
                return await self._ops.get(op)
            if join_pending:
                waiting = await conn.fetchval(
                    "SELECT operation FROM compliance.evaluations WHERE workspace = $1"
                    " AND scope = $2 AND state = $3 AND cardinality(policy_filter) = 0"
                    " AND cardinality(framework_filter) = 0 ORDER BY create_time LIMIT 1",
                    ws,
                    scope.resource,
                    State.STATE_PENDING,
                )
                if waiting:
                    return await OperationStore(conn, self._rt.redis).get(waiting)
            evaluation_id = new_id()
            name = f"workspaces/{ws}/evaluations/{evaluation_id}"
            operation = await OperationStore(conn, self._rt.redis).start(
                KIND,
                name,
                initiator,
                metadata=compliance_pb2.Evaluation(
                    name=name, scope=scope.resource or scope.workspace, state=State.STATE_PENDING
                ),
            )
            await conn.execute(
                "INSERT INTO compliance.evaluations (workspace, id, scope, policy_filter,"
                " framework_filter, state, trigger, trigger_resource, initiator, operation)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                ws,
                evaluation_id,
                scope.resource,
                policy_ids,
                framework_ids,
                State.STATE_PENDING,
                trigger,
                trigger_resource,
                initiator,
                operation.name,
            )
            await remember(conn, "compliance", request_id, name)
        job = Job(ws, evaluation_id, operation.name, scope, policy_ids, framework_ids)
        task = self._spawn(self._run(job))
        self._tasks[(ws, evaluation_id)] = task
        task.add_done_callback(lambda _: self._tasks.pop((ws, evaluation_id), None))
        return operation

    # -- running ----------------------------------------------------------------------

    async def _run(self, job: Job) -> None:
        try:
            async with self._slots:
                await self._work(job)
        except _Cancelled:
            await self._end(job, State.STATE_CANCELLED, None)
            await self._ops.finish(job.operation, cancelled=True)
        except asyncio.CancelledError:
            error = status_pb2.Status(
                code=code_pb2.UNAVAILABLE,
                message="the compliance service stopped during the evaluation; evaluate again",
            )
            try:
                await self._end(job, State.STATE_FAILED, error)
                await self._ops.finish(job.operation, error=error)
            except (asyncpg.InterfaceError, OSError) as exc:
                # The stores closed first (a stop that outlasted its grace): the next
                # start fails abandoned evaluations (_fail_abandoned), so nothing hangs.
                log.warning(
                    "evaluation %s/%s stopped unrecorded: %s",
                    job.workspace_id,
                    job.evaluation_id,
                    exc,
                )
            raise
        except ServiceError as exc:
            await self._fail(job, exc.to_status())
        except Exception:
            log.exception("evaluation %s/%s failed", job.workspace_id, job.evaluation_id)
            await self._fail(
                job, status_pb2.Status(code=code_pb2.INTERNAL, message="internal error")
            )

    async def _fail(self, job: Job, error: status_pb2.Status) -> None:
        await self._end(job, State.STATE_FAILED, error)
        await self._ops.finish(job.operation, error=error)

    async def _end(self, job: Job, state: int, error: status_pb2.Status | None) -> None:
        await self._pool.execute(
            "UPDATE compliance.evaluations SET state = $3, error = $4, end_time = now()"
            " WHERE workspace = $1 AND id = $2 AND state = ANY($5::smallint[])",
            job.workspace_id,
            job.evaluation_id,
            state,
            error.SerializeToString() if error is not None else None,
            list(ACTIVE),
        )

    async def _check_cancel(self, job: Job) -> None:
        if await self._ops.cancel_requested(job.operation):
            raise _Cancelled

    async def _work(self, job: Job) -> None:
        await self._check_cancel(job)
        await self._pool.execute(
            "UPDATE compliance.evaluations SET state = $3, heartbeat_time = now()"
            " WHERE workspace = $1 AND id = $2 AND state = $4",
            job.workspace_id,
            job.evaluation_id,
            State.STATE_RUNNING,
            State.STATE_PENDING,
        )
        await self._ops.progress(job.operation, fraction=0.0, message="reading policies")
        policies = await self._policies.compiled(
            job.workspace_id, job.policy_ids, job.framework_ids
        )
        reader = CatalogReader(self._rt, lambda: self._rt.identity.metadata("compliance"))

        async def on_page(read: int) -> bool:
            await self._ops.progress(job.operation, message=f"read {read} assets")
            return not await self._ops.cancel_requested(job.operation)

        collected = await collect(reader, job.scope, on_page=on_page)
        if collected is None:
            raise _Cancelled
        records, names = collected
        await self._ops.progress(
            job.operation, fraction=0.5, message=f"checking {len(names)} assets"
        )
        access = await load_read_access(
            self._rt, f"workspaces/{job.workspace_id}", self._rt.identity.metadata("compliance")
        )
        book = FactBook(records, datetime.now(UTC), access)
        results, tally = await asyncio.to_thread(evaluate_all, policies, book, names)
        await self._check_cancel(job)
        await self._ops.progress(job.operation, fraction=0.8, message="recording violations")
        name = f"workspaces/{job.workspace_id}/evaluations/{job.evaluation_id}"
        async with self._pool.acquire() as conn, conn.transaction():
            recorded = await record(
                conn,
                workspace_id=job.workspace_id,
                evaluation_id=job.evaluation_id,
                scope=job.scope.resource,
                policy_ids=[p.name.rsplit("/", 1)[-1] for p in policies],
                assets=names,
                results=results,
            )
            computed = await scores.compute(conn, job.workspace_id, "", name)
            await conn.executemany(
                "INSERT INTO compliance.scores (workspace, evaluation_id, framework, score)"
                " VALUES ($1, $2, $3, $4)",
                [
                    (
                        job.workspace_id,
                        job.evaluation_id,
                        s.name.rsplit("/", 1)[-1],
                        s.SerializeToString(),
                    )
                    for s in computed
                ],
            )
            await conn.execute(
                "UPDATE compliance.evaluations SET state = $3, policies = $4,"
                " assets_evaluated = $5, rules_evaluated = $6, checks = $7, checks_failed = $8,"
                " checks_undecided = $9, violations_opened = $10, violations_resolved = $11,"
                " violations_open = $12, violations_waived = $13, end_time = now()"
                " WHERE workspace = $1 AND id = $2",
                job.workspace_id,
                job.evaluation_id,
                State.STATE_SUCCEEDED,
                [p.name for p in policies],
                len(tally.assets),
                sum(len(p.rules) for p in policies),
                tally.checks,
                tally.failed,
                tally.undecided,
                recorded.opened,
                recorded.resolved,
                recorded.open,
                recorded.waived,
            )
        await self._ops.finish(job.operation, response=await self.get(name))

    # -- reading ----------------------------------------------------------------------

    async def get(self, name: str) -> compliance_pb2.Evaluation:
        ids = parse_name(name, EVALUATION)
        row = await self._pool.fetchrow(
            "SELECT * FROM compliance.evaluations WHERE workspace = $1 AND id = $2",
            ids["workspace"],
            ids["evaluation"],
        )
        if row is None:
            raise not_found("Evaluation", name)
        found = await self._scores_of(ids["workspace"], [ids["evaluation"]])
        return to_message(row, found.get(ids["evaluation"], []))

    async def _scores_of(
        self, ws: str, evaluation_ids: list[str]
    ) -> dict[str, list[compliance_pb2.ComplianceScore]]:
        rows = await self._pool.fetch(
            "SELECT evaluation_id, score FROM compliance.scores WHERE workspace = $1"
            " AND evaluation_id = ANY($2::text[])"
            " ORDER BY evaluation_id, framework = 'overall', framework",
            ws,
            evaluation_ids,
        )
        found: dict[str, list[compliance_pb2.ComplianceScore]] = {}
        for row in rows:
            found.setdefault(row["evaluation_id"], []).append(
                compliance_pb2.ComplianceScore.FromString(row["score"])
            )
        return found

    async def list(
        self, request: compliance_pb2.ListEvaluationsRequest
    ) -> compliance_pb2.ListEvaluationsResponse:
        ws = parse_name(request.parent, WORKSPACE, "parent")["workspace"]
        size = page_size(request.page_size)
        start = (
            request.start_time.ToDatetime(tzinfo=UTC) if request.HasField("start_time") else None
        )
        end = request.end_time.ToDatetime(tzinfo=UTC) if request.HasField("end_time") else None
        filters = [request.parent, str(start), str(end)]
        position = decode_token(request.page_token, filters)
        after: tuple[datetime, str] | None = None
        if position is not None:
            try:
                after = (datetime.fromisoformat(position[0]), str(position[1]))
            except (TypeError, ValueError, IndexError):
                raise bad_field("page_token", "is not a token this service issued") from None
        rows = await self._pool.fetch(
            "SELECT * FROM compliance.evaluations WHERE workspace = $1"
            " AND ($2::timestamptz IS NULL OR create_time >= $2)"
            " AND ($3::timestamptz IS NULL OR create_time < $3)"
            " AND ($4::timestamptz IS NULL OR (create_time, id) < ($4, $5))"
            " ORDER BY create_time DESC, id DESC LIMIT $6",
            ws,
            start,
            end,
            after[0] if after else None,
            after[1] if after else "",
            size + 1,
        )
        found = await self._scores_of(ws, [r["id"] for r in rows[:size]])
        response = compliance_pb2.ListEvaluationsResponse(
            evaluations=[to_message(r, found.get(r["id"], [])) for r in rows[:size]]
        )
        if len(rows) > size:
            last = rows[size - 1]
            response.next_page_token = encode_token(
                [last["create_time"].isoformat(), last["id"]], filters
            )
        return response
