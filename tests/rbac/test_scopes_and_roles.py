"""Pure rules: which scopes a request is about, wildcard permissions, the role table."""

from __future__ import annotations

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from pursight.rbac.v1 import rbac_pb2
from pursight.scan.v1 import scan_pb2
from services.rbac.roles import BUILT_IN_ROLES, BY_ID
from services.runtime.descriptors import all_policies
from services.runtime.permissions import expand, includes, is_pattern, matches, permission_catalogue
from services.runtime.scopes import kind, lineage, normalize, request_scopes, scope_of

WS = "workspaces/sales"


def test_scopes_come_from_resource_names_in_the_request() -> None:
    assert request_scopes(catalog_pb2.GetAssetRequest(name=f"{WS}/assets/a1")) == [
        f"{WS}/assets/a1"
    ]
    assert request_scopes(catalog_pb2.ListAssetsRequest(parent=WS)) == [WS]
    # The narrower of two nested names stands for both.
    assert request_scopes(
        catalog_pb2.ListAssetsRequest(parent=WS, asset_parent=f"{WS}/assets/t1")
    ) == [f"{WS}/assets/t1"]
    # One message down, and repeated fields.
    update = catalog_pb2.UpdateAssetRequest(asset=resources_pb2.Asset(name=f"{WS}/assets/a1"))
    assert request_scopes(update) == [f"{WS}/assets/a1"]
    assign = catalog_pb2.AssignGlossaryTermRequest(
        term="glossaries/g/terms/t", assets=[f"{WS}/assets/a1", "workspaces/hr/assets/a2"]
    )
    assert request_scopes(assign) == ["workspaces/hr/assets/a2", f"{WS}/assets/a1"]
    # Deeper names stop at the data source; wildcards stop before themselves.
    scans = scan_pb2.ListScansRequest(parent=f"{WS}/dataSources/pg")
    assert request_scopes(scans) == [f"{WS}/dataSources/pg"]
    assert request_scopes(scan_pb2.ListScansRequest(parent=f"{WS}/dataSources/-")) == [WS]
    assert request_scopes(catalog_pb2.SearchAssetsRequest(parent="workspaces/-")) == []
    # A binding's scope counts; the platform and global names are no scope.
    binding = rbac_pb2.CreateRoleBindingRequest(role_binding=rbac_pb2.RoleBinding(scope="/"))
    assert request_scopes(binding) == []
    assert request_scopes(catalog_pb2.GetGlossaryRequest(name="glossaries/g")) == []
    # Free text that merely mentions a workspace is not a resource name.
    assert request_scopes(catalog_pb2.SearchAssetsRequest(query="workspaces/sales x")) == []


def test_scope_levels() -> None:
    assert normalize("/") == normalize("") == ""
    assert normalize(f"{WS}/tables/t") is None
    assert kind(f"{WS}/dataSources/d") == rbac_pb2.ScopeKind.SCOPE_KIND_DATA_SOURCE
    assert kind(f"{WS}/assets/a") == rbac_pb2.ScopeKind.SCOPE_KIND_ASSET
    assert lineage(f"{WS}/assets/a") == [f"{WS}/assets/a", WS, ""]
    assert scope_of(f"{WS}/dataSources/d/scans/s/runs/r") == f"{WS}/dataSources/d"
    assert scope_of("workspaces/Bad_Id/assets/a") is None


def test_wildcard_permissions() -> None:
    assert matches("catalog.*.read", "catalog.assets.read")
    assert not matches("catalog.*.read", "catalog.assets.update")
    assert matches("*", "activity.events.write")
    assert not matches("catalog.assets", "catalog.assets.read")
    assert includes(("x.y.z", "scan.*.*"), "scan.runs.cancel")
    assert is_pattern("*.*.read")
    assert not is_pattern("catalog.assets")
    assert not is_pattern("catalog.assets.read; drop table")


def test_the_catalogue_holds_every_rpc_permission_and_the_field_level_ones() -> None:
    catalogue = permission_catalogue()
    assert {p.permission for p in all_policies() if p.permission} <= set(catalogue)
    assert catalogue["catalog.owners.update"].methods == ()
    assert "pursight.catalog.v1.CatalogService.AddClassification" in (
        catalogue["catalog.classifications.update"].methods
    )


def test_every_role_pattern_means_something_and_roles_keep_their_promises() -> None:
    for role in BUILT_IN_ROLES:
        for pattern in role.permissions:
            assert expand([pattern]), f"{role.role_id}: {pattern} matches nothing"
    held = {role.role_id: set(expand(role.permissions)) for role in BUILT_IN_ROLES}
    assert held["platformAdmin"] == set(permission_catalogue())
    everyone = set.intersection(*held.values())
    assert {"auth.self.read", "rbac.permissions.test", "workspace.workspaces.read"} <= everyone
    # Source credentials and audit writes are for services, not for any role but *.
    for secret in {"datasource.dataSources.connect", "activity.events.write"} & set(
        held["platformAdmin"]
    ):
        assert [r for r, perms in held.items() if secret in perms] == ["platformAdmin"]
    assert held["dataReader"] < held["dataCurator"] < held["dataSteward"]
    assert "catalog.owners.update" not in held["dataCurator"]
    assert not {p for p in held["dataReader"] if p.startswith("catalog.")} - {
        p
        for p in permission_catalogue()
        if p.startswith("catalog.") and p.rsplit(".", 1)[1] in ("read", "list", "search", "export")
    }
    assert {p for p in held["auditor"] if p.startswith("activity.")} == {
        "activity.events.read",
        "activity.events.list",
        "activity.events.export",
        "activity.chain.verify",
        "activity.chain.read",
    }
    assert "workspace.workspaces.create" not in held["workspaceAdmin"]
    assert BY_ID["platformAdmin"].assignable_scopes == (rbac_pb2.ScopeKind.SCOPE_KIND_PLATFORM,)
