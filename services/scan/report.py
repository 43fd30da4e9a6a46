"""What a task found and how it adds up to a run's report.

A task reports an ``Outcome`` (counters, issues, catalog-state updates) only when it
completes, in the transaction that deletes it from the queue, so a task retried after
its worker died is counted once. Counters are keyed by ``ScanReport`` field names and
summed into the run row's ``stats``; the report is built from them at the end.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from google.protobuf import duration_pb2, timestamp_pb2

from pursight.scan.v1 import scan_pb2
from services.connectors.errors import ConnectorError
from services.connectors.model import FailureKind

Issue = scan_pb2.ScanIssue
Severity = scan_pb2.ScanIssue.Severity
Code = scan_pb2.ScanIssue.Code
Phase = scan_pb2.ScanPhase
MAX_LISTED = 1000
LABELS = "labels_by_classifier"
# Run-level keys that are lists, not counters.
UNREADABLE = "unreadable_prefixes"
_FAILURE_CODES: dict[FailureKind, Code] = {
    FailureKind.INSUFFICIENT_PRIVILEGES: Code.CODE_PERMISSION_DENIED,
    FailureKind.TIMEOUT: Code.CODE_TIMEOUT,
    FailureKind.NOT_FOUND: Code.CODE_OBJECT_VANISHED,
    FailureKind.UNREACHABLE: Code.CODE_CONNECTION_LOST,
    FailureKind.TLS_FAILED: Code.CODE_CONNECTION_LOST,
}
_COUNTERS = frozenset(
    f.name
    for f in scan_pb2.ScanReport.DESCRIPTOR.fields
    if f.type in (f.TYPE_INT32, f.TYPE_INT64) and not f.name.endswith("_count")
)


def make_issue(
    severity: Severity,
    code: Code,
    message: str,
    *,
    obj: str = "",
    column: str = "",
    phase: Phase = Phase.SCAN_PHASE_PROCESSING,
) -> Issue:
    """A ScanIssue stamped now. ``message`` must hold no secret and no sampled value."""
    now = timestamp_pb2.Timestamp()
    now.GetCurrentTime()
    return Issue(
        severity=severity,
        code=code,
        message=message[:1000],
        object=obj,
        column=column,
        phase=phase,
        time=now,
    )


def code_for(error: ConnectorError, default: Code) -> Code:
    """The issue code for a connector failure; ``default`` for the step's own kind."""
    return _FAILURE_CODES.get(error.failure, default)


@dataclass
class StateUpdate:
    """What the scan now knows of one object, written when its task completes."""

    qualified_name: str
    fingerprint: str
    modify_time: datetime | None
    columns: dict[str, str]
    cache: dict[str, Any]


@dataclass
class Outcome:
    """What one task did, applied to its run when the task completes."""

    counters: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    issues: list[Issue] = field(default_factory=list)
    objects_done: int = 0
    objects_failed: int = 0
    columns_done: int = 0
    states: list[StateUpdate] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    discovery_complete: bool = False

    def warn(self, code: Code, message: str, **where: Any) -> None:
        self.issues.append(make_issue(Severity.SEVERITY_WARNING, code, message, **where))

    def error(self, code: Code, message: str, **where: Any) -> None:
        self.issues.append(make_issue(Severity.SEVERITY_ERROR, code, message, **where))

    @property
    def warnings(self) -> int:
        return sum(1 for i in self.issues if i.severity == Severity.SEVERITY_WARNING)

    @property
    def errors(self) -> int:
        return sum(1 for i in self.issues if i.severity == Severity.SEVERITY_ERROR)


def merge_stats(stats: dict[str, Any], outcome: Outcome) -> dict[str, Any]:
    """The run's ``stats`` with ``outcome``'s counters added."""
    merged = dict(stats)
    for key, value in outcome.counters.items():
        if key not in _COUNTERS:
            raise KeyError(f"{key} is not a ScanReport counter")
        merged[key] = int(merged.get(key, 0)) + value
    if outcome.labels:
        labels = Counter({k: int(v) for k, v in merged.get(LABELS, {}).items()})
        labels.update(outcome.labels)
        merged[LABELS] = dict(labels)
    if outcome.unreadable:
        merged[UNREADABLE] = sorted({*merged.get(UNREADABLE, []), *outcome.unreadable})
    return merged


def build_report(
    stats: dict[str, Any],
    *,
    objects_total: int,
    objects_failed: int,
    started: datetime | None,
    ended: datetime,
    warnings: list[Issue],
    errors: list[Issue],
    warning_count: int,
    error_count: int,
) -> scan_pb2.ScanReport:
    """The run's report from its summed counters and its issues."""
    report = scan_pb2.ScanReport()
    for key, value in stats.items():
        if key in _COUNTERS:
            setattr(report, key, int(value))
    report.objects_total = objects_total
    report.objects_failed = objects_failed
    report.labels_by_classifier.update({k: int(v) for k, v in stats.get(LABELS, {}).items()})
    duration = duration_pb2.Duration()
    if started is not None:
        duration.FromTimedelta(max(ended - started, ended - ended))
    report.duration.CopyFrom(duration)
    report.warnings.extend(warnings[:MAX_LISTED])
    report.errors.extend(errors[:MAX_LISTED])
    report.warning_count = warning_count
    report.error_count = error_count
    return report
