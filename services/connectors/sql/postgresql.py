"""PostgreSQL (and compatible servers), through asyncpg.

Read-only twice over: every session starts with ``default_transaction_read_only`` on
and every statement runs in a ``READ ONLY`` transaction, under ``statement_timeout``
and ``lock_timeout`` so a scan never waits behind (or holds up) a production workload.
Samples of big tables use ``TABLESAMPLE SYSTEM``, which reads a few random pages, and
profiles reuse ``pg_stats`` where ANALYZE has filled it.
"""

from __future__ import annotations

import asyncio
import math
import ssl
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, cast

import asyncpg

from pursight.datasource.v1 import datasource_pb2
from services.connectors import names, network
from services.connectors.base import ObjectRef, StepRecorder, TestFacts
from services.connectors.errors import ConfigCheck, ConnectorError
from services.connectors.model import (
    Capabilities,
    ColumnProfile,
    CredentialType,
    FailureKind,
    Kind,
    ObjectMetadata,
    ObjectType,
    Sample,
)
from services.connectors.profiles import profile_values
from services.connectors.registry import register
from services.connectors.sql._base import ColumnRow, SqlConnector, TableRow
from services.connectors.sql._server import check_host, check_port, tcp_probe
from services.connectors.sql._tls import TlsMode, check_tls, verifying_context

DEFAULT_PORT = 5432
APPLICATION_NAME = "pursight-connector"
_SYSTEM_SCHEMAS = ("pg_catalog", "information_schema")


@dataclass(frozen=True)
class PostgresConfig:
    host: str
    port: int
    database: str
    user: str
    additional_databases: tuple[str, ...] = ()
    tls_mode: TlsMode = TlsMode.PREFER
    ca_certificate: str = ""

    @property
    def databases(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.database, *self.additional_databases)))


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def map_error(exc: BaseException, database: str = "") -> ConnectorError:
    """A ConnectorError for what asyncpg (or the network) raised."""
    if isinstance(exc, ConnectorError):
        return exc
    if isinstance(exc, asyncpg.InvalidPasswordError):
        return ConnectorError(
            FailureKind.AUTH_FAILED,
            "the server refused the user name or password",
            step="authenticate",
        )
    if isinstance(exc, asyncpg.InvalidAuthorizationSpecificationError):
        return ConnectorError(
            FailureKind.AUTH_FAILED,
            "the server refused the user (unknown role, or no pg_hba.conf entry allows it)",
            step="authenticate",
        )
    if isinstance(exc, asyncpg.InvalidCatalogNameError):
        return ConnectorError(
            FailureKind.NOT_FOUND, f"database {database!r} does not exist", step="database"
        )
    if isinstance(exc, asyncpg.InsufficientPrivilegeError):
        return ConnectorError(FailureKind.INSUFFICIENT_PRIVILEGES, f"permission denied: {exc}")
    if isinstance(exc, asyncpg.ReadOnlySQLTransactionError):
        return ConnectorError(
            FailureKind.INSUFFICIENT_PRIVILEGES,
            "PurSight connects read-only; the statement tried to write",
        )
    if isinstance(exc, asyncpg.QueryCanceledError | TimeoutError):
        return ConnectorError(FailureKind.TIMEOUT, "the statement ran past the statement timeout")
    if isinstance(exc, asyncpg.UndefinedTableError | asyncpg.InvalidSchemaNameError):
        return ConnectorError(FailureKind.NOT_FOUND, f"not found: {exc}")
    if isinstance(exc, ssl.SSLError):
        return ConnectorError(
            FailureKind.TLS_FAILED, f"TLS failed: {exc.reason or exc}", step="tls"
        )
    if isinstance(exc, ConnectionError | OSError | asyncpg.ConnectionDoesNotExistError):
        return ConnectorError(FailureKind.UNREACHABLE, "the connection to the server was lost")
    if isinstance(exc, asyncpg.PostgresError):
        return ConnectorError(FailureKind.OTHER, f"the server answered: {exc}")
    return ConnectorError(FailureKind.OTHER, f"unexpected {type(exc).__name__} from the driver")


@register(
    kind=Kind.POSTGRESQL,
    name="postgresql",
    display_name="PostgreSQL",
    description="PostgreSQL databases: schemas, tables, views, keys and comments.",
    config_field="postgresql",
    capabilities=Capabilities(
        native_sampling=True, row_estimates=True, keys=True, view_definitions=True
    ),
    object_types=(ObjectType.DATABASE, ObjectType.SCHEMA, ObjectType.TABLE, ObjectType.VIEW),
    credential_types=(CredentialType.PASSWORD,),
    default_port=DEFAULT_PORT,
    requires=("asyncpg",),
)
class PostgresConnector(SqlConnector):
    config: PostgresConfig

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pools: dict[str, asyncpg.Pool] = {}
        self._pool_lock = asyncio.Lock()

    @classmethod
    def parse_config(cls, message: datasource_pb2.PostgreSqlConfig) -> PostgresConfig:
        check = ConfigCheck()
        check_host(check, message.host)
        check_port(check, message.port)
        check.require(bool(message.database.strip()), "database", "is required")
        check.require(bool(message.user.strip()), "user", "is required")
        for i, name in enumerate(message.additional_databases):
            check.require(bool(name.strip()), f"additional_databases[{i}]", "must not be empty")
        mode = check_tls(check, message.tls_mode, message.ca_certificate)
        check.done()
        return PostgresConfig(
            host=message.host.strip(),
            port=message.port or DEFAULT_PORT,
            database=message.database.strip(),
            user=message.user.strip(),
            additional_databases=tuple(d.strip() for d in message.additional_databases),
            tls_mode=mode or TlsMode.PREFER,
            ca_certificate=message.ca_certificate,
        )

    @property
    def root(self) -> str:
        return names.server_url("postgresql", self.config.host, self.config.port)

    def catalog_prefixes(self) -> list[str]:
        return [names.join(self.root, [db]) + "/" for db in self.config.databases]

    # -- connections --------------------------------------------------------------------

    def _ssl(self) -> Any:
        mode = self.config.tls_mode
        if mode == TlsMode.DISABLE:
            return False
        if mode in (TlsMode.VERIFY_CA, TlsMode.VERIFY_FULL):
            return verifying_context(mode, self.config.ca_certificate)
        return "require" if mode == TlsMode.REQUIRE else "prefer"

    async def _connect(self, database: str, addresses: list[str] | None = None) -> Any:
        """One read-only session. It connects to a checked address, not the name again
        (see ``network``), but for VERIFY_FULL, whose certificate check needs the name."""
        cfg = self.config
        if addresses is None:
            addresses = await network.resolve(cfg.host, cfg.port)
        target = cfg.host if cfg.tls_mode == TlsMode.VERIFY_FULL else addresses[0]
        password = self._credential.secret if self._credential else None
        statement_ms = max(1, int(self.limits.statement_timeout * 1000))
        try:
            return await asyncpg.connect(
                host=target,
                port=cfg.port,
                user=cfg.user,
                password=password,
                database=database,
                ssl=self._ssl(),
                timeout=self.limits.connect_timeout,
                command_timeout=self.limits.statement_timeout + 5,
                statement_cache_size=0,
                server_settings={
                    "application_name": APPLICATION_NAME,
                    "default_transaction_read_only": "on",
                    "statement_timeout": str(statement_ms),
                    "lock_timeout": str(min(statement_ms, 5000)),
                    "idle_in_transaction_session_timeout": str(statement_ms * 2),
                },
            )
        except Exception as exc:  # noqa: BLE001 - the driver raises many types; map_error sorts them
            raise map_error(exc, database) from None

    async def _pool(self, database: str) -> asyncpg.Pool:
        if database not in self.config.databases:
            raise ConnectorError(
                FailureKind.NOT_FOUND, f"database {database!r} is not part of this source"
            )
        async with self._pool_lock:
            pool = self._pools.get(database)
            if pool is None:

                async def connect(*_: Any, **__: Any) -> Any:
                    return await self._connect(database)

                pool = asyncpg.create_pool(
                    min_size=0,
                    max_size=max(1, self.limits.max_connections),
                    max_inactive_connection_lifetime=30.0,
                    # asyncpg-stubs type the hook with asyncpg's own keyword arguments,
                    # which this one accepts and ignores.
                    connect=cast(Any, connect),
                )
                await pool
                self._pools[database] = pool
        return pool

    @asynccontextmanager
    async def _session(self, database: str) -> AsyncIterator[Any]:
        """A pooled connection inside a read-only transaction, within the source's
        concurrency cap."""
        pool = await self._pool(database or self.config.database)
        async with self.limiter.slot(), pool.acquire() as conn:
            try:
                async with conn.transaction(readonly=True):
                    yield conn
            except ConnectorError:
                raise
            except (asyncpg.PostgresError, OSError, TimeoutError, ssl.SSLError) as exc:
                raise map_error(exc, database) from None

    async def fetch(self, sql: str, *args: Any, database: str = "") -> list[tuple[Any, ...]]:
        async with self._session(database) as conn:
            # A first query pins the transaction's READ ONLY: PostgreSQL lets a
            # transaction switch to READ WRITE only before its first snapshot.
            await conn.execute("SELECT 1")
            return [tuple(r) for r in await conn.fetch(sql, *args)]

    async def aclose(self) -> None:
        pools, self._pools = self._pools, {}
        for pool in pools.values():
            await pool.close()

    # -- catalog --------------------------------------------------------------------------

    async def _databases(self, include_system: bool = False) -> list[str]:
        return list(self.config.databases)

    async def _schemas(self, database: str, include_system: bool = False) -> list[str]:
        async with self._session(database) as conn:
            rows = await conn.fetch(
                "SELECT nspname FROM pg_namespace WHERE $1 OR (nspname <> ALL($2::text[])"
                " AND nspname NOT LIKE 'pg\\_%') ORDER BY nspname",
                include_system,
                list(_SYSTEM_SCHEMAS),
            )
        return [r[0] for r in rows]

    async def _tables(self, database: str, schema: str) -> list[TableRow]:
        async with self._session(database) as conn:
            rows = await conn.fetch(_TABLES, schema)
        return [
            TableRow(
                name=r["relname"],
                is_view=r["relkind"] in ("v", "m"),
                comment=r["comment"] or "",
                row_estimate=r["row_estimate"],
                size_bytes=r["size_bytes"],
                view_definition=(r["definition"] or "").strip(),
                properties={"relkind": r["relkind"]},
            )
            for r in rows
        ]

    async def _columns(self, database: str, schema: str, tables: Sequence[str]) -> list[ColumnRow]:
        async with self._session(database) as conn:
            rows = await conn.fetch(_COLUMNS, schema, list(tables))
        return [
            ColumnRow(
                table=r["relname"],
                name=r["attname"],
                data_type=r["data_type"],
                nullable=r["nullable"],
                ordinal=r["attnum"],
                comment=r["comment"] or "",
                default=r["default_expr"] or "",
                primary_key=r["primary_key"],
                references=(database, r["ref_schema"], r["ref_table"], r["ref_column"])
                if r["ref_table"]
                else None,
            )
            for r in rows
        ]

    # -- sampling and profiles --------------------------------------------------------------

    async def _sample_rows(
        self,
        database: str,
        schema: str,
        table: str,
        columns: Sequence[str],
        n: int,
        known: ObjectMetadata | None,
    ) -> tuple[list[Sequence[Any]], str]:
        target = f"{quote(schema)}.{quote(table)}"
        select = ", ".join(f"{quote(c)}::text" for c in columns)
        async with self._session(database) as conn:
            if known is not None:
                relkind, estimate = known.properties.get("relkind", "r"), known.row_estimate
            else:
                info = await conn.fetchrow(
                    "SELECT c.relkind::text,"
                    " CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint END"
                    " FROM pg_class c WHERE c.oid = to_regclass($1)",
                    target,
                )
                if info is None:
                    raise ConnectorError(
                        FailureKind.NOT_FOUND,
                        f"{schema}.{table} does not exist",
                        object=names.join(self.root, (database, schema, table)),
                    )
                relkind, estimate = info[0], info[1]
            if relkind in ("r", "m", "p") and estimate and estimate > max(10 * n, 1000):
                # SYSTEM picks whole pages at random, so the row count varies with how
                # many pages it draws: ask for ~10x the rows (still a few dozen pages)
                # so that drawing too few is rare; LIMIT is the fallback when it happens.
                percent = min(100.0, max(0.001, 1000.0 * n / estimate))
                rows = await conn.fetch(
                    f"SELECT {select} FROM {target} TABLESAMPLE SYSTEM ({percent:.6f}) LIMIT {n}"  # noqa: S608 - quoted identifiers, numeric literals
                )
                if len(rows) >= min(n, math.ceil(estimate / 2)):
                    return list(rows), "tablesample"
            rows = await conn.fetch(f"SELECT {select} FROM {target} LIMIT {int(n)}")  # noqa: S608 - quoted identifiers
        return list(rows), "limit"

    async def profile(
        self, obj: ObjectRef, sample: Sample | None = None, columns: Sequence[str] | None = None
    ) -> dict[str, ColumnProfile]:
        """Profiles from ``pg_stats`` (null fraction, distinct count, histogram bounds)
        where ANALYZE has run, from the sample otherwise."""
        known: ObjectMetadata | None = None
        if isinstance(obj, ObjectMetadata):
            known, path = obj, obj.path
        else:
            path = tuple(obj)
        database, schema, table = self._split(path)
        if sample is None:
            sample = await self.sample(obj, columns)
        estimate = known.row_estimate if known is not None else None
        stats: dict[str, Any] = {}
        async with self._session(database) as conn:
            try:
                async with conn.transaction():  # a savepoint: a bad cast must not end the outer one
                    rows = await conn.fetch(_STATS, schema, table)
            except asyncpg.PostgresError:
                rows = await conn.fetch(_STATS_NO_BOUNDS, schema, table)
            if estimate is None:
                estimate = await conn.fetchval(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass($1)",
                    f"{quote(schema)}.{quote(table)}",
                )
            stats = {r["attname"]: r for r in rows}
        total = estimate if estimate and estimate > 0 else None
        out: dict[str, ColumnProfile] = {}
        for name, values in sample.values.items():
            if columns is not None and name not in columns:
                continue
            row = stats.get(name)
            if row is None or total is None or row["low"] is None or row["high"] is None:
                from_sample = profile_values(values, total)
                if row is None or total is None:
                    out[name] = from_sample
                    continue
                low = row["low"] if row["low"] is not None else from_sample.min_value
                high = row["high"] if row["high"] is not None else from_sample.max_value
            else:
                # pg_stats has the rest: only the mean length comes from the sample
                # (a full profile of it, numbers parsed, was a tenth of a full scan).
                low, high = row["low"], row["high"]
            present = [v for v in values if v is not None]
            distinct = row["n_distinct"]
            count = round(-distinct * total) if distinct < 0 else round(distinct)
            out[name] = ColumnProfile(
                null_fraction=float(row["null_frac"]),
                distinct_count=int(count),
                min_value=low,
                max_value=high,
                mean_length=sum(len(v) for v in present) / len(present) if present else 0.0,
                sampled_rows=len(values),
                source="pg_stats",
            )
        return out

    # -- connection test --------------------------------------------------------------------

    async def _run_test(self, recorder: StepRecorder, check_data_access: bool) -> TestFacts:
        cfg = self.config
        async with recorder.step("resolve") as notes:
            addresses = await network.resolve(cfg.host, cfg.port)
            notes.append(f"{cfg.host} resolves to {', '.join(addresses)}")
        async with recorder.step("connect") as notes:
            reached = await tcp_probe(addresses, cfg.port, self.limits.connect_timeout)
            notes.append(f"{reached}:{cfg.port} accepts connections")
        async with recorder.step("authenticate", f"signed in as {cfg.user!r}"):
            conn = await self._connect(cfg.database, [reached])
        try:
            async with recorder.step("database") as notes:
                version = await conn.fetchval("SHOW server_version")
                notes.append(f"database {cfg.database!r} is open (PostgreSQL {version})")
                for other in cfg.additional_databases:
                    extra = await self._connect(other, [reached])
                    await extra.close()
            async with recorder.step("read_catalog") as notes:
                readable, total, missing, first = await self._privileges(conn)
                if total and not readable:
                    raise ConnectorError(
                        FailureKind.INSUFFICIENT_PRIVILEGES,
                        f"user {cfg.user!r} may not read any of the {total} tables and views"
                        f" in {cfg.database!r} (missing: {', '.join(missing[:5])})",
                    )
                notes.append(f"{readable} of {total} tables and views readable")
            if check_data_access and first:
                async with recorder.step("read_data", f"read a row of {first}"):
                    schema, _, table = first.partition(".")
                    try:
                        async with conn.transaction(readonly=True):
                            await conn.fetch(
                                f"SELECT * FROM {quote(schema)}.{quote(table)} LIMIT 1"  # noqa: S608 - quoted identifiers
                            )
                    except (asyncpg.PostgresError, OSError, TimeoutError) as exc:
                        raise map_error(exc, cfg.database) from None
        finally:
            await conn.close()
        message = f"connected to PostgreSQL {version}; {readable} of {total} tables readable"
        return TestFacts(f"PostgreSQL {version}", tuple(f"SELECT on {m}" for m in missing), message)

    async def _privileges(self, conn: Any) -> tuple[int, int, list[str], str]:
        try:
            row = await conn.fetchrow(_PRIVILEGES)
        except (asyncpg.PostgresError, OSError, TimeoutError) as exc:
            raise map_error(exc, self.config.database) from None
        return row["readable"], row["total"], list(row["missing"] or []), row["first"] or ""


# Sizes, like row counts, are the statistics' (pages of the table, its TOAST table and all
# their indexes as of the last VACUUM or ANALYZE): pg_total_relation_size opens every
# one of those relations and stats each file, a third of the cost of reading a schema.
# A table without statistics yet gets its exact size.
_TABLES = """
SELECT c.relname, c.relkind::text AS relkind,
       ds.description AS comment,
       CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint END AS row_estimate,
       CASE WHEN c.relkind NOT IN ('r', 'm', 'p') THEN NULL
            WHEN c.reltuples < 0 THEN pg_total_relation_size(c.oid)
            ELSE current_setting('block_size')::bigint * (c.relpages::bigint
                + coalesce((SELECT t.relpages FROM pg_class t WHERE t.oid = c.reltoastrelid), 0)
                + (SELECT coalesce(sum(i.relpages), 0) FROM pg_index x
                   JOIN pg_class i ON i.oid = x.indexrelid
                   WHERE x.indrelid IN (c.oid, c.reltoastrelid)))
       END AS size_bytes,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS definition
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass
    AND ds.objsubid = 0
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
ORDER BY c.relname
"""

# Columns of a batch of tables with their keys and comments, in one statement. Joins
# rather than a call per column (col_description, an EXISTS and a LATERAL for foreign
# keys each ran once per column): a third of the time on a schema of 3,000 columns.
_COLUMNS = """
WITH rels AS (
    SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = $1 AND c.relname = ANY ($2::text[])
), fks AS (
    SELECT DISTINCT ON (f.conrelid, k.col) f.conrelid, k.col,
           rn.nspname AS ref_schema, rc.relname AS ref_table, ra.attname AS ref_column
    FROM pg_constraint f
    JOIN rels r ON r.oid = f.conrelid
    CROSS JOIN LATERAL unnest(f.conkey, f.confkey) AS k(col, ref_col)
    JOIN pg_class rc ON rc.oid = f.confrelid
    JOIN pg_namespace rn ON rn.oid = rc.relnamespace
    JOIN pg_attribute ra ON ra.attrelid = f.confrelid AND ra.attnum = k.ref_col
    WHERE f.contype = 'f'
    ORDER BY f.conrelid, k.col, f.conname
)
SELECT r.relname, a.attname, a.attnum,
       format_type(a.atttypid, a.atttypmod) AS data_type,
       NOT a.attnotnull AS nullable,
       ds.description AS comment,
       pg_get_expr(d.adbin, d.adrelid) AS default_expr,
       coalesce(a.attnum = ANY (pk.conkey), false) AS primary_key,
       fk.ref_schema, fk.ref_table, fk.ref_column
FROM rels r
JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef d ON d.adrelid = r.oid AND d.adnum = a.attnum
LEFT JOIN pg_description ds ON ds.objoid = r.oid AND ds.classoid = 'pg_class'::regclass
    AND ds.objsubid = a.attnum
LEFT JOIN pg_constraint pk ON pk.conrelid = r.oid AND pk.contype = 'p'
LEFT JOIN fks fk ON fk.conrelid = r.oid AND fk.col = a.attnum
ORDER BY r.relname, a.attnum
"""

_STATS = """
SELECT attname, null_frac, n_distinct,
       (histogram_bounds::text::text[])[1] AS low,
       (histogram_bounds::text::text[])[cardinality(histogram_bounds::text::text[])] AS high
FROM pg_stats WHERE schemaname = $1 AND tablename = $2
"""

_STATS_NO_BOUNDS = """
SELECT attname, null_frac, n_distinct, NULL::text AS low, NULL::text AS high
FROM pg_stats WHERE schemaname = $1 AND tablename = $2
"""

# How many tables and views the user may read, and up to 20 it may not.
_PRIVILEGES = """
SELECT count(*) FILTER (WHERE readable) AS readable, count(*) AS total,
       (array_agg(name ORDER BY name) FILTER (WHERE NOT readable))[1:20] AS missing,
       min(name) FILTER (WHERE readable) AS first
FROM (
    SELECT n.nspname || '.' || c.relname AS name,
           has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT')
               AS readable
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_%'
) t
"""
