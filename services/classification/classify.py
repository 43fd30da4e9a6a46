"""ClassifyColumns and ClassifyText: the service's hot path.

Classification is CPU work in pure Python. Small requests run inline; large ones run in
a worker thread so the event loop keeps answering other calls (health checks, reads)
while a scan's big batch is classified.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from pursight.classification.v1 import classification_pb2 as pb
from services.classification.classifiers import Classifier
from services.classification.convert import finding_to_label, spans_to_pb
from services.classification.engine import ColumnInput, Engine
from services.classification.rule_sets import RULE_SET, WORKSPACE, rule_set_filter
from services.classification.selection import EVERYTHING, RuleSetFilter, Selection, select
from services.classification.store import default_rule_set, fetch
from services.classification.text import find_spans
from services.runtime.errors import FieldViolation, collect, not_found
from services.runtime.names import parse_name

MAX_COLUMNS = 1000
MAX_VALUES = 10_000
MAX_TEXTS = 1000
MAX_TEXT_BYTES = 1 << 20
INLINE_VALUES = 4096  # above this many values, classify in a worker thread
T = TypeVar("T")


async def _run(work: Callable[[], T], size: int) -> T:
    return work() if size <= INLINE_VALUES else await asyncio.to_thread(work)


def _check_columns(columns: Any) -> None:
    violations: list[FieldViolation] = []
    if not columns:
        violations.append(FieldViolation("columns", "at least one column is required"))
    if len(columns) > MAX_COLUMNS:
        violations.append(FieldViolation("columns", f"at most {MAX_COLUMNS} columns per call"))
    for index, column in enumerate(columns[:MAX_COLUMNS]):
        if not column.column_name.strip():
            violations.append(FieldViolation(f"columns[{index}].column_name", "is required"))
        if len(column.values) > MAX_VALUES:
            violations.append(
                FieldViolation(f"columns[{index}].values", f"at most {MAX_VALUES} values")
            )
    collect(violations)


def classify_columns(
    engine: Engine, request: pb.ClassifyColumnsRequest, rules: RuleSetFilter
) -> pb.ClassifyColumnsResponse:
    results: list[pb.ColumnResult] = []
    for column in request.columns:
        outcome = engine.classify(
            ColumnInput(
                column.key,
                column.column_name,
                column.values,
                column.table_name,
                column.data_type,
            ),
            include_rejected=request.include_rejected,
        )
        kept = [f for f in outcome.labels if f.confidence >= rules.min_confidence]
        result = pb.ColumnResult(key=column.key, labels=[finding_to_label(f) for f in kept])
        if request.include_rejected:
            below = [f for f in outcome.labels if f.confidence < rules.min_confidence]
            result.rejected.extend(finding_to_label(f) for f in below + outcome.rejected)
        results.append(result)
    return pb.ClassifyColumnsResponse(results=results)


def classify_texts(
    classifiers: list[Classifier], texts: list[str], min_score: float
) -> pb.ClassifyTextResponse:
    return pb.ClassifyTextResponse(
        results=[spans_to_pb(find_spans(text, classifiers, min_score)) for text in texts]
    )


class ClassifyHandlers:
    """ClassifyColumns and ClassifyText, mixed into the servicer."""

    _pool: Any
    _selection: Selection

    async def _scope(self, parent: str, rule_set: str) -> tuple[list[Classifier], RuleSetFilter]:
        """The classifiers a call applies: built-ins and the workspace's custom ones,
        narrowed by the named rule set or else the workspace's default one."""
        workspace = parse_name(parent, WORKSPACE, "parent")["workspace"] if parent else ""
        rules = EVERYTHING
        if rule_set:
            ids = parse_name(rule_set, RULE_SET, "rule_set")
            if workspace and ids["workspace"] != workspace:
                collect([FieldViolation("rule_set", "must belong to the parent workspace")])
            workspace = ids["workspace"]
            row = await fetch(self._pool, "rule_sets", workspace, ids["rule_set"])
            if row is None:
                raise not_found("RuleSet", rule_set)
            rules = rule_set_filter(row)
        elif workspace:
            rules = rule_set_filter(await default_rule_set(self._pool, workspace))
        custom = await self._selection.custom(self._pool, workspace) if workspace else ()
        return select(custom, rules), rules

    async def ClassifyColumns(
        self, request: pb.ClassifyColumnsRequest, context: Any
    ) -> pb.ClassifyColumnsResponse:
        _check_columns(request.columns)
        classifiers, rules = await self._scope(request.parent, request.rule_set)
        engine = self._selection.engine(classifiers)
        size = sum(len(c.values) for c in request.columns)
        return await _run(lambda: classify_columns(engine, request, rules), size)

    async def ClassifyText(
        self, request: pb.ClassifyTextRequest, context: Any
    ) -> pb.ClassifyTextResponse:
        violations: list[FieldViolation] = []
        if not request.texts:
            violations.append(FieldViolation("texts", "at least one text is required"))
        if len(request.texts) > MAX_TEXTS:
            violations.append(FieldViolation("texts", f"at most {MAX_TEXTS} texts per call"))
        if sum(len(t.encode()) for t in request.texts) > MAX_TEXT_BYTES:
            violations.append(FieldViolation("texts", "at most 1 MiB of text per call"))
        if not 0.0 <= request.min_score <= 1.0:
            violations.append(FieldViolation("min_score", "must be between 0 and 1"))
        collect(violations)
        classifiers, _ = await self._scope(request.parent, request.rule_set)
        chosen = [c for c in classifiers if c.text_finder is not None]
        if request.classifiers:
            known = {c.name: c for c in classifiers}
            collect(
                FieldViolation(f"classifiers[{i}]", f"no applicable classifier {name}")
                for i, name in enumerate(request.classifiers)
                if name not in known
            )
            wanted = set(request.classifiers)
            chosen = [c for c in chosen if c.name in wanted]
        texts = list(request.texts)
        size = sum(len(t) for t in texts) // 32
        return await _run(lambda: classify_texts(chosen, texts, request.min_score), size)
