"""``make mesh``: the Kubernetes manifests in mesh/, generated from the deployment table
(``services.deployment``) and the contracts.

mesh/base is a kustomize base (every workload, the data tier, ingress, NetworkPolicies);
mesh/overlays/{linkerd,istio,azure} add a mesh or a cloud to it. The output is committed
and CI regenerates it and fails on any difference, as it does for gen/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from services.deployment import SERVICES
from tools.mesh import _azure, _istio, _linkerd
from tools.mesh._edge import ingress, ingress_controller, web
from tools.mesh._k8s import NAMESPACE, Doc, metadata
from tools.mesh._policies import network_policies
from tools.mesh._readme import README
from tools.mesh._stores import postgresql, redis, stores_config
from tools.mesh._workloads import gateway_workload, service_workload
from tools.mesh._yaml import dump


def base() -> dict[str, list[Doc]]:
    """File name -> documents of the base (kustomization.yaml included)."""
    namespace: Doc = {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": metadata(NAMESPACE, "namespace"),
    }
    files: dict[str, list[Doc]] = {
        "namespace.yaml": [namespace],
        "stores-config.yaml": [stores_config()],
    }
    for name, workload in SERVICES.items():
        files[f"services/{name}.yaml"] = service_workload(workload)
    files["gateway.yaml"] = gateway_workload()
    files["web.yaml"] = web()
    files["ingress-nginx.yaml"] = ingress_controller()
    files["ingress.yaml"] = ingress()
    files["postgresql.yaml"] = postgresql()
    files["redis.yaml"] = redis()
    files["network-policies.yaml"] = network_policies()
    kustomization: Doc = {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "namespace": NAMESPACE,
        "resources": list(files),
    }
    return {"kustomization.yaml": [kustomization], **files}


def tree() -> dict[str, str]:
    """Every file of mesh/ (relative path -> text)."""
    out: dict[str, str] = {"README.md": README}
    for path, docs in base().items():
        out[f"base/{path}"] = dump(docs)
    for overlay_name, overlay in (
        ("linkerd", _linkerd.overlay()),
        ("istio", _istio.overlay()),
        ("azure", _azure.overlay()),
    ):
        for path, docs in overlay.items():
            out[f"overlays/{overlay_name}/{path}"] = dump(docs)
    return out


def write(root: Path) -> list[Path]:
    """Replaces ``root`` with a fresh tree (stale files go); returns the files written."""
    files = tree()
    if root.exists():
        shutil.rmtree(root)
    written = []
    for relative, text in sorted(files.items()):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        written.append(path)
    return written


__all__ = ["base", "tree", "write"]
