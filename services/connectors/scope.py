"""Which objects an extraction reads: include and exclude patterns.

The rules are the scan contract's (``pursight.scan.v1.ScanScope``): patterns are globs
matched case-insensitively, or regular expressions when they start with ``re:``; an
object is in scope when it matches an include list (or that list is empty) and no
exclude list. Here a schema pattern with a dot is matched against
``database.schema``, one without against ``schema``; likewise tables against
``schema.table`` or ``table``. Path globs treat ``/`` as a separator: ``*`` stays in
one folder, ``**`` crosses folders (``sales/**/*.parquet``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache


@cache
def _compile(pattern: str, path: bool) -> re.Pattern[str]:
    if pattern.startswith("re:"):
        return re.compile(pattern[3:], re.IGNORECASE)
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "*":
            if path and pattern.startswith("**", i):
                # `**/` matches zero or more whole folders; a trailing `**` anything.
                if pattern.startswith("**/", i):
                    out.append("(?:.*/)?")
                    i += 3
                    continue
                out.append(".*")
                i += 2
                continue
            out.append("[^/]*" if path else ".*")
        elif char == "?":
            out.append("[^/]" if path else ".")
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("".join(out), re.IGNORECASE)


def matches(pattern: str, text: str, *, path: bool = False) -> bool:
    """True when ``text`` matches the glob (or ``re:`` expression) in full."""
    return _compile(pattern, path).fullmatch(text) is not None


def _pick(patterns: Sequence[str], qualified: str, bare: str) -> bool:
    for pattern in patterns:
        if pattern.startswith("re:"):
            if matches(pattern, qualified) or matches(pattern, bare):
                return True
        elif matches(pattern, qualified if "." in pattern else bare):
            return True
    return False


@dataclass(frozen=True)
class Scope:
    """Include and exclude lists for one extraction; empty means everything."""

    databases: tuple[str, ...] = ()
    include_schemas: tuple[str, ...] = ()
    exclude_schemas: tuple[str, ...] = ()
    include_tables: tuple[str, ...] = ()
    exclude_tables: tuple[str, ...] = ()
    include_paths: tuple[str, ...] = ()
    exclude_paths: tuple[str, ...] = ()
    exclude_views: bool = False

    def database(self, name: str) -> bool:
        return not self.databases or any(matches(p, name) for p in self.databases)

    def schema(self, database: str, schema: str) -> bool:
        qualified = f"{database}.{schema}" if database else schema
        if self.include_schemas and not _pick(self.include_schemas, qualified, schema):
            return False
        return not _pick(self.exclude_schemas, qualified, schema)

    def table(self, schema: str, table: str, *, view: bool = False) -> bool:
        if view and self.exclude_views:
            return False
        qualified = f"{schema}.{table}" if schema else table
        if self.include_tables and not _pick(self.include_tables, qualified, table):
            return False
        return not _pick(self.exclude_tables, qualified, table)

    def file(self, path: str) -> bool:
        """``path`` from the source's root, ``/``-separated, without a leading ``/``."""
        if self.include_paths and not any(
            matches(p, path, path=True) or _under(p, path) for p in self.include_paths
        ):
            return False
        return not any(matches(p, path, path=True) or _under(p, path) for p in self.exclude_paths)

    def folder(self, path: str) -> bool:
        """False when a whole folder is excluded, so listing can skip it."""
        return not any(
            p.rstrip("/") and (matches(p.rstrip("/"), path, path=True) or _under(p, path))
            for p in self.exclude_paths
        )


def _under(pattern: str, path: str) -> bool:
    """A pattern naming a folder (``raw`` or ``raw/``) covers everything beneath it."""
    if pattern.startswith("re:"):
        return False
    folder = pattern.rstrip("/")
    parts = path.split("/")
    return any(matches(folder, "/".join(parts[:i]), path=True) for i in range(1, len(parts)))


EVERYTHING = Scope()
