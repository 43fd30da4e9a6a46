import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AssetType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ASSET_TYPE_UNSPECIFIED: _ClassVar[AssetType]
    ASSET_TYPE_SOURCE: _ClassVar[AssetType]
    ASSET_TYPE_DATABASE: _ClassVar[AssetType]
    ASSET_TYPE_SCHEMA: _ClassVar[AssetType]
    ASSET_TYPE_TABLE: _ClassVar[AssetType]
    ASSET_TYPE_VIEW: _ClassVar[AssetType]
    ASSET_TYPE_COLUMN: _ClassVar[AssetType]
    ASSET_TYPE_FOLDER: _ClassVar[AssetType]
    ASSET_TYPE_FILE: _ClassVar[AssetType]
    ASSET_TYPE_CONTAINER: _ClassVar[AssetType]
    ASSET_TYPE_REPORT: _ClassVar[AssetType]
    ASSET_TYPE_PROCESS: _ClassVar[AssetType]

class Origin(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ORIGIN_UNSPECIFIED: _ClassVar[Origin]
    ORIGIN_SCAN: _ClassVar[Origin]
    ORIGIN_MANUAL: _ClassVar[Origin]
    ORIGIN_PROPAGATED: _ClassVar[Origin]
    ORIGIN_IMPORTED: _ClassVar[Origin]
    ORIGIN_GLOSSARY: _ClassVar[Origin]
ASSET_TYPE_UNSPECIFIED: AssetType
ASSET_TYPE_SOURCE: AssetType
ASSET_TYPE_DATABASE: AssetType
ASSET_TYPE_SCHEMA: AssetType
ASSET_TYPE_TABLE: AssetType
ASSET_TYPE_VIEW: AssetType
ASSET_TYPE_COLUMN: AssetType
ASSET_TYPE_FOLDER: AssetType
ASSET_TYPE_FILE: AssetType
ASSET_TYPE_CONTAINER: AssetType
ASSET_TYPE_REPORT: AssetType
ASSET_TYPE_PROCESS: AssetType
ORIGIN_UNSPECIFIED: Origin
ORIGIN_SCAN: Origin
ORIGIN_MANUAL: Origin
ORIGIN_PROPAGATED: Origin
ORIGIN_IMPORTED: Origin
ORIGIN_GLOSSARY: Origin

class ClassificationEvidence(_message.Message):
    __slots__ = ("classifier", "match_ratio", "sampled_count", "matched_count", "distinct_matched_count", "column_name_matched", "threshold", "detail")
    CLASSIFIER_FIELD_NUMBER: _ClassVar[int]
    MATCH_RATIO_FIELD_NUMBER: _ClassVar[int]
    SAMPLED_COUNT_FIELD_NUMBER: _ClassVar[int]
    MATCHED_COUNT_FIELD_NUMBER: _ClassVar[int]
    DISTINCT_MATCHED_COUNT_FIELD_NUMBER: _ClassVar[int]
    COLUMN_NAME_MATCHED_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    classifier: str
    match_ratio: float
    sampled_count: int
    matched_count: int
    distinct_matched_count: int
    column_name_matched: bool
    threshold: float
    detail: str
    def __init__(self, classifier: _Optional[str] = ..., match_ratio: _Optional[float] = ..., sampled_count: _Optional[int] = ..., matched_count: _Optional[int] = ..., distinct_matched_count: _Optional[int] = ..., column_name_matched: _Optional[bool] = ..., threshold: _Optional[float] = ..., detail: _Optional[str] = ...) -> None: ...

class Classification(_message.Message):
    __slots__ = ("label", "confidence", "origin", "evidence", "propagation_path", "set_by", "set_time", "suppressed", "justification")
    LABEL_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    PROPAGATION_PATH_FIELD_NUMBER: _ClassVar[int]
    SET_BY_FIELD_NUMBER: _ClassVar[int]
    SET_TIME_FIELD_NUMBER: _ClassVar[int]
    SUPPRESSED_FIELD_NUMBER: _ClassVar[int]
    JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    label: str
    confidence: float
    origin: Origin
    evidence: ClassificationEvidence
    propagation_path: _containers.RepeatedScalarFieldContainer[str]
    set_by: str
    set_time: _timestamp_pb2.Timestamp
    suppressed: bool
    justification: str
    def __init__(self, label: _Optional[str] = ..., confidence: _Optional[float] = ..., origin: _Optional[_Union[Origin, str]] = ..., evidence: _Optional[_Union[ClassificationEvidence, _Mapping]] = ..., propagation_path: _Optional[_Iterable[str]] = ..., set_by: _Optional[str] = ..., set_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., suppressed: _Optional[bool] = ..., justification: _Optional[str] = ...) -> None: ...

class ColumnProfile(_message.Message):
    __slots__ = ("null_fraction", "distinct_count", "min_value", "max_value", "mean_length", "sampled_rows")
    NULL_FRACTION_FIELD_NUMBER: _ClassVar[int]
    DISTINCT_COUNT_FIELD_NUMBER: _ClassVar[int]
    MIN_VALUE_FIELD_NUMBER: _ClassVar[int]
    MAX_VALUE_FIELD_NUMBER: _ClassVar[int]
    MEAN_LENGTH_FIELD_NUMBER: _ClassVar[int]
    SAMPLED_ROWS_FIELD_NUMBER: _ClassVar[int]
    null_fraction: float
    distinct_count: int
    min_value: str
    max_value: str
    mean_length: float
    sampled_rows: int
    def __init__(self, null_fraction: _Optional[float] = ..., distinct_count: _Optional[int] = ..., min_value: _Optional[str] = ..., max_value: _Optional[str] = ..., mean_length: _Optional[float] = ..., sampled_rows: _Optional[int] = ...) -> None: ...

class ColumnInfo(_message.Message):
    __slots__ = ("data_type", "nullable", "ordinal_position", "primary_key", "foreign_key", "profile")
    DATA_TYPE_FIELD_NUMBER: _ClassVar[int]
    NULLABLE_FIELD_NUMBER: _ClassVar[int]
    ORDINAL_POSITION_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_KEY_FIELD_NUMBER: _ClassVar[int]
    FOREIGN_KEY_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    data_type: str
    nullable: bool
    ordinal_position: int
    primary_key: bool
    foreign_key: str
    profile: ColumnProfile
    def __init__(self, data_type: _Optional[str] = ..., nullable: _Optional[bool] = ..., ordinal_position: _Optional[int] = ..., primary_key: _Optional[bool] = ..., foreign_key: _Optional[str] = ..., profile: _Optional[_Union[ColumnProfile, _Mapping]] = ...) -> None: ...

class TableInfo(_message.Message):
    __slots__ = ("row_count", "size_bytes", "column_count", "view_definition", "file_format")
    ROW_COUNT_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    COLUMN_COUNT_FIELD_NUMBER: _ClassVar[int]
    VIEW_DEFINITION_FIELD_NUMBER: _ClassVar[int]
    FILE_FORMAT_FIELD_NUMBER: _ClassVar[int]
    row_count: int
    size_bytes: int
    column_count: int
    view_definition: str
    file_format: str
    def __init__(self, row_count: _Optional[int] = ..., size_bytes: _Optional[int] = ..., column_count: _Optional[int] = ..., view_definition: _Optional[str] = ..., file_format: _Optional[str] = ...) -> None: ...

class Asset(_message.Message):
    __slots__ = ("name", "qualified_name", "type", "display_name", "parent", "data_source", "source_description", "description", "owners", "stewards", "tags", "terms", "classifications", "column", "table", "properties", "deleted", "create_time", "update_time", "last_scan_time", "etag", "retention_days", "protected")
    NAME_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    DATA_SOURCE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    OWNERS_FIELD_NUMBER: _ClassVar[int]
    STEWARDS_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    TERMS_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    PROPERTIES_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_SCAN_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    RETENTION_DAYS_FIELD_NUMBER: _ClassVar[int]
    PROTECTED_FIELD_NUMBER: _ClassVar[int]
    name: str
    qualified_name: str
    type: AssetType
    display_name: str
    parent: str
    data_source: str
    source_description: str
    description: str
    owners: _containers.RepeatedScalarFieldContainer[str]
    stewards: _containers.RepeatedScalarFieldContainer[str]
    tags: _containers.RepeatedScalarFieldContainer[str]
    terms: _containers.RepeatedScalarFieldContainer[str]
    classifications: _containers.RepeatedCompositeFieldContainer[Classification]
    column: ColumnInfo
    table: TableInfo
    properties: _struct_pb2.Struct
    deleted: bool
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    last_scan_time: _timestamp_pb2.Timestamp
    etag: str
    retention_days: int
    protected: bool
    def __init__(self, name: _Optional[str] = ..., qualified_name: _Optional[str] = ..., type: _Optional[_Union[AssetType, str]] = ..., display_name: _Optional[str] = ..., parent: _Optional[str] = ..., data_source: _Optional[str] = ..., source_description: _Optional[str] = ..., description: _Optional[str] = ..., owners: _Optional[_Iterable[str]] = ..., stewards: _Optional[_Iterable[str]] = ..., tags: _Optional[_Iterable[str]] = ..., terms: _Optional[_Iterable[str]] = ..., classifications: _Optional[_Iterable[_Union[Classification, _Mapping]]] = ..., column: _Optional[_Union[ColumnInfo, _Mapping]] = ..., table: _Optional[_Union[TableInfo, _Mapping]] = ..., properties: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., deleted: _Optional[bool] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_scan_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., retention_days: _Optional[int] = ..., protected: _Optional[bool] = ...) -> None: ...

class Facet(_message.Message):
    __slots__ = ("field", "buckets")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    BUCKETS_FIELD_NUMBER: _ClassVar[int]
    field: str
    buckets: _containers.RepeatedCompositeFieldContainer[FacetBucket]
    def __init__(self, field: _Optional[str] = ..., buckets: _Optional[_Iterable[_Union[FacetBucket, _Mapping]]] = ...) -> None: ...

class FacetBucket(_message.Message):
    __slots__ = ("value", "count")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    value: str
    count: int
    def __init__(self, value: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class SearchResult(_message.Message):
    __slots__ = ("asset", "score", "highlights")
    ASSET_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    HIGHLIGHTS_FIELD_NUMBER: _ClassVar[int]
    asset: Asset
    score: float
    highlights: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, asset: _Optional[_Union[Asset, _Mapping]] = ..., score: _Optional[float] = ..., highlights: _Optional[_Iterable[str]] = ...) -> None: ...

class Glossary(_message.Message):
    __slots__ = ("name", "display_name", "description", "owners", "create_time", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    OWNERS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    owners: _containers.RepeatedScalarFieldContainer[str]
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., owners: _Optional[_Iterable[str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class GlossaryTerm(_message.Message):
    __slots__ = ("name", "display_name", "definition", "synonyms", "related_terms", "parent_term", "tags", "classification_labels", "status", "stewards", "create_time", "update_time", "etag", "asset_count")
    class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATUS_UNSPECIFIED: _ClassVar[GlossaryTerm.Status]
        STATUS_DRAFT: _ClassVar[GlossaryTerm.Status]
        STATUS_APPROVED: _ClassVar[GlossaryTerm.Status]
        STATUS_DEPRECATED: _ClassVar[GlossaryTerm.Status]
    STATUS_UNSPECIFIED: GlossaryTerm.Status
    STATUS_DRAFT: GlossaryTerm.Status
    STATUS_APPROVED: GlossaryTerm.Status
    STATUS_DEPRECATED: GlossaryTerm.Status
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DEFINITION_FIELD_NUMBER: _ClassVar[int]
    SYNONYMS_FIELD_NUMBER: _ClassVar[int]
    RELATED_TERMS_FIELD_NUMBER: _ClassVar[int]
    PARENT_TERM_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_LABELS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STEWARDS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    ASSET_COUNT_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    definition: str
    synonyms: _containers.RepeatedScalarFieldContainer[str]
    related_terms: _containers.RepeatedScalarFieldContainer[str]
    parent_term: str
    tags: _containers.RepeatedScalarFieldContainer[str]
    classification_labels: _containers.RepeatedScalarFieldContainer[str]
    status: GlossaryTerm.Status
    stewards: _containers.RepeatedScalarFieldContainer[str]
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    asset_count: int
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., definition: _Optional[str] = ..., synonyms: _Optional[_Iterable[str]] = ..., related_terms: _Optional[_Iterable[str]] = ..., parent_term: _Optional[str] = ..., tags: _Optional[_Iterable[str]] = ..., classification_labels: _Optional[_Iterable[str]] = ..., status: _Optional[_Union[GlossaryTerm.Status, str]] = ..., stewards: _Optional[_Iterable[str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., asset_count: _Optional[int] = ...) -> None: ...

class LineageEdge(_message.Message):
    __slots__ = ("name", "source", "target", "process", "transformation", "origin", "propagated_labels", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    PROCESS_FIELD_NUMBER: _ClassVar[int]
    TRANSFORMATION_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    PROPAGATED_LABELS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    source: str
    target: str
    process: str
    transformation: str
    origin: Origin
    propagated_labels: _containers.RepeatedScalarFieldContainer[str]
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., source: _Optional[str] = ..., target: _Optional[str] = ..., process: _Optional[str] = ..., transformation: _Optional[str] = ..., origin: _Optional[_Union[Origin, str]] = ..., propagated_labels: _Optional[_Iterable[str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AssetChange(_message.Message):
    __slots__ = ("asset", "version", "kind", "changed_fields", "before", "after", "actor", "change_time")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        KIND_UNSPECIFIED: _ClassVar[AssetChange.Kind]
        KIND_CREATED: _ClassVar[AssetChange.Kind]
        KIND_UPDATED: _ClassVar[AssetChange.Kind]
        KIND_DELETED: _ClassVar[AssetChange.Kind]
        KIND_RESTORED: _ClassVar[AssetChange.Kind]
        KIND_SCHEMA_CHANGED: _ClassVar[AssetChange.Kind]
        KIND_CLASSIFICATION_CHANGED: _ClassVar[AssetChange.Kind]
    KIND_UNSPECIFIED: AssetChange.Kind
    KIND_CREATED: AssetChange.Kind
    KIND_UPDATED: AssetChange.Kind
    KIND_DELETED: AssetChange.Kind
    KIND_RESTORED: AssetChange.Kind
    KIND_SCHEMA_CHANGED: AssetChange.Kind
    KIND_CLASSIFICATION_CHANGED: AssetChange.Kind
    ASSET_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    BEFORE_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    CHANGE_TIME_FIELD_NUMBER: _ClassVar[int]
    asset: str
    version: int
    kind: AssetChange.Kind
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    before: _struct_pb2.Struct
    after: _struct_pb2.Struct
    actor: str
    change_time: _timestamp_pb2.Timestamp
    def __init__(self, asset: _Optional[str] = ..., version: _Optional[int] = ..., kind: _Optional[_Union[AssetChange.Kind, str]] = ..., changed_fields: _Optional[_Iterable[str]] = ..., before: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., after: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., actor: _Optional[str] = ..., change_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AnnotationChange(_message.Message):
    __slots__ = ("line", "qualified_name", "action", "changed_fields", "error")
    class Action(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        ACTION_UNSPECIFIED: _ClassVar[AnnotationChange.Action]
        ACTION_UPDATE: _ClassVar[AnnotationChange.Action]
        ACTION_UNCHANGED: _ClassVar[AnnotationChange.Action]
        ACTION_ERROR: _ClassVar[AnnotationChange.Action]
    ACTION_UNSPECIFIED: AnnotationChange.Action
    ACTION_UPDATE: AnnotationChange.Action
    ACTION_UNCHANGED: AnnotationChange.Action
    ACTION_ERROR: AnnotationChange.Action
    LINE_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_NAME_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    line: int
    qualified_name: str
    action: AnnotationChange.Action
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    error: str
    def __init__(self, line: _Optional[int] = ..., qualified_name: _Optional[str] = ..., action: _Optional[_Union[AnnotationChange.Action, str]] = ..., changed_fields: _Optional[_Iterable[str]] = ..., error: _Optional[str] = ...) -> None: ...
