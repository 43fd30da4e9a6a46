"""The permission catalogue: every permission the platform knows, and wildcard patterns.

Most permissions come from the contracts (the access option on each RPC), so the
catalogue follows the .proto files rather than a second list that could drift. A few
are *field-level*: no RPC requires them on its own; a service checks them inside an
RPC when the request touches a guarded field. They are declared here, in the one
place the rbac service (ListPermissions, role validation) and the checking services
both read.

A role lists permissions or patterns: ``<service>.<collection>.<verb>`` where any
segment may be ``*`` (``catalog.*.read``), or ``*`` alone for every permission.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from services.runtime.descriptors import all_policies

# Field-level permissions, checked by the services named, not by the interceptor.
FIELD_PERMISSIONS: dict[str, str] = {
    "catalog.owners.update": (
        "Set an asset's owners or stewards: CreateAsset with them, UpdateAsset with "
        "`owners` or `stewards` in the update mask, ImportAnnotations with an `owners` "
        "or `stewards` column."
    ),
    "catalog.classifications.update": (
        "Add or remove classification labels (AddClassification, RemoveClassification), "
        "and create an asset that already carries labels (CreateAsset)."
    ),
}

_SEGMENT = r"(?:[a-z][a-zA-Z0-9]*|\*)"
_PATTERN = re.compile(rf"^(?:\*|{_SEGMENT}\.{_SEGMENT}\.{_SEGMENT})$")


@dataclass(frozen=True)
class PermissionInfo:
    """One permission of the catalogue."""

    permission: str
    service: str
    description: str
    # Full method names, "pursight.catalog.v1.CatalogService.GetAsset"; empty for a
    # field-level permission.
    methods: tuple[str, ...]
    mutating: bool


def _describe(permission: str, methods: list[str]) -> str:
    _, collection, verb = permission.split(".")
    names = ", ".join(m.rsplit(".", 1)[-1] for m in methods)
    return f"{verb} {collection}; required by {names}"


@cache
def permission_catalogue() -> dict[str, PermissionInfo]:
    """Every known permission by name, sorted: the RPCs' and the field-level ones."""
    methods: dict[str, list[str]] = {}
    mutating: dict[str, bool] = {}
    for policy in all_policies():
        if not policy.permission:
            continue
        service, _, method = policy.full_name.lstrip("/").partition("/")
        methods.setdefault(policy.permission, []).append(f"{service}.{method}")
        mutating[policy.permission] = mutating.get(policy.permission, False) or not (
            policy.read_only
        )
    catalogue: dict[str, PermissionInfo] = {}
    for permission in sorted({*methods, *FIELD_PERMISSIONS}):
        found = methods.get(permission, [])
        described = FIELD_PERMISSIONS.get(permission)
        catalogue[permission] = PermissionInfo(
            permission=permission,
            service=permission.split(".")[0],
            description=described or _describe(permission, found),
            methods=tuple(found),
            mutating=mutating.get(permission, True),
        )
    return catalogue


def is_pattern(text: str) -> bool:
    """True when ``text`` is written like a permission or a wildcard pattern."""
    return bool(_PATTERN.match(text))


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern == "*":
        return re.compile(r"^[^.]+\.[^.]+\.[^.]+$")
    parts = [r"[^.]+" if part == "*" else re.escape(part) for part in pattern.split(".")]
    return re.compile("^" + r"\.".join(parts) + "$")


def matches(pattern: str, permission: str) -> bool:
    """True when ``pattern`` (a permission or a wildcard pattern) covers ``permission``."""
    if pattern == permission:
        return True
    if "*" not in pattern:
        return False
    return bool(_compiled(pattern).match(permission))


@cache
def _includes(patterns: tuple[str, ...], permission: str) -> bool:
    return any(matches(p, permission) for p in patterns)


def includes(patterns: Iterable[str], permission: str) -> bool:
    """True when any of ``patterns`` covers ``permission`` (memoised per role)."""
    return _includes(tuple(patterns), permission)


def expand(patterns: Iterable[str]) -> list[str]:
    """The catalogue permissions ``patterns`` cover, sorted."""
    chosen = tuple(patterns)
    return [p for p in permission_catalogue() if _includes(chosen, p)]
