"""REST GET /v1/{name=workspaces/*/assets/*} through the generic gateway against a
hand-written FastAPI route doing the same hop.

Both apps run under uvicorn in their own child process with the same options and call
the same platform child over gRPC with the caller's Authorization header; the load
generator keeps 50 requests in flight over keep-alive connections in this process
(bench/_http.py: httpx's client was slower than either app). Only the
HTTP-to-gRPC layer differs: route matching, request building and JSON rendering from
the descriptors versus a fixed path operation and ``MessageToDict``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import grpc

from bench._http import KeepAliveClient
from bench._load import (
    LoadResult,
    alternate,
    closed_loop,
    load_headers,
    load_rows,
    median_rps,
    table,
)
from bench._proc import Child, Stores, echo_child, free_port, platform_child, uvicorn_child
from bench.grpc_get_asset import LoadSettings, admin_metadata, seed_asset

TARGET = 0.8
COMMAND = "python -m bench --only gateway_get_asset"


def _gateway_problem(grpc_address: str) -> str:
    """Why the gateway cannot be benchmarked now; empty when it can."""
    try:
        from gateway.app import create_app
        from services.runtime.settings import load_settings

        host, _, port = grpc_address.rpartition(":")
        create_app(load_settings({}, grpc_host=host, grpc_port=port))
    except Exception as exc:  # noqa: BLE001 - the gateway may be half-built: report, skip
        return f"gateway.app.create_app is not usable: {type(exc).__name__}: {exc}"
    return ""


def _skip(reason: str) -> dict[str, object]:
    print(f"SKIPPED: {reason}")
    return {
        "benchmark": "gateway_get_asset",
        "skipped": reason,
        "target": TARGET,
        "value_text": "-",
    }


async def run(data_dir: Path, load: LoadSettings) -> dict[str, object]:
    print(f"\n== gateway_get_asset: generic REST gateway vs hand-written FastAPI hop\n   {COMMAND}")
    stores = await Stores.start(data_dir)
    try:
        async with platform_child(data_dir) as platform:
            address = platform.info["address"]
            problem = _gateway_problem(address)
            if problem:
                return _skip(problem)
            async with grpc.aio.insecure_channel(address) as channel:
                metadata = await admin_metadata(channel)
                asset = await seed_asset(channel, metadata)
            request = Request(f"/v1/{asset.name}", dict(metadata))
            print("-- upstream: the platform (GetAsset through the full server)")
            result = await _against(address, platform.pid, request, load)
            if result.get("skipped"):
                return result
            # The platform's own cost hides the HTTP layer's: measure that alone too,
            # against an upstream that answers at once with the same Asset bytes.
            async with echo_child(asset.SerializeToString().hex(), any_method=True) as stub:
                print(
                    "-- upstream: a stub grpc.aio server answering with the same Asset"
                    " (the HTTP layer alone)"
                )
                alone = await _against(stub.info["address"], stub.pid, request, load)
            result["stub_upstream_ratio"] = alone.get("ratio")
            return result
    finally:
        stores.stop()


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]


async def _against(
    address: str, upstream_pid: int, request: Request, load: LoadSettings
) -> dict[str, object]:
    """Both apps under uvicorn calling ``address``, compared."""
    gateway = uvicorn_child("gateway_app", free_port(), address)
    try:
        await gateway.__aenter__()
    except RuntimeError as exc:
        return _skip(f"the gateway app did not start under uvicorn: {exc}")
    try:
        async with uvicorn_child("handwritten_app", free_port(), address) as hand:
            return await _compare(gateway, hand, upstream_pid, request, load)
    finally:
        await gateway.__aexit__(None, None, None)


async def _compare(
    gateway: Child, hand: Child, upstream_pid: int, request: Request, load: LoadSettings
) -> dict[str, object]:
    clients = [KeepAliveClient(c.info["url"], load.concurrency) for c in (gateway, hand)]
    try:
        bodies = []
        for client, child in zip(clients, (gateway, hand), strict=True):
            status, body = await client.get(request.path, request.headers)
            if status != 200:
                return _skip(
                    f"GET {child.info['url']}{request.path} answered"
                    f" {status}: {body[:200].decode(errors='replace')}"
                )
            bodies.append(json.loads(body))
        if bodies[0] != bodies[1]:
            print(
                "note: the two bodies differ:\n  gateway:      "
                f"{json.dumps(bodies[0])[:300]}\n  hand-written: {json.dumps(bodies[1])[:300]}"
            )
        runs = [
            _runner(label, client, request, {"app": child.pid, "upstream": upstream_pid}, load)
            for label, client, child in (
                ("gateway", clients[0], gateway),
                ("hand-written", clients[1], hand),
            )
        ]
        gateways, hands = await alternate(runs, load.rounds)
    finally:
        for client in clients:
            await client.aclose()
    return report(gateways, hands, load)


def _runner(
    label: str,
    client: KeepAliveClient,
    request: Request,
    pids: dict[str, int],
    load: LoadSettings,
) -> Callable[[], Awaitable[LoadResult]]:
    async def call() -> object:
        status, body = await client.get(request.path, request.headers)
        if status != 200:
            raise RuntimeError(f"HTTP {status}")
        return body

    async def run_once() -> LoadResult:
        return await closed_loop(
            label,
            call,
            concurrency=load.concurrency,
            warmup=load.warmup,
            duration=load.duration,
            pids=pids,
        )

    return run_once


def report(
    gateways: list[LoadResult], hands: list[LoadResult], load: LoadSettings
) -> dict[str, object]:
    children = ["app", "upstream"]
    rows = load_rows([r for pair in zip(gateways, hands, strict=True) for r in pair], children)
    print(
        f"{load.concurrency} in flight (keep-alive HTTP/1.1), {load.duration:g} s per run after"
        f" {load.warmup:g} s warm-up, {load.rounds} alternating rounds; app = the uvicorn"
        " process, upstream = the gRPC server"
    )
    print(table(load_headers(children), rows))
    ratio = median_rps(gateways) / median_rps(hands)
    pairs = ", ".join(f"{g.rps / h.rps:.2f}" for g, h in zip(gateways, hands, strict=True))
    verdict = "meets" if ratio >= TARGET else "MISSES"
    print(
        f"gateway {median_rps(gateways):,.0f} req/s vs hand-written"
        f" {median_rps(hands):,.0f} req/s (medians): ratio {ratio:.2f}"
        f" (per round {pairs}); {verdict} the target {TARGET}"
    )
    return {
        "benchmark": "gateway_get_asset",
        "ratio": ratio,
        "target": TARGET,
        "gateway_rps": median_rps(gateways),
        "handwritten_rps": median_rps(hands),
    }
