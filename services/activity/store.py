"""The audit trail in PostgreSQL: appending in chain order, filtered reads, conversions.

Appends are serialised by locking the single ``activity.chain_head`` row FOR UPDATE: the
next sequence number and the predecessor's hash are read and the head moved in the same
transaction as the insert, so replicas of the activity service (or two calls racing in
one) can never fork the chain or reuse a sequence number.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import asyncpg
from google.protobuf import json_format, struct_pb2

from pursight.activity.v1 import activity_pb2
from services.activity.chain import ChainedEvent
from services.runtime.convert import timestamp
from services.runtime.sql import like_escape

EVENT_COLUMNS = (
    "sequence, event_time, record_time, actor, action, permission, resource, workspace,"
    " service, outcome, status_code, status_message, authorization_reason, request_id,"
    " trace_id, client_address, user_agent, details, prev_hash, hash"
)


@dataclass(frozen=True)
class Appended:
    sequence: int
    hash: str


@dataclass(frozen=True)
class NewEvent:
    """An event as a service reported it, before it gets its place in the chain."""

    event_time: datetime
    actor: str
    action: str
    permission: str
    resource: str
    workspace: str
    service: str
    outcome: int
    status_code: int
    status_message: str
    authorization_reason: str
    request_id: str
    trace_id: str
    client_address: str
    user_agent: str
    details: str


async def append(pool: asyncpg.Pool, event: NewEvent, record_id: str) -> Appended:
    """Appends ``event`` at the head of the chain; a repeated ``record_id`` returns the
    place the first call got instead of appending twice."""
    async with pool.acquire() as conn:
        found = await conn.fetchrow(
            "SELECT sequence, hash FROM activity.events WHERE record_id = $1", record_id
        )
        if found is not None:
            return Appended(found["sequence"], found["hash"])
        async with conn.transaction():
            head = await conn.fetchrow(
                "SELECT sequence, hash FROM activity.chain_head WHERE id FOR UPDATE"
            )
            if head is None:
                raise RuntimeError("activity.chain_head lost its row")
            # A retry that raced the first attempt waited on the lock above.
            found = await conn.fetchrow(
                "SELECT sequence, hash FROM activity.events WHERE record_id = $1", record_id
            )
            if found is not None:
                return Appended(found["sequence"], found["hash"])
            chained = ChainedEvent(
                sequence=head["sequence"] + 1,
                record_time=datetime.now(UTC),
                prev_hash=head["hash"],
                **{name: getattr(event, name) for name in NewEvent.__dataclass_fields__},
            )
            digest = chained.compute_hash()
            await conn.execute(
                f"INSERT INTO activity.events (record_id, {EVENT_COLUMNS})"  # noqa: S608 - a fixed column list
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
                " $15, $16, $17, $18, $19, $20, $21)",
                record_id,
                *(getattr(chained, name) for name in ChainedEvent.__dataclass_fields__),
                digest,
            )
            await conn.execute(
                "UPDATE activity.chain_head SET sequence = $1, hash = $2, event_time = $3 WHERE id",
                chained.sequence,
                digest,
                chained.event_time,
            )
    return Appended(chained.sequence, digest)


@dataclass(frozen=True)
class Scopes:
    """The scopes of an auditor bound below the platform: it reads the events whose
    resource lies in an allowed scope (or whose workspace is an allowed workspace, for
    events about workspace-level objects such as role bindings) and in no denied one."""

    allowed: tuple[str, ...] = ()
    denied: tuple[str, ...] = ()
    everywhere: bool = False  # platform-wide, less the denied scopes

    def where(self, bind: Callable[[Any], str]) -> str:
        def inside(scopes: tuple[str, ...]) -> str:
            workspaces = [s for s in scopes if s.count("/") == 1]
            return (
                f"(resource = ANY({bind(list(scopes))}::text[])"
                f" OR resource LIKE ANY({bind([like_escape(s) + '/%' for s in scopes])}::text[])"
                f" OR workspace = ANY({bind(workspaces)}::text[]))"
            )

        allowed = "true" if self.everywhere else inside(self.allowed) if self.allowed else "false"
        return f"({allowed} AND NOT {inside(self.denied)})" if self.denied else allowed

    def covers(self, resource: str, workspace: str) -> bool:
        def inside(scopes: tuple[str, ...]) -> bool:
            return any(
                resource == s
                or resource.startswith(s + "/")
                or (s.count("/") == 1 and workspace == s)
                for s in scopes
            )

        return (self.everywhere or inside(self.allowed)) and not inside(self.denied)


@dataclass(frozen=True)
class EventFilter:
    """The filters ListEvents and ExportEvents share."""

    actor: str = ""
    resource_prefix: str = ""
    action: str = ""
    outcomes: tuple[int, ...] = ()
    workspace: str = ""
    start_time: datetime | None = None
    end_time: datetime | None = None
    request_id: str = ""
    # The caller's scopes when it may not read the whole trail (see Scopes).
    scopes: Scopes | None = None

    def as_key(self) -> dict[str, Any]:
        """The filters as plain values, to bind page tokens to them."""
        return {
            "actor": self.actor,
            "resource": self.resource_prefix,
            "action": self.action,
            "outcomes": list(self.outcomes),
            "workspace": self.workspace,
            "start": self.start_time.isoformat() if self.start_time else "",
            "end": self.end_time.isoformat() if self.end_time else "",
            "request_id": self.request_id,
        }

    def where(self, args: list[Any]) -> str:
        """The WHERE conditions (joined by AND, ``true`` when none); appends the values
        to ``args`` and refers to them by position."""

        def bind(value: Any) -> str:
            args.append(value)
            return f"${len(args)}"

        conditions = ["true"]
        if self.actor:
            conditions.append(f"actor = {bind(self.actor)}")
        if self.resource_prefix:
            prefix = self.resource_prefix.rstrip("/")
            conditions.append(
                f"(resource = {bind(prefix)} OR resource LIKE {bind(like_escape(prefix) + '/%')})"
            )
        if self.action.endswith("/"):
            conditions.append(f"action LIKE {bind(like_escape(self.action) + '%')}")
        elif self.action:
            conditions.append(f"action = {bind(self.action)}")
        if self.outcomes:
            conditions.append(f"outcome = ANY({bind(list(self.outcomes))}::smallint[])")
        if self.workspace:
            conditions.append(f"workspace = {bind(self.workspace)}")
        if self.start_time is not None:
            conditions.append(f"event_time >= {bind(self.start_time)}")
        if self.end_time is not None:
            conditions.append(f"event_time < {bind(self.end_time)}")
        if self.request_id:
            conditions.append(f"request_id = {bind(self.request_id)}")
        if self.scopes is not None:
            conditions.append(self.scopes.where(bind))
        return " AND ".join(conditions)


async def page(
    pool: asyncpg.Pool,
    filters: EventFilter,
    *,
    after: int | None,
    size: int,
    oldest_first: bool,
) -> list[asyncpg.Record]:
    """Up to ``size`` events past sequence ``after`` in the chosen order."""
    args: list[Any] = []
    where = filters.where(args)
    if after is not None:
        args.append(after)
        where += f" AND sequence {'>' if oldest_first else '<'} ${len(args)}"
    args.append(size)
    order = "ASC" if oldest_first else "DESC"
    rows: list[asyncpg.Record] = await pool.fetch(
        f"SELECT {EVENT_COLUMNS} FROM activity.events WHERE {where}"  # noqa: S608 - fixed fragments; values are bound
        f" ORDER BY sequence {order} LIMIT ${len(args)}",
        *args,
    )
    return rows


def to_message(row: asyncpg.Record | Mapping[str, Any]) -> activity_pb2.Event:
    """A stored row as the contract's Event."""
    details = struct_pb2.Struct()
    parsed = json.loads(row["details"]) if row["details"] else {}
    if isinstance(parsed, dict):
        json_format.ParseDict(parsed, details)
    event = activity_pb2.Event(
        name=f"events/{row['sequence']}",
        sequence=row["sequence"],
        event_time=timestamp(row["event_time"]),
        record_time=timestamp(row["record_time"]),
        actor=row["actor"],
        action=row["action"],
        permission=row["permission"],
        resource=row["resource"],
        workspace=row["workspace"],
        service=row["service"],
        status_message=row["status_message"],
        authorization_reason=row["authorization_reason"],
        request_id=row["request_id"],
        trace_id=row["trace_id"],
        client_address=row["client_address"],
        user_agent=row["user_agent"],
        details=details,
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )
    # Values written by SQL outside the API may not be known enum numbers; keep them.
    event.outcome = row["outcome"]
    event.status_code = row["status_code"]
    return event
