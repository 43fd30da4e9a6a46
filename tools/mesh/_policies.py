"""NetworkPolicies: deny everything, then allow exactly the edges of the call graph.

Each workload gets one policy naming who may reach it (its callers, on its gRPC port)
and what it may reach (its callees, and the stores for services). DNS is allowed to
everyone; Prometheus (namespace ``monitoring``) may scrape the metrics ports.
"""

from __future__ import annotations

from services.deployment import (
    GATEWAY,
    GRPC_PORT,
    INGRESS,
    METRICS_PORT,
    POSTGRES_PRIMARY,
    POSTGRES_REPLICA,
    REDIS_MASTER,
    REDIS_REPLICA,
    SERVICES,
    WEB,
    callees_of,
    callers_of,
)
from tools.mesh import _k8s
from tools.mesh._edge import CONTROLLER_METRICS_PORT
from tools.mesh._k8s import Doc

MONITORING_NAMESPACE = "monitoring"
COMPONENT = "network"


def pods(names: set[str] | frozenset[str]) -> Doc:
    """A peer selecting the pods of the named workloads in this namespace."""
    return {
        "podSelector": {
            "matchExpressions": [
                {"key": _k8s.WORKLOAD, "operator": "In", "values": sorted(names)},
            ]
        }
    }


def _ports(*ports: int | str) -> list[Doc]:
    return [{"protocol": "TCP", "port": port} for port in ports]


def _scrape(port: int) -> Doc:
    return {
        "from": [
            {
                "namespaceSelector": {
                    "matchLabels": {"kubernetes.io/metadata.name": MONITORING_NAMESPACE}
                }
            }
        ],
        "ports": _ports(port),
    }


def _policy(name: str, ingress: list[Doc], egress: list[Doc]) -> Doc:
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": _k8s.metadata(f"allow-{name}", COMPONENT),
        "spec": {
            "podSelector": {"matchLabels": _k8s.workload(name)},
            "policyTypes": ["Ingress", "Egress"],
            "ingress": ingress,
            "egress": egress,
        },
    }


def _stores_egress() -> list[Doc]:
    return [
        {
            "to": [pods({POSTGRES_PRIMARY.name, POSTGRES_REPLICA.name})],
            "ports": _ports(POSTGRES_PRIMARY.port),
        },
        {"to": [pods({REDIS_MASTER.name})], "ports": _ports(REDIS_MASTER.port)},
    ]


def _grpc_edges(name: str, port: int) -> tuple[list[Doc], list[Doc]]:
    """Ingress from ``name``'s callers on ``port``, egress to its callees' gRPC port."""
    ingress = (
        [{"from": [pods(callers_of(name))], "ports": _ports(port)}] if callers_of(name) else []
    )
    callees = callees_of(name)
    egress = [{"to": [pods(callees)], "ports": _ports(GRPC_PORT)}] if callees else []
    return ingress, egress


def network_policies() -> list[Doc]:
    everything: Doc = {"podSelector": {}}
    docs: list[Doc] = [
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "NetworkPolicy",
            "metadata": _k8s.metadata("default-deny", COMPONENT),
            "spec": {**everything, "policyTypes": ["Ingress", "Egress"]},
        },
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "NetworkPolicy",
            "metadata": _k8s.metadata("allow-dns", COMPONENT),
            "spec": {
                **everything,
                "policyTypes": ["Egress"],
                "egress": [
                    {
                        "to": [
                            {
                                "namespaceSelector": {
                                    "matchLabels": {"kubernetes.io/metadata.name": "kube-system"}
                                },
                                "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}},
                            }
                        ],
                        "ports": [
                            {"protocol": "UDP", "port": 53},
                            {"protocol": "TCP", "port": 53},
                        ],
                    }
                ],
            },
        },
    ]
    for name in SERVICES:
        ingress, egress = _grpc_edges(name, GRPC_PORT)
        docs.append(_policy(name, [*ingress, _scrape(METRICS_PORT)], [*egress, *_stores_egress()]))
    ingress, egress = _grpc_edges(GATEWAY.name, GATEWAY.port)
    from_ingress = {"from": [pods({INGRESS.name})], "ports": _ports(GATEWAY.port)}
    docs.append(_policy(GATEWAY.name, [from_ingress, _scrape(METRICS_PORT)], egress))
    docs.append(
        _policy(WEB.name, [{"from": [pods({INGRESS.name})], "ports": _ports(WEB.port)}], [])
    )
    docs.append(
        _policy(
            INGRESS.name,
            # From anywhere: this is the way in.
            [{"ports": _ports(80, 443)}, _scrape(CONTROLLER_METRICS_PORT)],
            [
                {"to": [pods({GATEWAY.name})], "ports": _ports(GATEWAY.port)},
                {"to": [pods({WEB.name})], "ports": _ports(WEB.port)},
                # The API server (its address is the cluster's, outside any pod selector).
                {"ports": _ports(443, 6443)},
            ],
        )
    )
    services = set(SERVICES)
    docs.append(
        _policy(
            POSTGRES_PRIMARY.name,
            [
                {"from": [pods(services)], "ports": _ports(POSTGRES_PRIMARY.port)},
                {"from": [pods({POSTGRES_REPLICA.name})], "ports": _ports(POSTGRES_PRIMARY.port)},
            ],
            [],
        )
    )
    docs.append(
        _policy(
            POSTGRES_REPLICA.name,
            [{"from": [pods(services)], "ports": _ports(POSTGRES_REPLICA.port)}],
            [{"to": [pods({POSTGRES_PRIMARY.name})], "ports": _ports(POSTGRES_PRIMARY.port)}],
        )
    )
    docs.append(
        _policy(
            REDIS_MASTER.name,
            [
                {"from": [pods(services)], "ports": _ports(REDIS_MASTER.port)},
                {"from": [pods({REDIS_REPLICA.name})], "ports": _ports(REDIS_MASTER.port)},
            ],
            [],
        )
    )
    docs.append(
        _policy(
            REDIS_REPLICA.name,
            [],
            [{"to": [pods({REDIS_MASTER.name})], "ports": _ports(REDIS_MASTER.port)}],
        )
    )
    return docs
