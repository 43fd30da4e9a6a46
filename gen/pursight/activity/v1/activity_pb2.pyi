import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import struct_pb2 as _struct_pb2
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

class Outcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OUTCOME_UNSPECIFIED: _ClassVar[Outcome]
    OUTCOME_SUCCEEDED: _ClassVar[Outcome]
    OUTCOME_DENIED: _ClassVar[Outcome]
    OUTCOME_FAILED: _ClassVar[Outcome]
OUTCOME_UNSPECIFIED: Outcome
OUTCOME_SUCCEEDED: Outcome
OUTCOME_DENIED: Outcome
OUTCOME_FAILED: Outcome

class Event(_message.Message):
    __slots__ = ("name", "sequence", "event_time", "record_time", "actor", "action", "permission", "resource", "workspace", "service", "outcome", "status_code", "status_message", "authorization_reason", "request_id", "trace_id", "client_address", "user_agent", "details", "prev_hash", "hash")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    RECORD_TIME_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    PERMISSION_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    WORKSPACE_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    STATUS_CODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    AUTHORIZATION_REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    USER_AGENT_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    PREV_HASH_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    name: str
    sequence: int
    event_time: _timestamp_pb2.Timestamp
    record_time: _timestamp_pb2.Timestamp
    actor: str
    action: str
    permission: str
    resource: str
    workspace: str
    service: str
    outcome: Outcome
    status_code: _code_pb2.Code
    status_message: str
    authorization_reason: str
    request_id: str
    trace_id: str
    client_address: str
    user_agent: str
    details: _struct_pb2.Struct
    prev_hash: str
    hash: str
    def __init__(self, name: _Optional[str] = ..., sequence: _Optional[int] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., record_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[str] = ..., action: _Optional[str] = ..., permission: _Optional[str] = ..., resource: _Optional[str] = ..., workspace: _Optional[str] = ..., service: _Optional[str] = ..., outcome: _Optional[_Union[Outcome, str]] = ..., status_code: _Optional[_Union[_code_pb2.Code, str]] = ..., status_message: _Optional[str] = ..., authorization_reason: _Optional[str] = ..., request_id: _Optional[str] = ..., trace_id: _Optional[str] = ..., client_address: _Optional[str] = ..., user_agent: _Optional[str] = ..., details: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., prev_hash: _Optional[str] = ..., hash: _Optional[str] = ...) -> None: ...

class ChainHead(_message.Message):
    __slots__ = ("event", "sequence", "hash", "event_time", "hash_algorithm", "canonical_form_version", "read_time")
    EVENT_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    HASH_ALGORITHM_FIELD_NUMBER: _ClassVar[int]
    CANONICAL_FORM_VERSION_FIELD_NUMBER: _ClassVar[int]
    READ_TIME_FIELD_NUMBER: _ClassVar[int]
    event: str
    sequence: int
    hash: str
    event_time: _timestamp_pb2.Timestamp
    hash_algorithm: str
    canonical_form_version: str
    read_time: _timestamp_pb2.Timestamp
    def __init__(self, event: _Optional[str] = ..., sequence: _Optional[int] = ..., hash: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., hash_algorithm: _Optional[str] = ..., canonical_form_version: _Optional[str] = ..., read_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RecordEventRequest(_message.Message):
    __slots__ = ("event", "record_id")
    EVENT_FIELD_NUMBER: _ClassVar[int]
    RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    event: Event
    record_id: str
    def __init__(self, event: _Optional[_Union[Event, _Mapping]] = ..., record_id: _Optional[str] = ...) -> None: ...

class RecordEventResponse(_message.Message):
    __slots__ = ("name", "sequence", "hash")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    name: str
    sequence: int
    hash: str
    def __init__(self, name: _Optional[str] = ..., sequence: _Optional[int] = ..., hash: _Optional[str] = ...) -> None: ...

class GetEventRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListEventsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "actor", "resource_prefix", "action", "outcomes", "workspace", "start_time", "end_time", "request_id", "oldest_first")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_PREFIX_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    OUTCOMES_FIELD_NUMBER: _ClassVar[int]
    WORKSPACE_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    OLDEST_FIRST_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    actor: str
    resource_prefix: str
    action: str
    outcomes: _containers.RepeatedScalarFieldContainer[Outcome]
    workspace: str
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    request_id: str
    oldest_first: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., actor: _Optional[str] = ..., resource_prefix: _Optional[str] = ..., action: _Optional[str] = ..., outcomes: _Optional[_Iterable[_Union[Outcome, str]]] = ..., workspace: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., request_id: _Optional[str] = ..., oldest_first: _Optional[bool] = ...) -> None: ...

class ListEventsResponse(_message.Message):
    __slots__ = ("events", "next_page_token")
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[Event]
    next_page_token: str
    def __init__(self, events: _Optional[_Iterable[_Union[Event, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ExportEventsRequest(_message.Message):
    __slots__ = ("actor", "resource_prefix", "action", "outcomes", "workspace", "start_time", "end_time", "after_sequence")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_PREFIX_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    OUTCOMES_FIELD_NUMBER: _ClassVar[int]
    WORKSPACE_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    actor: str
    resource_prefix: str
    action: str
    outcomes: _containers.RepeatedScalarFieldContainer[Outcome]
    workspace: str
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    after_sequence: int
    def __init__(self, actor: _Optional[str] = ..., resource_prefix: _Optional[str] = ..., action: _Optional[str] = ..., outcomes: _Optional[_Iterable[_Union[Outcome, str]]] = ..., workspace: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., after_sequence: _Optional[int] = ...) -> None: ...

class VerifyChainRequest(_message.Message):
    __slots__ = ("start_sequence", "end_sequence", "expected_head")
    START_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    END_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_HEAD_FIELD_NUMBER: _ClassVar[int]
    start_sequence: int
    end_sequence: int
    expected_head: ChainHead
    def __init__(self, start_sequence: _Optional[int] = ..., end_sequence: _Optional[int] = ..., expected_head: _Optional[_Union[ChainHead, _Mapping]] = ...) -> None: ...

class VerifyChainResponse(_message.Message):
    __slots__ = ("ok", "events_checked", "start_sequence", "end_sequence", "failure", "first_bad_event", "first_bad_sequence", "reason", "head", "duration")
    class Failure(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        FAILURE_UNSPECIFIED: _ClassVar[VerifyChainResponse.Failure]
        FAILURE_HASH_MISMATCH: _ClassVar[VerifyChainResponse.Failure]
        FAILURE_PREV_HASH_MISMATCH: _ClassVar[VerifyChainResponse.Failure]
        FAILURE_SEQUENCE_GAP: _ClassVar[VerifyChainResponse.Failure]
        FAILURE_HEAD_MISMATCH: _ClassVar[VerifyChainResponse.Failure]
        FAILURE_TRUNCATED: _ClassVar[VerifyChainResponse.Failure]
    FAILURE_UNSPECIFIED: VerifyChainResponse.Failure
    FAILURE_HASH_MISMATCH: VerifyChainResponse.Failure
    FAILURE_PREV_HASH_MISMATCH: VerifyChainResponse.Failure
    FAILURE_SEQUENCE_GAP: VerifyChainResponse.Failure
    FAILURE_HEAD_MISMATCH: VerifyChainResponse.Failure
    FAILURE_TRUNCATED: VerifyChainResponse.Failure
    OK_FIELD_NUMBER: _ClassVar[int]
    EVENTS_CHECKED_FIELD_NUMBER: _ClassVar[int]
    START_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    END_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    FAILURE_FIELD_NUMBER: _ClassVar[int]
    FIRST_BAD_EVENT_FIELD_NUMBER: _ClassVar[int]
    FIRST_BAD_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    HEAD_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    ok: bool
    events_checked: int
    start_sequence: int
    end_sequence: int
    failure: VerifyChainResponse.Failure
    first_bad_event: str
    first_bad_sequence: int
    reason: str
    head: ChainHead
    duration: _duration_pb2.Duration
    def __init__(self, ok: _Optional[bool] = ..., events_checked: _Optional[int] = ..., start_sequence: _Optional[int] = ..., end_sequence: _Optional[int] = ..., failure: _Optional[_Union[VerifyChainResponse.Failure, str]] = ..., first_bad_event: _Optional[str] = ..., first_bad_sequence: _Optional[int] = ..., reason: _Optional[str] = ..., head: _Optional[_Union[ChainHead, _Mapping]] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class GetChainHeadRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
