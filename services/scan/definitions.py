"""Scan definitions: validation, and conversion between rows and Scan messages.

A definition is stored as a serialized ``Scan`` holding only the fields people edit, so
adding a field to the contract needs no migration; the columns beside it (display name,
schedule, latest run) are the ones queries filter and sort on.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import asyncpg

from pursight.scan.v1 import scan_pb2
from services.runtime.convert import etag, timestamp
from services.runtime.errors import FieldViolation, collect
from services.runtime.names import ID_PATTERN
from services.scan import cron

Scan = scan_pb2.Scan
ScanMode = scan_pb2.ScanMode

SOURCE = "workspaces/{workspace}/dataSources/{data_source}"
SCAN = "workspaces/{workspace}/dataSources/{data_source}/scans/{scan}"
RUN = "workspaces/{workspace}/dataSources/{data_source}/scans/{scan}/runs/{run}"
DEFAULT_SAMPLE_SIZE = 128
MAX_SAMPLE_SIZE = 10_000
MAX_PATTERNS = 100
MAX_LABELS = 64
# Fields UpdateScan may change; also what a snapshot keeps.
EDITABLE = (
    "display_name",
    "description",
    "scope",
    "mode",
    "sample_size",
    "metadata_only",
    "profiling_enabled",
    "rule_set",
    "schedule",
    "labels",
)
_RULE_SET = re.compile(rf"^workspaces/({ID_PATTERN})/ruleSets/{ID_PATTERN}$")
_LABEL_KEY = re.compile(r"[a-z][a-z0-9_.-]{0,62}")
_SCOPE_LISTS = (
    "databases",
    "include_schemas",
    "exclude_schemas",
    "include_tables",
    "exclude_tables",
    "include_paths",
    "exclude_paths",
)


def scan_name(workspace: str, data_source: str, scan_id: str) -> str:
    return f"workspaces/{workspace}/dataSources/{data_source}/scans/{scan_id}"


def source_name(workspace: str, data_source: str) -> str:
    return f"workspaces/{workspace}/dataSources/{data_source}"


def _scope_violations(scope: scan_pb2.ScanScope, prefix: str) -> list[FieldViolation]:
    found: list[FieldViolation] = []
    for field in _SCOPE_LISTS:
        patterns = getattr(scope, field)
        if len(patterns) > MAX_PATTERNS:
            found.append(FieldViolation(f"{prefix}.{field}", f"at most {MAX_PATTERNS} patterns"))
        for index, pattern in enumerate(patterns):
            where = f"{prefix}.{field}[{index}]"
            if not pattern.strip() or len(pattern) > 512:
                found.append(FieldViolation(where, "must be 1-512 characters"))
            elif pattern.startswith("re:"):
                try:
                    re.compile(pattern[3:])
                except re.error as exc:
                    found.append(FieldViolation(where, f"is not a valid regular expression: {exc}"))
    return found


def _schedule_violations(schedule: scan_pb2.ScanSchedule, prefix: str) -> list[FieldViolation]:
    found: list[FieldViolation] = []
    try:
        zone = cron.zone(schedule.time_zone)
    except cron.CronError as exc:
        found.append(FieldViolation(f"{prefix}.time_zone", str(exc)))
        zone = None
    if not schedule.cron.strip():
        found.append(FieldViolation(f"{prefix}.cron", "is required"))
        return found
    try:
        parsed = cron.parse(schedule.cron)
    except cron.CronError as exc:
        found.append(FieldViolation(f"{prefix}.cron", str(exc)))
        return found
    if zone is not None and parsed.next_after(datetime.now(UTC), zone) is None:
        found.append(FieldViolation(f"{prefix}.cron", "never fires"))
    return found


def check_scan(scan: Scan, paths: set[str], workspace: str, prefix: str = "scan") -> None:
    """Raises INVALID_ARGUMENT naming every bad field among ``paths``."""
    v: list[FieldViolation] = []
    if "display_name" in paths and not 1 <= len(scan.display_name.strip()) <= 200:
        v.append(FieldViolation(f"{prefix}.display_name", "must be 1-200 characters"))
    if "description" in paths and len(scan.description) > 4000:
        v.append(FieldViolation(f"{prefix}.description", "must be at most 4000 characters"))
    if "scope" in paths:
        v += _scope_violations(scan.scope, f"{prefix}.scope")
    if "mode" in paths and scan.mode not in ScanMode.values():
        v.append(
            FieldViolation(f"{prefix}.mode", "must be SCAN_MODE_FULL or SCAN_MODE_INCREMENTAL")
        )
    if "sample_size" in paths and not 0 <= scan.sample_size <= MAX_SAMPLE_SIZE:
        v.append(FieldViolation(f"{prefix}.sample_size", f"must be 0-{MAX_SAMPLE_SIZE}"))
    if (
        scan.metadata_only
        and scan.profiling_enabled
        and {"metadata_only", "profiling_enabled"} & paths
    ):
        v.append(
            FieldViolation(
                f"{prefix}.profiling_enabled", "needs sampled rows; unset metadata_only first"
            )
        )
    if "rule_set" in paths and scan.rule_set:
        match = _RULE_SET.match(scan.rule_set)
        if match is None:
            v.append(
                FieldViolation(f"{prefix}.rule_set", "must look like workspaces/{w}/ruleSets/{r}")
            )
        elif match.group(1) != workspace:
            v.append(FieldViolation(f"{prefix}.rule_set", "must belong to the scan's workspace"))
    if "schedule" in paths and scan.HasField("schedule"):
        v += _schedule_violations(scan.schedule, f"{prefix}.schedule")
    if "labels" in paths:
        if len(scan.labels) > MAX_LABELS:
            v.append(FieldViolation(f"{prefix}.labels", f"at most {MAX_LABELS} labels"))
        for key, value in scan.labels.items():
            if not _LABEL_KEY.fullmatch(key) or len(value) > 256:
                v.append(
                    FieldViolation(
                        f"{prefix}.labels[{key!r}]",
                        "keys are lower-case identifiers, values at most 256 characters",
                    )
                )
    collect(v)


def spec_of(scan: Scan) -> Scan:
    """The editable fields of ``scan``, normalised (defaults made explicit)."""
    spec = Scan()
    for field in EDITABLE:
        descriptor = Scan.DESCRIPTOR.fields_by_name[field]
        if descriptor.message_type is not None and not descriptor.is_repeated:
            if scan.HasField(field):
                getattr(spec, field).CopyFrom(getattr(scan, field))
        elif field == "labels":
            spec.labels.update(scan.labels)
        else:
            setattr(spec, field, getattr(scan, field))
    spec.display_name = spec.display_name.strip()
    if spec.sample_size == 0:
        spec.sample_size = DEFAULT_SAMPLE_SIZE
    if spec.mode == ScanMode.SCAN_MODE_UNSPECIFIED:
        spec.mode = ScanMode.SCAN_MODE_FULL
    if spec.HasField("schedule"):
        spec.schedule.ClearField("next_run_time")
        spec.schedule.cron = " ".join(spec.schedule.cron.split())
    return spec


def merge(current: Scan, update: Scan, paths: list[str]) -> Scan:
    """``current`` with the fields named in ``paths`` taken from ``update``."""
    merged = Scan()
    merged.CopyFrom(current)
    for field in paths:
        merged.ClearField(field)
        descriptor = Scan.DESCRIPTOR.fields_by_name[field]
        if descriptor.message_type is not None and not descriptor.is_repeated:
            if update.HasField(field):
                getattr(merged, field).CopyFrom(getattr(update, field))
        elif field == "labels":
            merged.labels.update(update.labels)
        else:
            setattr(merged, field, getattr(update, field))
    return spec_of(merged)


def next_run_time(spec: Scan, after: datetime) -> datetime | None:
    """When the schedule fires next, or None when there is no enabled schedule."""
    if not spec.HasField("schedule") or not spec.schedule.enabled:
        return None
    return cron.next_run(spec.schedule.cron, spec.schedule.time_zone, after)


def to_message(row: asyncpg.Record) -> Scan:
    """The Scan for a ``scan.scans`` row."""
    scan = Scan.FromString(row["spec"])
    scan.name = scan_name(row["workspace"], row["data_source"], row["id"])
    if scan.HasField("schedule") and row["next_run_time"] is not None:
        scan.schedule.next_run_time.CopyFrom(timestamp(row["next_run_time"]))
    scan.last_run = row["last_run"]
    scan.last_run_state = row["last_run_state"]
    if row["last_success_time"] is not None:
        scan.last_success_time.CopyFrom(timestamp(row["last_success_time"]))
    scan.creator = row["creator"]
    scan.create_time.CopyFrom(timestamp(row["create_time"]))
    scan.update_time.CopyFrom(timestamp(row["update_time"]))
    scan.etag = etag(row["version"])
    return scan
