"""Prometheus metrics of every server: what a canary analysis reads.

Per RPC, the requests handled by code and a latency histogram, under the names
go-grpc-prometheus made common (``grpc_server_handled_total``,
``grpc_server_handling_seconds``), so stock dashboards and Flagger queries work; the
gateway adds the same for HTTP. ``pursight_build_info`` carries each process's version,
and the health service answers every Check with a ``pursight-version`` header, so a
rollout can see which version answered. The scrape endpoint listens on
PURSIGHT_METRICS_PORT (0, the default, keeps it off).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc
from prometheus_client import Counter, Gauge, Histogram, start_http_server
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.runtime.descriptors import INFRASTRUCTURE_SERVICES
from services.runtime.interceptors import Behavior, WrappingInterceptor, _wrap_handler

log = logging.getLogger(__name__)

VERSION_HEADER = "pursight-version"
HEALTH_CHECK = "/grpc.health.v1.Health/Check"
# Seconds; fine below 100 ms where the canary's p99 gate (500 ms) must be read well.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

GRPC_STARTED = Counter(
    "grpc_server_started_total",
    "RPCs started on the server.",
    ["grpc_service", "grpc_method", "grpc_type"],
)
GRPC_HANDLED = Counter(
    "grpc_server_handled_total",
    "RPCs completed on the server, by status code.",
    ["grpc_service", "grpc_method", "grpc_type", "grpc_code"],
)
GRPC_LATENCY = Histogram(
    "grpc_server_handling_seconds",
    "Time from the start of an RPC to its status, in seconds.",
    ["grpc_service", "grpc_method", "grpc_type"],
    buckets=LATENCY_BUCKETS,
)
HTTP_HANDLED = Counter(
    "http_server_requests_total",
    "HTTP requests the gateway answered, by route template and status.",
    ["method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "http_server_request_duration_seconds",
    "Time to the end of the gateway's response, in seconds.",
    ["method", "route"],
    buckets=LATENCY_BUCKETS,
)
BUILD_INFO = Gauge("pursight_build_info", "1, labelled with the running version.", ["version"])


def _rpc_type(handler: grpc.RpcMethodHandler[Any, Any]) -> str:
    if handler.unary_unary:
        return "unary"
    if handler.unary_stream:
        return "server_stream"
    if handler.stream_unary:
        return "client_stream"
    return "bidi_stream"


def _code(context: grpc.aio.ServicerContext[Any, Any], failed: bool) -> str:
    # grpc-stubs types code() as StatusCode; grpc.aio gives None until one is set.
    code: grpc.StatusCode | None = context.code()
    if code is None:
        return "UNKNOWN" if failed else "OK"
    return code.name


class MetricsInterceptor(WrappingInterceptor):
    """Counts and times every PurSight RPC, and stamps health checks with the version.

    It sits right after the tracing interceptor, so its figures include the time spent
    authenticating, authorizing and auditing, and the codes those stages answer with,
    exactly as a client (and the mesh's own metrics) see them.
    """

    def __init__(self, version: str) -> None:
        super().__init__()
        self._version = version
        BUILD_INFO.labels(version).set(1)

    def wrap_handler(
        self, method: str, handler: grpc.RpcMethodHandler[Any, Any]
    ) -> grpc.RpcMethodHandler[Any, Any]:
        if method == HEALTH_CHECK:
            return _wrap_handler(handler, self._stamp, lambda behavior: behavior)
        service, _, name = method.lstrip("/").partition("/")
        if service in INFRASTRUCTURE_SERVICES:
            return handler
        series = _Series((service, name, _rpc_type(handler)))
        return _wrap_handler(
            handler, lambda b: _timed_unary(b, series), lambda b: _timed_stream(b, series)
        )

    def _stamp(self, behavior: Behavior) -> Behavior:
        header = ((VERSION_HEADER, self._version),)

        async def run(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            await context.send_initial_metadata(header)
            return await behavior(request, context)

        return run


class _Series:
    """The children of the three metrics for one method's labels, looked up once
    (``labels()`` takes a lock and builds a key every time); by code for the handled
    counter, as codes come."""

    def __init__(self, labels: tuple[str, str, str]) -> None:
        self.labels = labels
        self.started = GRPC_STARTED.labels(*labels)
        self.latency = GRPC_LATENCY.labels(*labels)
        self._handled: dict[str, Any] = {}

    def handled(self, code: str) -> Any:
        child = self._handled.get(code)
        if child is None:
            child = self._handled[code] = GRPC_HANDLED.labels(*self.labels, code)
        return child


def _timed_unary(behavior: Behavior, series: _Series) -> Behavior:
    async def run(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        series.started.inc()
        started = time.perf_counter()
        failed = True
        try:
            response = await behavior(request, context)
            failed = False
            return response
        finally:
            series.latency.observe(time.perf_counter() - started)
            series.handled(_code(context, failed)).inc()

    return run


def _timed_stream(behavior: Behavior, series: _Series) -> Behavior:
    async def run(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> AsyncIterator[Any]:
        series.started.inc()
        started = time.perf_counter()
        failed = True
        try:
            async for item in behavior(request, context):
                yield item
            failed = False
        finally:
            series.latency.observe(time.perf_counter() - started)
            series.handled(_code(context, failed)).inc()

    return run


RouteOf = Callable[[str, str], str]


class HttpMetricsMiddleware:
    """The gateway's requests by route template (never the raw path: names in paths
    would make one series per resource) and status, with their latency."""

    def __init__(self, app: ASGIApp, route_of: RouteOf) -> None:
        self._app = app
        self._route_of = route_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        method = str(scope.get("method", ""))
        raw = scope.get("raw_path")
        path = raw.decode("latin-1").split("?", 1)[0] if isinstance(raw, bytes) else ""
        route = self._route_of(method, path or str(scope.get("path", "")))
        status = 500
        started = time.perf_counter()

        async def record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self._app(scope, receive, record)
        finally:
            HTTP_LATENCY.labels(method, route).observe(time.perf_counter() - started)
            HTTP_HANDLED.labels(method, route, str(status)).inc()


_served: dict[int, str] = {}
_lock = threading.Lock()


def serve_metrics(port: int, host: str = "0.0.0.0") -> bool:  # noqa: S104 - scraped from outside the pod
    """Starts the /metrics endpoint once per process on ``port``; False when ``port`` is
    0 (off). `pursight up` hosts the services and the gateway in one process, on one
    endpoint: a second call for the same port does nothing."""
    if port == 0:
        return False
    with _lock:
        if port not in _served:
            start_http_server(port, addr=host)
            _served[port] = host
            log.info("Prometheus metrics on http://%s:%d/metrics", host, port)
    return True
