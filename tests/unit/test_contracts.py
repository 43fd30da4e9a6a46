"""The contracts keep their promises: every RPC says who may call it and is reachable."""

from __future__ import annotations

import json
import re

from google.api import annotations_pb2

from services.registry import OPERATIONS, SERVICE_NAMES, load_spec
from services.runtime.clients import retry_service_config
from services.runtime.descriptors import all_policies, pursight_services, service_short_name

PERMISSION = re.compile(r"^[a-z]+\.[a-zA-Z]+\.[a-zA-Z]+$")
PUBLIC = {
    "/pursight.auth.v1.AuthService/Login",
    "/pursight.auth.v1.AuthService/RefreshToken",
    "/pursight.auth.v1.AuthService/ExchangeToken",
    "/pursight.auth.v1.AuthService/GetJwks",
    "/pursight.auth.v1.AuthService/AuthenticateServiceAccount",
}


def test_every_service_in_the_design_has_a_contract() -> None:
    names = {service_short_name(s.full_name) for s in pursight_services()}
    assert names == {*SERVICE_NAMES, OPERATIONS}
    for name in (*SERVICE_NAMES, OPERATIONS):
        assert load_spec(name).full_name in {s.full_name for s in pursight_services()}


def test_every_rpc_declares_an_access_rule() -> None:
    policies = all_policies()
    assert len(policies) > 200
    missing = [p.full_name for p in policies if not p.has_rule]
    assert missing == []
    for policy in policies:
        if policy.public:
            continue
        assert PERMISSION.match(policy.permission), policy.full_name
        service = service_short_name(policy.full_name.strip("/").split("/")[0])
        assert policy.permission.split(".")[0] == service, policy.full_name


def test_only_the_sign_in_methods_are_public() -> None:
    assert {p.full_name for p in all_policies() if p.public} == PUBLIC


def test_reads_are_not_audited_and_mutations_are() -> None:
    for policy in all_policies():
        if policy.read_only:
            assert not policy.audited, policy.full_name
    audited = {p.full_name for p in all_policies() if p.audited}
    assert "/pursight.catalog.v1.CatalogService/UpdateAsset" in audited
    assert "/pursight.catalog.v1.CatalogService/GetAsset" not in audited


def test_every_rpc_but_internal_ones_has_a_rest_route() -> None:
    internal = {p.full_name for p in all_policies() if p.internal}
    assert internal == {
        "/pursight.activity.v1.ActivityService/RecordEvent",
        "/pursight.compliance.v1.ComplianceService/EvaluateAfterScan",
        "/pursight.datasource.v1.DataSourceService/ResolveConnection",
        "/pursight.rbac.v1.RbacService/ListGrantedScopes",
        "/pursight.rbac.v1.RbacService/ListPermissionHolders",
    }
    for service in pursight_services():
        for method in service.methods:
            full = f"/{service.full_name}/{method.name}"
            rule = method.GetOptions().Extensions[annotations_pb2.http]
            has_route = bool(rule.WhichOneof("pattern"))
            assert has_route != (full in internal), full


def test_retry_policy_covers_exactly_the_idempotent_methods() -> None:
    config = json.loads(retry_service_config())
    names = {f"/{n['service']}/{n['method']}" for n in config["methodConfig"][0]["name"]}
    idempotent = {p.full_name for p in all_policies() if p.idempotent}
    assert names == idempotent
    assert "/pursight.catalog.v1.CatalogService/GetAsset" in names
    assert "/pursight.catalog.v1.CatalogService/CreateAsset" not in names
    assert config["methodConfig"][0]["retryPolicy"]["retryableStatusCodes"] == ["UNAVAILABLE"]
