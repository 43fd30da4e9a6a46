"""Calls to the upstream services: channels, metadata, deadlines and client spans.

The gateway holds one grpc.aio channel per upstream address (HTTP/2 multiplexes every
call over it; the mesh balances behind it) and calls methods through the generic
``unary_unary`` / ``unary_stream`` multicallables built from the binding's message
classes, so it needs no generated stubs. Every call carries a deadline, the caller's
credentials, a request id and W3C trace context, because the services behind the
gateway authenticate, audit and trace exactly as they do for gRPC clients.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf import message
from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.trace import Span, SpanKind, StatusCode

from gateway.bindings import Binding
from gateway.errors import bad_request
from services.runtime.forwarded import ForwardedFor, Network, client_address
from services.runtime.service_identity import load_service_secret
from services.runtime.settings import Settings

_tracer = trace.get_tracer("pursight.gateway")

ChannelFactory = Callable[[str], grpc.aio.Channel]

REQUEST_ID_HEADER = "x-request-id"
TIMEOUT_HEADER = "x-timeout-seconds"
_REQUEST_ID = re.compile(r"^[\x21-\x7e]{1,128}$")
_PRINTABLE = re.compile(r"^[\x20-\x7e]*$")


class ChannelPool:
    """One cached channel per address, made on first use inside the event loop."""

    def __init__(self, settings: Settings, factory: ChannelFactory | None = None) -> None:
        self._settings = settings
        self._factory = factory or self._default_factory
        self._channels: dict[str, grpc.aio.Channel] = {}
        self._unary: dict[tuple[str, str], grpc.aio.UnaryUnaryMultiCallable[Any, Any]] = {}
        self._stream: dict[tuple[str, str], grpc.aio.UnaryStreamMultiCallable[Any, Any]] = {}

    def _default_factory(self, address: str) -> grpc.aio.Channel:
        limit = self._settings.max_message_bytes
        return grpc.aio.insecure_channel(
            address,
            options=[
                ("grpc.max_send_message_length", limit),
                ("grpc.max_receive_message_length", limit),
            ],
        )

    def channel(self, address: str) -> grpc.aio.Channel:
        """The channel for ``address``, created once."""
        found = self._channels.get(address)
        if found is None:
            found = self._factory(address)
            self._channels[address] = found
        return found

    def _address(self, binding: Binding) -> str:
        return self._settings.service_address(binding.short_name)

    def unary(self, binding: Binding) -> grpc.aio.UnaryUnaryMultiCallable[Any, Any]:
        """The cached generic unary callable for ``binding``'s method on its channel."""
        key = (self._address(binding), binding.grpc_path)
        found = self._unary.get(key)
        if found is None:
            found = self.channel(key[0]).unary_unary(
                binding.grpc_path,
                request_serializer=binding.request_class.SerializeToString,
                response_deserializer=binding.response_class.FromString,
            )
            self._unary[key] = found
        return found

    def stream(self, binding: Binding) -> grpc.aio.UnaryStreamMultiCallable[Any, Any]:
        """The cached generic server-streaming callable for ``binding``'s method."""
        key = (self._address(binding), binding.grpc_path)
        found = self._stream.get(key)
        if found is None:
            found = self.channel(key[0]).unary_stream(
                binding.grpc_path,
                request_serializer=binding.request_class.SerializeToString,
                response_deserializer=binding.response_class.FromString,
            )
            self._stream[key] = found
        return found

    async def close(self) -> None:
        """Closes every channel; in-flight calls get no grace (the server is stopping)."""
        channels, self._channels = self._channels, {}
        self._unary.clear()
        self._stream.clear()
        for channel in channels.values():
            await channel.close(None)


@dataclass(frozen=True)
class CallOptions:
    """What every upstream call of one HTTP request carries."""

    request_id: str
    timeout: float
    metadata: tuple[tuple[str, str], ...]
    parent: otel_context.Context


def request_id_from(headers: Mapping[str, str]) -> str:
    """The client's ``X-Request-Id`` when it is a sane token, else a fresh one."""
    incoming = headers.get(REQUEST_ID_HEADER, "")
    return incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex


@dataclass(frozen=True)
class ClientForwarding:
    """How the gateway tells services who the client is: the proxies whose hops it
    believes, and the signer services check the forwarded address with."""

    trusted: tuple[Network, ...]
    signer: ForwardedFor

    @classmethod
    def from_settings(cls, settings: Settings) -> ClientForwarding:
        return cls(settings.trusted_proxies(), ForwardedFor(load_service_secret(settings)))


def call_options(
    headers: Mapping[str, str],
    client_host: str | None,
    settings: Settings,
    request_id: str,
    forwarding: ClientForwarding,
) -> CallOptions:
    """Metadata and deadline for a request, from its headers and the settings.

    The client may shorten the deadline with ``X-Timeout-Seconds`` but never extend
    it past ``call_timeout_seconds``: the gateway's own budget bounds every call.
    """
    metadata: list[tuple[str, str]] = [(REQUEST_ID_HEADER, request_id)]
    authorization = headers.get("authorization")
    if authorization is not None:
        if not _PRINTABLE.match(authorization):
            raise bad_request("Authorization", "the header must be printable ASCII")
        metadata.append(("authorization", authorization))
    client = client_address(headers.get("x-forwarded-for", ""), client_host, forwarding.trusted)
    if client:
        metadata.extend(forwarding.signer.metadata(request_id, client))
    timeout = settings.call_timeout_seconds
    asked = headers.get(TIMEOUT_HEADER)
    if asked is not None:
        try:
            wanted = float(asked)
        except ValueError:
            wanted = -1.0
        if not 0 < wanted < float("inf"):
            raise bad_request("X-Timeout-Seconds", "must be a positive number of seconds")
        timeout = min(timeout, wanted)
    parent = otel_context.get_current()
    if not trace.get_current_span(parent).get_span_context().is_valid:
        parent = propagate.extract(headers)
    return CallOptions(request_id, timeout, tuple(metadata), parent)


def start_span(binding: Binding, options: CallOptions) -> tuple[Span, list[tuple[str, str]]]:
    """A CLIENT span for the upstream call and the metadata that carries its context."""
    span = _tracer.start_span(
        binding.grpc_path.lstrip("/"),
        context=options.parent,
        kind=SpanKind.CLIENT,
        attributes={
            "rpc.system": "grpc",
            "rpc.service": binding.service.full_name,
            "rpc.method": binding.method.name,
            "http.route": binding.template.source,
            "pursight.request_id": options.request_id,
        },
    )
    carrier: dict[str, str] = {}
    propagate.inject(carrier, context=trace.set_span_in_context(span, options.parent))
    metadata = list(options.metadata)
    metadata.extend((key.lower(), value) for key, value in carrier.items())
    return span, metadata


def end_span(span: Span, error: BaseException | None = None) -> None:
    """Records the call's outcome on its span and ends it."""
    if isinstance(error, grpc.aio.AioRpcError):
        span.set_attribute("rpc.grpc.status_code", error.code().value[0])
        span.set_status(StatusCode.ERROR, error.code().name)
    elif error is not None:
        span.record_exception(error)
        span.set_status(StatusCode.ERROR, type(error).__name__)
    else:
        span.set_attribute("rpc.grpc.status_code", 0)
    span.end()


async def call_unary(
    pool: ChannelPool, binding: Binding, request: message.Message, options: CallOptions
) -> message.Message:
    """One unary call; AioRpcError propagates for the caller to map."""
    callable_ = pool.unary(binding)
    span, metadata = start_span(binding, options)
    try:
        response: message.Message = await callable_(
            request, timeout=options.timeout, metadata=metadata
        )
    except BaseException as exc:
        end_span(span, exc)
        raise
    end_span(span)
    return response


@dataclass
class UpstreamStream:
    """A server-streaming call and the span that lives as long as it does."""

    call: grpc.aio.UnaryStreamCall[message.Message, message.Message]
    span: Span
    finished: bool = False

    async def read(self) -> message.Message | None:
        """The next message, None at the end; AioRpcError on failure (span ended)."""
        try:
            item = await self.call.read()
        except BaseException as exc:
            self.finish(exc)
            raise
        if item is grpc.aio.EOF:  # type: ignore[attr-defined]  # grpc-stubs lacks aio.EOF
            self.finish()
            return None
        if not isinstance(item, message.Message):
            error = TypeError(f"upstream stream yielded {type(item).__name__}")
            self.finish(error)
            raise error
        return item

    def finish(self, error: BaseException | None = None) -> None:
        """Ends the span once; cancels the call if it is still running."""
        if self.finished:
            return
        self.finished = True
        if not self.call.done():
            self.call.cancel()
        end_span(self.span, error)


def open_stream(
    pool: ChannelPool, binding: Binding, request: message.Message, options: CallOptions
) -> UpstreamStream:
    """Starts a server-streaming call."""
    callable_ = pool.stream(binding)
    span, metadata = start_span(binding, options)
    try:
        call = callable_(request, timeout=options.timeout, metadata=metadata)
    except BaseException as exc:
        end_span(span, exc)
        raise
    return UpstreamStream(call, span)
