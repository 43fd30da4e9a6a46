"""What the gateway sends upstream besides the request: credentials, ids, deadline, trace."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.asyncio(loop_scope="session")

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
# grpc rounds the grpc-timeout header up to its wire unit, so the server may see a
# hair more than was asked for.
SLACK = 0.05


async def test_authorization_and_request_id_are_forwarded(
    client: httpx.AsyncClient, upstream: Any
) -> None:
    response = await client.get(
        "/v1/workspaces/w1/assets/a1",
        headers={"Authorization": "Bearer abc.def", "X-Request-Id": "req-42"},
    )
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "req-42"
    metadata = upstream.recorder.last("GetAsset").metadata
    assert metadata["authorization"] == "Bearer abc.def"
    assert metadata["x-request-id"] == "req-42"


async def test_request_id_is_generated_and_echoed(client: httpx.AsyncClient, upstream: Any) -> None:
    response = await client.get("/v1/workspaces/w1/assets/a1")
    generated = response.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    assert upstream.recorder.last("GetAsset").metadata["x-request-id"] == generated
    assert "authorization" not in upstream.recorder.last("GetAsset").metadata


async def test_request_id_is_echoed_on_errors_too(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/nowhere", headers={"X-Request-Id": "r-err"})
    assert response.status_code == 404
    assert response.headers["x-request-id"] == "r-err"


async def test_unsafe_request_id_is_replaced(client: httpx.AsyncClient, upstream: Any) -> None:
    response = await client.get("/v1/workspaces/w1/assets/a1", headers={"X-Request-Id": "a b\tc"})
    assert response.headers["x-request-id"] != "a b\tc"
    assert (
        upstream.recorder.last("GetAsset").metadata["x-request-id"]
        == (response.headers["x-request-id"])
    )


async def test_the_address_that_connected_is_forwarded_signed(
    client: httpx.AsyncClient, upstream: Any
) -> None:
    await client.get("/v1/workspaces/w1/assets/a1")
    sent = upstream.recorder.last("GetAsset").metadata
    assert sent["x-forwarded-for"] == "203.0.113.7"
    assert sent["x-pursight-forwarded-sig"]
    # The client's own X-Forwarded-For is its word only: no proxy is trusted here.
    await client.get("/v1/workspaces/w1/assets/a1", headers={"X-Forwarded-For": "198.51.100.1"})
    assert upstream.recorder.last("GetAsset").metadata["x-forwarded-for"] == "203.0.113.7"


async def test_default_deadline_is_the_settings_timeout(
    client: httpx.AsyncClient, upstream: Any, settings: Any
) -> None:
    await client.get("/v1/workspaces/w1/assets/a1")
    remaining = upstream.recorder.last("GetAsset").time_remaining
    assert remaining is not None
    assert settings.call_timeout_seconds - 1 < remaining <= settings.call_timeout_seconds + SLACK


async def test_client_may_shorten_the_deadline(client: httpx.AsyncClient, upstream: Any) -> None:
    await client.get("/v1/workspaces/w1/assets/a1", headers={"X-Timeout-Seconds": "0.8"})
    remaining = upstream.recorder.last("GetAsset").time_remaining
    assert remaining is not None
    assert 0 < remaining <= 0.8 + SLACK


async def test_client_cannot_extend_the_deadline(
    client: httpx.AsyncClient, upstream: Any, settings: Any
) -> None:
    await client.get("/v1/workspaces/w1/assets/a1", headers={"X-Timeout-Seconds": "3600"})
    remaining = upstream.recorder.last("GetAsset").time_remaining
    assert remaining is not None
    assert remaining <= settings.call_timeout_seconds + SLACK


async def test_deadline_exceeded_is_504(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/workspaces/slow", headers={"X-Timeout-Seconds": "0.2"})
    assert response.status_code == 504
    assert response.json()["code"] == 4


@pytest.mark.parametrize("value", ["soon", "0", "-1", "nan", "inf"])
async def test_bad_timeout_header_is_400(client: httpx.AsyncClient, value: str) -> None:
    response = await client.get("/v1/workspaces/w1", headers={"X-Timeout-Seconds": value})
    assert response.status_code == 400
    fields = [v["field"] for d in response.json()["details"] for v in d["fieldViolations"]]
    assert fields == ["X-Timeout-Seconds"]


async def test_trace_context_is_propagated(client: httpx.AsyncClient, upstream: Any) -> None:
    traceparent = f"00-{TRACE_ID}-00f067aa0ba902b7-01"
    await client.get("/v1/workspaces/w1/assets/a1", headers={"traceparent": traceparent})
    sent = upstream.recorder.last("GetAsset").metadata.get("traceparent", "")
    assert sent.split("-")[1] == TRACE_ID


async def test_trace_context_is_propagated_on_streams(
    client: httpx.AsyncClient, upstream: Any
) -> None:
    traceparent = f"00-{TRACE_ID}-00f067aa0ba902b7-01"
    await client.get("/v1/operations/op1:watch", headers={"traceparent": traceparent})
    sent = upstream.recorder.last("WatchOperation").metadata.get("traceparent", "")
    assert sent.split("-")[1] == TRACE_ID
