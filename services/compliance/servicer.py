"""ComplianceService: the gRPC methods, each delegating to the module of its topic.

policies.py (CRUD, checked with rules.py, conditions.py and expressions.py),
evaluations.py (background evaluations and their records, written by results.py),
previews.py (EvaluateAsset, ValidatePolicy), violations.py, waivers.py, scores.py, and
the built-in framework packs in packs/. Frameworks, facts and scores are answered here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from google.protobuf import empty_pb2

from pursight.common.v1 import operation_pb2
from pursight.compliance.v1 import compliance_pb2, compliance_pb2_grpc
from services.compliance import packs, scores
from services.compliance.catalog import Scope
from services.compliance.evaluations import Evaluations
from services.compliance.facts import ASSET_TYPE_NAMES, FACTS
from services.compliance.policies import Policies
from services.compliance.previews import Previews
from services.compliance.violations import Violations
from services.compliance.waivers import Waivers, expire_due
from services.runtime.errors import bad_field, not_found
from services.runtime.names import parse_name
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.service import Runtime

FRAMEWORK = "frameworks/{framework}"
WORKSPACE = "workspaces/{workspace}"
SCORE = "workspaces/{workspace}/complianceScores/{compliance_score}"


def _offset(token: str, filters: object) -> int:
    """The position in a short in-memory list that a page token holds."""
    position = decode_token(token, filters)
    if position is None:
        return 0
    if not isinstance(position, int) or position < 0:
        raise bad_field("page_token", "is not a token this service issued")
    return position


class ComplianceServicer(compliance_pb2_grpc.ComplianceServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._pool = runtime.db.primary
        self._policies = Policies(runtime)
        self.evaluations = Evaluations(runtime, self._policies)
        self._previews = Previews(runtime, self._policies)
        self._violations = Violations(self._pool)
        self._waivers = Waivers(self._pool)

    async def start(self) -> None:
        await self.evaluations.start()

    async def stop(self) -> None:
        await self.evaluations.stop()

    # -- frameworks and facts --------------------------------------------------------

    async def GetFramework(
        self, request: compliance_pb2.GetFrameworkRequest, context: Any
    ) -> compliance_pb2.Framework:
        pack = packs.get(parse_name(request.name, FRAMEWORK)["framework"])
        if pack is None:
            raise not_found("Framework", request.name)
        return pack.to_message()

    async def ListFrameworks(
        self, request: compliance_pb2.ListFrameworksRequest, context: Any
    ) -> compliance_pb2.ListFrameworksResponse:
        size = page_size(request.page_size)
        start = _offset(request.page_token, [])
        found = packs.all_packs()
        response = compliance_pb2.ListFrameworksResponse(
            frameworks=[p.to_message(request.summary_only) for p in found[start : start + size]]
        )
        if start + size < len(found):
            response.next_page_token = encode_token(start + size, [])
        return response

    async def ListPolicyFacts(
        self, request: compliance_pb2.ListPolicyFactsRequest, context: Any
    ) -> compliance_pb2.ListPolicyFactsResponse:
        wanted = request.asset_type
        if wanted and wanted not in ASSET_TYPE_NAMES:
            raise bad_field("asset_type", f"must be one of {', '.join(sorted(ASSET_TYPE_NAMES))}")
        return compliance_pb2.ListPolicyFactsResponse(
            facts=[
                f.to_message()
                for name, f in sorted(FACTS.items())
                if not wanted or not f.asset_types or wanted in f.asset_types
            ]
        )

    # -- policies ----------------------------------------------------------------------

    async def CreatePolicy(
        self, request: compliance_pb2.CreatePolicyRequest, context: Any
    ) -> compliance_pb2.Policy:
        return await self._policies.create(request)

    async def GetPolicy(
        self, request: compliance_pb2.GetPolicyRequest, context: Any
    ) -> compliance_pb2.Policy:
        return await self._policies.get(request.name)

    async def ListPolicies(
        self, request: compliance_pb2.ListPoliciesRequest, context: Any
    ) -> compliance_pb2.ListPoliciesResponse:
        return await self._policies.list(request)

    async def UpdatePolicy(
        self, request: compliance_pb2.UpdatePolicyRequest, context: Any
    ) -> compliance_pb2.Policy:
        return await self._policies.update(request)

    async def DeletePolicy(
        self, request: compliance_pb2.DeletePolicyRequest, context: Any
    ) -> empty_pb2.Empty:
        return await self._policies.delete(request)

    async def ValidatePolicy(
        self, request: compliance_pb2.ValidatePolicyRequest, context: Any
    ) -> compliance_pb2.ValidatePolicyResponse:
        return await self._previews.validate(request)

    # -- evaluations ---------------------------------------------------------------------

    async def EvaluateCompliance(
        self, request: compliance_pb2.EvaluateComplianceRequest, context: Any
    ) -> operation_pb2.Operation:
        return await self.evaluations.evaluate(request)

    async def EvaluateAfterScan(
        self, request: compliance_pb2.EvaluateAfterScanRequest, context: Any
    ) -> operation_pb2.Operation:
        return await self.evaluations.after_scan(request)

    async def EvaluateAsset(
        self, request: compliance_pb2.EvaluateAssetRequest, context: Any
    ) -> compliance_pb2.EvaluateAssetResponse:
        return await self._previews.evaluate_asset(request)

    async def GetEvaluation(
        self, request: compliance_pb2.GetEvaluationRequest, context: Any
    ) -> compliance_pb2.Evaluation:
        return await self.evaluations.get(request.name)

    async def ListEvaluations(
        self, request: compliance_pb2.ListEvaluationsRequest, context: Any
    ) -> compliance_pb2.ListEvaluationsResponse:
        return await self.evaluations.list(request)

    # -- violations and waivers ----------------------------------------------------------

    async def GetViolation(
        self, request: compliance_pb2.GetViolationRequest, context: Any
    ) -> compliance_pb2.Violation:
        return await self._violations.get(request.name)

    async def ListViolations(
        self, request: compliance_pb2.ListViolationsRequest, context: Any
    ) -> compliance_pb2.ListViolationsResponse:
        return await self._violations.list(request)

    async def CreateWaiver(
        self, request: compliance_pb2.CreateWaiverRequest, context: Any
    ) -> compliance_pb2.Waiver:
        return await self._waivers.create(request)

    async def GetWaiver(
        self, request: compliance_pb2.GetWaiverRequest, context: Any
    ) -> compliance_pb2.Waiver:
        return await self._waivers.get(request.name)

    async def ListWaivers(
        self, request: compliance_pb2.ListWaiversRequest, context: Any
    ) -> compliance_pb2.ListWaiversResponse:
        return await self._waivers.list(request)

    async def UpdateWaiver(
        self, request: compliance_pb2.UpdateWaiverRequest, context: Any
    ) -> compliance_pb2.Waiver:
        return await self._waivers.update(request)

    async def DeleteWaiver(
        self, request: compliance_pb2.DeleteWaiverRequest, context: Any
    ) -> empty_pb2.Empty:
        return await self._waivers.delete(request)

    async def ApproveWaiver(
        self, request: compliance_pb2.ApproveWaiverRequest, context: Any
    ) -> compliance_pb2.Waiver:
        return await self._waivers.decide(request.name, request.etag, request.comment, True)

    async def RejectWaiver(
        self, request: compliance_pb2.RejectWaiverRequest, context: Any
    ) -> compliance_pb2.Waiver:
        return await self._waivers.decide(request.name, request.etag, request.comment, False)

    # -- scores ----------------------------------------------------------------------------

    async def _current_scores(self, ws: str, scope: str) -> list[compliance_pb2.ComplianceScore]:
        """Scores as of now: the latest checks, with waivers as they stand."""
        await expire_due(self._pool, ws)
        latest = await self._pool.fetchval(
            "SELECT id FROM compliance.evaluations WHERE workspace = $1 AND state = $2"
            " ORDER BY end_time DESC LIMIT 1",
            ws,
            compliance_pb2.Evaluation.State.STATE_SUCCEEDED,
        )
        evaluation = f"workspaces/{ws}/evaluations/{latest}" if latest else ""
        return await scores.compute(self._pool, ws, scope, evaluation)

    async def GetComplianceScore(
        self, request: compliance_pb2.GetComplianceScoreRequest, context: Any
    ) -> compliance_pb2.ComplianceScore:
        ids = parse_name(request.name, SCORE)
        key = ids["compliance_score"]
        if key != scores.OVERALL and packs.get(key) is None:
            raise not_found("ComplianceScore", request.name)
        scope = Scope.parse(f"workspaces/{ids['workspace']}", request.scope)
        for score in await self._current_scores(ids["workspace"], scope.resource):
            if score.name == request.name:
                return score
        raise not_found("ComplianceScore", request.name)

    async def ListComplianceScores(
        self, request: compliance_pb2.ListComplianceScoresRequest, context: Any
    ) -> compliance_pb2.ListComplianceScoresResponse:
        ws = parse_name(request.parent, WORKSPACE, "parent")["workspace"]
        size = page_size(request.page_size)
        framework = request.framework.removeprefix("frameworks/")
        if request.framework and (
            packs.get(framework) is None or not request.framework.startswith("frameworks/")
        ):
            raise bad_field("framework", f"unknown framework {request.framework!r}")
        if request.history:
            return await self._score_history(request, ws, framework, size)
        scope = Scope.parse(request.parent, request.scope)
        found = [
            s
            for s in await self._current_scores(ws, scope.resource)
            if not framework or s.framework == request.framework
        ]
        start = _offset(request.page_token, [request.parent, framework, scope.resource])
        response = compliance_pb2.ListComplianceScoresResponse(
            compliance_scores=found[start : start + size]
        )
        if start + size < len(found):
            response.next_page_token = encode_token(
                start + size, [request.parent, framework, scope.resource]
            )
        return response

    async def _score_history(
        self,
        request: compliance_pb2.ListComplianceScoresRequest,
        ws: str,
        framework: str,
        size: int,
    ) -> compliance_pb2.ListComplianceScoresResponse:
        if request.scope:
            raise bad_field(
                "scope", "cannot be combined with history: past scores cover the workspace"
            )
        start = (
            request.start_time.ToDatetime(tzinfo=UTC) if request.HasField("start_time") else None
        )
        end = request.end_time.ToDatetime(tzinfo=UTC) if request.HasField("end_time") else None
        filters = [request.parent, framework, str(start), str(end)]
        position = decode_token(request.page_token, filters)
        try:
            after = (
                (datetime.fromisoformat(position[0]), str(position[1]), str(position[2]))
                if position is not None
                else None
            )
        except (TypeError, ValueError, IndexError):
            raise bad_field("page_token", "is not a token this service issued") from None
        rows = await self._pool.fetch(
            "SELECT evaluation_id, framework, score, compute_time FROM compliance.scores"
            " WHERE workspace = $1 AND ($2 = '' OR framework = $2)"
            " AND ($3::timestamptz IS NULL OR compute_time >= $3)"
            " AND ($4::timestamptz IS NULL OR compute_time < $4)"
            " AND ($5::timestamptz IS NULL"
            " OR (compute_time, evaluation_id, framework) < ($5, $6, $7))"
            " ORDER BY compute_time DESC, evaluation_id DESC, framework DESC LIMIT $8",
            ws,
            framework,
            start,
            end,
            after[0] if after else None,
            after[1] if after else "",
            after[2] if after else "",
            size + 1,
        )
        response = compliance_pb2.ListComplianceScoresResponse(
            compliance_scores=[
                compliance_pb2.ComplianceScore.FromString(r["score"]) for r in rows[:size]
            ]
        )
        if len(rows) > size:
            last = rows[size - 1]
            response.next_page_token = encode_token(
                [last["compute_time"].isoformat(), last["evaluation_id"], last["framework"]],
                filters,
            )
        return response
