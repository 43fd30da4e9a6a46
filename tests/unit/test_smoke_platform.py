from __future__ import annotations

from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.conftest import Platform


async def test_platform_serves_health(platform: Platform) -> None:
    reply = await health_pb2_grpc.HealthStub(platform.channel).Check(
        health_pb2.HealthCheckRequest(service="pursight.catalog.v1.CatalogService")
    )
    assert reply.status == health_pb2.HealthCheckResponse.SERVING
