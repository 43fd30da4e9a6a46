"""Policies and their rules: checked when saved, compiled once, applied to assets.

A rule applies to an asset when the asset's type is one of ``asset_types`` (or the list
is empty) and ``when`` holds (or is unset); it then passes when ``require`` holds. The
outcome says why in words, and a failure carries the rule's remediation with ``{fact}``
placeholders filled in from the asset.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pursight.compliance.v1 import compliance_pb2
from services.compliance import packs
from services.compliance.conditions import Node, Verdict, compile_condition
from services.compliance.facts import ASSET_TYPE_NAMES, render
from services.compliance.problems import Problem, did_you_mean
from services.runtime.names import ID_PATTERN

Outcome = compliance_pb2.RuleResult.Outcome
Severity = compliance_pb2.Severity
# Outcomes as plain ints for the hot path (protobuf's enum attribute look-up is slow).
PASSED = int(Outcome.OUTCOME_PASSED)
FAILED = int(Outcome.OUTCOME_FAILED)
WAIVED = int(Outcome.OUTCOME_WAIVED)
NOT_APPLICABLE = int(Outcome.OUTCOME_NOT_APPLICABLE)
UNDECIDED = int(Outcome.OUTCOME_ERROR)

MAX_RULES = 200
MAX_SCOPES = 50
MAX_CONTROLS = 20
MAX_TEXT = 4000
MAX_LABELS = 64
RULE_ID = re.compile(f"^{ID_PATTERN}$")
_LABEL_KEY = re.compile(r"^[a-z][a-z0-9_.-]{0,62}$")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_UNDECIDED = "undecided, not counted as a violation"
# Severity weights for scores: a critical failure weighs as much as eight low ones.
WEIGHTS = {
    Severity.SEVERITY_LOW: 1,
    Severity.SEVERITY_MEDIUM: 2,
    Severity.SEVERITY_HIGH: 4,
    Severity.SEVERITY_CRITICAL: 8,
}


def scope_pattern(workspace: str) -> re.Pattern[str]:
    """Resources a policy, an evaluation or a waiver may be narrowed to."""
    return re.compile(
        f"^{re.escape(workspace)}/(dataSources|assets)/{ID_PATTERN}$",
    )


def in_scope(scope: str, asset: str, data_source: str, ancestors: tuple[str, ...]) -> bool:
    """True when the asset is under ``scope`` (a data source or an asset); '' is all."""
    return not scope or scope in (asset, data_source) or scope in ancestors


class RuleOutcome:
    """A rule's outcome on an asset; the reason is worded only when someone reads it."""

    __slots__ = ("_reason", "outcome")

    def __init__(self, outcome: int, reason: str | Callable[[], str]) -> None:
        self.outcome = outcome
        self._reason = reason

    @property
    def reason(self) -> str:
        if not isinstance(self._reason, str):
            self._reason = self._reason()
        return self._reason


@dataclass(frozen=True)
class CompiledRule:
    """A rule of a policy, ready to apply."""

    policy: str  # workspaces/{ws}/policies/{p}
    policy_id: str
    framework: str  # framework id, '' for custom
    rule: compliance_pb2.Rule
    when: Node | None
    require: Node
    # Copied out of the message once: reading a repeated field per asset is slow.
    asset_types: frozenset[str] = frozenset()

    @property
    def facts(self) -> frozenset[str]:
        used = self.require.facts | (self.when.facts if self.when is not None else frozenset())
        return used | {"qualified_name", "asset_type"}

    def applies_to_type(self, asset_type: str) -> bool:
        return not self.asset_types or asset_type in self.asset_types

    def apply(self, asset_type: str, facts: Mapping[str, object]) -> RuleOutcome:
        if not self.applies_to_type(asset_type):
            types = ", ".join(self.rule.asset_types)
            return RuleOutcome(NOT_APPLICABLE, f"applies to {types} only")
        when: Verdict | None = self.when.evaluate(facts) if self.when is not None else None
        if when is not None and when.value is False:
            return RuleOutcome(NOT_APPLICABLE, lambda: f"does not apply: {when.why}")
        if when is not None and when.value is None:
            return RuleOutcome(UNDECIDED, lambda: f"{_UNDECIDED}: {when.why}")
        require = self.require.evaluate(facts)
        if require.value is None:
            return RuleOutcome(UNDECIDED, lambda: f"{_UNDECIDED}: {require.why}")

        def reason() -> str:
            applies = f"; applies because {when.why}" if when is not None and when.why else ""
            return require.why + applies

        return RuleOutcome(PASSED if require.value else FAILED, reason)

    def remediation(self, facts: Mapping[str, object]) -> str:
        def fill(match: re.Match[str]) -> str:
            name = match.group(1)
            return render(facts[name]) if name in facts else match.group(0)

        return _PLACEHOLDER.sub(fill, self.rule.remediation)


@dataclass(frozen=True)
class CompiledPolicy:
    name: str
    framework: str  # id
    scopes: tuple[str, ...]
    rules: tuple[CompiledRule, ...]

    def covers(self, asset: str, data_source: str, ancestors: tuple[str, ...]) -> bool:
        if not self.scopes:
            return True
        return any(in_scope(s, asset, data_source, ancestors) for s in self.scopes)


def framework_id(name: str) -> str:
    """``frameworks/gdpr`` -> ``gdpr``; '' stays ''."""
    return name.removeprefix("frameworks/") if name else ""


def rule_enabled(rule: compliance_pb2.Rule) -> bool:
    return rule.enabled if rule.HasField("enabled") else True


def _policy_problems(policy: compliance_pb2.Policy, workspace: str) -> list[Problem]:
    problems: list[Problem] = []
    if not 1 <= len(policy.display_name.strip()) <= 200:
        problems.append(Problem("display_name", "must be 1-200 characters"))
    if len(policy.description) > MAX_TEXT:
        problems.append(Problem("description", f"must be at most {MAX_TEXT} characters"))
    if policy.framework and packs.get(framework_id(policy.framework)) is None:
        problems.append(
            Problem(
                "framework",
                f"unknown framework {policy.framework!r}; known: "
                + ", ".join(f"frameworks/{p}" for p in packs.ids()),
            )
        )
    if not policy.rules:
        problems.append(Problem("rules", "needs at least one rule"))
    elif len(policy.rules) > MAX_RULES:
        problems.append(Problem("rules", f"may hold at most {MAX_RULES} rules"))
    if len(policy.scopes) > MAX_SCOPES:
        problems.append(Problem("scopes", f"may list at most {MAX_SCOPES} resources"))
    pattern = scope_pattern(workspace)
    for i, scope in enumerate(policy.scopes):
        if not pattern.match(scope):
            problems.append(
                Problem(
                    f"scopes[{i}]",
                    f"must be a data source or an asset of {workspace}:"
                    f" {workspace}/dataSources/{{id}} or {workspace}/assets/{{id}}",
                )
            )
    if len(policy.labels) > MAX_LABELS:
        problems.append(Problem("labels", f"at most {MAX_LABELS} labels"))
    for key, value in policy.labels.items():
        if not _LABEL_KEY.match(key) or len(value) > 256:
            problems.append(
                Problem(
                    f"labels[{key!r}]",
                    "keys are lower-case identifiers, values at most 256 characters",
                )
            )
    return problems


def _rule_fields(rule: compliance_pb2.Rule, path: str, controls: set[str] | None) -> list[Problem]:
    problems: list[Problem] = []
    rid = rule.id

    def add(field: str, message: str) -> None:
        problems.append(Problem(f"{path}.{field}", message, rule_id=rid))

    if not RULE_ID.match(rule.id):
        add("id", "must be 1-63 lower-case letters, digits or '-', starting and ending with one")
    if not 1 <= len(rule.display_name.strip()) <= 200:
        add("display_name", "must be 1-200 characters")
    if rule.severity not in WEIGHTS:
        add("severity", "must be SEVERITY_LOW, SEVERITY_MEDIUM, SEVERITY_HIGH or SEVERITY_CRITICAL")
    for field, text in (("description", rule.description), ("remediation", rule.remediation)):
        if len(text) > MAX_TEXT:
            add(field, f"must be at most {MAX_TEXT} characters")
    if len(rule.controls) > MAX_CONTROLS:
        add("controls", f"may list at most {MAX_CONTROLS} controls")
    for i, control in enumerate(rule.controls):
        if controls is not None and control not in controls:
            add(
                f"controls[{i}]",
                f"unknown control {control!r} of the policy's framework"
                + did_you_mean(control, controls),
            )
        elif controls is None and not 1 <= len(control) <= 64:
            add(f"controls[{i}]", "must be 1-64 characters")
    for i, asset_type in enumerate(rule.asset_types):
        if asset_type not in ASSET_TYPE_NAMES:
            add(
                f"asset_types[{i}]",
                f"unknown asset type {asset_type!r}"
                + did_you_mean(asset_type, ASSET_TYPE_NAMES)
                + f"; known: {', '.join(sorted(ASSET_TYPE_NAMES))}",
            )
    if not rule.HasField("require"):
        add("require", "is required: the condition every asset the rule applies to must meet")
    return problems


def compile_policy(
    policy: compliance_pb2.Policy, workspace: str
) -> tuple[list[Problem], CompiledPolicy | None]:
    """Checks ``policy`` (fields named from the policy, e.g. ``rules[0].require``); the
    compiled policy when it has no problems. Disabled rules are checked but left out."""
    problems = _policy_problems(policy, workspace)
    pack = packs.get(framework_id(policy.framework)) if policy.framework else None
    controls = {c.id for c in pack.controls} if pack is not None else None
    compiled: list[CompiledRule] = []
    seen: set[str] = set()
    for i, rule in enumerate(policy.rules):
        path = f"rules[{i}]"
        problems.extend(_rule_fields(rule, path, controls))
        if rule.id in seen:
            problems.append(Problem(f"{path}.id", f"{rule.id!r} is used twice", rule_id=rule.id))
        seen.add(rule.id)
        when = (
            compile_condition(rule.when, f"{path}.when", problems, rule.id)
            if rule.HasField("when")
            else None
        )
        require = (
            compile_condition(rule.require, f"{path}.require", problems, rule.id)
            if rule.HasField("require")
            else None
        )
        if require is not None and rule_enabled(rule):
            compiled.append(
                CompiledRule(
                    policy=policy.name,
                    policy_id=policy.name.rsplit("/", 1)[-1],
                    framework=framework_id(policy.framework),
                    rule=rule,
                    when=when,
                    require=require,
                    asset_types=frozenset(rule.asset_types),
                )
            )
    if problems:
        return problems, None
    return [], CompiledPolicy(
        name=policy.name,
        framework=framework_id(policy.framework),
        scopes=tuple(policy.scopes),
        rules=tuple(compiled),
    )
