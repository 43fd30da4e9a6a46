"""Azure Synapse SQL endpoints (dedicated and serverless pools), an optional extra:
``pip install 'pursight[synapse]'`` brings Microsoft's ``mssql-python`` driver, which
bundles its ODBC driver and speaks Entra ID authentication.

The pool is the DATABASE level; metadata comes from INFORMATION_SCHEMA with table and
column descriptions from ``MS_Description`` extended properties. Connections ask for
``ApplicationIntent=ReadOnly`` and encryption, and sessions set a lock timeout.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from pursight.datasource.v1 import datasource_pb2
from services.connectors import names, network
from services.connectors.errors import ConfigCheck, ConnectorError
from services.connectors.model import Capabilities, CredentialType, FailureKind, Kind, ObjectType
from services.connectors.registry import register
from services.connectors.sql._dbapi import DbApiConnector
from services.connectors.sql._server import check_host, check_port
from services.connectors.sql._tls import TlsMode, check_tls

DEFAULT_PORT = 1433


class AuthMethod(enum.IntEnum):
    """Values of ``SynapseConfig.AuthMethod``."""

    SQL_PASSWORD = 1
    ENTRA_PASSWORD = 2
    SERVICE_PRINCIPAL = 3
    DEFAULT_CREDENTIAL = 4


@dataclass(frozen=True)
class SynapseConfig:
    host: str
    port: int
    database: str
    user: str = ""
    auth_method: AuthMethod = AuthMethod.SQL_PASSWORD
    tls_mode: TlsMode = TlsMode.VERIFY_FULL


def _value(text: str) -> str:
    """An ODBC connection-string value, braced so `;` and `=` inside stay literal."""
    return "{" + text.replace("}", "}}") + "}"


@register(
    kind=Kind.SYNAPSE,
    name="synapse",
    display_name="Azure Synapse SQL",
    description="Schemas, tables and views of a Synapse dedicated or serverless SQL pool.",
    config_field="synapse",
    capabilities=Capabilities(row_estimates=True, keys=True, view_definitions=True),
    object_types=(ObjectType.DATABASE, ObjectType.SCHEMA, ObjectType.TABLE, ObjectType.VIEW),
    credential_types=(CredentialType.PASSWORD, CredentialType.SERVICE_PRINCIPAL),
    default_port=DEFAULT_PORT,
    requires=("mssql_python",),
    extra="synapse",
)
class SynapseConnector(DbApiConnector):
    config: SynapseConfig
    product = "Azure Synapse"
    system_schemas = frozenset({"information_schema", "sys", "guest"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._checked = False

    @classmethod
    def parse_config(cls, message: datasource_pb2.SynapseConfig) -> SynapseConfig:
        check = ConfigCheck()
        check_host(check, message.host)
        check_port(check, message.port)
        check.require(bool(message.database.strip()), "database", "is required")
        try:
            method = AuthMethod(message.auth_method or AuthMethod.SQL_PASSWORD)
        except ValueError:
            check.require(False, "auth_method", "is not an authentication method")
            method = AuthMethod.SQL_PASSWORD
        if method in (AuthMethod.SQL_PASSWORD, AuthMethod.ENTRA_PASSWORD):
            check.require(bool(message.user.strip()), "user", "is required with a password")
        mode = check_tls(check, message.tls_mode, "")
        check.require(mode != TlsMode.DISABLE, "tls_mode", "Synapse requires encryption")
        check.done()
        return SynapseConfig(
            host=message.host.strip(),
            port=message.port or DEFAULT_PORT,
            database=message.database.strip(),
            user=message.user.strip(),
            auth_method=method,
            tls_mode=mode or TlsMode.VERIFY_FULL,
        )

    @property
    def root(self) -> str:
        return names.server_url("mssql", self.config.host, self.config.port)

    def quote(self, identifier: str) -> str:
        return "[" + identifier.replace("]", "]]") + "]"

    def _mark(self) -> str:
        return "?"

    async def _check_endpoint(self) -> None:
        if not self._checked:
            await network.resolve(self.config.host, self.config.port)
            self._checked = True

    async def _databases(self, include_system: bool = False) -> list[str]:
        return [self.config.database]

    def _connection_string(self) -> str:
        cfg, credential = self.config, self._credential
        parts = [
            f"Server=tcp:{cfg.host},{cfg.port}",
            f"Database={_value(cfg.database)}",
            "Encrypt=yes",
            f"TrustServerCertificate={'no' if cfg.tls_mode >= TlsMode.VERIFY_CA else 'yes'}",
            "ApplicationIntent=ReadOnly",
        ]
        secret = credential.secret if credential else ""
        if cfg.auth_method == AuthMethod.SQL_PASSWORD:
            parts += [f"UID={_value(cfg.user)}", f"PWD={_value(secret)}"]
        elif cfg.auth_method == AuthMethod.ENTRA_PASSWORD:
            parts += [
                "Authentication=ActiveDirectoryPassword",
                f"UID={_value(cfg.user)}",
                f"PWD={_value(secret)}",
            ]
        elif cfg.auth_method == AuthMethod.SERVICE_PRINCIPAL:
            client = credential.client_id if credential else ""
            parts += [
                "Authentication=ActiveDirectoryServicePrincipal",
                f"UID={_value(client)}",
                f"PWD={_value(secret)}",
            ]
        else:
            parts.append("Authentication=ActiveDirectoryDefault")
        return ";".join(parts)

    def _connect_sync(self) -> Any:
        import mssql_python  # the optional extra

        conn = mssql_python.connect(
            self._connection_string(), timeout=max(1, int(self.limits.connect_timeout))
        )
        conn.timeout = max(1, int(self.limits.statement_timeout))  # per statement
        cursor = conn.cursor()
        cursor.execute(f"SET LOCK_TIMEOUT {int(self.limits.statement_timeout * 1000)}")
        cursor.close()
        return conn

    def _map_error(self, exc: BaseException) -> ConnectorError:
        text = self.scrub(str(exc))
        lowered = text.lower()
        if "failed to load the driver" in lowered:
            return ConnectorError(
                FailureKind.DRIVER_MISSING,
                "mssql-python cannot load its ODBC driver; on Debian or Ubuntu it needs"
                " libltdl7 (apt-get install libltdl7)",
            )
        if "18456" in text or "login failed" in lowered:
            return ConnectorError(FailureKind.AUTH_FAILED, "Synapse refused the login")
        if "4060" in text or "cannot open database" in lowered:
            return ConnectorError(
                FailureKind.NOT_FOUND,
                f"cannot open database {self.config.database!r} (missing, or not granted)",
            )
        if "permission was denied" in lowered or "229" in text:
            return ConnectorError(FailureKind.INSUFFICIENT_PRIVILEGES, text)
        if "invalid object name" in lowered:
            return ConnectorError(FailureKind.NOT_FOUND, text)
        if "tcp provider" in lowered or "08001" in text or isinstance(exc, OSError):
            return ConnectorError(FailureKind.UNREACHABLE, "cannot reach the Synapse endpoint")
        if "timeout" in lowered:
            return ConnectorError(FailureKind.TIMEOUT, "Synapse did not answer in time")
        return ConnectorError(FailureKind.OTHER, text)

    def _catalog_sql(self, what: str, database: str) -> str:
        return _SQL[what]


_SQL = {
    "databases": "SELECT DB_NAME()",
    "version": "SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128))",
    "schemas": ("SELECT name FROM sys.schemas WHERE name NOT LIKE 'db[_]%' ORDER BY name"),
    "tables": (
        "SELECT t.TABLE_NAME, t.TABLE_TYPE, CAST(ep.value AS nvarchar(4000)),"
        " (SELECT SUM(p.rows) FROM sys.partitions p WHERE p.object_id = o.object_id"
        "  AND p.index_id IN (0, 1)),"
        " v.VIEW_DEFINITION"
        " FROM INFORMATION_SCHEMA.TABLES t"
        " JOIN sys.objects o ON o.object_id ="
        "  OBJECT_ID(QUOTENAME(t.TABLE_SCHEMA) + '.' + QUOTENAME(t.TABLE_NAME))"
        " LEFT JOIN sys.extended_properties ep ON ep.major_id = o.object_id"
        "  AND ep.minor_id = 0 AND ep.name = 'MS_Description'"
        " LEFT JOIN INFORMATION_SCHEMA.VIEWS v"
        "  ON v.TABLE_SCHEMA = t.TABLE_SCHEMA AND v.TABLE_NAME = t.TABLE_NAME"
        " WHERE t.TABLE_SCHEMA = ? ORDER BY t.TABLE_NAME"
    ),
    "columns": (
        "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.ORDINAL_POSITION,"
        " c.DATA_TYPE + COALESCE('(' + CAST(NULLIF(c.CHARACTER_MAXIMUM_LENGTH, -1)"
        "  AS varchar(12)) + ')', ''),"
        " c.IS_NULLABLE, CAST(ep.value AS nvarchar(4000)), c.COLUMN_DEFAULT"
        " FROM INFORMATION_SCHEMA.COLUMNS c"
        " LEFT JOIN sys.extended_properties ep ON ep.major_id ="
        "  OBJECT_ID(QUOTENAME(c.TABLE_SCHEMA) + '.' + QUOTENAME(c.TABLE_NAME))"
        "  AND ep.minor_id = COLUMNPROPERTY(ep.major_id, c.COLUMN_NAME, 'ColumnId')"
        "  AND ep.name = 'MS_Description'"
        " WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME IN ({marks})"
        " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION"
    ),
    "keys": (
        "SELECT k.TABLE_NAME, k.COLUMN_NAME, c.CONSTRAINT_TYPE, u.TABLE_SCHEMA,"
        " u.TABLE_NAME, u.COLUMN_NAME"
        " FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k"
        " JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS c"
        "  ON c.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
        " LEFT JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r"
        "  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
        " LEFT JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE u"
        "  ON u.CONSTRAINT_SCHEMA = r.UNIQUE_CONSTRAINT_SCHEMA"
        "  AND u.CONSTRAINT_NAME = r.UNIQUE_CONSTRAINT_NAME"
        "  AND u.ORDINAL_POSITION = k.ORDINAL_POSITION"
        " WHERE k.TABLE_SCHEMA = ? AND k.TABLE_NAME IN ({marks})"
    ),
    "sample": "SELECT TOP ({n}) {select} FROM {target}",
}
