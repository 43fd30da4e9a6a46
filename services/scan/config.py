"""How the scan workers of one process behave: the ``scan_*`` platform settings
(``PURSIGHT_SCAN_*``, read and checked with the rest in services/runtime/settings.py),
gathered for the worker pool. Tests build one directly, with short leases.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from services.runtime.settings import Settings


@dataclass(frozen=True)
class ScanConfig:
    """Worker pool knobs; each field is the setting ``scan_<field>``, default included."""

    workers: int = Settings.scan_workers
    lease_seconds: float = Settings.scan_lease_seconds
    poll_seconds: float = Settings.scan_poll_seconds
    max_attempts: int = Settings.scan_max_attempts
    batch_objects: int = Settings.scan_batch_objects
    batch_objects_metadata_only: int = Settings.scan_batch_objects_metadata_only
    batch_columns: int = Settings.scan_batch_columns
    planner_chunk: int = Settings.scan_planner_chunk

    @classmethod
    def from_settings(cls, settings: Settings) -> ScanConfig:
        return cls(**{f.name: getattr(settings, f"scan_{f.name}") for f in fields(cls)})
