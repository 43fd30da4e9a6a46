"""How the scan workers of one process behave.

The platform's ``Settings`` has no scan fields yet, so these are read here, from the
same ``PURSIGHT_`` environment and with the same loud failure on a bad value; they move
into ``Settings`` when it grows them. Tests pass a ``ScanConfig`` with a short lease.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass

from services.runtime.settings import ENV_PREFIX, SettingsError


@dataclass(frozen=True)
class ScanConfig:
    """Worker pool knobs. ``workers = 0`` serves the API only (a front-end replica)."""

    # Worker loops (asyncio tasks) in this process; each processes one task at a time.
    workers: int = 4
    # How long a claimed task stays leased without a heartbeat; a dead worker's tasks are
    # taken again this long after its last heartbeat.
    lease_seconds: float = 30.0
    # How often an idle worker looks for work when no announcement wakes it.
    poll_seconds: float = 1.0
    # A task whose workers died this many times is given up (its objects fail).
    max_attempts: int = 3
    # Objects per task: small when sampling (slow per object), large for metadata only.
    batch_objects: int = 8
    batch_objects_metadata_only: int = 64
    # Columns per task, whatever the number of objects.
    batch_columns: int = 1500
    # Tasks the planner queues per transaction.
    planner_chunk: int = 64

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> ScanConfig:
        """Reads ``PURSIGHT_SCAN_<FIELD>`` variables; a malformed one raises SettingsError."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for field in dataclasses.fields(cls):
            key = f"{ENV_PREFIX}SCAN_{field.name.upper()}"
            raw = env.get(key)
            if raw is None:
                continue
            try:
                values[field.name] = float(raw) if field.type == "float" else int(raw)
            except ValueError:
                raise SettingsError(f"{key}: expected a number, got {raw!r}") from None
        config = cls(**values)  # type: ignore[arg-type]  # each value cast to its field's type above
        config.check()
        return config

    def check(self) -> None:
        if self.workers < 0:
            raise SettingsError(f"{ENV_PREFIX}SCAN_WORKERS must not be negative")
        if self.lease_seconds < 1:
            raise SettingsError(f"{ENV_PREFIX}SCAN_LEASE_SECONDS must be at least 1")
        if self.poll_seconds <= 0:
            raise SettingsError(f"{ENV_PREFIX}SCAN_POLL_SECONDS must be positive")
        if min(self.batch_objects, self.batch_objects_metadata_only, self.max_attempts) < 1:
            raise SettingsError("scan batch sizes and max attempts must be at least 1")
