"""Waivers: asked for by one person, approved by another, covering a violation until
they expire, revoked at will.

Until the rbac service lands, the platform's bootstrap authorizer lets only the
administrator act. The approver here calls a second compliance server on the same
stores whose authorizer grants them the approval (as a role binding will), exactly as
a second replica behind the mesh would answer.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import grpc
import pytest
import pytest_asyncio
from google.protobuf import field_mask_pb2, timestamp_pb2

from pursight.compliance.v1 import compliance_pb2, compliance_pb2_grpc
from services.registry import SERVICE_NAMES
from services.runtime.context import Principal
from services.runtime.server import PursightServer
from tests.compliance._helpers import Shop, Status, code_of, field_violations, new_shop, qn
from tests.conftest import Platform, make_settings

WaiverState = compliance_pb2.Waiver.State
Metadata = tuple[tuple[str, str], ...]
SSN_RULE = "gdpr-special-category-protected"


class _Granted:
    """An authorizer granting every permission to the principals it names."""

    def __init__(self, *principals: str) -> None:
        self.principals = set(principals)

    async def check(self, principal: Principal, permission: str, request: Any) -> str | None:
        return None if principal.name in self.principals else "not granted in this test"


class Approver:
    def __init__(self, stub: compliance_pb2_grpc.ComplianceServiceStub, md: Metadata, name: str):
        self.stub, self.md, self.name = stub, md, name


@pytest_asyncio.fixture(loop_scope="session")
async def approver(platform: Platform, data_dir: Path) -> AsyncIterator[Approver]:
    name, md = await platform.new_user("approver")
    assert platform.server.stores is not None
    # Every other service (auth, catalog, activity for the audit trail...) is the platform's.
    others = ",".join(f"{s}={platform.server.address}" for s in SERVICE_NAMES if s != "compliance")
    settings = replace(make_settings(data_dir), service_addresses=others)
    replica = await PursightServer(
        settings,
        ["compliance"],
        authorizer=_Granted("users/admin", name),
        stores=platform.server.stores,
    ).start()
    channel = grpc.aio.insecure_channel(replica.address)
    try:
        yield Approver(compliance_pb2_grpc.ComplianceServiceStub(channel), md, name)
    finally:
        await channel.close()
        await replica.stop(0)


def _in(seconds: float) -> timestamp_pb2.Timestamp:
    ts = timestamp_pb2.Timestamp()
    ts.FromDatetime(datetime.now(UTC) + timedelta(seconds=seconds))
    return ts


async def _ask(shop: Shop, violation: str, seconds: float) -> compliance_pb2.Waiver:
    return await shop.compliance.CreateWaiver(
        compliance_pb2.CreateWaiverRequest(
            parent=shop.workspace,
            waiver=compliance_pb2.Waiver(
                violation=violation,
                justification="legacy export, encrypted in the next release",
                expire_time=_in(seconds),
            ),
        ),
        metadata=shop.md,
    )


async def test_a_waiver_needs_a_second_person_and_expires(
    platform: Platform, approver: Approver
) -> None:
    shop = await new_shop(platform)
    await shop.policy_from_pack("gdpr")
    await shop.evaluate()
    found = await shop.violation_map()
    ssn = found[(SSN_RULE, qn("customers", "ssn"))]

    waiver = await _ask(shop, ssn.name, 3600)
    assert waiver.state == WaiverState.STATE_PENDING
    assert (waiver.policy, waiver.rule_id, waiver.asset) == (ssn.policy, SSN_RULE, ssn.asset)
    assert waiver.requester == "users/admin"
    assert (await shop.violation_map())[(SSN_RULE, qn("customers", "ssn"))].status == (
        Status.STATUS_OPEN
    )

    # Two-person rule: the requester cannot approve.
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await shop.compliance.ApproveWaiver(
            compliance_pb2.ApproveWaiverRequest(name=waiver.name), metadata=shop.md
        )
    assert code_of(refused.value) == grpc.StatusCode.FAILED_PRECONDITION
    assert "two-person rule" in (refused.value.details() or "")

    before = await shop.score("gdpr")
    assert before.critical_violations == 1
    approved = await approver.stub.ApproveWaiver(
        compliance_pb2.ApproveWaiverRequest(
            name=waiver.name, etag=waiver.etag, comment="ok until the release"
        ),
        metadata=approver.md,
    )
    assert approved.state == WaiverState.STATE_APPROVED
    assert approved.approver == approver.name
    assert approved.covered_violation_count == 1
    covered = await shop.compliance.GetViolation(
        compliance_pb2.GetViolationRequest(name=ssn.name), metadata=shop.md
    )
    assert (covered.status, covered.waiver) == (Status.STATUS_WAIVED, waiver.name)
    # A waived check counts as passed; it stays waived through re-evaluation.
    again = await shop.evaluate()
    assert again.violations_waived == 1
    waived_score = await shop.score("gdpr")
    assert waived_score.waived_violations == 1
    assert waived_score.critical_violations == 0
    assert waived_score.score > before.score

    # Changing an approved waiver sends it back for approval: the violation opens again.
    changed = await shop.compliance.UpdateWaiver(
        compliance_pb2.UpdateWaiverRequest(
            waiver=compliance_pb2.Waiver(name=waiver.name, expire_time=_in(2)),
            update_mask=field_mask_pb2.FieldMask(paths=["expire_time"]),
        ),
        metadata=shop.md,
    )
    assert changed.state == WaiverState.STATE_PENDING
    assert (await shop.violation_map())[(SSN_RULE, qn("customers", "ssn"))].status == (
        Status.STATUS_OPEN
    )
    await approver.stub.ApproveWaiver(
        compliance_pb2.ApproveWaiverRequest(name=waiver.name), metadata=approver.md
    )
    waived = await shop.violations([Status.STATUS_WAIVED])
    assert [v.name for v in waived] == [ssn.name]

    # Once it expires it covers nothing, with or without an evaluation in between.
    await asyncio.sleep(2.2)
    reopened = await shop.compliance.GetViolation(
        compliance_pb2.GetViolationRequest(name=ssn.name), metadata=shop.md
    )
    assert (reopened.status, reopened.waiver) == (Status.STATUS_OPEN, "")
    expired = await shop.compliance.GetWaiver(
        compliance_pb2.GetWaiverRequest(name=waiver.name), metadata=shop.md
    )
    assert expired.state == WaiverState.STATE_EXPIRED
    assert expired.covered_violation_count == 0


async def test_scope_waivers_rejection_and_revocation(
    platform: Platform, approver: Approver
) -> None:
    shop = await new_shop(platform)
    policy = await shop.policy_from_pack("gdpr")
    await shop.evaluate()

    # A waiver for one rule over a whole table: its columns are covered too.
    table = await shop.compliance.CreateWaiver(
        compliance_pb2.CreateWaiverRequest(
            parent=shop.workspace,
            waiver=compliance_pb2.Waiver(
                policy=policy.name,
                rule_id=SSN_RULE,
                scope=shop.name(qn("customers")),
                justification="customers is being migrated",
                expire_time=_in(3600),
            ),
            request_id="w-1",
        ),
        metadata=shop.md,
    )
    await approver.stub.ApproveWaiver(
        compliance_pb2.ApproveWaiverRequest(name=table.name), metadata=approver.md
    )
    assert {v.asset_qualified_name for v in await shop.violations([Status.STATUS_WAIVED])} == {
        qn("customers", "ssn")
    }
    listed = await shop.compliance.ListWaivers(
        compliance_pb2.ListWaiversRequest(
            parent=shop.workspace, states=[WaiverState.STATE_APPROVED]
        ),
        metadata=shop.md,
    )
    assert [w.name for w in listed.waivers] == [table.name]

    # Revoking it opens the violation again at once.
    await shop.compliance.DeleteWaiver(
        compliance_pb2.DeleteWaiverRequest(name=table.name), metadata=shop.md
    )
    assert await shop.violations([Status.STATUS_WAIVED]) == []

    # A rejection needs a reason, and a rejected waiver covers nothing.
    owner = (await shop.violation_map())[("gdpr-personal-data-owner", qn("payments"))]
    asked = await _ask(shop, owner.name, 3600)
    with pytest.raises(grpc.aio.AioRpcError) as no_reason:
        await approver.stub.RejectWaiver(
            compliance_pb2.RejectWaiverRequest(name=asked.name), metadata=approver.md
        )
    assert "comment" in field_violations(no_reason.value)
    rejected = await approver.stub.RejectWaiver(
        compliance_pb2.RejectWaiverRequest(name=asked.name, comment="assign an owner instead"),
        metadata=approver.md,
    )
    assert rejected.state == WaiverState.STATE_REJECTED
    with pytest.raises(grpc.aio.AioRpcError) as late:
        await approver.stub.ApproveWaiver(
            compliance_pb2.ApproveWaiverRequest(name=asked.name), metadata=approver.md
        )
    assert code_of(late.value) == grpc.StatusCode.FAILED_PRECONDITION

    # Bad waivers are refused by field.
    with pytest.raises(grpc.aio.AioRpcError) as bad:
        await shop.compliance.CreateWaiver(
            compliance_pb2.CreateWaiverRequest(
                parent=shop.workspace,
                waiver=compliance_pb2.Waiver(
                    policy=policy.name, asset=owner.asset, justification="", expire_time=_in(-5)
                ),
            ),
            metadata=shop.md,
        )
    problems = field_violations(bad.value)
    assert set(problems) == {"waiver.justification", "waiver.expire_time"}
    with pytest.raises(grpc.aio.AioRpcError) as too_long:
        await shop.compliance.CreateWaiver(
            compliance_pb2.CreateWaiverRequest(
                parent=shop.workspace,
                waiver=compliance_pb2.Waiver(
                    policy=policy.name,
                    asset=owner.asset,
                    justification="forever",
                    expire_time=_in(400 * 86400),
                ),
            ),
            metadata=shop.md,
        )
    assert "one year" in field_violations(too_long.value)["waiver.expire_time"]
