"""What a service gives the runtime so it can be mounted on a server."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis.asyncio as redis

from services.runtime.clients import Clients
from services.runtime.database import Database
from services.runtime.revocation import Revocations
from services.runtime.service_identity import ServiceIdentity
from services.runtime.settings import Settings


@dataclass
class Runtime:
    """Everything a servicer may use: settings, stores and stubs to other services."""

    settings: Settings
    db: Database
    redis: redis.Redis
    clients: Clients
    # Signs this process's services' own calls (background work with no user token).
    identity: ServiceIdentity
    # Revokes tokens and subjects; every verifier in every process honours it.
    revocations: Revocations


@dataclass(frozen=True)
class ServiceSpec:
    """A mountable service: its name, contract, servicer factory and migrations."""

    name: str  # short name, as in settings and the mesh: "catalog"
    full_name: str  # "pursight.catalog.v1.CatalogService"
    make_servicer: Callable[[Runtime], Any]
    # The generated add_*_to_server; given a grpc.aio.Server or a stand-in for one.
    add_to_server: Callable[[Any, Any], None]
    migrations: Path | None = None
    implemented: bool = True
    # Called with the servicer once the server listens (bootstrap data, key material).
    on_start: Callable[[Any], Awaitable[None]] | None = None
    # Called with the servicer when the server stops, before in-flight calls are drained
    # (background workers hand their work back while the stores are still open).
    on_stop: Callable[[Any], Awaitable[None]] | None = None
