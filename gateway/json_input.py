"""Checks a JSON request body against a message before json_format parses it.

json_format enforces the proto3 JSON mapping, but its errors name fields
inconsistently (sometimes a chain of "Failed to parse x field", sometimes a path, never
the index of a bad list element). REST clients need the exact field in the 400's
BadRequest detail, so this walk goes first and reports the first problem with a path
such as ``assets[1].display_name`` (proto names; an unknown key as the client sent it).
It also accepts what proto3 JSON parsers must accept but json_format does not: a
FieldMask written with snake_case paths (``"update_mask": "display_name,labels"``).
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from typing import Any

from google.protobuf import descriptor, descriptor_pool, duration_pb2, timestamp_pb2

from gateway import descriptors
from gateway.descriptors import FieldDescriptor
from gateway.errors import GatewayError, bad_request, shown

_INTEGER = re.compile(r"^-?[0-9]+$")
# Longer than any 64-bit integer; also keeps int() away from Python's digit limit.
_MAX_DIGITS = 24
_FLOAT_MAX = 3.4028234663852886e38
_SPECIAL_FLOATS = frozenset({"NaN", "Infinity", "-Infinity"})

INT_RANGES: dict[int, tuple[int, int]] = {
    FieldDescriptor.CPPTYPE_INT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.CPPTYPE_INT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.CPPTYPE_UINT32: (0, 2**32 - 1),
    FieldDescriptor.CPPTYPE_UINT64: (0, 2**64 - 1),
}

# Well-known types an Any carries as {"@type": ..., "value": <their JSON>}.
_SPECIAL_JSON = frozenset(
    {
        descriptors.TIMESTAMP,
        descriptors.DURATION,
        descriptors.FIELD_MASK,
        descriptors.STRUCT,
        descriptors.VALUE,
        descriptors.LIST_VALUE,
    }
)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _wrong(path: str, expected: str, value: object) -> GatewayError:
    return bad_request(path, f"expected {expected}, got {_kind(value)}")


def snake_field_mask_path(path: str) -> str:
    """A FieldMask path in proto (snake_case) form, whichever form it was written in."""
    return ".".join(
        part if "_" in part else re.sub(r"(?<!^)(?=[A-Z])", "_", part).lower()
        for part in path.strip().split(".")
    )


def _camel_field_mask_path(path: str) -> str:
    return ".".join(
        re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), part)
        for part in path.strip().split(".")
    )


def check_message(message_type: descriptor.Descriptor, value: object, path: str) -> object:
    """Checks ``value`` as the JSON of a message; returns it ready for json_format."""
    full_name = message_type.full_name
    if full_name in (descriptors.TIMESTAMP, descriptors.DURATION):
        if not isinstance(value, str):
            raise _wrong(
                path,
                "an RFC 3339 string"
                if full_name == descriptors.TIMESTAMP
                else "a duration string such as '1.5s'",
                value,
            )
        holder = (
            timestamp_pb2.Timestamp()
            if full_name == descriptors.TIMESTAMP
            else duration_pb2.Duration()
        )
        try:
            holder.FromJsonString(value)
        except ValueError as exc:
            raise bad_request(path, str(exc)) from None
        return value
    if full_name == descriptors.FIELD_MASK:
        if not isinstance(value, str):
            raise _wrong(path, "a comma-separated string of field paths", value)
        return ",".join(_camel_field_mask_path(p) for p in value.split(",") if p.strip())
    if full_name == descriptors.VALUE:
        return value
    if full_name == descriptors.STRUCT:
        if not isinstance(value, dict):
            raise _wrong(path, "an object", value)
        return value
    if full_name == descriptors.LIST_VALUE:
        if not isinstance(value, list):
            raise _wrong(path, "an array", value)
        return value
    if full_name in descriptors.WRAPPERS:
        return _check_single(message_type.fields_by_name["value"], value, path)
    if not isinstance(value, dict):
        raise _wrong(path, "an object", value)
    if full_name == descriptors.ANY:
        return _check_any(value, path)
    return _check_fields(message_type, value, path)


def _check_fields(
    message_type: descriptor.Descriptor, value: dict[str, Any], path: str
) -> dict[str, Any]:
    prefix = f"{path}." if path else ""
    out: dict[str, Any] = {}
    seen: dict[str, str] = {}
    oneofs: dict[str, str] = {}
    for key, item in value.items():
        field = descriptors.find_field(message_type, key)
        if field is None:
            raise bad_request(f"{prefix}{key}", f"unknown field of {message_type.full_name}")
        field_path = f"{prefix}{field.name}"
        if field.name in seen:
            raise bad_request(field_path, f"set twice, as {seen[field.name]!r} and {key!r}")
        seen[field.name] = key
        oneof = field.containing_oneof
        if oneof is not None and item is not None and not oneof.name.startswith("_"):
            if oneof.name in oneofs:
                raise bad_request(
                    field_path,
                    f"only one of oneof {oneof.name!r} may be set, "
                    f"{oneofs[oneof.name]!r} is set too",
                )
            oneofs[oneof.name] = field.name
        out[field.json_name] = check_field(field, item, field_path)
    return out


def _check_any(value: dict[str, Any], path: str) -> object:
    type_url = value.get("@type")
    type_path = f"{path}.@type" if path else "@type"
    if not isinstance(type_url, str) or not type_url:
        raise bad_request(type_path, "an Any needs its type URL in '@type'")
    type_name = type_url.rpartition("/")[2]
    try:
        packed = descriptor_pool.Default().FindMessageTypeByName(type_name)
    except KeyError:
        raise bad_request(type_path, f"unknown message type {type_name!r}") from None
    rest = {k: v for k, v in value.items() if k != "@type"}
    if packed.full_name in descriptors.WRAPPERS or packed.full_name in _SPECIAL_JSON:
        if set(rest) - {"value"}:
            extra = sorted(set(rest) - {"value"})[0]
            raise bad_request(f"{path}.{extra}", f"unknown field of {packed.full_name}")
        checked = check_message(packed, rest.get("value"), f"{path}.value")
        return {"@type": type_url, "value": checked}
    return {"@type": type_url, **_check_fields(packed, rest, path)}


def check_field(field: FieldDescriptor, value: object, path: str) -> object:
    """Checks the JSON value of one field (repeated, map or singular)."""
    if value is None:
        return None
    if descriptors.is_map(field):
        if not isinstance(value, dict):
            raise _wrong(path, "an object (a map)", value)
        entry = descriptors.message_type_of(field)
        key_field = entry.fields_by_name["key"]
        value_field = entry.fields_by_name["value"]
        out: dict[str, Any] = {}
        for key, item in value.items():
            item_path = f"{path}[{key}]"
            check_text(key, path)
            _check_map_key(key_field, key, item_path)
            if item is None and descriptors.message_name(value_field) != descriptors.VALUE:
                raise bad_request(item_path, "map values cannot be null")
            out[key] = _check_single(value_field, item, item_path)
        return out
    if descriptors.is_repeated(field):
        if not isinstance(value, list):
            raise _wrong(path, "an array", value)
        items: list[object] = []
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if item is None and descriptors.message_name(field) != descriptors.VALUE:
                raise bad_request(item_path, "array elements cannot be null")
            items.append(_check_single(field, item, item_path))
        return items
    return _check_single(field, value, path)


def _check_map_key(key_field: FieldDescriptor, key: str, path: str) -> None:
    if key_field.cpp_type in INT_RANGES:
        _check_integer(key_field, key, path)
    elif key_field.cpp_type == FieldDescriptor.CPPTYPE_BOOL and key not in ("true", "false"):
        raise bad_request(path, "map key must be 'true' or 'false'")


def _check_integer(field: FieldDescriptor, value: object, path: str) -> None:
    number: int
    if isinstance(value, bool):
        raise _wrong(path, "an integer", value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise bad_request(path, f"expected an integer, got {shown(value)}")
        number = int(value)
    elif isinstance(value, str) and len(value) <= _MAX_DIGITS and _INTEGER.match(value):
        number = int(value)
    else:
        raise _wrong(path, "an integer", value)
    low, high = INT_RANGES[field.cpp_type]
    if not low <= number <= high:
        raise bad_request(path, f"{number} is out of range [{low}, {high}]")


def _check_single(field: FieldDescriptor, value: object, path: str) -> object:
    if value is None:
        return None
    cpp = field.cpp_type
    if cpp == FieldDescriptor.CPPTYPE_MESSAGE:
        return check_message(descriptors.message_type_of(field), value, path)
    if cpp in INT_RANGES:
        _check_integer(field, value, path)
    elif cpp in (FieldDescriptor.CPPTYPE_DOUBLE, FieldDescriptor.CPPTYPE_FLOAT):
        _check_float(field, value, path)
    elif cpp == FieldDescriptor.CPPTYPE_BOOL:
        if not isinstance(value, bool):
            raise _wrong(path, "true or false", value)
    elif cpp == FieldDescriptor.CPPTYPE_ENUM:
        _check_enum(field, value, path)
    elif field.type == FieldDescriptor.TYPE_BYTES:
        if not isinstance(value, str):
            raise _wrong(path, "a base64 string", value)
        decode_base64(value, path)
    elif not isinstance(value, str):
        raise _wrong(path, "a string", value)
    else:
        check_text(value, path)
    return value


def check_text(value: str, path: str) -> None:
    """Refuses strings protobuf cannot hold: JSON escapes can smuggle in lone surrogates."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise bad_request(path, "not valid Unicode (an unpaired surrogate)") from None


def _check_float(field: FieldDescriptor, value: object, path: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _wrong(path, "a number", value)
    if isinstance(value, str):
        if value in _SPECIAL_FLOATS:
            return
        try:
            number = float(value)
        except ValueError:
            raise _wrong(path, "a number", value) from None
    else:
        number = float(value)
    if math.isinf(number) or math.isnan(number):
        raise bad_request(path, "use the strings 'NaN', 'Infinity' or '-Infinity'")
    if field.cpp_type == FieldDescriptor.CPPTYPE_FLOAT and abs(number) > _FLOAT_MAX:
        raise bad_request(path, f"{number} is too large for a float")


def _check_enum(field: FieldDescriptor, value: object, path: str) -> None:
    enum_type = descriptors.enum_type_of(field)
    if isinstance(value, str):
        if value in enum_type.values_by_name:
            return
        if (
            len(value) <= _MAX_DIGITS
            and _INTEGER.match(value)
            and int(value) in enum_type.values_by_number
        ):
            return
        names = ", ".join(enum_type.values_by_name)
        raise bad_request(path, f"{shown(value)} is not one of {names}")
    if isinstance(value, int) and not isinstance(value, bool):
        if value in enum_type.values_by_number:
            return
        raise bad_request(path, f"{value} is not a value of {enum_type.full_name}")
    raise _wrong(path, f"a {enum_type.full_name} name", value)


def decode_base64(value: str, path: str) -> bytes:
    """Standard or URL-safe base64, padded or not, as proto3 JSON allows."""
    text = value.strip().replace("-", "+").replace("_", "/")
    text += "=" * (-len(text) % 4)
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise bad_request(path, "not valid base64") from None
