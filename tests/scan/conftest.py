"""Scan test fixtures: real sources (a database in the embedded PostgreSQL, a folder of
CSV and Parquet files) registered through the datasource service, and helpers that run a
scan through the API and read back what landed in the catalog."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import pytest_asyncio

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from pursight.datasource.v1 import datasource_pb2, datasource_pb2_grpc
from pursight.scan.v1 import scan_pb2, scan_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from tests.conftest import Platform

RUN_TIMEOUT = 40.0


def luhn(prefix: str, length: int = 16) -> str:
    """A card number of ``length`` digits starting with ``prefix`` that passes Luhn."""
    digits = [int(d) for d in prefix]
    while len(digits) < length - 1:
        digits.append(len(digits) * 7 % 10)
    total = 0
    for index, digit in enumerate(reversed(digits)):
        doubled = digit * 2 if index % 2 == 0 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


FIRST = ["Alice", "Bruno", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas"]
LAST = ["Martin", "Bernard", "Dubois", "Schmidt", "Rossi", "Garcia", "Novak", "Smith"]


async def fill_shop(conn: asyncpg.Connection) -> None:
    """Customers, orders, payments and employees with synthetic personal data."""
    await conn.execute(
        """
        CREATE SCHEMA sales;
        CREATE SCHEMA hr;
        CREATE SCHEMA archive;
        CREATE TABLE sales.customers (
            id integer PRIMARY KEY,
            full_name text NOT NULL,
            email text,
            phone text,
            country text
        );
        COMMENT ON TABLE sales.customers IS 'People who bought something';
        COMMENT ON COLUMN sales.customers.email IS 'Where receipts are sent';
        CREATE TABLE sales.orders (
            id integer PRIMARY KEY,
            customer_id integer REFERENCES sales.customers (id),
            amount numeric(10, 2),
            status text
        );
        CREATE TABLE sales.payments (
            id integer PRIMARY KEY,
            order_id integer REFERENCES sales.orders (id),
            card_number text,
            paid_at date
        );
        CREATE TABLE hr.employees (
            id integer PRIMARY KEY,
            name text,
            work_email text,
            salary integer
        );
        COMMENT ON TABLE hr.employees IS 'Staff';
        CREATE TABLE archive.old_customers (id integer, email text);
        CREATE VIEW sales.customer_contacts AS SELECT id, email, phone FROM sales.customers;
        """
    )
    customers = [
        (
            i,
            f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}",
            f"{FIRST[i % len(FIRST)].lower()}.{i}@example.com",
            f"+44 20 7946 0{i % 1000:03d}",
            "FR",
        )
        for i in range(1, 61)
    ]
    await conn.executemany("INSERT INTO sales.customers VALUES ($1, $2, $3, $4, $5)", customers)
    await conn.executemany(
        "INSERT INTO sales.orders VALUES ($1, $2, $3, $4)",
        [(i, 1 + i % 60, i * 3.5, "paid") for i in range(1, 61)],
    )
    await conn.executemany(
        "INSERT INTO sales.payments VALUES ($1, $2, $3, current_date)",
        [(i, i, luhn("4" + str(100000 + i))) for i in range(1, 61)],
    )
    await conn.executemany(
        "INSERT INTO hr.employees VALUES ($1, $2, $3, $4)",
        [
            (i, f"{FIRST[i % 10]} {LAST[i % 8]}", f"staff{i}@corp.example.org", 40000 + i)
            for i in range(1, 31)
        ],
    )
    await conn.executemany(
        "INSERT INTO archive.old_customers VALUES ($1, $2)",
        [(i, f"old{i}@example.net") for i in range(1, 21)],
    )


@dataclass
class SourceDb:
    """A database created for one test on the embedded server."""

    name: str
    url: str
    host: str
    port: int
    user: str
    password: str

    async def execute(self, sql: str) -> None:
        conn = await asyncpg.connect(self.url)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()


@pytest_asyncio.fixture
async def source_db(platform: Platform) -> AsyncIterator[SourceDb]:
    assert platform.server.stores is not None
    admin_url = platform.server.stores.urls.database
    parts = urlsplit(admin_url)
    name = f"scan_src_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        # A read-only scanning user, as a production source would grant.
        await admin.execute(
            "DO $$ BEGIN CREATE ROLE pursight_reader LOGIN PASSWORD 'Reader-Pass-1';"
            " EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
        await admin.execute("GRANT pg_read_all_data TO pursight_reader")
    finally:
        await admin.close()
    url = parts._replace(path=f"/{name}").geturl()
    db = SourceDb(
        name=name,
        url=url,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user="pursight_reader",
        password="Reader-Pass-1",
    )
    conn = await asyncpg.connect(url)
    try:
        await fill_shop(conn)
    finally:
        await conn.close()
    yield db
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@dataclass
class Env:
    """A workspace with stubs to the services a scan test talks to."""

    platform: Platform
    workspace: str

    @property
    def md(self) -> tuple[tuple[str, str], ...]:
        return self.platform.admin

    @property
    def scans(self) -> scan_pb2_grpc.ScanServiceStub:
        return scan_pb2_grpc.ScanServiceStub(self.platform.channel)

    @property
    def catalog(self) -> catalog_pb2_grpc.CatalogServiceStub:
        return catalog_pb2_grpc.CatalogServiceStub(self.platform.channel)

    @property
    def sources(self) -> datasource_pb2_grpc.DataSourceServiceStub:
        return datasource_pb2_grpc.DataSourceServiceStub(self.platform.channel)

    async def postgres_source(self, db: SourceDb) -> str:
        created = await self.sources.CreateDataSource(
            datasource_pb2.CreateDataSourceRequest(
                parent=self.workspace,
                data_source=datasource_pb2.DataSource(
                    display_name=f"Shop {db.name}",
                    kind=datasource_pb2.KIND_POSTGRESQL,
                    postgresql=datasource_pb2.PostgreSqlConfig(
                        host=db.host,
                        port=db.port,
                        database=db.name,
                        user=db.user,
                        tls_mode=datasource_pb2.TLS_MODE_DISABLE,
                    ),
                    credential=datasource_pb2.Credential(password=db.password),
                ),
            ),
            metadata=self.md,
        )
        return created.name

    async def files_source(self, root: Path) -> str:
        created = await self.sources.CreateDataSource(
            datasource_pb2.CreateDataSourceRequest(
                parent=self.workspace,
                data_source=datasource_pb2.DataSource(
                    display_name=f"Files {root.name}",
                    kind=datasource_pb2.KIND_LOCAL_FILES,
                    local_files=datasource_pb2.LocalFilesConfig(
                        root_path=str(root), recursive=True
                    ),
                ),
            ),
            metadata=self.md,
        )
        return created.name

    async def create_scan(self, source: str, **fields: object) -> scan_pb2.Scan:
        scan = scan_pb2.Scan(display_name=f"scan {uuid.uuid4().hex[:6]}", **fields)  # type: ignore[arg-type]
        return await self.scans.CreateScan(
            scan_pb2.CreateScanRequest(parent=source, scan=scan), metadata=self.md
        )

    async def run(self, scan: str, **fields: object) -> scan_pb2.ScanRun:
        """Runs ``scan`` and watches it to the end; the finished run."""
        operation = await self.scans.RunScan(
            scan_pb2.RunScanRequest(name=scan, **fields),
            metadata=self.md,  # type: ignore[arg-type]
        )
        events = await self.watch(operation.target)
        assert events[-1].finished
        return await self.scans.GetScanRun(
            scan_pb2.GetScanRunRequest(name=operation.target), metadata=self.md
        )

    async def watch(self, run: str, after: int = 0) -> list[scan_pb2.WatchScanRunResponse]:
        stream = self.scans.WatchScanRun(
            scan_pb2.WatchScanRunRequest(name=run, after_sequence=after), metadata=self.md
        )
        seen: list[scan_pb2.WatchScanRunResponse] = []
        async with asyncio.timeout(RUN_TIMEOUT):
            async for event in stream:
                seen.append(event)
        return seen

    async def assets(
        self, prefix: str = "", *, deleted: bool = False, types: Sequence[int] = ()
    ) -> list[resources_pb2.Asset]:
        found: list[resources_pb2.Asset] = []
        token = ""
        while True:
            page = await self.catalog.ListAssets(
                catalog_pb2.ListAssetsRequest(
                    parent=self.workspace,
                    page_size=1000,
                    page_token=token,
                    qualified_name_prefix=prefix,
                    show_deleted=deleted,
                    types=types,  # type: ignore[arg-type]
                ),
                metadata=self.md,
            )
            found += page.assets
            token = page.next_page_token
            if not token:
                return found

    async def lookup(self, qualified_name: str) -> resources_pb2.Asset:
        return await self.catalog.LookupAsset(
            catalog_pb2.LookupAssetRequest(parent=self.workspace, qualified_name=qualified_name),
            metadata=self.md,
        )


@pytest_asyncio.fixture
async def env(platform: Platform) -> Env:
    stub = workspace_pb2_grpc.WorkspaceServiceStub(platform.channel)
    ws = await stub.CreateWorkspace(
        workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name=f"Scans {uuid.uuid4().hex[:8]}")
        ),
        metadata=platform.admin,
    )
    return Env(platform, ws.name)
