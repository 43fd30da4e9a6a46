import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from pursight.catalog.v1 import resources_pb2 as _resources_pb2
from pursight.common.v1 import access_pb2 as _access_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LineageDirection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LINEAGE_DIRECTION_UNSPECIFIED: _ClassVar[LineageDirection]
    LINEAGE_DIRECTION_UPSTREAM: _ClassVar[LineageDirection]
    LINEAGE_DIRECTION_DOWNSTREAM: _ClassVar[LineageDirection]
    LINEAGE_DIRECTION_BOTH: _ClassVar[LineageDirection]
LINEAGE_DIRECTION_UNSPECIFIED: LineageDirection
LINEAGE_DIRECTION_UPSTREAM: LineageDirection
LINEAGE_DIRECTION_DOWNSTREAM: LineageDirection
LINEAGE_DIRECTION_BOTH: LineageDirection

class CreateAssetRequest(_message.Message):
    __slots__ = ("parent", "asset", "asset_id", "request_id", "validate_only")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    asset: _resources_pb2.Asset
    asset_id: str
    request_id: str
    validate_only: bool
    def __init__(self, parent: _Optional[str] = ..., asset: _Optional[_Union[_resources_pb2.Asset, _Mapping]] = ..., asset_id: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class GetAssetRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class LookupAssetRequest(_message.Message):
    __slots__ = ("parent", "qualified_name")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_NAME_FIELD_NUMBER: _ClassVar[int]
    parent: str
    qualified_name: str
    def __init__(self, parent: _Optional[str] = ..., qualified_name: _Optional[str] = ...) -> None: ...

class ListAssetsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "asset_parent", "types", "qualified_name_prefix", "show_deleted")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ASSET_PARENT_FIELD_NUMBER: _ClassVar[int]
    TYPES_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_NAME_PREFIX_FIELD_NUMBER: _ClassVar[int]
    SHOW_DELETED_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    asset_parent: str
    types: _containers.RepeatedScalarFieldContainer[_resources_pb2.AssetType]
    qualified_name_prefix: str
    show_deleted: bool
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., asset_parent: _Optional[str] = ..., types: _Optional[_Iterable[_Union[_resources_pb2.AssetType, str]]] = ..., qualified_name_prefix: _Optional[str] = ..., show_deleted: _Optional[bool] = ...) -> None: ...

class ListAssetsResponse(_message.Message):
    __slots__ = ("assets", "next_page_token")
    ASSETS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    assets: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Asset]
    next_page_token: str
    def __init__(self, assets: _Optional[_Iterable[_Union[_resources_pb2.Asset, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateAssetRequest(_message.Message):
    __slots__ = ("asset", "update_mask")
    ASSET_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    asset: _resources_pb2.Asset
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, asset: _Optional[_Union[_resources_pb2.Asset, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteAssetRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class BatchUpsertAssetsRequest(_message.Message):
    __slots__ = ("parent", "assets", "actor", "counts_only")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    ASSETS_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    COUNTS_ONLY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    assets: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Asset]
    actor: str
    counts_only: bool
    def __init__(self, parent: _Optional[str] = ..., assets: _Optional[_Iterable[_Union[_resources_pb2.Asset, _Mapping]]] = ..., actor: _Optional[str] = ..., counts_only: _Optional[bool] = ...) -> None: ...

class BatchUpsertAssetsResponse(_message.Message):
    __slots__ = ("assets", "created_count", "updated_count", "unchanged_count")
    ASSETS_FIELD_NUMBER: _ClassVar[int]
    CREATED_COUNT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_COUNT_FIELD_NUMBER: _ClassVar[int]
    UNCHANGED_COUNT_FIELD_NUMBER: _ClassVar[int]
    assets: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Asset]
    created_count: int
    updated_count: int
    unchanged_count: int
    def __init__(self, assets: _Optional[_Iterable[_Union[_resources_pb2.Asset, _Mapping]]] = ..., created_count: _Optional[int] = ..., updated_count: _Optional[int] = ..., unchanged_count: _Optional[int] = ...) -> None: ...

class MarkAssetsDeletedRequest(_message.Message):
    __slots__ = ("parent", "qualified_name_prefix", "not_seen_since", "actor", "qualified_names")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_NAME_PREFIX_FIELD_NUMBER: _ClassVar[int]
    NOT_SEEN_SINCE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_NAMES_FIELD_NUMBER: _ClassVar[int]
    parent: str
    qualified_name_prefix: str
    not_seen_since: _timestamp_pb2.Timestamp
    actor: str
    qualified_names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, parent: _Optional[str] = ..., qualified_name_prefix: _Optional[str] = ..., not_seen_since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[str] = ..., qualified_names: _Optional[_Iterable[str]] = ...) -> None: ...

class MarkAssetsDeletedResponse(_message.Message):
    __slots__ = ("deleted_count",)
    DELETED_COUNT_FIELD_NUMBER: _ClassVar[int]
    deleted_count: int
    def __init__(self, deleted_count: _Optional[int] = ...) -> None: ...

class SearchAssetsRequest(_message.Message):
    __slots__ = ("parent", "query", "types", "tags", "owners", "classifications", "data_sources", "terms", "show_deleted", "page_size", "page_token", "order_by", "facets")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    TYPES_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    OWNERS_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    DATA_SOURCES_FIELD_NUMBER: _ClassVar[int]
    TERMS_FIELD_NUMBER: _ClassVar[int]
    SHOW_DELETED_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    FACETS_FIELD_NUMBER: _ClassVar[int]
    parent: str
    query: str
    types: _containers.RepeatedScalarFieldContainer[_resources_pb2.AssetType]
    tags: _containers.RepeatedScalarFieldContainer[str]
    owners: _containers.RepeatedScalarFieldContainer[str]
    classifications: _containers.RepeatedScalarFieldContainer[str]
    data_sources: _containers.RepeatedScalarFieldContainer[str]
    terms: _containers.RepeatedScalarFieldContainer[str]
    show_deleted: bool
    page_size: int
    page_token: str
    order_by: str
    facets: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, parent: _Optional[str] = ..., query: _Optional[str] = ..., types: _Optional[_Iterable[_Union[_resources_pb2.AssetType, str]]] = ..., tags: _Optional[_Iterable[str]] = ..., owners: _Optional[_Iterable[str]] = ..., classifications: _Optional[_Iterable[str]] = ..., data_sources: _Optional[_Iterable[str]] = ..., terms: _Optional[_Iterable[str]] = ..., show_deleted: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., order_by: _Optional[str] = ..., facets: _Optional[_Iterable[str]] = ...) -> None: ...

class SearchAssetsResponse(_message.Message):
    __slots__ = ("results", "facets", "next_page_token", "total_size")
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    FACETS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[_resources_pb2.SearchResult]
    facets: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Facet]
    next_page_token: str
    total_size: int
    def __init__(self, results: _Optional[_Iterable[_Union[_resources_pb2.SearchResult, _Mapping]]] = ..., facets: _Optional[_Iterable[_Union[_resources_pb2.Facet, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class AddClassificationRequest(_message.Message):
    __slots__ = ("asset", "classification", "justification")
    ASSET_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_FIELD_NUMBER: _ClassVar[int]
    JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    asset: str
    classification: _resources_pb2.Classification
    justification: str
    def __init__(self, asset: _Optional[str] = ..., classification: _Optional[_Union[_resources_pb2.Classification, _Mapping]] = ..., justification: _Optional[str] = ...) -> None: ...

class RemoveClassificationRequest(_message.Message):
    __slots__ = ("asset", "label", "justification")
    ASSET_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    asset: str
    label: str
    justification: str
    def __init__(self, asset: _Optional[str] = ..., label: _Optional[str] = ..., justification: _Optional[str] = ...) -> None: ...

class ListAssetChangesRequest(_message.Message):
    __slots__ = ("asset", "page_size", "page_token")
    ASSET_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    asset: str
    page_size: int
    page_token: str
    def __init__(self, asset: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAssetChangesResponse(_message.Message):
    __slots__ = ("changes", "next_page_token")
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[_resources_pb2.AssetChange]
    next_page_token: str
    def __init__(self, changes: _Optional[_Iterable[_Union[_resources_pb2.AssetChange, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateLineageEdgeRequest(_message.Message):
    __slots__ = ("parent", "lineage_edge", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    LINEAGE_EDGE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    lineage_edge: _resources_pb2.LineageEdge
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., lineage_edge: _Optional[_Union[_resources_pb2.LineageEdge, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class BatchCreateLineageEdgesRequest(_message.Message):
    __slots__ = ("parent", "lineage_edges")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    LINEAGE_EDGES_FIELD_NUMBER: _ClassVar[int]
    parent: str
    lineage_edges: _containers.RepeatedCompositeFieldContainer[_resources_pb2.LineageEdge]
    def __init__(self, parent: _Optional[str] = ..., lineage_edges: _Optional[_Iterable[_Union[_resources_pb2.LineageEdge, _Mapping]]] = ...) -> None: ...

class BatchCreateLineageEdgesResponse(_message.Message):
    __slots__ = ("lineage_edges", "created_count")
    LINEAGE_EDGES_FIELD_NUMBER: _ClassVar[int]
    CREATED_COUNT_FIELD_NUMBER: _ClassVar[int]
    lineage_edges: _containers.RepeatedCompositeFieldContainer[_resources_pb2.LineageEdge]
    created_count: int
    def __init__(self, lineage_edges: _Optional[_Iterable[_Union[_resources_pb2.LineageEdge, _Mapping]]] = ..., created_count: _Optional[int] = ...) -> None: ...

class ListLineageEdgesRequest(_message.Message):
    __slots__ = ("parent", "asset", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    ASSET_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    asset: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., asset: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListLineageEdgesResponse(_message.Message):
    __slots__ = ("lineage_edges", "next_page_token")
    LINEAGE_EDGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    lineage_edges: _containers.RepeatedCompositeFieldContainer[_resources_pb2.LineageEdge]
    next_page_token: str
    def __init__(self, lineage_edges: _Optional[_Iterable[_Union[_resources_pb2.LineageEdge, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DeleteLineageEdgeRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetLineageGraphRequest(_message.Message):
    __slots__ = ("asset", "direction", "depth", "column_level")
    ASSET_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    DEPTH_FIELD_NUMBER: _ClassVar[int]
    COLUMN_LEVEL_FIELD_NUMBER: _ClassVar[int]
    asset: str
    direction: LineageDirection
    depth: int
    column_level: bool
    def __init__(self, asset: _Optional[str] = ..., direction: _Optional[_Union[LineageDirection, str]] = ..., depth: _Optional[int] = ..., column_level: _Optional[bool] = ...) -> None: ...

class GetLineageGraphResponse(_message.Message):
    __slots__ = ("nodes", "edges", "truncated")
    NODES_FIELD_NUMBER: _ClassVar[int]
    EDGES_FIELD_NUMBER: _ClassVar[int]
    TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    nodes: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Asset]
    edges: _containers.RepeatedCompositeFieldContainer[_resources_pb2.LineageEdge]
    truncated: bool
    def __init__(self, nodes: _Optional[_Iterable[_Union[_resources_pb2.Asset, _Mapping]]] = ..., edges: _Optional[_Iterable[_Union[_resources_pb2.LineageEdge, _Mapping]]] = ..., truncated: _Optional[bool] = ...) -> None: ...

class CreateGlossaryRequest(_message.Message):
    __slots__ = ("glossary", "glossary_id", "request_id")
    GLOSSARY_FIELD_NUMBER: _ClassVar[int]
    GLOSSARY_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    glossary: _resources_pb2.Glossary
    glossary_id: str
    request_id: str
    def __init__(self, glossary: _Optional[_Union[_resources_pb2.Glossary, _Mapping]] = ..., glossary_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetGlossaryRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListGlossariesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListGlossariesResponse(_message.Message):
    __slots__ = ("glossaries", "next_page_token")
    GLOSSARIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    glossaries: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Glossary]
    next_page_token: str
    def __init__(self, glossaries: _Optional[_Iterable[_Union[_resources_pb2.Glossary, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateGlossaryRequest(_message.Message):
    __slots__ = ("glossary", "update_mask")
    GLOSSARY_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    glossary: _resources_pb2.Glossary
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, glossary: _Optional[_Union[_resources_pb2.Glossary, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteGlossaryRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class CreateGlossaryTermRequest(_message.Message):
    __slots__ = ("parent", "term", "term_id", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    TERM_FIELD_NUMBER: _ClassVar[int]
    TERM_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    term: _resources_pb2.GlossaryTerm
    term_id: str
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., term: _Optional[_Union[_resources_pb2.GlossaryTerm, _Mapping]] = ..., term_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetGlossaryTermRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListGlossaryTermsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListGlossaryTermsResponse(_message.Message):
    __slots__ = ("terms", "next_page_token")
    TERMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    terms: _containers.RepeatedCompositeFieldContainer[_resources_pb2.GlossaryTerm]
    next_page_token: str
    def __init__(self, terms: _Optional[_Iterable[_Union[_resources_pb2.GlossaryTerm, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateGlossaryTermRequest(_message.Message):
    __slots__ = ("term", "update_mask")
    TERM_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    term: _resources_pb2.GlossaryTerm
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, term: _Optional[_Union[_resources_pb2.GlossaryTerm, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteGlossaryTermRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class AssignGlossaryTermRequest(_message.Message):
    __slots__ = ("term", "assets", "unassign")
    TERM_FIELD_NUMBER: _ClassVar[int]
    ASSETS_FIELD_NUMBER: _ClassVar[int]
    UNASSIGN_FIELD_NUMBER: _ClassVar[int]
    term: str
    assets: _containers.RepeatedScalarFieldContainer[str]
    unassign: bool
    def __init__(self, term: _Optional[str] = ..., assets: _Optional[_Iterable[str]] = ..., unassign: _Optional[bool] = ...) -> None: ...

class AssignGlossaryTermResponse(_message.Message):
    __slots__ = ("changed_count",)
    CHANGED_COUNT_FIELD_NUMBER: _ClassVar[int]
    changed_count: int
    def __init__(self, changed_count: _Optional[int] = ...) -> None: ...

class ExportAnnotationsRequest(_message.Message):
    __slots__ = ("parent", "qualified_name_prefix")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_NAME_PREFIX_FIELD_NUMBER: _ClassVar[int]
    parent: str
    qualified_name_prefix: str
    def __init__(self, parent: _Optional[str] = ..., qualified_name_prefix: _Optional[str] = ...) -> None: ...

class ImportAnnotationsRequest(_message.Message):
    __slots__ = ("parent", "csv", "dry_run")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    CSV_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    csv: str
    dry_run: bool
    def __init__(self, parent: _Optional[str] = ..., csv: _Optional[str] = ..., dry_run: _Optional[bool] = ...) -> None: ...

class ImportAnnotationsResponse(_message.Message):
    __slots__ = ("changes", "updated_count", "unchanged_count", "error_count")
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    UPDATED_COUNT_FIELD_NUMBER: _ClassVar[int]
    UNCHANGED_COUNT_FIELD_NUMBER: _ClassVar[int]
    ERROR_COUNT_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[_resources_pb2.AnnotationChange]
    updated_count: int
    unchanged_count: int
    error_count: int
    def __init__(self, changes: _Optional[_Iterable[_Union[_resources_pb2.AnnotationChange, _Mapping]]] = ..., updated_count: _Optional[int] = ..., unchanged_count: _Optional[int] = ..., error_count: _Optional[int] = ...) -> None: ...
