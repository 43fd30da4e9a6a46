"""Long-running operations: the store every service writes its background work to.

A service starts an operation, updates its progress as it goes, and finishes it with a
response or an error. Callers poll ``OperationsService.GetOperation`` or stream
``WatchOperation``; each change is announced on a Redis channel so watchers wake at once
instead of polling. Cancellation is cooperative: ``CancelOperation`` moves the state to
CANCELLING, and the worker checks ``cancel_requested`` between units of work.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg
import redis.asyncio as redis
from google.protobuf import any_pb2
from google.protobuf.message import Message
from google.rpc import status_pb2

from pursight.common.v1 import operation_pb2
from services.runtime.convert import timestamp
from services.runtime.database import Queryable
from services.runtime.errors import bad_field, failed_precondition, not_found
from services.runtime.sql import like_escape

State = operation_pb2.Operation.State
DONE_STATES = frozenset({State.STATE_SUCCEEDED, State.STATE_FAILED, State.STATE_CANCELLED})
_CHANNEL = "operations:{}"


def channel_name(name: str) -> str:
    return _CHANNEL.format(name)


def _pack(message: Message) -> bytes:
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed.SerializeToString()


def to_message(row: asyncpg.Record) -> operation_pb2.Operation:
    state = row["state"]
    operation = operation_pb2.Operation(
        name=f"operations/{row['id']}",
        kind=row["kind"],
        target=row["target"],
        state=state,
        done=state in DONE_STATES,
        progress=row["progress"],
        status_message=row["status_message"],
        creator=row["creator"],
        create_time=timestamp(row["create_time"]),
        update_time=timestamp(row["update_time"]),
    )
    if row["end_time"] is not None:
        operation.end_time.CopyFrom(timestamp(row["end_time"]))
    if row["metadata"] is not None:
        operation.metadata.ParseFromString(row["metadata"])
    if row["error"] is not None:
        operation.error.ParseFromString(row["error"])
    elif row["response"] is not None:
        operation.response.ParseFromString(row["response"])
    return operation


class OperationStore:
    """Creates, updates and reads operations; announces every change."""

    def __init__(self, pool: Queryable, redis_client: redis.Redis) -> None:
        self._pool = pool
        self._redis = redis_client

    async def _announce(self, name: str) -> None:
        await self._redis.publish(channel_name(name), "changed")

    async def start(
        self, kind: str, target: str, creator: str, metadata: Message | None = None
    ) -> operation_pb2.Operation:
        op_id = uuid.uuid4().hex
        row = await self._pool.fetchrow(
            "INSERT INTO operations.operations (id, kind, target, state, creator, metadata)"
            " VALUES ($1, $2, $3, $4, $5, $6) RETURNING *",
            op_id,
            kind,
            target,
            State.STATE_PENDING,
            creator,
            _pack(metadata) if metadata is not None else None,
        )
        if row is None:
            raise RuntimeError("INSERT ... RETURNING gave no row")
        return to_message(row)

    async def get(self, name: str) -> operation_pb2.Operation:
        row = await self._pool.fetchrow(
            "SELECT * FROM operations.operations WHERE id = $1", _id(name)
        )
        if row is None:
            raise not_found("Operation", name)
        return to_message(row)

    async def progress(
        self,
        name: str,
        *,
        fraction: float | None = None,
        message: str = "",
        metadata: Message | None = None,
        running: bool = True,
    ) -> None:
        """Records progress; a PENDING operation becomes RUNNING."""
        await self._pool.execute(
            "UPDATE operations.operations SET"
            " state = CASE WHEN state = $2::smallint AND $6::boolean THEN $3::smallint"
            " ELSE state END,"
            " progress = coalesce($4::float8, progress), status_message = $5,"
            " metadata = coalesce($7, metadata), update_time = now()"
            " WHERE id = $1 AND state = ANY($8::smallint[])",
            _id(name),
            State.STATE_PENDING,
            State.STATE_RUNNING,
            fraction,
            message,
            running,
            _pack(metadata) if metadata is not None else None,
            [State.STATE_PENDING, State.STATE_RUNNING, State.STATE_CANCELLING],
        )
        await self._announce(name)

    async def finish(
        self,
        name: str,
        *,
        response: Message | None = None,
        error: status_pb2.Status | None = None,
        cancelled: bool = False,
    ) -> bool:
        """Ends the operation once; False when it had already ended."""
        state = (
            State.STATE_CANCELLED
            if cancelled
            else State.STATE_FAILED
            if error is not None
            else State.STATE_SUCCEEDED
        )
        ended = await self._pool.fetchval(
            "UPDATE operations.operations SET state = $2::smallint,"
            " progress = CASE WHEN $2::smallint = $5::smallint THEN 1 ELSE progress END,"
            " error = $3, response = $4, update_time = now(),"
            " end_time = now() WHERE id = $1 AND NOT (state = ANY($6::smallint[]))"
            " RETURNING id",
            _id(name),
            state,
            error.SerializeToString() if error is not None else None,
            _pack(response) if response is not None else None,
            State.STATE_SUCCEEDED,
            list(DONE_STATES),
        )
        await self._announce(name)
        return ended is not None

    async def request_cancel(self, name: str) -> operation_pb2.Operation:
        row = await self._pool.fetchrow(
            "UPDATE operations.operations SET state = $2, update_time = now()"
            " WHERE id = $1 AND state = ANY($3::smallint[]) RETURNING *",
            _id(name),
            State.STATE_CANCELLING,
            [State.STATE_PENDING, State.STATE_RUNNING],
        )
        await self._announce(name)
        return to_message(row) if row is not None else await self.get(name)

    async def cancel_requested(self, name: str) -> bool:
        state = await self._pool.fetchval(
            "SELECT state FROM operations.operations WHERE id = $1", _id(name)
        )
        return state in (State.STATE_CANCELLING, State.STATE_CANCELLED)

    async def delete(self, name: str) -> None:
        operation = await self.get(name)
        if not operation.done:
            raise failed_precondition(
                f"{name} is still running; cancel it first", "OPERATION_RUNNING"
            )
        await self._pool.execute("DELETE FROM operations.operations WHERE id = $1", _id(name))

    async def watch(self, name: str) -> AsyncIterator[operation_pb2.Operation]:
        """The current state, then every change, until the operation is done."""
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(channel_name(name))
        try:
            last: Any = None
            while True:
                current = await self.get(name)
                if current != last:
                    yield current
                    last = current
                if current.done:
                    return
                # Wake on an announcement, or re-read every few seconds regardless.
                await pubsub.get_message(ignore_subscribe_messages=True, timeout=5.0)
        finally:
            await pubsub.unsubscribe()
            await pubsub.aclose()  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated

    async def list(
        self,
        *,
        limit: int,
        before: tuple[datetime, str] | None,
        kind: str,
        target: str,
        running_only: bool,
        visible: Visible | None = None,
    ) -> list[operation_pb2.Operation]:
        """Newest first; with ``visible``, only operations the caller may see."""
        seen = visible or Visible(everywhere=True)
        rows = await self._pool.fetch(
            "SELECT * FROM operations.operations WHERE ($1 = '' OR kind = $1)"
            " AND ($2 = '' OR target = $2) AND (NOT $3 OR NOT (state = ANY($4::smallint[])))"
            " AND ($5::timestamptz IS NULL OR (create_time, id) < ($5, $6))"
            " AND NOT (target = ANY($10::text[]) OR target LIKE ANY($11::text[]))"
            " AND ($8 OR creator = $9 OR target = ANY($12::text[]) OR target LIKE ANY($13::text[]))"
            " ORDER BY create_time DESC, id DESC LIMIT $7",
            kind,
            target,
            running_only,
            list(DONE_STATES),
            before[0] if before else None,
            before[1] if before else "",
            limit,
            seen.everywhere,
            seen.creator,
            list(seen.denied),
            [like_escape(d) + "/%" for d in seen.denied],
            list(seen.allowed),
            [like_escape(a) + "/%" for a in seen.allowed],
        )
        return [to_message(r) for r in rows]


@dataclass(frozen=True)
class Visible:
    """Which operations a caller may list: those whose target lies under an allowed
    scope (or anywhere), or that it started itself, and under no denied scope."""

    everywhere: bool = False
    allowed: tuple[str, ...] = ()
    denied: tuple[str, ...] = ()
    creator: str = ""


def _id(name: str) -> str:
    prefix, _, op_id = name.partition("/")
    if prefix != "operations" or not op_id or len(op_id) > 64 or not op_id.isalnum():
        raise bad_field("name", "must look like operations/{operation}")
    return op_id
