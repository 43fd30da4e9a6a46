"""The OpenAPI 3.1 document, generated from the same bindings the router serves.

One operation per binding (operationId ``<Service>_<Method>``, ``_<n>`` for additional
bindings), path parameters from the templates, query parameters for the fields a route
leaves free (flattened with dotted names), the request body of body bindings, the
response or response_body schema, google.rpc.Status for errors, and bearer security on
every operation that is not marked ``(pursight.common.v1.access).public``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from google.api import field_behavior_pb2
from google.protobuf import descriptor
from google.rpc import status_pb2

from gateway import descriptors
from gateway.bindings import Binding
from gateway.descriptors import FieldDescriptor
from gateway.openapi_schemas import Schema, SchemaRegistry
from gateway.path_template import PathParam
from gateway.proto_comments import Comments, load_comments
from gateway.responses import JSON_MEDIA, NDJSON_MEDIA, SSE_MEDIA

_log = logging.getLogger(__name__)

SECURITY_SCHEME = "bearerAuth"
ERROR_RESPONSE = "#/components/responses/Error"
_MAX_QUERY_DEPTH = 3
_BINARY: Schema = {"type": "string", "format": "binary"}
# Message types that a query parameter can carry as one string.
_QUERY_WKT = frozenset(
    {descriptors.TIMESTAMP, descriptors.DURATION, descriptors.FIELD_MASK} | descriptors.WRAPPERS
)


def _walk_types(message_types: Iterable[descriptor.Descriptor], registry: SchemaRegistry) -> None:
    for message_type in message_types:
        if message_type.GetOptions().map_entry:
            continue
        registry.message(message_type)
        for enum_type in message_type.enum_types:
            registry.enum(enum_type)
        _walk_types(message_type.nested_types, registry)


def _register_files(bindings: Iterable[Binding], registry: SchemaRegistry) -> None:
    """Every message and enum of the files that define the served services.

    Messages no operation references (a request whose body is one field, say) still
    get a component, so clients and fuzzers can find every type of the contract.
    """
    seen: set[str] = set()
    for binding in bindings:
        file = binding.service.file
        if file.name in seen:
            continue
        seen.add(file.name)
        for dependency in (file, *file.dependencies):
            if not dependency.package.startswith(descriptors.ROOT_PACKAGE + "."):
                continue
            for enum_type in dependency.enum_types_by_name.values():
                registry.enum(enum_type)
            _walk_types(dependency.message_types_by_name.values(), registry)


def _order(binding: Binding) -> tuple[str, int, int]:
    return (binding.service.full_name, binding.method.index, binding.index)


def build_openapi(
    bindings: Iterable[Binding],
    *,
    title: str,
    version: str,
    comments: Comments | None = None,
) -> dict[str, Any]:
    """The whole document for ``bindings``; comments default to the repository's protos."""
    notes = load_comments() if comments is None else comments
    registry = SchemaRegistry(notes)
    status_ref = registry.message(status_pb2.Status.DESCRIPTOR)
    paths: dict[str, dict[str, Any]] = {}
    tags: dict[str, dict[str, str]] = {}
    ordered = sorted(bindings, key=_order)
    _register_files(ordered, registry)
    for binding in ordered:
        path, params = binding.template.openapi()
        item = paths.setdefault(path, {})
        verb = binding.http_method.lower()
        if verb in item:
            _log.warning(
                "OpenAPI: %s %s of %s collides with %s; left out",
                binding.http_method,
                path,
                binding.method.full_name,
                item[verb]["operationId"],
            )
            continue
        item[verb] = _operation(binding, params, registry, notes)
        service = binding.service
        tag: dict[str, str] = {"name": service.name}
        if notes.get(service.full_name):
            tag["description"] = notes.get(service.full_name)
        tags.setdefault(service.name, tag)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": title,
            "version": version,
            "description": "REST transcoding of the PurSight gRPC services "
            "(google.api.http annotations). Errors are JSON google.rpc.Status objects.",
        },
        "tags": list(tags.values()),
        "paths": paths,
        "components": {
            "schemas": dict(sorted(registry.components.items())),
            "responses": {
                "Error": {
                    "description": "The failure as a JSON google.rpc.Status, details included.",
                    "content": {JSON_MEDIA: {"schema": status_ref}},
                }
            },
            "securitySchemes": {
                SECURITY_SCHEME: {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            },
        },
    }


def _operation(
    binding: Binding,
    params: tuple[PathParam, ...],
    registry: SchemaRegistry,
    notes: Comments,
) -> dict[str, Any]:
    method = binding.method
    operation: dict[str, Any] = {
        "operationId": binding.operation_id,
        "tags": [binding.service.name],
        "summary": f"{binding.service.name}.{method.name}",
        "x-pursight-rpc": method.full_name,
    }
    text = notes.get(method.full_name)
    if text:
        operation["description"] = text
    if method.GetOptions().deprecated:
        operation["deprecated"] = True
    parameters = [_path_parameter(binding, param) for param in params]
    if binding.body != "*":
        bound = {v.field_path for v in binding.template.variables}
        if binding.body:
            bound.add(binding.body)
        parameters.extend(_query_parameters(method.input_type, bound, registry))
    if parameters:
        operation["parameters"] = parameters
    if binding.body:
        operation["requestBody"] = _request_body(binding, registry, notes)
    error = {"$ref": ERROR_RESPONSE}
    responses: dict[str, Any] = {"200": _success(binding, registry), "400": error}
    if not binding.public:
        responses["401"] = error
        responses["403"] = error
    responses["default"] = error
    operation["responses"] = responses
    # An empty list overrides any default: the public RPCs need no token.
    operation["security"] = [] if binding.public else [{SECURITY_SCHEME: []}]
    return operation


def _variable_shape(binding: Binding, field_path: str) -> str:
    """``workspaces/{workspace}/assets/{asset}``: what a path-bound field looks like."""
    _, params = binding.template.openapi()
    names = iter(p.name for p in params if p.field_path == field_path)
    parts: list[str] = []
    for segment in binding.template.segments:
        if segment.variable != field_path:
            continue
        parts.append(segment.literal if segment.kind == "literal" else "{" + next(names) + "}")
    return "/".join(parts)


def _path_parameter(binding: Binding, param: PathParam) -> dict[str, Any]:
    schema: Schema = {"type": "string", "pattern": "^.+$" if param.multi_segment else "^[^/]+$"}
    parameter: dict[str, Any] = {
        "name": param.name,
        "in": "path",
        "required": True,
        "schema": schema,
    }
    if param.field_path:
        shape = _variable_shape(binding, param.field_path)
        parameter["description"] = f"Part of `{param.field_path}` (`{shape}`)."
        if param.multi_segment:
            parameter["description"] += " May span several segments."
    return parameter


def _query_parameters(
    message_type: descriptor.Descriptor, bound: set[str], registry: SchemaRegistry
) -> list[dict[str, Any]]:
    parameters = []
    for field, proto_path, json_path in _query_fields(message_type, bound, "", "", ()):
        schema = registry.field(field)
        parameter: dict[str, Any] = {"name": json_path, "in": "query", "required": False}
        description = schema.pop("description", "")
        if json_path != proto_path:
            alias = f"Also accepted as `{proto_path}`."
            description = f"{description}\n\n{alias}" if description else alias
        if description:
            parameter["description"] = description
        if schema.get("type") == "array":
            parameter["style"] = "form"
            parameter["explode"] = True
        parameter["schema"] = schema
        parameters.append(parameter)
    return parameters


def _query_fields(
    message_type: descriptor.Descriptor,
    bound: set[str],
    proto_prefix: str,
    json_prefix: str,
    seen: tuple[str, ...],
) -> Iterator[tuple[FieldDescriptor, str, str]]:
    """Fields settable from the query string: scalars, enums and string-form WKTs."""
    for field in message_type.fields:
        proto_path = proto_prefix + field.name
        json_path = json_prefix + field.json_name
        if proto_path in bound or descriptors.is_map(field):
            continue
        if field_behavior_pb2.OUTPUT_ONLY in descriptors.field_behaviors(field):
            continue
        type_name = descriptors.message_name(field)
        if not type_name or type_name in _QUERY_WKT:
            yield field, proto_path, json_path
            continue
        nested = descriptors.message_type_of(field)
        if (
            descriptors.is_repeated(field)
            or type_name.startswith("google.protobuf.")
            or type_name in seen
            or len(seen) >= _MAX_QUERY_DEPTH
        ):
            continue
        yield from _query_fields(
            nested, bound, proto_path + ".", json_path + ".", (*seen, type_name)
        )


def _request_body(binding: Binding, registry: SchemaRegistry, notes: Comments) -> dict[str, Any]:
    request_type = binding.method.input_type
    if binding.body == "*":
        if request_type.full_name == descriptors.HTTP_BODY:
            return {"content": {"*/*": {"schema": _BINARY}}, "required": False}
        return {
            "content": {JSON_MEDIA: {"schema": registry.message(request_type)}},
            "required": False,
        }
    field = descriptors.field_at(request_type, binding.body)
    body: dict[str, Any] = {
        "required": field_behavior_pb2.REQUIRED in descriptors.field_behaviors(field)
    }
    text = notes.get(field.full_name)
    if text:
        body["description"] = text
    if descriptors.message_name(field) == descriptors.HTTP_BODY:
        body["content"] = {"*/*": {"schema": _BINARY}}
    else:
        schema = registry.field(field, annotate=False)
        body["content"] = {JSON_MEDIA: {"schema": schema}}
    return body


def _response_schema(binding: Binding, registry: SchemaRegistry) -> Schema | None:
    """The JSON schema of one response message (or its response_body); None for raw."""
    target: descriptor.Descriptor = binding.method.output_type
    if not binding.response_body:
        if target.full_name == descriptors.HTTP_BODY:
            return None
        return registry.message(target)
    field = descriptors.field_at(target, binding.response_body)
    if descriptors.message_name(field) == descriptors.HTTP_BODY and not descriptors.is_repeated(
        field
    ):
        return None
    return registry.field(field, annotate=False)


def _success(binding: Binding, registry: SchemaRegistry) -> dict[str, Any]:
    schema = _response_schema(binding, registry)
    if schema is None:
        return {"description": "The raw body.", "content": {"*/*": {"schema": _BINARY}}}
    if not binding.server_streaming:
        return {"description": "OK.", "content": {JSON_MEDIA: {"schema": schema}}}
    return {
        "description": "A stream: one JSON message per line (NDJSON); a failure after the "
        'first message ends it with a line `{"error": <google.rpc.Status>}`. '
        "Send `Accept: text/event-stream` for Server-Sent Events instead "
        "(`data:` per message, `event: error` for a failure).",
        "content": {
            NDJSON_MEDIA: {"schema": schema},
            SSE_MEDIA: {"schema": {"type": "string"}},
        },
    }
