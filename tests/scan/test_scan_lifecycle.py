"""Runs that fail, runs started by a schedule, and scans deleted while running."""

from __future__ import annotations

import asyncio

import grpc
import pytest

from pursight.common.v1 import operation_pb2, operation_pb2_grpc
from pursight.datasource.v1 import datasource_pb2
from pursight.scan.v1 import scan_pb2
from tests.scan.conftest import Env, SourceDb

State = scan_pb2.ScanRun.State


async def test_an_unreachable_source_fails_the_run_with_a_reason(env: Env) -> None:
    created = await env.sources.CreateDataSource(
        datasource_pb2.CreateDataSourceRequest(
            parent=env.workspace,
            data_source=datasource_pb2.DataSource(
                display_name="Nowhere",
                kind=datasource_pb2.KIND_POSTGRESQL,
                postgresql=datasource_pb2.PostgreSqlConfig(
                    host="127.0.0.1", port=1, database="shop", user="reader"
                ),
                credential=datasource_pb2.Credential(password="not-used-1"),
            ),
        ),
        metadata=env.md,
    )
    scan = await env.create_scan(created.name)
    run = await env.run(scan.name)
    assert run.state == State.STATE_FAILED
    assert run.error.code == grpc.StatusCode.UNAVAILABLE.value[0]
    assert "not-used-1" not in run.error.message
    assert run.report.error_count == 1
    assert run.report.objects_total == 0
    ops = operation_pb2_grpc.OperationsServiceStub(env.platform.channel)
    done = await ops.GetOperation(
        operation_pb2.GetOperationRequest(name=run.operation), metadata=env.md
    )
    assert done.state == operation_pb2.Operation.State.STATE_FAILED
    assert done.error.code == run.error.code


async def test_a_due_schedule_starts_a_run_and_force_delete_cancels_it(
    env: Env, source_db: SourceDb
) -> None:
    await source_db.execute(
        " ".join(
            f"CREATE VIEW sales.slow_{i} AS SELECT x, pg_sleep(0.2)::text AS pause"  # noqa: S608 - test DDL
            " FROM generate_series(1, 1) x;"
            for i in range(24)
        )
    )
    source = await env.postgres_source(source_db)
    scan = await env.create_scan(
        source, schedule=scan_pb2.ScanSchedule(cron="0 3 * * *", enabled=True)
    )
    assert env.platform.server.stores is not None
    pool = env.platform.server.stores.db.primary
    workspace, data_source, scan_id = (scan.name.split("/")[i] for i in (1, 3, 5))
    await pool.execute(
        "UPDATE scan.scans SET next_run_time = now() - interval '1 second'"
        " WHERE workspace = $1 AND data_source = $2 AND id = $3",
        workspace,
        data_source,
        scan_id,
    )
    runs: list[scan_pb2.ScanRun] = []
    for _ in range(100):  # the maintenance loop looks every 2 seconds
        listed = await env.scans.ListScanRuns(
            scan_pb2.ListScanRunsRequest(parent=scan.name), metadata=env.md
        )
        runs = list(listed.scan_runs)
        if runs:
            break
        await asyncio.sleep(0.05)
    assert len(runs) == 1
    run = runs[0]
    assert run.trigger == scan_pb2.ScanRun.Trigger.TRIGGER_SCHEDULE
    assert run.initiator == "users/admin"
    rescheduled = await env.scans.GetScan(scan_pb2.GetScanRequest(name=scan.name), metadata=env.md)
    assert rescheduled.schedule.next_run_time.ToDatetime().hour == 3

    with pytest.raises(grpc.aio.AioRpcError) as busy:
        await env.scans.DeleteScan(scan_pb2.DeleteScanRequest(name=scan.name), metadata=env.md)
    assert busy.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    await env.scans.DeleteScan(
        scan_pb2.DeleteScanRequest(name=scan.name, force=True), metadata=env.md
    )
    with pytest.raises(grpc.aio.AioRpcError) as gone:
        await env.scans.GetScanRun(scan_pb2.GetScanRunRequest(name=run.name), metadata=env.md)
    assert gone.value.code() == grpc.StatusCode.NOT_FOUND
    ops = operation_pb2_grpc.OperationsServiceStub(env.platform.channel)
    done = await ops.GetOperation(
        operation_pb2.GetOperationRequest(name=run.operation), metadata=env.md
    )
    assert done.state == operation_pb2.Operation.State.STATE_CANCELLED
    # The workers that held its tasks let go of them; nothing of the run is left queued.
    await asyncio.sleep(0.5)
    left = await pool.fetchval(
        "SELECT count(*) FROM scan.tasks WHERE run_id = $1", run.name.rsplit("/", 1)[-1]
    )
    assert left == 0
