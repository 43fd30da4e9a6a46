"""Reading columns and sample rows out of CSV, JSON, JSON Lines and Parquet files.

Text formats are read from their head (the first ``HEAD_BYTES``), cut at the last
complete line or record, so a 50 GB CSV costs one ranged read; the row count of a file
larger than its head is estimated from the head's bytes per row. Parquet is read through
its footer (schema and exact row count, no data) and samples decode only the chosen
columns of one row group. Everything here is blocking and runs in a worker thread.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.json as pa_json
import pyarrow.parquet as pq

from services.connectors.model import FileFormat
from services.connectors.values import as_text

HEAD_BYTES = 1 << 20
_EXTENSIONS = {
    ".csv": FileFormat.CSV,
    ".tsv": FileFormat.CSV,
    ".parquet": FileFormat.PARQUET,
    ".pq": FileFormat.PARQUET,
    ".json": FileFormat.JSON,
    ".jsonl": FileFormat.JSON_LINES,
    ".ndjson": FileFormat.JSON_LINES,
}


class FileFormatError(ValueError):
    """The file is not valid in the format its name says."""


@dataclass(frozen=True)
class ParsingOptions:
    """How files are read; mirrors ``FileParsingOptions``."""

    formats: tuple[FileFormat, ...] = ()
    csv_delimiter: str = ""
    csv_no_header: bool = False
    encoding: str = "utf-8"
    group_partitions: bool = False


@dataclass(frozen=True)
class Parsed:
    """A file's columns (name, arrow type, nullable), some rows, and its row count."""

    columns: tuple[tuple[str, str, bool], ...]
    rows: pa.Table
    row_estimate: int
    exact: bool  # the row count is exact, not estimated from the head


def format_of(name: str, options: ParsingOptions) -> FileFormat | None:
    """The format a file name says (by extension), if it is one of ``options.formats``."""
    lowered = name.lower()
    for extension, fmt in _EXTENSIONS.items():
        if lowered.endswith(extension):
            return fmt if not options.formats or fmt in options.formats else None
    return None


def _columns(schema: pa.Schema) -> tuple[tuple[str, str, bool], ...]:
    return tuple((f.name, str(f.type), f.nullable) for f in schema)


def _complete_lines(head: bytes, complete: bool) -> bytes:
    if complete:
        return head
    cut = head.rfind(b"\n")
    if cut < 0:
        raise FileFormatError("no complete line in the first megabyte")
    return head[: cut + 1]


def _estimate(used: bytes, rows: int, size: int, complete: bool) -> tuple[int, bool]:
    if complete or not used:
        return rows, complete
    return max(rows, round(size * rows / len(used))), False


def parse_text(
    head: bytes, size: int, fmt: FileFormat, options: ParsingOptions, name: str = ""
) -> Parsed:
    """Columns and head rows of a CSV, JSON or JSON Lines file from its first bytes."""
    complete = len(head) >= size
    try:
        if fmt == FileFormat.CSV:
            return _parse_csv(head, size, complete, options, name)
        if fmt == FileFormat.JSON_LINES:
            return _parse_json_lines(head, size, complete, options)
        return _parse_json(head, size, complete, options)
    except (pa.ArrowInvalid, UnicodeDecodeError, json.JSONDecodeError, csv.Error) as exc:
        raise FileFormatError(str(exc).splitlines()[0][:300]) from None


def _parse_csv(
    head: bytes, size: int, complete: bool, options: ParsingOptions, name: str
) -> Parsed:
    used = _complete_lines(head, complete)
    delimiter = options.csv_delimiter or _sniff(used, options.encoding, name)
    table = pa_csv.read_csv(
        io.BytesIO(used),
        read_options=pa_csv.ReadOptions(
            autogenerate_column_names=options.csv_no_header, encoding=options.encoding
        ),
        parse_options=pa_csv.ParseOptions(delimiter=delimiter),
    )
    if options.csv_no_header:
        table = table.rename_columns([f"column_{i + 1}" for i in range(table.num_columns)])
    rows, exact = _estimate(used, table.num_rows, size, complete)
    return Parsed(_columns(table.schema), table, rows, exact)


def _sniff(sample: bytes, encoding: str, name: str) -> str:
    if name.lower().endswith(".tsv"):
        return "\t"
    text = sample[:65536].decode(encoding, errors="replace")
    try:
        return csv.Sniffer().sniff(text, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _parse_json_lines(head: bytes, size: int, complete: bool, options: ParsingOptions) -> Parsed:
    used = _complete_lines(head, complete)
    if options.encoding.lower().replace("-", "") != "utf8":
        used = used.decode(options.encoding).encode()
    table = pa_json.read_json(io.BytesIO(used))
    rows, exact = _estimate(used, table.num_rows, size, complete)
    return Parsed(_columns(table.schema), table, rows, exact)


def _parse_json(head: bytes, size: int, complete: bool, options: ParsingOptions) -> Parsed:
    """A JSON array of records (or one record). Its head is decoded record by record, so
    a big array still yields the records that fit; a `.json` file that turns out to
    hold JSON Lines is read as such."""
    text = head.decode(options.encoding, errors="strict" if complete else "ignore")
    stripped = text.lstrip()
    decoder = json.JSONDecoder()
    records: list[Any] = []
    if stripped.startswith("["):
        position = text.index("[") + 1
        consumed = position
        while True:
            while position < len(text) and text[position] in " \t\r\n,":
                position += 1
            if position >= len(text) or text[position] == "]":
                break
            try:
                record, position = decoder.raw_decode(text, position)
            except json.JSONDecodeError:
                if complete:
                    raise
                break  # the head ends inside this record
            records.append(record)
            consumed = position
        used_bytes = len(text[:consumed].encode(options.encoding))
    else:
        try:
            record, end = decoder.raw_decode(stripped)
        except json.JSONDecodeError:
            if complete:
                raise
            raise FileFormatError("the first record is larger than the head read") from None
        if stripped[end:].strip():  # more documents follow: JSON Lines in a .json file
            return _parse_json_lines(head, size, complete, options)
        records, used_bytes = [record], len(head)
    records = [r if isinstance(r, dict) else {"value": r} for r in records]
    table = pa.Table.from_pylist(records)
    rows, exact = _estimate(head[:used_bytes], len(records), size, complete)
    return Parsed(_columns(table.schema), table, rows, exact)


def parse_parquet(open_file: Callable[[], IO[bytes]]) -> Parsed:
    """Schema and exact row count from the footer, without reading data."""
    with open_file() as handle:
        try:
            parquet = pq.ParquetFile(handle)
        except pa.ArrowInvalid as exc:
            raise FileFormatError(str(exc).splitlines()[0][:300]) from None
        schema = parquet.schema_arrow
        return Parsed(_columns(schema), schema.empty_table(), parquet.metadata.num_rows, True)


def sample_parquet(
    open_file: Callable[[], IO[bytes]], columns: Sequence[str] | None, n: int
) -> tuple[pa.Table, str]:
    """Up to ``n`` rows from one row group, picked at random when there are several, so
    big files are not always sampled from their first rows."""
    with open_file() as handle:
        try:
            parquet = pq.ParquetFile(handle)
            groups = parquet.metadata.num_row_groups
            if groups == 0:
                return parquet.schema_arrow.empty_table(), "row_groups"
            group = random.randrange(groups) if groups > 1 else 0  # noqa: S311 - sampling
            batches = parquet.iter_batches(
                batch_size=n, row_groups=[group], columns=list(columns) if columns else None
            )
            first = next(batches, None)
        except pa.ArrowInvalid as exc:
            raise FileFormatError(str(exc).splitlines()[0][:300]) from None
        if first is None:
            return parquet.schema_arrow.empty_table(), "row_groups"
        return pa.Table.from_batches([first]), "row_groups"


def table_values(
    table: pa.Table, columns: Sequence[str] | None, n: int
) -> dict[str, list[str | None]]:
    """The first ``n`` rows of ``table`` by column, as text (JSON for nested values)."""
    head = table.slice(0, n)
    out: dict[str, list[str | None]] = {}
    for name in columns or head.column_names:
        if name not in head.column_names:
            continue
        column = head.column(name)
        nested = pa.types.is_nested(column.type)
        out[name] = [
            None if v is None else (json.dumps(v, default=str) if nested else as_text(v))
            for v in column.to_pylist()
        ]
    return out
