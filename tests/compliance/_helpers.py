"""Shared set-up for the compliance tests: a workspace with a small shop in the catalog
(a source, a database, tables and labelled columns), and stubs to drive evaluations."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.protobuf import field_mask_pb2, struct_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from pursight.common.v1 import operation_pb2, operation_pb2_grpc
from pursight.compliance.v1 import compliance_pb2, compliance_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from tests.conftest import Platform

T = resources_pb2.AssetType
Status = compliance_pb2.Violation.Status
Outcome = compliance_pb2.RuleResult.Outcome
Metadata = tuple[tuple[str, str], ...]
SOURCE = "postgresql://db.example.com:5432"
DB = f"{SOURCE}/shop"

# table -> column -> labels the scanner found
SHOP: dict[str, dict[str, list[str]]] = {
    "customers": {"id": [], "email": ["pii.email"], "ssn": ["government_id.us_ssn"]},
    "payments": {"id": [], "card_number": ["financial.credit_card"]},
    "products": {"id": [], "name": []},
}


def qn(table: str = "", column: str = "") -> str:
    """The qualified name of the shop's database, a table or a column."""
    if not table:
        return DB
    return f"{DB}/public/{table}" + (f"#{column}" if column else "")


@dataclass
class Shop:
    """A workspace, its stubs (as the administrator) and the shop's assets by
    qualified name."""

    platform: Platform
    workspace: str
    data_source: str
    assets: dict[str, resources_pb2.Asset] = field(default_factory=dict)

    @property
    def md(self) -> Metadata:
        return self.platform.admin

    @property
    def compliance(self) -> compliance_pb2_grpc.ComplianceServiceStub:
        return compliance_pb2_grpc.ComplianceServiceStub(self.platform.channel)

    @property
    def catalog(self) -> catalog_pb2_grpc.CatalogServiceStub:
        return catalog_pb2_grpc.CatalogServiceStub(self.platform.channel)

    def name(self, qualified_name: str) -> str:
        return self.assets[qualified_name].name

    async def edit(self, qualified_name: str, **values: Any) -> resources_pb2.Asset:
        """Sets editable fields (owners, stewards, tags, retention_days, protected,
        properties) as a person does: scans never write them."""
        asset = resources_pb2.Asset(name=self.name(qualified_name))
        for key, value in values.items():
            if key == "properties":
                asset.properties.CopyFrom(_struct(value))
            elif isinstance(value, list):
                getattr(asset, key).extend(value)
            else:
                setattr(asset, key, value)
        updated = await self.catalog.UpdateAsset(
            catalog_pb2.UpdateAssetRequest(
                asset=asset, update_mask=field_mask_pb2.FieldMask(paths=list(values))
            ),
            metadata=self.md,
        )
        self.assets[qualified_name] = updated
        return updated

    async def policy_from_pack(self, framework: str) -> compliance_pb2.Policy:
        return await self.compliance.CreatePolicy(
            compliance_pb2.CreatePolicyRequest(
                parent=self.workspace,
                policy=compliance_pb2.Policy(
                    display_name=f"{framework} baseline", framework=f"frameworks/{framework}"
                ),
                from_framework_pack=True,
            ),
            metadata=self.md,
        )

    async def evaluate(self, scope: str = "", **kwargs: Any) -> compliance_pb2.Evaluation:
        """Starts an evaluation and watches its operation to the end."""
        operation = await self.compliance.EvaluateCompliance(
            compliance_pb2.EvaluateComplianceRequest(parent=self.workspace, scope=scope, **kwargs),
            metadata=self.md,
        )
        return await finished(self.platform, operation)

    async def violations(
        self, statuses: Iterable[int] = (), **kwargs: Any
    ) -> list[compliance_pb2.Violation]:
        reply = await self.compliance.ListViolations(
            compliance_pb2.ListViolationsRequest(
                parent=self.workspace, statuses=list(statuses), page_size=1000, **kwargs
            ),
            metadata=self.md,
        )
        return list(reply.violations)

    async def violation_map(
        self, statuses: Iterable[int] = (Status.STATUS_OPEN,)
    ) -> dict[tuple[str, str], compliance_pb2.Violation]:
        """Live violations by (rule id, asset qualified name)."""
        return {(v.rule_id, v.asset_qualified_name): v for v in await self.violations(statuses)}

    async def score(self, framework: str, scope: str = "") -> compliance_pb2.ComplianceScore:
        return await self.compliance.GetComplianceScore(
            compliance_pb2.GetComplianceScoreRequest(
                name=f"{self.workspace}/complianceScores/{framework}", scope=scope
            ),
            metadata=self.md,
        )


async def finished(
    platform: Platform, operation: operation_pb2.Operation
) -> compliance_pb2.Evaluation:
    """Watches an evaluation's operation until it is done; its Evaluation."""
    stub = operation_pb2_grpc.OperationsServiceStub(platform.channel)
    stream = stub.WatchOperation(
        operation_pb2.WatchOperationRequest(name=operation.name), metadata=platform.admin
    )
    last = operation
    async with asyncio.timeout(30):
        async for update in stream:
            last = update
            if update.done:
                break
    assert last.done, last
    assert last.state == operation_pb2.Operation.State.STATE_SUCCEEDED, last.error
    evaluation = compliance_pb2.Evaluation()
    assert last.response.Unpack(evaluation)
    return evaluation


def _struct(values: Mapping[str, Any]) -> struct_pb2.Struct:
    out = struct_pb2.Struct()
    out.update(values)
    return out


def shop_assets(
    data_source: str, tables: Mapping[str, Mapping[str, list[str]]]
) -> list[resources_pb2.Asset]:
    out = [
        resources_pb2.Asset(
            qualified_name=SOURCE,
            type=T.ASSET_TYPE_SOURCE,
            display_name="shop server",
            data_source=data_source,
        ),
        resources_pb2.Asset(
            qualified_name=DB,
            type=T.ASSET_TYPE_DATABASE,
            display_name="shop",
            parent=SOURCE,
            data_source=data_source,
        ),
        resources_pb2.Asset(
            qualified_name=f"{DB}/public",
            type=T.ASSET_TYPE_SCHEMA,
            display_name="public",
            parent=DB,
            data_source=data_source,
        ),
    ]
    for table, columns in tables.items():
        out.append(
            resources_pb2.Asset(
                qualified_name=qn(table),
                type=T.ASSET_TYPE_TABLE,
                display_name=table,
                parent=f"{DB}/public",
                data_source=data_source,
            )
        )
        for column, labels in columns.items():
            asset = resources_pb2.Asset(
                qualified_name=qn(table, column),
                type=T.ASSET_TYPE_COLUMN,
                display_name=column,
                parent=qn(table),
                data_source=data_source,
                column=resources_pb2.ColumnInfo(data_type="text"),
            )
            for label in labels:
                asset.classifications.add(
                    label=label,
                    confidence=0.95,
                    evidence=resources_pb2.ClassificationEvidence(
                        classifier=f"classifiers/{label}", match_ratio=0.95
                    ),
                )
            out.append(asset)
    return out


async def new_shop(
    platform: Platform, tables: Mapping[str, Mapping[str, list[str]]] | None = None
) -> Shop:
    """A fresh workspace with the shop upserted as a scan writes it."""
    ws = await workspace_pb2_grpc.WorkspaceServiceStub(platform.channel).CreateWorkspace(
        workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name=f"Compliance {uuid.uuid4().hex[:8]}")
        ),
        metadata=platform.admin,
    )
    shop = Shop(platform, ws.name, f"{ws.name}/dataSources/shop")
    reply = await shop.catalog.BatchUpsertAssets(
        catalog_pb2.BatchUpsertAssetsRequest(
            parent=ws.name, assets=shop_assets(shop.data_source, tables or SHOP), actor="scans/s1"
        ),
        metadata=platform.admin,
    )
    shop.assets = {a.qualified_name: a for a in reply.assets}
    return shop


def code_of(error: BaseException) -> grpc.StatusCode:
    assert isinstance(error, grpc.aio.AioRpcError)
    return error.code()


def field_violations(error: BaseException) -> dict[str, str]:
    """The BadRequest field violations of a refused call, by field."""
    assert isinstance(error, grpc.aio.AioRpcError)
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    assert isinstance(status, status_pb2.Status)
    found: dict[str, str] = {}
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            found.update({v.field: v.description for v in bad.field_violations})
    return found
