"""The work queue on its own database: leases, retries, lost leases, and a run queued
for finalization exactly once however many workers finish its last tasks together."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import pytest_asyncio

from services.runtime.database import Database, apply_migrations, load_migrations
from services.scan import accounting, queue
from services.scan.report import Outcome
from tests.conftest import Platform

ROOT = Path(__file__).resolve().parents[2] / "services"


@pytest_asyncio.fixture
async def db(platform: Platform) -> AsyncIterator[Database]:
    """A database of its own, so the platform's workers never see these tasks."""
    assert platform.server.stores is not None
    admin_url = platform.server.stores.urls.database
    name = f"scan_queue_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(admin_url)
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = urlsplit(admin_url)._replace(path=f"/{name}").geturl()
    database = await Database.connect(url, min_size=2, max_size=20)
    async with database.primary.acquire() as conn:
        for service in ("operations", "scan"):
            await apply_migrations(conn, load_migrations(service, ROOT / service / "migrations"))
    try:
        yield database
    finally:
        await database.close()
        await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        await admin.close()


async def _run(pool: asyncpg.Pool, tasks: int) -> str:
    run_id = uuid.uuid4().hex[:16]
    await pool.execute(
        "INSERT INTO scan.scans (workspace, data_source, id, display_name, spec, creator)"
        " VALUES ('w', 'd', $1, $1, '', 'users/t')",
        run_id,
    )
    await pool.execute(
        "INSERT INTO scan.runs (id, workspace, data_source, scan_id, state, phase, trigger,"
        " initiator, operation, mode, snapshot, tasks_total, start_time)"
        " VALUES ($1, 'w', 'd', $1, 2, 4, 1, 'users/t', 'operations/x', 1, '', $2, now())",
        run_id,
        tasks,
    )
    async with pool.acquire() as conn:
        await queue.enqueue_many(
            conn,
            run_id,
            [{"root": "r", "objects": [{"qualified_name": f"t{i}"}]} for i in range(tasks)],
        )
    return run_id


async def test_leases_expire_into_retries_and_lost_leases_complete_nothing(
    db: Database, platform: Platform
) -> None:
    pool = db.primary
    await _run(pool, 2)
    dying = queue.Queue(pool, "worker-a", lease_seconds=1)
    held = await dying.claim()
    assert held is not None
    assert held.attempts == 1
    assert not held.retried
    survivor = queue.Queue(pool, "worker-b", lease_seconds=30)
    other = await survivor.claim()
    assert other is not None
    assert other.id != held.id
    assert await survivor.claim() is None  # the first is still leased
    await asyncio.sleep(1.2)  # worker-a died: its lease runs out
    retried = await survivor.claim()
    assert retried is not None
    assert retried.id == held.id
    assert retried.retried
    assert not await dying.heartbeat(held)  # the late worker learns it lost the task
    redis = platform.server.stores.redis if platform.server.stores else None
    assert redis is not None
    assert await accounting.complete(pool, redis, dying, held, Outcome(objects_done=1)) is None
    done = await accounting.complete(pool, redis, survivor, retried, Outcome(objects_done=1))
    assert done is not None
    assert done["objects_done"] == 1
    assert not done["finalize_queued"]
    # Graceful release: claimable at once, and not counted as a retry.
    await survivor.release(other)
    again = await survivor.claim()
    assert again is not None
    assert again.id == other.id
    assert again.attempts == 1


async def test_a_run_is_queued_for_finalization_exactly_once(
    db: Database, platform: Platform
) -> None:
    pool = db.primary
    assert platform.server.stores is not None
    redis = platform.server.stores.redis
    tasks = 40
    run_id = await _run(pool, tasks)
    workers = [queue.Queue(pool, f"worker-{i}", lease_seconds=30) for i in range(8)]
    finalizations: list[int] = []

    async def work(q: queue.Queue) -> None:
        while (task := await q.claim()) is not None:
            if task.kind == queue.FINALIZE:
                finalizations.append(task.id)
                await pool.execute("DELETE FROM scan.tasks WHERE id = $1", task.id)
                continue
            await accounting.complete(pool, redis, q, task, Outcome(objects_done=1))

    await asyncio.gather(*(work(q) for q in workers))
    run = await pool.fetchrow("SELECT * FROM scan.runs WHERE id = $1", run_id)
    assert run is not None
    assert (run["tasks_finished"], run["objects_done"], run["finalize_queued"]) == (
        tasks,
        tasks,
        True,
    )
    assert len(finalizations) == 1  # eight workers raced for the last tasks
    sequences = await pool.fetch(
        "SELECT sequence FROM scan.events WHERE run_id = $1 ORDER BY sequence", run_id
    )
    # One progress event per task, numbered without gaps or repeats.
    assert [r["sequence"] for r in sequences] == list(range(1, tasks + 1))
    async with pool.acquire() as conn:
        assert not await queue.finalize_if_done(conn, run_id)
