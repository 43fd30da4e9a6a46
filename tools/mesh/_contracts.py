"""What the manifests read from the contracts: each service's gRPC name and routes.

Routes, timeouts and retries follow the .proto files through the generated descriptors
(``services.runtime.descriptors``), the same reading the in-process retry policy of
``services.runtime.clients`` uses, so the mesh cannot retry what the code would not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from services.runtime.descriptors import (
    MethodPolicy,
    all_policies,
    pursight_services,
    service_short_name,
)

OPERATIONS_SERVICE = "pursight.common.v1.OperationsService"
# Unary deadlines at the mesh: reads answer fast or not at all; writes may do more work
# (a batch upsert of a few thousand assets takes seconds). Streams get no route timeout:
# a watch lives as long as its caller wants.
READ_TIMEOUT = "10s"
WRITE_TIMEOUT = "30s"


@dataclass(frozen=True)
class Route:
    """One RPC as the mesh sees it: an HTTP/2 POST to ``path``."""

    path: str  # "/pursight.catalog.v1.CatalogService/GetAsset"
    retryable: bool
    timeout: str | None

    @property
    def method(self) -> str:
        return self.path.rsplit("/", 1)[1]

    @property
    def service(self) -> str:
        return self.path.lstrip("/").split("/", 1)[0]


def retryable(policy: MethodPolicy) -> bool:
    """A call may be replayed by the mesh only when the contract marks it idempotent
    (NO_SIDE_EFFECTS or IDEMPOTENT) and its request is one message the proxy can buffer."""
    return policy.idempotent and not policy.client_streaming


def _route(policy: MethodPolicy) -> Route:
    if policy.server_streaming or policy.client_streaming:
        timeout = None
    else:
        timeout = READ_TIMEOUT if policy.read_only else WRITE_TIMEOUT
    return Route(policy.full_name, retryable(policy), timeout)


@cache
def full_names() -> dict[str, str]:
    """Short name -> gRPC service name (``catalog`` -> ``pursight.catalog.v1.CatalogService``)."""
    return {
        service_short_name(s.full_name): s.full_name
        for s in pursight_services()
        if s.full_name != OPERATIONS_SERVICE
    }


@cache
def routes(short_name: str) -> tuple[Route, ...]:
    """Every RPC a server of ``short_name`` answers: its own service's and the
    operations mixin's, which every PurSight server mounts."""
    wanted = {full_names()[short_name], OPERATIONS_SERVICE}
    found = [_route(p) for p in all_policies() if p.full_name.lstrip("/").split("/")[0] in wanted]
    return tuple(sorted(found, key=lambda r: r.path))
