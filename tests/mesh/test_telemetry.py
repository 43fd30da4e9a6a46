"""What a canary analysis and an operator read: metrics per RPC, one trace across the
gateway and the services, the version on health checks, Azure Monitor only when set up.

A server hosting the services a workspace deletion touches runs here on a port the OS
picks; the workspace service reaches the catalog over gRPC, as across the mesh.
"""

from __future__ import annotations

import io
import logging
import sys
import types
import uuid
from collections.abc import AsyncIterator
from typing import Any

import grpc
import httpx
import pytest
import pytest_asyncio
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from prometheus_client import REGISTRY
from rich.console import Console

from gateway.app import create_app
from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.cli import commands
from services.cli.health import check
from services.cli.processes import free_ports
from services.runtime.metrics import serve_metrics
from services.runtime.server import VERSION, PursightServer
from services.runtime.telemetry import configure_telemetry
from tests.conftest import ADMIN_PASSWORD, make_settings

# What a workspace deletion touches, and what every server's runtime calls.
SERVICES = ["auth", "rbac", "activity", "catalog", "workspace"]


def _exporter() -> InMemorySpanExporter:
    """An in-memory exporter on the process's tracer provider (set once per process)."""
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return exporter


EXPORTER = _exporter()


class Running:
    def __init__(self, server: PursightServer, token: str) -> None:
        self.server = server
        self.token = token

    @property
    def metadata(self) -> tuple[tuple[str, str], ...]:
        return (("authorization", f"Bearer {self.token}"),)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def running(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Running]:
    # Its own data directory, so its embedded stores are its own to stop.
    server = PursightServer(make_settings(tmp_path_factory.mktemp("telemetry")), SERVICES)
    await server.start()
    try:
        async with grpc.aio.insecure_channel(server.address) as channel:
            login = await auth_pb2_grpc.AuthServiceStub(channel).Login(
                auth_pb2.LoginRequest(username="admin", password=ADMIN_PASSWORD)
            )
        yield Running(server, login.tokens.access_token)
    finally:
        await server.stop(0)
        if server.stores is not None:
            server.stores.embedded.stop()


async def _create_workspace(running: Running) -> str:
    async with grpc.aio.insecure_channel(running.server.address) as channel:
        created = await workspace_pb2_grpc.WorkspaceServiceStub(channel).CreateWorkspace(
            workspace_pb2.CreateWorkspaceRequest(
                workspace_id=f"trace-{uuid.uuid4().hex[:8]}",
                workspace=workspace_pb2.Workspace(display_name="Traced"),
            ),
            metadata=running.metadata,
        )
    return created.name


def _chain(span: ReadableSpan, by_id: dict[int, ReadableSpan]) -> list[str]:
    """The names of ``span`` and its ancestors, nearest first."""
    names = []
    current: ReadableSpan | None = span
    while current is not None:
        names.append(current.name)
        parent = current.parent
        current = by_id.get(parent.span_id) if parent is not None else None
    return names


async def test_one_trace_runs_from_the_gateway_through_two_services(running: Running) -> None:
    name = await _create_workspace(running)
    EXPORTER.clear()
    app = create_app(running.server.settings)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://gateway") as client,
    ):
        response = await client.delete(
            f"/v1/{name}", headers={"authorization": f"Bearer {running.token}"}
        )
    assert response.status_code == 200, response.text

    spans = EXPORTER.get_finished_spans()
    delete = [
        s for s in spans if s.name == "/pursight.workspace.v1.WorkspaceService/DeleteWorkspace"
    ]
    server_delete = next(s for s in delete if s.kind == trace.SpanKind.SERVER)
    trace_id = server_delete.context.trace_id
    in_trace = [s for s in spans if s.context.trace_id == trace_id]
    by_id = {s.context.span_id: s for s in in_trace}
    # The workspace service asked the catalog whether the workspace still holds assets.
    list_assets = next(
        s
        for s in in_trace
        if s.name == "/pursight.catalog.v1.CatalogService/ListAssets"
        and s.kind == trace.SpanKind.SERVER
    )
    chain = _chain(list_assets, by_id)
    # catalog server <- workspace's client call <- workspace server <- gateway client call
    # <- the gateway's HTTP server span: one unbroken chain, one trace.
    assert chain[:3] == [
        "/pursight.catalog.v1.CatalogService/ListAssets",
        "/pursight.catalog.v1.CatalogService/ListAssets",
        "/pursight.workspace.v1.WorkspaceService/DeleteWorkspace",
    ]
    assert chain[3] == "pursight.workspace.v1.WorkspaceService/DeleteWorkspace"  # the gateway's
    assert chain[-1].startswith("DELETE ")  # FastAPI's server span for the REST call
    gateway_calls = [
        s
        for s in in_trace
        if s.instrumentation_scope and s.instrumentation_scope.name == "pursight.gateway"
    ]
    assert gateway_calls, "the gateway's client span is not in the trace"
    services = {s.attributes.get("rpc.service") for s in in_trace if s.attributes}
    assert {
        "pursight.workspace.v1.WorkspaceService",
        "pursight.catalog.v1.CatalogService",
    } <= services


def _sample(name: str, labels: dict[str, str]) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_metrics_count_requests_by_method_and_code(running: Running) -> None:
    labels = {
        "grpc_service": "pursight.workspace.v1.WorkspaceService",
        "grpc_method": "GetWorkspace",
        "grpc_type": "unary",
    }
    ok, missing = {**labels, "grpc_code": "OK"}, {**labels, "grpc_code": "NOT_FOUND"}
    before = (
        _sample("grpc_server_handled_total", ok),
        _sample("grpc_server_handled_total", missing),
    )
    latency_before = _sample("grpc_server_handling_seconds_count", labels)
    name = await _create_workspace(running)
    async with grpc.aio.insecure_channel(running.server.address) as channel:
        stub = workspace_pb2_grpc.WorkspaceServiceStub(channel)
        await stub.GetWorkspace(
            workspace_pb2.GetWorkspaceRequest(name=name), metadata=running.metadata
        )
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.GetWorkspace(
                workspace_pb2.GetWorkspaceRequest(name="workspaces/no-such-one"),
                metadata=running.metadata,
            )
    assert refused.value.code() == grpc.StatusCode.NOT_FOUND
    assert _sample("grpc_server_handled_total", ok) == before[0] + 1
    assert _sample("grpc_server_handled_total", missing) == before[1] + 1
    assert _sample("grpc_server_handling_seconds_count", labels) == latency_before + 2
    assert _sample("pursight_build_info", {"version": VERSION}) == 1

    # And a scraper reads the same over HTTP.
    (port,) = free_ports(1, "127.0.0.1")
    assert serve_metrics(port, "127.0.0.1")
    async with httpx.AsyncClient() as client:
        text = (await client.get(f"http://127.0.0.1:{port}/metrics")).text
    assert 'grpc_server_handled_total{grpc_code="NOT_FOUND",grpc_method="GetWorkspace"' in text
    assert "grpc_server_handling_seconds_bucket" in text
    assert serve_metrics(0) is False  # 0 keeps the endpoint off


async def test_gateway_metrics_use_route_templates(running: Running) -> None:
    app = create_app(running.server.settings)
    transport = httpx.ASGITransport(app=app)
    route = {"method": "GET", "route": "/v1/{name=workspaces/*}", "status": "404"}
    before = _sample("http_server_requests_total", route)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
        response = await client.get(
            "/v1/workspaces/not-there", headers={"authorization": f"Bearer {running.token}"}
        )
    assert response.status_code == 404
    assert _sample("http_server_requests_total", route) == before + 1


async def test_health_and_status_answer_with_the_version(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = await check(running.server.address, "pursight.catalog.v1.CatalogService")
    assert (found.state, found.version) == ("SERVING", VERSION)
    out = io.StringIO()
    monkeypatch.setattr(commands, "console", Console(file=out, width=200))
    monkeypatch.setattr(commands, "SERVICE_NAMES", tuple(SERVICES))
    assert await commands.status(running.server.settings, types.SimpleNamespace()) == 0
    rows = [line for line in out.getvalue().splitlines() if "catalog" in line]
    assert rows
    assert VERSION in rows[0]
    assert "SERVING" in rows[0]


def test_azure_monitor_only_with_a_connection_string(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[dict[str, Any]] = []
    fake = types.ModuleType("azure.monitor.opentelemetry")

    def configure_azure_monitor(**kwargs: Any) -> None:
        if not kwargs.get("connection_string"):
            raise ValueError("the real one raises without a connection string")
        calls.append(kwargs)

    fake.configure_azure_monitor = configure_azure_monitor  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "azure.monitor.opentelemetry", fake)
    assert configure_telemetry("pursight-catalog", {}) is False
    assert (
        configure_telemetry("pursight-catalog", {"APPLICATIONINSIGHTS_CONNECTION_STRING": " "})
        is False
    )
    assert calls == []
    connection = "InstrumentationKey=00000000-0000-0000-0000-000000000000"
    environ = {"APPLICATIONINSIGHTS_CONNECTION_STRING": connection}
    assert configure_telemetry("pursight-catalog", environ) is True
    assert calls[0]["connection_string"] == connection
    assert calls[0]["resource"].attributes["service.name"] == "pursight-catalog"

    # Not installed: a warning, never a crash.
    monkeypatch.setitem(sys.modules, "azure.monitor.opentelemetry", None)
    with caplog.at_level(logging.WARNING, logger="services.runtime.telemetry"):
        assert configure_telemetry("pursight-catalog", environ) is False
    assert "not installed" in caplog.text
