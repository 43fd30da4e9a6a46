"""How the scan workers of one process behave: the ``scan_*`` platform settings
(``PURSIGHT_SCAN_*``, read and checked with the rest in services/runtime/settings.py),
gathered for the worker pool. Tests build one directly, with short leases.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.runtime.settings import Settings


@dataclass(frozen=True)
class ScanConfig:
    """Worker pool knobs; each field is the setting ``scan_<field>`` (defaults alike)."""

    workers: int = 4
    lease_seconds: float = 30.0
    poll_seconds: float = 1.0
    max_attempts: int = 3
    batch_objects: int = 8
    batch_objects_metadata_only: int = 64
    batch_columns: int = 1500
    planner_chunk: int = 64

    @classmethod
    def from_settings(cls, settings: Settings) -> ScanConfig:
        return cls(
            workers=settings.scan_workers,
            lease_seconds=settings.scan_lease_seconds,
            poll_seconds=settings.scan_poll_seconds,
            max_attempts=settings.scan_max_attempts,
            batch_objects=settings.scan_batch_objects,
            batch_objects_metadata_only=settings.scan_batch_objects_metadata_only,
            batch_columns=settings.scan_batch_columns,
            planner_chunk=settings.scan_planner_chunk,
        )
