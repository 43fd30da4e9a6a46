"""A real grpc.aio server with in-test services, and the gateway pointed at it.

The fakes keep state in dicts and fail the way real services do: rich google.rpc
statuses (BadRequest, ErrorInfo, ResourceInfo) through ``abort_with_status``. Each fake
records what it received (request, metadata, time left before the deadline) so tests
can assert what the gateway sent upstream, not only what it answered.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from typing import Any, NoReturn

import grpc
import httpx
import pytest
import pytest_asyncio
from google.api import httpbody_pb2
from google.protobuf import any_pb2, empty_pb2, message, timestamp_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from gateway import create_app
from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from pursight.common.v1 import operation_pb2, operation_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.runtime.settings import Settings

CLIENT_ADDRESS = ("203.0.113.7", 4711)
CALL_TIMEOUT = 5.0


@dataclasses.dataclass
class Seen:
    """One call a fake received."""

    method: str
    request: message.Message
    metadata: dict[str, str]
    time_remaining: float | None


class Recorder:
    """Every call the fakes received, in order."""

    def __init__(self) -> None:
        self.calls: list[Seen] = []

    def record(self, method: str, request: message.Message, context: Any) -> None:
        metadata = {key: value for key, value in context.invocation_metadata()}
        self.calls.append(Seen(method, request, metadata, context.time_remaining()))

    def last(self, method: str | None = None) -> Seen:
        found = [c for c in self.calls if method is None or c.method == method]
        assert found, f"no call to {method}"
        return found[-1]


def _pack(detail: message.Message) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(detail)
    return packed


async def abort_rich(
    context: Any, code: grpc.StatusCode, text: str, *details: message.Message
) -> NoReturn:
    status = status_pb2.Status(
        code=code.value[0], message=text, details=[_pack(d) for d in details]
    )
    await context.abort_with_status(rpc_status.to_status(status))
    raise AssertionError("abort_with_status returned")


def _now() -> timestamp_pb2.Timestamp:
    stamp = timestamp_pb2.Timestamp()
    stamp.FromJsonString("2025-01-02T03:04:05Z")
    return stamp


class FakeWorkspaces(workspace_pb2_grpc.WorkspaceServiceServicer):
    """WorkspaceService over a dict; names `workspaces/code-<CODE>` fail with CODE."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        self.workspaces: dict[str, workspace_pb2.Workspace] = {}
        self.members: dict[str, workspace_pb2.Member] = {}

    async def _not_found(self, context: Any, name: str) -> NoReturn:
        await abort_rich(
            context,
            grpc.StatusCode.NOT_FOUND,
            f"workspace {name!r} not found",
            error_details_pb2.ErrorInfo(reason="NOT_FOUND", domain="pursight.io"),
            error_details_pb2.ResourceInfo(resource_type="workspace", resource_name=name),
        )

    async def CreateWorkspace(self, request: Any, context: Any) -> workspace_pb2.Workspace:
        self.recorder.record("CreateWorkspace", request, context)
        if not request.workspace.display_name:
            await abort_rich(
                context,
                grpc.StatusCode.INVALID_ARGUMENT,
                "workspace.display_name: required",
                error_details_pb2.BadRequest(
                    field_violations=[
                        error_details_pb2.BadRequest.FieldViolation(
                            field="workspace.display_name", description="required"
                        )
                    ]
                ),
                error_details_pb2.ErrorInfo(reason="INVALID_ARGUMENT", domain="pursight.io"),
            )
        name = f"workspaces/{request.workspace_id or 'generated'}"
        if name in self.workspaces:
            await abort_rich(
                context,
                grpc.StatusCode.ALREADY_EXISTS,
                f"workspace {name!r} already exists",
                error_details_pb2.ResourceInfo(resource_type="workspace", resource_name=name),
            )
        created = workspace_pb2.Workspace()
        created.CopyFrom(request.workspace)
        created.name = name
        created.creator = "users/alice"
        created.create_time.CopyFrom(_now())
        created.update_time.CopyFrom(_now())
        created.etag = "e1"
        created.member_count = 1
        if not request.validate_only:
            self.workspaces[name] = created
        return created

    async def GetWorkspace(self, request: Any, context: Any) -> workspace_pb2.Workspace:
        self.recorder.record("GetWorkspace", request, context)
        ws_id = request.name.removeprefix("workspaces/")
        if ws_id.startswith("code-"):
            code = grpc.StatusCode[ws_id.removeprefix("code-").upper()]
            await context.abort(code, f"forced {code.name}")
        if ws_id == "slow":
            await asyncio.sleep(3)
        if ws_id == "plain-error":
            await context.abort(grpc.StatusCode.FAILED_PRECONDITION, "no details here")
        if ws_id == "lying-trailer":
            lie = status_pb2.Status(code=code_pb2.INTERNAL, message="other")
            context.set_trailing_metadata((("grpc-status-details-bin", lie.SerializeToString()),))
            await context.abort(grpc.StatusCode.NOT_FOUND, "the real message")
        found = self.workspaces.get(request.name)
        if found is None:
            await self._not_found(context, request.name)
        return found

    async def ListWorkspaces(self, request: Any, context: Any) -> Any:
        self.recorder.record("ListWorkspaces", request, context)
        matching = [
            ws
            for ws in sorted(self.workspaces.values(), key=lambda w: w.display_name)
            if request.filter.lower() in ws.display_name.lower()
        ]
        size = request.page_size or 50
        return workspace_pb2.ListWorkspacesResponse(
            workspaces=matching[:size],
            next_page_token="more" if len(matching) > size else "",
            total_size=len(matching),
        )

    async def UpdateWorkspace(self, request: Any, context: Any) -> workspace_pb2.Workspace:
        self.recorder.record("UpdateWorkspace", request, context)
        current = self.workspaces.get(request.workspace.name)
        if current is None:
            await self._not_found(context, request.workspace.name)
        if request.workspace.etag and request.workspace.etag != current.etag:
            await abort_rich(
                context,
                grpc.StatusCode.ABORTED,
                "stale etag",
                error_details_pb2.ErrorInfo(reason="ETAG_MISMATCH", domain="pursight.io"),
            )
        for path in request.update_mask.paths:
            if path == "labels":
                current.labels.clear()
                current.labels.update(request.workspace.labels)
            else:
                setattr(current, path, getattr(request.workspace, path))
        current.etag = f"e{int(current.etag[1:]) + 1}"
        return current

    async def DeleteWorkspace(self, request: Any, context: Any) -> empty_pb2.Empty:
        self.recorder.record("DeleteWorkspace", request, context)
        if self.workspaces.pop(request.name, None) is None:
            await self._not_found(context, request.name)
        return empty_pb2.Empty()

    async def CreateMember(self, request: Any, context: Any) -> workspace_pb2.Member:
        self.recorder.record("CreateMember", request, context)
        created = workspace_pb2.Member()
        created.CopyFrom(request.member)
        created.name = f"{request.parent}/members/{request.member_id or 'm1'}"
        self.members[created.name] = created
        return created

    async def GetMember(self, request: Any, context: Any) -> workspace_pb2.Member:
        self.recorder.record("GetMember", request, context)
        found = self.members.get(request.name)
        if found is None:
            await abort_rich(context, grpc.StatusCode.NOT_FOUND, f"{request.name} not found")
        return found


class FakeCatalog(catalog_pb2_grpc.CatalogServiceServicer):
    """SearchAssets, GetAsset, UpdateAsset, ListAssets, lineage and the CSV export."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder

    async def GetAsset(self, request: Any, context: Any) -> resources_pb2.Asset:
        self.recorder.record("GetAsset", request, context)
        return resources_pb2.Asset(
            name=request.name,
            description="x" * (2 * 1024 * 1024) if request.name.endswith("/huge") else "",
            display_name="customers",
            type=resources_pb2.ASSET_TYPE_TABLE,
            table=resources_pb2.TableInfo(row_count=12345678901234),
            tags=["pii"],
        )

    async def ListAssets(self, request: Any, context: Any) -> Any:
        self.recorder.record("ListAssets", request, context)
        return catalog_pb2.ListAssetsResponse()

    async def UpdateAsset(self, request: Any, context: Any) -> resources_pb2.Asset:
        self.recorder.record("UpdateAsset", request, context)
        return request.asset

    async def SearchAssets(self, request: Any, context: Any) -> Any:
        self.recorder.record("SearchAssets", request, context)
        asset = resources_pb2.Asset(
            name=f"{request.parent}/assets/a1", display_name=request.query or "all"
        )
        return catalog_pb2.SearchAssetsResponse(
            results=[resources_pb2.SearchResult(asset=asset, score=0.5)],
            facets=[
                resources_pb2.Facet(
                    field="tag", buckets=[resources_pb2.FacetBucket(value="pii", count=3)]
                )
            ],
            total_size=1,
        )

    async def GetLineageGraph(self, request: Any, context: Any) -> Any:
        self.recorder.record("GetLineageGraph", request, context)
        return catalog_pb2.GetLineageGraphResponse(truncated=True)

    async def ExportAnnotations(self, request: Any, context: Any) -> AsyncIterator[Any]:
        self.recorder.record("ExportAnnotations", request, context)
        if request.parent == "workspaces/missing":
            await abort_rich(context, grpc.StatusCode.NOT_FOUND, "no such workspace")
        yield httpbody_pb2.HttpBody(content_type="text/csv", data=b"qualified_name,tags\n")
        yield httpbody_pb2.HttpBody(content_type="text/csv", data=b"pg://h/db/t,pii\n")
        if request.parent == "workspaces/broken":
            await abort_rich(context, grpc.StatusCode.DATA_LOSS, "export broke")
        yield httpbody_pb2.HttpBody(content_type="text/csv", data=b"pg://h/db/u,\n")


class FakeOperations(operation_pb2_grpc.OperationsServiceServicer):
    """WatchOperation: three states, or a failure after the first, or none at all."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder

    async def WatchOperation(self, request: Any, context: Any) -> AsyncIterator[Any]:
        self.recorder.record("WatchOperation", request, context)
        if request.name == "operations/missing":
            await abort_rich(context, grpc.StatusCode.NOT_FOUND, "no such operation")
        op = operation_pb2.Operation
        yield op(name=request.name, state=op.STATE_PENDING)
        if request.name == "operations/fails":
            await abort_rich(
                context,
                grpc.StatusCode.FAILED_PRECONDITION,
                "the scan lost its source",
                error_details_pb2.ErrorInfo(reason="SOURCE_GONE", domain="pursight.io"),
            )
        yield op(name=request.name, state=op.STATE_RUNNING, progress=0.5)
        yield op(name=request.name, state=op.STATE_SUCCEEDED, done=True, progress=1.0)


class FakeAuth(auth_pb2_grpc.AuthServiceServicer):
    """GetJwks (public, two bindings) and Login (public, body "*")."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder

    async def GetJwks(self, request: Any, context: Any) -> Any:
        self.recorder.record("GetJwks", request, context)
        return auth_pb2.GetJwksResponse(
            keys=[auth_pb2.JsonWebKey(kty="OKP", kid="k1", crv="Ed25519", x="abc")]
        )

    async def Login(self, request: Any, context: Any) -> Any:
        self.recorder.record("Login", request, context)
        return auth_pb2.LoginResponse(
            tokens=auth_pb2.TokenPair(access_token="t", token_type="Bearer")
        )


@dataclasses.dataclass
class Upstream:
    """The running fake server and its state."""

    port: int
    recorder: Recorder
    workspaces: FakeWorkspaces


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def upstream() -> AsyncIterator[Upstream]:
    recorder = Recorder()
    workspaces = FakeWorkspaces(recorder)
    server = grpc.aio.server()
    workspace_pb2_grpc.add_WorkspaceServiceServicer_to_server(workspaces, server)
    catalog_pb2_grpc.add_CatalogServiceServicer_to_server(FakeCatalog(recorder), server)
    operation_pb2_grpc.add_OperationsServiceServicer_to_server(FakeOperations(recorder), server)
    auth_pb2_grpc.add_AuthServiceServicer_to_server(FakeAuth(recorder), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        yield Upstream(port, recorder, workspaces)
    finally:
        await server.stop(None)


@pytest.fixture(scope="session")
def settings(upstream: Upstream) -> Settings:
    address = f"127.0.0.1:{upstream.port}"
    services = ("workspace", "catalog", "operations", "auth")
    return Settings(
        service_addresses=",".join(f"{name}={address}" for name in services),
        call_timeout_seconds=CALL_TIMEOUT,
        max_message_bytes=1024 * 1024,
    )


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def app(settings: Settings) -> AsyncIterator[Any]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(autouse=True)
def _fresh_state(request: pytest.FixtureRequest) -> None:
    """Every test starts with empty fakes (only when the test uses them)."""
    if "upstream" in request.fixturenames:
        fakes: Upstream = request.getfixturevalue("upstream")
        fakes.recorder.calls.clear()
        fakes.workspaces.workspaces.clear()
        fakes.workspaces.members.clear()


@pytest_asyncio.fixture(loop_scope="session")
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=CLIENT_ADDRESS)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
        yield http


def violations(body: dict[str, Any]) -> list[dict[str, str]]:
    """The BadRequest field violations of a JSON Status body."""
    found: list[dict[str, str]] = []
    for detail in body.get("details", []):
        if detail["@type"] == "type.googleapis.com/google.rpc.BadRequest":
            found.extend(detail["fieldViolations"])
    return found


@pytest.fixture
def field_violations() -> Any:
    return violations
