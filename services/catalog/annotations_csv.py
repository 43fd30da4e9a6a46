"""Bulk export and import of the annotations people write on assets, as CSV.

The header is ``qualified_name,description,owners,stewards,tags,terms`` (HEADER): the
qualified name is the key that survives rescans and catalogs; owners, stewards, tags and
glossary terms are multi-valued, ``;``-separated cells. Tags are exported as the asset
shows them (its own and those its terms carry); on import, tags carried by the row's
terms stay carried rather than becoming the asset's own.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage
return as a formula, so the export prefixes such cells with ``'`` (OWASP's advice for
CSV injection), and the import takes the quote off again: a cell starting with quotes
and then one of those characters loses one quote, so any text survives the round trip.

An import checks every row, and reports each one by its line (the header is line 1) as
ACTION_UPDATE with the fields that would change, ACTION_UNCHANGED, or ACTION_ERROR with
what is wrong. A dry run writes nothing; a real run applies the valid rows in one
transaction through the AssetWriter, so each changed asset gets its history row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from google.api import httpbody_pb2

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from services.catalog import assets as A
from services.catalog.rows import in_workspace, workspace_of
from services.catalog.writer import AssetWriter, load_terms
from services.runtime.context import current_principal
from services.runtime.errors import bad_field

Action = resources_pb2.AnnotationChange.Action
Status = resources_pb2.GlossaryTerm.Status
HEADER = ("qualified_name", "description", "owners", "stewards", "tags", "terms")
CONTENT_TYPE = "text/csv; charset=utf-8"
CHUNK = 64 * 1024
MAX_ROWS = 50_000
_RISKY = re.compile(r"^'*[=+\-@\t\r]")
_MULTI = {
    "owners": (A.PRINCIPAL, "users/{id}, groups/{id} or serviceAccounts/{id}"),
    "stewards": (A.PRINCIPAL, "users/{id}, groups/{id} or serviceAccounts/{id}"),
    "tags": (A.TAG, "a lower-case tag"),
    "terms": (A.TERM, "glossaries/{glossary}/terms/{term}"),
}


def escape_cell(text: str) -> str:
    """``text`` made safe to open in a spreadsheet."""
    return "'" + text if _RISKY.match(text) else text


def unescape_cell(text: str) -> str:
    """What ``escape_cell`` was given."""
    return text[1:] if text.startswith("'") and _RISKY.match(text) else text


def _cells(row: asyncpg.Record) -> list[str]:
    return [
        escape_cell(row["qualified_name"]),
        escape_cell(row["description"]),
        *(escape_cell(";".join(row[c])) for c in ("owners", "stewards", "tags", "terms")),
    ]


@dataclass
class _Row:
    """One data row of an import, parsed."""

    line: int
    qualified_name: str
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _parse_row(line: int, header: list[str], cells: list[str]) -> _Row:
    if len(cells) != len(header):
        return _Row(line, "", errors=[f"expected {len(header)} cells, found {len(cells)}"])
    cell = {h: unescape_cell(c) for h, c in zip(header, cells, strict=True)}
    row = _Row(line, cell["qualified_name"].strip())
    if not row.qualified_name:
        row.errors.append("qualified_name is empty")
    for column in header:
        if column == "description":
            if len(cell[column]) > 16_000:
                row.errors.append("description: at most 16000 characters")
            row.values[column] = cell[column]
        elif column in _MULTI:
            pattern, hint = _MULTI[column]
            items = [item.strip() for item in cell[column].split(";") if item.strip()]
            bad = [item for item in items if not pattern.match(item)]
            if bad:
                row.errors.append(f"{column}: {bad[0]!r} must be {hint}")
            if len(items) > A.MAX_LIST:
                row.errors.append(f"{column}: at most {A.MAX_LIST} entries")
            row.values[column] = (
                sorted(set(items)) if column == "tags" else list(dict.fromkeys(items))
            )
    return row


def parse(text: str) -> tuple[list[str], list[_Row]]:
    """The header and the rows; INVALID_ARGUMENT when the file as a whole is unusable
    (bad header, broken quoting, too many rows)."""
    # strict: a stray or unterminated quote is an error, not a silently merged row.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise bad_field("csv", "is empty; the first line is the header") from None
    except csv.Error as exc:
        raise bad_field("csv", f"line 1: {exc}") from None
    if header:
        header[0] = header[0].lstrip("\ufeff")  # a byte-order mark from a spreadsheet
    expected = ", ".join(HEADER)
    for name in header:
        if name not in HEADER:
            raise bad_field("csv", f"line 1: unknown column {name!r}; columns are {expected}")
    if len(set(header)) != len(header):
        raise bad_field("csv", "line 1: a column appears twice")
    if "qualified_name" not in header:
        raise bad_field(
            "csv", f"line 1: the qualified_name column is required; columns are {expected}"
        )
    rows: list[_Row] = []
    lines: Iterator[list[str]] = iter(reader)
    last = reader.line_num
    while True:
        try:
            cells = next(lines)
        except StopIteration:
            break
        except csv.Error as exc:
            raise bad_field("csv", f"line {last + 1}: {exc}") from None
        line, last = last + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue  # blank line
        if len(rows) >= MAX_ROWS:
            raise bad_field("csv", f"at most {MAX_ROWS} rows per import")
        rows.append(_parse_row(line, header, cells))
    return header, rows


class AnnotationsCsv:
    def __init__(self, pool: asyncpg.Pool, replica: asyncpg.Pool) -> None:
        self._pool = pool
        self._replica = replica

    async def export(
        self, request: catalog_pb2.ExportAnnotationsRequest
    ) -> AsyncIterator[httpbody_pb2.HttpBody]:
        """The CSV in chunks of about 64 kB, read with a cursor in one snapshot: memory
        stays flat however many assets the workspace holds."""
        workspace = workspace_of(request.parent)
        prefix = request.qualified_name_prefix
        buffer = io.StringIO()
        out = csv.writer(buffer)
        out.writerow(HEADER)
        async with (
            self._replica.acquire() as conn,
            conn.transaction(readonly=True, isolation="repeatable_read"),
        ):
            cursor = conn.cursor(
                "SELECT qualified_name, description, owners, stewards, tags, terms"  # noqa: S608 - fixed SQL
                f" FROM catalog.assets WHERE {in_workspace(alias='')} AND NOT deleted"
                ' AND qualified_name COLLATE "C" >= $2 AND qualified_name COLLATE "C" < $3'
                ' ORDER BY qualified_name COLLATE "C"',
                workspace,
                prefix,
                prefix + "\U0010ffff",
                prefetch=500,
            )
            async for row in cursor:
                out.writerow(_cells(row))
                if buffer.tell() >= CHUNK:
                    yield httpbody_pb2.HttpBody(
                        content_type=CONTENT_TYPE, data=buffer.getvalue().encode()
                    )
                    buffer.seek(0)
                    buffer.truncate()
        if buffer.tell():
            yield httpbody_pb2.HttpBody(content_type=CONTENT_TYPE, data=buffer.getvalue().encode())

    async def import_(
        self, request: catalog_pb2.ImportAnnotationsRequest
    ) -> catalog_pb2.ImportAnnotationsResponse:
        workspace = workspace_of(request.parent)
        if not request.csv.strip():
            raise bad_field("csv", "is required")
        _, rows = parse(request.csv)
        actor = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            found = {
                r["qualified_name"]: r
                for r in await conn.fetch(
                    "SELECT id, qualified_name, terms FROM catalog.assets"  # noqa: S608 - fixed SQL
                    # In the unique index's collation, so the index serves it.
                    f" WHERE {in_workspace(alias='')}"
                    ' AND qualified_name COLLATE "C" = ANY($2::text[])',
                    workspace,
                    [r.qualified_name for r in rows],
                )
            }
            infos = await load_terms(conn, {t for r in rows for t in r.values.get("terms", ())})
            first_line: dict[str, int] = {}
            edits: dict[str, dict[str, Any]] = {}
            for row in rows:
                if row.errors:
                    continue
                asset = found.get(row.qualified_name)
                if row.qualified_name in first_line:
                    first = first_line[row.qualified_name]
                    row.errors.append(f"qualified_name appears again (first on line {first})")
                    continue
                first_line[row.qualified_name] = row.line
                if asset is None:
                    row.errors.append("no asset with this qualified_name in the workspace")
                    continue
                for term in row.values.get("terms", ()):
                    if term not in infos:
                        row.errors.append(f"terms: no glossary term {term!r}")
                    elif (
                        infos[term].status == Status.STATUS_DEPRECATED
                        and term not in asset["terms"]
                    ):
                        row.errors.append(f"terms: {term!r} is deprecated and cannot be assigned")
                if not row.errors:
                    edits[asset["id"]] = row.values
            writer = AssetWriter(conn, actor)
            plan = await writer.plan(edits)
            if not request.dry_run:
                await writer.apply(plan)
        response = catalog_pb2.ImportAnnotationsResponse()
        for row in rows:
            change = response.changes.add(line=row.line, qualified_name=row.qualified_name)
            asset = found.get(row.qualified_name)
            planned = plan.get(asset["id"]) if asset is not None and not row.errors else None
            if row.errors:
                change.action, change.error = Action.ACTION_ERROR, "; ".join(row.errors)
                response.error_count += 1
            elif planned is not None and planned.fields:
                change.action = Action.ACTION_UPDATE
                change.changed_fields.extend(planned.fields)
                response.updated_count += 1
            else:
                change.action = Action.ACTION_UNCHANGED
                response.unchanged_count += 1
        return response
