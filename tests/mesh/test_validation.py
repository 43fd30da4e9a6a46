"""Every rendered document is valid: core kinds against Kubernetes' own schemas in strict
mode, custom resources against their CRDs with unknown fields refused."""

from __future__ import annotations

import copy
import json

import pytest

from tests.mesh._render import TARGETS, render
from tests.mesh._schemas import CUSTOM_GROUPS, is_core, validate_core, validate_custom


def _unique(kind_filter: str) -> list[tuple[str, dict[str, object]]]:
    """(where, document) for each distinct document of every target, once."""
    seen: set[str] = set()
    out = []
    for target in TARGETS:
        for doc in render(target):
            if (kind_filter == "core") != is_core(doc):
                continue
            key = json.dumps(doc, sort_keys=True)
            if key not in seen:
                seen.add(key)
                out.append((f"{target}: {doc['kind']}/{doc['metadata']['name']}", doc))
    return out


def test_core_kinds_are_strictly_valid() -> None:
    documents = _unique("core")
    assert len(documents) > 100
    failures = {where: errors for where, doc in documents if (errors := validate_core(doc))}
    assert failures == {}


def test_custom_resources_match_their_crds() -> None:
    documents = _unique("custom")
    kinds = {doc["kind"] for _, doc in documents}
    assert kinds == {
        "ServiceProfile",
        "Canary",
        "VirtualService",
        "DestinationRule",
        "PeerAuthentication",
        "AuthorizationPolicy",
        "SecretProviderClass",
    }
    failures = {where: errors for where, doc in documents if (errors := validate_custom(doc))}
    assert failures == {}


def _first(target: str, kind: str) -> dict[str, object]:
    return copy.deepcopy(next(d for d in render(target) if d["kind"] == kind))


def test_a_misspelled_core_field_fails() -> None:
    deployment = _first("base", "Deployment")
    spec = deployment["spec"]
    assert isinstance(spec, dict)
    spec["replica"] = spec.pop("replicas")
    assert validate_core(deployment)
    container = _first("base", "Deployment")
    template = container["spec"]["template"]  # type: ignore[index]
    template["spec"]["containers"][0]["readinesProbe"] = {"grpc": {"port": 50051}}
    assert validate_core(container)


@pytest.mark.parametrize(
    ("target", "kind", "path"),
    [
        ("overlays/linkerd", "ServiceProfile", ("spec", "routes", 0, "isRetriable")),
        ("overlays/linkerd", "Canary", ("spec", "analysis", "stepWeigth")),
        ("overlays/istio", "VirtualService", ("spec", "http", 0, "retry")),
        ("overlays/istio", "AuthorizationPolicy", ("spec", "rules", 0, "form")),
        ("overlays/azure", "SecretProviderClass", ("spec", "secretObject")),
    ],
)
def test_a_misspelled_custom_field_fails(target: str, kind: str, path: tuple[object, ...]) -> None:
    doc = _first(target, kind)
    assert validate_custom(doc) == []
    node: object = doc
    for step in path[:-1]:
        node = node[step]  # type: ignore[index]
    node[path[-1]] = True  # type: ignore[index]
    errors = validate_custom(doc)
    assert errors, f"{kind} accepted a misspelled field {path[-1]!r}"
    assert "Additional properties are not allowed" in errors[0]


def test_every_custom_group_has_a_crd_in_use() -> None:
    groups = {doc["apiVersion"].rpartition("/")[0] for target in TARGETS for doc in render(target)}
    assert groups >= CUSTOM_GROUPS
