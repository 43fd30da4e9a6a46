"""Opening a data source for a run: its connection from the datasource service.

A scan worker has no user token and no access to another service's tables, so it asks
``DataSourceService.ResolveConnection`` (an internal RPC) as ``services/scan`` for the
source's kind, config, limits and decrypted credential, and opens a connector from the
answer. The credential lives in the connector's memory only, for the run's duration.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import grpc

from pursight.datasource.v1 import datasource_pb2, datasource_pb2_grpc
from services.connectors import ConfigError, Connector, ConnectorError, open_resolved
from services.runtime.service import Runtime

SERVICE = "scan"


class SourceError(Exception):
    """The source cannot be opened; ``code`` is the status the failed run reports."""

    def __init__(self, code: grpc.StatusCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class OpenedSource:
    """A connector for one run, and how the source calls itself."""

    connector: Connector
    display_name: str

    @property
    def root(self) -> str:
        return self.connector.root


class SourceResolver(Protocol):
    """Opens the connector of a data source (``workspaces/{w}/dataSources/{d}``)."""

    async def resolve(self, data_source: str) -> OpenedSource: ...


class DataSourceResolver:
    """Resolves through the datasource service, over gRPC, as across the mesh."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime

    async def resolve(self, data_source: str) -> OpenedSource:
        stub = self._runtime.clients.stub("datasource", datasource_pb2_grpc.DataSourceServiceStub)
        try:
            resolved = await stub.ResolveConnection(
                datasource_pb2.ResolveConnectionRequest(name=data_source),
                metadata=self._runtime.identity.metadata(SERVICE),
            )
        except grpc.aio.AioRpcError as exc:
            code = exc.code()
            if code == grpc.StatusCode.NOT_FOUND:
                raise SourceError(code, f"data source {data_source} no longer exists") from None
            raise SourceError(
                code, f"the datasource service could not resolve {data_source}: {exc.details()}"
            ) from None
        try:
            connector = open_resolved(resolved)
        except ConfigError as exc:
            raise SourceError(
                grpc.StatusCode.FAILED_PRECONDITION, f"the data source's config is invalid: {exc}"
            ) from None
        except ConnectorError as exc:
            raise SourceError(exc.code, exc.message) from None
        except LookupError as exc:
            raise SourceError(grpc.StatusCode.FAILED_PRECONDITION, str(exc)) from None
        return OpenedSource(connector, resolved.data_source.display_name)
