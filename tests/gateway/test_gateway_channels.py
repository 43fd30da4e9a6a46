"""Upstream channels: one per address, made by the factory, bounded by the size limit."""

from __future__ import annotations

from typing import Any

import grpc
import httpx
import pytest

from gateway import create_app
from services.runtime.settings import Settings, replace

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_one_channel_per_address_from_the_factory(settings: Settings, upstream: Any) -> None:
    made: list[str] = []

    def factory(address: str) -> grpc.aio.Channel:
        made.append(address)
        return grpc.aio.insecure_channel(address)

    other = f"localhost:{upstream.port}"  # same server, a second address
    app = create_app(
        replace(settings, service_addresses=f"{settings.service_addresses},catalog={other}"),
        channel_factory=factory,
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gw") as http:
            for _ in range(3):
                assert (await http.get("/v1/workspaces/code-not_found")).status_code == 404
                assert (await http.get("/v1/workspaces/w1/assets/a1")).status_code == 200
                assert (await http.get("/v1/operations/o1:watch")).status_code == 200
    assert sorted(made) == sorted([f"127.0.0.1:{upstream.port}", other])


async def test_responses_over_the_size_limit_are_refused(client: httpx.AsyncClient) -> None:
    # settings.max_message_bytes is 1 MiB in these tests; the fake answers with 2 MiB.
    response = await client.get("/v1/workspaces/w1/assets/huge")
    assert response.status_code == 429
    assert response.json()["code"] == grpc.StatusCode.RESOURCE_EXHAUSTED.value[0]


async def test_unexpected_failure_is_a_generic_500(settings: Settings) -> None:
    def broken(address: str) -> grpc.aio.Channel:
        raise RuntimeError(f"secret connection string for {address}")

    app = create_app(settings, channel_factory=broken)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gw") as http:
        response = await http.get("/v1/workspaces/w1", headers={"X-Request-Id": "r-500"})
    assert response.status_code == 500
    assert response.json() == {"code": 13, "message": "internal error"}
    assert "secret" not in response.text
    assert response.headers["x-request-id"] == "r-500"
