"""The compliance service: framework packs, workspace policies of rules over catalog
facts, background evaluations, violations, waivers and scores.

The rule language is documented in ``expressions.py`` (text) and ``conditions.py``
(structured); the facts in ``facts.py``; the packs in ``packs/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pursight.compliance.v1 import compliance_pb2_grpc
from services.runtime.service import Runtime, ServiceSpec


def _make(runtime: Runtime) -> Any:
    from services.compliance.servicer import ComplianceServicer

    return ComplianceServicer(runtime)


async def _start(servicer: Any) -> None:
    await servicer.start()


async def _stop(servicer: Any) -> None:
    await servicer.stop()


SERVICE = ServiceSpec(
    name="compliance",
    full_name="pursight.compliance.v1.ComplianceService",
    make_servicer=_make,
    add_to_server=compliance_pb2_grpc.add_ComplianceServiceServicer_to_server,
    migrations=Path(__file__).parent / "migrations",
    on_start=_start,
    on_stop=_stop,
)
