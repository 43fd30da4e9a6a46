"""The client address the trail records (and logins are throttled by) is not the
client's to choose: a forwarded address counts only when the gateway signed it, and the
gateway believes X-Forwarded-For hops only from the proxies it is told to trust."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from gateway import create_app
from pursight.activity.v1 import activity_pb2, activity_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.runtime.settings import Settings
from tests.conftest import ADMIN_PASSWORD, Platform

FORGED = "203.0.113.9"


async def _recorded_address(platform: Platform, request_id: str) -> str:
    page = await activity_pb2_grpc.ActivityServiceStub(platform.channel).ListEvents(
        activity_pb2.ListEventsRequest(request_id=request_id), metadata=platform.admin
    )
    (event,) = [e for e in page.events if e.action.endswith("/CreateWorkspace")]
    return event.client_address


@asynccontextmanager
async def _gateway(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        # The ASGI transport's client connects from 127.0.0.1.
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield client


async def _create_over_rest(platform: Platform, settings: Settings, forwarded_for: str) -> str:
    token = (await platform.login("admin", ADMIN_PASSWORD)).tokens.access_token
    request_id = f"xff-{uuid.uuid4().hex}"
    async with _gateway(settings) as rest:
        reply = await rest.post(
            "/v1/workspaces",
            json={"displayName": f"Forwarded {request_id[-8:]}"},
            headers={
                "Authorization": f"Bearer {token}",
                "X-Request-Id": request_id,
                "X-Forwarded-For": forwarded_for,
            },
        )
    assert reply.status_code == 200, reply.text
    return await _recorded_address(platform, request_id)


async def test_a_grpc_client_cannot_name_its_own_address(platform: Platform) -> None:
    request_id = f"xff-{uuid.uuid4().hex}"
    await workspace_pb2_grpc.WorkspaceServiceStub(platform.channel).CreateWorkspace(
        workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name=f"Forged {request_id[-8:]}")
        ),
        metadata=(
            *platform.admin,
            ("x-request-id", request_id),
            ("x-forwarded-for", FORGED),
            ("x-pursight-forwarded-sig", "made-up"),
        ),
    )
    assert await _recorded_address(platform, request_id) == "127.0.0.1"


async def test_the_gateway_forwards_who_connected_unless_told_to_trust_proxies(
    platform: Platform,
) -> None:
    # Nobody trusted: the header is the client's own words.
    assert await _create_over_rest(platform, platform.settings, FORGED) == "127.0.0.1"
    # Behind a trusted local proxy: the hop it appended is the client; what the client
    # wrote to its left is not.
    behind_proxy = dataclasses.replace(platform.settings, gateway_trusted_proxies="127.0.0.0/8")
    assert await _create_over_rest(platform, behind_proxy, FORGED) == FORGED
    assert await _create_over_rest(platform, behind_proxy, f"198.51.100.7, {FORGED}") == FORGED
