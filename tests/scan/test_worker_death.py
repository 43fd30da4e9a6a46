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
from tests.scan.conftest import Env, SourceDb

State = scan_pb2.ScanRun.State
AssetType = resources_pb2.AssetType
SLOW_VIEWS = 24


async def test_a_killed_worker_leaves_its_tasks_to_others_and_the_scan_ends_once(
    env: Env, source_db: SourceDb, monkeypatch: pytest.MonkeyPatch
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
    monkeypatch.setenv("PURSIGHT_SCAN_LEASE_SECONDS", "2")
    monkeypatch.setenv("PURSIGHT_SCAN_BATCH_OBJECTS", "2")
    settings = replace(
        platform.settings,
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
