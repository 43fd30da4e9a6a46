"""`buf curl` against the real platform, knowing the schema only through server reflection.

This is how an operator or a client in another language discovers PurSight: no .proto
files, no generated code, only what the server says about itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import grpc
import pytest
from google.protobuf import descriptor_pool

from tests.conftest import Platform
from tests.contract._tools import BUF, Completed, require_tool_chain, run, tool_environment

# The public surface: one service per package, as proto/CONVENTIONS.md lays out. A new
# service (or a renamed one) must show up here on purpose.
PURSIGHT_SERVICES = frozenset(
    {
        "pursight.auth.v1.AuthService",
        "pursight.rbac.v1.RbacService",
        "pursight.datasource.v1.DataSourceService",
        "pursight.scan.v1.ScanService",
        "pursight.classification.v1.ClassificationService",
        "pursight.catalog.v1.CatalogService",
        "pursight.compliance.v1.ComplianceService",
        "pursight.activity.v1.ActivityService",
        "pursight.orchestration.v1.OrchestrationService",
        "pursight.workspace.v1.WorkspaceService",
        "pursight.workflow.v1.WorkflowService",
        "pursight.pipeline.v1.PipelineOptimizerService",
        "pursight.assistant.v1.AssistantService",
        "pursight.collaboration.v1.CollaborationService",
        "pursight.dashboard.v1.DashboardService",
        "pursight.integration.v1.IntegrationService",
        "pursight.common.v1.OperationsService",
    }
)
# buf curl exits with the gRPC code shifted three bits left when a call fails.
EXIT_CODE_SHIFT = 3


async def buf_curl(platform: Platform, tmp_path: Path, *args: str) -> Completed:
    """`buf curl` over plain-text HTTP/2 to the platform; ``args`` end with the path."""
    require_tool_chain()
    *options, target = args
    return await run(
        BUF,
        "curl",
        "--protocol",
        "grpc",
        "--http2-prior-knowledge",
        *options,
        f"http://{platform.server.address}{target}",
        # Its cache in the test's own directory, not the user's home.
        env=tool_environment(BUF_CACHE_DIR=str(tmp_path / "buf-cache")),
    )


def _succeeded(done: Completed) -> str:
    assert not done.timed_out, done.describe()
    assert done.returncode == 0, done.describe()
    return done.stdout


async def test_reflection_lists_every_service(platform: Platform, tmp_path: Path) -> None:
    listed = set(_succeeded(await buf_curl(platform, tmp_path, "--list-services", "")).split())
    assert {s for s in listed if s.startswith("pursight.")} == PURSIGHT_SERVICES
    assert "grpc.health.v1.Health" in listed
    # The server itself agrees on what it mounted.
    assert {spec.full_name for spec in platform.server.specs} == PURSIGHT_SERVICES


async def test_reflection_serves_every_method(platform: Platform, tmp_path: Path) -> None:
    # Reflection answers for the whole server only: a base URL, no service in the path.
    listed = _succeeded(await buf_curl(platform, tmp_path, "--list-methods", "")).split()
    by_service: dict[str, set[str]] = {}
    for method in listed:
        service, _, name = method.partition("/")
        by_service.setdefault(service, set()).add(name)
    pool = descriptor_pool.Default()
    for service in sorted(PURSIGHT_SERVICES):
        declared = {m.name for m in pool.FindServiceByName(service).methods}
        assert by_service.get(service) == declared, service
    assert {"GetAsset", "BatchUpsertAssets", "SearchAssets", "UpdateAsset"} <= by_service[
        "pursight.catalog.v1.CatalogService"
    ]


@pytest.mark.parametrize("service", ["", "pursight.catalog.v1.CatalogService"])
async def test_health_check_answers_serving(
    platform: Platform, tmp_path: Path, service: str
) -> None:
    request = json.dumps({"service": service})
    output = await buf_curl(platform, tmp_path, "-d", request, "/grpc.health.v1.Health/Check")
    assert json.loads(_succeeded(output)) == {"status": "SERVING"}


async def test_whoami_returns_the_admin_principal(platform: Platform, tmp_path: Path) -> None:
    done = await buf_curl(
        platform,
        tmp_path,
        "-H",
        f"authorization: Bearer {platform.admin_token}",
        "/pursight.auth.v1.AuthService/WhoAmI",
    )
    # Canonical protobuf JSON: lowerCamelCase names, Timestamps as RFC 3339 text.
    reply = json.loads(_succeeded(done))
    assert reply["principal"] == "users/admin"
    assert reply["user"]["name"] == "users/admin"
    assert reply["user"]["platformAdmin"] is True
    assert reply["tokenId"]
    assert reply["tokenExpireTime"].endswith("Z")


async def test_whoami_without_a_token_is_unauthenticated(
    platform: Platform, tmp_path: Path
) -> None:
    done = await buf_curl(platform, tmp_path, "/pursight.auth.v1.AuthService/WhoAmI")
    assert not done.timed_out, done.describe()
    unauthenticated = grpc.StatusCode.UNAUTHENTICATED.value[0]
    assert done.returncode == unauthenticated << EXIT_CODE_SHIFT, done.describe()
    error = json.loads(done.stderr)
    assert error["code"] == "unauthenticated"
    assert error["message"] == "this call needs a bearer token in `authorization`"
