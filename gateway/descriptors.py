"""What the gateway knows about the contracts: services and messages from the pool.

The gateway has no hand-written knowledge of any service. It imports every generated
``pursight.*_pb2`` module so their descriptors land in the default pool, then reads
services, methods and options from there; a service added to gen/ is served after a
restart with no change here.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from types import ModuleType
from typing import cast

from google.api import field_behavior_pb2
from google.protobuf import descriptor, message, message_factory

ROOT_PACKAGE = "pursight"

# Well-known types whose proto3 JSON form is not an object of their fields.
TIMESTAMP = "google.protobuf.Timestamp"
DURATION = "google.protobuf.Duration"
FIELD_MASK = "google.protobuf.FieldMask"
STRUCT = "google.protobuf.Struct"
VALUE = "google.protobuf.Value"
LIST_VALUE = "google.protobuf.ListValue"
ANY = "google.protobuf.Any"
EMPTY = "google.protobuf.Empty"
HTTP_BODY = "google.api.HttpBody"
WRAPPERS = frozenset(
    f"google.protobuf.{name}"
    for name in (
        "DoubleValue",
        "FloatValue",
        "Int64Value",
        "UInt64Value",
        "Int32Value",
        "UInt32Value",
        "BoolValue",
        "StringValue",
        "BytesValue",
    )
)

FieldDescriptor = descriptor.FieldDescriptor


def import_generated_modules(root: str = ROOT_PACKAGE) -> list[ModuleType]:
    """Imports every ``*_pb2`` module under ``root`` and returns them.

    An import error is not swallowed: a broken generated module means routes would
    silently vanish, which is worse than a gateway that refuses to start.
    """
    package = importlib.import_module(root)
    modules: list[ModuleType] = []
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{root}."):
        if info.name.endswith("_pb2"):
            modules.append(importlib.import_module(info.name))
    return modules


def iter_services(root: str = ROOT_PACKAGE) -> Iterator[descriptor.ServiceDescriptor]:
    """Every service in the default pool whose full name starts with ``root.``.

    The Python pool cannot list its files, so the generated modules are the index; each
    module's DESCRIPTOR is the pool's own FileDescriptor.
    """
    seen: set[str] = set()
    for module in import_generated_modules(root):
        file_descriptor: descriptor.FileDescriptor = module.DESCRIPTOR
        for service in file_descriptor.services_by_name.values():
            if service.full_name.startswith(f"{root}.") and service.full_name not in seen:
                seen.add(service.full_name)
                yield service


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def service_short_name(service: descriptor.ServiceDescriptor) -> str:
    """The name settings use for a service's address: ``pursight.catalog.v1`` -> catalog.

    Services of the shared ``common`` package are named after themselves instead
    (``OperationsService`` -> ``operations``), since every server hosts them.
    """
    parts = service.file.package.split(".")
    short = parts[1] if len(parts) > 1 else parts[0]
    if short == "common":
        base = service.name.removesuffix("Service") or service.name
        return _snake(base)
    return short


def message_class(message_descriptor: descriptor.Descriptor) -> type[message.Message]:
    """The generated (or pool-built) Python class for a message descriptor."""
    return message_factory.GetMessageClass(message_descriptor)


def field_behaviors(field: FieldDescriptor) -> frozenset[int]:
    """The google.api.field_behavior values set on a field (REQUIRED, OUTPUT_ONLY...)."""
    options = field.GetOptions()
    # A repeated extension has no presence (HasExtension refuses it); empty means unset.
    return frozenset(options.Extensions[field_behavior_pb2.field_behavior])


def is_map(field: FieldDescriptor) -> bool:
    """True for ``map<K, V>`` fields (repeated synthetic entry messages)."""
    entry = field.message_type
    return (
        field.type == FieldDescriptor.TYPE_MESSAGE
        and entry is not None
        and entry.GetOptions().map_entry
    )


def is_repeated(field: FieldDescriptor) -> bool:
    """True for repeated fields, maps included."""
    return bool(field.is_repeated)


def message_name(field: FieldDescriptor) -> str:
    """Full name of a message-typed field's type, or '' for scalars and enums."""
    if field.type == FieldDescriptor.TYPE_MESSAGE and field.message_type is not None:
        return str(field.message_type.full_name)
    return ""


def find_field(message_descriptor: descriptor.Descriptor, name: str) -> FieldDescriptor | None:
    """A field by its proto name or its lowerCamelCase JSON name."""
    found = message_descriptor.fields_by_name.get(name)
    if found is not None:
        return found
    for field in message_descriptor.fields:
        if field.json_name == name:
            return field
    return None


def message_type_of(field: FieldDescriptor) -> descriptor.Descriptor:
    """The message type of a message-typed field (the stubs allow None for scalars)."""
    found = field.message_type
    if found is None:
        raise TypeError(f"{field.full_name} is not a message field")
    return found


def enum_type_of(field: FieldDescriptor) -> descriptor.EnumDescriptor:
    """The enum type of an enum-typed field."""
    found = field.enum_type
    if found is None:
        raise TypeError(f"{field.full_name} is not an enum field")
    return found


def descriptor_of(msg: message.Message) -> descriptor.Descriptor:
    """A message's descriptor, typed as the pure-Python API (upb implements the same)."""
    return cast(descriptor.Descriptor, msg.DESCRIPTOR)


def field_at(message_descriptor: descriptor.Descriptor, path: str) -> FieldDescriptor:
    """The field a dotted proto-name path (``asset.name``) ends at; KeyError if none."""
    names = path.split(".")
    current = message_descriptor
    for name in names[:-1]:
        current = message_type_of(current.fields_by_name[name])
    return current.fields_by_name[names[-1]]
