"""The built-in roles: what each one is for and the permissions it grants.

Each role is a list of permissions and wildcard patterns over the permission catalogue
(every RPC's permission from the contracts, plus the field-level ones in
``services.runtime.permissions``), so a new RPC whose permission fits a pattern is
covered without editing this file. A test checks that every pattern matches at least
one permission, and ListPermissions shows, for each permission, the roles that hold it.

| role              | for                          | grants, besides the basics below             |
|-------------------|------------------------------|----------------------------------------------|
| platformAdmin     | running the platform         | ``*``: everything, users, service accounts,  |
|                   |                              | signing keys, custom roles, the audit chain  |
| workspaceAdmin    | owning a workspace           | all inside a workspace: members, bindings,   |
|                   |                              | sources (not credentials), scans, catalog,   |
|                   |                              | classification, compliance and waiver        |
|                   |                              | approval, workflows, collaboration,          |
|                   |                              | dashboards, the workspace's audit events     |
| dataSourceAdmin   | registering and scanning     | data sources (not credentials), connector    |
|                   | sources                      | kinds, scans and runs, cancelling            |
|                   |                              | operations, running classifiers; catalog     |
|                   |                              | reads                                        |
| dataSteward       | meaning and quality of data  | the curator's + classifications and owners   |
|                   |                              | (field-level), glossaries and terms, manual  |
|                   |                              | assets, custom classifiers and rule sets,    |
|                   |                              | violations, waiver requests                  |
| dataCurator       | describing data              | the reader's + descriptions, tags,           |
|                   |                              | properties, term assignment, CSV import,     |
|                   |                              | manual lineage, collaboration, classifying   |
| dataReader        | reading the catalog          | every read, list and search of catalog,      |
|                   |                              | classification, data sources, scans,         |
|                   |                              | operations, dashboards, collaboration;       |
|                   |                              | compliance frameworks and scores; assistant  |
| policyAuthor      | writing compliance policies  | all of compliance (policies, evaluations,    |
|                   |                              | violations, waivers and approval, scores);   |
|                   |                              | catalog and classification reads             |
| auditor           | reviewing what happened and  | the audit trail (events, export, chain       |
|                   | who may do what              | verification), compliance reads, role        |
|                   |                              | bindings (access reviews)                    |

Basics every built-in role holds: its own session (``auth.self.read``,
``auth.sessions.logout``, ``auth.users.password``: the auth service lets a non-admin
change only their own password), testing and listing permissions, reading roles, and
reading the workspace and its members.

Where a role may be bound: ``platformAdmin`` only at the platform; ``workspaceAdmin``,
``policyAuthor`` and ``auditor`` at the platform or a workspace; ``dataSourceAdmin``
down to a data source; stewards, curators and readers at any level down to an asset.

Not in any role but ``platformAdmin``: the internal ``datasource.dataSources.connect``
(resolves source credentials; services call it as themselves) and
``activity.events.write`` (recording audit events, which services do).
"""

from __future__ import annotations

from dataclasses import dataclass

from pursight.rbac.v1 import rbac_pb2

Kind = rbac_pb2.ScopeKind
PLATFORM = Kind.SCOPE_KIND_PLATFORM
WORKSPACE = Kind.SCOPE_KIND_WORKSPACE
DATA_SOURCE = Kind.SCOPE_KIND_DATA_SOURCE


@dataclass(frozen=True)
class BuiltInRole:
    role_id: str
    display_name: str
    description: str
    permissions: tuple[str, ...]
    assignable_scopes: tuple[int, ...] = ()

    @property
    def name(self) -> str:
        return f"roles/{self.role_id}"


BASICS = (
    "auth.self.read",
    "auth.sessions.logout",
    "auth.users.password",
    "rbac.permissions.test",
    "rbac.permissions.list",
    "rbac.roles.read",
    "rbac.roles.list",
    "workspace.workspaces.read",
    "workspace.workspaces.list",
    "workspace.members.read",
    "workspace.members.list",
)
CATALOG_READ = (
    "catalog.*.read",
    "catalog.*.list",
    "catalog.*.search",
    "catalog.annotations.export",
)
CLASSIFICATION_READ = (
    "classification.*.read",
    "classification.*.list",
    "classification.classifiers.test",
)
OPERATIONS_READ = ("operations.operations.read", "operations.operations.list")
SOURCES_READ = (
    "datasource.dataSources.read",
    "datasource.dataSources.list",
    "datasource.connectorKinds.list",
    "scan.*.read",
    "scan.*.list",
)
# Everything about data sources but their credentials (datasource.dataSources.connect).
SOURCES_ADMIN = (
    "datasource.dataSources.create",
    "datasource.dataSources.read",
    "datasource.dataSources.list",
    "datasource.dataSources.update",
    "datasource.dataSources.delete",
    "datasource.dataSources.test",
    "datasource.dataSources.browse",
    "datasource.connectorKinds.list",
    "scan.*.*",
)
COMPLIANCE_READ = ("compliance.*.read", "compliance.*.list")
AUDIT_READ = (
    "activity.events.read",
    "activity.events.list",
    "activity.events.export",
)

READER = (
    *BASICS,
    *CATALOG_READ,
    *CLASSIFICATION_READ,
    *SOURCES_READ,
    *OPERATIONS_READ,
    "dashboard.*.read",
    "dashboard.*.list",
    "collaboration.*.read",
    "collaboration.*.list",
    "collaboration.notifications.update",
    "collaboration.subscriptions.*",
    "compliance.frameworks.read",
    "compliance.frameworks.list",
    "compliance.scores.read",
    "compliance.scores.list",
    "assistant.*.*",
)
CURATOR = (
    *READER,
    "catalog.assets.update",
    "catalog.terms.assign",
    "catalog.annotations.import",
    "catalog.lineage.create",
    "catalog.lineage.delete",
    "classification.classifiers.classify",
    "collaboration.*.*",
)
STEWARD = (
    *CURATOR,
    "catalog.assets.create",
    "catalog.assets.delete",
    "catalog.classifications.update",
    "catalog.owners.update",
    "catalog.glossaries.*",
    "catalog.terms.*",
    "classification.classifiers.*",
    "classification.ruleSets.*",
    "compliance.violations.read",
    "compliance.violations.list",
    "compliance.waivers.create",
    "compliance.waivers.read",
    "compliance.waivers.list",
    "compliance.waivers.update",
)
SOURCE_ADMIN = (
    *BASICS,
    *CATALOG_READ,
    *CLASSIFICATION_READ,
    *OPERATIONS_READ,
    *SOURCES_ADMIN,
    "operations.operations.cancel",
    "classification.classifiers.classify",
)
POLICY_AUTHOR = (*BASICS, *CATALOG_READ, *CLASSIFICATION_READ, *OPERATIONS_READ, "compliance.*.*")
AUDITOR = (
    *BASICS,
    *AUDIT_READ,
    "activity.chain.*",
    *COMPLIANCE_READ,
    "rbac.roleBindings.read",
    "rbac.roleBindings.list",
)
WORKSPACE_ADMIN = (
    *BASICS,
    "workspace.workspaces.update",
    "workspace.workspaces.delete",
    "workspace.members.*",
    "catalog.*.*",
    "classification.*.*",
    *SOURCES_ADMIN,
    "compliance.*.*",
    "operations.*.*",
    "rbac.roleBindings.*",
    "rbac.permissions.check",
    *AUDIT_READ,
    "collaboration.*.*",
    "dashboard.*.*",
    "assistant.*.*",
    "workflow.*.*",
    "pipeline.*.*",
    "orchestration.flows.*",
    "integration.*.*",
)

BUILT_IN_ROLES: tuple[BuiltInRole, ...] = (
    BuiltInRole(
        "platformAdmin",
        "Platform admin",
        "Runs the platform: holds every permission everywhere.",
        ("*",),
        (PLATFORM,),
    ),
    BuiltInRole(
        "workspaceAdmin",
        "Workspace admin",
        "Owns a workspace: its members, role bindings and everything in it.",
        WORKSPACE_ADMIN,
        (PLATFORM, WORKSPACE),
    ),
    BuiltInRole(
        "dataSourceAdmin",
        "Data source admin",
        "Registers data sources and runs their scans.",
        SOURCE_ADMIN,
        (PLATFORM, WORKSPACE, DATA_SOURCE),
    ),
    BuiltInRole(
        "dataSteward",
        "Data steward",
        "Owns the meaning and quality of data: classifications, owners, glossary.",
        STEWARD,
    ),
    BuiltInRole(
        "dataCurator",
        "Data curator",
        "Describes data: descriptions, tags, glossary term assignments.",
        CURATOR,
    ),
    BuiltInRole("dataReader", "Data reader", "Reads the catalog.", READER),
    BuiltInRole(
        "policyAuthor",
        "Policy author",
        "Writes compliance policies and decides on waivers.",
        POLICY_AUTHOR,
        (PLATFORM, WORKSPACE),
    ),
    BuiltInRole(
        "auditor",
        "Auditor",
        "Reads the audit trail, compliance results and who holds which role.",
        AUDITOR,
        (PLATFORM, WORKSPACE),
    ),
)
BY_ID = {role.role_id: role for role in BUILT_IN_ROLES}
PLATFORM_ADMIN = "platformAdmin"
