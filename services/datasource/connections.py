"""Reaching sources from the datasource service: connection tests and live browsing.

Connectors come from the shared plug-in registry (``services.connectors``); a
connector is opened per call and closed after, and shares its source's concurrency
cap with every other connector this process opens for the same source. A refusal by
the source is a test result; while browsing it becomes the status its failure kind
maps to, with a message already free of secrets.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from pursight.datasource.v1 import datasource_pb2
from services.connectors import ConnectionCheck, ConnectorError, FailureKind, open_source
from services.connectors.errors import scrub, status_code
from services.connectors.proto import browse_item_to_proto, check_to_proto, credential_from_proto
from services.runtime.errors import ServiceError

log = logging.getLogger(__name__)


def _failed(failure: FailureKind, message: str) -> ConnectionCheck:
    return ConnectionCheck(ok=False, message=message, steps=(), latency=0.0, failure=failure)


async def run_test(
    source: datasource_pb2.DataSource,
    credential: datasource_pb2.Credential | None,
    *,
    check_data_access: bool,
    time_limit: float | None,
    source_key: str = "",
) -> datasource_pb2.ConnectionTestResult:
    """Runs a connection test; every outcome, even a missing driver, is a result."""
    try:
        connector = open_source(source, credential, source_key=source_key)
    except ConnectorError as exc:
        check = _failed(exc.failure, exc.message)
    else:
        async with connector:
            check = await connector.test(check_data_access=check_data_access, time_limit=time_limit)
    return check_to_proto(check, datetime.now(UTC))


async def browse_source(
    source: datasource_pb2.DataSource,
    credential: datasource_pb2.Credential | None,
    path: Sequence[str],
    include_system: bool,
) -> list[datasource_pb2.BrowseEntry]:
    """The entries under ``path``, read live; a refusal is a ServiceError."""
    try:
        async with open_source(source, credential) as connector:
            items = await connector.browse(path, include_system=include_system)
    except ConnectorError as exc:
        secret = credential_from_proto(credential) if credential is not None else None
        message = scrub(exc.message, secret.secrets() if secret else ())
        raise ServiceError(
            status_code(exc.failure),
            f"cannot browse {source.name}: {message}",
            reason=f"SOURCE_{exc.failure.name}",
            resource_type="DataSource",
            resource_name=source.name,
        ) from None
    return [browse_item_to_proto(item) for item in items]
