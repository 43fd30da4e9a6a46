"""The demo workspace: a small shop's catalog with personal data, loaded over the API.

Until the scanner lands (main-job issue) the demo describes a sample PostgreSQL database
and a folder of files directly through CatalogService.BatchUpsertAssets, exactly as a
scan would, so search, facets and history have something real to show.
"""

from __future__ import annotations

import grpc
from rich.console import Console

from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.runtime.settings import Settings

T = resources_pb2.AssetType
WORKSPACE_ID = "demo"
DB = "postgresql://demo-db:5432/shop"

# table -> (description, [(column, type, label or "")])
TABLES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "customers": (
        "People who bought from the shop",
        [
            ("customer_id", "bigint", ""),
            ("full_name", "text", "pii.person_name"),
            ("email", "text", "pii.email"),
            ("phone", "text", "pii.phone_number"),
            ("date_of_birth", "date", "pii.date_of_birth"),
            ("email_opt_in", "boolean", ""),
            ("street_address", "text", "pii.street_address"),
            ("postal_code", "text", "pii.postal_code"),
        ],
    ),
    "orders": (
        "One row per order",
        [
            ("order_id", "bigint", ""),
            ("customer_id", "bigint", ""),
            ("order_number", "text", ""),
            ("total_amount", "numeric(12,2)", ""),
            ("shipping_address", "text", "pii.street_address"),
            ("created_at", "timestamptz", ""),
        ],
    ),
    "payments": (
        "Card payments for orders",
        [
            ("payment_id", "bigint", ""),
            ("order_id", "bigint", ""),
            ("card_number", "text", "financial.credit_card"),
            ("iban", "text", "financial.iban"),
            ("amount", "numeric(12,2)", ""),
            ("paid_at", "timestamptz", ""),
        ],
    ),
    "employees": (
        "Staff records",
        [
            ("employee_id", "bigint", ""),
            ("full_name", "text", "pii.person_name"),
            ("ssn", "text", "government.us_ssn"),
            ("work_email", "text", "pii.email"),
            ("salary", "numeric(12,2)", ""),
            ("ip_address", "inet", "network.ip_address"),
        ],
    ),
    "support_tickets": (
        "Customer support conversations",
        [
            ("ticket_id", "bigint", ""),
            ("customer_id", "bigint", ""),
            ("subject", "text", ""),
            ("body", "text", "pii.email"),
            ("opened_at", "timestamptz", ""),
        ],
    ),
}
FILES = {
    "exports/customers_2026.csv": ["email", "full_name", "country"],
    "exports/payments.parquet": ["card_number", "amount", "currency"],
}


def demo_assets() -> list[resources_pb2.Asset]:
    """The demo catalog, parents before children."""
    out = [
        resources_pb2.Asset(qualified_name=DB, type=T.ASSET_TYPE_DATABASE, display_name="shop"),
        resources_pb2.Asset(
            qualified_name=f"{DB}/public",
            type=T.ASSET_TYPE_SCHEMA,
            display_name="public",
            parent=DB,
        ),
    ]
    for table, (description, columns) in TABLES.items():
        table_qn = f"{DB}/public/{table}"
        out.append(
            resources_pb2.Asset(
                qualified_name=table_qn,
                type=T.ASSET_TYPE_TABLE,
                display_name=table,
                parent=f"{DB}/public",
                source_description=description,
                table=resources_pb2.TableInfo(row_count=1000, column_count=len(columns)),
            )
        )
        for position, (column, data_type, label) in enumerate(columns, start=1):
            asset = resources_pb2.Asset(
                qualified_name=f"{table_qn}#{column}",
                type=T.ASSET_TYPE_COLUMN,
                display_name=column,
                parent=table_qn,
                column=resources_pb2.ColumnInfo(
                    data_type=data_type,
                    ordinal_position=position,
                    nullable=position > 1,
                    primary_key=position == 1,
                ),
            )
            if label:
                asset.classifications.add(
                    label=label,
                    confidence=0.95,
                    evidence=resources_pb2.ClassificationEvidence(
                        classifier=f"classifiers/{label.split('.', 1)[1]}",
                        match_ratio=0.97,
                        sampled_count=128,
                        matched_count=124,
                        threshold=0.6,
                        detail="demo data",
                    ),
                )
            out.append(asset)
    root = "file:///srv/demo-files"
    out.append(
        resources_pb2.Asset(
            qualified_name=root, type=T.ASSET_TYPE_FOLDER, display_name="demo-files"
        )
    )
    for path, file_columns in FILES.items():
        folder = f"{root}/{path.rsplit('/', 1)[0]}"
        if not any(a.qualified_name == folder for a in out):
            out.append(
                resources_pb2.Asset(
                    qualified_name=folder,
                    type=T.ASSET_TYPE_FOLDER,
                    display_name=folder.rsplit("/", 1)[1],
                    parent=root,
                )
            )
        file_qn = f"{root}/{path}"
        out.append(
            resources_pb2.Asset(
                qualified_name=file_qn,
                type=T.ASSET_TYPE_FILE,
                display_name=path.rsplit("/", 1)[1],
                parent=folder,
                table=resources_pb2.TableInfo(file_format=path.rsplit(".", 1)[1]),
            )
        )
        for file_column in file_columns:
            out.append(
                resources_pb2.Asset(
                    qualified_name=f"{file_qn}#{file_column}",
                    type=T.ASSET_TYPE_COLUMN,
                    display_name=file_column,
                    parent=file_qn,
                )
            )
    return out


async def load_demo(settings: Settings, username: str, password: str) -> str:
    """Creates (or refreshes) the demo workspace; returns its name."""
    console = Console(stderr=True)
    address = settings.service_address("auth")
    async with grpc.aio.insecure_channel(address) as channel:
        login = await auth_pb2_grpc.AuthServiceStub(channel).Login(
            auth_pb2.LoginRequest(username=username, password=password), timeout=30
        )
    metadata = (("authorization", f"Bearer {login.tokens.access_token}"),)
    name = f"workspaces/{WORKSPACE_ID}"
    async with grpc.aio.insecure_channel(settings.service_address("workspace")) as channel:
        workspaces = workspace_pb2_grpc.WorkspaceServiceStub(channel)
        try:
            await workspaces.CreateWorkspace(
                workspace_pb2.CreateWorkspaceRequest(
                    workspace_id=WORKSPACE_ID,
                    workspace=workspace_pb2.Workspace(
                        display_name="Demo", description="A small shop's data, for a tour"
                    ),
                ),
                metadata=metadata,
                timeout=30,
            )
        except grpc.aio.AioRpcError as exc:
            if exc.code() != grpc.StatusCode.ALREADY_EXISTS:
                raise
    assets = demo_assets()
    async with grpc.aio.insecure_channel(settings.service_address("catalog")) as channel:
        reply = await catalog_pb2_grpc.CatalogServiceStub(channel).BatchUpsertAssets(
            catalog_pb2.BatchUpsertAssetsRequest(parent=name, assets=assets, actor="demo"),
            metadata=metadata,
            timeout=60,
        )
    sensitive = sum(1 for a in reply.assets if a.classifications)
    console.print(
        f"demo workspace {name}: {len(reply.assets)} assets "
        f"({reply.created_count} new), {sensitive} sensitive columns"
    )
    return name
