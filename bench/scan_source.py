"""A PostgreSQL database for the scan benchmarks: N tables of a few business kinds.

Tables look like an application's: customers, orders, payments, employees, products,
web events, shipments and support tickets, eight kinds in turn, each in its own schema
(``sales``, ``finance``, ``hr``...), named ``{kind}_{index:05d}``, with 200 to 500 rows.
Three kinds hold synthetic personal data (names, e-mail addresses, phone numbers in the
ranges reserved for fiction, Luhn-valid card numbers, IP addresses), the others none,
so a classifier has something to find and something to leave alone. A table has the
first ``columns`` (at most 15) columns of its kind; the first is always its key.

Rows are made by the server itself (``INSERT ... SELECT FROM generate_series``), a
hundred tables per round trip, so 2,000 tables take well under a minute. The database
is named after its shape (``bench_src_2000x15``) and marked, once complete, with a
comment holding the generator version and the shape: a later run that finds the same
marker reuses it, any other database of that name is dropped and made again. The
database is ANALYZEd at the end, as autovacuum would leave a production one.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import asyncpg

GENERATOR_VERSION = "1"
MAX_COLUMNS = 15
TABLES_PER_ROUND_TRIP = 100
READER = "pursight_reader"
READER_PASSWORD = "Reader-Pass-1"  # the embedded server trusts local connections anyway

# Values shared by several kinds, indexed by expressions of the row number ``g`` and
# the table index ``$T`` (replaced by its literal before the statement is sent).
_FIRST = (
    "(ARRAY['Alice','Bruno','Chloe','Dmitri','Elena','Farid','Grace','Hugo','Ines','Jonas',"
    "'Karin','Luca','Maya','Nils','Olga','Pedro','Rosa','Sami','Tess','Yusuf'])"
    "[1 + (g * 7 + $T) % 20]"
)
_LAST = (
    "(ARRAY['Martin','Bernard','Dubois','Schmidt','Rossi','Garcia','Novak','Smith','Jensen',"
    "'Kowalski','Silva','Nakamura','Okafor','Haddad','Larsen','Moreau'])[1 + (g * 11 + $T) % 16]"
)
_COUNTRY = "(ARRAY['FR','DE','GB','US','ES','IT','NL','SE'])[1 + (g + $T) % 8]"
_CITY = "(ARRAY['Paris','Berlin','London','Boston','Madrid','Milan','Leiden','Malmo'])[1 + g % 8]"
_CURRENCY = "(ARRAY['EUR','USD','GBP'])[1 + (g + $T) % 3]"


def _pick(*words: str, step: int = 1) -> str:
    array = ",".join(f"'{w}'" for w in words)
    return f"(ARRAY[{array}])[1 + (g * {step} + $T) % {len(words)}]"


# A Luhn-valid 16-digit number: '4', 14 digits hashed from the row, the check digit.
_CARD = (
    "pg_temp.luhn('4' || lpad((('x' || substr(md5('k$T-' || g), 1, 12))::bit(48)::bigint"
    " % 100000000000000)::text, 14, '0'))"
)


def _at(base: str, minutes: str) -> str:
    return f"timestamptz '{base} 00:00+00' + ({minutes}) * interval '1 minute'"


# (name, type, expression) of each kind's columns, the key first; the first ten of
# customers, payments and employees include personal data.
Column = tuple[str, str, str]
KINDS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "customers": (
        "sales",
        (
            ("id", "bigint PRIMARY KEY", "g"),
            ("customer_uuid", "uuid", "md5('c$T-' || g)::uuid"),
            ("full_name", "text", f"{_FIRST} || ' ' || {_LAST}"),
            (
                "email",
                "varchar(320)",
                f"lower({_FIRST}) || '.' || lower({_LAST}) || g || '@example.com'",
            ),
            (
                "phone",
                "varchar(32)",
                "'+44 20 7946 0' || lpad(((g * 13 + $T) % 1000)::text, 3, '0')",
            ),
            ("country", "char(2)", _COUNTRY),
            ("city", "text", _CITY),
            ("postal_code", "varchar(10)", "lpad(((g * 7919 + $T) % 100000)::text, 5, '0')"),
            ("date_of_birth", "date", "date '1950-01-01' + (g * 97 + $T) % 18000"),
            ("signup_at", "timestamptz", _at("2020-01-01", "g * 3571 + $T")),
            ("marketing_opt_in", "boolean", "(g + $T) % 3 = 0"),
            ("loyalty_points", "integer", "(g * 31 + $T) % 5000"),
            ("lifetime_value", "numeric(12,2)", "((g * 7727 + $T) % 1000000) / 100.0"),
            ("segment", "text", _pick("retail", "smb", "enterprise", "vip")),
            (
                "notes",
                "text",
                "CASE WHEN g % 5 <> 0 THEN 'prefers contact by ' || "
                + _pick("email", "phone", "post")
                + " END",
            ),
        ),
    ),
    "orders": (
        "sales",
        (
            ("id", "bigint PRIMARY KEY", "g"),
            ("order_number", "varchar(20)", "'SO-' || lpad(($T * 1000 + g)::text, 9, '0')"),
            ("customer_id", "bigint", "1 + (g * 17 + $T) % 500"),
            ("order_date", "date", "date '2023-01-01' + (g * 3 + $T) % 700"),
            ("status", "text", _pick("pending", "paid", "shipped", "delivered", "cancelled")),
            ("currency", "char(3)", _CURRENCY),
            ("subtotal", "numeric(12,2)", "((g * 4409 + $T) % 50000) / 100.0"),
            ("tax", "numeric(12,2)", "((g * 4409 + $T) % 50000) / 500.0"),
            ("shipping", "numeric(8,2)", "(g + $T) % 20 + 0.99"),
            ("total", "numeric(12,2)", "round(((g * 4409 + $T) % 50000) / 100.0 * 1.2 + 4.99, 2)"),
            ("item_count", "integer", "1 + (g * 7 + $T) % 12"),
            ("channel", "text", _pick("web", "store", "phone", "marketplace")),
            ("coupon_code", "varchar(16)", "CASE WHEN g % 4 = 0 THEN 'SAVE' || g % 50 END"),
            ("created_at", "timestamptz", _at("2023-01-01", "g * 997 + $T")),
            ("updated_at", "timestamptz", _at("2023-02-01", "g * 997 + $T")),
        ),
    ),
    "payments": (
        "finance",
        (
            ("id", "bigint PRIMARY KEY", "g"),
            ("payment_uuid", "uuid", "md5('p$T-' || g)::uuid"),
            ("order_id", "bigint", "1 + (g * 19 + $T) % 500"),
            ("card_holder", "text", f"upper({_FIRST} || ' ' || {_LAST})"),
            ("card_number", "varchar(19)", _CARD),
            ("card_expiry", "varchar(5)", "lpad((1 + g % 12)::text, 2, '0') || '/' || 27 + g % 5"),
            ("amount", "numeric(12,2)", "((g * 6113 + $T) % 80000) / 100.0"),
            ("currency", "char(3)", _CURRENCY),
            (
                "ip_address",
                "inet",
                "('10.' || g % 250 || '.' || $T % 250 || '.' || 1 + g % 200)::inet",
            ),
            ("status", "text", _pick("authorized", "settled", "declined", "refunded")),
            ("method", "text", _pick("card", "transfer", "wallet")),
            ("authorized_at", "timestamptz", _at("2024-01-01", "g * 613 + $T")),
            ("settled_at", "timestamptz", _at("2024-01-02", "g * 613 + $T")),
            ("risk_score", "real", "((g * 37 + $T) % 1000) / 1000.0"),
            ("is_refunded", "boolean", "(g + $T) % 17 = 0"),
        ),
    ),
    "employees": (
        "hr",
        (
            ("id", "bigint PRIMARY KEY", "g"),
            ("employee_number", "varchar(12)", "'E' || lpad(($T * 1000 + g)::text, 8, '0')"),
            ("first_name", "text", _FIRST),
            ("last_name", "text", _LAST),
            (
                "work_email",
                "varchar(320)",
                f"lower({_FIRST}) || '.' || lower({_LAST}) || g || '@corp.example.org'",
            ),
            (
                "mobile_phone",
                "varchar(32)",
                "'+44 7700 900' || lpad(((g * 7 + $T) % 1000)::text, 3, '0')",
            ),
            ("department", "text", _pick("sales", "finance", "engineering", "support", "legal")),
            ("job_title", "text", _pick("analyst", "engineer", "manager", "director", "clerk")),
            ("hire_date", "date", "date '2005-01-01' + (g * 41 + $T) % 7000"),
            ("salary", "numeric(10,2)", "30000 + (g * 7127 + $T) % 90000"),
            ("manager_id", "bigint", "CASE WHEN g > 10 THEN 1 + g % 10 END"),
            ("office", "text", _CITY),
            ("is_active", "boolean", "(g + $T) % 9 <> 0"),
            ("created_at", "timestamptz", _at("2015-01-01", "g * 1999 + $T")),
            ("updated_at", "timestamptz", _at("2024-06-01", "g * 61 + $T")),
        ),
    ),
    "products": (
        "catalog",
        (
            ("id", "bigint PRIMARY KEY", "g"),
            ("sku", "varchar(24)", "'SKU-' || $T || '-' || lpad(g::text, 5, '0')"),
            (
                "product_name",
                "text",
                _pick("Widget", "Gadget", "Gizmo", "Bracket", "Valve") + " || ' ' || g",
            ),
            ("category", "text", _pick("tools", "garden", "kitchen", "office", "toys")),
            ("brand", "text", _pick("Acme", "Globex", "Initech", "Umbrella", "Stark")),
            ("unit_price", "numeric(10,2)", "((g * 3301 + $T) % 20000) / 100.0 + 1"),
            ("cost_price", "numeric(10,2)", "((g * 3301 + $T) % 20000) / 160.0 + 0.5"),
            ("weight_grams", "integer", "50 + (g * 53 + $T) % 5000"),
            ("stock_quantity", "integer", "(g * 29 + $T) % 800"),
            ("is_discontinued", "boolean", "(g + $T) % 23 = 0"),
            ("launch_date", "date", "date '2018-01-01' + (g * 11 + $T) % 2500"),
            ("rating", "real", "1 + ((g * 7 + $T) % 40) / 10.0"),
            (
                "description",
                "text",
                "'A sturdy ' || " + _pick("blue", "red", "steel", "oak") + " || ' item'",
            ),
            (
                "attributes",
                "jsonb",
                "jsonb_build_object('size', " + _pick("S", "M", "L") + ", 'v', g % 5)",
            ),
            ("updated_at", "timestamptz", _at("2024-03-01", "g * 89 + $T")),
        ),
    ),
    "web_events": (
        "analytics",
        (
            ("id", "bigint PRIMARY KEY", "g"),
            ("event_uuid", "uuid", "md5('e$T-' || g)::uuid"),
            ("session_id", "varchar(32)", "md5('s$T-' || g / 8)"),
            ("event_type", "text", _pick("page_view", "click", "add_to_cart", "checkout")),
            ("page_path", "text", "'/products/' || (g * 13 + $T) % 900"),
            ("referrer_domain", "text", _pick("search.example", "news.example", "direct")),
            ("browser", "text", _pick("Firefox", "Chrome", "Safari", "Edge")),
            ("country", "char(2)", _COUNTRY),
            ("device", "text", _pick("desktop", "mobile", "tablet")),
            ("occurred_at", "timestamptz", _at("2024-05-01", "g * 7 + $T")),
            ("duration_ms", "integer", "(g * 977 + $T) % 60000"),
            ("is_bounce", "boolean", "(g + $T) % 4 = 0"),
            ("revenue", "numeric(10,2)", "CASE WHEN g % 10 = 0 THEN (g % 300) + 0.5 END"),
            ("experiment", "text", _pick("control", "variant_a", "variant_b")),
            ("payload", "jsonb", "jsonb_build_object('step', g % 6, 'ok', g % 7 <> 0)"),
        ),
    ),
    "shipments": (
        "logistics",
        (
            ("id", "bigint PRIMARY KEY", "g"),
            ("tracking_code", "varchar(24)", "'TRK' || upper(substr(md5('t$T-' || g), 1, 14))"),
            ("order_id", "bigint", "1 + (g * 23 + $T) % 500"),
            ("carrier", "text", _pick("postal", "express", "freight")),
            ("service_level", "text", _pick("standard", "priority", "overnight")),
            ("shipped_date", "date", "date '2024-01-01' + (g + $T) % 300"),
            ("delivered_date", "date", "date '2024-01-03' + (g + $T) % 300"),
            ("origin_country", "char(2)", _COUNTRY),
            ("destination_country", "char(2)", _pick("FR", "DE", "GB", "US", step=3)),
            ("weight_kg", "numeric(8,3)", "((g * 211 + $T) % 30000) / 1000.0"),
            ("cost", "numeric(10,2)", "((g * 541 + $T) % 9000) / 100.0"),
            ("status", "text", _pick("in_transit", "delivered", "returned")),
            ("is_insured", "boolean", "(g + $T) % 5 = 0"),
            ("created_at", "timestamptz", _at("2024-01-01", "g * 433 + $T")),
            ("updated_at", "timestamptz", _at("2024-01-05", "g * 433 + $T")),
        ),
    ),
    "tickets": (
        "support",
        (
            ("id", "bigint PRIMARY KEY", "g"),
            ("ticket_number", "varchar(16)", "'T-' || $T || '-' || g"),
            ("customer_id", "bigint", "1 + (g * 29 + $T) % 500"),
            ("subject", "text", _pick("late delivery", "refund", "login issue", "damaged item")),
            ("priority", "text", _pick("low", "normal", "high", "urgent")),
            ("status", "text", _pick("open", "pending", "solved", "closed")),
            ("channel", "text", _pick("email", "chat", "phone", "web")),
            ("opened_at", "timestamptz", _at("2024-02-01", "g * 127 + $T")),
            (
                "closed_at",
                "timestamptz",
                "CASE WHEN g % 3 <> 0 THEN " + _at("2024-02-03", "g * 127 + $T") + " END",
            ),
            ("agent_id", "integer", "1 + (g + $T) % 40"),
            ("satisfaction", "smallint", "1 + (g * 3 + $T) % 5"),
            ("category", "text", _pick("billing", "shipping", "account", "product")),
            ("reopened", "boolean", "(g + $T) % 11 = 0"),
            ("first_response_minutes", "integer", "(g * 17 + $T) % 600"),
            (
                "resolution",
                "text",
                "CASE WHEN g % 3 <> 0 THEN 'resolved: ' || "
                + _pick("refund", "replacement", "advice")
                + " END",
            ),
        ),
    ),
}
KIND_NAMES = tuple(KINDS)
PERSONAL_KINDS = ("customers", "payments", "employees")

# Luhn's check digit appended to a string of digits, for the card numbers (a function
# of the session only: nothing but the tables is left in the database).
_LUHN = """
CREATE OR REPLACE FUNCTION pg_temp.luhn(body text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
SELECT body || ((10 - sum(d) % 10) % 10)::text FROM (
    SELECT CASE WHEN i % 2 = 1 THEN (2 * x) / 10 + (2 * x) % 10 ELSE x END AS d
    FROM (SELECT substr(reverse(body), i, 1)::int AS x, i
          FROM generate_series(1, length(body)) AS i) AS digits
) AS weighted
$$
"""


@dataclass(frozen=True)
class Shape:
    """What a generated database holds."""

    tables: int
    columns: int = MAX_COLUMNS

    def __post_init__(self) -> None:
        if self.tables < 1 or not 2 <= self.columns <= MAX_COLUMNS:
            raise ValueError(f"need >= 1 table and 2..{MAX_COLUMNS} columns, got {self}")

    @property
    def database(self) -> str:
        return f"bench_src_{self.tables}x{self.columns}"

    @property
    def marker(self) -> str:
        return json.dumps(
            {"generator": GENERATOR_VERSION, "tables": self.tables, "columns": self.columns},
            sort_keys=True,
        )

    @property
    def total_columns(self) -> int:
        return self.tables * self.columns


def table_name(index: int) -> tuple[str, str]:
    """(schema, table) of table ``index``."""
    kind = KIND_NAMES[index % len(KIND_NAMES)]
    return KINDS[kind][0], f"{kind}_{index:05d}"


def rows_of(index: int) -> int:
    return 200 + (index * 37) % 301


def _table_sql(index: int, columns: int) -> str:
    schema, name = table_name(index)
    kind = KINDS[KIND_NAMES[index % len(KIND_NAMES)]][1][:columns]
    target = f"{schema}.{name}"
    definition = ", ".join(f"{c} {t}" for c, t, _ in kind)
    values = ", ".join(e.replace("$T", str(index)) for _, _, e in kind)
    rows = rows_of(index)
    # Every identifier and expression comes from KINDS above, every number from here.
    insert = f"INSERT INTO {target} SELECT {values} FROM generate_series(1, {rows}) AS g"  # noqa: S608
    return f"CREATE TABLE {target} ({definition});\n{insert};\n"


async def _marker(admin: asyncpg.Connection, database: str) -> str | None:
    return await admin.fetchval(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1",
        database,
    )


def database_url(server_url: str, database: str) -> str:
    """``server_url`` (any database of the server) pointed at ``database``."""
    base, _, _ = server_url.rpartition("/")
    return f"{base}/{database}"


async def ensure(server_url: str, shape: Shape, *, rebuild: bool = False) -> str:
    """Makes (or reuses) the database of ``shape`` on the server of ``server_url``;
    returns its name. A read-only ``pursight_reader`` role may read it."""
    admin = await asyncpg.connect(server_url)
    try:
        await admin.execute(
            f"DO $$ BEGIN CREATE ROLE {READER} LOGIN PASSWORD '{READER_PASSWORD}';"
            " EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
        await admin.execute(f"GRANT pg_read_all_data TO {READER}")
        if not rebuild and await _marker(admin, shape.database) == shape.marker:
            print(
                f"   reusing {shape.database} ({shape.tables:,} tables x {shape.columns} columns)"
            )
            return shape.database
        await admin.execute(f'DROP DATABASE IF EXISTS "{shape.database}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{shape.database}"')
    finally:
        await admin.close()
    began = time.perf_counter()
    conn = await asyncpg.connect(database_url(server_url, shape.database), command_timeout=3600)
    try:
        await conn.execute(_LUHN)
        schemas = sorted({KINDS[k][0] for k in KIND_NAMES})
        await conn.execute("".join(f"CREATE SCHEMA {s};\n" for s in schemas))
        for start in range(0, shape.tables, TABLES_PER_ROUND_TRIP):
            stop = min(shape.tables, start + TABLES_PER_ROUND_TRIP)
            # Several statements in one simple query: one round trip, one transaction.
            await conn.execute("".join(_table_sql(i, shape.columns) for i in range(start, stop)))
        created = time.perf_counter()
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    admin = await asyncpg.connect(server_url)
    try:  # the marker last: a half-made database is never taken for a finished one
        await admin.execute(f"COMMENT ON DATABASE \"{shape.database}\" IS '{shape.marker}'")
    finally:
        await admin.close()
    print(
        f"   generated {shape.database}: {shape.tables:,} tables x {shape.columns} columns,"
        f" {sum(rows_of(i) for i in range(shape.tables)):,} rows in"
        f" {created - began:.0f} s, ANALYZE {time.perf_counter() - created:.0f} s"
    )
    return shape.database
