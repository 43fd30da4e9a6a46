"""Who may read each asset: the ``readers`` and ``reader_roles`` facts.

Reading an asset in PurSight means holding ``catalog.assets.read`` on it: the asset, its
classifications and their evidence (sampled values among them). The rbac service lists
the bindings that grant or deny that permission in a workspace
(``ListPermissionHolders``); a binding covers an asset when its scope is the platform,
the workspace, the asset's data source, the asset itself or one of its ancestors, as
in every access decision. A DENY covering an asset takes its principal out entirely
(deny beats allow). PurSight's own services hold every permission to do their work and
are not readers; they never appear in bindings.

When the rbac service cannot answer, the facts stay unknown: rules that test them are
undecided for that evaluation, never passed and never failed on a guess.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import grpc

from pursight.rbac.v1 import rbac_pb2, rbac_pb2_grpc
from services.runtime.service import Runtime

log = logging.getLogger(__name__)

READ_PERMISSION = "catalog.assets.read"
_PAGE = 10_000


@dataclass(frozen=True)
class Holder:
    """One binding through which ``principal`` may (or, denied, may not) read."""

    principal: str
    role: str
    scope: str  # "" for the platform
    deny: bool


class ReadAccess:
    """The read bindings of one workspace, by scope."""

    def __init__(self, holders: Iterable[Holder]) -> None:
        self._by_scope: dict[str, list[Holder]] = {}
        for holder in holders:
            self._by_scope.setdefault(holder.scope, []).append(holder)

    def of(self, scopes: Iterable[str]) -> tuple[list[str], list[str]]:
        """Readers and the roles they read through, for an asset covered by ``scopes``."""
        covering = [h for scope in scopes for h in self._by_scope.get(scope, ())]
        denied = {h.principal for h in covering if h.deny}
        allowed = [h for h in covering if not h.deny and h.principal not in denied]
        return sorted({h.principal for h in allowed}), sorted({h.role for h in allowed})


async def load_read_access(
    runtime: Runtime, workspace: str, metadata: Sequence[tuple[str, str]]
) -> ReadAccess | None:
    """The read bindings of ``workspace`` (``workspaces/{ws}``), or None when the rbac
    service did not answer (the facts then stay unknown)."""
    stub = runtime.clients.stub("rbac", rbac_pb2_grpc.RbacServiceStub)
    holders: list[Holder] = []
    token = ""
    try:
        while True:
            page = await stub.ListPermissionHolders(
                rbac_pb2.ListPermissionHoldersRequest(
                    permission=READ_PERMISSION,
                    workspace=workspace,
                    page_size=_PAGE,
                    page_token=token,
                ),
                metadata=tuple(metadata),
            )
            holders += (
                Holder(
                    h.principal,
                    h.role,
                    "" if h.scope == "/" else h.scope,
                    h.effect == rbac_pb2.Effect.EFFECT_DENY,
                )
                for h in page.holders
            )
            token = page.next_page_token
            if not token:
                return ReadAccess(holders)
    except grpc.aio.AioRpcError as exc:
        log.warning(
            "who may read the assets of %s is unknown (%s: %s); rules testing readers"
            " stay undecided",
            workspace,
            exc.code().name,
            exc.details(),
        )
        return None
