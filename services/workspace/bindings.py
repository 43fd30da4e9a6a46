"""Keeps each workspace member's rbac role binding in step with the membership.

A member's role in a workspace is what grants its permissions there, so every member
has one binding, scoped to the workspace, of the built-in role its Member.Role maps to,
with origin WORKSPACE_MEMBER: people change it through the member, not through rbac.

The calls are signed as the workspace service rather than with the caller's token: the
caller was already authorised for the membership change (``workspace.members.*`` on
the workspace), a binding's origin may only be set by a service, and the creator of a
new workspace holds no binding there yet. The binding's id is derived from the member's
name, so a retried call finds the binding it made before.

Member changes are written in a transaction that stays open until rbac has answered,
so a membership without its binding is never committed; should the commit fail after
rbac answered, the binding change is taken back (``compensating``).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

import asyncpg
import grpc
from google.protobuf import field_mask_pb2

from pursight.rbac.v1 import rbac_pb2, rbac_pb2_grpc
from pursight.workspace.v1 import workspace_pb2
from services.runtime.service import Runtime

log = logging.getLogger(__name__)

Role = workspace_pb2.Member.Role
Origin = rbac_pb2.RoleBinding.Origin
ROLE_OF = {
    Role.ROLE_ADMIN: "roles/workspaceAdmin",
    Role.ROLE_DATA_SOURCE_ADMIN: "roles/dataSourceAdmin",
    Role.ROLE_DATA_STEWARD: "roles/dataSteward",
    Role.ROLE_DATA_CURATOR: "roles/dataCurator",
    Role.ROLE_DATA_READER: "roles/dataReader",
    Role.ROLE_POLICY_AUTHOR: "roles/policyAuthor",
    Role.ROLE_AUDITOR: "roles/auditor",
}
BINDABLE = ("users/", "serviceAccounts/", "groups/")
CALL_SECONDS = 5.0


def binding_id(member: str) -> str:
    """The binding id of member ``workspaces/w/members/m``, stable across retries."""
    return "wm-" + hashlib.sha256(member.encode()).hexdigest()[:24]


class MemberBindings:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    def _stub(self) -> rbac_pb2_grpc.RbacServiceStub:
        return self._rt.clients.stub("rbac", rbac_pb2_grpc.RbacServiceStub)

    def _metadata(self) -> tuple[tuple[str, str], ...]:
        return self._rt.identity.metadata("workspace")

    async def put(self, member: str, principal: str, role: workspace_pb2.Member.Role) -> bool:
        """Creates the member's binding, or gives it ``role`` when it exists; False when
        no rbac service answers (the member is bound later, by ``backfill``)."""
        if not principal.startswith(BINDABLE):
            return True  # services/* hold every permission already
        workspace = "/".join(member.split("/")[:2])
        name = f"roleBindings/{binding_id(member)}"
        try:
            await self._stub().CreateRoleBinding(
                rbac_pb2.CreateRoleBindingRequest(
                    role_binding_id=binding_id(member),
                    role_binding=rbac_pb2.RoleBinding(
                        principal=principal,
                        role=ROLE_OF[role],
                        scope=workspace,
                        effect=rbac_pb2.Effect.EFFECT_ALLOW,
                        origin=Origin.ORIGIN_WORKSPACE_MEMBER,
                        origin_resource=member,
                        description=f"Membership {member}",
                    ),
                ),
                metadata=self._metadata(),
                timeout=CALL_SECONDS,
            )
        except grpc.aio.AioRpcError as exc:
            if exc.code() == grpc.StatusCode.UNIMPLEMENTED:
                return False  # no rbac service in this deployment
            if exc.code() != grpc.StatusCode.ALREADY_EXISTS:
                raise
            await self._stub().UpdateRoleBinding(
                rbac_pb2.UpdateRoleBindingRequest(
                    role_binding=rbac_pb2.RoleBinding(name=name, role=ROLE_OF[role]),
                    update_mask=field_mask_pb2.FieldMask(paths=["role"]),
                ),
                metadata=self._metadata(),
                timeout=CALL_SECONDS,
            )
        return True

    async def backfill(
        self, pool: asyncpg.Pool, *, attempts: int = 30, wait_seconds: float = 2.0
    ) -> int:
        """Binds the members committed without a binding (``binding_synced`` false);
        how many it bound. Runs in the background at start, waiting while the rbac
        service is not up yet. Each member stays locked while its binding is made, as
        in AddMember, so a concurrent removal cannot leave a binding behind."""
        bound = 0
        for attempt in range(attempts):
            try:
                while True:
                    async with pool.acquire() as conn, conn.transaction():
                        row = await conn.fetchrow(
                            "SELECT workspace_id, id, principal, role FROM workspace.members"
                            " WHERE NOT binding_synced ORDER BY workspace_id, id"
                            " LIMIT 1 FOR UPDATE SKIP LOCKED"
                        )
                        if row is None:
                            return bound
                        member = f"workspaces/{row['workspace_id']}/members/{row['id']}"
                        if not await self.put(member, row["principal"], row["role"]):
                            return bound  # no rbac service: nothing to bind to
                        await conn.execute(
                            "UPDATE workspace.members SET binding_synced = true"
                            " WHERE workspace_id = $1 AND id = $2",
                            row["workspace_id"],
                            row["id"],
                        )
                        bound += 1
                        log.info("bound %s, a member without its role binding", member)
            except grpc.aio.AioRpcError as exc:
                retry = exc.code() in (
                    grpc.StatusCode.UNAVAILABLE,
                    grpc.StatusCode.DEADLINE_EXCEEDED,
                )
                if not retry or attempt == attempts - 1:
                    log.warning(
                        "binding members without a role binding stopped: %s", exc.code().name
                    )
                    return bound
                await asyncio.sleep(wait_seconds)
        return bound

    async def remove(self, member: str) -> None:
        """Deletes the member's binding; gone already is fine."""
        try:
            await self._stub().DeleteRoleBinding(
                rbac_pb2.DeleteRoleBindingRequest(name=f"roleBindings/{binding_id(member)}"),
                metadata=self._metadata(),
                timeout=CALL_SECONDS,
            )
        except grpc.aio.AioRpcError as exc:
            if exc.code() not in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.UNIMPLEMENTED):
                raise

    @contextlib.asynccontextmanager
    async def compensating(self) -> AsyncIterator[list[Callable[[], Awaitable[object]]]]:
        """Yields a list of undo steps; they run, newest first, if the block fails (a
        commit after the rbac call included), so bindings never outlive the change."""
        undo: list[Callable[[], Awaitable[object]]] = []
        try:
            yield undo
        except BaseException:
            for step in reversed(undo):
                try:
                    await step()
                except grpc.aio.AioRpcError as exc:
                    log.error("could not take back a binding change: %s", exc.code().name)
            raise

    async def remove_workspace(self, workspace: str) -> None:
        """Deletes every binding at or under a deleted workspace, so that a workspace
        created later under the same id does not inherit them."""
        try:
            while True:
                page = await self._stub().ListRoleBindings(
                    rbac_pb2.ListRoleBindingsRequest(
                        scope=workspace,
                        include_descendants=True,
                        include_expired=True,
                        page_size=1000,
                    ),
                    metadata=self._metadata(),
                    timeout=CALL_SECONDS,
                )
                for binding in page.role_bindings:
                    await self._stub().DeleteRoleBinding(
                        rbac_pb2.DeleteRoleBindingRequest(name=binding.name),
                        metadata=self._metadata(),
                        timeout=CALL_SECONDS,
                    )
                if not page.next_page_token:
                    return
        except grpc.aio.AioRpcError as exc:
            if exc.code() != grpc.StatusCode.UNIMPLEMENTED:
                raise
