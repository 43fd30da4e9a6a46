"""The NUL check every request passes (services.runtime.text_input).

A NUL in any stored or queried string used to fail in PostgreSQL as INTERNAL (found by
the gateway fuzz, tests/fuzz); the check names the field instead, and leaves alone the
free text services read but never store (sampled values, the search query).
"""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import struct_pb2

from pursight.auth.v1 import auth_pb2
from pursight.catalog.v1 import catalog_pb2
from pursight.classification.v1 import classification_pb2
from pursight.workspace.v1 import workspace_pb2
from services.runtime.errors import ServiceError
from services.runtime.text_input import check_text, first_nul_field


@pytest.mark.parametrize(
    ("request_message", "field"),
    [
        (auth_pb2.ListUsersRequest(filter="ad\x00min"), "filter"),
        (
            workspace_pb2.CreateWorkspaceRequest(
                workspace=workspace_pb2.Workspace(display_name="ok", labels={"team": "a\x00"})
            ),
            "workspace.labels[team]",
        ),
        (
            workspace_pb2.CreateWorkspaceRequest(
                workspace=workspace_pb2.Workspace(display_name="ok", labels={"t\x00": "a"})
            ),
            "workspace.labels[t\x00]",
        ),
        (
            classification_pb2.ClassifyColumnsRequest(
                parent="workspaces/w", rule_set="rule\x00Sets/x"
            ),
            "rule_set",
        ),
    ],
)
def test_the_first_nul_is_named(request_message: object, field: str) -> None:
    assert first_nul_field(request_message) == field  # type: ignore[arg-type]
    with pytest.raises(ServiceError) as caught:
        check_text(request_message)  # type: ignore[arg-type]
    assert caught.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert [v.field for v in caught.value.violations] == [field]


def test_struct_values_are_walked() -> None:
    value = struct_pb2.Struct()
    value.update({"outer": {"inner": ["x", "y\x00"]}})
    assert (
        first_nul_field(value)
        == "fields[outer].struct_value.fields[inner].list_value.values[1].string_value"
    )


def test_free_text_may_hold_nul_and_clean_requests_pass() -> None:
    sample = classification_pb2.ColumnSample(key="k", column_name="c\x00", values=["\x00\x01"])
    check_text(classification_pb2.ClassifyColumnsRequest(parent="workspaces/w", columns=[sample]))
    check_text(classification_pb2.ClassifyTextRequest(texts=["binary\x00blob"]))
    check_text(catalog_pb2.SearchAssetsRequest(parent="workspaces/w", query="\x00"))
    check_text(auth_pb2.ListUsersRequest(filter="admin", page_size=3))
