"""The datasource service through gRPC: CRUD, validation, sealed credentials, connection
tests, browsing and ResolveConnection, on the real platform and real sources."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import asyncpg
import grpc
import pytest
from cryptography.exceptions import InvalidTag
from google.protobuf import duration_pb2, field_mask_pb2, json_format

from pursight.datasource.v1 import datasource_pb2 as pb
from pursight.datasource.v1 import datasource_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.connectors import open_resolved
from services.runtime.secretbox import SecretBox
from services.runtime.service_identity import ServiceIdentity, load_service_secret
from tests.conftest import Platform
from tests.datasource.conftest import OTHER_SECRET, SECRET, PgSource, free_port
from tests.integration.test_workspace import violations

Failure = pb.ConnectionTestResult.FailureKind


def stub(platform: Platform) -> datasource_pb2_grpc.DataSourceServiceStub:
    return datasource_pb2_grpc.DataSourceServiceStub(platform.channel)


def pg_definition(pg: PgSource, **config: object) -> pb.DataSource:
    values: dict[str, object] = {
        "host": pg.host,
        "port": pg.port,
        "database": pg.database,
        "user": pg.reader,
    }
    values.update(config)
    return pb.DataSource(
        display_name=f"Shop {uuid.uuid4().hex[:6]}",
        kind=pb.KIND_POSTGRESQL,
        postgresql=pb.PostgreSqlConfig(**values),  # type: ignore[arg-type]
        credential=pb.Credential(password=SECRET),
        labels={"env": "test"},
    )


async def create(
    platform: Platform, workspace: str, source: pb.DataSource, **kwargs: object
) -> pb.DataSource:
    return await stub(platform).CreateDataSource(
        pb.CreateDataSourceRequest(parent=workspace, data_source=source, **kwargs),  # type: ignore[arg-type]
        metadata=platform.admin,
    )


def assert_no_secret(*messages: object) -> None:
    for message in messages:
        text = (
            json_format.MessageToJson(message) if hasattr(message, "DESCRIPTOR") else str(message)
        )
        assert SECRET not in text
        assert OTHER_SECRET not in text
        if hasattr(message, "SerializeToString"):
            assert SECRET.encode() not in message.SerializeToString()


async def test_crud_never_returns_the_credential(
    platform: Platform, workspace: str, pg_source: PgSource
) -> None:
    created = await create(
        platform, workspace, pg_definition(pg_source), data_source_id="shop-main"
    )
    assert created.name == f"{workspace}/dataSources/shop-main"
    assert created.has_credential
    assert created.credential_type == pb.CREDENTIAL_TYPE_PASSWORD
    assert created.credential_update_time.seconds > 0
    assert not created.HasField("credential")
    assert created.creator == "users/admin"
    assert created.etag
    got = await stub(platform).GetDataSource(
        pb.GetDataSourceRequest(name=created.name), metadata=platform.admin
    )
    listed = await stub(platform).ListDataSources(
        pb.ListDataSourcesRequest(parent=workspace, label="env=test"), metadata=platform.admin
    )
    assert got == created
    assert created.name in [s.name for s in listed.data_sources]
    assert_no_secret(created, got, listed)


async def test_credential_is_sealed_at_rest_bound_to_the_source(
    platform: Platform, workspace: str, pg_source: PgSource
) -> None:
    created = await create(platform, workspace, pg_definition(pg_source))
    ws_id, source_id = created.name.split("/")[1], created.name.split("/")[3]
    conn = await asyncpg.connect(pg_source.admin_dsn)
    try:
        row = await conn.fetchrow(
            "SELECT credential, config::text FROM datasource.data_sources"
            " WHERE workspace_id = $1 AND id = $2",
            ws_id,
            source_id,
        )
    finally:
        await conn.close()
    assert row is not None
    sealed = bytes(row["credential"])
    assert SECRET.encode() not in sealed
    assert SECRET not in row["config"]
    box = SecretBox.from_settings(platform.settings)
    opened = pb.Credential.FromString(box.open(sealed, created.name))
    assert opened.password == SECRET
    with pytest.raises(InvalidTag):  # another source's name does not open it
        box.open(sealed, f"{workspace}/dataSources/someone-else")


async def test_validation_names_every_bad_field(platform: Platform, workspace: str) -> None:
    bad = pb.DataSource(
        display_name="",
        kind=pb.KIND_POSTGRESQL,
        postgresql=pb.PostgreSqlConfig(host="169.254.169.254", port=99999),
        credential=pb.Credential(account_key="k"),
        labels={"Bad Key": "v"},
        limits=pb.ConnectionLimits(max_connections=500),
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await create(platform, workspace, bad)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert sorted(violations(caught.value)) == sorted(
        [
            "data_source.display_name",
            "data_source.labels['Bad Key']",
            "data_source.limits.max_connections",
            "data_source.credential.account_key",
            "data_source.postgresql.host",
            "data_source.postgresql.port",
            "data_source.postgresql.database",
            "data_source.postgresql.user",
        ]
    )
    mismatch = pb.DataSource(
        display_name="x", kind=pb.KIND_MYSQL, sqlite=pb.SqliteConfig(path="/x.db")
    )
    with pytest.raises(grpc.aio.AioRpcError) as kind:
        await create(platform, workspace, mismatch)
    assert violations(kind.value) == ["data_source.mysql"]
    with pytest.raises(grpc.aio.AioRpcError) as no_kind:
        await create(platform, workspace, pb.DataSource(display_name="x"))
    assert violations(no_kind.value) == ["data_source.kind"]
    with pytest.raises(grpc.aio.AioRpcError) as no_ws:
        await create(
            platform,
            "workspaces/missing-ws",
            pb.DataSource(
                display_name="x", kind=pb.KIND_SQLITE, sqlite=pb.SqliteConfig(path="/srv/x.db")
            ),
        )
    assert no_ws.value.code() == grpc.StatusCode.NOT_FOUND
    assert_no_secret(str(caught.value.details()))


async def test_request_id_validate_only_and_display_name_uniqueness(
    platform: Platform, workspace: str, sqlite_file: Path
) -> None:
    source = pb.DataSource(
        display_name=f"App DB {uuid.uuid4().hex[:4]}",
        kind=pb.KIND_SQLITE,
        sqlite=pb.SqliteConfig(path=str(sqlite_file)),
    )
    preview = await create(platform, workspace, source, validate_only=True)
    assert preview.name.startswith(f"{workspace}/dataSources/app-db-")
    with pytest.raises(grpc.aio.AioRpcError) as absent:
        await stub(platform).GetDataSource(
            pb.GetDataSourceRequest(name=preview.name), metadata=platform.admin
        )
    assert absent.value.code() == grpc.StatusCode.NOT_FOUND
    request_id = uuid.uuid4().hex
    first = await create(platform, workspace, source, request_id=request_id)
    again = await create(platform, workspace, source, request_id=request_id)
    assert first.name == again.name
    assert not first.has_credential
    with pytest.raises(grpc.aio.AioRpcError) as duplicate:
        await create(platform, workspace, source)
    assert duplicate.value.code() == grpc.StatusCode.ALREADY_EXISTS


async def test_update_guards_the_credential(
    platform: Platform, workspace: str, pg_source: PgSource
) -> None:
    created = await create(platform, workspace, pg_definition(pg_source))
    api = stub(platform)

    async def update(source: pb.DataSource, *paths: str) -> pb.DataSource:
        return await api.UpdateDataSource(
            pb.UpdateDataSourceRequest(
                data_source=source, update_mask=field_mask_pb2.FieldMask(paths=list(paths))
            ),
            metadata=platform.admin,
        )

    renamed = await update(
        pb.DataSource(name=created.name, display_name="Renamed shop", etag=created.etag),
        "display_name",
    )
    assert renamed.display_name == "Renamed shop"
    assert renamed.etag != created.etag
    with pytest.raises(grpc.aio.AioRpcError) as stale:
        await update(
            pb.DataSource(name=created.name, description="x", etag=created.etag), "description"
        )
    assert stale.value.code() == grpc.StatusCode.ABORTED
    moved = pb.DataSource(
        name=created.name, postgresql=pb.PostgreSqlConfig(host="evil.example.com")
    )
    with pytest.raises(grpc.aio.AioRpcError) as guarded:
        await update(moved, "postgresql.host")
    assert violations(guarded.value) == ["data_source.credential"]
    more = await update(
        pb.DataSource(
            name=created.name, postgresql=pb.PostgreSqlConfig(additional_databases=["postgres"])
        ),
        "postgresql.additional_databases",
    )
    assert list(more.postgresql.additional_databases) == ["postgres"]
    assert more.postgresql.host == pg_source.host
    assert more.has_credential
    rotated = await update(
        pb.DataSource(name=created.name, credential=pb.Credential(password=OTHER_SECRET)),
        "credential",
    )
    assert (
        rotated.credential_update_time.ToNanoseconds()
        >= created.credential_update_time.ToNanoseconds()
    )
    removed = await update(pb.DataSource(name=created.name), "credential")
    assert not removed.has_credential
    assert removed.credential_type == pb.CREDENTIAL_TYPE_UNSPECIFIED
    with pytest.raises(grpc.aio.AioRpcError) as immutable:
        await update(pb.DataSource(name=created.name, kind=pb.KIND_MYSQL), "display_name")
    assert violations(immutable.value) == ["data_source.kind"]
    with pytest.raises(grpc.aio.AioRpcError) as unknown:
        await update(pb.DataSource(name=created.name), "creator")
    assert violations(unknown.value) == ["update_mask"]
    assert_no_secret(renamed, more, rotated, removed, str(guarded.value.details()))


async def test_connection_tests_saved_and_unsaved(
    platform: Platform, workspace: str, pg_source: PgSource, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api = stub(platform)
    saved = await create(platform, workspace, pg_definition(pg_source))
    ok = await api.TestConnection(
        pb.TestConnectionRequest(name=saved.name, check_data_access=True), metadata=platform.admin
    )
    assert ok.result.ok, ok.result.message
    assert ok.result.code == 0
    assert ok.result.server_version.startswith("PostgreSQL")
    assert [c.step for c in ok.result.checks][-1] == "read_data"
    again = await api.GetDataSource(
        pb.GetDataSourceRequest(name=saved.name), metadata=platform.admin
    )
    assert again.last_test.ok
    assert again.etag == saved.etag

    async def unsaved(definition: pb.DataSource) -> pb.ConnectionTestResult:
        response = await api.TestConnection(
            pb.TestConnectionRequest(
                parent=workspace, data_source=definition, timeout=duration_pb2.Duration(seconds=20)
            ),
            metadata=platform.admin,
        )
        return response.result

    closed = await unsaved(pg_definition(pg_source, port=free_port()))
    wrong = pg_definition(pg_source)
    wrong.credential.password = OTHER_SECRET
    bad_password = await unsaved(wrong)
    missing = await unsaved(pg_definition(pg_source, database="no_such_database"))
    noperm = await unsaved(pg_definition(pg_source, user=pg_source.noperm))
    assert (closed.failure_kind, closed.code) == (
        Failure.FAILURE_KIND_UNREACHABLE,
        grpc.StatusCode.UNAVAILABLE.value[0],
    )
    assert (bad_password.failure_kind, bad_password.code) == (
        Failure.FAILURE_KIND_AUTH_FAILED,
        grpc.StatusCode.UNAUTHENTICATED.value[0],
    )
    assert (missing.failure_kind, missing.code) == (
        Failure.FAILURE_KIND_DATABASE_NOT_FOUND,
        grpc.StatusCode.NOT_FOUND.value[0],
    )
    assert (noperm.failure_kind, noperm.code) == (
        Failure.FAILURE_KIND_INSUFFICIENT_PRIVILEGES,
        grpc.StatusCode.PERMISSION_DENIED.value[0],
    )
    assert "no_such_database" in missing.message
    # A new password tried on the saved source, without saving it.
    override = pb.DataSource(credential=pb.Credential(password=OTHER_SECRET))
    tried = await api.TestConnection(
        pb.TestConnectionRequest(name=saved.name, data_source=override), metadata=platform.admin
    )
    assert tried.result.failure_kind == Failure.FAILURE_KIND_AUTH_FAILED
    # Pointing the saved credential at another host is refused.
    elsewhere = pb.DataSource(postgresql=pb.PostgreSqlConfig(host="collector.example.com"))
    with pytest.raises(grpc.aio.AioRpcError) as exfiltrate:
        await api.TestConnection(
            pb.TestConnectionRequest(name=saved.name, data_source=elsewhere),
            metadata=platform.admin,
        )
    assert violations(exfiltrate.value) == ["data_source.credential"]
    assert_no_secret(
        ok, again, closed, bad_password, missing, noperm, tried, str(exfiltrate.value.details())
    )
    assert SECRET not in caplog.text
    assert OTHER_SECRET not in caplog.text


async def test_metadata_endpoints_are_refused(
    platform: Platform, workspace: str, pg_source: PgSource
) -> None:
    api = stub(platform)
    for host in ("169.254.169.254", "fe80::1", "metadata.google.internal"):
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await api.TestConnection(
                pb.TestConnectionRequest(
                    parent=workspace, data_source=pg_definition(pg_source, host=host)
                ),
                metadata=platform.admin,
            )
        assert violations(caught.value) == ["data_source.postgresql.host"], host
    blob = pb.DataSource(
        kind=pb.KIND_AZURE_BLOB,
        azure_blob=pb.AzureBlobConfig(account_url="http://169.254.169.254/acct", container="data"),
        credential=pb.Credential(account_key=SECRET),
    )
    result = await api.TestConnection(
        pb.TestConnectionRequest(parent=workspace, data_source=blob), metadata=platform.admin
    )
    assert result.result.failure_kind == Failure.FAILURE_KIND_ADDRESS_BLOCKED
    assert result.result.code == grpc.StatusCode.PERMISSION_DENIED.value[0]
    assert_no_secret(result)


async def test_browse_pages_through_a_live_source(
    platform: Platform, workspace: str, pg_source: PgSource
) -> None:
    api = stub(platform)
    saved = await create(platform, workspace, pg_definition(pg_source))
    top = await api.Browse(pb.BrowseRequest(name=saved.name), metadata=platform.admin)
    assert [e.display_name for e in top.entries] == [pg_source.database]
    assert top.entries[0].type == pb.OBJECT_TYPE_DATABASE
    assert top.entries[0].has_children
    path = [pg_source.database, "sales"]
    first = await api.Browse(
        pb.BrowseRequest(name=saved.name, path=path, page_size=2), metadata=platform.admin
    )
    rest = await api.Browse(
        pb.BrowseRequest(name=saved.name, path=path, page_size=2, page_token=first.next_page_token),
        metadata=platform.admin,
    )
    assert [e.display_name for e in first.entries] == ["big_spenders", "customers"]
    assert [e.display_name for e in rest.entries] == ["orders"]
    assert not rest.next_page_token
    assert first.entries[1].row_estimate == 200
    assert first.entries[1].qualified_name.endswith(f"/{pg_source.database}/sales/customers")
    filtered = await api.Browse(
        pb.BrowseRequest(name=saved.name, path=path, name_contains="ORD"), metadata=platform.admin
    )
    assert [e.display_name for e in filtered.entries] == ["orders"]
    with pytest.raises(grpc.aio.AioRpcError) as other:
        await api.Browse(
            pb.BrowseRequest(name=saved.name, path=["postgres"]), metadata=platform.admin
        )
    assert other.value.code() == grpc.StatusCode.NOT_FOUND
    broken = await create(platform, workspace, pg_definition(pg_source, port=free_port()))
    with pytest.raises(grpc.aio.AioRpcError) as down:
        await api.Browse(
            pb.BrowseRequest(name=broken.name, path=[pg_source.database]), metadata=platform.admin
        )
    assert down.value.code() == grpc.StatusCode.UNAVAILABLE
    assert SECRET not in (down.value.details() or "")


async def test_resolve_connection_is_for_services_only(
    platform: Platform, workspace: str, pg_source: PgSource
) -> None:
    api = stub(platform)
    saved = await create(platform, workspace, pg_definition(pg_source))
    with pytest.raises(grpc.aio.AioRpcError) as person:
        await api.ResolveConnection(
            pb.ResolveConnectionRequest(name=saved.name), metadata=platform.admin
        )
    assert person.value.code() == grpc.StatusCode.PERMISSION_DENIED
    identity = ServiceIdentity(load_service_secret(platform.settings), platform.settings)
    resolved = await api.ResolveConnection(
        pb.ResolveConnectionRequest(name=saved.name), metadata=identity.metadata("scan")
    )
    assert resolved.credential.password == SECRET
    assert not resolved.data_source.HasField("credential")
    assert resolved.data_source.has_credential
    async with open_resolved(resolved) as source:
        names = [o.name async for o in source.extract()]
    assert sorted(names) == ["big_spenders", "customers", "events", "orders"]


async def test_connector_kinds(platform: Platform) -> None:
    api = stub(platform)
    available = await api.ListConnectorKinds(
        pb.ListConnectorKindsRequest(), metadata=platform.admin
    )
    everything = await api.ListConnectorKinds(
        pb.ListConnectorKindsRequest(include_unavailable=True), metadata=platform.admin
    )
    kinds = {k.connector: k for k in everything.connector_kinds}
    assert [k.kind for k in everything.connector_kinds] == sorted(
        k.kind for k in everything.connector_kinds
    )
    assert set(kinds) == {
        "postgresql",
        "mysql",
        "sqlite",
        "local_files",
        "azure_blob",
        "databricks",
        "synapse",
    }
    pg = kinds["postgresql"]
    assert pg.available
    assert pg.supports_native_sampling
    assert pg.supports_keys
    assert pg.default_port == 5432
    assert list(pg.credential_types) == [pb.CREDENTIAL_TYPE_PASSWORD]
    assert pb.FILE_FORMAT_PARQUET in kinds["azure_blob"].file_formats
    for extra in ("databricks", "synapse"):
        if not kinds[extra].available:
            assert "pip install" in kinds[extra].unavailable_reason
            assert extra not in {k.connector for k in available.connector_kinds}


async def test_delete_checks_the_etag(
    platform: Platform, workspace: str, sqlite_file: Path
) -> None:
    api = stub(platform)
    source = pb.DataSource(
        display_name=f"Gone {uuid.uuid4().hex[:4]}",
        kind=pb.KIND_SQLITE,
        sqlite=pb.SqliteConfig(path=str(sqlite_file)),
    )
    created = await create(platform, workspace, source)
    with pytest.raises(grpc.aio.AioRpcError) as stale:
        await api.DeleteDataSource(
            pb.DeleteDataSourceRequest(name=created.name, etag='W/"99"'), metadata=platform.admin
        )
    assert stale.value.code() == grpc.StatusCode.ABORTED
    await api.DeleteDataSource(
        pb.DeleteDataSourceRequest(name=created.name, etag=created.etag), metadata=platform.admin
    )
    with pytest.raises(grpc.aio.AioRpcError) as gone:
        await api.GetDataSource(pb.GetDataSourceRequest(name=created.name), metadata=platform.admin)
    assert gone.value.code() == grpc.StatusCode.NOT_FOUND


async def test_a_user_without_a_role_is_refused(platform: Platform, workspace: str) -> None:
    _, metadata = await platform.new_user("nobody")
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub(platform).ListDataSources(
            pb.ListDataSourcesRequest(parent=workspace), metadata=metadata
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_list_filters_orders_and_pages(platform: Platform, sqlite_file: Path) -> None:
    api = stub(platform)
    created_ws = await workspace_pb2_grpc.WorkspaceServiceStub(platform.channel).CreateWorkspace(
        workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name=f"List {uuid.uuid4().hex[:6]}")
        ),
        metadata=platform.admin,
    )
    ws = created_ws.name
    for name in ("Charlie", "alpha", "Bravo"):
        await create(
            platform,
            ws,
            pb.DataSource(
                display_name=name,
                kind=pb.KIND_SQLITE,
                sqlite=pb.SqliteConfig(path=str(sqlite_file)),
                labels={"team": name.lower()},
            ),
        )
    names: list[str] = []
    token = ""
    while True:
        page = await api.ListDataSources(
            pb.ListDataSourcesRequest(parent=ws, page_size=1, page_token=token),
            metadata=platform.admin,
        )
        names += [s.display_name for s in page.data_sources]
        assert page.total_size == 3
        token = page.next_page_token
        if not token:
            break
    assert names == ["alpha", "Bravo", "Charlie"]
    newest = await api.ListDataSources(
        pb.ListDataSourcesRequest(parent=ws, order_by="create_time desc", page_size=2),
        metadata=platform.admin,
    )
    assert [s.display_name for s in newest.data_sources] == ["Bravo", "alpha"]
    after = await api.ListDataSources(
        pb.ListDataSourcesRequest(
            parent=ws, order_by="create_time desc", page_size=2, page_token=newest.next_page_token
        ),
        metadata=platform.admin,
    )
    assert [s.display_name for s in after.data_sources] == ["Charlie"]
    filtered = await api.ListDataSources(
        pb.ListDataSourcesRequest(
            parent=ws, label="team=bravo", kind=pb.KIND_SQLITE, display_name_contains="RAV"
        ),
        metadata=platform.admin,
    )
    assert [s.display_name for s in filtered.data_sources] == ["Bravo"]
    with pytest.raises(grpc.aio.AioRpcError) as reused:
        await api.ListDataSources(
            pb.ListDataSourcesRequest(parent=ws, page_token=newest.next_page_token),
            metadata=platform.admin,
        )
    assert violations(reused.value) == ["page_token"]
