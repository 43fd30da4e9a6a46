"""Shared set-up for the rbac tests: workspaces, users holding roles, stubs, outcomes."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from typing import Any

import grpc

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from pursight.rbac.v1 import rbac_pb2, rbac_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from tests.conftest import Platform

Metadata = tuple[tuple[str, str], ...]
Effect = rbac_pb2.Effect
MemberRole = workspace_pb2.Member.Role


def rbac(platform: Platform) -> rbac_pb2_grpc.RbacServiceStub:
    return rbac_pb2_grpc.RbacServiceStub(platform.channel)


def workspaces(platform: Platform) -> workspace_pb2_grpc.WorkspaceServiceStub:
    return workspace_pb2_grpc.WorkspaceServiceStub(platform.channel)


def catalog(platform: Platform) -> catalog_pb2_grpc.CatalogServiceStub:
    return catalog_pb2_grpc.CatalogServiceStub(platform.channel)


async def new_workspace(platform: Platform, label: str = "rbac") -> str:
    ws = await workspaces(platform).CreateWorkspace(
        workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name=f"{label} {uuid.uuid4().hex[:8]}"),
            workspace_id=f"{label.lower()}-{uuid.uuid4().hex[:8]}",
        ),
        metadata=platform.admin,
    )
    return ws.name


async def member(
    platform: Platform, workspace: str, principal: str, role: int
) -> workspace_pb2.Member:
    """Adds ``principal`` to ``workspace`` with a Member.Role, as the administrator."""
    return await workspaces(platform).CreateMember(
        workspace_pb2.CreateMemberRequest(
            parent=workspace,
            member=workspace_pb2.Member(principal=principal, role=role),  # type: ignore[arg-type]
        ),
        metadata=platform.admin,
    )


async def bind(
    platform: Platform,
    principal: str,
    role: str,
    scope: str,
    effect: int = Effect.EFFECT_ALLOW,
    **fields: Any,
) -> rbac_pb2.RoleBinding:
    return await rbac(platform).CreateRoleBinding(
        rbac_pb2.CreateRoleBindingRequest(
            role_binding=rbac_pb2.RoleBinding(
                principal=principal,
                role=f"roles/{role}",
                scope=scope,
                effect=effect,  # type: ignore[arg-type]
                **fields,
            )
        ),
        metadata=platform.admin,
    )


async def new_asset(
    platform: Platform, workspace: str, parent: str = "", data_source: str = ""
) -> resources_pb2.Asset:
    name = uuid.uuid4().hex[:8]
    return await catalog(platform).CreateAsset(
        catalog_pb2.CreateAssetRequest(
            parent=workspace,
            asset=resources_pb2.Asset(
                qualified_name=f"postgresql://db:5432/shop/public/t{name}",
                display_name=f"t{name}",
                type=resources_pb2.AssetType.ASSET_TYPE_TABLE,
                parent=parent,
                data_source=data_source,
                description="a table",
            ),
        ),
        metadata=platform.admin,
    )


async def outcome(call: Awaitable[Any]) -> grpc.StatusCode:
    """The status a unary call ends with."""
    try:
        await call
    except grpc.aio.AioRpcError as exc:
        return exc.code()
    return grpc.StatusCode.OK


async def stream_outcome(call: Any) -> grpc.StatusCode:
    """The status a server stream shows by its first message (then it is cancelled)."""
    try:
        await call.read()
    except grpc.aio.AioRpcError as exc:
        return exc.code()
    finally:
        call.cancel()
    return grpc.StatusCode.OK
