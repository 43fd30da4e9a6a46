"""The workspace service: tenants and their members."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pursight.workspace.v1 import workspace_pb2_grpc
from services.runtime.service import Runtime, ServiceSpec


def _make(runtime: Runtime) -> Any:
    from services.workspace.servicer import WorkspaceServicer

    return WorkspaceServicer(runtime)


async def _start(servicer: Any) -> None:
    await servicer.start()


async def _stop(servicer: Any) -> None:
    await servicer.stop()


SERVICE = ServiceSpec(
    name="workspace",
    full_name="pursight.workspace.v1.WorkspaceService",
    make_servicer=_make,
    add_to_server=workspace_pb2_grpc.add_WorkspaceServiceServicer_to_server,
    migrations=Path(__file__).parent / "migrations",
    on_start=_start,
    on_stop=_stop,
)
