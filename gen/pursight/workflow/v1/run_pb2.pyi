import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import status_pb2 as _status_pb2
from pursight.workflow.v1 import definition_pb2 as _definition_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class WorkflowRun(_message.Message):
    __slots__ = ("name", "workflow_revision", "state", "trigger_kind", "trigger_id", "trigger_event", "parent_run", "parameters", "step_runs", "error", "creator", "create_time", "start_time", "end_time", "resume_count", "labels", "last_event_sequence")
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATE_UNSPECIFIED: _ClassVar[WorkflowRun.State]
        STATE_PENDING: _ClassVar[WorkflowRun.State]
        STATE_RUNNING: _ClassVar[WorkflowRun.State]
        STATE_WAITING: _ClassVar[WorkflowRun.State]
        STATE_CANCELLING: _ClassVar[WorkflowRun.State]
        STATE_SUCCEEDED: _ClassVar[WorkflowRun.State]
        STATE_FAILED: _ClassVar[WorkflowRun.State]
        STATE_CANCELLED: _ClassVar[WorkflowRun.State]
    STATE_UNSPECIFIED: WorkflowRun.State
    STATE_PENDING: WorkflowRun.State
    STATE_RUNNING: WorkflowRun.State
    STATE_WAITING: WorkflowRun.State
    STATE_CANCELLING: WorkflowRun.State
    STATE_SUCCEEDED: WorkflowRun.State
    STATE_FAILED: WorkflowRun.State
    STATE_CANCELLED: WorkflowRun.State
    class TriggerKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        TRIGGER_KIND_UNSPECIFIED: _ClassVar[WorkflowRun.TriggerKind]
        TRIGGER_KIND_MANUAL: _ClassVar[WorkflowRun.TriggerKind]
        TRIGGER_KIND_SCHEDULE: _ClassVar[WorkflowRun.TriggerKind]
        TRIGGER_KIND_EVENT: _ClassVar[WorkflowRun.TriggerKind]
        TRIGGER_KIND_PARENT_RUN: _ClassVar[WorkflowRun.TriggerKind]
    TRIGGER_KIND_UNSPECIFIED: WorkflowRun.TriggerKind
    TRIGGER_KIND_MANUAL: WorkflowRun.TriggerKind
    TRIGGER_KIND_SCHEDULE: WorkflowRun.TriggerKind
    TRIGGER_KIND_EVENT: WorkflowRun.TriggerKind
    TRIGGER_KIND_PARENT_RUN: WorkflowRun.TriggerKind
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_REVISION_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_KIND_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_ID_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_EVENT_FIELD_NUMBER: _ClassVar[int]
    PARENT_RUN_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    STEP_RUNS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    RESUME_COUNT_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    LAST_EVENT_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    name: str
    workflow_revision: int
    state: WorkflowRun.State
    trigger_kind: WorkflowRun.TriggerKind
    trigger_id: str
    trigger_event: str
    parent_run: str
    parameters: _struct_pb2.Struct
    step_runs: _containers.RepeatedCompositeFieldContainer[StepRun]
    error: _status_pb2.Status
    creator: str
    create_time: _timestamp_pb2.Timestamp
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    resume_count: int
    labels: _containers.ScalarMap[str, str]
    last_event_sequence: int
    def __init__(self, name: _Optional[str] = ..., workflow_revision: _Optional[int] = ..., state: _Optional[_Union[WorkflowRun.State, str]] = ..., trigger_kind: _Optional[_Union[WorkflowRun.TriggerKind, str]] = ..., trigger_id: _Optional[str] = ..., trigger_event: _Optional[str] = ..., parent_run: _Optional[str] = ..., parameters: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., step_runs: _Optional[_Iterable[_Union[StepRun, _Mapping]]] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., creator: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resume_count: _Optional[int] = ..., labels: _Optional[_Mapping[str, str]] = ..., last_event_sequence: _Optional[int] = ...) -> None: ...

class StepRun(_message.Message):
    __slots__ = ("name", "step_id", "kind", "state", "attempts", "start_time", "end_time", "next_attempt_time", "outputs", "error", "decisions", "approval_task", "ready_time")
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATE_UNSPECIFIED: _ClassVar[StepRun.State]
        STATE_PENDING: _ClassVar[StepRun.State]
        STATE_READY: _ClassVar[StepRun.State]
        STATE_RUNNING: _ClassVar[StepRun.State]
        STATE_RETRYING: _ClassVar[StepRun.State]
        STATE_WAITING_FOR_APPROVAL: _ClassVar[StepRun.State]
        STATE_WAITING: _ClassVar[StepRun.State]
        STATE_SUCCEEDED: _ClassVar[StepRun.State]
        STATE_FAILED: _ClassVar[StepRun.State]
        STATE_SKIPPED: _ClassVar[StepRun.State]
        STATE_CANCELLED: _ClassVar[StepRun.State]
    STATE_UNSPECIFIED: StepRun.State
    STATE_PENDING: StepRun.State
    STATE_READY: StepRun.State
    STATE_RUNNING: StepRun.State
    STATE_RETRYING: StepRun.State
    STATE_WAITING_FOR_APPROVAL: StepRun.State
    STATE_WAITING: StepRun.State
    STATE_SUCCEEDED: StepRun.State
    STATE_FAILED: StepRun.State
    STATE_SKIPPED: StepRun.State
    STATE_CANCELLED: StepRun.State
    NAME_FIELD_NUMBER: _ClassVar[int]
    STEP_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    NEXT_ATTEMPT_TIME_FIELD_NUMBER: _ClassVar[int]
    OUTPUTS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    DECISIONS_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_TASK_FIELD_NUMBER: _ClassVar[int]
    READY_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    step_id: str
    kind: _definition_pb2.Step.Kind
    state: StepRun.State
    attempts: _containers.RepeatedCompositeFieldContainer[StepAttempt]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    next_attempt_time: _timestamp_pb2.Timestamp
    outputs: _struct_pb2.Struct
    error: _status_pb2.Status
    decisions: _containers.RepeatedCompositeFieldContainer[ApprovalDecision]
    approval_task: str
    ready_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., step_id: _Optional[str] = ..., kind: _Optional[_Union[_definition_pb2.Step.Kind, str]] = ..., state: _Optional[_Union[StepRun.State, str]] = ..., attempts: _Optional[_Iterable[_Union[StepAttempt, _Mapping]]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., next_attempt_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., outputs: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., decisions: _Optional[_Iterable[_Union[ApprovalDecision, _Mapping]]] = ..., approval_task: _Optional[str] = ..., ready_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StepAttempt(_message.Message):
    __slots__ = ("attempt", "start_time", "end_time", "error", "operation", "worker")
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    WORKER_FIELD_NUMBER: _ClassVar[int]
    attempt: int
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    error: _status_pb2.Status
    operation: str
    worker: str
    def __init__(self, attempt: _Optional[int] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., operation: _Optional[str] = ..., worker: _Optional[str] = ...) -> None: ...

class ApprovalDecision(_message.Message):
    __slots__ = ("principal", "decision", "comment", "decide_time")
    class Decision(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        DECISION_UNSPECIFIED: _ClassVar[ApprovalDecision.Decision]
        DECISION_APPROVED: _ClassVar[ApprovalDecision.Decision]
        DECISION_REJECTED: _ClassVar[ApprovalDecision.Decision]
    DECISION_UNSPECIFIED: ApprovalDecision.Decision
    DECISION_APPROVED: ApprovalDecision.Decision
    DECISION_REJECTED: ApprovalDecision.Decision
    PRINCIPAL_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    DECIDE_TIME_FIELD_NUMBER: _ClassVar[int]
    principal: str
    decision: ApprovalDecision.Decision
    comment: str
    decide_time: _timestamp_pb2.Timestamp
    def __init__(self, principal: _Optional[str] = ..., decision: _Optional[_Union[ApprovalDecision.Decision, str]] = ..., comment: _Optional[str] = ..., decide_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class WorkflowRunEvent(_message.Message):
    __slots__ = ("sequence", "event_time", "type", "run", "step_id", "attempt", "run_state", "step_run", "workflow_run", "error", "will_retry", "decision", "progress", "message")
    class Type(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        TYPE_UNSPECIFIED: _ClassVar[WorkflowRunEvent.Type]
        TYPE_SNAPSHOT: _ClassVar[WorkflowRunEvent.Type]
        TYPE_RUN_STARTED: _ClassVar[WorkflowRunEvent.Type]
        TYPE_STEP_STARTED: _ClassVar[WorkflowRunEvent.Type]
        TYPE_STEP_SUCCEEDED: _ClassVar[WorkflowRunEvent.Type]
        TYPE_STEP_FAILED: _ClassVar[WorkflowRunEvent.Type]
        TYPE_STEP_RETRYING: _ClassVar[WorkflowRunEvent.Type]
        TYPE_STEP_WAITING_FOR_APPROVAL: _ClassVar[WorkflowRunEvent.Type]
        TYPE_STEP_DECISION: _ClassVar[WorkflowRunEvent.Type]
        TYPE_STEP_WAITING: _ClassVar[WorkflowRunEvent.Type]
        TYPE_STEP_SKIPPED: _ClassVar[WorkflowRunEvent.Type]
        TYPE_STEP_PROGRESS: _ClassVar[WorkflowRunEvent.Type]
        TYPE_RUN_CANCELLING: _ClassVar[WorkflowRunEvent.Type]
        TYPE_RUN_RESUMED: _ClassVar[WorkflowRunEvent.Type]
        TYPE_RUN_FINISHED: _ClassVar[WorkflowRunEvent.Type]
    TYPE_UNSPECIFIED: WorkflowRunEvent.Type
    TYPE_SNAPSHOT: WorkflowRunEvent.Type
    TYPE_RUN_STARTED: WorkflowRunEvent.Type
    TYPE_STEP_STARTED: WorkflowRunEvent.Type
    TYPE_STEP_SUCCEEDED: WorkflowRunEvent.Type
    TYPE_STEP_FAILED: WorkflowRunEvent.Type
    TYPE_STEP_RETRYING: WorkflowRunEvent.Type
    TYPE_STEP_WAITING_FOR_APPROVAL: WorkflowRunEvent.Type
    TYPE_STEP_DECISION: WorkflowRunEvent.Type
    TYPE_STEP_WAITING: WorkflowRunEvent.Type
    TYPE_STEP_SKIPPED: WorkflowRunEvent.Type
    TYPE_STEP_PROGRESS: WorkflowRunEvent.Type
    TYPE_RUN_CANCELLING: WorkflowRunEvent.Type
    TYPE_RUN_RESUMED: WorkflowRunEvent.Type
    TYPE_RUN_FINISHED: WorkflowRunEvent.Type
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    RUN_FIELD_NUMBER: _ClassVar[int]
    STEP_ID_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    RUN_STATE_FIELD_NUMBER: _ClassVar[int]
    STEP_RUN_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_RUN_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    WILL_RETRY_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    sequence: int
    event_time: _timestamp_pb2.Timestamp
    type: WorkflowRunEvent.Type
    run: str
    step_id: str
    attempt: int
    run_state: WorkflowRun.State
    step_run: StepRun
    workflow_run: WorkflowRun
    error: _status_pb2.Status
    will_retry: bool
    decision: ApprovalDecision
    progress: float
    message: str
    def __init__(self, sequence: _Optional[int] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., type: _Optional[_Union[WorkflowRunEvent.Type, str]] = ..., run: _Optional[str] = ..., step_id: _Optional[str] = ..., attempt: _Optional[int] = ..., run_state: _Optional[_Union[WorkflowRun.State, str]] = ..., step_run: _Optional[_Union[StepRun, _Mapping]] = ..., workflow_run: _Optional[_Union[WorkflowRun, _Mapping]] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., will_retry: _Optional[bool] = ..., decision: _Optional[_Union[ApprovalDecision, _Mapping]] = ..., progress: _Optional[float] = ..., message: _Optional[str] = ...) -> None: ...
