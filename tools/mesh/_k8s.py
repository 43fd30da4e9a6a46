"""Small builders shared by every part of the manifests: names, labels, metadata."""

from __future__ import annotations

from typing import Any

from services.runtime.server import VERSION

NAMESPACE = "pursight"
PART_OF = "pursight"
IMAGE = "pursight"
WEB_IMAGE = "pursight-web"
# Kubernetes label keys.
NAME = "app.kubernetes.io/name"
COMPONENT = "app.kubernetes.io/component"
# Which workload a pod belongs to, for NetworkPolicies, PDBs and mesh policies. Flagger
# renames the selector labels (app.kubernetes.io/name) of the primary it creates, but
# copies this one as it is, so policies keep matching through a canary rollout.
WORKLOAD = "pursight.io/workload"

Doc = dict[str, Any]


def labels(name: str, component: str) -> dict[str, str]:
    """The recommended labels; ``component`` groups workloads for overlay patches."""
    return {
        NAME: name,
        COMPONENT: component,
        WORKLOAD: name,
        "app.kubernetes.io/part-of": PART_OF,
        "app.kubernetes.io/version": VERSION,
    }


def selector(name: str) -> dict[str, str]:
    """The immutable selector of a workload: its name only (never the version)."""
    return {NAME: name}


def workload(name: str) -> dict[str, str]:
    """Every pod of workload ``name``, primary or canary."""
    return {WORKLOAD: name}


def metadata(name: str, component: str, **extra: Any) -> Doc:
    return {"name": name, "labels": labels(name, component), **extra}


def fqdn(name: str) -> str:
    """The cluster DNS name of Service ``name``: what callers dial and meshes key on."""
    return f"{name}.{NAMESPACE}.svc.cluster.local"


def service_account(name: str, component: str) -> Doc:
    """One identity per workload: the mesh's mTLS principal and policy subject."""
    return {
        "apiVersion": "v1",
        "kind": "ServiceAccount",
        "metadata": metadata(name, component),
        "automountServiceAccountToken": False,
    }


def pod_security() -> Doc:
    return {
        "runAsNonRoot": True,
        "runAsUser": 10001,
        "runAsGroup": 10001,
        "fsGroup": 10001,
        "seccompProfile": {"type": "RuntimeDefault"},
    }


def container_security() -> Doc:
    return {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"]},
    }


def resources(cpu: str, memory: str) -> Doc:
    """Requests as specified; memory is also the limit (it cannot be throttled, only
    killed), CPU has no limit so a pod can burst on an idle node."""
    return {"requests": {"cpu": cpu, "memory": memory}, "limits": {"memory": memory}}


def hpa(name: str, component: str, minimum: int, maximum: int) -> Doc:
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": metadata(name, component),
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
            "minReplicas": minimum,
            "maxReplicas": maximum,
            "metrics": [
                {
                    "type": "Resource",
                    "resource": {
                        "name": "cpu",
                        "target": {"type": "Utilization", "averageUtilization": 70},
                    },
                }
            ],
        },
    }


def pdb(name: str, component: str) -> Doc:
    """At most one pod of ``name`` down at a time through voluntary disruptions."""
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": metadata(name, component),
        "spec": {"maxUnavailable": 1, "selector": {"matchLabels": workload(name)}},
    }
