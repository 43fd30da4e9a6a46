import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
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

class Severity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEVERITY_UNSPECIFIED: _ClassVar[Severity]
    SEVERITY_LOW: _ClassVar[Severity]
    SEVERITY_MEDIUM: _ClassVar[Severity]
    SEVERITY_HIGH: _ClassVar[Severity]
    SEVERITY_CRITICAL: _ClassVar[Severity]
SEVERITY_UNSPECIFIED: Severity
SEVERITY_LOW: Severity
SEVERITY_MEDIUM: Severity
SEVERITY_HIGH: Severity
SEVERITY_CRITICAL: Severity

class Framework(_message.Message):
    __slots__ = ("name", "display_name", "description", "standard_version", "pack_version", "controls", "rules", "reference_uri")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    STANDARD_VERSION_FIELD_NUMBER: _ClassVar[int]
    PACK_VERSION_FIELD_NUMBER: _ClassVar[int]
    CONTROLS_FIELD_NUMBER: _ClassVar[int]
    RULES_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_URI_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    standard_version: str
    pack_version: str
    controls: _containers.RepeatedCompositeFieldContainer[Control]
    rules: _containers.RepeatedCompositeFieldContainer[Rule]
    reference_uri: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., standard_version: _Optional[str] = ..., pack_version: _Optional[str] = ..., controls: _Optional[_Iterable[_Union[Control, _Mapping]]] = ..., rules: _Optional[_Iterable[_Union[Rule, _Mapping]]] = ..., reference_uri: _Optional[str] = ...) -> None: ...

class Control(_message.Message):
    __slots__ = ("id", "title", "description")
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    id: str
    title: str
    description: str
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class Policy(_message.Message):
    __slots__ = ("name", "display_name", "description", "framework", "rules", "scopes", "enabled", "source_pack_version", "labels", "open_violation_count", "creator", "create_time", "update_time", "etag")
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
    FRAMEWORK_FIELD_NUMBER: _ClassVar[int]
    RULES_FIELD_NUMBER: _ClassVar[int]
    SCOPES_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    SOURCE_PACK_VERSION_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    OPEN_VIOLATION_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    framework: str
    rules: _containers.RepeatedCompositeFieldContainer[Rule]
    scopes: _containers.RepeatedScalarFieldContainer[str]
    enabled: bool
    source_pack_version: str
    labels: _containers.ScalarMap[str, str]
    open_violation_count: int
    creator: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., framework: _Optional[str] = ..., rules: _Optional[_Iterable[_Union[Rule, _Mapping]]] = ..., scopes: _Optional[_Iterable[str]] = ..., enabled: _Optional[bool] = ..., source_pack_version: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., open_violation_count: _Optional[int] = ..., creator: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class Rule(_message.Message):
    __slots__ = ("id", "display_name", "description", "severity", "controls", "asset_types", "when", "require", "remediation", "enabled", "origin")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    CONTROLS_FIELD_NUMBER: _ClassVar[int]
    ASSET_TYPES_FIELD_NUMBER: _ClassVar[int]
    WHEN_FIELD_NUMBER: _ClassVar[int]
    REQUIRE_FIELD_NUMBER: _ClassVar[int]
    REMEDIATION_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    id: str
    display_name: str
    description: str
    severity: Severity
    controls: _containers.RepeatedScalarFieldContainer[str]
    asset_types: _containers.RepeatedScalarFieldContainer[str]
    when: Condition
    require: Condition
    remediation: str
    enabled: bool
    origin: str
    def __init__(self, id: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., severity: _Optional[_Union[Severity, str]] = ..., controls: _Optional[_Iterable[str]] = ..., asset_types: _Optional[_Iterable[str]] = ..., when: _Optional[_Union[Condition, _Mapping]] = ..., require: _Optional[_Union[Condition, _Mapping]] = ..., remediation: _Optional[str] = ..., enabled: _Optional[bool] = ..., origin: _Optional[str] = ...) -> None: ...

class Condition(_message.Message):
    __slots__ = ("all_of", "any_of", "none_of", "fact", "expression")
    ALL_OF_FIELD_NUMBER: _ClassVar[int]
    ANY_OF_FIELD_NUMBER: _ClassVar[int]
    NONE_OF_FIELD_NUMBER: _ClassVar[int]
    FACT_FIELD_NUMBER: _ClassVar[int]
    EXPRESSION_FIELD_NUMBER: _ClassVar[int]
    all_of: ConditionList
    any_of: ConditionList
    none_of: ConditionList
    fact: FactCheck
    expression: str
    def __init__(self, all_of: _Optional[_Union[ConditionList, _Mapping]] = ..., any_of: _Optional[_Union[ConditionList, _Mapping]] = ..., none_of: _Optional[_Union[ConditionList, _Mapping]] = ..., fact: _Optional[_Union[FactCheck, _Mapping]] = ..., expression: _Optional[str] = ...) -> None: ...

class ConditionList(_message.Message):
    __slots__ = ("conditions",)
    CONDITIONS_FIELD_NUMBER: _ClassVar[int]
    conditions: _containers.RepeatedCompositeFieldContainer[Condition]
    def __init__(self, conditions: _Optional[_Iterable[_Union[Condition, _Mapping]]] = ...) -> None: ...

class FactCheck(_message.Message):
    __slots__ = ("fact", "operator", "value")
    class Operator(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        OPERATOR_UNSPECIFIED: _ClassVar[FactCheck.Operator]
        OPERATOR_EXISTS: _ClassVar[FactCheck.Operator]
        OPERATOR_NOT_EXISTS: _ClassVar[FactCheck.Operator]
        OPERATOR_EQUALS: _ClassVar[FactCheck.Operator]
        OPERATOR_NOT_EQUALS: _ClassVar[FactCheck.Operator]
        OPERATOR_IN: _ClassVar[FactCheck.Operator]
        OPERATOR_NOT_IN: _ClassVar[FactCheck.Operator]
        OPERATOR_CONTAINS: _ClassVar[FactCheck.Operator]
        OPERATOR_CONTAINS_ANY: _ClassVar[FactCheck.Operator]
        OPERATOR_CONTAINS_ALL: _ClassVar[FactCheck.Operator]
        OPERATOR_CONTAINS_NONE: _ClassVar[FactCheck.Operator]
        OPERATOR_LESS_THAN: _ClassVar[FactCheck.Operator]
        OPERATOR_LESS_OR_EQUAL: _ClassVar[FactCheck.Operator]
        OPERATOR_GREATER_THAN: _ClassVar[FactCheck.Operator]
        OPERATOR_GREATER_OR_EQUAL: _ClassVar[FactCheck.Operator]
        OPERATOR_MATCHES: _ClassVar[FactCheck.Operator]
        OPERATOR_ALL_IN: _ClassVar[FactCheck.Operator]
    OPERATOR_UNSPECIFIED: FactCheck.Operator
    OPERATOR_EXISTS: FactCheck.Operator
    OPERATOR_NOT_EXISTS: FactCheck.Operator
    OPERATOR_EQUALS: FactCheck.Operator
    OPERATOR_NOT_EQUALS: FactCheck.Operator
    OPERATOR_IN: FactCheck.Operator
    OPERATOR_NOT_IN: FactCheck.Operator
    OPERATOR_CONTAINS: FactCheck.Operator
    OPERATOR_CONTAINS_ANY: FactCheck.Operator
    OPERATOR_CONTAINS_ALL: FactCheck.Operator
    OPERATOR_CONTAINS_NONE: FactCheck.Operator
    OPERATOR_LESS_THAN: FactCheck.Operator
    OPERATOR_LESS_OR_EQUAL: FactCheck.Operator
    OPERATOR_GREATER_THAN: FactCheck.Operator
    OPERATOR_GREATER_OR_EQUAL: FactCheck.Operator
    OPERATOR_MATCHES: FactCheck.Operator
    OPERATOR_ALL_IN: FactCheck.Operator
    FACT_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    fact: str
    operator: FactCheck.Operator
    value: _struct_pb2.Value
    def __init__(self, fact: _Optional[str] = ..., operator: _Optional[_Union[FactCheck.Operator, str]] = ..., value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...

class PolicyFact(_message.Message):
    __slots__ = ("name", "type", "description", "asset_types", "operators", "example", "pending")
    class Type(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        TYPE_UNSPECIFIED: _ClassVar[PolicyFact.Type]
        TYPE_STRING: _ClassVar[PolicyFact.Type]
        TYPE_NUMBER: _ClassVar[PolicyFact.Type]
        TYPE_BOOL: _ClassVar[PolicyFact.Type]
        TYPE_STRING_LIST: _ClassVar[PolicyFact.Type]
        TYPE_TIMESTAMP: _ClassVar[PolicyFact.Type]
        TYPE_DURATION: _ClassVar[PolicyFact.Type]
    TYPE_UNSPECIFIED: PolicyFact.Type
    TYPE_STRING: PolicyFact.Type
    TYPE_NUMBER: PolicyFact.Type
    TYPE_BOOL: PolicyFact.Type
    TYPE_STRING_LIST: PolicyFact.Type
    TYPE_TIMESTAMP: PolicyFact.Type
    TYPE_DURATION: PolicyFact.Type
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ASSET_TYPES_FIELD_NUMBER: _ClassVar[int]
    OPERATORS_FIELD_NUMBER: _ClassVar[int]
    EXAMPLE_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: PolicyFact.Type
    description: str
    asset_types: _containers.RepeatedScalarFieldContainer[str]
    operators: _containers.RepeatedScalarFieldContainer[FactCheck.Operator]
    example: _struct_pb2.Value
    pending: bool
    def __init__(self, name: _Optional[str] = ..., type: _Optional[_Union[PolicyFact.Type, str]] = ..., description: _Optional[str] = ..., asset_types: _Optional[_Iterable[str]] = ..., operators: _Optional[_Iterable[_Union[FactCheck.Operator, str]]] = ..., example: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., pending: _Optional[bool] = ...) -> None: ...

class Evaluation(_message.Message):
    __slots__ = ("name", "scope", "policies", "state", "trigger", "trigger_resource", "initiator", "operation", "assets_evaluated", "rules_evaluated", "checks", "checks_failed", "checks_undecided", "violations_opened", "violations_resolved", "violations_open", "violations_waived", "scores", "error", "create_time", "end_time")
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATE_UNSPECIFIED: _ClassVar[Evaluation.State]
        STATE_PENDING: _ClassVar[Evaluation.State]
        STATE_RUNNING: _ClassVar[Evaluation.State]
        STATE_SUCCEEDED: _ClassVar[Evaluation.State]
        STATE_FAILED: _ClassVar[Evaluation.State]
        STATE_CANCELLED: _ClassVar[Evaluation.State]
    STATE_UNSPECIFIED: Evaluation.State
    STATE_PENDING: Evaluation.State
    STATE_RUNNING: Evaluation.State
    STATE_SUCCEEDED: Evaluation.State
    STATE_FAILED: Evaluation.State
    STATE_CANCELLED: Evaluation.State
    class Trigger(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        TRIGGER_UNSPECIFIED: _ClassVar[Evaluation.Trigger]
        TRIGGER_MANUAL: _ClassVar[Evaluation.Trigger]
        TRIGGER_SCAN_COMPLETED: _ClassVar[Evaluation.Trigger]
        TRIGGER_POLICY_CHANGED: _ClassVar[Evaluation.Trigger]
        TRIGGER_SCHEDULE: _ClassVar[Evaluation.Trigger]
        TRIGGER_WORKFLOW: _ClassVar[Evaluation.Trigger]
    TRIGGER_UNSPECIFIED: Evaluation.Trigger
    TRIGGER_MANUAL: Evaluation.Trigger
    TRIGGER_SCAN_COMPLETED: Evaluation.Trigger
    TRIGGER_POLICY_CHANGED: Evaluation.Trigger
    TRIGGER_SCHEDULE: Evaluation.Trigger
    TRIGGER_WORKFLOW: Evaluation.Trigger
    NAME_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    POLICIES_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_RESOURCE_FIELD_NUMBER: _ClassVar[int]
    INITIATOR_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    ASSETS_EVALUATED_FIELD_NUMBER: _ClassVar[int]
    RULES_EVALUATED_FIELD_NUMBER: _ClassVar[int]
    CHECKS_FIELD_NUMBER: _ClassVar[int]
    CHECKS_FAILED_FIELD_NUMBER: _ClassVar[int]
    CHECKS_UNDECIDED_FIELD_NUMBER: _ClassVar[int]
    VIOLATIONS_OPENED_FIELD_NUMBER: _ClassVar[int]
    VIOLATIONS_RESOLVED_FIELD_NUMBER: _ClassVar[int]
    VIOLATIONS_OPEN_FIELD_NUMBER: _ClassVar[int]
    VIOLATIONS_WAIVED_FIELD_NUMBER: _ClassVar[int]
    SCORES_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    scope: str
    policies: _containers.RepeatedScalarFieldContainer[str]
    state: Evaluation.State
    trigger: Evaluation.Trigger
    trigger_resource: str
    initiator: str
    operation: str
    assets_evaluated: int
    rules_evaluated: int
    checks: int
    checks_failed: int
    checks_undecided: int
    violations_opened: int
    violations_resolved: int
    violations_open: int
    violations_waived: int
    scores: _containers.RepeatedCompositeFieldContainer[ComplianceScore]
    error: _status_pb2.Status
    create_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., scope: _Optional[str] = ..., policies: _Optional[_Iterable[str]] = ..., state: _Optional[_Union[Evaluation.State, str]] = ..., trigger: _Optional[_Union[Evaluation.Trigger, str]] = ..., trigger_resource: _Optional[str] = ..., initiator: _Optional[str] = ..., operation: _Optional[str] = ..., assets_evaluated: _Optional[int] = ..., rules_evaluated: _Optional[int] = ..., checks: _Optional[int] = ..., checks_failed: _Optional[int] = ..., checks_undecided: _Optional[int] = ..., violations_opened: _Optional[int] = ..., violations_resolved: _Optional[int] = ..., violations_open: _Optional[int] = ..., violations_waived: _Optional[int] = ..., scores: _Optional[_Iterable[_Union[ComplianceScore, _Mapping]]] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Violation(_message.Message):
    __slots__ = ("name", "policy", "rule_id", "rule_display_name", "framework", "controls", "severity", "asset", "asset_qualified_name", "asset_type", "data_source", "reason", "remediation", "facts", "status", "waiver", "resolution", "first_seen_time", "last_seen_time", "resolve_time", "last_evaluation")
    class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATUS_UNSPECIFIED: _ClassVar[Violation.Status]
        STATUS_OPEN: _ClassVar[Violation.Status]
        STATUS_WAIVED: _ClassVar[Violation.Status]
        STATUS_RESOLVED: _ClassVar[Violation.Status]
    STATUS_UNSPECIFIED: Violation.Status
    STATUS_OPEN: Violation.Status
    STATUS_WAIVED: Violation.Status
    STATUS_RESOLVED: Violation.Status
    NAME_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    FRAMEWORK_FIELD_NUMBER: _ClassVar[int]
    CONTROLS_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    ASSET_QUALIFIED_NAME_FIELD_NUMBER: _ClassVar[int]
    ASSET_TYPE_FIELD_NUMBER: _ClassVar[int]
    DATA_SOURCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REMEDIATION_FIELD_NUMBER: _ClassVar[int]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    WAIVER_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    FIRST_SEEN_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_SEEN_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOLVE_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_EVALUATION_FIELD_NUMBER: _ClassVar[int]
    name: str
    policy: str
    rule_id: str
    rule_display_name: str
    framework: str
    controls: _containers.RepeatedScalarFieldContainer[str]
    severity: Severity
    asset: str
    asset_qualified_name: str
    asset_type: str
    data_source: str
    reason: str
    remediation: str
    facts: _struct_pb2.Struct
    status: Violation.Status
    waiver: str
    resolution: str
    first_seen_time: _timestamp_pb2.Timestamp
    last_seen_time: _timestamp_pb2.Timestamp
    resolve_time: _timestamp_pb2.Timestamp
    last_evaluation: str
    def __init__(self, name: _Optional[str] = ..., policy: _Optional[str] = ..., rule_id: _Optional[str] = ..., rule_display_name: _Optional[str] = ..., framework: _Optional[str] = ..., controls: _Optional[_Iterable[str]] = ..., severity: _Optional[_Union[Severity, str]] = ..., asset: _Optional[str] = ..., asset_qualified_name: _Optional[str] = ..., asset_type: _Optional[str] = ..., data_source: _Optional[str] = ..., reason: _Optional[str] = ..., remediation: _Optional[str] = ..., facts: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., status: _Optional[_Union[Violation.Status, str]] = ..., waiver: _Optional[str] = ..., resolution: _Optional[str] = ..., first_seen_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_seen_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolve_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_evaluation: _Optional[str] = ...) -> None: ...

class Waiver(_message.Message):
    __slots__ = ("name", "violation", "policy", "rule_id", "asset", "scope", "justification", "expire_time", "state", "requester", "approver", "decision_comment", "decision_time", "covered_violation_count", "create_time", "update_time", "etag")
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATE_UNSPECIFIED: _ClassVar[Waiver.State]
        STATE_PENDING: _ClassVar[Waiver.State]
        STATE_APPROVED: _ClassVar[Waiver.State]
        STATE_REJECTED: _ClassVar[Waiver.State]
        STATE_EXPIRED: _ClassVar[Waiver.State]
    STATE_UNSPECIFIED: Waiver.State
    STATE_PENDING: Waiver.State
    STATE_APPROVED: Waiver.State
    STATE_REJECTED: Waiver.State
    STATE_EXPIRED: Waiver.State
    NAME_FIELD_NUMBER: _ClassVar[int]
    VIOLATION_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REQUESTER_FIELD_NUMBER: _ClassVar[int]
    APPROVER_FIELD_NUMBER: _ClassVar[int]
    DECISION_COMMENT_FIELD_NUMBER: _ClassVar[int]
    DECISION_TIME_FIELD_NUMBER: _ClassVar[int]
    COVERED_VIOLATION_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    violation: str
    policy: str
    rule_id: str
    asset: str
    scope: str
    justification: str
    expire_time: _timestamp_pb2.Timestamp
    state: Waiver.State
    requester: str
    approver: str
    decision_comment: str
    decision_time: _timestamp_pb2.Timestamp
    covered_violation_count: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., violation: _Optional[str] = ..., policy: _Optional[str] = ..., rule_id: _Optional[str] = ..., asset: _Optional[str] = ..., scope: _Optional[str] = ..., justification: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., state: _Optional[_Union[Waiver.State, str]] = ..., requester: _Optional[str] = ..., approver: _Optional[str] = ..., decision_comment: _Optional[str] = ..., decision_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., covered_violation_count: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class ComplianceScore(_message.Message):
    __slots__ = ("name", "framework", "scope", "score", "rules_total", "rules_passing", "assets_evaluated", "checks_total", "checks_passed", "critical_violations", "high_violations", "medium_violations", "low_violations", "waived_violations", "controls", "evaluation", "compute_time", "checks_undecided")
    NAME_FIELD_NUMBER: _ClassVar[int]
    FRAMEWORK_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    RULES_TOTAL_FIELD_NUMBER: _ClassVar[int]
    RULES_PASSING_FIELD_NUMBER: _ClassVar[int]
    ASSETS_EVALUATED_FIELD_NUMBER: _ClassVar[int]
    CHECKS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    CHECKS_PASSED_FIELD_NUMBER: _ClassVar[int]
    CRITICAL_VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    HIGH_VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    MEDIUM_VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    LOW_VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    WAIVED_VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    CONTROLS_FIELD_NUMBER: _ClassVar[int]
    EVALUATION_FIELD_NUMBER: _ClassVar[int]
    COMPUTE_TIME_FIELD_NUMBER: _ClassVar[int]
    CHECKS_UNDECIDED_FIELD_NUMBER: _ClassVar[int]
    name: str
    framework: str
    scope: str
    score: float
    rules_total: int
    rules_passing: int
    assets_evaluated: int
    checks_total: int
    checks_passed: int
    critical_violations: int
    high_violations: int
    medium_violations: int
    low_violations: int
    waived_violations: int
    controls: _containers.RepeatedCompositeFieldContainer[ControlScore]
    evaluation: str
    compute_time: _timestamp_pb2.Timestamp
    checks_undecided: int
    def __init__(self, name: _Optional[str] = ..., framework: _Optional[str] = ..., scope: _Optional[str] = ..., score: _Optional[float] = ..., rules_total: _Optional[int] = ..., rules_passing: _Optional[int] = ..., assets_evaluated: _Optional[int] = ..., checks_total: _Optional[int] = ..., checks_passed: _Optional[int] = ..., critical_violations: _Optional[int] = ..., high_violations: _Optional[int] = ..., medium_violations: _Optional[int] = ..., low_violations: _Optional[int] = ..., waived_violations: _Optional[int] = ..., controls: _Optional[_Iterable[_Union[ControlScore, _Mapping]]] = ..., evaluation: _Optional[str] = ..., compute_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., checks_undecided: _Optional[int] = ...) -> None: ...

class ControlScore(_message.Message):
    __slots__ = ("control", "score", "checks_total", "checks_failed")
    CONTROL_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    CHECKS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    CHECKS_FAILED_FIELD_NUMBER: _ClassVar[int]
    control: str
    score: float
    checks_total: int
    checks_failed: int
    def __init__(self, control: _Optional[str] = ..., score: _Optional[float] = ..., checks_total: _Optional[int] = ..., checks_failed: _Optional[int] = ...) -> None: ...

class RuleResult(_message.Message):
    __slots__ = ("policy", "rule_id", "rule_display_name", "framework", "severity", "outcome", "reason", "remediation", "facts", "waiver", "violation")
    class Outcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        OUTCOME_UNSPECIFIED: _ClassVar[RuleResult.Outcome]
        OUTCOME_PASSED: _ClassVar[RuleResult.Outcome]
        OUTCOME_FAILED: _ClassVar[RuleResult.Outcome]
        OUTCOME_WAIVED: _ClassVar[RuleResult.Outcome]
        OUTCOME_NOT_APPLICABLE: _ClassVar[RuleResult.Outcome]
        OUTCOME_ERROR: _ClassVar[RuleResult.Outcome]
    OUTCOME_UNSPECIFIED: RuleResult.Outcome
    OUTCOME_PASSED: RuleResult.Outcome
    OUTCOME_FAILED: RuleResult.Outcome
    OUTCOME_WAIVED: RuleResult.Outcome
    OUTCOME_NOT_APPLICABLE: RuleResult.Outcome
    OUTCOME_ERROR: RuleResult.Outcome
    POLICY_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    FRAMEWORK_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REMEDIATION_FIELD_NUMBER: _ClassVar[int]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    WAIVER_FIELD_NUMBER: _ClassVar[int]
    VIOLATION_FIELD_NUMBER: _ClassVar[int]
    policy: str
    rule_id: str
    rule_display_name: str
    framework: str
    severity: Severity
    outcome: RuleResult.Outcome
    reason: str
    remediation: str
    facts: _struct_pb2.Struct
    waiver: str
    violation: str
    def __init__(self, policy: _Optional[str] = ..., rule_id: _Optional[str] = ..., rule_display_name: _Optional[str] = ..., framework: _Optional[str] = ..., severity: _Optional[_Union[Severity, str]] = ..., outcome: _Optional[_Union[RuleResult.Outcome, str]] = ..., reason: _Optional[str] = ..., remediation: _Optional[str] = ..., facts: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., waiver: _Optional[str] = ..., violation: _Optional[str] = ...) -> None: ...

class PolicyProblem(_message.Message):
    __slots__ = ("rule_id", "field", "message", "line", "column")
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    LINE_FIELD_NUMBER: _ClassVar[int]
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    field: str
    message: str
    line: int
    column: int
    def __init__(self, rule_id: _Optional[str] = ..., field: _Optional[str] = ..., message: _Optional[str] = ..., line: _Optional[int] = ..., column: _Optional[int] = ...) -> None: ...

class GetFrameworkRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListFrameworksRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "summary_only")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_ONLY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    summary_only: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., summary_only: _Optional[bool] = ...) -> None: ...

class ListFrameworksResponse(_message.Message):
    __slots__ = ("frameworks", "next_page_token")
    FRAMEWORKS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    frameworks: _containers.RepeatedCompositeFieldContainer[Framework]
    next_page_token: str
    def __init__(self, frameworks: _Optional[_Iterable[_Union[Framework, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreatePolicyRequest(_message.Message):
    __slots__ = ("parent", "policy", "policy_id", "request_id", "from_framework_pack", "validate_only")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    POLICY_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_FRAMEWORK_PACK_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    policy: Policy
    policy_id: str
    request_id: str
    from_framework_pack: bool
    validate_only: bool
    def __init__(self, parent: _Optional[str] = ..., policy: _Optional[_Union[Policy, _Mapping]] = ..., policy_id: _Optional[str] = ..., request_id: _Optional[str] = ..., from_framework_pack: _Optional[bool] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class GetPolicyRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListPoliciesRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "framework", "enabled_only")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FRAMEWORK_FIELD_NUMBER: _ClassVar[int]
    ENABLED_ONLY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    framework: str
    enabled_only: bool
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., framework: _Optional[str] = ..., enabled_only: _Optional[bool] = ...) -> None: ...

class ListPoliciesResponse(_message.Message):
    __slots__ = ("policies", "next_page_token", "total_size")
    POLICIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    policies: _containers.RepeatedCompositeFieldContainer[Policy]
    next_page_token: str
    total_size: int
    def __init__(self, policies: _Optional[_Iterable[_Union[Policy, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdatePolicyRequest(_message.Message):
    __slots__ = ("policy", "update_mask", "validate_only")
    POLICY_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    policy: Policy
    update_mask: _field_mask_pb2.FieldMask
    validate_only: bool
    def __init__(self, policy: _Optional[_Union[Policy, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class DeletePolicyRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class ValidatePolicyRequest(_message.Message):
    __slots__ = ("parent", "policy", "preview")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    PREVIEW_FIELD_NUMBER: _ClassVar[int]
    parent: str
    policy: Policy
    preview: bool
    def __init__(self, parent: _Optional[str] = ..., policy: _Optional[_Union[Policy, _Mapping]] = ..., preview: _Optional[bool] = ...) -> None: ...

class ValidatePolicyResponse(_message.Message):
    __slots__ = ("valid", "problems", "preview_assets_matched", "preview_failures", "preview_samples")
    VALID_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    PREVIEW_ASSETS_MATCHED_FIELD_NUMBER: _ClassVar[int]
    PREVIEW_FAILURES_FIELD_NUMBER: _ClassVar[int]
    PREVIEW_SAMPLES_FIELD_NUMBER: _ClassVar[int]
    valid: bool
    problems: _containers.RepeatedCompositeFieldContainer[PolicyProblem]
    preview_assets_matched: int
    preview_failures: int
    preview_samples: _containers.RepeatedCompositeFieldContainer[RuleResult]
    def __init__(self, valid: _Optional[bool] = ..., problems: _Optional[_Iterable[_Union[PolicyProblem, _Mapping]]] = ..., preview_assets_matched: _Optional[int] = ..., preview_failures: _Optional[int] = ..., preview_samples: _Optional[_Iterable[_Union[RuleResult, _Mapping]]] = ...) -> None: ...

class ListPolicyFactsRequest(_message.Message):
    __slots__ = ("asset_type",)
    ASSET_TYPE_FIELD_NUMBER: _ClassVar[int]
    asset_type: str
    def __init__(self, asset_type: _Optional[str] = ...) -> None: ...

class ListPolicyFactsResponse(_message.Message):
    __slots__ = ("facts",)
    FACTS_FIELD_NUMBER: _ClassVar[int]
    facts: _containers.RepeatedCompositeFieldContainer[PolicyFact]
    def __init__(self, facts: _Optional[_Iterable[_Union[PolicyFact, _Mapping]]] = ...) -> None: ...

class EvaluateComplianceRequest(_message.Message):
    __slots__ = ("parent", "scope", "policies", "frameworks", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    POLICIES_FIELD_NUMBER: _ClassVar[int]
    FRAMEWORKS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    scope: str
    policies: _containers.RepeatedScalarFieldContainer[str]
    frameworks: _containers.RepeatedScalarFieldContainer[str]
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., scope: _Optional[str] = ..., policies: _Optional[_Iterable[str]] = ..., frameworks: _Optional[_Iterable[str]] = ..., request_id: _Optional[str] = ...) -> None: ...

class EvaluateAssetRequest(_message.Message):
    __slots__ = ("parent", "asset", "policies", "include_not_applicable")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    POLICIES_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_NOT_APPLICABLE_FIELD_NUMBER: _ClassVar[int]
    parent: str
    asset: str
    policies: _containers.RepeatedScalarFieldContainer[str]
    include_not_applicable: bool
    def __init__(self, parent: _Optional[str] = ..., asset: _Optional[str] = ..., policies: _Optional[_Iterable[str]] = ..., include_not_applicable: _Optional[bool] = ...) -> None: ...

class EvaluateAssetResponse(_message.Message):
    __slots__ = ("facts", "results")
    FACTS_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    facts: _struct_pb2.Struct
    results: _containers.RepeatedCompositeFieldContainer[RuleResult]
    def __init__(self, facts: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., results: _Optional[_Iterable[_Union[RuleResult, _Mapping]]] = ...) -> None: ...

class GetEvaluationRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListEvaluationsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "start_time", "end_time")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListEvaluationsResponse(_message.Message):
    __slots__ = ("evaluations", "next_page_token")
    EVALUATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    evaluations: _containers.RepeatedCompositeFieldContainer[Evaluation]
    next_page_token: str
    def __init__(self, evaluations: _Optional[_Iterable[_Union[Evaluation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetViolationRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListViolationsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "statuses", "severities", "framework", "policy", "rule_id", "asset", "scope", "order_by")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    SEVERITIES_FIELD_NUMBER: _ClassVar[int]
    FRAMEWORK_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    statuses: _containers.RepeatedScalarFieldContainer[Violation.Status]
    severities: _containers.RepeatedScalarFieldContainer[Severity]
    framework: str
    policy: str
    rule_id: str
    asset: str
    scope: str
    order_by: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., statuses: _Optional[_Iterable[_Union[Violation.Status, str]]] = ..., severities: _Optional[_Iterable[_Union[Severity, str]]] = ..., framework: _Optional[str] = ..., policy: _Optional[str] = ..., rule_id: _Optional[str] = ..., asset: _Optional[str] = ..., scope: _Optional[str] = ..., order_by: _Optional[str] = ...) -> None: ...

class ListViolationsResponse(_message.Message):
    __slots__ = ("violations", "next_page_token", "total_size")
    VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    violations: _containers.RepeatedCompositeFieldContainer[Violation]
    next_page_token: str
    total_size: int
    def __init__(self, violations: _Optional[_Iterable[_Union[Violation, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class CreateWaiverRequest(_message.Message):
    __slots__ = ("parent", "waiver", "waiver_id", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    WAIVER_FIELD_NUMBER: _ClassVar[int]
    WAIVER_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    waiver: Waiver
    waiver_id: str
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., waiver: _Optional[_Union[Waiver, _Mapping]] = ..., waiver_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetWaiverRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListWaiversRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "states", "policy", "violation", "expire_before")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    VIOLATION_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_BEFORE_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    states: _containers.RepeatedScalarFieldContainer[Waiver.State]
    policy: str
    violation: str
    expire_before: _timestamp_pb2.Timestamp
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., states: _Optional[_Iterable[_Union[Waiver.State, str]]] = ..., policy: _Optional[str] = ..., violation: _Optional[str] = ..., expire_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListWaiversResponse(_message.Message):
    __slots__ = ("waivers", "next_page_token")
    WAIVERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    waivers: _containers.RepeatedCompositeFieldContainer[Waiver]
    next_page_token: str
    def __init__(self, waivers: _Optional[_Iterable[_Union[Waiver, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateWaiverRequest(_message.Message):
    __slots__ = ("waiver", "update_mask")
    WAIVER_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    waiver: Waiver
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, waiver: _Optional[_Union[Waiver, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteWaiverRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class ApproveWaiverRequest(_message.Message):
    __slots__ = ("name", "etag", "comment")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    comment: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class RejectWaiverRequest(_message.Message):
    __slots__ = ("name", "etag", "comment")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    comment: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class GetComplianceScoreRequest(_message.Message):
    __slots__ = ("name", "scope")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    name: str
    scope: str
    def __init__(self, name: _Optional[str] = ..., scope: _Optional[str] = ...) -> None: ...

class ListComplianceScoresRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "framework", "scope", "history", "start_time", "end_time")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FRAMEWORK_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    framework: str
    scope: str
    history: bool
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., framework: _Optional[str] = ..., scope: _Optional[str] = ..., history: _Optional[bool] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListComplianceScoresResponse(_message.Message):
    __slots__ = ("compliance_scores", "next_page_token")
    COMPLIANCE_SCORES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    compliance_scores: _containers.RepeatedCompositeFieldContainer[ComplianceScore]
    next_page_token: str
    def __init__(self, compliance_scores: _Optional[_Iterable[_Union[ComplianceScore, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class EvaluateAfterScanRequest(_message.Message):
    __slots__ = ("scan_run",)
    SCAN_RUN_FIELD_NUMBER: _ClassVar[int]
    scan_run: str
    def __init__(self, scan_run: _Optional[str] = ...) -> None: ...
