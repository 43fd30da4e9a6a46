"""The data tier in the cluster: a PostgreSQL primary with two streaming read replicas
and a Redis master with two replicas, as plain StatefulSets with persistent volumes.

Plain StatefulSets keep the base free of operator CRDs; they give replication, not
automatic failover (an operator such as CloudNativePG or a Redis Sentinel would). The
azure overlay removes all of this in favour of Azure Database for PostgreSQL and Azure
Cache for Redis.
"""

from __future__ import annotations

from services.deployment import (
    POSTGRES_PORT,
    POSTGRES_PRIMARY,
    POSTGRES_REPLICA,
    REDIS_MASTER,
    REDIS_PORT,
    REDIS_REPLICA,
    Store,
)
from tools.mesh import _k8s
from tools.mesh._k8s import Doc
from tools.mesh._workloads import SECRETS, STORES_CONFIG

POSTGRES_IMAGE = "postgres:18.1"
REDIS_IMAGE = "redis:8.2"
COMPONENT = "store"
PGDATA = "/var/lib/postgresql/data/pgdata"
DATABASE = "pursight"
USER = "pursight"
REPLICATION_USER = "replicator"

_PRIMARY_INIT = """#!/bin/sh
# Runs once, when the primary's data directory is initialised: a role the read
# replicas stream the WAL with, allowed to connect for replication.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \\
  -v password="$REPLICATION_PASSWORD" \\
  -c "CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password'"
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
"""

_REPLICA_INIT = """#!/bin/sh
# A new replica copies the primary and starts as a hot standby (-R writes the
# primary_conninfo and standby.signal); an existing one resumes streaming.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pg_basebackup --host="$PRIMARY_HOST" --username=replicator --pgdata="$PGDATA" \\
    --wal-method=stream --write-recovery-conf --checkpoint=fast --progress
fi
"""


def stores_config() -> Doc:
    """Where the services find their stores; the azure overlay replaces the values."""
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": _k8s.metadata(STORES_CONFIG, "config"),
        "data": {
            "DATABASE_HOST": _k8s.fqdn(POSTGRES_PRIMARY.name),
            "DATABASE_REPLICA_HOST": _k8s.fqdn(POSTGRES_REPLICA.name),
            "DATABASE_PORT": str(POSTGRES_PORT),
            "DATABASE_NAME": DATABASE,
            "DATABASE_USER": USER,
            # In the cluster the mesh encrypts the hop (mTLS); managed servers use TLS.
            "DATABASE_SSLMODE": "disable",
            "REDIS_SCHEME": "redis",
            "REDIS_HOST": _k8s.fqdn(REDIS_MASTER.name),
            "REDIS_PORT": str(REDIS_PORT),
        },
    }


def _services(store: Store, port_name: str) -> list[Doc]:
    """A ClusterIP Service for clients and a headless one for the pods' identities."""
    port = {"name": port_name, "port": store.port, "targetPort": port_name, "protocol": "TCP"}
    return [
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": _k8s.metadata(store.name, COMPONENT),
            "spec": {"selector": _k8s.selector(store.name), "ports": [port]},
        },
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": _k8s.metadata(f"{store.name}-headless", COMPONENT),
            "spec": {
                "clusterIP": "None",
                "selector": _k8s.selector(store.name),
                "ports": [port],
            },
        },
    ]


def _statefulset(store: Store, pod: Doc, user: int) -> Doc:
    return {
        "apiVersion": "apps/v1",
        "kind": "StatefulSet",
        "metadata": _k8s.metadata(store.name, COMPONENT),
        "spec": {
            "serviceName": f"{store.name}-headless",
            "replicas": store.replicas,
            "selector": {"matchLabels": _k8s.selector(store.name)},
            "template": {
                "metadata": {"labels": _k8s.labels(store.name, COMPONENT)},
                "spec": {
                    "serviceAccountName": store.name,
                    "automountServiceAccountToken": False,
                    "securityContext": {
                        "runAsNonRoot": True,
                        "runAsUser": user,
                        "runAsGroup": user,
                        "fsGroup": user,
                        "seccompProfile": {"type": "RuntimeDefault"},
                    },
                    **pod,
                },
            },
            "volumeClaimTemplates": [
                {
                    "metadata": {"name": "data"},
                    "spec": {
                        "accessModes": ["ReadWriteOnce"],
                        "resources": {"requests": {"storage": store.storage}},
                    },
                }
            ],
        },
    }


def _secret(name: str, key: str) -> Doc:
    return {"name": name, "valueFrom": {"secretKeyRef": {"name": SECRETS, "key": key}}}


def _pg_container(store: Store, args: list[str], extra_env: list[Doc]) -> Doc:
    ready = {
        "exec": {"command": ["pg_isready", "--username", USER, "--dbname", DATABASE]},
        "timeoutSeconds": 3,
    }
    return {
        "name": "postgresql",
        "image": POSTGRES_IMAGE,
        "args": args,
        "env": [
            {"name": "PGDATA", "value": PGDATA},
            {"name": "POSTGRES_USER", "value": USER},
            {"name": "POSTGRES_DB", "value": DATABASE},
            _secret("POSTGRES_PASSWORD", "database-password"),
            *extra_env,
        ],
        "ports": [{"name": "postgresql", "containerPort": store.port, "protocol": "TCP"}],
        "readinessProbe": {**ready, "periodSeconds": 5},
        "livenessProbe": {**ready, "periodSeconds": 15, "failureThreshold": 6},
        "resources": _k8s.resources(store.cpu, store.memory),
        "securityContext": {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}},
        "volumeMounts": [
            {"name": "data", "mountPath": "/var/lib/postgresql/data"},
            {"name": "run", "mountPath": "/var/run/postgresql"},
        ],
    }


def postgresql() -> list[Doc]:
    """Primary (writes) and two hot standbys (PURSIGHT_DATABASE_REPLICA_URL reads)."""
    primary, replica = POSTGRES_PRIMARY, POSTGRES_REPLICA
    wal = ["-c", "wal_level=replica", "-c", "max_wal_senders=10", "-c", "hot_standby=on"]
    init = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": _k8s.metadata("postgresql-init", COMPONENT),
        "data": {"10-replication.sh": _PRIMARY_INIT, "basebackup.sh": _REPLICA_INIT},
    }
    replication = _secret("REPLICATION_PASSWORD", "replication-password")
    primary_pod = {
        "containers": [
            {
                **_pg_container(primary, wal, [replication]),
                "volumeMounts": [
                    {"name": "data", "mountPath": "/var/lib/postgresql/data"},
                    {"name": "run", "mountPath": "/var/run/postgresql"},
                    {"name": "init", "mountPath": "/docker-entrypoint-initdb.d"},
                ],
            }
        ],
        "volumes": [
            {"name": "run", "emptyDir": {}},
            {
                "name": "init",
                "configMap": {"name": "postgresql-init", "items": [_item("10-replication.sh")]},
            },
        ],
    }
    replica_pod = {
        "initContainers": [
            {
                "name": "basebackup",
                "image": POSTGRES_IMAGE,
                "command": ["sh", "/scripts/basebackup.sh"],
                "env": [
                    {"name": "PGDATA", "value": PGDATA},
                    {"name": "PRIMARY_HOST", "value": _k8s.fqdn(primary.name)},
                    _secret("PGPASSWORD", "replication-password"),
                ],
                "resources": _k8s.resources(replica.cpu, replica.memory),
                "securityContext": {
                    "allowPrivilegeEscalation": False,
                    "capabilities": {"drop": ["ALL"]},
                },
                "volumeMounts": [
                    {"name": "data", "mountPath": "/var/lib/postgresql/data"},
                    {"name": "init", "mountPath": "/scripts"},
                ],
            }
        ],
        "containers": [_pg_container(replica, ["-c", "hot_standby=on"], [])],
        "volumes": [
            {"name": "run", "emptyDir": {}},
            {
                "name": "init",
                "configMap": {"name": "postgresql-init", "items": [_item("basebackup.sh")]},
            },
        ],
    }
    return [
        init,
        _k8s.service_account(primary.name, COMPONENT),
        _k8s.service_account(replica.name, COMPONENT),
        *_services(primary, "postgresql"),
        *_services(replica, "postgresql"),
        _statefulset(primary, primary_pod, 999),
        _statefulset(replica, replica_pod, 999),
        _k8s.pdb(replica.name, COMPONENT),
    ]


def _item(key: str) -> Doc:
    return {"key": key, "path": key, "mode": 0o555}


def _maxmemory(memory: str) -> str:
    """Three quarters of the pod's memory for data, the rest for Redis itself and forks."""
    units = {"Gi": 1024, "Mi": 1}
    amount = int(memory[:-2]) * units[memory[-2:]]
    return f"{amount * 3 // 4}mb"


def _redis_container(store: Store, extra: list[str]) -> Doc:
    ping = {
        "exec": {"command": ["sh", "-c", 'redis-cli -a "$REDIS_PASSWORD" --no-auth-warning ping']},
        "timeoutSeconds": 3,
    }
    return {
        "name": "redis",
        "image": REDIS_IMAGE,
        "command": [
            "redis-server",
            "--dir",
            "/data",
            "--appendonly",
            "yes",
            "--requirepass",
            "$(REDIS_PASSWORD)",
            "--masterauth",
            "$(REDIS_PASSWORD)",
            "--maxmemory",
            _maxmemory(store.memory),
            *extra,
        ],
        "env": [_secret("REDIS_PASSWORD", "redis-password")],
        "ports": [{"name": "redis", "containerPort": store.port, "protocol": "TCP"}],
        "readinessProbe": {**ping, "periodSeconds": 5},
        "livenessProbe": {**ping, "periodSeconds": 15, "failureThreshold": 5},
        "resources": _k8s.resources(store.cpu, store.memory),
        "securityContext": _k8s.container_security(),
        "volumeMounts": [{"name": "data", "mountPath": "/data"}],
    }


def redis() -> list[Doc]:
    """Master (caches, rate limits, pub/sub) and two replicas following it."""
    master, replica = REDIS_MASTER, REDIS_REPLICA
    follow = ["--replicaof", _k8s.fqdn(master.name), str(master.port)]
    return [
        _k8s.service_account(master.name, COMPONENT),
        _k8s.service_account(replica.name, COMPONENT),
        *_services(master, "redis"),
        *_services(replica, "redis"),
        _statefulset(master, {"containers": [_redis_container(master, [])]}, 999),
        _statefulset(replica, {"containers": [_redis_container(replica, follow)]}, 999),
        _k8s.pdb(replica.name, COMPONENT),
    ]
