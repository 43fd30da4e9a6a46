import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from pursight.common.v1 import access_pb2 as _access_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DurationEstimate(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DURATION_ESTIMATE_UNSPECIFIED: _ClassVar[DurationEstimate]
    DURATION_ESTIMATE_P50: _ClassVar[DurationEstimate]
    DURATION_ESTIMATE_P95: _ClassVar[DurationEstimate]
    DURATION_ESTIMATE_MEAN: _ClassVar[DurationEstimate]
DURATION_ESTIMATE_UNSPECIFIED: DurationEstimate
DURATION_ESTIMATE_P50: DurationEstimate
DURATION_ESTIMATE_P95: DurationEstimate
DURATION_ESTIMATE_MEAN: DurationEstimate

class RunWindow(_message.Message):
    __slots__ = ("start_time", "end_time", "max_runs", "include_failed_runs")
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    MAX_RUNS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_FAILED_RUNS_FIELD_NUMBER: _ClassVar[int]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    max_runs: int
    include_failed_runs: bool
    def __init__(self, start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., max_runs: _Optional[int] = ..., include_failed_runs: _Optional[bool] = ...) -> None: ...

class DurationStats(_message.Message):
    __slots__ = ("count", "min", "p50", "p95", "p99", "max", "mean", "stddev")
    COUNT_FIELD_NUMBER: _ClassVar[int]
    MIN_FIELD_NUMBER: _ClassVar[int]
    P50_FIELD_NUMBER: _ClassVar[int]
    P95_FIELD_NUMBER: _ClassVar[int]
    P99_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    MEAN_FIELD_NUMBER: _ClassVar[int]
    STDDEV_FIELD_NUMBER: _ClassVar[int]
    count: int
    min: _duration_pb2.Duration
    p50: _duration_pb2.Duration
    p95: _duration_pb2.Duration
    p99: _duration_pb2.Duration
    max: _duration_pb2.Duration
    mean: _duration_pb2.Duration
    stddev: _duration_pb2.Duration
    def __init__(self, count: _Optional[int] = ..., min: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., p50: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., p95: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., p99: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., max: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., mean: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., stddev: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class StepStats(_message.Message):
    __slots__ = ("step_id", "kind", "depends_on", "duration", "queue_time", "failure_rate", "mean_attempts", "slack", "on_critical_path", "critical_fraction")
    STEP_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DEPENDS_ON_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    QUEUE_TIME_FIELD_NUMBER: _ClassVar[int]
    FAILURE_RATE_FIELD_NUMBER: _ClassVar[int]
    MEAN_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    SLACK_FIELD_NUMBER: _ClassVar[int]
    ON_CRITICAL_PATH_FIELD_NUMBER: _ClassVar[int]
    CRITICAL_FRACTION_FIELD_NUMBER: _ClassVar[int]
    step_id: str
    kind: str
    depends_on: _containers.RepeatedScalarFieldContainer[str]
    duration: DurationStats
    queue_time: DurationStats
    failure_rate: float
    mean_attempts: float
    slack: _duration_pb2.Duration
    on_critical_path: bool
    critical_fraction: float
    def __init__(self, step_id: _Optional[str] = ..., kind: _Optional[str] = ..., depends_on: _Optional[_Iterable[str]] = ..., duration: _Optional[_Union[DurationStats, _Mapping]] = ..., queue_time: _Optional[_Union[DurationStats, _Mapping]] = ..., failure_rate: _Optional[float] = ..., mean_attempts: _Optional[float] = ..., slack: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., on_critical_path: _Optional[bool] = ..., critical_fraction: _Optional[float] = ...) -> None: ...

class Bottleneck(_message.Message):
    __slots__ = ("step_id", "reason", "other_reasons", "description", "impact", "severity")
    class Reason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        REASON_UNSPECIFIED: _ClassVar[Bottleneck.Reason]
        REASON_LONG_DURATION: _ClassVar[Bottleneck.Reason]
        REASON_HIGH_VARIANCE: _ClassVar[Bottleneck.Reason]
        REASON_FREQUENT_RETRIES: _ClassVar[Bottleneck.Reason]
        REASON_SERIAL_DEPENDENCY: _ClassVar[Bottleneck.Reason]
        REASON_QUEUE_WAIT: _ClassVar[Bottleneck.Reason]
        REASON_HUMAN_WAIT: _ClassVar[Bottleneck.Reason]
        REASON_FAN_IN: _ClassVar[Bottleneck.Reason]
    REASON_UNSPECIFIED: Bottleneck.Reason
    REASON_LONG_DURATION: Bottleneck.Reason
    REASON_HIGH_VARIANCE: Bottleneck.Reason
    REASON_FREQUENT_RETRIES: Bottleneck.Reason
    REASON_SERIAL_DEPENDENCY: Bottleneck.Reason
    REASON_QUEUE_WAIT: Bottleneck.Reason
    REASON_HUMAN_WAIT: Bottleneck.Reason
    REASON_FAN_IN: Bottleneck.Reason
    STEP_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    OTHER_REASONS_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    IMPACT_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    step_id: str
    reason: Bottleneck.Reason
    other_reasons: _containers.RepeatedScalarFieldContainer[Bottleneck.Reason]
    description: str
    impact: _duration_pb2.Duration
    severity: float
    def __init__(self, step_id: _Optional[str] = ..., reason: _Optional[_Union[Bottleneck.Reason, str]] = ..., other_reasons: _Optional[_Iterable[_Union[Bottleneck.Reason, str]]] = ..., description: _Optional[str] = ..., impact: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., severity: _Optional[float] = ...) -> None: ...

class WorkflowAnalysis(_message.Message):
    __slots__ = ("workflow", "workflow_revision", "runs_analyzed", "window_start_time", "window_end_time", "steps", "critical_path", "critical_path_duration", "makespan", "bottlenecks", "max_parallelism", "mean_parallelism", "steps_without_history", "compute_time")
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_REVISION_FIELD_NUMBER: _ClassVar[int]
    RUNS_ANALYZED_FIELD_NUMBER: _ClassVar[int]
    WINDOW_START_TIME_FIELD_NUMBER: _ClassVar[int]
    WINDOW_END_TIME_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    CRITICAL_PATH_FIELD_NUMBER: _ClassVar[int]
    CRITICAL_PATH_DURATION_FIELD_NUMBER: _ClassVar[int]
    MAKESPAN_FIELD_NUMBER: _ClassVar[int]
    BOTTLENECKS_FIELD_NUMBER: _ClassVar[int]
    MAX_PARALLELISM_FIELD_NUMBER: _ClassVar[int]
    MEAN_PARALLELISM_FIELD_NUMBER: _ClassVar[int]
    STEPS_WITHOUT_HISTORY_FIELD_NUMBER: _ClassVar[int]
    COMPUTE_TIME_FIELD_NUMBER: _ClassVar[int]
    workflow: str
    workflow_revision: int
    runs_analyzed: int
    window_start_time: _timestamp_pb2.Timestamp
    window_end_time: _timestamp_pb2.Timestamp
    steps: _containers.RepeatedCompositeFieldContainer[StepStats]
    critical_path: _containers.RepeatedScalarFieldContainer[str]
    critical_path_duration: _duration_pb2.Duration
    makespan: DurationStats
    bottlenecks: _containers.RepeatedCompositeFieldContainer[Bottleneck]
    max_parallelism: int
    mean_parallelism: float
    steps_without_history: _containers.RepeatedScalarFieldContainer[str]
    compute_time: _timestamp_pb2.Timestamp
    def __init__(self, workflow: _Optional[str] = ..., workflow_revision: _Optional[int] = ..., runs_analyzed: _Optional[int] = ..., window_start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., window_end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., steps: _Optional[_Iterable[_Union[StepStats, _Mapping]]] = ..., critical_path: _Optional[_Iterable[str]] = ..., critical_path_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., makespan: _Optional[_Union[DurationStats, _Mapping]] = ..., bottlenecks: _Optional[_Iterable[_Union[Bottleneck, _Mapping]]] = ..., max_parallelism: _Optional[int] = ..., mean_parallelism: _Optional[float] = ..., steps_without_history: _Optional[_Iterable[str]] = ..., compute_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AnalyzeWorkflowRequest(_message.Message):
    __slots__ = ("workflow", "window", "refresh")
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    REFRESH_FIELD_NUMBER: _ClassVar[int]
    workflow: str
    window: RunWindow
    refresh: bool
    def __init__(self, workflow: _Optional[str] = ..., window: _Optional[_Union[RunWindow, _Mapping]] = ..., refresh: _Optional[bool] = ...) -> None: ...

class AnalyzeWorkflowResponse(_message.Message):
    __slots__ = ("analysis",)
    ANALYSIS_FIELD_NUMBER: _ClassVar[int]
    analysis: WorkflowAnalysis
    def __init__(self, analysis: _Optional[_Union[WorkflowAnalysis, _Mapping]] = ...) -> None: ...

class ScheduledStep(_message.Message):
    __slots__ = ("step_id", "worker", "start_offset", "expected_duration", "end_offset", "on_critical_path")
    STEP_ID_FIELD_NUMBER: _ClassVar[int]
    WORKER_FIELD_NUMBER: _ClassVar[int]
    START_OFFSET_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_DURATION_FIELD_NUMBER: _ClassVar[int]
    END_OFFSET_FIELD_NUMBER: _ClassVar[int]
    ON_CRITICAL_PATH_FIELD_NUMBER: _ClassVar[int]
    step_id: str
    worker: int
    start_offset: _duration_pb2.Duration
    expected_duration: _duration_pb2.Duration
    end_offset: _duration_pb2.Duration
    on_critical_path: bool
    def __init__(self, step_id: _Optional[str] = ..., worker: _Optional[int] = ..., start_offset: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., expected_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., end_offset: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., on_critical_path: _Optional[bool] = ...) -> None: ...

class Schedule(_message.Message):
    __slots__ = ("workers", "steps", "makespan", "utilization", "algorithm", "duration_estimate")
    WORKERS_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    MAKESPAN_FIELD_NUMBER: _ClassVar[int]
    UTILIZATION_FIELD_NUMBER: _ClassVar[int]
    ALGORITHM_FIELD_NUMBER: _ClassVar[int]
    DURATION_ESTIMATE_FIELD_NUMBER: _ClassVar[int]
    workers: int
    steps: _containers.RepeatedCompositeFieldContainer[ScheduledStep]
    makespan: _duration_pb2.Duration
    utilization: float
    algorithm: str
    duration_estimate: DurationEstimate
    def __init__(self, workers: _Optional[int] = ..., steps: _Optional[_Iterable[_Union[ScheduledStep, _Mapping]]] = ..., makespan: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., utilization: _Optional[float] = ..., algorithm: _Optional[str] = ..., duration_estimate: _Optional[_Union[DurationEstimate, str]] = ...) -> None: ...

class OptimizeScheduleRequest(_message.Message):
    __slots__ = ("workflow", "workers", "window", "duration_estimate", "max_concurrency_per_kind")
    class MaxConcurrencyPerKindEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    WORKERS_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    DURATION_ESTIMATE_FIELD_NUMBER: _ClassVar[int]
    MAX_CONCURRENCY_PER_KIND_FIELD_NUMBER: _ClassVar[int]
    workflow: str
    workers: int
    window: RunWindow
    duration_estimate: DurationEstimate
    max_concurrency_per_kind: _containers.ScalarMap[str, int]
    def __init__(self, workflow: _Optional[str] = ..., workers: _Optional[int] = ..., window: _Optional[_Union[RunWindow, _Mapping]] = ..., duration_estimate: _Optional[_Union[DurationEstimate, str]] = ..., max_concurrency_per_kind: _Optional[_Mapping[str, int]] = ...) -> None: ...

class OptimizeScheduleResponse(_message.Message):
    __slots__ = ("schedule", "current_makespan", "predicted_makespan", "improvement", "lower_bound", "workers_for_minimum_makespan")
    SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    CURRENT_MAKESPAN_FIELD_NUMBER: _ClassVar[int]
    PREDICTED_MAKESPAN_FIELD_NUMBER: _ClassVar[int]
    IMPROVEMENT_FIELD_NUMBER: _ClassVar[int]
    LOWER_BOUND_FIELD_NUMBER: _ClassVar[int]
    WORKERS_FOR_MINIMUM_MAKESPAN_FIELD_NUMBER: _ClassVar[int]
    schedule: Schedule
    current_makespan: _duration_pb2.Duration
    predicted_makespan: _duration_pb2.Duration
    improvement: float
    lower_bound: _duration_pb2.Duration
    workers_for_minimum_makespan: int
    def __init__(self, schedule: _Optional[_Union[Schedule, _Mapping]] = ..., current_makespan: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., predicted_makespan: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., improvement: _Optional[float] = ..., lower_bound: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., workers_for_minimum_makespan: _Optional[int] = ...) -> None: ...

class SimulateScheduleRequest(_message.Message):
    __slots__ = ("workflow", "schedule", "workers", "window", "duration_overrides", "removed_dependencies", "iterations", "seed")
    class DurationOverridesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _duration_pb2.Duration
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...
    class RemovedDependenciesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: StepIds
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[StepIds, _Mapping]] = ...) -> None: ...
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    WORKERS_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    DURATION_OVERRIDES_FIELD_NUMBER: _ClassVar[int]
    REMOVED_DEPENDENCIES_FIELD_NUMBER: _ClassVar[int]
    ITERATIONS_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    workflow: str
    schedule: Schedule
    workers: int
    window: RunWindow
    duration_overrides: _containers.MessageMap[str, _duration_pb2.Duration]
    removed_dependencies: _containers.MessageMap[str, StepIds]
    iterations: int
    seed: int
    def __init__(self, workflow: _Optional[str] = ..., schedule: _Optional[_Union[Schedule, _Mapping]] = ..., workers: _Optional[int] = ..., window: _Optional[_Union[RunWindow, _Mapping]] = ..., duration_overrides: _Optional[_Mapping[str, _duration_pb2.Duration]] = ..., removed_dependencies: _Optional[_Mapping[str, StepIds]] = ..., iterations: _Optional[int] = ..., seed: _Optional[int] = ...) -> None: ...

class StepIds(_message.Message):
    __slots__ = ("step_ids",)
    STEP_IDS_FIELD_NUMBER: _ClassVar[int]
    step_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, step_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class SimulateScheduleResponse(_message.Message):
    __slots__ = ("makespan", "critical_probability", "schedule", "iterations")
    class CriticalProbabilityEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    MAKESPAN_FIELD_NUMBER: _ClassVar[int]
    CRITICAL_PROBABILITY_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    ITERATIONS_FIELD_NUMBER: _ClassVar[int]
    makespan: DurationStats
    critical_probability: _containers.ScalarMap[str, float]
    schedule: Schedule
    iterations: int
    def __init__(self, makespan: _Optional[_Union[DurationStats, _Mapping]] = ..., critical_probability: _Optional[_Mapping[str, float]] = ..., schedule: _Optional[_Union[Schedule, _Mapping]] = ..., iterations: _Optional[int] = ...) -> None: ...

class Recommendation(_message.Message):
    __slots__ = ("name", "kind", "title", "rationale", "step_ids", "estimated_saving", "estimated_saving_fraction", "confidence", "state", "workflow_revision", "create_time", "dismisser", "dismiss_reason")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        KIND_UNSPECIFIED: _ClassVar[Recommendation.Kind]
        KIND_PARALLELIZE: _ClassVar[Recommendation.Kind]
        KIND_CACHE: _ClassVar[Recommendation.Kind]
        KIND_RESIZE: _ClassVar[Recommendation.Kind]
        KIND_REORDER: _ClassVar[Recommendation.Kind]
        KIND_SPLIT: _ClassVar[Recommendation.Kind]
        KIND_RETRY_POLICY: _ClassVar[Recommendation.Kind]
        KIND_RESCHEDULE: _ClassVar[Recommendation.Kind]
    KIND_UNSPECIFIED: Recommendation.Kind
    KIND_PARALLELIZE: Recommendation.Kind
    KIND_CACHE: Recommendation.Kind
    KIND_RESIZE: Recommendation.Kind
    KIND_REORDER: Recommendation.Kind
    KIND_SPLIT: Recommendation.Kind
    KIND_RETRY_POLICY: Recommendation.Kind
    KIND_RESCHEDULE: Recommendation.Kind
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATE_UNSPECIFIED: _ClassVar[Recommendation.State]
        STATE_ACTIVE: _ClassVar[Recommendation.State]
        STATE_DISMISSED: _ClassVar[Recommendation.State]
        STATE_APPLIED: _ClassVar[Recommendation.State]
    STATE_UNSPECIFIED: Recommendation.State
    STATE_ACTIVE: Recommendation.State
    STATE_DISMISSED: Recommendation.State
    STATE_APPLIED: Recommendation.State
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    RATIONALE_FIELD_NUMBER: _ClassVar[int]
    STEP_IDS_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_SAVING_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_SAVING_FRACTION_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_REVISION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    DISMISSER_FIELD_NUMBER: _ClassVar[int]
    DISMISS_REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: Recommendation.Kind
    title: str
    rationale: str
    step_ids: _containers.RepeatedScalarFieldContainer[str]
    estimated_saving: _duration_pb2.Duration
    estimated_saving_fraction: float
    confidence: float
    state: Recommendation.State
    workflow_revision: int
    create_time: _timestamp_pb2.Timestamp
    dismisser: str
    dismiss_reason: str
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[_Union[Recommendation.Kind, str]] = ..., title: _Optional[str] = ..., rationale: _Optional[str] = ..., step_ids: _Optional[_Iterable[str]] = ..., estimated_saving: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., estimated_saving_fraction: _Optional[float] = ..., confidence: _Optional[float] = ..., state: _Optional[_Union[Recommendation.State, str]] = ..., workflow_revision: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., dismisser: _Optional[str] = ..., dismiss_reason: _Optional[str] = ...) -> None: ...

class ListRecommendationsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "filter", "refresh")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    REFRESH_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    filter: str
    refresh: bool
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ..., refresh: _Optional[bool] = ...) -> None: ...

class ListRecommendationsResponse(_message.Message):
    __slots__ = ("recommendations", "next_page_token")
    RECOMMENDATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    recommendations: _containers.RepeatedCompositeFieldContainer[Recommendation]
    next_page_token: str
    def __init__(self, recommendations: _Optional[_Iterable[_Union[Recommendation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetRecommendationRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class DismissRecommendationRequest(_message.Message):
    __slots__ = ("name", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DismissRecommendationResponse(_message.Message):
    __slots__ = ("recommendation",)
    RECOMMENDATION_FIELD_NUMBER: _ClassVar[int]
    recommendation: Recommendation
    def __init__(self, recommendation: _Optional[_Union[Recommendation, _Mapping]] = ...) -> None: ...
