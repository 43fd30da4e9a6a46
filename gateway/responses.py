"""Turns upstream responses and failures into HTTP responses.

Unary responses are proto3 JSON (lowerCamelCase names, the canonical form), or the raw
bytes of a google.api.HttpBody. Server streams are newline-delimited JSON by default and
Server-Sent Events when the client asks for ``text/event-stream``; a stream of HttpBody
is the concatenated raw body. A stream that fails before its first message answers with
a normal error status; once bytes have gone out the status line cannot change, so a later
failure is the last NDJSON line (``{"error": {...}}``) or an SSE ``event: error``, and a
raw body is cut off (the client sees a truncated transfer, never a clean end).
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc
from google.api.httpbody_pb2 import HttpBody
from google.protobuf import json_format, message
from google.rpc import status_pb2
from starlette.responses import Response, StreamingResponse

from gateway import descriptors
from gateway.bindings import Binding
from gateway.descriptors import FieldDescriptor
from gateway.errors import INTERNAL_TEXT, status_from_rpc_error, status_to_json
from gateway.upstream import UpstreamStream

_log = logging.getLogger(__name__)

JSON_MEDIA = "application/json"
NDJSON_MEDIA = "application/x-ndjson"
SSE_MEDIA = "text/event-stream"
OCTET_STREAM = "application/octet-stream"
_STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


class StreamBrokenError(RuntimeError):
    """A raw (HttpBody) stream failed after its first bytes; the transfer is aborted."""


def dumps(payload: object) -> bytes:
    """Compact UTF-8 JSON."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def to_json(msg: message.Message) -> dict[str, Any]:
    """proto3 JSON of a message with lowerCamelCase names."""
    return json_format.MessageToDict(msg, preserving_proto_field_name=False)


def json_response(
    payload: object, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(dumps(payload), status_code=status_code, media_type=JSON_MEDIA, headers=headers)


def error_response(
    status: status_pb2.Status, http_status: int, headers: dict[str, str] | None = None
) -> Response:
    """An error as its HTTP status and a JSON google.rpc.Status body."""
    return json_response(status_to_json(status), http_status, headers)


def _default_json(field: FieldDescriptor) -> object:
    if descriptors.is_map(field):
        return {}
    if descriptors.is_repeated(field):
        return []
    cpp = field.cpp_type
    if cpp == FieldDescriptor.CPPTYPE_MESSAGE:
        return {}
    if cpp == FieldDescriptor.CPPTYPE_BOOL:
        return False
    if cpp == FieldDescriptor.CPPTYPE_STRING:
        return ""
    if cpp == FieldDescriptor.CPPTYPE_ENUM:
        zero = descriptors.enum_type_of(field).values_by_number.get(0)
        return zero.name if zero is not None else 0
    if cpp in (FieldDescriptor.CPPTYPE_INT64, FieldDescriptor.CPPTYPE_UINT64):
        return "0"
    return 0


def _select(response: message.Message, response_body: str) -> message.Message | object:
    """The part of ``response`` named by response_body: a message, or a JSON value."""
    target = response
    names = response_body.split(".")
    for name in names[:-1]:
        target = getattr(target, name)
    field = descriptors.descriptor_of(target).fields_by_name[names[-1]]
    if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE and not descriptors.is_repeated(field):
        selected: message.Message = getattr(target, field.name)
        return selected
    value: object = to_json(target).get(field.json_name, _default_json(field))
    return value


def render_unary(binding: Binding, response: message.Message, headers: dict[str, str]) -> Response:
    """The HTTP response of a unary call."""
    selected: message.Message | object = response
    if binding.response_body:
        selected = _select(response, binding.response_body)
    if isinstance(selected, HttpBody):
        body: HttpBody = selected
        return Response(body.data, headers=_raw_headers(body, headers))
    if isinstance(selected, message.Message):
        return json_response(to_json(selected), headers=headers)
    return json_response(selected, headers=headers)


def _raw_headers(body: HttpBody, headers: dict[str, str]) -> dict[str, str]:
    """Headers with the HttpBody's content type exactly as the service set it.

    (Passing it as ``media_type`` would let Starlette append a charset to text types.)
    HttpBody is untyped for mypy (no stubs reach it), hence the named local types.
    """
    content_type: str = body.content_type or OCTET_STREAM
    return {**headers, "content-type": content_type}


def wants_sse(accept: str) -> bool:
    """True when the Accept header asks for Server-Sent Events."""
    return any(part.split(";")[0].strip().lower() == SSE_MEDIA for part in accept.split(","))


def _stream_item(binding: Binding, item: message.Message) -> object:
    if binding.response_body:
        selected = _select(item, binding.response_body)
        return to_json(selected) if isinstance(selected, message.Message) else selected
    return to_json(item)


def _failure_status(error: BaseException) -> status_pb2.Status:
    if isinstance(error, grpc.aio.AioRpcError):
        return status_from_rpc_error(error)
    _log.error("upstream stream failed", exc_info=error)
    return status_pb2.Status(code=grpc.StatusCode.INTERNAL.value[0], message=INTERNAL_TEXT)


async def render_stream(
    binding: Binding, stream: UpstreamStream, accept: str, headers: dict[str, str]
) -> Response:
    """The HTTP response of a server-streaming call.

    The first message is awaited here, so a call that fails at once (not found,
    permission denied) raises AioRpcError to the caller and gets a proper status.
    """
    first = await stream.read()
    if binding.response_class is HttpBody:
        head: HttpBody = first if isinstance(first, HttpBody) else HttpBody()
        return StreamingResponse(
            _raw_chunks(binding, stream, first),
            headers=_raw_headers(head, {**headers, **_STREAM_HEADERS}),
        )
    sse = wants_sse(accept)
    encode: Callable[[object], bytes] = _sse_event if sse else _ndjson_line
    encode_error = _sse_error if sse else _ndjson_error
    return StreamingResponse(
        _json_chunks(binding, stream, first, encode, encode_error),
        media_type=SSE_MEDIA if sse else NDJSON_MEDIA,
        headers={**headers, **_STREAM_HEADERS},
    )


def _ndjson_line(payload: object) -> bytes:
    return dumps(payload) + b"\n"


def _ndjson_error(status: status_pb2.Status) -> bytes:
    return dumps({"error": status_to_json(status)}) + b"\n"


def _sse_event(payload: object) -> bytes:
    return b"data: " + dumps(payload) + b"\n\n"


def _sse_error(status: status_pb2.Status) -> bytes:
    return b"event: error\ndata: " + dumps(status_to_json(status)) + b"\n\n"


async def _json_chunks(
    binding: Binding,
    stream: UpstreamStream,
    first: message.Message | None,
    encode: Callable[[object], bytes],
    encode_error: Callable[[status_pb2.Status], bytes],
) -> AsyncIterator[bytes]:
    item = first
    try:
        while item is not None:
            yield encode(_stream_item(binding, item))
            item = await stream.read()
    except Exception as exc:  # noqa: BLE001  # every failure becomes the stream's last line
        yield encode_error(_failure_status(exc))
    finally:
        stream.finish()


async def _raw_chunks(
    binding: Binding, stream: UpstreamStream, first: message.Message | None
) -> AsyncIterator[bytes]:
    item = first
    try:
        while isinstance(item, HttpBody):
            yield item.data
            item = await stream.read()
    except Exception as exc:
        status = _failure_status(exc)
        _log.warning(
            "%s: raw stream broke after its first bytes: %s", binding.grpc_path, status.message
        )
        raise StreamBrokenError(status.message) from exc
    finally:
        stream.finish()
