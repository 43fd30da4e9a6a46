"""The server bootstrap: health, reflection, deny by default, limits, graceful shutdown."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from pursight.scan.v1 import scan_pb2, scan_pb2_grpc
from pursight.workflow.v1 import workflow_pb2, workflow_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.registry import SERVICE_NAMES, load_spec
from services.runtime.server import PursightServer
from services.runtime.settings import replace
from tests.conftest import Platform


async def test_health_reports_every_mounted_service(platform: Platform) -> None:
    stub = health_pb2_grpc.HealthStub(platform.channel)
    for name in SERVICE_NAMES:
        reply = await stub.Check(health_pb2.HealthCheckRequest(service=load_spec(name).full_name))
        assert reply.status == health_pb2.HealthCheckResponse.SERVING, name
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.Check(health_pb2.HealthCheckRequest(service="pursight.nope.v1.NopeService"))
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


async def test_reflection_lists_every_service(platform: Platform) -> None:
    stub = reflection_pb2_grpc.ServerReflectionStub(platform.channel)
    responses = stub.ServerReflectionInfo(
        iter([reflection_pb2.ServerReflectionRequest(list_services="")])
    )
    names: set[str] = set()
    async for response in responses:
        names |= {s.name for s in response.list_services_response.service}
    expected = {load_spec(n).full_name for n in SERVICE_NAMES}
    assert expected <= names
    assert "pursight.common.v1.OperationsService" in names


async def test_declared_but_unbuilt_rpcs_answer_unimplemented(platform: Platform) -> None:
    stub = workflow_pb2_grpc.WorkflowServiceStub(platform.channel)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.ListWorkflows(
            workflow_pb2.ListWorkflowsRequest(parent="workspaces/w"), metadata=platform.admin
        )
    assert caught.value.code() == grpc.StatusCode.UNIMPLEMENTED


async def test_a_user_without_roles_is_denied_everywhere(platform: Platform) -> None:
    _, metadata = await platform.new_user("nobody")
    catalog = catalog_pb2_grpc.CatalogServiceStub(platform.channel)
    workspaces = workspace_pb2_grpc.WorkspaceServiceStub(platform.channel)
    scans = scan_pb2_grpc.ScanServiceStub(platform.channel)
    calls = [
        catalog.GetAsset(
            catalog_pb2.GetAssetRequest(name="workspaces/w/assets/a"), metadata=metadata
        ),
        catalog.SearchAssets(
            catalog_pb2.SearchAssetsRequest(parent="workspaces/-"), metadata=metadata
        ),
        workspaces.ListWorkspaces(workspace_pb2.ListWorkspacesRequest(), metadata=metadata),
        workspaces.CreateWorkspace(
            workspace_pb2.CreateWorkspaceRequest(
                workspace=workspace_pb2.Workspace(display_name="mine")
            ),
            metadata=metadata,
        ),
        scans.ListScans(
            scan_pb2.ListScansRequest(parent="workspaces/w/dataSources/d"), metadata=metadata
        ),
    ]
    for call in calls:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await call
        assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_oversized_messages_are_refused(platform: Platform) -> None:
    assert platform.server.stores is not None
    small = replace(platform.settings, grpc_port=0, max_message_bytes=64 * 1024)
    server = await PursightServer(small, ["auth", "catalog"], stores=platform.server.stores).start()
    try:
        async with grpc.aio.insecure_channel(server.address) as channel:
            stub = catalog_pb2_grpc.CatalogServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError) as caught:
                await stub.CreateAsset(
                    catalog_pb2.CreateAssetRequest(
                        parent="workspaces/w",
                        asset=resources_pb2.Asset(
                            qualified_name="x", display_name="x", description="d" * 200_000
                        ),
                    ),
                    metadata=platform.admin,
                )
            assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    finally:
        await server.stop(0)


async def test_graceful_shutdown_finishes_in_flight_calls(platform: Platform) -> None:
    assert platform.server.stores is not None
    # Audited calls are recorded by the activity service, which this server does not host.
    settings = replace(
        platform.settings, grpc_port=0, service_addresses=f"activity={platform.server.address}"
    )
    server = await PursightServer(
        settings, ["auth", "workspace", "catalog"], stores=platform.server.stores
    ).start()
    workspace = await workspace_pb2_grpc.WorkspaceServiceStub(platform.channel).CreateWorkspace(
        workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name="Shutdown test")
        ),
        metadata=platform.admin,
    )
    assets = [
        resources_pb2.Asset(
            qualified_name=f"file:///big/{i}",
            display_name=f"f{i}",
            type=resources_pb2.ASSET_TYPE_FILE,
        )
        for i in range(5000)
    ]
    async with grpc.aio.insecure_channel(server.address) as channel:
        health = health_pb2_grpc.HealthStub(channel).Watch(
            health_pb2.HealthCheckRequest(service="pursight.catalog.v1.CatalogService")
        )
        first = await health.read()
        assert first.status == health_pb2.HealthCheckResponse.SERVING
        upsert = asyncio.ensure_future(
            catalog_pb2_grpc.CatalogServiceStub(channel).BatchUpsertAssets(
                catalog_pb2.BatchUpsertAssetsRequest(parent=workspace.name, assets=assets),
                metadata=platform.admin,
            )
        )
        await asyncio.sleep(0.2)  # the upsert is on the server now
        stopping = asyncio.ensure_future(server.stop(10))
        changed = await asyncio.wait_for(health.read(), 5)
        assert changed.status == health_pb2.HealthCheckResponse.NOT_SERVING
        reply = await upsert
        assert reply.created_count == 5000
        await stopping
