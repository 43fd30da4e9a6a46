import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import struct_pb2 as _struct_pb2
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

class FlowState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FLOW_STATE_UNSPECIFIED: _ClassVar[FlowState]
    FLOW_STATE_PENDING: _ClassVar[FlowState]
    FLOW_STATE_RUNNING: _ClassVar[FlowState]
    FLOW_STATE_SUCCEEDED: _ClassVar[FlowState]
    FLOW_STATE_FAILED: _ClassVar[FlowState]
    FLOW_STATE_SKIPPED: _ClassVar[FlowState]
    FLOW_STATE_CANCELLED: _ClassVar[FlowState]

class ServingState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SERVING_STATE_UNSPECIFIED: _ClassVar[ServingState]
    SERVING_STATE_SERVING: _ClassVar[ServingState]
    SERVING_STATE_NOT_SERVING: _ClassVar[ServingState]
    SERVING_STATE_UNREACHABLE: _ClassVar[ServingState]
    SERVING_STATE_DEGRADED: _ClassVar[ServingState]
FLOW_STATE_UNSPECIFIED: FlowState
FLOW_STATE_PENDING: FlowState
FLOW_STATE_RUNNING: FlowState
FLOW_STATE_SUCCEEDED: FlowState
FLOW_STATE_FAILED: FlowState
FLOW_STATE_SKIPPED: FlowState
FLOW_STATE_CANCELLED: FlowState
SERVING_STATE_UNSPECIFIED: ServingState
SERVING_STATE_SERVING: ServingState
SERVING_STATE_NOT_SERVING: ServingState
SERVING_STATE_UNREACHABLE: ServingState
SERVING_STATE_DEGRADED: ServingState

class FlowStep(_message.Message):
    __slots__ = ("kind", "state", "message", "progress", "resource", "operation", "error", "start_time", "end_time")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        KIND_UNSPECIFIED: _ClassVar[FlowStep.Kind]
        KIND_REGISTER_DATA_SOURCE: _ClassVar[FlowStep.Kind]
        KIND_TEST_CONNECTION: _ClassVar[FlowStep.Kind]
        KIND_CREATE_SCAN: _ClassVar[FlowStep.Kind]
        KIND_RUN_SCAN: _ClassVar[FlowStep.Kind]
        KIND_CLASSIFY: _ClassVar[FlowStep.Kind]
        KIND_EVALUATE_COMPLIANCE: _ClassVar[FlowStep.Kind]
    KIND_UNSPECIFIED: FlowStep.Kind
    KIND_REGISTER_DATA_SOURCE: FlowStep.Kind
    KIND_TEST_CONNECTION: FlowStep.Kind
    KIND_CREATE_SCAN: FlowStep.Kind
    KIND_RUN_SCAN: FlowStep.Kind
    KIND_CLASSIFY: FlowStep.Kind
    KIND_EVALUATE_COMPLIANCE: FlowStep.Kind
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    kind: FlowStep.Kind
    state: FlowState
    message: str
    progress: float
    resource: str
    operation: str
    error: _status_pb2.Status
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, kind: _Optional[_Union[FlowStep.Kind, str]] = ..., state: _Optional[_Union[FlowState, str]] = ..., message: _Optional[str] = ..., progress: _Optional[float] = ..., resource: _Optional[str] = ..., operation: _Optional[str] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Flow(_message.Message):
    __slots__ = ("name", "kind", "state", "steps", "operation", "target", "input", "onboard_result", "error", "creator", "create_time", "update_time", "end_time", "retry_count")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        KIND_UNSPECIFIED: _ClassVar[Flow.Kind]
        KIND_ONBOARD_DATA_SOURCE: _ClassVar[Flow.Kind]
    KIND_UNSPECIFIED: Flow.Kind
    KIND_ONBOARD_DATA_SOURCE: Flow.Kind
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    INPUT_FIELD_NUMBER: _ClassVar[int]
    ONBOARD_RESULT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    RETRY_COUNT_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: Flow.Kind
    state: FlowState
    steps: _containers.RepeatedCompositeFieldContainer[FlowStep]
    operation: str
    target: str
    input: _struct_pb2.Struct
    onboard_result: OnboardDataSourceResponse
    error: _status_pb2.Status
    creator: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    retry_count: int
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[_Union[Flow.Kind, str]] = ..., state: _Optional[_Union[FlowState, str]] = ..., steps: _Optional[_Iterable[_Union[FlowStep, _Mapping]]] = ..., operation: _Optional[str] = ..., target: _Optional[str] = ..., input: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., onboard_result: _Optional[_Union[OnboardDataSourceResponse, _Mapping]] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., creator: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., retry_count: _Optional[int] = ...) -> None: ...

class DataSourceSpec(_message.Message):
    __slots__ = ("kind", "display_name", "description", "labels", "connection", "credential", "data_source_id")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    KIND_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    CONNECTION_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    DATA_SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    kind: str
    display_name: str
    description: str
    labels: _containers.ScalarMap[str, str]
    connection: _struct_pb2.Struct
    credential: _struct_pb2.Struct
    data_source_id: str
    def __init__(self, kind: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., connection: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., credential: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., data_source_id: _Optional[str] = ...) -> None: ...

class ScanSpec(_message.Message):
    __slots__ = ("include_patterns", "exclude_patterns", "sample_size", "schedule", "incremental")
    INCLUDE_PATTERNS_FIELD_NUMBER: _ClassVar[int]
    EXCLUDE_PATTERNS_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_SIZE_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    INCREMENTAL_FIELD_NUMBER: _ClassVar[int]
    include_patterns: _containers.RepeatedScalarFieldContainer[str]
    exclude_patterns: _containers.RepeatedScalarFieldContainer[str]
    sample_size: int
    schedule: str
    incremental: bool
    def __init__(self, include_patterns: _Optional[_Iterable[str]] = ..., exclude_patterns: _Optional[_Iterable[str]] = ..., sample_size: _Optional[int] = ..., schedule: _Optional[str] = ..., incremental: _Optional[bool] = ...) -> None: ...

class OnboardDataSourceRequest(_message.Message):
    __slots__ = ("parent", "new_data_source", "data_source", "scan", "rule_set", "frameworks", "stop_after", "flow_id", "request_id", "validate_only")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    NEW_DATA_SOURCE_FIELD_NUMBER: _ClassVar[int]
    DATA_SOURCE_FIELD_NUMBER: _ClassVar[int]
    SCAN_FIELD_NUMBER: _ClassVar[int]
    RULE_SET_FIELD_NUMBER: _ClassVar[int]
    FRAMEWORKS_FIELD_NUMBER: _ClassVar[int]
    STOP_AFTER_FIELD_NUMBER: _ClassVar[int]
    FLOW_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    new_data_source: DataSourceSpec
    data_source: str
    scan: ScanSpec
    rule_set: str
    frameworks: _containers.RepeatedScalarFieldContainer[str]
    stop_after: FlowStep.Kind
    flow_id: str
    request_id: str
    validate_only: bool
    def __init__(self, parent: _Optional[str] = ..., new_data_source: _Optional[_Union[DataSourceSpec, _Mapping]] = ..., data_source: _Optional[str] = ..., scan: _Optional[_Union[ScanSpec, _Mapping]] = ..., rule_set: _Optional[str] = ..., frameworks: _Optional[_Iterable[str]] = ..., stop_after: _Optional[_Union[FlowStep.Kind, str]] = ..., flow_id: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class OnboardDataSourceMetadata(_message.Message):
    __slots__ = ("flow", "steps", "current_step")
    FLOW_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_STEP_FIELD_NUMBER: _ClassVar[int]
    flow: str
    steps: _containers.RepeatedCompositeFieldContainer[FlowStep]
    current_step: FlowStep.Kind
    def __init__(self, flow: _Optional[str] = ..., steps: _Optional[_Iterable[_Union[FlowStep, _Mapping]]] = ..., current_step: _Optional[_Union[FlowStep.Kind, str]] = ...) -> None: ...

class OnboardDataSourceResponse(_message.Message):
    __slots__ = ("data_source", "scan", "scan_run", "assets_discovered", "columns_classified", "sensitive_assets", "violations", "compliance_scores", "warnings")
    class ComplianceScoresEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    DATA_SOURCE_FIELD_NUMBER: _ClassVar[int]
    SCAN_FIELD_NUMBER: _ClassVar[int]
    SCAN_RUN_FIELD_NUMBER: _ClassVar[int]
    ASSETS_DISCOVERED_FIELD_NUMBER: _ClassVar[int]
    COLUMNS_CLASSIFIED_FIELD_NUMBER: _ClassVar[int]
    SENSITIVE_ASSETS_FIELD_NUMBER: _ClassVar[int]
    VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    COMPLIANCE_SCORES_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    data_source: str
    scan: str
    scan_run: str
    assets_discovered: int
    columns_classified: int
    sensitive_assets: int
    violations: int
    compliance_scores: _containers.ScalarMap[str, float]
    warnings: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, data_source: _Optional[str] = ..., scan: _Optional[str] = ..., scan_run: _Optional[str] = ..., assets_discovered: _Optional[int] = ..., columns_classified: _Optional[int] = ..., sensitive_assets: _Optional[int] = ..., violations: _Optional[int] = ..., compliance_scores: _Optional[_Mapping[str, float]] = ..., warnings: _Optional[_Iterable[str]] = ...) -> None: ...

class GetFlowRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListFlowsRequest(_message.Message):
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

class ListFlowsResponse(_message.Message):
    __slots__ = ("flows", "next_page_token")
    FLOWS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    flows: _containers.RepeatedCompositeFieldContainer[Flow]
    next_page_token: str
    def __init__(self, flows: _Optional[_Iterable[_Union[Flow, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RetryFlowRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetPlatformStatusRequest(_message.Message):
    __slots__ = ("services", "probe_timeout")
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    PROBE_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    services: _containers.RepeatedScalarFieldContainer[str]
    probe_timeout: _duration_pb2.Duration
    def __init__(self, services: _Optional[_Iterable[str]] = ..., probe_timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class GetPlatformStatusResponse(_message.Message):
    __slots__ = ("overall", "services", "dependencies", "check_time", "platform_version")
    OVERALL_FIELD_NUMBER: _ClassVar[int]
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    DEPENDENCIES_FIELD_NUMBER: _ClassVar[int]
    CHECK_TIME_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_VERSION_FIELD_NUMBER: _ClassVar[int]
    overall: ServingState
    services: _containers.RepeatedCompositeFieldContainer[ServiceStatus]
    dependencies: _containers.RepeatedCompositeFieldContainer[DependencyStatus]
    check_time: _timestamp_pb2.Timestamp
    platform_version: str
    def __init__(self, overall: _Optional[_Union[ServingState, str]] = ..., services: _Optional[_Iterable[_Union[ServiceStatus, _Mapping]]] = ..., dependencies: _Optional[_Iterable[_Union[DependencyStatus, _Mapping]]] = ..., check_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., platform_version: _Optional[str] = ...) -> None: ...

class ServiceStatus(_message.Message):
    __slots__ = ("service", "grpc_services", "state", "version", "address", "latency", "message", "uptime")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    GRPC_SERVICES_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    LATENCY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    UPTIME_FIELD_NUMBER: _ClassVar[int]
    service: str
    grpc_services: _containers.RepeatedScalarFieldContainer[str]
    state: ServingState
    version: str
    address: str
    latency: _duration_pb2.Duration
    message: str
    uptime: _duration_pb2.Duration
    def __init__(self, service: _Optional[str] = ..., grpc_services: _Optional[_Iterable[str]] = ..., state: _Optional[_Union[ServingState, str]] = ..., version: _Optional[str] = ..., address: _Optional[str] = ..., latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., message: _Optional[str] = ..., uptime: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class DependencyStatus(_message.Message):
    __slots__ = ("name", "state", "address", "version", "latency", "embedded", "message")
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    LATENCY_FIELD_NUMBER: _ClassVar[int]
    EMBEDDED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    name: str
    state: ServingState
    address: str
    version: str
    latency: _duration_pb2.Duration
    embedded: bool
    message: str
    def __init__(self, name: _Optional[str] = ..., state: _Optional[_Union[ServingState, str]] = ..., address: _Optional[str] = ..., version: _Optional[str] = ..., latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., embedded: _Optional[bool] = ..., message: _Optional[str] = ...) -> None: ...
