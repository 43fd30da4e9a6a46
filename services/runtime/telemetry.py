"""Where traces go: Azure Monitor (Application Insights) when a connection string is set.

Spans are made everywhere anyway (the gRPC interceptors, the gateway); without an
exporter the OpenTelemetry API drops them at no cost. ``azure-monitor-opentelemetry``
(the optional ``azure`` extra) raises when configured without a connection string and is
not installed everywhere, so it is switched on only when
APPLICATIONINSIGHTS_CONNECTION_STRING is set (Azure's own variable name, which its SDK
also reads) and its absence is a warning, never a crash.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

import grpc
from opentelemetry.instrumentation.grpc import aio_server_interceptor
from opentelemetry.instrumentation.grpc._server import _wrap_rpc_behavior
from opentelemetry.instrumentation.utils import is_instrumentation_enabled

from services.runtime.interceptors import WrappingInterceptor

log = logging.getLogger(__name__)

CONNECTION_STRING = "APPLICATIONINSIGHTS_CONNECTION_STRING"


def configure_telemetry(service_name: str, environ: Mapping[str, str] | None = None) -> bool:
    """Exports this process's traces and metrics to Azure Monitor when configured;
    returns whether it did. ``service_name`` names the process in Application Insights
    (``pursight-catalog``, ``pursight-gateway``) unless OTEL_SERVICE_NAME says otherwise."""
    env = os.environ if environ is None else environ
    connection_string = env.get(CONNECTION_STRING, "").strip()
    if not connection_string:
        return False
    try:
        module = importlib.import_module("azure.monitor.opentelemetry")
    except ImportError:
        log.warning(
            "%s is set but azure-monitor-opentelemetry is not installed "
            "(pip install 'pursight[azure]'); traces stay local",
            CONNECTION_STRING,
        )
        return False
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource

    resource = Resource.create({SERVICE_NAME: env.get("OTEL_SERVICE_NAME") or service_name})
    try:
        module.configure_azure_monitor(connection_string=connection_string, resource=resource)
    except ValueError as exc:  # a malformed connection string
        log.warning("Azure Monitor export is off: %s", exc)
        return False
    log.info("exporting traces to Azure Monitor as %s", resource.attributes[SERVICE_NAME])
    return True


class _MethodDetails:
    """The call details the tracing wrapper keeps: it reads only the method name."""

    def __init__(self, method: str) -> None:
        self.method = method


class TracingInterceptor(WrappingInterceptor):
    """OpenTelemetry's grpc.aio server interceptor, with its wrapped handler built once
    per method instead of once per call.

    The instrumentation wraps the handler anew for every call, closing over the call's
    details, of which its span reads only the method name; so the wrapper for a method
    is the same call after call and is kept (``HandlerCache``). The spans, their
    attributes, the remote context and the servicer context it hands on are the
    instrumentation's own, made by its code."""

    def __init__(
        self, traced: Callable[[grpc.HandlerCallDetails], bool], tracer_provider: Any = None
    ) -> None:
        super().__init__()
        self._inner = aio_server_interceptor(tracer_provider=tracer_provider, filter_=traced)
        self._traced = traced

    def wants(self, handler_call_details: grpc.HandlerCallDetails) -> bool:
        return is_instrumentation_enabled() and self._traced(handler_call_details)

    def wrap_handler(
        self, method: str, handler: grpc.RpcMethodHandler[Any, Any]
    ) -> grpc.RpcMethodHandler[Any, Any]:
        details = _MethodDetails(method)
        inner = self._inner

        def telemetry_wrapper(
            behavior: Any, request_streaming: bool, response_streaming: bool
        ) -> Any:
            if response_streaming:
                return inner._intercept_aio_server_stream(behavior, details)
            return inner._intercept_aio_server_unary(behavior, details)

        wrapped: grpc.RpcMethodHandler[Any, Any] = _wrap_rpc_behavior(handler, telemetry_wrapper)
        return wrapped
