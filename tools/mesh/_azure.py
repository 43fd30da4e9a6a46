"""Overlay azure (AKS): secrets from Key Vault through the Secrets Store CSI driver,
Azure Database for PostgreSQL and Azure Cache for Redis instead of the in-cluster
stores, and Azure Monitor (Application Insights) for traces.

The Key Vault secrets are mounted into every PurSight pod and synced into the
``pursight-secrets`` Secret the base already reads, so the Deployments keep their env;
the store endpoints live in the ``pursight-stores`` ConfigMap, replaced here. The
values marked ``example`` (vault, tenant, identity, server names) are placeholders a
deployment's own overlay patches in.
"""

from __future__ import annotations

from services.deployment import (
    POSTGRES_PRIMARY,
    POSTGRES_REPLICA,
    REDIS_MASTER,
    REDIS_REPLICA,
)
from tools.mesh import _k8s
from tools.mesh._k8s import Doc
from tools.mesh._workloads import CONTAINER, SECRETS, STORES_CONFIG

PROVIDER_CLASS = "pursight-keyvault"
MOUNT = "/mnt/secrets-store"
APPINSIGHTS_KEY = "appinsights-connection-string"
# Key Vault secret name -> key in pursight-secrets. Key Vault names allow no dots or
# underscores; the same names on both sides keep it simple.
KEYVAULT_SECRETS = (
    "database-password",
    "redis-password",
    "service-secret",
    "admin-password",
    APPINSIGHTS_KEY,
)
# The at-rest encryption key is 32 raw bytes, kept in Key Vault as base64.
BINARY_SECRETS = ("secret-box-key",)
POSTGRES_SERVER = "pursight-example.postgres.database.azure.com"
POSTGRES_READ_REPLICA = "pursight-example-replica.postgres.database.azure.com"
REDIS_CACHE = "pursight-example.redis.cache.windows.net"
REDIS_TLS_PORT = 6380


def _objects() -> str:
    lines = ["array:"]
    for name in KEYVAULT_SECRETS:
        lines += ["  - |", f"    objectName: {name}", "    objectType: secret"]
    for name in BINARY_SECRETS:
        lines += [
            "  - |",
            f"    objectName: {name}",
            "    objectType: secret",
            "    objectEncoding: base64",
        ]
    return "\n".join(lines) + "\n"


def secret_provider_class() -> Doc:
    names = [*KEYVAULT_SECRETS, *BINARY_SECRETS]
    return {
        "apiVersion": "secrets-store.csi.x-k8s.io/v1",
        "kind": "SecretProviderClass",
        "metadata": _k8s.metadata(PROVIDER_CLASS, "config"),
        "spec": {
            "provider": "azure",
            "parameters": {
                "usePodIdentity": "false",
                # The AKS Key Vault add-on's user-assigned identity.
                "useVMManagedIdentity": "true",
                "userAssignedIdentityID": "00000000-0000-0000-0000-000000000000",
                "keyvaultName": "pursight-example-kv",
                "tenantId": "00000000-0000-0000-0000-000000000000",
                "objects": _objects(),
            },
            "secretObjects": [
                {
                    "secretName": SECRETS,
                    "type": "Opaque",
                    "data": [{"objectName": n, "key": n} for n in names],
                }
            ],
        },
    }


def _stores_patch() -> Doc:
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": STORES_CONFIG},
        "data": {
            "DATABASE_HOST": POSTGRES_SERVER,
            "DATABASE_REPLICA_HOST": POSTGRES_READ_REPLICA,
            "DATABASE_PORT": "5432",
            "DATABASE_SSLMODE": "require",
            "REDIS_SCHEME": "rediss",
            "REDIS_HOST": REDIS_CACHE,
            "REDIS_PORT": str(REDIS_TLS_PORT),
        },
    }


def _delete(api_version: str, kind: str, name: str) -> Doc:
    return {"$patch": "delete", "apiVersion": api_version, "kind": kind, "metadata": {"name": name}}


def _remove_in_cluster_stores() -> list[Doc]:
    """Everything of the in-cluster data tier, deleted (strategic-merge delete patches)."""
    docs: list[Doc] = [_delete("v1", "ConfigMap", "postgresql-init")]
    for store in (POSTGRES_PRIMARY, POSTGRES_REPLICA, REDIS_MASTER, REDIS_REPLICA):
        docs += [
            _delete("apps/v1", "StatefulSet", store.name),
            _delete("v1", "Service", store.name),
            _delete("v1", "Service", f"{store.name}-headless"),
            _delete("v1", "ServiceAccount", store.name),
            _delete("networking.k8s.io/v1", "NetworkPolicy", f"allow-{store.name}"),
        ]
    for store in (POSTGRES_REPLICA, REDIS_REPLICA):
        docs.append(_delete("policy/v1", "PodDisruptionBudget", store.name))
    return docs


def _pod_patch() -> Doc:
    """Mounts the Key Vault volume (which is what makes the driver sync the Secret) and
    hands the Application Insights connection string to the telemetry set-up."""
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "any"},  # replaced by each target's name
        "spec": {
            "template": {
                "spec": {
                    "containers": [
                        {
                            "name": CONTAINER,
                            "env": [
                                {
                                    "name": "APPLICATIONINSIGHTS_CONNECTION_STRING",
                                    "valueFrom": {
                                        "secretKeyRef": {"name": SECRETS, "key": APPINSIGHTS_KEY}
                                    },
                                }
                            ],
                            "volumeMounts": [
                                {"name": "keyvault", "mountPath": MOUNT, "readOnly": True}
                            ],
                        }
                    ],
                    "volumes": [
                        {
                            "name": "keyvault",
                            "csi": {
                                "driver": "secrets-store.csi.k8s.io",
                                "readOnly": True,
                                "volumeAttributes": {"secretProviderClass": PROVIDER_CLASS},
                            },
                        }
                    ],
                }
            }
        },
    }


def managed_services_policy() -> Doc:
    """PurSight pods reach the managed PostgreSQL and Redis (private endpoints in the
    VNet) and Application Insights' ingestion endpoint (HTTPS)."""
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": _k8s.metadata("allow-azure-services", "network"),
        "spec": {
            "podSelector": {
                "matchExpressions": [
                    {"key": _k8s.COMPONENT, "operator": "In", "values": ["gateway", "service"]}
                ]
            },
            "policyTypes": ["Egress"],
            "egress": [
                {
                    "to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}],
                    "ports": [{"protocol": "TCP", "port": p} for p in (443, 5432, REDIS_TLS_PORT)],
                }
            ],
        },
    }


def overlay() -> dict[str, list[Doc]]:
    """File name -> documents of the overlay (kustomization.yaml included)."""
    removals = {
        f"remove/{doc['kind'].lower()}-{doc['metadata']['name']}.yaml": [doc]
        for doc in _remove_in_cluster_stores()
    }
    # One delete per file: kustomize 5.5 crashes on several in one patch file.
    patches: list[Doc] = [{"path": "stores-patch.yaml"}, *({"path": p} for p in removals)]
    for component in ("service", "gateway"):
        patches.append(
            {
                "path": "keyvault-patch.yaml",
                "target": {"kind": "Deployment", "labelSelector": f"{_k8s.COMPONENT}={component}"},
            }
        )
    kustomization = {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "resources": ["../../base", "secret-provider-class.yaml", "network-policies.yaml"],
        "patches": patches,
    }
    return {
        "kustomization.yaml": [kustomization],
        "secret-provider-class.yaml": [secret_provider_class()],
        "stores-patch.yaml": [_stores_patch()],
        **removals,
        "keyvault-patch.yaml": [_pod_patch()],
        "network-policies.yaml": [managed_services_policy()],
    }
