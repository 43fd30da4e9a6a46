"""REST -> gRPC -> REST through the gateway against real grpc.aio fakes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from pursight.catalog.v1 import resources_pb2
from pursight.workspace.v1 import workspace_pb2

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_create_get_update_delete_workspace(client: httpx.AsyncClient, upstream: Any) -> None:
    created = await client.post(
        "/v1/workspaces",
        params={"workspaceId": "finance", "request_id": "r-1"},
        json={"displayName": "Finance", "labels": {"domain": "fin"}},
    )
    assert created.status_code == 200, created.text
    body = created.json()
    assert body["name"] == "workspaces/finance"
    assert body["displayName"] == "Finance"
    assert body["createTime"] == "2025-01-02T03:04:05Z"
    assert body["memberCount"] == 1
    seen = upstream.recorder.last("CreateWorkspace").request
    assert seen.workspace_id == "finance"
    assert seen.request_id == "r-1"
    assert dict(seen.workspace.labels) == {"domain": "fin"}

    got = await client.get("/v1/workspaces/finance")
    assert got.status_code == 200
    assert got.json()["labels"] == {"domain": "fin"}
    assert upstream.recorder.last("GetWorkspace").request.name == "workspaces/finance"

    updated = await client.patch(
        "/v1/workspaces/finance",
        params={"update_mask": "display_name,description"},
        json={"display_name": "Finance & Risk", "description": "money"},
    )
    assert updated.status_code == 200, updated.text
    request = upstream.recorder.last("UpdateWorkspace").request
    assert request.workspace.name == "workspaces/finance"  # from the path: asset.name style
    assert list(request.update_mask.paths) == ["display_name", "description"]
    assert updated.json()["displayName"] == "Finance & Risk"
    assert updated.json()["etag"] == "e2"

    deleted = await client.delete("/v1/workspaces/finance")
    assert deleted.status_code == 200
    assert deleted.json() == {}
    assert deleted.headers["content-type"] == "application/json"
    gone = await client.get("/v1/workspaces/finance")
    assert gone.status_code == 404


async def test_field_mask_query_accepts_camel_case(
    client: httpx.AsyncClient, upstream: Any
) -> None:
    await client.post("/v1/workspaces", params={"workspaceId": "w"}, json={"displayName": "W"})
    response = await client.patch(
        "/v1/workspaces/w", params={"updateMask": "displayName"}, json={"displayName": "V"}
    )
    assert response.status_code == 200, response.text
    assert list(upstream.recorder.last("UpdateWorkspace").request.update_mask.paths) == [
        "display_name"
    ]


async def test_nested_path_variable_with_body_field_and_mask_query(
    client: httpx.AsyncClient, upstream: Any
) -> None:
    # PATCH /v1/{asset.name=workspaces/*/assets/*} with body "asset": the name goes into
    # the body's message, the mask comes from the query in either naming.
    response = await client.patch(
        "/v1/workspaces/w1/assets/a1",
        params={"update_mask": "description,retentionDays"},
        json={"description": "d", "retentionDays": 30, "table": {"rowCount": "42"}},
    )
    assert response.status_code == 200, response.text
    request = upstream.recorder.last("UpdateAsset").request
    assert request.asset.name == "workspaces/w1/assets/a1"
    assert list(request.update_mask.paths) == ["description", "retention_days"]
    assert request.asset.table.row_count == 42
    assert response.json()["table"] == {"rowCount": "42"}  # int64 is a JSON string


async def test_nested_resource_name_and_int64_output(
    client: httpx.AsyncClient, upstream: Any
) -> None:
    response = await client.get("/v1/workspaces/w1/assets/a%201")
    assert response.status_code == 200
    assert upstream.recorder.last("GetAsset").request.name == "workspaces/w1/assets/a 1"
    body = response.json()
    assert body["type"] == "ASSET_TYPE_TABLE"
    assert body["table"]["rowCount"] == "12345678901234"


async def test_search_get_binding_maps_repeated_enum_and_bool_query(
    client: httpx.AsyncClient, upstream: Any
) -> None:
    response = await client.get(
        "/v1/workspaces/w1/assets:search",
        params=[
            ("query", "email"),
            ("tags", "pii"),
            ("tags", "gdpr"),
            ("types", "ASSET_TYPE_TABLE"),
            ("types", "6"),
            ("show_deleted", "true"),
            ("pageSize", "25"),
        ],
    )
    assert response.status_code == 200, response.text
    request = upstream.recorder.last("SearchAssets").request
    assert request.parent == "workspaces/w1"
    assert request.query == "email"
    assert list(request.tags) == ["pii", "gdpr"]
    assert list(request.types) == [resources_pb2.ASSET_TYPE_TABLE, resources_pb2.ASSET_TYPE_COLUMN]
    assert request.show_deleted is True
    assert request.page_size == 25
    body = response.json()
    assert body["results"][0]["asset"]["name"] == "workspaces/w1/assets/a1"
    assert body["facets"][0]["buckets"][0] == {"value": "pii", "count": "3"}
    assert body["totalSize"] == "1"


async def test_search_post_binding_takes_body(client: httpx.AsyncClient, upstream: Any) -> None:
    response = await client.post(
        "/v1/workspaces/w2/assets:search",
        json={"query": "card", "types": ["ASSET_TYPE_COLUMN"], "parent": "workspaces/other"},
    )
    assert response.status_code == 200, response.text
    request = upstream.recorder.last("SearchAssets").request
    assert request.parent == "workspaces/w2"  # the path wins over the body
    assert request.query == "card"
    assert list(request.types) == [resources_pb2.ASSET_TYPE_COLUMN]


async def test_custom_verb_does_not_fall_into_resource_route(
    client: httpx.AsyncClient, upstream: Any
) -> None:
    # `/v1/{name=workspaces/*}` would also match `workspaces/w1/assets:search` if the
    # router did not prefer the more specific template.
    response = await client.get("/v1/workspaces/w1/assets:search")
    assert response.status_code == 200
    assert upstream.recorder.last().method == "SearchAssets"


async def test_query_enum_by_name_int_and_bool(client: httpx.AsyncClient, upstream: Any) -> None:
    response = await client.get(
        "/v1/workspaces/w1/assets/a1:lineage",
        params={"direction": "LINEAGE_DIRECTION_UPSTREAM", "depth": "4", "columnLevel": "1"},
    )
    assert response.status_code == 200, response.text
    request = upstream.recorder.last("GetLineageGraph").request
    assert request.asset == "workspaces/w1/assets/a1"
    assert request.direction == 1
    assert request.depth == 4
    assert request.column_level is True
    assert response.json() == {"truncated": True}


async def test_body_field_binding(client: httpx.AsyncClient, upstream: Any) -> None:
    response = await client.post(
        "/v1/workspaces/w1/members",
        params={"memberId": "alice"},
        json={"principal": "users/alice", "role": "ROLE_DATA_STEWARD"},
    )
    assert response.status_code == 200, response.text
    request = upstream.recorder.last("CreateMember").request
    assert request.parent == "workspaces/w1"
    assert request.member_id == "alice"
    assert request.member.role == workspace_pb2.Member.ROLE_DATA_STEWARD
    assert response.json()["name"] == "workspaces/w1/members/alice"
    assert response.json()["role"] == "ROLE_DATA_STEWARD"


async def test_additional_binding_well_known_jwks(client: httpx.AsyncClient) -> None:
    primary = await client.get("/v1/auth/jwks")
    well_known = await client.get("/.well-known/jwks.json")
    assert primary.status_code == well_known.status_code == 200
    assert well_known.json() == primary.json()
    assert well_known.json()["keys"][0]["kid"] == "k1"


async def test_login_body_star(client: httpx.AsyncClient, upstream: Any) -> None:
    response = await client.post("/v1/auth:login", json={"username": "a", "password": "p"})
    assert response.status_code == 200, response.text
    assert upstream.recorder.last("Login").request.username == "a"
    assert response.json()["tokens"]["tokenType"] == "Bearer"


async def test_empty_body_for_body_star_is_an_empty_message(
    client: httpx.AsyncClient, upstream: Any
) -> None:
    response = await client.post("/v1/auth:login")
    assert response.status_code == 200
    assert upstream.recorder.last("Login").request.username == ""


async def test_list_with_query_and_defaults_omitted(
    client: httpx.AsyncClient, upstream: Any
) -> None:
    for ws_id, name in (("a", "Alpha"), ("b", "Beta"), ("c", "Alphabet")):
        await client.post(
            "/v1/workspaces", params={"workspaceId": ws_id}, json={"displayName": name}
        )
    response = await client.get("/v1/workspaces", params={"filter": "alpha", "pageSize": "1"})
    assert response.status_code == 200
    body = response.json()
    assert [w["displayName"] for w in body["workspaces"]] == ["Alpha"]
    assert body["nextPageToken"] == "more"
    assert body["totalSize"] == 2


async def test_healthz(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "SERVING"}
