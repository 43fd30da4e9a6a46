"""Driving a scan through PurSight's API, as a user would, for the scan benchmarks.

A fresh workspace per measured run (so every run starts from an empty catalog, as
DataHub's file sink starts from an empty file), the PostgreSQL source registered in it
with the read-only role, a scan definition, then ``RunScan`` and ``WatchScanRun`` until
the run ends. The time is the client's wall clock from the RunScan call to the finished
event: what a user waits, queueing and finalization included.

Each call goes to the address of its service, so the same code drives the one-process
platform and the one-process-per-service mesh.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import grpc

from bench import scan_source
from bench._proc import ADMIN_PASSWORD, Stores
from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from pursight.datasource.v1 import datasource_pb2, datasource_pb2_grpc
from pursight.scan.v1 import scan_pb2, scan_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.registry import SERVICE_NAMES, load_spec
from services.runtime.stores import EMBEDDED_DATABASE

_TICKS = os.sysconf("SC_CLK_TCK")
State = scan_pb2.ScanRun.State
AssetType = resources_pb2.AssetType
PROGRESS_SECONDS = 30.0


async def reset_platform_database(stores: Stores) -> None:
    """Drops PurSight's own database (the source databases beside it stay), so every
    benchmark run starts from an empty catalog and the platform migrates afresh."""
    server = await asyncpg.connect(stores.server_url)
    try:
        await server.execute(f'DROP DATABASE IF EXISTS "{EMBEDDED_DATABASE}" WITH (FORCE)')
        await server.execute(f'CREATE DATABASE "{EMBEDDED_DATABASE}"')
    finally:
        await server.close()


def source_revision() -> str:
    """The commit the platform runs from, and whether its code has uncommitted changes
    (the tree may be edited while a long benchmark runs: say what was measured)."""
    root = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        done = subprocess.run(  # noqa: S603 - git with fixed arguments
            ["git", *args],  # noqa: S607 - git from PATH, as a developer runs it
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    dirty = git("status", "--porcelain", "--", "services", "gateway", "gen")
    return f"{commit} + uncommitted changes in services/gateway/gen" if dirty else commit


def _stat(pid: int) -> list[str]:
    """/proc/<pid>/stat after the command name (fields 3 onwards); [] when it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return []


def process_cpu(pid: int, *, reaped: bool = False) -> float:
    """CPU seconds (user + system) of ``pid``; with ``reaped``, also of the children it
    has waited for (a postmaster's ended backends)."""
    fields = _stat(pid)
    if not fields:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])
    if reaped:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / _TICKS


def machine_cpu() -> float:
    """CPU seconds the whole machine has been busy (every core, every process): what
    is left after ours is other work sharing the machine during a measurement."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:8]]
    return (sum(values) - values[3] - values[4]) / _TICKS  # less idle and iowait


def postgres_cpu(pgdata: Path) -> float:
    """CPU seconds used so far by the PostgreSQL server of ``pgdata``: the postmaster,
    its running processes and the backends it has reaped. Only this server: the
    machine may run others."""
    postmaster = int((pgdata / "postmaster.pid").read_text().split()[0])
    total = process_cpu(postmaster, reaped=True)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and int(fields[1]) == postmaster:
                total += process_cpu(int(entry.name))
    return total


def implemented_services() -> list[str]:
    """The services with code behind them; the rest only answer UNIMPLEMENTED and are
    not called by anything the scan path touches."""
    return [name for name in SERVICE_NAMES if load_spec(name).implemented]


@dataclass
class TimedRun:
    """A finished run and the seconds the client waited for it."""

    seconds: float
    run: scan_pb2.ScanRun
    tables: int = 0
    columns: int = 0
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per process group

    @property
    def other_cpu(self) -> float:
        """The machine's busy CPU seconds less those of the groups measured (entries named
        ``group:part`` break a group down and are not counted twice)."""
        if "machine" not in self.cpu:
            return 0.0
        return self.cpu["machine"] - sum(
            v for k, v in self.cpu.items() if k != "machine" and ":" not in k
        )

    @property
    def server_seconds(self) -> float:
        return float(self.run.report.duration.ToTimedelta().total_seconds())


@dataclass
class ScanDriver:
    """Calls to the services a scan needs; ``address(service)`` says where each is."""

    address: Callable[[str], str]
    metadata: tuple[tuple[str, str], ...] = ()
    _channels: dict[str, grpc.aio.Channel] = field(default_factory=dict)

    def channel(self, service: str) -> grpc.aio.Channel:
        target = self.address(service)
        if target not in self._channels:
            options = [("grpc.max_receive_message_length", 64 * 1024 * 1024)]
            self._channels[target] = grpc.aio.insecure_channel(target, options=options)
        return self._channels[target]

    async def __aenter__(self) -> ScanDriver:
        login = await auth_pb2_grpc.AuthServiceStub(self.channel("auth")).Login(
            auth_pb2.LoginRequest(username="admin", password=ADMIN_PASSWORD)
        )
        self.metadata = (("authorization", f"Bearer {login.tokens.access_token}"),)
        return self

    async def __aexit__(self, *exc: object) -> None:
        for channel in self._channels.values():
            await channel.close()
        self._channels.clear()

    async def workspace(self, label: str) -> str:
        stub = workspace_pb2_grpc.WorkspaceServiceStub(self.channel("workspace"))
        created = await stub.CreateWorkspace(
            workspace_pb2.CreateWorkspaceRequest(
                workspace=workspace_pb2.Workspace(
                    display_name=f"bench {label} {uuid.uuid4().hex[:8]}"
                )
            ),
            metadata=self.metadata,
        )
        return created.name

    async def postgres_source(self, workspace: str, server_url: str, database: str) -> str:
        """Registers ``database`` on the server of ``server_url``, read as the
        read-only role the generator grants."""
        parts = urlsplit(server_url)
        stub = datasource_pb2_grpc.DataSourceServiceStub(self.channel("datasource"))
        created = await stub.CreateDataSource(
            datasource_pb2.CreateDataSourceRequest(
                parent=workspace,
                data_source=datasource_pb2.DataSource(
                    display_name=f"Benchmark {database}",
                    kind=datasource_pb2.KIND_POSTGRESQL,
                    postgresql=datasource_pb2.PostgreSqlConfig(
                        host=parts.hostname or "127.0.0.1",
                        port=parts.port or 5432,
                        database=database,
                        user=scan_source.READER,
                        tls_mode=datasource_pb2.TLS_MODE_DISABLE,
                    ),
                    credential=datasource_pb2.Credential(password=scan_source.READER_PASSWORD),
                ),
            ),
            metadata=self.metadata,
        )
        return created.name

    async def create_scan(self, source: str, **fields: object) -> str:
        scan = scan_pb2.Scan(display_name=f"bench {uuid.uuid4().hex[:6]}", **fields)  # type: ignore[arg-type]
        stub = scan_pb2_grpc.ScanServiceStub(self.channel("scan"))
        created = await stub.CreateScan(
            scan_pb2.CreateScanRequest(parent=source, scan=scan), metadata=self.metadata
        )
        return created.name

    async def run(self, scan: str, label: str) -> TimedRun:
        """RunScan, then the run's events until it ends; raises unless it SUCCEEDED."""
        stub = scan_pb2_grpc.ScanServiceStub(self.channel("scan"))
        began = time.perf_counter()
        operation = await stub.RunScan(scan_pb2.RunScanRequest(name=scan), metadata=self.metadata)
        await self._until_finished(stub, operation.target, began, label)
        seconds = time.perf_counter() - began
        run = await stub.GetScanRun(
            scan_pb2.GetScanRunRequest(name=operation.target), metadata=self.metadata
        )
        if run.state != State.STATE_SUCCEEDED:
            raise RuntimeError(
                f"{label}: the run ended {State.Name(run.state)}: {run.error.message}"
                f" (errors: {[e.message for e in run.report.errors[:3]]})"
            )
        return TimedRun(seconds, run)

    async def _until_finished(
        self, stub: scan_pb2_grpc.ScanServiceStub, run: str, began: float, label: str
    ) -> None:
        """Follows the event stream (resuming after the last event if the stream ends
        early), printing progress now and then so a long run is visibly alive."""
        after = 0
        shown = time.perf_counter()
        while True:
            stream = stub.WatchScanRun(
                scan_pb2.WatchScanRunRequest(name=run, after_sequence=after),
                metadata=self.metadata,
            )
            try:
                async for event in stream:
                    after = max(after, event.sequence)
                    if event.finished:
                        return
                    if time.perf_counter() - shown > PROGRESS_SECONDS:
                        shown = time.perf_counter()
                        p = event.progress
                        print(
                            f"     {label}: {shown - began:5.0f} s, {p.objects_done:,}"
                            f" of {p.objects_total:,} objects",
                            flush=True,
                        )
            except grpc.aio.AioRpcError as exc:
                if exc.code() not in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED):
                    raise
            await asyncio.sleep(0.1)

    async def count(self, workspace: str, prefix: str, kind: int) -> int:
        """Live assets of one type under a qualified-name prefix, paged through ListAssets."""
        stub = catalog_pb2_grpc.CatalogServiceStub(self.channel("catalog"))
        total, token = 0, ""
        while True:
            page = await stub.ListAssets(
                catalog_pb2.ListAssetsRequest(
                    parent=workspace,
                    page_size=1000,
                    page_token=token,
                    qualified_name_prefix=prefix,
                    types=[kind],  # type: ignore[list-item]
                ),
                metadata=self.metadata,
            )
            total += len(page.assets)
            token = page.next_page_token
            if not token:
                return total

    async def measured_scan(
        self,
        server_url: str,
        shape: scan_source.Shape,
        label: str,
        cpu: Callable[[], dict[str, float]] | None = None,
        on_finished: Callable[[], None] | None = None,
        **scan_fields: object,
    ) -> TimedRun:
        """A new workspace, the source, one scan run timed, and the catalog checked to
        hold every table and column of ``shape`` (raises otherwise). ``cpu`` reads CPU
        seconds per process group, before and after the run; ``on_finished`` is
        called as soon as the run has ended, before the catalog is read."""
        database = shape.database
        workspace = await self.workspace(label)
        source = await self.postgres_source(workspace, server_url, database)
        scan = await self.create_scan(source, **scan_fields)
        before = cpu() if cpu is not None else {}
        timed = await self.run(scan, label)
        if cpu is not None:
            after = cpu()
            timed.cpu = {name: after[name] - before.get(name, 0.0) for name in after}
        if on_finished is not None:
            on_finished()
        parts = urlsplit(server_url)
        prefix = f"postgresql://{parts.hostname}:{parts.port}/{database}/"
        timed.tables = await self.count(workspace, prefix, AssetType.ASSET_TYPE_TABLE)
        timed.columns = await self.count(workspace, prefix, AssetType.ASSET_TYPE_COLUMN)
        report = timed.run.report
        if (timed.tables, timed.columns) != (shape.tables, shape.total_columns) or (
            report.tables,
            report.columns,
        ) != (shape.tables, shape.total_columns):
            raise RuntimeError(
                f"{label}: expected {shape.tables} tables and {shape.total_columns} columns;"
                f" the catalog holds {timed.tables} and {timed.columns}, the report says"
                f" {report.tables} and {report.columns}"
            )
        return timed
