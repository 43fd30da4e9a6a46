"""Asking the rbac service what a principal may do, with a short in-process cache.

Every service process needs permission answers: the authorization interceptor for each
call, and services themselves for field-level checks and for filtering lists. They all
ask the rbac service over gRPC, as across the mesh, signed as a service
(``services/rbac``) with a short deadline, and keep the answers for ``window`` seconds.

Staleness is bounded the way token revocation bounds it (``revocation.py``): every
change to a role or binding is announced on the Redis channel ``rbac:changes``; each
process listens and drops every cached answer at once, and in the process that made the
change the drop is synchronous. A lost announcement (Redis restarting) can delay a
change by at most ``window`` seconds elsewhere, and so can a binding reaching its
``expire_time``.

The bootstrap administrator and PurSight's own services (``services/*``) hold every
permission without asking, so that the platform can always be repaired and background
work never waits on a permission check.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import grpc
import redis.asyncio as redis

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from pursight.rbac.v1 import rbac_pb2, rbac_pb2_grpc
from services.runtime.clients import Clients
from services.runtime.context import Principal, current_principal
from services.runtime.errors import ServiceError, permission_denied
from services.runtime.scopes import PLATFORM, is_asset, normalize, scope_of, within
from services.runtime.service_identity import SERVICE_PRINCIPAL_PREFIX, ServiceIdentity

if TYPE_CHECKING:
    from services.runtime.service import Runtime

log = logging.getLogger(__name__)

CHANNEL = "rbac:changes"
WINDOW_SECONDS = 5.0
ANCESTRY_SECONDS = 300.0  # an asset's parent and data source do not change
CALL_SECONDS = 2.0
MAX_ENTRIES = 50_000
MAX_DEPTH = 32
BATCH = 100
IDENTITY = "rbac"

_clients: weakref.WeakSet[AccessClient] = weakref.WeakSet()
K = TypeVar("K")
V = TypeVar("V")


def forget_everywhere() -> None:
    """Drops every cached answer of every AccessClient in this process."""
    for client in list(_clients):
        client.forget()


async def announce_change(client: redis.Redis) -> None:
    """Tells every process that roles or bindings changed: here at once, elsewhere
    through Redis."""
    forget_everywhere()
    try:
        await client.publish(CHANNEL, "changed")
    except (redis.RedisError, OSError):
        log.warning(
            "cannot announce an rbac change; other processes catch up within %ss", WINDOW_SECONDS
        )


def groups_of(principal: Principal) -> list[str]:
    """The groups a principal acts as, from its token's ``groups`` claim."""
    raw = principal.claims.get("groups") or []
    if not isinstance(raw, list | tuple):
        return []
    return sorted({g if str(g).startswith("groups/") else f"groups/{g}" for g in raw if g})


@dataclass(frozen=True)
class Decision:
    """An answer to one check."""

    allowed: bool
    message: str
    binding: str = ""


@dataclass(frozen=True)
class Grants:
    """Where a principal holds a permission: the answer of ListGrantedScopes."""

    platform_wide: bool
    allowed: tuple[str, ...] = ()
    denied: tuple[str, ...] = ()

    @property
    def anywhere(self) -> bool:
        return self.platform_wide or bool(self.allowed)

    def covers(self, scope: str) -> bool:
        """True when the permission holds at ``scope`` by its name alone."""
        if any(within(scope, d) for d in self.denied):
            return False
        return self.platform_wide or any(within(scope, a) for a in self.allowed)


EVERYTHING = Grants(platform_wide=True)
NOTHING = Grants(platform_wide=False)


class _Cache(dict[K, tuple[float, V]]):
    """Answers with the time they were read; stale ones are misses."""

    def fresh(self, key: K, window: float) -> V | None:
        found = self.get(key)
        if found is None or time.monotonic() - found[0] >= window:
            return None
        return found[1]

    def keep(self, key: K, value: V) -> None:
        if len(self) >= MAX_ENTRIES:
            self.clear()
        self[key] = (time.monotonic(), value)


class AccessClient:
    """Permission answers for the principals of this process's calls."""

    def __init__(
        self,
        clients: Callable[[], Clients],
        identity: ServiceIdentity,
        admin_principal: str,
        window: float = WINDOW_SECONDS,
    ) -> None:
        self._clients = clients
        self._identity = identity
        self._admin = admin_principal
        self._window = window
        self._decisions: _Cache[tuple[str, tuple[str, ...], str, str], Decision] = _Cache()
        self._grants: _Cache[tuple[str, tuple[str, ...], str, str], Grants] = _Cache()
        self._ancestry: _Cache[str, tuple[str, ...]] = _Cache()
        _clients.add(self)

    def forget(self) -> None:
        """Drops the cached decisions and grants (not the asset ancestry, which holds)."""
        self._decisions.clear()
        self._grants.clear()

    def superuser(self, principal: Principal) -> bool:
        """The bootstrap administrator and PurSight's services hold every permission."""
        return principal.name == self._admin or principal.name.startswith(SERVICE_PRINCIPAL_PREFIX)

    def _rbac(self) -> rbac_pb2_grpc.RbacServiceStub:
        return self._clients().stub("rbac", rbac_pb2_grpc.RbacServiceStub)

    def _metadata(self) -> tuple[tuple[str, str], ...]:
        return self._identity.metadata(IDENTITY)

    # -- checks ------------------------------------------------------------------------

    async def check(self, principal: Principal, permission: str, scopes: Sequence[str]) -> Decision:
        """Allowed only when ``permission`` holds at every one of ``scopes``."""
        if self.superuser(principal):
            return Decision(True, f"{principal.name} holds every permission")
        if not principal.authenticated:
            return Decision(False, f"anonymous callers hold no {permission}")
        groups = tuple(groups_of(principal))
        wanted = list(dict.fromkeys(scopes)) or [PLATFORM]
        answers: dict[str, Decision] = {}
        missing = []
        for scope in wanted:
            cached = self._decisions.fresh(
                (principal.name, groups, permission, scope), self._window
            )
            if cached is None:
                missing.append(scope)
            else:
                answers[scope] = cached
        for start in range(0, len(missing), BATCH):
            chunk = missing[start : start + BATCH]
            for scope, decision in zip(
                chunk, await self._ask(principal.name, groups, permission, chunk), strict=True
            ):
                self._decisions.keep((principal.name, groups, permission, scope), decision)
                answers[scope] = decision
        for scope in wanted:
            if not answers[scope].allowed:
                return answers[scope]
        return answers[wanted[0]]

    async def _ask(
        self, principal: str, groups: tuple[str, ...], permission: str, scopes: list[str]
    ) -> list[Decision]:
        requests = [
            rbac_pb2.CheckPermissionRequest(
                principal=principal, permission=permission, resource=s or "/", groups=groups
            )
            for s in scopes
        ]
        responses = list(await self._batch(requests))
        for i, response in enumerate(responses):
            if response.ancestors_needed and is_asset(scopes[i]):
                requests[i].resource_ancestors.extend(await self.ancestors(scopes[i]))
                responses[i] = (await self._batch([requests[i]]))[0]
        return [
            Decision(r.allowed, r.message or ("allowed" if r.allowed else "denied"), r.binding)
            for r in responses
        ]

    async def _batch(
        self, requests: list[rbac_pb2.CheckPermissionRequest]
    ) -> Sequence[rbac_pb2.CheckPermissionResponse]:
        try:
            if len(requests) == 1:
                return [
                    await self._rbac().CheckPermission(
                        requests[0], metadata=self._metadata(), timeout=CALL_SECONDS
                    )
                ]
            batch = await self._rbac().BatchCheckPermissions(
                rbac_pb2.BatchCheckPermissionsRequest(requests=requests),
                metadata=self._metadata(),
                timeout=CALL_SECONDS,
            )
            return list(batch.responses)
        except grpc.aio.AioRpcError as exc:
            return [self._failed(exc)] * len(requests)

    @staticmethod
    def _failed(exc: grpc.aio.AioRpcError) -> rbac_pb2.CheckPermissionResponse:
        """No rbac service here: deny, as by default. Any other failure fails the call
        (UNAVAILABLE, so clients retry) rather than guessing an answer."""
        if exc.code() == grpc.StatusCode.UNIMPLEMENTED:
            return rbac_pb2.CheckPermissionResponse(
                allowed=False, message="no rbac service answers here: denied by default"
            )
        log.warning("permission check failed: %s %s", exc.code().name, exc.details())
        raise ServiceError(
            grpc.StatusCode.UNAVAILABLE,
            f"cannot check permissions now: the rbac service answered {exc.code().name}",
            reason="RBAC_UNAVAILABLE",
        )

    async def require(self, permission: str, resource: str) -> None:
        """PERMISSION_DENIED unless the current caller holds ``permission`` on
        ``resource`` (a resource name; its scope is derived from it)."""
        principal = current_principal()
        scope = scope_of(resource)
        decision = await self.check(principal, permission, [PLATFORM if scope is None else scope])
        if not decision.allowed:
            log.info(
                "denied %s on %s to %s: %s", permission, resource, principal.name, decision.message
            )
            raise permission_denied(permission, resource)

    # -- grants ------------------------------------------------------------------------

    async def grants(self, principal: Principal, permission: str, under: str = "") -> Grants:
        """Where ``principal`` holds ``permission`` (at or under ``under``)."""
        if self.superuser(principal):
            return EVERYTHING
        if not principal.authenticated:
            return NOTHING
        groups = tuple(groups_of(principal))
        key = (principal.name, groups, permission, under)
        cached = self._grants.fresh(key, self._window)
        if cached is not None:
            return cached
        allowed: list[str] = []
        denied: list[str] = []
        platform_wide = False
        token = ""
        try:
            while True:
                page = await self._rbac().ListGrantedScopes(
                    rbac_pb2.ListGrantedScopesRequest(
                        principal=principal.name,
                        groups=groups,
                        permission=permission,
                        under=under,
                        page_size=10_000,
                        page_token=token,
                    ),
                    metadata=self._metadata(),
                    timeout=CALL_SECONDS,
                )
                platform_wide = platform_wide or page.platform_wide
                allowed.extend(page.allowed_scopes)
                denied.extend(page.denied_scopes)
                token = page.next_page_token
                if not token:
                    break
        except grpc.aio.AioRpcError as exc:
            self._failed(exc)
            return NOTHING
        found = Grants(
            platform_wide,
            tuple(s for s in (normalize(a) for a in allowed) if s is not None),
            tuple(s for s in (normalize(d) for d in denied) if s is not None),
        )
        self._grants.keep(key, found)
        return found

    # -- asset ancestry ----------------------------------------------------------------

    async def ancestors(self, asset: str) -> tuple[str, ...]:
        """An asset's parent assets, nearest first, then its data source; from the
        catalog, asked as a service. Empty when the catalog cannot say."""
        cached = self._ancestry.fresh(asset, ANCESTRY_SECONDS)
        if cached is not None:
            return cached
        stub = self._clients().stub("catalog", catalog_pb2_grpc.CatalogServiceStub)
        chain: list[str] = []
        data_source = ""
        name = asset
        try:
            for _ in range(MAX_DEPTH):
                found = await stub.GetAsset(
                    catalog_pb2.GetAssetRequest(name=name),
                    metadata=self._metadata(),
                    timeout=CALL_SECONDS,
                )
                data_source = data_source or found.data_source
                if not found.parent:
                    break
                chain.append(found.parent)
                name = found.parent
        except grpc.aio.AioRpcError as exc:
            if exc.code() not in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.UNIMPLEMENTED):
                log.warning("cannot read the ancestry of %s: %s", asset, exc.code().name)
                return tuple(chain + ([data_source] if data_source else []))
        result = tuple(chain + ([data_source] if data_source else []))
        self._ancestry.keep(asset, result)
        return result


class ChangeListener:
    """Listens on ``rbac:changes`` and drops this process's cached answers."""

    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._task: asyncio.Task[None] | None = None

    async def _listen(self) -> None:
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.subscribe(CHANNEL)
                forget_everywhere()  # whatever happened while not subscribed
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        forget_everywhere()
            except (redis.ConnectionError, OSError):
                log.warning("rbac change channel lost; answers expire on their own meanwhile")
                forget_everywhere()
                await asyncio.sleep(1.0)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]  # unannotated in redis-py

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._listen(), name="rbac-change-listener")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


def for_runtime(runtime: Runtime) -> AccessClient:
    """An AccessClient for a servicer, over the runtime's channels and identity."""
    return AccessClient(
        lambda: runtime.clients, runtime.identity, f"users/{runtime.settings.admin_username}"
    )
