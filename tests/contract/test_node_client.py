"""A Node.js client (@grpc/grpc-js, @grpc/proto-loader) against the real platform.

`node/catalog_client.mjs` runs once per module; each test checks one part of what it
reports, and the Python stubs confirm that what Node wrote is what the server stored.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import Any

import grpc
import pytest
import pytest_asyncio

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from tests.conftest import Platform
from tests.contract._tools import REPO, missing_tool_chain, run, tool_environment

CLIENT = REPO / "tests" / "contract" / "node" / "catalog_client.mjs"
Report = dict[str, Any]


@dataclass(frozen=True)
class NodeRun:
    """What the client printed, or why there is nothing to check."""

    report: Report | None
    problem: str | None

    def result(self) -> Report:
        """The client's report; fails the test (never skips) when there is none."""
        if self.problem is not None or self.report is None:
            pytest.fail(self.problem or "the Node.js client printed nothing")
        return self.report


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def node_run(platform: Platform) -> NodeRun:
    problem = missing_tool_chain()
    if problem is not None:
        return NodeRun(None, problem)
    # The token travels in the environment, not argv, as the client recommends.
    done = await run(
        "node",
        CLIENT,
        "--address",
        platform.server.address,
        env=tool_environment(PURSIGHT_TOKEN=platform.admin_token),
    )
    if done.timed_out or done.returncode != 0:
        return NodeRun(None, f"the Node.js client failed: {done.describe()}")
    try:
        report: Report = json.loads(done.stdout)
        return NodeRun(report, None)
    except json.JSONDecodeError as exc:
        return NodeRun(None, f"the Node.js client printed no JSON ({exc}): {done.describe()}")


def _qualified(report: Report, suffix: str) -> str:
    return f"{report['prefix']}/shop{suffix}"


def _assets_by_qualified_name(report: Report) -> dict[str, Report]:
    return {a["qualified_name"]: a for a in report["upsert"]["assets"]}


def _details(status: Report, type_name: str) -> Report:
    found = [d for d in status["details"] if d["type"] == type_name]
    assert len(found) == 1, f"expected one {type_name} in {status['details']}"
    return found[0]


async def test_whoami_names_the_admin(node_run: NodeRun) -> None:
    whoami = node_run.result()["whoami"]
    assert whoami["principal"] == "users/admin"
    assert whoami["user_name"] == "users/admin"
    assert whoami["platform_admin"] is True
    assert re.fullmatch(r"[0-9a-f]{32}", whoami["token_id"])
    # int64 arrives as a decimal string (longs: String); the token is still valid.
    assert int(whoami["token_expire_seconds"]) > time.time()


async def test_workspace_created_from_node(node_run: NodeRun, platform: Platform) -> None:
    workspace = node_run.result()["workspace"]
    assert re.fullmatch(r"workspaces/[a-z0-9-]+", workspace["name"])
    assert workspace["display_name"].startswith("Node contract ")
    assert workspace["creator"] == "users/admin"
    assert workspace["labels"] == {"client": "node"}

    stored = await workspace_pb2_grpc.WorkspaceServiceStub(platform.channel).GetWorkspace(
        workspace_pb2.GetWorkspaceRequest(name=workspace["name"]), metadata=platform.admin
    )
    assert stored.display_name == workspace["display_name"]
    assert dict(stored.labels) == {"client": "node"}


async def test_batch_upsert_builds_the_hierarchy(node_run: NodeRun) -> None:
    report = node_run.result()
    upsert = report["upsert"]
    counts = (upsert["created_count"], upsert["updated_count"], upsert["unchanged_count"])
    assert counts == (5, 0, 0)
    assets = _assets_by_qualified_name(report)
    levels = [
        (_qualified(report, ""), "ASSET_TYPE_DATABASE", "shop"),
        (_qualified(report, "/public"), "ASSET_TYPE_SCHEMA", "public"),
        (_qualified(report, "/public/customers"), "ASSET_TYPE_TABLE", "customers"),
    ]
    # Returned in request order, parents first, each parent given by qualified name and
    # stored as the parent's resource name.
    assert [a["qualified_name"] for a in upsert["assets"]] == [
        *(qn for qn, _, _ in levels),
        _qualified(report, "/public/customers#id"),
        _qualified(report, "/public/customers#email"),
    ]
    parent = ""
    for qualified_name, asset_type, display_name in levels:
        asset = assets[qualified_name]
        assert asset["name"].startswith(f"{report['workspace']['name']}/assets/")
        assert (asset["type"], asset["display_name"], asset["parent"]) == (
            asset_type,
            display_name,
            parent,
        )
        parent = asset["name"]
    table = assets[_qualified(report, "/public/customers")]
    assert table["table"]["row_count"] == "1200"
    assert table["table"]["column_count"] == 2
    for column, position in (("id", 1), ("email", 2)):
        asset = assets[_qualified(report, f"/public/customers#{column}")]
        assert asset["type"] == "ASSET_TYPE_COLUMN"
        assert asset["parent"] == table["name"]
        assert asset["column"]["ordinal_position"] == position
    email = assets[_qualified(report, "/public/customers#email")]
    assert email["classifications"] == [
        {"label": "pii.email", "confidence": 0.97, "origin": "ORIGIN_SCAN"}
    ]
    assert assets[_qualified(report, "/public/customers#id")]["classifications"] == []


async def test_get_asset_returns_what_was_written(node_run: NodeRun, platform: Platform) -> None:
    report = node_run.result()
    email = _assets_by_qualified_name(report)[_qualified(report, "/public/customers#email")]
    assert report["get"] == email
    assert report["get"]["column"]["data_type"] == "character varying(255)"

    stub = catalog_pb2_grpc.CatalogServiceStub(platform.channel)
    stored = await stub.LookupAsset(
        catalog_pb2.LookupAssetRequest(
            parent=report["workspace"]["name"], qualified_name=email["qualified_name"]
        ),
        metadata=platform.admin,
    )
    assert stored.name == email["name"]
    assert [(c.label, c.origin) for c in stored.classifications] == [
        ("pii.email", resources_pb2.ORIGIN_SCAN)
    ]
    assert stored.classifications[0].confidence == pytest.approx(0.97)
    children = await stub.ListAssets(
        catalog_pb2.ListAssetsRequest(
            parent=report["workspace"]["name"], asset_parent=email["parent"]
        ),
        metadata=platform.admin,
    )
    assert [a.display_name for a in children.assets] == ["email", "id"]


async def test_search_ranks_and_counts_facets(node_run: NodeRun) -> None:
    report = node_run.result()
    search = report["search"]
    assert int(search["total_size"]) == 3
    # The table's own name matches "customers"; its columns only through their
    # qualified names, which weigh less.
    assert search["results"][0]["qualified_name"] == _qualified(report, "/public/customers")
    assert {r["qualified_name"] for r in search["results"]} == {
        _qualified(report, "/public/customers"),
        _qualified(report, "/public/customers#id"),
        _qualified(report, "/public/customers#email"),
    }
    scores = [r["score"] for r in search["results"]]
    assert scores == sorted(scores, reverse=True)
    assert search["facets"] == {
        "type": {"ASSET_TYPE_TABLE": 1, "ASSET_TYPE_COLUMN": 2},
        "classification": {"pii.email": 1},
    }


async def test_update_honours_the_field_mask(node_run: NodeRun, platform: Platform) -> None:
    report = node_run.result()
    update = report["update"]
    updated = update["asset"]
    table = _assets_by_qualified_name(report)[_qualified(report, "/public/customers")]
    assert update["etag_before"] == table["etag"]
    assert updated["name"] == table["name"]
    assert updated["description"] == "Customers of the web shop, one row per account."
    assert updated["owners"] == ["users/admin"]
    assert updated["tags"] == ["crm", "gold"]
    # display_name was sent but is not in the mask.
    assert updated["display_name"] == "customers"
    assert updated["etag"] not in ("", update["etag_before"])

    stub = catalog_pb2_grpc.CatalogServiceStub(platform.channel)
    stored = await stub.GetAsset(
        catalog_pb2.GetAssetRequest(name=table["name"]), metadata=platform.admin
    )
    assert stored.description == updated["description"]
    assert list(stored.tags) == ["crm", "gold"]
    assert stored.display_name == "customers"
    assert stored.etag == updated["etag"]
    history = await stub.ListAssetChanges(
        catalog_pb2.ListAssetChangesRequest(asset=table["name"]), metadata=platform.admin
    )
    latest = history.changes[0]
    assert latest.kind == resources_pb2.AssetChange.KIND_UPDATED
    assert latest.actor == "users/admin"
    assert sorted(latest.changed_fields) == sorted(update["update_mask"])


async def test_stale_etag_is_aborted_with_details(node_run: NodeRun) -> None:
    report = node_run.result()
    stale = report["stale_etag"]
    table = _assets_by_qualified_name(report)[_qualified(report, "/public/customers")]
    assert stale["code"] == grpc.StatusCode.ABORTED.value[0]
    assert stale["status"]["code"] == stale["code"]
    assert _details(stale["status"], "google.rpc.ErrorInfo")["reason"] == "ETAG_MISMATCH"
    resource = _details(stale["status"], "google.rpc.ResourceInfo")
    assert (resource["resource_type"], resource["resource_name"]) == ("Asset", table["name"])


async def test_missing_token_is_unauthenticated(node_run: NodeRun) -> None:
    refusal = node_run.result()["unauthenticated"]
    assert refusal["code"] == grpc.StatusCode.UNAUTHENTICATED.value[0] == 16
    assert refusal["status"]["code"] == 16
    info = _details(refusal["status"], "google.rpc.ErrorInfo")
    assert (info["reason"], info["domain"]) == ("MISSING_TOKEN", "pursight.io")


async def test_bad_request_carries_field_violations(node_run: NodeRun, platform: Platform) -> None:
    report = node_run.result()
    refusal = report["invalid_argument"]
    assert refusal["code"] == grpc.StatusCode.INVALID_ARGUMENT.value[0] == 3
    status = refusal["status"]
    assert (status["code"], status["message"]) == (3, refusal["message"])
    assert _details(status, "google.rpc.ErrorInfo")["reason"] == "INVALID_ARGUMENT"
    violations = _details(status, "google.rpc.BadRequest")["field_violations"]
    assert [(v["field"], v["description"]) for v in violations] == [
        ("assets[0].type", "is required"),
        ("assets[0].display_name", "must be 1-512 characters"),
        ("assets[0].classifications[0].label", "must be a lower-case label like pii.email"),
        ("assets[0].classifications[0].confidence", "must be between 0 and 1"),
    ]

    # Refused as a whole: nothing of the bad batch was stored.
    stub = catalog_pb2_grpc.CatalogServiceStub(platform.channel)
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await stub.LookupAsset(
            catalog_pb2.LookupAssetRequest(
                parent=report["workspace"]["name"], qualified_name=refusal["qualified_name"]
            ),
            metadata=platform.admin,
        )
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
