"""Databricks SQL warehouses (Unity Catalog), an optional extra:
``pip install 'pursight[databricks]'`` brings ``databricks-sql-connector``.

Catalogs are the DATABASE level; metadata comes from each catalog's
INFORMATION_SCHEMA, samples from ``TABLESAMPLE (n ROWS)``, and every session carries
``STATEMENT_TIMEOUT``. The host is checked against link-local and metadata addresses
before the driver connects; the driver then speaks HTTPS with certificate and host-name
verification, so a changed DNS answer cannot reach another endpoint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pursight.datasource.v1 import datasource_pb2
from services.connectors import network
from services.connectors.errors import ConfigCheck, ConnectorError
from services.connectors.model import Capabilities, CredentialType, FailureKind, Kind, ObjectType
from services.connectors.registry import register
from services.connectors.sql._dbapi import DbApiConnector
from services.connectors.sql._server import check_host

_HTTP_PATH = re.compile(r"^/[A-Za-z0-9/._-]{1,255}$")


@dataclass(frozen=True)
class DatabricksConfig:
    server_hostname: str
    http_path: str
    catalog: str = ""


@register(
    kind=Kind.DATABRICKS,
    name="databricks",
    display_name="Databricks SQL",
    description="Unity Catalog catalogs, schemas, tables and views through a SQL warehouse.",
    config_field="databricks",
    capabilities=Capabilities(native_sampling=True, keys=True, view_definitions=True),
    object_types=(ObjectType.DATABASE, ObjectType.SCHEMA, ObjectType.TABLE, ObjectType.VIEW),
    credential_types=(CredentialType.ACCESS_TOKEN, CredentialType.SERVICE_PRINCIPAL),
    default_port=443,
    requires=("databricks.sql",),
    extra="databricks",
)
class DatabricksConnector(DbApiConnector):
    config: DatabricksConfig
    product = "Databricks"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._checked = False

    @classmethod
    def parse_config(cls, message: datasource_pb2.DatabricksConfig) -> DatabricksConfig:
        check = ConfigCheck()
        check_host(check, message.server_hostname, "server_hostname")
        check.require(
            bool(_HTTP_PATH.match(message.http_path)),
            "http_path",
            "must look like /sql/1.0/warehouses/<id>",
        )
        check.done()
        return DatabricksConfig(
            message.server_hostname.strip().lower(), message.http_path, message.catalog.strip()
        )

    @property
    def root(self) -> str:
        return f"databricks://{self.config.server_hostname}"

    def quote(self, identifier: str) -> str:
        return "`" + identifier.replace("`", "``") + "`"

    def _mark(self) -> str:
        return "?"

    async def _check_endpoint(self) -> None:
        if not self._checked:
            await network.resolve(self.config.server_hostname, 443)
            self._checked = True

    async def _databases(self, include_system: bool = False) -> list[str]:
        if self.config.catalog:
            return [self.config.catalog]
        return await super()._databases(include_system)

    def _connect_sync(self) -> Any:
        from databricks import sql  # the optional extra

        credential = self._credential
        if credential is None or credential.type != CredentialType.ACCESS_TOKEN:
            raise ConnectorError(
                FailureKind.INVALID_CONFIG, "Databricks needs an access token credential"
            )
        return sql.connect(
            server_hostname=self.config.server_hostname,
            http_path=self.config.http_path,
            access_token=credential.secret,
            session_configuration={"STATEMENT_TIMEOUT": str(int(self.limits.statement_timeout))},
            _socket_timeout=self.limits.connect_timeout + self.limits.statement_timeout,
            # The driver retries for 15 minutes by default (a warehouse waking up); keep
            # within the source's own limits instead.
            _retry_stop_after_attempts_count=5,
            _retry_stop_after_attempts_duration=max(
                1.0, self.limits.connect_timeout + self.limits.statement_timeout
            ),
        )

    def _map_error(self, exc: BaseException) -> ConnectorError:
        text = str(exc)
        lowered = text.lower()
        if "401" in text or "unauthorized" in lowered or "invalid access token" in lowered:
            return ConnectorError(FailureKind.AUTH_FAILED, "Databricks refused the access token")
        if "403" in text or "permission_denied" in lowered or "insufficient" in lowered:
            return ConnectorError(FailureKind.INSUFFICIENT_PRIVILEGES, self.scrub(text))
        if "not_found" in lowered or "does not exist" in lowered:
            return ConnectorError(FailureKind.NOT_FOUND, self.scrub(text))
        if "timeout" in lowered or "timed out" in lowered:
            return ConnectorError(FailureKind.TIMEOUT, "Databricks did not answer in time")
        if _caused_by_network(exc) or "connection" in lowered or "error during request" in lowered:
            return ConnectorError(FailureKind.UNREACHABLE, "cannot reach the SQL warehouse")
        return ConnectorError(FailureKind.OTHER, self.scrub(text))

    def _catalog_sql(self, what: str, database: str) -> str:
        schema = f"{self.quote(database)}.information_schema" if database else ""
        if what == "databases":
            return "SELECT catalog_name FROM system.information_schema.catalogs ORDER BY 1"
        if what == "version":
            return "SELECT version()"
        if what == "sample":
            return "SELECT {select} FROM {target} TABLESAMPLE ({n} ROWS) LIMIT {n}"
        return _SQL[what].replace("{schema}", schema)


_SQL = {
    "schemas": "SELECT schema_name FROM {schema}.schemata ORDER BY 1",
    "tables": (
        "SELECT t.table_name, t.table_type, t.comment, NULL, v.view_definition"
        " FROM {schema}.tables t LEFT JOIN {schema}.views v"
        " ON v.table_schema = t.table_schema AND v.table_name = t.table_name"
        " WHERE t.table_schema = ? ORDER BY t.table_name"
    ),
    "columns": (
        "SELECT table_name, column_name, ordinal_position + 1, full_data_type, is_nullable,"
        " comment, column_default FROM {schema}.columns"
        " WHERE table_schema = ? AND table_name IN ({marks})"
        " ORDER BY table_name, ordinal_position"
    ),
    "keys": (
        "SELECT k.table_name, k.column_name, c.constraint_type, u.table_schema,"
        " u.table_name, u.column_name"
        " FROM {schema}.key_column_usage k JOIN {schema}.table_constraints c"
        " ON c.constraint_schema = k.constraint_schema AND c.constraint_name = k.constraint_name"
        " LEFT JOIN {schema}.referential_constraints r"
        " ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name"
        " LEFT JOIN {schema}.key_column_usage u"
        " ON u.constraint_schema = r.unique_constraint_schema"
        " AND u.constraint_name = r.unique_constraint_name"
        " AND u.ordinal_position = k.position_in_unique_constraint"
        " WHERE k.table_schema = ? AND k.table_name IN ({marks})"
    ),
}


def _caused_by_network(exc: BaseException) -> bool:
    """True when a socket error lies anywhere in the driver's chain of causes."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, OSError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
