import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import code_pb2 as _code_pb2
from pursight.common.v1 import access_pb2 as _access_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    KIND_UNSPECIFIED: _ClassVar[Kind]
    KIND_POSTGRESQL: _ClassVar[Kind]
    KIND_MYSQL: _ClassVar[Kind]
    KIND_SQLITE: _ClassVar[Kind]
    KIND_LOCAL_FILES: _ClassVar[Kind]
    KIND_AZURE_BLOB: _ClassVar[Kind]
    KIND_DATABRICKS: _ClassVar[Kind]
    KIND_SYNAPSE: _ClassVar[Kind]

class TlsMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TLS_MODE_UNSPECIFIED: _ClassVar[TlsMode]
    TLS_MODE_DISABLE: _ClassVar[TlsMode]
    TLS_MODE_PREFER: _ClassVar[TlsMode]
    TLS_MODE_REQUIRE: _ClassVar[TlsMode]
    TLS_MODE_VERIFY_CA: _ClassVar[TlsMode]
    TLS_MODE_VERIFY_FULL: _ClassVar[TlsMode]

class FileFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FILE_FORMAT_UNSPECIFIED: _ClassVar[FileFormat]
    FILE_FORMAT_CSV: _ClassVar[FileFormat]
    FILE_FORMAT_PARQUET: _ClassVar[FileFormat]
    FILE_FORMAT_JSON: _ClassVar[FileFormat]
    FILE_FORMAT_JSON_LINES: _ClassVar[FileFormat]

class CredentialType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CREDENTIAL_TYPE_UNSPECIFIED: _ClassVar[CredentialType]
    CREDENTIAL_TYPE_PASSWORD: _ClassVar[CredentialType]
    CREDENTIAL_TYPE_ACCESS_TOKEN: _ClassVar[CredentialType]
    CREDENTIAL_TYPE_ACCOUNT_KEY: _ClassVar[CredentialType]
    CREDENTIAL_TYPE_SAS_TOKEN: _ClassVar[CredentialType]
    CREDENTIAL_TYPE_CONNECTION_STRING: _ClassVar[CredentialType]
    CREDENTIAL_TYPE_SERVICE_PRINCIPAL: _ClassVar[CredentialType]

class ObjectType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OBJECT_TYPE_UNSPECIFIED: _ClassVar[ObjectType]
    OBJECT_TYPE_DATABASE: _ClassVar[ObjectType]
    OBJECT_TYPE_SCHEMA: _ClassVar[ObjectType]
    OBJECT_TYPE_TABLE: _ClassVar[ObjectType]
    OBJECT_TYPE_VIEW: _ClassVar[ObjectType]
    OBJECT_TYPE_FOLDER: _ClassVar[ObjectType]
    OBJECT_TYPE_FILE: _ClassVar[ObjectType]
KIND_UNSPECIFIED: Kind
KIND_POSTGRESQL: Kind
KIND_MYSQL: Kind
KIND_SQLITE: Kind
KIND_LOCAL_FILES: Kind
KIND_AZURE_BLOB: Kind
KIND_DATABRICKS: Kind
KIND_SYNAPSE: Kind
TLS_MODE_UNSPECIFIED: TlsMode
TLS_MODE_DISABLE: TlsMode
TLS_MODE_PREFER: TlsMode
TLS_MODE_REQUIRE: TlsMode
TLS_MODE_VERIFY_CA: TlsMode
TLS_MODE_VERIFY_FULL: TlsMode
FILE_FORMAT_UNSPECIFIED: FileFormat
FILE_FORMAT_CSV: FileFormat
FILE_FORMAT_PARQUET: FileFormat
FILE_FORMAT_JSON: FileFormat
FILE_FORMAT_JSON_LINES: FileFormat
CREDENTIAL_TYPE_UNSPECIFIED: CredentialType
CREDENTIAL_TYPE_PASSWORD: CredentialType
CREDENTIAL_TYPE_ACCESS_TOKEN: CredentialType
CREDENTIAL_TYPE_ACCOUNT_KEY: CredentialType
CREDENTIAL_TYPE_SAS_TOKEN: CredentialType
CREDENTIAL_TYPE_CONNECTION_STRING: CredentialType
CREDENTIAL_TYPE_SERVICE_PRINCIPAL: CredentialType
OBJECT_TYPE_UNSPECIFIED: ObjectType
OBJECT_TYPE_DATABASE: ObjectType
OBJECT_TYPE_SCHEMA: ObjectType
OBJECT_TYPE_TABLE: ObjectType
OBJECT_TYPE_VIEW: ObjectType
OBJECT_TYPE_FOLDER: ObjectType
OBJECT_TYPE_FILE: ObjectType

class DataSource(_message.Message):
    __slots__ = ("name", "display_name", "description", "kind", "postgresql", "mysql", "sqlite", "local_files", "azure_blob", "databricks", "synapse", "credential", "has_credential", "credential_type", "credential_update_time", "limits", "labels", "last_test", "asset", "creator", "create_time", "update_time", "etag")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    POSTGRESQL_FIELD_NUMBER: _ClassVar[int]
    MYSQL_FIELD_NUMBER: _ClassVar[int]
    SQLITE_FIELD_NUMBER: _ClassVar[int]
    LOCAL_FILES_FIELD_NUMBER: _ClassVar[int]
    AZURE_BLOB_FIELD_NUMBER: _ClassVar[int]
    DATABRICKS_FIELD_NUMBER: _ClassVar[int]
    SYNAPSE_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    HAS_CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    LAST_TEST_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    kind: Kind
    postgresql: PostgreSqlConfig
    mysql: MySqlConfig
    sqlite: SqliteConfig
    local_files: LocalFilesConfig
    azure_blob: AzureBlobConfig
    databricks: DatabricksConfig
    synapse: SynapseConfig
    credential: Credential
    has_credential: bool
    credential_type: CredentialType
    credential_update_time: _timestamp_pb2.Timestamp
    limits: ConnectionLimits
    labels: _containers.ScalarMap[str, str]
    last_test: ConnectionTestResult
    asset: str
    creator: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., kind: _Optional[_Union[Kind, str]] = ..., postgresql: _Optional[_Union[PostgreSqlConfig, _Mapping]] = ..., mysql: _Optional[_Union[MySqlConfig, _Mapping]] = ..., sqlite: _Optional[_Union[SqliteConfig, _Mapping]] = ..., local_files: _Optional[_Union[LocalFilesConfig, _Mapping]] = ..., azure_blob: _Optional[_Union[AzureBlobConfig, _Mapping]] = ..., databricks: _Optional[_Union[DatabricksConfig, _Mapping]] = ..., synapse: _Optional[_Union[SynapseConfig, _Mapping]] = ..., credential: _Optional[_Union[Credential, _Mapping]] = ..., has_credential: _Optional[bool] = ..., credential_type: _Optional[_Union[CredentialType, str]] = ..., credential_update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., limits: _Optional[_Union[ConnectionLimits, _Mapping]] = ..., labels: _Optional[_Mapping[str, str]] = ..., last_test: _Optional[_Union[ConnectionTestResult, _Mapping]] = ..., asset: _Optional[str] = ..., creator: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class PostgreSqlConfig(_message.Message):
    __slots__ = ("host", "port", "database", "additional_databases", "user", "tls_mode", "ca_certificate")
    HOST_FIELD_NUMBER: _ClassVar[int]
    PORT_FIELD_NUMBER: _ClassVar[int]
    DATABASE_FIELD_NUMBER: _ClassVar[int]
    ADDITIONAL_DATABASES_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    TLS_MODE_FIELD_NUMBER: _ClassVar[int]
    CA_CERTIFICATE_FIELD_NUMBER: _ClassVar[int]
    host: str
    port: int
    database: str
    additional_databases: _containers.RepeatedScalarFieldContainer[str]
    user: str
    tls_mode: TlsMode
    ca_certificate: str
    def __init__(self, host: _Optional[str] = ..., port: _Optional[int] = ..., database: _Optional[str] = ..., additional_databases: _Optional[_Iterable[str]] = ..., user: _Optional[str] = ..., tls_mode: _Optional[_Union[TlsMode, str]] = ..., ca_certificate: _Optional[str] = ...) -> None: ...

class MySqlConfig(_message.Message):
    __slots__ = ("host", "port", "database", "user", "tls_mode", "ca_certificate")
    HOST_FIELD_NUMBER: _ClassVar[int]
    PORT_FIELD_NUMBER: _ClassVar[int]
    DATABASE_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    TLS_MODE_FIELD_NUMBER: _ClassVar[int]
    CA_CERTIFICATE_FIELD_NUMBER: _ClassVar[int]
    host: str
    port: int
    database: str
    user: str
    tls_mode: TlsMode
    ca_certificate: str
    def __init__(self, host: _Optional[str] = ..., port: _Optional[int] = ..., database: _Optional[str] = ..., user: _Optional[str] = ..., tls_mode: _Optional[_Union[TlsMode, str]] = ..., ca_certificate: _Optional[str] = ...) -> None: ...

class SqliteConfig(_message.Message):
    __slots__ = ("path",)
    PATH_FIELD_NUMBER: _ClassVar[int]
    path: str
    def __init__(self, path: _Optional[str] = ...) -> None: ...

class FileParsingOptions(_message.Message):
    __slots__ = ("formats", "csv_delimiter", "csv_no_header", "encoding", "group_partitions")
    FORMATS_FIELD_NUMBER: _ClassVar[int]
    CSV_DELIMITER_FIELD_NUMBER: _ClassVar[int]
    CSV_NO_HEADER_FIELD_NUMBER: _ClassVar[int]
    ENCODING_FIELD_NUMBER: _ClassVar[int]
    GROUP_PARTITIONS_FIELD_NUMBER: _ClassVar[int]
    formats: _containers.RepeatedScalarFieldContainer[FileFormat]
    csv_delimiter: str
    csv_no_header: bool
    encoding: str
    group_partitions: bool
    def __init__(self, formats: _Optional[_Iterable[_Union[FileFormat, str]]] = ..., csv_delimiter: _Optional[str] = ..., csv_no_header: _Optional[bool] = ..., encoding: _Optional[str] = ..., group_partitions: _Optional[bool] = ...) -> None: ...

class LocalFilesConfig(_message.Message):
    __slots__ = ("root_path", "recursive", "parsing")
    ROOT_PATH_FIELD_NUMBER: _ClassVar[int]
    RECURSIVE_FIELD_NUMBER: _ClassVar[int]
    PARSING_FIELD_NUMBER: _ClassVar[int]
    root_path: str
    recursive: bool
    parsing: FileParsingOptions
    def __init__(self, root_path: _Optional[str] = ..., recursive: _Optional[bool] = ..., parsing: _Optional[_Union[FileParsingOptions, _Mapping]] = ...) -> None: ...

class AzureBlobConfig(_message.Message):
    __slots__ = ("account_url", "container", "prefix", "auth_method", "parsing")
    class AuthMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        AUTH_METHOD_UNSPECIFIED: _ClassVar[AzureBlobConfig.AuthMethod]
        AUTH_METHOD_ACCOUNT_KEY: _ClassVar[AzureBlobConfig.AuthMethod]
        AUTH_METHOD_SAS_TOKEN: _ClassVar[AzureBlobConfig.AuthMethod]
        AUTH_METHOD_CONNECTION_STRING: _ClassVar[AzureBlobConfig.AuthMethod]
        AUTH_METHOD_SERVICE_PRINCIPAL: _ClassVar[AzureBlobConfig.AuthMethod]
        AUTH_METHOD_DEFAULT_CREDENTIAL: _ClassVar[AzureBlobConfig.AuthMethod]
        AUTH_METHOD_ANONYMOUS: _ClassVar[AzureBlobConfig.AuthMethod]
    AUTH_METHOD_UNSPECIFIED: AzureBlobConfig.AuthMethod
    AUTH_METHOD_ACCOUNT_KEY: AzureBlobConfig.AuthMethod
    AUTH_METHOD_SAS_TOKEN: AzureBlobConfig.AuthMethod
    AUTH_METHOD_CONNECTION_STRING: AzureBlobConfig.AuthMethod
    AUTH_METHOD_SERVICE_PRINCIPAL: AzureBlobConfig.AuthMethod
    AUTH_METHOD_DEFAULT_CREDENTIAL: AzureBlobConfig.AuthMethod
    AUTH_METHOD_ANONYMOUS: AzureBlobConfig.AuthMethod
    ACCOUNT_URL_FIELD_NUMBER: _ClassVar[int]
    CONTAINER_FIELD_NUMBER: _ClassVar[int]
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    AUTH_METHOD_FIELD_NUMBER: _ClassVar[int]
    PARSING_FIELD_NUMBER: _ClassVar[int]
    account_url: str
    container: str
    prefix: str
    auth_method: AzureBlobConfig.AuthMethod
    parsing: FileParsingOptions
    def __init__(self, account_url: _Optional[str] = ..., container: _Optional[str] = ..., prefix: _Optional[str] = ..., auth_method: _Optional[_Union[AzureBlobConfig.AuthMethod, str]] = ..., parsing: _Optional[_Union[FileParsingOptions, _Mapping]] = ...) -> None: ...

class DatabricksConfig(_message.Message):
    __slots__ = ("server_hostname", "http_path", "catalog")
    SERVER_HOSTNAME_FIELD_NUMBER: _ClassVar[int]
    HTTP_PATH_FIELD_NUMBER: _ClassVar[int]
    CATALOG_FIELD_NUMBER: _ClassVar[int]
    server_hostname: str
    http_path: str
    catalog: str
    def __init__(self, server_hostname: _Optional[str] = ..., http_path: _Optional[str] = ..., catalog: _Optional[str] = ...) -> None: ...

class SynapseConfig(_message.Message):
    __slots__ = ("host", "port", "database", "user", "auth_method", "tls_mode")
    class AuthMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        AUTH_METHOD_UNSPECIFIED: _ClassVar[SynapseConfig.AuthMethod]
        AUTH_METHOD_SQL_PASSWORD: _ClassVar[SynapseConfig.AuthMethod]
        AUTH_METHOD_ENTRA_PASSWORD: _ClassVar[SynapseConfig.AuthMethod]
        AUTH_METHOD_SERVICE_PRINCIPAL: _ClassVar[SynapseConfig.AuthMethod]
        AUTH_METHOD_DEFAULT_CREDENTIAL: _ClassVar[SynapseConfig.AuthMethod]
    AUTH_METHOD_UNSPECIFIED: SynapseConfig.AuthMethod
    AUTH_METHOD_SQL_PASSWORD: SynapseConfig.AuthMethod
    AUTH_METHOD_ENTRA_PASSWORD: SynapseConfig.AuthMethod
    AUTH_METHOD_SERVICE_PRINCIPAL: SynapseConfig.AuthMethod
    AUTH_METHOD_DEFAULT_CREDENTIAL: SynapseConfig.AuthMethod
    HOST_FIELD_NUMBER: _ClassVar[int]
    PORT_FIELD_NUMBER: _ClassVar[int]
    DATABASE_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    AUTH_METHOD_FIELD_NUMBER: _ClassVar[int]
    TLS_MODE_FIELD_NUMBER: _ClassVar[int]
    host: str
    port: int
    database: str
    user: str
    auth_method: SynapseConfig.AuthMethod
    tls_mode: TlsMode
    def __init__(self, host: _Optional[str] = ..., port: _Optional[int] = ..., database: _Optional[str] = ..., user: _Optional[str] = ..., auth_method: _Optional[_Union[SynapseConfig.AuthMethod, str]] = ..., tls_mode: _Optional[_Union[TlsMode, str]] = ...) -> None: ...

class Credential(_message.Message):
    __slots__ = ("password", "access_token", "account_key", "sas_token", "connection_string", "service_principal")
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    ACCESS_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_KEY_FIELD_NUMBER: _ClassVar[int]
    SAS_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CONNECTION_STRING_FIELD_NUMBER: _ClassVar[int]
    SERVICE_PRINCIPAL_FIELD_NUMBER: _ClassVar[int]
    password: str
    access_token: str
    account_key: str
    sas_token: str
    connection_string: str
    service_principal: ServicePrincipal
    def __init__(self, password: _Optional[str] = ..., access_token: _Optional[str] = ..., account_key: _Optional[str] = ..., sas_token: _Optional[str] = ..., connection_string: _Optional[str] = ..., service_principal: _Optional[_Union[ServicePrincipal, _Mapping]] = ...) -> None: ...

class ServicePrincipal(_message.Message):
    __slots__ = ("tenant_id", "client_id", "client_secret")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_SECRET_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    client_id: str
    client_secret: str
    def __init__(self, tenant_id: _Optional[str] = ..., client_id: _Optional[str] = ..., client_secret: _Optional[str] = ...) -> None: ...

class ConnectionLimits(_message.Message):
    __slots__ = ("max_connections", "statement_timeout", "connect_timeout")
    MAX_CONNECTIONS_FIELD_NUMBER: _ClassVar[int]
    STATEMENT_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    CONNECT_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    max_connections: int
    statement_timeout: _duration_pb2.Duration
    connect_timeout: _duration_pb2.Duration
    def __init__(self, max_connections: _Optional[int] = ..., statement_timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., connect_timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class ConnectionTestResult(_message.Message):
    __slots__ = ("ok", "failure_kind", "code", "message", "checks", "latency", "server_version", "missing_privileges", "test_time")
    class FailureKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        FAILURE_KIND_UNSPECIFIED: _ClassVar[ConnectionTestResult.FailureKind]
        FAILURE_KIND_UNREACHABLE: _ClassVar[ConnectionTestResult.FailureKind]
        FAILURE_KIND_TIMEOUT: _ClassVar[ConnectionTestResult.FailureKind]
        FAILURE_KIND_TLS_FAILED: _ClassVar[ConnectionTestResult.FailureKind]
        FAILURE_KIND_AUTH_FAILED: _ClassVar[ConnectionTestResult.FailureKind]
        FAILURE_KIND_DATABASE_NOT_FOUND: _ClassVar[ConnectionTestResult.FailureKind]
        FAILURE_KIND_INSUFFICIENT_PRIVILEGES: _ClassVar[ConnectionTestResult.FailureKind]
        FAILURE_KIND_ADDRESS_BLOCKED: _ClassVar[ConnectionTestResult.FailureKind]
        FAILURE_KIND_DRIVER_MISSING: _ClassVar[ConnectionTestResult.FailureKind]
        FAILURE_KIND_INVALID_CONFIG: _ClassVar[ConnectionTestResult.FailureKind]
        FAILURE_KIND_OTHER: _ClassVar[ConnectionTestResult.FailureKind]
    FAILURE_KIND_UNSPECIFIED: ConnectionTestResult.FailureKind
    FAILURE_KIND_UNREACHABLE: ConnectionTestResult.FailureKind
    FAILURE_KIND_TIMEOUT: ConnectionTestResult.FailureKind
    FAILURE_KIND_TLS_FAILED: ConnectionTestResult.FailureKind
    FAILURE_KIND_AUTH_FAILED: ConnectionTestResult.FailureKind
    FAILURE_KIND_DATABASE_NOT_FOUND: ConnectionTestResult.FailureKind
    FAILURE_KIND_INSUFFICIENT_PRIVILEGES: ConnectionTestResult.FailureKind
    FAILURE_KIND_ADDRESS_BLOCKED: ConnectionTestResult.FailureKind
    FAILURE_KIND_DRIVER_MISSING: ConnectionTestResult.FailureKind
    FAILURE_KIND_INVALID_CONFIG: ConnectionTestResult.FailureKind
    FAILURE_KIND_OTHER: ConnectionTestResult.FailureKind
    class Check(_message.Message):
        __slots__ = ("step", "ok", "message", "latency")
        STEP_FIELD_NUMBER: _ClassVar[int]
        OK_FIELD_NUMBER: _ClassVar[int]
        MESSAGE_FIELD_NUMBER: _ClassVar[int]
        LATENCY_FIELD_NUMBER: _ClassVar[int]
        step: str
        ok: bool
        message: str
        latency: _duration_pb2.Duration
        def __init__(self, step: _Optional[str] = ..., ok: _Optional[bool] = ..., message: _Optional[str] = ..., latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...
    OK_FIELD_NUMBER: _ClassVar[int]
    FAILURE_KIND_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    CHECKS_FIELD_NUMBER: _ClassVar[int]
    LATENCY_FIELD_NUMBER: _ClassVar[int]
    SERVER_VERSION_FIELD_NUMBER: _ClassVar[int]
    MISSING_PRIVILEGES_FIELD_NUMBER: _ClassVar[int]
    TEST_TIME_FIELD_NUMBER: _ClassVar[int]
    ok: bool
    failure_kind: ConnectionTestResult.FailureKind
    code: _code_pb2.Code
    message: str
    checks: _containers.RepeatedCompositeFieldContainer[ConnectionTestResult.Check]
    latency: _duration_pb2.Duration
    server_version: str
    missing_privileges: _containers.RepeatedScalarFieldContainer[str]
    test_time: _timestamp_pb2.Timestamp
    def __init__(self, ok: _Optional[bool] = ..., failure_kind: _Optional[_Union[ConnectionTestResult.FailureKind, str]] = ..., code: _Optional[_Union[_code_pb2.Code, str]] = ..., message: _Optional[str] = ..., checks: _Optional[_Iterable[_Union[ConnectionTestResult.Check, _Mapping]]] = ..., latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., server_version: _Optional[str] = ..., missing_privileges: _Optional[_Iterable[str]] = ..., test_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ConnectorKind(_message.Message):
    __slots__ = ("kind", "connector", "display_name", "description", "version", "available", "unavailable_reason", "object_types", "credential_types", "file_formats", "supports_sampling", "supports_native_sampling", "supports_profiling", "supports_incremental", "supports_row_estimates", "supports_keys", "supports_view_definitions", "default_port")
    KIND_FIELD_NUMBER: _ClassVar[int]
    CONNECTOR_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    UNAVAILABLE_REASON_FIELD_NUMBER: _ClassVar[int]
    OBJECT_TYPES_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_TYPES_FIELD_NUMBER: _ClassVar[int]
    FILE_FORMATS_FIELD_NUMBER: _ClassVar[int]
    SUPPORTS_SAMPLING_FIELD_NUMBER: _ClassVar[int]
    SUPPORTS_NATIVE_SAMPLING_FIELD_NUMBER: _ClassVar[int]
    SUPPORTS_PROFILING_FIELD_NUMBER: _ClassVar[int]
    SUPPORTS_INCREMENTAL_FIELD_NUMBER: _ClassVar[int]
    SUPPORTS_ROW_ESTIMATES_FIELD_NUMBER: _ClassVar[int]
    SUPPORTS_KEYS_FIELD_NUMBER: _ClassVar[int]
    SUPPORTS_VIEW_DEFINITIONS_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_PORT_FIELD_NUMBER: _ClassVar[int]
    kind: Kind
    connector: str
    display_name: str
    description: str
    version: str
    available: bool
    unavailable_reason: str
    object_types: _containers.RepeatedScalarFieldContainer[ObjectType]
    credential_types: _containers.RepeatedScalarFieldContainer[CredentialType]
    file_formats: _containers.RepeatedScalarFieldContainer[FileFormat]
    supports_sampling: bool
    supports_native_sampling: bool
    supports_profiling: bool
    supports_incremental: bool
    supports_row_estimates: bool
    supports_keys: bool
    supports_view_definitions: bool
    default_port: int
    def __init__(self, kind: _Optional[_Union[Kind, str]] = ..., connector: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., version: _Optional[str] = ..., available: _Optional[bool] = ..., unavailable_reason: _Optional[str] = ..., object_types: _Optional[_Iterable[_Union[ObjectType, str]]] = ..., credential_types: _Optional[_Iterable[_Union[CredentialType, str]]] = ..., file_formats: _Optional[_Iterable[_Union[FileFormat, str]]] = ..., supports_sampling: _Optional[bool] = ..., supports_native_sampling: _Optional[bool] = ..., supports_profiling: _Optional[bool] = ..., supports_incremental: _Optional[bool] = ..., supports_row_estimates: _Optional[bool] = ..., supports_keys: _Optional[bool] = ..., supports_view_definitions: _Optional[bool] = ..., default_port: _Optional[int] = ...) -> None: ...

class BrowseEntry(_message.Message):
    __slots__ = ("path", "display_name", "type", "has_children", "row_estimate", "size_bytes", "format", "modify_time", "qualified_name")
    PATH_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    HAS_CHILDREN_FIELD_NUMBER: _ClassVar[int]
    ROW_ESTIMATE_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    MODIFY_TIME_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_NAME_FIELD_NUMBER: _ClassVar[int]
    path: _containers.RepeatedScalarFieldContainer[str]
    display_name: str
    type: ObjectType
    has_children: bool
    row_estimate: int
    size_bytes: int
    format: FileFormat
    modify_time: _timestamp_pb2.Timestamp
    qualified_name: str
    def __init__(self, path: _Optional[_Iterable[str]] = ..., display_name: _Optional[str] = ..., type: _Optional[_Union[ObjectType, str]] = ..., has_children: _Optional[bool] = ..., row_estimate: _Optional[int] = ..., size_bytes: _Optional[int] = ..., format: _Optional[_Union[FileFormat, str]] = ..., modify_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., qualified_name: _Optional[str] = ...) -> None: ...

class CreateDataSourceRequest(_message.Message):
    __slots__ = ("parent", "data_source", "data_source_id", "request_id", "validate_only")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    DATA_SOURCE_FIELD_NUMBER: _ClassVar[int]
    DATA_SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    data_source: DataSource
    data_source_id: str
    request_id: str
    validate_only: bool
    def __init__(self, parent: _Optional[str] = ..., data_source: _Optional[_Union[DataSource, _Mapping]] = ..., data_source_id: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class GetDataSourceRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListDataSourcesRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "kind", "display_name_contains", "label", "order_by")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_CONTAINS_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    kind: Kind
    display_name_contains: str
    label: str
    order_by: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., kind: _Optional[_Union[Kind, str]] = ..., display_name_contains: _Optional[str] = ..., label: _Optional[str] = ..., order_by: _Optional[str] = ...) -> None: ...

class ListDataSourcesResponse(_message.Message):
    __slots__ = ("data_sources", "next_page_token", "total_size")
    DATA_SOURCES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    data_sources: _containers.RepeatedCompositeFieldContainer[DataSource]
    next_page_token: str
    total_size: int
    def __init__(self, data_sources: _Optional[_Iterable[_Union[DataSource, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateDataSourceRequest(_message.Message):
    __slots__ = ("data_source", "update_mask", "validate_only")
    DATA_SOURCE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    data_source: DataSource
    update_mask: _field_mask_pb2.FieldMask
    validate_only: bool
    def __init__(self, data_source: _Optional[_Union[DataSource, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class DeleteDataSourceRequest(_message.Message):
    __slots__ = ("name", "etag", "force")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    FORCE_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    force: bool
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ..., force: _Optional[bool] = ...) -> None: ...

class TestConnectionRequest(_message.Message):
    __slots__ = ("name", "parent", "data_source", "timeout", "check_data_access")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    DATA_SOURCE_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    CHECK_DATA_ACCESS_FIELD_NUMBER: _ClassVar[int]
    name: str
    parent: str
    data_source: DataSource
    timeout: _duration_pb2.Duration
    check_data_access: bool
    def __init__(self, name: _Optional[str] = ..., parent: _Optional[str] = ..., data_source: _Optional[_Union[DataSource, _Mapping]] = ..., timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., check_data_access: _Optional[bool] = ...) -> None: ...

class TestConnectionResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: ConnectionTestResult
    def __init__(self, result: _Optional[_Union[ConnectionTestResult, _Mapping]] = ...) -> None: ...

class ListConnectorKindsRequest(_message.Message):
    __slots__ = ("include_unavailable",)
    INCLUDE_UNAVAILABLE_FIELD_NUMBER: _ClassVar[int]
    include_unavailable: bool
    def __init__(self, include_unavailable: _Optional[bool] = ...) -> None: ...

class ListConnectorKindsResponse(_message.Message):
    __slots__ = ("connector_kinds",)
    CONNECTOR_KINDS_FIELD_NUMBER: _ClassVar[int]
    connector_kinds: _containers.RepeatedCompositeFieldContainer[ConnectorKind]
    def __init__(self, connector_kinds: _Optional[_Iterable[_Union[ConnectorKind, _Mapping]]] = ...) -> None: ...

class BrowseRequest(_message.Message):
    __slots__ = ("name", "path", "page_size", "page_token", "name_contains", "include_system")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    NAME_CONTAINS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    name: str
    path: _containers.RepeatedScalarFieldContainer[str]
    page_size: int
    page_token: str
    name_contains: str
    include_system: bool
    def __init__(self, name: _Optional[str] = ..., path: _Optional[_Iterable[str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., name_contains: _Optional[str] = ..., include_system: _Optional[bool] = ...) -> None: ...

class BrowseResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[BrowseEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[BrowseEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ResolveConnectionRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ResolveConnectionResponse(_message.Message):
    __slots__ = ("data_source", "credential")
    DATA_SOURCE_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    data_source: DataSource
    credential: Credential
    def __init__(self, data_source: _Optional[_Union[DataSource, _Mapping]] = ..., credential: _Optional[_Union[Credential, _Mapping]] = ...) -> None: ...
