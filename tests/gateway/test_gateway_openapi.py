"""The OpenAPI document: valid 3.1, complete, and true to the proto3 JSON mapping."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from openapi_spec_validator import validate

from gateway import descriptors
from gateway.bindings import collect_bindings, iter_methods_with_http

pytestmark = pytest.mark.asyncio(loop_scope="session")

HTTP_VERBS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


@pytest.fixture(scope="module")
def document(app: Any) -> dict[str, Any]:
    doc: dict[str, Any] = app.openapi()
    return doc


def operations(document: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    found: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for path, item in document["paths"].items():
        for verb, operation in item.items():
            found[operation["operationId"]] = (path, verb, operation)
    return found


def schema(document: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = document["components"]["schemas"][name]
    return found


@pytest.mark.slow  # openapi-spec-validator needs ~15 s for a document of this size
async def test_served_document_validates(client: httpx.AsyncClient) -> None:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    served = response.json()
    assert served["openapi"] == "3.1.0"
    validate(served)


async def test_docs_page_points_at_the_document(client: httpx.AsyncClient) -> None:
    response = await client.get("/docs")
    assert response.status_code == 200
    assert "/openapi.json" in response.text
    assert "swagger" in response.text.lower()


async def test_every_http_annotated_rpc_has_an_operation(document: dict[str, Any]) -> None:
    ops = operations(document)
    services = list(descriptors.iter_services())
    annotated = {m.full_name for m in iter_methods_with_http(services)}
    documented = {op["x-pursight-rpc"] for _, _, op in ops.values()}
    assert annotated <= documented
    for binding in collect_bindings():
        assert binding.operation_id in ops, binding.operation_id
    assert ops["CatalogService_SearchAssets"][:2] == (
        "/v1/workspaces/{workspace}/assets:search",
        "get",
    )
    assert ops["CatalogService_SearchAssets_1"][:2] == (
        "/v1/workspaces/{workspace}/assets:search",
        "post",
    )
    assert ops["AuthService_GetJwks_1"][:2] == ("/.well-known/jwks.json", "get")


async def test_path_params_match_the_path(document: dict[str, Any]) -> None:
    path, _, operation = operations(document)["CatalogService_GetAsset"]
    assert path == "/v1/workspaces/{workspace}/assets/{asset}"
    params = {p["name"]: p for p in operation["parameters"] if p["in"] == "path"}
    assert set(params) == {"workspace", "asset"}
    assert params["asset"]["required"] is True
    assert "workspaces/{workspace}/assets/{asset}" in params["asset"]["description"]


async def test_query_params_are_flattened_and_typed(document: dict[str, Any]) -> None:
    _, _, operation = operations(document)["CatalogService_SearchAssets"]
    query = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}
    assert "parent" not in query  # bound by the path
    assert query["tags"]["schema"] == {"type": "array", "items": {"type": "string"}}
    assert query["tags"]["explode"] is True
    assert query["types"]["schema"]["items"] == {
        "$ref": "#/components/schemas/pursight.catalog.v1.AssetType"
    }
    assert query["showDeleted"]["schema"]["type"] == "boolean"
    assert query["pageSize"]["schema"]["format"] == "int32"
    _, _, update = operations(document)["CatalogService_UpdateAsset"]
    update_query = [p["name"] for p in update["parameters"] if p["in"] == "query"]
    assert update_query == ["updateMask"]
    _, _, post = operations(document)["CatalogService_SearchAssets_1"]
    assert [p["in"] for p in post["parameters"]] == ["path"]


async def test_request_bodies(document: dict[str, Any]) -> None:
    ops = operations(document)
    create = ops["WorkspaceService_CreateWorkspace"][2]["requestBody"]
    assert create["required"] is True
    assert create["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/pursight.workspace.v1.Workspace"
    }
    login = ops["AuthService_Login"][2]["requestBody"]
    assert login["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/pursight.auth.v1.LoginRequest"
    }
    assert "requestBody" not in ops["WorkspaceService_GetWorkspace"][2]


async def test_responses_and_errors(document: dict[str, Any]) -> None:
    ops = operations(document)
    get = ops["WorkspaceService_GetWorkspace"][2]["responses"]
    assert get["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "pursight.workspace.v1.Workspace"
    )
    assert get["default"] == {"$ref": "#/components/responses/Error"}
    error = document["components"]["responses"]["Error"]["content"]["application/json"]
    assert error["schema"] == {"$ref": "#/components/schemas/google.rpc.Status"}
    status = schema(document, "google.rpc.Status")["properties"]
    assert status["details"]["items"]["required"] == ["@type"]
    delete = ops["WorkspaceService_DeleteWorkspace"][2]["responses"]["200"]
    assert delete["content"]["application/json"]["schema"] == {
        "type": "object",
        "additionalProperties": False,
    }
    export = ops["CatalogService_ExportAnnotations"][2]["responses"]["200"]
    assert list(export["content"]) == ["*/*"]
    watch = ops["OperationsService_WatchOperation"][2]["responses"]["200"]
    assert set(watch["content"]) == {"application/x-ndjson", "text/event-stream"}


async def test_security_follows_the_access_option(document: dict[str, Any]) -> None:
    ops = operations(document)
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    for public in ("AuthService_Login", "AuthService_GetJwks", "AuthService_GetJwks_1"):
        assert ops[public][2]["security"] == []
    for private in ("WorkspaceService_GetWorkspace", "CatalogService_SearchAssets_1"):
        assert ops[private][2]["security"] == [{"bearerAuth": []}]
        assert "401" in ops[private][2]["responses"]


async def test_schemas_follow_proto3_json(document: dict[str, Any]) -> None:
    asset = schema(document, "pursight.catalog.v1.Asset")
    assert asset["additionalProperties"] is False
    props = asset["properties"]
    assert "displayName" in props
    assert "display_name" not in props
    assert props["createTime"]["format"] == "date-time"
    assert props["createTime"]["readOnly"] is True
    assert props["properties"]["type"] == "object"
    assert props["tags"] == {
        "type": "array",
        "items": {"type": "string"},
        "description": props["tags"]["description"],
    }
    table = schema(document, "pursight.catalog.v1.TableInfo")["properties"]
    assert table["rowCount"]["type"] == "string"
    assert table["rowCount"]["format"] == "int64"
    kinds = schema(document, "pursight.catalog.v1.AssetType")
    assert kinds["type"] == "string"
    assert "ASSET_TYPE_TABLE" in kinds["enum"]
    labels = schema(document, "pursight.workspace.v1.Workspace")["properties"]["labels"]
    assert labels["additionalProperties"] == {"type": "string"}
    update = schema(document, "pursight.workspace.v1.UpdateWorkspaceRequest")["properties"]
    assert update["updateMask"]["type"] == "string"
    operation = schema(document, "pursight.common.v1.Operation")
    assert operation["properties"]["metadata"]["properties"]["@type"] == {"type": "string"}
    assert {"not": {"required": ["error", "response"]}} in operation["allOf"]
    login = schema(document, "pursight.auth.v1.LoginRequest")["properties"]
    assert login["password"]["writeOnly"] is True


async def test_descriptions_come_from_proto_comments(document: dict[str, Any]) -> None:
    get = operations(document)["CatalogService_GetAsset"][2]
    assert get["description"] == "Returns one asset."
    workspace = schema(document, "pursight.workspace.v1.Workspace")
    assert workspace["description"].startswith("A tenant")
    role = schema(document, "pursight.workspace.v1.Member.Role")
    assert "`ROLE_ADMIN`: Manages the workspace" in role["description"]
