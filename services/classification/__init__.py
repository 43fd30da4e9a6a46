"""The classification service: built-in and custom classifiers, rule sets, and the
labelling of sampled columns and free text, each label with its evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pursight.classification.v1 import classification_pb2_grpc
from services.runtime.service import Runtime, ServiceSpec


def _make(runtime: Runtime) -> Any:
    from services.classification.servicer import ClassificationServicer

    return ClassificationServicer(runtime)


SERVICE = ServiceSpec(
    name="classification",
    full_name="pursight.classification.v1.ClassificationService",
    make_servicer=_make,
    add_to_server=classification_pb2_grpc.add_ClassificationServiceServicer_to_server,
    migrations=Path(__file__).parent / "migrations",
)
