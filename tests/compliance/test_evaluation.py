"""Evaluating a workspace against the GDPR, PCI DSS and SOC 2 packs: violations with
reasons and fixes, scores, resolution after the assets are fixed, narrower scopes, the
re-evaluation a scan asks for, and the one-asset check."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest

from pursight.catalog.v1 import catalog_pb2
from pursight.compliance.v1 import compliance_pb2
from tests.compliance._helpers import (
    DB,
    SOURCE,
    Outcome,
    Shop,
    Status,
    code_of,
    finished,
    new_shop,
    qn,
)
from tests.conftest import Platform
from tests.rbac._helpers import Effect, bind

Trigger = compliance_pb2.Evaluation.Trigger

FIRST_FINDINGS = {
    ("gdpr-personal-data-owner", qn("customers")),
    ("gdpr-personal-data-owner", qn("payments")),
    ("gdpr-personal-data-retention", qn("customers")),
    ("gdpr-personal-data-retention", qn("payments")),
    ("gdpr-special-category-protected", qn("customers", "ssn")),
    ("gdpr-special-category-steward", qn("customers")),
    ("pci-pan-protected", qn("payments", "card_number")),
    ("pci-cardholder-data-owner", qn("payments")),
    ("pci-cardholder-data-retention", qn("payments")),
    # The workspace's creator reads everything in it as its workspace admin, a role
    # PCI DSS's pack does not name.
    ("pci-pan-readers-named-roles", qn("payments")),
    ("pci-pan-readers-named-roles", qn("payments", "card_number")),
    ("soc2-source-steward", SOURCE),
    ("soc2-source-access-reviewed", SOURCE),
}


async def _packs(shop: Shop) -> None:
    for framework in ("gdpr", "pci-dss", "soc2"):
        await shop.policy_from_pack(framework)


async def test_evaluation_finds_violations_scores_and_resolves_them(platform: Platform) -> None:
    shop = await new_shop(platform)
    await _packs(shop)

    first = await shop.evaluate()
    assert first.state == compliance_pb2.Evaluation.STATE_SUCCEEDED
    assert first.trigger == Trigger.TRIGGER_MANUAL
    assert first.initiator == "users/admin"
    assert len(first.policies) == 3
    found = await shop.violation_map()
    assert set(found) == FIRST_FINDINGS
    assert first.violations_opened == len(FIRST_FINDINGS) == first.violations_open
    # Who may read card numbers comes from the role bindings: decided, with the roles.
    assert first.checks_undecided == 0
    readers = found[("pci-pan-readers-named-roles", qn("payments", "card_number"))]
    assert "roles/workspaceAdmin" in readers.facts["reader_roles"]
    assert "roles/workspaceAdmin" in readers.remediation

    pan = found[("pci-pan-protected", qn("payments", "card_number"))]
    assert pan.severity == compliance_pb2.SEVERITY_CRITICAL
    assert pan.framework == "frameworks/pci-dss"
    assert list(pan.controls) == ["Req. 3.5.1"]
    assert pan.asset == shop.name(qn("payments", "card_number"))
    assert pan.asset_type == "column"
    assert pan.data_source == shop.data_source
    assert "protected is false" in pan.reason
    assert "financial.credit_card" in pan.reason
    assert qn("payments", "card_number") in pan.remediation
    assert pan.facts["classifications"] == ["financial.credit_card"]
    assert pan.facts["protected"] is False
    assert pan.last_evaluation == first.name

    scores = {s.name.rsplit("/", 1)[-1]: s for s in first.scores}
    assert set(scores) == {"gdpr", "pci-dss", "soc2", "overall"}
    assert scores["pci-dss"].score == 0.0
    assert scores["pci-dss"].checks_total == 5
    assert scores["pci-dss"].checks_undecided == 0
    assert scores["pci-dss"].critical_violations == 1
    assert scores["pci-dss"].rules_total == 4
    assert scores["pci-dss"].rules_passing == 0  # undecided is not passing
    by_control = {c.control: c for c in scores["pci-dss"].controls}
    assert by_control["Req. 3.5.1"].checks_failed == 1

    # Fix most of it: an owner on the database (tables inherit it), a retention period on
    # payments, card numbers encrypted, a steward and an access review on the source
    # (its steward also stands for the customers table below it).
    await shop.edit(DB, owners=["users/dana"])
    await shop.edit(qn("payments"), retention_days=365)
    await shop.edit(qn("payments", "card_number"), protected=True)
    today = datetime.now(UTC).date().isoformat()
    await shop.edit(SOURCE, stewards=["users/sam"], properties={"access_reviewed_at": today})
    # ...and nobody reads the payments table but through the roles PCI DSS names: the
    # workspace admin is denied it.
    await bind(platform, "users/admin", "dataReader", shop.name(qn("payments")), Effect.EFFECT_DENY)

    second = await shop.evaluate()
    still_open = await shop.violation_map()
    assert set(still_open) == {
        ("gdpr-personal-data-retention", qn("customers")),
        ("gdpr-special-category-protected", qn("customers", "ssn")),
    }
    assert second.violations_resolved == len(FIRST_FINDINGS) - 2
    assert second.violations_opened == 0
    kept = still_open[("gdpr-special-category-protected", qn("customers", "ssn"))]
    before = found[("gdpr-special-category-protected", qn("customers", "ssn"))]
    assert kept.name == before.name
    assert kept.first_seen_time == before.first_seen_time
    assert kept.last_seen_time.ToDatetime() > before.last_seen_time.ToDatetime()

    resolved = {
        (v.rule_id, v.asset_qualified_name): v
        for v in await shop.violations([Status.STATUS_RESOLVED])
    }
    fixed = resolved[("pci-pan-protected", qn("payments", "card_number"))]
    assert fixed.resolution == "the rule passes now"
    assert fixed.HasField("resolve_time")

    scores = {s.name.rsplit("/", 1)[-1]: s for s in second.scores}
    assert scores["pci-dss"].score == 100.0
    assert scores["pci-dss"].rules_passing == 4
    assert scores["soc2"].score == 100.0
    # GDPR: owners 2x HIGH and the steward (HIGH) pass, retention passes once (MEDIUM):
    # 14 of 24 weighted points.
    assert scores["gdpr"].score == pytest.approx(58.33, abs=0.01)
    live = await shop.score("gdpr")
    assert live.score == scores["gdpr"].score
    assert live.evaluation == second.name

    # A deleted asset's violation is resolved with the reason.
    await shop.catalog.DeleteAsset(
        catalog_pb2.DeleteAssetRequest(name=shop.name(qn("customers", "ssn"))), metadata=shop.md
    )
    await shop.evaluate()
    gone = await shop.compliance.GetViolation(
        compliance_pb2.GetViolationRequest(name=kept.name), metadata=shop.md
    )
    assert gone.status == Status.STATUS_RESOLVED
    assert gone.resolution == "the asset is no longer in the catalog"

    listed = await shop.compliance.ListEvaluations(
        compliance_pb2.ListEvaluationsRequest(parent=shop.workspace, page_size=2),
        metadata=shop.md,
    )
    assert [e.name for e in listed.evaluations][1] == second.name
    assert listed.next_page_token
    history = await shop.compliance.ListComplianceScores(
        compliance_pb2.ListComplianceScoresRequest(
            parent=shop.workspace, framework="frameworks/pci-dss", history=True
        ),
        metadata=shop.md,
    )
    assert [s.score for s in history.compliance_scores] == [100.0, 100.0, 0.0]


async def test_scoped_evaluations_and_the_scan_trigger(platform: Platform) -> None:
    shop = await new_shop(platform)
    await _packs(shop)
    await shop.evaluate()

    # An asset subtree: only the payments table and its columns are looked at.
    await shop.edit(qn("payments", "card_number"), protected=True)
    await shop.edit(qn("customers", "ssn"), protected=True)
    scoped = await shop.evaluate(scope=shop.name(qn("payments")))
    assert scoped.scope == shop.name(qn("payments"))
    assert scoped.assets_evaluated == 2  # the table and its card-number column
    assert scoped.violations_resolved == 1
    found = await shop.violation_map()
    assert ("pci-pan-protected", qn("payments", "card_number")) not in found
    # Outside the scope, the fixed ssn column keeps its violation until evaluated.
    assert ("gdpr-special-category-protected", qn("customers", "ssn")) in found
    narrowed = await shop.score("pci-dss", scope=shop.name(qn("payments")))
    assert narrowed.scope == shop.name(qn("payments"))
    assert narrowed.checks_total == 5  # readers on the table and the column count now

    # The scan service calls EvaluateAfterScan when a run ends: the run's data source.
    run = f"{shop.data_source}/scans/nightly/runs/r1"
    request = compliance_pb2.EvaluateAfterScanRequest(scan_run=run)
    with pytest.raises(grpc.aio.AioRpcError) as caught:  # internal: the scan service calls it
        await shop.compliance.EvaluateAfterScan(request, metadata=shop.md)
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert platform.server.runtime is not None
    operation = await shop.compliance.EvaluateAfterScan(
        request, metadata=platform.server.runtime.identity.metadata("scan")
    )
    after = await finished(platform, operation)
    assert after.trigger == Trigger.TRIGGER_SCAN_COMPLETED
    assert after.trigger_resource == run
    assert after.scope == shop.data_source
    assert ("gdpr-special-category-protected", qn("customers", "ssn")) not in (
        await shop.violation_map()
    )


async def test_evaluate_asset_reports_every_rule_without_recording(platform: Platform) -> None:
    shop = await new_shop(platform)
    await _packs(shop)
    reply = await shop.compliance.EvaluateAsset(
        compliance_pb2.EvaluateAssetRequest(
            parent=shop.workspace, asset=shop.name(qn("payments")), include_not_applicable=True
        ),
        metadata=shop.md,
    )
    outcomes = {r.rule_id: r.outcome for r in reply.results}
    assert outcomes["pci-cardholder-data-owner"] == Outcome.OUTCOME_FAILED
    assert outcomes["pci-pan-readers-named-roles"] == Outcome.OUTCOME_FAILED
    assert outcomes["soc2-source-steward"] == Outcome.OUTCOME_NOT_APPLICABLE
    assert reply.results[0].outcome == Outcome.OUTCOME_FAILED  # failures first
    readers = next(r for r in reply.results if r.rule_id == "pci-pan-readers-named-roles")
    assert "reader_roles" in readers.reason
    assert list(reply.facts["contained_classifications"]) == ["financial.credit_card"]
    assert "roles/workspaceAdmin" in list(reply.facts["reader_roles"])
    assert await shop.violations() == []  # nothing recorded


async def test_evaluation_requests_are_checked_before_any_work(platform: Platform) -> None:
    shop = await new_shop(platform, {})
    cases = [
        ({"scope": "workspaces/elsewhere/dataSources/x"}, grpc.StatusCode.INVALID_ARGUMENT),
        ({"scope": f"{shop.workspace}/assets/nope"}, grpc.StatusCode.NOT_FOUND),
        ({"frameworks": ["frameworks/iso-27001"]}, grpc.StatusCode.INVALID_ARGUMENT),
        ({"policies": [f"{shop.workspace}/policies/nope"]}, grpc.StatusCode.NOT_FOUND),
    ]
    for fields, code in cases:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await shop.compliance.EvaluateCompliance(
                compliance_pb2.EvaluateComplianceRequest(parent=shop.workspace, **fields),
                metadata=shop.md,
            )
        assert code_of(refused.value) == code, fields
    # No policy yet: the evaluation succeeds, finds nothing and scores 100 overall.
    empty = await shop.evaluate(request_id="first-run")
    assert empty.checks == 0
    assert [s.score for s in empty.scores] == [100.0]
    operation = await shop.compliance.EvaluateCompliance(
        compliance_pb2.EvaluateComplianceRequest(parent=shop.workspace, request_id="first-run"),
        metadata=shop.md,
    )
    assert operation.target == empty.name
