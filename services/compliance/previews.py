"""Checks that record nothing: EvaluateAsset (the asset page's compliance panel) and
ValidatePolicy (with its optional preview of what a draft policy would find).

Both read the catalog with the caller's own token, so they show only what the caller
may read, and both go through the same ``run_rules`` as evaluations.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from google.protobuf import struct_pb2

from pursight.compliance.v1 import compliance_pb2
from services.compliance.catalog import DESCENDANTS_LIMIT, CatalogReader, Scope, collect
from services.compliance.engine import CheckResult, evaluate_all, run_rules
from services.compliance.facts import FactBook, facts_struct, record_of
from services.compliance.policies import Policies
from services.compliance.readers import ReadAccess, load_read_access
from services.compliance.rules import FAILED, Outcome, compile_policy, in_scope
from services.compliance.waivers import expire_due
from services.runtime.errors import bad_field, not_found
from services.runtime.names import parse_name
from services.runtime.service import Runtime

WORKSPACE = "workspaces/{workspace}"
ASSET = "workspaces/{workspace}/assets/{asset}"
POLICY = "workspaces/{workspace}/policies/{policy}"
PREVIEW_ASSETS = 50_000
PREVIEW_SAMPLES = 20
_ORDER = {
    Outcome.OUTCOME_FAILED: 0,
    Outcome.OUTCOME_ERROR: 1,
    Outcome.OUTCOME_WAIVED: 2,
    Outcome.OUTCOME_PASSED: 3,
    Outcome.OUTCOME_NOT_APPLICABLE: 4,
}
WaiverState = compliance_pb2.Waiver.State


class Previews:
    def __init__(self, runtime: Runtime, policies: Policies) -> None:
        self._rt = runtime
        self._pool = runtime.db.primary
        self._policies = policies

    async def _access(self, workspace: str) -> ReadAccess | None:
        # As the service: the person previewing sees rule outcomes, not the bindings.
        return await load_read_access(self._rt, workspace, self._rt.identity.metadata("compliance"))

    async def evaluate_asset(
        self, request: compliance_pb2.EvaluateAssetRequest
    ) -> compliance_pb2.EvaluateAssetResponse:
        ws = parse_name(request.parent, WORKSPACE, "parent")["workspace"]
        if not request.asset:
            raise bad_field("asset", "is required")
        if parse_name(request.asset, ASSET, "asset")["workspace"] != ws:
            raise bad_field("asset", f"must be an asset of {request.parent}")
        policy_ids = []
        for i, name in enumerate(request.policies):
            ids = parse_name(name, POLICY, f"policies[{i}]")
            if ids["workspace"] != ws:
                raise bad_field(f"policies[{i}]", f"must be a policy of {request.parent}")
            policy_ids.append(ids["policy"])
        # Named policies are checked even when disabled: a way to try one before enabling.
        policies = await self._policies.compiled(ws, policy_ids, [], enabled_only=not policy_ids)
        reader = CatalogReader(self._rt, None)
        asset = await reader.get(request.asset)
        if asset is None:
            raise not_found("Asset", request.asset)
        records = {asset.name: record_of(asset)}
        async for page in reader.pages(request.parent, asset.qualified_name):
            for item in page:
                records.setdefault(item.name, record_of(item))
            if len(records) >= DESCENDANTS_LIMIT:
                break
        await reader.add_ancestors(records)
        book = FactBook(records, datetime.now(UTC), await self._access(request.parent))
        results = list(
            run_rules(
                policies,
                book,
                [asset.name],
                include_not_applicable=request.include_not_applicable,
            )
        )
        messages = await self._with_waivers(ws, asset.name, results)
        messages.sort(key=lambda m: (_ORDER.get(m.outcome, 9), -m.severity, m.policy, m.rule_id))
        facts = struct_pb2.Struct()
        facts.update(facts_struct(book.facts(asset.name)))
        return compliance_pb2.EvaluateAssetResponse(facts=facts, results=messages)

    async def _with_waivers(
        self, ws: str, asset: str, results: list[CheckResult]
    ) -> list[compliance_pb2.RuleResult]:
        """Failures covered by an approved waiver become WAIVED; the others name their
        recorded violation, when there is one."""
        await expire_due(self._pool, ws)
        live = {
            (r["policy_id"], r["rule_id"]): r
            for r in await self._pool.fetch(
                "SELECT id, policy_id, rule_id, status, waiver FROM compliance.violations"
                " WHERE workspace = $1 AND asset = $2 AND status <> 3",
                ws,
                asset,
            )
        }
        waivers = await self._pool.fetch(
            "SELECT id, policy_id, rule_id, asset, scope FROM compliance.waivers"
            " WHERE workspace = $1 AND state = $2 AND expire_time > now()"
            " ORDER BY expire_time DESC, id",
            ws,
            WaiverState.STATE_APPROVED,
        )
        out = []
        for result in results:
            message = result.to_message()
            if result.outcome == Outcome.OUTCOME_FAILED:
                key = (result.rule.policy_id, result.rule.rule.id)
                recorded = live.get(key)
                if recorded is not None:
                    message.violation = f"workspaces/{ws}/violations/{recorded['id']}"
                for waiver in waivers:
                    if waiver["policy_id"] != key[0] or waiver["rule_id"] not in ("", key[1]):
                        continue
                    if waiver["asset"] == asset or (
                        waiver["scope"]
                        and in_scope(
                            waiver["scope"], asset, result.asset.data_source, result.ancestors
                        )
                    ):
                        message.outcome = Outcome.OUTCOME_WAIVED
                        message.waiver = f"workspaces/{ws}/waivers/{waiver['id']}"
                        break
            out.append(message)
        return out

    async def validate(
        self, request: compliance_pb2.ValidatePolicyRequest
    ) -> compliance_pb2.ValidatePolicyResponse:
        parse_name(request.parent, WORKSPACE, "parent")
        policy = compliance_pb2.Policy()
        policy.CopyFrom(request.policy)
        if not policy.name:
            policy.name = f"{request.parent}/policies/preview"
        problems, compiled = compile_policy(policy, request.parent)
        response = compliance_pb2.ValidatePolicyResponse(
            valid=not problems,
            problems=[
                compliance_pb2.PolicyProblem(
                    rule_id=p.rule_id,
                    field=p.field,
                    message=p.message,
                    line=p.line,
                    column=p.column,
                )
                for p in problems
            ],
        )
        if not request.preview or compiled is None:
            return response
        collected = await collect(
            CatalogReader(self._rt, None), Scope(request.parent, ""), limit=PREVIEW_ASSETS
        )
        if collected is None:  # only a stopping on_page callback makes it None
            return response
        records, names = collected
        book = FactBook(records, datetime.now(UTC), await self._access(request.parent))
        results, tally = await asyncio.to_thread(evaluate_all, [compiled], book, names)
        failures = [r for r in results if r.outcome == FAILED]
        response.preview_assets_matched = len(tally.assets)
        response.preview_failures = len(failures)
        response.preview_samples.extend(r.to_message() for r in failures[:PREVIEW_SAMPLES])
        return response
