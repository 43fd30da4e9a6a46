"""ASGI apps for the gateway benchmark, built by uvicorn (``--factory``) in a child.

Both read the upstream gRPC address from ``PURSIGHT_GRPC_HOST``/``PURSIGHT_GRPC_PORT``.
``gateway_app`` is the generic transcoding gateway; ``handwritten_app`` is the least a
person would write by hand for the same route: one FastAPI path operation forwarding
the Authorization header to GetAsset and answering ``MessageToDict`` of the reply.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import grpc
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from google.protobuf import json_format

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from services.runtime.settings import load_settings


def gateway_app() -> FastAPI:
    from gateway.app import create_app

    return create_app(load_settings())


def handwritten_app() -> FastAPI:
    settings = load_settings()
    stubs: list[catalog_pb2_grpc.CatalogServiceStub] = []

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        async with grpc.aio.insecure_channel(settings.service_address("catalog")) as channel:
            stubs.append(catalog_pb2_grpc.CatalogServiceStub(channel))
            yield

    app = FastAPI(lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/healthz")
    async def healthz() -> Response:
        return JSONResponse({"status": "SERVING"})

    @app.get("/v1/workspaces/{workspace}/assets/{asset}")
    async def get_asset(workspace: str, asset: str, request: Request) -> Response:
        metadata = (("authorization", request.headers.get("authorization", "")),)
        try:
            reply = await stubs[0].GetAsset(
                catalog_pb2.GetAssetRequest(name=f"workspaces/{workspace}/assets/{asset}"),
                metadata=metadata,
                timeout=settings.call_timeout_seconds,
            )
        except grpc.aio.AioRpcError as exc:
            return JSONResponse(
                {"code": exc.code().value[0], "message": exc.details()}, status_code=502
            )
        return JSONResponse(json_format.MessageToDict(reply))

    return app
