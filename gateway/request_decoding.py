"""Builds the upstream request message from path variables, query string and body.

Order follows google/api/http.proto: the body (all of it for ``body: "*"``, or one
field), then path variables (which win over anything the body said), then query
parameters for every field the path and body leave free. Every input problem is a
GatewayError 400 naming the field; nothing a client sends can raise anything else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl

from google.api.httpbody_pb2 import HttpBody
from google.protobuf import (
    descriptor,
    duration_pb2,
    field_mask_pb2,
    json_format,
    message,
    timestamp_pb2,
)

from gateway import descriptors
from gateway.descriptors import FieldDescriptor
from gateway.errors import bad_request, shown
from gateway.json_input import (
    INT_RANGES,
    check_field,
    check_message,
    decode_base64,
    snake_field_mask_path,
)
from gateway.router import RouteMatch

_INTEGER = re.compile(r"^[+-]?[0-9]{1,24}$")
_TRUE = frozenset({"true", "1"})
_FALSE = frozenset({"false", "0"})


def build_request(
    match: RouteMatch, query_string: str, body: bytes, content_type: str
) -> message.Message:
    """The request message for a matched route, or GatewayError 400."""
    binding = match.binding
    request = binding.request_class()
    if binding.body:
        _apply_body(request, binding.body, body, content_type)
    for field_path, value in match.variables.items():
        _assign(request, field_path, [value], display=field_path, origin="path")
    params = _parse_query(query_string)
    if binding.body == "*" and params:
        raise bad_request(
            params[0][0], "this route takes every field from the body, none from the query"
        )
    bound = [*match.variables, *([binding.body] if binding.body else [])]
    grouped: dict[str, list[str]] = {}
    for name, value in params:
        grouped.setdefault(name, []).append(value)
    for name, values in grouped.items():
        canonical = _canonical_path(descriptors.descriptor_of(request), name)
        for taken in bound:
            if (
                canonical == taken
                or canonical.startswith(taken + ".")
                or taken.startswith(canonical + ".")
            ):
                raise bad_request(name, f"set by the {_origin(taken, match)}, not the query")
        _assign(request, name, values, display=name, origin="query")
    return request


def _origin(taken: str, match: RouteMatch) -> str:
    return "path" if taken in match.variables else "body"


def _parse_query(query_string: str) -> list[tuple[str, str]]:
    if not query_string:
        return []
    try:
        return parse_qsl(query_string, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise bad_request("", "the query string is not valid percent-encoded UTF-8") from None


def _canonical_path(root: descriptor.Descriptor, path: str) -> str:
    """``asset.displayName`` -> ``asset.display_name``; unknown parts are kept as given."""
    parts: list[str] = []
    current: descriptor.Descriptor | None = root
    for name in path.split("."):
        field = descriptors.find_field(current, name) if current is not None else None
        parts.append(field.name if field is not None else name)
        current = field.message_type if field is not None else None
    return ".".join(parts)


def load_json(body: bytes, path: str) -> object:
    """Parses a JSON document, refusing duplicate keys, as a 400 on any failure."""

    def no_constants(name: str) -> object:
        raise ValueError(f"{name} is not JSON (send the string {name!r} instead)")

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise _DuplicateKeyError(key)
            out[key] = value
        return out

    try:
        return json.loads(body, object_pairs_hook=no_duplicates, parse_constant=no_constants)
    except _DuplicateKeyError as exc:
        raise bad_request(f"{path}.{exc.key}" if path else exc.key, "given twice") from None
    except (ValueError, RecursionError) as exc:
        raise bad_request(path, f"the body is not valid JSON: {exc}") from None


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _apply_body(request: message.Message, selector: str, body: bytes, content_type: str) -> None:
    if selector == "*":
        if descriptors.descriptor_of(request).full_name == descriptors.HTTP_BODY:
            _fill_http_body(request, body, content_type)
            return
        if not body.strip():
            return
        document = load_json(body, "")
        if not isinstance(document, dict):
            raise bad_request("", f"the body must be a JSON object, got {type(document).__name__}")
        checked = check_message(descriptors.descriptor_of(request), document, "")
        if not isinstance(checked, dict):
            raise bad_request("", "the body must be a JSON object")
        _parse_into(request, checked)
        return
    parent, field = _walk_to_field(request, selector, display=selector, origin="body")
    if descriptors.message_name(field) == descriptors.HTTP_BODY and not descriptors.is_repeated(
        field
    ):
        _fill_http_body(getattr(parent, field.name), body, content_type)
        return
    if not body.strip():
        return
    document = load_json(body, selector)
    checked_value = check_field(field, document, selector)
    _parse_into(parent, {field.json_name: checked_value}, prefix=selector.rpartition(".")[0])


def _fill_http_body(target: message.Message, body: bytes, content_type: str) -> None:
    if not isinstance(target, HttpBody):
        raise TypeError(f"{descriptors.descriptor_of(target).full_name} is not an HttpBody")
    target.content_type = content_type
    target.data = body


_FAILED_FIELD = re.compile(r"Failed to parse (\w+) field")


def _parse_into(target: message.Message, document: dict[str, Any], prefix: str = "") -> None:
    """json_format.ParseDict; a failure the pre-check missed still becomes a 400."""
    try:
        json_format.ParseDict(document, target, ignore_unknown_fields=False)
    except (json_format.ParseError, ValueError, TypeError, RecursionError) as exc:
        chain = _FAILED_FIELD.findall(str(exc))
        where = ".".join(p for p in (prefix, *chain) if p)
        raise bad_request(where, str(exc).split("\n")[0]) from None


def _walk_to_field(
    request: message.Message, path: str, *, display: str, origin: str
) -> tuple[message.Message, FieldDescriptor]:
    """The message that holds the last field of ``path``, and that field."""
    target = request
    names = path.split(".")
    for position, name in enumerate(names):
        target_type = descriptors.descriptor_of(target)
        field = descriptors.find_field(target_type, name)
        if field is None:
            raise bad_request(display, f"unknown field {name!r} of {target_type.full_name}")
        if position == len(names) - 1:
            return target, field
        if (
            descriptors.is_repeated(field)
            or field.cpp_type != FieldDescriptor.CPPTYPE_MESSAGE
            or descriptors.message_name(field).startswith("google.protobuf.")
        ):
            raise bad_request(display, f"{name!r} has no fields to set from the {origin}")
        target = getattr(target, field.name)
    raise bad_request(display, "empty field path")


def _assign(
    request: message.Message, path: str, values: Sequence[str], *, display: str, origin: str
) -> None:
    """Sets the field at ``path`` from its text form (path variable or query values)."""
    target, field = _walk_to_field(request, path, display=display, origin=origin)
    if descriptors.is_map(field):
        raise bad_request(display, f"a map cannot be set from the {origin}")
    if descriptors.is_repeated(field):
        container = getattr(target, field.name)
        for value in values:
            converted = convert_text(field, value, display)
            if isinstance(converted, message.Message):
                container.add().CopyFrom(converted)
            else:
                container.append(converted)
        return
    if len(values) > 1:
        raise bad_request(display, "given more than once but is not repeated")
    converted = convert_text(field, values[0], display)
    if isinstance(converted, message.Message):
        getattr(target, field.name).CopyFrom(converted)
    else:
        try:
            setattr(target, field.name, converted)
        except (TypeError, ValueError) as exc:
            raise bad_request(display, str(exc)) from None


def convert_text(field: FieldDescriptor, text: str, display: str) -> object:
    """A field value from its text form in a URL; GatewayError 400 when it has none."""
    cpp = field.cpp_type
    if cpp == FieldDescriptor.CPPTYPE_STRING:
        if field.type == FieldDescriptor.TYPE_BYTES:
            return decode_base64(text, display)
        return text
    if cpp == FieldDescriptor.CPPTYPE_BOOL:
        lowered = text.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise bad_request(display, f"expected true or false, got {shown(text)}")
    if cpp in INT_RANGES:
        if not _INTEGER.match(text.strip()):
            raise bad_request(display, f"expected an integer, got {shown(text)}")
        number = int(text.strip())
        low, high = INT_RANGES[cpp]
        if not low <= number <= high:
            raise bad_request(display, f"{number} is out of range [{low}, {high}]")
        return number
    if cpp in (FieldDescriptor.CPPTYPE_DOUBLE, FieldDescriptor.CPPTYPE_FLOAT):
        try:
            return float(text)
        except ValueError:
            raise bad_request(display, f"expected a number, got {shown(text)}") from None
    if cpp == FieldDescriptor.CPPTYPE_ENUM:
        return _convert_enum(field, text, display)
    return _convert_message(field, text, display)


def _convert_enum(field: FieldDescriptor, text: str, display: str) -> int:
    enum_type = descriptors.enum_type_of(field)
    by_name = enum_type.values_by_name.get(text.strip())
    if by_name is not None:
        return int(by_name.number)
    if _INTEGER.match(text.strip()) and int(text.strip()) in enum_type.values_by_number:
        return int(text.strip())
    names = ", ".join(enum_type.values_by_name)
    raise bad_request(display, f"{shown(text)} is not one of {names}")


def _convert_message(field: FieldDescriptor, text: str, display: str) -> message.Message:
    name = descriptors.message_name(field)
    if name == descriptors.TIMESTAMP:
        stamp = timestamp_pb2.Timestamp()
        try:
            stamp.FromJsonString(text.strip())
        except ValueError as exc:
            raise bad_request(display, f"expected an RFC 3339 timestamp: {exc}") from None
        return stamp
    if name == descriptors.DURATION:
        duration = duration_pb2.Duration()
        try:
            duration.FromJsonString(text.strip())
        except ValueError as exc:
            raise bad_request(display, f"expected a duration such as '1.5s': {exc}") from None
        return duration
    if name == descriptors.FIELD_MASK:
        paths = [snake_field_mask_path(p) for p in text.split(",") if p.strip()]
        return field_mask_pb2.FieldMask(paths=paths)
    if name in descriptors.WRAPPERS:
        wrapper_type = descriptors.message_type_of(field)
        wrapper = descriptors.message_class(wrapper_type)()
        inner = wrapper_type.fields_by_name["value"]
        wrapper.value = convert_text(inner, text, display)  # type: ignore[attr-defined]
        return wrapper
    raise bad_request(
        display, f"is a {name} message; set its fields one by one ({display}.<field>=...)"
    )
