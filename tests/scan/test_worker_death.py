"""A scan worker process dies mid-scan: its tasks are taken again when their leases
expire, and the run still finishes exactly once with every object catalogued once."""

from __future__ import annotations

import asyncio

import pytest

from pursight.catalog.v1 import resources_pb2
from pursight.common.v1 import operation_pb2, operation_pb2_grpc
from pursight.scan.v1 import scan_pb2
from services.runtime.server import PursightServer
from services.runtime.settings import replace
from services.scan import queue
from services.scan.config import ScanConfig
from services.scan.context import RunContext
from services.scan.worker import WorkerPool
from tests.conftest import Platform
from tests.scan.conftest import Env, SourceDb

State = scan_pb2.ScanRun.State
AssetType = resources_pb2.AssetType
SLOW_VIEWS = 24


async def test_a_killed_worker_leaves_its_tasks_to_others_and_the_scan_ends_once(
    env: Env, source_db: SourceDb
) -> None:
    await source_db.execute(
        " ".join(
            f"CREATE VIEW sales.slow_{i} AS SELECT x, pg_sleep(0.1)::text AS pause"  # noqa: S608 - test DDL
            " FROM generate_series(1, 1) x;"
            for i in range(SLOW_VIEWS)
        )
    )
    platform = env.platform
    assert platform.server.stores is not None
    here = platform.server.address
    # A second scan replica sharing the platform's stores, with short leases.
    settings = replace(
        platform.settings,
        scan_lease_seconds=2.0,
        scan_batch_objects=2,
        grpc_port=0,
        service_addresses=",".join(
            f"{s}={here}" for s in ("auth", "catalog", "classification", "datasource")
        ),
    )
    # The platform's own workers sit out the start, so the replica takes the first tasks;
    # they come back to find the replica's leases running out.
    survivors = platform.server.servicers["scan"].pool
    await survivors.stop()
    replica = await PursightServer(settings, ["scan"], stores=platform.server.stores).start()
    doomed = replica.servicers["scan"].pool
    try:
        source = await env.postgres_source(source_db)
        scan = await env.create_scan(source)
        operation = await env.scans.RunScan(
            scan_pb2.RunScanRequest(name=scan.name), metadata=env.md
        )
        pool = platform.server.stores.db.primary
        for _ in range(1000):  # until the replica holds some of the run's objects
            if await pool.fetchval(
                "SELECT count(*) FROM scan.tasks WHERE lease_owner = $1 AND kind = 'objects'",
                doomed.owner,
            ):
                break
            await asyncio.sleep(0.01)
        else:
            pytest.fail("the replica never took a task")
        await doomed.abandon()  # killed: no lease is handed back
        held = await pool.fetchval(
            "SELECT count(*) FROM scan.tasks WHERE lease_owner = $1", doomed.owner
        )
        assert held >= 1
    finally:
        await replica.stop(0)
        await survivors.start()

    events = await env.watch(operation.target)
    assert [e.finished for e in events].count(True) == 1
    run = await env.scans.GetScanRun(
        scan_pb2.GetScanRunRequest(name=operation.target), metadata=env.md
    )
    assert run.state == State.STATE_SUCCEEDED, run.report
    report = run.report
    total = 6 + SLOW_VIEWS
    assert report.objects_total == report.objects_scanned == total
    assert (report.tables, report.views) == (5, 1 + SLOW_VIEWS)
    retried = [w for w in report.warnings if w.code == scan_pb2.ScanIssue.Code.CODE_TASK_RETRIED]
    assert retried, "the dead worker's tasks were taken again"

    base = f"postgresql://{source_db.host}:{source_db.port}/{source_db.name}"
    objects = await env.assets(base, types=[AssetType.ASSET_TYPE_TABLE, AssetType.ASSET_TYPE_VIEW])
    assert len(objects) == len({a.qualified_name for a in objects}) == total
    columns = await env.assets(base, types=[AssetType.ASSET_TYPE_COLUMN])
    assert len(columns) == len({a.qualified_name for a in columns}) == 22 + 2 * SLOW_VIEWS

    ops = operation_pb2_grpc.OperationsServiceStub(platform.channel)
    done = await ops.GetOperation(
        operation_pb2.GetOperationRequest(name=operation.name), metadata=env.md
    )
    assert done.done
    assert done.state == operation_pb2.Operation.State.STATE_SUCCEEDED
    finished = await platform.server.stores.db.primary.fetchval(
        "SELECT count(*) FROM scan.events WHERE run_id = $1 AND sequence > 0"
        " AND payload IS NOT NULL",
        operation.target.rsplit("/", 1)[-1],
    )
    assert finished == events[-1].sequence  # every event once, numbered without gaps


class _ScriptedQueue(queue.Queue):
    """Hands out ``tasks`` (then nothing) and counts claims; its heartbeat blocks until
    cancelled, then takes a moment to let go, as a query in flight does."""

    def __init__(self, tasks: list[queue.Task]) -> None:
        super().__init__(None, "scripted", 0.6)  # type: ignore[arg-type]  # never queried
        self.tasks = tasks
        self.claims = 0
        self.idle = asyncio.Event()  # found nothing more than once: waiting for a wake-up
        self.letting_go = asyncio.Event()

    async def claim(self) -> queue.Task | None:
        self.claims += 1
        if self.tasks:
            return self.tasks.pop(0)
        if self.claims > 1:
            self.idle.set()
        return None

    async def heartbeat(self, task: queue.Task) -> bool:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            self.letting_go.set()
            await asyncio.sleep(0.05)
            raise
        return True  # pragma: no cover - only cancelled


def _pool(platform: Platform, tasks: list[queue.Task]) -> tuple[WorkerPool, _ScriptedQueue]:
    runtime = platform.server.runtime
    assert runtime is not None
    scan = platform.server.servicers["scan"].pool
    config = ScanConfig(workers=1, lease_seconds=0.6, poll_seconds=0.05)  # a beat each 0.2 s
    pool = WorkerPool(runtime, config, scan.deps.resolver)
    scripted = _ScriptedQueue(tasks)
    pool.deps.queue = scripted
    return pool, scripted


async def _abandoned(pool: WorkerPool, scripted: _ScriptedQueue) -> None:
    claims = scripted.claims
    async with asyncio.timeout(10):
        await pool.abandon()
    await asyncio.sleep(0.3)  # several poll intervals: a loop still running would claim
    assert scripted.claims == claims, "the killed worker took more tasks"


async def test_a_worker_killed_while_letting_go_of_a_task_stops(
    platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kill lands while the loop waits for its task's cancelled heartbeat: that
    CancelledError is the loop's, not the heartbeat's, and must end it."""
    task = queue.Task(1, "no-such-run", queue.OBJECTS, {}, 1, 0)
    pool, scripted = _pool(platform, [task])

    async def slow_run(run_id: str) -> RunContext | None:
        await asyncio.sleep(0.4)  # past the first heartbeat, which then blocks
        return None  # the run is gone: the task ends at once

    monkeypatch.setattr(pool.contexts, "get", slow_run)
    await pool.start()
    async with asyncio.timeout(10):
        await scripted.letting_go.wait()
    await _abandoned(pool, scripted)


async def test_a_worker_killed_as_work_is_announced_stops(platform: Platform) -> None:
    """The kill lands in the same instant as a work announcement wakes the idle loop."""
    pool, scripted = _pool(platform, [])
    await pool.start()
    async with asyncio.timeout(10):
        await scripted.idle.wait()
    pool._wake.set()
    await _abandoned(pool, scripted)
