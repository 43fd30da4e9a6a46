"""The rbac service: roles, role bindings and permission checks.

Roles live in role_store.py, bindings in binding_store.py, and decisions in
evaluate.py. Every change to a role or a binding is announced (``access.announce_change``)
so that every process drops the permission answers it cached.
"""

from __future__ import annotations

from typing import Any

import grpc
from google.protobuf import empty_pb2

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from pursight.rbac.v1 import rbac_pb2, rbac_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.rbac.binding_store import BindingStore
from services.rbac.evaluate import Evaluator, holders, resource_scope
from services.rbac.role_store import RoleStore, role_message
from services.runtime import scopes as S
from services.runtime.access import IDENTITY, AccessClient, announce_change, groups_of
from services.runtime.context import current_principal
from services.runtime.errors import FieldViolation, bad_field, collect
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.permissions import expand, includes, permission_catalogue
from services.runtime.service import Runtime

MAX_CHECKS = 100
CALL_SECONDS = 5.0


def _check_request(request: rbac_pb2.CheckPermissionRequest, prefix: str) -> list[FieldViolation]:
    found = []
    if not request.principal or "/" not in request.principal:
        found.append(FieldViolation(f"{prefix}principal", "must be a principal, users/{id}"))
    if not request.permission:
        found.append(FieldViolation(f"{prefix}permission", "is required"))
    if len(request.resource_ancestors) > 64:
        found.append(FieldViolation(f"{prefix}resource_ancestors", "at most 64"))
    return found


class RbacServicer(rbac_pb2_grpc.RbacServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        pool = runtime.db.primary
        self.admin = f"users/{runtime.settings.admin_username}"
        self.evaluator = Evaluator(pool, self.admin)
        self.roles = RoleStore(pool)
        self.bindings = BindingStore(pool, self.roles, self.evaluator, self._scope_exists)
        # Only for asset ancestry (TestPermissions); decisions here come from evaluator.
        self._access = AccessClient(lambda: runtime.clients, runtime.identity, self.admin)

    async def start(self) -> None:
        """Writes the built-in roles and the bootstrap administrator's binding."""
        async with self._rt.db.primary.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(hashtext('rbac.seed'))")
            await self.roles.seed(conn)
            await self.bindings.seed_bootstrap(conn, self.admin)
        await announce_change(self._rt.redis)

    async def _changed(self) -> None:
        await announce_change(self._rt.redis)

    async def _scope_exists(self, scope: str) -> bool | None:
        """Asks the scope's owner, as a service, whether it exists; None if it cannot say.

        An asset is asked of the catalog; a workspace, and for now a data source, of the
        workspace service (the data source's workspace): the datasource service is
        still being built, and a binding on a source that does not exist yet grants
        nothing anyone can reach."""
        metadata = self._rt.identity.metadata(IDENTITY)
        try:
            if S.kind(scope) == S.ScopeKind.SCOPE_KIND_ASSET:
                await self._rt.clients.stub(
                    "catalog", catalog_pb2_grpc.CatalogServiceStub
                ).GetAsset(
                    catalog_pb2.GetAssetRequest(name=scope), metadata=metadata, timeout=CALL_SECONDS
                )
            else:
                await self._rt.clients.stub(
                    "workspace", workspace_pb2_grpc.WorkspaceServiceStub
                ).GetWorkspace(
                    workspace_pb2.GetWorkspaceRequest(name=S.workspace_of(scope)),
                    metadata=metadata,
                    timeout=CALL_SECONDS,
                )
        except grpc.aio.AioRpcError as exc:
            return False if exc.code() == grpc.StatusCode.NOT_FOUND else None
        return True

    # -- roles -------------------------------------------------------------------------

    async def CreateRole(self, request: rbac_pb2.CreateRoleRequest, context: Any) -> rbac_pb2.Role:
        role, written = await self.roles.create(request)
        if written:
            await self._changed()
        return role

    async def GetRole(self, request: rbac_pb2.GetRoleRequest, context: Any) -> rbac_pb2.Role:
        return role_message(await self.roles.fetch(self._rt.db.primary, request.name))

    async def ListRoles(
        self, request: rbac_pb2.ListRolesRequest, context: Any
    ) -> rbac_pb2.ListRolesResponse:
        return await self.roles.list(request)

    async def UpdateRole(self, request: rbac_pb2.UpdateRoleRequest, context: Any) -> rbac_pb2.Role:
        role = await self.roles.update(request)
        await self._changed()
        return role

    async def DeleteRole(
        self, request: rbac_pb2.DeleteRoleRequest, context: Any
    ) -> empty_pb2.Empty:
        done = await self.roles.delete(request)
        await self._changed()
        return done

    # -- bindings ------------------------------------------------------------------------

    async def CreateRoleBinding(
        self, request: rbac_pb2.CreateRoleBindingRequest, context: Any
    ) -> rbac_pb2.RoleBinding:
        binding, written = await self.bindings.create(request)
        if written:
            await self._changed()
        return binding

    async def GetRoleBinding(
        self, request: rbac_pb2.GetRoleBindingRequest, context: Any
    ) -> rbac_pb2.RoleBinding:
        return await self.bindings.get(request)

    async def ListRoleBindings(
        self, request: rbac_pb2.ListRoleBindingsRequest, context: Any
    ) -> rbac_pb2.ListRoleBindingsResponse:
        return await self.bindings.list(request)

    async def UpdateRoleBinding(
        self, request: rbac_pb2.UpdateRoleBindingRequest, context: Any
    ) -> rbac_pb2.RoleBinding:
        binding = await self.bindings.update(request)
        await self._changed()
        return binding

    async def DeleteRoleBinding(
        self, request: rbac_pb2.DeleteRoleBindingRequest, context: Any
    ) -> empty_pb2.Empty:
        done = await self.bindings.delete(request)
        await self._changed()
        return done

    # -- checks --------------------------------------------------------------------------

    async def CheckPermission(
        self, request: rbac_pb2.CheckPermissionRequest, context: Any
    ) -> rbac_pb2.CheckPermissionResponse:
        collect(_check_request(request, ""))
        return await self.evaluator.check(
            request.principal,
            list(request.groups),
            request.permission,
            request.resource,
            list(request.resource_ancestors),
        )

    async def BatchCheckPermissions(
        self, request: rbac_pb2.BatchCheckPermissionsRequest, context: Any
    ) -> rbac_pb2.BatchCheckPermissionsResponse:
        if not request.requests:
            raise bad_field("requests", "must hold at least one check")
        if len(request.requests) > MAX_CHECKS:
            raise bad_field("requests", f"at most {MAX_CHECKS} checks")
        collect(
            v for i, r in enumerate(request.requests) for v in _check_request(r, f"requests[{i}].")
        )
        response = rbac_pb2.BatchCheckPermissionsResponse()
        for r in request.requests:
            response.responses.append(
                await self.evaluator.check(
                    r.principal,
                    list(r.groups),
                    r.permission,
                    r.resource,
                    list(r.resource_ancestors),
                )
            )
        return response

    async def TestPermissions(
        self, request: rbac_pb2.TestPermissionsRequest, context: Any
    ) -> rbac_pb2.TestPermissionsResponse:
        if not request.permissions:
            raise bad_field("permissions", "must name at least one permission")
        if len(request.permissions) > MAX_CHECKS:
            raise bad_field("permissions", f"at most {MAX_CHECKS} permissions")
        caller = current_principal()
        groups = groups_of(caller)
        held = []
        for permission in dict.fromkeys(request.permissions):
            answer = await self.evaluator.check(caller.name, groups, permission, request.resource)
            if answer.ancestors_needed and S.is_asset(resource_scope(request.resource)):
                answer = await self.evaluator.check(
                    caller.name,
                    groups,
                    permission,
                    request.resource,
                    await self._asset_ancestors(request.resource),
                )
            if answer.allowed:
                held.append(permission)
        return rbac_pb2.TestPermissionsResponse(permissions=held)

    async def _asset_ancestors(self, resource: str) -> tuple[str, ...]:
        return await self._access.ancestors(resource_scope(resource))

    async def ListPermissions(
        self, request: rbac_pb2.ListPermissionsRequest, context: Any
    ) -> rbac_pb2.ListPermissionsResponse:
        size = page_size(request.page_size, default=200)
        filters = [request.service, request.role]
        offset = decode_token(request.page_token, filters) or 0
        if not isinstance(offset, int) or offset < 0:
            raise bad_field("page_token", "is not a token this service issued")
        roles = await self._rt.db.primary.fetch(
            "SELECT id, permissions FROM rbac.roles WHERE built_in ORDER BY position"
        )
        chosen = list(permission_catalogue().values())
        if request.service:
            chosen = [p for p in chosen if p.service == request.service]
        if request.role:
            row = await self.roles.fetch(self._rt.db.primary, request.role, "role")
            covered = set(expand(row["permissions"]))
            chosen = [p for p in chosen if p.permission in covered]
        page = chosen[offset : offset + size]
        response = rbac_pb2.ListPermissionsResponse(
            permissions=[
                rbac_pb2.Permission(
                    permission=p.permission,
                    service=p.service,
                    description=p.description,
                    methods=p.methods,
                    mutating=p.mutating,
                    built_in_roles=[
                        f"roles/{r['id']}"
                        for r in roles
                        if includes(r["permissions"], p.permission)
                    ],
                )
                for p in page
            ]
        )
        if offset + size < len(chosen):
            response.next_page_token = encode_token(offset + size, filters)
        return response

    async def ListGrantedScopes(
        self, request: rbac_pb2.ListGrantedScopesRequest, context: Any
    ) -> rbac_pb2.ListGrantedScopesResponse:
        violations = _check_request(
            rbac_pb2.CheckPermissionRequest(
                principal=request.principal, permission=request.permission
            ),
            "",
        )
        under = S.normalize(request.under)
        if under is None:
            violations.append(FieldViolation("under", "must be a scope"))
        collect(violations)
        size = page_size(request.page_size, default=1000, maximum=10_000)
        filters = [request.principal, list(request.groups), request.permission, request.under]
        offset = decode_token(request.page_token, filters) or 0
        if not isinstance(offset, int) or offset < 0:
            raise bad_field("page_token", "is not a token this service issued")
        found = await self.evaluator.granted(
            request.principal, list(request.groups), request.permission, under or ""
        )
        response = rbac_pb2.ListGrantedScopesResponse(
            platform_wide=found.platform_wide,
            allowed_scopes=[S.display(s) for s in found.allowed[offset : offset + size]],
            denied_scopes=[S.display(s) for s in found.denied[offset : offset + size]],
        )
        if offset + size < max(len(found.allowed), len(found.denied)):
            response.next_page_token = encode_token(offset + size, filters)
        return response

    async def ListPermissionHolders(
        self, request: rbac_pb2.ListPermissionHoldersRequest, context: Any
    ) -> rbac_pb2.ListPermissionHoldersResponse:
        violations = []
        if not request.permission:
            violations.append(FieldViolation("permission", "is required"))
        elif request.permission not in permission_catalogue():
            violations.append(FieldViolation("permission", "is not a permission of the platform"))
        workspace = S.normalize(request.workspace)
        if not workspace or S.kind(workspace) != rbac_pb2.ScopeKind.SCOPE_KIND_WORKSPACE:
            violations.append(FieldViolation("workspace", "must be workspaces/{workspace}"))
        collect(violations)
        size = page_size(request.page_size, default=1000, maximum=10_000)
        filters = [request.permission, request.workspace]
        offset = decode_token(request.page_token, filters) or 0
        if not isinstance(offset, int) or offset < 0:
            raise bad_field("page_token", "is not a token this service issued")
        found = await holders(self._rt.db.primary, request.permission, workspace or "")
        response = rbac_pb2.ListPermissionHoldersResponse(
            holders=[
                rbac_pb2.PermissionHolder(
                    principal=b.principal,
                    role=f"roles/{b.role_id}",
                    scope=S.display(b.scope),
                    effect=b.effect,  # type: ignore[arg-type]
                    binding=f"roleBindings/{b.binding_id}",
                )
                for b in found[offset : offset + size]
            ]
        )
        if offset + size < len(found):
            response.next_page_token = encode_token(offset + size, filters)
        return response
