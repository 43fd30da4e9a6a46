"""The work queue every scan worker shares: a PostgreSQL table leased with SKIP LOCKED.

A worker claims the first claimable task (``SELECT ... FOR UPDATE SKIP LOCKED``, so
claimers never wait on each other) and leases it: ``lease_owner`` and
``lease_expires_at``. It extends the lease while it works. A task is claimable when it
is pending, or when its lease ran out because its worker died; the next claim counts
another attempt, which is how a retried task is recognised.

A task's completion deletes it, guarded by the lease (a worker that lost its lease
completes nothing), and adds its outcome to the run in the same transaction, under the
run row's lock. That lock also makes finalization exactly-once: the transaction that
sees every task of the run finished, and finds ``finalize_queued`` still false, is the
only one that queues the finalization task.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import asyncpg
import redis.asyncio as redis

from services.runtime.database import Connection
from services.scan import events

PLAN, OBJECTS, FINALIZE = "plan", "objects", "finalize"
# Finish what is nearly done before starting more: finalizations, then planning.
_PRIORITY = {FINALIZE: 0, PLAN: 1, OBJECTS: 2}

_CLAIM = """
WITH next AS (
    SELECT id FROM scan.tasks
    WHERE state = 'pending' OR (state = 'leased' AND lease_expires_at < now())
    ORDER BY priority, id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
)
UPDATE scan.tasks t SET state = 'leased', lease_owner = $1,
    lease_expires_at = now() + make_interval(secs => $2),
    attempts = t.attempts + 1, current_object = '', objects_done = 0
FROM next WHERE t.id = next.id
RETURNING t.id, t.run_id, t.kind, t.payload, t.attempts, t.object_count
"""


@dataclass(frozen=True)
class Task:
    """A leased task. ``attempts`` > 1 means an earlier worker died holding it."""

    id: int
    run_id: str
    kind: str
    payload: Any
    attempts: int
    object_count: int

    @property
    def retried(self) -> bool:
        return self.attempts > 1


async def enqueue(
    conn: Connection, run_id: str, kind: str, payload: Any, object_count: int
) -> None:
    """Adds a task; the caller counts it in the run's ``tasks_total`` (but finalization,
    which is not counted)."""
    await conn.execute(
        "INSERT INTO scan.tasks (run_id, kind, priority, payload, object_count)"
        " VALUES ($1, $2, $3, $4, $5)",
        run_id,
        kind,
        _PRIORITY[kind],
        payload,
        object_count,
    )


async def enqueue_many(conn: Connection, run_id: str, payloads: list[dict[str, Any]]) -> None:
    """Adds one OBJECTS task per payload (``{"root": ..., "objects": [...]}``)."""
    await conn.executemany(
        "INSERT INTO scan.tasks (run_id, kind, priority, payload, object_count)"
        " VALUES ($1, $2, $3, $4, $5)",
        [(run_id, OBJECTS, _PRIORITY[OBJECTS], p, len(p["objects"])) for p in payloads],
    )


async def notify(client: redis.Redis) -> None:
    """Wakes idle workers of every process: there is work."""
    await client.publish(events.TASKS_CHANNEL, "work")


async def drop_pending(conn: Connection, run_id: str) -> int:
    """Deletes the run's tasks no worker holds (not its finalization); returns how many.
    Held tasks finish on their own: their workers see the run stopping."""
    rows = await conn.fetch(
        "DELETE FROM scan.tasks WHERE run_id = $1 AND state = 'pending' AND kind <> $2"
        " RETURNING id",
        run_id,
        FINALIZE,
    )
    return len(rows)


async def finalize_if_done(conn: Connection, run_id: str) -> bool:
    """Queues the run's finalization when every task is finished and none is queued
    yet; True when this call queued it. The conditional UPDATE takes the run row's
    lock, so of two transactions finishing the last tasks only one queues it."""
    queued = await conn.fetchval(
        "UPDATE scan.runs SET finalize_queued = true WHERE id = $1 AND NOT finalize_queued"
        " AND tasks_finished >= tasks_total RETURNING id",
        run_id,
    )
    if queued is None:
        return False
    await enqueue(conn, run_id, FINALIZE, [], 0)
    return True


class Queue:
    """Claims, extends, releases and completes tasks as one lease owner."""

    def __init__(self, pool: asyncpg.Pool, owner: str, lease_seconds: float) -> None:
        self._pool = pool
        self.owner = owner
        self.lease_seconds = lease_seconds

    async def claim(self) -> Task | None:
        row = await self._pool.fetchrow(_CLAIM, self.owner, self.lease_seconds)
        if row is None:
            return None
        payload = row["payload"]
        return Task(
            id=row["id"],
            run_id=row["run_id"],
            kind=row["kind"],
            payload=json.loads(payload) if isinstance(payload, str) else payload,
            attempts=row["attempts"],
            object_count=row["object_count"],
        )

    async def heartbeat(self, task: Task) -> bool:
        """Extends the lease; False when it is lost (expired and taken by another)."""
        kept = await self._pool.fetchval(
            "UPDATE scan.tasks SET lease_expires_at = now() + make_interval(secs => $3)"
            " WHERE id = $1 AND lease_owner = $2 AND state = 'leased' RETURNING id",
            task.id,
            self.owner,
            self.lease_seconds,
        )
        return kept is not None

    async def checkpoint(self, task: Task, current: str, done: int) -> int | None:
        """Records the object being worked on (and how many are done) and returns the
        run's state, or None when the lease is lost. Workers call it between objects:
        it is how they notice a cancellation promptly."""
        state = await self._pool.fetchval(
            "UPDATE scan.tasks t SET current_object = $3, objects_done = $4 FROM scan.runs r"
            " WHERE t.id = $1 AND t.lease_owner = $2 AND t.state = 'leased' AND r.id = t.run_id"
            " RETURNING r.state",
            task.id,
            self.owner,
            current,
            done,
        )
        return int(state) if state is not None else None

    async def release(self, task: Task) -> None:
        """Gives the task back untouched (graceful shutdown): claimable at once, and not
        counted as a retry."""
        await self._pool.execute(
            "UPDATE scan.tasks SET state = 'pending', lease_owner = NULL,"
            " lease_expires_at = NULL, attempts = greatest(attempts - 1, 0), current_object = '',"
            " objects_done = 0"
            " WHERE id = $1 AND lease_owner = $2",
            task.id,
            self.owner,
        )

    async def take_over(self, conn: Connection, task: Task) -> bool:
        """Deletes the task if this owner still holds it; call in the completing
        transaction, after locking the run row."""
        deleted = await conn.fetchval(
            "DELETE FROM scan.tasks WHERE id = $1 AND lease_owner = $2 RETURNING id",
            task.id,
            self.owner,
        )
        return deleted is not None
