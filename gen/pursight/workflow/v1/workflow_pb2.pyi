import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from pursight.common.v1 import access_pb2 as _access_pb2
from pursight.workflow.v1 import definition_pb2 as _definition_pb2
from pursight.workflow.v1 import run_pb2 as _run_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CreateWorkflowRequest(_message.Message):
    __slots__ = ("parent", "workflow", "workflow_id", "request_id", "validate_only")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    workflow: _definition_pb2.Workflow
    workflow_id: str
    request_id: str
    validate_only: bool
    def __init__(self, parent: _Optional[str] = ..., workflow: _Optional[_Union[_definition_pb2.Workflow, _Mapping]] = ..., workflow_id: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class GetWorkflowRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListWorkflowsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "filter", "order_by")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    filter: str
    order_by: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ..., order_by: _Optional[str] = ...) -> None: ...

class ListWorkflowsResponse(_message.Message):
    __slots__ = ("workflows", "next_page_token", "total_size")
    WORKFLOWS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    workflows: _containers.RepeatedCompositeFieldContainer[_definition_pb2.Workflow]
    next_page_token: str
    total_size: int
    def __init__(self, workflows: _Optional[_Iterable[_Union[_definition_pb2.Workflow, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateWorkflowRequest(_message.Message):
    __slots__ = ("workflow", "update_mask", "validate_only")
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    workflow: _definition_pb2.Workflow
    update_mask: _field_mask_pb2.FieldMask
    validate_only: bool
    def __init__(self, workflow: _Optional[_Union[_definition_pb2.Workflow, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class DeleteWorkflowRequest(_message.Message):
    __slots__ = ("name", "etag", "force")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    FORCE_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    force: bool
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ..., force: _Optional[bool] = ...) -> None: ...

class ValidateWorkflowRequest(_message.Message):
    __slots__ = ("parent", "workflow")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    parent: str
    workflow: _definition_pb2.Workflow
    def __init__(self, parent: _Optional[str] = ..., workflow: _Optional[_Union[_definition_pb2.Workflow, _Mapping]] = ...) -> None: ...

class ValidateWorkflowResponse(_message.Message):
    __slots__ = ("valid", "issues", "stages", "next_scheduled_times")
    VALID_FIELD_NUMBER: _ClassVar[int]
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    STAGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_SCHEDULED_TIMES_FIELD_NUMBER: _ClassVar[int]
    valid: bool
    issues: _containers.RepeatedCompositeFieldContainer[ValidationIssue]
    stages: _containers.RepeatedCompositeFieldContainer[Stage]
    next_scheduled_times: _containers.RepeatedCompositeFieldContainer[_timestamp_pb2.Timestamp]
    def __init__(self, valid: _Optional[bool] = ..., issues: _Optional[_Iterable[_Union[ValidationIssue, _Mapping]]] = ..., stages: _Optional[_Iterable[_Union[Stage, _Mapping]]] = ..., next_scheduled_times: _Optional[_Iterable[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]]] = ...) -> None: ...

class ValidationIssue(_message.Message):
    __slots__ = ("severity", "step_id", "field", "message")
    class Severity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        SEVERITY_UNSPECIFIED: _ClassVar[ValidationIssue.Severity]
        SEVERITY_ERROR: _ClassVar[ValidationIssue.Severity]
        SEVERITY_WARNING: _ClassVar[ValidationIssue.Severity]
    SEVERITY_UNSPECIFIED: ValidationIssue.Severity
    SEVERITY_ERROR: ValidationIssue.Severity
    SEVERITY_WARNING: ValidationIssue.Severity
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    STEP_ID_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    severity: ValidationIssue.Severity
    step_id: str
    field: str
    message: str
    def __init__(self, severity: _Optional[_Union[ValidationIssue.Severity, str]] = ..., step_id: _Optional[str] = ..., field: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class Stage(_message.Message):
    __slots__ = ("step_ids",)
    STEP_IDS_FIELD_NUMBER: _ClassVar[int]
    step_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, step_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class RunWorkflowRequest(_message.Message):
    __slots__ = ("name", "parameters", "run_id", "request_id", "labels", "step_ids")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    STEP_IDS_FIELD_NUMBER: _ClassVar[int]
    name: str
    parameters: _struct_pb2.Struct
    run_id: str
    request_id: str
    labels: _containers.ScalarMap[str, str]
    step_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., parameters: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., run_id: _Optional[str] = ..., request_id: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., step_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class RunWorkflowResponse(_message.Message):
    __slots__ = ("workflow_run",)
    WORKFLOW_RUN_FIELD_NUMBER: _ClassVar[int]
    workflow_run: _run_pb2.WorkflowRun
    def __init__(self, workflow_run: _Optional[_Union[_run_pb2.WorkflowRun, _Mapping]] = ...) -> None: ...

class GetWorkflowRunRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListWorkflowRunsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "filter", "order_by", "omit_step_runs")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    OMIT_STEP_RUNS_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    filter: str
    order_by: str
    omit_step_runs: bool
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ..., order_by: _Optional[str] = ..., omit_step_runs: _Optional[bool] = ...) -> None: ...

class ListWorkflowRunsResponse(_message.Message):
    __slots__ = ("workflow_runs", "next_page_token")
    WORKFLOW_RUNS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    workflow_runs: _containers.RepeatedCompositeFieldContainer[_run_pb2.WorkflowRun]
    next_page_token: str
    def __init__(self, workflow_runs: _Optional[_Iterable[_Union[_run_pb2.WorkflowRun, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class WatchWorkflowRunRequest(_message.Message):
    __slots__ = ("name", "after_sequence")
    NAME_FIELD_NUMBER: _ClassVar[int]
    AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    name: str
    after_sequence: int
    def __init__(self, name: _Optional[str] = ..., after_sequence: _Optional[int] = ...) -> None: ...

class WatchWorkflowRunResponse(_message.Message):
    __slots__ = ("event",)
    EVENT_FIELD_NUMBER: _ClassVar[int]
    event: _run_pb2.WorkflowRunEvent
    def __init__(self, event: _Optional[_Union[_run_pb2.WorkflowRunEvent, _Mapping]] = ...) -> None: ...

class ListWorkflowRunEventsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "step_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STEP_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    step_id: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., step_id: _Optional[str] = ...) -> None: ...

class ListWorkflowRunEventsResponse(_message.Message):
    __slots__ = ("events", "next_page_token")
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[_run_pb2.WorkflowRunEvent]
    next_page_token: str
    def __init__(self, events: _Optional[_Iterable[_Union[_run_pb2.WorkflowRunEvent, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CancelWorkflowRunRequest(_message.Message):
    __slots__ = ("name", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CancelWorkflowRunResponse(_message.Message):
    __slots__ = ("workflow_run",)
    WORKFLOW_RUN_FIELD_NUMBER: _ClassVar[int]
    workflow_run: _run_pb2.WorkflowRun
    def __init__(self, workflow_run: _Optional[_Union[_run_pb2.WorkflowRun, _Mapping]] = ...) -> None: ...

class RetryWorkflowRunRequest(_message.Message):
    __slots__ = ("name", "from_step_ids", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    FROM_STEP_IDS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    from_step_ids: _containers.RepeatedScalarFieldContainer[str]
    request_id: str
    def __init__(self, name: _Optional[str] = ..., from_step_ids: _Optional[_Iterable[str]] = ..., request_id: _Optional[str] = ...) -> None: ...

class RetryWorkflowRunResponse(_message.Message):
    __slots__ = ("workflow_run",)
    WORKFLOW_RUN_FIELD_NUMBER: _ClassVar[int]
    workflow_run: _run_pb2.WorkflowRun
    def __init__(self, workflow_run: _Optional[_Union[_run_pb2.WorkflowRun, _Mapping]] = ...) -> None: ...

class ApproveStepRequest(_message.Message):
    __slots__ = ("name", "comment")
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    name: str
    comment: str
    def __init__(self, name: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class ApproveStepResponse(_message.Message):
    __slots__ = ("step_run",)
    STEP_RUN_FIELD_NUMBER: _ClassVar[int]
    step_run: _run_pb2.StepRun
    def __init__(self, step_run: _Optional[_Union[_run_pb2.StepRun, _Mapping]] = ...) -> None: ...

class RejectStepRequest(_message.Message):
    __slots__ = ("name", "comment")
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    name: str
    comment: str
    def __init__(self, name: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class RejectStepResponse(_message.Message):
    __slots__ = ("step_run",)
    STEP_RUN_FIELD_NUMBER: _ClassVar[int]
    step_run: _run_pb2.StepRun
    def __init__(self, step_run: _Optional[_Union[_run_pb2.StepRun, _Mapping]] = ...) -> None: ...
