"""Starting scheduled runs when their time comes.

Any process's maintenance loop may do it: due scans are claimed with ``FOR UPDATE SKIP
LOCKED`` and their next time written in the same transaction as the run they start, so
a firing is taken by exactly one process. A firing that finds the previous run still
active is skipped (the schedule moves on), as cron skips an overlapping job.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import asyncpg
import redis.asyncio as redis

from pursight.scan.v1 import scan_pb2
from services.runtime.errors import ServiceError
from services.scan import definitions as D
from services.scan import events, runs

log = logging.getLogger(__name__)
BATCH = 20


async def start_due_runs(pool: asyncpg.Pool, client: redis.Redis) -> int:
    """Starts the runs whose schedules are due; returns how many started."""
    started: list[str] = []
    async with pool.acquire() as conn, conn.transaction():
        due = await conn.fetch(
            "SELECT * FROM scan.scans WHERE schedule_enabled AND next_run_time <= now()"
            " ORDER BY next_run_time LIMIT $1 FOR UPDATE SKIP LOCKED",
            BATCH,
        )
        now = datetime.now(UTC)
        for row in due:
            spec = scan_pb2.Scan.FromString(row["spec"])
            await conn.execute(
                "UPDATE scan.scans SET next_run_time = $4"
                " WHERE workspace = $1 AND data_source = $2 AND id = $3",
                row["workspace"],
                row["data_source"],
                row["id"],
                D.next_run_time(spec, now),
            )
            try:
                async with conn.transaction():  # a savepoint: a refusal keeps the rest
                    run, _ = await runs.start_run(
                        conn,
                        client,
                        row,
                        mode=0,
                        trigger=runs.Trigger.TRIGGER_SCHEDULE,
                        initiator=row["creator"],
                    )
                started.append(run["id"])
            except ServiceError:
                log.info(
                    "scheduled run of %s skipped: a run is still active",
                    D.scan_name(row["workspace"], row["data_source"], row["id"]),
                )
    for run_id in started:
        await events.announce(client, run_id)
    return len(started)
