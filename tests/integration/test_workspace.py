"""Workspaces and members through the real service."""

from __future__ import annotations

import uuid

import grpc
import pytest
from google.protobuf import field_mask_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from tests.conftest import Platform

Role = workspace_pb2.Member.Role


def _stub(platform: Platform) -> workspace_pb2_grpc.WorkspaceServiceStub:
    return workspace_pb2_grpc.WorkspaceServiceStub(platform.channel)


def violations(error: grpc.aio.AioRpcError) -> list[str]:
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    assert isinstance(status, status_pb2.Status)
    fields = []
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields += [v.field for v in bad.field_violations]
    return fields


async def _create(
    platform: Platform, label: str = "ws", **kwargs: object
) -> workspace_pb2.Workspace:
    return await _stub(platform).CreateWorkspace(
        workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name=f"{label} {uuid.uuid4().hex[:6]}"),
            **kwargs,
        ),  # type: ignore[arg-type]
        metadata=platform.admin,
    )


async def test_create_get_and_creator_is_admin_member(platform: Platform) -> None:
    ws = await _create(platform, "Finance", workspace_id=f"fin-{uuid.uuid4().hex[:6]}")
    assert ws.creator == "users/admin"
    assert ws.member_count == 1
    fetched = await _stub(platform).GetWorkspace(
        workspace_pb2.GetWorkspaceRequest(name=ws.name), metadata=platform.admin
    )
    assert fetched == ws
    members = await _stub(platform).ListMembers(
        workspace_pb2.ListMembersRequest(parent=ws.name), metadata=platform.admin
    )
    assert [(m.principal, m.role) for m in members.members] == [("users/admin", Role.ROLE_ADMIN)]


async def test_request_id_makes_create_idempotent(platform: Platform) -> None:
    request_id = uuid.uuid4().hex
    first = await _create(platform, "Retry", request_id=request_id)
    again = await _stub(platform).CreateWorkspace(
        workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name="whatever else"), request_id=request_id
        ),
        metadata=platform.admin,
    )
    assert again.name == first.name


async def test_validation_names_the_fields(platform: Platform) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _stub(platform).CreateWorkspace(
            workspace_pb2.CreateWorkspaceRequest(
                workspace=workspace_pb2.Workspace(display_name="", labels={"Bad Key": "v"}),
                workspace_id="Not_An_Id",
            ),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "workspace.display_name" in violations(caught.value)


async def test_duplicate_display_name_is_already_exists(platform: Platform) -> None:
    ws = await _create(platform, "Dup")
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _stub(platform).CreateWorkspace(
            workspace_pb2.CreateWorkspaceRequest(
                workspace=workspace_pb2.Workspace(display_name=ws.display_name.upper())
            ),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.ALREADY_EXISTS


async def test_update_with_mask_and_etag(platform: Platform) -> None:
    ws = await _create(platform, "Upd")
    stub = _stub(platform)
    updated = await stub.UpdateWorkspace(
        workspace_pb2.UpdateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(
                name=ws.name, description="new", etag=ws.etag, display_name="ignored, not in mask"
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["description"]),
        ),
        metadata=platform.admin,
    )
    assert updated.description == "new"
    assert updated.display_name == ws.display_name
    assert updated.etag != ws.etag
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.UpdateWorkspace(
            workspace_pb2.UpdateWorkspaceRequest(
                workspace=workspace_pb2.Workspace(name=ws.name, description="stale", etag=ws.etag),
                update_mask=field_mask_pb2.FieldMask(paths=["description"]),
            ),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.ABORTED
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.UpdateWorkspace(
            workspace_pb2.UpdateWorkspaceRequest(
                workspace=workspace_pb2.Workspace(name=ws.name),
                update_mask=field_mask_pb2.FieldMask(paths=["creator"]),
            ),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(caught.value) == ["update_mask"]


async def test_list_pages_through_everything_once(platform: Platform) -> None:
    marker = uuid.uuid4().hex[:6]
    created = {
        (
            await _stub(platform).CreateWorkspace(
                workspace_pb2.CreateWorkspaceRequest(
                    workspace=workspace_pb2.Workspace(display_name=f"Page {marker} {i:02d}")
                ),
                metadata=platform.admin,
            )
        ).name
        for i in range(7)
    }
    seen: list[str] = []
    token = ""
    while True:
        page = await _stub(platform).ListWorkspaces(
            workspace_pb2.ListWorkspacesRequest(page_size=3, page_token=token, filter=marker),
            metadata=platform.admin,
        )
        seen += [w.name for w in page.workspaces]
        assert page.total_size == 7
        token = page.next_page_token
        if not token:
            break
    assert len(seen) == 7
    assert set(seen) == created
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _stub(platform).ListWorkspaces(
            workspace_pb2.ListWorkspacesRequest(page_size=3, page_token="garbage!"),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_members_and_the_last_admin(platform: Platform) -> None:
    ws = await _create(platform, "Members")
    stub = _stub(platform)
    member = await stub.CreateMember(
        workspace_pb2.CreateMemberRequest(
            parent=ws.name,
            member=workspace_pb2.Member(principal="users/Alice.B", role=Role.ROLE_DATA_READER),
        ),
        metadata=platform.admin,
    )
    assert member.name == f"{ws.name}/members/users-alice-b"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.CreateMember(
            workspace_pb2.CreateMemberRequest(
                parent=ws.name,
                member=workspace_pb2.Member(principal="users/Alice.B", role=Role.ROLE_AUDITOR),
            ),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.ALREADY_EXISTS
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.CreateMember(
            workspace_pb2.CreateMemberRequest(
                parent=ws.name, member=workspace_pb2.Member(principal="alice", role=99)
            ),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    admin_member = f"{ws.name}/members/users-admin"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.DeleteMember(
            workspace_pb2.DeleteMemberRequest(name=admin_member), metadata=platform.admin
        )
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    promoted = await stub.UpdateMember(
        workspace_pb2.UpdateMemberRequest(
            member=workspace_pb2.Member(name=member.name, role=Role.ROLE_ADMIN),
            update_mask=field_mask_pb2.FieldMask(paths=["role"]),
        ),
        metadata=platform.admin,
    )
    assert promoted.role == Role.ROLE_ADMIN
    await stub.DeleteMember(
        workspace_pb2.DeleteMemberRequest(name=admin_member), metadata=platform.admin
    )


async def test_delete_refuses_a_workspace_with_assets_unless_forced(platform: Platform) -> None:
    ws = await _create(platform, "Del")
    await catalog_pb2_grpc.CatalogServiceStub(platform.channel).CreateAsset(
        catalog_pb2.CreateAssetRequest(
            parent=ws.name,
            asset=resources_pb2.Asset(
                qualified_name="file:///x.csv",
                type=resources_pb2.ASSET_TYPE_FILE,
                display_name="x.csv",
            ),
        ),
        metadata=platform.admin,
    )
    stub = _stub(platform)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.DeleteWorkspace(
            workspace_pb2.DeleteWorkspaceRequest(name=ws.name), metadata=platform.admin
        )
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    await stub.DeleteWorkspace(
        workspace_pb2.DeleteWorkspaceRequest(name=ws.name, force=True), metadata=platform.admin
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetWorkspace(
            workspace_pb2.GetWorkspaceRequest(name=ws.name), metadata=platform.admin
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
