"""Real sources for the connector and datasource tests.

- PostgreSQL: a fresh database in the platform's embedded server, with comments, keys,
  a view and a 60,000-row table (for TABLESAMPLE), plus login roles that authenticate
  by password (their pg_hba.conf lines are added here: the embedded server trusts its
  own superuser only).
- MariaDB: installed from Debian's packages when missing and we are root, started on a
  free port in a temporary data directory; skipped, with the reason printed, when it
  cannot start.
- Azurite: the npm package's blob server, started on a free port in memory.
- SQLite files and CSV / Parquet / JSON / JSON Lines files in temporary folders.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import pytest
import pytest_asyncio

from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from tests.conftest import Platform

ROOT = Path(__file__).resolve().parents[2]
# Searched for in every reply, error and log line: it must never show up.
SECRET = "Sentinel-Pw-7f3a9c1e"
OTHER_SECRET = "Other-Pw-2b8d4e6f"
AZURITE_ACCOUNT = "devstoreaccount1"
# Azurite's documented development key, public by design.
AZURITE_KEY = (
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)
_HBA_MARKER = "# pursight datasource tests"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, deadline: float, process: subprocess.Popen[bytes]) -> bool:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        with socket.socket() as sock:
            sock.settimeout(0.2)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.1)
    return False


# -- PostgreSQL -------------------------------------------------------------------------


@dataclass(frozen=True)
class PgSource:
    host: str
    port: int
    database: str
    admin_dsn: str  # the embedded server's superuser, for set-up and checks
    reader: str  # may read every table
    noperm: str  # may connect, may read nothing
    password: str = SECRET  # both roles'

    def dsn(self, database: str | None = None) -> str:
        base, _, _ = self.admin_dsn.rpartition("/")
        return f"{base}/{database or self.database}"


_ROLES = ("pursight_ds_reader", "pursight_ds_noperm")

_SHOP = """
CREATE SCHEMA sales;
CREATE TABLE sales.customers (
    id serial PRIMARY KEY,
    email text NOT NULL,
    full_name text,
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE sales.customers IS 'People who bought something';
COMMENT ON COLUMN sales.customers.email IS 'Contact address';
CREATE TABLE sales.orders (
    id bigint PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES sales.customers (id),
    total numeric(10, 2),
    note varchar(200)
);
CREATE VIEW sales.big_spenders AS
    SELECT c.email, sum(o.total) AS spent
    FROM sales.customers c JOIN sales.orders o ON o.customer_id = c.id
    GROUP BY c.email;
CREATE TABLE public.events (id bigint PRIMARY KEY, kind text, payload text);
INSERT INTO sales.customers (email, full_name)
    SELECT 'user' || g || '@example.com', 'Name ' || g FROM generate_series(1, 200) g;
INSERT INTO sales.orders (id, customer_id, total, note)
    SELECT g, 1 + g % 200, (g % 97) * 1.5, CASE WHEN g % 3 = 0 THEN NULL ELSE 'n' || g END
    FROM generate_series(1, 500) g;
INSERT INTO public.events (id, kind, payload)
    SELECT g, 'kind' || (g % 7), repeat('x', 40) || g FROM generate_series(1, 60000) g;
ANALYZE;
"""


def _prepend_hba_lines(hba: Path) -> bool:
    text = hba.read_text()
    if _HBA_MARKER in text:
        return False
    roles = ",".join(_ROLES)
    lines = [
        _HBA_MARKER,
        f"host all {roles} 127.0.0.1/32 scram-sha-256",
        f"host all {roles} ::1/128 scram-sha-256",
        f"local all {roles} scram-sha-256",
    ]
    hba.write_text("\n".join(lines) + "\n" + text)
    return True


async def _allow_password_roles(conn: asyncpg.Connection) -> None:
    """Adds scram lines for the test roles at the top of the embedded pg_hba.conf."""
    hba = Path(await conn.fetchval("SHOW hba_file"))
    if await asyncio.to_thread(_prepend_hba_lines, hba):
        await conn.execute("SELECT pg_reload_conf()")


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def pg_source(platform: Platform) -> PgSource:
    assert platform.server.stores is not None
    admin_dsn = platform.server.stores.urls.database
    url = urlsplit(admin_dsn)
    database = f"shop_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(admin_dsn)
    try:
        await _allow_password_roles(conn)
        for role in _ROLES:
            exists = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", role)
            verb = "ALTER" if exists else "CREATE"
            await conn.execute(f"{verb} ROLE {role} LOGIN PASSWORD '{SECRET}'")
        await conn.execute(f'CREATE DATABASE "{database}"')
    finally:
        await conn.close()
    base, _, _ = admin_dsn.rpartition("/")
    shop = await asyncpg.connect(f"{base}/{database}")
    try:
        await shop.execute(_SHOP)
        await shop.execute(
            "GRANT USAGE ON SCHEMA sales TO pursight_ds_reader;"
            " GRANT SELECT ON ALL TABLES IN SCHEMA sales, public TO pursight_ds_reader;"
        )
    finally:
        await shop.close()
    return PgSource(url.hostname or "127.0.0.1", url.port or 5432, database, admin_dsn, *_ROLES)


# -- MariaDB ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MariaDb:
    port: int
    socket: str
    database: str = "shop"
    reader: str = "reader"  # SELECT on shop.*
    browser: str = "browser"  # SELECT on *.*, to tell a missing database from a denied one
    noperm: str = "noperm"  # no privileges at all
    writer: str = "writer"  # every privilege on shop.*: only read-only sessions stop it
    password: str = SECRET


_MARIADB_SETUP = """
CREATE DATABASE shop;
USE shop;
CREATE TABLE shop.customers (
    id INT PRIMARY KEY AUTO_INCREMENT,
    email VARCHAR(200) NOT NULL COMMENT 'Contact address',
    full_name VARCHAR(100)
) COMMENT = 'People who bought something';
CREATE TABLE shop.orders (
    id BIGINT PRIMARY KEY,
    customer_id INT NOT NULL,
    total DECIMAL(10, 2),
    FOREIGN KEY (customer_id) REFERENCES shop.customers (id)
);
CREATE VIEW shop.emails AS SELECT email FROM shop.customers;
INSERT INTO shop.customers (email, full_name)
    SELECT CONCAT('user', seq, '@example.com'), CONCAT('Name ', seq) FROM seq_1_to_5000;
INSERT INTO shop.orders (id, customer_id, total) SELECT seq, 1 + seq % 100, seq FROM seq_1_to_300;
ANALYZE TABLE shop.customers, shop.orders;
CREATE USER 'reader'@'%' IDENTIFIED BY 'PASSWORD';
GRANT SELECT, SHOW VIEW ON shop.* TO 'reader'@'%';
CREATE USER 'browser'@'%' IDENTIFIED BY 'PASSWORD';
GRANT SELECT ON *.* TO 'browser'@'%';
CREATE USER 'noperm'@'%' IDENTIFIED BY 'PASSWORD';
CREATE USER 'writer'@'%' IDENTIFIED BY 'PASSWORD';
GRANT ALL PRIVILEGES ON shop.* TO 'writer'@'%';
"""


def _mariadb_binary() -> str | None:
    for name in ("mariadbd", "mysqld"):
        found = shutil.which(name) or (
            f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None
        )
        if found:
            return found
    return None


def _install_mariadb() -> str:
    """Installs Debian's mariadb-server (root only); returns why not when it cannot."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return "mariadbd is not installed and this is not a root Debian machine"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    policy = Path("/usr/sbin/policy-rc.d")
    added_policy = not policy.exists()
    if added_policy:  # keep the package from starting a system-wide server
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
    try:
        for command in (
            ["apt-get", "update"],
            ["apt-get", "install", "-y", "--no-install-recommends", "mariadb-server"],
        ):
            done = subprocess.run(  # noqa: S603 - apt-get with fixed arguments
                command, env=env, capture_output=True, timeout=900, check=False
            )
            if done.returncode != 0:
                return f"{' '.join(command)} failed: {done.stderr.decode()[-300:]}"
    finally:
        if added_policy:
            policy.unlink(missing_ok=True)
    return ""


@pytest.fixture(scope="session")
def mariadb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MariaDb]:
    binary = _mariadb_binary()
    if binary is None:
        reason = _install_mariadb()
        binary = _mariadb_binary()
        if binary is None:
            print(f"\nMariaDB tests skipped: {reason or 'mariadbd not found after install'}")
            pytest.skip(f"MariaDB unavailable: {reason}")
    datadir = tmp_path_factory.mktemp("mariadb")
    user = ["--user=root"] if os.geteuid() == 0 else []
    install = shutil.which("mariadb-install-db") or shutil.which("mysql_install_db")
    if install is None:
        pytest.skip("MariaDB unavailable: mariadb-install-db not found")
    done = subprocess.run(  # noqa: S603 - the install tool found on PATH, fixed arguments
        [
            install,
            "--no-defaults",
            f"--datadir={datadir}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
            *user,
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    if done.returncode != 0:
        print(f"\nMariaDB tests skipped: install-db failed: {done.stderr.decode()[-500:]}")
        pytest.skip("MariaDB unavailable: mariadb-install-db failed")
    port, sock = free_port(), str(datadir / "mysqld.sock")
    log = datadir / "error.log"
    process = subprocess.Popen(  # noqa: S603 - a server binary we located, fixed arguments
        [
            binary,
            "--no-defaults",
            f"--datadir={datadir}",
            f"--port={port}",
            "--bind-address=127.0.0.1",
            f"--socket={sock}",
            f"--pid-file={datadir}/mysqld.pid",
            f"--log-error={log}",
            "--skip-log-bin",
            "--innodb-buffer-pool-size=32M",
            "--skip-name-resolve",
            *user,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if not wait_for_port(port, time.monotonic() + 60, process):
            tail = log.read_text()[-800:] if log.exists() else "no log"
            print(f"\nMariaDB tests skipped: the server did not start:\n{tail}")
            pytest.skip("MariaDB unavailable: the server did not start")
        client = shutil.which("mariadb") or shutil.which("mysql")
        if client is None:
            pytest.skip("MariaDB unavailable: no mariadb client to set it up")
        setup = subprocess.run(  # noqa: S603 - the mariadb client, fixed arguments
            [client, "--no-defaults", f"--socket={sock}", "-uroot"],
            input=_MARIADB_SETUP.replace("PASSWORD", SECRET).encode(),
            capture_output=True,
            timeout=60,
            check=False,
        )
        if setup.returncode != 0:
            pytest.fail(f"MariaDB set-up failed: {setup.stderr.decode()[-500:]}")
        yield MariaDb(port=port, socket=sock)
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


# -- Azurite ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Azurite:
    port: int
    account_url: str
    account: str = AZURITE_ACCOUNT
    key: str = AZURITE_KEY

    @property
    def connection_string(self) -> str:
        return (
            f"DefaultEndpointsProtocol=http;AccountName={self.account};"
            f"AccountKey={self.key};BlobEndpoint={self.account_url};"
        )


@pytest.fixture(scope="session")
def azurite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Azurite]:
    binary = ROOT / "node_modules" / ".bin" / "azurite-blob"
    if not binary.exists():
        print("\nAzure Blob tests skipped: node_modules/.bin/azurite-blob missing (npm ci)")
        pytest.skip("Azurite unavailable: run npm ci")
    port = free_port()
    workdir = tmp_path_factory.mktemp("azurite")
    process = subprocess.Popen(  # noqa: S603 - a server binary we located, fixed arguments
        [
            str(binary),
            "--inMemoryPersistence",
            "--skipApiVersionCheck",
            "--loose",
            "--blobHost",
            "127.0.0.1",
            "--blobPort",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=workdir,
    )
    try:
        if not wait_for_port(port, time.monotonic() + 30, process):
            pytest.fail("Azurite did not start")
        yield Azurite(port=port, account_url=f"http://127.0.0.1:{port}/{AZURITE_ACCOUNT}")
    finally:
        process.terminate()
        try:
            process.wait(1)
        except subprocess.TimeoutExpired:  # it waits for idle keep-alive clients
            process.kill()
            process.wait(5)


# -- files --------------------------------------------------------------------------------------


def write_files(root: Path) -> Path:
    """A small lake: CSV, TSV, Parquet (several row groups), JSON, JSON Lines, a broken
    CSV, a hidden folder and a file of an unknown format."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    (root / "sales" / "2024").mkdir(parents=True)
    (root / "hr").mkdir()
    (root / "_delta_log").mkdir()
    lines = ["id,email,amount"] + [f"{i},user{i}@example.com,{i * 1.5}" for i in range(1, 301)]
    (root / "sales" / "customers.csv").write_text("\n".join(lines) + "\n")
    (root / "sales" / "2024" / "orders.parquet").parent.mkdir(exist_ok=True)
    table = pa.table(
        {
            "order_id": list(range(5000)),
            "country": [["FR", "DE", "US", None][i % 4] for i in range(5000)],
            "total": [i * 0.25 for i in range(5000)],
        }
    )
    pq.write_table(table, root / "sales" / "2024" / "orders.parquet", row_group_size=1000)
    people = [
        {"name": f"P{i}", "phone": f"+33 6 12 34 56 {i:02d}", "tags": ["a", "b"]} for i in range(40)
    ]
    (root / "hr" / "people.json").write_text(json.dumps(people))
    (root / "hr" / "events.jsonl").write_text(
        "\n".join(
            json.dumps({"user": f"u{i}", "ip": f"10.0.0.{i}", "ok": i % 2 == 0}) for i in range(50)
        )
        + "\n"
    )
    (root / "hr" / "payroll.tsv").write_text("emp\tsalary\n1\t100\n2\t200\n")
    (root / "sales" / "broken.csv").write_bytes(b"a,b\n1,2,3,4\n\xff\xfe\n")
    (root / "_delta_log" / "00000.json").write_text("{}")
    (root / "notes.txt").write_text("not data")
    return root


@pytest.fixture(scope="session")
def files_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_files(tmp_path_factory.mktemp("lake"))


@pytest.fixture(scope="session")
def sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import sqlite3

    path = tmp_path_factory.mktemp("sqlite") / "app.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT);
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers (id),
            total REAL
        );
        CREATE TABLE tags (code TEXT PRIMARY KEY, label TEXT) WITHOUT ROWID;
        CREATE VIEW emails AS SELECT email FROM customers;
        """
    )
    conn.executemany(
        "INSERT INTO customers (email, name) VALUES (?, ?)",
        [(f"user{i}@example.com", f"Name {i}") for i in range(1, 5001)],
    )
    conn.executemany(
        "INSERT INTO orders (customer_id, total) VALUES (?, ?)",
        [(1 + i % 50, i) for i in range(100)],
    )
    conn.commit()
    conn.close()
    return path


# -- the platform side ------------------------------------------------------------------------


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def workspace(platform: Platform) -> str:
    ws = await workspace_pb2_grpc.WorkspaceServiceStub(platform.channel).CreateWorkspace(
        workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name=f"Sources {uuid.uuid4().hex[:6]}")
        ),
        metadata=platform.admin,
    )
    return ws.name
