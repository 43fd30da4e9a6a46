"""The datasource service: registered sources, their encrypted credentials, connection
tests, live browsing, and the internal ResolveConnection the scan service connects
with. Connectors themselves live in ``services.connectors``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pursight.datasource.v1 import datasource_pb2_grpc
from services.runtime.service import Runtime, ServiceSpec


def _make(runtime: Runtime) -> Any:
    from services.connectors import load_plugins
    from services.datasource.servicer import DataSourceServicer

    load_plugins()  # at start, not in a user's first call (the drivers take seconds)
    return DataSourceServicer(runtime)


SERVICE = ServiceSpec(
    name="datasource",
    full_name="pursight.datasource.v1.DataSourceService",
    make_servicer=_make,
    add_to_server=datasource_pb2_grpc.add_DataSourceServiceServicer_to_server,
    migrations=Path(__file__).parent / "migrations",
)
