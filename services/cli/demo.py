"""``pursight demo``: a shop's data, registered, scanned with live progress, explained.

It creates a PostgreSQL database with customers, orders, payments, employees and
support tickets holding synthetic personal data (on the platform's own server, as a
separate database) and a folder of CSV and Parquet exports; registers both as data
sources of the ``demo`` workspace; scans them while showing progress; and prints what
the catalog now knows: assets, and sensitive columns by classification. Everything goes
through the public API, exactly as a user's client would.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

import grpc
from rich.console import Console
from rich.table import Table

from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from pursight.datasource.v1 import datasource_pb2, datasource_pb2_grpc
from pursight.scan.v1 import scan_pb2, scan_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.cli.demo_data import create_source_database, write_files
from services.cli.scan_progress import ensure_scan, run_with_progress, summary
from services.runtime.settings import Settings
from services.runtime.stores import resolve_store_urls

WORKSPACE_ID = "demo"
Metadata = Sequence[tuple[str, str]]
Kind = datasource_pb2.Kind


async def _login(settings: Settings, username: str, password: str) -> Metadata:
    async with grpc.aio.insecure_channel(settings.service_address("auth")) as channel:
        login = await auth_pb2_grpc.AuthServiceStub(channel).Login(
            auth_pb2.LoginRequest(username=username, password=password), timeout=30
        )
    return (("authorization", f"Bearer {login.tokens.access_token}"),)


async def _ensure_workspace(settings: Settings, metadata: Metadata) -> str:
    async with grpc.aio.insecure_channel(settings.service_address("workspace")) as channel:
        try:
            await workspace_pb2_grpc.WorkspaceServiceStub(channel).CreateWorkspace(
                workspace_pb2.CreateWorkspaceRequest(
                    workspace_id=WORKSPACE_ID,
                    workspace=workspace_pb2.Workspace(
                        display_name="Demo", description="A small shop's data, for a tour"
                    ),
                ),
                metadata=metadata,
                timeout=30,
            )
        except grpc.aio.AioRpcError as exc:
            if exc.code() != grpc.StatusCode.ALREADY_EXISTS:
                raise
    return f"workspaces/{WORKSPACE_ID}"


async def _ensure_source(
    stub: datasource_pb2_grpc.DataSourceServiceStub,
    workspace: str,
    source_id: str,
    source: datasource_pb2.DataSource,
    metadata: Metadata,
) -> str:
    name = f"{workspace}/dataSources/{source_id}"
    try:
        await stub.DeleteDataSource(
            datasource_pb2.DeleteDataSourceRequest(name=name, force=True), metadata=metadata
        )
    except grpc.aio.AioRpcError as exc:
        if exc.code() != grpc.StatusCode.NOT_FOUND:
            raise
    created = await stub.CreateDataSource(
        datasource_pb2.CreateDataSourceRequest(
            parent=workspace, data_source_id=source_id, data_source=source
        ),
        metadata=metadata,
    )
    return str(created.name)


def _postgres_source(url: str) -> datasource_pb2.DataSource:
    parts = urlsplit(url)
    return datasource_pb2.DataSource(
        display_name="Shop database",
        description="Customers, orders, payments, staff and support tickets",
        kind=Kind.KIND_POSTGRESQL,
        postgresql=datasource_pb2.PostgreSqlConfig(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            database=parts.path.lstrip("/"),
            user=parts.username or "postgres",
            tls_mode=datasource_pb2.TLS_MODE_DISABLE,
        ),
        # The embedded server trusts local connections; a configured one needs its password.
        credential=datasource_pb2.Credential(password=parts.password or "demo"),
    )


def _files_source(folder: Path) -> datasource_pb2.DataSource:
    return datasource_pb2.DataSource(
        display_name="Shop exports",
        description="CSV and Parquet exports on disk",
        kind=Kind.KIND_LOCAL_FILES,
        local_files=datasource_pb2.LocalFilesConfig(root_path=str(folder), recursive=True),
    )


async def _report(settings: Settings, workspace: str, metadata: Metadata, console: Console) -> None:
    async with grpc.aio.insecure_channel(settings.service_address("catalog")) as channel:
        found = await catalog_pb2_grpc.CatalogServiceStub(channel).SearchAssets(
            catalog_pb2.SearchAssetsRequest(
                parent=workspace, facets=["type", "classification"], page_size=1
            ),
            metadata=metadata,
        )
    table = Table(title=f"What PurSight found in {workspace}")
    table.add_column("facet")
    table.add_column("value")
    table.add_column("assets", justify="right")
    for facet in found.facets:
        for bucket in facet.buckets:
            value = bucket.value.removeprefix("ASSET_TYPE_").lower()
            table.add_row(facet.field, value, str(bucket.count))
    console.print(table)


async def load_demo(settings: Settings, username: str, password: str) -> str:
    """Creates the demo sources, scans them with progress; returns the workspace name."""
    console = Console(stderr=True)
    metadata = await _login(settings, username, password)
    workspace = await _ensure_workspace(settings, metadata)
    urls, _ = await asyncio.to_thread(resolve_store_urls, settings)
    with console.status("creating the demo database and files..."):
        source_url = await create_source_database(urls.database)
        folder = await asyncio.to_thread(write_files, Path(settings.data_dir) / "demo-files")
    sources = {
        "shop-db": _postgres_source(source_url),
        "shop-exports": _files_source(folder),
    }
    address = settings.service_address("datasource")
    async with grpc.aio.insecure_channel(address) as channel:
        datasources = datasource_pb2_grpc.DataSourceServiceStub(channel)
        names = {
            source_id: await _ensure_source(datasources, workspace, source_id, source, metadata)
            for source_id, source in sources.items()
        }
    async with grpc.aio.insecure_channel(settings.service_address("scan")) as channel:
        scans = scan_pb2_grpc.ScanServiceStub(channel)
        for source_id, name in names.items():
            scan = await ensure_scan(
                scans,
                name,
                "full",
                scan_pb2.Scan(display_name=f"Full scan of {source_id}", profiling_enabled=True),
                metadata,
            )
            run = await run_with_progress(scans, scan.name, metadata, console, title=source_id)
            for line in summary(run):
                console.print(line)
    await _report(settings, workspace, metadata, console)
    return workspace
