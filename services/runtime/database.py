"""PostgreSQL access: one asyncpg pool per process, per-service schemas and migrations.

Each service owns a schema named after it and a folder of numbered SQL files
(``services/<service>/migrations/0001_init.sql``). They are applied at start under a
PostgreSQL advisory lock, so replicas starting together apply each file exactly once,
and a file changed after it was applied stops the start-up instead of drifting.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import asyncpg
import orjson
from asyncpg.pool import PoolConnectionProxy

log = logging.getLogger(__name__)

# What handlers query through: a plain connection, or one acquired from a pool (which
# asyncpg hands out wrapped in a proxy). Strings: asyncpg's classes are generic only in
# its stubs, not at run time.
Connection: TypeAlias = "asyncpg.Connection[asyncpg.Record] | PoolConnectionProxy[asyncpg.Record]"
# A connection, or a pool (which runs each query on a connection of its own).
Queryable: TypeAlias = "Connection | asyncpg.Pool[asyncpg.Record]"

_MIGRATION_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
# Any stable 64-bit number; every PurSight process agrees on it.
MIGRATION_TIMEOUT_SECONDS = 6 * 3600
_MIGRATION_LOCK = 0x5055_5253_4947_4854  # "PURSIGHT"


@dataclass(frozen=True)
class Migration:
    service: str
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


class MigrationError(RuntimeError):
    """The database's migration history disagrees with the files on disk."""


def load_migrations(service: str, folder: Path) -> list[Migration]:
    """The service's migrations in version order; gaps and duplicates are errors."""
    if not folder.is_dir():
        return []
    found: list[Migration] = []
    for path in sorted(folder.iterdir()):
        match = _MIGRATION_FILE.match(path.name)
        if not match:
            if path.suffix == ".sql":
                raise MigrationError(f"{path}: name must look like 0001_description.sql")
            continue
        found.append(
            Migration(service, int(match.group(1)), match.group(2), path.read_text("utf-8"))
        )
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationError(
                f"{service}: migration {expected:04d} missing (found {migration.version:04d})"
            )
    return found


async def apply_migrations(conn: Connection, migrations: Sequence[Migration]) -> list[Migration]:
    """Applies those not yet applied, each in its own transaction; returns them."""
    applied_now: list[Migration] = []
    await conn.execute("SELECT pg_advisory_lock($1)", _MIGRATION_LOCK)
    try:
        await conn.execute(
            """
            CREATE TABLE IF NOT EXISTS public.pursight_migrations (
                service text NOT NULL,
                version integer NOT NULL,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (service, version)
            )
            """
        )
        for migration in migrations:
            row = await conn.fetchrow(
                "SELECT checksum FROM public.pursight_migrations"
                " WHERE service = $1 AND version = $2",
                migration.service,
                migration.version,
            )
            if row is not None:
                if row["checksum"] != migration.checksum:
                    raise MigrationError(
                        f"{migration.service} migration {migration.version:04d}_{migration.name}"
                        " changed after it was applied; add a new migration instead"
                    )
                continue
            async with conn.transaction():
                # A migration may rewrite a large table: hours, not the pool's 60 s.
                await conn.execute(migration.sql, timeout=MIGRATION_TIMEOUT_SECONDS)
                await conn.execute(
                    "INSERT INTO public.pursight_migrations (service, version, name, checksum)"
                    " VALUES ($1, $2, $3, $4)",
                    migration.service,
                    migration.version,
                    migration.name,
                    migration.checksum,
                )
            log.info(
                "applied %s migration %04d_%s", migration.service, migration.version, migration.name
            )
            applied_now.append(migration)
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", _MIGRATION_LOCK)
    return applied_now


class Database:
    """The process's pools: ``primary`` for writes (and reads that must be current), and
    ``replica`` for reads that may be slightly stale: the read-replica DSN when one is
    configured, else a second pool on the primary.

    The read pool skips asyncpg's reset on release (a second round trip after every
    query, a fifth of a small read's cost): it only runs single read statements and
    read-only transactions whose settings are ``SET LOCAL``, so there is no session state
    to reset. Anything that needs session state (LISTEN, session advisory locks, SET)
    must use the primary pool."""

    def __init__(self, primary: asyncpg.Pool, replica: asyncpg.Pool) -> None:
        self.primary = primary
        self.replica = replica

    @classmethod
    async def connect(
        cls, url: str, replica_url: str = "", *, min_size: int = 1, max_size: int = 10
    ) -> Database:
        primary = await _pool(url, min_size, max_size)
        replica = await _pool(replica_url or url, min_size, max_size, reset=_no_reset)
        return cls(primary, replica)

    async def close(self) -> None:
        await self.primary.close()
        await self.replica.close()


async def _no_reset(conn: asyncpg.Connection) -> None:
    """The read pool's release hook: nothing to undo (see Database)."""


async def _init_connection(conn: asyncpg.Connection) -> None:
    # Binary jsonb (a version byte, then the text) through orjson: the text codec with
    # the json module was a fifth of the catalog's CPU time when a scan writes assets.
    await conn.set_type_codec(
        "jsonb",
        encoder=_jsonb_encode,
        decoder=_jsonb_decode,
        schema="pg_catalog",
        format="binary",
    )


_JSONB_VERSION = b"\x01"


def _jsonb_encode(value: object) -> bytes:
    return _JSONB_VERSION + orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)


def json_text(value: object) -> str | None:
    """``value`` as JSON text, None for None: for jsonb values sent in arrays
    (``$1::text[]``, cast per element to jsonb), since asyncpg reads a Python list inside
    an array parameter as another dimension, not as one JSON document."""
    return None if value is None else orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def _jsonb_decode(data: bytes) -> object:
    if data[:1] != _JSONB_VERSION:
        raise ValueError(f"unknown jsonb binary format version {data[:1]!r}")
    return orjson.loads(data[1:])


async def _pool(
    url: str,
    min_size: int,
    max_size: int,
    reset: Callable[[asyncpg.Connection], Awaitable[None]] | None = None,
) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(
        url,
        min_size=min_size,
        max_size=max_size,
        init=_init_connection,
        reset=reset,
        command_timeout=60,
        server_settings={"application_name": "pursight"},
    )
    if pool is None:  # only when used as an un-awaited context manager
        raise RuntimeError("asyncpg returned no pool")
    return pool


async def ensure_database(url: str, name: str) -> str:
    """Creates database ``name`` on the server of ``url`` if missing; returns its URL."""
    conn = await asyncpg.connect(url)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"
