"""The scan workers of one process: N loops sharing the queue with every other process.

Each loop claims a task, keeps its lease alive with a heartbeat while a handler works
on it, and completes it with the handler's outcome. Idle loops sleep until a Redis
announcement says there is work, or until the poll interval passes (an expired lease
announces nothing). A maintenance loop starts scheduled runs and carries cancellations
made through ``OperationsService.CancelOperation`` over to the runs.

Stopping is graceful: loops finish the object in hand, hand their task back and exit.
``abandon`` instead drops everything at once, leases included, as a crashed process
would; the tasks it held are taken again when their leases expire.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid

import grpc
import redis.asyncio as redis

from pursight.catalog.v1 import catalog_pb2_grpc
from pursight.classification.v1 import classification_pb2_grpc
from pursight.compliance.v1 import compliance_pb2_grpc
from services.runtime.errors import ServiceError
from services.runtime.operations import OperationStore
from services.runtime.service import Runtime
from services.scan import events, queue, runs, scheduler
from services.scan.accounting import append_events, complete
from services.scan.config import ScanConfig
from services.scan.context import Contexts, RunContext
from services.scan.deps import Interrupted, TaskHandle, WorkerDeps
from services.scan.finalize import Finalizer
from services.scan.planner import Planner, fail_run
from services.scan.process import ObjectProcessor
from services.scan.report import Code, Outcome
from services.scan.sources import SourceResolver

log = logging.getLogger(__name__)
MAINTENANCE_SECONDS = 2.0
STOP_GRACE_SECONDS = 10.0
# How long abandon waits for a cancelled task before cancelling it again.
CANCEL_AGAIN_SECONDS = 1.0


async def _stop_heartbeat(beat: asyncio.Task[None]) -> None:
    """Cancels a task's heartbeat and waits for it. The heartbeat's own CancelledError is
    expected; one aimed at the worker loop (``abandon`` cancelling it while it waits
    here) is passed on, not swallowed with the heartbeat's."""
    beat.cancel()
    try:
        await beat
    except asyncio.CancelledError:
        current = asyncio.current_task()
        if current is not None and current.cancelling():
            raise


def _owner() -> str:
    """A lease owner id unique to this pool: host, process, random."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class WorkerPool:
    """The worker loops, heartbeats and maintenance of one process."""

    def __init__(self, runtime: Runtime, config: ScanConfig, resolver: SourceResolver) -> None:
        self.config = config
        self.owner = _owner()
        pool = runtime.db.primary
        self.deps = WorkerDeps(
            pool=pool,
            redis=runtime.redis,
            queue=queue.Queue(pool, self.owner, config.lease_seconds),
            config=config,
            resolver=resolver,
            catalog=runtime.clients.stub("catalog", catalog_pb2_grpc.CatalogServiceStub),
            classification=runtime.clients.stub(
                "classification", classification_pb2_grpc.ClassificationServiceStub
            ),
            compliance=runtime.clients.stub(
                "compliance", compliance_pb2_grpc.ComplianceServiceStub
            ),
            metadata=lambda: runtime.identity.metadata("scan"),
        )
        self.contexts = Contexts(pool)
        self._stopping = asyncio.Event()
        self._wake = asyncio.Event()
        self._loops: list[asyncio.Task[None]] = []
        self._background: list[asyncio.Task[None]] = []
        self._held: dict[int, TaskHandle] = {}

    async def start(self) -> None:
        if self.config.workers == 0 or self._loops:
            return
        self._stopping.clear()
        self._background = [
            asyncio.create_task(self._listen(), name=f"scan-listen:{self.owner}"),
            asyncio.create_task(self._maintain(), name=f"scan-maintain:{self.owner}"),
        ]
        self._loops = [
            asyncio.create_task(self._loop(), name=f"scan-worker:{self.owner}:{i}")
            for i in range(self.config.workers)
        ]

    async def stop(self, grace: float = STOP_GRACE_SECONDS) -> None:
        """Finishes the objects in hand, hands tasks back, stops the loops."""
        if not self._loops and not self._background:
            return
        self._stopping.set()
        self._wake.set()
        if self._loops:
            _, late = await asyncio.wait(self._loops, timeout=grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        await self._cancel(self._background)
        self._loops, self._background = [], []
        await self.contexts.close()

    async def abandon(self) -> None:
        """Stops everything at once without handing anything back, as a crash would:
        held tasks stay leased until their leases expire."""
        # Set before the loops run again: one that outlives its cancellation (swallowed
        # somewhere below it) must not take another task.
        self._stopping.set()
        await self._cancel([*self._loops, *self._background])
        self._loops, self._background = [], []
        await self.contexts.close()  # its connections to sources die with it

    @staticmethod
    async def _cancel(tasks: list[asyncio.Task[None]]) -> None:
        """Cancels ``tasks`` and waits for them to end, cancelling again any that swallowed
        the cancellation: waiting on such a task alone would wait forever."""
        pending = {task for task in tasks if not task.done()}
        while pending:
            for task in pending:
                task.cancel()
            _, pending = await asyncio.wait(pending, timeout=CANCEL_AGAIN_SECONDS)
            if pending:
                log.warning("%d scan task(s) outlived their cancellation", len(pending))
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- loops ------------------------------------------------------------------------

    async def _listen(self) -> None:
        """Wakes idle loops when any process announces work."""
        while True:
            pubsub = self.deps.redis.pubsub()
            try:
                await pubsub.subscribe(events.TASKS_CHANNEL)
                while True:
                    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=5.0)
                    if message is not None:
                        self._wake.set()
            except (redis.RedisError, OSError):
                log.warning("scan work announcements lost; polling until Redis answers")
                await asyncio.sleep(self.config.poll_seconds)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated

    async def _idle(self) -> None:
        self._wake.clear()
        # Not asyncio.wait_for: on Python 3.11 it returns normally when the loop is
        # cancelled just as the wake-up arrives, and the cancelled loop would run on.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.config.poll_seconds):
                await self._wake.wait()

    async def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                task = await self.deps.queue.claim()
            except Exception:  # the database may be restarting; try again shortly
                log.warning("claiming a scan task failed", exc_info=True)
                await asyncio.sleep(self.config.poll_seconds)
                continue
            if task is None:
                await self._idle()
                continue
            await self._work(task)

    async def _heartbeat(self, handle: TaskHandle) -> None:
        interval = max(self.config.lease_seconds / 3, 0.2)
        while True:
            await asyncio.sleep(interval)
            try:
                if not await self.deps.queue.heartbeat(handle.task):
                    handle.lost = True
                    return
            except Exception:  # a missed beat is not a lost lease; the next may land
                log.warning("scan lease heartbeat failed", exc_info=True)

    async def _work(self, task: queue.Task) -> None:
        handle = TaskHandle(
            self.deps.queue, task, self._stopping, self._operation_cancelled, self._progress
        )
        beat = asyncio.create_task(self._heartbeat(handle))
        self._held[task.id] = handle
        try:
            ctx = await self.contexts.get(task.run_id)
            if ctx is None:
                return  # the run was deleted with its tasks
            await self._dispatch(ctx, handle)
        except Interrupted as exc:
            if exc.release:
                await self.deps.queue.release(task)
        except Exception:
            log.exception("scan task %s (%s) of run %s failed", task.id, task.kind, task.run_id)
            await self._give_up(task)
        finally:
            self._held.pop(task.id, None)
            await _stop_heartbeat(beat)

    async def _dispatch(self, ctx: RunContext, handle: TaskHandle) -> None:
        task = handle.task
        if task.kind == queue.FINALIZE:
            await Finalizer(self.deps, ctx, handle).run()
            await self._complete(task, None)
            await self.contexts.drop(ctx.id)
            return
        if task.kind == queue.PLAN:
            outcome = await Planner(self.deps, ctx, handle).run()
        else:
            outcome = await ObjectProcessor(self.deps, ctx, handle).run()
        if handle.lost:
            raise Interrupted
        await self._complete(task, outcome)

    async def _complete(self, task: queue.Task, outcome: Outcome | None) -> None:
        if outcome is None:  # a finalization: just leave the queue
            async with self.deps.pool.acquire() as conn, conn.transaction():
                await self.deps.queue.take_over(conn, task)
            return
        row = await complete(self.deps.pool, self.deps.redis, self.deps.queue, task, outcome)
        if row is not None and row["finalize_queued"]:
            await queue.notify(self.deps.redis)

    async def _give_up(self, task: queue.Task) -> None:
        """A handler failed unexpectedly: the task's work is lost but the run must go
        on (objects fail) or end (planning fails the run)."""
        try:
            outcome = Outcome()
            if task.kind == queue.PLAN:
                await fail_run(
                    self.deps, task.run_id, grpc.StatusCode.INTERNAL, "planning failed unexpectedly"
                )
                outcome.error(Code.CODE_OTHER, "planning failed unexpectedly")
            elif task.kind == queue.OBJECTS:
                for obj in task.payload.get("objects", []):
                    outcome.error(
                        Code.CODE_OTHER, "processing failed unexpectedly", obj=obj["qualified_name"]
                    )
                    outcome.objects_failed += 1
            else:  # a finalization that fails is retried after its lease expires
                return
            await self._complete(task, outcome)
        except Exception:
            log.exception("recording the failure of scan task %s failed", task.id)

    # -- maintenance ------------------------------------------------------------------

    async def _maintain(self) -> None:
        while not self._stopping.is_set():
            try:
                started = await scheduler.start_due_runs(self.deps.pool, self.deps.redis)
                if started:
                    await queue.notify(self.deps.redis)
                await self._carry_cancellations()
                await self.contexts.sweep({h.task.run_id for h in self._held.values()})
            except Exception:  # keep maintaining; the next round may succeed
                log.warning("scan maintenance failed", exc_info=True)
            await asyncio.sleep(MAINTENANCE_SECONDS)

    async def _progress(self, run_id: str) -> None:
        """A progress event between task completions, for runs with slow objects."""
        async with self.deps.pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow("SELECT * FROM scan.runs WHERE id = $1", run_id)
            if row is None or row["state"] in runs.TERMINAL:
                return
            await append_events(conn, row, [(events.EventType.TYPE_PROGRESS, {})])
        await events.announce(self.deps.redis, run_id)

    async def _operation_cancelled(self, run_id: str) -> int | None:
        """When the run's operation was cancelled, cancels the run; its new state."""
        ctx = await self.contexts.get(run_id)
        if ctx is None:
            return None
        store = OperationStore(self.deps.pool, self.deps.redis)
        if not await store.cancel_requested(ctx.operation):
            return None
        row = await runs.cancel_run(self.deps.pool, self.deps.redis, run_id)
        return int(row["state"]) if row is not None else None

    async def _carry_cancellations(self) -> None:
        """Runs whose operation was cancelled through OperationsService are cancelled."""
        rows = await self.deps.pool.fetch(
            "SELECT id, operation FROM scan.runs WHERE state = ANY($1::smallint[])",
            [runs.State.STATE_PENDING, runs.State.STATE_RUNNING],
        )
        store = OperationStore(self.deps.pool, self.deps.redis)
        for row in rows:
            try:
                if await store.cancel_requested(row["operation"]):
                    await runs.cancel_run(self.deps.pool, self.deps.redis, row["id"])
            except ServiceError:
                continue  # the operation was deleted; nothing to carry over
