"""Child processes of a benchmark: the platform, the echo server, uvicorn apps.

The parent starts the embedded PostgreSQL and Redis of a data directory itself (the same
way the tests do, from the pip packages), so it can load data with asyncpg; the platform
child then finds them running and reuses them. Each child prints one ready line with
what the parent needs (``READY {json}``) and runs until it gets SIGTERM.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

from services.runtime.database import ensure_database
from services.runtime.embedded import EmbeddedStores, start_embedded
from services.runtime.settings import Settings, load_settings
from services.runtime.stores import EMBEDDED_DATABASE

READY = "READY "
ADMIN_PASSWORD = "Correct-Horse-Battery-9"
ROOT = Path(__file__).resolve().parent.parent


def bench_settings(data_dir: Path, **overrides: object) -> Settings:
    """The settings the tests use (tests/conftest.py ``make_settings``)."""
    values: dict[str, object] = {
        "data_dir": str(data_dir),
        "grpc_port": 0,
        "admin_password": ADMIN_PASSWORD,
        "login_max_failures": 5,
        "shutdown_grace_seconds": 2.0,
        "log_level": "WARNING",
    }
    values.update(overrides)
    return load_settings({k: v for k, v in os.environ.items() if k == "PATH"}, **values)


def usable_services() -> list[str]:
    """SERVICE_NAMES less any service folder that does not load (one being written in
    the same tree, say), each skipped with a warning: the benchmarks measure the catalog,
    and a half-built neighbour should not stop them."""
    from services.registry import SERVICE_NAMES, load_spec

    usable = []
    for name in SERVICE_NAMES:
        try:
            load_spec(name)
        except Exception as exc:  # noqa: BLE001 - reported, then left out
            print(f"warning: service {name!r} left out: {exc}", file=sys.stderr)
            continue
        usable.append(name)
    return usable


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Stores:
    """The embedded stores of a data directory, started (or reused) by the parent."""

    embedded: EmbeddedStores
    database_url: str

    @classmethod
    async def start(cls, data_dir: Path) -> Stores:
        def begin() -> EmbeddedStores:
            data_dir.mkdir(parents=True, exist_ok=True)
            return start_embedded(str(data_dir), postgres=True, redis=True)

        embedded = await asyncio.to_thread(begin)
        stores = cls(embedded, "")
        stores.database_url = await ensure_database(stores.server_url, EMBEDDED_DATABASE)
        return stores

    @property
    def server_url(self) -> str:
        """The URL of the server's maintenance database (to drop ours)."""
        if self.embedded.postgres is None:
            raise RuntimeError("the embedded PostgreSQL is not running")
        return self.embedded.postgres.url

    def stop(self) -> None:
        self.embedded.stop()


class Child:
    """A child process that prints ``READY {json}`` once it serves."""

    def __init__(
        self, argv: list[str], env: dict[str, str] | None = None, ready_timeout: float = 120.0
    ) -> None:
        self.argv = argv
        self.env = env
        self.ready_timeout = ready_timeout
        self.process: subprocess.Popen[str] | None = None
        self.info: dict[str, Any] = {}

    @property
    def pid(self) -> int:
        return self._process().pid

    def _process(self) -> subprocess.Popen[str]:
        if self.process is None:
            raise RuntimeError(f"{' '.join(self.argv)} was not started")
        return self.process

    async def __aenter__(self) -> Child:
        self.info = await asyncio.wait_for(asyncio.to_thread(self._start), self.ready_timeout)
        return self

    def _start(self) -> dict[str, Any]:
        environment = {**os.environ, **(self.env or {})}
        environment["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(ROOT), environment.get("PYTHONPATH", "")])
        )
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            self.argv,
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
            cwd=ROOT,
        )
        return self._ready()

    def _ready(self) -> dict[str, Any]:
        process = self._process()
        if process.stdout is None:
            raise RuntimeError("the child's stdout is not a pipe")
        for line in process.stdout:
            if line.startswith(READY):
                return dict(json.loads(line[len(READY) :]))
        raise RuntimeError(
            f"{' '.join(self.argv)} exited with {process.wait()} before it was ready"
        )

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await asyncio.to_thread(self.stop)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def platform_child(data_dir: Path) -> Child:
    """The whole platform (every service on one port) over ``data_dir``'s stores."""
    return Child([sys.executable, "-m", "bench._serve", "platform", "--data-dir", str(data_dir)])


def echo_child(payload_hex: str, registered: int = 0, any_method: bool = False) -> Child:
    """A bare grpc.aio server answering calls with the given bytes; with ``registered``
    methods registered as generated code registers them; ``any_method`` answers every
    method (a stand-in upstream for any unary call)."""
    argv = [
        sys.executable,
        "-m",
        "bench._serve",
        "echo",
        "--payload",
        payload_hex,
        "--registered",
        str(registered),
    ]
    return Child([*argv, "--any-method"] if any_method else argv)


def uvicorn_child(factory: str, port: int, grpc_address: str) -> Child:
    """``bench._apps:{factory}`` under uvicorn on ``port``, calling ``grpc_address``."""
    host, _, grpc_port = grpc_address.rpartition(":")
    env = {
        "PURSIGHT_GRPC_HOST": host,
        "PURSIGHT_GRPC_PORT": grpc_port,
        "PURSIGHT_LOG_LEVEL": "WARNING",
    }
    return _UvicornChild(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            f"bench._apps:{factory}",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env,
        port,
    )


class _UvicornChild(Child):
    """uvicorn prints no ready line; it is ready when /healthz answers."""

    def __init__(self, argv: list[str], env: dict[str, str], port: int) -> None:
        super().__init__(argv, env, ready_timeout=60.0)
        self.port = port

    def _ready(self) -> dict[str, Any]:
        process = self._process()
        deadline = time.monotonic() + self.ready_timeout
        url = f"http://127.0.0.1:{self.port}/healthz"
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {process.returncode}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url, timeout=1.0).status_code == 200:
                    return {"url": f"http://127.0.0.1:{self.port}"}
            time.sleep(0.2)
        raise RuntimeError(f"uvicorn did not answer {url}")
