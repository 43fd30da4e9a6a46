"""SQLite database files, through the standard library in a worker thread.

The file is opened with the URI ``mode=ro`` (the OS-level open is read-only) and
``PRAGMA query_only``; a progress handler interrupts a statement that runs past the
statement timeout, since SQLite has none of its own. Every call opens the file afresh:
that costs microseconds and keeps no handle on a file someone may replace.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pursight.datasource.v1 import datasource_pb2
from services.connectors.base import StepRecorder, TestFacts
from services.connectors.errors import ConfigCheck, ConnectorError
from services.connectors.model import Capabilities, FailureKind, Kind, ObjectMetadata, ObjectType
from services.connectors.registry import register
from services.connectors.sql._base import ColumnRow, SqlConnector, TableRow

T = TypeVar("T")


@dataclass(frozen=True)
class SqliteConfig:
    path: str


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def map_error(exc: BaseException, path: str) -> ConnectorError:
    if isinstance(exc, ConnectorError):
        return exc
    text = str(exc).lower()
    if isinstance(exc, PermissionError) or "permission denied" in text:
        return ConnectorError(
            FailureKind.INSUFFICIENT_PRIVILEGES, f"the server may not read {path}", step="database"
        )
    if "readonly" in text or "read-only" in text:
        return ConnectorError(
            FailureKind.INSUFFICIENT_PRIVILEGES,
            "PurSight opens SQLite files read-only; the statement tried to write",
        )
    if "interrupted" in text:
        return ConnectorError(FailureKind.TIMEOUT, "the statement ran past the statement timeout")
    if "unable to open" in text:
        return ConnectorError(FailureKind.NOT_FOUND, f"cannot open {path}", step="database")
    if "not a database" in text or "malformed" in text:
        return ConnectorError(
            FailureKind.INVALID_CONFIG, f"{path} is not a SQLite database", step="database"
        )
    if "no such table" in text:
        return ConnectorError(FailureKind.NOT_FOUND, str(exc))
    return ConnectorError(FailureKind.OTHER, f"SQLite answered: {exc}")


@register(
    kind=Kind.SQLITE,
    name="sqlite",
    display_name="SQLite",
    description="A SQLite database file on the server's disk, opened read-only.",
    config_field="sqlite",
    capabilities=Capabilities(
        native_sampling=True, row_estimates=True, keys=True, view_definitions=True
    ),
    object_types=(ObjectType.TABLE, ObjectType.VIEW),
    credential_types=(),
)
class SqliteConnector(SqlConnector):
    config: SqliteConfig
    levels = ()

    @classmethod
    def parse_config(cls, message: datasource_pb2.SqliteConfig) -> SqliteConfig:
        check = ConfigCheck()
        check.require(bool(message.path), "path", "is required")
        check.require(
            not message.path or Path(message.path).is_absolute(), "path", "must be absolute"
        )
        check.require("\x00" not in message.path, "path", "must not contain NUL")
        check.done()
        return SqliteConfig(path=str(Path(message.path)))

    @property
    def root(self) -> str:
        return "sqlite://" + urllib.parse.quote(self.config.path, safe="/")

    # -- connections ------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        path = Path(self.config.path)
        if not path.is_file():
            raise ConnectorError(
                FailureKind.NOT_FOUND, f"{self.config.path} does not exist", step="database"
            )
        uri = "file:" + urllib.parse.quote(str(path), safe="/") + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=self.limits.connect_timeout)
        conn.execute("PRAGMA query_only = ON")
        deadline = time.monotonic() + self.limits.statement_timeout
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        return conn

    async def _run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        def call() -> T:
            conn = self._open()
            try:
                return work(conn)
            finally:
                conn.close()

        async with self.limiter.slot():
            try:
                return await asyncio.to_thread(call)
            except (sqlite3.Error, OSError) as exc:
                raise map_error(exc, self.config.path) from None

    async def fetch(self, sql: str, *args: Any, database: str = "") -> list[tuple[Any, ...]]:
        return await self._run(lambda conn: conn.execute(sql, args).fetchall())

    # -- catalog ----------------------------------------------------------------------------

    async def _databases(self, include_system: bool = False) -> list[str]:
        return [""]

    async def _tables(self, database: str, schema: str) -> list[TableRow]:
        return await self._run(_read_tables)

    async def _columns(self, database: str, schema: str, tables: Sequence[str]) -> list[ColumnRow]:
        if not tables:
            return []
        marks = ", ".join("?" * len(tables))

        def read(conn: sqlite3.Connection) -> list[ColumnRow]:
            keys = {
                (r[0], r[1]): ("", "", r[2], r[3])
                for r in conn.execute(_FOREIGN_KEYS.format(marks=marks), tuple(tables))
            }
            out = []
            for r in conn.execute(_COLUMNS.format(marks=marks), tuple(tables)):
                table, cid, name, data_type, notnull, default, pk = r
                ref = keys.get((table, name))
                if ref is not None and not ref[3]:  # `REFERENCES t` without a column: its key
                    ref = (*ref[:3], _primary_key(conn, ref[2]))
                out.append(
                    ColumnRow(
                        table=table,
                        name=name,
                        ordinal=cid + 1,
                        data_type=data_type or "",
                        nullable=not notnull and not pk,
                        default="" if default is None else str(default),
                        primary_key=bool(pk),
                        references=ref,
                    )
                )
            return out

        return await self._run(read)

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
        select = ", ".join(quote(c) for c in columns)
        target = quote(table)
        rowid = known is not None and known.type == ObjectType.TABLE
        estimate = known.row_estimate if known is not None else None

        def read(conn: sqlite3.Connection) -> tuple[list[Sequence[Any]], str]:
            if rowid and estimate and estimate > max(10 * n, 1000):
                try:
                    top = conn.execute(f"SELECT max(rowid) FROM {target}").fetchone()[0]  # noqa: S608 - quoted identifier
                except sqlite3.OperationalError:  # WITHOUT ROWID
                    top = None
                if top:
                    picks = random.sample(range(1, top + 1), min(top, 3 * n))
                    marks = ", ".join("?" * len(picks))
                    rows = conn.execute(
                        f"SELECT {select} FROM {target} WHERE rowid IN ({marks}) LIMIT {int(n)}",  # noqa: S608 - quoted identifiers, bound values
                        picks,
                    ).fetchall()
                    if len(rows) >= n // 2:
                        return rows, "rowid_sample"
            rows = conn.execute(f"SELECT {select} FROM {target} LIMIT {int(n)}").fetchall()  # noqa: S608 - quoted identifiers
            return rows, "limit"

        return await self._run(read)

    # -- connection test ----------------------------------------------------------------------

    async def _run_test(self, recorder: StepRecorder, check_data_access: bool) -> TestFacts:
        async with recorder.step("database", f"opened {self.config.path} read-only"):
            version = await self._run(
                lambda conn: conn.execute("SELECT sqlite_version()").fetchone()[0]
            )
        async with recorder.step("read_catalog") as notes:
            tables = await self._tables("", "")
            notes.append(f"{len(tables)} tables and views")
        if check_data_access and tables:
            first = tables[0].name
            async with recorder.step("read_data", f"read a row of {first}"):
                await self.fetch(f"SELECT * FROM {quote(first)} LIMIT 1")  # noqa: S608 - quoted identifier
        return TestFacts(f"SQLite {version}", (), f"opened SQLite {version}; {len(tables)} tables")


def _read_tables(conn: sqlite3.Connection) -> list[TableRow]:
    stats: dict[str, int] = {}
    has_stats = conn.execute(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).fetchone()
    if has_stats:
        for table, stat in conn.execute("SELECT tbl, stat FROM sqlite_stat1 WHERE idx IS NULL"):
            stats[table] = int(str(stat).split()[0])
    out = []
    for name, kind, sql, without_rowid in conn.execute(_TABLES):
        estimate = stats.get(name)
        if estimate is None and kind == "table" and not without_rowid:
            # max(rowid) is one index probe: an upper bound, exact for append-only tables
            estimate = conn.execute(f"SELECT max(rowid) FROM {quote(name)}").fetchone()[0] or 0  # noqa: S608 - quoted identifier
        out.append(
            TableRow(
                name=name,
                is_view=kind == "view",
                row_estimate=estimate,
                view_definition=sql if kind == "view" else "",
            )
        )
    return out


def _primary_key(conn: sqlite3.Connection, table: str) -> str:
    rows = conn.execute("SELECT name FROM pragma_table_info(?) WHERE pk = 1", (table,)).fetchall()
    return str(rows[0][0]) if rows else ""


_TABLES = """
SELECT name, type, sql, sql LIKE '%WITHOUT ROWID%' FROM sqlite_schema
WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
ORDER BY name
"""

_COLUMNS = """
SELECT m.name, p.cid, p.name, p.type, p."notnull", p.dflt_value, p.pk
FROM sqlite_schema m JOIN pragma_table_info(m.name) p
WHERE m.name IN ({marks})
ORDER BY m.name, p.cid
"""

_FOREIGN_KEYS = """
SELECT m.name, f."from", f."table", f."to"
FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f
WHERE m.name IN ({marks})
"""
