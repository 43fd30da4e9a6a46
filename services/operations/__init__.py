"""The operations mixin: long-running work of every service, served by every server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pursight.common.v1 import operation_pb2_grpc
from services.runtime.service import Runtime, ServiceSpec


def _make(runtime: Runtime) -> Any:
    from services.operations.servicer import OperationsServicer

    return OperationsServicer(runtime)


SERVICE = ServiceSpec(
    name="operations",
    full_name="pursight.common.v1.OperationsService",
    make_servicer=_make,
    add_to_server=operation_pb2_grpc.add_OperationsServiceServicer_to_server,
    migrations=Path(__file__).parent / "migrations",
)
