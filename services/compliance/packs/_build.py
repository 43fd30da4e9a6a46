"""Small builders that keep the packs' rules readable as data."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from google.protobuf import json_format, struct_pb2

from pursight.compliance.v1 import compliance_pb2

Condition = compliance_pb2.Condition
Severity = compliance_pb2.Severity
LOW, MEDIUM, HIGH, CRITICAL = (
    Severity.SEVERITY_LOW,
    Severity.SEVERITY_MEDIUM,
    Severity.SEVERITY_HIGH,
    Severity.SEVERITY_CRITICAL,
)
# Asset types rules name: where data sits (columns, files) and what holds it.
HOLDERS = ("table", "view", "file")
FIELDS = ("column", "file")


def fact(name: str, operator: str, value: object = None) -> Condition:
    """``fact("owners", "EXISTS")``, ``fact("tags", "CONTAINS", "gdpr")``."""
    check = compliance_pb2.FactCheck(fact=name, operator=f"OPERATOR_{operator}")
    if value is not None:
        check.value.CopyFrom(json_format.Parse(json.dumps(value), struct_pb2.Value()))
    return Condition(fact=check)


def all_of(*conditions: Condition) -> Condition:
    return Condition(all_of=compliance_pb2.ConditionList(conditions=conditions))


def any_of(*conditions: Condition) -> Condition:
    return Condition(any_of=compliance_pb2.ConditionList(conditions=conditions))


def expression(text: str) -> Condition:
    return Condition(expression=text)


def rule(
    rule_id: str,
    display_name: str,
    *,
    description: str,
    severity: int,
    controls: Sequence[str],
    asset_types: Sequence[str],
    when: Condition | None,
    require: Condition,
    remediation: str,
) -> compliance_pb2.Rule:
    built = compliance_pb2.Rule(
        id=rule_id,
        display_name=display_name,
        description=description,
        severity=severity,  # type: ignore[arg-type]  # an int of the enum
        controls=list(controls),
        asset_types=list(asset_types),
        require=require,
        remediation=remediation,
        enabled=True,
    )
    if when is not None:
        built.when.CopyFrom(when)
    return built


@dataclass(frozen=True)
class Pack:
    """A framework and its built-in rules."""

    id: str
    display_name: str
    description: str
    standard_version: str
    pack_version: str
    reference_uri: str
    controls: tuple[compliance_pb2.Control, ...]
    rules: tuple[compliance_pb2.Rule, ...]

    @property
    def name(self) -> str:
        return f"frameworks/{self.id}"

    def to_message(self, summary_only: bool = False) -> compliance_pb2.Framework:
        framework = compliance_pb2.Framework(
            name=self.name,
            display_name=self.display_name,
            description=self.description,
            standard_version=self.standard_version,
            pack_version=self.pack_version,
            reference_uri=self.reference_uri,
        )
        if not summary_only:
            framework.controls.extend(self.controls)
            framework.rules.extend(self.rules)
        return framework


def control(control_id: str, title: str, description: str) -> compliance_pb2.Control:
    return compliance_pb2.Control(id=control_id, title=title, description=description)
