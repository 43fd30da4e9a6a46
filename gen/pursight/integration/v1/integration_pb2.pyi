from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.rpc import status_pb2 as _status_pb2
from pursight.common.v1 import access_pb2 as _access_pb2
from pursight.common.v1 import operation_pb2 as _operation_pb2
from pursight.integration.v1 import resources_pb2 as _resources_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ConflictPolicy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONFLICT_POLICY_UNSPECIFIED: _ClassVar[ConflictPolicy]
    CONFLICT_POLICY_SKIP: _ClassVar[ConflictPolicy]
    CONFLICT_POLICY_MERGE: _ClassVar[ConflictPolicy]
    CONFLICT_POLICY_OVERWRITE: _ClassVar[ConflictPolicy]
CONFLICT_POLICY_UNSPECIFIED: ConflictPolicy
CONFLICT_POLICY_SKIP: ConflictPolicy
CONFLICT_POLICY_MERGE: ConflictPolicy
CONFLICT_POLICY_OVERWRITE: ConflictPolicy

class CreateIntegrationRequest(_message.Message):
    __slots__ = ("parent", "integration", "integration_id", "request_id", "validate_only")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    INTEGRATION_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    integration: _resources_pb2.Integration
    integration_id: str
    request_id: str
    validate_only: bool
    def __init__(self, parent: _Optional[str] = ..., integration: _Optional[_Union[_resources_pb2.Integration, _Mapping]] = ..., integration_id: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class GetIntegrationRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListIntegrationsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "filter")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    filter: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class ListIntegrationsResponse(_message.Message):
    __slots__ = ("integrations", "next_page_token")
    INTEGRATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    integrations: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Integration]
    next_page_token: str
    def __init__(self, integrations: _Optional[_Iterable[_Union[_resources_pb2.Integration, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateIntegrationRequest(_message.Message):
    __slots__ = ("integration", "update_mask")
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    integration: _resources_pb2.Integration
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, integration: _Optional[_Union[_resources_pb2.Integration, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteIntegrationRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class TestIntegrationRequest(_message.Message):
    __slots__ = ("name", "parent", "integration")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    name: str
    parent: str
    integration: _resources_pb2.Integration
    def __init__(self, name: _Optional[str] = ..., parent: _Optional[str] = ..., integration: _Optional[_Union[_resources_pb2.Integration, _Mapping]] = ...) -> None: ...

class TestIntegrationResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: _resources_pb2.TestResult
    def __init__(self, result: _Optional[_Union[_resources_pb2.TestResult, _Mapping]] = ...) -> None: ...

class AtlasPayload(_message.Message):
    __slots__ = ("typedefs", "entities")
    TYPEDEFS_FIELD_NUMBER: _ClassVar[int]
    ENTITIES_FIELD_NUMBER: _ClassVar[int]
    typedefs: _struct_pb2.Struct
    entities: _containers.RepeatedCompositeFieldContainer[_struct_pb2.Struct]
    def __init__(self, typedefs: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., entities: _Optional[_Iterable[_Union[_struct_pb2.Struct, _Mapping]]] = ...) -> None: ...

class ImportAtlasEntitiesRequest(_message.Message):
    __slots__ = ("integration", "parent", "payload", "entity_types", "qualified_name_prefix", "incremental", "conflict_policy", "dry_run", "request_id")
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    ENTITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_NAME_PREFIX_FIELD_NUMBER: _ClassVar[int]
    INCREMENTAL_FIELD_NUMBER: _ClassVar[int]
    CONFLICT_POLICY_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    integration: str
    parent: str
    payload: AtlasPayload
    entity_types: _containers.RepeatedScalarFieldContainer[str]
    qualified_name_prefix: str
    incremental: bool
    conflict_policy: ConflictPolicy
    dry_run: bool
    request_id: str
    def __init__(self, integration: _Optional[str] = ..., parent: _Optional[str] = ..., payload: _Optional[_Union[AtlasPayload, _Mapping]] = ..., entity_types: _Optional[_Iterable[str]] = ..., qualified_name_prefix: _Optional[str] = ..., incremental: _Optional[bool] = ..., conflict_policy: _Optional[_Union[ConflictPolicy, str]] = ..., dry_run: _Optional[bool] = ..., request_id: _Optional[str] = ...) -> None: ...

class ImportAtlasEntitiesMetadata(_message.Message):
    __slots__ = ("sync_run", "counters", "current_type")
    SYNC_RUN_FIELD_NUMBER: _ClassVar[int]
    COUNTERS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    sync_run: str
    counters: _resources_pb2.SyncCounters
    current_type: str
    def __init__(self, sync_run: _Optional[str] = ..., counters: _Optional[_Union[_resources_pb2.SyncCounters, _Mapping]] = ..., current_type: _Optional[str] = ...) -> None: ...

class ImportAtlasEntitiesResponse(_message.Message):
    __slots__ = ("sync_run", "counters", "type_counters", "lineage_edges", "glossary_terms", "issues")
    SYNC_RUN_FIELD_NUMBER: _ClassVar[int]
    COUNTERS_FIELD_NUMBER: _ClassVar[int]
    TYPE_COUNTERS_FIELD_NUMBER: _ClassVar[int]
    LINEAGE_EDGES_FIELD_NUMBER: _ClassVar[int]
    GLOSSARY_TERMS_FIELD_NUMBER: _ClassVar[int]
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    sync_run: str
    counters: _resources_pb2.SyncCounters
    type_counters: _containers.RepeatedCompositeFieldContainer[_resources_pb2.TypeCounters]
    lineage_edges: int
    glossary_terms: int
    issues: _containers.RepeatedCompositeFieldContainer[_resources_pb2.SyncIssue]
    def __init__(self, sync_run: _Optional[str] = ..., counters: _Optional[_Union[_resources_pb2.SyncCounters, _Mapping]] = ..., type_counters: _Optional[_Iterable[_Union[_resources_pb2.TypeCounters, _Mapping]]] = ..., lineage_edges: _Optional[int] = ..., glossary_terms: _Optional[int] = ..., issues: _Optional[_Iterable[_Union[_resources_pb2.SyncIssue, _Mapping]]] = ...) -> None: ...

class ExportAtlasEntitiesRequest(_message.Message):
    __slots__ = ("integration", "parent", "scope", "include_classifications", "include_lineage", "include_glossary", "include_typedefs", "dry_run", "request_id")
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_CLASSIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_LINEAGE_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_GLOSSARY_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_TYPEDEFS_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    integration: str
    parent: str
    scope: _containers.RepeatedScalarFieldContainer[str]
    include_classifications: bool
    include_lineage: bool
    include_glossary: bool
    include_typedefs: bool
    dry_run: bool
    request_id: str
    def __init__(self, integration: _Optional[str] = ..., parent: _Optional[str] = ..., scope: _Optional[_Iterable[str]] = ..., include_classifications: _Optional[bool] = ..., include_lineage: _Optional[bool] = ..., include_glossary: _Optional[bool] = ..., include_typedefs: _Optional[bool] = ..., dry_run: _Optional[bool] = ..., request_id: _Optional[str] = ...) -> None: ...

class ExportAtlasEntitiesMetadata(_message.Message):
    __slots__ = ("sync_run", "counters")
    SYNC_RUN_FIELD_NUMBER: _ClassVar[int]
    COUNTERS_FIELD_NUMBER: _ClassVar[int]
    sync_run: str
    counters: _resources_pb2.SyncCounters
    def __init__(self, sync_run: _Optional[str] = ..., counters: _Optional[_Union[_resources_pb2.SyncCounters, _Mapping]] = ...) -> None: ...

class ExportAtlasEntitiesResponse(_message.Message):
    __slots__ = ("sync_run", "counters", "payload", "issues")
    SYNC_RUN_FIELD_NUMBER: _ClassVar[int]
    COUNTERS_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    sync_run: str
    counters: _resources_pb2.SyncCounters
    payload: AtlasPayload
    issues: _containers.RepeatedCompositeFieldContainer[_resources_pb2.SyncIssue]
    def __init__(self, sync_run: _Optional[str] = ..., counters: _Optional[_Union[_resources_pb2.SyncCounters, _Mapping]] = ..., payload: _Optional[_Union[AtlasPayload, _Mapping]] = ..., issues: _Optional[_Iterable[_Union[_resources_pb2.SyncIssue, _Mapping]]] = ...) -> None: ...

class IngestOpenLineageEventRequest(_message.Message):
    __slots__ = ("parent", "event", "integration")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    parent: str
    event: _struct_pb2.Struct
    integration: str
    def __init__(self, parent: _Optional[str] = ..., event: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., integration: _Optional[str] = ...) -> None: ...

class IngestOpenLineageEventResponse(_message.Message):
    __slots__ = ("run_id", "job", "event_type", "lineage_edges", "created_assets", "warnings", "duplicate")
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    JOB_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    LINEAGE_EDGES_FIELD_NUMBER: _ClassVar[int]
    CREATED_ASSETS_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    job: str
    event_type: str
    lineage_edges: _containers.RepeatedScalarFieldContainer[str]
    created_assets: _containers.RepeatedScalarFieldContainer[str]
    warnings: _containers.RepeatedScalarFieldContainer[str]
    duplicate: bool
    def __init__(self, run_id: _Optional[str] = ..., job: _Optional[str] = ..., event_type: _Optional[str] = ..., lineage_edges: _Optional[_Iterable[str]] = ..., created_assets: _Optional[_Iterable[str]] = ..., warnings: _Optional[_Iterable[str]] = ..., duplicate: _Optional[bool] = ...) -> None: ...

class BatchIngestOpenLineageEventsRequest(_message.Message):
    __slots__ = ("parent", "events", "integration")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    parent: str
    events: _containers.RepeatedCompositeFieldContainer[_struct_pb2.Struct]
    integration: str
    def __init__(self, parent: _Optional[str] = ..., events: _Optional[_Iterable[_Union[_struct_pb2.Struct, _Mapping]]] = ..., integration: _Optional[str] = ...) -> None: ...

class IngestResult(_message.Message):
    __slots__ = ("index", "status", "result")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    index: int
    status: _status_pb2.Status
    result: IngestOpenLineageEventResponse
    def __init__(self, index: _Optional[int] = ..., status: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., result: _Optional[_Union[IngestOpenLineageEventResponse, _Mapping]] = ...) -> None: ...

class BatchIngestOpenLineageEventsResponse(_message.Message):
    __slots__ = ("results", "accepted_count", "rejected_count")
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    REJECTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[IngestResult]
    accepted_count: int
    rejected_count: int
    def __init__(self, results: _Optional[_Iterable[_Union[IngestResult, _Mapping]]] = ..., accepted_count: _Optional[int] = ..., rejected_count: _Optional[int] = ...) -> None: ...

class SyncDirectoryRequest(_message.Message):
    __slots__ = ("integration", "mode", "dry_run", "request_id")
    class Mode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        MODE_UNSPECIFIED: _ClassVar[SyncDirectoryRequest.Mode]
        MODE_FULL: _ClassVar[SyncDirectoryRequest.Mode]
        MODE_DELTA: _ClassVar[SyncDirectoryRequest.Mode]
    MODE_UNSPECIFIED: SyncDirectoryRequest.Mode
    MODE_FULL: SyncDirectoryRequest.Mode
    MODE_DELTA: SyncDirectoryRequest.Mode
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    integration: str
    mode: SyncDirectoryRequest.Mode
    dry_run: bool
    request_id: str
    def __init__(self, integration: _Optional[str] = ..., mode: _Optional[_Union[SyncDirectoryRequest.Mode, str]] = ..., dry_run: _Optional[bool] = ..., request_id: _Optional[str] = ...) -> None: ...

class DirectoryCounters(_message.Message):
    __slots__ = ("users_read", "users_created", "users_updated", "users_disabled", "groups_read", "members_added", "members_updated", "members_removed", "failed")
    USERS_READ_FIELD_NUMBER: _ClassVar[int]
    USERS_CREATED_FIELD_NUMBER: _ClassVar[int]
    USERS_UPDATED_FIELD_NUMBER: _ClassVar[int]
    USERS_DISABLED_FIELD_NUMBER: _ClassVar[int]
    GROUPS_READ_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_ADDED_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_UPDATED_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_REMOVED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    users_read: int
    users_created: int
    users_updated: int
    users_disabled: int
    groups_read: int
    members_added: int
    members_updated: int
    members_removed: int
    failed: int
    def __init__(self, users_read: _Optional[int] = ..., users_created: _Optional[int] = ..., users_updated: _Optional[int] = ..., users_disabled: _Optional[int] = ..., groups_read: _Optional[int] = ..., members_added: _Optional[int] = ..., members_updated: _Optional[int] = ..., members_removed: _Optional[int] = ..., failed: _Optional[int] = ...) -> None: ...

class SyncDirectoryMetadata(_message.Message):
    __slots__ = ("sync_run", "counters", "phase")
    SYNC_RUN_FIELD_NUMBER: _ClassVar[int]
    COUNTERS_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    sync_run: str
    counters: DirectoryCounters
    phase: str
    def __init__(self, sync_run: _Optional[str] = ..., counters: _Optional[_Union[DirectoryCounters, _Mapping]] = ..., phase: _Optional[str] = ...) -> None: ...

class SyncDirectoryResponse(_message.Message):
    __slots__ = ("sync_run", "counters", "mode", "issues")
    SYNC_RUN_FIELD_NUMBER: _ClassVar[int]
    COUNTERS_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    sync_run: str
    counters: DirectoryCounters
    mode: SyncDirectoryRequest.Mode
    issues: _containers.RepeatedCompositeFieldContainer[_resources_pb2.SyncIssue]
    def __init__(self, sync_run: _Optional[str] = ..., counters: _Optional[_Union[DirectoryCounters, _Mapping]] = ..., mode: _Optional[_Union[SyncDirectoryRequest.Mode, str]] = ..., issues: _Optional[_Iterable[_Union[_resources_pb2.SyncIssue, _Mapping]]] = ...) -> None: ...

class ImportExternalCatalogRequest(_message.Message):
    __slots__ = ("integration", "catalogs", "conflict_policy", "dry_run", "request_id")
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    CATALOGS_FIELD_NUMBER: _ClassVar[int]
    CONFLICT_POLICY_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    integration: str
    catalogs: _containers.RepeatedScalarFieldContainer[str]
    conflict_policy: ConflictPolicy
    dry_run: bool
    request_id: str
    def __init__(self, integration: _Optional[str] = ..., catalogs: _Optional[_Iterable[str]] = ..., conflict_policy: _Optional[_Union[ConflictPolicy, str]] = ..., dry_run: _Optional[bool] = ..., request_id: _Optional[str] = ...) -> None: ...

class ImportExternalCatalogMetadata(_message.Message):
    __slots__ = ("sync_run", "counters", "current_object")
    SYNC_RUN_FIELD_NUMBER: _ClassVar[int]
    COUNTERS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_OBJECT_FIELD_NUMBER: _ClassVar[int]
    sync_run: str
    counters: _resources_pb2.SyncCounters
    current_object: str
    def __init__(self, sync_run: _Optional[str] = ..., counters: _Optional[_Union[_resources_pb2.SyncCounters, _Mapping]] = ..., current_object: _Optional[str] = ...) -> None: ...

class ImportExternalCatalogResponse(_message.Message):
    __slots__ = ("sync_run", "counters", "type_counters", "lineage_edges", "issues")
    SYNC_RUN_FIELD_NUMBER: _ClassVar[int]
    COUNTERS_FIELD_NUMBER: _ClassVar[int]
    TYPE_COUNTERS_FIELD_NUMBER: _ClassVar[int]
    LINEAGE_EDGES_FIELD_NUMBER: _ClassVar[int]
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    sync_run: str
    counters: _resources_pb2.SyncCounters
    type_counters: _containers.RepeatedCompositeFieldContainer[_resources_pb2.TypeCounters]
    lineage_edges: int
    issues: _containers.RepeatedCompositeFieldContainer[_resources_pb2.SyncIssue]
    def __init__(self, sync_run: _Optional[str] = ..., counters: _Optional[_Union[_resources_pb2.SyncCounters, _Mapping]] = ..., type_counters: _Optional[_Iterable[_Union[_resources_pb2.TypeCounters, _Mapping]]] = ..., lineage_edges: _Optional[int] = ..., issues: _Optional[_Iterable[_Union[_resources_pb2.SyncIssue, _Mapping]]] = ...) -> None: ...

class GetSyncRunRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListSyncRunsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "filter")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    filter: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class ListSyncRunsResponse(_message.Message):
    __slots__ = ("sync_runs", "next_page_token")
    SYNC_RUNS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    sync_runs: _containers.RepeatedCompositeFieldContainer[_resources_pb2.SyncRun]
    next_page_token: str
    def __init__(self, sync_runs: _Optional[_Iterable[_Union[_resources_pb2.SyncRun, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
