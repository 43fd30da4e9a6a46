"""The operations mixin: start, progress, watch, cancel, finish, list, delete."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from google.protobuf import wrappers_pb2
from google.rpc import code_pb2, status_pb2

from pursight.common.v1 import operation_pb2, operation_pb2_grpc
from services.runtime.operations import OperationStore
from tests.conftest import Platform

State = operation_pb2.Operation.State


def _store(platform: Platform) -> OperationStore:
    assert platform.server.runtime is not None
    return OperationStore(platform.server.runtime.db.primary, platform.server.runtime.redis)


def _stub(platform: Platform) -> operation_pb2_grpc.OperationsServiceStub:
    return operation_pb2_grpc.OperationsServiceStub(platform.channel)


async def test_watch_streams_progress_until_done(platform: Platform) -> None:
    store = _store(platform)
    op = await store.start("test.work", "workspaces/w", "users/admin")
    assert op.state == State.STATE_PENDING
    stream = _stub(platform).WatchOperation(
        operation_pb2.WatchOperationRequest(name=op.name), metadata=platform.admin
    )
    first = await stream.read()
    assert first.state == State.STATE_PENDING

    async def work() -> None:
        for step in range(1, 4):
            await store.progress(op.name, fraction=step / 4, message=f"step {step}")
            await asyncio.sleep(0.05)
        await store.finish(op.name, response=wrappers_pb2.StringValue(value="all done"))

    worker = asyncio.ensure_future(work())
    seen = [first]
    while not seen[-1].done:
        update = await asyncio.wait_for(stream.read(), 10)
        assert update is not grpc.aio.EOF
        seen.append(update)
    await worker
    assert seen[-1].done
    assert seen[-1].state == State.STATE_SUCCEEDED
    assert seen[-1].progress == 1.0
    value = wrappers_pb2.StringValue()
    assert seen[-1].response.Unpack(value)
    assert value.value == "all done"
    assert any(s.state == State.STATE_RUNNING and s.status_message.startswith("step") for s in seen)


async def test_cancel_is_cooperative_and_finishes_once(platform: Platform) -> None:
    store = _store(platform)
    op = await store.start("test.work", "workspaces/w", "users/admin")
    await store.progress(op.name, fraction=0.1, message="busy")
    cancelling = await _stub(platform).CancelOperation(
        operation_pb2.CancelOperationRequest(name=op.name), metadata=platform.admin
    )
    assert cancelling.state == State.STATE_CANCELLING
    assert await store.cancel_requested(op.name)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _stub(platform).DeleteOperation(
            operation_pb2.DeleteOperationRequest(name=op.name), metadata=platform.admin
        )
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    error = status_pb2.Status(code=code_pb2.CANCELLED, message="cancelled by users/admin")
    assert await store.finish(op.name, error=error, cancelled=True)
    assert not await store.finish(op.name, response=wrappers_pb2.StringValue(value="late"))
    final = await _stub(platform).GetOperation(
        operation_pb2.GetOperationRequest(name=op.name), metadata=platform.admin
    )
    assert final.state == State.STATE_CANCELLED
    assert final.error.code == code_pb2.CANCELLED
    await _stub(platform).DeleteOperation(
        operation_pb2.DeleteOperationRequest(name=op.name), metadata=platform.admin
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _stub(platform).GetOperation(
            operation_pb2.GetOperationRequest(name=op.name), metadata=platform.admin
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


async def test_list_filters_and_pages(platform: Platform) -> None:
    store = _store(platform)
    names = [
        (await store.start("test.listed", "workspaces/list-target", "users/admin")).name
        for _ in range(5)
    ]
    await store.finish(names[0], response=wrappers_pb2.StringValue(value="x"))
    seen: list[str] = []
    token = ""
    while True:
        page = await _stub(platform).ListOperations(
            operation_pb2.ListOperationsRequest(kind="test.listed", page_size=2, page_token=token),
            metadata=platform.admin,
        )
        seen += [o.name for o in page.operations]
        token = page.next_page_token
        if not token:
            break
    assert seen == list(reversed(names))
    running = await _stub(platform).ListOperations(
        operation_pb2.ListOperationsRequest(target="workspaces/list-target", running_only=True),
        metadata=platform.admin,
    )
    assert {o.name for o in running.operations} == set(names[1:])


async def test_bad_names_are_invalid(platform: Platform) -> None:
    for name in ("operations/", "ops/abc", "operations/../x"):
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await _stub(platform).GetOperation(
                operation_pb2.GetOperationRequest(name=name), metadata=platform.admin
            )
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
