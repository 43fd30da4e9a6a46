"""What each sub-command does."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from collections.abc import Iterator
from pathlib import Path

import uvicorn
from rich.console import Console
from rich.table import Table

from services.auth.servicer import INITIAL_PASSWORD_FILE
from services.cli.health import check as check_health
from services.registry import OPERATIONS, SERVICE_NAMES, load_spec, load_specs
from services.runtime.server import PursightServer, install_signal_handlers
from services.runtime.server import migrate as run_migrations
from services.runtime.settings import Settings, replace
from services.runtime.stores import open_stores

console = Console(stderr=True)


class _QuietUvicorn(uvicorn.Server):
    """uvicorn without its own signal handling: it would re-raise SIGTERM after its
    shutdown and kill the process before the services and embedded stores stop. The
    platform's handler owns the signals and tells uvicorn to exit."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


async def _run_gateway(settings: Settings, stop: asyncio.Event) -> None:
    from gateway.app import create_app

    config = uvicorn.Config(
        create_app(settings),
        host=settings.gateway_host,
        port=settings.gateway_port,
        log_level=settings.log_level.lower(),
        lifespan="on",
    )
    server = _QuietUvicorn(config)
    task = asyncio.create_task(server.serve())
    await stop.wait()
    server.should_exit = True
    await task


def _first_run_password(settings: Settings) -> str | None:
    """The generated admin password, while the admin has not changed it."""
    path = Path(settings.data_dir) / INITIAL_PASSWORD_FILE
    return path.read_text().strip() if path.exists() else None


async def up(settings: Settings, args: argparse.Namespace) -> int:
    if getattr(args, "processes", False):
        return await up_processes(settings, args)
    stop = asyncio.Event()
    install_signal_handlers(stop)
    with console.status("starting PostgreSQL, Redis and the services..."):
        server = await PursightServer(settings, SERVICE_NAMES).start()
    settings = server.settings
    gateway = asyncio.create_task(_run_gateway(settings, stop))
    table = Table(title="PurSight is up", show_header=False)
    table.add_row("gRPC (all services)", server.address)
    table.add_row("REST gateway", f"http://{settings.gateway_host}:{settings.gateway_port}/v1")
    table.add_row("API docs", f"http://{settings.gateway_host}:{settings.gateway_port}/docs")
    table.add_row("data directory", settings.data_dir)
    table.add_row("PostgreSQL", "embedded" if not settings.database_url else "configured")
    table.add_row("Redis", "embedded" if not settings.redis_url else "configured")
    password = _first_run_password(settings)
    if password:
        table.add_row("administrator", f"{settings.admin_username} / {password}")
        table.add_row("", "(first-run password; change it with ChangePassword)")
    else:
        table.add_row("administrator", settings.admin_username)
    console.print(table)
    if args.demo:
        from services.cli.demo import load_demo

        await load_demo(settings, settings.admin_username, password or settings.admin_password)
    console.print("Ctrl-C stops.")
    await stop.wait()
    console.print("stopping...")
    await gateway
    await server.stop()
    if server.stores is not None:
        server.stores.embedded.stop()
    return 0


async def up_processes(settings: Settings, args: argparse.Namespace) -> int:
    """Every service in its own process and port, plus the gateway (see processes.py)."""
    from services.cli.processes import GATEWAY_NAME, ProcessMesh

    stop = asyncio.Event()
    install_signal_handlers(stop)
    mesh = ProcessMesh(settings)
    with console.status("starting PostgreSQL, Redis and one process per service..."):
        try:
            await mesh.start()
        except BaseException:
            await mesh.stop()
            raise
    table = Table(title="PurSight is up, one process per service")
    table.add_column("process")
    table.add_column("address")
    for name, child in mesh.children.items():
        shown = f"http://{settings.gateway_host}:{child.port}/v1"
        table.add_row(name, shown if name == GATEWAY_NAME else mesh.address(name))
    table.add_row("logs", str(mesh.log_dir))
    console.print(table)
    settings = replace(settings, service_addresses=mesh.addresses())
    if args.demo:
        from services.cli.demo import load_demo

        password = _first_run_password(settings) or settings.admin_password
        await load_demo(settings, settings.admin_username, password)
    console.print("Ctrl-C stops; a process that dies is restarted.")
    await mesh.supervise(stop)
    console.print("stopping...")
    await mesh.stop()
    return 0


async def serve(settings: Settings, args: argparse.Namespace) -> int:
    stop = asyncio.Event()
    install_signal_handlers(stop)
    server = await PursightServer(settings, args.services).start()
    console.print(f"serving {', '.join(args.services)} on {server.address}")
    await stop.wait()
    await server.stop()
    return 0


async def gateway(settings: Settings, args: argparse.Namespace) -> int:
    stop = asyncio.Event()
    install_signal_handlers(stop)
    console.print(f"gateway on http://{settings.gateway_host}:{settings.gateway_port}")
    await _run_gateway(settings, stop)
    return 0


async def migrate(settings: Settings, args: argparse.Namespace) -> int:
    names = args.services or list(SERVICE_NAMES)
    unknown = [n for n in names if n not in SERVICE_NAMES]
    if unknown:
        console.print(f"unknown services: {', '.join(unknown)}")
        return 2
    stores = await open_stores(settings)
    try:
        applied = await run_migrations(stores, load_specs([*names, OPERATIONS]))
    finally:
        await stores.close()
    for item in applied:
        console.print(f"applied {item}")
    console.print(f"{len(applied)} migration(s) applied; the database is up to date")
    return 0


async def status(settings: Settings, args: argparse.Namespace) -> int:
    table = Table(title="PurSight services")
    for column in ("service", "address", "health", "version", "latency"):
        table.add_column(column)
    failures = 0
    for name in SERVICE_NAMES:
        spec = load_spec(name)
        address = settings.service_address(name)
        found = await check_health(address, spec.full_name)
        if not found.serving:
            failures += 1
        note = "" if spec.implemented else " (contract only)"
        table.add_row(
            name + note, address, found.state, found.version or "-", f"{found.latency_ms:.1f} ms"
        )
    console.print(table)
    return 1 if failures else 0


async def demo(settings: Settings, args: argparse.Namespace) -> int:
    from services.cli.demo import load_demo

    password = args.password or settings.admin_password or _first_run_password(settings)
    if not password:
        console.print("no password: pass --password or set PURSIGHT_ADMIN_PASSWORD")
        return 2
    await load_demo(settings, args.username or settings.admin_username, password)
    return 0
