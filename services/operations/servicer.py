"""OperationsService: the long-running-work mixin every PurSight server answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from google.protobuf import empty_pb2

from pursight.common.v1 import operation_pb2, operation_pb2_grpc
from services.runtime.errors import bad_field
from services.runtime.operations import OperationStore
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.service import Runtime


class OperationsServicer(operation_pb2_grpc.OperationsServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._store = OperationStore(runtime.db.primary, runtime.redis)

    async def GetOperation(
        self, request: operation_pb2.GetOperationRequest, context: Any
    ) -> operation_pb2.Operation:
        return await self._store.get(request.name)

    async def ListOperations(
        self, request: operation_pb2.ListOperationsRequest, context: Any
    ) -> operation_pb2.ListOperationsResponse:
        size = page_size(request.page_size)
        filters = [request.kind, request.target, request.running_only]
        position = decode_token(request.page_token, filters)
        before = None
        if position is not None:
            try:
                before = (datetime.fromisoformat(position[0]), str(position[1]))
            except (TypeError, ValueError, IndexError):
                raise bad_field("page_token", "is not a token this service issued") from None
        found = await self._store.list(
            limit=size + 1,
            before=before,
            kind=request.kind,
            target=request.target,
            running_only=request.running_only,
        )
        response = operation_pb2.ListOperationsResponse(operations=found[:size])
        if len(found) > size:
            last = found[size - 1]
            response.next_page_token = encode_token(
                [
                    last.create_time.ToDatetime(tzinfo=UTC).isoformat(),
                    last.name.removeprefix("operations/"),
                ],
                filters,
            )
        return response

    async def WatchOperation(
        self, request: operation_pb2.WatchOperationRequest, context: Any
    ) -> AsyncIterator[operation_pb2.Operation]:
        async for operation in self._store.watch(request.name):
            yield operation

    async def CancelOperation(
        self, request: operation_pb2.CancelOperationRequest, context: Any
    ) -> operation_pb2.Operation:
        return await self._store.request_cancel(request.name)

    async def DeleteOperation(
        self, request: operation_pb2.DeleteOperationRequest, context: Any
    ) -> empty_pb2.Empty:
        await self._store.delete(request.name)
        return empty_pb2.Empty()
