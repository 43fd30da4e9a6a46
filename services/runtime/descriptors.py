"""What the contracts say about each RPC: its permission, audit flag and retry safety.

Everything here is read from the generated descriptors, so the interceptors, the retry
policy and the mesh manifests all follow the .proto files rather than a second list.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache

from google.protobuf import descriptor, descriptor_pb2, descriptor_pool

import pursight
from pursight.common.v1 import access_pb2

# Infrastructure services every server mounts; they need no token.
INFRASTRUCTURE_SERVICES = frozenset(
    {
        "grpc.health.v1.Health",
        "grpc.reflection.v1alpha.ServerReflection",
        "grpc.reflection.v1.ServerReflection",
    }
)

_IDEMPOTENT_LEVELS = frozenset(
    {
        descriptor_pb2.MethodOptions.NO_SIDE_EFFECTS,
        descriptor_pb2.MethodOptions.IDEMPOTENT,
    }
)


@dataclass(frozen=True)
class MethodPolicy:
    """The access rule and retry safety of one RPC, from its options."""

    full_name: str  # "/pursight.catalog.v1.CatalogService/GetAsset"
    permission: str
    public: bool
    audited: bool
    internal: bool
    # Holding the permission at any scope is enough when the request names none.
    any_scope: bool
    idempotent: bool
    read_only: bool
    client_streaming: bool
    server_streaming: bool

    @property
    def has_rule(self) -> bool:
        return self.public or bool(self.permission)


@cache
def import_all_contracts() -> tuple[str, ...]:
    """Imports every generated ``*_pb2`` module so the default pool knows them all."""
    loaded = []
    for info in pkgutil.walk_packages(pursight.__path__, prefix="pursight."):
        if info.name.endswith("_pb2"):
            importlib.import_module(info.name)
            loaded.append(info.name)
    return tuple(sorted(loaded))


def pursight_services() -> list[descriptor.ServiceDescriptor]:
    """Every PurSight service in the contracts, sorted by full name."""
    import_all_contracts()
    pool = descriptor_pool.Default()
    services: list[descriptor.ServiceDescriptor] = []
    for module_name in import_all_contracts():
        module = importlib.import_module(module_name)
        file_desc: descriptor.FileDescriptor = module.DESCRIPTOR
        services.extend(
            pool.FindServiceByName(s.full_name) for s in file_desc.services_by_name.values()
        )
    return sorted(services, key=lambda s: s.full_name)


def _policy(method: descriptor.MethodDescriptor) -> MethodPolicy:
    options = method.GetOptions()
    # The generated .pyi types the extension as a plain FieldDescriptor, not the
    # _ExtensionFieldDescriptor[MethodOptions, Access] that Extensions[] is typed to take.
    access: access_pb2.Access = options.Extensions[access_pb2.access]  # type: ignore[index]
    level = options.idempotency_level
    return MethodPolicy(
        full_name=f"/{method.containing_service.full_name}/{method.name}",
        permission=access.permission,
        public=access.public,
        audited=access.audited,
        internal=access.internal,
        any_scope=access.any_scope,
        idempotent=level in _IDEMPOTENT_LEVELS,
        read_only=level == descriptor_pb2.MethodOptions.NO_SIDE_EFFECTS,
        client_streaming=method.client_streaming,
        server_streaming=method.server_streaming,
    )


@cache
def method_policy(full_method: str) -> MethodPolicy | None:
    """The policy of ``/package.Service/Method``, or None for an unknown method."""
    service_name, _, method_name = full_method.lstrip("/").partition("/")
    import_all_contracts()
    try:
        service = descriptor_pool.Default().FindServiceByName(service_name)
    except KeyError:
        return None
    method = service.methods_by_name.get(method_name)
    return _policy(method) if method is not None else None


def service_short_name(service_full_name: str) -> str:
    """``pursight.catalog.v1.CatalogService`` -> ``catalog``; the operations mixin ->
    ``operations``. Settings and the mesh address services by this name."""
    parts = service_full_name.split(".")
    if len(parts) >= 2 and parts[0] == "pursight":
        return "operations" if parts[1] == "common" else parts[1]
    return service_full_name


def all_policies() -> list[MethodPolicy]:
    """The policy of every RPC of every PurSight service."""
    return [_policy(method) for service in pursight_services() for method in service.methods]
