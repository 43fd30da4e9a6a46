"""MySQL and MariaDB, through asyncmy.

Sessions are read-only (``SET SESSION TRANSACTION READ ONLY`` and each unit of work in
``START TRANSACTION READ ONLY``) with a statement time limit, which the two servers
spell differently: ``max_execution_time`` in milliseconds on MySQL,
``max_statement_time`` in seconds on MariaDB. Neither has TABLESAMPLE; big tables with
an integer primary key are sampled from a random window of that key, which the index
serves without a scan.
"""

from __future__ import annotations

import random
import ssl
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import asyncmy
from asyncmy.errors import MySQLError

from pursight.datasource.v1 import datasource_pb2
from services.connectors import names, network
from services.connectors.base import StepRecorder, TestFacts
from services.connectors.errors import ConfigCheck, ConnectorError
from services.connectors.model import (
    Capabilities,
    CredentialType,
    FailureKind,
    Kind,
    ObjectMetadata,
    ObjectType,
)
from services.connectors.registry import register
from services.connectors.sql._base import ColumnRow, SqlConnector, TableRow
from services.connectors.sql._server import check_host, check_port, tcp_probe
from services.connectors.sql._tls import TlsMode, check_tls, unverified_context, verifying_context

DEFAULT_PORT = 3306
SYSTEM_DATABASES = frozenset({"mysql", "information_schema", "performance_schema", "sys"})
_INTEGER_TYPES = ("tinyint", "smallint", "mediumint", "int", "bigint")

# Server error numbers (mysqld_error.h) and client ones (errmsg.h) PurSight tells apart.
_AUTH = {1045, 1251, 1524, 1698}
_DB_DENIED = {1044, 1227}
_TABLE_DENIED = {1142, 1143}
_UNKNOWN_DB = {1049}
_NO_TABLE = {1146}
_READ_ONLY = {1792}
_TIMEOUT = {1969, 3024}
_UNREACHABLE = {2002, 2003, 2005, 2006, 2013}


@dataclass(frozen=True)
class MySqlConfig:
    host: str
    port: int
    user: str
    database: str = ""
    tls_mode: TlsMode = TlsMode.PREFER
    ca_certificate: str = ""


def quote(identifier: str) -> str:
    return "`" + identifier.replace("`", "``") + "`"


def map_error(exc: BaseException, database: str = "") -> ConnectorError:
    if isinstance(exc, ConnectorError):
        return exc
    code = exc.args[0] if isinstance(exc, MySQLError) and exc.args else None
    if code in _AUTH:
        return ConnectorError(
            FailureKind.AUTH_FAILED,
            "the server refused the user name or password",
            step="authenticate",
        )
    if code in _UNKNOWN_DB:
        return ConnectorError(
            FailureKind.NOT_FOUND, f"database {database!r} does not exist", step="database"
        )
    if code in _DB_DENIED:
        return ConnectorError(
            FailureKind.INSUFFICIENT_PRIVILEGES,
            f"the user may not use database {database!r}",
            step="database",
        )
    if code in _TABLE_DENIED:
        return ConnectorError(
            FailureKind.INSUFFICIENT_PRIVILEGES, f"permission denied: {exc.args[1]}"
        )
    if code in _READ_ONLY:
        return ConnectorError(
            FailureKind.INSUFFICIENT_PRIVILEGES,
            "PurSight connects read-only; the statement tried to write",
        )
    if code in _TIMEOUT or isinstance(exc, TimeoutError):
        return ConnectorError(FailureKind.TIMEOUT, "the statement ran past the statement timeout")
    if code in _NO_TABLE:
        return ConnectorError(FailureKind.NOT_FOUND, f"not found: {exc.args[1]}")
    if isinstance(exc, ssl.SSLError):
        return ConnectorError(
            FailureKind.TLS_FAILED, f"TLS failed: {exc.reason or exc}", step="tls"
        )
    if code in _UNREACHABLE or isinstance(exc, OSError):
        return ConnectorError(FailureKind.UNREACHABLE, "the connection to the server was lost")
    if isinstance(exc, MySQLError) and len(exc.args) > 1:
        return ConnectorError(FailureKind.OTHER, f"the server answered: {exc.args[1]}")
    return ConnectorError(FailureKind.OTHER, f"unexpected {type(exc).__name__} from the driver")


@register(
    kind=Kind.MYSQL,
    name="mysql",
    display_name="MySQL / MariaDB",
    description="MySQL and MariaDB databases: tables, views, keys and comments.",
    config_field="mysql",
    capabilities=Capabilities(
        native_sampling=True, row_estimates=True, keys=True, view_definitions=True
    ),
    object_types=(ObjectType.DATABASE, ObjectType.TABLE, ObjectType.VIEW),
    credential_types=(CredentialType.PASSWORD,),
    default_port=DEFAULT_PORT,
    requires=("asyncmy",),
)
class MySqlConnector(SqlConnector):
    config: MySqlConfig
    levels = (ObjectType.DATABASE,)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._idle: list[Any] = []
        self._mariadb: bool | None = None

    @classmethod
    def parse_config(cls, message: datasource_pb2.MySqlConfig) -> MySqlConfig:
        check = ConfigCheck()
        check_host(check, message.host)
        check_port(check, message.port)
        check.require(bool(message.user.strip()), "user", "is required")
        mode = check_tls(check, message.tls_mode, message.ca_certificate)
        check.done()
        return MySqlConfig(
            host=message.host.strip(),
            port=message.port or DEFAULT_PORT,
            user=message.user.strip(),
            database=message.database.strip(),
            tls_mode=mode or TlsMode.PREFER,
            ca_certificate=message.ca_certificate,
        )

    @property
    def root(self) -> str:
        return names.server_url("mysql", self.config.host, self.config.port)

    def catalog_prefixes(self) -> list[str]:
        if self.config.database:
            return [names.join(self.root, [self.config.database]) + "/"]
        return super().catalog_prefixes()

    # -- connections ------------------------------------------------------------------------

    def _ssl(self) -> ssl.SSLContext | None:
        mode = self.config.tls_mode
        if mode in (TlsMode.VERIFY_CA, TlsMode.VERIFY_FULL):
            return verifying_context(mode, self.config.ca_certificate)
        if mode == TlsMode.REQUIRE:
            return unverified_context()
        return None  # PREFER and DISABLE: asyncmy cannot fall back, so no upgrade is tried

    async def _connect(self, addresses: list[str] | None = None, database: str = "") -> Any:
        cfg = self.config
        if addresses is None:
            addresses = await network.resolve(cfg.host, cfg.port)
        target = cfg.host if cfg.tls_mode == TlsMode.VERIFY_FULL else addresses[0]
        try:
            conn = await asyncmy.connect(
                host=target,
                port=cfg.port,
                user=cfg.user,
                password=self._credential.secret if self._credential else "",
                database=database or None,
                connect_timeout=self.limits.connect_timeout,
                read_timeout=self.limits.statement_timeout + 5,
                ssl=self._ssl(),
                autocommit=True,
                program_name="pursight-connector",
            )
            await self._make_read_only(conn)
        except Exception as exc:  # noqa: BLE001 - the driver raises many types; map_error sorts them
            raise map_error(exc, database) from None
        return conn

    async def _make_read_only(self, conn: Any) -> None:
        async with conn.cursor() as cur:
            await cur.execute("SELECT VERSION()")
            version = str((await cur.fetchone())[0])
            self._mariadb = "mariadb" in version.lower()
            await cur.execute("SET SESSION TRANSACTION READ ONLY")
            if self._mariadb:
                await cur.execute(
                    f"SET SESSION max_statement_time = {self.limits.statement_timeout:g}"
                )
            else:
                ms = max(1, int(self.limits.statement_timeout * 1000))
                await cur.execute(f"SET SESSION max_execution_time = {ms}")

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[Any]:
        """A cursor in a read-only transaction, within the concurrency cap. Connections
        are kept for reuse (no more than the cap, since the cap bounds those in use)."""
        async with self.limiter.slot():
            conn = self._idle.pop() if self._idle else await self._connect()
            healthy = False
            try:
                async with conn.cursor() as cur:
                    await cur.execute("START TRANSACTION READ ONLY")
                    try:
                        yield cur
                    finally:
                        await cur.execute("ROLLBACK")
                healthy = True
            except ConnectorError:
                raise
            except (MySQLError, OSError, TimeoutError, ssl.SSLError) as exc:
                raise map_error(exc) from None
            finally:
                if healthy:
                    self._idle.append(conn)
                else:
                    conn.close()

    async def fetch(self, sql: str, *args: Any, database: str = "") -> list[tuple[Any, ...]]:
        async with self._session() as cur:
            if database:
                await cur.execute(f"USE {quote(database)}")
            await cur.execute(sql, args or None)
            return [tuple(r) for r in await cur.fetchall()]

    async def aclose(self) -> None:
        idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    # -- catalog ----------------------------------------------------------------------------

    async def _databases(self, include_system: bool = False) -> list[str]:
        if self.config.database:
            return [self.config.database]
        rows = await self.fetch("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")
        found = [str(r[0]) for r in rows]
        return sorted(d for d in found if include_system or d.lower() not in SYSTEM_DATABASES)

    async def _tables(self, database: str, schema: str) -> list[TableRow]:
        rows = await self.fetch(_TABLES, database)
        return [
            TableRow(
                name=r[0],
                is_view=r[1] in ("VIEW", "SYSTEM VIEW"),
                comment="" if r[1] == "VIEW" else (r[2] or ""),
                row_estimate=int(r[3]) if r[3] is not None else None,
                size_bytes=int(r[4]) if r[4] is not None else None,
                modify_time=_utc(r[5]),
                view_definition=(r[6] or "").strip(),
                properties={"engine": r[7] or ""} if r[7] else {},
            )
            for r in rows
        ]

    async def _columns(self, database: str, schema: str, tables: Sequence[str]) -> list[ColumnRow]:
        if not tables:
            return []
        marks = ", ".join(["%s"] * len(tables))
        rows = await self.fetch(_COLUMNS.format(marks=marks), database, *tables)
        keys = await self.fetch(_FOREIGN_KEYS.format(marks=marks), database, *tables)
        refs = {(k[0], k[1]): (k[2], "", k[3], k[4]) for k in keys}
        return [
            ColumnRow(
                table=r[0],
                name=r[1],
                ordinal=int(r[2]),
                data_type=r[3],
                nullable=r[4] == "YES",
                comment=r[5] or "",
                default="" if r[6] is None else str(r[6]),
                primary_key=r[7] == "PRI",
                references=refs.get((r[0], r[1])),
            )
            for r in rows
        ]

    # -- sampling ---------------------------------------------------------------------------

    async def _sample_rows(
        self,
        database: str,
        schema: str,
        table: str,
        columns: Sequence[str],
        n: int,
        known: ObjectMetadata | None,
    ) -> tuple[list[Sequence[Any]], str]:
        target = f"{quote(database)}.{quote(table)}"
        select = ", ".join(quote(c) for c in columns)
        key = _integer_key(known)
        estimate = known.row_estimate if known is not None else None
        if key and estimate and estimate > max(10 * n, 1000):
            bounds = await self.fetch(f"SELECT MIN({quote(key)}), MAX({quote(key)}) FROM {target}")  # noqa: S608 - quoted identifiers
            low, high = bounds[0]
            if low is not None and high is not None:
                start = random.randint(int(low), max(int(low), int(high) - n))  # noqa: S311 - sampling, not security
                rows = await self.fetch(
                    f"SELECT {select} FROM {target} WHERE {quote(key)} >= %s"  # noqa: S608 - quoted identifiers
                    f" ORDER BY {quote(key)} LIMIT {int(n)}",
                    start,
                )
                if len(rows) >= n // 2:
                    return list(rows), "key_window"
        rows = await self.fetch(f"SELECT {select} FROM {target} LIMIT {int(n)}")  # noqa: S608 - quoted identifiers
        return list(rows), "limit"

    # -- connection test ----------------------------------------------------------------------

    async def _run_test(self, recorder: StepRecorder, check_data_access: bool) -> TestFacts:
        cfg = self.config
        async with recorder.step("resolve") as notes:
            addresses = await network.resolve(cfg.host, cfg.port)
            notes.append(f"{cfg.host} resolves to {', '.join(addresses)}")
        async with recorder.step("connect") as notes:
            reached = await tcp_probe(addresses, cfg.port, self.limits.connect_timeout)
            notes.append(f"{reached}:{cfg.port} accepts connections")
        async with recorder.step("authenticate", f"signed in as {cfg.user!r}"):
            conn = await self._connect([reached])
        try:
            async with conn.cursor() as cur:
                await cur.execute("SELECT VERSION()")
                raw_version = str((await cur.fetchone())[0])
                version = _product(raw_version)
                databases = [cfg.database] if cfg.database else []
                async with recorder.step("database") as notes:
                    for database in databases:
                        try:
                            await cur.execute(f"USE {quote(database)}")
                        except MySQLError as exc:
                            raise map_error(exc, database) from None
                        notes.append(f"database {database!r} is open ({version})")
                async with recorder.step("read_catalog") as notes:
                    scope = (cfg.database or None, cfg.database or None)
                    await cur.execute(_VISIBLE.format(what="COUNT(*)", tail=""), scope)
                    visible = int((await cur.fetchone())[0])
                    await cur.execute(
                        _VISIBLE.format(
                            what="TABLE_SCHEMA, TABLE_NAME",
                            tail="ORDER BY TABLE_SCHEMA, TABLE_NAME LIMIT 1",
                        ),
                        scope,
                    )
                    first_db, first_table = (await cur.fetchone()) or ("", "")
                    notes.append(f"{visible} tables and views visible")
                if check_data_access and first_table:
                    async with recorder.step(
                        "read_data", f"read a row of {first_db}.{first_table}"
                    ):
                        try:
                            await cur.execute(
                                f"SELECT * FROM {quote(first_db)}.{quote(first_table)} LIMIT 1"  # noqa: S608 - quoted identifiers
                            )
                            await cur.fetchall()
                        except MySQLError as exc:
                            raise map_error(exc, first_db) from None
        finally:
            conn.close()
        return TestFacts(version, (), f"connected to {version}; {visible} tables and views visible")


def _integer_key(known: ObjectMetadata | None) -> str:
    """The single integer primary-key column of ``known``, if it has one."""
    if known is None:
        return ""
    keys = [c for c in known.columns if c.primary_key]
    if len(keys) == 1 and keys[0].data_type.lower().split("(")[0].split()[0] in _INTEGER_TYPES:
        return keys[0].name
    return ""


def _product(version: str) -> str:
    """``11.8.3-MariaDB-1`` -> ``MariaDB 11.8.3``; ``8.0.36`` -> ``MySQL 8.0.36``."""
    number = version.split("-")[0]
    return f"MariaDB {number}" if "mariadb" in version.lower() else f"MySQL {number}"


def _utc(value: Any) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


_TABLES = """
SELECT t.TABLE_NAME, t.TABLE_TYPE, t.TABLE_COMMENT, t.TABLE_ROWS,
       t.DATA_LENGTH + t.INDEX_LENGTH, COALESCE(t.UPDATE_TIME, t.CREATE_TIME),
       v.VIEW_DEFINITION, t.ENGINE
FROM information_schema.TABLES t
LEFT JOIN information_schema.VIEWS v
  ON v.TABLE_SCHEMA = t.TABLE_SCHEMA AND v.TABLE_NAME = t.TABLE_NAME
WHERE t.TABLE_SCHEMA = %s AND t.TABLE_TYPE IN ('BASE TABLE', 'VIEW', 'SYSTEM VERSIONED')
ORDER BY t.TABLE_NAME
"""

_COLUMNS = """
SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE,
       COLUMN_COMMENT, COLUMN_DEFAULT, COLUMN_KEY
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = %s AND TABLE_NAME IN ({marks})
ORDER BY TABLE_NAME, ORDINAL_POSITION
"""

_FOREIGN_KEYS = """
SELECT TABLE_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME,
       REFERENCED_COLUMN_NAME
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA = %s AND TABLE_NAME IN ({marks}) AND REFERENCED_TABLE_NAME IS NOT NULL
"""

# Tables the user can see (MySQL shows only those it holds a privilege on).
_VISIBLE = """
SELECT {what} FROM information_schema.TABLES
WHERE (%s IS NULL OR TABLE_SCHEMA = %s)
  AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
{tail}
"""
