"""Structured conditions (``all_of``, ``any_of``, ``none_of``, fact checks, expressions):
checked when a policy is saved, then evaluated against an asset's facts.

Evaluation is three-valued (true, false, undecided when a pending fact is involved) and
every node says *why* it came out as it did, in words a data owner can act on:
``protected is false (must equal true)``, ``owners is empty (must be set)``. Those
reasons become violations' ``reason``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol

from google.protobuf import json_format

from pursight.compliance.v1 import compliance_pb2
from services.compliance.expressions import Expression, compile_expression
from services.compliance.facts import (
    FACTS,
    OPERATORS,
    UNKNOWN,
    FactType,
    Op,
    compile_regex,
    label_matches,
    parse_duration,
    parse_time,
    render,
)
from services.compliance.problems import Problem, did_you_mean

# Operators as plain ints: protobuf's enum attribute look-up is slow in the hot path.
_ALL_IN = int(Op.OPERATOR_ALL_IN)
_CONTAINS = int(Op.OPERATOR_CONTAINS)
_CONTAINS_ALL = int(Op.OPERATOR_CONTAINS_ALL)
_CONTAINS_ANY = int(Op.OPERATOR_CONTAINS_ANY)
_CONTAINS_NONE = int(Op.OPERATOR_CONTAINS_NONE)
_EQUALS = int(Op.OPERATOR_EQUALS)
_EXISTS = int(Op.OPERATOR_EXISTS)
_GREATER_OR_EQUAL = int(Op.OPERATOR_GREATER_OR_EQUAL)
_GREATER_THAN = int(Op.OPERATOR_GREATER_THAN)
_IN = int(Op.OPERATOR_IN)
_LESS_OR_EQUAL = int(Op.OPERATOR_LESS_OR_EQUAL)
_LESS_THAN = int(Op.OPERATOR_LESS_THAN)
_MATCHES = int(Op.OPERATOR_MATCHES)
_NOT_EQUALS = int(Op.OPERATOR_NOT_EQUALS)
_NOT_EXISTS = int(Op.OPERATOR_NOT_EXISTS)
_NOT_IN = int(Op.OPERATOR_NOT_IN)
_UNSPECIFIED = int(Op.OPERATOR_UNSPECIFIED)

MAX_DEPTH = 12
MAX_NODES = 200
MAX_LIST_VALUES = 500

_NAMES = {v: k.removeprefix("OPERATOR_") for k, v in Op.items()}
_PHRASES: dict[int, str] = {
    _EXISTS: "be set",
    _NOT_EXISTS: "be unset",
    _EQUALS: "equal",
    _NOT_EQUALS: "differ from",
    _IN: "be one of",
    _NOT_IN: "be none of",
    _CONTAINS: "hold",
    _CONTAINS_ANY: "hold one of",
    _CONTAINS_ALL: "hold all of",
    _CONTAINS_NONE: "hold none of",
    _ALL_IN: "hold only values from",
    _LESS_THAN: "be less than",
    _LESS_OR_EQUAL: "be at most",
    _GREATER_THAN: "be more than",
    _GREATER_OR_EQUAL: "be at least",
    _MATCHES: "match",
}
_LIST_CHECKS = {_CONTAINS, _CONTAINS_ANY, _CONTAINS_ALL, _CONTAINS_NONE, _ALL_IN}
_LIST_VALUE_OPS = {
    _IN,
    _NOT_IN,
    _CONTAINS_ANY,
    _CONTAINS_ALL,
    _CONTAINS_NONE,
    _ALL_IN,
}


class Verdict:
    """True, False or None (undecided), and why. The words are put together only when
    asked for: most verdicts of an evaluation (rules that do not apply, checks that
    pass) are never shown, and rendering them costs more than deciding them."""

    __slots__ = ("_why", "value")

    def __init__(self, value: bool | None, why: str | Callable[[], str]) -> None:
        self.value = value
        self._why = why

    @property
    def why(self) -> str:
        if not isinstance(self._why, str):
            self._why = self._why()
        return self._why


class Node(Protocol):
    @property
    def facts(self) -> frozenset[str]:
        """The facts the condition reads."""
        ...

    def evaluate(self, facts: Mapping[str, object]) -> Verdict: ...


# -- nodes ----------------------------------------------------------------------------


def _join(verdicts: Sequence[Verdict], prefix: str = "", sep: str = "; ") -> Callable[[], str]:
    return lambda: prefix + sep.join(w for w in (v.why for v in verdicts) if w)


@dataclass(frozen=True)
class AllOf:
    children: tuple[Node, ...]
    facts: frozenset[str]

    def evaluate(self, facts: Mapping[str, object]) -> Verdict:
        results = [c.evaluate(facts) for c in self.children]
        failed = [r for r in results if r.value is False]
        if failed:
            return Verdict(False, _join(failed))
        undecided = [r for r in results if r.value is None]
        if undecided:
            return Verdict(None, _join(undecided))
        return Verdict(True, _join(results))


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Node, ...]
    facts: frozenset[str]

    def evaluate(self, facts: Mapping[str, object]) -> Verdict:
        results = [c.evaluate(facts) for c in self.children]
        passed = [r for r in results if r.value is True]
        if passed:
            return passed[0]
        undecided = [r for r in results if r.value is None]
        if undecided:
            return Verdict(None, _join(undecided))
        return Verdict(False, _join(results, "none of these holds: ", " / "))


@dataclass(frozen=True)
class NoneOf:
    children: tuple[Node, ...]
    facts: frozenset[str]

    def evaluate(self, facts: Mapping[str, object]) -> Verdict:
        results = [c.evaluate(facts) for c in self.children]
        passed = [r for r in results if r.value is True]
        if passed:
            return Verdict(False, _join(passed, "must not hold: "))
        undecided = [r for r in results if r.value is None]
        if undecided:
            return Verdict(None, _join(undecided))
        return Verdict(True, _join(results))


@dataclass(frozen=True)
class ExpressionNode:
    expression: Expression
    facts: frozenset[str]

    def evaluate(self, facts: Mapping[str, object]) -> Verdict:
        value = self.expression.evaluate(facts)
        return Verdict(value, lambda: self.expression.explain(facts, value))


@dataclass(frozen=True)
class Check:
    """One fact against one operator and value (already converted and checked)."""

    fact: str
    op: int
    expected: Any
    facts: frozenset[str]

    def evaluate(self, facts: Mapping[str, object]) -> Verdict:
        actual = facts.get(self.fact)
        if actual is UNKNOWN:
            return Verdict(None, f"{self.fact} is pending")
        passed = self._test(actual)
        if passed:
            return Verdict(True, lambda: f"{self.fact} {self._shown(actual)}")
        return Verdict(
            False, lambda: f"{self.fact} {self._shown(actual)} (must {self.requirement})"
        )

    @cached_property
    def requirement(self) -> str:
        phrase = _PHRASES[self.op]
        if self.op in (_EXISTS, _NOT_EXISTS):
            return phrase
        return f"{phrase} {render(self.expected)}"

    def _test(self, actual: Any) -> bool:
        """Whether the check passes."""
        op, expected = self.op, self.expected
        if op == _EXISTS:
            return actual not in (None, "", [], ())
        if op == _NOT_EXISTS:
            return actual in (None, "", [], ())
        if op == _EQUALS:
            return bool(actual == expected)
        if op == _NOT_EQUALS:
            return bool(actual != expected)
        if op in (_IN, _NOT_IN):
            inside = actual is not None and any(_same(e, actual) for e in expected)
            return inside == (op == _IN)
        if op == _MATCHES:
            return actual is not None and expected.fullmatch(actual) is not None
        if op in _ORDERINGS:
            return actual is not None and _ORDERINGS[op](actual, expected)
        values = actual or ()
        if op == _CONTAINS:
            return any(label_matches(expected, v) for v in values)
        if op == _CONTAINS_ANY:
            return any(label_matches(p, v) for v in values for p in expected)
        if op == _CONTAINS_ALL:
            return all(any(label_matches(p, v) for v in values) for p in expected)
        if op == _CONTAINS_NONE:
            return not any(label_matches(p, v) for v in values for p in expected)
        return all(any(label_matches(p, v) for p in expected) for v in values)  # ALL_IN

    def _shown(self, actual: Any) -> str:
        """The words that show the fact's value: the matching values for list checks."""
        if self.op not in _LIST_CHECKS or not actual:
            return f"is {render(actual)}"
        patterns = [self.expected] if self.op == _CONTAINS else list(self.expected)
        matched = [v for v in actual if any(label_matches(p, v) for p in patterns)]
        if self.op == _ALL_IN:
            stray = [v for v in actual if v not in matched]
            return "holds " + ", ".join(stray) if stray else f"is {render(actual)}"
        return "holds " + ", ".join(matched) if matched else f"is {render(actual)}"


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, str) and isinstance(actual, str):
        return label_matches(expected, actual)
    return bool(expected == actual)


_ORDERINGS: dict[int, Callable[[Any, Any], bool]] = {
    _LESS_THAN: lambda a, b: a < b,
    _LESS_OR_EQUAL: lambda a, b: a <= b,
    _GREATER_THAN: lambda a, b: a > b,
    _GREATER_OR_EQUAL: lambda a, b: a >= b,
}


# -- compiling and checking ------------------------------------------------------------


class _Compiler:
    def __init__(self, problems: list[Problem], rule_id: str) -> None:
        self._problems = problems
        self._rule_id = rule_id
        self._nodes = 0

    def problem(self, field: str, message: str) -> None:
        self._problems.append(Problem(field, message, rule_id=self._rule_id))

    def compile(
        self, condition: compliance_pb2.Condition, path: str, depth: int = 0
    ) -> Node | None:
        self._nodes += 1
        if self._nodes > MAX_NODES:
            if self._nodes == MAX_NODES + 1:
                self.problem(path, f"a rule's conditions may hold at most {MAX_NODES} parts")
            return None
        kind = condition.WhichOneof("kind")
        if kind is None:
            self.problem(path, "is empty: set all_of, any_of, none_of, fact or expression")
            return None
        if kind == "fact":
            return self._check(condition.fact, f"{path}.fact")
        if kind == "expression":
            before = len(self._problems)
            compiled = compile_expression(
                condition.expression, f"{path}.expression", self._problems
            )
            for i in range(before, len(self._problems)):
                p = self._problems[i]
                self._problems[i] = Problem(p.field, p.message, self._rule_id, p.line, p.column)
            return ExpressionNode(compiled, compiled.facts) if compiled is not None else None
        if depth >= MAX_DEPTH:
            self.problem(path, f"conditions nest at most {MAX_DEPTH} levels deep")
            return None
        items = getattr(condition, kind).conditions
        if not items:
            self.problem(f"{path}.{kind}.conditions", "needs at least one condition")
            return None
        children = [
            self.compile(c, f"{path}.{kind}.conditions[{i}]", depth + 1)
            for i, c in enumerate(items)
        ]
        if any(c is None for c in children):
            return None
        done = tuple(c for c in children if c is not None)
        used: frozenset[str] = frozenset().union(*(c.facts for c in done))
        if kind == "all_of":
            return AllOf(done, used)
        if kind == "any_of":
            return AnyOf(done, used)
        return NoneOf(done, used)

    def _check(self, check: compliance_pb2.FactCheck, path: str) -> Node | None:
        definition = FACTS.get(check.fact)
        if not check.fact:
            self.problem(f"{path}.fact", "is required")
            return None
        if definition is None:
            self.problem(
                f"{path}.fact", f'unknown fact "{check.fact}"' + did_you_mean(check.fact, FACTS)
            )
            return None
        op = check.operator
        allowed = OPERATORS[definition.type]
        if op == _UNSPECIFIED:
            self.problem(f"{path}.operator", "is required")
            return None
        if op not in allowed:
            kind = FactType.Name(definition.type).removeprefix("TYPE_").lower()
            names = ", ".join(_NAMES[o] for o in allowed)
            self.problem(
                f"{path}.operator",
                f"{_NAMES.get(op, str(op))} does not fit {check.fact} ({kind}); use one of {names}",
            )
            return None
        raw = json_format.MessageToDict(check.value) if check.HasField("value") else None
        expected = self._value(definition.type, op, raw, f"{path}.value")
        if expected is _BAD:
            return None
        return Check(check.fact, op, expected, frozenset({check.fact}))

    def _value(self, fact_type: int, op: int, raw: Any, path: str) -> Any:
        if op in (_EXISTS, _NOT_EXISTS):
            if raw is not None:
                self.problem(path, f"must be unset for {_NAMES[op]}")
                return _BAD
            return None
        if raw is None:
            self.problem(path, f"is required for {_NAMES[op]}")
            return _BAD
        if op in _LIST_VALUE_OPS:
            element = FactType.TYPE_STRING if fact_type == FactType.TYPE_STRING_LIST else fact_type
            if not isinstance(raw, list) or not raw:
                self.problem(path, f"must be a non-empty list for {_NAMES[op]}")
                return _BAD
            if len(raw) > MAX_LIST_VALUES:
                self.problem(path, f"may list at most {MAX_LIST_VALUES} values")
                return _BAD
            items = [self._scalar(element, item, f"{path}[{i}]") for i, item in enumerate(raw)]
            return _BAD if any(i is _BAD for i in items) else tuple(items)
        if op == _CONTAINS:
            return self._scalar(FactType.TYPE_STRING, raw, path)
        if op == _MATCHES:
            if not isinstance(raw, str):
                self.problem(path, "must be a regular expression (a string)")
                return _BAD
            try:
                return compile_regex(raw)
            except ValueError as exc:
                self.problem(path, f"is not a valid RE2 regular expression: {exc}")
                return _BAD
        return self._scalar(fact_type, raw, path)

    def _scalar(self, fact_type: int, raw: Any, path: str) -> Any:
        if fact_type == FactType.TYPE_STRING:
            if isinstance(raw, str):
                return raw
            self.problem(path, "must be a string")
        elif fact_type == FactType.TYPE_NUMBER:
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                return float(raw)
            self.problem(path, "must be a number")
        elif fact_type == FactType.TYPE_BOOL:
            if isinstance(raw, bool):
                return raw
            self.problem(path, "must be true or false")
        elif fact_type == FactType.TYPE_TIMESTAMP:
            parsed = parse_time(raw) if isinstance(raw, str) else None
            if parsed is not None:
                return parsed
            self.problem(path, "must be an RFC 3339 timestamp, for example 2025-01-31T00:00:00Z")
        elif fact_type == FactType.TYPE_DURATION:
            duration = parse_duration(raw) if isinstance(raw, str) else None
            if duration is not None:
                return duration
            self.problem(path, "must be a duration such as 90d, 12h, 30m or 45s")
        return _BAD


_BAD = object()


def compile_condition(
    condition: compliance_pb2.Condition, path: str, problems: list[Problem], rule_id: str = ""
) -> Node | None:
    """The condition ready to evaluate, or None after adding its problems."""
    return _Compiler(problems, rule_id).compile(condition, path)
