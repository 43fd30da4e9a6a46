from __future__ import annotations

import asyncpg
import grpc
import pytest
from google.protobuf import field_mask_pb2
from google.rpc import error_details_pb2

from pursight.workspace.v1 import workspace_pb2
from services.runtime.errors import FieldViolation, ServiceError, invalid_argument, not_found
from services.runtime.interceptors import internal_error
from services.runtime.names import check_id, parse_name, update_paths
from services.runtime.paging import decode_token, encode_token, page_size


def _details(error: ServiceError) -> dict[str, object]:
    found: dict[str, object] = {}
    for item in error.to_status().details:
        for kind in (
            error_details_pb2.BadRequest,
            error_details_pb2.ErrorInfo,
            error_details_pb2.ResourceInfo,
        ):
            if item.Is(kind.DESCRIPTOR):
                message = kind()
                item.Unpack(message)
                found[kind.DESCRIPTOR.name] = message
    return found


def test_invalid_argument_carries_every_field_violation() -> None:
    error = invalid_argument(FieldViolation("a.b", "is required"), FieldViolation("c", "too long"))
    status = error.to_status()
    assert status.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    bad = _details(error)["BadRequest"]
    assert isinstance(bad, error_details_pb2.BadRequest)
    assert [(v.field, v.description) for v in bad.field_violations] == [
        ("a.b", "is required"),
        ("c", "too long"),
    ]


def test_not_found_names_the_resource() -> None:
    details = _details(not_found("Asset", "workspaces/w/assets/a"))
    info = details["ResourceInfo"]
    assert isinstance(info, error_details_pb2.ResourceInfo)
    assert info.resource_name == "workspaces/w/assets/a"
    reason = details["ErrorInfo"]
    assert isinstance(reason, error_details_pb2.ErrorInfo)
    assert reason.reason == "NOT_FOUND"
    assert reason.domain == "pursight.io"


@pytest.mark.parametrize(("requested", "expected"), [(0, 50), (10, 10), (1000, 1000)])
def test_page_size(requested: int, expected: int) -> None:
    assert page_size(requested) == expected


@pytest.mark.parametrize("requested", [-1, 1001, 2**31 - 1])
def test_page_size_out_of_range_is_invalid(requested: int) -> None:
    with pytest.raises(ServiceError) as caught:
        page_size(requested)
    assert caught.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert caught.value.violations[0].field == "page_size"


def test_page_token_round_trip_and_binding_to_filters() -> None:
    token = encode_token(["b", "2"], {"filter": "x"})
    assert decode_token(token, {"filter": "x"}) == ["b", "2"]
    with pytest.raises(ServiceError, match="other filters"):
        decode_token(token, {"filter": "y"})
    with pytest.raises(ServiceError, match="not a token"):
        decode_token("%%%not-base64", {"filter": "x"})


def test_parse_name() -> None:
    assert parse_name("workspaces/w1/assets/a-2", "workspaces/{workspace}/assets/{asset}") == {
        "workspace": "w1",
        "asset": "a-2",
    }
    for bad in (
        "workspaces/w1",
        "workspaces/W1/assets/a",
        "workspaces/w1/assets/a/extra",
        "workspaces/../assets/a",
        "workspaces/w1/assets/' OR 1=1 --",
    ):
        with pytest.raises(ServiceError):
            parse_name(bad, "workspaces/{workspace}/assets/{asset}")


def test_check_id() -> None:
    assert check_id("shop-1", "id") == "shop-1"
    for bad in ("-shop", "Shop", "a" * 64, "", "a_b"):
        with pytest.raises(ServiceError):
            check_id(bad, "id")


def test_update_paths_from_mask_or_from_set_fields() -> None:
    ws = workspace_pb2.Workspace(display_name="x", description="y")
    allowed = {"display_name", "description", "labels"}
    assert update_paths(field_mask_pb2.FieldMask(paths=["description"]), ws, allowed) == [
        "description"
    ]
    assert sorted(update_paths(field_mask_pb2.FieldMask(), ws, allowed)) == [
        "description",
        "display_name",
    ]
    with pytest.raises(ServiceError, match="cannot update creator"):
        update_paths(field_mask_pb2.FieldMask(paths=["creator"]), ws, allowed)


@pytest.mark.parametrize(
    "exc",
    [
        asyncpg.DeadlockDetectedError("deadlock detected"),
        asyncpg.SerializationError("could not serialize access"),
    ],
)
def test_transactions_aborted_by_concurrency_are_retryable(exc: Exception) -> None:
    error = internal_error("/pursight.catalog.v1.CatalogService/BatchUpsertAssets", exc)
    assert error.code == grpc.StatusCode.ABORTED
    assert error.reason == "CONCURRENT_UPDATE"


def test_unexpected_errors_are_internal_without_details() -> None:
    error = internal_error("/x.Y/Z", RuntimeError("secret connection string postgres://u:pw@h"))
    assert error.code == grpc.StatusCode.INTERNAL
    assert "pw@" not in error.message
    assert error.metadata["incident"] in error.message
