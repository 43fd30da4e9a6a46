"""Server streams: NDJSON, Server-Sent Events and raw HttpBody chunks."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from gateway.responses import StreamBrokenError

pytestmark = pytest.mark.asyncio(loop_scope="session")


def _sse_events(text: str) -> list[tuple[str, dict[str, Any]]]:
    events: list[tuple[str, dict[str, Any]]] = []
    assert text.endswith("\n\n")
    for block in text.strip("\n").split("\n\n"):
        kind = "message"
        data = ""
        for line in block.split("\n"):
            field, _, value = line.partition(": ")
            if field == "event":
                kind = value
            elif field == "data":
                data = value
        events.append((kind, json.loads(data)))
    return events


async def test_ndjson_stream(client: httpx.AsyncClient, upstream: Any) -> None:
    response = await client.get("/v1/operations/op1:watch")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-ndjson"
    assert response.headers["x-request-id"]
    lines = response.text.splitlines()
    assert [json.loads(line)["state"] for line in lines] == [
        "STATE_PENDING",
        "STATE_RUNNING",
        "STATE_SUCCEEDED",
    ]
    assert json.loads(lines[-1])["done"] is True
    assert response.text.endswith("\n")
    assert upstream.recorder.last("WatchOperation").request.name == "operations/op1"


async def test_ndjson_error_mid_stream_is_last_line(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/operations/fails:watch")
    assert response.status_code == 200  # the status line went out with the first message
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert len(lines) == 2
    assert lines[0]["state"] == "STATE_PENDING"
    assert lines[1] == {
        "error": {
            "code": 9,
            "message": "the scan lost its source",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "SOURCE_GONE",
                    "domain": "pursight.io",
                }
            ],
        }
    }


async def test_stream_failing_before_first_message_gets_http_status(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/v1/operations/missing:watch")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json()["message"] == "no such operation"


async def test_sse_stream(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/operations/op2:watch", headers={"Accept": "text/event-stream"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"] == "no-cache"
    events = _sse_events(response.text)
    assert [kind for kind, _ in events] == ["message"] * 3
    assert [data["state"] for _, data in events] == [
        "STATE_PENDING",
        "STATE_RUNNING",
        "STATE_SUCCEEDED",
    ]
    assert response.text.startswith("data: {")


async def test_sse_error_event(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/v1/operations/fails:watch",
        headers={"Accept": "application/json;q=0.5, text/event-stream"},
    )
    events = _sse_events(response.text)
    assert [kind for kind, _ in events] == ["message", "error"]
    assert events[1][1]["code"] == 9
    assert events[1][1]["details"][0]["reason"] == "SOURCE_GONE"


async def test_http_body_stream_is_raw(client: httpx.AsyncClient, upstream: Any) -> None:
    response = await client.get(
        "/v1/workspaces/w1/assets:exportAnnotations", params={"qualifiedNamePrefix": "pg://"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv"
    assert response.text == "qualified_name,tags\npg://h/db/t,pii\npg://h/db/u,\n"
    assert upstream.recorder.last("ExportAnnotations").request.qualified_name_prefix == "pg://"


async def test_http_body_stream_error_before_data_is_a_status(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/workspaces/missing/assets:exportAnnotations")
    assert response.status_code == 404
    assert response.json()["message"] == "no such workspace"


async def test_http_body_stream_broken_mid_way_is_not_a_clean_end(app: Any) -> None:
    # A raw body cannot carry an error line: the transfer is aborted instead, so the
    # client can tell a truncated export from a complete one.
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gw") as http:
        with pytest.raises(StreamBrokenError, match="export broke"):
            await http.get("/v1/workspaces/broken/assets:exportAnnotations")
