"""Roles: the built-in ones written at start, and custom ones people create.

A custom role's permissions are validated against the permission catalogue when it is
saved: each entry must be a permission or a wildcard pattern (``catalog.*.read``) that
covers at least one known permission, so a typo is refused instead of granting nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import asyncpg
from google.protobuf import empty_pb2

from pursight.rbac.v1 import rbac_pb2
from services.rbac.roles import BUILT_IN_ROLES
from services.runtime.context import current_principal
from services.runtime.convert import etag, parse_etag, timestamp
from services.runtime.database import Connection
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
from services.runtime.names import update_paths
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.permissions import expand, includes, is_pattern
from services.runtime.scopes import ScopeKind
from services.runtime.sql import assignments

ROLE_ID = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]{0,62}$")
MAX_PERMISSIONS = 500
_SELECT = (
    "SELECT r.*, (SELECT count(*) FROM rbac.bindings b WHERE b.role_id = r.id)"
    " AS binding_count FROM rbac.roles r"
)


def role_message(row: asyncpg.Record) -> rbac_pb2.Role:
    return rbac_pb2.Role(
        name=f"roles/{row['id']}",
        display_name=row["display_name"],
        description=row["description"],
        permissions=row["permissions"],
        assignable_scopes=row["assignable_scopes"],
        built_in=row["built_in"],
        binding_count=row["binding_count"],
        creator=row["creator"],
        create_time=timestamp(row["create_time"]),
        update_time=timestamp(row["update_time"]),
        etag=etag(row["version"]),
    )


def role_id_of(name: str, field: str = "name") -> str:
    prefix, _, role_id = name.partition("/")
    if prefix != "roles" or not ROLE_ID.match(role_id):
        raise bad_field(field, "must look like roles/{role}")
    return role_id


def _generated_id(display_name: str) -> str:
    """``PII reviewer`` -> ``piiReviewer``."""
    words = re.findall(r"[A-Za-z0-9]+", display_name)
    text = "".join(
        w.lower() if i == 0 else w[:1].upper() + w[1:].lower() for i, w in enumerate(words)
    )
    text = text.lstrip("0123456789")[:63]
    return text or "role"


def _violations(role: rbac_pb2.Role, paths: Iterable[str]) -> list[FieldViolation]:
    chosen = set(paths)
    found: list[FieldViolation] = []
    if "display_name" in chosen and not 1 <= len(role.display_name.strip()) <= 200:
        found.append(FieldViolation("role.display_name", "must be 1-200 characters"))
    if "description" in chosen and len(role.description) > 4000:
        found.append(FieldViolation("role.description", "must be at most 4000 characters"))
    if "permissions" in chosen:
        if not role.permissions:
            found.append(FieldViolation("role.permissions", "must name at least one permission"))
        if len(role.permissions) > MAX_PERMISSIONS:
            found.append(FieldViolation("role.permissions", f"at most {MAX_PERMISSIONS}"))
        for i, entry in enumerate(role.permissions[:MAX_PERMISSIONS]):
            if not is_pattern(entry):
                found.append(
                    FieldViolation(
                        f"role.permissions[{i}]",
                        "must be <service>.<collection>.<verb>, any segment may be *",
                    )
                )
            elif not expand([entry]):
                found.append(
                    FieldViolation(
                        f"role.permissions[{i}]",
                        f"{entry!r} matches no permission (see ListPermissions)",
                    )
                )
    if "assignable_scopes" in chosen:
        for i, value in enumerate(role.assignable_scopes):
            if value not in ScopeKind.values() or value == ScopeKind.SCOPE_KIND_UNSPECIFIED:
                found.append(FieldViolation(f"role.assignable_scopes[{i}]", "must be a ScopeKind"))
    return found


class RoleStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def seed(self, conn: Connection) -> None:
        """Writes the built-in roles as roles.py defines them."""
        for position, role in enumerate(BUILT_IN_ROLES):
            await conn.execute(
                "INSERT INTO rbac.roles (id, display_name, description, permissions,"
                " assignable_scopes, built_in, position) VALUES ($1, $2, $3, $4, $5, true, $6)"
                " ON CONFLICT (id) DO UPDATE SET display_name = $2, description = $3,"
                " permissions = $4, assignable_scopes = $5, built_in = true, position = $6,"
                " version = rbac.roles.version + 1, update_time = now()"
                " WHERE (rbac.roles.display_name, rbac.roles.description,"
                " rbac.roles.permissions, rbac.roles.assignable_scopes, rbac.roles.position)"
                " IS DISTINCT FROM ($2, $3, $4, $5, $6)",
                role.role_id,
                role.display_name,
                role.description,
                list(role.permissions),
                list(role.assignable_scopes),
                position,
            )

    async def fetch(
        self, conn: Connection | asyncpg.Pool, name: str, field: str = "name"
    ) -> asyncpg.Record:
        role_id = role_id_of(name, field)
        row = await conn.fetchrow(f"{_SELECT} WHERE r.id = $1", role_id)
        if row is None:
            raise not_found("Role", name)
        return row

    async def create(self, request: rbac_pb2.CreateRoleRequest) -> tuple[rbac_pb2.Role, bool]:
        """The role, and whether it was written (False for validate_only and retries)."""
        role = request.role
        collect(
            _violations(role, ("display_name", "description", "permissions", "assignable_scopes"))
        )
        role_id = request.role_id or _generated_id(role.display_name)
        if not ROLE_ID.match(role_id):
            raise bad_field("role_id", "must be a letter then up to 62 letters, digits or '-'")
        check_request_id(request.request_id)
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "rbac", request.request_id)
            if known:
                return role_message(await self.fetch(conn, known)), False
            clash = await conn.fetchval(
                "SELECT id FROM rbac.roles WHERE id = $1 OR lower(display_name) = lower($2)",
                role_id,
                role.display_name.strip(),
            )
            if clash is not None:
                raise already_exists("Role", f"roles/{clash}")
            if request.validate_only:
                preview = rbac_pb2.Role()
                preview.CopyFrom(role)
                preview.name, preview.creator = f"roles/{role_id}", current_principal().name
                preview.built_in, preview.binding_count = False, 0
                return preview, False
            await conn.execute(
                "INSERT INTO rbac.roles (id, display_name, description, permissions,"
                " assignable_scopes, creator) VALUES ($1, $2, $3, $4, $5, $6)",
                role_id,
                role.display_name.strip(),
                role.description,
                list(dict.fromkeys(role.permissions)),
                sorted(set(role.assignable_scopes)),
                current_principal().name,
            )
            await remember(conn, "rbac", request.request_id, f"roles/{role_id}")
            return role_message(await self.fetch(conn, f"roles/{role_id}")), True

    async def list(self, request: rbac_pb2.ListRolesRequest) -> rbac_pb2.ListRolesResponse:
        if request.built_in_only and request.custom_only:
            raise bad_field("custom_only", "cannot be combined with built_in_only")
        size = page_size(request.page_size)
        filters = [request.built_in_only, request.custom_only, request.permission]
        offset = decode_token(request.page_token, filters) or 0
        if not isinstance(offset, int) or offset < 0:
            raise bad_field("page_token", "is not a token this service issued")
        rows = await self._pool.fetch(
            f"{_SELECT} WHERE ($1 = false OR r.built_in) AND ($2 = false OR NOT r.built_in)"
            " ORDER BY r.position, lower(r.display_name), r.id",
            request.built_in_only,
            request.custom_only,
        )
        if request.permission:
            rows = [r for r in rows if includes(r["permissions"], request.permission)]
        response = rbac_pb2.ListRolesResponse(
            roles=[role_message(r) for r in rows[offset : offset + size]], total_size=len(rows)
        )
        if offset + size < len(rows):
            response.next_page_token = encode_token(offset + size, filters)
        return response

    async def update(self, request: rbac_pb2.UpdateRoleRequest) -> rbac_pb2.Role:
        role = request.role
        paths = update_paths(
            request.update_mask,
            role,
            {"display_name", "description", "permissions", "assignable_scopes"},
        )
        collect(_violations(role, paths))
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self.fetch(conn, role.name, "role.name")
            if row["built_in"]:
                raise failed_precondition(f"{role.name} is built in and read-only", "BUILT_IN_ROLE")
            if role.etag and parse_etag(role.etag) != row["version"]:
                raise aborted_etag("Role", role.name)
            if "assignable_scopes" in paths and role.assignable_scopes:
                stranded = await conn.fetchval(
                    "SELECT count(*) FROM rbac.bindings WHERE role_id = $1"
                    " AND NOT (scope_kind = ANY($2::smallint[]))",
                    row["id"],
                    list(role.assignable_scopes),
                )
                if stranded:
                    raise failed_precondition(
                        f"{stranded} binding(s) of {role.name} are at scope levels the new"
                        " assignable_scopes leave out; delete or move them first",
                        "BINDINGS_OUT_OF_SCOPE",
                    )
            values: dict[str, object] = {
                "display_name": role.display_name.strip(),
                "description": role.description,
                "permissions": list(dict.fromkeys(role.permissions)),
                "assignable_scopes": sorted(set(role.assignable_scopes)),
            }
            chosen = {p: values[p] for p in paths}
            sets = assignments(chosen, 2)
            try:
                await conn.execute(
                    f"UPDATE rbac.roles SET {sets}, version = version + 1,"  # noqa: S608 - columns from a fixed allow-list
                    " update_time = now() WHERE id = $1",
                    row["id"],
                    *chosen.values(),
                )
            except asyncpg.UniqueViolationError:
                raise already_exists("Role", role.display_name) from None
            return role_message(await self.fetch(conn, role.name))

    async def delete(self, request: rbac_pb2.DeleteRoleRequest) -> empty_pb2.Empty:
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self.fetch(conn, request.name)
            if row["built_in"]:
                raise failed_precondition(f"{request.name} is built in", "BUILT_IN_ROLE")
            if request.etag and parse_etag(request.etag) != row["version"]:
                raise aborted_etag("Role", request.name)
            if row["binding_count"] and not request.force:
                raise failed_precondition(
                    f"{row['binding_count']} binding(s) still use {request.name};"
                    " delete them or set force",
                    "ROLE_IN_USE",
                )
            await conn.execute("DELETE FROM rbac.bindings WHERE role_id = $1", row["id"])
            await conn.execute("DELETE FROM rbac.roles WHERE id = $1", row["id"])
        return empty_pb2.Empty()


def assignable(row: asyncpg.Record, scope_kind: int) -> bool:
    kinds: Sequence[int] = row["assignable_scopes"]
    return not kinds or scope_kind in kinds
