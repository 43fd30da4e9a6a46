"""The sixteen PurSight services, and how to mount each one.

A service with a folder here (``services/catalog``) exposes ``SERVICE``, its
``ServiceSpec``. A service whose issue has not landed yet is mounted from its generated
base servicer, which answers every RPC with UNIMPLEMENTED: declared, never faked.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from typing import Any

from services.runtime.service import Runtime, ServiceSpec

# Core tier first, then the Racine tier, as in DESIGN.md.
SERVICE_NAMES: tuple[str, ...] = (
    "auth",
    "rbac",
    "datasource",
    "scan",
    "classification",
    "catalog",
    "compliance",
    "activity",
    "orchestration",
    "workspace",
    "workflow",
    "pipeline",
    "assistant",
    "collaboration",
    "dashboard",
    "integration",
)

# The operations mixin (pursight.common.v1.OperationsService) rides along on every server.
OPERATIONS = "operations"


def _generated_spec(name: str, package: str) -> ServiceSpec:
    """A spec that mounts the generated base servicer: every RPC UNIMPLEMENTED."""
    module_pkg = importlib.import_module(package)
    for info in pkgutil.iter_modules(module_pkg.__path__):
        if not info.name.endswith("_pb2_grpc"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        for attr, value in vars(module).items():
            if attr.startswith("add_") and attr.endswith("Servicer_to_server"):
                service_class = attr[len("add_") : -len("Servicer_to_server")]
                base = getattr(module, f"{service_class}Servicer")
                full_name = f"{package}.{service_class}"
                return ServiceSpec(
                    name=name,
                    full_name=full_name,
                    make_servicer=_unimplemented_factory(base),
                    add_to_server=value,
                    implemented=False,
                )
    raise LookupError(f"no gRPC service generated in {package}")


def _unimplemented_factory(base: type) -> Any:
    def make(runtime: Runtime) -> Any:
        return base()

    return make


def load_spec(name: str) -> ServiceSpec:
    """The spec of service ``name`` (a short name from SERVICE_NAMES or ``operations``)."""
    if name not in (*SERVICE_NAMES, OPERATIONS):
        raise KeyError(f"unknown service {name!r}; known: {', '.join(SERVICE_NAMES)}")
    try:
        module = importlib.import_module(f"services.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"services.{name}":
            raise
        return _generated_spec(name, f"pursight.{name}.v1")
    spec = getattr(module, "SERVICE", None)
    if not isinstance(spec, ServiceSpec):
        raise TypeError(f"services.{name} must expose SERVICE: ServiceSpec")
    return spec


def load_specs(names: Iterable[str]) -> list[ServiceSpec]:
    return [load_spec(name) for name in names]


__all__ = ["OPERATIONS", "SERVICE_NAMES", "load_spec", "load_specs"]
