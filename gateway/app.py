"""The REST gateway application: routes come from the descriptors, not from code.

``create_app`` reads every ``pursight.*`` service's google.api.http options at start-up,
compiles their path templates into one router and mounts a single catch-all route that
transcodes each request to a gRPC call on the owning service. FastAPI is there for
``/docs`` (Swagger UI); the OpenAPI document it serves is generated from the same
descriptors by ``gateway.openapi``, so documentation and routing cannot drift apart.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import quote

import grpc
from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from gateway import upstream
from gateway.bindings import collect_bindings
from gateway.errors import INTERNAL_TEXT, GatewayError, gateway_error, status_from_rpc_error
from gateway.openapi import build_openapi
from gateway.request_decoding import build_request
from gateway.responses import error_response, json_response, render_stream, render_unary
from gateway.router import Router
from gateway.status_map import http_status_for
from gateway.upstream import REQUEST_ID_HEADER, ChannelPool
from services.runtime.metrics import HttpMetricsMiddleware, serve_metrics
from services.runtime.settings import Settings

_log = logging.getLogger(__name__)

TITLE = "PurSight API"
VERSION = "v1"


class GatewayApp(FastAPI):
    """FastAPI whose ``openapi()`` is the descriptor-generated document.

    Overriding the method (rather than letting FastAPI introspect routes) is the
    documented way to serve a custom schema; ``/docs`` then shows it as-is.
    """

    def __init__(self, document: dict[str, Any], **kwargs: Any) -> None:
        self._document = document
        super().__init__(**kwargs)

    def openapi(self) -> dict[str, Any]:
        return self._document


class _Gateway:
    """The catch-all endpoint, as an ASGI app so every HTTP method reaches it.

    (Starlette limits a function endpoint to GET unless given a method list; the
    router here answers 405 itself, with a Status body and an Allow header.)
    """

    def __init__(self, settings: Settings, router: Router, channels: ChannelPool) -> None:
        self.settings = settings
        self.router = router
        self.channels = channels
        self.forwarding = upstream.ClientForwarding.from_settings(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.handle(Request(scope, receive))
        await response(scope, receive, send)

    async def handle(self, request: Request) -> Response:
        """Transcodes one HTTP request; every failure becomes a JSON Status response."""
        request_id = upstream.request_id_from(request.headers)
        echo = {REQUEST_ID_HEADER: request_id}
        try:
            return await self._transcode(request, request_id, echo)
        except GatewayError as exc:
            return error_response(exc.status, exc.http_status, {**exc.headers, **echo})
        except grpc.aio.AioRpcError as exc:
            status = status_from_rpc_error(exc)
            return error_response(status, http_status_for(exc.code()), echo)
        except Exception:  # noqa: BLE001  # the client gets INTERNAL, the log gets the traceback
            _log.exception(
                "request %s %s failed (request id %s)", request.method, request.url.path, request_id
            )
            status = gateway_error(grpc.StatusCode.INTERNAL, INTERNAL_TEXT).status
            return error_response(status, 500, echo)

    async def _transcode(self, request: Request, request_id: str, echo: dict[str, str]) -> Response:
        match = self.router.match(request.method, _raw_path(request))
        binding = match.binding
        body = await self._read_body(request) if binding.body else b""
        query = _query_string(request)
        message = build_request(match, query, body, request.headers.get("content-type", ""))
        client_host = request.client.host if request.client else None
        options = upstream.call_options(
            request.headers, client_host, self.settings, request_id, self.forwarding
        )
        if binding.server_streaming:
            stream = upstream.open_stream(self.channels, binding, message, options)
            try:
                return await render_stream(binding, stream, request.headers.get("accept", ""), echo)
            except BaseException:
                stream.finish()
                raise
        response = await upstream.call_unary(self.channels, binding, message, options)
        return render_unary(binding, response, echo)

    async def _read_body(self, request: Request) -> bytes:
        """The body, refused with 413 past max_message_bytes before it is all read."""
        limit = self.settings.max_message_bytes
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _too_large(limit)
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            chunks.append(chunk)
        return b"".join(chunks)


def _too_large(limit: int) -> GatewayError:
    return gateway_error(
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        f"the body is larger than {limit} bytes",
        http_status=413,
    )


def _raw_path(request: Request) -> str:
    """The path as sent (still percent-encoded), without the mount prefix."""
    raw = request.scope.get("raw_path")
    if isinstance(raw, bytes):
        try:
            path = raw.split(b"?", 1)[0].decode("utf-8")
        except UnicodeDecodeError:
            raise gateway_error(grpc.StatusCode.INVALID_ARGUMENT, "the path is not UTF-8") from None
    else:
        path = quote(str(request.scope.get("path", "/")))
    root = str(request.scope.get("root_path", ""))
    if root and path.startswith(root):
        path = path[len(root) :] or "/"
    return path


def _query_string(request: Request) -> str:
    raw = request.scope.get("query_string", b"")
    if not isinstance(raw, bytes):
        return ""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise gateway_error(
            grpc.StatusCode.INVALID_ARGUMENT, "the query string is not UTF-8"
        ) from None


def _instrument(app: FastAPI) -> None:
    """Server spans from opentelemetry-instrumentation-fastapi, when it is installed.

    The gateway also opens a client span per upstream call itself (see ``upstream``),
    so traces stay connected without the instrumentation.
    """
    try:
        module = importlib.import_module("opentelemetry.instrumentation.fastapi")
    except ImportError:
        return
    # No internal spans for each ASGI receive and send event: two extra spans per request
    # that say nothing the server span does not, and a quarter of the gateway's CPU per
    # request in the REST benchmark.
    module.FastAPIInstrumentor.instrument_app(
        app, excluded_urls="healthz,docs,openapi.json", exclude_spans=["receive", "send"]
    )


def create_app(
    settings: Settings,
    *,
    channel_factory: Callable[[str], grpc.aio.Channel] | None = None,
) -> FastAPI:
    """The gateway for every http-annotated RPC of every ``pursight.*`` service.

    ``channel_factory`` replaces how a channel to an upstream address is made (tests,
    TLS, interceptors); by default it is an insecure channel with the message size
    limits from settings. Channels are made on first use and closed at shutdown.
    """
    router = Router(collect_bindings())
    channels = ChannelPool(settings, channel_factory)
    gateway = _Gateway(settings, router, channels)
    document = build_openapi(router.bindings, title=TITLE, version=VERSION)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        serve_metrics(settings.metrics_port, settings.gateway_host)
        try:
            yield
        finally:
            await channels.close()

    app = GatewayApp(
        document,
        title=TITLE,
        version=VERSION,
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        lifespan=lifespan,
    )

    async def healthz(_: Request) -> Response:
        """Liveness of the gateway itself; upstream health is the mesh's business."""
        return json_response({"status": "SERVING"})

    app.add_route("/healthz", healthz, methods=["GET"], include_in_schema=False)
    # A Route around an ASGI object takes every method (see _Gateway).
    app.router.routes.append(Route("/{path:path}", endpoint=gateway, include_in_schema=False))
    # The route's pattern cannot match a path holding a newline (%0A decodes to one and
    # `.` stops there); such requests reach the router's default, which must also be
    # the gateway so they get a Status body, not Starlette's {"detail": "Not Found"}.
    app.router.default = gateway
    app.add_middleware(HttpMetricsMiddleware, route_of=_route_of(router))
    _instrument(app)
    return app


def _route_of(router: Router) -> Callable[[str, str], str]:
    """The metrics label of a request: its path template, so ids stay out of labels."""

    def route_of(method: str, path: str) -> str:
        if path in {"/healthz", "/openapi.json"} or path.startswith("/docs"):
            return path
        try:
            return router.match(method, path).binding.template.source
        except GatewayError:
            return "unmatched"

    return route_of
