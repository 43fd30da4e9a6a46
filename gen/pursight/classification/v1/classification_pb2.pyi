import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from pursight.common.v1 import access_pb2 as _access_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Category(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CATEGORY_UNSPECIFIED: _ClassVar[Category]
    CATEGORY_PII: _ClassVar[Category]
    CATEGORY_FINANCIAL: _ClassVar[Category]
    CATEGORY_HEALTH: _ClassVar[Category]
    CATEGORY_SECRET: _ClassVar[Category]
    CATEGORY_GOVERNMENT_ID: _ClassVar[Category]
    CATEGORY_NETWORK: _ClassVar[Category]
    CATEGORY_LOCATION: _ClassVar[Category]
    CATEGORY_OTHER: _ClassVar[Category]

class Sensitivity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SENSITIVITY_UNSPECIFIED: _ClassVar[Sensitivity]
    SENSITIVITY_PUBLIC: _ClassVar[Sensitivity]
    SENSITIVITY_INTERNAL: _ClassVar[Sensitivity]
    SENSITIVITY_CONFIDENTIAL: _ClassVar[Sensitivity]
    SENSITIVITY_RESTRICTED: _ClassVar[Sensitivity]

class Validator(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VALIDATOR_UNSPECIFIED: _ClassVar[Validator]
    VALIDATOR_LUHN: _ClassVar[Validator]
    VALIDATOR_MOD97: _ClassVar[Validator]
    VALIDATOR_VERHOEFF: _ClassVar[Validator]
    VALIDATOR_ABA_ROUTING: _ClassVar[Validator]
    VALIDATOR_PHONE_NUMBER: _ClassVar[Validator]
    VALIDATOR_DATE: _ClassVar[Validator]
    VALIDATOR_IP_ADDRESS: _ClassVar[Validator]
    VALIDATOR_EMAIL: _ClassVar[Validator]
    VALIDATOR_ENTROPY: _ClassVar[Validator]

class MatchMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MATCH_METHOD_UNSPECIFIED: _ClassVar[MatchMethod]
    MATCH_METHOD_DATA_PATTERN: _ClassVar[MatchMethod]
    MATCH_METHOD_DICTIONARY: _ClassVar[MatchMethod]
    MATCH_METHOD_TEXT_SPANS: _ClassVar[MatchMethod]
    MATCH_METHOD_DETECTOR: _ClassVar[MatchMethod]
CATEGORY_UNSPECIFIED: Category
CATEGORY_PII: Category
CATEGORY_FINANCIAL: Category
CATEGORY_HEALTH: Category
CATEGORY_SECRET: Category
CATEGORY_GOVERNMENT_ID: Category
CATEGORY_NETWORK: Category
CATEGORY_LOCATION: Category
CATEGORY_OTHER: Category
SENSITIVITY_UNSPECIFIED: Sensitivity
SENSITIVITY_PUBLIC: Sensitivity
SENSITIVITY_INTERNAL: Sensitivity
SENSITIVITY_CONFIDENTIAL: Sensitivity
SENSITIVITY_RESTRICTED: Sensitivity
VALIDATOR_UNSPECIFIED: Validator
VALIDATOR_LUHN: Validator
VALIDATOR_MOD97: Validator
VALIDATOR_VERHOEFF: Validator
VALIDATOR_ABA_ROUTING: Validator
VALIDATOR_PHONE_NUMBER: Validator
VALIDATOR_DATE: Validator
VALIDATOR_IP_ADDRESS: Validator
VALIDATOR_EMAIL: Validator
VALIDATOR_ENTROPY: Validator
MATCH_METHOD_UNSPECIFIED: MatchMethod
MATCH_METHOD_DATA_PATTERN: MatchMethod
MATCH_METHOD_DICTIONARY: MatchMethod
MATCH_METHOD_TEXT_SPANS: MatchMethod
MATCH_METHOD_DETECTOR: MatchMethod

class Classifier(_message.Message):
    __slots__ = ("name", "display_name", "description", "category", "sensitivity", "built_in", "data_patterns", "column_name_patterns", "dictionary", "dictionary_case_sensitive", "validator", "min_match_threshold", "column_name_threshold", "min_distinct_matches", "find_in_text", "suppresses", "countries", "version", "creator", "create_time", "update_time", "etag", "label")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SENSITIVITY_FIELD_NUMBER: _ClassVar[int]
    BUILT_IN_FIELD_NUMBER: _ClassVar[int]
    DATA_PATTERNS_FIELD_NUMBER: _ClassVar[int]
    COLUMN_NAME_PATTERNS_FIELD_NUMBER: _ClassVar[int]
    DICTIONARY_FIELD_NUMBER: _ClassVar[int]
    DICTIONARY_CASE_SENSITIVE_FIELD_NUMBER: _ClassVar[int]
    VALIDATOR_FIELD_NUMBER: _ClassVar[int]
    MIN_MATCH_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    COLUMN_NAME_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    MIN_DISTINCT_MATCHES_FIELD_NUMBER: _ClassVar[int]
    FIND_IN_TEXT_FIELD_NUMBER: _ClassVar[int]
    SUPPRESSES_FIELD_NUMBER: _ClassVar[int]
    COUNTRIES_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    category: Category
    sensitivity: Sensitivity
    built_in: bool
    data_patterns: _containers.RepeatedScalarFieldContainer[str]
    column_name_patterns: _containers.RepeatedScalarFieldContainer[str]
    dictionary: _containers.RepeatedScalarFieldContainer[str]
    dictionary_case_sensitive: bool
    validator: Validator
    min_match_threshold: float
    column_name_threshold: float
    min_distinct_matches: int
    find_in_text: bool
    suppresses: _containers.RepeatedScalarFieldContainer[str]
    countries: _containers.RepeatedScalarFieldContainer[str]
    version: str
    creator: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    label: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., category: _Optional[_Union[Category, str]] = ..., sensitivity: _Optional[_Union[Sensitivity, str]] = ..., built_in: _Optional[bool] = ..., data_patterns: _Optional[_Iterable[str]] = ..., column_name_patterns: _Optional[_Iterable[str]] = ..., dictionary: _Optional[_Iterable[str]] = ..., dictionary_case_sensitive: _Optional[bool] = ..., validator: _Optional[_Union[Validator, str]] = ..., min_match_threshold: _Optional[float] = ..., column_name_threshold: _Optional[float] = ..., min_distinct_matches: _Optional[int] = ..., find_in_text: _Optional[bool] = ..., suppresses: _Optional[_Iterable[str]] = ..., countries: _Optional[_Iterable[str]] = ..., version: _Optional[str] = ..., creator: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., label: _Optional[str] = ...) -> None: ...

class RuleSet(_message.Message):
    __slots__ = ("name", "display_name", "description", "classifiers", "excluded_classifiers", "categories", "min_confidence", "workspace_default", "scan_count", "creator", "create_time", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CLASSIFIERS_FIELD_NUMBER: _ClassVar[int]
    EXCLUDED_CLASSIFIERS_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    MIN_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    WORKSPACE_DEFAULT_FIELD_NUMBER: _ClassVar[int]
    SCAN_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    classifiers: _containers.RepeatedScalarFieldContainer[str]
    excluded_classifiers: _containers.RepeatedScalarFieldContainer[str]
    categories: _containers.RepeatedScalarFieldContainer[Category]
    min_confidence: float
    workspace_default: bool
    scan_count: int
    creator: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., classifiers: _Optional[_Iterable[str]] = ..., excluded_classifiers: _Optional[_Iterable[str]] = ..., categories: _Optional[_Iterable[_Union[Category, str]]] = ..., min_confidence: _Optional[float] = ..., workspace_default: _Optional[bool] = ..., scan_count: _Optional[int] = ..., creator: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class ColumnSample(_message.Message):
    __slots__ = ("key", "column_name", "table_name", "data_type", "values", "sampled_row_count")
    KEY_FIELD_NUMBER: _ClassVar[int]
    COLUMN_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    DATA_TYPE_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    SAMPLED_ROW_COUNT_FIELD_NUMBER: _ClassVar[int]
    key: str
    column_name: str
    table_name: str
    data_type: str
    values: _containers.RepeatedScalarFieldContainer[str]
    sampled_row_count: int
    def __init__(self, key: _Optional[str] = ..., column_name: _Optional[str] = ..., table_name: _Optional[str] = ..., data_type: _Optional[str] = ..., values: _Optional[_Iterable[str]] = ..., sampled_row_count: _Optional[int] = ...) -> None: ...

class Evidence(_message.Message):
    __slots__ = ("classifier", "method", "match_ratio", "sampled_count", "matched_count", "distinct_matched_count", "validator_rejected_count", "column_name_matched", "threshold", "suppressed", "explanation", "column_name_only", "column_name_backed_count")
    CLASSIFIER_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    MATCH_RATIO_FIELD_NUMBER: _ClassVar[int]
    SAMPLED_COUNT_FIELD_NUMBER: _ClassVar[int]
    MATCHED_COUNT_FIELD_NUMBER: _ClassVar[int]
    DISTINCT_MATCHED_COUNT_FIELD_NUMBER: _ClassVar[int]
    VALIDATOR_REJECTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    COLUMN_NAME_MATCHED_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    SUPPRESSED_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    COLUMN_NAME_ONLY_FIELD_NUMBER: _ClassVar[int]
    COLUMN_NAME_BACKED_COUNT_FIELD_NUMBER: _ClassVar[int]
    classifier: str
    method: MatchMethod
    match_ratio: float
    sampled_count: int
    matched_count: int
    distinct_matched_count: int
    validator_rejected_count: int
    column_name_matched: bool
    threshold: float
    suppressed: _containers.RepeatedScalarFieldContainer[str]
    explanation: str
    column_name_only: bool
    column_name_backed_count: int
    def __init__(self, classifier: _Optional[str] = ..., method: _Optional[_Union[MatchMethod, str]] = ..., match_ratio: _Optional[float] = ..., sampled_count: _Optional[int] = ..., matched_count: _Optional[int] = ..., distinct_matched_count: _Optional[int] = ..., validator_rejected_count: _Optional[int] = ..., column_name_matched: _Optional[bool] = ..., threshold: _Optional[float] = ..., suppressed: _Optional[_Iterable[str]] = ..., explanation: _Optional[str] = ..., column_name_only: _Optional[bool] = ..., column_name_backed_count: _Optional[int] = ...) -> None: ...

class Label(_message.Message):
    __slots__ = ("classifier", "display_name", "category", "sensitivity", "confidence", "evidence", "label")
    CLASSIFIER_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SENSITIVITY_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    classifier: str
    display_name: str
    category: Category
    sensitivity: Sensitivity
    confidence: float
    evidence: Evidence
    label: str
    def __init__(self, classifier: _Optional[str] = ..., display_name: _Optional[str] = ..., category: _Optional[_Union[Category, str]] = ..., sensitivity: _Optional[_Union[Sensitivity, str]] = ..., confidence: _Optional[float] = ..., evidence: _Optional[_Union[Evidence, _Mapping]] = ..., label: _Optional[str] = ...) -> None: ...

class ColumnResult(_message.Message):
    __slots__ = ("key", "labels", "rejected")
    KEY_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    key: str
    labels: _containers.RepeatedCompositeFieldContainer[Label]
    rejected: _containers.RepeatedCompositeFieldContainer[Label]
    def __init__(self, key: _Optional[str] = ..., labels: _Optional[_Iterable[_Union[Label, _Mapping]]] = ..., rejected: _Optional[_Iterable[_Union[Label, _Mapping]]] = ...) -> None: ...

class TextSpan(_message.Message):
    __slots__ = ("classifier", "entity", "category", "start", "end", "score")
    CLASSIFIER_FIELD_NUMBER: _ClassVar[int]
    ENTITY_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    classifier: str
    entity: str
    category: Category
    start: int
    end: int
    score: float
    def __init__(self, classifier: _Optional[str] = ..., entity: _Optional[str] = ..., category: _Optional[_Union[Category, str]] = ..., start: _Optional[int] = ..., end: _Optional[int] = ..., score: _Optional[float] = ...) -> None: ...

class TextResult(_message.Message):
    __slots__ = ("spans",)
    SPANS_FIELD_NUMBER: _ClassVar[int]
    spans: _containers.RepeatedCompositeFieldContainer[TextSpan]
    def __init__(self, spans: _Optional[_Iterable[_Union[TextSpan, _Mapping]]] = ...) -> None: ...

class ValueResult(_message.Message):
    __slots__ = ("index", "matched", "validator_rejected", "dictionary_matched", "spans")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    MATCHED_FIELD_NUMBER: _ClassVar[int]
    VALIDATOR_REJECTED_FIELD_NUMBER: _ClassVar[int]
    DICTIONARY_MATCHED_FIELD_NUMBER: _ClassVar[int]
    SPANS_FIELD_NUMBER: _ClassVar[int]
    index: int
    matched: bool
    validator_rejected: bool
    dictionary_matched: bool
    spans: _containers.RepeatedCompositeFieldContainer[TextSpan]
    def __init__(self, index: _Optional[int] = ..., matched: _Optional[bool] = ..., validator_rejected: _Optional[bool] = ..., dictionary_matched: _Optional[bool] = ..., spans: _Optional[_Iterable[_Union[TextSpan, _Mapping]]] = ...) -> None: ...

class DefinitionProblem(_message.Message):
    __slots__ = ("field", "message")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    field: str
    message: str
    def __init__(self, field: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class GetClassifierRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListClassifiersRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "categories", "custom_only", "search", "country")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    CUSTOM_ONLY_FIELD_NUMBER: _ClassVar[int]
    SEARCH_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    categories: _containers.RepeatedScalarFieldContainer[Category]
    custom_only: bool
    search: str
    country: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., categories: _Optional[_Iterable[_Union[Category, str]]] = ..., custom_only: _Optional[bool] = ..., search: _Optional[str] = ..., country: _Optional[str] = ...) -> None: ...

class ListClassifiersResponse(_message.Message):
    __slots__ = ("classifiers", "next_page_token", "total_size")
    CLASSIFIERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    classifiers: _containers.RepeatedCompositeFieldContainer[Classifier]
    next_page_token: str
    total_size: int
    def __init__(self, classifiers: _Optional[_Iterable[_Union[Classifier, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class CreateClassifierRequest(_message.Message):
    __slots__ = ("parent", "classifier", "classifier_id", "request_id", "validate_only")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    CLASSIFIER_FIELD_NUMBER: _ClassVar[int]
    CLASSIFIER_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    classifier: Classifier
    classifier_id: str
    request_id: str
    validate_only: bool
    def __init__(self, parent: _Optional[str] = ..., classifier: _Optional[_Union[Classifier, _Mapping]] = ..., classifier_id: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class UpdateClassifierRequest(_message.Message):
    __slots__ = ("classifier", "update_mask", "validate_only")
    CLASSIFIER_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    classifier: Classifier
    update_mask: _field_mask_pb2.FieldMask
    validate_only: bool
    def __init__(self, classifier: _Optional[_Union[Classifier, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class DeleteClassifierRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class TestClassifierRequest(_message.Message):
    __slots__ = ("parent", "name", "classifier", "column_name", "values")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CLASSIFIER_FIELD_NUMBER: _ClassVar[int]
    COLUMN_NAME_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    parent: str
    name: str
    classifier: Classifier
    column_name: str
    values: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, parent: _Optional[str] = ..., name: _Optional[str] = ..., classifier: _Optional[_Union[Classifier, _Mapping]] = ..., column_name: _Optional[str] = ..., values: _Optional[_Iterable[str]] = ...) -> None: ...

class TestClassifierResponse(_message.Message):
    __slots__ = ("labelled", "label", "values", "problems")
    LABELLED_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    labelled: bool
    label: Label
    values: _containers.RepeatedCompositeFieldContainer[ValueResult]
    problems: _containers.RepeatedCompositeFieldContainer[DefinitionProblem]
    def __init__(self, labelled: _Optional[bool] = ..., label: _Optional[_Union[Label, _Mapping]] = ..., values: _Optional[_Iterable[_Union[ValueResult, _Mapping]]] = ..., problems: _Optional[_Iterable[_Union[DefinitionProblem, _Mapping]]] = ...) -> None: ...

class CreateRuleSetRequest(_message.Message):
    __slots__ = ("parent", "rule_set", "rule_set_id", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    RULE_SET_FIELD_NUMBER: _ClassVar[int]
    RULE_SET_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    rule_set: RuleSet
    rule_set_id: str
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., rule_set: _Optional[_Union[RuleSet, _Mapping]] = ..., rule_set_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetRuleSetRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListRuleSetsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRuleSetsResponse(_message.Message):
    __slots__ = ("rule_sets", "next_page_token")
    RULE_SETS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    rule_sets: _containers.RepeatedCompositeFieldContainer[RuleSet]
    next_page_token: str
    def __init__(self, rule_sets: _Optional[_Iterable[_Union[RuleSet, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateRuleSetRequest(_message.Message):
    __slots__ = ("rule_set", "update_mask")
    RULE_SET_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    rule_set: RuleSet
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, rule_set: _Optional[_Union[RuleSet, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteRuleSetRequest(_message.Message):
    __slots__ = ("name", "etag", "force")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    FORCE_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    force: bool
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ..., force: _Optional[bool] = ...) -> None: ...

class ClassifyColumnsRequest(_message.Message):
    __slots__ = ("parent", "rule_set", "columns", "include_rejected")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    RULE_SET_FIELD_NUMBER: _ClassVar[int]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_REJECTED_FIELD_NUMBER: _ClassVar[int]
    parent: str
    rule_set: str
    columns: _containers.RepeatedCompositeFieldContainer[ColumnSample]
    include_rejected: bool
    def __init__(self, parent: _Optional[str] = ..., rule_set: _Optional[str] = ..., columns: _Optional[_Iterable[_Union[ColumnSample, _Mapping]]] = ..., include_rejected: _Optional[bool] = ...) -> None: ...

class ClassifyColumnsResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[ColumnResult]
    def __init__(self, results: _Optional[_Iterable[_Union[ColumnResult, _Mapping]]] = ...) -> None: ...

class ClassifyTextRequest(_message.Message):
    __slots__ = ("parent", "rule_set", "texts", "classifiers", "min_score")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    RULE_SET_FIELD_NUMBER: _ClassVar[int]
    TEXTS_FIELD_NUMBER: _ClassVar[int]
    CLASSIFIERS_FIELD_NUMBER: _ClassVar[int]
    MIN_SCORE_FIELD_NUMBER: _ClassVar[int]
    parent: str
    rule_set: str
    texts: _containers.RepeatedScalarFieldContainer[str]
    classifiers: _containers.RepeatedScalarFieldContainer[str]
    min_score: float
    def __init__(self, parent: _Optional[str] = ..., rule_set: _Optional[str] = ..., texts: _Optional[_Iterable[str]] = ..., classifiers: _Optional[_Iterable[str]] = ..., min_score: _Optional[float] = ...) -> None: ...

class ClassifyTextResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[TextResult]
    def __init__(self, results: _Optional[_Iterable[_Union[TextResult, _Mapping]]] = ...) -> None: ...
