"""The workspace service: tenants and their members.

Each member's role is mirrored as an rbac binding on the workspace (bindings.py), the
creator of a workspace becoming its admin; ListWorkspaces shows only the workspaces
where the caller holds ``workspace.workspaces.list``.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from typing import Any

import asyncpg
import grpc
from google.protobuf import empty_pb2

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.runtime.access import for_runtime
from services.runtime.context import current_principal
from services.runtime.convert import etag, parse_etag, timestamp
from services.runtime.database import Connection, Queryable
from services.runtime.errors import (
    FieldViolation,
    aborted_etag,
    already_exists,
    bad_field,
    collect,
    failed_precondition,
    not_found,
)
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.names import check_id, new_id, parse_name, update_paths
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.scopes import ScopeKind, kind
from services.runtime.service import Runtime
from services.runtime.sql import assignments, like_escape
from services.workspace.bindings import MemberBindings

Role = workspace_pb2.Member.Role
PRINCIPAL = re.compile(r"^(users|serviceAccounts|groups)/[A-Za-z0-9._@-]{1,128}$")
WORKSPACE = "workspaces/{workspace}"
MEMBER = "workspaces/{workspace}/members/{member}"
MAX_LABELS = 64


def _workspace(row: asyncpg.Record) -> workspace_pb2.Workspace:
    return workspace_pb2.Workspace(
        name=f"workspaces/{row['id']}",
        display_name=row["display_name"],
        description=row["description"],
        labels=row["labels"],
        creator=row["creator"],
        create_time=timestamp(row["create_time"]),
        update_time=timestamp(row["update_time"]),
        etag=etag(row["version"]),
        member_count=row["member_count"],
    )


def _member(row: asyncpg.Record) -> workspace_pb2.Member:
    return workspace_pb2.Member(
        name=f"workspaces/{row['workspace_id']}/members/{row['id']}",
        principal=row["principal"],
        role=row["role"],
        create_time=timestamp(row["create_time"]),
        update_time=timestamp(row["update_time"]),
        etag=etag(row["version"]),
    )


def _check_workspace_fields(ws: workspace_pb2.Workspace, paths: set[str]) -> None:
    violations: list[FieldViolation] = []
    if "display_name" in paths and not 1 <= len(ws.display_name.strip()) <= 200:
        violations.append(FieldViolation("workspace.display_name", "must be 1-200 characters"))
    if "description" in paths and len(ws.description) > 4000:
        violations.append(
            FieldViolation("workspace.description", "must be at most 4000 characters")
        )
    if "labels" in paths:
        if len(ws.labels) > MAX_LABELS:
            violations.append(FieldViolation("workspace.labels", f"at most {MAX_LABELS} labels"))
        for key, value in ws.labels.items():
            if not re.fullmatch(r"[a-z][a-z0-9_.-]{0,62}", key) or len(value) > 256:
                violations.append(
                    FieldViolation(
                        f"workspace.labels[{key!r}]",
                        "keys are lower-case identifiers, values at most 256 characters",
                    )
                )
    collect(violations)


def _check_role(role: int, field: str) -> None:
    if role not in Role.values() or role == Role.ROLE_UNSPECIFIED:
        raise bad_field(
            field,
            "must be one of "
            + ", ".join(n for n in Role.DESCRIPTOR.values_by_name if n != "ROLE_UNSPECIFIED"),
        )


_SELECT_WORKSPACE = (
    "SELECT w.*, (SELECT count(*) FROM workspace.members m WHERE m.workspace_id = w.id)"
    " AS member_count FROM workspace.workspaces w"
)


async def _mark_synced(conn: Connection, ws_id: str, member_id: str, synced: bool) -> None:
    """Records whether the member's binding exists (see bindings.backfill)."""
    await conn.execute(
        "UPDATE workspace.members SET binding_synced = $3 WHERE workspace_id = $1 AND id = $2",
        ws_id,
        member_id,
        synced,
    )


class WorkspaceServicer(workspace_pb2_grpc.WorkspaceServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._pool = runtime.db.primary
        self._bindings = MemberBindings(runtime)
        self._access = for_runtime(runtime)
        self._backfill: asyncio.Task[int] | None = None

    async def start(self) -> None:
        """Binds, in the background, members committed while no rbac service answered."""
        self._backfill = asyncio.create_task(self._bindings.backfill(self._pool))

    async def stop(self) -> None:
        if self._backfill is not None and not self._backfill.done():
            self._backfill.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._backfill

    async def _get(self, conn: Queryable, ws_id: str, name: str) -> asyncpg.Record:
        row = await conn.fetchrow(f"{_SELECT_WORKSPACE} WHERE w.id = $1", ws_id)
        if row is None:
            raise not_found("Workspace", name)
        return row

    async def CreateWorkspace(
        self, request: workspace_pb2.CreateWorkspaceRequest, context: Any
    ) -> workspace_pb2.Workspace:
        ws = request.workspace
        _check_workspace_fields(ws, {"display_name", "description", "labels"})
        ws_id = check_id(request.workspace_id, "workspace_id") if request.workspace_id else new_id()
        check_request_id(request.request_id)
        creator = current_principal().name
        if request.validate_only:
            preview = workspace_pb2.Workspace()
            preview.CopyFrom(ws)
            preview.name, preview.creator = f"workspaces/{ws_id}", creator
            return preview
        async with (
            self._bindings.compensating() as undo,
            self._pool.acquire() as conn,
            conn.transaction(),
        ):
            known = await remembered(conn, "workspace", request.request_id)
            if known:
                return _workspace(await self._get(conn, known.split("/")[1], known))
            try:
                await conn.execute(
                    "INSERT INTO workspace.workspaces (id, display_name, description, labels,"
                    " creator) VALUES ($1, $2, $3, $4, $5)",
                    ws_id,
                    ws.display_name.strip(),
                    ws.description,
                    dict(ws.labels),
                    creator,
                )
            except asyncpg.UniqueViolationError as exc:
                what = "display_name" if "display_name" in str(exc) else "name"
                raise already_exists(
                    "Workspace",
                    ws.display_name if what == "display_name" else f"workspaces/{ws_id}",
                ) from None
            await conn.execute(
                "INSERT INTO workspace.members (workspace_id, id, principal, role)"
                " VALUES ($1, $2, $3, $4)",
                ws_id,
                _member_id(creator),
                creator,
                Role.ROLE_ADMIN,
            )
            creator_member = f"workspaces/{ws_id}/members/{_member_id(creator)}"
            synced = await self._bindings.put(creator_member, creator, Role.ROLE_ADMIN)
            await _mark_synced(conn, ws_id, _member_id(creator), synced)
            undo.append(lambda: self._bindings.remove(creator_member))
            await remember(conn, "workspace", request.request_id, f"workspaces/{ws_id}")
            return _workspace(await self._get(conn, ws_id, f"workspaces/{ws_id}"))

    async def GetWorkspace(
        self, request: workspace_pb2.GetWorkspaceRequest, context: Any
    ) -> workspace_pb2.Workspace:
        ids = parse_name(request.name, WORKSPACE)
        return _workspace(await self._get(self._pool, ids["workspace"], request.name))

    async def ListWorkspaces(
        self, request: workspace_pb2.ListWorkspacesRequest, context: Any
    ) -> workspace_pb2.ListWorkspacesResponse:
        size = page_size(request.page_size)
        position = decode_token(request.page_token, request.filter) or ["", ""]
        pattern = "%" + like_escape(request.filter.strip()) + "%"
        visible, hidden = await self._visible_workspaces()
        rows = await self._rt.db.replica.fetch(
            f"{_SELECT_WORKSPACE} WHERE (lower(w.display_name), w.id) > ($1, $2)"
            " AND w.display_name ILIKE $3 AND ($5::text[] IS NULL OR w.id = ANY($5))"
            " AND NOT (w.id = ANY($6::text[]))"
            " ORDER BY lower(w.display_name), w.id LIMIT $4",
            position[0],
            position[1],
            pattern,
            size + 1,
            visible,
            hidden,
        )
        total = await self._rt.db.replica.fetchval(
            "SELECT count(*) FROM workspace.workspaces WHERE display_name ILIKE $1"
            " AND ($2::text[] IS NULL OR id = ANY($2)) AND NOT (id = ANY($3::text[]))",
            pattern,
            visible,
            hidden,
        )
        response = workspace_pb2.ListWorkspacesResponse(
            workspaces=[_workspace(r) for r in rows[:size]], total_size=total
        )
        if len(rows) > size:
            last = rows[size - 1]
            response.next_page_token = encode_token(
                [last["display_name"].lower(), last["id"]], request.filter
            )
        return response

    async def _visible_workspaces(self) -> tuple[list[str] | None, list[str]]:
        """The ids of the workspaces the caller may list (None: all), and those denied.

        A workspace shows when the permission holds on it, not merely on a data source
        or asset inside it: what ListWorkspaces shows, GetWorkspace also answers."""
        grants = await self._access.grants(current_principal(), "workspace.workspaces.list")
        hidden = [
            s.split("/")[1] for s in grants.denied if kind(s) == ScopeKind.SCOPE_KIND_WORKSPACE
        ]
        if "" in grants.denied:
            return [], []
        if grants.platform_wide:
            return None, hidden
        shown = [
            s.split("/")[1] for s in grants.allowed if kind(s) == ScopeKind.SCOPE_KIND_WORKSPACE
        ]
        return shown, hidden

    async def UpdateWorkspace(
        self, request: workspace_pb2.UpdateWorkspaceRequest, context: Any
    ) -> workspace_pb2.Workspace:
        ws = request.workspace
        ids = parse_name(ws.name, WORKSPACE, "workspace.name")
        paths = update_paths(request.update_mask, ws, {"display_name", "description", "labels"})
        _check_workspace_fields(ws, set(paths))
        async with self._pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow(
                "SELECT version FROM workspace.workspaces WHERE id = $1 FOR UPDATE",
                ids["workspace"],
            )
            if row is None:
                raise not_found("Workspace", ws.name)
            if ws.etag and parse_etag(ws.etag) != row["version"]:
                raise aborted_etag("Workspace", ws.name)
            values: dict[str, object] = {
                "display_name": ws.display_name.strip(),
                "description": ws.description,
                "labels": dict(ws.labels),
            }
            chosen = {p: values[p] for p in paths}
            sets = assignments(chosen, 2)
            try:
                await conn.execute(
                    f"UPDATE workspace.workspaces SET {sets}, version = version + 1,"  # noqa: S608 - columns from a fixed allow-list
                    " update_time = now() WHERE id = $1",
                    ids["workspace"],
                    *chosen.values(),
                )
            except asyncpg.UniqueViolationError:
                raise already_exists("Workspace", ws.display_name) from None
            return _workspace(await self._get(conn, ids["workspace"], ws.name))

    async def DeleteWorkspace(
        self, request: workspace_pb2.DeleteWorkspaceRequest, context: Any
    ) -> empty_pb2.Empty:
        ids = parse_name(request.name, WORKSPACE)
        row = await self._pool.fetchrow(
            "SELECT version FROM workspace.workspaces WHERE id = $1", ids["workspace"]
        )
        if row is None:
            raise not_found("Workspace", request.name)
        if request.etag and parse_etag(request.etag) != row["version"]:
            raise aborted_etag("Workspace", request.name)
        if not request.force and await self._holds_assets(request.name):
            raise failed_precondition(
                f"{request.name} still holds assets; delete them first or set force",
                "WORKSPACE_NOT_EMPTY",
            )
        # Bindings first: should the delete then fail, access is lost, never left over
        # for a workspace created later under the same id.
        await self._bindings.remove_workspace(request.name)
        await self._pool.execute("DELETE FROM workspace.workspaces WHERE id = $1", ids["workspace"])
        return empty_pb2.Empty()

    async def _holds_assets(self, workspace: str) -> bool:
        """Asks the catalog, over gRPC as across the mesh, whether anything is left."""
        stub = self._rt.clients.stub("catalog", catalog_pb2_grpc.CatalogServiceStub)
        try:
            page = await stub.ListAssets(
                catalog_pb2.ListAssetsRequest(parent=workspace, page_size=1, show_deleted=True),
                # As the service: deleting a workspace is what the caller was allowed.
                metadata=self._rt.identity.metadata("workspace"),
            )
        except grpc.aio.AioRpcError as exc:
            if exc.code() == grpc.StatusCode.UNIMPLEMENTED:
                return False
            raise
        return len(page.assets) > 0

    # -- members -----------------------------------------------------------------------

    async def CreateMember(
        self, request: workspace_pb2.CreateMemberRequest, context: Any
    ) -> workspace_pb2.Member:
        ids = parse_name(request.parent, WORKSPACE, "parent")
        member = request.member
        violations = []
        if not PRINCIPAL.match(member.principal):
            violations.append(
                FieldViolation(
                    "member.principal", "must be users/{id}, serviceAccounts/{id} or groups/{id}"
                )
            )
        collect(violations)
        _check_role(member.role, "member.role")
        member_id = (
            check_id(request.member_id, "member_id")
            if request.member_id
            else _member_id(member.principal)
        )
        check_request_id(request.request_id)
        name = f"{request.parent}/members/{member_id}"
        async with (
            self._bindings.compensating() as undo,
            self._pool.acquire() as conn,
            conn.transaction(),
        ):
            known = await remembered(conn, "workspace", request.request_id)
            if known:
                parts = parse_name(known, MEMBER)
                return await self._member_row(conn, parts["workspace"], parts["member"], known)
            await self._get(conn, ids["workspace"], request.parent)
            try:
                row = await conn.fetchrow(
                    "INSERT INTO workspace.members (workspace_id, id, principal, role)"
                    " VALUES ($1, $2, $3, $4) RETURNING *",
                    ids["workspace"],
                    member_id,
                    member.principal,
                    member.role,
                )
            except asyncpg.UniqueViolationError:
                raise already_exists("Member", f"{request.parent}/members/{member_id}") from None
            if row is None:  # INSERT ... RETURNING without ON CONFLICT returns the row
                raise RuntimeError(
                    f"inserting {request.parent}/members/{member_id} returned no row"
                )
            synced = await self._bindings.put(name, member.principal, member.role)
            await _mark_synced(conn, ids["workspace"], member_id, synced)
            undo.append(lambda: self._bindings.remove(name))
            await remember(conn, "workspace", request.request_id, name)
        return _member(row)

    async def _member_row(
        self, conn: Queryable, ws_id: str, member_id: str, name: str
    ) -> workspace_pb2.Member:
        row = await conn.fetchrow(
            "SELECT * FROM workspace.members WHERE workspace_id = $1 AND id = $2",
            ws_id,
            member_id,
        )
        if row is None:
            raise not_found("Member", name)
        return _member(row)

    async def GetMember(
        self, request: workspace_pb2.GetMemberRequest, context: Any
    ) -> workspace_pb2.Member:
        ids = parse_name(request.name, MEMBER)
        return await self._member_row(self._pool, ids["workspace"], ids["member"], request.name)

    async def ListMembers(
        self, request: workspace_pb2.ListMembersRequest, context: Any
    ) -> workspace_pb2.ListMembersResponse:
        ids = parse_name(request.parent, WORKSPACE, "parent")
        size = page_size(request.page_size)
        after = decode_token(request.page_token, request.parent) or ""
        await self._get(self._rt.db.replica, ids["workspace"], request.parent)
        rows = await self._rt.db.replica.fetch(
            "SELECT * FROM workspace.members WHERE workspace_id = $1 AND id > $2"
            " ORDER BY id LIMIT $3",
            ids["workspace"],
            after,
            size + 1,
        )
        response = workspace_pb2.ListMembersResponse(members=[_member(r) for r in rows[:size]])
        if len(rows) > size:
            response.next_page_token = encode_token(rows[size - 1]["id"], request.parent)
        return response

    async def UpdateMember(
        self, request: workspace_pb2.UpdateMemberRequest, context: Any
    ) -> workspace_pb2.Member:
        member = request.member
        ids = parse_name(member.name, MEMBER, "member.name")
        update_paths(request.update_mask, member, {"role"})
        _check_role(member.role, "member.role")
        async with (
            self._bindings.compensating() as undo,
            self._pool.acquire() as conn,
            conn.transaction(),
        ):
            locked = await self._lock_member(conn, ids, member.name, member.etag)
            principal, before = locked["principal"], locked["role"]
            if before == Role.ROLE_ADMIN and member.role != Role.ROLE_ADMIN:
                await self._keep_an_admin(conn, ids["workspace"])
            row = await conn.fetchrow(
                "UPDATE workspace.members SET role = $3, version = version + 1,"
                " update_time = now() WHERE workspace_id = $1 AND id = $2 RETURNING *",
                ids["workspace"],
                ids["member"],
                member.role,
            )
            if row is None:  # the row is locked FOR UPDATE above
                raise RuntimeError(f"{member.name} vanished while locked")
            synced = await self._bindings.put(member.name, principal, member.role)
            await _mark_synced(conn, ids["workspace"], ids["member"], synced)
            undo.append(lambda: self._bindings.put(member.name, principal, before))
        return _member(row)

    async def _lock_member(
        self, conn: Connection, ids: dict[str, str], name: str, etag: str
    ) -> asyncpg.Record:
        """The member's row, locked for the rest of the transaction; NOT_FOUND, or
        ABORTED when ``etag`` is set and stale."""
        row = await conn.fetchrow(
            "SELECT * FROM workspace.members WHERE workspace_id = $1 AND id = $2 FOR UPDATE",
            ids["workspace"],
            ids["member"],
        )
        if row is None:
            raise not_found("Member", name)
        if etag and parse_etag(etag) != row["version"]:
            raise aborted_etag("Member", name)
        return row

    async def _keep_an_admin(self, conn: Connection, ws_id: str) -> None:
        admins = await conn.fetchval(
            "SELECT count(*) FROM workspace.members WHERE workspace_id = $1 AND role = $2",
            ws_id,
            Role.ROLE_ADMIN,
        )
        if admins <= 1:
            raise failed_precondition("a workspace must keep at least one admin", "LAST_ADMIN")

    async def DeleteMember(
        self, request: workspace_pb2.DeleteMemberRequest, context: Any
    ) -> empty_pb2.Empty:
        ids = parse_name(request.name, MEMBER)
        async with (
            self._bindings.compensating() as undo,
            self._pool.acquire() as conn,
            conn.transaction(),
        ):
            row = await self._lock_member(conn, ids, request.name, request.etag)
            if row["role"] == Role.ROLE_ADMIN:
                await self._keep_an_admin(conn, ids["workspace"])
            await conn.execute(
                "DELETE FROM workspace.members WHERE workspace_id = $1 AND id = $2",
                ids["workspace"],
                ids["member"],
            )
            await self._bindings.remove(request.name)
            undo.append(lambda: self._bindings.put(request.name, row["principal"], row["role"]))
        return empty_pb2.Empty()


def _member_id(principal: str) -> str:
    """``users/Alice.B`` -> ``users-alice-b``: a readable, valid member id."""
    slug = re.sub(r"[^a-z0-9]+", "-", principal.lower()).strip("-")
    return slug[:63].rstrip("-") or new_id()
