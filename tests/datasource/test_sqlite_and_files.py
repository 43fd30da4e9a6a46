"""The SQLite and local-files connectors against real files."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from services.connectors import (
    ConnectorError,
    FailureKind,
    FileFormat,
    ObjectMetadata,
    ObjectType,
    Scope,
    plugin_for,
)
from services.connectors.files._formats import ParsingOptions
from services.connectors.files.local import LocalFilesConfig, LocalFilesConnector
from services.connectors.model import Kind
from services.connectors.sql.sqlite import SqliteConfig, SqliteConnector


def sqlite(path: Path) -> SqliteConnector:
    opened = plugin_for(Kind.SQLITE).open(SqliteConfig(str(path)), None)
    assert isinstance(opened, SqliteConnector)
    return opened


def files(root: Path, *, recursive: bool = True, **options: object) -> LocalFilesConnector:
    config = LocalFilesConfig(str(root), recursive, ParsingOptions(**options))  # type: ignore[arg-type]
    opened = plugin_for(Kind.LOCAL_FILES).open(config, None)
    assert isinstance(opened, LocalFilesConnector)
    return opened


async def test_sqlite_extraction_keys_and_sampling(sqlite_file: Path) -> None:
    async with sqlite(sqlite_file) as source:
        found = {o.name: o async for o in source.extract()}
        customers, orders = found["customers"], found["orders"]
        big = await source.sample(customers, ["id", "email"])
        small = await source.sample(orders, n=5)
        keyless = await source.sample(found["tags"])
    root = f"sqlite://{sqlite_file}"
    assert sorted(found) == ["customers", "emails", "orders", "tags"]
    assert customers.qualified_name == f"{root}/customers"
    assert customers.row_estimate == 5000
    assert customers.parents == ()
    columns = {c.name: c for c in orders.columns}
    assert columns["id"].primary_key
    assert columns["customer_id"].foreign_key == f"{root}/customers#id"
    assert not columns["customer_id"].nullable
    assert found["emails"].type == ObjectType.VIEW
    assert "SELECT email" in found["emails"].view_definition
    assert big.method == "rowid_sample"
    assert big.rows == 128
    assert int(max(big["id"], key=int)) > 128
    assert small.method == "limit"
    assert small.rows == 5
    assert keyless.rows == 0


async def test_sqlite_is_opened_read_only(sqlite_file: Path) -> None:
    async with sqlite(sqlite_file) as source:
        for statement in (
            "INSERT INTO customers (email) VALUES ('x')",
            "CREATE TABLE intruder (id int)",
            "DELETE FROM customers",
        ):
            with pytest.raises(ConnectorError) as caught:
                await source.fetch(statement)
            assert caught.value.failure == FailureKind.INSUFFICIENT_PRIVILEGES
        # Lifting query_only leaves the file open read-only (mode=ro) all the same.
        await source.fetch("PRAGMA query_only = OFF")
        with pytest.raises(ConnectorError):
            await source.fetch("UPDATE customers SET email = 'x'")
    check = sqlite3.connect(sqlite_file)
    assert check.execute("SELECT count(*) FROM customers").fetchone() == (5000,)
    assert check.execute(
        "SELECT count(*) FROM sqlite_schema WHERE name = 'intruder'"
    ).fetchone() == (0,)
    check.close()


async def test_sqlite_connection_test(sqlite_file: Path, tmp_path: Path) -> None:
    ok = await sqlite(sqlite_file).test(check_data_access=True)
    missing = await sqlite(tmp_path / "missing.db").test()
    (tmp_path / "junk.db").write_bytes(b"this is not a database" * 100)
    junk = await sqlite(tmp_path / "junk.db").test()
    assert ok.ok
    assert ok.server_version.startswith("SQLite 3.")
    assert (missing.failure, missing.code) == (FailureKind.NOT_FOUND, "NOT_FOUND")
    assert junk.failure == FailureKind.INVALID_CONFIG


async def test_files_extraction_reads_every_format(files_root: Path) -> None:
    warnings: list[ConnectorError] = []
    async with files(files_root) as source:
        found = {"/".join(o.path): o async for o in source.extract(on_warning=warnings.append)}
    assert sorted(found) == [
        "hr/events.jsonl",
        "hr/payroll.tsv",
        "hr/people.json",
        "sales/2024/orders.parquet",
        "sales/customers.csv",
    ]
    root = f"file://{files_root}"
    csv = found["sales/customers.csv"]
    assert csv.qualified_name == f"{root}/sales/customers.csv"
    assert csv.type == ObjectType.FILE
    assert csv.file_format == FileFormat.CSV
    assert [(c.name, c.data_type) for c in csv.columns] == [
        ("id", "int64"),
        ("email", "string"),
        ("amount", "double"),
    ]
    assert csv.columns[1].qualified_name == f"{root}/sales/customers.csv#email"
    assert csv.row_estimate == 300
    assert csv.properties["row_count"] == "exact"
    assert [p.qualified_name for p in csv.parents] == [f"{root}/sales"]
    parquet = found["sales/2024/orders.parquet"]
    assert parquet.row_estimate == 5000
    assert [(c.name, c.data_type) for c in parquet.columns][:2] == [
        ("order_id", "int64"),
        ("country", "string"),
    ]
    assert [p.name for p in parquet.parents] == ["sales", "2024"]
    people = found["hr/people.json"]
    assert {c.name for c in people.columns} == {"name", "phone", "tags"}
    assert people.row_estimate == 40
    assert found["hr/payroll.tsv"].columns[1].name == "salary"
    assert found["hr/events.jsonl"].file_format == FileFormat.JSON_LINES
    assert [w.object for w in warnings] == [f"{root}/sales/broken.csv"]
    assert warnings[0].failure == FailureKind.OTHER


async def test_files_scope_and_folders(files_root: Path) -> None:
    async with files(files_root) as source:
        parquet_only = [
            o.name async for o in source.extract(Scope(include_paths=("**/*.parquet",)))
        ]
        no_hr = [
            o.name async for o in source.extract(Scope(exclude_paths=("hr", "sales/broken.csv")))
        ]
    async with files(files_root, recursive=False) as flat:
        top = [o.name async for o in flat.extract()]
    async with files(files_root, formats=(FileFormat.JSON_LINES,)) as only_jsonl:
        jsonl = [o.name async for o in only_jsonl.extract()]
    assert parquet_only == ["orders.parquet"]
    assert sorted(no_hr) == ["customers.csv", "orders.parquet"]
    assert top == []
    assert jsonl == ["events.jsonl"]


async def test_files_sampling(files_root: Path) -> None:
    async with files(files_root) as source:
        found: dict[str, ObjectMetadata] = {o.name: o async for o in source.extract()}
        csv = await source.sample(found["customers.csv"], ["email"], n=10)
        parquet = await source.sample(found["orders.parquet"], ["order_id", "country"])
        nested = await source.sample(("hr", "people.json"))
        profiles = await source.profile(found["orders.parquet"], parquet)
        with pytest.raises(ConnectorError) as gone:
            await source.sample(("hr", "nope.csv"))
    assert csv.method == "head"
    assert csv["email"][:2] == ["user1@example.com", "user2@example.com"]
    assert parquet.method == "row_groups"
    assert parquet.rows == 128
    assert set(parquet.values) == {"order_id", "country"}
    assert None in parquet["country"]
    assert nested["tags"][0] == '["a", "b"]'
    assert profiles["country"].null_fraction == pytest.approx(0.25, abs=0.01)
    assert profiles["country"].distinct_count == 3
    assert gone.value.failure == FailureKind.NOT_FOUND


async def test_files_browse_and_test(files_root: Path, tmp_path: Path) -> None:
    async with files(files_root) as source:
        top = await source.browse([])
        sales = await source.browse(["sales"])
        with pytest.raises(ConnectorError) as missing:
            await source.browse(["nope"])
        with pytest.raises(ConnectorError):
            await source.browse(["..", "etc"])
    assert [(e.name, e.type) for e in top] == [
        ("hr", ObjectType.FOLDER),
        ("notes.txt", ObjectType.FILE),
        ("sales", ObjectType.FOLDER),
    ]
    assert top[1].file_format is None
    csv = next(e for e in sales if e.name == "customers.csv")
    assert csv.file_format == FileFormat.CSV
    assert csv.size_bytes
    assert csv.modify_time
    assert missing.value.failure == FailureKind.NOT_FOUND
    ok = await files(files_root).test(check_data_access=True)
    assert ok.ok
    assert "6 files" in ok.message
    gone = await files(tmp_path / "absent").test()
    assert (gone.failure, gone.code) == (FailureKind.NOT_FOUND, "NOT_FOUND")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
async def test_files_unreadable_folder(tmp_path: Path) -> None:
    (tmp_path / "locked").mkdir(mode=0)
    result = await files(tmp_path / "locked").test()
    assert result.failure == FailureKind.INSUFFICIENT_PRIVILEGES


async def test_symlinks_are_not_followed(tmp_path: Path, files_root: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "escape").symlink_to(files_root / "sales")
    (tmp_path / "data" / "a.csv").write_text("x\n1\n")
    async with files(tmp_path / "data") as source:
        names = [o.name async for o in source.extract()]
    assert names == ["a.csv"]
