"""The connector boundary's one exception type, and how failures map to status codes.

Drivers raise dozens of exception types; a connector turns each into a
``ConnectorError`` with a ``FailureKind`` and a message written for people. Messages
never carry a secret: driver text is scrubbed of every secret the connector holds
before it is kept (see ``scrub``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import grpc

from services.connectors.model import FailureKind

# One table from failure to gRPC status, pinned by a unit test. Bad credentials are
# UNAUTHENTICATED; a user the source knows but who may not read is PERMISSION_DENIED,
# and so is an address PurSight refuses to connect to (a policy, not a bad argument).
_STATUS: dict[FailureKind, grpc.StatusCode] = {
    FailureKind.UNREACHABLE: grpc.StatusCode.UNAVAILABLE,
    FailureKind.TIMEOUT: grpc.StatusCode.DEADLINE_EXCEEDED,
    FailureKind.TLS_FAILED: grpc.StatusCode.UNAVAILABLE,
    FailureKind.AUTH_FAILED: grpc.StatusCode.UNAUTHENTICATED,
    FailureKind.NOT_FOUND: grpc.StatusCode.NOT_FOUND,
    FailureKind.INSUFFICIENT_PRIVILEGES: grpc.StatusCode.PERMISSION_DENIED,
    FailureKind.ADDRESS_BLOCKED: grpc.StatusCode.PERMISSION_DENIED,
    FailureKind.DRIVER_MISSING: grpc.StatusCode.FAILED_PRECONDITION,
    FailureKind.INVALID_CONFIG: grpc.StatusCode.INVALID_ARGUMENT,
    FailureKind.OTHER: grpc.StatusCode.UNKNOWN,
}


def status_code(failure: FailureKind) -> grpc.StatusCode:
    """The gRPC status a failure of this kind is reported with."""
    return _STATUS[failure]


class ConnectorError(Exception):
    """A source refused or failed an operation. ``step`` names the test step it
    happened in; ``object`` the table or file it concerns, when one."""

    def __init__(
        self, failure: FailureKind, message: str, *, step: str = "", object: str = ""
    ) -> None:
        super().__init__(message)
        self.failure = failure
        self.message = message
        self.step = step
        self.object = object

    @property
    def code(self) -> grpc.StatusCode:
        return status_code(self.failure)


class ConfigError(ValueError):
    """A connection config is invalid; ``violations`` name each bad field by its path
    inside the config message (``host``, ``parsing.csv_delimiter``)."""

    def __init__(self, violations: Sequence[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{f}: {d}" for f, d in violations))
        self.violations = tuple(violations)


class ConfigCheck:
    """Collects config violations and raises them all at once."""

    def __init__(self) -> None:
        self._found: list[tuple[str, str]] = []

    def require(self, condition: bool, field: str, description: str) -> None:
        if not condition:
            self._found.append((field, description))

    def done(self) -> None:
        if self._found:
            raise ConfigError(self._found)


def scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret replaced by ``***``, cut to a readable length. Driver
    messages rarely quote a secret, but a connection string echoed back would."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text if len(text) <= 500 else text[:497] + "..."
