import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import status_pb2 as _status_pb2
from pursight.common.v1 import access_pb2 as _access_pb2
from pursight.common.v1 import operation_pb2 as _operation_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ScanMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SCAN_MODE_UNSPECIFIED: _ClassVar[ScanMode]
    SCAN_MODE_FULL: _ClassVar[ScanMode]
    SCAN_MODE_INCREMENTAL: _ClassVar[ScanMode]

class ScanPhase(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SCAN_PHASE_UNSPECIFIED: _ClassVar[ScanPhase]
    SCAN_PHASE_QUEUED: _ClassVar[ScanPhase]
    SCAN_PHASE_CONNECTING: _ClassVar[ScanPhase]
    SCAN_PHASE_DISCOVERING: _ClassVar[ScanPhase]
    SCAN_PHASE_PROCESSING: _ClassVar[ScanPhase]
    SCAN_PHASE_RECONCILING: _ClassVar[ScanPhase]
    SCAN_PHASE_FINALIZING: _ClassVar[ScanPhase]
    SCAN_PHASE_DONE: _ClassVar[ScanPhase]
SCAN_MODE_UNSPECIFIED: ScanMode
SCAN_MODE_FULL: ScanMode
SCAN_MODE_INCREMENTAL: ScanMode
SCAN_PHASE_UNSPECIFIED: ScanPhase
SCAN_PHASE_QUEUED: ScanPhase
SCAN_PHASE_CONNECTING: ScanPhase
SCAN_PHASE_DISCOVERING: ScanPhase
SCAN_PHASE_PROCESSING: ScanPhase
SCAN_PHASE_RECONCILING: ScanPhase
SCAN_PHASE_FINALIZING: ScanPhase
SCAN_PHASE_DONE: ScanPhase

class Scan(_message.Message):
    __slots__ = ("name", "display_name", "description", "scope", "mode", "sample_size", "metadata_only", "profiling_enabled", "rule_set", "schedule", "labels", "last_run", "last_run_state", "last_success_time", "creator", "create_time", "update_time", "etag")
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
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_SIZE_FIELD_NUMBER: _ClassVar[int]
    METADATA_ONLY_FIELD_NUMBER: _ClassVar[int]
    PROFILING_ENABLED_FIELD_NUMBER: _ClassVar[int]
    RULE_SET_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    LAST_RUN_FIELD_NUMBER: _ClassVar[int]
    LAST_RUN_STATE_FIELD_NUMBER: _ClassVar[int]
    LAST_SUCCESS_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    scope: ScanScope
    mode: ScanMode
    sample_size: int
    metadata_only: bool
    profiling_enabled: bool
    rule_set: str
    schedule: ScanSchedule
    labels: _containers.ScalarMap[str, str]
    last_run: str
    last_run_state: ScanRun.State
    last_success_time: _timestamp_pb2.Timestamp
    creator: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., scope: _Optional[_Union[ScanScope, _Mapping]] = ..., mode: _Optional[_Union[ScanMode, str]] = ..., sample_size: _Optional[int] = ..., metadata_only: _Optional[bool] = ..., profiling_enabled: _Optional[bool] = ..., rule_set: _Optional[str] = ..., schedule: _Optional[_Union[ScanSchedule, _Mapping]] = ..., labels: _Optional[_Mapping[str, str]] = ..., last_run: _Optional[str] = ..., last_run_state: _Optional[_Union[ScanRun.State, str]] = ..., last_success_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., creator: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class ScanScope(_message.Message):
    __slots__ = ("databases", "include_schemas", "exclude_schemas", "include_tables", "exclude_tables", "include_paths", "exclude_paths", "exclude_views")
    DATABASES_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_SCHEMAS_FIELD_NUMBER: _ClassVar[int]
    EXCLUDE_SCHEMAS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_TABLES_FIELD_NUMBER: _ClassVar[int]
    EXCLUDE_TABLES_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_PATHS_FIELD_NUMBER: _ClassVar[int]
    EXCLUDE_PATHS_FIELD_NUMBER: _ClassVar[int]
    EXCLUDE_VIEWS_FIELD_NUMBER: _ClassVar[int]
    databases: _containers.RepeatedScalarFieldContainer[str]
    include_schemas: _containers.RepeatedScalarFieldContainer[str]
    exclude_schemas: _containers.RepeatedScalarFieldContainer[str]
    include_tables: _containers.RepeatedScalarFieldContainer[str]
    exclude_tables: _containers.RepeatedScalarFieldContainer[str]
    include_paths: _containers.RepeatedScalarFieldContainer[str]
    exclude_paths: _containers.RepeatedScalarFieldContainer[str]
    exclude_views: bool
    def __init__(self, databases: _Optional[_Iterable[str]] = ..., include_schemas: _Optional[_Iterable[str]] = ..., exclude_schemas: _Optional[_Iterable[str]] = ..., include_tables: _Optional[_Iterable[str]] = ..., exclude_tables: _Optional[_Iterable[str]] = ..., include_paths: _Optional[_Iterable[str]] = ..., exclude_paths: _Optional[_Iterable[str]] = ..., exclude_views: _Optional[bool] = ...) -> None: ...

class ScanSchedule(_message.Message):
    __slots__ = ("cron", "time_zone", "enabled", "next_run_time")
    CRON_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    NEXT_RUN_TIME_FIELD_NUMBER: _ClassVar[int]
    cron: str
    time_zone: str
    enabled: bool
    next_run_time: _timestamp_pb2.Timestamp
    def __init__(self, cron: _Optional[str] = ..., time_zone: _Optional[str] = ..., enabled: _Optional[bool] = ..., next_run_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ScanRun(_message.Message):
    __slots__ = ("name", "state", "trigger", "initiator", "operation", "scan_snapshot", "mode", "progress", "report", "error", "create_time", "start_time", "end_time")
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATE_UNSPECIFIED: _ClassVar[ScanRun.State]
        STATE_PENDING: _ClassVar[ScanRun.State]
        STATE_RUNNING: _ClassVar[ScanRun.State]
        STATE_CANCELLING: _ClassVar[ScanRun.State]
        STATE_SUCCEEDED: _ClassVar[ScanRun.State]
        STATE_PARTIALLY_SUCCEEDED: _ClassVar[ScanRun.State]
        STATE_FAILED: _ClassVar[ScanRun.State]
        STATE_CANCELLED: _ClassVar[ScanRun.State]
    STATE_UNSPECIFIED: ScanRun.State
    STATE_PENDING: ScanRun.State
    STATE_RUNNING: ScanRun.State
    STATE_CANCELLING: ScanRun.State
    STATE_SUCCEEDED: ScanRun.State
    STATE_PARTIALLY_SUCCEEDED: ScanRun.State
    STATE_FAILED: ScanRun.State
    STATE_CANCELLED: ScanRun.State
    class Trigger(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        TRIGGER_UNSPECIFIED: _ClassVar[ScanRun.Trigger]
        TRIGGER_MANUAL: _ClassVar[ScanRun.Trigger]
        TRIGGER_SCHEDULE: _ClassVar[ScanRun.Trigger]
        TRIGGER_WORKFLOW: _ClassVar[ScanRun.Trigger]
        TRIGGER_ORCHESTRATION: _ClassVar[ScanRun.Trigger]
    TRIGGER_UNSPECIFIED: ScanRun.Trigger
    TRIGGER_MANUAL: ScanRun.Trigger
    TRIGGER_SCHEDULE: ScanRun.Trigger
    TRIGGER_WORKFLOW: ScanRun.Trigger
    TRIGGER_ORCHESTRATION: ScanRun.Trigger
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    INITIATOR_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    SCAN_SNAPSHOT_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    state: ScanRun.State
    trigger: ScanRun.Trigger
    initiator: str
    operation: str
    scan_snapshot: Scan
    mode: ScanMode
    progress: ScanProgress
    report: ScanReport
    error: _status_pb2.Status
    create_time: _timestamp_pb2.Timestamp
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., state: _Optional[_Union[ScanRun.State, str]] = ..., trigger: _Optional[_Union[ScanRun.Trigger, str]] = ..., initiator: _Optional[str] = ..., operation: _Optional[str] = ..., scan_snapshot: _Optional[_Union[Scan, _Mapping]] = ..., mode: _Optional[_Union[ScanMode, str]] = ..., progress: _Optional[_Union[ScanProgress, _Mapping]] = ..., report: _Optional[_Union[ScanReport, _Mapping]] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ScanProgress(_message.Message):
    __slots__ = ("phase", "objects_total", "objects_done", "objects_failed", "columns_done", "current_objects", "warning_count", "error_count", "fraction", "elapsed", "estimated_remaining", "active_workers")
    PHASE_FIELD_NUMBER: _ClassVar[int]
    OBJECTS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    OBJECTS_DONE_FIELD_NUMBER: _ClassVar[int]
    OBJECTS_FAILED_FIELD_NUMBER: _ClassVar[int]
    COLUMNS_DONE_FIELD_NUMBER: _ClassVar[int]
    CURRENT_OBJECTS_FIELD_NUMBER: _ClassVar[int]
    WARNING_COUNT_FIELD_NUMBER: _ClassVar[int]
    ERROR_COUNT_FIELD_NUMBER: _ClassVar[int]
    FRACTION_FIELD_NUMBER: _ClassVar[int]
    ELAPSED_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_REMAINING_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_WORKERS_FIELD_NUMBER: _ClassVar[int]
    phase: ScanPhase
    objects_total: int
    objects_done: int
    objects_failed: int
    columns_done: int
    current_objects: _containers.RepeatedScalarFieldContainer[str]
    warning_count: int
    error_count: int
    fraction: float
    elapsed: _duration_pb2.Duration
    estimated_remaining: _duration_pb2.Duration
    active_workers: int
    def __init__(self, phase: _Optional[_Union[ScanPhase, str]] = ..., objects_total: _Optional[int] = ..., objects_done: _Optional[int] = ..., objects_failed: _Optional[int] = ..., columns_done: _Optional[int] = ..., current_objects: _Optional[_Iterable[str]] = ..., warning_count: _Optional[int] = ..., error_count: _Optional[int] = ..., fraction: _Optional[float] = ..., elapsed: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., estimated_remaining: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., active_workers: _Optional[int] = ...) -> None: ...

class ScanIssue(_message.Message):
    __slots__ = ("severity", "code", "message", "object", "column", "phase", "time")
    class Severity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        SEVERITY_UNSPECIFIED: _ClassVar[ScanIssue.Severity]
        SEVERITY_WARNING: _ClassVar[ScanIssue.Severity]
        SEVERITY_ERROR: _ClassVar[ScanIssue.Severity]
    SEVERITY_UNSPECIFIED: ScanIssue.Severity
    SEVERITY_WARNING: ScanIssue.Severity
    SEVERITY_ERROR: ScanIssue.Severity
    class Code(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        CODE_UNSPECIFIED: _ClassVar[ScanIssue.Code]
        CODE_PERMISSION_DENIED: _ClassVar[ScanIssue.Code]
        CODE_TIMEOUT: _ClassVar[ScanIssue.Code]
        CODE_OBJECT_VANISHED: _ClassVar[ScanIssue.Code]
        CODE_SAMPLING_FAILED: _ClassVar[ScanIssue.Code]
        CODE_PROFILING_FAILED: _ClassVar[ScanIssue.Code]
        CODE_CLASSIFICATION_FAILED: _ClassVar[ScanIssue.Code]
        CODE_UNSUPPORTED_TYPE: _ClassVar[ScanIssue.Code]
        CODE_FILE_UNREADABLE: _ClassVar[ScanIssue.Code]
        CODE_CATALOG_WRITE_FAILED: _ClassVar[ScanIssue.Code]
        CODE_CONNECTION_LOST: _ClassVar[ScanIssue.Code]
        CODE_TASK_RETRIED: _ClassVar[ScanIssue.Code]
        CODE_OTHER: _ClassVar[ScanIssue.Code]
    CODE_UNSPECIFIED: ScanIssue.Code
    CODE_PERMISSION_DENIED: ScanIssue.Code
    CODE_TIMEOUT: ScanIssue.Code
    CODE_OBJECT_VANISHED: ScanIssue.Code
    CODE_SAMPLING_FAILED: ScanIssue.Code
    CODE_PROFILING_FAILED: ScanIssue.Code
    CODE_CLASSIFICATION_FAILED: ScanIssue.Code
    CODE_UNSUPPORTED_TYPE: ScanIssue.Code
    CODE_FILE_UNREADABLE: ScanIssue.Code
    CODE_CATALOG_WRITE_FAILED: ScanIssue.Code
    CODE_CONNECTION_LOST: ScanIssue.Code
    CODE_TASK_RETRIED: ScanIssue.Code
    CODE_OTHER: ScanIssue.Code
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    OBJECT_FIELD_NUMBER: _ClassVar[int]
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    severity: ScanIssue.Severity
    code: ScanIssue.Code
    message: str
    object: str
    column: str
    phase: ScanPhase
    time: _timestamp_pb2.Timestamp
    def __init__(self, severity: _Optional[_Union[ScanIssue.Severity, str]] = ..., code: _Optional[_Union[ScanIssue.Code, str]] = ..., message: _Optional[str] = ..., object: _Optional[str] = ..., column: _Optional[str] = ..., phase: _Optional[_Union[ScanPhase, str]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ScanReport(_message.Message):
    __slots__ = ("databases", "schemas", "tables", "views", "files", "objects_total", "objects_scanned", "objects_unchanged", "objects_failed", "columns", "classified_columns", "rows_sampled", "objects_added", "objects_changed", "objects_removed", "columns_added", "columns_changed", "columns_removed", "labels_by_classifier", "duration", "warnings", "warning_count", "errors", "error_count")
    class LabelsByClassifierEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    DATABASES_FIELD_NUMBER: _ClassVar[int]
    SCHEMAS_FIELD_NUMBER: _ClassVar[int]
    TABLES_FIELD_NUMBER: _ClassVar[int]
    VIEWS_FIELD_NUMBER: _ClassVar[int]
    FILES_FIELD_NUMBER: _ClassVar[int]
    OBJECTS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    OBJECTS_SCANNED_FIELD_NUMBER: _ClassVar[int]
    OBJECTS_UNCHANGED_FIELD_NUMBER: _ClassVar[int]
    OBJECTS_FAILED_FIELD_NUMBER: _ClassVar[int]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    CLASSIFIED_COLUMNS_FIELD_NUMBER: _ClassVar[int]
    ROWS_SAMPLED_FIELD_NUMBER: _ClassVar[int]
    OBJECTS_ADDED_FIELD_NUMBER: _ClassVar[int]
    OBJECTS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    OBJECTS_REMOVED_FIELD_NUMBER: _ClassVar[int]
    COLUMNS_ADDED_FIELD_NUMBER: _ClassVar[int]
    COLUMNS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    COLUMNS_REMOVED_FIELD_NUMBER: _ClassVar[int]
    LABELS_BY_CLASSIFIER_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    WARNING_COUNT_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    ERROR_COUNT_FIELD_NUMBER: _ClassVar[int]
    databases: int
    schemas: int
    tables: int
    views: int
    files: int
    objects_total: int
    objects_scanned: int
    objects_unchanged: int
    objects_failed: int
    columns: int
    classified_columns: int
    rows_sampled: int
    objects_added: int
    objects_changed: int
    objects_removed: int
    columns_added: int
    columns_changed: int
    columns_removed: int
    labels_by_classifier: _containers.ScalarMap[str, int]
    duration: _duration_pb2.Duration
    warnings: _containers.RepeatedCompositeFieldContainer[ScanIssue]
    warning_count: int
    errors: _containers.RepeatedCompositeFieldContainer[ScanIssue]
    error_count: int
    def __init__(self, databases: _Optional[int] = ..., schemas: _Optional[int] = ..., tables: _Optional[int] = ..., views: _Optional[int] = ..., files: _Optional[int] = ..., objects_total: _Optional[int] = ..., objects_scanned: _Optional[int] = ..., objects_unchanged: _Optional[int] = ..., objects_failed: _Optional[int] = ..., columns: _Optional[int] = ..., classified_columns: _Optional[int] = ..., rows_sampled: _Optional[int] = ..., objects_added: _Optional[int] = ..., objects_changed: _Optional[int] = ..., objects_removed: _Optional[int] = ..., columns_added: _Optional[int] = ..., columns_changed: _Optional[int] = ..., columns_removed: _Optional[int] = ..., labels_by_classifier: _Optional[_Mapping[str, int]] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., warnings: _Optional[_Iterable[_Union[ScanIssue, _Mapping]]] = ..., warning_count: _Optional[int] = ..., errors: _Optional[_Iterable[_Union[ScanIssue, _Mapping]]] = ..., error_count: _Optional[int] = ...) -> None: ...

class CreateScanRequest(_message.Message):
    __slots__ = ("parent", "scan", "scan_id", "request_id", "validate_only")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    SCAN_FIELD_NUMBER: _ClassVar[int]
    SCAN_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    scan: Scan
    scan_id: str
    request_id: str
    validate_only: bool
    def __init__(self, parent: _Optional[str] = ..., scan: _Optional[_Union[Scan, _Mapping]] = ..., scan_id: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class GetScanRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListScansRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "scheduled_only", "order_by")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_ONLY_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    scheduled_only: bool
    order_by: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., scheduled_only: _Optional[bool] = ..., order_by: _Optional[str] = ...) -> None: ...

class ListScansResponse(_message.Message):
    __slots__ = ("scans", "next_page_token", "total_size")
    SCANS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    scans: _containers.RepeatedCompositeFieldContainer[Scan]
    next_page_token: str
    total_size: int
    def __init__(self, scans: _Optional[_Iterable[_Union[Scan, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateScanRequest(_message.Message):
    __slots__ = ("scan", "update_mask", "validate_only")
    SCAN_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    scan: Scan
    update_mask: _field_mask_pb2.FieldMask
    validate_only: bool
    def __init__(self, scan: _Optional[_Union[Scan, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class DeleteScanRequest(_message.Message):
    __slots__ = ("name", "etag", "force")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    FORCE_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    force: bool
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ..., force: _Optional[bool] = ...) -> None: ...

class RunScanRequest(_message.Message):
    __slots__ = ("name", "mode", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    mode: ScanMode
    request_id: str
    def __init__(self, name: _Optional[str] = ..., mode: _Optional[_Union[ScanMode, str]] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetScanRunRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListScanRunsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "states", "start_time", "end_time", "summary_only")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_ONLY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    states: _containers.RepeatedScalarFieldContainer[ScanRun.State]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    summary_only: bool
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., states: _Optional[_Iterable[_Union[ScanRun.State, str]]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., summary_only: _Optional[bool] = ...) -> None: ...

class ListScanRunsResponse(_message.Message):
    __slots__ = ("scan_runs", "next_page_token")
    SCAN_RUNS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    scan_runs: _containers.RepeatedCompositeFieldContainer[ScanRun]
    next_page_token: str
    def __init__(self, scan_runs: _Optional[_Iterable[_Union[ScanRun, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class WatchScanRunRequest(_message.Message):
    __slots__ = ("name", "after_sequence")
    NAME_FIELD_NUMBER: _ClassVar[int]
    AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    name: str
    after_sequence: int
    def __init__(self, name: _Optional[str] = ..., after_sequence: _Optional[int] = ...) -> None: ...

class WatchScanRunResponse(_message.Message):
    __slots__ = ("run", "sequence", "type", "time", "state", "progress", "issue", "finished", "report", "error")
    class Type(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        TYPE_UNSPECIFIED: _ClassVar[WatchScanRunResponse.Type]
        TYPE_SNAPSHOT: _ClassVar[WatchScanRunResponse.Type]
        TYPE_PROGRESS: _ClassVar[WatchScanRunResponse.Type]
        TYPE_PHASE_CHANGED: _ClassVar[WatchScanRunResponse.Type]
        TYPE_ISSUE: _ClassVar[WatchScanRunResponse.Type]
        TYPE_FINISHED: _ClassVar[WatchScanRunResponse.Type]
    TYPE_UNSPECIFIED: WatchScanRunResponse.Type
    TYPE_SNAPSHOT: WatchScanRunResponse.Type
    TYPE_PROGRESS: WatchScanRunResponse.Type
    TYPE_PHASE_CHANGED: WatchScanRunResponse.Type
    TYPE_ISSUE: WatchScanRunResponse.Type
    TYPE_FINISHED: WatchScanRunResponse.Type
    RUN_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    ISSUE_FIELD_NUMBER: _ClassVar[int]
    FINISHED_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    run: str
    sequence: int
    type: WatchScanRunResponse.Type
    time: _timestamp_pb2.Timestamp
    state: ScanRun.State
    progress: ScanProgress
    issue: ScanIssue
    finished: bool
    report: ScanReport
    error: _status_pb2.Status
    def __init__(self, run: _Optional[str] = ..., sequence: _Optional[int] = ..., type: _Optional[_Union[WatchScanRunResponse.Type, str]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., state: _Optional[_Union[ScanRun.State, str]] = ..., progress: _Optional[_Union[ScanProgress, _Mapping]] = ..., issue: _Optional[_Union[ScanIssue, _Mapping]] = ..., finished: _Optional[bool] = ..., report: _Optional[_Union[ScanReport, _Mapping]] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ...) -> None: ...

class CancelScanRunRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...
