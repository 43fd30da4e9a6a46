import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class NotificationKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NOTIFICATION_KIND_UNSPECIFIED: _ClassVar[NotificationKind]
    NOTIFICATION_KIND_MENTION: _ClassVar[NotificationKind]
    NOTIFICATION_KIND_COMMENT: _ClassVar[NotificationKind]
    NOTIFICATION_KIND_TASK_ASSIGNED: _ClassVar[NotificationKind]
    NOTIFICATION_KIND_TASK_UPDATED: _ClassVar[NotificationKind]
    NOTIFICATION_KIND_TASK_DUE: _ClassVar[NotificationKind]
    NOTIFICATION_KIND_APPROVAL_REQUESTED: _ClassVar[NotificationKind]
    NOTIFICATION_KIND_APPROVAL_DECIDED: _ClassVar[NotificationKind]
    NOTIFICATION_KIND_RESOURCE_CHANGED: _ClassVar[NotificationKind]
    NOTIFICATION_KIND_WORKFLOW: _ClassVar[NotificationKind]
    NOTIFICATION_KIND_ANNOUNCEMENT: _ClassVar[NotificationKind]

class Channel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANNEL_UNSPECIFIED: _ClassVar[Channel]
    CHANNEL_IN_APP: _ClassVar[Channel]
    CHANNEL_EMAIL: _ClassVar[Channel]
NOTIFICATION_KIND_UNSPECIFIED: NotificationKind
NOTIFICATION_KIND_MENTION: NotificationKind
NOTIFICATION_KIND_COMMENT: NotificationKind
NOTIFICATION_KIND_TASK_ASSIGNED: NotificationKind
NOTIFICATION_KIND_TASK_UPDATED: NotificationKind
NOTIFICATION_KIND_TASK_DUE: NotificationKind
NOTIFICATION_KIND_APPROVAL_REQUESTED: NotificationKind
NOTIFICATION_KIND_APPROVAL_DECIDED: NotificationKind
NOTIFICATION_KIND_RESOURCE_CHANGED: NotificationKind
NOTIFICATION_KIND_WORKFLOW: NotificationKind
NOTIFICATION_KIND_ANNOUNCEMENT: NotificationKind
CHANNEL_UNSPECIFIED: Channel
CHANNEL_IN_APP: Channel
CHANNEL_EMAIL: Channel

class Thread(_message.Message):
    __slots__ = ("name", "target", "target_display_name", "title", "state", "labels", "creator", "participants", "comment_count", "create_time", "update_time", "last_comment_time", "resolver", "resolve_time", "etag")
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATE_UNSPECIFIED: _ClassVar[Thread.State]
        STATE_OPEN: _ClassVar[Thread.State]
        STATE_RESOLVED: _ClassVar[Thread.State]
    STATE_UNSPECIFIED: Thread.State
    STATE_OPEN: Thread.State
    STATE_RESOLVED: Thread.State
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    TARGET_DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_COMMENT_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOLVER_FIELD_NUMBER: _ClassVar[int]
    RESOLVE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    target: str
    target_display_name: str
    title: str
    state: Thread.State
    labels: _containers.ScalarMap[str, str]
    creator: str
    participants: _containers.RepeatedScalarFieldContainer[str]
    comment_count: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    last_comment_time: _timestamp_pb2.Timestamp
    resolver: str
    resolve_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., target: _Optional[str] = ..., target_display_name: _Optional[str] = ..., title: _Optional[str] = ..., state: _Optional[_Union[Thread.State, str]] = ..., labels: _Optional[_Mapping[str, str]] = ..., creator: _Optional[str] = ..., participants: _Optional[_Iterable[str]] = ..., comment_count: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_comment_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolver: _Optional[str] = ..., resolve_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class Comment(_message.Message):
    __slots__ = ("name", "author", "body", "mentions", "in_reply_to", "reactions", "create_time", "edit_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    MENTIONS_FIELD_NUMBER: _ClassVar[int]
    IN_REPLY_TO_FIELD_NUMBER: _ClassVar[int]
    REACTIONS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EDIT_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    author: str
    body: str
    mentions: _containers.RepeatedScalarFieldContainer[str]
    in_reply_to: str
    reactions: _containers.RepeatedCompositeFieldContainer[Reaction]
    create_time: _timestamp_pb2.Timestamp
    edit_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., author: _Optional[str] = ..., body: _Optional[str] = ..., mentions: _Optional[_Iterable[str]] = ..., in_reply_to: _Optional[str] = ..., reactions: _Optional[_Iterable[_Union[Reaction, _Mapping]]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., edit_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class Reaction(_message.Message):
    __slots__ = ("emoji", "count", "principals", "reacted_by_caller")
    EMOJI_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    PRINCIPALS_FIELD_NUMBER: _ClassVar[int]
    REACTED_BY_CALLER_FIELD_NUMBER: _ClassVar[int]
    emoji: str
    count: int
    principals: _containers.RepeatedScalarFieldContainer[str]
    reacted_by_caller: bool
    def __init__(self, emoji: _Optional[str] = ..., count: _Optional[int] = ..., principals: _Optional[_Iterable[str]] = ..., reacted_by_caller: _Optional[bool] = ...) -> None: ...

class Task(_message.Message):
    __slots__ = ("name", "title", "description", "kind", "state", "priority", "assignee", "target", "due_time", "approvers", "required_approvals", "approval_decision", "decisions", "thread", "source", "labels", "creator", "create_time", "update_time", "close_time", "etag")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        KIND_UNSPECIFIED: _ClassVar[Task.Kind]
        KIND_TASK: _ClassVar[Task.Kind]
        KIND_APPROVAL: _ClassVar[Task.Kind]
    KIND_UNSPECIFIED: Task.Kind
    KIND_TASK: Task.Kind
    KIND_APPROVAL: Task.Kind
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATE_UNSPECIFIED: _ClassVar[Task.State]
        STATE_OPEN: _ClassVar[Task.State]
        STATE_IN_PROGRESS: _ClassVar[Task.State]
        STATE_DONE: _ClassVar[Task.State]
        STATE_CANCELLED: _ClassVar[Task.State]
    STATE_UNSPECIFIED: Task.State
    STATE_OPEN: Task.State
    STATE_IN_PROGRESS: Task.State
    STATE_DONE: Task.State
    STATE_CANCELLED: Task.State
    class Priority(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        PRIORITY_UNSPECIFIED: _ClassVar[Task.Priority]
        PRIORITY_LOW: _ClassVar[Task.Priority]
        PRIORITY_MEDIUM: _ClassVar[Task.Priority]
        PRIORITY_HIGH: _ClassVar[Task.Priority]
        PRIORITY_URGENT: _ClassVar[Task.Priority]
    PRIORITY_UNSPECIFIED: Task.Priority
    PRIORITY_LOW: Task.Priority
    PRIORITY_MEDIUM: Task.Priority
    PRIORITY_HIGH: Task.Priority
    PRIORITY_URGENT: Task.Priority
    class ApprovalDecision(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        APPROVAL_DECISION_UNSPECIFIED: _ClassVar[Task.ApprovalDecision]
        APPROVAL_DECISION_PENDING: _ClassVar[Task.ApprovalDecision]
        APPROVAL_DECISION_APPROVED: _ClassVar[Task.ApprovalDecision]
        APPROVAL_DECISION_REJECTED: _ClassVar[Task.ApprovalDecision]
    APPROVAL_DECISION_UNSPECIFIED: Task.ApprovalDecision
    APPROVAL_DECISION_PENDING: Task.ApprovalDecision
    APPROVAL_DECISION_APPROVED: Task.ApprovalDecision
    APPROVAL_DECISION_REJECTED: Task.ApprovalDecision
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    ASSIGNEE_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    APPROVERS_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_APPROVALS_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_DECISION_FIELD_NUMBER: _ClassVar[int]
    DECISIONS_FIELD_NUMBER: _ClassVar[int]
    THREAD_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CLOSE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    title: str
    description: str
    kind: Task.Kind
    state: Task.State
    priority: Task.Priority
    assignee: str
    target: str
    due_time: _timestamp_pb2.Timestamp
    approvers: _containers.RepeatedScalarFieldContainer[str]
    required_approvals: int
    approval_decision: Task.ApprovalDecision
    decisions: _containers.RepeatedCompositeFieldContainer[Decision]
    thread: str
    source: str
    labels: _containers.ScalarMap[str, str]
    creator: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    close_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., kind: _Optional[_Union[Task.Kind, str]] = ..., state: _Optional[_Union[Task.State, str]] = ..., priority: _Optional[_Union[Task.Priority, str]] = ..., assignee: _Optional[str] = ..., target: _Optional[str] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., approvers: _Optional[_Iterable[str]] = ..., required_approvals: _Optional[int] = ..., approval_decision: _Optional[_Union[Task.ApprovalDecision, str]] = ..., decisions: _Optional[_Iterable[_Union[Decision, _Mapping]]] = ..., thread: _Optional[str] = ..., source: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., creator: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., close_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class Decision(_message.Message):
    __slots__ = ("principal", "approved", "comment", "decide_time")
    PRINCIPAL_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    DECIDE_TIME_FIELD_NUMBER: _ClassVar[int]
    principal: str
    approved: bool
    comment: str
    decide_time: _timestamp_pb2.Timestamp
    def __init__(self, principal: _Optional[str] = ..., approved: _Optional[bool] = ..., comment: _Optional[str] = ..., decide_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Notification(_message.Message):
    __slots__ = ("name", "kind", "title", "body", "resource", "workspace", "actor", "subscription", "read", "create_time", "read_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    WORKSPACE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_FIELD_NUMBER: _ClassVar[int]
    READ_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    READ_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: NotificationKind
    title: str
    body: str
    resource: str
    workspace: str
    actor: str
    subscription: str
    read: bool
    create_time: _timestamp_pb2.Timestamp
    read_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[_Union[NotificationKind, str]] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., resource: _Optional[str] = ..., workspace: _Optional[str] = ..., actor: _Optional[str] = ..., subscription: _Optional[str] = ..., read: _Optional[bool] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., read_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Subscription(_message.Message):
    __slots__ = ("name", "target", "include_descendants", "kinds", "channels", "muted", "create_time", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_DESCENDANTS_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    MUTED_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    target: str
    include_descendants: bool
    kinds: _containers.RepeatedScalarFieldContainer[NotificationKind]
    channels: _containers.RepeatedScalarFieldContainer[Channel]
    muted: bool
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., target: _Optional[str] = ..., include_descendants: _Optional[bool] = ..., kinds: _Optional[_Iterable[_Union[NotificationKind, str]]] = ..., channels: _Optional[_Iterable[_Union[Channel, str]]] = ..., muted: _Optional[bool] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
