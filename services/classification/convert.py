"""Between the engine's Python types and the contract's messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pursight.classification.v1 import classification_pb2 as pb
from services.classification.classifiers import (
    Category,
    Classifier,
    Sensitivity,
    ValidatorKind,
)
from services.classification.definitions import Definition
from services.classification.engine import Finding
from services.classification.text import Span
from services.runtime.convert import etag, timestamp

CATEGORY_TO_PB: dict[Category, int] = {
    Category.PII: pb.CATEGORY_PII,
    Category.FINANCIAL: pb.CATEGORY_FINANCIAL,
    Category.HEALTH: pb.CATEGORY_HEALTH,
    Category.SECRET: pb.CATEGORY_SECRET,
    Category.GOVERNMENT_ID: pb.CATEGORY_GOVERNMENT_ID,
    Category.NETWORK: pb.CATEGORY_NETWORK,
    Category.LOCATION: pb.CATEGORY_LOCATION,
    Category.OTHER: pb.CATEGORY_OTHER,
}
PB_TO_CATEGORY = {number: category for category, number in CATEGORY_TO_PB.items()}


def validator_to_pb(kind: ValidatorKind) -> int:
    """Checks the contract names; a classifier-specific check digit shows as unset."""
    return 0 if kind is ValidatorKind.CHECKSUM else int(kind)


def builtin_to_pb(item: Classifier) -> pb.Classifier:
    """A built-in as the contract shows it: read-only, its patterns and hints."""
    return pb.Classifier(
        name=item.name,
        display_name=item.display_name,
        description=item.description,
        category=CATEGORY_TO_PB[item.category],  # type: ignore[arg-type]
        sensitivity=int(item.sensitivity),  # type: ignore[arg-type]
        built_in=True,
        data_patterns=[item.pattern] if item.pattern else [],
        column_name_patterns=list(item.name_hints),
        validator=validator_to_pb(item.validator),  # type: ignore[arg-type]
        min_match_threshold=item.threshold,
        column_name_threshold=item.name_threshold,
        min_distinct_matches=item.min_distinct,
        find_in_text=item.text_finder is not None,
        suppresses=[f"classifiers/{s}" for s in item.suppresses],
        countries=list(item.countries),
        version=item.version,
        label=item.label,
    )


def definition_to_pb(
    definition: Definition,
    *,
    creator: str = "",
    created: datetime | None = None,
    updated: datetime | None = None,
) -> pb.Classifier:
    """A custom classifier as stored."""
    return pb.Classifier(
        name=definition.name,
        display_name=definition.display_name,
        description=definition.description,
        category=CATEGORY_TO_PB[definition.category],  # type: ignore[arg-type]
        sensitivity=int(definition.sensitivity),  # type: ignore[arg-type]
        built_in=False,
        data_patterns=list(definition.data_patterns),
        column_name_patterns=list(definition.column_name_patterns),
        dictionary=list(definition.dictionary),
        dictionary_case_sensitive=definition.dictionary_case_sensitive,
        validator=validator_to_pb(definition.validator),  # type: ignore[arg-type]
        min_match_threshold=definition.min_match_threshold,
        column_name_threshold=definition.column_name_threshold,
        min_distinct_matches=definition.min_distinct_matches,
        find_in_text=definition.find_in_text,
        suppresses=list(definition.suppresses),
        countries=list(definition.countries),
        version=str(definition.version),
        creator=creator,
        create_time=timestamp(created),
        update_time=timestamp(updated),
        etag=etag(definition.version),
        label="custom." + definition.name.rsplit("/", 1)[-1],
    )


def definition_from_pb(message: pb.Classifier, name: str, version: int = 1) -> Definition:
    """The stored fields of a request's classifier (validity is checked separately)."""
    return Definition(
        name=name,
        display_name=message.display_name.strip(),
        description=message.description,
        category=PB_TO_CATEGORY.get(message.category, Category.OTHER),
        sensitivity=Sensitivity(message.sensitivity)
        if message.sensitivity in Sensitivity._value2member_map_
        else Sensitivity.CONFIDENTIAL,
        data_patterns=tuple(message.data_patterns),
        column_name_patterns=tuple(message.column_name_patterns),
        dictionary=tuple(message.dictionary),
        dictionary_case_sensitive=message.dictionary_case_sensitive,
        validator=ValidatorKind(message.validator)
        if message.validator in ValidatorKind._value2member_map_
        else ValidatorKind.NONE,
        min_match_threshold=message.min_match_threshold,
        column_name_threshold=message.column_name_threshold,
        min_distinct_matches=message.min_distinct_matches,
        find_in_text=message.find_in_text,
        suppresses=tuple(message.suppresses),
        countries=tuple(message.countries),
        version=version,
    )


def finding_to_label(finding: Finding) -> pb.Label:
    item = finding.classifier
    evidence = pb.Evidence(
        classifier=item.name,
        method=int(finding.method),  # type: ignore[arg-type]
        match_ratio=round(finding.ratio, 4),
        sampled_count=finding.sampled,
        matched_count=finding.matched,
        distinct_matched_count=finding.distinct_matched,
        validator_rejected_count=finding.rejected,
        column_name_matched=finding.name_matched,
        threshold=finding.threshold,
        suppressed=finding.suppressed,
        explanation=finding.explanation(),
        column_name_only=finding.empty_column,
        column_name_backed_count=finding.weak_used,
    )
    return pb.Label(
        classifier=item.name,
        display_name=item.display_name,
        category=CATEGORY_TO_PB[item.category],  # type: ignore[arg-type]
        sensitivity=int(item.sensitivity),  # type: ignore[arg-type]
        confidence=finding.confidence,
        evidence=evidence,
        label=item.label,
    )


def span_to_pb(span: Span) -> pb.TextSpan:
    item = span.classifier
    return pb.TextSpan(
        classifier=item.name,
        entity=item.display_name,
        category=CATEGORY_TO_PB[item.category],  # type: ignore[arg-type]
        start=span.start,
        end=span.end,
        score=span.score,
    )


def spans_to_pb(spans: Sequence[Span]) -> pb.TextResult:
    return pb.TextResult(spans=[span_to_pb(s) for s in spans])
