"""The one exception type services raise, and how it becomes a gRPC status.

A ``ServiceError`` carries a status code, a message safe to show to the caller and
google.rpc details (field violations, an ErrorInfo with a machine-readable reason, the
resource it concerns). The error interceptor turns it into a rich status; anything else
that escapes a handler becomes INTERNAL with a generic message and a logged traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

ERROR_DOMAIN = "pursight.io"


@dataclass(frozen=True)
class FieldViolation:
    """One bad field of a request, by its path (``asset.display_name``)."""

    field: str
    description: str


@dataclass
class ServiceError(Exception):
    """A failure the caller should see, with the status code that classifies it."""

    code: grpc.StatusCode
    message: str
    reason: str = ""
    violations: tuple[FieldViolation, ...] = ()
    resource_type: str = ""
    resource_name: str = ""
    metadata: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def to_status(self) -> status_pb2.Status:
        """The google.rpc.Status with this error's details."""
        details: list[any_pb2.Any] = []
        if self.reason:
            info = error_details_pb2.ErrorInfo(
                reason=self.reason, domain=ERROR_DOMAIN, metadata=dict(self.metadata)
            )
            details.append(_pack(info))
        if self.violations:
            request = error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field=v.field, description=v.description
                    )
                    for v in self.violations
                ]
            )
            details.append(_pack(request))
        if self.resource_name:
            info_r = error_details_pb2.ResourceInfo(
                resource_type=self.resource_type, resource_name=self.resource_name
            )
            details.append(_pack(info_r))
        return status_pb2.Status(code=self.code.value[0], message=self.message, details=details)


def _pack(message: object) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)  # type: ignore[arg-type]
    return packed


def invalid_argument(*violations: FieldViolation, message: str = "") -> ServiceError:
    """INVALID_ARGUMENT naming every bad field."""
    text = message or "; ".join(f"{v.field}: {v.description}" for v in violations)
    return ServiceError(
        grpc.StatusCode.INVALID_ARGUMENT, text, reason="INVALID_ARGUMENT", violations=violations
    )


def bad_field(field_path: str, description: str) -> ServiceError:
    """INVALID_ARGUMENT for one field."""
    return invalid_argument(FieldViolation(field_path, description))


def not_found(resource_type: str, name: str) -> ServiceError:
    return ServiceError(
        grpc.StatusCode.NOT_FOUND,
        f"{resource_type} {name!r} not found",
        reason="NOT_FOUND",
        resource_type=resource_type,
        resource_name=name,
    )


def already_exists(resource_type: str, name: str) -> ServiceError:
    return ServiceError(
        grpc.StatusCode.ALREADY_EXISTS,
        f"{resource_type} {name!r} already exists",
        reason="ALREADY_EXISTS",
        resource_type=resource_type,
        resource_name=name,
    )


def aborted_etag(resource_type: str, name: str) -> ServiceError:
    return ServiceError(
        grpc.StatusCode.ABORTED,
        f"{resource_type} {name!r} was changed by someone else; read it again and retry",
        reason="ETAG_MISMATCH",
        resource_type=resource_type,
        resource_name=name,
    )


def failed_precondition(message: str, reason: str = "FAILED_PRECONDITION") -> ServiceError:
    return ServiceError(grpc.StatusCode.FAILED_PRECONDITION, message, reason=reason)


def unauthenticated(message: str, reason: str = "UNAUTHENTICATED") -> ServiceError:
    return ServiceError(grpc.StatusCode.UNAUTHENTICATED, message, reason=reason)


def permission_denied(permission: str, resource: str = "") -> ServiceError:
    where = f" on {resource!r}" if resource else ""
    return ServiceError(
        grpc.StatusCode.PERMISSION_DENIED,
        f"the caller lacks permission {permission!r}{where}",
        reason="PERMISSION_DENIED",
        metadata={"permission": permission},
    )


def resource_exhausted(message: str, reason: str = "RESOURCE_EXHAUSTED") -> ServiceError:
    return ServiceError(grpc.StatusCode.RESOURCE_EXHAUSTED, message, reason=reason)


def collect(violations: Iterable[FieldViolation]) -> None:
    """Raises INVALID_ARGUMENT when ``violations`` holds any, naming all of them."""
    found = tuple(violations)
    if found:
        raise invalid_argument(*found)


INTERNAL_STATUS = status_pb2.Status(code=code_pb2.INTERNAL, message="internal error")
