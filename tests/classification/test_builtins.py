"""Every built-in classifier labels its positive column and leaves its trap column alone."""

from __future__ import annotations

import string

import pytest
import re2

from services.classification.classifiers import Verdict, builtins
from services.classification.engine import ColumnInput, Engine
from tests.classification.cases import CASES

ENGINE = Engine(builtins())
_CLASSES = set("dUl x") | set(string.punctuation)


def labels(name: str, values: list[str]) -> list[str]:
    outcome = ENGINE.classify(ColumnInput("k", name, values))
    return [f.classifier.id for f in outcome.labels]


def test_at_least_forty_builtins_and_each_has_cases() -> None:
    ids = {c.id for c in builtins()}
    assert len(ids) >= 40
    assert ids == set(CASES), f"missing cases: {ids - set(CASES)}; stale: {set(CASES) - ids}"


@pytest.mark.parametrize("classifier_id", sorted(CASES))
def test_positive_column_is_labelled(classifier_id: str) -> None:
    (name, values), _ = CASES[classifier_id]
    assert classifier_id in labels(name, values)


@pytest.mark.parametrize("classifier_id", sorted(CASES))
def test_trap_column_is_not_labelled(classifier_id: str) -> None:
    _, (name, values) = CASES[classifier_id]
    assert classifier_id not in labels(name, values)


@pytest.mark.parametrize("item", builtins(), ids=lambda c: c.id)
def test_declarations_are_well_formed(item: object) -> None:
    from services.classification.classifiers import Classifier

    assert isinstance(item, Classifier)
    assert item.label.split(".", 1)[0] in {c.value for c in type(item.category)} | {"pii"}
    assert item.display_name
    assert item.description, "says what it finds and how"
    assert 0 < item.threshold <= 1
    assert 0 < item.name_threshold <= 1
    if item.charset is not None:
        assert item.charset <= _CLASSES, "charset uses signature classes, not letters"
    if item.pattern:
        re2.compile(item.pattern)  # shown to users as RE2: it must be valid RE2


def test_weak_only_classifiers_never_say_yes() -> None:
    for (name, values), _ in (CASES[c.id] for c in builtins() if c.weak_only):
        item = next(c for c in builtins() if CASES[c.id][0] == (name, values))
        assert all(item.evaluate(v) is not Verdict.YES for v in values), item.id
