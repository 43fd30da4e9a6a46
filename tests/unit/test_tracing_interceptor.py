"""The tracing interceptor keeps one wrapper per method; each call's span still has that
call's own peer, user agent and remote parent."""

from __future__ import annotations

from typing import Any

import grpc
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from services.runtime.telemetry import TracingInterceptor

METHOD = "/pursight.test.v1.Probe/Call"
TRACE = "0af7651916cd43dd8448eb211c80319c"


class Probe(grpc.GenericRpcHandler):  # type: ignore[type-arg]  # generic only in grpc-stubs
    def service(self, details: grpc.HandlerCallDetails) -> Any:
        if details.method in (METHOD, "/other.v1.Untraced/Call"):
            return grpc.unary_unary_rpc_method_handler(self._call)
        return None

    async def _call(self, request: bytes, context: Any) -> bytes:
        return request


async def test_each_call_gets_its_own_span() -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    interceptor = TracingInterceptor(lambda d: d.method.startswith("/pursight."), provider)
    server = grpc.aio.server(interceptors=[interceptor])
    server.add_generic_rpc_handlers((Probe(),))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        for agent, parent in (
            ("first-agent", "b7ad6b7169203331"),
            ("second-agent", "00f067aa0ba902b7"),
        ):
            async with grpc.aio.insecure_channel(
                f"127.0.0.1:{port}", options=[("grpc.primary_user_agent", agent)]
            ) as channel:
                call = channel.unary_unary(METHOD)
                traceparent = f"00-{TRACE}-{parent}-01"
                assert await call(b"x", metadata=(("traceparent", traceparent),)) == b"x"
                assert await channel.unary_unary("/other.v1.Untraced/Call")(b"y") == b"y"
    finally:
        await server.stop(0)
    spans = exporter.get_finished_spans()
    assert [s.name for s in spans] == [METHOD, METHOD]
    assert all(s.kind == SpanKind.SERVER for s in spans)
    agents = [str((s.attributes or {}).get("rpc.user_agent", "")) for s in spans]
    assert agents[0].startswith("first-agent")
    assert agents[1].startswith("second-agent")
    assert [f"{s.parent.span_id:016x}" for s in spans if s.parent] == [
        "b7ad6b7169203331",
        "00f067aa0ba902b7",
    ]
    assert {f"{s.context.trace_id:032x}" for s in spans} == {TRACE}
    assert all((s.attributes or {}).get("rpc.method") == "Call" for s in spans)
