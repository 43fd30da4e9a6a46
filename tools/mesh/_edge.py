"""What stands between the users and the gateway: the NGINX ingress controller, the
Ingress routing the REST API to the gateway and everything else to the web console,
and the React front-end's Deployment (its image is built by the web console's issue).
"""

from __future__ import annotations

from services.deployment import GATEWAY, INGRESS, METRICS_PORT, WEB
from services.runtime.server import VERSION
from tools.mesh import _k8s
from tools.mesh._k8s import Doc

INGRESS_CLASS = "nginx"
CONTROLLER_CLASS = "k8s.io/ingress-nginx"
CONTROLLER_IMAGE = "registry.k8s.io/ingress-nginx/controller:v1.12.1"
CONTROLLER_METRICS_PORT = 10254
HOST = "pursight.example.com"  # a deployment overlay patches its own host name in
COMPONENT = "ingress"


def _rules(*rules: tuple[list[str], list[str], list[str]]) -> list[Doc]:
    return [{"apiGroups": g, "resources": r, "verbs": v} for g, r, v in rules]


def _controller_rbac() -> list[Doc]:
    """What a namespace-scoped ingress-nginx needs: its namespace's objects, plus the
    cluster-scoped IngressClasses."""
    name = INGRESS.name
    read = ["get", "list", "watch"]
    role = _rules(
        ([""], ["configmaps", "pods", "secrets", "endpoints", "services"], read),
        ([""], ["namespaces"], ["get"]),
        (["networking.k8s.io"], ["ingresses"], read),
        (["networking.k8s.io"], ["ingresses/status"], ["update"]),
        (["discovery.k8s.io"], ["endpointslices"], [*read]),
        (["coordination.k8s.io"], ["leases"], ["get", "create", "update"]),
        ([""], ["events"], ["create", "patch"]),
    )
    subject = [{"kind": "ServiceAccount", "name": name, "namespace": _k8s.NAMESPACE}]
    return [
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "Role",
            "metadata": _k8s.metadata(name, COMPONENT),
            "rules": role,
        },
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "RoleBinding",
            "metadata": _k8s.metadata(name, COMPONENT),
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": name},
            "subjects": subject,
        },
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRole",
            "metadata": _k8s.metadata(f"pursight-{name}", COMPONENT),
            "rules": _rules((["networking.k8s.io"], ["ingressclasses"], read)),
        },
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRoleBinding",
            "metadata": _k8s.metadata(f"pursight-{name}", COMPONENT),
            "roleRef": {
                "apiGroup": "rbac.authorization.k8s.io",
                "kind": "ClusterRole",
                "name": f"pursight-{name}",
            },
            "subjects": subject,
        },
    ]


def ingress_controller() -> list[Doc]:
    """The ingress-nginx controller, watching this namespace only."""
    name = INGRESS.name
    health = {
        "httpGet": {"path": "/healthz", "port": CONTROLLER_METRICS_PORT},
        "timeoutSeconds": 2,
    }
    container: Doc = {
        "name": "controller",
        "image": CONTROLLER_IMAGE,
        "args": [
            "/nginx-ingress-controller",
            f"--ingress-class={INGRESS_CLASS}",
            f"--controller-class={CONTROLLER_CLASS}",
            "--watch-namespace=$(POD_NAMESPACE)",
            "--publish-service=$(POD_NAMESPACE)/ingress-nginx",
            "--election-id=ingress-nginx-leader",
        ],
        "env": [
            {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
            {
                "name": "POD_NAMESPACE",
                "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}},
            },
        ],
        "ports": [
            {"name": "http", "containerPort": 80, "protocol": "TCP"},
            {"name": "https", "containerPort": 443, "protocol": "TCP"},
            {"name": "metrics", "containerPort": CONTROLLER_METRICS_PORT, "protocol": "TCP"},
        ],
        "readinessProbe": {**health, "periodSeconds": 5},
        "livenessProbe": {**health, "periodSeconds": 10, "failureThreshold": 5},
        "resources": _k8s.resources(INGRESS.cpu, INGRESS.memory),
        "securityContext": {
            "allowPrivilegeEscalation": False,
            "runAsNonRoot": True,
            "runAsUser": 101,
            "runAsGroup": 82,
            "capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]},
            "seccompProfile": {"type": "RuntimeDefault"},
        },
    }
    deployment: Doc = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": _k8s.metadata(name, COMPONENT),
        "spec": {
            "replicas": INGRESS.replicas,
            "selector": {"matchLabels": _k8s.selector(name)},
            "template": {
                "metadata": {"labels": _k8s.labels(name, COMPONENT)},
                "spec": {
                    "serviceAccountName": name,
                    "terminationGracePeriodSeconds": 300,
                    "containers": [container],
                },
            },
        },
    }
    service: Doc = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": _k8s.metadata(name, COMPONENT),
        "spec": {
            "type": "LoadBalancer",
            # Keeps the client's address for X-Forwarded-For (and rate limits upstream).
            "externalTrafficPolicy": "Local",
            "selector": _k8s.selector(name),
            "ports": [
                {"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"},
                {"name": "https", "port": 443, "targetPort": "https", "protocol": "TCP"},
            ],
        },
    }
    ingress_class: Doc = {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "IngressClass",
        "metadata": _k8s.metadata(INGRESS_CLASS, COMPONENT),
        "spec": {"controller": CONTROLLER_CLASS},
    }
    account = _k8s.service_account(name, COMPONENT)
    account["automountServiceAccountToken"] = True  # it watches the API server
    return [
        account,
        *_controller_rbac(),
        ingress_class,
        deployment,
        service,
        _k8s.pdb(name, COMPONENT),
    ]


def _path(path: str, kind: str, service: str, port: str) -> Doc:
    return {
        "path": path,
        "pathType": kind,
        "backend": {"service": {"name": service, "port": {"name": port}}},
    }


def ingress() -> list[Doc]:
    """The REST API (/v1, /openapi.json, /docs) to the gateway, the rest to the console."""
    return [
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "Ingress",
            "metadata": {
                **_k8s.metadata("pursight", COMPONENT),
                "annotations": {
                    # Through the Service's cluster IP, so the mesh balances and secures it.
                    "nginx.ingress.kubernetes.io/service-upstream": "true",
                    "nginx.ingress.kubernetes.io/proxy-body-size": "16m",
                    # Server-sent events and NDJSON streams (watches) stay open.
                    "nginx.ingress.kubernetes.io/proxy-read-timeout": "3600",
                    "nginx.ingress.kubernetes.io/proxy-buffering": "off",
                },
            },
            "spec": {
                "ingressClassName": INGRESS_CLASS,
                "rules": [
                    {
                        "host": HOST,
                        "http": {
                            "paths": [
                                _path("/v1", "Prefix", GATEWAY.name, "http"),
                                _path("/openapi.json", "Exact", GATEWAY.name, "http"),
                                _path("/docs", "Prefix", GATEWAY.name, "http"),
                                _path("/", "Prefix", WEB.name, "http"),
                            ]
                        },
                    }
                ],
            },
        }
    ]


def web() -> list[Doc]:
    """The React console: static files served by an unprivileged NGINX on 8080."""
    name = WEB.name
    probe = {"httpGet": {"path": "/", "port": "http"}, "timeoutSeconds": 2}
    container: Doc = {
        "name": "web",
        "image": f"{_k8s.WEB_IMAGE}:{VERSION}",
        "imagePullPolicy": "IfNotPresent",
        "ports": [{"name": "http", "containerPort": WEB.port, "protocol": "TCP"}],
        "readinessProbe": {**probe, "periodSeconds": 5},
        "livenessProbe": {**probe, "periodSeconds": 10},
        "resources": _k8s.resources(WEB.cpu, WEB.memory),
        "securityContext": _k8s.container_security(),
        "volumeMounts": [
            {"name": "tmp", "mountPath": "/tmp"},  # noqa: S108 - NGINX's temp files, an emptyDir
        ],
    }
    return [
        _k8s.service_account(name, "web"),
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": _k8s.metadata(name, "web"),
            "spec": {
                "replicas": WEB.replicas,
                "selector": {"matchLabels": _k8s.selector(name)},
                "template": {
                    "metadata": {"labels": _k8s.labels(name, "web")},
                    "spec": {
                        "serviceAccountName": name,
                        "automountServiceAccountToken": False,
                        "securityContext": _k8s.pod_security(),
                        "containers": [container],
                        "volumes": [{"name": "tmp", "emptyDir": {}}],
                    },
                },
            },
        },
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": _k8s.metadata(name, "web"),
            "spec": {
                "selector": _k8s.selector(name),
                "ports": [{"name": "http", "port": WEB.port, "targetPort": "http"}],
            },
        },
        _k8s.hpa(name, "web", WEB.replicas, WEB.hpa_max),
        _k8s.pdb(name, "web"),
    ]


__all__ = ["CONTROLLER_METRICS_PORT", "METRICS_PORT", "ingress", "ingress_controller", "web"]
