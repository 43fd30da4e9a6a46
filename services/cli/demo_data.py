"""Synthetic data for the demo: a shop's PostgreSQL database and a folder of exports.

Everything is generated with a fixed seed, so every run creates the same people, cards
and tickets: realistic enough for the classifiers (valid card checksums, IBANs, phone
numbers, emails inside free text), fake enough to hold no real person's data.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import asyncpg
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from faker import Faker

SOURCE_DATABASE = "shop_demo"
ROWS = 400

SCHEMA_SQL = """
CREATE SCHEMA IF NOT EXISTS sales;
CREATE SCHEMA IF NOT EXISTS hr;
CREATE SCHEMA IF NOT EXISTS support;
CREATE TABLE sales.customers (
    customer_id bigint PRIMARY KEY, full_name text NOT NULL, email text, phone text,
    date_of_birth date, street_address text, postal_code text, email_opt_in boolean);
COMMENT ON TABLE sales.customers IS 'People who bought from the shop';
COMMENT ON COLUMN sales.customers.email IS 'Where receipts go';
CREATE TABLE sales.orders (
    order_id bigint PRIMARY KEY, customer_id bigint REFERENCES sales.customers,
    order_number text, total_amount numeric(12, 2), shipping_address text,
    created_at timestamptz);
CREATE TABLE sales.payments (
    payment_id bigint PRIMARY KEY, order_id bigint REFERENCES sales.orders,
    card_number text, iban text, amount numeric(12, 2), paid_at timestamptz);
COMMENT ON TABLE sales.payments IS 'Card and bank payments';
CREATE TABLE hr.employees (
    employee_id bigint PRIMARY KEY, full_name text, ssn text, work_email text,
    salary numeric(12, 2), last_login_ip inet);
CREATE TABLE support.tickets (
    ticket_id bigint PRIMARY KEY, customer_id bigint REFERENCES sales.customers,
    subject text, body text, opened_at timestamptz);
CREATE VIEW sales.customer_orders AS
    SELECT c.full_name, o.order_number, o.total_amount
    FROM sales.customers c JOIN sales.orders o USING (customer_id);
"""


def _luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    digits = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 0:
            value *= 2
            value -= 9 if value > 9 else 0
        total += value
    return digits + str((10 - total % 10) % 10)


def generate(seed: int = 7) -> dict[str, list[tuple[Any, ...]]]:
    """Rows per table, in the column order of SCHEMA_SQL."""
    fake = Faker(["en_US", "en_GB", "fr_FR", "de_DE"])
    Faker.seed(seed)
    rng = random.Random(seed)  # noqa: S311 - reproducible fake data, not secrets
    customers = [
        (
            i,
            fake.name(),
            fake.unique.email(),
            fake.phone_number(),
            fake.date_of_birth(minimum_age=18, maximum_age=90),
            fake.street_address(),
            fake.postcode(),
            rng.random() < 0.5,
        )
        for i in range(1, ROWS + 1)
    ]
    now = fake.date_time_this_year(tzinfo=None)
    orders = [
        (
            i,
            rng.randrange(1, ROWS + 1),
            f"ORD-{rng.randrange(10**15, 10**16)}",
            round(rng.uniform(5, 900), 2),
            fake.address().replace("\n", ", "),
            fake.date_time_between(start_date="-1y", tzinfo=None),
        )
        for i in range(1, ROWS + 1)
    ]
    payments = [
        (
            i,
            i,
            _luhn_complete(rng.choice(["4", "51", "52", "37", "6011"]), 16, rng),
            fake.iban(),
            orders[i - 1][3],
            now,
        )
        for i in range(1, ROWS + 1)
    ]
    employees = [
        (
            i,
            fake.name(),
            fake.ssn(),
            fake.company_email(),
            round(rng.uniform(3e4, 2e5), 2),
            fake.ipv4_public(),
        )
        for i in range(1, ROWS // 4 + 1)
    ]
    tickets = [
        (
            i,
            rng.randrange(1, ROWS + 1),
            fake.sentence(nb_words=5),
            f"Please call me back on {fake.phone_number()} or write to {fake.email()}. "
            + fake.sentence(),
            now,
        )
        for i in range(1, ROWS + 1)
    ]
    return {
        "sales.customers": customers,
        "sales.orders": orders,
        "sales.payments": payments,
        "hr.employees": employees,
        "support.tickets": tickets,
    }


async def create_source_database(admin_url: str) -> str:
    """(Re)creates the demo database on the server of ``admin_url``; returns its URL."""
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{SOURCE_DATABASE}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{SOURCE_DATABASE}"')
    finally:
        await conn.close()
    base = admin_url.rsplit("/", 1)[0]
    url = f"{base}/{SOURCE_DATABASE}"
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(SCHEMA_SQL)
        for table, rows in generate().items():
            schema, name = table.split(".")
            await conn.copy_records_to_table(name, schema_name=schema, records=rows)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return url


def write_files(folder: Path) -> Path:
    """A folder of exports: customers as CSV, payments as Parquet."""
    folder.mkdir(parents=True, exist_ok=True)
    data = generate()
    customers = data["sales.customers"]
    pa_csv.write_csv(
        pa.table(
            {
                "email": [c[2] for c in customers],
                "full_name": [c[1] for c in customers],
                "phone": [c[3] for c in customers],
            }
        ),
        folder / "customers_export.csv",
    )
    payments = data["sales.payments"]
    pq.write_table(
        pa.table(
            {
                "card_number": [p[2] for p in payments],
                "iban": [p[3] for p in payments],
                "amount": [float(p[4]) for p in payments],
            }
        ),
        folder / "payments.parquet",
    )
    return folder
