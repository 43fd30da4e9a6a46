"""The catalog service: assets, history, search, classifications, glossary, lineage
and bulk annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pursight.catalog.v1 import catalog_pb2_grpc
from services.runtime.service import Runtime, ServiceSpec


def _make(runtime: Runtime) -> Any:
    from services.catalog.servicer import CatalogServicer

    return CatalogServicer(runtime)


SERVICE = ServiceSpec(
    name="catalog",
    full_name="pursight.catalog.v1.CatalogService",
    make_servicer=_make,
    add_to_server=catalog_pb2_grpc.add_CatalogServiceServicer_to_server,
    migrations=Path(__file__).parent / "migrations",
)
