"""Every service answers health and lists its methods, to a Node.js client and to
`buf curl` (Go), through server reflection alone: no .proto files, no generated code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import descriptor_pool

from services.runtime.server import VERSION
from tests.conftest import Platform
from tests.contract._tools import REPO, require_tool_chain, run
from tests.contract.test_buf_curl import PURSIGHT_SERVICES, buf_curl

CLIENT = REPO / "tests" / "contract" / "node" / "service_client.mjs"


def _declared(service: str) -> list[str]:
    return sorted(m.name for m in descriptor_pool.Default().FindServiceByName(service).methods)


async def test_node_sees_every_service_healthy_with_its_methods(platform: Platform) -> None:
    require_tool_chain()
    done = await run("node", CLIENT, "--address", platform.server.address)
    assert not done.timed_out, done.describe()
    assert done.returncode == 0, done.describe()
    report: dict[str, Any] = json.loads(done.stdout)
    assert "grpc.health.v1.Health" in report["listed"]
    assert set(report["services"]) == PURSIGHT_SERVICES
    for service, seen in report["services"].items():
        assert seen["health"] == "SERVING", service
        assert seen["version"] == VERSION, service
        assert seen["methods"] == _declared(service), service


@pytest.mark.parametrize("service", sorted(PURSIGHT_SERVICES))
async def test_buf_curl_checks_each_service(
    platform: Platform, tmp_path: Path, service: str
) -> None:
    request = json.dumps({"service": service})
    health = await buf_curl(platform, tmp_path, "-d", request, "/grpc.health.v1.Health/Check")
    assert health.returncode == 0, health.describe()
    assert json.loads(health.stdout) == {"status": "SERVING"}
    # Reflection answers for the whole server (a base URL); this service's share of it.
    listed = await buf_curl(platform, tmp_path, "--list-methods", "")
    assert listed.returncode == 0, listed.describe()
    methods = sorted(
        line.split("/", 1)[1] for line in listed.stdout.split() if line.startswith(f"{service}/")
    )
    assert methods == _declared(service)
