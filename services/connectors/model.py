"""What connectors hand back: plain frozen dataclasses, free of driver and proto types.

The scan service imports these to turn extracted objects into catalog assets, so they
carry everything an asset needs (qualified names, parents, columns with keys and
comments, row estimates) and nothing that ties a caller to one driver. The enums share
their numbers with ``pursight.datasource.v1`` so conversion is a cast (a unit test
keeps them in step).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


class Kind(enum.IntEnum):
    """Data source kinds; values of ``pursight.datasource.v1.Kind``."""

    POSTGRESQL = 1
    MYSQL = 2
    SQLITE = 3
    LOCAL_FILES = 4
    AZURE_BLOB = 5
    DATABRICKS = 6
    SYNAPSE = 7


class ObjectType(enum.IntEnum):
    """Objects a source holds; values of ``pursight.datasource.v1.ObjectType``."""

    DATABASE = 1
    SCHEMA = 2
    TABLE = 3
    VIEW = 4
    FOLDER = 5
    FILE = 6


class FileFormat(enum.IntEnum):
    """File formats; values of ``pursight.datasource.v1.FileFormat``."""

    CSV = 1
    PARQUET = 2
    JSON = 3
    JSON_LINES = 4

    @property
    def short(self) -> str:
        """The name the catalog stores in ``TableInfo.file_format``."""
        return {1: "csv", 2: "parquet", 3: "json", 4: "jsonl"}[self.value]


class CredentialType(enum.IntEnum):
    """Secrets a source may hold; values of ``pursight.datasource.v1.CredentialType``."""

    PASSWORD = 1
    ACCESS_TOKEN = 2
    ACCOUNT_KEY = 3
    SAS_TOKEN = 4
    CONNECTION_STRING = 5
    SERVICE_PRINCIPAL = 6


class FailureKind(enum.IntEnum):
    """Why connecting or reading failed; values of
    ``pursight.datasource.v1.ConnectionTestResult.FailureKind``. ``NOT_FOUND`` is the
    contract's ``FAILURE_KIND_DATABASE_NOT_FOUND``: the database, container, folder,
    file or (at scan time) table is not there."""

    UNREACHABLE = 1
    TIMEOUT = 2
    TLS_FAILED = 3
    AUTH_FAILED = 4
    NOT_FOUND = 5
    INSUFFICIENT_PRIVILEGES = 6
    ADDRESS_BLOCKED = 7
    DRIVER_MISSING = 8
    INVALID_CONFIG = 9
    OTHER = 10


@dataclass(frozen=True)
class Credential:
    """A decrypted secret. Its ``repr`` hides the secret, so an accidental log line or
    traceback variable dump does not leak it."""

    type: CredentialType
    secret: str = field(repr=False)
    # Service principals only: the secret is the client secret.
    tenant_id: str = ""
    client_id: str = ""

    def secrets(self) -> tuple[str, ...]:
        """Strings that must never appear in a message (for scrubbing driver errors)."""
        return (self.secret,) if self.secret else ()


@dataclass(frozen=True)
class Limits:
    """How gently to treat a source: connections at once (across this process) and
    timeouts, in seconds."""

    max_connections: int = 4
    statement_timeout: float = 30.0
    connect_timeout: float = 10.0


@dataclass(frozen=True)
class Capabilities:
    """What a plug-in can do, as ListConnectorKinds reports it."""

    sampling: bool = True
    native_sampling: bool = False
    profiling: bool = True
    incremental: bool = False
    row_estimates: bool = False
    keys: bool = False
    view_definitions: bool = False


@dataclass(frozen=True, slots=True)
class Container:
    """A database, schema or folder that encloses objects, for building the catalog's
    hierarchy (source > database > schema > table)."""

    type: ObjectType
    name: str
    qualified_name: str


@dataclass(frozen=True, slots=True)
class ColumnMetadata:
    """One column of a table, view or file."""

    name: str
    qualified_name: str  # the object's qualified name + ``#`` + the column name
    data_type: str  # as the source spells it: ``character varying(255)``, ``int64``
    nullable: bool = True
    ordinal: int = 0  # from 1
    primary_key: bool = False
    foreign_key: str = ""  # the referenced column's qualified name
    comment: str = ""
    default: str = ""


@dataclass(frozen=True, slots=True)
class ObjectMetadata:
    """A table, view or file with its columns, as one bulk extraction found it.

    ``path`` is the object's position from the source's root, the same segments Browse
    uses (``("shop", "public", "customers")``, ``("raw", "orders.csv")``); ``sample``
    takes the object back.
    """

    type: ObjectType
    name: str
    path: tuple[str, ...]
    qualified_name: str
    parents: tuple[Container, ...]  # outermost first, the source itself excluded
    columns: tuple[ColumnMetadata, ...] = ()
    comment: str = ""
    row_estimate: int | None = None
    size_bytes: int | None = None
    modify_time: datetime | None = None
    view_definition: str = ""
    file_format: FileFormat | None = None
    properties: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BrowseItem:
    """One entry Browse lists directly under a path."""

    path: tuple[str, ...]
    type: ObjectType
    qualified_name: str
    has_children: bool
    row_estimate: int | None = None
    size_bytes: int | None = None
    file_format: FileFormat | None = None
    modify_time: datetime | None = None

    @property
    def name(self) -> str:
        return self.path[-1]


@dataclass(frozen=True, slots=True)
class ColumnProfile:
    """Statistics of one column, from a sample or the source's own statistics."""

    null_fraction: float
    distinct_count: int
    min_value: str | None
    max_value: str | None
    mean_length: float
    sampled_rows: int
    source: str = "sample"  # or ``pg_stats``: where the numbers came from


@dataclass(frozen=True, slots=True)
class Sample:
    """Rows read from one object, by column, as text (None for null).

    ``method`` says how they were read (``tablesample``, ``limit``, ``head``,
    ``row_groups``) so a report can tell a random sample from the first rows.
    """

    values: Mapping[str, list[str | None]]
    rows: int
    method: str

    def __getitem__(self, column: str) -> list[str | None]:
        return self.values[column]


@dataclass(frozen=True, slots=True)
class CheckStep:
    """One step of a connection test: ``resolve``, ``connect``, ``authenticate``,
    ``database``, ``read_catalog`` or ``read_data``."""

    step: str
    ok: bool
    message: str
    latency: float  # seconds


@dataclass(frozen=True)
class ConnectionCheck:
    """What a connection test found. A refusal by the source is a result, not an
    exception: ``failure`` says which kind, and ``code`` the gRPC status it maps to."""

    ok: bool
    message: str
    steps: tuple[CheckStep, ...]
    latency: float
    failure: FailureKind | None = None
    server_version: str = ""
    missing_privileges: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        """The gRPC status code name, ``OK`` when the test passed."""
        from services.connectors.errors import status_code

        return "OK" if self.failure is None else status_code(self.failure).name
