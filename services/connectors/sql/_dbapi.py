"""SQL connectors over a blocking DB-API driver and an INFORMATION_SCHEMA catalog.

Databricks SQL and Azure Synapse ship only blocking drivers, installed as optional
extras. This base runs each unit of work in a worker thread on a fresh connection,
within the source's concurrency cap, and reads tables, columns and keys in bulk from
INFORMATION_SCHEMA with one statement per question per schema (columns per batch of
tables), like the native dialects. A dialect supplies the connection, the
placeholder style, session settings and the statements that differ.

These warehouses have no read-only session flag PurSight can set: they are read only by
issuing nothing but SELECTs, under a statement timeout, and the documentation asks for
a principal that holds read grants only (Databricks ``USE``/``SELECT``, Synapse
``db_datareader``).
"""

from __future__ import annotations

import abc
import asyncio
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, TypeVar

from services.connectors.base import StepRecorder, TestFacts
from services.connectors.errors import ConnectorError
from services.connectors.model import FailureKind, ObjectMetadata
from services.connectors.sql._base import ColumnRow, SqlConnector, TableRow

T = TypeVar("T")


class DbApiConnector(SqlConnector):
    """Shared body of the warehouse connectors."""

    product: ClassVar[str] = ""
    system_schemas: ClassVar[frozenset[str]] = frozenset({"information_schema"})

    @abc.abstractmethod
    def _connect_sync(self) -> Any:
        """An open DB-API connection, with session settings applied."""

    @abc.abstractmethod
    def _map_error(self, exc: BaseException) -> ConnectorError:
        """A ConnectorError for what the driver raised."""

    @abc.abstractmethod
    def _mark(self) -> str:
        """The driver's positional placeholder."""

    @abc.abstractmethod
    def quote(self, identifier: str) -> str: ...

    @abc.abstractmethod
    def _catalog_sql(self, what: str, database: str) -> str:
        """The statement for ``databases``, ``schemas``, ``tables``, ``columns``,
        ``keys``, ``version`` or ``sample`` (with ``{select}``, ``{target}``, ``{n}``)."""

    async def _check_endpoint(self) -> None:
        """Refuses a blocked host before the driver connects (see ``network``)."""
        return

    async def _run(self, work: Callable[[Any], T]) -> T:
        await self._check_endpoint()

        def call() -> T:
            conn = self._connect_sync()
            try:
                cursor = conn.cursor()
                try:
                    return work(cursor)
                finally:
                    cursor.close()
            finally:
                conn.close()

        async with self.limiter.slot():
            try:
                return await asyncio.wait_for(
                    asyncio.to_thread(call),
                    self.limits.connect_timeout + self.limits.statement_timeout,
                )
            except ConnectorError:
                raise
            except Exception as exc:  # noqa: BLE001 - each driver raises its own types; _map_error sorts them
                raise self._map_error(exc) from None

    async def fetch(self, sql: str, *args: Any, database: str = "") -> list[tuple[Any, ...]]:
        def work(cursor: Any) -> list[tuple[Any, ...]]:
            cursor.execute(sql, list(args)) if args else cursor.execute(sql)
            return [tuple(r) for r in cursor.fetchall()]

        return await self._run(work)

    async def _databases(self, include_system: bool = False) -> list[str]:
        return [str(r[0]) for r in await self.fetch(self._catalog_sql("databases", ""))]

    async def _schemas(self, database: str, include_system: bool = False) -> list[str]:
        rows = await self.fetch(self._catalog_sql("schemas", database))
        found = [str(r[0]) for r in rows]
        return sorted(s for s in found if include_system or s.lower() not in self.system_schemas)

    async def _tables(self, database: str, schema: str) -> list[TableRow]:
        rows = await self.fetch(self._catalog_sql("tables", database), schema)
        return [
            TableRow(
                name=str(r[0]),
                is_view="VIEW" in str(r[1]).upper(),
                comment=str(r[2] or ""),
                row_estimate=int(r[3]) if r[3] is not None else None,
                view_definition=str(r[4] or ""),
            )
            for r in rows
        ]

    async def _columns(self, database: str, schema: str, tables: Sequence[str]) -> list[ColumnRow]:
        if not tables:
            return []
        marks = ", ".join([self._mark()] * len(tables))
        rows = await self.fetch(
            self._catalog_sql("columns", database).format(marks=marks), schema, *tables
        )
        keys = await self.fetch(
            self._catalog_sql("keys", database).format(marks=marks), schema, *tables
        )
        primary = {(str(k[0]), str(k[1])) for k in keys if k[2] == "PRIMARY KEY"}
        foreign = {
            (str(k[0]), str(k[1])): (database, str(k[3]), str(k[4]), str(k[5]))
            for k in keys
            if k[2] == "FOREIGN KEY" and k[4]
        }
        return [
            ColumnRow(
                table=str(r[0]),
                name=str(r[1]),
                ordinal=int(r[2]),
                data_type=str(r[3]),
                nullable=str(r[4]).upper() == "YES",
                comment=str(r[5] or ""),
                default="" if r[6] is None else str(r[6]),
                primary_key=(str(r[0]), str(r[1])) in primary,
                references=foreign.get((str(r[0]), str(r[1]))),
            )
            for r in rows
        ]

    async def _sample_rows(
        self,
        database: str,
        schema: str,
        table: str,
        columns: Sequence[str],
        n: int,
        known: ObjectMetadata | None,
    ) -> tuple[list[Sequence[Any]], str]:
        select = ", ".join(self.quote(c) for c in columns)
        target = ".".join(self.quote(p) for p in (database, schema, table) if p)
        sql = self._catalog_sql("sample", database).format(select=select, target=target, n=int(n))
        return list(await self.fetch(sql)), "native"

    async def _run_test(self, recorder: StepRecorder, check_data_access: bool) -> TestFacts:
        async with recorder.step("authenticate", "signed in"):
            version = (await self.fetch(self._catalog_sql("version", "")))[0][0]
        async with recorder.step("read_catalog") as notes:
            databases = await self._databases()
            if not databases:
                raise ConnectorError(
                    FailureKind.INSUFFICIENT_PRIVILEGES, "the principal can see no database"
                )
            notes.append(f"{len(databases)} databases visible")
        return TestFacts(f"{self.product} {version}".strip(), (), f"connected to {self.product}")
