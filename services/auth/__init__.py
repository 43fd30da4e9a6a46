"""The auth service: identities and tokens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pursight.auth.v1 import auth_pb2_grpc
from services.runtime.service import Runtime, ServiceSpec


def _make(runtime: Runtime) -> Any:
    from services.auth.servicer import AuthServicer

    return AuthServicer(runtime)


async def _start(servicer: Any) -> None:
    await servicer.bootstrap()


async def _stop(servicer: Any) -> None:
    await servicer.close()


SERVICE = ServiceSpec(
    name="auth",
    full_name="pursight.auth.v1.AuthService",
    make_servicer=_make,
    add_to_server=auth_pb2_grpc.add_AuthServiceServicer_to_server,
    migrations=Path(__file__).parent / "migrations",
    on_start=_start,
    on_stop=_stop,
)
