"""The gateway's one error type, and how any failure becomes a JSON google.rpc.Status.

REST clients get the same error shape whether the gateway refused the request itself
(bad JSON, an unknown query parameter) or the upstream service failed it: an HTTP
status from ``status_map`` and a body that is the proto3 JSON form of google.rpc.Status,
details included. Upstream rich statuses travel in the ``grpc-status-details-bin``
trailer; when it is missing or contradicts the call's code, the plain code and message
are used instead so the client never sees a status that disagrees with itself.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable
from typing import Any

import grpc
from google.protobuf import any_pb2, json_format, message
from google.rpc import code_pb2, error_details_pb2, status_pb2

from gateway.status_map import grpc_code_from_number, http_status_for

_log = logging.getLogger(__name__)

STATUS_DETAILS_KEY = "grpc-status-details-bin"
# What a client is told about a failure the gateway did not expect; details go to the log.
INTERNAL_TEXT = "internal error"


class GatewayError(Exception):
    """A failure to report to the REST client as an HTTP status and a Status body.

    ``http_status`` defaults to the standard mapping of the status code; the gateway
    overrides it only where HTTP has a more precise word than gRPC (404 for an unknown
    route, 405 for a known path with the wrong method, 413 for an oversized body).
    """

    def __init__(
        self,
        status: status_pb2.Status,
        *,
        http_status: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status.message)
        self.status = status
        self.http_status = (
            http_status
            if http_status is not None
            else http_status_for(grpc_code_from_number(status.code))
        )
        self.headers = dict(headers or {})


def _pack(detail: message.Message) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(detail)
    return packed


def shown(value: object, limit: int = 40) -> str:
    """``repr`` of a client-sent value, cut short: error messages must stay small."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def bad_request(field: str, description: str) -> GatewayError:
    """INVALID_ARGUMENT (400) with a BadRequest detail naming the offending field."""
    violation = error_details_pb2.BadRequest.FieldViolation(field=field, description=description)
    detail = error_details_pb2.BadRequest(field_violations=[violation])
    text = f"{field}: {description}" if field else description
    status = status_pb2.Status(
        code=code_pb2.INVALID_ARGUMENT, message=text, details=[_pack(detail)]
    )
    return GatewayError(status)


def gateway_error(
    code: grpc.StatusCode,
    text: str,
    *,
    http_status: int | None = None,
    headers: dict[str, str] | None = None,
) -> GatewayError:
    """A plain status (no details) raised by the gateway itself."""
    status = status_pb2.Status(code=code.value[0], message=text)
    return GatewayError(status, http_status=http_status, headers=headers)


def status_from_rpc_error(error: grpc.aio.AioRpcError) -> status_pb2.Status:
    """The upstream's google.rpc.Status: the rich one from the trailer when it agrees.

    grpc_status.rpc_status.from_call does the same for a live call; the gateway only
    holds the raised AioRpcError, whose trailing metadata carries the same bytes.
    """
    code = error.code()
    text = error.details() or ""
    trailing: Iterable[Any] = error.trailing_metadata() or ()
    for key, value in trailing:
        if key != STATUS_DETAILS_KEY or not isinstance(value, bytes):
            continue
        try:
            rich = status_pb2.Status.FromString(value)
        except message.DecodeError:
            _log.warning("upstream sent an undecodable %s trailer", STATUS_DETAILS_KEY)
            break
        if rich.code == code.value[0]:
            return rich
        _log.warning(
            "upstream rich status code %d disagrees with call code %s; using the call's",
            rich.code,
            code.name,
        )
        break
    return status_pb2.Status(code=code.value[0], message=text)


def status_to_json(status: status_pb2.Status) -> dict[str, Any]:
    """proto3 JSON of a Status, keeping ``code`` even when zero and every detail.

    A detail whose type the gateway does not know cannot be rendered field by field;
    it is passed on as ``{"@type": ..., "value": <base64>}`` rather than dropped.
    """
    body: dict[str, Any] = {"code": status.code, "message": status.message}
    details: list[dict[str, Any]] = []
    for detail in status.details:
        try:
            details.append(json_format.MessageToDict(detail, preserving_proto_field_name=False))
        except (TypeError, KeyError, json_format.Error):
            details.append(
                {
                    "@type": detail.type_url,
                    "value": base64.b64encode(detail.value).decode("ascii"),
                }
            )
    if details:
        body["details"] = details
    return body
