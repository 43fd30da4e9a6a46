"""Overlay istio: sidecars injected, strict mTLS, stable/canary subsets with weights,
retries from the contracts, and one AuthorizationPolicy per workload from the call graph.

Each service gets a second Deployment, ``<name>-canary`` (0 replicas, pods labelled
``track: canary``), beside the stable one (``track: stable``); the Service selects both
and the VirtualService weights decide who gets what. A rollout sets the canary's image,
scales it up and moves the weights. The principals are the workloads' ServiceAccounts.
"""

from __future__ import annotations

import copy

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
    callers_of,
)
from tools.mesh import _k8s
from tools.mesh._contracts import routes
from tools.mesh._k8s import Doc
from tools.mesh._policies import MONITORING_NAMESPACE
from tools.mesh._workloads import service_workload

TRACK = "track"
STABLE_WEIGHT = 100
CANARY_WEIGHT = 0
# Retried for idempotent methods only: UNAVAILABLE and failures before the request left.
IDEMPOTENT_RETRY_ON = "unavailable,connect-failure,refused-stream,reset"
# Anything else is replayed only when it certainly never reached the server.
SAFE_RETRY_ON = "connect-failure,refused-stream"


def principal(account: str) -> str:
    return f"cluster.local/ns/{_k8s.NAMESPACE}/sa/{account}"


def _route_to(name: str) -> list[Doc]:
    host = _k8s.fqdn(name)
    return [
        {
            "destination": {"host": host, "subset": "stable", "port": {"number": GRPC_PORT}},
            "weight": STABLE_WEIGHT,
        },
        {
            "destination": {"host": host, "subset": "canary", "port": {"number": GRPC_PORT}},
            "weight": CANARY_WEIGHT,
        },
    ]


def virtual_service(name: str) -> Doc:
    idempotent = [r.path for r in routes(name) if r.retryable]
    http: list[Doc] = []
    if idempotent:
        http.append(
            {
                "name": "idempotent",
                "match": [{"uri": {"exact": path}} for path in idempotent],
                "route": _route_to(name),
                "retries": {"attempts": 3, "perTryTimeout": "10s", "retryOn": IDEMPOTENT_RETRY_ON},
            }
        )
    http.append(
        {
            "name": "default",
            "route": _route_to(name),
            "retries": {"attempts": 2, "retryOn": SAFE_RETRY_ON},
        }
    )
    return {
        "apiVersion": "networking.istio.io/v1",
        "kind": "VirtualService",
        "metadata": _k8s.metadata(name, "service"),
        "spec": {"hosts": [_k8s.fqdn(name)], "http": http},
    }


def destination_rule(name: str) -> Doc:
    return {
        "apiVersion": "networking.istio.io/v1",
        "kind": "DestinationRule",
        "metadata": _k8s.metadata(name, "service"),
        "spec": {
            "host": _k8s.fqdn(name),
            "trafficPolicy": {
                "tls": {"mode": "ISTIO_MUTUAL"},
                "outlierDetection": {
                    "consecutive5xxErrors": 5,
                    "interval": "10s",
                    "baseEjectionTime": "30s",
                    "maxEjectionPercent": 50,
                },
            },
            "subsets": [
                {"name": track, "labels": {TRACK: track}} for track in ("stable", "canary")
            ],
        },
    }


def _allow(name: str, rules: list[Doc]) -> Doc:
    return {
        "apiVersion": "security.istio.io/v1",
        "kind": "AuthorizationPolicy",
        "metadata": _k8s.metadata(name, "security"),
        "spec": {
            "selector": {"matchLabels": _k8s.workload(name)},
            "action": "ALLOW",
            "rules": rules,
        },
    }


def _from(accounts: set[str] | frozenset[str], *ports: int) -> Doc:
    return {
        "from": [{"source": {"principals": [principal(a) for a in sorted(accounts)]}}],
        "to": [{"operation": {"ports": [str(p) for p in ports]}}],
    }


def _scrape(port: int) -> Doc:
    return {
        "from": [{"source": {"namespaces": [MONITORING_NAMESPACE]}}],
        "to": [{"operation": {"ports": [str(port)]}}],
    }


def authorization_policies() -> list[Doc]:
    """Who may call whom, by mTLS identity: the call graph once more, enforced at L7."""
    docs = [
        _allow(name, [_from(callers_of(name), GRPC_PORT), _scrape(METRICS_PORT)])
        for name in SERVICES
    ]
    docs.append(_allow(GATEWAY.name, [_from({INGRESS.name}, GATEWAY.port), _scrape(METRICS_PORT)]))
    docs.append(_allow(WEB.name, [_from({INGRESS.name}, WEB.port)]))
    services = set(SERVICES)
    docs.append(_allow(POSTGRES_PRIMARY.name, [_from(services | {POSTGRES_REPLICA.name}, 5432)]))
    docs.append(_allow(POSTGRES_REPLICA.name, [_from(services, 5432)]))
    docs.append(_allow(REDIS_MASTER.name, [_from(services | {REDIS_REPLICA.name}, 6379)]))
    return docs


def peer_authentication() -> Doc:
    return {
        "apiVersion": "security.istio.io/v1",
        "kind": "PeerAuthentication",
        "metadata": _k8s.metadata("default", "security"),
        "spec": {"mtls": {"mode": "STRICT"}},
    }


def canary_deployment(name: str) -> Doc:
    """``<name>-canary``: the stable Deployment's pod, labelled canary, at 0 replicas."""
    stable = next(d for d in service_workload(SERVICES[name]) if d["kind"] == "Deployment")
    canary = copy.deepcopy(stable)
    canary["metadata"]["name"] = f"{name}-canary"
    canary["metadata"]["labels"][TRACK] = "canary"
    spec = canary["spec"]
    spec["replicas"] = 0
    spec["selector"]["matchLabels"][TRACK] = "canary"
    spec["template"]["metadata"]["labels"][TRACK] = "canary"
    return canary


def _stable_patch() -> Doc:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "any"},  # replaced by each target's name
        "spec": {
            "selector": {"matchLabels": {TRACK: "stable"}},
            "template": {"metadata": {"labels": {TRACK: "stable"}}},
        },
    }


def control_plane_policy() -> Doc:
    """Sidecars fetch their configuration and certificates from istiod."""
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": _k8s.metadata("allow-istio", "network"),
        "spec": {
            "podSelector": {},
            "policyTypes": ["Egress"],
            "egress": [
                {
                    "to": [
                        {
                            "namespaceSelector": {
                                "matchLabels": {"kubernetes.io/metadata.name": "istio-system"}
                            }
                        }
                    ],
                    "ports": [{"protocol": "TCP", "port": 15012}],
                }
            ],
        },
    }


def overlay() -> dict[str, list[Doc]]:
    """File name -> documents of the overlay (kustomization.yaml included)."""
    namespace_patch = {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": _k8s.NAMESPACE, "labels": {"istio-injection": "enabled"}},
    }
    kustomization = {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "resources": [
            "../../base",
            "canary-deployments.yaml",
            "virtual-services.yaml",
            "destination-rules.yaml",
            "peer-authentication.yaml",
            "authorization-policies.yaml",
            "network-policies.yaml",
        ],
        "patches": [
            {"path": "namespace-patch.yaml"},
            {
                "path": "stable-track.yaml",
                "target": {
                    "kind": "Deployment",
                    # The service Deployments, less the canaries beside them.
                    "labelSelector": f"{_k8s.COMPONENT}=service,{TRACK}!=canary",
                },
            },
        ],
    }
    return {
        "kustomization.yaml": [kustomization],
        "namespace-patch.yaml": [namespace_patch],
        "stable-track.yaml": [_stable_patch()],
        "canary-deployments.yaml": [canary_deployment(name) for name in SERVICES],
        "virtual-services.yaml": [virtual_service(name) for name in SERVICES],
        "destination-rules.yaml": [destination_rule(name) for name in SERVICES],
        "peer-authentication.yaml": [peer_authentication()],
        "authorization-policies.yaml": authorization_policies(),
        "network-policies.yaml": [control_plane_policy()],
    }
