"""The one table from gRPC status code to HTTP status.

The mapping is the one documented in google/rpc/code.proto (and used by Google's ESP,
grpc-gateway and Envoy's transcoder), so a REST client sees the same status for the
same failure whichever Google-style API it talks to. A test pins every entry: changing
one is a breaking change for REST clients.
"""

from __future__ import annotations

from types import MappingProxyType

import grpc

HTTP_STATUS_BY_GRPC_CODE: MappingProxyType[grpc.StatusCode, int] = MappingProxyType(
    {
        grpc.StatusCode.OK: 200,
        grpc.StatusCode.CANCELLED: 499,
        grpc.StatusCode.UNKNOWN: 500,
        grpc.StatusCode.INVALID_ARGUMENT: 400,
        grpc.StatusCode.DEADLINE_EXCEEDED: 504,
        grpc.StatusCode.NOT_FOUND: 404,
        grpc.StatusCode.ALREADY_EXISTS: 409,
        grpc.StatusCode.PERMISSION_DENIED: 403,
        grpc.StatusCode.UNAUTHENTICATED: 401,
        grpc.StatusCode.RESOURCE_EXHAUSTED: 429,
        grpc.StatusCode.FAILED_PRECONDITION: 400,
        grpc.StatusCode.ABORTED: 409,
        grpc.StatusCode.OUT_OF_RANGE: 400,
        grpc.StatusCode.UNIMPLEMENTED: 501,
        grpc.StatusCode.INTERNAL: 500,
        grpc.StatusCode.UNAVAILABLE: 503,
        grpc.StatusCode.DATA_LOSS: 500,
    }
)

_CODE_BY_NUMBER: MappingProxyType[int, grpc.StatusCode] = MappingProxyType(
    {code.value[0]: code for code in grpc.StatusCode}
)


def http_status_for(code: grpc.StatusCode) -> int:
    """HTTP status for a gRPC code; anything unexpected is a server error (500)."""
    return HTTP_STATUS_BY_GRPC_CODE.get(code, 500)


def grpc_code_from_number(number: int) -> grpc.StatusCode:
    """The gRPC code with this wire number; unknown numbers read as UNKNOWN."""
    return _CODE_BY_NUMBER.get(number, grpc.StatusCode.UNKNOWN)
