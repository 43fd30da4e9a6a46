"""What the task handlers (planner, object processor, finalizer) work with: the
process's stores and stubs, and a handle on the task they hold."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import asyncpg
import redis.asyncio as redis

from pursight.catalog.v1 import catalog_pb2_grpc
from pursight.classification.v1 import classification_pb2_grpc
from pursight.compliance.v1 import compliance_pb2_grpc
from services.scan.config import ScanConfig
from services.scan.queue import Queue, Task
from services.scan.sources import SourceResolver

Metadata = tuple[tuple[str, str], ...]


class Interrupted(Exception):
    """Stop working on the task now and leave it to others: this worker lost its lease
    (another has the task) or is shutting down (``release``: hand it back at once)."""

    def __init__(self, release: bool = False) -> None:
        super().__init__("released" if release else "lease lost")
        self.release = release


@dataclass
class WorkerDeps:
    """Stores, stubs and settings shared by the worker loops of one process."""

    pool: asyncpg.Pool
    redis: redis.Redis
    queue: Queue
    config: ScanConfig
    resolver: SourceResolver
    catalog: catalog_pb2_grpc.CatalogServiceStub
    classification: classification_pb2_grpc.ClassificationServiceStub
    compliance: compliance_pb2_grpc.ComplianceServiceStub
    # Call metadata authenticating as services/scan (a fresh token when needed).
    metadata: Callable[[], Metadata]


class TaskHandle:
    """A held task: its lease state, and the checkpoint handlers call between objects.

    Checkpoints come between objects, which may take microseconds each (metadata only)
    or seconds (sampling), so the database is asked at most every ``CHECK_SECONDS``:
    that bounds both the cost and how long a cancellation goes unnoticed. The checkpoint
    also notices a cancellation made on the run's operation (through
    ``OperationsService.CancelOperation``) and cancels the run, at most every
    ``OPERATION_CHECK_SECONDS``; the worker pool's maintenance loop catches the rest.
    """

    CHECK_SECONDS = 0.2
    OPERATION_CHECK_SECONDS = 0.5
    # A progress event (objects done so far, current objects) at most this often.
    PROGRESS_SECONDS = 1.0

    def __init__(
        self,
        queue: Queue,
        task: Task,
        stopping: asyncio.Event,
        on_operation_cancelled: Callable[[str], Awaitable[int | None]] | None = None,
        on_progress: Callable[[str], Awaitable[None]] | None = None,
    ) -> None:
        self.task = task
        self._queue = queue
        self._stopping = stopping
        self._cancelled = on_operation_cancelled
        self._progress = on_progress
        self._checked = self._reported = time.monotonic()
        self._asked = 0.0
        self._state = 0
        self.lost = False  # set by the heartbeat when the lease could not be extended

    def lost_or_stopping(self) -> bool:
        return self.lost or self._stopping.is_set()

    async def checkpoint(self, current: str, done: int = 0) -> int:
        """Records ``current`` as the object being worked on and ``done`` as the objects
        finished so far in this task; returns the run's state. Raises Interrupted when
        the worker must let go of the task."""
        if self._stopping.is_set():
            raise Interrupted(release=True)
        if self.lost:
            raise Interrupted
        now = time.monotonic()
        if now - self._asked < self.CHECK_SECONDS:
            return self._state
        self._asked = now
        state = await self._queue.checkpoint(self.task, current, done)
        if state is None:
            self.lost = True
            raise Interrupted
        self._state = state
        if self._progress is not None and now - self._reported >= self.PROGRESS_SECONDS:
            self._reported = now
            await self._progress(self.task.run_id)
        if self._cancelled is not None and now - self._checked >= self.OPERATION_CHECK_SECONDS:
            self._checked = now
            changed = await self._cancelled(self.task.run_id)
            if changed is not None:
                self._state = changed
        return self._state
