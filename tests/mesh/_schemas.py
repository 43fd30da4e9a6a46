"""Offline validation of rendered manifests: core kinds with kubernetes-validate
(strict, a pinned Kubernetes version), custom resources against their CRDs' schemas."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import kubernetes_validate.utils
import yaml

CRDS = Path(__file__).parent / "crds"
# The oldest Kubernetes minor the manifests promise to work on (AKS supports it).
KUBERNETES_VERSION = "1.33.0"

Doc = dict[str, Any]
# libyaml's parser when PyYAML has it: the Istio CRDs are several hundred kB each.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# API groups of the custom resources the overlays use; everything else is Kubernetes.
CUSTOM_GROUPS = frozenset(
    {
        "linkerd.io",
        "flagger.app",
        "networking.istio.io",
        "security.istio.io",
        "secrets-store.csi.x-k8s.io",
    }
)


def is_core(doc: Doc) -> bool:
    """Kinds of Kubernetes itself (kubernetes-validate has their schemas)."""
    return doc["apiVersion"].rpartition("/")[0] not in CUSTOM_GROUPS


# kubernetes-validate parses its JSON schemas (a 1 MB definitions file among them) on
# every call; they never change, so parse each once. Same functions, same results.
kubernetes_validate.utils.schema_contents = cache(kubernetes_validate.utils.schema_contents)


def validate_core(doc: Doc) -> list[str]:
    """Strict validation errors of a core-kind document (empty when valid)."""
    try:
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as exc:
        return [f"{'.'.join(map(str, exc.path))}: {exc.message}"]
    return []


def _close(schema: Any) -> None:
    """Sets ``additionalProperties: false`` where the API server would prune."""
    if isinstance(schema, list):
        for item in schema:
            _close(item)
        return
    if not isinstance(schema, dict):
        return
    if (
        "properties" in schema
        and "additionalProperties" not in schema
        and not schema.get("x-kubernetes-preserve-unknown-fields")
    ):
        schema["additionalProperties"] = False
    for key, value in schema.items():
        if key in {"oneOf", "anyOf", "allOf", "not"}:
            continue
        if key in {"properties", "patternProperties", "definitions"}:
            for sub in value.values():
                _close(sub)
        elif key in {"items", "additionalProperties"}:
            _close(value)


@cache
def _crds() -> dict[tuple[str, str], Doc]:
    """(group, kind) -> CRD, for every file in crds/."""
    found = {}
    for path in sorted(CRDS.glob("*.yaml")):
        for crd in yaml.load_all(path.read_text(), Loader=_LOADER):
            if crd and crd.get("kind") == "CustomResourceDefinition":
                spec = crd["spec"]
                found[(spec["group"], spec["names"]["kind"])] = crd
    return found


@cache
def _validator(api_version: str, kind: str) -> jsonschema.Draft4Validator:
    group, _, version = api_version.rpartition("/")
    crd = _crds().get((group, kind))
    if crd is None:
        raise LookupError(f"no CRD for {kind} in group {group!r} under {CRDS}")
    for entry in crd["spec"]["versions"]:
        if entry["name"] == version and entry.get("served"):
            schema = copy.deepcopy(entry["schema"]["openAPIV3Schema"])
            break
    else:
        raise LookupError(f"the {kind} CRD serves no version {version}")
    properties = schema.setdefault("properties", {})
    properties.setdefault("apiVersion", {"type": "string"})
    properties.setdefault("kind", {"type": "string"})
    properties.setdefault("metadata", {"type": "object"})
    _close(schema)
    return jsonschema.Draft4Validator(schema)


def validate_custom(doc: Doc) -> list[str]:
    """Errors of a custom resource against its CRD's closed schema (empty when valid)."""
    validator = _validator(doc["apiVersion"], doc["kind"])
    return [
        f"{'.'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in validator.iter_errors(doc)
    ]
