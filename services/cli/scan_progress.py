"""Running a scan from the command line with live progress (``pursight demo``).

A client of ScanService like any other: it creates the scan (or reuses it), starts a
run, and renders the run's event stream as it comes: phase, objects done of the total,
the objects being read now, and each warning. It never prints sampled values: the
stream carries none.
"""

from __future__ import annotations

from collections.abc import Sequence

import grpc
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pursight.scan.v1 import scan_pb2, scan_pb2_grpc

Metadata = Sequence[tuple[str, str]]
EventType = scan_pb2.WatchScanRunResponse.Type


async def ensure_scan(
    stub: scan_pb2_grpc.ScanServiceStub,
    data_source: str,
    scan_id: str,
    scan: scan_pb2.Scan,
    metadata: Metadata,
) -> scan_pb2.Scan:
    """The scan ``scan_id`` of ``data_source``, created from ``scan`` when missing."""
    found: scan_pb2.Scan
    try:
        found = await stub.CreateScan(
            scan_pb2.CreateScanRequest(parent=data_source, scan_id=scan_id, scan=scan),
            metadata=metadata,
        )
    except grpc.aio.AioRpcError as exc:
        if exc.code() != grpc.StatusCode.ALREADY_EXISTS:
            raise
        found = await stub.GetScan(
            scan_pb2.GetScanRequest(name=f"{data_source}/scans/{scan_id}"), metadata=metadata
        )
    return found


def _describe(event: scan_pb2.WatchScanRunResponse, title: str) -> str:
    phase = scan_pb2.ScanPhase.Name(event.progress.phase).removeprefix("SCAN_PHASE_").lower()
    current = [name.rsplit("/", 1)[-1] for name in event.progress.current_objects[:2]]
    return f"{title} [dim]{phase}{': ' + ', '.join(current) if current else ''}[/dim]"


async def run_with_progress(
    stub: scan_pb2_grpc.ScanServiceStub,
    scan: str,
    metadata: Metadata,
    console: Console,
    title: str = "",
) -> scan_pb2.ScanRun:
    """Runs ``scan`` and shows its progress until it ends; the finished run."""
    title = title or scan.rsplit("/", 1)[-1]
    operation = await stub.RunScan(scan_pb2.RunScanRequest(name=scan), metadata=metadata)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as bars:
        bar = bars.add_task(title, total=None)
        stream = stub.WatchScanRun(
            scan_pb2.WatchScanRunRequest(name=operation.target), metadata=metadata
        )
        async for event in stream:
            progress = event.progress
            bars.update(
                bar,
                description=_describe(event, title),
                total=progress.objects_total or None,
                completed=progress.objects_done + progress.objects_failed,
            )
            if event.type == EventType.TYPE_ISSUE:
                issue = event.issue
                where = issue.object.rsplit("/", 1)[-1] or "the run"
                bars.console.print(f"  [yellow]![/yellow] {where}: {issue.message}")
            if event.finished:
                break
    run: scan_pb2.ScanRun = await stub.GetScanRun(
        scan_pb2.GetScanRunRequest(name=operation.target), metadata=metadata
    )
    return run


def summary(run: scan_pb2.ScanRun) -> list[str]:
    """A few lines on what a finished run found."""
    report = run.report
    state = scan_pb2.ScanRun.State.Name(run.state).removeprefix("STATE_").lower()
    lines = [
        f"{state} in {report.duration.ToTimedelta().total_seconds():.1f}s: "
        f"{report.tables} tables, {report.views} views, {report.files} files, "
        f"{report.columns} columns, {report.classified_columns} sensitive columns"
    ]
    for classifier, count in sorted(report.labels_by_classifier.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {classifier.rsplit('/', 1)[-1]}: {count}")
    if report.warning_count or report.error_count:
        lines.append(f"  {report.warning_count} warnings, {report.error_count} errors")
    return lines
