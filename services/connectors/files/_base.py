"""What the file connectors share: listing, describing and sampling files of the
supported formats, whatever storage they sit in.

A storage (a local folder, a blob container) lists entries one folder or one page at a
time and reads byte ranges; this module recognises formats by extension, describes each
file from its head or footer (``_formats``), and streams ``ObjectMetadata`` so memory
stays flat however many files there are. A file that cannot be parsed is a warning, not
a failed extraction. Folders whose names start with ``.`` or ``_`` (``.git``,
``_delta_log``, Spark's ``_temporary``) are skipped, as Spark and Hive skip them.
"""

from __future__ import annotations

import abc
import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from services.connectors import names
from services.connectors.base import (
    DEFAULT_SAMPLE_SIZE,
    Connector,
    ObjectRef,
    StepRecorder,
    TestFacts,
    Warn,
)
from services.connectors.errors import ConfigCheck, ConnectorError
from services.connectors.files._formats import (
    HEAD_BYTES,
    FileFormatError,
    Parsed,
    ParsingOptions,
    format_of,
    parse_parquet,
    parse_text,
    sample_parquet,
    table_values,
)
from services.connectors.model import (
    BrowseItem,
    ColumnMetadata,
    Container,
    FailureKind,
    FileFormat,
    ObjectMetadata,
    ObjectType,
    Sample,
)
from services.connectors.scope import EVERYTHING, Scope

log = logging.getLogger(__name__)

ALL_FORMATS = (FileFormat.CSV, FileFormat.PARQUET, FileFormat.JSON, FileFormat.JSON_LINES)


@dataclass(frozen=True, slots=True)
class FileEntry:
    """A file or folder, by its ``/``-separated path from the source's root."""

    path: str
    is_folder: bool
    size: int = 0
    modify_time: datetime | None = None

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def hidden(name: str) -> bool:
    return name.startswith((".", "_"))


def parse_options(check: ConfigCheck, message: Any, field: str = "parsing") -> ParsingOptions:
    """``FileParsingOptions`` checked and typed."""
    formats: list[FileFormat] = []
    for i, value in enumerate(message.formats):
        try:
            formats.append(FileFormat(value))
        except ValueError:
            check.require(False, f"{field}.formats[{i}]", "is not a file format")
    delimiter = message.csv_delimiter
    check.require(len(delimiter) <= 1, f"{field}.csv_delimiter", "must be one character")
    # Grouping partition files into one logical table is in the contract but not built
    # yet: refuse it rather than silently scanning file by file.
    check.require(not message.group_partitions, f"{field}.group_partitions", "is not supported yet")
    encoding = message.encoding or "utf-8"
    try:
        "".encode(encoding)
    except LookupError:
        check.require(False, f"{field}.encoding", f"unknown encoding {encoding!r}")
    return ParsingOptions(
        formats=tuple(formats),
        csv_delimiter=delimiter,
        csv_no_header=message.csv_no_header,
        encoding=encoding,
        group_partitions=message.group_partitions,
    )


def _log_warning(error: ConnectorError) -> None:
    log.warning("extraction skipped %s: %s", error.object or "a file", error.message)


class FileConnector(Connector):
    """Files in some storage. Subclasses provide listing and reading."""

    @property
    @abc.abstractmethod
    def options(self) -> ParsingOptions: ...

    @property
    def _recursive(self) -> bool:
        """Whether extraction descends into folders (the config says)."""
        return True

    @abc.abstractmethod
    def _list(
        self, folder: str, recursive: bool, keep: Callable[[str], bool] | None = None
    ) -> AsyncIterator[FileEntry]:
        """Entries under ``folder`` ('' for the root): its direct files and folders, or
        with ``recursive`` every file beneath it, skipping folders ``keep`` refuses."""

    @abc.abstractmethod
    async def _stat(self, path: str) -> FileEntry:
        """One file's entry; ConnectorError NOT_FOUND when it is not there."""

    @abc.abstractmethod
    async def _head(self, entry: FileEntry, size: int) -> bytes:
        """The first ``size`` bytes of a file."""

    @abc.abstractmethod
    def _opener(self, entry: FileEntry) -> Callable[[], IO[bytes]]:
        """A blocking opener of a seekable file object, called in a worker thread."""

    @abc.abstractmethod
    async def _check_root(self) -> str:
        """Checks the root (folder, container) exists and is readable; says what it is."""

    # -- names --------------------------------------------------------------------------------

    def _name(self, path: str) -> str:
        return names.join(self.root, path.split("/"))

    def _folders(self, path: str) -> tuple[Container, ...]:
        parts = path.split("/")[:-1]
        return tuple(
            Container(ObjectType.FOLDER, part, names.join(self.root, parts[: i + 1]))
            for i, part in enumerate(parts)
        )

    # -- reading ------------------------------------------------------------------------------

    def _failure(self, exc: BaseException, entry: FileEntry, fmt: FileFormat) -> ConnectorError:
        qualified = self._name(entry.path)
        if isinstance(exc, ConnectorError):
            exc.object = exc.object or qualified
            return exc
        if isinstance(exc, FileFormatError):
            return ConnectorError(
                FailureKind.OTHER,
                f"cannot read {entry.path} as {fmt.short}: {exc}",
                object=qualified,
            )
        if isinstance(exc, PermissionError):
            return ConnectorError(
                FailureKind.INSUFFICIENT_PRIVILEGES, f"may not read {entry.path}", object=qualified
            )
        if isinstance(exc, FileNotFoundError):
            return ConnectorError(FailureKind.NOT_FOUND, f"{entry.path} is gone", object=qualified)
        return ConnectorError(
            FailureKind.OTHER, f"cannot read {entry.path}: {type(exc).__name__}", object=qualified
        )

    async def _parse(self, entry: FileEntry, fmt: FileFormat) -> Parsed:
        async with self.limiter.slot():
            try:
                if fmt == FileFormat.PARQUET:
                    return await asyncio.to_thread(parse_parquet, self._opener(entry))
                head = await self._head(entry, HEAD_BYTES)
                return await asyncio.to_thread(
                    parse_text, head, entry.size, fmt, self.options, entry.name
                )
            except (ConnectorError, FileFormatError, OSError, ValueError) as exc:
                raise self._failure(exc, entry, fmt) from None

    def _format(self, entry: FileEntry) -> FileFormat:
        fmt = format_of(entry.name, self.options)
        if fmt is None:
            raise ConnectorError(
                FailureKind.NOT_FOUND,
                f"{entry.path} is not a file of a format this source reads",
                object=self._name(entry.path),
            )
        return fmt

    async def describe(self, entry: FileEntry) -> ObjectMetadata:
        """One file's metadata: its columns from the head or footer."""
        fmt = self._format(entry)
        parsed = await self._parse(entry, fmt)
        qualified = self._name(entry.path)
        return ObjectMetadata(
            type=ObjectType.FILE,
            name=entry.name,
            path=tuple(entry.path.split("/")),
            qualified_name=qualified,
            parents=self._folders(entry.path),
            columns=tuple(
                ColumnMetadata(
                    name=name,
                    qualified_name=names.column(qualified, name),
                    data_type=data_type,
                    nullable=nullable,
                    ordinal=i + 1,
                )
                for i, (name, data_type, nullable) in enumerate(parsed.columns)
            ),
            row_estimate=parsed.row_estimate,
            size_bytes=entry.size,
            modify_time=entry.modify_time,
            file_format=fmt,
            properties={"row_count": "exact" if parsed.exact else "estimated"},
        )

    async def extract(
        self, scope: Scope = EVERYTHING, *, on_warning: Warn | None = None
    ) -> AsyncIterator[ObjectMetadata]:
        warn = on_warning or _log_warning
        async for entry in self._list("", self._recursive, scope.folder):
            if entry.is_folder or format_of(entry.name, self.options) is None:
                continue
            if not scope.file(entry.path):
                continue
            try:
                yield await self.describe(entry)
            except ConnectorError as exc:
                warn(exc)

    async def browse(
        self, path: Sequence[str], *, include_system: bool = False
    ) -> list[BrowseItem]:
        folder = "/".join(path)
        items = []
        async for entry in self._list(folder, False):
            if hidden(entry.name) and not include_system:
                continue
            fmt = None if entry.is_folder else format_of(entry.name, self.options)
            items.append(
                BrowseItem(
                    path=tuple(entry.path.split("/")),
                    type=ObjectType.FOLDER if entry.is_folder else ObjectType.FILE,
                    qualified_name=self._name(entry.path),
                    has_children=entry.is_folder,
                    size_bytes=None if entry.is_folder else entry.size,
                    file_format=fmt,
                    modify_time=entry.modify_time,
                )
            )
        return sorted(items, key=lambda item: item.name)

    async def sample(
        self, obj: ObjectRef, columns: Sequence[str] | None = None, n: int = DEFAULT_SAMPLE_SIZE
    ) -> Sample:
        path = "/".join(obj.path if isinstance(obj, ObjectMetadata) else obj)
        entry = await self._stat(path)
        fmt = self._format(entry)
        if fmt == FileFormat.PARQUET:
            async with self.limiter.slot():
                try:
                    table, method = await asyncio.to_thread(
                        sample_parquet, self._opener(entry), columns, n
                    )
                except (ConnectorError, FileFormatError, OSError, ValueError) as exc:
                    raise self._failure(exc, entry, fmt) from None
        else:
            table, method = (await self._parse(entry, fmt)).rows, "head"
        values = table_values(table, columns, n)
        rows = min(n, table.num_rows)
        return Sample(values=values, rows=rows, method=method)

    async def _run_test(self, recorder: StepRecorder, check_data_access: bool) -> TestFacts:
        async with recorder.step("database") as notes:
            notes.append(await self._check_root())
        count, first = 0, None
        async with recorder.step("read_catalog") as notes:
            async for entry in self._list("", self._recursive):
                if not entry.is_folder and format_of(entry.name, self.options) is not None:
                    count += 1
                    first = first or entry
                    if count >= 1000:
                        break
            notes.append(f"{count}{'+' if count >= 1000 else ''} readable files")
        if check_data_access and first is not None:
            async with recorder.step("read_data", f"read {first.path}"):
                await self.describe(first)
        return TestFacts(
            "", (), f"{count}{'+' if count >= 1000 else ''} files of supported formats found"
        )


__all__ = ["ALL_FORMATS", "FileConnector", "FileEntry", "Parsed", "hidden", "parse_options"]
