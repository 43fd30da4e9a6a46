"""CheckPermission and its relatives: the decision and the reason given for it."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf import timestamp_pb2

from pursight.catalog.v1 import catalog_pb2
from pursight.rbac.v1 import rbac_pb2
from tests.conftest import Platform
from tests.rbac._helpers import (
    Effect,
    MemberRole,
    bind,
    catalog,
    member,
    new_asset,
    new_workspace,
    outcome,
    rbac,
)

Reason = rbac_pb2.CheckPermissionResponse.Reason


async def _check(
    platform: Platform,
    principal: str,
    permission: str,
    resource: str,
    ancestors: tuple[str, ...] = (),
    groups: tuple[str, ...] = (),
) -> rbac_pb2.CheckPermissionResponse:
    return await rbac(platform).CheckPermission(
        rbac_pb2.CheckPermissionRequest(
            principal=principal,
            permission=permission,
            resource=resource,
            resource_ancestors=ancestors,
            groups=groups,
        ),
        metadata=platform.admin,
    )


def _principal() -> str:
    return f"users/c-{uuid.uuid4().hex[:8]}"


async def test_allowed_through_a_workspace_binding_names_it(platform: Platform) -> None:
    workspace = await new_workspace(platform)
    principal = _principal()
    binding = await bind(platform, principal, "dataReader", workspace)
    answer = await _check(platform, principal, "catalog.assets.read", f"{workspace}/assets/x1")
    assert answer.allowed
    assert answer.reason == Reason.REASON_ALLOWED_BY_BINDING
    assert (answer.binding, answer.role, answer.scope, answer.matched_principal) == (
        binding.name,
        "roles/dataReader",
        workspace,
        principal,
    )
    assert binding.name in answer.message
    refused = await _check(platform, principal, "catalog.assets.update", f"{workspace}/assets/x1")
    assert not refused.allowed
    assert refused.reason == Reason.REASON_NO_MATCHING_BINDING
    assert refused.message.startswith("denied: no binding grants catalog.assets.update")
    elsewhere = await _check(platform, principal, "catalog.assets.read", "workspaces/other")
    assert (elsewhere.allowed, elsewhere.reason) == (False, Reason.REASON_NO_MATCHING_BINDING)
    unknown = await _check(platform, principal, "catalog.assets.fly", workspace)
    assert unknown.reason == Reason.REASON_UNKNOWN_PERMISSION


async def test_deny_beats_allow_at_any_level(platform: Platform) -> None:
    workspace = await new_workspace(platform)
    principal = _principal()
    await bind(platform, principal, "dataSteward", workspace)
    hidden = (await new_asset(platform, workspace)).name
    other = (await new_asset(platform, workspace)).name
    deny = await bind(platform, principal, "dataReader", hidden, Effect.EFFECT_DENY)
    answer = await _check(platform, principal, "catalog.assets.read", hidden)
    assert (answer.allowed, answer.reason, answer.binding, answer.scope) == (
        False,
        Reason.REASON_DENIED_BY_BINDING,
        deny.name,
        hidden,
    )
    # The steward's other permissions on it stay: the denial is of the reader's role.
    assert (await _check(platform, principal, "catalog.owners.update", hidden)).allowed
    assert (await _check(platform, principal, "catalog.assets.read", other)).allowed
    # A denial on the platform beats the workspace's grant, and is the one reported.
    platform_deny = await bind(platform, principal, "dataSteward", "/", Effect.EFFECT_DENY)
    answer = await _check(platform, principal, "catalog.assets.read", hidden)
    assert (answer.binding, answer.scope) == (platform_deny.name, "/")
    assert not (await _check(platform, principal, "catalog.assets.read", other)).allowed


async def test_grants_flow_down_from_data_sources_and_parent_assets(platform: Platform) -> None:
    workspace = await new_workspace(platform)
    source = f"{workspace}/dataSources/shop"
    table = await new_asset(platform, workspace, data_source=source)
    column = await new_asset(platform, workspace, parent=table.name, data_source=source)
    loose = await new_asset(platform, workspace)
    principal, metadata = await platform.new_user("inherit")
    await bind(platform, principal, "dataReader", source)
    bare = await _check(platform, principal, "catalog.assets.read", column.name)
    assert (bare.allowed, bare.ancestors_needed) == (False, True)
    full = await _check(
        platform, principal, "catalog.assets.read", column.name, (table.name, source)
    )
    assert (full.allowed, full.scope) == (True, source)
    # The interceptor looks the ancestry up in the catalog itself.
    stub = catalog(platform)
    got = await stub.GetAsset(catalog_pb2.GetAssetRequest(name=column.name), metadata=metadata)
    assert got.name == column.name
    assert (
        await outcome(
            stub.GetAsset(catalog_pb2.GetAssetRequest(name=loose.name), metadata=metadata)
        )
        == grpc.StatusCode.PERMISSION_DENIED
    )
    # An asset binding covers the assets below it, and a denial there wins over the source.
    other, other_md = await platform.new_user("table")
    await bind(platform, other, "dataReader", table.name)
    got = await stub.GetAsset(catalog_pb2.GetAssetRequest(name=column.name), metadata=other_md)
    assert got.name == column.name
    await bind(platform, principal, "dataReader", table.name, Effect.EFFECT_DENY)
    assert (
        await outcome(
            stub.GetAsset(catalog_pb2.GetAssetRequest(name=column.name), metadata=metadata)
        )
        == grpc.StatusCode.PERMISSION_DENIED
    )


async def test_bindings_stop_at_their_expiry(platform: Platform) -> None:
    workspace = await new_workspace(platform)
    principal = _principal()
    soon = timestamp_pb2.Timestamp()
    soon.FromDatetime(datetime.now(UTC) + timedelta(seconds=1.5))
    binding = await bind(platform, principal, "dataReader", workspace, expire_time=soon)
    assert binding.HasField("expire_time")
    assert (await _check(platform, principal, "catalog.assets.list", workspace)).allowed
    await asyncio.sleep(1.7)
    answer = await _check(platform, principal, "catalog.assets.list", workspace)
    assert (answer.allowed, answer.reason) == (False, Reason.REASON_NO_MATCHING_BINDING)


async def test_group_bindings_count_for_their_members(platform: Platform) -> None:
    workspace = await new_workspace(platform)
    group = f"groups/finance-{uuid.uuid4().hex[:6]}"
    binding = await bind(platform, group, "auditor", workspace)
    principal = _principal()
    answer = await _check(
        platform, principal, "activity.events.list", workspace, groups=(group, "groups/other")
    )
    assert (answer.allowed, answer.binding, answer.matched_principal) == (
        True,
        binding.name,
        group,
    )
    assert not (await _check(platform, principal, "activity.events.list", workspace)).allowed


async def test_batch_checks_answer_in_order(platform: Platform) -> None:
    workspace = await new_workspace(platform)
    principal = _principal()
    await bind(platform, principal, "dataCurator", workspace)
    wanted = ["catalog.assets.update", "catalog.owners.update", "catalog.terms.assign"]
    reply = await rbac(platform).BatchCheckPermissions(
        rbac_pb2.BatchCheckPermissionsRequest(
            requests=[
                rbac_pb2.CheckPermissionRequest(
                    principal=principal, permission=p, resource=workspace
                )
                for p in wanted
            ]
        ),
        metadata=platform.admin,
    )
    assert [r.allowed for r in reply.responses] == [True, False, True]
    too_many = rbac(platform).BatchCheckPermissions(
        rbac_pb2.BatchCheckPermissionsRequest(
            requests=[rbac_pb2.CheckPermissionRequest(principal=principal, permission="x.y.z")]
            * 101
        ),
        metadata=platform.admin,
    )
    assert await outcome(too_many) == grpc.StatusCode.INVALID_ARGUMENT


async def test_test_permissions_answers_for_the_caller(platform: Platform) -> None:
    workspace = await new_workspace(platform)
    principal, metadata = await platform.new_user("tester")
    await member(platform, workspace, principal, MemberRole.ROLE_DATA_CURATOR)
    held = await rbac(platform).TestPermissions(
        rbac_pb2.TestPermissionsRequest(
            resource=workspace,
            permissions=["catalog.assets.update", "catalog.owners.update", "rbac.roles.create"],
        ),
        metadata=metadata,
    )
    assert list(held.permissions) == ["catalog.assets.update"]
    elsewhere = rbac(platform).TestPermissions(
        rbac_pb2.TestPermissionsRequest(resource="workspaces/other", permissions=["x.y.z"]),
        metadata=metadata,
    )
    assert await outcome(elsewhere) == grpc.StatusCode.PERMISSION_DENIED


async def test_granted_scopes_list_allows_and_denials(platform: Platform) -> None:
    first, second = await new_workspace(platform), await new_workspace(platform)
    principal = _principal()
    await bind(platform, principal, "dataReader", first)
    await bind(platform, principal, "dataReader", second)
    await bind(platform, principal, "dataReader", f"{second}/dataSources/d1")
    await bind(platform, principal, "dataReader", second, Effect.EFFECT_DENY)
    await bind(platform, principal, "dataReader", f"{first}/dataSources/d2", Effect.EFFECT_DENY)
    assert platform.server.runtime is not None
    service = platform.server.runtime.identity.metadata("catalog")  # internal: services only
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await rbac(platform).ListGrantedScopes(
            rbac_pb2.ListGrantedScopesRequest(
                principal=principal, permission="catalog.assets.search"
            ),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    reply = await rbac(platform).ListGrantedScopes(
        rbac_pb2.ListGrantedScopesRequest(principal=principal, permission="catalog.assets.search"),
        metadata=service,
    )
    assert not reply.platform_wide
    assert list(reply.allowed_scopes) == [first]
    assert sorted(reply.denied_scopes) == sorted([second, f"{first}/dataSources/d2"])
    under = await rbac(platform).ListGrantedScopes(
        rbac_pb2.ListGrantedScopesRequest(
            principal=principal, permission="catalog.assets.search", under=f"{first}/dataSources/d9"
        ),
        metadata=service,
    )
    assert list(under.allowed_scopes) == [f"{first}/dataSources/d9"]
    admin = await rbac(platform).ListGrantedScopes(
        rbac_pb2.ListGrantedScopesRequest(
            principal="users/admin", permission="catalog.assets.read"
        ),
        metadata=service,
    )
    assert admin.platform_wide
