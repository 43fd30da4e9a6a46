"""One health check: the serving state, the version that answered, how long it took.

``pursight status`` and ``pursight up --processes`` both ask this way, exactly as the
mesh's gRPC probes do (grpc.health.v1 with the service's full name).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.runtime.metrics import VERSION_HEADER


@dataclass(frozen=True)
class Health:
    state: str  # SERVING, NOT_SERVING, or the gRPC code of a failed check
    version: str  # "" when the server did not say
    latency_ms: float

    @property
    def serving(self) -> bool:
        return self.state == "SERVING"


async def check(address: str, service: str, deadline: float = 3.0) -> Health:
    """Asks the server at ``address`` whether ``service`` is serving."""
    started = time.perf_counter()
    version = ""
    try:
        async with grpc.aio.insecure_channel(address) as channel:
            call = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=service), timeout=deadline
            )
            reply = await call
            for key, value in await call.initial_metadata() or ():
                if key == VERSION_HEADER:
                    version = value.decode() if isinstance(value, bytes) else str(value)
        state = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
    except grpc.aio.AioRpcError as exc:
        state = exc.code().name
    return Health(state, version, (time.perf_counter() - started) * 1000)
