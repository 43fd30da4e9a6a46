"""The activity service: the append-only, hash-chained audit trail.

Every server's ActivityAuditor (services/runtime/audit.py) calls RecordEvent before the
audited call answers. Reading the trail (list, get, export, verify, head) needs the
auditor's permissions, which the authorization interceptor checks from the contract.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import asyncpg
from google.protobuf import duration_pb2, json_format

from pursight.activity.v1 import activity_pb2, activity_pb2_grpc
from services.activity import store
from services.activity.chain import (
    CANONICAL_FORM_VERSION,
    GENESIS_HASH,
    HASH_ALGORITHM,
    HASH_MISMATCH,
    HEAD_MISMATCH,
    PREV_HASH_MISMATCH,
    SEQUENCE_GAP,
    TRUNCATED,
    Break,
    ChainChecker,
    ChainedEvent,
    canonical_details,
)
from services.runtime.access import for_runtime
from services.runtime.audit import workspace_of
from services.runtime.context import current_principal
from services.runtime.convert import timestamp
from services.runtime.errors import FieldViolation, bad_field, collect, not_found, permission_denied
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.redaction import redact_text
from services.runtime.service import Runtime
from services.runtime.service_identity import SERVICE_PRINCIPAL_PREFIX

Outcome = activity_pb2.Outcome
VerifyFailure = activity_pb2.VerifyChainResponse.Failure

# Longest value kept per text field; a longer one is cut (an audit record must not be
# refused for being verbose, but must not grow without bound either).
MAX_TEXT = 2048
MAX_DETAILS_BYTES = 16 * 1024
MAX_FILTER = 1024
EXPORT_BATCH = 500
VERIFY_BATCH = 2000
RECORD_ID_MAX = 128


def _cut(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _sequence_of(name: str, field: str = "name") -> int:
    prefix, _, number = name.partition("/")
    if prefix != "events" or not number.isdigit() or int(number) < 1 or len(number) > 18:
        raise bad_field(field, "must look like events/{sequence}, a positive number")
    return int(number)


def _time_or_none(value: Any, present: bool) -> datetime | None:
    return value.ToDatetime(tzinfo=UTC) if present else None


def _filters(request: Any, *, request_id: str = "") -> store.EventFilter:
    violations = [
        FieldViolation(field, f"must be at most {MAX_FILTER} characters")
        for field in ("actor", "resource_prefix", "action", "workspace")
        if len(getattr(request, field)) > MAX_FILTER
    ]
    if len(request_id) > MAX_FILTER:
        violations.append(FieldViolation("request_id", f"must be at most {MAX_FILTER} characters"))
    known = {Outcome.OUTCOME_SUCCEEDED, Outcome.OUTCOME_DENIED, Outcome.OUTCOME_FAILED}
    if any(outcome not in known for outcome in request.outcomes):
        violations.append(FieldViolation("outcomes", "must name SUCCEEDED, DENIED or FAILED"))
    start = _time_or_none(request.start_time, request.HasField("start_time"))
    end = _time_or_none(request.end_time, request.HasField("end_time"))
    if start is not None and end is not None and end <= start:
        violations.append(FieldViolation("end_time", "must be after start_time"))
    if request.workspace and not request.workspace.startswith("workspaces/"):
        violations.append(FieldViolation("workspace", "must look like workspaces/{workspace}"))
    collect(violations)
    return store.EventFilter(
        actor=request.actor,
        resource_prefix=request.resource_prefix,
        action=request.action.lstrip("/"),
        outcomes=tuple(sorted(set(request.outcomes))),
        workspace=request.workspace,
        start_time=start,
        end_time=end,
        request_id=request_id,
    )


def _new_event(event: activity_pb2.Event) -> store.NewEvent:
    violations = [
        FieldViolation(f"event.{field}", "is required")
        for field in ("actor", "action")
        if not getattr(event, field)
    ]
    if event.outcome == Outcome.OUTCOME_UNSPECIFIED:
        violations.append(FieldViolation("event.outcome", "is required"))
    collect(violations)
    details = canonical_details(json_format.MessageToDict(event.details))
    if len(details) > MAX_DETAILS_BYTES:
        details = canonical_details({"truncated": True, "bytes": len(details)})
    event_time = (
        event.event_time.ToDatetime(tzinfo=UTC)
        if event.HasField("event_time")
        else datetime.now(UTC)
    )
    return store.NewEvent(
        event_time=event_time,
        actor=_cut(event.actor, 512),
        action=_cut(event.action.lstrip("/"), 512),
        permission=_cut(event.permission, 256),
        resource=_cut(event.resource),
        workspace=_cut(event.workspace or workspace_of(event.resource), 512),
        service=_cut(event.service, 128),
        outcome=event.outcome,
        status_code=event.status_code,
        status_message=_cut(redact_text(event.status_message)),
        authorization_reason=_cut(redact_text(event.authorization_reason)),
        request_id=_cut(event.request_id, 256),
        trace_id=_cut(event.trace_id, 64),
        client_address=_cut(event.client_address, 256),
        user_agent=_cut(event.user_agent, 512),
        details=details,
    )


class ActivityServicer(activity_pb2_grpc.ActivityServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._pool = runtime.db.primary
        self._replica = runtime.db.replica
        self._access = for_runtime(runtime)

    async def _scopes(self, permission: str) -> store.Scopes | None:
        """None when the caller reads the whole trail; otherwise its scopes. The
        contract lets in anyone holding the permission somewhere (any_scope)."""
        grants = await self._access.grants(current_principal(), permission)
        if grants.platform_wide and not grants.denied:
            return None
        if not grants.anywhere:
            raise permission_denied(permission)
        if grants.platform_wide:  # everything but the denied scopes
            return store.Scopes(denied=grants.denied, everywhere=True)
        return store.Scopes(allowed=grants.allowed, denied=grants.denied)

    async def RecordEvent(
        self, request: activity_pb2.RecordEventRequest, context: Any
    ) -> activity_pb2.RecordEventResponse:
        # Only PurSight's own services write the trail: a person, even one holding every
        # permission, must not be able to put words in another principal's mouth.
        if not current_principal().name.startswith(SERVICE_PRINCIPAL_PREFIX):
            raise permission_denied("activity.events.write")
        if not 1 <= len(request.record_id) <= RECORD_ID_MAX:
            raise bad_field("record_id", f"is required, at most {RECORD_ID_MAX} characters")
        if not request.HasField("event"):
            raise bad_field("event", "is required")
        appended = await store.append(self._pool, _new_event(request.event), request.record_id)
        return activity_pb2.RecordEventResponse(
            name=f"events/{appended.sequence}", sequence=appended.sequence, hash=appended.hash
        )

    async def GetEvent(
        self, request: activity_pb2.GetEventRequest, context: Any
    ) -> activity_pb2.Event:
        sequence = _sequence_of(request.name)
        row = await self._replica.fetchrow(
            f"SELECT {store.EVENT_COLUMNS} FROM activity.events WHERE sequence = $1",  # noqa: S608 - a fixed column list
            sequence,
        )
        scopes = await self._scopes("activity.events.read")
        if row is None or (
            scopes is not None and not scopes.covers(row["resource"], row["workspace"])
        ):
            raise not_found("Event", request.name)
        return store.to_message(row)

    async def ListEvents(
        self, request: activity_pb2.ListEventsRequest, context: Any
    ) -> activity_pb2.ListEventsResponse:
        size = page_size(request.page_size)
        filters = _filters(request, request_id=request.request_id)
        filters = replace(filters, scopes=await self._scopes("activity.events.list"))
        key = {**filters.as_key(), "oldest_first": request.oldest_first}
        after = decode_token(request.page_token, key)
        if after is not None and not isinstance(after, int):
            raise bad_field("page_token", "is not a token this service issued")
        rows = await store.page(
            self._replica, filters, after=after, size=size + 1, oldest_first=request.oldest_first
        )
        response = activity_pb2.ListEventsResponse(
            events=[store.to_message(r) for r in rows[:size]]
        )
        if len(rows) > size:
            response.next_page_token = encode_token(int(rows[size - 1]["sequence"]), key)
        return response

    async def ExportEvents(
        self, request: activity_pb2.ExportEventsRequest, context: Any
    ) -> AsyncIterator[activity_pb2.Event]:
        filters = _filters(request)
        if request.after_sequence < 0:
            raise bad_field("after_sequence", "must not be negative")
        filters = replace(filters, scopes=await self._scopes("activity.events.export"))
        after = request.after_sequence
        while True:  # keyset pages: memory stays flat however long the trail is
            rows = await store.page(
                self._replica, filters, after=after, size=EXPORT_BATCH, oldest_first=True
            )
            for row in rows:
                yield store.to_message(row)
            if len(rows) < EXPORT_BATCH:
                return
            after = int(rows[-1]["sequence"])

    async def GetChainHead(
        self, request: activity_pb2.GetChainHeadRequest, context: Any
    ) -> activity_pb2.ChainHead:
        row = await self._pool.fetchrow(
            "SELECT sequence, hash, event_time FROM activity.chain_head WHERE id"
        )
        return _head(row)

    async def VerifyChain(
        self, request: activity_pb2.VerifyChainRequest, context: Any
    ) -> activity_pb2.VerifyChainResponse:
        began = time.monotonic()
        if request.start_sequence < 0 or request.end_sequence < 0:
            raise bad_field("start_sequence", "sequence numbers must not be negative")
        if request.end_sequence and request.end_sequence < request.start_sequence:
            raise bad_field("end_sequence", "must not be before start_sequence")
        expected = request.expected_head if request.HasField("expected_head") else None
        if expected is not None and expected.sequence < 0:
            raise bad_field("expected_head.sequence", "must not be negative")
        # One snapshot for the whole walk: appends made meanwhile are not seen halfway.
        async with (
            self._pool.acquire() as conn,
            conn.transaction(isolation="repeatable_read", readonly=True),
        ):
            verdict = await _verify(conn, request, expected)
        verdict.duration.CopyFrom(_duration(time.monotonic() - began))
        return verdict


_FAILURES = {
    HASH_MISMATCH: VerifyFailure.FAILURE_HASH_MISMATCH,
    PREV_HASH_MISMATCH: VerifyFailure.FAILURE_PREV_HASH_MISMATCH,
    SEQUENCE_GAP: VerifyFailure.FAILURE_SEQUENCE_GAP,
    HEAD_MISMATCH: VerifyFailure.FAILURE_HEAD_MISMATCH,
    TRUNCATED: VerifyFailure.FAILURE_TRUNCATED,
}


def _duration(seconds: float) -> duration_pb2.Duration:
    result = duration_pb2.Duration()
    result.FromNanoseconds(int(seconds * 1e9))
    return result


def _head(row: asyncpg.Record | None) -> activity_pb2.ChainHead:
    head = activity_pb2.ChainHead(
        sequence=row["sequence"] if row else 0,
        hash=row["hash"] if row else GENESIS_HASH,
        hash_algorithm=HASH_ALGORITHM,
        canonical_form_version=CANONICAL_FORM_VERSION,
        read_time=timestamp(datetime.now(UTC)),
    )
    if row is not None and row["sequence"] > 0:
        head.event = f"events/{row['sequence']}"
    if row is not None and row["event_time"] is not None:
        head.event_time.CopyFrom(timestamp(row["event_time"]))
    return head


async def _verify(
    conn: Any,
    request: activity_pb2.VerifyChainRequest,
    expected: activity_pb2.ChainHead | None,
) -> activity_pb2.VerifyChainResponse:
    """Walks the requested range, then checks the stored head and the expected head."""
    head_row = await conn.fetchrow(
        "SELECT h.sequence, h.hash, h.event_time,"
        " (SELECT max(sequence) FROM activity.events) AS last"
        " FROM activity.chain_head h WHERE h.id"
    )
    head_sequence = int(head_row["sequence"]) if head_row else 0
    last = int(head_row["last"] or 0) if head_row else 0
    start = request.start_sequence or 1
    end = request.end_sequence or max(head_sequence, last)
    response = activity_pb2.VerifyChainResponse(
        start_sequence=start, end_sequence=end, head=_head(head_row)
    )
    broken = await _walk(conn, start, min(end, last), response)
    if broken is None and end > last:
        broken = Break(
            TRUNCATED,
            last + 1,
            f"the chain ends at event {last} but should reach {end}; events were deleted"
            " from its end",
        )
    if broken is None and request.end_sequence == 0 and head_row is not None:
        broken = await _check_stored_head(conn, head_sequence, head_row["hash"], last)
    if broken is None and expected is not None and expected.sequence > 0:
        broken = await _check_expected_head(conn, expected, last)
    if broken is None:
        response.ok = True
        return response
    response.failure = _FAILURES[broken.failure]
    response.first_bad_sequence = broken.sequence
    response.first_bad_event = f"events/{broken.sequence}"
    response.reason = broken.reason
    return response


async def _walk(
    conn: Any, start: int, end: int, response: activity_pb2.VerifyChainResponse
) -> Break | None:
    if start == 1:
        prev = GENESIS_HASH
    else:
        prev = await conn.fetchval(
            "SELECT hash FROM activity.events WHERE sequence = $1", start - 1
        )
        if prev is None:
            return Break(
                SEQUENCE_GAP,
                start - 1,
                f"event {start - 1}, the one before the range, is missing; it was deleted",
            )
    checker = ChainChecker(start, prev)
    if end >= start:
        cursor = conn.cursor(
            f"SELECT {store.EVENT_COLUMNS} FROM activity.events"  # noqa: S608 - a fixed column list
            " WHERE sequence BETWEEN $1 AND $2 ORDER BY sequence",
            start,
            end,
            prefetch=VERIFY_BATCH,
        )
        async for row in cursor:
            if not checker.feed(ChainedEvent.from_row(row), row["hash"]):
                break
    response.events_checked = checker.checked
    if checker.broken is None and checker.expected <= end:
        return Break(
            SEQUENCE_GAP,
            checker.expected,
            f"event {checker.expected} is missing; it was deleted",
        )
    return checker.broken


async def _check_stored_head(conn: Any, sequence: int, digest: str, last: int) -> Break | None:
    if last > sequence:
        return Break(
            HEAD_MISMATCH,
            sequence + 1,
            f"events go on to {last} past the chain head at {sequence}: they were written"
            " around the service, or the head row was edited",
        )
    stored = await conn.fetchval("SELECT hash FROM activity.events WHERE sequence = $1", sequence)
    if sequence > 0 and stored != digest:
        return Break(
            HEAD_MISMATCH,
            sequence,
            f"the chain head row's hash for event {sequence} does not match the event's",
        )
    return None


async def _check_expected_head(
    conn: Any, expected: activity_pb2.ChainHead, last: int
) -> Break | None:
    if expected.sequence > last:
        return Break(
            TRUNCATED,
            last + 1,
            f"the kept head is event {expected.sequence} but the chain ends at {last};"
            " events were deleted from its end",
        )
    stored = await conn.fetchval(
        "SELECT hash FROM activity.events WHERE sequence = $1", expected.sequence
    )
    if stored != expected.hash:
        return Break(
            HEAD_MISMATCH,
            expected.sequence,
            f"event {expected.sequence} has hash {str(stored)[:12]}... but the kept head says"
            f" {expected.hash[:12]}...; history up to it was rewritten",
        )
    return None
