"""Scopes: where a permission is held, and which scopes a request is about.

A scope is a resource name at one of four levels, each inside the one before:

| level       | scope                                          |
|-------------|------------------------------------------------|
| platform    | ``""`` (written ``/`` in the API)              |
| workspace   | ``workspaces/{workspace}``                     |
| data source | ``workspaces/{workspace}/dataSources/{ds}``    |
| asset       | ``workspaces/{workspace}/assets/{asset}``      |

A binding applies to its scope and everything under it. Which scopes a request is
about is read from its values, not from a list of field names per RPC: every string
(top level, or one message down, single or repeated) that is a resource name under a
concrete workspace contributes the narrowest scope its name shows, so
``workspaces/w/dataSources/d/scans/s`` gives the data source and
``workspaces/w/lineageEdges/e`` the workspace. Wildcards (``workspaces/-``,
``.../dataSources/-/...``) stop at the level before them. A request that shows no scope
is about the platform.

The name of an asset does not show its data source or its parent assets; those come
from the catalog when a binding below the workspace could apply (see ``access``).
"""

from __future__ import annotations

import re

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from pursight.rbac.v1 import rbac_pb2
from services.runtime.names import ID_PATTERN

PLATFORM = ""
ScopeKind = rbac_pb2.ScopeKind

_SCOPE = re.compile(rf"^workspaces/{ID_PATTERN}(?:/(dataSources|assets)/{ID_PATTERN})?$")
_PREFIX = re.compile(rf"^(workspaces/{ID_PATTERN})(/(?:dataSources|assets)/{ID_PATTERN})?(?:/|$)")
# More scopes than this in one request are checked as their workspaces: a batch over
# thousands of assets is authorised per workspace, not per asset.
MAX_SCOPES = 100


def normalize(scope: str) -> str | None:
    """``scope`` in stored form (``""`` for the platform), or None when it is not one."""
    if scope in ("", "/"):
        return PLATFORM
    return scope if _SCOPE.match(scope) else None


def display(scope: str) -> str:
    """``scope`` as the API writes it: ``/`` for the platform."""
    return scope or "/"


def kind(scope: str) -> rbac_pb2.ScopeKind:
    """The ScopeKind of a normalized scope."""
    if scope == PLATFORM:
        return ScopeKind.SCOPE_KIND_PLATFORM
    parts = scope.split("/")
    if len(parts) == 2:
        return ScopeKind.SCOPE_KIND_WORKSPACE
    return (
        ScopeKind.SCOPE_KIND_DATA_SOURCE
        if parts[2] == "dataSources"
        else ScopeKind.SCOPE_KIND_ASSET
    )


def scope_of(name: str) -> str | None:
    """The narrowest scope resource ``name`` lies in; None when it names no workspace."""
    match = _PREFIX.match(name)
    if match is None:
        return None
    return match.group(1) + (match.group(2) or "")


def workspace_of(scope: str) -> str:
    """``workspaces/{workspace}`` of a scope below the platform; ``""`` for the platform."""
    return "/".join(scope.split("/")[:2]) if scope else PLATFORM


def is_asset(scope: str) -> bool:
    return scope.count("/") == 3 and scope.split("/")[2] == "assets"


def within(scope: str, container: str) -> bool:
    """True when ``scope`` is ``container`` or lies under it."""
    return container == PLATFORM or scope == container or scope.startswith(container + "/")


def lineage(scope: str) -> list[str]:
    """``scope`` and the scopes above it that its name shows, nearest first."""
    chain = [scope]
    if scope != PLATFORM:
        workspace = workspace_of(scope)
        if workspace != scope:
            chain.append(workspace)
        chain.append(PLATFORM)
    return chain


def _strings(message: Message, depth: int) -> list[str]:
    found: list[str] = []
    for field, value in message.ListFields():
        if field.type == FieldDescriptor.TYPE_STRING:
            found.extend([value] if isinstance(value, str) else value)
        elif depth == 0 and isinstance(value, Message):  # singular; maps are not Messages
            found.extend(_strings(value, 1))
    return found


def request_scopes(request: object) -> list[str]:
    """The scopes ``request`` is about, none of them inside another; [] for none.

    A scope inside another is kept in favour of the outer one (``parent`` plus
    ``asset_parent`` is about the asset): checking it checks everything above it too,
    since bindings are inherited downward."""
    if not isinstance(request, Message):
        return []  # a client stream: its messages are not known yet
    found = {s for s in map(scope_of, _strings(request, 0)) if s is not None}
    if len(found) > MAX_SCOPES:
        found = {workspace_of(s) for s in found}
    return sorted(s for s in found if not any(o != s and within(o, s) for o in found))
