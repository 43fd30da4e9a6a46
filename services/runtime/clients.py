"""Channels and stubs for calling other PurSight services, exactly as across the mesh.

A service never imports another's internals: it calls the generated stub over a channel
to the address in settings. The channel's service config carries a retry policy for the
methods the contracts mark idempotent (and only those), and every outgoing call carries
the caller's token, request id and a deadline.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import grpc
from opentelemetry.instrumentation.grpc import aio_client_interceptors, filters

from services.runtime.context import current_call
from services.runtime.descriptors import all_policies
from services.runtime.settings import Settings

T = TypeVar("T")

RETRYABLE_CODES = ["UNAVAILABLE"]

if TYPE_CHECKING:
    _UnaryUnaryInterceptor = grpc.aio.UnaryUnaryClientInterceptor[Any, Any]
    _UnaryStreamInterceptor = grpc.aio.UnaryStreamClientInterceptor[Any, Any]
else:  # generic only in grpc-stubs
    _UnaryUnaryInterceptor = grpc.aio.UnaryUnaryClientInterceptor
    _UnaryStreamInterceptor = grpc.aio.UnaryStreamClientInterceptor


def retry_service_config(max_attempts: int = 4) -> str:
    """gRPC service config retrying UNAVAILABLE for every idempotent PurSight method."""
    names = []
    for policy in all_policies():
        if policy.idempotent:
            service, _, method = policy.full_name.lstrip("/").partition("/")
            names.append({"service": service, "method": method})
    config = {
        "methodConfig": [
            {
                "name": names,
                "retryPolicy": {
                    "maxAttempts": max_attempts,
                    "initialBackoff": "0.1s",
                    "maxBackoff": "2s",
                    "backoffMultiplier": 2,
                    "retryableStatusCodes": RETRYABLE_CODES,
                },
            }
        ]
    }
    return json.dumps(config)


class _ForwardingInterceptor(_UnaryUnaryInterceptor, _UnaryStreamInterceptor):
    """Adds the current caller's token and request id, and a deadline, to each call."""

    def __init__(self, default_timeout: float) -> None:
        self._default_timeout = default_timeout

    def _details(self, details: grpc.aio.ClientCallDetails) -> grpc.aio.ClientCallDetails:
        metadata = grpc.aio.Metadata(*(details.metadata or ()))
        call = current_call()
        timeout = details.timeout
        if call is not None:
            if "authorization" not in metadata and call.principal.token:
                metadata["authorization"] = f"Bearer {call.principal.token}"
            if "x-request-id" not in metadata:
                metadata["x-request-id"] = call.request_id
            if timeout is None and call.deadline is not None:
                timeout = max(call.deadline, 0.001)
        if timeout is None:
            timeout = self._default_timeout
        return grpc.aio.ClientCallDetails(
            details.method, timeout, metadata, details.credentials, details.wait_for_ready
        )

    async def intercept_unary_unary(
        self,
        continuation: Callable[..., Any],
        client_call_details: grpc.aio.ClientCallDetails,
        request: Any,
    ) -> Any:
        return await continuation(self._details(client_call_details), request)

    async def intercept_unary_stream(
        self,
        continuation: Callable[..., Any],
        client_call_details: grpc.aio.ClientCallDetails,
        request: Any,
    ) -> Any:
        return await continuation(self._details(client_call_details), request)


class Clients:
    """Stubs to other services, one channel per address, created on first use."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._channels: dict[str, grpc.aio.Channel] = {}
        self._service_config = retry_service_config()

    def channel(self, service: str) -> grpc.aio.Channel:
        address = self._settings.service_address(service)
        channel = self._channels.get(address)
        if channel is None:
            limit = self._settings.max_message_bytes
            channel = grpc.aio.insecure_channel(
                address,
                options=[
                    ("grpc.service_config", self._service_config),
                    ("grpc.enable_retries", 1),
                    ("grpc.max_send_message_length", limit),
                    ("grpc.max_receive_message_length", limit),
                    ("grpc.keepalive_time_ms", 30_000),
                ],
                # grpc-stubs types aio client interceptors as a must-cast placeholder.
                interceptors=[
                    _ForwardingInterceptor(self._settings.call_timeout_seconds),  # type: ignore[list-item]
                    # Client spans, and W3C trace context (traceparent) in the metadata,
                    # so a trace runs on through the services a call reaches.
                    *aio_client_interceptors(filter_=filters.service_prefix("pursight.")),
                ],
            )
            self._channels[address] = channel
        return channel

    def stub(self, service: str, stub_class: Callable[[grpc.aio.Channel], T]) -> T:
        return stub_class(self.channel(service))

    async def close(self) -> None:
        for channel in self._channels.values():
            await channel.close(None)  # the default grace; grpc-stubs makes it required
        self._channels.clear()
