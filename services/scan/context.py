"""What a worker keeps about a run while it works on it: the run's fixed facts and one
connector, shared by the worker loops of this process.

Opening a source costs a ResolveConnection call and a connection pool, so each process
opens it once per run and closes it when the run ends or sits idle.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime

import asyncpg

from pursight.scan.v1 import scan_pb2
from services.scan import definitions as D
from services.scan.sources import OpenedSource, SourceResolver

log = logging.getLogger(__name__)
IDLE_SECONDS = 120.0


@dataclass
class RunContext:
    """A run as its workers see it."""

    id: str
    workspace: str
    data_source: str
    scan_id: str
    operation: str
    mode: int
    spec: scan_pb2.Scan
    start_time: datetime | None
    source: OpenedSource | None = None
    last_used: float = field(default_factory=time.monotonic)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def scan_name(self) -> str:
        return D.scan_name(self.workspace, self.data_source, self.scan_id)

    @property
    def name(self) -> str:
        return f"{self.scan_name}/runs/{self.id}"

    @property
    def source_name(self) -> str:
        return D.source_name(self.workspace, self.data_source)

    @property
    def parent(self) -> str:
        return f"workspaces/{self.workspace}"

    @property
    def incremental(self) -> bool:
        return self.mode == scan_pb2.SCAN_MODE_INCREMENTAL

    async def open(self, resolver: SourceResolver) -> OpenedSource:
        """The run's source, opened on first use (SourceError when it cannot be)."""
        self.last_used = time.monotonic()
        async with self._lock:
            if self.source is None:
                self.source = await resolver.resolve(self.source_name)
            return self.source

    async def close(self) -> None:
        async with self._lock:
            source, self.source = self.source, None
        if source is not None:
            try:
                await source.connector.aclose()
            except Exception:  # closing must not mask the work's outcome
                log.warning("closing the source of run %s failed", self.id, exc_info=True)


def _from_row(row: asyncpg.Record) -> RunContext:
    return RunContext(
        id=row["id"],
        workspace=row["workspace"],
        data_source=row["data_source"],
        scan_id=row["scan_id"],
        operation=row["operation"],
        mode=row["mode"],
        spec=scan_pb2.Scan.FromString(row["snapshot"]),
        start_time=row["start_time"],
    )


class Contexts:
    """The runs this process is working on."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._runs: dict[str, RunContext] = {}

    async def get(self, run_id: str) -> RunContext | None:
        """The run's context; None when the run is gone. Re-reads the start time until
        the run has one (planning sets it)."""
        ctx = self._runs.get(run_id)
        if ctx is None or ctx.start_time is None:
            row = await self._pool.fetchrow("SELECT * FROM scan.runs WHERE id = $1", run_id)
            if row is None:
                await self.drop(run_id)
                return None
            if ctx is None:
                ctx = self._runs[run_id] = _from_row(row)
            ctx.start_time = row["start_time"]
        ctx.last_used = time.monotonic()
        return ctx

    async def drop(self, run_id: str) -> None:
        ctx = self._runs.pop(run_id, None)
        if ctx is not None:
            await ctx.close()

    async def sweep(self, busy: set[str], idle_seconds: float = IDLE_SECONDS) -> None:
        """Closes the sources of runs nobody here has worked on lately (``busy`` runs,
        which a loop is working on now, are kept however long their task takes)."""
        now = time.monotonic()
        for run_id, ctx in list(self._runs.items()):
            if run_id not in busy and now - ctx.last_used > idle_seconds:
                await self.drop(run_id)

    async def close(self) -> None:
        for run_id in list(self._runs):
            with contextlib.suppress(Exception):
                await self.drop(run_id)
