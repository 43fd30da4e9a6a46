"""TestClassifier: one classifier against sample values, value by value and as a column."""

from __future__ import annotations

from pursight.classification.v1 import classification_pb2 as pb
from services.classification.classifiers import Classifier, Verdict
from services.classification.convert import finding_to_label, span_to_pb
from services.classification.engine import ColumnInput, Engine, normalise_column_name
from services.classification.text import find_spans, looks_like_text


def try_classifier(
    item: Classifier, request: pb.TestClassifierRequest, dictionary: frozenset[str]
) -> pb.TestClassifierResponse:
    """Per-value outcomes and the column-level decision, with its evidence."""
    name = normalise_column_name(request.column_name)
    hinted = bool(name) and item.name_hint(name) is True
    folded = dictionary if not dictionary else frozenset(w.casefold() for w in dictionary)
    results: list[pb.ValueResult] = []
    for index, raw in enumerate(request.values):
        value = raw.strip()
        verdict = item.evaluate(value) if value else Verdict.NO
        spans = []
        if item.text_finder is not None and looks_like_text(value):
            spans = [span_to_pb(s) for s in find_spans(value, [item])]
        results.append(
            pb.ValueResult(
                index=index,
                matched=verdict is Verdict.YES or (verdict is Verdict.WEAK and hinted),
                validator_rejected=verdict is Verdict.REJECTED,
                dictionary_matched=bool(value)
                and (value in dictionary or value.casefold() in folded),
                spans=spans,
            )
        )
    outcome = Engine([item]).classify(
        ColumnInput("", request.column_name, list(request.values)), include_rejected=True
    )
    response = pb.TestClassifierResponse(labelled=bool(outcome.labels), values=results)
    chosen = outcome.labels or outcome.rejected
    if chosen:
        response.label.CopyFrom(finding_to_label(chosen[0]))
    return response
