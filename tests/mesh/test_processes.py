"""`pursight up --processes`: one process per service, and what happens when one dies.

The catalog's process is killed (SIGKILL) under traffic. Its callers get UNAVAILABLE,
never another code; idempotent calls are retried (counted on a stand-in that answers
UNAVAILABLE on the catalog's port, as a mesh proxy with no endpoint would) and others
are not; the workspace service, which calls the catalog, answers UNAVAILABLE itself; no
data is lost or half-written; and once the catalog is back every call succeeds again.
"""

from __future__ import annotations

import asyncio
import collections
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import grpc
import httpx
import pytest
import pytest_asyncio
from google.protobuf import field_mask_pb2

from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.cli.processes import ProcessMesh
from services.runtime.clients import retry_service_config
from tests.conftest import ADMIN_PASSWORD, make_settings

SERVICES = ["auth", "rbac", "activity", "catalog", "workspace"]
ASSETS = 12
CALL_SECONDS = 3.0
pytestmark = pytest.mark.slow


@dataclass
class Cluster:
    mesh: ProcessMesh
    metadata: tuple[tuple[str, str], ...]
    workspace: str = ""
    assets: list[str] = field(default_factory=list)

    def channel(self, name: str, *, retries: bool = True) -> grpc.aio.Channel:
        """A channel as a PurSight service makes one: the contracts' retry policy."""
        options: list[tuple[str, Any]] = [("grpc.enable_retries", int(retries))]
        if retries:
            options.append(("grpc.service_config", retry_service_config()))
        return grpc.aio.insecure_channel(self.mesh.address(name), options=options)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def cluster(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Cluster]:
    settings = make_settings(tmp_path_factory.mktemp("processes"))
    mesh = ProcessMesh(settings, SERVICES)
    try:
        await mesh.start()
        async with grpc.aio.insecure_channel(mesh.address("auth")) as channel:
            login = await auth_pb2_grpc.AuthServiceStub(channel).Login(
                auth_pb2.LoginRequest(username="admin", password=ADMIN_PASSWORD)
            )
        yield Cluster(mesh, (("authorization", f"Bearer {login.tokens.access_token}"),))
    finally:
        await mesh.stop()


class Outcomes:
    """What the traffic saw, by phase and call kind."""

    def __init__(self) -> None:
        self.codes: dict[str, collections.Counter[str]] = collections.defaultdict(
            collections.Counter
        )
        self.descriptions_sent: list[tuple[str, str]] = []  # (description, code)


async def _traffic(cluster: Cluster, phase: str, seconds: float, out: Outcomes) -> None:
    """GetAsset (idempotent) and UpdateAsset (not) against the catalog, for a while."""
    async with cluster.channel("catalog") as channel:
        stub = catalog_pb2_grpc.CatalogServiceStub(channel)
        deadline = time.monotonic() + seconds
        i = 0
        while time.monotonic() < deadline:
            i += 1
            name = cluster.assets[i % len(cluster.assets)]
            try:
                await stub.GetAsset(
                    catalog_pb2.GetAssetRequest(name=name),
                    metadata=cluster.metadata,
                    timeout=CALL_SECONDS,
                )
                out.codes[f"{phase}/get"]["OK"] += 1
            except grpc.aio.AioRpcError as exc:
                out.codes[f"{phase}/get"][exc.code().name] += 1
            description = f"{phase}-{i}"
            try:
                await stub.UpdateAsset(
                    catalog_pb2.UpdateAssetRequest(
                        asset=resources_pb2.Asset(name=cluster.assets[0], description=description),
                        update_mask=field_mask_pb2.FieldMask(paths=["description"]),
                    ),
                    metadata=cluster.metadata,
                    timeout=CALL_SECONDS,
                )
                code = "OK"
            except grpc.aio.AioRpcError as exc:
                code = exc.code().name
            out.codes[f"{phase}/update"][code] += 1
            out.descriptions_sent.append((description, code))
            await asyncio.sleep(0.02)


class UnavailableStandIn:
    """Answers every call with UNAVAILABLE on a port, counting the attempts per method."""

    def __init__(self) -> None:
        self.attempts: collections.Counter[str] = collections.Counter()
        self.server = grpc.aio.server()

    def handler(self) -> grpc.GenericRpcHandler[Any, Any]:
        attempts = self.attempts

        class Handler(grpc.GenericRpcHandler):  # type: ignore[type-arg]
            def service(self, details: grpc.HandlerCallDetails) -> Any:
                method = details.method

                async def refuse(
                    request: bytes, context: grpc.aio.ServicerContext[Any, Any]
                ) -> bytes:
                    attempts[method.rsplit("/", 1)[1]] += 1
                    await context.abort(grpc.StatusCode.UNAVAILABLE, "no endpoint")
                    return b""

                return grpc.unary_unary_rpc_method_handler(refuse)

        return Handler()

    async def start(self, address: str) -> None:
        self.server.add_generic_rpc_handlers((self.handler(),))
        assert self.server.add_insecure_port(address)
        await self.server.start()

    async def stop(self) -> None:
        await self.server.stop(0)


async def _seed(cluster: Cluster) -> None:
    async with cluster.channel("workspace") as channel:
        created = await workspace_pb2_grpc.WorkspaceServiceStub(channel).CreateWorkspace(
            workspace_pb2.CreateWorkspaceRequest(
                workspace_id=f"kill-{uuid.uuid4().hex[:8]}",
                workspace=workspace_pb2.Workspace(display_name="Kill test"),
            ),
            metadata=cluster.metadata,
        )
    cluster.workspace = created.name
    db = "postgresql://kill-test:5432/shop"
    assets = [
        resources_pb2.Asset(
            qualified_name=db, type=resources_pb2.ASSET_TYPE_DATABASE, display_name="shop"
        )
    ]
    assets += [
        resources_pb2.Asset(
            qualified_name=f"{db}/t{i}",
            type=resources_pb2.ASSET_TYPE_TABLE,
            display_name=f"t{i}",
            parent=db,
        )
        for i in range(ASSETS - 1)
    ]
    async with cluster.channel("catalog") as channel:
        reply = await catalog_pb2_grpc.CatalogServiceStub(channel).BatchUpsertAssets(
            catalog_pb2.BatchUpsertAssetsRequest(parent=created.name, assets=assets, actor="test"),
            metadata=cluster.metadata,
        )
    cluster.assets = [a.name for a in reply.assets]


async def _until_ok(call: Any, seconds: float = 15.0) -> Any:
    """The first success of ``call()`` within ``seconds`` (channels reconnect with backoff)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return await call()
        except grpc.aio.AioRpcError as exc:
            if exc.code() != grpc.StatusCode.UNAVAILABLE or time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.2)


async def test_a_killed_service_is_unavailable_then_back(cluster: Cluster) -> None:
    await _seed(cluster)
    out = Outcomes()
    catalog = cluster.mesh.address("catalog")

    await _traffic(cluster, "before", 1.0, out)
    traffic = asyncio.create_task(_traffic(cluster, "outage", 2.0, out))
    await asyncio.sleep(0.3)
    await cluster.mesh.kill("catalog")
    await traffic

    # Retried where idempotent: a stand-in on the catalog's port counts the attempts.
    stand_in = UnavailableStandIn()
    await stand_in.start(catalog)
    try:
        async with cluster.channel("catalog") as channel:
            stub = catalog_pb2_grpc.CatalogServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError) as get:
                await stub.GetAsset(catalog_pb2.GetAssetRequest(name=cluster.assets[1]), timeout=10)
            with pytest.raises(grpc.aio.AioRpcError) as create:
                await stub.CreateAsset(
                    catalog_pb2.CreateAssetRequest(parent=cluster.workspace), timeout=10
                )
        assert get.value.code() == create.value.code() == grpc.StatusCode.UNAVAILABLE
        assert stand_in.attempts["GetAsset"] == 4  # maxAttempts of the retry policy
        assert stand_in.attempts["CreateAsset"] == 1  # not idempotent: never replayed
        # A caller of the catalog (the workspace asks it before deleting) retries its
        # idempotent ListAssets, then answers UNAVAILABLE itself; nothing is deleted.
        async with cluster.channel("workspace", retries=False) as channel:
            workspaces = workspace_pb2_grpc.WorkspaceServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError) as delete:
                await workspaces.DeleteWorkspace(
                    workspace_pb2.DeleteWorkspaceRequest(name=cluster.workspace),
                    metadata=cluster.metadata,
                    timeout=20,
                )
            assert delete.value.code() == grpc.StatusCode.UNAVAILABLE, delete.value.details()
            assert stand_in.attempts["ListAssets"] == 4
            kept = await workspaces.GetWorkspace(
                workspace_pb2.GetWorkspaceRequest(name=cluster.workspace),
                metadata=cluster.metadata,
            )
            assert kept.name == cluster.workspace
    finally:
        await stand_in.stop()

    await cluster.mesh.restart("catalog")
    await _traffic(cluster, "after", 1.0, out)

    # Callers saw only OK or UNAVAILABLE; before and after the outage, only OK.
    for kind in ("get", "update"):
        assert set(out.codes[f"before/{kind}"]) == {"OK"}, out.codes
        assert set(out.codes[f"outage/{kind}"]) <= {"OK", "UNAVAILABLE"}, out.codes
        assert out.codes[f"outage/{kind}"]["UNAVAILABLE"] > 0, out.codes
    assert out.codes["after/get"]["OK"] > 0
    assert set(out.codes["after/get"]) <= {"OK", "UNAVAILABLE"}
    await _check_nothing_was_corrupted(cluster, out)


async def _check_nothing_was_corrupted(cluster: Cluster, out: Outcomes) -> None:
    async with cluster.channel("catalog") as channel:
        stub = catalog_pb2_grpc.CatalogServiceStub(channel)
        listed = await _until_ok(
            lambda: stub.ListAssets(
                catalog_pb2.ListAssetsRequest(parent=cluster.workspace, page_size=100),
                metadata=cluster.metadata,
            )
        )
        assert sorted(a.name for a in listed.assets) == sorted(cluster.assets)
        updated = await stub.GetAsset(
            catalog_pb2.GetAssetRequest(name=cluster.assets[0]), metadata=cluster.metadata
        )
    # The last acknowledged update, or one sent after it whose answer was lost.
    acknowledged = [i for i, (_, code) in enumerate(out.descriptions_sent) if code == "OK"]
    possible = {d for d, _ in out.descriptions_sent[acknowledged[-1] :]}
    assert updated.description in possible

    # The workspace's own call to the catalog works again, and so does the gateway.
    async with cluster.channel("workspace") as channel:
        workspaces = workspace_pb2_grpc.WorkspaceServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await _until_ok(
                lambda: workspaces.DeleteWorkspace(
                    workspace_pb2.DeleteWorkspaceRequest(name=cluster.workspace),
                    metadata=cluster.metadata,
                )
            )
        assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION  # it holds assets
    gateway = cluster.mesh.children["gateway"].port
    host = cluster.mesh.settings.gateway_host
    async with httpx.AsyncClient(base_url=f"http://{host}:{gateway}") as client:
        response = await client.get(
            f"/v1/{cluster.assets[0]}", headers=dict(cluster.metadata), timeout=10
        )
    assert response.status_code == 200, response.text
    assert response.json()["name"] == cluster.assets[0]
