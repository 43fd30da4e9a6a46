"""The authorizer that asks the rbac service, for the authorization interceptor.

For each call it takes the permission the contract names and the scopes the request is
about (``scopes.request_scopes``) and asks the rbac service whether the caller holds the
permission at every one of them; the answers are cached for a few seconds and dropped
on any role or binding change (``access``).

A request that names no scope is about the platform, except for RPCs whose contract
sets ``any_scope``: holding the permission anywhere is then enough, and the service
filters what it returns or checks the object's own scope (ListWorkspaces, SearchAssets
over ``workspaces/-``, role bindings, operations, the caller's own session).

The bootstrap administrator and PurSight's services pass without a question, as with
the BootstrapAuthorizer, which servers still use when no rbac service is reachable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import redis.asyncio as redis

from services.runtime.access import AccessClient, ChangeListener
from services.runtime.clients import Clients
from services.runtime.context import Principal, current_call
from services.runtime.descriptors import method_policy
from services.runtime.interceptors import Authorizer, BootstrapAuthorizer
from services.runtime.scopes import PLATFORM, request_scopes
from services.runtime.service_identity import ServiceIdentity
from services.runtime.settings import Settings


class RbacAuthorizer:
    """Decides each call with the rbac service's answers (cached, see ``access``)."""

    def __init__(self, access: AccessClient, client: redis.Redis) -> None:
        self.access = access
        self._listener = ChangeListener(client)

    async def check(self, principal: Principal, permission: str, request: Any) -> str | None:
        if self.access.superuser(principal):
            return None
        scopes = request_scopes(request)
        if not scopes:
            call = current_call()
            policy = method_policy(call.method) if call is not None else None
            if policy is not None and policy.any_scope:
                grants = await self.access.grants(principal, permission)
                if grants.anywhere:
                    return None
                return f"{principal.name or 'anonymous'} holds {permission} at no scope"
            scopes = [PLATFORM]
        decision = await self.access.check(principal, permission, scopes)
        return None if decision.allowed else decision.message

    def start(self) -> None:
        self._listener.start()

    async def stop(self) -> None:
        await self._listener.stop()


def default_authorizer(
    settings: Settings,
    services: Sequence[str],
    identity: ServiceIdentity,
    client: redis.Redis,
    clients: Callable[[], Clients],
) -> Authorizer:
    """RBAC when the rbac service is mounted in this process or has an address in
    settings; otherwise the bootstrap rules (only the admin and services pass)."""
    admin = f"users/{settings.admin_username}"
    if "rbac" in services or "rbac" in settings.address_map():
        authorizer = RbacAuthorizer(AccessClient(clients, identity, admin), client)
        authorizer.start()
        return authorizer
    return BootstrapAuthorizer(admin)


async def stop_authorizer(authorizer: Authorizer) -> None:
    """Stops what ``default_authorizer`` started."""
    if isinstance(authorizer, RbacAuthorizer):
        await authorizer.stop()
