"""How PurSight is deployed: replicas, resources, ports and who calls whom.

This table is the one source of truth for everything that runs PurSight as a mesh: the
Kubernetes manifests in mesh/ (``make mesh`` renders them with ``tools.mesh``), the
NetworkPolicies and AuthorizationPolicies (both derived from ``CALLS``) and
``pursight up --processes``, which runs each service in its own process exactly as a pod
would. The figures are the ones the platform was specified with (issue 5); change them
here and regenerate, never in the YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from services.registry import SERVICE_NAMES

# Every PurSight service listens on this port in its own pod (each pod has its own IP).
GRPC_PORT = 50051
# The gateway's REST port, the web console's HTTP port, the Prometheus scrape port.
GATEWAY_PORT = 8080
WEB_PORT = 8080
METRICS_PORT = 9464
POSTGRES_PORT = 5432
REDIS_PORT = 6379

CORE: tuple[str, ...] = (
    "auth",
    "rbac",
    "datasource",
    "scan",
    "classification",
    "catalog",
    "compliance",
    "activity",
)
RACINE: tuple[str, ...] = (
    "orchestration",
    "workspace",
    "workflow",
    "pipeline",
    "assistant",
    "collaboration",
    "dashboard",
    "integration",
)


@dataclass(frozen=True)
class Workload:
    """One deployable unit: how many pods, what each asks for, where it listens."""

    name: str
    replicas: int
    cpu: str  # Kubernetes quantity, the request
    memory: str  # Kubernetes quantity, the request (and the limit: memory is not elastic)
    port: int
    # The HPA may add pods up to this many; it never goes below ``replicas``.
    max_replicas: int = 0

    @property
    def hpa_max(self) -> int:
        return self.max_replicas or self.replicas * 3


def _service(name: str, replicas: int, cpu: str, memory: str) -> Workload:
    return Workload(name, replicas, cpu, memory, GRPC_PORT)


# The sixteen gRPC services, in registry order (issue 5's table).
SERVICES: MappingProxyType[str, Workload] = MappingProxyType(
    {
        w.name: w
        for w in (
            _service("auth", 3, "300m", "512Mi"),
            _service("rbac", 2, "300m", "512Mi"),
            _service("datasource", 2, "500m", "1Gi"),
            _service("scan", 3, "1000m", "2Gi"),
            _service("classification", 2, "1000m", "2Gi"),
            _service("catalog", 2, "500m", "1Gi"),
            _service("compliance", 2, "500m", "1Gi"),
            _service("activity", 2, "300m", "512Mi"),
            _service("orchestration", 2, "1000m", "2Gi"),
            _service("workspace", 2, "500m", "1Gi"),
            _service("workflow", 3, "1000m", "2Gi"),
            _service("pipeline", 2, "1500m", "3Gi"),
            _service("assistant", 2, "2000m", "4Gi"),
            _service("collaboration", 2, "500m", "1Gi"),
            _service("dashboard", 2, "500m", "1Gi"),
            _service("integration", 2, "500m", "1Gi"),
        )
    }
)

GATEWAY = Workload("gateway", 2, "500m", "1Gi", GATEWAY_PORT)
WEB = Workload("web", 3, "200m", "256Mi", WEB_PORT)
INGRESS = Workload("ingress-nginx", 2, "500m", "512Mi", 80)


@dataclass(frozen=True)
class Store:
    """A stateful set of the data tier: its pods, their resources and their disk."""

    name: str
    replicas: int
    cpu: str
    memory: str
    port: int
    storage: str


POSTGRES_PRIMARY = Store("postgresql-primary", 1, "2000m", "8Gi", POSTGRES_PORT, "1Ti")
POSTGRES_REPLICA = Store("postgresql-replica", 2, "1000m", "4Gi", POSTGRES_PORT, "1Ti")
REDIS_MASTER = Store("redis-master", 1, "500m", "2Gi", REDIS_PORT, "64Gi")
REDIS_REPLICA = Store("redis-replica", 2, "300m", "1Gi", REDIS_PORT, "64Gi")
STORES: tuple[Store, ...] = (POSTGRES_PRIMARY, POSTGRES_REPLICA, REDIS_MASTER, REDIS_REPLICA)


# What the shared runtime (services/runtime) of every server calls: the auth service's
# JWKS to verify tokens (server.py), rbac to authorize (access.py), activity to record
# audited calls (audit.py), and catalog for an asset's ancestry in scoped checks.
RUNTIME_CALLEES = frozenset({"auth", "rbac", "activity", "catalog"})


def _call_graph() -> dict[str, frozenset[str]]:
    """Who calls whom over gRPC (services and the gateway; the stores are separate).

    The tiers of DESIGN.md: the gateway calls every service, orchestration the Racine
    services, the workspace and the other Racine services the core. Beyond the tiers:
    the runtime every server shares calls a few services (``RUNTIME_CALLEES``), and some
    core services call each other as their code does (each edge names its call).
    """
    graph: dict[str, set[str]] = {name: set(RUNTIME_CALLEES) for name in SERVICE_NAMES}
    graph["gateway"] = set(SERVICE_NAMES)
    graph["orchestration"] |= set(RACINE)
    for name in RACINE:
        graph[name] |= set(CORE)
    # datasource: checks the workspace exists, starts scans, describes the source asset.
    graph["datasource"] |= {"workspace", "scan", "catalog"}
    # scan: reads the source's connection, classifies samples, upserts the catalog.
    graph["scan"] |= {"datasource", "classification", "catalog", "compliance"}
    # classification: checks the workspace of a custom classifier or rule set.
    graph["classification"] |= {"workspace"}
    # rbac: checks that a binding's workspace scope exists.
    graph["rbac"] |= {"workspace"}
    # compliance: checks a policy's workspace (it also reads assets from the catalog and
    # who may read them from rbac: runtime edges already).
    graph["compliance"] |= {"workspace"}
    for name, callees in graph.items():
        callees.discard(name)  # a service reaches itself in process, not over the network
    return {name: frozenset(callees) for name, callees in graph.items()}


CALLS: MappingProxyType[str, frozenset[str]] = MappingProxyType(_call_graph())


def callers_of(name: str) -> frozenset[str]:
    """The workloads that call ``name`` (for ingress rules and authorization policies)."""
    return frozenset(caller for caller, callees in CALLS.items() if name in callees)


def callees_of(name: str) -> frozenset[str]:
    """The services ``name`` calls (its PURSIGHT_SERVICE_ADDRESSES and egress rules)."""
    return CALLS.get(name, frozenset())


__all__ = [
    "CALLS",
    "CORE",
    "GATEWAY",
    "GRPC_PORT",
    "INGRESS",
    "METRICS_PORT",
    "POSTGRES_PRIMARY",
    "POSTGRES_REPLICA",
    "RACINE",
    "REDIS_MASTER",
    "REDIS_REPLICA",
    "RUNTIME_CALLEES",
    "SERVICES",
    "STORES",
    "WEB",
    "Store",
    "Workload",
    "callees_of",
    "callers_of",
]
