"""The base workloads: one Deployment, Service, ServiceAccount, HPA and PDB per gRPC
service, and the gateway in the same image.

Every service runs the one image as ``pursight serve <service>``; where the others are
comes from PURSIGHT_SERVICE_ADDRESSES, built from the Services' cluster DNS names, so a
pod calls exactly what ``pursight up --processes`` calls on one machine.
"""

from __future__ import annotations

from services.deployment import (
    GATEWAY,
    GRPC_PORT,
    METRICS_PORT,
    SERVICES,
    Workload,
    callees_of,
)
from services.runtime.server import VERSION
from tools.mesh import _k8s
from tools.mesh._contracts import full_names
from tools.mesh._k8s import Doc

SECRETS = "pursight-secrets"
STORES_CONFIG = "pursight-stores"
DATA_DIR = "/var/lib/pursight"
CONTAINER = "pursight"  # the same container name everywhere, so one overlay patch fits all


def _secret_env(name: str, key: str) -> Doc:
    return {"name": name, "valueFrom": {"secretKeyRef": {"name": SECRETS, "key": key}}}


def addresses(names: list[str]) -> str:
    """PURSIGHT_SERVICE_ADDRESSES for a caller of ``names``: each at its Service's DNS
    name. The operations mixin is answered by every server; callers use orchestration's."""
    pairs = [f"{name}={_k8s.fqdn(name)}:{GRPC_PORT}" for name in sorted(names)]
    if len(names) == len(SERVICES):
        pairs.append(f"operations={_k8s.fqdn('orchestration')}:{GRPC_PORT}")
    return ",".join(pairs)


def store_env() -> list[Doc]:
    """The store URLs, assembled from the ``pursight-stores`` ConfigMap (envFrom) and
    the passwords in ``pursight-secrets``; the azure overlay swaps the ConfigMap only."""
    database = (
        "postgresql://$(DATABASE_USER):$(DATABASE_PASSWORD)@{host}:$(DATABASE_PORT)"
        "/$(DATABASE_NAME)?sslmode=$(DATABASE_SSLMODE)"
    )
    return [
        _secret_env("DATABASE_PASSWORD", "database-password"),
        _secret_env("REDIS_PASSWORD", "redis-password"),
        {"name": "PURSIGHT_DATABASE_URL", "value": database.format(host="$(DATABASE_HOST)")},
        {
            "name": "PURSIGHT_DATABASE_REPLICA_URL",
            "value": database.format(host="$(DATABASE_REPLICA_HOST)"),
        },
        {
            "name": "PURSIGHT_REDIS_URL",
            "value": "$(REDIS_SCHEME)://:$(REDIS_PASSWORD)@$(REDIS_HOST):$(REDIS_PORT)/0",
        },
    ]


def _volumes() -> tuple[list[Doc], list[Doc]]:
    """A writable data directory and /tmp on a read-only root, and the shared
    at-rest encryption key (SecretBox) every replica of a service must agree on."""
    volumes: list[Doc] = [
        {"name": "data", "emptyDir": {}},
        {"name": "tmp", "emptyDir": {}},
        {
            "name": "keys",
            "secret": {
                "secretName": SECRETS,
                "items": [{"key": "secret-box-key", "path": "secret.key"}],
                "defaultMode": 0o400,
            },
        },
    ]
    mounts: list[Doc] = [
        {"name": "data", "mountPath": DATA_DIR},
        {"name": "tmp", "mountPath": "/tmp"},  # noqa: S108 - an emptyDir in the pod
        {"name": "keys", "mountPath": f"{DATA_DIR}/keys", "readOnly": True},
    ]
    return volumes, mounts


def _grpc_probe(service: str, period: int, failures: int) -> Doc:
    return {
        "grpc": {"port": GRPC_PORT, "service": service},
        "periodSeconds": period,
        "timeoutSeconds": 2,
        "failureThreshold": failures,
    }


def _pod_annotations() -> dict[str, str]:
    return {
        "prometheus.io/scrape": "true",
        "prometheus.io/port": str(METRICS_PORT),
        "prometheus.io/path": "/metrics",
    }


def _spread(name: str) -> list[Doc]:
    return [
        {
            "maxSkew": 1,
            "topologyKey": key,
            "whenUnsatisfiable": "ScheduleAnyway",
            "labelSelector": {"matchLabels": _k8s.selector(name)},
        }
        for key in ("topology.kubernetes.io/zone", "kubernetes.io/hostname")
    ]


def _deployment(
    workload: Workload,
    component: str,
    container: Doc,
    volumes: list[Doc],
) -> Doc:
    name = workload.name
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": _k8s.metadata(name, component),
        "spec": {
            "replicas": workload.replicas,
            "revisionHistoryLimit": 5,
            "selector": {"matchLabels": _k8s.selector(name)},
            "strategy": {
                "type": "RollingUpdate",
                "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0},
            },
            "template": {
                "metadata": {
                    "labels": _k8s.labels(name, component),
                    "annotations": _pod_annotations(),
                },
                "spec": {
                    "serviceAccountName": name,
                    "automountServiceAccountToken": False,
                    "securityContext": _k8s.pod_security(),
                    # The server reports NOT_SERVING on SIGTERM, then drains for
                    # PURSIGHT_SHUTDOWN_GRACE_SECONDS (10 s by default).
                    "terminationGracePeriodSeconds": 30,
                    "topologySpreadConstraints": _spread(name),
                    "containers": [container],
                    "volumes": volumes,
                },
            },
        },
    }


def service_workload(workload: Workload) -> list[Doc]:
    """Deployment, Service, ServiceAccount, HPA and PDB of one gRPC service."""
    name = workload.name
    full_name = full_names()[name]
    volumes, mounts = _volumes()
    env: list[Doc] = [
        {"name": "PURSIGHT_GRPC_HOST", "value": "0.0.0.0"},  # noqa: S104 - the pod's interfaces
        {"name": "PURSIGHT_GRPC_PORT", "value": str(GRPC_PORT)},
        {"name": "PURSIGHT_METRICS_PORT", "value": str(METRICS_PORT)},
        {"name": "PURSIGHT_DATA_DIR", "value": DATA_DIR},
        {"name": "PURSIGHT_SERVICE_ADDRESSES", "value": addresses(sorted(callees_of(name)))},
        _secret_env("PURSIGHT_SERVICE_SECRET", "service-secret"),
        *store_env(),
        {"name": "OTEL_SERVICE_NAME", "value": f"pursight-{name}"},
        {"name": "OTEL_RESOURCE_ATTRIBUTES", "value": f"service.version={VERSION}"},
    ]
    if name == "auth":  # the bootstrap administrator's password, never generated in a pod
        env.append(_secret_env("PURSIGHT_ADMIN_PASSWORD", "admin-password"))
        # Only for issuers that resolve groups overage through Microsoft Graph.
        graph = _secret_env("PURSIGHT_OIDC_GRAPH_CLIENT_SECRET", "oidc-graph-client-secret")
        graph["valueFrom"]["secretKeyRef"]["optional"] = True
        env.append(graph)
    container: Doc = {
        "name": CONTAINER,
        "image": f"{_k8s.IMAGE}:{VERSION}",
        "imagePullPolicy": "IfNotPresent",
        "command": ["pursight", "serve", name],
        "ports": [
            {"name": "grpc", "containerPort": GRPC_PORT, "protocol": "TCP"},
            {"name": "metrics", "containerPort": METRICS_PORT, "protocol": "TCP"},
        ],
        "envFrom": [{"configMapRef": {"name": STORES_CONFIG}}],
        "env": env,
        # Migrations run at start under an advisory lock; give them a minute.
        "startupProbe": _grpc_probe(full_name, 2, 30),
        "readinessProbe": _grpc_probe(full_name, 5, 2),
        "livenessProbe": _grpc_probe(full_name, 10, 3),
        "resources": _k8s.resources(workload.cpu, workload.memory),
        "securityContext": _k8s.container_security(),
        "volumeMounts": mounts,
    }
    component = "service"
    return [
        _k8s.service_account(name, component),
        _deployment(workload, component, container, volumes),
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": _k8s.metadata(name, component),
            "spec": {
                "type": "ClusterIP",
                "selector": _k8s.selector(name),
                "ports": [
                    {
                        "name": "grpc",
                        "port": GRPC_PORT,
                        "targetPort": "grpc",
                        "protocol": "TCP",
                        "appProtocol": "grpc",
                    }
                ],
            },
        },
        _k8s.hpa(name, component, workload.replicas, workload.hpa_max),
        _k8s.pdb(name, component),
    ]


def gateway_workload() -> list[Doc]:
    """The REST gateway: the same image as ``pursight gateway``, calling every service."""
    workload = GATEWAY
    name = workload.name
    port = workload.port
    http_probe = {"httpGet": {"path": "/healthz", "port": "http"}, "timeoutSeconds": 2}
    container: Doc = {
        "name": CONTAINER,
        "image": f"{_k8s.IMAGE}:{VERSION}",
        "imagePullPolicy": "IfNotPresent",
        "command": ["pursight", "gateway"],
        "ports": [
            {"name": "http", "containerPort": port, "protocol": "TCP"},
            {"name": "metrics", "containerPort": METRICS_PORT, "protocol": "TCP"},
        ],
        "env": [
            {"name": "PURSIGHT_GATEWAY_HOST", "value": "0.0.0.0"},  # noqa: S104 - pod interfaces
            {"name": "PURSIGHT_GATEWAY_PORT", "value": str(port)},
            {"name": "PURSIGHT_METRICS_PORT", "value": str(METRICS_PORT)},
            {"name": "PURSIGHT_DATA_DIR", "value": DATA_DIR},
            {"name": "PURSIGHT_SERVICE_ADDRESSES", "value": addresses(sorted(SERVICES))},
            # Signs the client address it forwards; services believe no other.
            _secret_env("PURSIGHT_SERVICE_SECRET", "service-secret"),
            # The pod's own mesh sidecar connects from loopback (Linkerd 127.0.0.1, Istio
            # 127.0.0.6): its X-Forwarded-For hop, the ingress controller's, is believed.
            {"name": "PURSIGHT_GATEWAY_TRUSTED_PROXIES", "value": "127.0.0.0/8,::1"},
            {"name": "OTEL_SERVICE_NAME", "value": "pursight-gateway"},
            {"name": "OTEL_RESOURCE_ATTRIBUTES", "value": f"service.version={VERSION}"},
        ],
        "readinessProbe": {**http_probe, "periodSeconds": 5, "failureThreshold": 2},
        "livenessProbe": {**http_probe, "periodSeconds": 10, "failureThreshold": 3},
        "resources": _k8s.resources(workload.cpu, workload.memory),
        "securityContext": _k8s.container_security(),
        "volumeMounts": [
            {"name": "data", "mountPath": DATA_DIR},
            {"name": "tmp", "mountPath": "/tmp"},  # noqa: S108 - an emptyDir in the pod
        ],
    }
    volumes = [{"name": "data", "emptyDir": {}}, {"name": "tmp", "emptyDir": {}}]
    component = "gateway"
    return [
        _k8s.service_account(name, component),
        _deployment(workload, component, container, volumes),
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": _k8s.metadata(name, component),
            "spec": {
                "type": "ClusterIP",
                "selector": _k8s.selector(name),
                "ports": [
                    {
                        "name": "http",
                        "port": port,
                        "targetPort": "http",
                        "protocol": "TCP",
                        "appProtocol": "http",
                    }
                ],
            },
        },
        _k8s.hpa(name, component, workload.replicas, workload.hpa_max),
        _k8s.pdb(name, component),
    ]
