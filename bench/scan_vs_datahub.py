"""Scanning a PostgreSQL database: PurSight against DataHub's ingestion CLI.

``python -m bench.scan_vs_datahub [--tables 2000]`` generates (or reuses) a database of
``--tables`` tables of 15 columns and 200 to 500 rows (``bench.scan_source``) on the
embedded PostgreSQL of ``{work_dir}/scan-vs-datahub``, then measures, one after the
other so they never share the two cores:

- DataHub 1.7 (``datahub ingest``, postgres source, file sink, in its own virtualenv)
  with profiling off, then on (every table and column, DataHub's default metrics);
- PurSight, the whole platform in a child process as the other benchmarks run it: a
  metadata-only scan into the catalog, then a full scan (sampling 128 rows, profiles,
  classification), each in a fresh workspace so each starts from an empty catalog.

The metadata pair runs ``--repeat`` times on each side (3 by default; the full pair once,
DataHub's profiling takes minutes): this shared machine's speed drifts by a fifth from
minute to minute, and one pair of runs put the same code on either side of the target.
Each side's median run is compared; every run is printed. PurSight's first run starts
its connections and caches, the ones after it find them warm, as a running platform
does.

Every run is checked before its time counts: DataHub's sink must hold every table, its
columns (and a profile of every table), PurSight's catalog every table and column.
The comparable pairs are DataHub without profiling against PurSight's metadata-only
scan, and DataHub with profiling against PurSight's full scan (which also classifies:
more work than DataHub's profiling, not less). DataHub's times include its CLI start-up,
printed on its own; PurSight's exclude the platform's, which runs once for many scans.

Both read the same database on the same server, which also holds PurSight's own
catalog: on a real deployment they would be apart, so PurSight's figures include the
catalog's writes competing with the source's reads on one machine.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import warnings
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from bench import _datahub, scan_source
from bench._load import table
from bench._proc import Stores, bench_settings, platform_child
from bench._scan import (
    ScanDriver,
    TimedRun,
    implemented_services,
    machine_cpu,
    postgres_cpu,
    process_cpu,
    reset_platform_database,
    source_revision,
)
from services.cli.processes import ProcessMesh

T = TypeVar("T")
TARGET = 10.0
COLUMNS = 15
COMMAND = "python -m bench.scan_vs_datahub --tables {tables}"


@dataclass
class Peer:
    """One DataHub run: the ingest, and the source server's CPU meanwhile."""

    ingest: _datahub.IngestRun
    postgres_cpu: float
    other_cpu: float  # the machine's busy time less datahub's and PostgreSQL's


METADATA, FULL = "metadata", "full"


@dataclass
class Results:
    datahub_metadata: Peer | None
    datahub_profiling: Peer | None
    datahub_startup: float
    metadata: TimedRun | None
    full: TimedRun | None
    # Every run's seconds, in order, when a pair ran more than once.
    repeats: dict[str, tuple[list[float], list[float]]] = field(default_factory=dict)


def _median(runs: list[T], seconds: Callable[[T], float]) -> T:
    """The median run (the lower middle one of an even number)."""
    ordered = sorted(runs, key=seconds)
    return ordered[(len(ordered) - 1) // 2]


def _pgdata(stores: Stores) -> Path:
    if stores.embedded.postgres is None:
        raise RuntimeError("the embedded PostgreSQL is not running")
    return stores.embedded.postgres.pgdata


async def _datahub_runs(
    work_dir: Path,
    stores: Stores,
    shape: scan_source.Shape,
    pairs: tuple[str, ...],
    repeat: int,
) -> tuple[list[Peer], list[Peer], float]:
    executable = await asyncio.to_thread(_datahub.ensure_installed, work_dir)
    startup = await asyncio.to_thread(_datahub.startup_seconds, executable)
    runs: dict[bool, list[Peer]] = {False: [], True: []}
    for profiling in (False, True):
        if (FULL if profiling else METADATA) not in pairs:
            continue
        for _ in range(1 if profiling else repeat):
            runs[profiling].append(
                await _datahub_run(executable, work_dir, stores, shape, profiling)
            )
    return runs[False], runs[True], startup


async def _datahub_run(
    executable: Path, work_dir: Path, stores: Stores, shape: scan_source.Shape, profiling: bool
) -> Peer:
    parts = urlsplit(stores.server_url)
    label = "with profiling" if profiling else "without profiling"
    print(f"   DataHub ingest {label}...", flush=True)
    before, machine = postgres_cpu(_pgdata(stores)), machine_cpu()
    run = await asyncio.to_thread(
        _datahub.ingest,
        executable,
        work_dir / "datahub-runs" / shape.database,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        database=shape.database,
        user=scan_source.READER,
        password=scan_source.READER_PASSWORD,
        profiling=profiling,
    )
    pg = postgres_cpu(_pgdata(stores)) - before
    peer = Peer(run, pg, machine_cpu() - machine - pg - run.cpu)
    _datahub.check(run, shape.tables, shape.total_columns, profiling)
    print(
        f"     {run.seconds:.1f} s; CPU: datahub {run.cpu:.0f} s, PostgreSQL"
        f" {peer.postgres_cpu:.0f} s, other work {peer.other_cpu:.0f} s;"
        f" sink: {run.sink.datasets:,} datasets, {run.sink.fields:,} fields,"
        f" {run.sink.profiles:,} profiles",
        flush=True,
    )
    return peer


@asynccontextmanager
async def _platform(
    data_dir: Path, processes: bool
) -> AsyncIterator[tuple[Callable[[str], str], dict[str, int]]]:
    """PurSight as the benchmark runs it: one child process with every service, or,
    with ``processes``, one process per service (how the mesh deploys it), so a scan,
    classification and the catalog each have an interpreter of their own. Yields where
    each service answers and the pids whose CPU counts as the platform's, by service."""
    if not processes:
        async with platform_child(data_dir) as platform:
            address = platform.info["address"]
            yield (lambda _service: address), {"all services": platform.pid}
        return
    mesh = ProcessMesh(bench_settings(data_dir), implemented_services(), gateway=False)
    await mesh.start()
    try:
        pids = {name: c.process.pid for name, c in mesh.children.items() if c.process is not None}
        yield mesh.address, pids
    finally:
        await mesh.stop()


async def _pursight_runs(
    data_dir: Path,
    stores: Stores,
    shape: scan_source.Shape,
    processes: bool,
    pairs: tuple[str, ...],
    repeat: int,
) -> dict[str, list[TimedRun]]:
    await reset_platform_database(stores)
    runs: dict[str, list[TimedRun]] = {METADATA: [], FULL: []}
    async with _platform(data_dir, processes) as (address, pids):

        def cpu() -> dict[str, float]:
            services = {f"platform:{name}": process_cpu(pid) for name, pid in pids.items()}
            return {
                "platform": sum(services.values()),
                **services,
                "postgres": postgres_cpu(_pgdata(stores)),
                "machine": machine_cpu(),
            }

        async with ScanDriver(address) as driver:
            for pair, label, fields in (
                (METADATA, "metadata-only scan", {"metadata_only": True}),
                (FULL, "full scan", {"profiling_enabled": True}),
            ):
                for _ in range(repeat if pair == METADATA else 1) if pair in pairs else ():
                    print(f"   PurSight {label}...", flush=True)
                    timed = await driver.measured_scan(
                        stores.server_url, shape, label, cpu=cpu, **fields
                    )
                    _print_run(timed)
                    runs[pair].append(timed)
    return runs


def _print_run(timed: TimedRun) -> None:
    report = timed.run.report
    by_service = sorted(
        ((k.split(":", 1)[1], v) for k, v in timed.cpu.items() if ":" in k),
        key=lambda item: -item[1],
    )
    print(
        f"     {timed.seconds:.1f} s (run report: {timed.server_seconds:.1f} s);"
        f" CPU: platform {timed.cpu['platform']:.0f} s, PostgreSQL"
        f" {timed.cpu['postgres']:.0f} s, other work {timed.other_cpu:.0f} s;"
        f" catalog: {timed.tables:,} tables, {timed.columns:,} columns;"
        f" {report.rows_sampled:,} rows sampled,"
        f" {report.classified_columns:,} columns labelled,"
        f" {report.warning_count} warnings",
        flush=True,
    )
    print(
        "     platform CPU by process: "
        + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in by_service if seconds >= 0.05),
        flush=True,
    )


async def run(
    work_dir: Path,
    tables: int,
    *,
    rebuild: bool = False,
    skip_datahub: bool = False,
    processes: bool = False,
    pairs: tuple[str, ...] = (METADATA, FULL),
    repeat: int = 3,
) -> Results:
    print(f"\n== scan_vs_datahub: {tables:,} tables x {COLUMNS} columns")
    print(f"   {COMMAND.format(tables=tables)}")
    print(f"   PurSight at {source_revision()}")
    data_dir = work_dir / "scan-vs-datahub"
    shape = scan_source.Shape(tables, COLUMNS)
    stores = await Stores.start(data_dir)
    try:
        await scan_source.ensure(stores.server_url, shape, rebuild=rebuild)
        # DataHub first, while the platform is not running: nothing else on the cores.
        dh_metadata: list[Peer] = []
        dh_profiling: list[Peer] = []
        startup = 0.0
        if not skip_datahub:
            dh_metadata, dh_profiling, startup = await _datahub_runs(
                work_dir, stores, shape, pairs, repeat
            )
        ours = await _pursight_runs(data_dir, stores, shape, processes, pairs, repeat)
    finally:
        stores.stop()

    def peer_seconds(peer: Peer) -> float:
        return peer.ingest.seconds

    def our_seconds(timed: TimedRun) -> float:
        return timed.seconds

    return Results(
        _median(dh_metadata, peer_seconds) if dh_metadata else None,
        _median(dh_profiling, peer_seconds) if dh_profiling else None,
        startup,
        _median(ours[METADATA], our_seconds) if ours[METADATA] else None,
        _median(ours[FULL], our_seconds) if ours[FULL] else None,
        {METADATA: ([p.ingest.seconds for p in dh_metadata], [t.seconds for t in ours[METADATA]])}
        if len(ours[METADATA]) > 1
        else {},
    )


def report(results: Results, tables: int) -> str:
    rows: list[list[object]] = []
    pairs = (
        ("no profiling / metadata only", results.datahub_metadata, results.metadata),
        ("profiling / full scan", results.datahub_profiling, results.full),
    )
    for what, theirs, ours in pairs:
        if ours is None:
            continue
        ratio = theirs.ingest.seconds / ours.seconds if theirs is not None else None
        # CPU seconds of the tool and the server it reads, both sides: less sensitive than
        # wall clock to other work on a shared machine.
        ours_cpu = ours.cpu["platform"] + ours.cpu["postgres"]
        cpu_ratio = (
            (theirs.ingest.cpu + theirs.postgres_cpu) / ours_cpu if theirs and ours_cpu else None
        )
        rows.append(
            [
                what,
                f"{theirs.ingest.seconds:.1f}" if theirs else "skipped",
                f"{theirs.ingest.cpu:.0f} / {theirs.postgres_cpu:.0f} / {theirs.other_cpu:.0f}"
                if theirs
                else "",
                f"{ours.seconds:.1f}",
                f"{ours.cpu['platform']:.0f} / {ours.cpu['postgres']:.0f} / {ours.other_cpu:.0f}",
                "n/a" if ratio is None else f"{ratio:.2f}x",
                "n/a" if cpu_ratio is None else f"{cpu_ratio:.2f}x",
                f">= {TARGET:g}x",
                "" if ratio is None else "meets" if ratio >= TARGET else "MISSES",
            ]
        )
    heading = [
        "DataHub / PurSight",
        "DataHub s",
        "CPU s: CLI/PG/other",
        "PurSight s",
        "CPU s: platform/PG/other",
        "speed-up",
        "CPU ratio",
        "target",
        "verdict",
    ]
    lines = [table(heading, rows)]
    for pair, (theirs_runs, ours_runs) in results.repeats.items():
        lines.append(
            f"{pair} pair: medians of {len(ours_runs)} runs each; DataHub "
            + (", ".join(f"{s:.1f}" for s in theirs_runs) or "skipped")
            + " s, PurSight "
            + ", ".join(f"{s:.1f}" for s in ours_runs)
            + " s (in order; PurSight's first run opens its connections)"
        )
    if results.datahub_metadata is not None:
        lines.append(
            f"DataHub's times include its CLI start-up ({results.datahub_startup:.1f} s for"
            " `datahub version`); PurSight's are RunScan to the finished event."
        )
    lines.append(
        f"{tables:,} tables and {tables * COLUMNS:,} columns checked in every sink and catalog;"
        " CPU seconds: PG = the PostgreSQL server both read (and PurSight writes to),"
        " other = the rest of the machine's busy time meanwhile (work that shares it);"
        " CPU ratio = (CLI + PG) / (platform + PG). The verdict is on the wall-clock speed-up."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.scan_vs_datahub",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--tables", type=int, default=2000, help="tables in the source database")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=Path("/tmp/pursight-bench"),  # noqa: S108 - kept between runs, nothing secret
        help="embedded stores, the source database and DataHub's virtualenv (kept)",
    )
    parser.add_argument("--rebuild", action="store_true", help="generate the source database again")
    parser.add_argument(
        "--skip-datahub", action="store_true", help="measure PurSight only (no ratios)"
    )
    parser.add_argument(
        "--processes",
        action="store_true",
        help="run PurSight one process per service, as the mesh deploys it (default: one"
        " process with every service)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each side of the metadata pair; the medians are compared (default 3)",
    )
    parser.add_argument(
        "--only",
        choices=(METADATA, FULL),
        help="run one comparison: metadata (no profiling / metadata-only scan) or full"
        " (profiling / full scan); default both",
    )
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress shows in a log
    logging.basicConfig(level=logging.WARNING)
    warnings.filterwarnings("ignore", module="platformdirs")  # XDG_RUNTIME_DIR unset
    results = asyncio.run(
        run(
            args.work_dir,
            args.tables,
            rebuild=args.rebuild,
            skip_datahub=args.skip_datahub,
            processes=args.processes,
            pairs=(args.only,) if args.only else (METADATA, FULL),
            repeat=max(1, args.repeat),
        )
    )
    print()
    print(report(results, args.tables))


if __name__ == "__main__":
    main()
