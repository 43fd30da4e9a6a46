"""The MySQL/MariaDB connector against a real MariaDB server."""

from __future__ import annotations

import asyncio

import pytest

from services.connectors import (
    ConnectorError,
    Credential,
    CredentialType,
    FailureKind,
    Limits,
    ObjectType,
    Scope,
    plugin_for,
)
from services.connectors.model import Kind
from services.connectors.sql.mysql import MySqlConfig, MySqlConnector
from tests.datasource.conftest import SECRET, MariaDb, free_port


def connector(
    db: MariaDb,
    *,
    user: str | None = None,
    password: str = SECRET,
    database: str | None = "shop",
    port: int | None = None,
    limits: Limits | None = None,
) -> MySqlConnector:
    config = MySqlConfig("127.0.0.1", port or db.port, user or db.reader, database or "")
    opened = plugin_for(Kind.MYSQL).open(
        config, Credential(CredentialType.PASSWORD, password), limits
    )
    assert isinstance(opened, MySqlConnector)
    return opened


async def test_extraction_keys_comments_and_sampling(mariadb: MariaDb) -> None:
    async with connector(mariadb) as source:
        found = {o.name: o async for o in source.extract()}
        customers = found["customers"]
        big = await source.sample(customers, ["id", "email"])
        small = await source.sample(found["orders"], n=7)
        no_views = [o.name async for o in source.extract(Scope(exclude_views=True))]
    root = f"mysql://127.0.0.1:{mariadb.port}/shop"
    assert sorted(found) == ["customers", "emails", "orders"]
    assert customers.qualified_name == f"{root}/customers"
    assert [p.type for p in customers.parents] == [ObjectType.DATABASE]
    assert customers.comment == "People who bought something"
    assert customers.row_estimate
    assert 4000 < customers.row_estimate < 6000
    columns = {c.name: c for c in customers.columns}
    assert columns["id"].primary_key
    assert columns["id"].data_type == "int(11)"
    assert columns["email"].comment == "Contact address"
    assert not columns["email"].nullable
    orders = {c.name: c for c in found["orders"].columns}
    assert orders["customer_id"].foreign_key == f"{root}/customers#id"
    assert found["emails"].type == ObjectType.VIEW
    assert "email" in found["emails"].view_definition
    assert big.method == "key_window"
    assert big.rows == 128
    assert small.method == "limit"
    assert small.rows == 7
    assert sorted(no_views) == ["customers", "orders"]


async def test_read_only_and_statement_timeout(mariadb: MariaDb) -> None:
    async with connector(
        mariadb, user=mariadb.writer, limits=Limits(statement_timeout=0.5)
    ) as source:
        for statement in (
            "INSERT INTO shop.customers (email) VALUES ('x@example.com')",
            "UPDATE shop.customers SET email = 'x'",
            "CREATE TABLE shop.intruder (id INT)",
        ):
            with pytest.raises(ConnectorError) as caught:
                await source.fetch(statement)
            assert caught.value.failure in (FailureKind.INSUFFICIENT_PRIVILEGES, FailureKind.OTHER)
        # Even a session switched back to read-write starts each unit READ ONLY.
        await source.fetch("SET SESSION TRANSACTION READ WRITE")
        with pytest.raises(ConnectorError) as again:
            await source.fetch("DELETE FROM shop.orders")
        assert again.value.failure == FailureKind.INSUFFICIENT_PRIVILEGES
        assert "read-only" in again.value.message
        with pytest.raises(ConnectorError) as slow:
            await source.fetch("SELECT SLEEP(3) FROM shop.customers LIMIT 1")
        assert slow.value.failure == FailureKind.TIMEOUT
        rows = await source.fetch("SELECT COUNT(*) FROM shop.customers")
        tables = await source.fetch(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_NAME = 'intruder'"
        )
    assert rows == [(5000,)]
    assert tables == [(0,)]


async def test_connection_test_tells_the_failures_apart(mariadb: MariaDb) -> None:
    ok = await connector(mariadb).test(check_data_access=True)
    closed = await connector(mariadb, port=free_port()).test()
    bad_password = await connector(mariadb, password="wrong").test()
    missing = await connector(mariadb, user=mariadb.browser, database="no_such_db").test()
    denied = await connector(mariadb, user=mariadb.noperm).test()
    assert ok.ok, ok.message
    assert ok.server_version.startswith("MariaDB ")
    assert (closed.failure, closed.code) == (FailureKind.UNREACHABLE, "UNAVAILABLE")
    assert (bad_password.failure, bad_password.code) == (FailureKind.AUTH_FAILED, "UNAUTHENTICATED")
    assert (missing.failure, missing.code) == (FailureKind.NOT_FOUND, "NOT_FOUND")
    assert (denied.failure, denied.code) == (
        FailureKind.INSUFFICIENT_PRIVILEGES,
        "PERMISSION_DENIED",
    )
    for result in (ok, closed, bad_password, missing, denied):
        assert SECRET not in repr(result)


async def test_browse_and_concurrency_cap(mariadb: MariaDb) -> None:
    async with connector(mariadb, database=None) as everything:
        databases = await everything.browse([])
        tables = await everything.browse(["shop"])
    assert [d.name for d in databases] == ["shop"]
    assert [(t.name, t.type) for t in tables] == [
        ("customers", ObjectType.TABLE),
        ("emails", ObjectType.VIEW),
        ("orders", ObjectType.TABLE),
    ]
    async with connector(mariadb, limits=Limits(max_connections=3)) as source:
        await asyncio.gather(*(source.fetch("SELECT SLEEP(0.05)") for _ in range(12)))
        assert source.limiter.peak == 3
        assert len(source._idle) <= 3
