"""``pursight up --processes``: the mesh on one machine, one process per service.

Each service runs as ``pursight serve <service>`` in its own process on its own port, and
reaches the others only through PURSIGHT_SERVICE_ADDRESSES, built from the same call
graph as the pods' (``services.deployment``), so a process can die, be refused, time
out and come back exactly as a pod does. The supervisor starts the stores once (embedded
PostgreSQL and Redis unless configured), applies every migration, creates the shared key
files before any child could race for them, then starts the children and restarts one
that dies, as Kubernetes would.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import sys
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO

import httpx

from services.cli.health import check
from services.deployment import GATEWAY, callees_of
from services.registry import OPERATIONS, SERVICE_NAMES, load_spec, load_specs
from services.runtime.embedded import EmbeddedStores
from services.runtime.secretbox import SecretBox
from services.runtime.server import migrate
from services.runtime.service_identity import load_service_secret
from services.runtime.settings import ENV_PREFIX, Settings, replace
from services.runtime.stores import open_stores

log = logging.getLogger(__name__)

GATEWAY_NAME = GATEWAY.name
START_SECONDS = 90.0
STOP_SECONDS = 15.0


@dataclass
class Child:
    """One process of the mesh: a service or the gateway."""

    name: str
    port: int
    metrics_port: int
    process: asyncio.subprocess.Process | None = None
    log_file: IO[bytes] | None = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None


def free_ports(count: int, host: str) -> list[int]:
    """Ports the OS says are free now (held together so they differ)."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind((host, 0))
            sockets.append(sock)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for sock in sockets:
            sock.close()


class ProcessMesh:
    """The children, their ports and the stores they share."""

    def __init__(
        self,
        settings: Settings,
        services: Sequence[str] = SERVICE_NAMES,
        *,
        gateway: bool = True,
        python: str = sys.executable,
    ) -> None:
        unknown = [s for s in services if s not in SERVICE_NAMES]
        if unknown:
            raise ValueError(f"unknown services: {', '.join(unknown)}")
        self.settings = settings
        self.services = tuple(services)
        self._python = python
        names = [*self.services, *([GATEWAY_NAME] if gateway else [])]
        host = settings.grpc_host
        if settings.grpc_port == 0:  # tests: every port from the OS
            ports = free_ports(len(names), host)
        else:  # the service ports follow the configured gRPC port
            ports = [settings.grpc_port + 1 + i for i in range(len(self.services))]
            if gateway:
                ports.append(settings.gateway_port)
        metrics = settings.metrics_port
        self.children = {
            name: Child(name, port, metrics + 1 + i if metrics else 0)
            for i, (name, port) in enumerate(zip(names, ports, strict=True))
        }
        self._embedded: EmbeddedStores | None = None
        self._env: dict[str, str] = {}
        self.log_dir = Path(settings.data_dir) / "logs"

    def address(self, name: str) -> str:
        """host:port of a service's process (or the gateway's)."""
        return f"{self.settings.grpc_host}:{self.children[name].port}"

    def addresses(self, names: Sequence[str] | None = None) -> str:
        """PURSIGHT_SERVICE_ADDRESSES for a caller of ``names`` (default: every service)."""
        wanted = [n for n in (names or self.services) if n in self.services]
        pairs = [f"{n}={self.address(n)}" for n in sorted(wanted)]
        if names is None and "orchestration" not in self.services and self.services:
            # Any server answers the operations mixin; the gateway asks the first one.
            pairs.append(f"{OPERATIONS}={self.address(self.services[0])}")
        elif names is None:
            pairs.append(f"{OPERATIONS}={self.address('orchestration')}")
        return ",".join(pairs)

    async def start(self) -> None:
        """Stores and migrations first, then every child, each waited for."""
        settings = self.settings
        stores = await open_stores(settings)
        try:
            await migrate(stores, load_specs([*self.services, OPERATIONS]))
        finally:
            await stores.close()
        self._embedded = stores.embedded
        # The shared key files, made once here rather than raced for by the children.
        await asyncio.to_thread(load_service_secret, settings)
        await asyncio.to_thread(
            SecretBox.from_key_file, Path(settings.data_dir) / "keys" / "secret.key"
        )
        base = replace(settings, database_url=stores.urls.database, redis_url=stores.urls.redis)
        self._env = {
            ENV_PREFIX + f.name.upper(): str(getattr(base, f.name)) for f in fields(Settings)
        }
        self._env.pop(ENV_PREFIX + "CONFIG_FILE", None)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        await asyncio.gather(*(self._spawn(child) for child in self.children.values()))
        await asyncio.gather(*(self._wait_ready(child) for child in self.children.values()))

    def _child_env(self, child: Child) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}
        env.update(self._env)
        env["PURSIGHT_METRICS_PORT"] = str(child.metrics_port)
        env["OTEL_SERVICE_NAME"] = f"pursight-{child.name}"
        if child.name == GATEWAY_NAME:
            env["PURSIGHT_GATEWAY_PORT"] = str(child.port)
            env["PURSIGHT_SERVICE_ADDRESSES"] = self.addresses()
        else:
            env["PURSIGHT_GRPC_PORT"] = str(child.port)
            env["PURSIGHT_SERVICE_ADDRESSES"] = self.addresses(sorted(callees_of(child.name)))
        return env

    async def _spawn(self, child: Child) -> None:
        command = "gateway" if child.name == GATEWAY_NAME else "serve"
        argv = [self._python, "-m", "services.cli", command]
        if command == "serve":
            argv.append(child.name)
        if child.log_file is None:
            child.log_file = (self.log_dir / f"{child.name}.log").open("ab")
        child.process = await asyncio.create_subprocess_exec(
            *argv,
            env=self._child_env(child),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=child.log_file,
            stderr=child.log_file,
        )

    async def _wait_ready(self, child: Child) -> None:
        """Returns once ``child`` answers its health check; raises if it exits first."""
        deadline = asyncio.get_running_loop().time() + START_SECONDS
        while True:
            if not child.running:
                raise RuntimeError(
                    f"{child.name} exited while starting; see {self.log_dir / child.name}.log"
                )
            if await self._ready(child):
                return
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"{child.name} did not become ready in {START_SECONDS:.0f} s")
            await asyncio.sleep(0.2)

    async def _ready(self, child: Child) -> bool:
        if child.name == GATEWAY_NAME:
            url = f"http://{self.settings.gateway_host}:{child.port}/healthz"
            try:
                async with httpx.AsyncClient(timeout=1.0) as client:
                    return (await client.get(url)).status_code == 200
            except httpx.HTTPError:
                return False
        return (await check(self.address(child.name), load_spec(child.name).full_name, 1.0)).serving

    async def kill(self, name: str) -> None:
        """SIGKILL, as a node failure or an OOM kill would: no goodbye, no drain."""
        child = self.children[name]
        if child.running and child.process is not None:
            child.process.kill()
            await child.process.wait()

    async def restart(self, name: str) -> None:
        """Starts ``name`` again on its port and waits until it serves."""
        child = self.children[name]
        await self.kill(name)
        await self._spawn(child)
        await self._wait_ready(child)

    async def supervise(self, stop: asyncio.Event) -> None:
        """Restarts any child that exits, until ``stop`` is set."""
        while not stop.is_set():
            for child in self.children.values():
                if not child.running:
                    code = child.process.returncode if child.process else None
                    log.warning("%s exited with %s; restarting it", child.name, code)
                    try:
                        await self.restart(child.name)
                    except (RuntimeError, TimeoutError) as exc:
                        log.error("%s", exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=1.0)

    async def stop(self) -> None:
        """SIGTERM every child (they drain as pods do), then the embedded stores."""
        running = [c.process for c in self.children.values() if c.running and c.process]
        for process in running:
            process.send_signal(signal.SIGTERM)
        for process in running:
            try:
                await asyncio.wait_for(process.wait(), STOP_SECONDS)
            except TimeoutError:
                process.kill()
                await process.wait()
        for child in self.children.values():
            if child.log_file is not None:
                child.log_file.close()
                child.log_file = None
        if self._embedded is not None:
            await asyncio.to_thread(self._embedded.stop)
            self._embedded = None
