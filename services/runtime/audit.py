"""The durable auditor: every audited call is written to the activity service before it
answers.

``ActivityAuditor`` implements the interceptors' ``Auditor`` protocol by calling
``ActivityService.RecordEvent`` over gRPC, exactly as a service in another pod would,
signed with the recording service's own identity (``services/<name>``) and a short
deadline. RecordEvent is idempotent by ``record_id``, so the channel's retry policy may
resend it safely.

When the trail cannot be written, PurSight fails closed (the choice the trust issue
asks for, made here in one place):

* before an audited call runs, ``ready()`` checks the activity service answers (its
  health, or a RecordEvent that succeeded in the last two seconds); if not, the call is
  refused with UNAVAILABLE and nothing changes;
* a call that succeeded but whose event cannot be written (the activity service went
  away meanwhile) answers UNAVAILABLE with reason AUDIT_UNAVAILABLE instead of success;
  the change stands, and the event goes to the ``pursight.audit`` log at ERROR so it is
  not lost;
* a refused or failed call keeps its own error (it changed nothing, and a client
  deserves the real reason); its event goes to the log when the trail is unreachable.

RecordEvent itself is never audited: refusing it would record a refusal through it.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

import grpc
from google.protobuf import json_format, struct_pb2, timestamp_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from opentelemetry import trace

from pursight.activity.v1 import activity_pb2, activity_pb2_grpc
from services.runtime.clients import Clients
from services.runtime.context import current_call
from services.runtime.convert import client_ip
from services.runtime.descriptors import method_policy, service_short_name
from services.runtime.errors import ServiceError
from services.runtime.interceptors import AuditEvent
from services.runtime.redaction import redact_mapping, redact_text
from services.runtime.service_identity import ServiceIdentity

ACTIVITY_SERVICE = "pursight.activity.v1.ActivityService"
RECORD_EVENT = f"/{ACTIVITY_SERVICE}/RecordEvent"
DEADLINE_SECONDS = 5.0
# A RecordEvent that succeeded this recently stands in for a health check.
FRESH_SECONDS = 2.0

_OUTCOMES = {
    "SUCCEEDED": activity_pb2.OUTCOME_SUCCEEDED,
    "DENIED": activity_pb2.OUTCOME_DENIED,
    "FAILED": activity_pb2.OUTCOME_FAILED,
}

log = logging.getLogger(__name__)
_fallback = logging.getLogger("pursight.audit")


def audit_unavailable(message: str) -> ServiceError:
    return ServiceError(grpc.StatusCode.UNAVAILABLE, message, reason="AUDIT_UNAVAILABLE")


def workspace_of(resource: str) -> str:
    """``workspaces/sales/dataSources/shop`` -> ``workspaces/sales``; else empty."""
    parts = resource.split("/")
    if len(parts) >= 2 and parts[0] == "workspaces" and parts[1] not in ("", "-"):
        return f"workspaces/{parts[1]}"
    return ""


def _trace_id() -> str:
    context = trace.get_current_span().get_span_context()
    return trace.format_trace_id(context.trace_id) if context.is_valid else ""


def to_proto(event: AuditEvent) -> activity_pb2.Event:
    """The contract's Event for an interceptor's AuditEvent, secrets redacted."""
    method = event.method.lstrip("/")
    policy = method_policy(event.method)
    call = current_call()
    when = timestamp_pb2.Timestamp()
    when.FromNanoseconds(int(event.time * 1e9))
    details = struct_pb2.Struct()
    json_format.ParseDict(redact_mapping(dict(event.details)), details)
    code = grpc.StatusCode[event.code] if event.code in grpc.StatusCode.__members__ else None
    message = redact_text(event.message)
    return activity_pb2.Event(
        event_time=when,
        actor=event.principal or "anonymous",
        action=method,
        permission=policy.permission if policy else "",
        resource=event.resource,
        workspace=workspace_of(event.resource),
        service=service_short_name(method.partition("/")[0]),
        outcome=_OUTCOMES.get(event.outcome, activity_pb2.OUTCOME_FAILED),
        status_code=code.value[0] if code else 2,  # UNKNOWN when the name is not a code
        status_message=message,
        authorization_reason=message if event.outcome == "DENIED" else "",
        request_id=event.request_id,
        trace_id=_trace_id(),
        client_address=client_ip(event.peer),
        user_agent=call.user_agent if call else "",
        details=details,
    )


class ActivityAuditor:
    """Writes audit events to the activity service; see the module docstring."""

    def __init__(
        self,
        clients: Callable[[], Clients],
        identity: ServiceIdentity,
        *,
        deadline_seconds: float = DEADLINE_SECONDS,
    ) -> None:
        # A callable: the server makes its Clients only once its port is known.
        self._clients = clients
        self._identity = identity
        self._deadline = deadline_seconds
        self._last_ok = float("-inf")
        self._probe = asyncio.Lock()

    def _stub(self) -> activity_pb2_grpc.ActivityServiceStub:
        return self._clients().stub("activity", activity_pb2_grpc.ActivityServiceStub)

    async def ready(self) -> None:
        """Raises UNAVAILABLE unless the activity service can take an event now."""
        if time.monotonic() - self._last_ok < FRESH_SECONDS:
            return
        async with self._probe:  # one probe at a time; the others reuse its verdict
            if time.monotonic() - self._last_ok < FRESH_SECONDS:
                return
            health = health_pb2_grpc.HealthStub(self._clients().channel("activity"))
            try:
                reply = await health.Check(
                    health_pb2.HealthCheckRequest(service=ACTIVITY_SERVICE),
                    timeout=self._deadline,
                )
            except grpc.aio.AioRpcError as exc:
                log.warning("the activity service is unreachable: %s", exc.code().name)
                raise audit_unavailable(
                    "the audit trail is unreachable; audited calls are refused until it is back"
                ) from None
            if reply.status != health_pb2.HealthCheckResponse.SERVING:
                raise audit_unavailable(
                    "the audit trail is not serving; audited calls are refused until it is"
                )
            self._last_ok = time.monotonic()

    async def record(self, event: AuditEvent) -> None:
        if event.method == RECORD_EVENT:
            _log_event(event, logging.INFO, "not audited through itself")
            return
        request = activity_pb2.RecordEventRequest(event=to_proto(event), record_id=uuid.uuid4().hex)
        service = service_short_name(event.method.lstrip("/").partition("/")[0])
        try:
            await self._stub().RecordEvent(
                request, metadata=self._identity.metadata(service), timeout=self._deadline
            )
        except (TimeoutError, grpc.aio.AioRpcError, OSError) as exc:
            reason = (
                exc.code().name if isinstance(exc, grpc.aio.AioRpcError) else type(exc).__name__
            )
            _log_event(event, logging.ERROR, f"could not be written to the audit trail ({reason})")
            if event.outcome == "SUCCEEDED":
                raise audit_unavailable(
                    "the call was applied but could not be recorded in the audit trail"
                ) from None
            return
        self._last_ok = time.monotonic()


def _log_event(event: AuditEvent, level: int, why: str) -> None:
    fields: dict[str, Any] = {
        "method": event.method,
        "principal": event.principal or "anonymous",
        "outcome": event.outcome,
        "code": event.code,
        "request_id": event.request_id,
        "peer": event.peer,
        "resource": event.resource or "-",
    }
    _fallback.log(
        level,
        "audit event %s: %s",
        why,
        " ".join(f"{key}={value}" for key, value in fields.items()),
    )
