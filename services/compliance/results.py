"""Recording what an evaluation found: checks, violations opened, refreshed and resolved.

Everything is written in one transaction, so a failed or cancelled evaluation changes
nothing, and under a per-workspace advisory lock, so two evaluations of one workspace
never interleave their writes. The results go to a temporary table through COPY and the
set operations (which violations are new, which are gone) run in SQL, so a workspace of
a hundred thousand assets is a handful of statements, not a statement per check.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from services.compliance.engine import CheckResult
from services.compliance.rules import Outcome
from services.compliance.scores import scope_sql
from services.compliance.waivers import apply_waivers
from services.runtime.database import Connection

RESOLVED = 3
_COLUMNS = (
    "policy_id",
    "rule_id",
    "asset",
    "asset_qualified_name",
    "asset_type",
    "data_source",
    "ancestors",
    "framework",
    "controls",
    "severity",
    "outcome",
    "rule_display_name",
    "reason",
    "remediation",
    "facts",
)


@dataclass(frozen=True)
class Recorded:
    opened: int
    resolved: int
    open: int
    waived: int


async def lock_workspace(conn: Connection, workspace_id: str) -> None:
    """Serialises compliance writes of one workspace until the transaction ends."""
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended('compliance:' || $1, 0))", workspace_id
    )


def _row(result: CheckResult) -> tuple[object, ...]:
    rule = result.rule.rule
    failed = result.outcome == Outcome.OUTCOME_FAILED
    return (
        result.rule.policy_id,
        rule.id,
        result.asset.name,
        result.asset.qualified_name,
        result.asset.type,
        result.asset.data_source,
        list(result.ancestors),
        result.rule.framework,
        list(rule.controls),
        rule.severity,
        result.outcome,
        rule.display_name,
        result.reason if failed else "",
        result.remediation if failed else "",
        json.dumps(result.evidence if failed else {}, separators=(",", ":")),
    )


async def record(
    conn: Connection,
    *,
    workspace_id: str,
    evaluation_id: str,
    scope: str,
    policy_ids: Sequence[str],
    assets: Sequence[str],
    results: Sequence[CheckResult],
) -> Recorded:
    """Replaces the checks of ``policy_ids`` in ``scope`` with ``results`` and brings the
    violations in line; ``assets`` are the names evaluated. Call inside a transaction."""
    await lock_workspace(conn, workspace_id)
    await conn.execute(
        "CREATE TEMP TABLE _results (policy_id text, rule_id text, asset text,"
        " asset_qualified_name text, asset_type text, data_source text, ancestors text[],"
        " framework text, controls text[], severity smallint, outcome smallint,"
        " rule_display_name text, reason text, remediation text, facts text) ON COMMIT DROP;"
        " CREATE TEMP TABLE _assets (asset text PRIMARY KEY) ON COMMIT DROP"
    )
    await conn.copy_records_to_table(
        "_results", records=[_row(r) for r in results], columns=_COLUMNS
    )
    await conn.copy_records_to_table("_assets", records=[(a,) for a in assets], columns=("asset",))
    await conn.execute("CREATE INDEX ON _results (policy_id, rule_id, asset); ANALYZE _results")
    await conn.execute(
        "DELETE FROM compliance.checks c WHERE c.workspace = $1 AND c.policy_id = ANY($2::text[])"  # noqa: S608 - the scope clause is a fixed fragment; values are bound
        f" AND {scope_sql('c', '$3')}",
        workspace_id,
        list(policy_ids),
        scope,
    )
    await conn.execute(
        "INSERT INTO compliance.checks (workspace, policy_id, rule_id, asset, data_source,"
        " ancestors, framework, controls, severity, outcome, evaluation_id)"
        " SELECT $1, policy_id, rule_id, asset, data_source, ancestors, framework, controls,"
        " severity, outcome, $2 FROM _results"
        " ON CONFLICT (workspace, policy_id, rule_id, asset) DO UPDATE SET"
        " data_source = EXCLUDED.data_source, ancestors = EXCLUDED.ancestors,"
        " framework = EXCLUDED.framework, controls = EXCLUDED.controls,"
        " severity = EXCLUDED.severity, outcome = EXCLUDED.outcome,"
        " evaluation_id = EXCLUDED.evaluation_id, check_time = now()",
        workspace_id,
        evaluation_id,
    )
    inserted = await conn.fetch(
        "INSERT INTO compliance.violations AS v (workspace, id, policy_id, rule_id,"
        " rule_display_name, framework, controls, severity, asset, asset_qualified_name,"
        " asset_type, data_source, ancestors, reason, remediation, facts, status,"
        " last_evaluation)"
        " SELECT $1, substr(replace(gen_random_uuid()::text, '-', ''), 1, 16), policy_id,"
        " rule_id, rule_display_name, framework, controls, severity, asset,"
        " asset_qualified_name, asset_type, data_source, ancestors, reason, remediation,"
        " facts::jsonb, 1, $2 FROM _results WHERE outcome = $3"
        " ON CONFLICT (workspace, policy_id, rule_id, asset) WHERE status <> 3 DO UPDATE SET"
        " rule_display_name = EXCLUDED.rule_display_name, framework = EXCLUDED.framework,"
        " controls = EXCLUDED.controls, severity = EXCLUDED.severity,"
        " asset_qualified_name = EXCLUDED.asset_qualified_name,"
        " asset_type = EXCLUDED.asset_type, data_source = EXCLUDED.data_source,"
        " ancestors = EXCLUDED.ancestors, reason = EXCLUDED.reason,"
        " remediation = EXCLUDED.remediation, facts = EXCLUDED.facts,"
        " last_seen_time = now(), last_evaluation = EXCLUDED.last_evaluation"
        " RETURNING (xmax = 0) AS inserted",
        workspace_id,
        evaluation_id,
        Outcome.OUTCOME_FAILED,
    )
    resolved = await conn.fetch(
        "UPDATE compliance.violations v SET status = 3, waiver = '', resolve_time = now(),"  # noqa: S608 - the scope clause is a fixed fragment; values are bound
        " last_evaluation = $4, resolution = CASE"
        "  WHEN EXISTS (SELECT 1 FROM _results r WHERE r.policy_id = v.policy_id"
        "   AND r.rule_id = v.rule_id AND r.asset = v.asset AND r.outcome = $5)"
        "  THEN 'the rule passes now'"
        "  WHEN EXISTS (SELECT 1 FROM _assets a WHERE a.asset = v.asset)"
        "  THEN 'the rule no longer applies to the asset'"
        "  ELSE 'the asset is no longer in the catalog' END"
        " WHERE v.workspace = $1 AND v.status <> 3 AND v.policy_id = ANY($2::text[])"
        f" AND {scope_sql('v', '$3')}"
        " AND NOT EXISTS (SELECT 1 FROM _results r WHERE r.policy_id = v.policy_id"
        "  AND r.rule_id = v.rule_id AND r.asset = v.asset AND r.outcome = ANY($6::smallint[]))"
        " RETURNING v.id",
        workspace_id,
        list(policy_ids),
        scope,
        evaluation_id,
        Outcome.OUTCOME_PASSED,
        [Outcome.OUTCOME_FAILED, Outcome.OUTCOME_ERROR],
    )
    await apply_waivers(conn, workspace_id)
    counts = await conn.fetchrow(
        "SELECT count(*) FILTER (WHERE status = 1) AS open,"  # noqa: S608 - the scope clause is a fixed fragment; values are bound
        " count(*) FILTER (WHERE status = 2) AS waived FROM compliance.violations v"
        " WHERE v.workspace = $1 AND v.status IN (1, 2) AND v.policy_id = ANY($2::text[])"
        f" AND {scope_sql('v', '$3')}",
        workspace_id,
        list(policy_ids),
        scope,
    )
    return Recorded(
        opened=sum(1 for r in inserted if r["inserted"]),
        resolved=len(resolved),
        open=int(counts["open"]) if counts else 0,
        waived=int(counts["waived"]) if counts else 0,
    )


async def retire(
    conn: Connection,
    workspace_id: str,
    policy_id: str,
    resolution: str,
    rule_ids: Sequence[str] | None = None,
) -> None:
    """A policy (or some of its rules) stops counting: its checks go, its live
    violations are resolved with ``resolution``."""
    await lock_workspace(conn, workspace_id)
    await conn.execute(
        "DELETE FROM compliance.checks WHERE workspace = $1 AND policy_id = $2"
        " AND ($3::text[] IS NULL OR rule_id = ANY($3::text[]))",
        workspace_id,
        policy_id,
        list(rule_ids) if rule_ids is not None else None,
    )
    await conn.execute(
        "UPDATE compliance.violations SET status = $4, waiver = '', resolution = $5,"
        " resolve_time = now() WHERE workspace = $1 AND policy_id = $2 AND status <> $4"
        " AND ($3::text[] IS NULL OR rule_id = ANY($3::text[]))",
        workspace_id,
        policy_id,
        list(rule_ids) if rule_ids is not None else None,
        RESOLVED,
        resolution,
    )


async def set_framework(
    conn: Connection, workspace_id: str, policy_id: str, framework: str
) -> None:
    """A policy moved to another framework: its checks and violations count there now."""
    for table in ("checks", "violations"):
        await conn.execute(
            f"UPDATE compliance.{table} SET framework = $3"  # noqa: S608 - table from a fixed pair
            " WHERE workspace = $1 AND policy_id = $2",
            workspace_id,
            policy_id,
            framework,
        )
