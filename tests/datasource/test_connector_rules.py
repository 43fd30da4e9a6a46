"""The connectors' rules that need no source: address refusal, scope patterns,
qualified names, profiles, the status table and the plug-in registry."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections import Counter
from typing import Any

import grpc
import pytest

from pursight.datasource.v1 import datasource_pb2
from services.connectors import (
    ConnectorError,
    FailureKind,
    Scope,
    model,
    names,
    network,
    plugin_for,
    plugins,
    register,
    status_code,
)
from services.connectors.profiles import distinct_estimate, profile_values
from services.connectors.sql.sqlite import SqliteConnector


@pytest.mark.parametrize(
    "address",
    [
        "169.254.169.254",
        "169.254.1.1",
        "fe80::1",
        "fd00:ec2::254",
        "::ffff:169.254.169.254",
        "100.100.100.200",
    ],
)
def test_link_local_and_metadata_addresses_are_blocked(address: str) -> None:
    assert network.blocked_reason(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.10", "::1", "8.8.8.8"])
def test_ordinary_addresses_are_allowed(address: str) -> None:
    assert network.blocked_reason(ipaddress.ip_address(address)) is None


async def test_names_are_refused_after_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    """A harmless-looking name that resolves to the metadata endpoint is refused."""
    loop = asyncio.get_running_loop()

    async def fake_getaddrinfo(host: str, port: int, **_: Any) -> list[Any]:
        answers = {
            "db.example.test": ["10.0.0.5"],
            "sneaky.example.test": ["10.0.0.6", "169.254.169.254"],
            "v6.example.test": ["fe80::abcd"],
        }
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in answers[host]]

    monkeypatch.setattr(loop, "getaddrinfo", fake_getaddrinfo)
    assert await network.resolve("db.example.test", 5432) == ["10.0.0.5"]
    for host in ("sneaky.example.test", "v6.example.test", "metadata.google.internal"):
        with pytest.raises(ConnectorError) as caught:
            await network.resolve(host, 5432)
        assert caught.value.failure == FailureKind.ADDRESS_BLOCKED
    with pytest.raises(ConnectorError) as unknown:
        await network.resolve("nowhere.example.test", 5432)
    assert unknown.value.failure == FailureKind.UNREACHABLE


def test_scope_patterns() -> None:
    scope = Scope(
        include_schemas=("sales", "shop.hr*"),
        exclude_tables=("tmp_*", "sales.audit"),
        include_paths=("raw/**/*.parquet", "docs"),
        exclude_paths=("raw/private",),
        exclude_views=True,
    )
    assert scope.schema("shop", "sales")
    assert scope.schema("shop", "hr_eu")
    assert not scope.schema("other", "hr_eu")
    assert not scope.schema("shop", "public")
    assert scope.table("sales", "orders")
    assert not scope.table("sales", "tmp_x")
    assert not scope.table("sales", "audit")
    assert scope.table("hr", "audit")
    assert not scope.table("sales", "orders", view=True)
    assert scope.file("raw/a.parquet")
    assert scope.file("raw/2024/01/a.parquet")
    assert not scope.file("raw/a.csv")
    assert not scope.file("raw/private/x.parquet")
    assert scope.file("docs/readme.csv")
    assert not scope.folder("raw/private")
    assert scope.folder("raw/public")
    assert Scope(include_tables=("re:^cust.*s$",)).table("s", "CUSTOMERS")
    assert Scope().table("any", "thing")
    assert Scope().file("a/b/c.csv")


def test_qualified_names_escape_separators() -> None:
    root = names.server_url("postgresql", "DB.Example.com", 5432)
    assert root == "postgresql://db.example.com:5432"
    assert names.server_url("mysql", "::1", 3306) == "mysql://[::1]:3306"
    table = names.join(root, ["shop", "odd/schema", "t#1?"])
    assert table == "postgresql://db.example.com:5432/shop/odd%2Fschema/t%231%3F"
    assert names.column(table, "a#b") == f"{table}#a%23b"


def test_profiles_from_samples() -> None:
    profile = profile_values(["10", "9", None, "100", "9"], total=1000)
    assert profile.null_fraction == pytest.approx(0.2)
    assert (profile.min_value, profile.max_value) == ("9", "100")  # numeric order
    assert profile.mean_length == pytest.approx(1.75)
    text = profile_values(["b", "a", "c"])
    assert (text.min_value, text.max_value, text.distinct_count) == ("a", "c", 3)
    assert profile_values([None, None]).null_fraction == 1.0
    assert distinct_estimate(Counter({f"v{i}": 1 for i in range(100)}), 100, 10_000) == 10_000
    assert distinct_estimate(Counter({"a": 50, "b": 50}), 100, 10_000) == 2


def test_failures_map_to_status_codes() -> None:
    assert status_code(FailureKind.UNREACHABLE) == grpc.StatusCode.UNAVAILABLE
    assert status_code(FailureKind.AUTH_FAILED) == grpc.StatusCode.UNAUTHENTICATED
    assert status_code(FailureKind.NOT_FOUND) == grpc.StatusCode.NOT_FOUND
    assert status_code(FailureKind.INSUFFICIENT_PRIVILEGES) == grpc.StatusCode.PERMISSION_DENIED
    assert status_code(FailureKind.ADDRESS_BLOCKED) == grpc.StatusCode.PERMISSION_DENIED
    assert status_code(FailureKind.TIMEOUT) == grpc.StatusCode.DEADLINE_EXCEEDED
    assert {status_code(f) for f in FailureKind}  # every kind has a code


@pytest.mark.parametrize(
    ("ours", "theirs", "prefix"),
    [
        (model.Kind, datasource_pb2.Kind, "KIND_"),
        (model.ObjectType, datasource_pb2.ObjectType, "OBJECT_TYPE_"),
        (model.FileFormat, datasource_pb2.FileFormat, "FILE_FORMAT_"),
        (model.CredentialType, datasource_pb2.CredentialType, "CREDENTIAL_TYPE_"),
        (model.FailureKind, datasource_pb2.ConnectionTestResult.FailureKind, "FAILURE_KIND_"),
    ],
)
def test_enums_share_the_contract_numbers(ours: Any, theirs: Any, prefix: str) -> None:
    contract = {v: n.removeprefix(prefix) for n, v in theirs.items() if v}
    mine = {m.value: m.name for m in ours}
    assert set(contract) == set(mine)
    renamed = {"NOT_FOUND": "DATABASE_NOT_FOUND"}
    assert {v: renamed.get(n, n) for v, n in mine.items()} == contract


def test_every_kind_has_a_plugin_and_extras_say_how_to_install() -> None:
    found = {p.kind: p for p in plugins()}
    assert set(found) == set(model.Kind)
    oneof = datasource_pb2.DataSource.DESCRIPTOR.oneofs_by_name["config"]
    assert {p.config_field for p in found.values()} == {f.name for f in oneof.fields}
    for kind in (model.Kind.DATABRICKS, model.Kind.SYNAPSE):
        plugin = found[kind]
        if not plugin.available:
            assert f"pip install 'pursight[{plugin.extra}]'" in plugin.unavailable_reason()
            with pytest.raises(ConnectorError) as caught:
                plugin.open(None, None)
            assert caught.value.failure == FailureKind.DRIVER_MISSING


def test_a_second_plugin_for_a_kind_is_refused() -> None:
    existing = plugin_for(model.Kind.SQLITE)
    with pytest.raises(ValueError, match="served by"):
        register(
            kind=model.Kind.SQLITE,
            name="other",
            display_name="Other",
            description="",
            config_field="sqlite",
            capabilities=existing.capabilities,
            object_types=(),
            credential_types=(),
        )(type("OtherSqlite", (SqliteConnector,), {}))
    assert plugin_for(model.Kind.SQLITE) is existing


def test_config_checks_name_fields() -> None:
    from services.connectors import ConfigError

    with pytest.raises(ConfigError) as caught:
        plugin_for(model.Kind.POSTGRESQL).parse_config(
            datasource_pb2.PostgreSqlConfig(host="169.254.169.254", port=70000)
        )
    fields = [f for f, _ in caught.value.violations]
    assert fields == ["host", "port", "database", "user"]
    with pytest.raises(ConfigError) as blob:
        plugin_for(model.Kind.AZURE_BLOB).parse_config(
            datasource_pb2.AzureBlobConfig(account_url="ftp://x", container="Bad_Name")
        )
    assert [f for f, _ in blob.value.violations] == ["account_url", "container"]


def test_catalog_prefixes_stay_within_the_source() -> None:
    """Retiring a source's assets must not reach another source on the same server."""
    from services.connectors.sql.postgresql import PostgresConfig

    pg = plugin_for(model.Kind.POSTGRESQL).open(
        PostgresConfig("db.example.com", 5432, "shop", "u", ("crm",)), None
    )
    assert pg.catalog_prefixes() == [
        "postgresql://db.example.com:5432/shop/",
        "postgresql://db.example.com:5432/crm/",
    ]
    sqlite = plugin_for(model.Kind.SQLITE).open(
        plugin_for(model.Kind.SQLITE).parse_config(datasource_pb2.SqliteConfig(path="/d/a.db")),
        None,
    )
    assert sqlite.catalog_prefixes() == ["sqlite:///d/a.db/"]
