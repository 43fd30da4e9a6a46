"""Data source rows: to and from the contract's messages, and the sealed credential.

The credential is stored as the serialized ``Credential`` message sealed with AES-GCM
under the platform's key file, with the source's resource name as associated data, so
a ciphertext copied onto another source's row does not open. Nothing here returns the
secret to a caller but ``open_credential``, which ResolveConnection and the connection
paths use; rows become messages without it.
"""

from __future__ import annotations

from typing import Any

import asyncpg
from google.protobuf import json_format

from pursight.datasource.v1 import datasource_pb2
from services.connectors.registry import plugin_for
from services.runtime.convert import etag, timestamp
from services.runtime.database import Queryable
from services.runtime.errors import not_found
from services.runtime.secretbox import SecretBox

SELECT = "SELECT * FROM datasource.data_sources"

_CREDENTIAL_TYPES = {
    "password": datasource_pb2.CREDENTIAL_TYPE_PASSWORD,
    "access_token": datasource_pb2.CREDENTIAL_TYPE_ACCESS_TOKEN,
    "account_key": datasource_pb2.CREDENTIAL_TYPE_ACCOUNT_KEY,
    "sas_token": datasource_pb2.CREDENTIAL_TYPE_SAS_TOKEN,
    "connection_string": datasource_pb2.CREDENTIAL_TYPE_CONNECTION_STRING,
    "service_principal": datasource_pb2.CREDENTIAL_TYPE_SERVICE_PRINCIPAL,
}


def name_of(workspace_id: str, source_id: str) -> str:
    return f"workspaces/{workspace_id}/dataSources/{source_id}"


def credential_type(
    credential: datasource_pb2.Credential,
) -> datasource_pb2.CredentialType:
    """The CredentialType of a credential message; UNSPECIFIED when it holds none."""
    which = credential.WhichOneof("secret")
    return _CREDENTIAL_TYPES[which] if which else datasource_pb2.CREDENTIAL_TYPE_UNSPECIFIED


def to_json(message: Any) -> dict[str, Any]:
    """Proto3 JSON with field names as in the .proto, for jsonb columns."""
    result: dict[str, Any] = json_format.MessageToDict(message, preserving_proto_field_name=True)
    return result


def config_json(source: datasource_pb2.DataSource) -> dict[str, Any]:
    """The set config message as JSON (the oneof field is implied by ``kind``)."""
    field = source.WhichOneof("config")
    return to_json(getattr(source, field)) if field else {}


def seal(box: SecretBox, name: str, credential: datasource_pb2.Credential) -> bytes | None:
    if credential.WhichOneof("secret") is None:
        return None
    return box.seal(credential.SerializeToString(), name)


def open_credential(box: SecretBox, row: asyncpg.Record) -> datasource_pb2.Credential | None:
    """The decrypted credential of a row, for connecting; None when it has none."""
    sealed = row["credential"]
    if sealed is None:
        return None
    name = name_of(row["workspace_id"], row["id"])
    return datasource_pb2.Credential.FromString(box.open(bytes(sealed), name))


def to_message(row: asyncpg.Record) -> datasource_pb2.DataSource:
    """A row as the contract's DataSource, without its credential."""
    source = datasource_pb2.DataSource(
        name=name_of(row["workspace_id"], row["id"]),
        display_name=row["display_name"],
        description=row["description"],
        kind=row["kind"],
        labels=row["labels"],
        has_credential=row["credential"] is not None,
        credential_type=row["credential_type"],
        creator=row["creator"],
        create_time=timestamp(row["create_time"]),
        update_time=timestamp(row["update_time"]),
        etag=etag(row["version"]),
    )
    try:
        field = plugin_for(row["kind"]).config_field
    except LookupError:  # a kind whose plug-in this deployment lacks
        field = ""
    if field:
        json_format.ParseDict(row["config"], getattr(source, field), ignore_unknown_fields=True)
    json_format.ParseDict(row["limits"], source.limits, ignore_unknown_fields=True)
    if row["credential_update_time"] is not None:
        source.credential_update_time.CopyFrom(timestamp(row["credential_update_time"]))
    if row["last_test"]:
        json_format.ParseDict(row["last_test"], source.last_test, ignore_unknown_fields=True)
    return source


async def fetch_row(conn: Queryable, workspace_id: str, source_id: str) -> asyncpg.Record:
    row = await conn.fetchrow(
        f"{SELECT} WHERE workspace_id = $1 AND id = $2", workspace_id, source_id
    )
    if row is None:
        raise not_found("DataSource", name_of(workspace_id, source_id))
    return row


async def save_last_test(
    conn: Queryable, workspace_id: str, source_id: str, result: datasource_pb2.ConnectionTestResult
) -> None:
    """Records a test of the saved source; not an edit, so the etag stays."""
    await conn.execute(
        "UPDATE datasource.data_sources SET last_test = $3 WHERE workspace_id = $1 AND id = $2",
        workspace_id,
        source_id,
        to_json(result),
    )
