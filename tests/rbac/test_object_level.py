"""Object- and field-level checks inside the services: lists and search are filtered,
owners and classifications need their own permissions, and changes apply at once."""

from __future__ import annotations

import asyncio
import uuid

import grpc
from google.protobuf import field_mask_pb2

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from pursight.common.v1 import operation_pb2, operation_pb2_grpc
from pursight.rbac.v1 import rbac_pb2
from pursight.workspace.v1 import workspace_pb2
from services.runtime import access
from services.runtime.context import Principal
from services.runtime.operations import OperationStore
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
    workspaces,
)


async def _named(platform: Platform, workspace: str, word: str, **fields: str) -> str:
    asset = await catalog(platform).CreateAsset(
        catalog_pb2.CreateAssetRequest(
            parent=workspace,
            asset=resources_pb2.Asset(
                qualified_name=f"file:///{word}/{uuid.uuid4().hex[:6]}",
                display_name=f"{word} ledger",
                type=resources_pb2.AssetType.ASSET_TYPE_TABLE,
                **fields,  # type: ignore[arg-type]
            ),
        ),
        metadata=platform.admin,
    )
    return asset.name


async def test_list_workspaces_shows_only_the_callers(platform: Platform) -> None:
    mine, other = await new_workspace(platform, "Mine"), await new_workspace(platform, "Other")
    reader, metadata = await platform.new_user("lister")
    await member(platform, mine, reader, MemberRole.ROLE_DATA_READER)
    listed = await workspaces(platform).ListWorkspaces(
        workspace_pb2.ListWorkspacesRequest(page_size=1000), metadata=metadata
    )
    assert [w.name for w in listed.workspaces] == [mine]
    assert listed.total_size == 1
    everything = await workspaces(platform).ListWorkspaces(
        workspace_pb2.ListWorkspacesRequest(page_size=1000), metadata=platform.admin
    )
    assert {mine, other} <= {w.name for w in everything.workspaces}
    assert (
        await outcome(
            workspaces(platform).GetWorkspace(
                workspace_pb2.GetWorkspaceRequest(name=other), metadata=metadata
            )
        )
        == grpc.StatusCode.PERMISSION_DENIED
    )
    # A denial on the workspace hides it even from a platform-wide reader.
    wide, wide_md = await platform.new_user("wide")
    await bind(platform, wide, "dataReader", "/")
    await bind(platform, wide, "dataReader", mine, Effect.EFFECT_DENY)
    seen = await workspaces(platform).ListWorkspaces(
        workspace_pb2.ListWorkspacesRequest(page_size=1000), metadata=wide_md
    )
    names = {w.name for w in seen.workspaces}
    assert other in names
    assert mine not in names


async def test_search_everywhere_covers_only_granted_scopes(platform: Platform) -> None:
    word = f"zq{uuid.uuid4().hex[:6]}"
    mine, other = await new_workspace(platform), await new_workspace(platform)
    source = f"{mine}/dataSources/vault"
    visible = await _named(platform, mine, word)
    secret = await _named(platform, mine, word, data_source=source)
    parent = await _named(platform, mine, word)
    child = await new_asset(platform, mine, parent=parent)
    elsewhere = await _named(platform, other, word)
    reader, metadata = await platform.new_user("searcher")
    await member(platform, mine, reader, MemberRole.ROLE_DATA_READER)
    await bind(platform, reader, "dataReader", source, Effect.EFFECT_DENY)
    await bind(platform, reader, "dataReader", parent, Effect.EFFECT_DENY)
    stub = catalog(platform)

    async def found(md: tuple[tuple[str, str], ...], where: str = "workspaces/-") -> set[str]:
        reply = await stub.SearchAssets(
            catalog_pb2.SearchAssetsRequest(parent=where, query=word, page_size=100), metadata=md
        )
        return {r.asset.name for r in reply.results}

    assert await found(metadata) == {visible}
    assert await found(metadata, mine) == {visible}
    assert {visible, secret, parent, elsewhere} <= await found(platform.admin)
    listed = await stub.ListAssets(
        catalog_pb2.ListAssetsRequest(parent=mine, page_size=1000), metadata=metadata
    )
    assert {a.name for a in listed.assets} == {visible}
    assert child.name not in {a.name for a in listed.assets}
    assert (
        await outcome(
            stub.SearchAssets(
                catalog_pb2.SearchAssetsRequest(parent=other, query=word), metadata=metadata
            )
        )
        == grpc.StatusCode.PERMISSION_DENIED
    )


async def test_owners_and_classifications_need_their_own_permissions(
    platform: Platform,
) -> None:
    workspace = await new_workspace(platform)
    asset = await new_asset(platform, workspace)
    curator, curator_md = await platform.new_user("curator")
    steward, steward_md = await platform.new_user("steward")
    await member(platform, workspace, curator, MemberRole.ROLE_DATA_CURATOR)
    await member(platform, workspace, steward, MemberRole.ROLE_DATA_STEWARD)
    stub = catalog(platform)

    def update(*paths: str) -> catalog_pb2.UpdateAssetRequest:
        return catalog_pb2.UpdateAssetRequest(
            asset=resources_pb2.Asset(
                name=asset.name, description="described", owners=["users/owner"]
            ),
            update_mask=field_mask_pb2.FieldMask(paths=list(paths)),
        )

    done = await stub.UpdateAsset(update("description"), metadata=curator_md)
    assert done.description == "described"
    for request in (update("owners"), update("description", "stewards")):
        assert await outcome(stub.UpdateAsset(request, metadata=curator_md)) == (
            grpc.StatusCode.PERMISSION_DENIED
        )
    owned = await stub.UpdateAsset(update("owners"), metadata=steward_md)
    assert list(owned.owners) == ["users/owner"]
    labelled = catalog_pb2.CreateAssetRequest(
        parent=workspace,
        asset=resources_pb2.Asset(
            qualified_name=f"file:///labelled/{uuid.uuid4().hex[:6]}",
            display_name="labelled",
            type=resources_pb2.AssetType.ASSET_TYPE_FILE,
            classifications=[resources_pb2.Classification(label="pii.email", confidence=1.0)],
        ),
    )
    # A role that may create assets, but not label them.
    maker_role = await rbac(platform).CreateRole(
        rbac_pb2.CreateRoleRequest(
            role=rbac_pb2.Role(
                display_name=f"Asset maker {uuid.uuid4().hex[:6]}",
                permissions=["catalog.assets.create", "catalog.*.read"],
            )
        ),
        metadata=platform.admin,
    )
    maker, maker_md = await platform.new_user("maker")
    await bind(platform, maker, maker_role.name.split("/")[1], workspace)
    assert await outcome(stub.CreateAsset(labelled, metadata=maker_md)) == (
        grpc.StatusCode.PERMISSION_DENIED
    )
    labelled.asset.ClearField("classifications")
    assert (await stub.CreateAsset(labelled, metadata=maker_md)).name
    labelled.asset.qualified_name += "-2"
    labelled.asset.classifications.add(label="pii.email", confidence=1.0)
    assert (await stub.CreateAsset(labelled, metadata=steward_md)).name
    csv = f"qualified_name,owners\n{asset.qualified_name},users/x\n"
    imported = catalog_pb2.ImportAnnotationsRequest(parent=workspace, csv=csv, dry_run=True)
    assert await outcome(stub.ImportAnnotations(imported, metadata=curator_md)) == (
        grpc.StatusCode.PERMISSION_DENIED
    )
    assert await outcome(stub.ImportAnnotations(imported, metadata=steward_md)) == (
        grpc.StatusCode.OK
    )
    described = catalog_pb2.ImportAnnotationsRequest(
        parent=workspace,
        csv=f"qualified_name,description\n{asset.qualified_name},hi\n",
        dry_run=True,
    )
    assert await outcome(stub.ImportAnnotations(described, metadata=curator_md)) == (
        grpc.StatusCode.OK
    )


async def test_operations_are_checked_against_their_target(platform: Platform) -> None:
    mine, other = await new_workspace(platform), await new_workspace(platform)
    assert platform.server.runtime is not None
    store = OperationStore(platform.server.runtime.db.primary, platform.server.runtime.redis)
    operation = await store.start("test.work", f"{mine}/dataSources/d1/scans/s1", "users/admin")
    reader, reader_md = await platform.new_user("opreader")
    outsider, outsider_md = await platform.new_user("opoutsider")
    await member(platform, mine, reader, MemberRole.ROLE_DATA_READER)
    await member(platform, other, outsider, MemberRole.ROLE_ADMIN)
    own = await store.start("test.work", "", outsider)
    stub = operation_pb2_grpc.OperationsServiceStub(platform.channel)
    get = operation_pb2.GetOperationRequest(name=operation.name)
    assert (await stub.GetOperation(get, metadata=reader_md)).name == operation.name
    assert await outcome(stub.GetOperation(get, metadata=outsider_md)) == (
        grpc.StatusCode.PERMISSION_DENIED
    )
    assert (
        await outcome(
            stub.CancelOperation(
                operation_pb2.CancelOperationRequest(name=operation.name), metadata=outsider_md
            )
        )
        == grpc.StatusCode.PERMISSION_DENIED
    )
    mine_listed = await stub.ListOperations(
        operation_pb2.ListOperationsRequest(page_size=1000), metadata=outsider_md
    )
    names = {o.name for o in mine_listed.operations}
    assert own.name in names
    assert operation.name not in names
    read = await stub.ListOperations(
        operation_pb2.ListOperationsRequest(page_size=1000), metadata=reader_md
    )
    assert operation.name in {o.name for o in read.operations}
    assert (
        await stub.GetOperation(
            operation_pb2.GetOperationRequest(name=own.name), metadata=outsider_md
        )
    ).name == own.name


async def test_binding_changes_apply_at_once(platform: Platform) -> None:
    workspace = await new_workspace(platform)
    reader, metadata = await platform.new_user("fleeting")
    added = await member(platform, workspace, reader, MemberRole.ROLE_DATA_READER)
    get = workspace_pb2.GetWorkspaceRequest(name=workspace)
    assert (await workspaces(platform).GetWorkspace(get, metadata=metadata)).name == workspace
    await workspaces(platform).DeleteMember(
        workspace_pb2.DeleteMemberRequest(name=added.name), metadata=platform.admin
    )
    assert await outcome(workspaces(platform).GetWorkspace(get, metadata=metadata)) == (
        grpc.StatusCode.PERMISSION_DENIED
    )
    await member(platform, workspace, reader, MemberRole.ROLE_AUDITOR)
    assert (await workspaces(platform).GetWorkspace(get, metadata=metadata)).name == workspace


async def test_other_processes_hear_of_changes_through_redis(platform: Platform) -> None:
    """A client whose process did not make the change: its answers go when the change
    is announced on the channel (the server's listener evicts every client here)."""
    assert platform.server.runtime is not None
    runtime = platform.server.runtime
    client = access.AccessClient(lambda: runtime.clients, runtime.identity, "users/admin", 60.0)
    caller = Principal(name=f"users/r-{uuid.uuid4().hex[:6]}")
    await client.check(caller, "catalog.assets.read", ["workspaces/nowhere"])
    assert client._decisions
    await runtime.redis.publish(access.CHANNEL, "changed")
    for _ in range(50):
        if not client._decisions:
            break
        await asyncio.sleep(0.05)
    assert not client._decisions
