"""Labelling sampled columns through the classification service, over gRPC.

The classification service stores nothing: it answers with labels and their evidence,
and the scan writes them to the catalog as ``Classification`` messages, under the tag
each label carries (``pii.email``, ``financial.credit_card``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pursight.catalog.v1 import resources_pb2
from pursight.classification.v1 import classification_pb2, classification_pb2_grpc

MAX_COLUMNS_PER_CALL = 1000
MAX_VALUES_PER_COLUMN = 10_000
_CATEGORY_PREFIX = "CATEGORY_"


@dataclass(frozen=True)
class ColumnToClassify:
    """One sampled column. ``key`` comes back with its labels (the column's qualified
    name). ``values`` are the sampled values, nulls included."""

    key: str
    column_name: str
    table_name: str
    data_type: str
    values: Sequence[str | None]


def label_name(label: classification_pb2.Label) -> str:
    """The catalog tag the classifier names (``pii.email``), or one made the same way
    from its category and id when it names none."""
    if label.label:
        return label.label[:128]
    category = classification_pb2.Category.Name(label.category)
    prefix = category.removeprefix(_CATEGORY_PREFIX).lower()
    if prefix == "unspecified":
        prefix = "other"
    identifier = label.classifier.rsplit("/", 1)[-1].lower() or "unknown"
    return f"{prefix}.{identifier}"[:128]


def to_classification(label: classification_pb2.Label, set_by: str) -> resources_pb2.Classification:
    """The catalog form of a label, with its evidence."""
    evidence = label.evidence
    return resources_pb2.Classification(
        label=label_name(label),
        confidence=min(max(label.confidence, 0.0), 1.0),
        set_by=set_by,
        evidence=resources_pb2.ClassificationEvidence(
            classifier=label.classifier or evidence.classifier,
            match_ratio=evidence.match_ratio,
            sampled_count=evidence.sampled_count,
            matched_count=evidence.matched_count,
            distinct_matched_count=evidence.distinct_matched_count,
            column_name_matched=evidence.column_name_matched,
            threshold=evidence.threshold,
            detail=evidence.explanation[:2000],
        ),
    )


def _sample(column: ColumnToClassify) -> classification_pb2.ColumnSample:
    present = [v for v in column.values if v is not None]
    return classification_pb2.ColumnSample(
        key=column.key,
        column_name=column.column_name,
        table_name=column.table_name,
        data_type=column.data_type,
        values=present[:MAX_VALUES_PER_COLUMN],
        sampled_row_count=len(column.values),
    )


async def classify(
    stub: classification_pb2_grpc.ClassificationServiceStub,
    *,
    workspace: str,
    rule_set: str,
    columns: Sequence[ColumnToClassify],
    metadata: Sequence[tuple[str, str]],
) -> dict[str, list[classification_pb2.Label]]:
    """Labels by column key. Raises grpc.aio.AioRpcError when the service fails."""
    found: dict[str, list[classification_pb2.Label]] = {}
    for start in range(0, len(columns), MAX_COLUMNS_PER_CALL):
        batch = columns[start : start + MAX_COLUMNS_PER_CALL]
        response = await stub.ClassifyColumns(
            classification_pb2.ClassifyColumnsRequest(
                parent=f"workspaces/{workspace}",
                rule_set=rule_set,
                columns=[_sample(c) for c in batch],
            ),
            metadata=metadata,
        )
        for result in response.results:
            found[result.key] = list(result.labels)
    return found
