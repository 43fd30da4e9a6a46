"""The Azure Blob connector against Azurite."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from azure.storage.blob.aio import ContainerClient

from services.connectors import (
    ConnectionCheck,
    ConnectorError,
    Credential,
    CredentialType,
    FailureKind,
    FileFormat,
    ObjectType,
    Scope,
    plugin_for,
)
from services.connectors.files.azure_blob import AuthMethod, AzureBlobConfig, AzureBlobConnector
from services.connectors.model import Kind
from tests.datasource.conftest import Azurite, free_port


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest_asyncio.fixture(loop_scope="session")
async def container(azurite: Azurite, files_root: Path) -> AsyncIterator[str]:
    """A container holding the same small lake as the local-files tests, under raw/."""
    name = f"lake-{uuid.uuid4().hex[:8]}"
    async with ContainerClient.from_connection_string(azurite.connection_string, name) as client:
        await client.create_container()
        for path in _files(files_root):
            blob = "raw/" + path.relative_to(files_root).as_posix()
            await client.upload_blob(blob, await asyncio.to_thread(path.read_bytes))
        yield name


def blob(
    azurite: Azurite, container: str, *, key: str | None = None, prefix: str = "raw/", url: str = ""
) -> AzureBlobConnector:
    config = AzureBlobConfig(url or azurite.account_url, container, prefix, AuthMethod.ACCOUNT_KEY)
    credential = Credential(CredentialType.ACCOUNT_KEY, key or azurite.key)
    opened = plugin_for(Kind.AZURE_BLOB).open(config, credential)
    assert isinstance(opened, AzureBlobConnector)
    return opened


async def test_extraction_and_sampling_from_blobs(azurite: Azurite, container: str) -> None:
    warnings: list[ConnectorError] = []
    async with blob(azurite, container) as source:
        found = {"/".join(o.path): o async for o in source.extract(on_warning=warnings.append)}
        parquet = found["sales/2024/orders.parquet"]
        sample = await source.sample(parquet, ["order_id", "total"], n=50)
        csv = await source.sample(found["sales/customers.csv"], ["email"], n=3)
        only_hr = [o.name async for o in source.extract(Scope(include_paths=("hr/*",)))]
    assert sorted(found) == [
        "hr/events.jsonl",
        "hr/payroll.tsv",
        "hr/people.json",
        "sales/2024/orders.parquet",
        "sales/customers.csv",
    ]
    assert parquet.qualified_name == f"{azurite.account_url}/{container}/sales/2024/orders.parquet"
    assert parquet.row_estimate == 5000
    assert parquet.file_format == FileFormat.PARQUET
    assert [p.name for p in parquet.parents] == ["sales", "2024"]
    assert sample.method == "row_groups"
    assert sample.rows == 50
    assert csv["email"] == ["user1@example.com", "user2@example.com", "user3@example.com"]
    assert sorted(only_hr) == ["events.jsonl", "payroll.tsv", "people.json"]
    assert [w.object.rsplit("/", 1)[-1] for w in warnings] == ["broken.csv"]


async def test_browse_and_connection_string_auth(azurite: Azurite, container: str) -> None:
    async with blob(azurite, container) as source:
        top = await source.browse([])
        sales = await source.browse(["sales"])
    assert [(e.name, e.type) for e in top] == [
        ("hr", ObjectType.FOLDER),
        ("notes.txt", ObjectType.FILE),
        ("sales", ObjectType.FOLDER),
    ]
    assert {e.name for e in sales} == {"2024", "broken.csv", "customers.csv"}
    config = AzureBlobConfig("", container, "raw/", AuthMethod.CONNECTION_STRING)
    secret = Credential(CredentialType.CONNECTION_STRING, azurite.connection_string)
    async with plugin_for(Kind.AZURE_BLOB).open(config, secret) as via_string:
        result = await via_string.test(check_data_access=True)
    assert result.ok, result.message
    assert via_string.root == f"{azurite.account_url}/{container}"


async def _test(source: AzureBlobConnector) -> ConnectionCheck:
    async with source:
        return await source.test()


async def test_connection_test_failures(azurite: Azurite, container: str) -> None:
    ok = await _test(blob(azurite, container))
    bad_key = await _test(blob(azurite, container, key="AAAA" + azurite.key[4:]))
    missing = await _test(blob(azurite, "no-such-container"))
    closed = await _test(
        blob(azurite, container, url=f"http://127.0.0.1:{free_port()}/{azurite.account}")
    )
    blocked = await _test(blob(azurite, container, url="http://169.254.169.254/acct"))
    assert ok.ok, ok.message
    assert (bad_key.failure, bad_key.code) == (FailureKind.AUTH_FAILED, "UNAUTHENTICATED")
    assert (missing.failure, missing.code) == (FailureKind.NOT_FOUND, "NOT_FOUND")
    assert (closed.failure, closed.code) == (FailureKind.UNREACHABLE, "UNAVAILABLE")
    assert blocked.failure == FailureKind.ADDRESS_BLOCKED
    for result in (ok, bad_key, missing, closed, blocked):
        assert azurite.key not in repr(result)


async def test_blob_sources_cannot_write(azurite: Azurite, container: str) -> None:
    """The connector has no write path at all: only list, properties and ranged reads."""
    writers = [
        name
        for name in dir(AzureBlobConnector)
        if any(verb in name.lower() for verb in ("upload", "delete", "write", "put", "create"))
    ]
    assert writers == []
    with pytest.raises(ConnectorError) as gone:
        async with blob(azurite, container) as source:
            await source.sample(("nothing", "here.csv"))
    assert gone.value.failure == FailureKind.NOT_FOUND
