"""Scan definitions: create, read, list, update, delete, validation and schedules."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import field_mask_pb2
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from pursight.scan.v1 import scan_pb2
from tests.scan.conftest import Env, SourceDb


def _violations(error: grpc.aio.AioRpcError) -> dict[str, str]:
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    assert status is not None
    found: dict[str, str] = {}
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            request = error_details_pb2.BadRequest()
            detail.Unpack(request)
            found.update({v.field: v.description for v in request.field_violations})
    return found


async def test_create_validates_every_field_at_once(env: Env, source_db: SourceDb) -> None:
    source = await env.postgres_source(source_db)
    bad = scan_pb2.Scan(
        display_name="",
        sample_size=20_000,
        rule_set="workspaces/other/ruleSets/strict",
        scope=scan_pb2.ScanScope(include_tables=["re:(unclosed"]),
        schedule=scan_pb2.ScanSchedule(cron="61 * * * *", time_zone="Mars/Olympus"),
        metadata_only=True,
        profiling_enabled=True,
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await env.scans.CreateScan(
            scan_pb2.CreateScanRequest(parent=source, scan=bad), metadata=env.md
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(_violations(caught.value)) == {
        "scan.display_name",
        "scan.sample_size",
        "scan.rule_set",
        "scan.scope.include_tables[0]",
        "scan.schedule.cron",
        "scan.schedule.time_zone",
        "scan.profiling_enabled",
    }
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await env.scans.CreateScan(
            scan_pb2.CreateScanRequest(
                parent=f"{env.workspace}/dataSources/nope", scan=scan_pb2.Scan(display_name="x")
            ),
            metadata=env.md,
        )
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND


async def test_crud_with_etags_masks_request_ids_and_schedules(
    env: Env, source_db: SourceDb
) -> None:
    source = await env.postgres_source(source_db)
    request = scan_pb2.CreateScanRequest(
        parent=source,
        scan=scan_pb2.Scan(
            display_name="Nightly PII",
            schedule=scan_pb2.ScanSchedule(
                cron="0 2 * * *", time_zone="Europe/Paris", enabled=True
            ),
            labels={"team": "governance"},
        ),
        request_id="create-nightly-1",
    )
    created = await env.scans.CreateScan(request, metadata=env.md)
    assert created.name == f"{source}/scans/nightly-pii"
    assert created.sample_size == 128
    assert created.mode == scan_pb2.SCAN_MODE_FULL
    assert created.creator == "users/admin"
    assert created.etag
    next_run = created.schedule.next_run_time.ToDatetime()
    assert next_run.minute == 0
    assert next_run.hour in (0, 1)
    again = await env.scans.CreateScan(request, metadata=env.md)  # a retried create
    assert again.name == created.name
    assert again.create_time == created.create_time
    with pytest.raises(grpc.aio.AioRpcError) as twin:
        await env.scans.CreateScan(
            scan_pb2.CreateScanRequest(
                parent=source, scan=scan_pb2.Scan(display_name="nightly pii")
            ),
            metadata=env.md,
        )
    assert twin.value.code() == grpc.StatusCode.ALREADY_EXISTS

    update = scan_pb2.Scan(
        name=created.name,
        sample_size=500,
        description="ignored: not in the mask",
        etag=created.etag,
        scope=scan_pb2.ScanScope(include_schemas=["sales"]),
    )
    updated = await env.scans.UpdateScan(
        scan_pb2.UpdateScanRequest(
            scan=update, update_mask=field_mask_pb2.FieldMask(paths=["sample_size", "scope"])
        ),
        metadata=env.md,
    )
    assert updated.sample_size == 500
    assert list(updated.scope.include_schemas) == ["sales"]
    assert updated.description == ""
    assert updated.etag != created.etag
    assert updated.labels == {"team": "governance"}
    with pytest.raises(grpc.aio.AioRpcError) as stale:
        await env.scans.UpdateScan(
            scan_pb2.UpdateScanRequest(
                scan=scan_pb2.Scan(name=created.name, sample_size=10, etag=created.etag),
                update_mask=field_mask_pb2.FieldMask(paths=["sample_size"]),
            ),
            metadata=env.md,
        )
    assert stale.value.code() == grpc.StatusCode.ABORTED
    paused = await env.scans.UpdateScan(
        scan_pb2.UpdateScanRequest(
            scan=scan_pb2.Scan(
                name=created.name, schedule=scan_pb2.ScanSchedule(cron="*/15 * * * *")
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["schedule"]),
        ),
        metadata=env.md,
    )
    assert paused.schedule.cron == "*/15 * * * *"
    assert not paused.schedule.HasField("next_run_time")  # not enabled

    for name in ("Alpha", "beta", "Gamma"):
        await env.scans.CreateScan(
            scan_pb2.CreateScanRequest(parent=source, scan=scan_pb2.Scan(display_name=name)),
            metadata=env.md,
        )
    seen: list[str] = []
    token = ""
    while True:
        page = await env.scans.ListScans(
            scan_pb2.ListScansRequest(parent=source, page_size=2, page_token=token),
            metadata=env.md,
        )
        assert page.total_size == 4
        seen += [s.display_name for s in page.scans]
        token = page.next_page_token
        if not token:
            break
    assert seen == ["Alpha", "beta", "Gamma", "Nightly PII"]
    everywhere = await env.scans.ListScans(
        scan_pb2.ListScansRequest(
            parent=f"{env.workspace}/dataSources/-", order_by="update_time desc"
        ),
        metadata=env.md,
    )
    assert everywhere.scans[-1].name == created.name
    scheduled = await env.scans.ListScans(
        scan_pb2.ListScansRequest(parent=source, scheduled_only=True), metadata=env.md
    )
    assert scheduled.total_size == 0

    await env.scans.DeleteScan(scan_pb2.DeleteScanRequest(name=created.name), metadata=env.md)
    with pytest.raises(grpc.aio.AioRpcError) as gone:
        await env.scans.GetScan(scan_pb2.GetScanRequest(name=created.name), metadata=env.md)
    assert gone.value.code() == grpc.StatusCode.NOT_FOUND
