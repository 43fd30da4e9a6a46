"""Between the datasource contract's messages and the connectors' own types.

Both services that use connectors speak ``pursight.datasource.v1``: the datasource
service to validate definitions and report tests, the scan service to open a source from
``ResolveConnection``'s answer. Keeping the conversions here gives them one spelling.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from google.protobuf import duration_pb2, timestamp_pb2
from google.rpc import code_pb2

from pursight.datasource.v1 import datasource_pb2
from services.connectors.base import Connector
from services.connectors.errors import ConfigError, status_code
from services.connectors.model import (
    BrowseItem,
    ConnectionCheck,
    Credential,
    CredentialType,
    Limits,
)
from services.connectors.registry import Plugin, plugin_for
from services.connectors.scope import Scope

_Failure = datasource_pb2.ConnectionTestResult.FailureKind

_SECRET_FIELDS = {
    "password": CredentialType.PASSWORD,
    "access_token": CredentialType.ACCESS_TOKEN,
    "account_key": CredentialType.ACCOUNT_KEY,
    "sas_token": CredentialType.SAS_TOKEN,
    "connection_string": CredentialType.CONNECTION_STRING,
    "service_principal": CredentialType.SERVICE_PRINCIPAL,
}


def credential_from_proto(message: datasource_pb2.Credential) -> Credential | None:
    """The credential a message holds, or None when it holds none."""
    which = message.WhichOneof("secret")
    if which is None:
        return None
    kind = _SECRET_FIELDS[which]
    if which == "service_principal":
        sp = message.service_principal
        return Credential(kind, sp.client_secret, tenant_id=sp.tenant_id, client_id=sp.client_id)
    return Credential(kind, str(getattr(message, which)))


def _seconds(value: duration_pb2.Duration, default: float) -> float:
    seconds = value.seconds + value.nanos / 1e9
    return seconds if seconds > 0 else default


def limits_from_proto(message: datasource_pb2.ConnectionLimits) -> Limits:
    defaults = Limits()
    return Limits(
        max_connections=message.max_connections or defaults.max_connections,
        statement_timeout=_seconds(message.statement_timeout, defaults.statement_timeout),
        connect_timeout=_seconds(message.connect_timeout, defaults.connect_timeout),
    )


def plugin_of(source: datasource_pb2.DataSource) -> Plugin:
    """The plug-in serving a data source's kind (LookupError when none does)."""
    return plugin_for(source.kind)


def parse_source_config(source: datasource_pb2.DataSource) -> Any:
    """The typed config of ``source``; ConfigError (field paths relative to the data
    source, ``postgresql.host``) when it is invalid or does not match the kind."""
    plugin = plugin_of(source)
    chosen = source.WhichOneof("config")
    if chosen != plugin.config_field:
        raise ConfigError([(plugin.config_field, f"is required for {plugin.display_name}")])
    try:
        return plugin.parse_config(getattr(source, plugin.config_field))
    except ConfigError as exc:
        raise ConfigError([(f"{plugin.config_field}.{f}", d) for f, d in exc.violations]) from None


def open_source(
    source: datasource_pb2.DataSource,
    credential: datasource_pb2.Credential | None,
    *,
    source_key: str = "",
) -> Connector:
    """A connector for a data source message and its (decrypted) credential. The
    concurrency cap is shared by every connector opened with the same ``source_key``
    (default: the source's name) in this process."""
    plugin = plugin_of(source)
    config = parse_source_config(source)
    secret = credential_from_proto(credential) if credential is not None else None
    return plugin.open(
        config,
        secret,
        limits_from_proto(source.limits),
        source_key=source_key or source.name,
    )


def open_resolved(resolved: datasource_pb2.ResolveConnectionResponse) -> Connector:
    """A connector from DataSourceService.ResolveConnection's answer (the scan service's
    way in)."""
    return open_source(resolved.data_source, resolved.credential)


def scope_from_message(message: Any) -> Scope:
    """A Scope from any message with ScanScope's fields (``pursight.scan.v1.ScanScope``)."""
    return Scope(
        databases=tuple(message.databases),
        include_schemas=tuple(message.include_schemas),
        exclude_schemas=tuple(message.exclude_schemas),
        include_tables=tuple(message.include_tables),
        exclude_tables=tuple(message.exclude_tables),
        include_paths=tuple(message.include_paths),
        exclude_paths=tuple(message.exclude_paths),
        exclude_views=bool(message.exclude_views),
    )


def _duration(seconds: float) -> duration_pb2.Duration:
    value = duration_pb2.Duration()
    value.FromNanoseconds(int(seconds * 1e9))
    return value


def check_to_proto(check: ConnectionCheck, when: datetime) -> datasource_pb2.ConnectionTestResult:
    test_time = timestamp_pb2.Timestamp()
    test_time.FromDatetime(when)
    code = code_pb2.OK if check.failure is None else status_code(check.failure).value[0]
    return datasource_pb2.ConnectionTestResult(
        ok=check.ok,
        failure_kind=_Failure.Name(int(check.failure or 0)),
        code=code,
        message=check.message,
        checks=[
            datasource_pb2.ConnectionTestResult.Check(
                step=s.step, ok=s.ok, message=s.message, latency=_duration(s.latency)
            )
            for s in check.steps
        ],
        latency=_duration(check.latency),
        server_version=check.server_version,
        missing_privileges=list(check.missing_privileges),
        test_time=test_time,
    )


def browse_item_to_proto(item: BrowseItem) -> datasource_pb2.BrowseEntry:
    entry = datasource_pb2.BrowseEntry(
        path=list(item.path),
        display_name=item.name,
        type=datasource_pb2.ObjectType.Name(int(item.type)),
        has_children=item.has_children,
        row_estimate=item.row_estimate or 0,
        size_bytes=item.size_bytes or 0,
        format=datasource_pb2.FileFormat.Name(int(item.file_format or 0)),
        qualified_name=item.qualified_name,
    )
    if item.modify_time is not None:
        entry.modify_time.FromDatetime(item.modify_time)
    return entry


def plugin_to_proto(plugin: Plugin) -> datasource_pb2.ConnectorKind:
    caps = plugin.capabilities
    reason = plugin.unavailable_reason()
    return datasource_pb2.ConnectorKind(
        kind=datasource_pb2.Kind.Name(int(plugin.kind)),
        connector=plugin.name,
        display_name=plugin.display_name,
        description=plugin.description,
        version=plugin.version,
        available=not reason,
        unavailable_reason=reason,
        object_types=[datasource_pb2.ObjectType.Name(int(t)) for t in plugin.object_types],
        credential_types=[
            datasource_pb2.CredentialType.Name(int(t)) for t in plugin.credential_types
        ],
        file_formats=[datasource_pb2.FileFormat.Name(int(f)) for f in plugin.file_formats],
        supports_sampling=caps.sampling,
        supports_native_sampling=caps.native_sampling,
        supports_profiling=caps.profiling,
        supports_incremental=caps.incremental,
        supports_row_estimates=caps.row_estimates,
        supports_keys=caps.keys,
        supports_view_definitions=caps.view_definitions,
        default_port=plugin.default_port,
    )
