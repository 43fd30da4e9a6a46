"""The server interceptors every PurSight server runs, outermost first:

telemetry (OpenTelemetry) -> authentication -> authorization -> error mapping -> audit
-> text input (requests holding text the stores cannot hold).

(Audit sits inside error mapping because grpc.aio sends a status the moment a call is
aborted: the audit stage records a failure from the exception itself, before the error
stage turns it into a status, so the event is written before the caller hears.)

Each stage wraps the handler's behaviour, so it sees the request, the outcome and, for
streams, every message. The rules come from the contracts: a method's permission, its
public marker and its audit flag are options on the RPC (see ``descriptors``).
"""

from __future__ import annotations

import dataclasses
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import asyncpg
import grpc
from google.protobuf.message import Message
from grpc_status import rpc_status

from services.runtime.context import (
    CallInfo,
    Principal,
    current_call,
    set_call,
)
from services.runtime.descriptors import INFRASTRUCTURE_SERVICES, MethodPolicy, method_policy
from services.runtime.errors import ServiceError, permission_denied, unauthenticated
from services.runtime.forwarded import FORWARDED_FOR, ForwardedFor
from services.runtime.forwarded import SIGNATURE as FORWARDED_SIGNATURE
from services.runtime.service_identity import SERVICE_PRINCIPAL_PREFIX
from services.runtime.text_input import check_text
from services.runtime.tokens import TokenVerifier

log = logging.getLogger(__name__)

Behavior = Callable[[Any, grpc.aio.ServicerContext[Any, Any]], Any]

if TYPE_CHECKING:
    _ServerInterceptor = grpc.aio.ServerInterceptor[Any, Any]
else:  # generic only in grpc-stubs
    _ServerInterceptor = grpc.aio.ServerInterceptor


def _wrap_handler(
    handler: grpc.RpcMethodHandler[Any, Any],
    unary: Callable[[Behavior], Behavior],
    streaming: Callable[[Behavior], Behavior],
) -> grpc.RpcMethodHandler[Any, Any]:
    """A copy of ``handler`` whose behaviour is wrapped by ``unary`` or ``streaming``."""
    # The ignores: grpc-stubs types these behaviours for the sync server (taking a
    # grpc.ServicerContext); a grpc.aio server passes them a grpc.aio.ServicerContext.
    ser, deser = handler.response_serializer, handler.request_deserializer
    if handler.unary_unary:
        behavior = unary(handler.unary_unary)  # type: ignore[arg-type]
        return grpc.unary_unary_rpc_method_handler(behavior, deser, ser)
    if handler.unary_stream:
        behavior = streaming(handler.unary_stream)  # type: ignore[arg-type]
        return grpc.unary_stream_rpc_method_handler(behavior, deser, ser)
    if handler.stream_unary:
        behavior = unary(handler.stream_unary)  # type: ignore[arg-type]
        return grpc.stream_unary_rpc_method_handler(behavior, deser, ser)
    behavior = streaming(handler.stream_stream)  # type: ignore[arg-type]
    return grpc.stream_stream_rpc_method_handler(behavior, deser, ser)


async def abort(context: grpc.aio.ServicerContext[Any, Any], error: ServiceError) -> None:
    """Ends the call with ``error``'s status and google.rpc details."""
    # grpc-stubs' aio ServicerContext lacks abort_with_status, which grpc.aio has.
    await context.abort_with_status(rpc_status.to_status(error.to_status()))  # type: ignore[attr-defined]


# The metadata authentication reads, each call.
_CALL_KEYS = frozenset(
    {"x-request-id", FORWARDED_FOR, FORWARDED_SIGNATURE, "user-agent", "authorization"}
)


def _call_metadata(context: grpc.aio.ServicerContext[Any, Any]) -> dict[str, str]:
    """The first value the call carries for each of ``_CALL_KEYS``, in one pass over
    the metadata."""
    found: dict[str, str] = {}
    for item_key, value in context.invocation_metadata() or ():
        if item_key in _CALL_KEYS and item_key not in found:
            found[item_key] = value.decode() if isinstance(value, bytes) else str(value)
    return found


class HandlerCache:
    """Wrapped handlers by method. grpc.aio asks every interceptor for a handler on
    every call; a wrapper depends only on the method and the inner handler (the same
    object call after call), so each interceptor builds it once per method."""

    def __init__(self) -> None:
        self._by_method: dict[str, tuple[object, grpc.RpcMethodHandler[Any, Any]]] = {}

    def wrap(
        self,
        method: str,
        handler: grpc.RpcMethodHandler[Any, Any],
        build: Callable[[str, grpc.RpcMethodHandler[Any, Any]], grpc.RpcMethodHandler[Any, Any]],
    ) -> grpc.RpcMethodHandler[Any, Any]:
        cached = self._by_method.get(method)
        if cached is not None and cached[0] is handler:
            return cached[1]
        wrapped = build(method, handler)
        self._by_method[method] = (handler, wrapped)
        return wrapped


class HandlerWrapper(Protocol):
    """An interceptor that only wraps the handler of a method (the same wrapper call
    after call), so a ``Chain`` can run it without a turn of its own."""

    def wrap_handler(
        self, method: str, handler: grpc.RpcMethodHandler[Any, Any]
    ) -> grpc.RpcMethodHandler[Any, Any]: ...


class WrappingInterceptor(_ServerInterceptor):
    """An interceptor whose work is a wrapper around a method's handler, built once per
    method and reused (``HandlerCache``). Subclasses give ``wrap_handler`` and may leave
    some calls alone (``wants``)."""

    def __init__(self) -> None:
        self._handlers = HandlerCache()

    def wants(self, handler_call_details: grpc.HandlerCallDetails) -> bool:
        """False for a call whose handler passes through unwrapped."""
        return True

    def wrap_handler(
        self, method: str, handler: grpc.RpcMethodHandler[Any, Any]
    ) -> grpc.RpcMethodHandler[Any, Any]:
        raise NotImplementedError

    # grpc-stubs says continuation and intercept_service always give a handler; for a
    # method no servicer has, grpc.aio gives None, hence the Optional (and the ignore).
    async def intercept_service(  # type: ignore[override]
        self,
        continuation: Callable[
            [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any] | None]
        ],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any] | None:
        handler = await continuation(handler_call_details)
        if handler is None or not self.wants(handler_call_details):
            return handler
        return self._handlers.wrap(handler_call_details.method, handler, self.wrap_handler)


class Chain(WrappingInterceptor):
    """Several wrapping interceptors as one, outermost first: the handler each call
    gets is exactly what grpc.aio would build running them one after the other (each
    awaits the rest of the chain, then wraps what it gets), but grpc.aio awaits one
    ``intercept_service`` per call instead of one per stage, and the composed wrapper is
    built once per method."""

    def __init__(self, stages: Sequence[HandlerWrapper]) -> None:
        super().__init__()
        self._stages = tuple(reversed(stages))  # innermost first, the order they wrap

    def wrap_handler(
        self, method: str, handler: grpc.RpcMethodHandler[Any, Any]
    ) -> grpc.RpcMethodHandler[Any, Any]:
        for stage in self._stages:
            handler = stage.wrap_handler(method, handler)
        return handler


class _Stage(WrappingInterceptor):
    """Base for a stage that runs code before and around a call.

    A stage that keeps the base ``before`` or ``around_*`` is not called for them (its
    wrapper goes straight on), and one whose ``passes`` says so for a method leaves
    that method's handler as it is: a call crosses a handful of stages, and each empty
    turn through one costs coroutines."""

    def passes(self, method: str, policy: MethodPolicy | None) -> bool:
        """True when this stage does nothing for ``method`` (its handler stays as is)."""
        return False

    def wrap_handler(
        self, method: str, handler: grpc.RpcMethodHandler[Any, Any]
    ) -> grpc.RpcMethodHandler[Any, Any]:
        service = method.lstrip("/").partition("/")[0]
        if service in INFRASTRUCTURE_SERVICES:
            return handler
        policy = method_policy(method)
        if self.passes(method, policy):
            return handler
        kind = type(self)
        has_before = kind.before is not _Stage.before
        has_unary = kind.around_unary is not _Stage.around_unary
        has_stream = kind.around_stream is not _Stage.around_stream
        before = self._before
        around_unary = self.around_unary
        around_stream = self.around_stream

        def unary(behavior: Behavior) -> Behavior:
            if not has_unary:

                async def run_before(
                    request: Any, context: grpc.aio.ServicerContext[Any, Any]
                ) -> Any:
                    await before(method, policy, request, context)
                    return await behavior(request, context)

                return run_before if has_before else behavior

            if not has_before:

                async def run_around(
                    request: Any, context: grpc.aio.ServicerContext[Any, Any]
                ) -> Any:
                    return await around_unary(method, policy, behavior, request, context)

                return run_around

            async def run(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                await before(method, policy, request, context)
                return await around_unary(method, policy, behavior, request, context)

            return run

        def streaming(behavior: Behavior) -> Behavior:
            if not has_before and not has_stream:
                return behavior

            async def run(
                request: Any, context: grpc.aio.ServicerContext[Any, Any]
            ) -> AsyncIterator[Any]:
                if has_before:
                    await before(method, policy, request, context)
                async for item in around_stream(method, policy, behavior, request, context):
                    yield item

            return run

        return _wrap_handler(handler, unary, streaming)

    async def _before(
        self,
        method: str,
        policy: MethodPolicy | None,
        request: Any,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> None:
        try:
            await self.before(method, policy, request, context)
        except Exception as exc:
            if _is_abort(exc):
                raise
            await abort(context, internal_error(method, exc))

    async def before(
        self,
        method: str,
        policy: MethodPolicy | None,
        request: Any,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> None:
        return None

    async def around_unary(
        self,
        method: str,
        policy: MethodPolicy | None,
        behavior: Behavior,
        request: Any,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> Any:
        return await behavior(request, context)

    async def around_stream(
        self,
        method: str,
        policy: MethodPolicy | None,
        behavior: Behavior,
        request: Any,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> AsyncIterator[Any]:
        async for item in behavior(request, context):
            yield item


@dataclass(frozen=True)
class AuditEvent:
    """One audited call: a mutation that ran or any call that was refused."""

    method: str
    principal: str
    outcome: str  # SUCCEEDED, DENIED, FAILED
    code: str
    request_id: str
    peer: str
    resource: str
    message: str
    time: float
    # Names, never values: the update mask, a created resource's name, validate_only.
    details: Mapping[str, Any] = dataclasses.field(default_factory=dict)


class Auditor(Protocol):
    """Where audit events go; the activity service provides the durable one."""

    async def ready(self) -> None:
        """Raises a ServiceError when events cannot be recorded now, so an audited
        call is refused before it changes anything."""
        ...

    async def record(self, event: AuditEvent) -> None: ...


class LogAuditor:
    """Writes audit events to the ``pursight.audit`` log until the activity service does."""

    def __init__(self) -> None:
        self._log = logging.getLogger("pursight.audit")

    async def ready(self) -> None:
        return None

    async def record(self, event: AuditEvent) -> None:
        self._log.info(
            "audit method=%s principal=%s outcome=%s code=%s request_id=%s peer=%s resource=%s",
            event.method,
            event.principal or "-",
            event.outcome,
            event.code,
            event.request_id,
            event.peer,
            event.resource or "-",
        )


def _resource_of(request: Any) -> str:
    """The resource name a request is about, by the AIP field conventions."""
    for field in ("name", "parent", "asset", "term", "resource"):
        value = getattr(request, field, None)
        if isinstance(value, str) and value:
            return value
    return ""


async def _record_refusal(
    auditor: Auditor, method: str, request: Any, error: ServiceError, principal: str
) -> None:
    call = current_call()
    await auditor.record(
        AuditEvent(
            method=method,
            principal=principal,
            outcome="DENIED",
            code=error.code.name,
            request_id=call.request_id if call else "",
            peer=call.peer if call else "",
            resource=_resource_of(request),
            message=error.message,
            time=time.time(),
        )
    )


class Authorizer(Protocol):
    """Decides whether a principal holds a permission for a request."""

    async def check(self, principal: Principal, permission: str, request: Any) -> str | None:
        """None when allowed; otherwise the reason it is not."""
        ...


class BootstrapAuthorizer:
    """Until RBAC lands: the bootstrap administrator holds every permission, and so do
    PurSight's own services (``services/<name>``, proven by a service token); nobody
    else holds any (deny by default)."""

    def __init__(self, admin_principal: str) -> None:
        self._admin = admin_principal

    async def check(self, principal: Principal, permission: str, request: Any) -> str | None:
        if principal.name == self._admin or principal.name.startswith(SERVICE_PRINCIPAL_PREFIX):
            return None
        return f"{principal.name or 'anonymous'} holds no role granting {permission}"


class AuthenticationInterceptor(_Stage):
    """Sets up the call's context and verifies the bearer token.

    A method marked public runs without a token; with one, the token is still checked so
    the handler knows the caller. Everything else needs a valid access token.
    """

    def __init__(
        self, verifier: TokenVerifier, auditor: Auditor, forwarded: ForwardedFor | None = None
    ) -> None:
        super().__init__()
        self._verifier = verifier
        self._auditor = auditor
        self._forwarded = forwarded

    async def before(
        self,
        method: str,
        policy: MethodPolicy | None,
        request: Any,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> None:
        remaining = context.time_remaining()
        metadata = _call_metadata(context)
        request_id = metadata.get("x-request-id") or uuid.uuid4().hex
        # The client's address as the gateway signed it, else whoever connected.
        forwarded = self._forwarded and self._forwarded.verified(request_id, metadata)
        info = CallInfo(
            method=method,
            request_id=request_id,
            peer=forwarded or context.peer(),
            user_agent=metadata.get("user-agent", ""),
            deadline=remaining,
        )
        set_call(info)
        header = metadata.get("authorization", "")
        public = policy is not None and policy.public
        if not header:
            if public:
                return
            error = unauthenticated(
                "this call needs a bearer token in `authorization`", "MISSING_TOKEN"
            )
            await _record_refusal(self._auditor, method, request, error, "")
            await abort(context, error)
        scheme, _, token = header.partition(" ")
        try:
            if scheme.lower() != "bearer" or not token.strip():
                raise unauthenticated("`authorization` must be `Bearer <token>`", "MALFORMED_TOKEN")
            verified = await self._verifier.verify(token.strip())
        except grpc.aio.AioRpcError as exc:
            log.warning("cannot fetch the JWKS to verify a token: %s", exc.code().name)
            await abort(
                context,
                ServiceError(
                    grpc.StatusCode.UNAVAILABLE,
                    "cannot verify the token now: the auth service is unreachable",
                    reason="JWKS_UNAVAILABLE",
                ),
            )
            return
        except ServiceError as error:
            if public:
                return
            await _record_refusal(self._auditor, method, request, error, "")
            await abort(context, error)
            return
        info.principal = Principal(
            name=verified.subject,
            token_id=verified.token_id,
            token=token.strip(),
            claims=verified.claims,
        )


class AuthorizationInterceptor(_Stage):
    """Refuses a call unless the caller holds the permission the contract names."""

    def __init__(self, authorizer: Authorizer, auditor: Auditor) -> None:
        super().__init__()
        self._authorizer = authorizer
        self._auditor = auditor

    async def before(
        self,
        method: str,
        policy: MethodPolicy | None,
        request: Any,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> None:
        call = current_call()
        principal = call.principal if call else Principal(name="")
        if policy is None or not policy.has_rule:
            error = ServiceError(
                grpc.StatusCode.PERMISSION_DENIED,
                "this method declares no access rule and is closed",
                reason="NO_ACCESS_RULE",
            )
        elif policy.public:
            return
        elif policy.internal and not principal.name.startswith(SERVICE_PRINCIPAL_PREFIX):
            # Internal RPCs (audit recording, permission look-ups) trust their caller to
            # be a PurSight service; a person calling them directly, administrator or
            # not, could forge audit events or list who holds what.
            error = ServiceError(
                grpc.StatusCode.PERMISSION_DENIED,
                f"{method} is called only by PurSight services",
                reason="INTERNAL_METHOD",
            )
        else:
            reason = await self._authorizer.check(principal, policy.permission, request)
            if reason is None:
                return
            log.info("denied %s to %s: %s", method, principal.name, reason)
            error = permission_denied(policy.permission, _resource_of(request))
        await _record_refusal(self._auditor, method, request, error, principal.name)
        await abort(context, error)


def _named_field(message: Any) -> str:
    """The ``name`` of the first message-typed field of ``message`` that has one."""
    if not hasattr(message, "ListFields"):
        return ""
    for descriptor, value in message.ListFields():
        name = getattr(value, "name", None)
        if descriptor.message_type is not None and isinstance(name, str) and name:
            return name
    return ""


def _audit_facts(method: str, request: Any, response: Any) -> tuple[str, dict[str, Any]]:
    """The resource an audited call acted on and the details worth keeping.

    Beyond ``_resource_of``: an update names its resource inside the message it updates
    (``workspace.name``); a create's resource is the one in its response (the parent
    goes to the details); a sign-in's is the user in its response. Details are field
    names and resource names only, never values a caller sent (they may be secrets)."""
    resource = _resource_of(request) or _named_field(request)
    details: dict[str, Any] = {}
    produced = getattr(response, "name", None) if response is not None else None
    produced = produced if isinstance(produced, str) else _named_field(response)
    if produced.startswith("operations/"):
        details["operation"] = produced
    elif (
        produced
        and produced != resource
        and (method.rpartition("/")[2].startswith("Create") or not resource)
    ):
        if resource:
            details["parent"] = resource
        resource = produced
    mask = getattr(request, "update_mask", None)
    if mask is not None and getattr(mask, "paths", None):
        details["update_mask"] = list(mask.paths)
    if getattr(request, "validate_only", False) is True:
        details["validate_only"] = True
    return resource, details


class AuditInterceptor(_Stage):
    """Records every call to an audited (mutating) method with its outcome.

    Before such a call runs, the auditor must be ready (the durable one fails closed
    when the trail is unreachable); after it, the event is written before the response
    goes out, and an event that cannot be written for a success turns the answer into
    the auditor's error (a ServiceError, which the error stage outside maps)."""

    def __init__(self, auditor: Auditor) -> None:
        super().__init__()
        self._auditor = auditor

    def passes(self, method: str, policy: MethodPolicy | None) -> bool:
        return policy is None or not policy.audited

    async def _record(
        self,
        method: str,
        request: Any,
        code: grpc.StatusCode,
        message: str,
        response: Any = None,
    ) -> None:
        call = current_call()
        resource, details = _audit_facts(method, request, response)
        await self._auditor.record(
            AuditEvent(
                method=method,
                principal=call.principal.name if call else "",
                outcome="SUCCEEDED" if code == grpc.StatusCode.OK else "FAILED",
                code=code.name,
                request_id=call.request_id if call else "",
                peer=call.peer if call else "",
                resource=resource,
                message=message,
                time=time.time(),
                details=details,
            )
        )

    async def _record_error(
        self, method: str, request: Any, exc: Exception, context: grpc.aio.ServicerContext[Any, Any]
    ) -> None:
        """Records a failed call with the status the error stage will give it."""
        if isinstance(exc, ServiceError):
            code, message = exc.code, exc.message
        elif isinstance(exc, NotImplementedError):
            code, message = grpc.StatusCode.UNIMPLEMENTED, "not implemented"
        elif isinstance(exc, _CONFLICTS):
            code, message = grpc.StatusCode.ABORTED, _CONFLICT_MESSAGE
        elif isinstance(exc, grpc.aio.AioRpcError) and exc.code() in _TRANSIENT:
            code, message = exc.code(), "a service this call depends on is unavailable"
        elif _is_abort(exc):  # the handler aborted by itself; its status is already out
            # grpc-stubs: code() is typed StatusCode, but grpc.aio gives None until set.
            code = context.code() or grpc.StatusCode.UNKNOWN  # type: ignore[unreachable]
            message = str(context.details() or "")
        else:
            code, message = grpc.StatusCode.INTERNAL, "internal error"
        await self._record(method, request, code, message)

    async def around_unary(
        self,
        method: str,
        policy: MethodPolicy | None,
        behavior: Behavior,
        request: Any,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> Any:
        if policy is None or not policy.audited:
            return await behavior(request, context)
        await self._auditor.ready()  # a ServiceError here: refused before anything ran
        try:
            response = await behavior(request, context)
        except Exception as exc:
            await self._record_error(method, request, exc, context)
            raise
        await self._record(method, request, grpc.StatusCode.OK, "", response)
        return response

    async def around_stream(
        self,
        method: str,
        policy: MethodPolicy | None,
        behavior: Behavior,
        request: Any,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> AsyncIterator[Any]:
        if policy is None or not policy.audited:
            async for item in behavior(request, context):
                yield item
            return
        await self._auditor.ready()
        try:
            async for item in behavior(request, context):
                yield item
        except Exception as exc:
            await self._record_error(method, request, exc, context)
            raise
        await self._record(method, request, grpc.StatusCode.OK, "")


class TextInputInterceptor(_Stage):
    """Refuses a request holding text PostgreSQL cannot store (see ``text_input``).

    Innermost, right before the handler: the refusal is audited and mapped exactly as
    the handler's own INVALID_ARGUMENT would be.
    """

    async def before(
        self,
        method: str,
        policy: MethodPolicy | None,
        request: Any,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> None:
        if isinstance(request, Message):
            check_text(request)


class ErrorInterceptor(_Stage):
    """Turns exceptions into statuses: ServiceError with its code and details,
    NotImplementedError as UNIMPLEMENTED, anything else INTERNAL with a generic message
    (the traceback goes to the log under an id the client is given)."""

    async def _handle(
        self, method: str, exc: BaseException, context: grpc.aio.ServicerContext[Any, Any]
    ) -> None:
        if isinstance(exc, ServiceError):
            await abort(context, exc)
        if isinstance(exc, NotImplementedError):
            await abort(
                context,
                ServiceError(
                    grpc.StatusCode.UNIMPLEMENTED,
                    f"{method} is not implemented yet",
                    reason="UNIMPLEMENTED",
                ),
            )
        if isinstance(exc, grpc.aio.AioRpcError) and exc.code() in _TRANSIENT:
            await abort(context, dependency_unavailable(method, exc))
        await abort(context, internal_error(method, exc))

    async def around_unary(
        self,
        method: str,
        policy: MethodPolicy | None,
        behavior: Behavior,
        request: Any,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> Any:
        try:
            return await behavior(request, context)
        except Exception as exc:
            if _is_abort(exc):
                raise
            await self._handle(method, exc, context)

    async def around_stream(
        self,
        method: str,
        policy: MethodPolicy | None,
        behavior: Behavior,
        request: Any,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> AsyncIterator[Any]:
        try:
            async for item in behavior(request, context):
                yield item
        except Exception as exc:
            if _is_abort(exc):
                raise
            await self._handle(method, exc, context)


# Transactions PostgreSQL aborted because of a concurrent one: nothing is wrong with the
# request, and the same call made again will very likely succeed.
_CONFLICTS = (asyncpg.DeadlockDetectedError, asyncpg.SerializationError)
_CONFLICT_MESSAGE = "the call collided with a concurrent change and was rolled back; retry it"


def internal_error(method: str, exc: BaseException) -> ServiceError:
    """INTERNAL with a generic message; the details go to the log under an incident id.
    A transaction aborted by a concurrent one is ABORTED instead, so clients retry."""
    if isinstance(exc, ServiceError):
        return exc
    if isinstance(exc, _CONFLICTS):
        log.warning("%s rolled back by a concurrent transaction: %s", method, type(exc).__name__)
        return ServiceError(grpc.StatusCode.ABORTED, _CONFLICT_MESSAGE, reason="CONCURRENT_UPDATE")
    incident = uuid.uuid4().hex[:12]
    log.error("unexpected error in %s (incident %s)", method, incident, exc_info=exc)
    return ServiceError(
        grpc.StatusCode.INTERNAL,
        f"internal error (incident {incident})",
        reason="INTERNAL",
        metadata={"incident": incident},
    )


# A call to another service that failed with one of these failed for want of that
# service, not for a bug: the caller's client gets the same code, so it retries or waits
# as it would for the service itself (INTERNAL would tell it never to retry).
_TRANSIENT = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED})


def dependency_unavailable(method: str, exc: grpc.aio.AioRpcError) -> ServiceError:
    """UNAVAILABLE (or DEADLINE_EXCEEDED) because a service ``method`` calls is."""
    log.warning("%s: a service it calls failed with %s", method, exc.code().name)
    return ServiceError(
        exc.code(),
        "a service this call depends on is unavailable; try again shortly",
        reason="DEPENDENCY_UNAVAILABLE",
    )


def _is_abort(exc: BaseException) -> bool:
    # grpc.aio signals context.abort() with this private exception type.
    return type(exc).__name__ == "AbortError"
