import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import status_pb2 as _status_pb2
from pursight.common.v1 import access_pb2 as _access_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Metric(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    METRIC_UNSPECIFIED: _ClassVar[Metric]
    METRIC_ASSET_COUNT: _ClassVar[Metric]
    METRIC_DATA_SOURCE_COUNT: _ClassVar[Metric]
    METRIC_CLASSIFICATION_COVERAGE: _ClassVar[Metric]
    METRIC_SENSITIVE_ASSET_COUNT: _ClassVar[Metric]
    METRIC_COMPLIANCE_SCORE: _ClassVar[Metric]
    METRIC_OPEN_VIOLATIONS: _ClassVar[Metric]
    METRIC_SCAN_RUNS_SUCCEEDED: _ClassVar[Metric]
    METRIC_SCAN_RUNS_FAILED: _ClassVar[Metric]
    METRIC_SCAN_DURATION_SECONDS: _ClassVar[Metric]
    METRIC_WORKFLOW_RUNS_FAILED: _ClassVar[Metric]
    METRIC_OPEN_TASKS: _ClassVar[Metric]

class Interval(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INTERVAL_UNSPECIFIED: _ClassVar[Interval]
    INTERVAL_HOUR: _ClassVar[Interval]
    INTERVAL_DAY: _ClassVar[Interval]
    INTERVAL_WEEK: _ClassVar[Interval]
    INTERVAL_MONTH: _ClassVar[Interval]
METRIC_UNSPECIFIED: Metric
METRIC_ASSET_COUNT: Metric
METRIC_DATA_SOURCE_COUNT: Metric
METRIC_CLASSIFICATION_COVERAGE: Metric
METRIC_SENSITIVE_ASSET_COUNT: Metric
METRIC_COMPLIANCE_SCORE: Metric
METRIC_OPEN_VIOLATIONS: Metric
METRIC_SCAN_RUNS_SUCCEEDED: Metric
METRIC_SCAN_RUNS_FAILED: Metric
METRIC_SCAN_DURATION_SECONDS: Metric
METRIC_WORKFLOW_RUNS_FAILED: Metric
METRIC_OPEN_TASKS: Metric
INTERVAL_UNSPECIFIED: Interval
INTERVAL_HOUR: Interval
INTERVAL_DAY: Interval
INTERVAL_WEEK: Interval
INTERVAL_MONTH: Interval

class AssetTypeCount(_message.Message):
    __slots__ = ("asset_type", "count")
    ASSET_TYPE_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    asset_type: str
    count: int
    def __init__(self, asset_type: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class ClassificationCount(_message.Message):
    __slots__ = ("classification", "count")
    CLASSIFICATION_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    classification: str
    count: int
    def __init__(self, classification: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class ClassificationCoverage(_message.Message):
    __slots__ = ("total_columns", "classified_columns", "coverage_percent", "top_classifications")
    TOTAL_COLUMNS_FIELD_NUMBER: _ClassVar[int]
    CLASSIFIED_COLUMNS_FIELD_NUMBER: _ClassVar[int]
    COVERAGE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    TOP_CLASSIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    total_columns: int
    classified_columns: int
    coverage_percent: float
    top_classifications: _containers.RepeatedCompositeFieldContainer[ClassificationCount]
    def __init__(self, total_columns: _Optional[int] = ..., classified_columns: _Optional[int] = ..., coverage_percent: _Optional[float] = ..., top_classifications: _Optional[_Iterable[_Union[ClassificationCount, _Mapping]]] = ...) -> None: ...

class ComplianceScore(_message.Message):
    __slots__ = ("framework", "display_name", "score", "passing_rules", "failing_rules", "evaluate_time")
    FRAMEWORK_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    PASSING_RULES_FIELD_NUMBER: _ClassVar[int]
    FAILING_RULES_FIELD_NUMBER: _ClassVar[int]
    EVALUATE_TIME_FIELD_NUMBER: _ClassVar[int]
    framework: str
    display_name: str
    score: float
    passing_rules: int
    failing_rules: int
    evaluate_time: _timestamp_pb2.Timestamp
    def __init__(self, framework: _Optional[str] = ..., display_name: _Optional[str] = ..., score: _Optional[float] = ..., passing_rules: _Optional[int] = ..., failing_rules: _Optional[int] = ..., evaluate_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ScanActivity(_message.Message):
    __slots__ = ("period", "succeeded", "failed", "cancelled", "running")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    SUCCEEDED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_FIELD_NUMBER: _ClassVar[int]
    RUNNING_FIELD_NUMBER: _ClassVar[int]
    period: _duration_pb2.Duration
    succeeded: int
    failed: int
    cancelled: int
    running: int
    def __init__(self, period: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., succeeded: _Optional[int] = ..., failed: _Optional[int] = ..., cancelled: _Optional[int] = ..., running: _Optional[int] = ...) -> None: ...

class ViolationCounts(_message.Message):
    __slots__ = ("total", "critical", "high", "medium", "low")
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    CRITICAL_FIELD_NUMBER: _ClassVar[int]
    HIGH_FIELD_NUMBER: _ClassVar[int]
    MEDIUM_FIELD_NUMBER: _ClassVar[int]
    LOW_FIELD_NUMBER: _ClassVar[int]
    total: int
    critical: int
    high: int
    medium: int
    low: int
    def __init__(self, total: _Optional[int] = ..., critical: _Optional[int] = ..., high: _Optional[int] = ..., medium: _Optional[int] = ..., low: _Optional[int] = ...) -> None: ...

class Overview(_message.Message):
    __slots__ = ("workspace", "total_assets", "asset_counts", "data_source_count", "classification", "sensitive_asset_count", "compliance_scores", "scans_last_24h", "scans_last_7d", "open_violations", "open_tasks", "compute_time")
    WORKSPACE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ASSETS_FIELD_NUMBER: _ClassVar[int]
    ASSET_COUNTS_FIELD_NUMBER: _ClassVar[int]
    DATA_SOURCE_COUNT_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_FIELD_NUMBER: _ClassVar[int]
    SENSITIVE_ASSET_COUNT_FIELD_NUMBER: _ClassVar[int]
    COMPLIANCE_SCORES_FIELD_NUMBER: _ClassVar[int]
    SCANS_LAST_24H_FIELD_NUMBER: _ClassVar[int]
    SCANS_LAST_7D_FIELD_NUMBER: _ClassVar[int]
    OPEN_VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    OPEN_TASKS_FIELD_NUMBER: _ClassVar[int]
    COMPUTE_TIME_FIELD_NUMBER: _ClassVar[int]
    workspace: str
    total_assets: int
    asset_counts: _containers.RepeatedCompositeFieldContainer[AssetTypeCount]
    data_source_count: int
    classification: ClassificationCoverage
    sensitive_asset_count: int
    compliance_scores: _containers.RepeatedCompositeFieldContainer[ComplianceScore]
    scans_last_24h: ScanActivity
    scans_last_7d: ScanActivity
    open_violations: ViolationCounts
    open_tasks: int
    compute_time: _timestamp_pb2.Timestamp
    def __init__(self, workspace: _Optional[str] = ..., total_assets: _Optional[int] = ..., asset_counts: _Optional[_Iterable[_Union[AssetTypeCount, _Mapping]]] = ..., data_source_count: _Optional[int] = ..., classification: _Optional[_Union[ClassificationCoverage, _Mapping]] = ..., sensitive_asset_count: _Optional[int] = ..., compliance_scores: _Optional[_Iterable[_Union[ComplianceScore, _Mapping]]] = ..., scans_last_24h: _Optional[_Union[ScanActivity, _Mapping]] = ..., scans_last_7d: _Optional[_Union[ScanActivity, _Mapping]] = ..., open_violations: _Optional[_Union[ViolationCounts, _Mapping]] = ..., open_tasks: _Optional[int] = ..., compute_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetOverviewRequest(_message.Message):
    __slots__ = ("workspace", "refresh")
    WORKSPACE_FIELD_NUMBER: _ClassVar[int]
    REFRESH_FIELD_NUMBER: _ClassVar[int]
    workspace: str
    refresh: bool
    def __init__(self, workspace: _Optional[str] = ..., refresh: _Optional[bool] = ...) -> None: ...

class GetOverviewResponse(_message.Message):
    __slots__ = ("overview", "cached", "unavailable_sources")
    OVERVIEW_FIELD_NUMBER: _ClassVar[int]
    CACHED_FIELD_NUMBER: _ClassVar[int]
    UNAVAILABLE_SOURCES_FIELD_NUMBER: _ClassVar[int]
    overview: Overview
    cached: bool
    unavailable_sources: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, overview: _Optional[_Union[Overview, _Mapping]] = ..., cached: _Optional[bool] = ..., unavailable_sources: _Optional[_Iterable[str]] = ...) -> None: ...

class Point(_message.Message):
    __slots__ = ("time", "value")
    TIME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    time: _timestamp_pb2.Timestamp
    value: float
    def __init__(self, time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., value: _Optional[float] = ...) -> None: ...

class TimeSeries(_message.Message):
    __slots__ = ("metric", "group", "points", "unit")
    class GroupEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    METRIC_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    metric: Metric
    group: _containers.ScalarMap[str, str]
    points: _containers.RepeatedCompositeFieldContainer[Point]
    unit: str
    def __init__(self, metric: _Optional[_Union[Metric, str]] = ..., group: _Optional[_Mapping[str, str]] = ..., points: _Optional[_Iterable[_Union[Point, _Mapping]]] = ..., unit: _Optional[str] = ...) -> None: ...

class GetTrendRequest(_message.Message):
    __slots__ = ("workspace", "metrics", "interval", "start_time", "end_time", "group_by")
    WORKSPACE_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    GROUP_BY_FIELD_NUMBER: _ClassVar[int]
    workspace: str
    metrics: _containers.RepeatedScalarFieldContainer[Metric]
    interval: Interval
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    group_by: str
    def __init__(self, workspace: _Optional[str] = ..., metrics: _Optional[_Iterable[_Union[Metric, str]]] = ..., interval: _Optional[_Union[Interval, str]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., group_by: _Optional[str] = ...) -> None: ...

class GetTrendResponse(_message.Message):
    __slots__ = ("series", "interval")
    SERIES_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    series: _containers.RepeatedCompositeFieldContainer[TimeSeries]
    interval: Interval
    def __init__(self, series: _Optional[_Iterable[_Union[TimeSeries, _Mapping]]] = ..., interval: _Optional[_Union[Interval, str]] = ...) -> None: ...

class Dashboard(_message.Message):
    __slots__ = ("name", "display_name", "description", "widgets", "default_workspace", "labels", "creator", "create_time", "update_time", "etag")
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
    WIDGETS_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_WORKSPACE_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    widgets: _containers.RepeatedCompositeFieldContainer[Widget]
    default_workspace: str
    labels: _containers.ScalarMap[str, str]
    creator: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., widgets: _Optional[_Iterable[_Union[Widget, _Mapping]]] = ..., default_workspace: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., creator: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class Widget(_message.Message):
    __slots__ = ("id", "title", "kind", "position", "workspace", "metrics", "interval", "lookback", "group_by", "text", "display_options")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        KIND_UNSPECIFIED: _ClassVar[Widget.Kind]
        KIND_STAT: _ClassVar[Widget.Kind]
        KIND_TREND: _ClassVar[Widget.Kind]
        KIND_BREAKDOWN: _ClassVar[Widget.Kind]
        KIND_COMPLIANCE_SCORES: _ClassVar[Widget.Kind]
        KIND_SCAN_ACTIVITY: _ClassVar[Widget.Kind]
        KIND_TEXT: _ClassVar[Widget.Kind]
    KIND_UNSPECIFIED: Widget.Kind
    KIND_STAT: Widget.Kind
    KIND_TREND: Widget.Kind
    KIND_BREAKDOWN: Widget.Kind
    KIND_COMPLIANCE_SCORES: Widget.Kind
    KIND_SCAN_ACTIVITY: Widget.Kind
    KIND_TEXT: Widget.Kind
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    WORKSPACE_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    LOOKBACK_FIELD_NUMBER: _ClassVar[int]
    GROUP_BY_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    id: str
    title: str
    kind: Widget.Kind
    position: GridPosition
    workspace: str
    metrics: _containers.RepeatedScalarFieldContainer[Metric]
    interval: Interval
    lookback: _duration_pb2.Duration
    group_by: str
    text: str
    display_options: _struct_pb2.Struct
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ..., kind: _Optional[_Union[Widget.Kind, str]] = ..., position: _Optional[_Union[GridPosition, _Mapping]] = ..., workspace: _Optional[str] = ..., metrics: _Optional[_Iterable[_Union[Metric, str]]] = ..., interval: _Optional[_Union[Interval, str]] = ..., lookback: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., group_by: _Optional[str] = ..., text: _Optional[str] = ..., display_options: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class GridPosition(_message.Message):
    __slots__ = ("x", "y", "width", "height")
    X_FIELD_NUMBER: _ClassVar[int]
    Y_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    x: int
    y: int
    width: int
    height: int
    def __init__(self, x: _Optional[int] = ..., y: _Optional[int] = ..., width: _Optional[int] = ..., height: _Optional[int] = ...) -> None: ...

class WidgetData(_message.Message):
    __slots__ = ("widget_id", "series", "overview", "error")
    WIDGET_ID_FIELD_NUMBER: _ClassVar[int]
    SERIES_FIELD_NUMBER: _ClassVar[int]
    OVERVIEW_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    widget_id: str
    series: _containers.RepeatedCompositeFieldContainer[TimeSeries]
    overview: Overview
    error: _status_pb2.Status
    def __init__(self, widget_id: _Optional[str] = ..., series: _Optional[_Iterable[_Union[TimeSeries, _Mapping]]] = ..., overview: _Optional[_Union[Overview, _Mapping]] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ...) -> None: ...

class CreateDashboardRequest(_message.Message):
    __slots__ = ("parent", "dashboard", "dashboard_id", "request_id", "validate_only")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    DASHBOARD_FIELD_NUMBER: _ClassVar[int]
    DASHBOARD_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    dashboard: Dashboard
    dashboard_id: str
    request_id: str
    validate_only: bool
    def __init__(self, parent: _Optional[str] = ..., dashboard: _Optional[_Union[Dashboard, _Mapping]] = ..., dashboard_id: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class GetDashboardRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListDashboardsRequest(_message.Message):
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

class ListDashboardsResponse(_message.Message):
    __slots__ = ("dashboards", "next_page_token")
    DASHBOARDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    dashboards: _containers.RepeatedCompositeFieldContainer[Dashboard]
    next_page_token: str
    def __init__(self, dashboards: _Optional[_Iterable[_Union[Dashboard, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateDashboardRequest(_message.Message):
    __slots__ = ("dashboard", "update_mask")
    DASHBOARD_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    dashboard: Dashboard
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, dashboard: _Optional[_Union[Dashboard, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteDashboardRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class RenderDashboardRequest(_message.Message):
    __slots__ = ("name", "widget_ids", "refresh")
    NAME_FIELD_NUMBER: _ClassVar[int]
    WIDGET_IDS_FIELD_NUMBER: _ClassVar[int]
    REFRESH_FIELD_NUMBER: _ClassVar[int]
    name: str
    widget_ids: _containers.RepeatedScalarFieldContainer[str]
    refresh: bool
    def __init__(self, name: _Optional[str] = ..., widget_ids: _Optional[_Iterable[str]] = ..., refresh: _Optional[bool] = ...) -> None: ...

class RenderDashboardResponse(_message.Message):
    __slots__ = ("dashboard", "widgets", "compute_time")
    DASHBOARD_FIELD_NUMBER: _ClassVar[int]
    WIDGETS_FIELD_NUMBER: _ClassVar[int]
    COMPUTE_TIME_FIELD_NUMBER: _ClassVar[int]
    dashboard: Dashboard
    widgets: _containers.RepeatedCompositeFieldContainer[WidgetData]
    compute_time: _timestamp_pb2.Timestamp
    def __init__(self, dashboard: _Optional[_Union[Dashboard, _Mapping]] = ..., widgets: _Optional[_Iterable[_Union[WidgetData, _Mapping]]] = ..., compute_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
