"""Path templates and route choice when templates overlap."""

from __future__ import annotations

import grpc
import pytest

from gateway.bindings import collect_bindings
from gateway.errors import GatewayError
from gateway.path_template import TemplateError, parse_template
from gateway.router import Router
from gateway.status_map import HTTP_STATUS_BY_GRPC_CODE, http_status_for

ROUTER = Router(collect_bindings())


def route(method: str, path: str) -> tuple[str, int, dict[str, str]]:
    found = ROUTER.match(method, path)
    return found.binding.method.full_name, found.binding.index, found.variables


def test_status_table_is_pinned() -> None:
    expected = {
        "OK": 200,
        "CANCELLED": 499,
        "UNKNOWN": 500,
        "INVALID_ARGUMENT": 400,
        "DEADLINE_EXCEEDED": 504,
        "NOT_FOUND": 404,
        "ALREADY_EXISTS": 409,
        "PERMISSION_DENIED": 403,
        "UNAUTHENTICATED": 401,
        "RESOURCE_EXHAUSTED": 429,
        "FAILED_PRECONDITION": 400,
        "ABORTED": 409,
        "OUT_OF_RANGE": 400,
        "UNIMPLEMENTED": 501,
        "INTERNAL": 500,
        "UNAVAILABLE": 503,
        "DATA_LOSS": 500,
    }
    assert {code.name: status for code, status in HTTP_STATUS_BY_GRPC_CODE.items()} == expected
    assert {code.name for code in grpc.StatusCode} == set(expected)
    assert http_status_for(grpc.StatusCode.DATA_LOSS) == 500


@pytest.mark.parametrize(
    ("method", "path", "rpc", "variables"),
    [
        ("GET", "/v1/workspaces/w1", "WorkspaceService.GetWorkspace", {"name": "workspaces/w1"}),
        ("GET", "/v1/workspaces", "WorkspaceService.ListWorkspaces", {}),
        (
            "GET",
            "/v1/workspaces/w1/assets",
            "CatalogService.ListAssets",
            {"parent": "workspaces/w1"},
        ),
        (
            "GET",
            "/v1/workspaces/w1/assets/a1",
            "CatalogService.GetAsset",
            {"name": "workspaces/w1/assets/a1"},
        ),
        (
            "GET",
            "/v1/workspaces/w1/assets:search",
            "CatalogService.SearchAssets",
            {"parent": "workspaces/w1"},
        ),
        (
            "GET",
            "/v1/workspaces/w1/assets:lookup",
            "CatalogService.LookupAsset",
            {"parent": "workspaces/w1"},
        ),
        (
            "PATCH",
            "/v1/workspaces/w1/assets/a1",
            "CatalogService.UpdateAsset",
            {"asset.name": "workspaces/w1/assets/a1"},
        ),
        (
            "POST",
            "/v1/workspaces/w1/assets/a1:addClassification",
            "CatalogService.AddClassification",
            {"asset": "workspaces/w1/assets/a1"},
        ),
        ("GET", "/v1/operations/o1", "OperationsService.GetOperation", {"name": "operations/o1"}),
        (
            "GET",
            "/v1/operations/o1:watch",
            "OperationsService.WatchOperation",
            {"name": "operations/o1"},
        ),
        ("POST", "/v1/auth:login", "AuthService.Login", {}),
        ("GET", "/v1/auth:whoami", "AuthService.WhoAmI", {}),
        ("GET", "/v1/users/u1", "AuthService.GetUser", {"name": "users/u1"}),
        ("GET", "/.well-known/jwks.json", "AuthService.GetJwks", {}),
    ],
)
def test_overlapping_templates_pick_the_specific_route(
    method: str, path: str, rpc: str, variables: dict[str, str]
) -> None:
    full_name, _, found = route(method, path)
    assert full_name.endswith(rpc)
    assert found == variables


def test_additional_binding_is_its_own_route() -> None:
    assert route("GET", "/v1/workspaces/w1/assets:search")[1] == 0
    assert route("POST", "/v1/workspaces/w1/assets:search")[1] == 1
    assert route("GET", "/v1/auth/jwks")[1] == 0
    assert route("GET", "/.well-known/jwks.json")[1] == 1


def test_get_on_an_unknown_verb_falls_back_to_the_resource() -> None:
    # No GET template has `:frobnicate`; the bare resource template still matches,
    # with the colon inside the id, as grpc-gateway and ESP do.
    assert route("GET", "/v1/operations/o1:frobnicate")[2] == {"name": "operations/o1:frobnicate"}


def test_no_route_and_wrong_method() -> None:
    with pytest.raises(GatewayError) as missing:
        ROUTER.match("GET", "/v1/workspaces/w1/unknown")
    assert missing.value.http_status == 404
    with pytest.raises(GatewayError) as wrong:
        ROUTER.match("POST", "/v1/workspaces/w1/assets/a1")
    assert wrong.value.http_status == 405
    assert "GET" in wrong.value.headers["Allow"]


def test_every_http_rule_of_the_contracts_can_be_served() -> None:
    problems: list[str] = []
    collect_bindings(problems=problems)
    assert problems == []


def test_every_annotated_method_is_routable() -> None:
    reachable = {(b.method.full_name, b.index) for b in ROUTER.bindings}
    every = {(b.method.full_name, b.index) for b in collect_bindings()}
    assert reachable == every


def test_template_parsing() -> None:
    template = parse_template("/v1/{name=projects/*/files/**}:download")
    assert template.verb == "download"
    assert [s.kind for s in template.segments] == [
        "literal",
        "literal",
        "star",
        "literal",
        "double_star",
    ]
    assert template.match("/v1/projects/p/files/a/b/c:download") == {
        "name": "projects/p/files/a/b/c"
    }
    assert template.match("/v1/projects/p/files:download") is None
    assert template.match("/v1/projects/p/files/a/b/c") is None
    assert template.openapi()[0] == "/v1/projects/{project}/files/{name}:download"


def test_template_plain_variable_and_anonymous_wildcard() -> None:
    template = parse_template("/v1/{id}/x/*")
    assert template.match("/v1/abc/x/zzz") == {"id": "abc"}
    assert template.match("/v1/a/b/x/zzz") is None


def test_specificity_orders_verbs_then_literals() -> None:
    keys = sorted(
        ["/v1/{name=a/*}", "/v1/a/b", "/v1/{name=a/*}:go", "/v1/{name=**}"],
        key=lambda source: parse_template(source).specificity,
    )
    assert keys == ["/v1/{name=a/*}:go", "/v1/a/b", "/v1/{name=a/*}", "/v1/{name=**}"]


def test_openapi_path_names_come_from_collections() -> None:
    assert parse_template("/v1/{name=glossaries/*/terms/*}").openapi()[0] == (
        "/v1/glossaries/{glossary}/terms/{term}"
    )
    path, params = parse_template("/v1/{a=x/*}/{b=x/*}").openapi()
    assert path == "/v1/x/{x}/x/{x2}"
    assert [(p.name, p.field_path) for p in params] == [("x", "a"), ("x2", "b")]


@pytest.mark.parametrize(
    "source",
    [
        "v1/x",
        "/v1/{name",
        "/v1/name}",
        "/v1/{na-me}",
        "/v1/{name=**}/x",
        "/v1/x:a:b",
        "/v1//x",
        "/v1/{a}/{a}",
        "/v1/{a={b}}",
    ],
)
def test_bad_templates_are_refused(source: str) -> None:
    with pytest.raises(TemplateError):
        parse_template(source)


def _sample_path(binding_source: str, fill: str) -> str:
    """A raw path the template matches: each ``*`` one segment, ``**`` two."""
    template = parse_template(binding_source)
    parts = []
    for segment in template.segments:
        if segment.kind == "literal":
            parts.append(segment.literal)
        elif segment.kind == "star":
            parts.append(fill)
        else:
            parts.append(f"{fill}/{fill}-2")
    path = "/" + "/".join(parts)
    return f"{path}:{template.verb}" if template.verb else path


@pytest.mark.parametrize("fill", ["x1", "a%2Fb", "v1"])
def test_candidates_by_depth_choose_what_trying_every_template_chooses(fill: str) -> None:
    """The router narrows the templates by the path's depth; the choice must be the one a
    scan of every template of the method, most specific first, makes."""
    checked = 0
    for binding in ROUTER.bindings:
        path = _sample_path(binding.template.source, fill)
        for method in ("GET", "POST", "PATCH", "DELETE", "PUT"):
            everything = next(
                (
                    b
                    for b in ROUTER._by_method.get(method, ())
                    if b.template.match(path) is not None
                ),
                None,
            )
            found = ROUTER._first_match(method, path)
            assert (found.binding if found else None) is everything, (method, path)
            checked += 1
    assert checked > 500
