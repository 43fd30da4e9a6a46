"""The authorization matrix: representative RPCs of the built services called as each
built-in role (a user holding it on workspace A, through a workspace membership), as a
platform admin who is not the bootstrap one, and as an outsider who administers
workspace B only. Each call must be refused exactly when the role table says so.

An allowed call may still fail for other reasons (the requests aim at objects that do
not exist or carry invalid values, so that nothing important changes); what is checked
is PERMISSION_DENIED or not. Then every RPC of every service not built yet is called as
the outsider and as a user with no role at all: refused, never UNIMPLEMENTED. (That
every RPC declares its permission is tests/unit/test_contracts.py's job.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import grpc
import pytest
import pytest_asyncio
from google.protobuf import field_mask_pb2, message_factory
from google.protobuf.descriptor import FieldDescriptor, MethodDescriptor
from google.protobuf.message import Message

from pursight.auth.v1 import auth_pb2
from pursight.catalog.v1 import catalog_pb2, resources_pb2
from pursight.classification.v1 import classification_pb2
from pursight.common.v1 import operation_pb2
from pursight.rbac.v1 import rbac_pb2
from pursight.workspace.v1 import workspace_pb2
from services.runtime.descriptors import method_policy, pursight_services, service_short_name
from services.runtime.operations import OperationStore
from services.runtime.scopes import request_scopes
from tests.conftest import Platform
from tests.rbac._helpers import (
    MemberRole,
    Metadata,
    bind,
    catalog,
    member,
    new_asset,
    new_workspace,
    outcome,
    stream_outcome,
    workspaces,
)

MEMBER_ROLES = {
    "workspaceAdmin": MemberRole.ROLE_ADMIN,
    "dataSourceAdmin": MemberRole.ROLE_DATA_SOURCE_ADMIN,
    "dataSteward": MemberRole.ROLE_DATA_STEWARD,
    "dataCurator": MemberRole.ROLE_DATA_CURATOR,
    "dataReader": MemberRole.ROLE_DATA_READER,
    "policyAuthor": MemberRole.ROLE_POLICY_AUTHOR,
    "auditor": MemberRole.ROLE_AUDITOR,
}
PRINCIPALS = (*MEMBER_ROLES, "platformAdmin", "outsider")
BUILT = {"auth", "workspace", "catalog", "classification", "operations", "rbac"}

IN_A = set(MEMBER_ROLES) | {"platformAdmin"}
EVERYONE = IN_A | {"outsider"}
ADMINS = {"workspaceAdmin", "platformAdmin"}
PLATFORM = {"platformAdmin"}
READERS = IN_A - {"auditor"}  # every role with catalog, classification and operation reads
EDITORS = {"workspaceAdmin", "dataSteward", "dataCurator", "platformAdmin"}
STEWARDS = {"workspaceAdmin", "dataSteward", "platformAdmin"}
CLASSIFIERS = {"workspaceAdmin", "dataSourceAdmin", "dataSteward", "dataCurator", "platformAdmin"}
SOURCE_ADMINS = {"workspaceAdmin", "dataSourceAdmin", "platformAdmin"}
BINDING_READERS = {"workspaceAdmin", "auditor", "platformAdmin"}
# Outcomes that say nothing about authorization: an allowed call must not end so.
BROKEN = {
    grpc.StatusCode.UNAUTHENTICATED,
    grpc.StatusCode.UNIMPLEMENTED,
    grpc.StatusCode.UNAVAILABLE,
    grpc.StatusCode.INTERNAL,
    grpc.StatusCode.DEADLINE_EXCEEDED,
}


@dataclass
class World:
    a: str
    b: str
    asset: str
    operation: str
    metadata: dict[str, Metadata]


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def world(platform: Platform) -> World:
    a, b = await new_workspace(platform, "MatrixA"), await new_workspace(platform, "MatrixB")
    asset = await new_asset(platform, a)
    assert platform.server.runtime is not None
    store = OperationStore(platform.server.runtime.db.primary, platform.server.runtime.redis)
    operation = await store.start("test.matrix", f"{a}/dataSources/d1/scans/s1", "users/admin")
    metadata: dict[str, Metadata] = {}
    for role, member_role in MEMBER_ROLES.items():
        principal, metadata[role] = await platform.new_user(role.lower())
        await member(platform, a, principal, member_role)
    principal, metadata["platformAdmin"] = await platform.new_user("platformadmin")
    await bind(platform, principal, "platformAdmin", "/")
    principal, metadata["outsider"] = await platform.new_user("outsider")
    await member(platform, b, principal, MemberRole.ROLE_ADMIN)
    return World(a, b, asset.name, operation.name, metadata)


@dataclass(frozen=True)
class Case:
    """``rpc`` (``<service>.<Method>``) called with ``request(world)``."""

    rpc: str
    allowed: frozenset[str]
    request: Callable[[World], Message]
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.rpc} ({self.note})" if self.note else self.rpc


def case(rpc: str, allowed: set[str], request: Callable[[World], Message], note: str = "") -> Case:
    return Case(rpc, frozenset(allowed), request, note)


def _mask(*paths: str) -> field_mask_pb2.FieldMask:
    return field_mask_pb2.FieldMask(paths=list(paths))


def _binding(scope: str) -> rbac_pb2.CreateRoleBindingRequest:
    return rbac_pb2.CreateRoleBindingRequest(
        role_binding=rbac_pb2.RoleBinding(
            principal="not valid", role="roles/dataReader", scope=scope
        )
    )


# Requests aim at objects that do not exist or carry invalid values where an allowed
# call would otherwise change something that matters.
CASES = [
    # auth: the caller's own session anywhere; users and accounts at the platform only
    case("auth.WhoAmI", EVERYONE, lambda w: auth_pb2.WhoAmIRequest()),
    case("auth.ListUsers", PLATFORM, lambda w: auth_pb2.ListUsersRequest()),
    case("auth.CreateUser", PLATFORM, lambda w: auth_pb2.CreateUserRequest(user_id="Not Valid!")),
    case("auth.GetUser", PLATFORM, lambda w: auth_pb2.GetUserRequest(name="users/nobody-here")),
    case("auth.RevokeToken", PLATFORM, lambda w: auth_pb2.RevokeTokenRequest(token_id="nope")),
    # workspace
    case("workspace.GetWorkspace", IN_A, lambda w: workspace_pb2.GetWorkspaceRequest(name=w.a)),
    case("workspace.ListMembers", IN_A, lambda w: workspace_pb2.ListMembersRequest(parent=w.a)),
    case("workspace.ListWorkspaces", EVERYONE, lambda w: workspace_pb2.ListWorkspacesRequest()),
    case(
        "workspace.UpdateWorkspace",
        ADMINS,
        lambda w: workspace_pb2.UpdateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(name=w.a, description="matrix"),
            update_mask=_mask("description"),
        ),
    ),
    case(
        "workspace.DeleteWorkspace",
        ADMINS,
        lambda w: workspace_pb2.DeleteWorkspaceRequest(name=w.a, etag='W/"999999"'),
    ),
    case(
        "workspace.CreateMember",
        ADMINS,
        lambda w: workspace_pb2.CreateMemberRequest(
            parent=w.a, member=workspace_pb2.Member(principal="not valid")
        ),
    ),
    case(
        "workspace.CreateWorkspace",
        PLATFORM,
        lambda w: workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name="never"), validate_only=True
        ),
    ),
    # catalog
    case("catalog.GetAsset", READERS, lambda w: catalog_pb2.GetAssetRequest(name=w.asset)),
    case("catalog.ListAssets", READERS, lambda w: catalog_pb2.ListAssetsRequest(parent=w.a)),
    case(
        "catalog.SearchAssets",
        READERS,
        lambda w: catalog_pb2.SearchAssetsRequest(parent=w.a, query="table"),
    ),
    case(
        "catalog.SearchAssets",
        READERS | {"outsider"},
        lambda w: catalog_pb2.SearchAssetsRequest(parent="workspaces/-", query="table"),
        "every workspace, filtered",
    ),
    case(
        "catalog.ListAssetChanges",
        READERS,
        lambda w: catalog_pb2.ListAssetChangesRequest(asset=w.asset),
    ),
    case(
        "catalog.GetLineageGraph",
        READERS,
        lambda w: catalog_pb2.GetLineageGraphRequest(asset=w.asset),
    ),
    case(
        "catalog.UpdateAsset",
        EDITORS,
        lambda w: catalog_pb2.UpdateAssetRequest(
            asset=resources_pb2.Asset(name=w.asset, description="matrix"),
            update_mask=_mask("description"),
        ),
        "description",
    ),
    case(
        "catalog.UpdateAsset",
        STEWARDS,
        lambda w: catalog_pb2.UpdateAssetRequest(
            asset=resources_pb2.Asset(name=w.asset, owners=["users/matrix"]),
            update_mask=_mask("owners"),
        ),
        "owners",
    ),
    case(
        "catalog.CreateAsset",
        STEWARDS,
        lambda w: catalog_pb2.CreateAssetRequest(parent=w.a, asset=resources_pb2.Asset()),
    ),
    case(
        "catalog.DeleteAsset",
        STEWARDS,
        lambda w: catalog_pb2.DeleteAssetRequest(name=f"{w.a}/assets/none"),
    ),
    case(
        "catalog.AddClassification",
        STEWARDS,
        lambda w: catalog_pb2.AddClassificationRequest(
            asset=w.asset, classification=resources_pb2.Classification(label="NOT VALID")
        ),
    ),
    case(
        "catalog.AssignGlossaryTerm",
        EDITORS,
        lambda w: catalog_pb2.AssignGlossaryTermRequest(
            term="glossaries/none/terms/none", assets=[w.asset]
        ),
    ),
    case(
        "catalog.BatchUpsertAssets",
        ADMINS,
        lambda w: catalog_pb2.BatchUpsertAssetsRequest(parent=w.a),
    ),
    case(
        "catalog.GetGlossary",
        READERS | {"outsider"},
        lambda w: catalog_pb2.GetGlossaryRequest(name="glossaries/none"),
    ),
    case(
        "catalog.CreateGlossary",
        PLATFORM,
        lambda w: catalog_pb2.CreateGlossaryRequest(glossary_id="Not Valid!"),
    ),
    case(
        "catalog.ExportAnnotations",
        READERS,
        lambda w: catalog_pb2.ExportAnnotationsRequest(parent=w.a),
    ),
    case(
        "catalog.ImportAnnotations",
        EDITORS,
        lambda w: catalog_pb2.ImportAnnotationsRequest(
            parent=w.a, csv="qualified_name,description\n", dry_run=True
        ),
        "description",
    ),
    case(
        "catalog.ImportAnnotations",
        STEWARDS,
        lambda w: catalog_pb2.ImportAnnotationsRequest(
            parent=w.a, csv="qualified_name,owners\n", dry_run=True
        ),
        "owners",
    ),
    case(
        "catalog.CreateLineageEdge",
        EDITORS,
        lambda w: catalog_pb2.CreateLineageEdgeRequest(parent=w.a),
    ),
    # classification: built-in classifiers are everyone's, a workspace's are its own
    case(
        "classification.ListClassifiers",
        READERS | {"outsider"},
        lambda w: classification_pb2.ListClassifiersRequest(),
        "built-in",
    ),
    case(
        "classification.ListClassifiers",
        READERS,
        lambda w: classification_pb2.ListClassifiersRequest(parent=w.a),
        "workspace A",
    ),
    case(
        "classification.GetClassifier",
        READERS | {"outsider"},
        lambda w: classification_pb2.GetClassifierRequest(name="classifiers/email"),
    ),
    case(
        "classification.CreateClassifier",
        STEWARDS,
        lambda w: classification_pb2.CreateClassifierRequest(parent=w.a),
    ),
    case(
        "classification.ListRuleSets",
        READERS,
        lambda w: classification_pb2.ListRuleSetsRequest(parent=w.a),
    ),
    case(
        "classification.ClassifyText",
        CLASSIFIERS,
        lambda w: classification_pb2.ClassifyTextRequest(parent=w.a, texts=["a@example.com"]),
    ),
    # operations: checked against the operation's target by the service
    case(
        "operations.GetOperation",
        READERS,
        lambda w: operation_pb2.GetOperationRequest(name=w.operation),
    ),
    case(
        "operations.WatchOperation",
        READERS,
        lambda w: operation_pb2.WatchOperationRequest(name=w.operation),
    ),
    case(
        "operations.ListOperations",
        READERS | {"outsider"},
        lambda w: operation_pb2.ListOperationsRequest(),
    ),
    case(
        "operations.CancelOperation",
        SOURCE_ADMINS,
        lambda w: operation_pb2.CancelOperationRequest(name=w.operation),
    ),
    # rbac
    case("rbac.ListRoles", EVERYONE, lambda w: rbac_pb2.ListRolesRequest()),
    case("rbac.ListPermissions", EVERYONE, lambda w: rbac_pb2.ListPermissionsRequest()),
    case(
        "rbac.TestPermissions",
        IN_A,
        lambda w: rbac_pb2.TestPermissionsRequest(resource=w.a, permissions=["x.y.z"]),
    ),
    case("rbac.CreateRoleBinding", ADMINS, lambda w: _binding(w.a), "in A"),
    case("rbac.CreateRoleBinding", PLATFORM, lambda w: _binding("/"), "on the platform"),
    case(
        "rbac.ListRoleBindings",
        BINDING_READERS,
        lambda w: rbac_pb2.ListRoleBindingsRequest(scope=w.a),
        "in A",
    ),
    case(
        "rbac.ListRoleBindings",
        BINDING_READERS | {"outsider"},
        lambda w: rbac_pb2.ListRoleBindingsRequest(),
        "everywhere, filtered",
    ),
    case("rbac.CreateRole", PLATFORM, lambda w: rbac_pb2.CreateRoleRequest(role=rbac_pb2.Role())),
    case(
        "rbac.CheckPermission",
        ADMINS,
        lambda w: rbac_pb2.CheckPermissionRequest(
            principal="users/x", permission="catalog.assets.read", resource=w.a
        ),
    ),
]


def _method(rpc: str) -> MethodDescriptor:
    short, _, name = rpc.partition(".")
    for service in pursight_services():
        if service_short_name(service.full_name) == short:
            return service.methods_by_name[name]
    raise LookupError(rpc)


async def test_each_role_is_allowed_exactly_what_the_table_says(
    platform: Platform, world: World
) -> None:
    gate = asyncio.Semaphore(16)  # concurrent, as clients are, but not all at once

    async def run(item: Case, principal: str) -> str | None:
        async with gate:
            code = await _invoke(
                platform, _method(item.rpc), item.request(world), world.metadata[principal]
            )
        denied = code == grpc.StatusCode.PERMISSION_DENIED
        if denied == (principal in item.allowed) or code in BROKEN:
            return f"{item.label} as {principal}: {code.name}"
        return None

    results = await asyncio.gather(*(run(c, p) for c in CASES for p in PRINCIPALS))
    assert [r for r in results if r] == []


async def test_search_everywhere_shows_the_outsider_nothing_of_a(
    platform: Platform, world: World
) -> None:
    found = await catalog(platform).SearchAssets(
        catalog_pb2.SearchAssetsRequest(parent="workspaces/-", page_size=100),
        metadata=world.metadata["outsider"],
    )
    assert not [r for r in found.results if r.asset.name.startswith(world.a + "/")]
    listed = await workspaces(platform).ListWorkspaces(
        workspace_pb2.ListWorkspacesRequest(), metadata=world.metadata["outsider"]
    )
    assert [w.name for w in listed.workspaces] == [world.b]


def _aimed_at(method: MethodDescriptor, workspace: str) -> Any:
    """An empty request of ``method`` whose resource names point into ``workspace``."""
    request = message_factory.GetMessageClass(method.input_type)()
    fields = request.DESCRIPTOR.fields_by_name
    if "parent" in fields and fields["parent"].type == FieldDescriptor.TYPE_STRING:
        request.parent = workspace
    if "name" in fields and fields["name"].type == FieldDescriptor.TYPE_STRING:
        request.name = f"{workspace}/things/thing"
    for field in request.DESCRIPTOR.fields:
        if field.type == FieldDescriptor.TYPE_MESSAGE and not field.is_repeated:
            inner = field.message_type.fields_by_name.get("name")
            if inner is not None and inner.type == FieldDescriptor.TYPE_STRING:
                getattr(request, field.name).name = f"{workspace}/things/thing"
                break
    return request


async def _invoke(
    platform: Platform, method: MethodDescriptor, request: Any, md: Metadata
) -> grpc.StatusCode:
    path = f"/{method.containing_service.full_name}/{method.name}"
    reply = message_factory.GetMessageClass(method.output_type)
    serialize, parse = type(request).SerializeToString, reply.FromString
    channel = platform.channel
    if method.client_streaming:
        if method.server_streaming:
            stream = channel.stream_stream(path, serialize, parse)(iter([request]), metadata=md)
            return await stream_outcome(stream)
        return await outcome(
            channel.stream_unary(path, serialize, parse)(iter([request]), metadata=md)
        )
    if method.server_streaming:
        return await stream_outcome(
            channel.unary_stream(path, serialize, parse)(request, metadata=md)
        )
    return await outcome(channel.unary_unary(path, serialize, parse)(request, metadata=md))


@pytest.mark.parametrize("who", ["outsider", "nobody"])
async def test_services_not_built_refuse_before_answering_unimplemented(
    platform: Platform, world: World, who: str
) -> None:
    if who == "nobody":
        _, md = await platform.new_user("nobody")
    else:
        md = world.metadata["outsider"]
    checked, wrong = 0, []
    for service in pursight_services():
        if service_short_name(service.full_name) in BUILT:
            continue
        for method in service.methods:
            policy = method_policy(f"/{service.full_name}/{method.name}")
            assert policy is not None
            if policy.public:
                continue
            request = _aimed_at(method, world.a)
            if who == "outsider" and policy.any_scope and not request_scopes(request):
                continue  # the service itself checks what such calls return
            code = await _invoke(platform, method, request, md)
            checked += 1
            if code != grpc.StatusCode.PERMISSION_DENIED:
                wrong.append(f"{service.name}.{method.name}: {code.name}")
    assert checked > 50
    assert wrong == []


async def test_a_user_without_roles_is_refused_by_every_built_rpc(platform: Platform) -> None:
    _, md = await platform.new_user("rolesless")
    wrong = []
    for service in pursight_services():
        if service_short_name(service.full_name) not in BUILT:
            continue
        for method in service.methods:
            policy = method_policy(f"/{service.full_name}/{method.name}")
            assert policy is not None
            if policy.public:
                continue
            code = await _invoke(platform, method, _aimed_at(method, "workspaces/anything"), md)
            if code != grpc.StatusCode.PERMISSION_DENIED:
                wrong.append(f"{service.name}.{method.name}: {code.name}")
    assert wrong == []
