"""The activity service: the tamper-evident audit trail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pursight.activity.v1 import activity_pb2_grpc
from services.runtime.service import Runtime, ServiceSpec


def _make(runtime: Runtime) -> Any:
    from services.activity.servicer import ActivityServicer

    return ActivityServicer(runtime)


SERVICE = ServiceSpec(
    name="activity",
    full_name="pursight.activity.v1.ActivityService",
    make_servicer=_make,
    add_to_server=activity_pb2_grpc.add_ActivityServiceServicer_to_server,
    migrations=Path(__file__).parent / "migrations",
)
