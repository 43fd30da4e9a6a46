import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import code_pb2 as _code_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Workflow(_message.Message):
    __slots__ = ("name", "display_name", "description", "labels", "steps", "triggers", "parameters", "default_retry_policy", "run_timeout", "state", "overlap_policy", "max_concurrent_runs", "revision", "creator", "create_time", "update_time", "etag", "last_run", "next_scheduled_time")
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATE_UNSPECIFIED: _ClassVar[Workflow.State]
        STATE_ACTIVE: _ClassVar[Workflow.State]
        STATE_PAUSED: _ClassVar[Workflow.State]
    STATE_UNSPECIFIED: Workflow.State
    STATE_ACTIVE: Workflow.State
    STATE_PAUSED: Workflow.State
    class OverlapPolicy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        OVERLAP_POLICY_UNSPECIFIED: _ClassVar[Workflow.OverlapPolicy]
        OVERLAP_POLICY_ALLOW: _ClassVar[Workflow.OverlapPolicy]
        OVERLAP_POLICY_SKIP: _ClassVar[Workflow.OverlapPolicy]
        OVERLAP_POLICY_QUEUE: _ClassVar[Workflow.OverlapPolicy]
        OVERLAP_POLICY_CANCEL_PREVIOUS: _ClassVar[Workflow.OverlapPolicy]
    OVERLAP_POLICY_UNSPECIFIED: Workflow.OverlapPolicy
    OVERLAP_POLICY_ALLOW: Workflow.OverlapPolicy
    OVERLAP_POLICY_SKIP: Workflow.OverlapPolicy
    OVERLAP_POLICY_QUEUE: Workflow.OverlapPolicy
    OVERLAP_POLICY_CANCEL_PREVIOUS: Workflow.OverlapPolicy
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
    LABELS_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    TRIGGERS_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_RETRY_POLICY_FIELD_NUMBER: _ClassVar[int]
    RUN_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    OVERLAP_POLICY_FIELD_NUMBER: _ClassVar[int]
    MAX_CONCURRENT_RUNS_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    LAST_RUN_FIELD_NUMBER: _ClassVar[int]
    NEXT_SCHEDULED_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    labels: _containers.ScalarMap[str, str]
    steps: _containers.RepeatedCompositeFieldContainer[Step]
    triggers: _containers.RepeatedCompositeFieldContainer[Trigger]
    parameters: _containers.RepeatedCompositeFieldContainer[Parameter]
    default_retry_policy: RetryPolicy
    run_timeout: _duration_pb2.Duration
    state: Workflow.State
    overlap_policy: Workflow.OverlapPolicy
    max_concurrent_runs: int
    revision: int
    creator: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    last_run: str
    next_scheduled_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., steps: _Optional[_Iterable[_Union[Step, _Mapping]]] = ..., triggers: _Optional[_Iterable[_Union[Trigger, _Mapping]]] = ..., parameters: _Optional[_Iterable[_Union[Parameter, _Mapping]]] = ..., default_retry_policy: _Optional[_Union[RetryPolicy, _Mapping]] = ..., run_timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., state: _Optional[_Union[Workflow.State, str]] = ..., overlap_policy: _Optional[_Union[Workflow.OverlapPolicy, str]] = ..., max_concurrent_runs: _Optional[int] = ..., revision: _Optional[int] = ..., creator: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., last_run: _Optional[str] = ..., next_scheduled_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Step(_message.Message):
    __slots__ = ("id", "display_name", "kind", "scan", "classify", "evaluate_compliance", "human_approval", "notify", "webhook", "wait", "sub_workflow", "call", "depends_on", "run_condition", "retry_policy", "timeout", "allow_failure")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        KIND_UNSPECIFIED: _ClassVar[Step.Kind]
        KIND_SCAN: _ClassVar[Step.Kind]
        KIND_CLASSIFY: _ClassVar[Step.Kind]
        KIND_EVALUATE_COMPLIANCE: _ClassVar[Step.Kind]
        KIND_HUMAN_APPROVAL: _ClassVar[Step.Kind]
        KIND_NOTIFY: _ClassVar[Step.Kind]
        KIND_WEBHOOK: _ClassVar[Step.Kind]
        KIND_WAIT: _ClassVar[Step.Kind]
        KIND_SUB_WORKFLOW: _ClassVar[Step.Kind]
        KIND_CALL: _ClassVar[Step.Kind]
    KIND_UNSPECIFIED: Step.Kind
    KIND_SCAN: Step.Kind
    KIND_CLASSIFY: Step.Kind
    KIND_EVALUATE_COMPLIANCE: Step.Kind
    KIND_HUMAN_APPROVAL: Step.Kind
    KIND_NOTIFY: Step.Kind
    KIND_WEBHOOK: Step.Kind
    KIND_WAIT: Step.Kind
    KIND_SUB_WORKFLOW: Step.Kind
    KIND_CALL: Step.Kind
    class RunCondition(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        RUN_CONDITION_UNSPECIFIED: _ClassVar[Step.RunCondition]
        RUN_CONDITION_ALL_SUCCEEDED: _ClassVar[Step.RunCondition]
        RUN_CONDITION_ALL_DONE: _ClassVar[Step.RunCondition]
        RUN_CONDITION_ANY_FAILED: _ClassVar[Step.RunCondition]
    RUN_CONDITION_UNSPECIFIED: Step.RunCondition
    RUN_CONDITION_ALL_SUCCEEDED: Step.RunCondition
    RUN_CONDITION_ALL_DONE: Step.RunCondition
    RUN_CONDITION_ANY_FAILED: Step.RunCondition
    ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SCAN_FIELD_NUMBER: _ClassVar[int]
    CLASSIFY_FIELD_NUMBER: _ClassVar[int]
    EVALUATE_COMPLIANCE_FIELD_NUMBER: _ClassVar[int]
    HUMAN_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_FIELD_NUMBER: _ClassVar[int]
    WAIT_FIELD_NUMBER: _ClassVar[int]
    SUB_WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    CALL_FIELD_NUMBER: _ClassVar[int]
    DEPENDS_ON_FIELD_NUMBER: _ClassVar[int]
    RUN_CONDITION_FIELD_NUMBER: _ClassVar[int]
    RETRY_POLICY_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    ALLOW_FAILURE_FIELD_NUMBER: _ClassVar[int]
    id: str
    display_name: str
    kind: Step.Kind
    scan: ScanStepConfig
    classify: ClassifyStepConfig
    evaluate_compliance: EvaluateComplianceStepConfig
    human_approval: HumanApprovalStepConfig
    notify: NotifyStepConfig
    webhook: WebhookStepConfig
    wait: WaitStepConfig
    sub_workflow: SubWorkflowStepConfig
    call: CallStepConfig
    depends_on: _containers.RepeatedScalarFieldContainer[str]
    run_condition: Step.RunCondition
    retry_policy: RetryPolicy
    timeout: _duration_pb2.Duration
    allow_failure: bool
    def __init__(self, id: _Optional[str] = ..., display_name: _Optional[str] = ..., kind: _Optional[_Union[Step.Kind, str]] = ..., scan: _Optional[_Union[ScanStepConfig, _Mapping]] = ..., classify: _Optional[_Union[ClassifyStepConfig, _Mapping]] = ..., evaluate_compliance: _Optional[_Union[EvaluateComplianceStepConfig, _Mapping]] = ..., human_approval: _Optional[_Union[HumanApprovalStepConfig, _Mapping]] = ..., notify: _Optional[_Union[NotifyStepConfig, _Mapping]] = ..., webhook: _Optional[_Union[WebhookStepConfig, _Mapping]] = ..., wait: _Optional[_Union[WaitStepConfig, _Mapping]] = ..., sub_workflow: _Optional[_Union[SubWorkflowStepConfig, _Mapping]] = ..., call: _Optional[_Union[CallStepConfig, _Mapping]] = ..., depends_on: _Optional[_Iterable[str]] = ..., run_condition: _Optional[_Union[Step.RunCondition, str]] = ..., retry_policy: _Optional[_Union[RetryPolicy, _Mapping]] = ..., timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., allow_failure: _Optional[bool] = ...) -> None: ...

class RetryPolicy(_message.Message):
    __slots__ = ("max_attempts", "initial_backoff", "max_backoff", "backoff_multiplier", "retryable_codes")
    MAX_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    INITIAL_BACKOFF_FIELD_NUMBER: _ClassVar[int]
    MAX_BACKOFF_FIELD_NUMBER: _ClassVar[int]
    BACKOFF_MULTIPLIER_FIELD_NUMBER: _ClassVar[int]
    RETRYABLE_CODES_FIELD_NUMBER: _ClassVar[int]
    max_attempts: int
    initial_backoff: _duration_pb2.Duration
    max_backoff: _duration_pb2.Duration
    backoff_multiplier: float
    retryable_codes: _containers.RepeatedScalarFieldContainer[_code_pb2.Code]
    def __init__(self, max_attempts: _Optional[int] = ..., initial_backoff: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., max_backoff: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., backoff_multiplier: _Optional[float] = ..., retryable_codes: _Optional[_Iterable[_Union[_code_pb2.Code, str]]] = ...) -> None: ...

class ScanStepConfig(_message.Message):
    __slots__ = ("scan", "full")
    SCAN_FIELD_NUMBER: _ClassVar[int]
    FULL_FIELD_NUMBER: _ClassVar[int]
    scan: str
    full: bool
    def __init__(self, scan: _Optional[str] = ..., full: _Optional[bool] = ...) -> None: ...

class ClassifyStepConfig(_message.Message):
    __slots__ = ("scope", "rule_set", "only_unclassified")
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    RULE_SET_FIELD_NUMBER: _ClassVar[int]
    ONLY_UNCLASSIFIED_FIELD_NUMBER: _ClassVar[int]
    scope: str
    rule_set: str
    only_unclassified: bool
    def __init__(self, scope: _Optional[str] = ..., rule_set: _Optional[str] = ..., only_unclassified: _Optional[bool] = ...) -> None: ...

class EvaluateComplianceStepConfig(_message.Message):
    __slots__ = ("scope", "frameworks", "policies", "min_score", "max_violations")
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    FRAMEWORKS_FIELD_NUMBER: _ClassVar[int]
    POLICIES_FIELD_NUMBER: _ClassVar[int]
    MIN_SCORE_FIELD_NUMBER: _ClassVar[int]
    MAX_VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    scope: str
    frameworks: _containers.RepeatedScalarFieldContainer[str]
    policies: _containers.RepeatedScalarFieldContainer[str]
    min_score: float
    max_violations: int
    def __init__(self, scope: _Optional[str] = ..., frameworks: _Optional[_Iterable[str]] = ..., policies: _Optional[_Iterable[str]] = ..., min_score: _Optional[float] = ..., max_violations: _Optional[int] = ...) -> None: ...

class HumanApprovalStepConfig(_message.Message):
    __slots__ = ("approvers", "required_approvals", "instructions", "create_task", "reject_on_timeout")
    APPROVERS_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_APPROVALS_FIELD_NUMBER: _ClassVar[int]
    INSTRUCTIONS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TASK_FIELD_NUMBER: _ClassVar[int]
    REJECT_ON_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    approvers: _containers.RepeatedScalarFieldContainer[str]
    required_approvals: int
    instructions: str
    create_task: bool
    reject_on_timeout: bool
    def __init__(self, approvers: _Optional[_Iterable[str]] = ..., required_approvals: _Optional[int] = ..., instructions: _Optional[str] = ..., create_task: _Optional[bool] = ..., reject_on_timeout: _Optional[bool] = ...) -> None: ...

class NotifyStepConfig(_message.Message):
    __slots__ = ("recipients", "subscribers_of", "subject", "body", "resource")
    RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIBERS_OF_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    recipients: _containers.RepeatedScalarFieldContainer[str]
    subscribers_of: str
    subject: str
    body: str
    resource: str
    def __init__(self, recipients: _Optional[_Iterable[str]] = ..., subscribers_of: _Optional[str] = ..., subject: _Optional[str] = ..., body: _Optional[str] = ..., resource: _Optional[str] = ...) -> None: ...

class WebhookStepConfig(_message.Message):
    __slots__ = ("url", "method", "headers", "body", "success_codes", "signing_secret", "has_signing_secret")
    class Method(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        METHOD_UNSPECIFIED: _ClassVar[WebhookStepConfig.Method]
        METHOD_GET: _ClassVar[WebhookStepConfig.Method]
        METHOD_POST: _ClassVar[WebhookStepConfig.Method]
        METHOD_PUT: _ClassVar[WebhookStepConfig.Method]
        METHOD_PATCH: _ClassVar[WebhookStepConfig.Method]
        METHOD_DELETE: _ClassVar[WebhookStepConfig.Method]
    METHOD_UNSPECIFIED: WebhookStepConfig.Method
    METHOD_GET: WebhookStepConfig.Method
    METHOD_POST: WebhookStepConfig.Method
    METHOD_PUT: WebhookStepConfig.Method
    METHOD_PATCH: WebhookStepConfig.Method
    METHOD_DELETE: WebhookStepConfig.Method
    class HeadersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    URL_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_CODES_FIELD_NUMBER: _ClassVar[int]
    SIGNING_SECRET_FIELD_NUMBER: _ClassVar[int]
    HAS_SIGNING_SECRET_FIELD_NUMBER: _ClassVar[int]
    url: str
    method: WebhookStepConfig.Method
    headers: _containers.ScalarMap[str, str]
    body: str
    success_codes: _containers.RepeatedScalarFieldContainer[int]
    signing_secret: str
    has_signing_secret: bool
    def __init__(self, url: _Optional[str] = ..., method: _Optional[_Union[WebhookStepConfig.Method, str]] = ..., headers: _Optional[_Mapping[str, str]] = ..., body: _Optional[str] = ..., success_codes: _Optional[_Iterable[int]] = ..., signing_secret: _Optional[str] = ..., has_signing_secret: _Optional[bool] = ...) -> None: ...

class WaitStepConfig(_message.Message):
    __slots__ = ("duration", "time", "event")
    DURATION_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    duration: _duration_pb2.Duration
    time: _timestamp_pb2.Timestamp
    event: EventTrigger
    def __init__(self, duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., event: _Optional[_Union[EventTrigger, _Mapping]] = ...) -> None: ...

class SubWorkflowStepConfig(_message.Message):
    __slots__ = ("workflow", "parameters")
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    workflow: str
    parameters: _struct_pb2.Struct
    def __init__(self, workflow: _Optional[str] = ..., parameters: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class CallStepConfig(_message.Message):
    __slots__ = ("method", "request")
    METHOD_FIELD_NUMBER: _ClassVar[int]
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    method: str
    request: _struct_pb2.Struct
    def __init__(self, method: _Optional[str] = ..., request: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class Parameter(_message.Message):
    __slots__ = ("name", "description", "default_value", "required")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_VALUE_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    default_value: _struct_pb2.Value
    required: bool
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ..., default_value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., required: _Optional[bool] = ...) -> None: ...

class Trigger(_message.Message):
    __slots__ = ("id", "manual", "schedule", "event", "parameters", "disabled")
    ID_FIELD_NUMBER: _ClassVar[int]
    MANUAL_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    DISABLED_FIELD_NUMBER: _ClassVar[int]
    id: str
    manual: ManualTrigger
    schedule: ScheduleTrigger
    event: EventTrigger
    parameters: _struct_pb2.Struct
    disabled: bool
    def __init__(self, id: _Optional[str] = ..., manual: _Optional[_Union[ManualTrigger, _Mapping]] = ..., schedule: _Optional[_Union[ScheduleTrigger, _Mapping]] = ..., event: _Optional[_Union[EventTrigger, _Mapping]] = ..., parameters: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., disabled: _Optional[bool] = ...) -> None: ...

class ManualTrigger(_message.Message):
    __slots__ = ("allowed_principals",)
    ALLOWED_PRINCIPALS_FIELD_NUMBER: _ClassVar[int]
    allowed_principals: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, allowed_principals: _Optional[_Iterable[str]] = ...) -> None: ...

class ScheduleTrigger(_message.Message):
    __slots__ = ("cron", "time_zone", "start_time", "end_time")
    CRON_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    cron: str
    time_zone: str
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, cron: _Optional[str] = ..., time_zone: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class EventTrigger(_message.Message):
    __slots__ = ("event_type", "resource", "filter")
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    event_type: str
    resource: str
    filter: str
    def __init__(self, event_type: _Optional[str] = ..., resource: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...
