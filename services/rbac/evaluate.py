"""How a permission question is decided, from the bindings in the database.

A binding applies to a question when its principal is the caller or one of the caller's
groups, it has not expired, its role includes the permission, and its scope is the
resource's scope or one above it: the scopes the resource's name shows (asset ->
workspace -> platform), plus the ancestors the caller supplies (an asset's parent assets
and data source, which its name does not show).

- any applicable DENY wins, whatever ALLOW there is at any level; the broadest one is
  reported (a platform-wide denial explains more than an asset's);
- otherwise the nearest applicable ALLOW grants it, and is reported;
- otherwise the answer is no (deny by default).

For an asset asked about without ancestors, the answer also says whether the principal
has bindings below the workspace that could apply once the ancestors are known
(``ancestors_needed``); the caller then supplies them and asks again.

Reads go to the primary: a binding just deleted must not keep granting from a lagging
replica.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import asyncpg

from pursight.rbac.v1 import rbac_pb2
from services.rbac.roles import PLATFORM_ADMIN
from services.runtime import scopes as S
from services.runtime.permissions import includes, permission_catalogue
from services.runtime.service_identity import SERVICE_PRINCIPAL_PREFIX
from services.runtime.sql import like_escape

Reason = rbac_pb2.CheckPermissionResponse.Reason
Effect = rbac_pb2.Effect
BOOTSTRAP_BINDING = "bootstrap-admin"

_BINDINGS = (
    "SELECT b.id, b.principal, b.role_id, b.scope, b.scope_kind, b.effect, r.permissions"
    " FROM rbac.bindings b JOIN rbac.roles r ON r.id = b.role_id"
    " WHERE b.principal = ANY($1::text[])"
    " AND (b.expire_time IS NULL OR b.expire_time > now())"
)


@dataclass(frozen=True)
class Applicable:
    """A binding as far as decisions go."""

    binding_id: str
    principal: str
    role_id: str
    scope: str
    scope_kind: int
    effect: int
    permissions: tuple[str, ...]

    @classmethod
    def of(cls, row: asyncpg.Record) -> Applicable:
        return cls(
            row["id"],
            row["principal"],
            row["role_id"],
            row["scope"],
            row["scope_kind"],
            row["effect"],
            tuple(row["permissions"]),
        )


@dataclass(frozen=True)
class GrantedScopes:
    platform_wide: bool
    allowed: list[str]
    denied: list[str]


def resource_scope(resource: str) -> str:
    """The scope a resource name lies in; the platform for ``/`` and global names."""
    normalized = S.normalize(resource)
    if normalized is not None:
        return normalized
    found = S.scope_of(resource)
    return S.PLATFORM if found is None else found


class Evaluator:
    """Answers CheckPermission and ListGrantedScopes questions."""

    def __init__(self, pool: asyncpg.Pool, admin_principal: str) -> None:
        self._pool = pool
        self._admin = admin_principal

    def superuser(self, principal: str) -> bool:
        return principal == self._admin or principal.startswith(SERVICE_PRINCIPAL_PREFIX)

    def _superuser_answer(self, principal: str) -> rbac_pb2.CheckPermissionResponse:
        if principal == self._admin:
            return rbac_pb2.CheckPermissionResponse(
                allowed=True,
                reason=Reason.REASON_ALLOWED_BY_BINDING,
                binding=f"roleBindings/{BOOTSTRAP_BINDING}",
                role=f"roles/{PLATFORM_ADMIN}",
                scope="/",
                matched_principal=principal,
                message=f"allowed: {principal} is the bootstrap administrator",
            )
        return rbac_pb2.CheckPermissionResponse(
            allowed=True,
            reason=Reason.REASON_ALLOWED_BY_BINDING,
            scope="/",
            matched_principal=principal,
            message=f"allowed: {principal} is a PurSight service, which holds every permission",
        )

    async def check(
        self,
        principal: str,
        groups: Sequence[str],
        permission: str,
        resource: str,
        ancestors: Sequence[str] = (),
    ) -> rbac_pb2.CheckPermissionResponse:
        if permission not in permission_catalogue():
            return rbac_pb2.CheckPermissionResponse(
                allowed=False,
                reason=Reason.REASON_UNKNOWN_PERMISSION,
                message=f"denied: {permission} is not a permission of this platform",
            )
        if self.superuser(principal):
            return self._superuser_answer(principal)
        scope = resource_scope(resource)
        chain = self._chain(scope, ancestors)
        probe = S.is_asset(scope) and not ancestors
        workspace = S.workspace_of(scope)
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                _BINDINGS + " AND (b.scope = ANY($2::text[])"
                " OR ($3 AND b.workspace = $4 AND b.scope_kind = ANY($5::smallint[])))",
                [principal, *groups],
                chain,
                probe,
                workspace,
                [S.ScopeKind.SCOPE_KIND_DATA_SOURCE, S.ScopeKind.SCOPE_KIND_ASSET],
            )
        matching = [b for b in map(Applicable.of, rows) if includes(b.permissions, permission)]
        position = {s: i for i, s in enumerate(chain)}
        applicable = [b for b in matching if b.scope in position]
        needed = probe and any(b.scope not in position for b in matching)
        denies = [b for b in applicable if b.effect == Effect.EFFECT_DENY]
        if denies:
            chosen = max(denies, key=lambda b: (position[b.scope], b.binding_id))
            return self._answer(False, chosen, permission, resource, needed)
        allows = [b for b in applicable if b.effect != Effect.EFFECT_DENY]
        if allows:
            chosen = min(allows, key=lambda b: (position[b.scope], b.binding_id))
            return self._answer(True, chosen, permission, resource, needed)
        return rbac_pb2.CheckPermissionResponse(
            allowed=False,
            reason=Reason.REASON_NO_MATCHING_BINDING,
            message=f"denied: no binding grants {permission} on {S.display(scope)}"
            f" to {principal}" + (" or its groups" if groups else ""),
            ancestors_needed=needed,
        )

    @staticmethod
    def _chain(scope: str, ancestors: Sequence[str]) -> list[str]:
        """The scopes that apply to ``scope``, nearest first; supplied ancestors are
        kept only inside the same workspace."""
        names = S.lineage(scope)
        extra = []
        workspace = S.workspace_of(scope)
        for ancestor in ancestors:
            found = S.scope_of(ancestor)
            if found and found != scope and S.workspace_of(found) == workspace != S.PLATFORM:
                extra.append(found)
        return list(dict.fromkeys([names[0], *extra, *names[1:]]))

    @staticmethod
    def _answer(
        allowed: bool, chosen: Applicable, permission: str, resource: str, needed: bool
    ) -> rbac_pb2.CheckPermissionResponse:
        verb = "grants" if allowed else "denies"
        return rbac_pb2.CheckPermissionResponse(
            allowed=allowed,
            reason=Reason.REASON_ALLOWED_BY_BINDING if allowed else Reason.REASON_DENIED_BY_BINDING,
            binding=f"roleBindings/{chosen.binding_id}",
            role=f"roles/{chosen.role_id}",
            scope=S.display(chosen.scope),
            matched_principal=chosen.principal,
            message=(
                f"{'allowed' if allowed else 'denied'}: roleBindings/{chosen.binding_id}"
                f" {verb} roles/{chosen.role_id} ({permission}) to {chosen.principal}"
                f" on {S.display(chosen.scope)}, which covers {resource or '/'}"
            ),
            ancestors_needed=needed,
        )

    async def granted(
        self, principal: str, groups: Sequence[str], permission: str, under: str
    ) -> GrantedScopes:
        """Where the permission is allowed and where denied, clamped to ``under``."""
        if self.superuser(principal):
            return GrantedScopes(True, [], [])
        rows = await self._pool.fetch(_BINDINGS, [principal, *groups])
        matching = [b for b in map(Applicable.of, rows) if includes(b.permissions, permission)]
        denied = sorted({b.scope for b in matching if b.effect == Effect.EFFECT_DENY})
        allowed = sorted(
            {
                b.scope
                for b in matching
                if b.effect != Effect.EFFECT_DENY and not any(S.within(b.scope, d) for d in denied)
            }
        )
        platform_wide = S.PLATFORM in allowed
        allowed = [s for s in allowed if s != S.PLATFORM]
        if under:
            allowed = _clamp(allowed, under)
            denied = _clamp(denied, under)
        return GrantedScopes(platform_wide, allowed, denied)


_HOLDERS = (
    "SELECT b.id, b.principal, b.role_id, b.scope, b.scope_kind, b.effect, r.permissions"
    " FROM rbac.bindings b JOIN rbac.roles r ON r.id = b.role_id"
    " WHERE (b.scope = '' OR b.scope = $1 OR b.scope LIKE $2)"
    " AND (b.expire_time IS NULL OR b.expire_time > now())"
    " ORDER BY b.scope, b.principal, b.role_id, b.id"
)


async def holders(pool: asyncpg.Pool, permission: str, workspace: str) -> list[Applicable]:
    """The unexpired bindings whose role includes ``permission`` at the platform, at
    ``workspace`` or under it; ALLOW and DENY alike, for the caller to weigh."""
    rows = await pool.fetch(_HOLDERS, workspace, like_escape(workspace) + "/%")
    return [b for b in map(Applicable.of, rows) if includes(b.permissions, permission)]


def _clamp(found: list[str], under: str) -> list[str]:
    """Scopes at or under ``under``; one above it counts as ``under`` itself."""
    kept = set()
    for scope in found:
        if S.within(scope, under):
            kept.add(scope)
        elif S.within(under, scope):
            kept.add(under)
    return sorted(kept)
