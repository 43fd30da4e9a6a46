"""The rendered manifests say what the platform was specified with, and the mesh rules
follow the call graph and the contracts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pytest

from services.deployment import CALLS, SERVICES, callees_of, callers_of
from services.registry import SERVICE_NAMES
from services.runtime.descriptors import all_policies
from tests.mesh._render import REPO, by_kind, render

Doc = dict[str, Any]
WORKLOAD = "pursight.io/workload"

# Issue 5's table, copied by hand on purpose: the test pins the figures, not the code.
SPECIFIED = {
    "gateway": (2, "500m", "1Gi"),
    "orchestration": (2, "1000m", "2Gi"),
    "workspace": (2, "500m", "1Gi"),
    "workflow": (3, "1000m", "2Gi"),
    "pipeline": (2, "1500m", "3Gi"),
    "assistant": (2, "2000m", "4Gi"),
    "collaboration": (2, "500m", "1Gi"),
    "dashboard": (2, "500m", "1Gi"),
    "activity": (2, "300m", "512Mi"),
    "integration": (2, "500m", "1Gi"),
    "auth": (3, "300m", "512Mi"),
    "datasource": (2, "500m", "1Gi"),
    "compliance": (2, "500m", "1Gi"),
    "classification": (2, "1000m", "2Gi"),
    "catalog": (2, "500m", "1Gi"),
    "scan": (3, "1000m", "2Gi"),
    "rbac": (2, "300m", "512Mi"),
    "web": (3, "200m", "256Mi"),
    "ingress-nginx": (2, "500m", "512Mi"),
    "postgresql-primary": (1, "2000m", "8Gi"),
    "postgresql-replica": (2, "1000m", "4Gi"),
    "redis-master": (1, "500m", "2Gi"),
    "redis-replica": (2, "300m", "1Gi"),
}


def _workloads(docs: list[Doc]) -> dict[str, Doc]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] in {"Deployment", "StatefulSet"}}


def _container(workload: Doc) -> Doc:
    containers: list[Doc] = workload["spec"]["template"]["spec"]["containers"]
    return containers[0]


def _env(container: Doc) -> dict[str, Doc]:
    return {e["name"]: e for e in container.get("env", [])}


def test_replicas_and_resources_are_as_specified() -> None:
    workloads = _workloads(render("base"))
    assert set(SPECIFIED) == set(workloads)
    for name, (replicas, cpu, memory) in SPECIFIED.items():
        workload = workloads[name]
        requests = _container(workload)["resources"]["requests"]
        assert (workload["spec"]["replicas"], requests["cpu"], requests["memory"]) == (
            replicas,
            cpu,
            memory,
        ), name
    claims = workloads["postgresql-primary"]["spec"]["volumeClaimTemplates"]
    assert claims[0]["spec"]["resources"]["requests"]["storage"] == "1Ti"
    for name in ("postgresql-replica", "redis-master", "redis-replica"):
        assert workloads[name]["spec"]["volumeClaimTemplates"], name


def test_every_service_is_one_image_serving_itself_with_grpc_probes() -> None:
    docs = render("base")
    workloads = _workloads(docs)
    images = set()
    for name in SERVICE_NAMES:
        container = _container(workloads[name])
        images.add(container["image"])
        assert container["command"] == ["pursight", "serve", name]
        full_name = next(
            p.full_name for p in all_policies() if p.full_name.startswith(f"/pursight.{name}.")
        ).split("/")[1]
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            assert container[probe]["grpc"] == {"port": 50051, "service": full_name}, name
    gateway = _container(workloads["gateway"])
    assert gateway["command"] == ["pursight", "gateway"]
    assert images == {gateway["image"]}  # one image for every service and the gateway


def test_service_ports_are_named_grpc() -> None:
    services = by_kind(render("base"), "Service")
    for name in SERVICE_NAMES:
        ports = services[name]["spec"]["ports"]
        assert [(p["name"], p["port"]) for p in ports] == [("grpc", 50051)], name


def test_every_service_has_an_account_an_hpa_and_a_pdb() -> None:
    docs = render("base")
    accounts, hpas, pdbs = (
        by_kind(docs, k)
        for k in ("ServiceAccount", "HorizontalPodAutoscaler", "PodDisruptionBudget")
    )
    workloads = _workloads(docs)
    for name in [*SERVICE_NAMES, "gateway"]:
        assert _pod_spec(workloads[name])["serviceAccountName"] == name in accounts
        assert hpas[name]["spec"]["minReplicas"] == SPECIFIED[name][0]
        assert hpas[name]["spec"]["maxReplicas"] > SPECIFIED[name][0]
        assert pdbs[name]["spec"]["selector"]["matchLabels"] == {WORKLOAD: name}


def _pod_spec(workload: Doc) -> Doc:
    spec: Doc = workload["spec"]["template"]["spec"]
    return spec


def _addresses(container: Doc) -> dict[str, str]:
    value = _env(container)["PURSIGHT_SERVICE_ADDRESSES"]["value"]
    return dict(item.split("=", 1) for item in value.split(",") if item)


def test_service_addresses_are_the_callees_dns_names() -> None:
    workloads = _workloads(render("base"))
    for name in [*SERVICE_NAMES, "gateway"]:
        addresses = _addresses(_container(workloads[name]))
        addresses.pop("operations", None)
        assert set(addresses) == callees_of(name), name
        for callee, address in addresses.items():
            assert address == f"{callee}.pursight.svc.cluster.local:50051"


# --- NetworkPolicies ------------------------------------------------------------------


def _matches(selector: Doc, labels: dict[str, str]) -> bool:
    for key, value in selector.get("matchLabels", {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions", []):
        assert expression["operator"] == "In", expression
        if labels.get(expression["key"]) not in expression["values"]:
            return False
    return True


def _select(selector: Doc, pods: dict[str, dict[str, str]]) -> set[str]:
    return {name for name, labels in pods.items() if _matches(selector, labels)}


def _edges(docs: list[Doc], direction: str) -> set[tuple[str, str, int]]:
    """(from, to, port) pod-to-pod edges the NetworkPolicies allow in ``direction``."""
    pods = {
        name: w["spec"]["template"]["metadata"]["labels"] for name, w in _workloads(docs).items()
    }
    edges = set()
    for policy in by_kind(docs, "NetworkPolicy").values():
        spec = policy["spec"]
        owners = _select(spec["podSelector"], pods)
        key, peer_key = ("ingress", "from") if direction == "ingress" else ("egress", "to")
        for rule in spec.get(key, []):
            peers = set()
            for peer in rule.get(peer_key, []):
                if set(peer) == {"podSelector"}:
                    peers |= _select(peer["podSelector"], pods)
            for port in rule.get("ports", []):
                for owner in owners:
                    for other in peers:
                        pair = (other, owner) if direction == "ingress" else (owner, other)
                        edges.add((*pair, port["port"]))
    return edges


def _call_graph_edges(edges: Iterable[tuple[str, str, int]]) -> set[tuple[str, str]]:
    grpc = {*SERVICE_NAMES, "gateway"}
    return {(a, b) for a, b, port in edges if a in grpc and b in grpc and port == 50051}


def test_network_policies_deny_by_default_and_allow_dns() -> None:
    policies = by_kind(render("base"), "NetworkPolicy")
    deny = policies["default-deny"]["spec"]
    assert deny == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    dns = policies["allow-dns"]["spec"]["egress"][0]
    assert {p["port"] for p in dns["ports"]} == {53}


def test_network_policies_allow_exactly_the_call_graph() -> None:
    docs = render("base")
    expected = {(caller, callee) for caller, callees in CALLS.items() for callee in callees}
    assert _call_graph_edges(_edges(docs, "ingress")) == expected
    assert _call_graph_edges(_edges(docs, "egress")) == expected
    # The way in: the ingress controller to the gateway and the console, nothing else.
    ingress = {(a, b) for a, b, _ in _edges(docs, "ingress") if a == "ingress-nginx"}
    assert ingress == {("ingress-nginx", "gateway"), ("ingress-nginx", "web")}


def test_only_services_reach_the_stores() -> None:
    edges = _edges(render("base"), "ingress")
    stores = {"postgresql-primary", "postgresql-replica", "redis-master", "redis-replica"}
    into = {(a, b) for a, b, _ in edges if b in stores}
    callers = {a for a, _ in into} - stores
    assert callers == set(SERVICE_NAMES)  # not the gateway, the console or the ingress


def test_the_call_graph_covers_every_call_in_the_code() -> None:
    """Each ``clients.stub("<service>", ...)`` in a service's folder is an allowed edge,
    and one in the shared runtime is an edge of every service."""
    pattern = re.compile(r"\.stub\(\s*\"(\w+)\"")
    for path in (REPO / "services" / "runtime").rglob("*.py"):
        for callee in pattern.findall(path.read_text()):
            for name in SERVICE_NAMES:
                assert name == callee or callee in CALLS[name], f"{path}: {name} -> {callee}"
    for name in SERVICE_NAMES:
        folder = REPO / "services" / name
        for path in folder.rglob("*.py") if folder.is_dir() else ():
            for callee in pattern.findall(path.read_text()):
                if callee != name:
                    assert callee in CALLS[name], f"{path}: {name} -> {callee}"
    assert CALLS["gateway"] == set(SERVICE_NAMES)


# --- Linkerd ------------------------------------------------------------------------


def test_linkerd_injects_every_pod() -> None:
    docs = render("overlays/linkerd")
    namespace = by_kind(docs, "Namespace")["pursight"]
    assert namespace["metadata"]["annotations"]["linkerd.io/inject"] == "enabled"
    for name, workload in _workloads(docs).items():
        annotations = workload["spec"]["template"]["metadata"]["annotations"]
        assert annotations["linkerd.io/inject"] == "enabled", name


def test_service_profile_retries_only_idempotent_methods() -> None:
    profiles = by_kind(render("overlays/linkerd"), "ServiceProfile")
    policies = {p.full_name: p for p in all_policies()}
    operations = {p for p in policies if p.startswith("/pursight.common.v1.OperationsService/")}
    retried = 0
    for name in SERVICE_NAMES:
        profile = profiles[f"{name}.pursight.svc.cluster.local"]["spec"]
        routes = {r["name"]: r for r in profile["routes"]}
        own = {p for p in policies if p.startswith(f"/pursight.{name}.v1.")}
        assert set(routes) == own | operations, name
        for path, route in routes.items():
            policy = policies[path]
            assert route.get("isRetryable", False) == policy.idempotent, path
            assert re.fullmatch(route["condition"]["pathRegex"], path)
            assert route["condition"]["method"] == "POST"
            streaming = policy.server_streaming or policy.client_streaming
            assert ("timeout" in route) != streaming, path
            retried += route.get("isRetryable", False)
        assert profile["retryBudget"]["retryRatio"] <= 0.2
    assert retried > 0


def test_canaries_gate_on_success_rate_and_latency() -> None:
    canaries = by_kind(render("overlays/linkerd"), "Canary")
    assert set(canaries) == set(SERVICE_NAMES)
    for name, canary in canaries.items():
        analysis = canary["spec"]["analysis"]
        assert (analysis["stepWeight"], analysis["maxWeight"]) == (10, 50)
        metrics = {m["name"]: m["thresholdRange"] for m in analysis["metrics"]}
        assert metrics == {"request-success-rate": {"min": 99}, "request-duration": {"max": 500}}
        assert canary["spec"]["targetRef"] == {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": name,
        }


# --- Istio ----------------------------------------------------------------------------


def test_istio_authorization_follows_the_call_graph() -> None:
    docs = render("overlays/istio")
    peer = by_kind(docs, "PeerAuthentication")["default"]
    assert peer["spec"]["mtls"]["mode"] == "STRICT"
    policies = by_kind(docs, "AuthorizationPolicy")
    for name in SERVICE_NAMES:
        spec = policies[name]["spec"]
        assert spec["action"] == "ALLOW"
        assert spec["selector"]["matchLabels"] == {WORKLOAD: name}
        grpc_rule = next(r for r in spec["rules"] if r["to"][0]["operation"]["ports"] == ["50051"])
        principals = grpc_rule["from"][0]["source"]["principals"]
        assert principals == [f"cluster.local/ns/pursight/sa/{c}" for c in sorted(callers_of(name))]


def test_istio_routes_weigh_stable_and_canary() -> None:
    docs = render("overlays/istio")
    services = by_kind(docs, "VirtualService")
    rules = by_kind(docs, "DestinationRule")
    workloads = _workloads(docs)
    idempotent = {p.full_name for p in all_policies() if p.idempotent}
    for name in SERVICE_NAMES:
        assert {s["name"] for s in rules[name]["spec"]["subsets"]} == {"stable", "canary"}
        for http in services[name]["spec"]["http"]:
            weights = {r["destination"]["subset"]: r["weight"] for r in http["route"]}
            assert weights == {"stable": 100, "canary": 0}
            if http["name"] == "idempotent":
                assert {m["uri"]["exact"] for m in http["match"]} <= idempotent
                assert "unavailable" in http["retries"]["retryOn"]
            else:
                assert "unavailable" not in http["retries"]["retryOn"]
        stable, canary = workloads[name], workloads[f"{name}-canary"]
        assert stable["spec"]["template"]["metadata"]["labels"]["track"] == "stable"
        assert canary["spec"]["template"]["metadata"]["labels"]["track"] == "canary"
        assert canary["spec"]["replicas"] == 0


# --- Azure ----------------------------------------------------------------------------


def test_azure_uses_managed_stores_and_key_vault() -> None:
    docs = render("overlays/azure")
    assert not by_kind(docs, "StatefulSet")
    assert not {"postgresql-primary", "redis-master"} & set(by_kind(docs, "Service"))
    stores = by_kind(docs, "ConfigMap")["pursight-stores"]["data"]
    assert stores["DATABASE_HOST"].endswith(".postgres.database.azure.com")
    assert stores["REDIS_HOST"].endswith(".redis.cache.windows.net")
    assert (stores["DATABASE_SSLMODE"], stores["REDIS_SCHEME"]) == ("require", "rediss")
    provider = by_kind(docs, "SecretProviderClass")["pursight-keyvault"]["spec"]
    synced = {item["key"] for item in provider["secretObjects"][0]["data"]}
    for name, workload in _workloads(docs).items():
        if name in ("web", "ingress-nginx"):
            continue
        pod = _pod_spec(workload)
        volumes = {v["name"]: v for v in pod["volumes"]}
        assert volumes["keyvault"]["csi"]["volumeAttributes"] == {
            "secretProviderClass": "pursight-keyvault"
        }
        env = _env(_container(workload))
        assert env["APPLICATIONINSIGHTS_CONNECTION_STRING"]["valueFrom"]["secretKeyRef"] == {
            "name": "pursight-secrets",
            "key": "appinsights-connection-string",
        }
        # Every key a pod needs is synced from Key Vault; optional ones (the Graph
        # client secret, for issuers that use it) may be absent without failing a pod.
        keys = {
            e["valueFrom"]["secretKeyRef"]["key"]
            for e in env.values()
            if "valueFrom" in e
            and "secretKeyRef" in e["valueFrom"]
            and not e["valueFrom"]["secretKeyRef"].get("optional")
        }
        keys |= {i["key"] for v in pod["volumes"] if "secret" in v for i in v["secret"]["items"]}
        assert keys <= synced, name


@pytest.mark.parametrize("target", ["overlays/linkerd", "overlays/istio", "overlays/azure"])
def test_overlays_keep_the_specified_replicas(target: str) -> None:
    workloads = _workloads(render(target))
    for name, (replicas, _, _) in SPECIFIED.items():
        if name in workloads:
            assert workloads[name]["spec"]["replicas"] == replicas, (target, name)
    assert set(SERVICES) <= set(workloads)
