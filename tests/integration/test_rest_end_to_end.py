"""REST through the gateway into the real services, as the web console calls them."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest_asyncio

from gateway import create_app
from tests.conftest import ADMIN_PASSWORD, Platform


@pytest_asyncio.fixture(loop_scope="session")
async def rest(platform: Platform) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(platform.settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield client


async def _token(rest: httpx.AsyncClient) -> dict[str, str]:
    reply = await rest.post(
        "/v1/auth:login", json={"username": "admin", "password": ADMIN_PASSWORD}
    )
    assert reply.status_code == 200
    return {"Authorization": f"Bearer {reply.json()['tokens']['accessToken']}"}


async def test_login_whoami_and_refusals(rest: httpx.AsyncClient) -> None:
    bad = await rest.post("/v1/auth:login", json={"username": "admin", "password": "nope-nope"})
    assert bad.status_code == 401
    assert bad.json()["details"][0]["reason"] == "BAD_CREDENTIALS"
    headers = await _token(rest)
    who = await rest.get("/v1/auth:whoami", headers=headers)
    assert who.json()["principal"] == "users/admin"
    assert (await rest.get("/v1/auth:whoami")).status_code == 401
    jwks = await rest.get("/.well-known/jwks.json")
    assert jwks.status_code == 200
    assert jwks.json()["keys"][0]["crv"] == "Ed25519"


async def test_workspace_and_catalog_round_trip(rest: httpx.AsyncClient) -> None:
    headers = await _token(rest)
    created = await rest.post(
        "/v1/workspaces", headers=headers, json={"displayName": f"REST {uuid.uuid4().hex[:6]}"}
    )
    assert created.status_code == 200
    ws = created.json()["name"]
    upsert = await rest.post(
        f"/v1/{ws}/assets:batchUpsert",
        headers=headers,
        json={
            "assets": [
                {
                    "qualifiedName": "file:///data",
                    "type": "ASSET_TYPE_FOLDER",
                    "displayName": "data",
                },
                {
                    "qualifiedName": "file:///data/customers.csv",
                    "type": "ASSET_TYPE_FILE",
                    "displayName": "customers.csv",
                    "parent": "file:///data",
                    "classifications": [{"label": "pii.email", "confidence": 0.9}],
                },
            ]
        },
    )
    assert upsert.status_code == 200
    assert upsert.json()["createdCount"] == 2
    file_asset = upsert.json()["assets"][1]
    patched = await rest.patch(
        f"/v1/{file_asset['name']}",
        headers=headers,
        params={"updateMask": "description,tags"},
        json={"description": "Exported customers", "tags": ["export"], "etag": file_asset["etag"]},
    )
    assert patched.status_code == 200
    assert patched.json()["tags"] == ["export"]
    stale = await rest.patch(
        f"/v1/{file_asset['name']}",
        headers=headers,
        params={"updateMask": "description"},
        json={"description": "again", "etag": file_asset["etag"]},
    )
    assert stale.status_code == 409
    found = await rest.get(
        f"/v1/{ws}/assets:search",
        headers=headers,
        params={"query": "custmers", "facets": ["classification"]},
    )
    assert found.status_code == 200
    body = found.json()
    assert body["results"][0]["asset"]["qualifiedName"] == "file:///data/customers.csv"
    assert body["facets"][0]["buckets"] == [{"value": "pii.email", "count": "1"}]
    posted = await rest.post(
        f"/v1/{ws}/assets:search",
        headers=headers,
        json={"query": "customers", "types": ["ASSET_TYPE_FILE"]},
    )
    assert [r["asset"]["name"] for r in posted.json()["results"]] == [file_asset["name"]]


async def test_bad_input_is_a_4xx_naming_the_field(rest: httpx.AsyncClient) -> None:
    headers = await _token(rest)
    unknown = await rest.post(
        "/v1/workspaces", headers=headers, json={"displayName": "x", "colour": "blue"}
    )
    assert unknown.status_code == 400
    assert "colour" in unknown.text
    wrong_type = await rest.post("/v1/workspaces", headers=headers, json={"displayName": 7})
    assert wrong_type.status_code == 400
    empty = await rest.post("/v1/workspaces", headers=headers, json={"displayName": ""})
    assert empty.status_code == 400
    violation = empty.json()["details"][1]["fieldViolations"][0]
    assert violation["field"] == "workspace.display_name"
    missing = await rest.get("/v1/workspaces/does-not-exist", headers=headers)
    assert missing.status_code == 404
    unbuilt = await rest.get("/v1/workspaces/w/workflows", headers=headers)
    assert unbuilt.status_code == 501
    huge_page = await rest.get("/v1/workspaces", headers=headers, params={"pageSize": 100000})
    assert huge_page.status_code == 400
