"""Frameworks, facts and policies: packs copied into policies, problems named by field
(with line and column in expressions), custom rules in both forms, and what changing or
deleting a policy does to its violations."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import field_mask_pb2, json_format

from pursight.compliance.v1 import compliance_pb2
from tests.compliance._helpers import Status, code_of, field_violations, new_shop, qn
from tests.conftest import Platform

Op = compliance_pb2.FactCheck.Operator


def _rule(rule_id: str, **fields: object) -> compliance_pb2.Rule:
    values: dict[str, object] = {
        "id": rule_id,
        "display_name": rule_id.replace("-", " "),
        "severity": "SEVERITY_HIGH",
        "require": {"fact": {"fact": "owners", "operator": "OPERATOR_EXISTS"}},
    }
    values.update(fields)
    return json_format.ParseDict(values, compliance_pb2.Rule())


async def test_frameworks_and_facts_describe_themselves(platform: Platform) -> None:
    shop = await new_shop(platform, {})
    listed = await shop.compliance.ListFrameworks(
        compliance_pb2.ListFrameworksRequest(summary_only=True), metadata=shop.md
    )
    assert [f.name for f in listed.frameworks] == [
        "frameworks/gdpr",
        "frameworks/hipaa",
        "frameworks/pci-dss",
        "frameworks/soc2",
    ]
    assert not listed.frameworks[0].rules
    pci = await shop.compliance.GetFramework(
        compliance_pb2.GetFrameworkRequest(name="frameworks/pci-dss"), metadata=shop.md
    )
    assert pci.standard_version == "4.0.1"
    assert {c.id for c in pci.controls} >= {"Req. 3.5.1", "Req. 7.2.2"}
    assert "pci-pan-protected" in {r.id for r in pci.rules}
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await shop.compliance.GetFramework(
            compliance_pb2.GetFrameworkRequest(name="frameworks/iso-27001"), metadata=shop.md
        )
    assert code_of(missing.value) == grpc.StatusCode.NOT_FOUND

    facts = await shop.compliance.ListPolicyFacts(
        compliance_pb2.ListPolicyFactsRequest(), metadata=shop.md
    )
    by_name = {f.name: f for f in facts.facts}
    # Nothing is pending any more: who may read comes from the rbac service.
    assert not any(f.pending for f in facts.facts)
    assert "catalog.assets.read" in by_name["reader_roles"].description
    assert Op.OPERATOR_ALL_IN in by_name["reader_roles"].operators
    assert by_name["retention_days"].type == compliance_pb2.PolicyFact.TYPE_NUMBER
    assert Op.OPERATOR_LESS_OR_EQUAL in by_name["retention_days"].operators


async def test_bad_rules_are_refused_naming_each_field(platform: Platform) -> None:
    shop = await new_shop(platform, {})
    policy = compliance_pb2.Policy(
        display_name="Broken",
        framework="frameworks/gdpr",
        rules=[
            _rule(
                "owned",
                require={
                    "all_of": {
                        "conditions": [
                            {"fact": {"fact": "owners", "operator": "OPERATOR_EXISTS"}},
                            {"fact": {"fact": "owner", "operator": "OPERATOR_EXISTS"}},
                            {
                                "fact": {
                                    "fact": "protected",
                                    "operator": "OPERATOR_CONTAINS",
                                    "value": "x",
                                }
                            },
                            {
                                "fact": {
                                    "fact": "retention_days",
                                    "operator": "OPERATOR_LESS_OR_EQUAL",
                                    "value": "a year",
                                }
                            },
                        ]
                    }
                },
            ),
            _rule(
                "owned",
                controls=["Art. 99"],
                asset_types=["tabel"],
                when={"expression": 'has(owners) &&\n  retention_days > "a"'},
            ),
        ],
    )
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await shop.compliance.CreatePolicy(
            compliance_pb2.CreatePolicyRequest(parent=shop.workspace, policy=policy),
            metadata=shop.md,
        )
    assert code_of(refused.value) == grpc.StatusCode.INVALID_ARGUMENT
    problems = field_violations(refused.value)
    base = "policy.rules[0].require.all_of.conditions"
    assert 'did you mean "owners"' in problems[f"{base}[1].fact.fact"]
    assert "does not fit protected" in problems[f"{base}[2].fact.operator"]
    assert "must be a number" in problems[f"{base}[3].fact.value"]
    assert "used twice" in problems["policy.rules[1].id"]
    assert "unknown control" in problems["policy.rules[1].controls[0]"]
    assert 'did you mean "table"' in problems["policy.rules[1].asset_types[0]"]
    assert problems["policy.rules[1].when.expression"].startswith("line 2, column 18:")

    # ValidatePolicy returns the same problems as data, with line and column.
    checked = await shop.compliance.ValidatePolicy(
        compliance_pb2.ValidatePolicyRequest(parent=shop.workspace, policy=policy),
        metadata=shop.md,
    )
    assert not checked.valid
    expression = next(p for p in checked.problems if p.field == "rules[1].when.expression")
    assert (expression.line, expression.column, expression.rule_id) == (2, 18, "owned")
    assert "compares two numbers" in expression.message


async def test_custom_policy_in_both_forms_with_preview(platform: Platform) -> None:
    shop = await new_shop(platform)
    policy = compliance_pb2.Policy(
        display_name="PII handling",
        rules=[
            _rule(
                "pii-columns-reviewed",
                asset_types=["column"],
                severity="SEVERITY_MEDIUM",
                when={
                    "fact": {
                        "fact": "classifications",
                        "operator": "OPERATOR_CONTAINS_ANY",
                        "value": ["pii.*", "government_id.*"],
                    }
                },
                require={"expression": '"pii-reviewed" in tags || protected'},
                remediation="Review {qualified_name} and tag it pii-reviewed.",
            ),
            _rule(
                "sensitive-tables-bounded",
                asset_types=["table"],
                when={"expression": "size(contained_classifications) > 0"},
                require={"expression": "has(owners) && retention_days <= 365"},
            ),
        ],
    )
    preview = await shop.compliance.ValidatePolicy(
        compliance_pb2.ValidatePolicyRequest(parent=shop.workspace, policy=policy, preview=True),
        metadata=shop.md,
    )
    assert preview.valid
    # Columns email and ssn, tables customers and payments.
    assert preview.preview_assets_matched == 4
    assert preview.preview_failures == 4
    created = await shop.compliance.CreatePolicy(
        compliance_pb2.CreatePolicyRequest(parent=shop.workspace, policy=policy, request_id="c1"),
        metadata=shop.md,
    )
    assert created.name == f"{shop.workspace}/policies/pii-handling"
    assert created.enabled  # omitted means enabled
    assert created.creator == "users/admin"
    again = await shop.compliance.CreatePolicy(
        compliance_pb2.CreatePolicyRequest(parent=shop.workspace, policy=policy, request_id="c1"),
        metadata=shop.md,
    )
    assert again.name == created.name

    await shop.evaluate()
    found = await shop.violation_map()
    assert set(found) == {
        ("pii-columns-reviewed", qn("customers", "email")),
        ("pii-columns-reviewed", qn("customers", "ssn")),
        ("sensitive-tables-bounded", qn("customers")),
        ("sensitive-tables-bounded", qn("payments")),
    }
    email = found[("pii-columns-reviewed", qn("customers", "email"))]
    assert email.framework == ""
    assert email.remediation == f"Review {qn('customers', 'email')} and tag it pii-reviewed."
    assert "tags is empty" in email.reason
    overall = await shop.score("overall")
    assert overall.score == 0.0
    assert overall.medium_violations == 2

    await shop.edit(qn("customers", "email"), tags=["pii-reviewed"])
    await shop.edit(qn("customers"), owners=["groups/crm"], retention_days=400)
    await shop.evaluate()
    found = await shop.violation_map()
    assert ("pii-columns-reviewed", qn("customers", "email")) not in found
    table = found[("sensitive-tables-bounded", qn("customers"))]
    assert "retention_days is 400" in table.reason

    # Removing a rule resolves its violations at once; disabling the policy, the rest.
    updated = await shop.compliance.UpdatePolicy(
        compliance_pb2.UpdatePolicyRequest(
            policy=compliance_pb2.Policy(
                name=created.name, rules=[created.rules[1]], etag=created.etag
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["rules"]),
        ),
        metadata=shop.md,
    )
    assert [r.id for r in updated.rules] == ["sensitive-tables-bounded"]
    assert set(await shop.violation_map()) == {
        ("sensitive-tables-bounded", qn("customers")),
        ("sensitive-tables-bounded", qn("payments")),
    }
    with pytest.raises(grpc.aio.AioRpcError) as stale:
        await shop.compliance.UpdatePolicy(
            compliance_pb2.UpdatePolicyRequest(
                policy=compliance_pb2.Policy(name=created.name, enabled=False, etag=created.etag),
                update_mask=field_mask_pb2.FieldMask(paths=["enabled"]),
            ),
            metadata=shop.md,
        )
    assert code_of(stale.value) == grpc.StatusCode.ABORTED
    await shop.compliance.UpdatePolicy(
        compliance_pb2.UpdatePolicyRequest(
            policy=compliance_pb2.Policy(name=created.name, enabled=False),
            update_mask=field_mask_pb2.FieldMask(paths=["enabled"]),
        ),
        metadata=shop.md,
    )
    assert await shop.violations() == []
    resolved = await shop.violations([Status.STATUS_RESOLVED])
    assert {v.resolution for v in resolved} >= {
        "the rule was removed or disabled",
        "the policy was disabled",
        "the rule passes now",
    }


async def test_a_workspace_policy_author_reads_the_frameworks(platform: Platform) -> None:
    from pursight.compliance.v1 import compliance_pb2_grpc
    from tests.rbac._helpers import bind

    shop = await new_shop(platform, {})
    author, metadata = await platform.new_user("author")
    stub = compliance_pb2_grpc.ComplianceServiceStub(platform.channel)
    with pytest.raises(grpc.aio.AioRpcError) as caught:  # no role anywhere yet
        await stub.ListFrameworks(compliance_pb2.ListFrameworksRequest(), metadata=metadata)
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    await bind(platform, author, "policyAuthor", shop.workspace)
    listed = await stub.ListFrameworks(compliance_pb2.ListFrameworksRequest(), metadata=metadata)
    assert "frameworks/pci-dss" in [f.name for f in listed.frameworks]
    one = await stub.GetFramework(
        compliance_pb2.GetFrameworkRequest(name="frameworks/gdpr"), metadata=metadata
    )
    assert one.rules
