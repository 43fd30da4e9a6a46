"""What every SQL connector shares: bulk extraction, browsing and sampling over a
dialect's catalog queries.

A dialect answers a handful of questions, each with one query over its system
catalog: which databases and schemas there are, which tables a schema holds (with
comments, row estimates and view definitions), and the columns of a batch of tables
(with types, nullability, keys and comments). This module turns the answers into
``ObjectMetadata`` in batches of ``batch_size`` tables, so a schema of ten thousand
tables costs fifty column queries and never holds more than one batch of columns.
"""

from __future__ import annotations

import abc
import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from services.connectors import names
from services.connectors.base import DEFAULT_SAMPLE_SIZE, Connector, ObjectRef, Warn
from services.connectors.errors import ConnectorError
from services.connectors.model import (
    BrowseItem,
    ColumnMetadata,
    Container,
    FailureKind,
    ObjectMetadata,
    ObjectType,
    Sample,
)
from services.connectors.scope import EVERYTHING, Scope
from services.connectors.values import as_text

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TableRow:
    """A table or view as a dialect's table query describes it."""

    name: str
    is_view: bool = False
    comment: str = ""
    row_estimate: int | None = None
    size_bytes: int | None = None
    modify_time: datetime | None = None
    view_definition: str = ""
    properties: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ColumnRow:
    """A column as a dialect's column query describes it. ``references`` is the
    (database, schema, table, column) a foreign key points at."""

    table: str
    name: str
    data_type: str
    nullable: bool
    ordinal: int
    comment: str = ""
    default: str = ""
    primary_key: bool = False
    references: tuple[str, str, str, str] | None = None


def _log_warning(error: ConnectorError) -> None:
    log.warning("extraction skipped %s: %s", error.object or "an object", error.message)


class SqlConnector(Connector):
    """A connector over a SQL catalog. ``levels`` lists the containers above tables
    (PostgreSQL: database and schema; MySQL: database; SQLite: none)."""

    levels: ClassVar[tuple[ObjectType, ...]] = (ObjectType.DATABASE, ObjectType.SCHEMA)
    batch_size: ClassVar[int] = 200

    # -- dialect hooks ------------------------------------------------------------------

    @abc.abstractmethod
    async def _databases(self, include_system: bool = False) -> list[str]:
        """The databases this source covers (only for a DATABASE level)."""

    async def _schemas(self, database: str, include_system: bool = False) -> list[str]:
        """The schemas of ``database`` (only for a SCHEMA level)."""
        return [""]

    @abc.abstractmethod
    async def _tables(self, database: str, schema: str) -> list[TableRow]:
        """The tables and views of one schema, by name."""

    @abc.abstractmethod
    async def _columns(self, database: str, schema: str, tables: Sequence[str]) -> list[ColumnRow]:
        """The columns of ``tables`` in one schema, ordered by table then position."""

    @abc.abstractmethod
    async def _sample_rows(
        self,
        database: str,
        schema: str,
        table: str,
        columns: Sequence[str],
        n: int,
        known: ObjectMetadata | None,
    ) -> tuple[list[Sequence[Any]], str]:
        """Up to ``n`` rows of the columns, and how they were read."""

    @abc.abstractmethod
    async def fetch(self, sql: str, *args: Any, database: str = "") -> list[tuple[Any, ...]]:
        """Runs one statement in a read-only transaction under the statement timeout.
        For diagnostics and tests; anything but a read fails."""

    # -- paths ----------------------------------------------------------------------------

    def _path(self, database: str, schema: str, table: str = "") -> tuple[str, ...]:
        parts: list[str] = []
        if ObjectType.DATABASE in self.levels:
            parts.append(database)
        if ObjectType.SCHEMA in self.levels:
            parts.append(schema)
        if table:
            parts.append(table)
        return tuple(parts)

    def _split(self, path: Sequence[str]) -> tuple[str, str, str]:
        """(database, schema, table) of an object's path."""
        if len(path) != len(self.levels) + 1:
            raise ConnectorError(
                FailureKind.NOT_FOUND, f"{'/'.join(path)!r} is not the path of a table"
            )
        rest = list(path)
        database = rest.pop(0) if ObjectType.DATABASE in self.levels else ""
        schema = rest.pop(0) if ObjectType.SCHEMA in self.levels else ""
        return database, schema, rest[0]

    def _containers(self, database: str, schema: str) -> tuple[Container, ...]:
        out: list[Container] = []
        path: list[str] = []
        for level, name in zip(self.levels, self._path(database, schema), strict=True):
            path.append(name)
            out.append(Container(level, name, names.join(self.root, path)))
        return tuple(out)

    def _scope_schema(self, database: str, schema: str) -> str:
        """The name tables are matched under: the schema, or the database without one."""
        return schema if ObjectType.SCHEMA in self.levels else database

    # -- extraction ---------------------------------------------------------------------

    async def _locations(self, scope: Scope) -> AsyncIterator[tuple[str, str]]:
        databases = [""]
        if ObjectType.DATABASE in self.levels:
            databases = [d for d in await self._databases() if scope.database(d)]
        for database in databases:
            schemas = [""]
            if ObjectType.SCHEMA in self.levels:
                schemas = [s for s in await self._schemas(database) if scope.schema(database, s)]
            elif database and not scope.schema("", database):
                continue
            for schema in schemas:
                yield database, schema

    async def extract(
        self, scope: Scope = EVERYTHING, *, on_warning: Warn | None = None
    ) -> AsyncIterator[ObjectMetadata]:
        warn = on_warning or _log_warning
        async for database, schema in self._locations(scope):
            where = names.join(self.root, self._path(database, schema))
            try:
                tables = await self._tables(database, schema)
            except ConnectorError as exc:
                if exc.failure not in (FailureKind.INSUFFICIENT_PRIVILEGES, FailureKind.NOT_FOUND):
                    raise
                exc.object = exc.object or where
                warn(exc)
                continue
            label = self._scope_schema(database, schema)
            tables = [t for t in tables if scope.table(label, t.name, view=t.is_view)]
            parents = self._containers(database, schema)
            for start in range(0, len(tables), self.batch_size):
                batch = tables[start : start + self.batch_size]
                columns = await self._columns(database, schema, [t.name for t in batch])
                by_table: dict[str, list[ColumnRow]] = {}
                for column in columns:
                    by_table.setdefault(column.table, []).append(column)
                for table in batch:
                    yield self._object(
                        database, schema, table, by_table.get(table.name, []), parents
                    )

    def _object(
        self,
        database: str,
        schema: str,
        table: TableRow,
        columns: Sequence[ColumnRow],
        parents: tuple[Container, ...],
    ) -> ObjectMetadata:
        path = self._path(database, schema, table.name)
        qualified = names.join(self.root, path)
        return ObjectMetadata(
            type=ObjectType.VIEW if table.is_view else ObjectType.TABLE,
            name=table.name,
            path=path,
            qualified_name=qualified,
            parents=parents,
            columns=tuple(self._column(qualified, c) for c in columns),
            comment=table.comment,
            row_estimate=table.row_estimate,
            size_bytes=table.size_bytes,
            modify_time=table.modify_time,
            view_definition=table.view_definition,
            properties=table.properties,
        )

    def _column(self, table_name: str, column: ColumnRow) -> ColumnMetadata:
        foreign = ""
        if column.references is not None:
            ref_db, ref_schema, ref_table, ref_column = column.references
            target = names.join(self.root, self._path(ref_db, ref_schema, ref_table))
            foreign = names.column(target, ref_column)
        return ColumnMetadata(
            name=column.name,
            qualified_name=names.column(table_name, column.name),
            data_type=column.data_type,
            nullable=column.nullable,
            ordinal=column.ordinal,
            primary_key=column.primary_key,
            foreign_key=foreign,
            comment=column.comment,
            default=column.default,
        )

    # -- browsing -------------------------------------------------------------------------

    async def browse(
        self, path: Sequence[str], *, include_system: bool = False
    ) -> list[BrowseItem]:
        depth = len(path)
        if depth < len(self.levels):
            level = self.levels[depth]
            if level == ObjectType.DATABASE:
                found = await self._databases(include_system)
            else:
                database = path[0] if ObjectType.DATABASE in self.levels else ""
                await self._known_database(database)
                found = await self._schemas(database, include_system)
            return [
                BrowseItem(
                    path=(*path, n),
                    type=level,
                    qualified_name=names.join(self.root, (*path, n)),
                    has_children=True,
                )
                for n in sorted(found)
            ]
        if depth == len(self.levels):
            database, schema, _ = self._split((*path, "-"))
            await self._known_database(database)
            return [
                BrowseItem(
                    path=(*path, t.name),
                    type=ObjectType.VIEW if t.is_view else ObjectType.TABLE,
                    qualified_name=names.join(self.root, (*path, t.name)),
                    has_children=False,
                    row_estimate=t.row_estimate,
                    size_bytes=t.size_bytes,
                    modify_time=t.modify_time,
                )
                for t in sorted(await self._tables(database, schema), key=lambda t: t.name)
            ]
        raise ConnectorError(FailureKind.NOT_FOUND, f"{'/'.join(path)!r} holds nothing to list")

    async def _known_database(self, database: str) -> None:
        if ObjectType.DATABASE in self.levels and database not in await self._databases(True):
            raise ConnectorError(
                FailureKind.NOT_FOUND, f"database {database!r} is not part of this source"
            )

    # -- sampling -------------------------------------------------------------------------

    async def sample(
        self, obj: ObjectRef, columns: Sequence[str] | None = None, n: int = DEFAULT_SAMPLE_SIZE
    ) -> Sample:
        known: ObjectMetadata | None = None
        if isinstance(obj, ObjectMetadata):
            known, path = obj, obj.path
        else:
            path = tuple(obj)
        database, schema, table = self._split(path)
        if columns is None:
            if known is not None and known.columns:
                columns = [c.name for c in known.columns]
            else:
                columns = [c.name for c in await self._columns(database, schema, [table])]
        if not columns:
            raise ConnectorError(
                FailureKind.NOT_FOUND,
                f"{'/'.join(path)!r} has no columns to sample",
                object=names.join(self.root, path),
            )
        rows, method = await self._sample_rows(database, schema, table, columns, n, known)
        values = {c: [as_text(row[i]) for row in rows] for i, c in enumerate(columns)}
        return Sample(values=values, rows=len(rows), method=method)
