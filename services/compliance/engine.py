"""Applying compiled policies to assets' facts: pure computation, no I/O.

Evaluations, EvaluateAsset and ValidatePolicy's preview all go through ``run_rules`` so
the three cannot disagree about what a rule finds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from google.protobuf import struct_pb2

from pursight.compliance.v1 import compliance_pb2
from services.compliance.facts import AssetFacts, AssetRecord, FactBook, facts_struct
from services.compliance.rules import (
    FAILED,
    NOT_APPLICABLE,
    PASSED,
    CompiledPolicy,
    CompiledRule,
    RuleOutcome,
)

DECIDED = (PASSED, FAILED)


@dataclass(frozen=True)
class CheckResult:
    """One rule on one asset."""

    rule: CompiledRule
    asset: AssetRecord
    ancestors: tuple[str, ...]
    outcome: int
    explained: RuleOutcome = field(repr=False)
    facts: Mapping[str, object] = field(repr=False)

    @property
    def reason(self) -> str:
        return self.explained.reason

    @property
    def evidence(self) -> dict[str, Any]:
        """The facts the rule read, as JSON."""
        return facts_struct(self.facts, self.rule.facts)

    @property
    def remediation(self) -> str:
        return self.rule.remediation(self.facts)

    def to_message(self) -> compliance_pb2.RuleResult:
        rule = self.rule.rule
        facts = struct_pb2.Struct()
        facts.update(self.evidence)
        return compliance_pb2.RuleResult(
            policy=self.rule.policy,
            rule_id=rule.id,
            rule_display_name=rule.display_name,
            framework=f"frameworks/{self.rule.framework}" if self.rule.framework else "",
            severity=rule.severity,
            outcome=self.outcome,  # type: ignore[arg-type]  # an int of the enum
            reason=self.reason,
            remediation=self.remediation if self.outcome == FAILED else "",
            facts=facts,
        )


def run_rules(
    policies: Sequence[CompiledPolicy],
    book: FactBook,
    names: Iterable[str],
    *,
    include_not_applicable: bool = False,
) -> Iterator[CheckResult]:
    """Every (rule, asset) outcome for the assets ``names``, policy scopes honoured."""
    # The rules each asset type can meet, worked out once: most rules name their types,
    # and skipping the others before reading any fact is most of the saving.
    by_type: dict[str, list[tuple[CompiledPolicy, list[CompiledRule]]]] = {}
    for name in names:
        record = book.records[name]
        candidates = by_type.get(record.type)
        if candidates is None:
            candidates = by_type[record.type] = [
                (
                    p,
                    [
                        r
                        for r in p.rules
                        if include_not_applicable or r.applies_to_type(record.type)
                    ],
                )
                for p in policies
            ]
        ancestors = book.ancestors(name)
        facts: AssetFacts | None = None
        for policy, rules in candidates:
            if not rules or not policy.covers(name, record.data_source, ancestors):
                continue
            for rule in rules:
                if facts is None:
                    facts = book.facts(name)
                result = rule.apply(record.type, facts)
                if result.outcome == NOT_APPLICABLE and not include_not_applicable:
                    continue
                yield CheckResult(rule, record, ancestors, result.outcome, result, facts)


def evaluate_all(
    policies: Sequence[CompiledPolicy], book: FactBook, names: Sequence[str]
) -> tuple[list[CheckResult], Tally]:
    """Every decided or undecided outcome and their tally; CPU-bound, so evaluations run
    it in a worker thread to keep the service answering calls meanwhile."""
    tally = Tally()
    results = []
    for result in run_rules(policies, book, names):
        tally.add(result)
        results.append(result)
    return results, tally


@dataclass
class Tally:
    """What an evaluation found, before it is recorded."""

    assets: set[str] = field(default_factory=set)
    checks: int = 0
    failed: int = 0
    undecided: int = 0

    def add(self, result: CheckResult) -> None:
        self.assets.add(result.asset.name)
        if result.outcome in DECIDED:
            self.checks += 1
            self.failed += result.outcome == FAILED
        else:
            self.undecided += 1
