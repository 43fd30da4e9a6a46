"""Role bindings: who holds (or is denied) which role at which scope.

The interceptor lets a caller into Get/List/Update/DeleteRoleBinding when it holds the
permission at any scope (``any_scope`` in the contract), because a binding's name does
not show its scope; so every method here checks the binding's own scope, and
ListRoleBindings returns only bindings on scopes the caller may list.

Bindings kept in step with another resource (a workspace member's) carry that origin
and can only be changed through it: a PurSight service (``services/*``) may set and edit
them, a person may not.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import asyncpg
from google.protobuf import empty_pb2

from pursight.rbac.v1 import rbac_pb2
from services.rbac.evaluate import Evaluator
from services.rbac.role_store import RoleStore, assignable, role_id_of
from services.rbac.roles import PLATFORM_ADMIN
from services.runtime import scopes as S
from services.runtime.access import groups_of
from services.runtime.context import Principal, current_principal
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
    permission_denied,
)
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.names import check_id, new_id, update_paths
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.service_identity import SERVICE_PRINCIPAL_PREFIX
from services.runtime.sql import assignments, like_escape

Effect = rbac_pb2.Effect
Origin = rbac_pb2.RoleBinding.Origin
PRINCIPAL = re.compile(r"^(users|serviceAccounts|groups)/[A-Za-z0-9._@-]{1,128}$")
MAX_DESCRIPTION = 1000
_COLUMN = {"role": "role_id"}  # update mask path -> column, where they differ

# Whether a scope exists: True, False, or None when its owner cannot say.
ScopeExists = Callable[[str], Awaitable[bool | None]]


def binding_message(row: asyncpg.Record) -> rbac_pb2.RoleBinding:
    message = rbac_pb2.RoleBinding(
        name=f"roleBindings/{row['id']}",
        principal=row["principal"],
        role=f"roles/{row['role_id']}",
        scope=S.display(row["scope"]),
        scope_kind=row["scope_kind"],
        effect=row["effect"],
        description=row["description"],
        origin=row["origin"],
        origin_resource=row["origin_resource"],
        creator=row["creator"],
        create_time=timestamp(row["create_time"]),
        update_time=timestamp(row["update_time"]),
        etag=etag(row["version"]),
    )
    if row["expire_time"] is not None:
        message.expire_time.CopyFrom(timestamp(row["expire_time"]))
    return message


def binding_id_of(name: str, field: str = "name") -> str:
    prefix, _, binding_id = name.partition("/")
    if prefix != "roleBindings":
        raise bad_field(field, "must look like roleBindings/{role_binding}")
    return check_id(binding_id, field)


def _is_service(principal: Principal) -> bool:
    return principal.name.startswith(SERVICE_PRINCIPAL_PREFIX)


def _common_violations(rb: rbac_pb2.RoleBinding, paths: set[str]) -> list[FieldViolation]:
    found: list[FieldViolation] = []
    if "effect" in paths and rb.effect not in Effect.values():
        found.append(FieldViolation("role_binding.effect", "must be ALLOW or DENY"))
    if "description" in paths and len(rb.description) > MAX_DESCRIPTION:
        found.append(
            FieldViolation("role_binding.description", f"at most {MAX_DESCRIPTION} characters")
        )
    if (
        "expire_time" in paths
        and rb.HasField("expire_time")
        and rb.expire_time.ToDatetime(tzinfo=UTC) <= datetime.now(UTC)
    ):
        found.append(FieldViolation("role_binding.expire_time", "must be in the future"))
    return found


class BindingStore:
    def __init__(
        self, pool: asyncpg.Pool, roles: RoleStore, evaluator: Evaluator, exists: ScopeExists
    ) -> None:
        self._pool = pool
        self._roles = roles
        self._evaluator = evaluator
        self._exists = exists

    async def seed_bootstrap(self, conn: Connection, admin_principal: str) -> None:
        """The bootstrap administrator's platform-admin binding, as settings name it."""
        await conn.execute(
            "INSERT INTO rbac.bindings (id, principal, role_id, scope, scope_kind, workspace,"
            " effect, description, origin, creator) VALUES ('bootstrap-admin', $1, $2, '', $3,"
            " '', $4, 'The bootstrap administrator named in settings.', $5, '')"
            " ON CONFLICT (id) DO UPDATE SET principal = $1, role_id = $2, scope = '',"
            " scope_kind = $3, workspace = '', effect = $4, expire_time = NULL,"
            " version = rbac.bindings.version + 1, update_time = now()"
            " WHERE rbac.bindings.principal <> $1 OR rbac.bindings.role_id <> $2"
            " OR rbac.bindings.scope <> '' OR rbac.bindings.effect <> $4"
            " OR rbac.bindings.expire_time IS NOT NULL",
            admin_principal,
            PLATFORM_ADMIN,
            S.ScopeKind.SCOPE_KIND_PLATFORM,
            Effect.EFFECT_ALLOW,
            Origin.ORIGIN_BOOTSTRAP,
        )

    # -- object-level checks --------------------------------------------------------

    async def _require(self, permission: str, row: asyncpg.Record) -> None:
        """PERMISSION_DENIED unless the caller holds ``permission`` at the binding's scope."""
        caller = current_principal()
        if self._evaluator.superuser(caller.name):
            return
        answer = await self._evaluator.check(
            caller.name, groups_of(caller), permission, S.display(row["scope"])
        )
        if not answer.allowed:
            raise permission_denied(permission, f"roleBindings/{row['id']}")

    async def _fetch(
        self, conn: Connection | asyncpg.Pool, name: str, field: str = "name"
    ) -> asyncpg.Record:
        row = await conn.fetchrow(
            "SELECT * FROM rbac.bindings WHERE id = $1", binding_id_of(name, field)
        )
        if row is None:
            raise not_found("RoleBinding", name)
        return row

    @staticmethod
    def _managed(row: asyncpg.Record) -> None:
        if row["origin"] not in (Origin.ORIGIN_MANUAL, Origin.ORIGIN_UNSPECIFIED) and not (
            _is_service(current_principal())
        ):
            raise failed_precondition(
                f"roleBindings/{row['id']} is kept in step with"
                f" {row['origin_resource'] or 'the platform'}; change that instead",
                "MANAGED_BINDING",
            )

    async def _keep_a_platform_admin(self, conn: Connection, row: asyncpg.Record) -> None:
        if not (
            row["role_id"] == PLATFORM_ADMIN
            and row["scope"] == S.PLATFORM
            and row["effect"] == Effect.EFFECT_ALLOW
        ):
            return
        others = await conn.fetchval(
            "SELECT count(*) FROM rbac.bindings WHERE role_id = $1 AND scope = '' AND effect = $2"
            " AND id <> $3 AND (expire_time IS NULL OR expire_time > now())",
            PLATFORM_ADMIN,
            Effect.EFFECT_ALLOW,
            row["id"],
        )
        if not others:
            raise failed_precondition(
                "the platform must keep at least one platform admin binding", "LAST_PLATFORM_ADMIN"
            )

    # -- methods -------------------------------------------------------------------

    async def create(
        self, request: rbac_pb2.CreateRoleBindingRequest
    ) -> tuple[rbac_pb2.RoleBinding, bool]:
        """The binding, and whether it was written (False for validate_only and retries)."""
        rb = request.role_binding
        caller = current_principal()
        violations = _common_violations(rb, {"effect", "description", "expire_time"})
        if not PRINCIPAL.match(rb.principal):
            violations.append(
                FieldViolation(
                    "role_binding.principal",
                    "must be users/{id}, serviceAccounts/{id} or groups/{id}",
                )
            )
        scope = S.normalize(rb.scope)
        if scope is None:
            violations.append(
                FieldViolation(
                    "role_binding.scope",
                    "must be / (the platform), workspaces/{ws}, workspaces/{ws}/dataSources/{ds}"
                    " or workspaces/{ws}/assets/{asset}",
                )
            )
        collect(violations)
        assert scope is not None  # noqa: S101 - collect() raised otherwise
        binding_id = (
            check_id(request.role_binding_id, "role_binding_id")
            if request.role_binding_id
            else new_id()
        )
        check_request_id(request.request_id)
        role = await self._roles.fetch(self._pool, rb.role, "role_binding.role")
        kind = S.kind(scope)
        if not assignable(role, kind):
            raise bad_field(
                "role_binding.role",
                f"{rb.role} cannot be bound at {S.ScopeKind.Name(kind)} scopes",
            )
        origin, origin_resource = Origin.ORIGIN_MANUAL, ""
        if _is_service(caller) and rb.origin not in (Origin.ORIGIN_UNSPECIFIED,):
            origin, origin_resource = rb.origin, rb.origin_resource
        elif scope != S.PLATFORM and await self._exists(scope) is False:
            raise bad_field("role_binding.scope", f"{scope} does not exist")
        effect = rb.effect or Effect.EFFECT_ALLOW
        expire = rb.expire_time.ToDatetime(tzinfo=UTC) if rb.HasField("expire_time") else None
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "rbac", request.request_id)
            if known:
                return binding_message(await self._fetch(conn, known)), False
            if request.validate_only:
                preview = rbac_pb2.RoleBinding()
                preview.CopyFrom(rb)
                preview.name = f"roleBindings/{binding_id}"
                preview.scope, preview.scope_kind = S.display(scope), kind
                preview.effect, preview.creator = effect, caller.name
                preview.origin, preview.origin_resource = origin, origin_resource
                return preview, False
            try:
                row = await conn.fetchrow(
                    "INSERT INTO rbac.bindings (id, principal, role_id, scope, scope_kind,"
                    " workspace, effect, description, expire_time, origin, origin_resource,"
                    " creator) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                    " RETURNING *",
                    binding_id,
                    rb.principal,
                    role["id"],
                    scope,
                    kind,
                    S.workspace_of(scope),
                    effect,
                    rb.description,
                    expire,
                    origin,
                    origin_resource,
                    caller.name,
                )
            except asyncpg.UniqueViolationError as exc:
                taken = origin_resource if "origin" in str(exc) else f"roleBindings/{binding_id}"
                raise already_exists("RoleBinding", taken) from None
            if row is None:  # INSERT ... RETURNING without ON CONFLICT returns the row
                raise RuntimeError(f"inserting roleBindings/{binding_id} returned no row")
            await remember(conn, "rbac", request.request_id, f"roleBindings/{binding_id}")
        return binding_message(row), True

    async def get(self, request: rbac_pb2.GetRoleBindingRequest) -> rbac_pb2.RoleBinding:
        row = await self._fetch(self._pool, request.name)
        await self._require("rbac.roleBindings.read", row)
        return binding_message(row)

    async def update(self, request: rbac_pb2.UpdateRoleBindingRequest) -> rbac_pb2.RoleBinding:
        rb = request.role_binding
        paths = update_paths(
            request.update_mask, rb, {"role", "effect", "description", "expire_time"}
        )
        collect(_common_violations(rb, set(paths)))
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self._fetch(conn, rb.name, "role_binding.name")
            await self._require("rbac.roleBindings.update", row)
            self._managed(row)
            if rb.etag and parse_etag(rb.etag) != row["version"]:
                raise aborted_etag("RoleBinding", rb.name)
            values: dict[str, object] = {
                "role_id": row["role_id"],
                "effect": rb.effect or Effect.EFFECT_ALLOW,
                "description": rb.description,
                "expire_time": (
                    rb.expire_time.ToDatetime(tzinfo=UTC) if rb.HasField("expire_time") else None
                ),
            }
            if "role" in paths:
                role = await self._roles.fetch(conn, rb.role, "role_binding.role")
                if not assignable(role, row["scope_kind"]):
                    raise bad_field(
                        "role_binding.role",
                        f"{rb.role} cannot be bound at"
                        f" {S.ScopeKind.Name(row['scope_kind'])} scopes",
                    )
                values["role_id"] = role["id"]
            chosen = {column: values[column] for column in (_COLUMN.get(p, p) for p in paths)}
            after = {**dict(row), **chosen}
            still_admin = (
                after["role_id"] == PLATFORM_ADMIN
                and after["effect"] == Effect.EFFECT_ALLOW
                and after["expire_time"] is None
            )
            if not still_admin:
                await self._keep_a_platform_admin(conn, row)
            sets = assignments(chosen, 2)
            updated = await conn.fetchrow(
                f"UPDATE rbac.bindings SET {sets}, version = version + 1,"  # noqa: S608 - columns from a fixed allow-list
                " update_time = now() WHERE id = $1 RETURNING *",
                row["id"],
                *chosen.values(),
            )
            if updated is None:  # the row was read in this transaction
                raise not_found("RoleBinding", rb.name)
        return binding_message(updated)

    async def delete(self, request: rbac_pb2.DeleteRoleBindingRequest) -> empty_pb2.Empty:
        async with self._pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow(
                "SELECT * FROM rbac.bindings WHERE id = $1 FOR UPDATE",
                binding_id_of(request.name),
            )
            if row is None:
                raise not_found("RoleBinding", request.name)
            await self._require("rbac.roleBindings.delete", row)
            self._managed(row)
            if request.etag and parse_etag(request.etag) != row["version"]:
                raise aborted_etag("RoleBinding", request.name)
            await self._keep_a_platform_admin(conn, row)
            await conn.execute("DELETE FROM rbac.bindings WHERE id = $1", row["id"])
        return empty_pb2.Empty()

    async def list(
        self, request: rbac_pb2.ListRoleBindingsRequest
    ) -> rbac_pb2.ListRoleBindingsResponse:
        size = page_size(request.page_size)
        filters = [
            request.principal,
            request.role,
            request.scope,
            request.include_inherited,
            request.include_descendants,
            request.effect,
            request.include_expired,
        ]
        after = decode_token(request.page_token, filters) or ""
        clauses: list[str] = []
        params: list[object] = []

        def add(value: object) -> str:
            params.append(value)
            return f"${len(params)}"

        if request.principal:
            clauses.append(f"principal = {add(request.principal)}")
        if request.role:
            clauses.append(f"role_id = {add(role_id_of(request.role, 'role'))}")
        if request.scope:
            scope = S.normalize(request.scope)
            if scope is None:
                raise bad_field("scope", "must be / or a workspace, data source or asset name")
            exact = S.lineage(scope) if request.include_inherited else [scope]
            where = f"scope = ANY({add(exact)}::text[])"
            if request.include_descendants:
                where += f" OR scope LIKE {add(like_escape(scope) + '/%')}" if scope else " OR true"
            clauses.append(f"({where})")
        if request.effect:
            clauses.append(f"effect = {add(request.effect)}")
        if not request.include_expired:
            clauses.append("(expire_time IS NULL OR expire_time > now())")
        visible = await self._visible(add)
        if visible is not None:
            clauses.append(visible)
        where_sql = " AND ".join(clauses) or "true"
        total = await self._pool.fetchval(
            f"SELECT count(*) FROM rbac.bindings WHERE {where_sql}",  # noqa: S608 - clauses built above, values bound
            *params,
        )
        rows = await self._pool.fetch(
            f"SELECT * FROM rbac.bindings WHERE {where_sql} AND id > {add(after)}"  # noqa: S608 - as above
            f" ORDER BY id LIMIT {add(size + 1)}",
            *params,
        )
        response = rbac_pb2.ListRoleBindingsResponse(
            role_bindings=[binding_message(r) for r in rows[:size]], total_size=total
        )
        if len(rows) > size:
            response.next_page_token = encode_token(rows[size - 1]["id"], filters)
        return response

    async def _visible(self, add: Callable[[object], str]) -> str | None:
        """A WHERE clause keeping the bindings on scopes the caller may list."""
        caller = current_principal()
        if self._evaluator.superuser(caller.name):
            return None
        grants = await self._evaluator.granted(
            caller.name, groups_of(caller), "rbac.roleBindings.list", ""
        )
        if S.PLATFORM in grants.denied:
            return "false"

        def inside(found: list[str]) -> str:
            prefixes = [like_escape(s) + "/%" for s in found]
            return f"(scope = ANY({add(found)}::text[]) OR scope LIKE ANY({add(prefixes)}::text[]))"

        allowed = "true" if grants.platform_wide else inside(grants.allowed)
        if not grants.denied:
            return allowed
        return f"({allowed} AND NOT {inside(grants.denied)})"
