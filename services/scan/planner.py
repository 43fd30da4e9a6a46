"""Planning a run: stream the source's objects into tasks, a chunk at a time.

The connector's bulk extraction yields objects one by one; the planner groups them into
small tasks (a few objects, or one big one) and queues a chunk of tasks per
transaction, so workers start on the first tables while discovery goes on, and memory
holds one chunk whatever the size of the source. Before queueing a chunk it writes the
chunk's new containers (databases, schemas, folders) to the catalog itself: tasks then
only ever add children under parents that exist, and never race to create them.

A planner retried after its worker died starts the extraction again; ``run_objects``
remembers what was queued, so nothing is queued twice.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence

import grpc
from google.rpc import status_pb2

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from services.connectors import ConnectorError, ObjectMetadata, ObjectType, scope_from_message
from services.scan import convert, events, queue, runs
from services.scan.accounting import append_events, report_operation
from services.scan.context import RunContext
from services.scan.deps import TaskHandle, WorkerDeps
from services.scan.report import Code, Outcome, Phase, code_for
from services.scan.sources import OpenedSource, SourceError

State = runs.State
EventType = events.EventType
MAX_ASSETS_PER_CALL = 5000
FLUSH_SECONDS = 0.25


async def _begin(deps: WorkerDeps, ctx: RunContext) -> bool:
    """PENDING -> RUNNING; False when the run is no longer one to plan."""
    async with deps.pool.acquire() as conn, conn.transaction():
        row = await conn.fetchrow("SELECT * FROM scan.runs WHERE id = $1 FOR UPDATE", ctx.id)
        if row is None or row["state"] not in (State.STATE_PENDING, State.STATE_RUNNING):
            return False
        if row["state"] == State.STATE_PENDING:
            row = await conn.fetchrow(
                "UPDATE scan.runs SET state = $2, phase = $3, start_time = coalesce(start_time,"
                " now()) WHERE id = $1 RETURNING *",
                ctx.id,
                State.STATE_RUNNING,
                Phase.SCAN_PHASE_CONNECTING,
            )
            if row is None:
                raise RuntimeError(f"run {ctx.id} vanished while locked")
            await conn.execute(
                "UPDATE scan.scans SET last_run_state = $4"
                " WHERE workspace = $1 AND data_source = $2 AND id = $3",
                ctx.workspace,
                ctx.data_source,
                ctx.scan_id,
                State.STATE_RUNNING,
            )
            await append_events(conn, row, [(EventType.TYPE_PHASE_CHANGED, {})])
        ctx.start_time = row["start_time"]
    await events.announce(deps.redis, ctx.id)
    await report_operation(deps.pool, deps.redis, row)
    return True


async def _phase(deps: WorkerDeps, ctx: RunContext, phase: int) -> None:
    async with deps.pool.acquire() as conn, conn.transaction():
        row = await conn.fetchrow(
            "UPDATE scan.runs SET phase = $2 WHERE id = $1 AND phase < $2 RETURNING *",
            ctx.id,
            phase,
        )
        if row is not None:
            await append_events(conn, row, [(EventType.TYPE_PHASE_CHANGED, {})])
    await events.announce(deps.redis, ctx.id)


async def fail_run(deps: WorkerDeps, run_id: str, code: grpc.StatusCode, message: str) -> None:
    """Records a run-wide failure and drops the run's pending work; the run then ends
    FAILED when its last held task finishes."""
    status = status_pb2.Status(code=code.value[0], message=message)
    async with deps.pool.acquire() as conn, conn.transaction():
        row = await conn.fetchrow("SELECT state FROM scan.runs WHERE id = $1 FOR UPDATE", run_id)
        if row is None or row["state"] not in (State.STATE_PENDING, State.STATE_RUNNING):
            return
        dropped = await queue.drop_pending(conn, run_id)
        await conn.execute(
            "UPDATE scan.runs SET error = $2, tasks_finished = tasks_finished + $3 WHERE id = $1",
            run_id,
            status.SerializeToString(),
            dropped,
        )
        await queue.finalize_if_done(conn, run_id)


class Planner:
    """One attempt at planning one run."""

    def __init__(self, deps: WorkerDeps, ctx: RunContext, handle: TaskHandle) -> None:
        self.deps = deps
        self.ctx = ctx
        self.handle = handle
        self.outcome = Outcome()
        self.containers: set[str] = set()
        self.kinds: Counter[ObjectType] = Counter()
        self.source: OpenedSource | None = None

    async def run(self) -> Outcome:
        if not await _begin(self.deps, self.ctx):
            return self.outcome
        if self.handle.task.retried:
            self.outcome.warn(
                Code.CODE_TASK_RETRIED,
                "planning restarted: the worker planning this run stopped responding",
                phase=Phase.SCAN_PHASE_DISCOVERING,
            )
        try:
            self.source = await self.ctx.open(self.deps.resolver)
        except SourceError as exc:
            await self._fail(exc.code, exc.message, Phase.SCAN_PHASE_CONNECTING)
            return self.outcome
        await _phase(self.deps, self.ctx, Phase.SCAN_PHASE_DISCOVERING)
        try:
            completed = await self._discover(self.source)
        except ConnectorError as exc:
            await self._fail(
                exc.code,
                f"discovery failed: {self.source.connector.scrub(exc.message)}",
                Phase.SCAN_PHASE_DISCOVERING,
            )
            return self.outcome
        except grpc.aio.AioRpcError as exc:
            await self._fail(
                exc.code(),
                f"the catalog refused the containers: {exc.details()}",
                Phase.SCAN_PHASE_DISCOVERING,
            )
            return self.outcome
        self.outcome.counters["databases"] += self.kinds[ObjectType.DATABASE]
        self.outcome.counters["schemas"] += self.kinds[ObjectType.SCHEMA]
        self.outcome.discovery_complete = completed
        return self.outcome

    async def _fail(self, code: grpc.StatusCode, message: str, phase: int) -> None:
        self.outcome.error(
            Code.CODE_CONNECTION_LOST if code == grpc.StatusCode.UNAVAILABLE else Code.CODE_OTHER,
            message,
            phase=phase,
        )
        await fail_run(self.deps, self.ctx.id, code, message)

    async def _discover(self, source: OpenedSource) -> bool:
        """Streams the objects into tasks; False when the run stopped first."""
        warnings: list[ConnectorError] = []
        config = self.deps.config
        per_task = (
            config.batch_objects_metadata_only
            if self.ctx.spec.metadata_only
            else config.batch_objects
        )
        batch: list[ObjectMetadata] = []
        columns = 0
        pending: list[list[ObjectMetadata]] = []
        flushed: float | None = None  # the first full task is queued at once: workers wait
        stream = source.connector.extract(
            scope_from_message(self.ctx.spec.scope), on_warning=warnings.append
        )
        try:
            async for obj in stream:
                if batch and (
                    len(batch) >= per_task or columns + len(obj.columns) > config.batch_columns
                ):
                    pending.append(batch)
                    batch, columns = [], 0
                batch.append(obj)
                columns += len(obj.columns)
                due = flushed is None or time.monotonic() - flushed > FLUSH_SECONDS
                if len(pending) >= config.planner_chunk or (pending and due):
                    if not await self._flush(pending, warnings):
                        return False
                    pending, flushed = [], time.monotonic()
        finally:
            await stream.aclose()  # type: ignore[attr-defined]  # an async generator
        if batch:
            pending.append(batch)
        return await self._flush(pending, warnings)

    def _record_warnings(self, warnings: list[ConnectorError]) -> None:
        for exc in warnings:
            self.outcome.warn(
                code_for(exc, Code.CODE_OTHER),
                f"skipped during discovery: {exc.message}",
                obj=exc.object,
                phase=Phase.SCAN_PHASE_DISCOVERING,
            )
            if exc.object:
                self.outcome.unreadable.append(exc.object)
        warnings.clear()

    async def _upsert(self, assets: Sequence[resources_pb2.Asset]) -> None:
        for start in range(0, len(assets), MAX_ASSETS_PER_CALL):
            await self.deps.catalog.BatchUpsertAssets(
                catalog_pb2.BatchUpsertAssetsRequest(
                    parent=self.ctx.parent,
                    assets=assets[start : start + MAX_ASSETS_PER_CALL],
                    actor=self.ctx.name,
                    counts_only=True,
                ),
                metadata=self.deps.metadata(),
            )

    async def _flush(
        self, batches: list[list[ObjectMetadata]], warnings: list[ConnectorError]
    ) -> bool:
        """Writes new containers, then queues ``batches``; False when the run stopped."""
        self._record_warnings(warnings)
        await self.handle.checkpoint("")
        if not batches:
            return True
        if self.source is None:
            raise RuntimeError("the source is opened before discovery")
        fresh: list[resources_pb2.Asset] = []
        if not self.containers:  # the source itself, above everything else
            root = self.source.root
            self.containers.add(root)
            fresh.append(convert.source_asset(root, self.source.display_name, self.ctx.source_name))
        states: list[tuple[str, int, list[str]]] = []
        for obj in (o for b in batches for o in b):
            for index, asset in enumerate(
                convert.container_assets(obj, self.source.root, self.ctx.source_name)
            ):
                if asset.qualified_name not in self.containers:
                    self.containers.add(asset.qualified_name)
                    self.kinds[obj.parents[index].type] += 1
                    fresh.append(asset)
                    states.append(
                        (
                            asset.qualified_name,
                            int(obj.parents[index].type),
                            list(obj.path[: index + 1]),
                        )
                    )
            states.append((obj.qualified_name, int(obj.type), list(obj.path)))
        if fresh:
            await self._upsert(fresh)
        async with self.deps.pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow(
                "SELECT state FROM scan.runs WHERE id = $1 FOR UPDATE", self.ctx.id
            )
            if row is None or row["state"] != State.STATE_RUNNING:
                return False
            queued = {
                r["qualified_name"]
                for r in await conn.fetch(
                    "INSERT INTO scan.run_objects (run_id, qualified_name)"
                    " SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING"
                    " RETURNING qualified_name",
                    self.ctx.id,
                    [o.qualified_name for b in batches for o in b],
                )
            }
            chosen = [[o for o in b if o.qualified_name in queued] for b in batches]
            payloads = [convert.task_payload(self.source.root, b) for b in chosen if b]
            await conn.executemany(
                "INSERT INTO scan.objects (workspace, data_source, qualified_name, type, path)"
                " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (workspace, data_source, qualified_name)"
                " DO UPDATE SET type = EXCLUDED.type, path = EXCLUDED.path, present = true,"
                " last_seen_time = now(), removed_run = NULL",
                [(self.ctx.workspace, self.ctx.data_source, q, t, p) for q, t, p in states],
            )
            if payloads:
                await queue.enqueue_many(conn, self.ctx.id, payloads)
                updated = await conn.fetchrow(
                    "UPDATE scan.runs SET tasks_total = tasks_total + $2,"
                    " objects_total = objects_total + $3 WHERE id = $1 RETURNING *",
                    self.ctx.id,
                    len(payloads),
                    sum(len(p["objects"]) for p in payloads),
                )
                if updated is not None:
                    await append_events(conn, updated, [(EventType.TYPE_PROGRESS, {})])
        if payloads:
            await events.announce(self.deps.redis, self.ctx.id)
            await queue.notify(self.deps.redis)
        return True
