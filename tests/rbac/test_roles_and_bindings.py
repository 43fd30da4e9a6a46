"""Roles and role bindings through the real service: CRUD, validation, memberships."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf import field_mask_pb2, timestamp_pb2

from pursight.rbac.v1 import rbac_pb2
from pursight.workspace.v1 import workspace_pb2
from services.rbac.roles import BUILT_IN_ROLES
from tests.conftest import Platform
from tests.integration.test_workspace import violations
from tests.rbac._helpers import (
    Effect,
    MemberRole,
    bind,
    member,
    new_workspace,
    outcome,
    rbac,
    workspaces,
)

Origin = rbac_pb2.RoleBinding.Origin


def _role(display: str, *permissions: str) -> rbac_pb2.Role:
    return rbac_pb2.Role(display_name=display, permissions=list(permissions))


async def test_built_in_roles_come_first_and_are_read_only(platform: Platform) -> None:
    stub = rbac(platform)
    listed = await stub.ListRoles(
        rbac_pb2.ListRolesRequest(built_in_only=True), metadata=platform.admin
    )
    assert [r.name for r in listed.roles] == [r.name for r in BUILT_IN_ROLES]
    assert all(r.built_in for r in listed.roles)
    reader = await stub.GetRole(
        rbac_pb2.GetRoleRequest(name="roles/dataReader"), metadata=platform.admin
    )
    assert "catalog.*.read" in reader.permissions
    update = stub.UpdateRole(
        rbac_pb2.UpdateRoleRequest(
            role=rbac_pb2.Role(name="roles/dataReader", description="mine now"),
            update_mask=field_mask_pb2.FieldMask(paths=["description"]),
        ),
        metadata=platform.admin,
    )
    assert await outcome(update) == grpc.StatusCode.FAILED_PRECONDITION
    delete = stub.DeleteRole(
        rbac_pb2.DeleteRoleRequest(name="roles/auditor"), metadata=platform.admin
    )
    assert await outcome(delete) == grpc.StatusCode.FAILED_PRECONDITION
    clash = stub.CreateRole(
        rbac_pb2.CreateRoleRequest(role=_role("Data Reader", "catalog.assets.read")),
        metadata=platform.admin,
    )
    assert await outcome(clash) == grpc.StatusCode.ALREADY_EXISTS


async def test_custom_role_lifecycle(platform: Platform) -> None:
    stub = rbac(platform)
    display = f"PII reviewer {uuid.uuid4().hex[:6]}"
    role = await stub.CreateRole(
        rbac_pb2.CreateRoleRequest(role=_role(display, "catalog.*.read", "catalog.assets.search")),
        metadata=platform.admin,
    )
    assert role.name.startswith("roles/piiReviewer")
    assert not role.built_in
    assert role.creator == "users/admin"
    updated = await stub.UpdateRole(
        rbac_pb2.UpdateRoleRequest(
            role=rbac_pb2.Role(
                name=role.name,
                permissions=["catalog.*.read", "catalog.owners.update"],
                etag=role.etag,
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["permissions"]),
        ),
        metadata=platform.admin,
    )
    assert list(updated.permissions) == ["catalog.*.read", "catalog.owners.update"]
    stale = stub.UpdateRole(
        rbac_pb2.UpdateRoleRequest(
            role=rbac_pb2.Role(name=role.name, description="x", etag=role.etag),
            update_mask=field_mask_pb2.FieldMask(paths=["description"]),
        ),
        metadata=platform.admin,
    )
    assert await outcome(stale) == grpc.StatusCode.ABORTED
    holding = await stub.ListRoles(
        rbac_pb2.ListRolesRequest(custom_only=True, permission="catalog.owners.update"),
        metadata=platform.admin,
    )
    assert role.name in [r.name for r in holding.roles]
    workspace = await new_workspace(platform)
    binding = await bind(platform, "users/someone", role.name.split("/")[1], workspace)
    refused = stub.DeleteRole(rbac_pb2.DeleteRoleRequest(name=role.name), metadata=platform.admin)
    assert await outcome(refused) == grpc.StatusCode.FAILED_PRECONDITION
    await stub.DeleteRole(
        rbac_pb2.DeleteRoleRequest(name=role.name, force=True), metadata=platform.admin
    )
    gone = stub.GetRoleBinding(
        rbac_pb2.GetRoleBindingRequest(name=binding.name), metadata=platform.admin
    )
    assert await outcome(gone) == grpc.StatusCode.NOT_FOUND


async def test_custom_role_permissions_are_checked_against_the_catalogue(
    platform: Platform,
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await rbac(platform).CreateRole(
            rbac_pb2.CreateRoleRequest(
                role=_role("Typos", "catalog.assets.reed", "not a permission", "*.*.read"),
                validate_only=True,
            ),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(caught.value) == ["role.permissions[0]", "role.permissions[1]"]
    preview = await rbac(platform).CreateRole(
        rbac_pb2.CreateRoleRequest(role=_role("Everything read", "*.*.read"), validate_only=True),
        metadata=platform.admin,
    )
    assert preview.name == "roles/everythingRead"
    missing = rbac(platform).GetRole(
        rbac_pb2.GetRoleRequest(name="roles/everythingRead"), metadata=platform.admin
    )
    assert await outcome(missing) == grpc.StatusCode.NOT_FOUND


async def test_bindings_are_validated(platform: Platform) -> None:
    workspace = await new_workspace(platform)
    past = timestamp_pb2.Timestamp()
    past.FromDatetime(datetime.now(UTC) - timedelta(minutes=1))
    cases = [
        (
            {"principal": "alice", "role": "roles/dataReader", "scope": workspace},
            "role_binding.principal",
        ),
        (
            {"principal": "users/a", "role": "roles/dataReader", "scope": "tables/x"},
            "role_binding.scope",
        ),
        (
            {"principal": "users/a", "role": "roles/platformAdmin", "scope": workspace},
            "role_binding.role",
        ),
        ({"principal": "users/a", "role": "roles/noSuchRole", "scope": workspace}, None),
        (
            {
                "principal": "users/a",
                "role": "roles/dataReader",
                "scope": workspace,
                "expire_time": past,
            },
            "role_binding.expire_time",
        ),
        (
            {"principal": "users/a", "role": "roles/dataReader", "scope": "workspaces/no-such-ws"},
            "role_binding.scope",
        ),
    ]
    for fields, field in cases:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await rbac(platform).CreateRoleBinding(
                rbac_pb2.CreateRoleBindingRequest(role_binding=rbac_pb2.RoleBinding(**fields)),  # type: ignore[arg-type]
                metadata=platform.admin,
            )
        expected = grpc.StatusCode.NOT_FOUND if field is None else grpc.StatusCode.INVALID_ARGUMENT
        assert caught.value.code() == expected, fields
        if field is not None:
            assert field in violations(caught.value), fields


async def test_binding_lifecycle(platform: Platform) -> None:
    stub = rbac(platform)
    workspace = await new_workspace(platform)
    principal = f"users/b-{uuid.uuid4().hex[:6]}"
    request_id = uuid.uuid4().hex
    create = rbac_pb2.CreateRoleBindingRequest(
        role_binding=rbac_pb2.RoleBinding(
            principal=principal, role="roles/dataReader", scope=workspace, description="trial"
        ),
        request_id=request_id,
    )
    preview = await stub.CreateRoleBinding(
        rbac_pb2.CreateRoleBindingRequest(role_binding=create.role_binding, validate_only=True),
        metadata=platform.admin,
    )
    assert preview.scope_kind == rbac_pb2.ScopeKind.SCOPE_KIND_WORKSPACE
    binding = await stub.CreateRoleBinding(create, metadata=platform.admin)
    again = await stub.CreateRoleBinding(create, metadata=platform.admin)
    assert again.name == binding.name
    assert binding.effect == Effect.EFFECT_ALLOW
    assert binding.origin == Origin.ORIGIN_MANUAL
    assert binding.creator == "users/admin"
    asset_scope = f"{workspace}/assets/nothing-yet"
    by_principal = await stub.ListRoleBindings(
        rbac_pb2.ListRoleBindingsRequest(principal=principal), metadata=platform.admin
    )
    assert [b.name for b in by_principal.role_bindings] == [binding.name]
    inherited = await stub.ListRoleBindings(
        rbac_pb2.ListRoleBindingsRequest(scope=asset_scope, include_inherited=True),
        metadata=platform.admin,
    )
    names = [b.name for b in inherited.role_bindings]
    assert binding.name in names
    assert "roleBindings/bootstrap-admin" in names
    below = await stub.ListRoleBindings(
        rbac_pb2.ListRoleBindingsRequest(scope="/", include_descendants=True, principal=principal),
        metadata=platform.admin,
    )
    assert [b.name for b in below.role_bindings] == [binding.name]
    updated = await stub.UpdateRoleBinding(
        rbac_pb2.UpdateRoleBindingRequest(
            role_binding=rbac_pb2.RoleBinding(
                name=binding.name, role="roles/dataSteward", effect=Effect.EFFECT_DENY
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["role"]),
        ),
        metadata=platform.admin,
    )
    assert (updated.role, updated.effect) == ("roles/dataSteward", Effect.EFFECT_ALLOW)
    assert updated.etag != binding.etag
    await stub.DeleteRoleBinding(
        rbac_pb2.DeleteRoleBindingRequest(name=binding.name, etag=updated.etag),
        metadata=platform.admin,
    )
    gone = stub.GetRoleBinding(
        rbac_pb2.GetRoleBindingRequest(name=binding.name), metadata=platform.admin
    )
    assert await outcome(gone) == grpc.StatusCode.NOT_FOUND


async def test_the_bootstrap_binding_is_kept(platform: Platform) -> None:
    stub = rbac(platform)
    bootstrap = await stub.GetRoleBinding(
        rbac_pb2.GetRoleBindingRequest(name="roleBindings/bootstrap-admin"), metadata=platform.admin
    )
    assert (bootstrap.principal, bootstrap.role, bootstrap.scope) == (
        "users/admin",
        "roles/platformAdmin",
        "/",
    )
    assert bootstrap.origin == Origin.ORIGIN_BOOTSTRAP
    delete = stub.DeleteRoleBinding(
        rbac_pb2.DeleteRoleBindingRequest(name=bootstrap.name), metadata=platform.admin
    )
    assert await outcome(delete) == grpc.StatusCode.FAILED_PRECONDITION


async def test_memberships_are_mirrored_as_bindings(platform: Platform) -> None:
    stub = rbac(platform)
    workspace = await new_workspace(platform)
    creator = await stub.ListRoleBindings(
        rbac_pb2.ListRoleBindingsRequest(scope=workspace), metadata=platform.admin
    )
    assert [(b.principal, b.role, b.origin) for b in creator.role_bindings] == [
        ("users/admin", "roles/workspaceAdmin", Origin.ORIGIN_WORKSPACE_MEMBER)
    ]
    principal = f"users/m-{uuid.uuid4().hex[:6]}"
    added = await member(platform, workspace, principal, MemberRole.ROLE_DATA_READER)

    async def mirrored() -> list[rbac_pb2.RoleBinding]:
        found = await stub.ListRoleBindings(
            rbac_pb2.ListRoleBindingsRequest(principal=principal), metadata=platform.admin
        )
        return list(found.role_bindings)

    (binding,) = await mirrored()
    assert (binding.role, binding.scope, binding.origin_resource) == (
        "roles/dataReader",
        workspace,
        added.name,
    )
    await workspaces(platform).UpdateMember(
        workspace_pb2.UpdateMemberRequest(
            member=workspace_pb2.Member(name=added.name, role=MemberRole.ROLE_DATA_STEWARD),
            update_mask=field_mask_pb2.FieldMask(paths=["role"]),
        ),
        metadata=platform.admin,
    )
    assert [b.role for b in await mirrored()] == ["roles/dataSteward"]
    by_hand = stub.DeleteRoleBinding(
        rbac_pb2.DeleteRoleBindingRequest(name=binding.name), metadata=platform.admin
    )
    assert await outcome(by_hand) == grpc.StatusCode.FAILED_PRECONDITION
    await workspaces(platform).DeleteMember(
        workspace_pb2.DeleteMemberRequest(name=added.name), metadata=platform.admin
    )
    assert await mirrored() == []
    manual = await bind(platform, principal, "dataReader", f"{workspace}/dataSources/d1")
    await workspaces(platform).DeleteWorkspace(
        workspace_pb2.DeleteWorkspaceRequest(name=workspace), metadata=platform.admin
    )
    left = await stub.ListRoleBindings(
        rbac_pb2.ListRoleBindingsRequest(scope=workspace, include_descendants=True),
        metadata=platform.admin,
    )
    assert list(left.role_bindings) == []
    gone = stub.GetRoleBinding(
        rbac_pb2.GetRoleBindingRequest(name=manual.name), metadata=platform.admin
    )
    assert await outcome(gone) == grpc.StatusCode.NOT_FOUND


async def test_a_workspace_admin_manages_bindings_of_its_workspace_only(
    platform: Platform,
) -> None:
    mine, other = await new_workspace(platform), await new_workspace(platform)
    admin, metadata = await platform.new_user("wsadmin")
    await member(platform, mine, admin, MemberRole.ROLE_ADMIN)
    foreign = await bind(platform, "users/somebody", "dataReader", other)
    stub = rbac(platform)

    def create(scope: str) -> rbac_pb2.CreateRoleBindingRequest:
        return rbac_pb2.CreateRoleBindingRequest(
            role_binding=rbac_pb2.RoleBinding(
                principal="users/helper", role="roles/dataCurator", scope=scope
            )
        )

    made = await stub.CreateRoleBinding(create(f"{mine}/dataSources/d1"), metadata=metadata)
    assert made.creator == admin
    for scope in (other, "/"):
        assert await outcome(stub.CreateRoleBinding(create(scope), metadata=metadata)) == (
            grpc.StatusCode.PERMISSION_DENIED
        )
    listed = await stub.ListRoleBindings(rbac_pb2.ListRoleBindingsRequest(), metadata=metadata)
    assert {b.scope.split("/")[1] for b in listed.role_bindings} == {mine.split("/")[1]}
    assert listed.total_size == len(listed.role_bindings)
    peek = stub.GetRoleBinding(rbac_pb2.GetRoleBindingRequest(name=foreign.name), metadata=metadata)
    assert await outcome(peek) == grpc.StatusCode.PERMISSION_DENIED
    raise_self = stub.UpdateRoleBinding(
        rbac_pb2.UpdateRoleBindingRequest(
            role_binding=rbac_pb2.RoleBinding(name=made.name, role="roles/platformAdmin"),
            update_mask=field_mask_pb2.FieldMask(paths=["role"]),
        ),
        metadata=metadata,
    )
    assert await outcome(raise_self) == grpc.StatusCode.INVALID_ARGUMENT
    await stub.DeleteRoleBinding(
        rbac_pb2.DeleteRoleBindingRequest(name=made.name), metadata=metadata
    )


async def test_list_permissions_shows_the_catalogue_and_who_holds_what(
    platform: Platform,
) -> None:
    stub = rbac(platform)
    found = await stub.ListPermissions(
        rbac_pb2.ListPermissionsRequest(service="catalog", page_size=1000), metadata=platform.admin
    )
    by_name = {p.permission: p for p in found.permissions}
    owners = by_name["catalog.owners.update"]
    assert list(owners.methods) == []
    assert "roles/dataSteward" in owners.built_in_roles
    assert "roles/dataCurator" not in owners.built_in_roles
    read = by_name["catalog.assets.read"]
    assert "pursight.catalog.v1.CatalogService.GetAsset" in read.methods
    assert not read.mutating
    assert {"roles/dataReader", "roles/platformAdmin"} <= set(read.built_in_roles)
    auditor = await stub.ListPermissions(
        rbac_pb2.ListPermissionsRequest(role="roles/auditor", page_size=1000),
        metadata=platform.admin,
    )
    held = {p.permission for p in auditor.permissions}
    assert {"activity.events.list", "activity.chain.verify", "rbac.roleBindings.list"} <= held
    assert "catalog.assets.read" not in held
    _, nobody = await platform.new_user("nobody")
    assert (
        await outcome(stub.ListPermissions(rbac_pb2.ListPermissionsRequest(), metadata=nobody))
        == grpc.StatusCode.PERMISSION_DENIED
    )


async def test_members_committed_without_a_binding_are_bound_at_start(
    platform: Platform,
) -> None:
    """A member added while no rbac service answered (before it was deployed) has no
    binding; the workspace service's backfill binds it, once."""
    import asyncpg

    from services.workspace.bindings import MemberBindings

    assert platform.server.stores is not None
    assert platform.server.runtime is not None
    workspace = await new_workspace(platform)
    principal = f"users/early-{uuid.uuid4().hex[:6]}"
    added = await member(platform, workspace, principal, MemberRole.ROLE_DATA_STEWARD)
    ws_id, member_id = workspace.split("/")[1], added.name.rsplit("/", 1)[1]
    pool = await asyncpg.create_pool(platform.server.stores.urls.database, min_size=1, max_size=2)
    try:
        assert await pool.fetchval(
            "SELECT binding_synced FROM workspace.members WHERE workspace_id = $1 AND id = $2",
            ws_id,
            member_id,
        )
        # As it was before rbac existed: the membership, no binding, not synced.
        await pool.execute("DELETE FROM rbac.bindings WHERE principal = $1", principal)
        await pool.execute(
            "UPDATE workspace.members SET binding_synced = false"
            " WHERE workspace_id = $1 AND id = $2",
            ws_id,
            member_id,
        )
        check = rbac_pb2.CheckPermissionRequest(
            principal=principal, permission="catalog.assets.read", resource=workspace
        )
        before = await rbac(platform).CheckPermission(check, metadata=platform.admin)
        assert not before.allowed

        bindings = MemberBindings(platform.server.runtime)
        assert await bindings.backfill(pool) >= 1
        assert await bindings.backfill(pool) == 0  # nothing left to do
        after = await rbac(platform).CheckPermission(check, metadata=platform.admin)
        assert after.allowed
        assert after.role == "roles/dataSteward"
        assert await pool.fetchval(
            "SELECT binding_synced FROM workspace.members WHERE workspace_id = $1 AND id = $2",
            ws_id,
            member_id,
        )
    finally:
        await pool.close()
