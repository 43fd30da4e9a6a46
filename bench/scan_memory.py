"""Peak memory of a scan at 10,000 tables against 1,000: it should barely grow.

``python -m bench.scan_memory`` runs the platform as ``pursight up --processes`` does,
one process per service (``services.cli.processes.ProcessMesh``, no gateway), so the
scan service's memory is its own and not mixed with the catalog's or the
classification's. For each size it generates (or reuses) a database of that many
tables of 10 columns (``bench.scan_source``; 10 rather than 15 columns keeps the
10,000-table database to a few minutes of generation), starts a fresh mesh on an empty
catalog, runs one scan (full by default: sampling, profiles, classification) and reads
each process's peak resident set (``VmHWM`` in ``/proc/<pid>/status``) as soon as the
run has ended, before the catalog is paged through to check that every table and
column arrived.

The planner streams objects into tasks a chunk at a time and workers hold a task or
two each, so the scan process should not grow with the source; the ratio of the two
peaks is the figure to watch (target: at most 1.5x for ten times the tables). The
catalog and classification processes are printed too: they are where a scan's data
lands.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

from bench import scan_source
from bench._load import table
from bench._proc import Stores, bench_settings
from bench._scan import (
    ScanDriver,
    TimedRun,
    implemented_services,
    reset_platform_database,
    source_revision,
)
from services.cli.processes import ProcessMesh

COLUMNS = 10
TARGET = 1.5
SIZES = (1_000, 10_000)
COMMAND = "python -m bench.scan_memory"
SHOWN = ("scan", "catalog", "classification", "datasource")


def peak_rss_mib(pid: int) -> float:
    """The peak resident set of ``pid`` since it started (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


@dataclass
class Measurement:
    shape: scan_source.Shape
    timed: TimedRun
    idle: dict[str, float]  # VmHWM once started, before the scan
    peak: dict[str, float]  # VmHWM when the run ended

    @property
    def total(self) -> float:
        return sum(self.peak.values())


async def _measure(
    data_dir: Path, stores: Stores, shape: scan_source.Shape, fields: dict[str, object]
) -> Measurement:
    await reset_platform_database(stores)
    mesh = ProcessMesh(bench_settings(data_dir), implemented_services(), gateway=False)
    await mesh.start()
    try:
        pids = {
            name: child.process.pid
            for name, child in mesh.children.items()
            if child.process is not None
        }
        idle = {name: peak_rss_mib(pid) for name, pid in pids.items()}
        peak: dict[str, float] = {}

        def read_peaks() -> None:
            peak.update({name: peak_rss_mib(pid) for name, pid in pids.items()})

        async with ScanDriver(mesh.address) as driver:
            timed = await driver.measured_scan(
                stores.server_url,
                shape,
                f"{shape.tables:,}-table scan",
                on_finished=read_peaks,
                **fields,
            )
    finally:
        await mesh.stop()
    return Measurement(shape, timed, idle, peak)


async def run(
    work_dir: Path, sizes: tuple[int, ...], metadata_only: bool, rebuild: bool
) -> list[Measurement]:
    kind = "metadata-only" if metadata_only else "full (sampling, profiles, classification)"
    print(f"\n== scan_memory: peak RSS per process, {kind} scan, {COLUMNS} columns per table")
    print(f"   {COMMAND}{' --metadata-only' if metadata_only else ''}")
    print(f"   PurSight at {source_revision()}")
    data_dir = work_dir / "scan-memory"
    fields: dict[str, object] = (
        {"metadata_only": True} if metadata_only else {"profiling_enabled": True}
    )
    stores = await Stores.start(data_dir)
    results = []
    try:
        shapes = [scan_source.Shape(size, COLUMNS) for size in sizes]
        for shape in shapes:
            await scan_source.ensure(stores.server_url, shape, rebuild=rebuild)
        for shape in shapes:
            print(f"   scanning {shape.tables:,} tables...", flush=True)
            measured = await _measure(data_dir, stores, shape, fields)
            report = measured.timed.run.report
            print(
                f"     {measured.timed.seconds:.1f} s; scan process peak"
                f" {measured.peak['scan']:.0f} MiB (idle {measured.idle['scan']:.0f} MiB);"
                f" {report.tables:,} tables, {report.columns:,} columns,"
                f" {report.rows_sampled:,} rows sampled,"
                f" {report.classified_columns:,} columns labelled",
                flush=True,
            )
            results.append(measured)
    finally:
        stores.stop()
    return results


def report(results: list[Measurement]) -> str:
    heading = ["tables", "columns", "scan s"]
    heading += [f"{name} MiB (idle)" for name in SHOWN] + ["all services MiB"]
    rows: list[list[object]] = []
    for m in results:
        row: list[object] = [f"{m.shape.tables:,}", f"{m.shape.total_columns:,}"]
        row.append(f"{m.timed.seconds:.1f}")
        row += [f"{m.peak[name]:.0f} ({m.idle[name]:.0f})" for name in SHOWN]
        row.append(f"{m.total:.0f}")
        rows.append(row)
    lines = [table(heading, rows)]
    if len(results) >= 2:
        small, big = results[0], results[-1]
        ratio = big.peak["scan"] / small.peak["scan"]
        growth = (big.peak["scan"] - big.idle["scan"]) / max(
            1.0, small.peak["scan"] - small.idle["scan"]
        )
        verdict = "meets" if ratio <= TARGET else "MISSES"
        lines.append(
            f"scan process peak, {big.shape.tables:,} vs {small.shape.tables:,} tables:"
            f" {ratio:.2f}x (target <= {TARGET:g}x: {verdict}); growth over idle {growth:.2f}x"
        )
        lines.append(f"all services together: {big.total / small.total:.2f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog=COMMAND, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in SIZES),
        help="table counts, comma-separated, smallest first (default 1000,10000)",
    )
    parser.add_argument(
        "--metadata-only", action="store_true", help="scan metadata only (no sampling)"
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=Path("/tmp/pursight-bench"),  # noqa: S108 - kept between runs, nothing secret
        help="embedded stores and the source databases (kept between runs)",
    )
    parser.add_argument("--rebuild", action="store_true", help="generate the databases again")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress shows in a log
    sizes = tuple(int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip())
    logging.basicConfig(level=logging.WARNING)
    warnings.filterwarnings("ignore", module="platformdirs")  # XDG_RUNTIME_DIR unset
    results = asyncio.run(run(args.work_dir, sizes, args.metadata_only, args.rebuild))
    print()
    print(report(results))


if __name__ == "__main__":
    main()
