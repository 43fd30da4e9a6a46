"""Overlay linkerd: proxies injected, per-route timeouts and retries from the contracts,
and a Flagger canary per service.

A ServiceProfile route is one RPC (``POST /pkg.Service/Method``). It is retryable only
when the contract marks the method idempotent, the same rule the in-process gRPC retry
policy follows (``services.runtime.clients``), and every retry spends from a budget so a
failing service is not buried under replays.
"""

from __future__ import annotations

import re

from services.deployment import GRPC_PORT, SERVICES
from tools.mesh import _k8s
from tools.mesh._contracts import routes
from tools.mesh._k8s import Doc

INJECT = {"linkerd.io/inject": "enabled"}
RETRY_BUDGET = {"retryRatio": 0.2, "minRetriesPerSecond": 10, "ttl": "10s"}
# Flagger's promotion gates: what the canary must keep up at every step.
SUCCESS_RATE_MIN = 99
LATENCY_P99_MAX_MS = 500
STEP_WEIGHT = 10
MAX_WEIGHT = 50


def service_profile(name: str) -> Doc:
    route_docs = []
    for route in routes(name):
        doc: Doc = {
            "name": route.path,
            "condition": {"method": "POST", "pathRegex": re.escape(route.path)},
        }
        if route.retryable:
            doc["isRetryable"] = True
        if route.timeout is not None:
            doc["timeout"] = route.timeout
        route_docs.append(doc)
    return {
        "apiVersion": "linkerd.io/v1alpha2",
        "kind": "ServiceProfile",
        # Linkerd keys profiles by the Service's fully qualified name.
        "metadata": {"name": _k8s.fqdn(name), "labels": _k8s.labels(name, "service")},
        "spec": {"routes": route_docs, "retryBudget": dict(RETRY_BUDGET)},
    }


def canary(name: str) -> Doc:
    return {
        "apiVersion": "flagger.app/v1beta1",
        "kind": "Canary",
        "metadata": _k8s.metadata(name, "service"),
        "spec": {
            "provider": "linkerd",
            "targetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
            "autoscalerRef": {
                "apiVersion": "autoscaling/v2",
                "kind": "HorizontalPodAutoscaler",
                "name": name,
            },
            "progressDeadlineSeconds": 600,
            "service": {
                "name": name,
                "port": GRPC_PORT,
                "targetPort": "grpc",
                "portName": "grpc",
                "appProtocol": "grpc",
            },
            "analysis": {
                "interval": "1m",
                # Five failed checks in a row roll the canary back.
                "threshold": 5,
                "stepWeight": STEP_WEIGHT,
                "maxWeight": MAX_WEIGHT,
                "metrics": [
                    {
                        "name": "request-success-rate",
                        "thresholdRange": {"min": SUCCESS_RATE_MIN},
                        "interval": "1m",
                    },
                    {
                        "name": "request-duration",
                        "thresholdRange": {"max": LATENCY_P99_MAX_MS},
                        "interval": "1m",
                    },
                ],
            },
        },
    }


def _inject_patch(kind: str) -> Doc:
    return {
        "apiVersion": "apps/v1",
        "kind": kind,
        "metadata": {"name": "any"},  # replaced by each target's name
        "spec": {"template": {"metadata": {"annotations": dict(INJECT)}}},
    }


def control_plane_policy() -> Doc:
    """Meshed pods talk to Linkerd's control plane (identity, destination, policy) and
    let its viz extension read their proxies' metrics."""
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": _k8s.metadata("allow-linkerd", "network"),
        "spec": {
            "podSelector": {},
            "policyTypes": ["Ingress", "Egress"],
            "egress": [
                {
                    "to": [_namespace("linkerd")],
                    "ports": [{"protocol": "TCP", "port": p} for p in (8080, 8086, 8090)],
                }
            ],
            "ingress": [
                {
                    "from": [_namespace("linkerd-viz")],
                    "ports": [{"protocol": "TCP", "port": 4191}],
                }
            ],
        },
    }


def _namespace(name: str) -> Doc:
    return {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": name}}}


def overlay() -> dict[str, list[Doc]]:
    """File name -> documents of the overlay (kustomization.yaml included)."""
    namespace_patch = {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": _k8s.NAMESPACE, "annotations": dict(INJECT)},
    }
    kustomization = {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "resources": [
            "../../base",
            "service-profiles.yaml",
            "canaries.yaml",
            "network-policies.yaml",
        ],
        "patches": [
            {"path": "namespace-patch.yaml"},
            {"path": "inject-deployments.yaml", "target": {"kind": "Deployment"}},
            {"path": "inject-statefulsets.yaml", "target": {"kind": "StatefulSet"}},
        ],
    }
    return {
        "kustomization.yaml": [kustomization],
        "namespace-patch.yaml": [namespace_patch],
        "inject-deployments.yaml": [_inject_patch("Deployment")],
        "inject-statefulsets.yaml": [_inject_patch("StatefulSet")],
        "service-profiles.yaml": [service_profile(name) for name in SERVICES],
        "canaries.yaml": [canary(name) for name in SERVICES],
        "network-policies.yaml": [control_plane_policy()],
    }
