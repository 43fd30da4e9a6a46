"""The server's wrapping stages run as one Chain: the same handler grpc.aio would build
running them one by one, stages that do nothing for a method leave it alone."""

from __future__ import annotations

from typing import Any

import grpc
import pytest

from services.runtime.descriptors import MethodPolicy
from services.runtime.interceptors import (
    AuditEvent,
    AuditInterceptor,
    Behavior,
    Chain,
    ErrorInterceptor,
    TextInputInterceptor,
    _Stage,
)

GET_ASSET = "/pursight.catalog.v1.CatalogService/GetAsset"  # read: not audited
UPDATE_ASSET = "/pursight.catalog.v1.CatalogService/UpdateAsset"  # audited
HEALTH = "/grpc.health.v1.Health/Check"


class Recorder(_Stage):
    """Appends its name to ``log`` before and after the call."""

    def __init__(self, name: str, log: list[str]) -> None:
        super().__init__()
        self.name = name
        self.log = log

    async def before(
        self, method: str, policy: MethodPolicy | None, request: Any, context: Any
    ) -> None:
        self.log.append(f"{self.name} before")

    async def around_unary(
        self,
        method: str,
        policy: MethodPolicy | None,
        behavior: Behavior,
        request: Any,
        context: Any,
    ) -> Any:
        self.log.append(f"{self.name} around")
        response = await behavior(request, context)
        self.log.append(f"{self.name} after")
        return response


class Details:
    """What grpc.aio gives an interceptor about a call."""

    def __init__(self, method: str) -> None:
        self.method = method
        self.invocation_metadata = ()


def _handler(log: list[str]) -> grpc.RpcMethodHandler[Any, Any]:
    async def behavior(request: Any, context: Any) -> str:
        log.append("handler")
        return f"answer to {request}"

    return grpc.unary_unary_rpc_method_handler(behavior)


async def _call(handler: grpc.RpcMethodHandler[Any, Any], request: Any = "q") -> Any:
    assert handler.unary_unary is not None
    return await handler.unary_unary(request, None)  # type: ignore[arg-type]


async def test_chain_runs_stages_outermost_first_as_grpc_would() -> None:
    log: list[str] = []
    chain = Chain([Recorder("outer", log), Recorder("inner", log)])

    async def continuation(details: Any) -> grpc.RpcMethodHandler[Any, Any]:
        return handler

    handler = _handler(log)
    details = Details(GET_ASSET)
    wrapped = await chain.intercept_service(continuation, details)
    assert wrapped is not None
    assert await _call(wrapped) == "answer to q"
    assert log == [
        "outer before",
        "outer around",
        "inner before",
        "inner around",
        "handler",
        "inner after",
        "outer after",
    ]
    # Built once per method: the next call gets the very same handler.
    assert await chain.intercept_service(continuation, details) is wrapped


async def test_chain_passes_on_a_method_no_servicer_has() -> None:
    chain = Chain([Recorder("only", [])])

    async def continuation(details: Any) -> None:
        return None

    details = Details("/nobody.Home/Call")
    assert await chain.intercept_service(continuation, details) is None  # type: ignore[arg-type]


class Trail:
    def __init__(self) -> None:
        self.events: list[AuditEvent] = []

    async def ready(self) -> None:
        return None

    async def record(self, event: AuditEvent) -> None:
        self.events.append(event)


async def test_audit_leaves_unaudited_methods_alone_and_records_audited_ones() -> None:
    trail = Trail()
    audit = AuditInterceptor(trail)
    handler = _handler([])
    assert audit.wrap_handler(GET_ASSET, handler) is handler
    assert audit.wrap_handler(HEALTH, handler) is handler
    wrapped = audit.wrap_handler(UPDATE_ASSET, handler)
    assert wrapped is not handler
    assert await _call(wrapped) == "answer to q"
    assert [(e.method, e.outcome) for e in trail.events] == [(UPDATE_ASSET, "SUCCEEDED")]


@pytest.mark.parametrize("stage", [ErrorInterceptor(), TextInputInterceptor()])
async def test_stages_wrap_every_pursight_method(stage: _Stage) -> None:
    log: list[str] = []
    handler = _handler(log)
    wrapped = stage.wrap_handler(GET_ASSET, handler)
    assert wrapped is not handler
    assert stage.wrap_handler(HEALTH, handler) is handler
    assert await _call(wrapped) == "answer to q"
    assert log == ["handler"]
