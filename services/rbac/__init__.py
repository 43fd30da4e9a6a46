"""The rbac service: roles, role bindings at scopes, and permission checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pursight.rbac.v1 import rbac_pb2_grpc
from services.runtime.service import Runtime, ServiceSpec


def _make(runtime: Runtime) -> Any:
    from services.rbac.servicer import RbacServicer

    return RbacServicer(runtime)


async def _start(servicer: Any) -> None:
    await servicer.start()


SERVICE = ServiceSpec(
    name="rbac",
    full_name="pursight.rbac.v1.RbacService",
    make_servicer=_make,
    add_to_server=rbac_pb2_grpc.add_RbacServiceServicer_to_server,
    migrations=Path(__file__).parent / "migrations",
    on_start=_start,
)
