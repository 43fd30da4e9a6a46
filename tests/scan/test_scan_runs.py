"""Scan runs end to end: a real PostgreSQL source scanned into the catalog, through the
datasource, classification and catalog services, exactly as across the mesh."""

from __future__ import annotations

import asyncio

import grpc
import pytest

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from pursight.common.v1 import operation_pb2, operation_pb2_grpc
from pursight.scan.v1 import scan_pb2
from tests.scan.conftest import Env, SourceDb

State = scan_pb2.ScanRun.State
Phase = scan_pb2.ScanPhase
EventType = scan_pb2.WatchScanRunResponse.Type
AssetType = resources_pb2.AssetType
Code = scan_pb2.ScanIssue.Code


def _labels(asset: resources_pb2.Asset) -> set[str]:
    return {c.label for c in asset.classifications}


async def test_full_scan_catalogues_every_object_once_with_labels_and_evidence(
    env: Env, source_db: SourceDb
) -> None:
    source = await env.postgres_source(source_db)
    scan = await env.create_scan(source, profiling_enabled=True)
    operation = await env.scans.RunScan(scan_pb2.RunScanRequest(name=scan.name), metadata=env.md)
    assert operation.name.startswith("operations/")
    events = await env.watch(operation.target)

    # The stream: a snapshot, numbered events, every phase, one finished event last.
    assert events[0].type == EventType.TYPE_SNAPSHOT
    numbers = [e.sequence for e in events[1:]]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    assert [e.finished for e in events].count(True) == 1
    assert events[-1].finished
    phases = {e.progress.phase for e in events}
    assert {Phase.SCAN_PHASE_DISCOVERING, Phase.SCAN_PHASE_RECONCILING} <= phases
    assert events[-1].state == State.STATE_SUCCEEDED

    run = await env.scans.GetScanRun(
        scan_pb2.GetScanRunRequest(name=operation.target), metadata=env.md
    )
    report = run.report
    assert run.state == State.STATE_SUCCEEDED
    assert run.progress.phase == Phase.SCAN_PHASE_DONE
    assert run.progress.fraction == 1.0
    assert (report.databases, report.schemas, report.tables, report.views) == (1, 3, 5, 1)
    assert report.objects_total == report.objects_scanned == report.objects_added == 6
    assert report.columns == 22
    assert report.columns_added == 22
    assert report.rows_sampled > 0
    assert report.warning_count == 0
    assert report.error_count == 0
    assert report.labels_by_classifier["classifiers/email"] >= 3
    assert report.duration.ToTimedelta().total_seconds() > 0
    assert run.scan_snapshot.display_name == scan.display_name
    assert not run.scan_snapshot.name

    # The operation ended with the run as its response.
    ops = operation_pb2_grpc.OperationsServiceStub(env.platform.channel)
    done = await ops.GetOperation(
        operation_pb2.GetOperationRequest(name=operation.name), metadata=env.md
    )
    assert done.done
    assert done.state == operation_pb2.Operation.State.STATE_SUCCEEDED
    response = scan_pb2.ScanRun()
    assert done.response.Unpack(response)
    assert response.report.tables == 5

    # The catalog: each object once, in its hierarchy, with comments, keys and labels.
    root = f"postgresql://{source_db.host}:{source_db.port}"
    tables = await env.assets(root, types=[AssetType.ASSET_TYPE_TABLE, AssetType.ASSET_TYPE_VIEW])
    names = sorted(a.qualified_name.removeprefix(f"{root}/{source_db.name}/") for a in tables)
    assert names == [
        "archive/old_customers",
        "hr/employees",
        "sales/customer_contacts",
        "sales/customers",
        "sales/orders",
        "sales/payments",
    ]
    columns = await env.assets(root, types=[AssetType.ASSET_TYPE_COLUMN])
    assert len(columns) == len({c.qualified_name for c in columns}) == 22
    base = f"{root}/{source_db.name}"
    customers = await env.lookup(f"{base}/sales/customers")
    assert customers.source_description == "People who bought something"
    assert customers.table.column_count == 5
    schema = await env.catalog.GetAsset(
        catalog_pb2.GetAssetRequest(name=customers.parent), metadata=env.md
    )
    database = await env.catalog.GetAsset(
        catalog_pb2.GetAssetRequest(name=schema.parent), metadata=env.md
    )
    server = await env.catalog.GetAsset(
        catalog_pb2.GetAssetRequest(name=database.parent), metadata=env.md
    )
    assert (schema.type, database.type, server.type) == (
        AssetType.ASSET_TYPE_SCHEMA,
        AssetType.ASSET_TYPE_DATABASE,
        AssetType.ASSET_TYPE_SOURCE,
    )
    assert server.qualified_name == root
    assert server.data_source == source

    email = await env.lookup(f"{base}/sales/customers#email")
    assert email.source_description == "Where receipts are sent"
    assert "pii.email" in _labels(email)
    label = next(c for c in email.classifications if c.label == "pii.email")
    assert label.origin == resources_pb2.ORIGIN_SCAN
    assert label.confidence > 0.5
    assert label.evidence.classifier == "classifiers/email"
    assert label.evidence.match_ratio >= 0.6
    assert label.evidence.sampled_count == 60
    assert label.set_by == scan.name
    assert email.column.profile.sampled_rows == 60
    assert email.column.profile.distinct_count == 60
    assert "pii.phone_number" in _labels(await env.lookup(f"{base}/sales/customers#phone"))
    assert "financial.credit_card" in _labels(
        await env.lookup(f"{base}/sales/payments#card_number")
    )
    assert not _labels(await env.lookup(f"{base}/hr/employees#salary"))
    key = await env.lookup(f"{base}/sales/customers#id")
    assert key.column.primary_key
    assert not key.column.nullable
    foreign = await env.lookup(f"{base}/sales/orders#customer_id")
    assert foreign.column.foreign_key == f"{base}/sales/customers#id"

    # A watcher that reconnects after an event gets exactly what followed it.
    middle = events[len(events) // 2].sequence
    resumed = await env.watch(operation.target, after=middle)
    assert [e.sequence for e in resumed] == [e.sequence for e in events if e.sequence > middle]
    # ... and one that opens after the end gets the final snapshot.
    late = await env.watch(operation.target)
    assert len(late) == 1
    assert late[0].finished
    assert late[0].report.tables == 5

    listed = await env.scans.ListScanRuns(
        scan_pb2.ListScanRunsRequest(parent=scan.name), metadata=env.md
    )
    assert [r.name for r in listed.scan_runs] == [run.name]
    again = await env.scans.GetScan(scan_pb2.GetScanRequest(name=scan.name), metadata=env.md)
    assert again.last_run == run.name
    assert again.last_run_state == State.STATE_SUCCEEDED
    assert again.HasField("last_success_time")


async def test_scope_limits_what_is_read(env: Env, source_db: SourceDb) -> None:
    source = await env.postgres_source(source_db)
    scope = scan_pb2.ScanScope(
        include_schemas=["sales", "hr"], exclude_tables=["sales.orders"], exclude_views=True
    )
    scan = await env.create_scan(source, scope=scope, metadata_only=True)
    request = scan_pb2.RunScanRequest(name=scan.name, request_id="scope-run-1")
    operation = await env.scans.RunScan(request, metadata=env.md)
    retried = await env.scans.RunScan(request, metadata=env.md)  # a retry, not a second run
    assert retried.name == operation.name
    assert retried.target == operation.target
    await env.watch(operation.target)
    run = await env.scans.GetScanRun(
        scan_pb2.GetScanRunRequest(name=operation.target), metadata=env.md
    )
    assert run.state == State.STATE_SUCCEEDED
    assert run.trigger == scan_pb2.ScanRun.Trigger.TRIGGER_MANUAL
    assert run.initiator == "users/admin"
    assert (run.report.tables, run.report.views, run.report.rows_sampled) == (3, 0, 0)
    base = f"postgresql://{source_db.host}:{source_db.port}/{source_db.name}"
    tables = await env.assets(base, types=[AssetType.ASSET_TYPE_TABLE, AssetType.ASSET_TYPE_VIEW])
    assert sorted(a.display_name for a in tables) == ["customers", "employees", "payments"]
    email = await env.lookup(f"{base}/sales/customers#email")
    assert not email.classifications  # metadata only: nothing sampled, nothing labelled


async def test_drift_is_recorded_and_dropped_tables_are_marked_deleted(
    env: Env, source_db: SourceDb
) -> None:
    source = await env.postgres_source(source_db)
    scan = await env.create_scan(source, mode=scan_pb2.SCAN_MODE_INCREMENTAL)
    first = await env.run(scan.name)
    assert first.mode == scan_pb2.SCAN_MODE_FULL  # nothing to compare with yet
    base = f"postgresql://{source_db.host}:{source_db.port}/{source_db.name}"
    await source_db.execute(
        "ALTER TABLE sales.customers ADD COLUMN loyalty_tier text;"
        " ALTER TABLE hr.employees DROP COLUMN salary;"
        " DROP TABLE archive.old_customers;"
    )
    second = await env.run(scan.name)
    assert second.mode == scan_pb2.SCAN_MODE_INCREMENTAL
    report = second.report
    assert second.state == State.STATE_SUCCEEDED
    assert (report.objects_added, report.objects_changed, report.objects_removed) == (0, 2, 1)
    assert (report.columns_added, report.columns_removed) == (1, 3)  # salary + 2 archived
    assert report.objects_total == 5

    gone = await env.lookup(f"{base}/archive/old_customers")
    assert gone.deleted
    assert (await env.lookup(f"{base}/archive/old_customers#email")).deleted
    assert (await env.lookup(f"{base}/hr/employees#salary")).deleted
    assert not (await env.lookup(f"{base}/hr/employees#name")).deleted
    live = await env.assets(base)
    assert f"{base}/archive/old_customers" not in {a.qualified_name for a in live}
    assert "pii.email" in _labels(await env.lookup(f"{base}/sales/customers#email"))

    customers = await env.lookup(f"{base}/sales/customers")
    history = await env.catalog.ListAssetChanges(
        catalog_pb2.ListAssetChangesRequest(asset=customers.name), metadata=env.md
    )
    kinds = [c.kind for c in history.changes]
    assert resources_pb2.AssetChange.Kind.KIND_SCHEMA_CHANGED in kinds
    assert history.changes[0].actor == second.name
    removed = await env.catalog.ListAssetChanges(
        catalog_pb2.ListAssetChangesRequest(asset=gone.name), metadata=env.md
    )
    assert removed.changes[0].kind == resources_pb2.AssetChange.Kind.KIND_DELETED

    # Unchanged since: nothing added, changed or removed the next time.
    third = await env.run(scan.name)
    assert (third.report.objects_added, third.report.objects_changed) == (0, 0)
    assert third.report.objects_removed == 0


async def test_a_dropped_table_is_marked_deleted_beside_an_unseen_sibling_sharing_its_name(
    env: Env, source_db: SourceDb
) -> None:
    await source_db.execute(
        "CREATE TABLE sales.leads (id integer, email text);"
        " CREATE TABLE sales.leads_archive (id integer, email text);"
    )
    source = await env.postgres_source(source_db)
    everything = await env.create_scan(source, metadata_only=True)
    await env.run(everything.name)
    # A second scan of the same source that never looks at the archive: the archive
    # stays unseen, and its name extends the dropped table's.
    scoped = await env.create_scan(
        source,
        metadata_only=True,
        scope=scan_pb2.ScanScope(exclude_tables=["sales.leads_archive"]),
    )
    await source_db.execute("DROP TABLE sales.leads;")
    run = await env.run(scoped.name)
    assert run.state == State.STATE_SUCCEEDED
    assert (run.report.objects_removed, run.report.columns_removed) == (1, 2)
    base = f"postgresql://{source_db.host}:{source_db.port}/{source_db.name}"
    assert (await env.lookup(f"{base}/sales/leads")).deleted  # not a lingering table
    assert (await env.lookup(f"{base}/sales/leads#email")).deleted
    assert not (await env.lookup(f"{base}/sales/leads_archive")).deleted
    assert not (await env.lookup(f"{base}/sales/leads_archive#email")).deleted
    assert not (await env.lookup(f"{base}/sales/customers")).deleted
    assert run.report.warning_count == 0  # nothing left undone to warn about


async def test_a_broken_view_is_a_warning_and_the_rest_completes(
    env: Env, source_db: SourceDb
) -> None:
    await source_db.execute(
        "CREATE FUNCTION sales.explode() RETURNS integer LANGUAGE plpgsql AS"
        " $$ BEGIN RAISE EXCEPTION 'secret-value-42 is not allowed'; END $$;"
        " CREATE VIEW sales.broken AS SELECT sales.explode() AS boom;"
    )
    source = await env.postgres_source(source_db)
    scan = await env.create_scan(source)
    run = await env.run(scan.name)
    assert run.state == State.STATE_SUCCEEDED
    report = run.report
    assert report.views == 2
    assert report.tables == 5
    assert report.objects_failed == 0
    base = f"postgresql://{source_db.host}:{source_db.port}/{source_db.name}"
    assert report.warning_count == 1
    assert len(report.warnings) == 1
    warning = report.warnings[0]
    assert warning.object == f"{base}/sales/broken"
    assert warning.code == Code.CODE_SAMPLING_FAILED
    assert warning.severity == scan_pb2.ScanIssue.Severity.SEVERITY_WARNING
    assert "secret-value-42" not in warning.message  # driver text may quote data
    broken = await env.lookup(f"{base}/sales/broken#boom")
    assert broken.column.data_type == "integer"
    assert "pii.email" in _labels(await env.lookup(f"{base}/sales/customers#email"))


async def test_a_second_run_is_refused_while_one_is_active_and_cancel_stops_it(
    env: Env, source_db: SourceDb
) -> None:
    views = " ".join(
        f"CREATE VIEW sales.slow_{i} AS SELECT x, pg_sleep(0.15)::text AS pause"  # noqa: S608 - test DDL
        " FROM generate_series(1, 1) x;"
        for i in range(40)
    )
    await source_db.execute(views)
    source = await env.postgres_source(source_db)
    scan = await env.create_scan(source)
    operation = await env.scans.RunScan(scan_pb2.RunScanRequest(name=scan.name), metadata=env.md)
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await env.scans.RunScan(scan_pb2.RunScanRequest(name=scan.name), metadata=env.md)
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION

    stream = env.scans.WatchScanRun(
        scan_pb2.WatchScanRunRequest(name=operation.target), metadata=env.md
    )
    async with asyncio.timeout(20):
        async for event in stream:
            if event.progress.objects_done > 0:
                break
    cancelled_at = asyncio.get_running_loop().time()
    cancelling = await env.scans.CancelScanRun(
        scan_pb2.CancelScanRunRequest(name=operation.target), metadata=env.md
    )
    assert cancelling.state in (State.STATE_CANCELLING, State.STATE_CANCELLED)
    events = await env.watch(operation.target, after=0)
    took = asyncio.get_running_loop().time() - cancelled_at
    assert events[-1].finished
    assert events[-1].state == State.STATE_CANCELLED
    assert took < 5, f"cancellation took {took:.1f}s"
    run = await env.scans.GetScanRun(
        scan_pb2.GetScanRunRequest(name=operation.target), metadata=env.md
    )
    assert run.state == State.STATE_CANCELLED
    assert 0 < run.report.objects_scanned < run.report.objects_total == 46
    ops = operation_pb2_grpc.OperationsServiceStub(env.platform.channel)
    done = await ops.GetOperation(
        operation_pb2.GetOperationRequest(name=operation.name), metadata=env.md
    )
    assert done.state == operation_pb2.Operation.State.STATE_CANCELLED
    again = await env.scans.CancelScanRun(
        scan_pb2.CancelScanRunRequest(name=operation.target), metadata=env.md
    )
    assert again.state == State.STATE_CANCELLED  # a no-op on a finished run

    # Cancelling the operation cancels the run too.
    second = await env.scans.RunScan(scan_pb2.RunScanRequest(name=scan.name), metadata=env.md)
    await ops.CancelOperation(
        operation_pb2.CancelOperationRequest(name=second.name), metadata=env.md
    )
    events = await env.watch(second.target)
    assert events[-1].state == State.STATE_CANCELLED
