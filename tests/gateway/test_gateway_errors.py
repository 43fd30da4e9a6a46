"""Bad input is a 400 naming the field; upstream failures keep their status and details."""

from __future__ import annotations

from typing import Any

import grpc
import httpx
import pytest

from gateway.status_map import HTTP_STATUS_BY_GRPC_CODE

pytestmark = pytest.mark.asyncio(loop_scope="session")

BAD_REQUEST_TYPE = "type.googleapis.com/google.rpc.BadRequest"


def _only_violation(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["code"] == 3
    [detail] = body["details"]
    assert detail["@type"] == BAD_REQUEST_TYPE
    [violation] = detail["fieldViolations"]
    return dict(violation)


@pytest.mark.parametrize(
    ("payload", "field", "words"),
    [
        ({"displayName": "x", "colour": "red"}, "workspace.colour", "unknown field"),
        ({"displayName": 5}, "workspace.display_name", "expected a string"),
        ({"displayName": "x", "labels": {"a": 1}}, "workspace.labels[a]", "expected a string"),
        ({"displayName": "x", "labels": ["a"]}, "workspace.labels", "an object"),
        ({"displayName": "x", "memberCount": "many"}, "workspace.member_count", "an integer"),
        ({"displayName": "x", "memberCount": 2**40}, "workspace.member_count", "out of range"),
        ({"displayName": "x", "createTime": "yesterday"}, "workspace.create_time", ""),
        ({"displayName": "x", "display_name": "y"}, "workspace.display_name", "set twice"),
    ],
)
async def test_bad_body_field_is_named(
    client: httpx.AsyncClient, upstream: Any, payload: dict[str, Any], field: str, words: str
) -> None:
    response = await client.post("/v1/workspaces", json=payload)
    violation = _only_violation(response)
    assert violation["field"] == field
    assert words in violation["description"]
    assert not [c for c in upstream.recorder.calls if c.method == "CreateWorkspace"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"username": "a", "bogus": True}, "bogus"),
        ({"username": ["a"]}, "username"),
        ({"username": None, "password": {"x": 1}}, "password"),
    ],
)
async def test_bad_body_star_field_is_named(
    client: httpx.AsyncClient, payload: dict[str, Any], field: str
) -> None:
    violation = _only_violation(await client.post("/v1/auth:login", json=payload))
    assert violation["field"] == field


async def test_nested_list_element_is_named(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/workspaces/w1/assets:batchUpsert",
        json={"assets": [{"displayName": "ok"}, {"displayName": "t", "tabel": {}}]},
    )
    assert _only_violation(response)["field"] == "assets[1].tabel"


async def test_bad_enum_in_body(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/workspaces/w1/assets:search", json={"types": ["TABLE"]})
    violation = _only_violation(response)
    assert violation["field"] == "types[0]"
    assert "ASSET_TYPE_TABLE" in violation["description"]


@pytest.mark.parametrize(
    "raw",
    [b"{", b"[1, 2]", b'"text"', b'{"username": "a", "username": "b"}', b"\xff\xfe\x00"],
)
async def test_malformed_json_is_400(client: httpx.AsyncClient, raw: bytes) -> None:
    response = await client.post(
        "/v1/auth:login", content=raw, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400, response.text
    assert response.json()["code"] == 3


async def test_deeply_nested_json_is_400_not_500(client: httpx.AsyncClient) -> None:
    raw = b'{"username": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = await client.post("/v1/auth:login", content=raw)
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"pageSize": "ten"}, "pageSize"),
        ({"page_size": "99999999999"}, "page_size"),
        ({"show_deleted": "maybe"}, "show_deleted"),
        ({"types": "ASSET_TYPE_NOPE"}, "types"),
        ({"types": "99"}, "types"),
        ({"nonsense": "1"}, "nonsense"),
        ({"parent": "workspaces/other"}, "parent"),
        ({"query": ["a", "b"]}, "query"),
    ],
)
async def test_bad_query_value_is_named(
    client: httpx.AsyncClient, params: dict[str, Any], field: str
) -> None:
    response = await client.get("/v1/workspaces/w1/assets:search", params=params)
    assert _only_violation(response)["field"] == field


async def test_query_cannot_set_body_bound_fields(client: httpx.AsyncClient) -> None:
    response = await client.patch(
        "/v1/workspaces/w1", params={"workspace.displayName": "x"}, json={}
    )
    violation = _only_violation(response)
    assert violation["field"] == "workspace.displayName"
    assert "body" in violation["description"]


async def test_body_star_route_refuses_query(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/auth:login", params={"username": "a"}, json={})
    assert _only_violation(response)["field"] == "username"


async def test_bad_timestamp_query_and_message_query(client: httpx.AsyncClient) -> None:
    # UpdateAsset's update_mask is free for the query; asset is bound by the body.
    response = await client.patch(
        "/v1/workspaces/w1/assets/a1", params={"asset.description": "x"}, json={}
    )
    assert _only_violation(response)["field"] == "asset.description"


async def test_unknown_route_is_404_status(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/nowhere/at/all")
    assert response.status_code == 404
    assert response.json()["code"] == grpc.StatusCode.NOT_FOUND.value[0]


async def test_a_newline_in_the_path_still_gets_the_gateway(
    client: httpx.AsyncClient, upstream: Any
) -> None:
    # Starlette's catch-all route pattern stops at a newline; such paths used to fall
    # through to its {"detail": "Not Found"} (found by the schemathesis fuzz).
    unknown = await client.get("/v1/no%0Awhere")
    assert unknown.status_code == 404
    assert unknown.json()["code"] == grpc.StatusCode.NOT_FOUND.value[0]
    routed = await client.get("/v1/workspaces/a%0Ab")
    assert routed.status_code == 404
    assert routed.json()["details"][1]["resourceName"] == "workspaces/a\nb"
    assert upstream.recorder.last("GetWorkspace").request.name == "workspaces/a\nb"


async def test_wrong_method_is_405_with_allow(client: httpx.AsyncClient) -> None:
    response = await client.put("/v1/workspaces/w1")
    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) == {"DELETE", "GET", "PATCH"}
    assert response.json()["code"] == grpc.StatusCode.UNIMPLEMENTED.value[0]


async def test_oversized_body_is_413(client: httpx.AsyncClient, settings: Any) -> None:
    big = {"username": "x" * (settings.max_message_bytes + 1)}
    response = await client.post("/v1/auth:login", json=big)
    assert response.status_code == 413
    assert response.json()["code"] == grpc.StatusCode.RESOURCE_EXHAUSTED.value[0]


@pytest.mark.parametrize(
    "code", [c for c in grpc.StatusCode if c is not grpc.StatusCode.OK], ids=lambda c: c.name
)
async def test_every_upstream_code_maps_to_its_http_status(
    client: httpx.AsyncClient, code: grpc.StatusCode
) -> None:
    response = await client.get(f"/v1/workspaces/code-{code.name.lower()}")
    assert response.status_code == HTTP_STATUS_BY_GRPC_CODE[code]
    body = response.json()
    assert body["code"] == code.value[0]
    assert body["message"] == f"forced {code.name}"


async def test_rich_error_details_pass_through(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/workspaces/absent")
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == 5
    assert body["message"] == "workspace 'workspaces/absent' not found"
    assert body["details"] == [
        {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "NOT_FOUND",
            "domain": "pursight.io",
        },
        {
            "@type": "type.googleapis.com/google.rpc.ResourceInfo",
            "resourceType": "workspace",
            "resourceName": "workspaces/absent",
        },
    ]


async def test_upstream_bad_request_keeps_field_violations(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/workspaces", json={"description": "no name"})
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "workspace.display_name: required"
    types = [d["@type"].rsplit(".", 1)[1] for d in body["details"]]
    assert types == ["BadRequest", "ErrorInfo"]
    assert body["details"][0]["fieldViolations"] == [
        {"field": "workspace.display_name", "description": "required"}
    ]


async def test_conflicts_map_to_409(client: httpx.AsyncClient) -> None:
    first = await client.post(
        "/v1/workspaces", params={"workspaceId": "dup"}, json={"displayName": "D"}
    )
    assert first.status_code == 200
    again = await client.post(
        "/v1/workspaces", params={"workspaceId": "dup"}, json={"displayName": "D"}
    )
    assert again.status_code == 409
    assert again.json()["code"] == grpc.StatusCode.ALREADY_EXISTS.value[0]
    stale = await client.patch(
        "/v1/workspaces/dup", params={"updateMask": "description"}, json={"etag": "e9"}
    )
    assert stale.status_code == 409
    assert stale.json()["details"][0]["reason"] == "ETAG_MISMATCH"


async def test_plain_error_falls_back_to_code_and_message(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/workspaces/plain-error")
    assert response.status_code == 400
    assert response.json() == {"code": 9, "message": "no details here"}


async def test_contradictory_trailer_is_not_trusted(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/workspaces/lying-trailer")
    assert response.status_code == 404
    assert response.json() == {"code": 5, "message": "the real message"}


async def test_unreachable_upstream_is_503(settings: Any) -> None:
    from gateway import create_app
    from services.runtime.settings import replace

    app = create_app(replace(settings, service_addresses="workspace=127.0.0.1:1"))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gw") as http:
            response = await http.get("/v1/workspaces/w1")
    assert response.status_code == 503
    assert response.json()["code"] == grpc.StatusCode.UNAVAILABLE.value[0]
