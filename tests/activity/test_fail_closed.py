"""When the audit trail cannot be written, audited calls fail closed (UNAVAILABLE) and
change nothing; refusals keep their own status; reads go on."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import grpc
import pytest

from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.runtime.audit import ActivityAuditor
from services.runtime.clients import Clients
from services.runtime.errors import ServiceError
from services.runtime.interceptors import AuditEvent
from services.runtime.service_identity import ServiceIdentity
from services.runtime.settings import replace
from tests.activity._servers import isolated_server, reason_of
from tests.conftest import Platform


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_audited_calls_fail_closed_without_the_trail(
    platform: Platform, tmp_path: Path
) -> None:
    nowhere = f"activity=127.0.0.1:{_closed_port()}"
    async with isolated_server(
        platform, tmp_path, ["auth", "workspace"], database="platform", service_addresses=nowhere
    ) as server:
        workspaces = workspace_pb2_grpc.WorkspaceServiceStub(server.channel)
        name = f"Unaudited {time.time_ns()}"
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await workspaces.CreateWorkspace(
                workspace_pb2.CreateWorkspaceRequest(
                    workspace=workspace_pb2.Workspace(display_name=name)
                ),
                metadata=server.admin,
            )
        assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
        assert reason_of(caught.value) == "AUDIT_UNAVAILABLE"
        # Refused before it ran: nothing was created.
        assert not await server.pool.fetchval(
            "SELECT count(*) FROM workspace.workspaces WHERE display_name = $1", name
        )
        # A refusal keeps its own status (and goes to the log instead).
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await workspaces.CreateWorkspace(workspace_pb2.CreateWorkspaceRequest(), metadata=())
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
        # Reads are not audited and go on.
        listed = await workspaces.ListWorkspaces(
            workspace_pb2.ListWorkspacesRequest(), metadata=server.admin
        )
        assert listed is not None
        # Sign-in is audited too, so it waits for the trail like any change.
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await auth_pb2_grpc.AuthServiceStub(server.channel).Login(
                auth_pb2.LoginRequest(username="admin", password="whatever-it-is")
            )
        assert caught.value.code() == grpc.StatusCode.UNAVAILABLE


async def test_a_success_that_cannot_be_recorded_is_not_reported_as_one(
    platform: Platform,
) -> None:
    """The trail went away between the readiness check and the write."""
    settings = replace(platform.settings, service_addresses=f"activity=127.0.0.1:{_closed_port()}")
    clients = Clients(settings)
    assert platform.server.runtime is not None
    identity: ServiceIdentity = platform.server.runtime.identity
    auditor = ActivityAuditor(lambda: clients, identity, deadline_seconds=2.0)
    try:

        def event(outcome: str) -> AuditEvent:
            return AuditEvent(
                method="/pursight.workspace.v1.WorkspaceService/CreateWorkspace",
                principal="users/admin",
                outcome=outcome,
                code="OK" if outcome == "SUCCEEDED" else "PERMISSION_DENIED",
                request_id="r",
                peer="ipv4:127.0.0.1:1",
                resource="workspaces/w",
                message="",
                time=time.time(),
            )

        with pytest.raises(ServiceError) as caught:
            await auditor.record(event("SUCCEEDED"))
        assert caught.value.code == grpc.StatusCode.UNAVAILABLE
        assert caught.value.reason == "AUDIT_UNAVAILABLE"
        await auditor.record(event("DENIED"))  # logged, the refusal stands
        await auditor.record(event("FAILED"))
        with pytest.raises(ServiceError):
            await auditor.ready()
    finally:
        await clients.close()
