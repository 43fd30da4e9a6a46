"""A run's event log: numbered, persisted, announced.

Every event gets the next sequence number of its run, taken from the run row inside the
transaction that records the change, so numbers have no gaps and follow commit order.
Events are stored, so a watcher that reconnects with ``after_sequence`` misses nothing,
and announced on a Redis channel after commit, so watchers wake at once instead of
polling (they still re-read every few seconds, in case an announcement is lost).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import redis.asyncio as redis
from google.protobuf import timestamp_pb2

from pursight.scan.v1 import scan_pb2
from services.runtime.database import Connection, Queryable

Event = scan_pb2.WatchScanRunResponse
EventType = scan_pb2.WatchScanRunResponse.Type
_CHANNEL = "scan:run:{}"
TASKS_CHANNEL = "scan:tasks"
# Re-read the log this often even without an announcement.
_POLL_SECONDS = 3.0
_PAGE = 500


def channel(run_id: str) -> str:
    return _CHANNEL.format(run_id)


async def append(conn: Connection, run_id: str, event: Event) -> Event:
    """Numbers ``event`` and stores it; call inside the transaction making the change."""
    sequence = await conn.fetchval(
        "UPDATE scan.runs SET event_seq = event_seq + 1 WHERE id = $1 RETURNING event_seq",
        run_id,
    )
    if sequence is None:
        raise LookupError(f"run {run_id} vanished")
    event.sequence = sequence
    if not event.HasField("time"):
        now = timestamp_pb2.Timestamp()
        now.GetCurrentTime()
        event.time.CopyFrom(now)
    await conn.execute(
        "INSERT INTO scan.events (run_id, sequence, payload) VALUES ($1, $2, $3)",
        run_id,
        sequence,
        event.SerializeToString(),
    )
    return event


async def announce(client: redis.Redis, run_id: str) -> None:
    """Wakes the run's watchers; call after the transaction commits."""
    await client.publish(channel(run_id), "changed")


async def read_after(db: Queryable, run_id: str, sequence: int) -> list[Event]:
    """Stored events after ``sequence``, oldest first, at most one page."""
    rows = await db.fetch(
        "SELECT payload FROM scan.events WHERE run_id = $1 AND sequence > $2"
        " ORDER BY sequence LIMIT $3",
        run_id,
        sequence,
        _PAGE,
    )
    return [Event.FromString(r["payload"]) for r in rows]


async def _exists(db: Queryable, run_id: str) -> bool:
    return bool(await db.fetchval("SELECT 1 FROM scan.runs WHERE id = $1", run_id))


async def follow(
    db: Queryable, client: redis.Redis, run_id: str, after: int
) -> AsyncIterator[Event]:
    """Every event after ``after``, as they come, until one with ``finished`` set."""
    pubsub = client.pubsub()
    await pubsub.subscribe(channel(run_id))
    try:
        last = after
        while True:
            batch = await read_after(db, run_id, last)
            for event in batch:
                yield event
                last = event.sequence
                if event.finished:
                    return
            if len(batch) == _PAGE:
                continue
            message = await pubsub.get_message(
                ignore_subscribe_messages=True, timeout=_POLL_SECONDS
            )
            if message is None and not batch and not await _exists(db, run_id):
                return  # the run was deleted (with its scan): nothing more will come
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated
