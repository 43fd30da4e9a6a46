"""JSON Schemas (OpenAPI 3.1 dialect) for messages, following the proto3 JSON mapping.

The schemas describe what the gateway actually accepts and returns: lowerCamelCase
names, 64-bit integers as strings, enums by name, well-known types in their special
forms. Messages are closed (``additionalProperties: false``) because the gateway
refuses unknown fields; a fuzzer reading the document learns that too.
"""

from __future__ import annotations

from typing import Any

from google.api import field_behavior_pb2
from google.protobuf import descriptor

from gateway import descriptors
from gateway.descriptors import FieldDescriptor
from gateway.proto_comments import Comments

Schema = dict[str, Any]

COMPONENT_PREFIX = "#/components/schemas/"
_FLOAT_MAX = 3.4028234663852886e38

_INLINE_WKT: dict[str, Schema] = {
    descriptors.TIMESTAMP: {"type": "string", "format": "date-time"},
    descriptors.DURATION: {
        "type": "string",
        "pattern": r"^-?[0-9]+(\.[0-9]{1,9})?s$",
        "description": "A duration in seconds with an `s` suffix, for example `1.5s`.",
    },
    descriptors.FIELD_MASK: {
        "type": "string",
        "description": "Comma-separated field paths, for example `displayName,labels`.",
    },
    descriptors.STRUCT: {"type": "object", "additionalProperties": True},
    descriptors.VALUE: {},
    descriptors.LIST_VALUE: {"type": "array", "items": {}},
    descriptors.EMPTY: {"type": "object", "additionalProperties": False},
    descriptors.ANY: {
        "type": "object",
        "properties": {"@type": {"type": "string"}},
        "required": ["@type"],
        "additionalProperties": True,
    },
}


def _scalar(field: FieldDescriptor) -> Schema:
    kind = field.type
    if kind in (
        FieldDescriptor.TYPE_INT32,
        FieldDescriptor.TYPE_SINT32,
        FieldDescriptor.TYPE_SFIXED32,
    ):
        return {"type": "integer", "format": "int32", "minimum": -(2**31), "maximum": 2**31 - 1}
    if kind in (FieldDescriptor.TYPE_UINT32, FieldDescriptor.TYPE_FIXED32):
        return {"type": "integer", "format": "uint32", "minimum": 0, "maximum": 2**32 - 1}
    if kind in (
        FieldDescriptor.TYPE_INT64,
        FieldDescriptor.TYPE_SINT64,
        FieldDescriptor.TYPE_SFIXED64,
    ):
        return {"type": "string", "format": "int64", "pattern": "^-?[0-9]+$"}
    if kind in (FieldDescriptor.TYPE_UINT64, FieldDescriptor.TYPE_FIXED64):
        return {"type": "string", "format": "uint64", "pattern": "^[0-9]+$"}
    if kind == FieldDescriptor.TYPE_DOUBLE:
        return {"type": "number", "format": "double"}
    if kind == FieldDescriptor.TYPE_FLOAT:
        return {"type": "number", "format": "float", "minimum": -_FLOAT_MAX, "maximum": _FLOAT_MAX}
    if kind == FieldDescriptor.TYPE_BOOL:
        return {"type": "boolean"}
    if kind == FieldDescriptor.TYPE_BYTES:
        return {"type": "string", "format": "byte", "contentEncoding": "base64"}
    return {"type": "string"}


class SchemaRegistry:
    """Builds component schemas on demand and hands out references to them."""

    def __init__(self, comments: Comments) -> None:
        self.comments = comments
        self.components: dict[str, Schema] = {}

    def message(self, message_type: descriptor.Descriptor) -> Schema:
        """An inline schema for well-known types, a ``$ref`` (registered) otherwise."""
        name = message_type.full_name
        if name in _INLINE_WKT:
            return dict(_INLINE_WKT[name])
        if name in descriptors.WRAPPERS:
            return self.field(message_type.fields_by_name["value"], annotate=False)
        if name not in self.components:
            self.components[name] = {}  # placeholder first: messages may recurse
            self.components[name] = self._message_schema(message_type)
        return {"$ref": COMPONENT_PREFIX + name}

    def enum(self, enum_type: descriptor.EnumDescriptor) -> Schema:
        """A ``$ref`` to a string enum of the value names."""
        name = enum_type.full_name
        if name == "google.protobuf.NullValue":
            return {"type": "null"}
        if name not in self.components:
            schema: Schema = {"type": "string", "enum": list(enum_type.values_by_name)}
            lines = [self.comments.get(name)]
            for value in enum_type.values:
                text = self.comments.get(f"{name}.{value.name}")
                if text:
                    lines.append(f"- `{value.name}`: {text}")
            description = "\n".join(line for line in lines if line)
            if description:
                schema["description"] = description
            self.components[name] = schema
        return {"$ref": COMPONENT_PREFIX + name}

    def _single(self, field: FieldDescriptor) -> Schema:
        if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE:
            return self.message(descriptors.message_type_of(field))
        if field.cpp_type == FieldDescriptor.CPPTYPE_ENUM:
            return self.enum(descriptors.enum_type_of(field))
        return _scalar(field)

    def field(self, field: FieldDescriptor, *, annotate: bool = True) -> Schema:
        """The schema of one field's JSON value, with its comment and behaviours."""
        schema: Schema
        if descriptors.is_map(field):
            entry = descriptors.message_type_of(field)
            key = entry.fields_by_name["key"]
            value = entry.fields_by_name["value"]
            schema = {"type": "object", "additionalProperties": self._single(value)}
            if key.cpp_type == FieldDescriptor.CPPTYPE_BOOL:
                schema["propertyNames"] = {"enum": ["true", "false"]}
            elif key.cpp_type != FieldDescriptor.CPPTYPE_STRING:
                schema["propertyNames"] = {"pattern": "^-?[0-9]+$"}
        elif descriptors.is_repeated(field):
            schema = {"type": "array", "items": self._single(field)}
        else:
            schema = self._single(field)
        if not annotate:
            return schema
        schema = dict(schema)
        text = self.comments.get(field.full_name)
        if text:
            schema["description"] = text
        behaviors = descriptors.field_behaviors(field)
        if field_behavior_pb2.OUTPUT_ONLY in behaviors:
            schema["readOnly"] = True
        if field_behavior_pb2.INPUT_ONLY in behaviors:
            schema["writeOnly"] = True
        if field.GetOptions().deprecated:
            schema["deprecated"] = True
        return schema

    def _message_schema(self, message_type: descriptor.Descriptor) -> Schema:
        schema: Schema = {
            "type": "object",
            "properties": {f.json_name: self.field(f) for f in message_type.fields},
            "additionalProperties": False,
        }
        text = self.comments.get(message_type.full_name)
        if text:
            schema["description"] = text
        exclusive: list[Schema] = []
        for oneof in message_type.oneofs:
            members = [f.json_name for f in oneof.fields]
            if oneof.name.startswith("_") or len(members) < 2:
                continue  # a proto3 `optional` field's synthetic oneof
            for index, first in enumerate(members):
                for second in members[index + 1 :]:
                    exclusive.append({"not": {"required": [first, second]}})
        if exclusive:
            schema["allOf"] = exclusive
        return schema
