import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import status_pb2 as _status_pb2
from pursight.workspace.v1 import workspace_pb2 as _workspace_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Integration(_message.Message):
    __slots__ = ("name", "display_name", "description", "kind", "endpoint", "atlas", "openlineage", "azure_ad", "databricks_unity", "credential", "credential_type", "credential_update_time", "sync_schedule", "state", "last_test", "last_sync_run", "ingest_url", "labels", "creator", "create_time", "update_time", "etag")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        KIND_UNSPECIFIED: _ClassVar[Integration.Kind]
        KIND_ATLAS: _ClassVar[Integration.Kind]
        KIND_PURVIEW: _ClassVar[Integration.Kind]
        KIND_OPENLINEAGE: _ClassVar[Integration.Kind]
        KIND_AZURE_AD: _ClassVar[Integration.Kind]
        KIND_DATABRICKS_UNITY: _ClassVar[Integration.Kind]
    KIND_UNSPECIFIED: Integration.Kind
    KIND_ATLAS: Integration.Kind
    KIND_PURVIEW: Integration.Kind
    KIND_OPENLINEAGE: Integration.Kind
    KIND_AZURE_AD: Integration.Kind
    KIND_DATABRICKS_UNITY: Integration.Kind
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATE_UNSPECIFIED: _ClassVar[Integration.State]
        STATE_ACTIVE: _ClassVar[Integration.State]
        STATE_DISABLED: _ClassVar[Integration.State]
        STATE_ERROR: _ClassVar[Integration.State]
    STATE_UNSPECIFIED: Integration.State
    STATE_ACTIVE: Integration.State
    STATE_DISABLED: Integration.State
    STATE_ERROR: Integration.State
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
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    ATLAS_FIELD_NUMBER: _ClassVar[int]
    OPENLINEAGE_FIELD_NUMBER: _ClassVar[int]
    AZURE_AD_FIELD_NUMBER: _ClassVar[int]
    DATABRICKS_UNITY_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    SYNC_SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    LAST_TEST_FIELD_NUMBER: _ClassVar[int]
    LAST_SYNC_RUN_FIELD_NUMBER: _ClassVar[int]
    INGEST_URL_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    kind: Integration.Kind
    endpoint: str
    atlas: AtlasConfig
    openlineage: OpenLineageConfig
    azure_ad: AzureAdConfig
    databricks_unity: DatabricksUnityConfig
    credential: Credential
    credential_type: Credential.Type
    credential_update_time: _timestamp_pb2.Timestamp
    sync_schedule: str
    state: Integration.State
    last_test: TestResult
    last_sync_run: str
    ingest_url: str
    labels: _containers.ScalarMap[str, str]
    creator: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., kind: _Optional[_Union[Integration.Kind, str]] = ..., endpoint: _Optional[str] = ..., atlas: _Optional[_Union[AtlasConfig, _Mapping]] = ..., openlineage: _Optional[_Union[OpenLineageConfig, _Mapping]] = ..., azure_ad: _Optional[_Union[AzureAdConfig, _Mapping]] = ..., databricks_unity: _Optional[_Union[DatabricksUnityConfig, _Mapping]] = ..., credential: _Optional[_Union[Credential, _Mapping]] = ..., credential_type: _Optional[_Union[Credential.Type, str]] = ..., credential_update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sync_schedule: _Optional[str] = ..., state: _Optional[_Union[Integration.State, str]] = ..., last_test: _Optional[_Union[TestResult, _Mapping]] = ..., last_sync_run: _Optional[str] = ..., ingest_url: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., creator: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class AtlasConfig(_message.Message):
    __slots__ = ("entity_types", "qualified_name_prefix", "collection", "sync_classifications", "sync_lineage", "sync_glossary", "classification_mapping")
    class ClassificationMappingEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ENTITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_NAME_PREFIX_FIELD_NUMBER: _ClassVar[int]
    COLLECTION_FIELD_NUMBER: _ClassVar[int]
    SYNC_CLASSIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    SYNC_LINEAGE_FIELD_NUMBER: _ClassVar[int]
    SYNC_GLOSSARY_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_MAPPING_FIELD_NUMBER: _ClassVar[int]
    entity_types: _containers.RepeatedScalarFieldContainer[str]
    qualified_name_prefix: str
    collection: str
    sync_classifications: bool
    sync_lineage: bool
    sync_glossary: bool
    classification_mapping: _containers.ScalarMap[str, str]
    def __init__(self, entity_types: _Optional[_Iterable[str]] = ..., qualified_name_prefix: _Optional[str] = ..., collection: _Optional[str] = ..., sync_classifications: _Optional[bool] = ..., sync_lineage: _Optional[bool] = ..., sync_glossary: _Optional[bool] = ..., classification_mapping: _Optional[_Mapping[str, str]] = ...) -> None: ...

class NamespaceMapping(_message.Message):
    __slots__ = ("namespace", "data_source", "qualified_name_prefix")
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    DATA_SOURCE_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_NAME_PREFIX_FIELD_NUMBER: _ClassVar[int]
    namespace: str
    data_source: str
    qualified_name_prefix: str
    def __init__(self, namespace: _Optional[str] = ..., data_source: _Optional[str] = ..., qualified_name_prefix: _Optional[str] = ...) -> None: ...

class OpenLineageConfig(_message.Message):
    __slots__ = ("namespace_mappings", "create_missing_assets", "allowed_producers", "column_lineage")
    NAMESPACE_MAPPINGS_FIELD_NUMBER: _ClassVar[int]
    CREATE_MISSING_ASSETS_FIELD_NUMBER: _ClassVar[int]
    ALLOWED_PRODUCERS_FIELD_NUMBER: _ClassVar[int]
    COLUMN_LINEAGE_FIELD_NUMBER: _ClassVar[int]
    namespace_mappings: _containers.RepeatedCompositeFieldContainer[NamespaceMapping]
    create_missing_assets: bool
    allowed_producers: _containers.RepeatedScalarFieldContainer[str]
    column_lineage: bool
    def __init__(self, namespace_mappings: _Optional[_Iterable[_Union[NamespaceMapping, _Mapping]]] = ..., create_missing_assets: _Optional[bool] = ..., allowed_producers: _Optional[_Iterable[str]] = ..., column_lineage: _Optional[bool] = ...) -> None: ...

class GroupRoleMapping(_message.Message):
    __slots__ = ("group_id", "role")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    role: _workspace_pb2.Member.Role
    def __init__(self, group_id: _Optional[str] = ..., role: _Optional[_Union[_workspace_pb2.Member.Role, str]] = ...) -> None: ...

class AzureAdConfig(_message.Message):
    __slots__ = ("tenant_id", "group_ids", "user_filter", "role_mappings", "disable_missing_users", "remove_stale_members")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_IDS_FIELD_NUMBER: _ClassVar[int]
    USER_FILTER_FIELD_NUMBER: _ClassVar[int]
    ROLE_MAPPINGS_FIELD_NUMBER: _ClassVar[int]
    DISABLE_MISSING_USERS_FIELD_NUMBER: _ClassVar[int]
    REMOVE_STALE_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    group_ids: _containers.RepeatedScalarFieldContainer[str]
    user_filter: str
    role_mappings: _containers.RepeatedCompositeFieldContainer[GroupRoleMapping]
    disable_missing_users: bool
    remove_stale_members: bool
    def __init__(self, tenant_id: _Optional[str] = ..., group_ids: _Optional[_Iterable[str]] = ..., user_filter: _Optional[str] = ..., role_mappings: _Optional[_Iterable[_Union[GroupRoleMapping, _Mapping]]] = ..., disable_missing_users: _Optional[bool] = ..., remove_stale_members: _Optional[bool] = ...) -> None: ...

class DatabricksUnityConfig(_message.Message):
    __slots__ = ("catalogs", "import_lineage", "import_tags")
    CATALOGS_FIELD_NUMBER: _ClassVar[int]
    IMPORT_LINEAGE_FIELD_NUMBER: _ClassVar[int]
    IMPORT_TAGS_FIELD_NUMBER: _ClassVar[int]
    catalogs: _containers.RepeatedScalarFieldContainer[str]
    import_lineage: bool
    import_tags: bool
    def __init__(self, catalogs: _Optional[_Iterable[str]] = ..., import_lineage: _Optional[bool] = ..., import_tags: _Optional[bool] = ...) -> None: ...

class Credential(_message.Message):
    __slots__ = ("basic", "bearer_token", "oauth_client", "api_key")
    class Type(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        TYPE_UNSPECIFIED: _ClassVar[Credential.Type]
        TYPE_BASIC: _ClassVar[Credential.Type]
        TYPE_BEARER_TOKEN: _ClassVar[Credential.Type]
        TYPE_OAUTH_CLIENT: _ClassVar[Credential.Type]
        TYPE_API_KEY: _ClassVar[Credential.Type]
    TYPE_UNSPECIFIED: Credential.Type
    TYPE_BASIC: Credential.Type
    TYPE_BEARER_TOKEN: Credential.Type
    TYPE_OAUTH_CLIENT: Credential.Type
    TYPE_API_KEY: Credential.Type
    BASIC_FIELD_NUMBER: _ClassVar[int]
    BEARER_TOKEN_FIELD_NUMBER: _ClassVar[int]
    OAUTH_CLIENT_FIELD_NUMBER: _ClassVar[int]
    API_KEY_FIELD_NUMBER: _ClassVar[int]
    basic: BasicAuth
    bearer_token: str
    oauth_client: OAuthClientCredentials
    api_key: ApiKey
    def __init__(self, basic: _Optional[_Union[BasicAuth, _Mapping]] = ..., bearer_token: _Optional[str] = ..., oauth_client: _Optional[_Union[OAuthClientCredentials, _Mapping]] = ..., api_key: _Optional[_Union[ApiKey, _Mapping]] = ...) -> None: ...

class BasicAuth(_message.Message):
    __slots__ = ("username", "password")
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    username: str
    password: str
    def __init__(self, username: _Optional[str] = ..., password: _Optional[str] = ...) -> None: ...

class OAuthClientCredentials(_message.Message):
    __slots__ = ("token_url", "tenant_id", "client_id", "client_secret", "scopes")
    TOKEN_URL_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_SECRET_FIELD_NUMBER: _ClassVar[int]
    SCOPES_FIELD_NUMBER: _ClassVar[int]
    token_url: str
    tenant_id: str
    client_id: str
    client_secret: str
    scopes: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, token_url: _Optional[str] = ..., tenant_id: _Optional[str] = ..., client_id: _Optional[str] = ..., client_secret: _Optional[str] = ..., scopes: _Optional[_Iterable[str]] = ...) -> None: ...

class ApiKey(_message.Message):
    __slots__ = ("header", "key")
    HEADER_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    header: str
    key: str
    def __init__(self, header: _Optional[str] = ..., key: _Optional[str] = ...) -> None: ...

class TestResult(_message.Message):
    __slots__ = ("outcome", "message", "latency", "server_version", "capabilities", "missing_capabilities", "test_time")
    class Outcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        OUTCOME_UNSPECIFIED: _ClassVar[TestResult.Outcome]
        OUTCOME_OK: _ClassVar[TestResult.Outcome]
        OUTCOME_UNREACHABLE: _ClassVar[TestResult.Outcome]
        OUTCOME_TLS_ERROR: _ClassVar[TestResult.Outcome]
        OUTCOME_UNAUTHENTICATED: _ClassVar[TestResult.Outcome]
        OUTCOME_PERMISSION_DENIED: _ClassVar[TestResult.Outcome]
        OUTCOME_NOT_FOUND: _ClassVar[TestResult.Outcome]
        OUTCOME_UNEXPECTED_RESPONSE: _ClassVar[TestResult.Outcome]
    OUTCOME_UNSPECIFIED: TestResult.Outcome
    OUTCOME_OK: TestResult.Outcome
    OUTCOME_UNREACHABLE: TestResult.Outcome
    OUTCOME_TLS_ERROR: TestResult.Outcome
    OUTCOME_UNAUTHENTICATED: TestResult.Outcome
    OUTCOME_PERMISSION_DENIED: TestResult.Outcome
    OUTCOME_NOT_FOUND: TestResult.Outcome
    OUTCOME_UNEXPECTED_RESPONSE: TestResult.Outcome
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    LATENCY_FIELD_NUMBER: _ClassVar[int]
    SERVER_VERSION_FIELD_NUMBER: _ClassVar[int]
    CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    MISSING_CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    TEST_TIME_FIELD_NUMBER: _ClassVar[int]
    outcome: TestResult.Outcome
    message: str
    latency: _duration_pb2.Duration
    server_version: str
    capabilities: _containers.RepeatedScalarFieldContainer[str]
    missing_capabilities: _containers.RepeatedScalarFieldContainer[str]
    test_time: _timestamp_pb2.Timestamp
    def __init__(self, outcome: _Optional[_Union[TestResult.Outcome, str]] = ..., message: _Optional[str] = ..., latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., server_version: _Optional[str] = ..., capabilities: _Optional[_Iterable[str]] = ..., missing_capabilities: _Optional[_Iterable[str]] = ..., test_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SyncCounters(_message.Message):
    __slots__ = ("read", "created", "updated", "deleted", "skipped", "failed")
    READ_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    UPDATED_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    read: int
    created: int
    updated: int
    deleted: int
    skipped: int
    failed: int
    def __init__(self, read: _Optional[int] = ..., created: _Optional[int] = ..., updated: _Optional[int] = ..., deleted: _Optional[int] = ..., skipped: _Optional[int] = ..., failed: _Optional[int] = ...) -> None: ...

class TypeCounters(_message.Message):
    __slots__ = ("type", "counters")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    COUNTERS_FIELD_NUMBER: _ClassVar[int]
    type: str
    counters: SyncCounters
    def __init__(self, type: _Optional[str] = ..., counters: _Optional[_Union[SyncCounters, _Mapping]] = ...) -> None: ...

class SyncIssue(_message.Message):
    __slots__ = ("severity", "object", "message")
    class Severity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        SEVERITY_UNSPECIFIED: _ClassVar[SyncIssue.Severity]
        SEVERITY_WARNING: _ClassVar[SyncIssue.Severity]
        SEVERITY_ERROR: _ClassVar[SyncIssue.Severity]
    SEVERITY_UNSPECIFIED: SyncIssue.Severity
    SEVERITY_WARNING: SyncIssue.Severity
    SEVERITY_ERROR: SyncIssue.Severity
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    OBJECT_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    severity: SyncIssue.Severity
    object: str
    message: str
    def __init__(self, severity: _Optional[_Union[SyncIssue.Severity, str]] = ..., object: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class SyncRun(_message.Message):
    __slots__ = ("name", "kind", "state", "trigger", "dry_run", "operation", "counters", "type_counters", "issues", "issue_count", "error", "creator", "create_time", "start_time", "end_time")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        KIND_UNSPECIFIED: _ClassVar[SyncRun.Kind]
        KIND_ATLAS_IMPORT: _ClassVar[SyncRun.Kind]
        KIND_ATLAS_EXPORT: _ClassVar[SyncRun.Kind]
        KIND_DIRECTORY_SYNC: _ClassVar[SyncRun.Kind]
        KIND_CATALOG_IMPORT: _ClassVar[SyncRun.Kind]
    KIND_UNSPECIFIED: SyncRun.Kind
    KIND_ATLAS_IMPORT: SyncRun.Kind
    KIND_ATLAS_EXPORT: SyncRun.Kind
    KIND_DIRECTORY_SYNC: SyncRun.Kind
    KIND_CATALOG_IMPORT: SyncRun.Kind
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATE_UNSPECIFIED: _ClassVar[SyncRun.State]
        STATE_PENDING: _ClassVar[SyncRun.State]
        STATE_RUNNING: _ClassVar[SyncRun.State]
        STATE_SUCCEEDED: _ClassVar[SyncRun.State]
        STATE_FAILED: _ClassVar[SyncRun.State]
        STATE_CANCELLED: _ClassVar[SyncRun.State]
    STATE_UNSPECIFIED: SyncRun.State
    STATE_PENDING: SyncRun.State
    STATE_RUNNING: SyncRun.State
    STATE_SUCCEEDED: SyncRun.State
    STATE_FAILED: SyncRun.State
    STATE_CANCELLED: SyncRun.State
    class Trigger(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        TRIGGER_UNSPECIFIED: _ClassVar[SyncRun.Trigger]
        TRIGGER_MANUAL: _ClassVar[SyncRun.Trigger]
        TRIGGER_SCHEDULE: _ClassVar[SyncRun.Trigger]
    TRIGGER_UNSPECIFIED: SyncRun.Trigger
    TRIGGER_MANUAL: SyncRun.Trigger
    TRIGGER_SCHEDULE: SyncRun.Trigger
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    COUNTERS_FIELD_NUMBER: _ClassVar[int]
    TYPE_COUNTERS_FIELD_NUMBER: _ClassVar[int]
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    ISSUE_COUNT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: SyncRun.Kind
    state: SyncRun.State
    trigger: SyncRun.Trigger
    dry_run: bool
    operation: str
    counters: SyncCounters
    type_counters: _containers.RepeatedCompositeFieldContainer[TypeCounters]
    issues: _containers.RepeatedCompositeFieldContainer[SyncIssue]
    issue_count: int
    error: _status_pb2.Status
    creator: str
    create_time: _timestamp_pb2.Timestamp
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[_Union[SyncRun.Kind, str]] = ..., state: _Optional[_Union[SyncRun.State, str]] = ..., trigger: _Optional[_Union[SyncRun.Trigger, str]] = ..., dry_run: _Optional[bool] = ..., operation: _Optional[str] = ..., counters: _Optional[_Union[SyncCounters, _Mapping]] = ..., type_counters: _Optional[_Iterable[_Union[TypeCounters, _Mapping]]] = ..., issues: _Optional[_Iterable[_Union[SyncIssue, _Mapping]]] = ..., issue_count: _Optional[int] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., creator: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
