"""Files in a folder on the server's disk.

Only regular files and folders are followed: symbolic links are skipped, so a link
cannot lead a scan out of the configured root (or into a loop). Folders are listed one
at a time in a worker thread, so a tree of a million files streams.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from pursight.datasource.v1 import datasource_pb2
from services.connectors import names
from services.connectors.errors import ConfigCheck, ConnectorError
from services.connectors.files._base import (
    ALL_FORMATS,
    FileConnector,
    FileEntry,
    hidden,
    parse_options,
)
from services.connectors.files._formats import ParsingOptions
from services.connectors.model import Capabilities, FailureKind, Kind, ObjectType
from services.connectors.registry import register


@dataclass(frozen=True)
class LocalFilesConfig:
    root_path: str
    recursive: bool = False
    parsing: ParsingOptions = field(default_factory=ParsingOptions)


def _entries(root: Path, folder: str) -> list[FileEntry]:
    """The regular files and folders directly in ``folder`` (blocking)."""
    out = []
    with os.scandir(root / folder if folder else root) as found:
        for item in found:
            if item.is_symlink():
                continue
            path = f"{folder}/{item.name}" if folder else item.name
            if item.is_dir(follow_symlinks=False):
                out.append(FileEntry(path, True))
            elif item.is_file(follow_symlinks=False):
                stat = item.stat(follow_symlinks=False)
                modified = datetime.fromtimestamp(stat.st_mtime, UTC)
                out.append(FileEntry(path, False, stat.st_size, modified))
    return sorted(out, key=lambda e: e.path)


@register(
    kind=Kind.LOCAL_FILES,
    name="local_files",
    display_name="Local files",
    description="CSV, Parquet, JSON and JSON Lines files in a folder on the server's disk.",
    config_field="local_files",
    capabilities=Capabilities(native_sampling=True, incremental=True, row_estimates=True),
    object_types=(ObjectType.FOLDER, ObjectType.FILE),
    credential_types=(),
    file_formats=ALL_FORMATS,
    requires=("pyarrow",),
)
class LocalFilesConnector(FileConnector):
    config: LocalFilesConfig

    @classmethod
    def parse_config(cls, message: datasource_pb2.LocalFilesConfig) -> LocalFilesConfig:
        check = ConfigCheck()
        check.require(bool(message.root_path), "root_path", "is required")
        check.require(
            not message.root_path or Path(message.root_path).is_absolute(),
            "root_path",
            "must be absolute",
        )
        check.require("\x00" not in message.root_path, "root_path", "must not contain NUL")
        options = parse_options(check, message.parsing)
        check.done()
        return LocalFilesConfig(str(Path(message.root_path)), message.recursive, options)

    @property
    def root(self) -> str:
        return "file://" + names.join("", self.config.root_path.strip("/").split("/"))

    @property
    def options(self) -> ParsingOptions:
        return self.config.parsing

    @property
    def _recursive(self) -> bool:
        return self.config.recursive

    def _resolve(self, path: str) -> Path:
        if any(part in ("..", "") for part in path.split("/")) and path:
            raise ConnectorError(FailureKind.NOT_FOUND, f"{path!r} is not a path in this source")
        return (
            Path(self.config.root_path, *path.split("/")) if path else Path(self.config.root_path)
        )

    async def _list(
        self, folder: str, recursive: bool, keep: Callable[[str], bool] | None = None
    ) -> AsyncIterator[FileEntry]:
        root = Path(self.config.root_path)
        target = self._resolve(folder)
        if not target.is_dir() or (target.is_symlink() and folder):
            raise ConnectorError(FailureKind.NOT_FOUND, f"folder {folder or '/'!r} does not exist")
        pending = [folder]
        while pending:
            current = pending.pop(0)
            try:
                entries = await asyncio.to_thread(_entries, root, current)
            except PermissionError:
                raise ConnectorError(
                    FailureKind.INSUFFICIENT_PRIVILEGES, f"may not list {current or '/'}"
                ) from None
            except FileNotFoundError:
                continue  # removed while listing
            for entry in entries:
                if entry.is_folder and recursive:
                    if not hidden(entry.name) and (keep is None or keep(entry.path)):
                        pending.append(entry.path)
                    continue
                yield entry

    async def _stat(self, path: str) -> FileEntry:
        target = self._resolve(path)
        try:
            stat = await asyncio.to_thread(target.lstat)
        except FileNotFoundError:
            raise ConnectorError(
                FailureKind.NOT_FOUND, f"{path} does not exist", object=self._name(path)
            ) from None
        if not target.is_file() or target.is_symlink():
            raise ConnectorError(FailureKind.NOT_FOUND, f"{path} is not a file")
        return FileEntry(path, False, stat.st_size, datetime.fromtimestamp(stat.st_mtime, UTC))

    async def _head(self, entry: FileEntry, size: int) -> bytes:
        def read() -> bytes:
            with self._resolve(entry.path).open("rb") as handle:
                return handle.read(size)

        return await asyncio.to_thread(read)

    def _opener(self, entry: FileEntry) -> Callable[[], IO[bytes]]:
        path = self._resolve(entry.path)
        return lambda: path.open("rb")

    async def _check_root(self) -> str:
        root = Path(self.config.root_path)

        def check() -> Any:
            if not root.is_dir():
                raise ConnectorError(
                    FailureKind.NOT_FOUND, f"folder {root} does not exist on the server"
                )
            if not os.access(root, os.R_OK | os.X_OK):
                raise ConnectorError(
                    FailureKind.INSUFFICIENT_PRIVILEGES, f"the server may not read {root}"
                )
            return None

        await asyncio.to_thread(check)
        return f"folder {root} is readable"
