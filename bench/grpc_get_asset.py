"""GetAsset through the whole server against a bare grpc.aio echo server.

The platform child runs every service with the real interceptor chain (telemetry,
authentication with a real admin token checked against Redis, authorization, audit,
error mapping) and the catalog on the embedded PostgreSQL. The echo child is a grpc.aio
server with one generic handler and nothing else. The client is the same in both: a
grpc.aio channel with 50 calls in flight sending a GetAssetRequest and parsing the
reply as an Asset (the echo server answers with the very bytes GetAsset returns), so
only the server side differs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import grpc

from bench._load import (
    LoadResult,
    alternate,
    closed_loop,
    load_headers,
    load_rows,
    median_rps,
    table,
)
from bench._proc import ADMIN_PASSWORD, Stores, echo_child, platform_child
from bench._serve import ECHO_METHOD
from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2

TARGET = 0.5
WORKSPACE = "bench"
COMMAND = "python -m bench --only grpc_get_asset"


@dataclass(frozen=True)
class LoadSettings:
    concurrency: int = 50
    warmup: float = 1.0
    duration: float = 5.0
    rounds: int = 3


async def admin_metadata(channel: grpc.aio.Channel) -> tuple[tuple[str, str], ...]:
    login = await auth_pb2_grpc.AuthServiceStub(channel).Login(
        auth_pb2.LoginRequest(username="admin", password=ADMIN_PASSWORD)
    )
    return (("authorization", f"Bearer {login.tokens.access_token}"),)


def sample_column(table_name: str) -> resources_pb2.Asset:
    """A typical column asset: classified, described, tagged, owned."""
    return resources_pb2.Asset(
        qualified_name=f"{table_name}#customer_email",
        type=resources_pb2.ASSET_TYPE_COLUMN,
        display_name="customer_email",
        data_source="pg-sales",
        description="Primary e-mail address of the customer, verified at sign-up.",
        owners=["users/alice"],
        tags=["gold", "pii"],
        classifications=[resources_pb2.Classification(label="pii.email", confidence=0.97)],
        column=resources_pb2.ColumnInfo(
            data_type="varchar(320)", nullable=False, ordinal_position=3
        ),
    )


async def seed_asset(
    channel: grpc.aio.Channel, metadata: tuple[tuple[str, str], ...]
) -> resources_pb2.Asset:
    """A table and one of its columns in workspace ``bench`` (created once)."""
    stub = catalog_pb2_grpc.CatalogServiceStub(channel)
    parent = f"workspaces/{WORKSPACE}"
    table_name = "postgresql://db-1:5432/sales/public/customers"
    column = sample_column(table_name)
    try:
        return await stub.LookupAsset(
            catalog_pb2.LookupAssetRequest(parent=parent, qualified_name=column.qualified_name),
            metadata=metadata,
        )
    except grpc.aio.AioRpcError as exc:
        if exc.code() != grpc.StatusCode.NOT_FOUND:
            raise
    table = await stub.CreateAsset(
        catalog_pb2.CreateAssetRequest(
            parent=parent,
            asset=resources_pb2.Asset(
                qualified_name=table_name,
                type=resources_pb2.ASSET_TYPE_TABLE,
                display_name="customers",
                data_source="pg-sales",
            ),
        ),
        metadata=metadata,
    )
    column.parent = table.name
    return await stub.CreateAsset(
        catalog_pb2.CreateAssetRequest(parent=parent, asset=column), metadata=metadata
    )


def platform_method_count() -> int:
    """Methods the platform registers: every PurSight RPC, health (2), reflection (1)."""
    from services.runtime.descriptors import all_policies

    return len(all_policies()) + 3


async def run(data_dir: Path, load: LoadSettings) -> dict[str, object]:
    print(f"\n== grpc_get_asset: GetAsset (full chain) vs bare grpc.aio echo\n   {COMMAND}")
    stores = await Stores.start(data_dir)
    try:
        async with platform_child(data_dir) as platform:
            async with grpc.aio.insecure_channel(platform.info["address"]) as channel:
                metadata = await admin_metadata(channel)
                asset = await seed_asset(channel, metadata)
            payload = asset.SerializeToString().hex()
            registered = platform_method_count()
            async with (
                echo_child(payload) as echo,
                echo_child(payload, registered) as echo_registered,
            ):
                targets = [
                    Target("GetAsset", platform.info["address"], platform.pid, True),
                    Target("echo", echo.info["address"], echo.pid, False),
                    Target(
                        f"echo+{registered} registered",
                        echo_registered.info["address"],
                        echo_registered.pid,
                        False,
                    ),
                ]
                results = await _compare(targets, metadata, asset, load)
    finally:
        stores.stop()
    return report(results, load)


@dataclass(frozen=True)
class Target:
    label: str
    address: str
    pid: int
    platform: bool


async def _compare(
    targets: list[Target],
    metadata: tuple[tuple[str, str], ...],
    asset: resources_pb2.Asset,
    load: LoadSettings,
) -> list[list[LoadResult]]:
    """Alternating closed-loop runs against each target with the same client."""
    request = catalog_pb2.GetAssetRequest(name=asset.name)
    channels = [grpc.aio.insecure_channel(t.address) for t in targets]
    try:
        runs = []
        for target, channel in zip(targets, channels, strict=True):
            method = (
                catalog_pb2_grpc.CatalogServiceStub(channel).GetAsset
                if target.platform
                else channel.unary_unary(
                    ECHO_METHOD,
                    request_serializer=catalog_pb2.GetAssetRequest.SerializeToString,
                    response_deserializer=resources_pb2.Asset.FromString,
                )
            )
            if await method(request, metadata=metadata) != asset:
                raise RuntimeError(f"{target.label} does not answer with the asset")
            runs.append(_runner(target, method, request, metadata, load))
        return await alternate(runs, load.rounds)
    finally:
        for channel in channels:
            await channel.close()


def _runner(
    target: Target,
    method: grpc.aio.UnaryUnaryMultiCallable,
    request: catalog_pb2.GetAssetRequest,
    metadata: tuple[tuple[str, str], ...],
    load: LoadSettings,
) -> Callable[[], Awaitable[LoadResult]]:
    async def call() -> object:
        return await method(request, metadata=metadata)

    async def run_once() -> LoadResult:
        return await closed_loop(
            target.label,
            call,
            concurrency=load.concurrency,
            warmup=load.warmup,
            duration=load.duration,
            pids={"server": target.pid},
        )

    return run_once


def report(results: list[list[LoadResult]], load: LoadSettings) -> dict[str, object]:
    gets, echoes, registered = results
    rows = load_rows([r for group in zip(*results, strict=True) for r in group], ["server"])
    print(
        f"{load.concurrency} in flight, {load.duration:g} s per run after"
        f" {load.warmup:g} s warm-up, {load.rounds} alternating rounds"
    )
    print(table(load_headers(["server"]), rows))
    ratio = median_rps(gets) / median_rps(echoes)
    pairs = ", ".join(f"{g.rps / e.rps:.2f}" for g, e in zip(gets, echoes, strict=True))
    verdict = "meets" if ratio >= TARGET else "MISSES"
    print(
        f"GetAsset {median_rps(gets):,.0f} req/s vs echo {median_rps(echoes):,.0f} req/s"
        f" (medians): ratio {ratio:.2f} (per round {pairs}); {verdict} the target"
        f" {TARGET}"
    )
    print(
        f"{registered[0].label}: {median_rps(registered):,.0f} req/s, "
        f"{median_rps(registered) / median_rps(echoes):.2f} of the bare echo: the cost of"
        " grpc.aio waiting on one future per registered method for every call"
    )
    return {
        "benchmark": "grpc_get_asset",
        "ratio": ratio,
        "target": TARGET,
        "get_asset_rps": median_rps(gets),
        "echo_rps": median_rps(echoes),
        "echo_registered_rps": median_rps(registered),
    }
