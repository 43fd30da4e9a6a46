"""Who may read an asset, from the role bindings: the facts behind PCI DSS's and
HIPAA's "readable only by named roles" rules."""

from __future__ import annotations

from typing import Any

import grpc
import pytest

from pursight.compliance.v1 import compliance_pb2
from pursight.rbac.v1 import rbac_pb2, rbac_pb2_grpc
from tests.compliance._helpers import Outcome, Shop, new_shop, qn
from tests.conftest import Platform
from tests.rbac._helpers import Effect, bind

RULE = "pci-pan-readers-named-roles"


async def _check(shop: Shop, qualified_name: str) -> tuple[Any, dict[str, Any]]:
    reply = await shop.compliance.EvaluateAsset(
        compliance_pb2.EvaluateAssetRequest(parent=shop.workspace, asset=shop.name(qualified_name)),
        metadata=shop.md,
    )
    result = next(r for r in reply.results if r.rule_id == RULE)
    return result, dict(reply.facts)


async def test_readers_follow_bindings_with_inheritance_and_denials(platform: Platform) -> None:
    shop = await new_shop(platform)
    await shop.policy_from_pack("pci-dss")
    card = qn("payments", "card_number")

    result, facts = await _check(shop, card)
    baseline_roles = set(facts["reader_roles"])
    assert "roles/platformAdmin" in baseline_roles  # the bootstrap administrator
    assert "users/admin" in facts["readers"]
    assert not any(r.startswith("services/") for r in facts["readers"])

    # A data reader on the whole workspace may read card numbers: the rule fails and
    # says through which role.
    analyst, _ = await platform.new_user("analyst")
    await bind(platform, analyst, "dataReader", shop.workspace)
    result, facts = await _check(shop, card)
    assert analyst in facts["readers"]
    assert "roles/dataReader" in facts["reader_roles"]
    assert result.outcome == Outcome.OUTCOME_FAILED
    assert "roles/dataReader" in result.remediation

    # Bindings elsewhere do not count: another workspace, an unrelated asset, another
    # data source.
    other, _ = await platform.new_user("other")
    await bind(platform, other, "dataReader", shop.name(qn("customers")))
    await bind(platform, other, "dataReader", f"{shop.workspace}/dataSources/elsewhere")
    _, facts = await _check(shop, card)
    assert other not in facts["readers"]
    # ...but the asset's data source and the table above the column do.
    steward, _ = await platform.new_user("steward")
    await bind(platform, steward, "dataSteward", shop.data_source)
    curator, _ = await platform.new_user("curator")
    await bind(platform, curator, "dataCurator", shop.name(qn("payments")))
    _, facts = await _check(shop, card)
    assert {steward, curator} <= set(facts["readers"])
    assert {"roles/dataSteward", "roles/dataCurator"} <= set(facts["reader_roles"])

    # A denial on the table takes the analyst out for every column under it, whatever
    # they are allowed elsewhere; a denial on another table changes nothing here.
    await bind(platform, analyst, "dataReader", shop.name(qn("payments")), Effect.EFFECT_DENY)
    await bind(platform, curator, "dataReader", shop.name(qn("customers")), Effect.EFFECT_DENY)
    _, facts = await _check(shop, card)
    assert analyst not in facts["readers"]
    assert curator in facts["readers"]


async def test_rbac_lists_permission_holders_only_to_services(platform: Platform) -> None:
    """ListPermissionHolders is internal: a person, even the administrator, gets no
    binding list through it; the compliance service does."""
    shop = await new_shop(platform)
    stub = rbac_pb2_grpc.RbacServiceStub(platform.channel)
    request = rbac_pb2.ListPermissionHoldersRequest(
        permission="catalog.assets.read", workspace=shop.workspace
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.ListPermissionHolders(request, metadata=platform.admin)
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert platform.server.runtime is not None
    services = platform.server.runtime.identity.metadata("compliance")
    reply = await stub.ListPermissionHolders(request, metadata=services)
    assert any(h.principal == "users/admin" and h.scope == "/" for h in reply.holders)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.ListPermissionHolders(
            rbac_pb2.ListPermissionHoldersRequest(permission="nope", workspace="x"),
            metadata=services,
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
