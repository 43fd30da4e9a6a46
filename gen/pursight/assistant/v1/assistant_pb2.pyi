import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from pursight.common.v1 import access_pb2 as _access_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Backend(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BACKEND_UNSPECIFIED: _ClassVar[Backend]
    BACKEND_BUILT_IN: _ClassVar[Backend]
    BACKEND_AZURE_OPENAI: _ClassVar[Backend]
BACKEND_UNSPECIFIED: Backend
BACKEND_BUILT_IN: Backend
BACKEND_AZURE_OPENAI: Backend

class Citation(_message.Message):
    __slots__ = ("index", "asset", "qualified_name", "display_name", "asset_type", "snippet", "classifications", "relevance")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    ASSET_TYPE_FIELD_NUMBER: _ClassVar[int]
    SNIPPET_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    RELEVANCE_FIELD_NUMBER: _ClassVar[int]
    index: int
    asset: str
    qualified_name: str
    display_name: str
    asset_type: str
    snippet: str
    classifications: _containers.RepeatedScalarFieldContainer[str]
    relevance: float
    def __init__(self, index: _Optional[int] = ..., asset: _Optional[str] = ..., qualified_name: _Optional[str] = ..., display_name: _Optional[str] = ..., asset_type: _Optional[str] = ..., snippet: _Optional[str] = ..., classifications: _Optional[_Iterable[str]] = ..., relevance: _Optional[float] = ...) -> None: ...

class StructuredQuery(_message.Message):
    __slots__ = ("method", "request", "text", "result_count", "duration")
    METHOD_FIELD_NUMBER: _ClassVar[int]
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    RESULT_COUNT_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    method: str
    request: _struct_pb2.Struct
    text: str
    result_count: int
    duration: _duration_pb2.Duration
    def __init__(self, method: _Optional[str] = ..., request: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., text: _Optional[str] = ..., result_count: _Optional[int] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class Answer(_message.Message):
    __slots__ = ("text", "citations", "queries", "confidence", "backend", "model", "follow_up_questions", "truncated", "latency", "prompt_tokens", "completion_tokens")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CITATIONS_FIELD_NUMBER: _ClassVar[int]
    QUERIES_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    BACKEND_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_UP_QUESTIONS_FIELD_NUMBER: _ClassVar[int]
    TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    LATENCY_FIELD_NUMBER: _ClassVar[int]
    PROMPT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_TOKENS_FIELD_NUMBER: _ClassVar[int]
    text: str
    citations: _containers.RepeatedCompositeFieldContainer[Citation]
    queries: _containers.RepeatedCompositeFieldContainer[StructuredQuery]
    confidence: float
    backend: Backend
    model: str
    follow_up_questions: _containers.RepeatedScalarFieldContainer[str]
    truncated: bool
    latency: _duration_pb2.Duration
    prompt_tokens: int
    completion_tokens: int
    def __init__(self, text: _Optional[str] = ..., citations: _Optional[_Iterable[_Union[Citation, _Mapping]]] = ..., queries: _Optional[_Iterable[_Union[StructuredQuery, _Mapping]]] = ..., confidence: _Optional[float] = ..., backend: _Optional[_Union[Backend, str]] = ..., model: _Optional[str] = ..., follow_up_questions: _Optional[_Iterable[str]] = ..., truncated: _Optional[bool] = ..., latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., prompt_tokens: _Optional[int] = ..., completion_tokens: _Optional[int] = ...) -> None: ...

class Conversation(_message.Message):
    __slots__ = ("name", "title", "workspace", "labels", "message_count", "create_time", "update_time")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    WORKSPACE_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    title: str
    workspace: str
    labels: _containers.ScalarMap[str, str]
    message_count: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., title: _Optional[str] = ..., workspace: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., message_count: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Message(_message.Message):
    __slots__ = ("name", "role", "text", "answer", "feedback", "create_time")
    class Role(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        ROLE_UNSPECIFIED: _ClassVar[Message.Role]
        ROLE_USER: _ClassVar[Message.Role]
        ROLE_ASSISTANT: _ClassVar[Message.Role]
    ROLE_UNSPECIFIED: Message.Role
    ROLE_USER: Message.Role
    ROLE_ASSISTANT: Message.Role
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    FEEDBACK_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    role: Message.Role
    text: str
    answer: Answer
    feedback: Feedback
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., role: _Optional[_Union[Message.Role, str]] = ..., text: _Optional[str] = ..., answer: _Optional[_Union[Answer, _Mapping]] = ..., feedback: _Optional[_Union[Feedback, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Feedback(_message.Message):
    __slots__ = ("rating", "comment", "create_time")
    class Rating(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        RATING_UNSPECIFIED: _ClassVar[Feedback.Rating]
        RATING_HELPFUL: _ClassVar[Feedback.Rating]
        RATING_NOT_HELPFUL: _ClassVar[Feedback.Rating]
    RATING_UNSPECIFIED: Feedback.Rating
    RATING_HELPFUL: Feedback.Rating
    RATING_NOT_HELPFUL: Feedback.Rating
    RATING_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    rating: Feedback.Rating
    comment: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, rating: _Optional[_Union[Feedback.Rating, str]] = ..., comment: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AskRequest(_message.Message):
    __slots__ = ("workspace", "question", "conversation", "ephemeral", "backend", "allow_fallback", "max_citations", "language_code")
    WORKSPACE_FIELD_NUMBER: _ClassVar[int]
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    EPHEMERAL_FIELD_NUMBER: _ClassVar[int]
    BACKEND_FIELD_NUMBER: _ClassVar[int]
    ALLOW_FALLBACK_FIELD_NUMBER: _ClassVar[int]
    MAX_CITATIONS_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    workspace: str
    question: str
    conversation: str
    ephemeral: bool
    backend: Backend
    allow_fallback: bool
    max_citations: int
    language_code: str
    def __init__(self, workspace: _Optional[str] = ..., question: _Optional[str] = ..., conversation: _Optional[str] = ..., ephemeral: _Optional[bool] = ..., backend: _Optional[_Union[Backend, str]] = ..., allow_fallback: _Optional[bool] = ..., max_citations: _Optional[int] = ..., language_code: _Optional[str] = ...) -> None: ...

class AskResponse(_message.Message):
    __slots__ = ("answer", "conversation", "message")
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    answer: Answer
    conversation: str
    message: str
    def __init__(self, answer: _Optional[_Union[Answer, _Mapping]] = ..., conversation: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class StreamAnswerRequest(_message.Message):
    __slots__ = ("workspace", "question", "conversation", "ephemeral", "backend", "allow_fallback", "max_citations", "language_code")
    WORKSPACE_FIELD_NUMBER: _ClassVar[int]
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    EPHEMERAL_FIELD_NUMBER: _ClassVar[int]
    BACKEND_FIELD_NUMBER: _ClassVar[int]
    ALLOW_FALLBACK_FIELD_NUMBER: _ClassVar[int]
    MAX_CITATIONS_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    workspace: str
    question: str
    conversation: str
    ephemeral: bool
    backend: Backend
    allow_fallback: bool
    max_citations: int
    language_code: str
    def __init__(self, workspace: _Optional[str] = ..., question: _Optional[str] = ..., conversation: _Optional[str] = ..., ephemeral: _Optional[bool] = ..., backend: _Optional[_Union[Backend, str]] = ..., allow_fallback: _Optional[bool] = ..., max_citations: _Optional[int] = ..., language_code: _Optional[str] = ...) -> None: ...

class StreamAnswerResponse(_message.Message):
    __slots__ = ("sequence", "start", "query", "citation", "text_delta", "complete")
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    CITATION_FIELD_NUMBER: _ClassVar[int]
    TEXT_DELTA_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_FIELD_NUMBER: _ClassVar[int]
    sequence: int
    start: AnswerStart
    query: StructuredQuery
    citation: Citation
    text_delta: str
    complete: AskResponse
    def __init__(self, sequence: _Optional[int] = ..., start: _Optional[_Union[AnswerStart, _Mapping]] = ..., query: _Optional[_Union[StructuredQuery, _Mapping]] = ..., citation: _Optional[_Union[Citation, _Mapping]] = ..., text_delta: _Optional[str] = ..., complete: _Optional[_Union[AskResponse, _Mapping]] = ...) -> None: ...

class AnswerStart(_message.Message):
    __slots__ = ("conversation", "question_message", "backend")
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    QUESTION_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    BACKEND_FIELD_NUMBER: _ClassVar[int]
    conversation: str
    question_message: str
    backend: Backend
    def __init__(self, conversation: _Optional[str] = ..., question_message: _Optional[str] = ..., backend: _Optional[_Union[Backend, str]] = ...) -> None: ...

class SuggestQuestionsRequest(_message.Message):
    __slots__ = ("workspace", "conversation", "prefix", "page_size")
    WORKSPACE_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    workspace: str
    conversation: str
    prefix: str
    page_size: int
    def __init__(self, workspace: _Optional[str] = ..., conversation: _Optional[str] = ..., prefix: _Optional[str] = ..., page_size: _Optional[int] = ...) -> None: ...

class SuggestQuestionsResponse(_message.Message):
    __slots__ = ("suggestions",)
    SUGGESTIONS_FIELD_NUMBER: _ClassVar[int]
    suggestions: _containers.RepeatedCompositeFieldContainer[SuggestedQuestion]
    def __init__(self, suggestions: _Optional[_Iterable[_Union[SuggestedQuestion, _Mapping]]] = ...) -> None: ...

class SuggestedQuestion(_message.Message):
    __slots__ = ("text", "topic", "reason")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    text: str
    topic: str
    reason: str
    def __init__(self, text: _Optional[str] = ..., topic: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GetConversationRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListConversationsRequest(_message.Message):
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

class ListConversationsResponse(_message.Message):
    __slots__ = ("conversations", "next_page_token")
    CONVERSATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    conversations: _containers.RepeatedCompositeFieldContainer[Conversation]
    next_page_token: str
    def __init__(self, conversations: _Optional[_Iterable[_Union[Conversation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateConversationRequest(_message.Message):
    __slots__ = ("conversation", "update_mask")
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    conversation: Conversation
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, conversation: _Optional[_Union[Conversation, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteConversationRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListMessagesRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMessagesResponse(_message.Message):
    __slots__ = ("messages", "next_page_token")
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[Message]
    next_page_token: str
    def __init__(self, messages: _Optional[_Iterable[_Union[Message, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class SubmitFeedbackRequest(_message.Message):
    __slots__ = ("name", "feedback")
    NAME_FIELD_NUMBER: _ClassVar[int]
    FEEDBACK_FIELD_NUMBER: _ClassVar[int]
    name: str
    feedback: Feedback
    def __init__(self, name: _Optional[str] = ..., feedback: _Optional[_Union[Feedback, _Mapping]] = ...) -> None: ...

class SubmitFeedbackResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: Message
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ...) -> None: ...
