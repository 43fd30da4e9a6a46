"""The PostgreSQL connector against a real database in the embedded server."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from urllib.parse import urlsplit

import asyncpg
import pytest

from services.connectors import (
    ConnectorError,
    Credential,
    CredentialType,
    FailureKind,
    Limits,
    ObjectMetadata,
    ObjectType,
    Scope,
    plugin_for,
)
from services.connectors.model import Kind
from services.connectors.sql.postgresql import PostgresConfig, PostgresConnector
from tests.datasource.conftest import SECRET, PgSource


def connector(
    pg: PgSource,
    *,
    user: str | None = None,
    password: str = SECRET,
    database: str | None = None,
    port: int | None = None,
    limits: Limits | None = None,
    key: str = "",
) -> PostgresConnector:
    config = PostgresConfig(
        host=pg.host, port=port or pg.port, database=database or pg.database, user=user or pg.reader
    )
    opened = plugin_for(Kind.POSTGRESQL).open(
        config, Credential(CredentialType.PASSWORD, password), limits, source_key=key
    )
    assert isinstance(opened, PostgresConnector)
    return opened


async def extract_all(
    source: PostgresConnector, scope: Scope | None = None
) -> dict[str, ObjectMetadata]:
    return {o.qualified_name: o async for o in source.extract(scope or Scope())}


async def test_bulk_extraction_reads_columns_keys_comments_and_estimates(
    pg_source: PgSource,
) -> None:
    async with connector(pg_source) as source:
        found = await extract_all(source)
    root = f"postgresql://{pg_source.host}:{pg_source.port}/{pg_source.database}"
    customers = found[f"{root}/sales/customers"]
    assert customers.type == ObjectType.TABLE
    assert customers.comment == "People who bought something"
    assert customers.row_estimate == 200
    assert [c.name for c in customers.columns] == ["id", "email", "full_name", "created_at"]
    id_col, email = customers.columns[0], customers.columns[1]
    assert (id_col.data_type, id_col.primary_key, id_col.nullable) == ("integer", True, False)
    assert id_col.default.startswith("nextval(")
    assert (email.data_type, email.nullable, email.comment) == ("text", False, "Contact address")
    assert email.qualified_name == f"{root}/sales/customers#email"
    assert [p.type for p in customers.parents] == [ObjectType.DATABASE, ObjectType.SCHEMA]
    assert customers.parents[1].qualified_name == f"{root}/sales"

    orders = found[f"{root}/sales/orders"]
    by_name = {c.name: c for c in orders.columns}
    assert by_name["customer_id"].foreign_key == f"{root}/sales/customers#id"
    assert by_name["total"].data_type == "numeric(10,2)"
    assert by_name["note"].data_type == "character varying(200)"

    view = found[f"{root}/sales/big_spenders"]
    assert view.type == ObjectType.VIEW
    assert "sum(o.total)" in view.view_definition
    assert [c.name for c in view.columns] == ["email", "spent"]

    events = found[f"{root}/public/events"]
    assert events.row_estimate is not None
    assert 50_000 < events.row_estimate < 70_000
    assert events.size_bytes
    assert events.size_bytes > 1_000_000


async def test_sizes_come_from_statistics_or_are_exact_without_them(pg_source: PgSource) -> None:
    """An analyzed table's size is its statistics' pages (table, TOAST, indexes), as its
    row count is; a table without statistics yet gets its exact size."""
    admin = await asyncpg.connect(pg_source.dsn())
    root = f"postgresql://{pg_source.host}:{pg_source.port}/{pg_source.database}"
    scope = Scope(include_schemas=("public",), include_tables=("sized",))

    async def extracted() -> ObjectMetadata:
        async with connector(pg_source) as source:
            return (await extract_all(source, scope))[f"{root}/public/sized"]

    insert = (
        "INSERT INTO public.sized SELECT g, md5(g::text) FROM generate_series($1::int, $2::int) g"
    )
    try:
        await admin.execute(
            "CREATE TABLE public.sized (id int PRIMARY KEY, body text)"
            " WITH (autovacuum_enabled = false)"
        )
        await admin.execute(insert, 1, 5000)
        size = "SELECT pg_total_relation_size('public.sized')"
        unanalyzed, exact = await extracted(), await admin.fetchval(size)
        await admin.execute("ANALYZE public.sized")
        analyzed_exact = await admin.fetchval(size)
        await admin.execute(insert, 5001, 10000)  # the statistics are now behind
        analyzed, grown = await extracted(), await admin.fetchval(size)
    finally:
        await admin.execute("DROP TABLE IF EXISTS public.sized")
        await admin.close()
    assert unanalyzed.row_estimate is None
    assert unanalyzed.size_bytes == exact
    assert analyzed.row_estimate == 5000
    # The free-space and visibility maps are left out of the estimate.
    assert analyzed.size_bytes == pytest.approx(analyzed_exact, rel=0.05)
    assert analyzed.size_bytes is not None
    assert analyzed.size_bytes < grown * 0.6


async def test_scope_filters_schemas_tables_and_views(pg_source: PgSource) -> None:
    async with connector(pg_source) as source:
        only_sales = await extract_all(
            source, Scope(include_schemas=("sales",), exclude_views=True)
        )
        no_orders = await extract_all(source, Scope(exclude_tables=("sales.ord*",)))
        regex = await extract_all(source, Scope(include_tables=("re:^(events|customers)$",)))
    assert sorted(o.name for o in only_sales.values()) == ["customers", "orders"]
    assert "orders" not in {o.name for o in no_orders.values()}
    assert sorted(o.name for o in regex.values()) == ["customers", "events"]


async def test_extraction_batches_catalog_queries(
    pg_source: PgSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Columns are read per batch of tables, not per table."""
    calls: list[int] = []
    original = PostgresConnector._columns

    async def counting(
        self: PostgresConnector, database: str, schema: str, tables: list[str]
    ) -> object:
        calls.append(len(tables))
        return await original(self, database, schema, tables)

    monkeypatch.setattr(PostgresConnector, "_columns", counting)
    monkeypatch.setattr(PostgresConnector, "batch_size", 2)
    async with connector(pg_source) as source:
        found = await extract_all(source, Scope(include_schemas=("sales",)))
    assert len(found) == 3
    assert calls == [2, 1]


async def test_sampling_uses_tablesample_on_big_tables(pg_source: PgSource) -> None:
    async with connector(pg_source) as source:
        found = await extract_all(source)
        events = next(o for o in found.values() if o.name == "events")
        customers = next(o for o in found.values() if o.name == "customers")
        big = await source.sample(events, ["id", "kind"])
        small = await source.sample(customers)
        by_path = await source.sample((pg_source.database, "sales", "orders"), ["note"], n=10)
    assert big.method == "tablesample"
    assert big.rows == 128
    assert len(set(big["id"])) == 128
    assert int(max(big["id"], key=int)) > 128  # not just the first rows
    assert small.method == "limit"
    assert small.rows == 128
    assert set(small.values) == {"id", "email", "full_name", "created_at"}
    assert by_path.rows == 10
    assert None in by_path["note"]


async def test_profiles_come_from_pg_stats_when_analyzed(pg_source: PgSource) -> None:
    async with connector(pg_source) as source:
        found = await extract_all(source)
        events = next(o for o in found.values() if o.name == "events")
        profiles = await source.profile(events, columns=["id", "kind"])
        orders = next(o for o in found.values() if o.name == "orders")
        note = (await source.profile(orders, columns=["note"]))["note"]
    assert profiles["id"].source == "pg_stats"
    assert profiles["id"].distinct_count == pytest.approx(60_000, rel=0.05)
    assert profiles["kind"].distinct_count == 7
    assert profiles["kind"].null_fraction == 0
    assert profiles["id"].min_value is not None
    assert note.null_fraction == pytest.approx(1 / 3, abs=0.02)


async def test_connections_are_read_only_with_a_statement_timeout(pg_source: PgSource) -> None:
    # The embedded server's superuser (trusted, any password): only read-only stops it.
    superuser = urlsplit(pg_source.admin_dsn).username or "postgres"
    async with connector(pg_source, user=superuser, limits=Limits(statement_timeout=0.3)) as source:
        settings = await source.fetch(
            "SELECT current_setting('default_transaction_read_only'),"
            " current_setting('transaction_read_only'), current_setting('statement_timeout')"
        )
        assert settings == [("on", "on", "300ms")]
        for statement in (
            "CREATE TABLE sales.intruder (id int)",
            "INSERT INTO sales.customers (email) VALUES ('x@example.com')",
            "UPDATE sales.customers SET email = 'x'",
        ):
            with pytest.raises(ConnectorError) as caught:
                await source.fetch(statement)
            assert caught.value.failure == FailureKind.INSUFFICIENT_PRIVILEGES, statement
            assert "read-only" in caught.value.message
        with pytest.raises(ConnectorError) as switch:  # too late: the first query pinned it
            await source.fetch("SET TRANSACTION READ WRITE")
        assert "before any query" in switch.value.message
        with pytest.raises(ConnectorError) as slow:
            await source.fetch("SELECT pg_sleep(3)")
        assert slow.value.failure == FailureKind.TIMEOUT
    admin = await asyncpg.connect(pg_source.dsn())
    try:
        assert await admin.fetchval("SELECT count(*) FROM sales.customers") == 200
        assert await admin.fetchval("SELECT to_regclass('sales.intruder')") is None
    finally:
        await admin.close()


async def test_connection_test_tells_the_four_failures_apart(pg_source: PgSource) -> None:
    ok = await connector(pg_source).test(check_data_access=True)
    assert ok.ok, ok.message
    assert ok.server_version.startswith("PostgreSQL ")
    assert [s.step for s in ok.steps] == [
        "resolve",
        "connect",
        "authenticate",
        "database",
        "read_catalog",
        "read_data",
    ]
    assert ok.latency > 0
    assert ok.code == "OK"

    closed = await connector(pg_source, port=_closed_port()).test()
    bad_password = await connector(pg_source, password="wrong-password").test()
    missing_db = await connector(pg_source, database="no_such_db").test()
    no_privileges = await connector(pg_source, user=pg_source.noperm).test()
    assert (closed.failure, closed.code) == (FailureKind.UNREACHABLE, "UNAVAILABLE")
    assert (bad_password.failure, bad_password.code) == (FailureKind.AUTH_FAILED, "UNAUTHENTICATED")
    assert (missing_db.failure, missing_db.code) == (FailureKind.NOT_FOUND, "NOT_FOUND")
    assert (no_privileges.failure, no_privileges.code) == (
        FailureKind.INSUFFICIENT_PRIVILEGES,
        "PERMISSION_DENIED",
    )
    assert "no_such_db" in missing_db.message
    assert "may not read any" in no_privileges.message
    assert closed.steps[-1].step == "connect"
    assert not closed.steps[-1].ok
    assert bad_password.steps[-1].step == "authenticate"
    assert missing_db.steps[-1].step == "database"
    assert no_privileges.steps[-1].step == "read_catalog"
    for result in (ok, closed, bad_password, missing_db, no_privileges):
        assert SECRET not in repr(result)


async def test_browse_lists_databases_schemas_and_tables(pg_source: PgSource) -> None:
    async with connector(pg_source) as source:
        databases = await source.browse([])
        schemas = await source.browse([pg_source.database])
        system = await source.browse([pg_source.database], include_system=True)
        tables = await source.browse([pg_source.database, "sales"])
        with pytest.raises(ConnectorError) as other:
            await source.browse(["postgres"])
    assert [d.name for d in databases] == [pg_source.database]
    assert [s.name for s in schemas] == ["public", "sales"]
    assert "pg_catalog" in {s.name for s in system}
    assert [(t.name, t.type) for t in tables] == [
        ("big_spenders", ObjectType.VIEW),
        ("customers", ObjectType.TABLE),
        ("orders", ObjectType.TABLE),
    ]
    assert tables[1].row_estimate == 200
    assert other.value.failure == FailureKind.NOT_FOUND


async def test_concurrency_is_capped_per_source(pg_source: PgSource) -> None:
    """Two connectors for one source share its cap; the server never sees more."""
    limits = Limits(max_connections=2)
    first = connector(pg_source, limits=limits, key="workspaces/w/dataSources/capped")
    second = connector(pg_source, limits=limits, key="workspaces/w/dataSources/capped")
    assert first.limiter is second.limiter
    seen: list[int] = []

    async def busy(source: PostgresConnector) -> None:
        rows = await source.fetch(
            "SELECT (SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
            " AND application_name = 'pursight-connector'), pg_sleep(0.05)"
        )
        seen.append(int(rows[0][0]))

    try:
        await asyncio.gather(*(busy(s) for _ in range(6) for s in (first, second)))
    finally:
        await first.aclose()
        await second.aclose()
    assert first.limiter.peak == 2
    assert max(seen) <= 2


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_blocked_addresses_are_refused_before_connecting(pg_source: PgSource) -> None:
    for host in (
        "169.254.169.254",
        "fe80::1",
        "metadata.google.internal",
        "::ffff:169.254.169.254",
    ):
        config = replace(connector(pg_source).config, host=host)
        source = plugin_for(Kind.POSTGRESQL).open(
            config, Credential(CredentialType.PASSWORD, SECRET)
        )
        result = await source.test()
        assert result.failure == FailureKind.ADDRESS_BLOCKED, host
        assert result.code == "PERMISSION_DENIED"
        assert [s.step for s in result.steps] == ["resolve"]
        with pytest.raises(ConnectorError):
            await source.fetch("SELECT 1")
