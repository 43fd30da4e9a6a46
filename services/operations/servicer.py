"""OperationsService: the long-running-work mixin every PurSight server answers.

An operation's name does not show what it is about, so the contract lets a caller in
when it holds the permission at any scope (``any_scope``) and the checks happen here,
against the operation's ``target``: a caller reads, cancels or deletes an operation
when it holds the permission on the target's scope or started the operation itself,
and lists only such operations.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from google.protobuf import empty_pb2

from pursight.common.v1 import operation_pb2, operation_pb2_grpc
from services.runtime.access import for_runtime
from services.runtime.context import current_principal
from services.runtime.errors import bad_field, permission_denied
from services.runtime.operations import OperationStore, Visible
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.scopes import PLATFORM, scope_of, within
from services.runtime.service import Runtime


class OperationsServicer(operation_pb2_grpc.OperationsServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._store = OperationStore(runtime.db.primary, runtime.redis)
        self._access = for_runtime(runtime)

    async def _allowed(self, name: str, permission: str) -> operation_pb2.Operation:
        """The operation, when the caller may act on it with ``permission``: held on the
        target's scope, or the caller's own operation on a scope not denied to it."""
        operation = await self._store.get(name)
        caller = current_principal()
        scope = scope_of(operation.target) or PLATFORM
        if operation.creator and operation.creator == caller.name:
            grants = await self._access.grants(caller, permission)
            if not any(within(scope, denied) for denied in grants.denied):
                return operation
        if not (await self._access.check(caller, permission, [scope])).allowed:
            raise permission_denied(permission, name)
        return operation

    async def _visible(self, permission: str) -> Visible | None:
        """What ListOperations may show the caller; None for nothing at all."""
        caller = current_principal()
        grants = await self._access.grants(caller, permission)
        if PLATFORM in grants.denied or not caller.name:
            return None
        return Visible(
            everywhere=grants.platform_wide,
            allowed=grants.allowed,
            denied=grants.denied,
            creator=caller.name,
        )

    async def GetOperation(
        self, request: operation_pb2.GetOperationRequest, context: Any
    ) -> operation_pb2.Operation:
        return await self._allowed(request.name, "operations.operations.read")

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
        visible = await self._visible("operations.operations.list")
        if visible is None:
            return operation_pb2.ListOperationsResponse()
        found = await self._store.list(
            limit=size + 1,
            before=before,
            kind=request.kind,
            target=request.target,
            running_only=request.running_only,
            visible=visible,
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
        await self._allowed(request.name, "operations.operations.read")
        async for operation in self._store.watch(request.name):
            yield operation

    async def CancelOperation(
        self, request: operation_pb2.CancelOperationRequest, context: Any
    ) -> operation_pb2.Operation:
        await self._allowed(request.name, "operations.operations.cancel")
        return await self._store.request_cancel(request.name)

    async def DeleteOperation(
        self, request: operation_pb2.DeleteOperationRequest, context: Any
    ) -> empty_pb2.Empty:
        await self._allowed(request.name, "operations.operations.delete")
        await self._store.delete(request.name)
        return empty_pb2.Empty()
