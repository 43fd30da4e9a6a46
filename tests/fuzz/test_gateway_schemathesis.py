"""Bad input through the gateway: schemathesis against /openapi.json on the real platform.

The gateway runs in a real uvicorn on a free port, in front of the session's ``platform``
(every service, embedded PostgreSQL and Redis). Worker processes (``_campaign``) load
the schema the gateway serves and send, for every operation, MAX_EXAMPLES generated
requests, valid and invalid mixed as schemathesis mixes them (derandomized, so CI sees
the same cases every run; no deadline), each authenticated as the bootstrap admin. For
each response:

* no 5xx (a service that is declared but not built yet answers 501 UNIMPLEMENTED by
  design, see services/registry.py; its operations are still fuzzed, since the gateway
  validates every request before it goes upstream);
* every error is a JSON google.rpc.Status with a message, and INVALID_ARGUMENT names
  the field (a BadRequest field violation);
* status code, content type, headers and body conform to the document, and invalid
  input is refused with a 4xx.

Half the cases aim at resources made for the fuzzing (a workspace, an asset, a data
source...), so bodies get past name checks into the services; afterwards a workspace no
case could name is checked unchanged, the seeded resources still readable and the audit
chain still verifying.

``PURSIGHT_FUZZ_EXAMPLES`` (more cases per operation) and ``PURSIGHT_FUZZ_SEED`` (other
cases, still reproducible) make deeper runs by hand.

One test per operation reports that operation's outcome; the fuzzing itself runs once,
in a module fixture, because it needs the platform's event loop to serve while the
workers generate.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
import uvicorn

from gateway import create_app
from gateway.bindings import Binding, collect_bindings
from services.registry import load_spec
from tests.conftest import ADMIN_PASSWORD, Platform
from tests.fuzz._campaign import ACCESS_TOKEN_ENV, MAX_EXAMPLES, REFRESH_TOKEN_ENV

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

REPO = Path(__file__).resolve().parents[2]
WORKERS = 2

# Operations left out, each with its reason. Keep this empty unless an operation cannot
# be fuzzed without harm; streams and side effects are fuzzed like everything else.
EXCLUDED: dict[str, str] = {}

# Operations that end the session calling them (Logout revokes its own access token):
# each of their cases gets a fresh access token from the admin's refresh token.
FRESH_SESSION = frozenset({"AuthService_Logout"})


def _bindings() -> dict[str, Binding]:
    return {b.operation_id: b for b in collect_bindings()}


BINDINGS = _bindings()
FUZZED = sorted(op for op in BINDINGS if op not in EXCLUDED)


def _unbuilt(binding: Binding) -> bool:
    return not load_spec(binding.short_name).implemented


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def gateway_url(platform: Platform) -> AsyncIterator[str]:
    """The gateway in a real uvicorn on a free port, serving from the platform's loop.

    uvicorn binds the port itself: asyncio sets TCP_NODELAY only on sockets it knows to
    be TCP, and a socket handed in as ``socket(AF_INET, SOCK_STREAM)`` (protocol 0) is
    not, so every response would wait out the client's 40 ms delayed ACK.
    """
    app = create_app(platform.settings)
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=0, lifespan="on", log_level="warning", access_log=False
        )
    )
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.02)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


def _plan(base_url: str, operations: list[str], seeded: dict[str, str]) -> dict[str, Any]:
    return {
        "base_url": base_url,
        "seeded": seeded,
        "operations": [
            {
                "id": op,
                "allow_unimplemented": _unbuilt(BINDINGS[op]),
                "fresh_session": op in FRESH_SESSION,
            }
            for op in operations
        ],
    }


async def _run_worker(
    index: int, plan: dict[str, Any], tokens: dict[str, str], scratch: Path
) -> tuple[dict[str, Any], str]:
    plan_path = scratch / f"plan-{index}.json"
    results_path = scratch / f"results-{index}.json"
    plan_path.write_text(json.dumps(plan))
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fuzz._campaign",
        str(plan_path),
        str(results_path),
        cwd=REPO,
        env={**os.environ, **tokens},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    log = f"--- worker {index} (exit {process.returncode}) ---\n" + output.decode(errors="replace")
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    return results, log


def _last(name: str) -> str:
    return name.rsplit("/", 1)[1]


async def _post(http: httpx.AsyncClient, path: str, body: object, **params: str) -> Any:
    reply = await http.post(path, json=body, params=params)
    assert reply.status_code == 200, reply.text
    return reply.json()


async def _seed(http: httpx.AsyncClient, files: Path) -> dict[str, str]:
    """Resources for the fuzzer to aim at, by the path parameter that names them."""
    ws = (await _post(http, "/v1/workspaces", {"displayName": "Fuzz target"}))["name"]
    upsert = await _post(
        http,
        f"/v1/{ws}/assets:batchUpsert",
        {
            "assets": [
                {
                    "qualifiedName": "file:///fuzz",
                    "type": "ASSET_TYPE_FOLDER",
                    "displayName": "fuzz",
                },
                {
                    "qualifiedName": "file:///fuzz/people.csv",
                    "type": "ASSET_TYPE_FILE",
                    "displayName": "people.csv",
                    "parent": "file:///fuzz",
                },
            ]
        },
    )
    glossary = (await _post(http, "/v1/glossaries", {"displayName": "Fuzz glossary"}))["name"]
    term = (await _post(http, f"/v1/{glossary}/terms", {"displayName": "Fuzz term"}))["name"]
    (files / "people.csv").write_text("name,email\nAda,ada@example.com\n")
    source = await _post(
        http,
        f"/v1/{ws}/dataSources",
        {
            "displayName": "Fuzz files",
            "kind": "KIND_LOCAL_FILES",
            "localFiles": {"rootPath": str(files)},
        },
    )
    await _post(http, "/v1/users", {"password": "Correct-Staple-Battery-7"}, userId="fuzz-target")
    await _post(http, "/v1/serviceAccounts", {"displayName": "Fuzz"}, serviceAccountId="fuzz-sa")
    return {
        "workspace": _last(ws),
        "asset": _last(upsert["assets"][1]["name"]),
        "glossary": _last(glossary),
        "term": _last(term),
        "dataSource": _last(source["name"]),
        "user": "fuzz-target",
        "serviceAccount": "fuzz-sa",
    }


async def _untouchable(http: httpx.AsyncClient) -> dict[str, Any]:
    """A workspace no fuzzed request can name (its id is random): it must not change."""
    ws = (await _post(http, "/v1/workspaces", {"displayName": "Bystander"}))["name"]
    await _post(
        http,
        f"/v1/{ws}/assets:batchUpsert",
        {
            "assets": [
                {
                    "qualifiedName": "file:///bystander.csv",
                    "type": "ASSET_TYPE_FILE",
                    "displayName": "bystander.csv",
                }
            ]
        },
    )
    return await _snapshot(http, ws)


async def _snapshot(http: httpx.AsyncClient, workspace: str) -> dict[str, Any]:
    found = {}
    for path in (f"/v1/{workspace}", f"/v1/{workspace}/assets"):
        reply = await http.get(path)
        assert reply.status_code == 200, reply.text
        found[path] = reply.json()
    return found


@dataclass
class Campaign:
    """What the workers found, per operation, and the state around the fuzzing."""

    results: dict[str, dict[str, Any]]
    documented: set[str]
    seconds: float
    logs: str
    bystander: dict[str, Any]
    seeded: dict[str, str]
    inputless: set[str]


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def campaign(
    platform: Platform, gateway_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Campaign:
    # A session of its own: the fuzzing must not revoke the fixture's admin token.
    login = await platform.login("admin", ADMIN_PASSWORD)
    tokens = {
        ACCESS_TOKEN_ENV: login.tokens.access_token,
        REFRESH_TOKEN_ENV: login.tokens.refresh_token,
    }
    headers = {"Authorization": f"Bearer {login.tokens.access_token}"}
    scratch = tmp_path_factory.mktemp("fuzz")
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers, timeout=60) as http:
        document = (await http.get("/openapi.json")).json()
        files = scratch / "files"
        files.mkdir()
        seeded = await _seed(http, files)
        bystander = await _untouchable(http)
    operations = [op for item in document["paths"].values() for op in item.values()]
    documented = {op["operationId"] for op in operations}
    # Nothing to vary: one request is every request these operations can be sent.
    inputless = {
        op["operationId"]
        for op in operations
        if not op.get("parameters") and "requestBody" not in op
    }
    shares = [FUZZED[i::WORKERS] for i in range(WORKERS)]
    started, cpu = time.perf_counter(), time.process_time()
    outcomes = await asyncio.gather(
        *(
            _run_worker(i, _plan(gateway_url, share, seeded), tokens, scratch)
            for i, share in enumerate(shares)
        )
    )
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    results: dict[str, dict[str, Any]] = {}
    for found, _ in outcomes:
        results.update(found)
    logs = "\n".join(log for _, log in outcomes)
    examples = sum(r["examples"] for r in results.values())
    print(
        f"\nfuzzed {len(results)} operations, {examples} cases, in {seconds:.1f} s"
        f" (gateway and services: {cpu:.1f} s CPU)\n{logs}"
    )
    return Campaign(results, documented, seconds, logs, bystander, seeded, inputless)


def test_every_documented_operation_is_fuzzed_or_excluded_with_a_reason(
    campaign: Campaign,
) -> None:
    assert campaign.documented == set(BINDINGS)
    assert set(campaign.results) == set(FUZZED), campaign.logs
    assert all(reason.strip() for reason in EXCLUDED.values())


@pytest.mark.parametrize("operation_id", FUZZED)
def test_operation_refuses_bad_input_cleanly(campaign: Campaign, operation_id: str) -> None:
    result = campaign.results.get(operation_id)
    assert result is not None, f"{operation_id} was not fuzzed\n{campaign.logs}"
    assert result["failure"] is None, result["failure"]
    wanted = 1 if operation_id in campaign.inputless else MAX_EXAMPLES
    assert result["examples"] >= wanted, result


async def test_fuzzing_left_stored_data_intact(
    campaign: Campaign, platform: Platform, gateway_url: str
) -> None:
    """Bad input changed nothing it could not name, and broke nothing it could."""
    login = await platform.login("admin", ADMIN_PASSWORD)
    headers = {"Authorization": f"Bearer {login.tokens.access_token}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers, timeout=60) as http:
        workspace = next(iter(campaign.bystander)).removeprefix("/v1/")
        assert await _snapshot(http, workspace) == campaign.bystander
        ws = f"workspaces/{campaign.seeded['workspace']}"
        for path in (
            f"/v1/{ws}",
            f"/v1/{ws}/assets/{campaign.seeded['asset']}",
            f"/v1/{ws}/dataSources/{campaign.seeded['dataSource']}",
            f"/v1/glossaries/{campaign.seeded['glossary']}/terms/{campaign.seeded['term']}",
            "/v1/users/fuzz-target",
            "/v1/serviceAccounts/fuzz-sa",
        ):
            reply = await http.get(path)
            assert reply.status_code == 200, (path, reply.text)
        chain = await http.post("/v1/events:verifyChain", json={})
        assert chain.status_code == 200, chain.text
        assert chain.json()["ok"] is True, chain.json()
        who = await http.get("/v1/auth:whoami", headers={"Authorization": platform.admin[0][1]})
        assert who.status_code == 200, who.text
