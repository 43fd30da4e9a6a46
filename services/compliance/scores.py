"""Compliance scores: the share of applicable (rule, asset) checks that pass.

Computed from ``compliance.checks`` (the latest decided outcome of every check, whichever
evaluation produced it) and the live violations (a failing check covered by an approved
waiver counts as passed). Each check weighs by its rule's severity (LOW 1, MEDIUM 2,
HIGH 4, CRITICAL 8), so one unencrypted card-number column costs more than a missing
description. Checks a pending fact left undecided are counted apart and left out. A
framework's score covers the policies that count towards it; ``overall`` covers every
enabled policy, custom ones included.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import asyncpg

from pursight.compliance.v1 import compliance_pb2
from services.compliance.rules import WEIGHTS, Outcome, Severity
from services.runtime.database import Queryable

OVERALL = "overall"
_VIOLATION_WAIVED = 2


def scope_sql(table: str, param: str) -> str:
    """SQL true for rows of ``table`` under the scope in ``param`` ('' is everything)."""
    return (
        f"({param} = '' OR {table}.data_source = {param} OR {table}.asset = {param}"
        f" OR {param} = ANY({table}.ancestors))"
    )


@dataclass
class _Bucket:
    weight_total: int = 0
    weight_passed: int = 0
    checks: int = 0
    passed: int = 0
    undecided: int = 0
    failing_rules: set[tuple[str, str]] = field(default_factory=set)
    # Rules with an undecided check: not known to pass everywhere, so not passing.
    undecided_rules: set[tuple[str, str]] = field(default_factory=set)
    controls: dict[str, list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0])
    )

    def add(self, row: asyncpg.Record) -> None:
        weight = WEIGHTS.get(row["severity"], 1)
        total, passed = int(row["total"]), int(row["passed"])
        self.weight_total += weight * total
        self.weight_passed += weight * passed
        self.checks += total
        self.passed += passed
        self.undecided += int(row["undecided"])
        if passed < total:
            self.failing_rules.add((row["policy_id"], row["rule_id"]))
        if row["undecided"]:
            self.undecided_rules.add((row["policy_id"], row["rule_id"]))
        for control in row["controls"]:
            entry = self.controls[control]
            entry[0] += weight * total
            entry[1] += weight * passed
            entry[2] += total
            entry[3] += total - passed


def _percent(passed: int, total: int) -> float:
    return round(100.0 * passed / total, 2) if total else 100.0


async def compute(
    conn: Queryable, workspace_id: str, scope: str = "", evaluation: str = ""
) -> list[compliance_pb2.ComplianceScore]:
    """The current scores of every framework with enabled policies, and ``overall``."""
    workspace = f"workspaces/{workspace_id}"
    checks = await conn.fetch(
        "SELECT c.framework, c.policy_id, c.rule_id, c.severity, c.controls,"  # noqa: S608 - the scope clause is a fixed fragment; values are bound
        " count(*) FILTER (WHERE c.outcome = ANY($3::smallint[])) AS total,"
        " count(*) FILTER (WHERE c.outcome = $4 OR (c.outcome = $5 AND v.status = $6))"
        " AS passed,"
        " count(*) FILTER (WHERE c.outcome = $7) AS undecided"
        " FROM compliance.checks c LEFT JOIN compliance.violations v"
        " ON v.workspace = c.workspace AND v.policy_id = c.policy_id"
        " AND v.rule_id = c.rule_id AND v.asset = c.asset AND v.status <> 3"
        f" WHERE c.workspace = $1 AND {scope_sql('c', '$2')}"
        " GROUP BY 1, 2, 3, 4, 5",
        workspace_id,
        scope,
        [Outcome.OUTCOME_PASSED, Outcome.OUTCOME_FAILED],
        Outcome.OUTCOME_PASSED,
        Outcome.OUTCOME_FAILED,
        _VIOLATION_WAIVED,
        Outcome.OUTCOME_ERROR,
    )
    assets = await conn.fetch(
        "SELECT GROUPING(framework) AS everything, framework, count(DISTINCT asset) AS n"  # noqa: S608 - the scope clause is a fixed fragment; values are bound
        " FROM compliance.checks c"
        f" WHERE c.workspace = $1 AND {scope_sql('c', '$2')} AND c.outcome = ANY($3::smallint[])"
        " GROUP BY GROUPING SETS ((framework), ())",
        workspace_id,
        scope,
        [Outcome.OUTCOME_PASSED, Outcome.OUTCOME_FAILED],
    )
    violations = await conn.fetch(
        "SELECT framework, severity, status, count(*) AS n FROM compliance.violations v"  # noqa: S608 - the scope clause is a fixed fragment; values are bound
        f" WHERE v.workspace = $1 AND v.status IN (1, 2) AND {scope_sql('v', '$2')}"
        " GROUP BY 1, 2, 3",
        workspace_id,
        scope,
    )
    rules = await conn.fetch(
        "SELECT p.framework, count(*) AS n FROM compliance.policies p,"
        " jsonb_array_elements(p.rules) r WHERE p.workspace = $1 AND p.enabled"
        " AND coalesce((r->>'enabled')::boolean, true) GROUP BY p.framework",
        workspace_id,
    )
    rule_counts = {r["framework"]: int(r["n"]) for r in rules}
    frameworks = sorted(
        {f for f in rule_counts if f} | {r["framework"] for r in checks if r["framework"]}
    )
    buckets: dict[str, _Bucket] = {f: _Bucket() for f in [*frameworks, OVERALL]}
    for row in checks:
        buckets[OVERALL].add(row)
        if row["framework"]:
            buckets[row["framework"]].add(row)
    asset_counts = {(OVERALL if r["everything"] else r["framework"]): int(r["n"]) for r in assets}
    open_by: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    waived_by: dict[str, int] = defaultdict(int)
    for row in violations:
        for key in (OVERALL, row["framework"]):
            if not key:
                continue
            if row["status"] == _VIOLATION_WAIVED:
                waived_by[key] += int(row["n"])
            else:
                open_by[key][int(row["severity"])] += int(row["n"])
    out: list[compliance_pb2.ComplianceScore] = []
    for key, bucket in buckets.items():
        total_rules = sum(rule_counts.values()) if key == OVERALL else rule_counts.get(key, 0)
        counts = open_by[key]
        score = compliance_pb2.ComplianceScore(
            name=f"{workspace}/complianceScores/{key}",
            framework="" if key == OVERALL else f"frameworks/{key}",
            scope=scope or workspace,
            score=_percent(bucket.weight_passed, bucket.weight_total),
            rules_total=total_rules,
            rules_passing=max(total_rules - len(bucket.failing_rules | bucket.undecided_rules), 0),
            assets_evaluated=asset_counts.get(key, 0),
            checks_total=bucket.checks,
            checks_passed=bucket.passed,
            checks_undecided=bucket.undecided,
            critical_violations=counts[Severity.SEVERITY_CRITICAL],
            high_violations=counts[Severity.SEVERITY_HIGH],
            medium_violations=counts[Severity.SEVERITY_MEDIUM],
            low_violations=counts[Severity.SEVERITY_LOW],
            waived_violations=waived_by[key],
            evaluation=evaluation,
        )
        for control in sorted(bucket.controls):
            weighted_total, weighted_passed, total, failed = bucket.controls[control]
            score.controls.append(
                compliance_pb2.ControlScore(
                    control=control,
                    score=_percent(weighted_passed, weighted_total),
                    checks_total=total,
                    checks_failed=failed,
                )
            )
        score.compute_time.GetCurrentTime()
        out.append(score)
    return out
