"""The gRPC server bootstrap shared by every service.

One ``grpc.aio`` server mounts any set of services on one port, with health checking
(per service), reflection, the interceptor chain, message size limits and keepalive.
On SIGTERM it reports NOT_SERVING first, so load balancers stop sending work, then
gives in-flight calls a grace period to finish.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from services.registry import OPERATIONS, load_specs
from services.runtime.audit import ActivityAuditor
from services.runtime.clients import Clients
from services.runtime.collector import tune_for_serving
from services.runtime.database import apply_migrations, load_migrations
from services.runtime.forwarded import ForwardedFor
from services.runtime.interceptors import (
    AuditInterceptor,
    Auditor,
    AuthenticationInterceptor,
    AuthorizationInterceptor,
    Authorizer,
    Chain,
    ErrorInterceptor,
    TextInputInterceptor,
)
from services.runtime.metrics import MetricsInterceptor, serve_metrics
from services.runtime.rbac_authorizer import default_authorizer, stop_authorizer
from services.runtime.redaction import install_log_redaction
from services.runtime.revocation import Revocations
from services.runtime.service import Runtime, ServiceSpec
from services.runtime.service_identity import ServiceIdentity, load_service_secret
from services.runtime.settings import Settings, replace
from services.runtime.stores import Stores, open_stores
from services.runtime.telemetry import TracingInterceptor
from services.runtime.tokens import TokenVerifier

log = logging.getLogger(__name__)

VERSION = "0.1.0"
MAX_METADATA_BYTES = 32 * 1024


async def migrate(stores: Stores, specs: Sequence[ServiceSpec]) -> list[str]:
    """Applies the pending migrations of ``specs``; returns what was applied."""
    applied: list[str] = []
    async with stores.db.primary.acquire() as conn:
        for spec in specs:
            if spec.migrations is None:
                continue
            for migration in await apply_migrations(
                conn, load_migrations(spec.name, spec.migrations)
            ):
                applied.append(f"{migration.service} {migration.version:04d}_{migration.name}")
    return applied


async def _fetch_jwks(clients: Clients, deadline_seconds: float) -> list[dict[str, str]]:
    stub = clients.stub("auth", auth_pb2_grpc.AuthServiceStub)
    response = await stub.GetJwks(auth_pb2.GetJwksRequest(), timeout=deadline_seconds)
    return [
        {"kty": k.kty, "kid": k.kid, "crv": k.crv, "x": k.x, "alg": k.alg} for k in response.keys
    ]


class _GenericHandlersOnly:
    """What the generated ``add_*_to_server`` functions see of the server.

    They register each service twice: as a generic handler and as "registered methods".
    grpc.aio (1.85) then waits on one future per registered method for every call it
    accepts, which with the ~250 methods of all services costs about 30% of a small
    call's throughput. Routing through the generic handlers alone avoids that."""

    def __init__(self, server: grpc.aio.Server) -> None:
        self._server = server

    def add_generic_rpc_handlers(
        self, handlers: Sequence[grpc.GenericRpcHandler[Any, Any]]
    ) -> None:
        self._server.add_generic_rpc_handlers(handlers)

    def add_registered_method_handlers(self, service_name: str, handlers: object) -> None:
        """Deliberately ignored; see the class docstring."""


def _traced(details: grpc.HandlerCallDetails) -> bool:
    """PurSight's own methods, which the tracing interceptor wraps; the same choice as
    ``filters.service_prefix("pursight.")``, whose isinstance checks against typing
    protocols cost a twentieth of a small call's time."""
    return details.method.startswith("/pursight.")


@dataclass
class PursightServer:
    """A running gRPC server hosting ``services``."""

    settings: Settings
    services: Sequence[str]
    authorizer: Authorizer | None = None
    auditor: Auditor | None = None
    stores: Stores | None = None
    port: int = 0
    _server: grpc.aio.Server | None = None
    # grpc_health-stubs lack health.aio (the asyncio servicer); it is Any here.
    _health: health.aio.HealthServicer | None = None  # type: ignore[name-defined]
    _owns_stores: bool = False
    _authorizer: Authorizer | None = None
    specs: list[ServiceSpec] = field(default_factory=list)
    runtime: Runtime | None = None
    # The mounted servicers by service name, for on_stop hooks (and tests).
    servicers: dict[str, Any] = field(default_factory=dict)

    async def start(self) -> PursightServer:
        settings = self.settings
        install_log_redaction()
        if self.stores is None:
            self.stores = await open_stores(settings)
            self._owns_stores = True
        self.specs = load_specs([*self.services, OPERATIONS])
        await migrate(self.stores, self.specs)
        limit = settings.max_message_bytes
        # The verifier reaches the auth service through this holder, filled in below
        # once the port (possibly chosen by the OS) is known.
        holder: list[Clients] = []

        async def fetch_jwks() -> list[dict[str, str]]:
            return await _fetch_jwks(holder[0], min(settings.call_timeout_seconds, 10.0))

        revocations = Revocations(self.stores.redis)
        revocations.start()
        secret = await asyncio.to_thread(load_service_secret, settings)
        identity = ServiceIdentity(secret, settings)
        # RBAC when the rbac service is reachable (rbac_authorizer.py); bootstrap rules else.
        authorizer = self._authorizer = self.authorizer or default_authorizer(
            settings, self.services, identity, self.stores.redis, lambda: holder[0]
        )
        # Audited calls fail closed when the activity service cannot record them.
        auditor = self.auditor or ActivityAuditor(lambda: holder[0], identity)
        verifier = TokenVerifier(
            fetch_jwks,
            issuer=settings.token_issuer,
            audience=settings.token_audience,
            revocations=revocations,
            cache_seconds=settings.jwks_cache_seconds,
            service_verifier=identity.verify,
        )
        server = grpc.aio.server(
            interceptors=[
                # Traces PurSight methods only: its wrapper assumes streaming handlers are
                # async generators, which grpc.health.v1 Watch is not.
                TracingInterceptor(_traced),
                # The rest wrap handlers and nothing else: one Chain runs them as
                # grpc.aio would one by one, with one turn per call instead of six.
                Chain(
                    [
                        # Requests by method and code, latency; the version on health
                        # checks.
                        MetricsInterceptor(VERSION),
                        AuthenticationInterceptor(verifier, auditor, ForwardedFor(secret)),
                        AuthorizationInterceptor(authorizer, auditor),
                        # Errors map outside the audit stage: grpc.aio sends a status as
                        # soon as a handler aborts, so the audit stage must record a
                        # failure before the error stage turns it into one (the event is
                        # written before the answer).
                        ErrorInterceptor(),
                        AuditInterceptor(auditor),
                        # Innermost: a NUL in a string is refused like any bad field.
                        TextInputInterceptor(),
                    ]
                ),
            ],
            options=[
                ("grpc.max_send_message_length", limit),
                ("grpc.max_receive_message_length", limit),
                # Access tokens carry up to 200 group principals (auth's federation):
                # ~13 KB for Entra ID group ids, past gRPC's default 8 KB, which would
                # refuse exactly the users with many groups (RESOURCE_EXHAUSTED).
                ("grpc.max_metadata_size", MAX_METADATA_BYTES),
                ("grpc.keepalive_time_ms", 30_000),
                ("grpc.keepalive_timeout_ms", 10_000),
                ("grpc.keepalive_permit_without_calls", 1),
                ("grpc.http2.min_ping_interval_without_data_ms", 10_000),
                ("grpc.so_reuseport", 0),
            ],
        )
        address = f"{settings.grpc_host}:{settings.grpc_port}"
        self.port = server.add_insecure_port(address)
        if self.port == 0:
            raise RuntimeError(f"cannot listen on {address}")
        if settings.grpc_port == 0:  # services of this process call each other here
            settings = self.settings = replace(settings, grpc_port=self.port)
        clients = Clients(settings)
        holder.append(clients)
        self.runtime = Runtime(
            settings, self.stores.db, self.stores.redis, clients, identity, revocations
        )
        health_servicer = health.aio.HealthServicer()  # type: ignore[attr-defined]
        health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
        names = [health.SERVICE_NAME, reflection.SERVICE_NAME]
        servicers = []
        for spec in self.specs:
            servicer = spec.make_servicer(self.runtime)
            spec.add_to_server(servicer, _GenericHandlersOnly(server))
            servicers.append(servicer)
            self.servicers[spec.name] = servicer
            names.append(spec.full_name)
        reflection.enable_server_reflection(names, server)
        await server.start()
        serve_metrics(settings.metrics_port, settings.grpc_host)
        self._server = server
        self._health = health_servicer
        for spec, servicer in zip(self.specs, servicers, strict=True):
            if spec.on_start is not None:
                await spec.on_start(servicer)
            await health_servicer.set(spec.full_name, health_pb2.HealthCheckResponse.SERVING)
        await health_servicer.set("", health_pb2.HealthCheckResponse.SERVING)
        tune_for_serving()
        log.info("serving %s on %s", ", ".join(self.services), self.address)
        return self

    @property
    def address(self) -> str:
        return f"{self.settings.grpc_host}:{self.port}"

    async def stop(self, grace: float | None = None) -> None:
        """Reports NOT_SERVING, lets in-flight calls finish within ``grace``, closes."""
        if self._server is None:
            return
        if self._health is not None:
            await self._health.enter_graceful_shutdown()
        for spec in reversed(self.specs):
            if spec.on_stop is not None and spec.name in self.servicers:
                try:
                    await spec.on_stop(self.servicers[spec.name])
                except Exception:  # one service's hook must not keep the others running
                    log.exception("stopping %s failed", spec.name)
        await self._server.stop(self.settings.shutdown_grace_seconds if grace is None else grace)
        self._server = None
        if self._authorizer is not None:
            await stop_authorizer(self._authorizer)
        if self.runtime is not None:
            await self.runtime.clients.close()
            await self.runtime.revocations.stop()
        if self._owns_stores and self.stores is not None:
            await self.stores.close()

    async def wait(self) -> None:
        if self._server is not None:
            await self._server.wait_for_termination()


def install_signal_handlers(stop: asyncio.Event) -> None:
    """SIGTERM and SIGINT set ``stop``; the caller then shuts down gracefully."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
