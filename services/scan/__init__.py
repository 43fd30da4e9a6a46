"""The scan service: scan definitions, schedules and runs, and the workers that do them.

Every process hosting the service runs a pool of scan workers (``PURSIGHT_SCAN_WORKERS``,
4 by default) that share one PostgreSQL queue with the workers of every other replica.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pursight.scan.v1 import scan_pb2_grpc
from services.runtime.service import Runtime, ServiceSpec


def _make(runtime: Runtime) -> Any:
    from services.connectors import load_plugins
    from services.scan.config import ScanConfig
    from services.scan.servicer import ScanServicer

    # Connector plug-ins import their drivers (Azure's SDK, pyarrow: seconds). Here,
    # before the process serves, not in the first scan, where the import held the event
    # loop and every worker for 2-3 s (a third of a 2,000-table metadata scan).
    load_plugins()
    return ScanServicer(runtime, ScanConfig.from_settings(runtime.settings))


async def _start(servicer: Any) -> None:
    await servicer.start()


async def _stop(servicer: Any) -> None:
    await servicer.stop()


SERVICE = ServiceSpec(
    name="scan",
    full_name="pursight.scan.v1.ScanService",
    make_servicer=_make,
    add_to_server=scan_pb2_grpc.add_ScanServiceServicer_to_server,
    migrations=Path(__file__).parent / "migrations",
    on_start=_start,
    on_stop=_stop,
)
