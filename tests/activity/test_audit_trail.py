"""Every mutating RPC and every refused call on the platform becomes an event, and the
trail can be listed, filtered and exported by an auditor only."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import grpc
import httpx
import pytest
import pytest_asyncio
from google.protobuf import field_mask_pb2, message_factory, timestamp_pb2

from gateway import create_app
from pursight.activity.v1 import activity_pb2, activity_pb2_grpc
from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.runtime.descriptors import all_policies, pursight_services
from tests.conftest import ADMIN_PASSWORD, Platform

RECORD_EVENT = "pursight.activity.v1.ActivityService/RecordEvent"
REFUSALS = {grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED}


def _activity(platform: Platform) -> activity_pb2_grpc.ActivityServiceStub:
    return activity_pb2_grpc.ActivityServiceStub(platform.channel)


def _methods() -> list[tuple[str, Any, Any, bool]]:
    """(path, request class, response class, server streaming) of every RPC a client can
    send a single request to."""
    found = []
    for service in pursight_services():
        for method in service.methods:
            if method.client_streaming:
                continue
            found.append(
                (
                    f"/{service.full_name}/{method.name}",
                    message_factory.GetMessageClass(method.input_type),
                    message_factory.GetMessageClass(method.output_type),
                    method.server_streaming,
                )
            )
    return found


async def _call(
    platform: Platform, method: tuple[str, Any, Any, bool], metadata: tuple[tuple[str, str], ...]
) -> grpc.StatusCode:
    path, request_class, response_class, streaming = method
    try:
        if streaming:
            call = platform.channel.unary_stream(
                path,
                request_serializer=request_class.SerializeToString,
                response_deserializer=response_class.FromString,
            )(request_class(), metadata=metadata, timeout=10)
            async for _ in call:
                break
            call.cancel()
        else:
            await platform.channel.unary_unary(
                path,
                request_serializer=request_class.SerializeToString,
                response_deserializer=response_class.FromString,
            )(request_class(), metadata=metadata, timeout=10)
    except grpc.aio.AioRpcError as exc:
        return exc.code()
    return grpc.StatusCode.OK


async def _events(platform: Platform, **filters: Any) -> list[activity_pb2.Event]:
    events: list[activity_pb2.Event] = []
    token = ""
    while True:
        page = await _activity(platform).ListEvents(
            activity_pb2.ListEventsRequest(page_size=1000, page_token=token, **filters),
            metadata=platform.admin,
        )
        events.extend(page.events)
        token = page.next_page_token
        if not token:
            return events


async def test_every_audited_rpc_becomes_an_event(platform: Platform) -> None:
    # A session of its own: the walk calls Logout, which revokes the token it carries.
    token = (await platform.login("admin", ADMIN_PASSWORD)).tokens.access_token
    audited = {p.full_name for p in all_policies() if p.audited}
    methods = [m for m in _methods() if m[0] in audited]
    methods.sort(key=lambda m: m[0].endswith("/Logout"))  # last
    assert len(methods) >= 45
    run = uuid.uuid4().hex[:8]
    outcomes = {}
    for index, method in enumerate(methods):
        metadata = (("authorization", f"Bearer {token}"), ("x-request-id", f"walk-{run}-{index}"))
        outcomes[index] = await _call(platform, method, metadata)
    missing = []
    for index, method in enumerate(methods):
        action = method[0].lstrip("/")
        found = [
            e
            for e in await _events(platform, request_id=f"walk-{run}-{index}")
            if e.action == action
        ]
        if not found:
            missing.append(action)
            continue
        code = outcomes[index]
        expected = (
            activity_pb2.OUTCOME_SUCCEEDED
            if code == grpc.StatusCode.OK
            else activity_pb2.OUTCOME_DENIED
            if code in REFUSALS and not method[0].endswith(("/Login", "/RefreshToken"))
            else activity_pb2.OUTCOME_FAILED
        )
        if code in REFUSALS and found[0].outcome == activity_pb2.OUTCOME_FAILED:
            continue  # refused by the handler itself (bad credentials), after the checks
        assert found[0].outcome == expected, (action, code, found[0])
        assert found[0].status_code == code.value[0], action
        assert found[0].actor == "users/admin" or method[0].endswith(
            ("/Login", "/RefreshToken", "/ExchangeToken", "/AuthenticateServiceAccount")
        ), action
    assert missing == []


async def test_every_refused_call_becomes_an_event(platform: Platform) -> None:
    _, outsider = await platform.new_user("outsider")
    run = uuid.uuid4().hex[:8]
    since = timestamp_pb2.Timestamp()
    since.FromSeconds(int(time.time()) - 1)
    refused: dict[str, str] = {}
    for index, method in enumerate(_methods()):
        if method[0].lstrip("/") == RECORD_EVENT:
            continue
        for kind, metadata in (
            ("none", ()),
            ("forged", (("authorization", "Bearer not.a.token"),)),
            ("outsider", outsider),
        ):
            request_id = f"deny-{run}-{kind}-{index}"
            code = await _call(platform, method, (*metadata, ("x-request-id", request_id)))
            if code in REFUSALS:
                refused[request_id] = method[0].lstrip("/")
    assert len(refused) > 300
    denied = {
        e.request_id: e
        for e in await _events(platform, outcomes=[activity_pb2.OUTCOME_DENIED], start_time=since)
        if e.request_id.startswith(f"deny-{run}-")
    }
    missing = sorted(set(refused) - set(denied))
    assert missing == []
    for request_id, action in refused.items():
        event = denied[request_id]
        assert event.action == action
        assert event.authorization_reason
        assert event.actor == ("anonymous" if "-outsider-" not in request_id else event.actor)
    outsider_event = next(e for r, e in denied.items() if "-outsider-" in r)
    assert outsider_event.actor.startswith("users/outsider-")
    assert outsider_event.permission


async def test_an_event_says_who_did_what_where_without_secrets(platform: Platform) -> None:
    channel = grpc.aio.insecure_channel(
        platform.server.address, options=[("grpc.primary_user_agent", "audit-test/1.0")]
    )
    try:
        await _who_did_what(platform, channel)
    finally:
        await channel.close()


async def _who_did_what(platform: Platform, channel: grpc.aio.Channel) -> None:
    workspaces = workspace_pb2_grpc.WorkspaceServiceStub(channel)
    request_id = f"ws-{uuid.uuid4().hex}"
    metadata = (*platform.admin, ("x-request-id", request_id))
    created = await workspaces.CreateWorkspace(
        workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name=f"Audited {request_id[-6:]}")
        ),
        metadata=metadata,
    )
    await workspaces.UpdateWorkspace(
        workspace_pb2.UpdateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(name=created.name, description="now described"),
            update_mask=field_mask_pb2.FieldMask(paths=["description"]),
        ),
        metadata=metadata,
    )
    secret = "Never-In-The-Trail-77!"
    await auth_pb2_grpc.AuthServiceStub(channel).CreateUser(
        auth_pb2.CreateUserRequest(
            user_id=f"secretive-{uuid.uuid4().hex[:6]}", user=auth_pb2.User(password=secret)
        ),
        metadata=metadata,
    )
    # Calls these made to other services (rbac bindings for a new workspace's owner)
    # carry the same request id and are audited too; these three are the ones made here.
    events = [
        e
        for e in await _events(platform, request_id=request_id, oldest_first=True)
        if e.service in ("workspace", "auth")
    ]
    actions = [e.action.rpartition("/")[2] for e in events]
    assert actions == ["CreateWorkspace", "UpdateWorkspace", "CreateUser"]
    create, update, user = events
    assert create.resource == created.name
    assert create.workspace == created.name
    assert create.outcome == activity_pb2.OUTCOME_SUCCEEDED
    assert create.permission == "workspace.workspaces.create"
    assert create.service == "workspace"
    assert create.client_address == "127.0.0.1"
    assert "audit-test/1.0" in create.user_agent
    assert create.record_time.ToNanoseconds() >= create.event_time.ToNanoseconds() - 10**9
    assert update.resource == created.name
    assert list(update.details["update_mask"]) == ["description"]
    assert user.resource.startswith("users/secretive-")
    assert update.sequence > create.sequence
    assert update.prev_hash
    assert len(update.hash) == 64
    # No request body is stored: the password is nowhere in the trail.
    assert secret not in str(events)


async def test_list_filters_and_paging(platform: Platform) -> None:
    run = uuid.uuid4().hex[:8]
    workspaces = workspace_pb2_grpc.WorkspaceServiceStub(platform.channel)
    names = []
    for index in range(3):
        created = await workspaces.CreateWorkspace(
            workspace_pb2.CreateWorkspaceRequest(
                workspace=workspace_pb2.Workspace(display_name=f"Filter {run} {index}")
            ),
            metadata=(*platform.admin, ("x-request-id", f"filter-{run}-{index}")),
        )
        names.append(created.name)
    with pytest.raises(grpc.aio.AioRpcError):
        await workspaces.DeleteWorkspace(
            workspace_pb2.DeleteWorkspaceRequest(name="workspaces/does-not-exist-" + run),
            metadata=(*platform.admin, ("x-request-id", f"filter-{run}-fail")),
        )
    by_resource = await _events(platform, resource_prefix=names[1])
    assert [e.resource for e in by_resource] == [names[1]]
    by_workspace = await _events(platform, workspace=names[2])
    assert {e.resource for e in by_workspace} == {names[2]}
    by_action = await _events(
        platform, action="pursight.workspace.v1.WorkspaceService/", request_id=f"filter-{run}-fail"
    )
    assert [e.outcome for e in by_action] == [activity_pb2.OUTCOME_FAILED]
    assert by_action[0].status_code == grpc.StatusCode.NOT_FOUND.value[0]
    failed = await _events(platform, outcomes=[activity_pb2.OUTCOME_FAILED], actor="users/admin")
    assert f"filter-{run}-fail" in {e.request_id for e in failed}
    # Time range: nothing before the first event of this run, everything after.
    first = (await _events(platform, resource_prefix=names[0]))[0]
    after_all = timestamp_pb2.Timestamp()
    after_all.FromSeconds(first.event_time.seconds + 3600)
    assert await _events(platform, resource_prefix=names[0], start_time=after_all) == []
    assert len(await _events(platform, resource_prefix=names[0], end_time=after_all)) == 1
    # Paging, newest first by default, and a token bound to its filters.
    stub = _activity(platform)
    page = await stub.ListEvents(
        activity_pb2.ListEventsRequest(
            page_size=2, action="pursight.workspace.v1.WorkspaceService/"
        ),
        metadata=platform.admin,
    )
    assert len(page.events) == 2
    assert page.next_page_token
    assert page.events[0].sequence > page.events[1].sequence
    following = await stub.ListEvents(
        activity_pb2.ListEventsRequest(
            page_size=2,
            page_token=page.next_page_token,
            action="pursight.workspace.v1.WorkspaceService/",
        ),
        metadata=platform.admin,
    )
    assert following.events[0].sequence < page.events[1].sequence
    for bad in (
        activity_pb2.ListEventsRequest(page_token=page.next_page_token),
        activity_pb2.ListEventsRequest(page_size=5000),
        activity_pb2.ListEventsRequest(workspace="sales"),
        activity_pb2.ListEventsRequest(outcomes=[7]),
        activity_pb2.ListEventsRequest(start_time=after_all, end_time=first.event_time),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.ListEvents(bad, metadata=platform.admin)
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    # Injection strings are only values.
    assert await _events(platform, actor="' OR 1=1 --", resource_prefix="%") == []


async def test_only_auditors_read_the_trail_and_the_refusal_is_recorded(
    platform: Platform,
) -> None:
    user, metadata = await platform.new_user("curious")
    request_id = f"peek-{uuid.uuid4().hex}"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _activity(platform).ListEvents(
            activity_pb2.ListEventsRequest(), metadata=(*metadata, ("x-request-id", request_id))
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    events = await _events(platform, request_id=request_id)
    assert [(e.actor, e.outcome) for e in events] == [(user, activity_pb2.OUTCOME_DENIED)]
    assert events[0].permission == "activity.events.list"


@pytest_asyncio.fixture(loop_scope="session")
async def rest(platform: Platform) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(platform.settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield client


async def test_export_streams_oldest_first_and_resumes(
    platform: Platform, rest: httpx.AsyncClient
) -> None:
    run = uuid.uuid4().hex[:8]
    workspaces = workspace_pb2_grpc.WorkspaceServiceStub(platform.channel)
    created = await workspaces.CreateWorkspace(
        workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name=f"Export {run}")
        ),
        metadata=platform.admin,
    )
    for index in range(3):
        await workspaces.UpdateWorkspace(
            workspace_pb2.UpdateWorkspaceRequest(
                workspace=workspace_pb2.Workspace(name=created.name, description=f"v{index}"),
                update_mask=field_mask_pb2.FieldMask(paths=["description"]),
            ),
            metadata=platform.admin,
        )
    stream = _activity(platform).ExportEvents(
        activity_pb2.ExportEventsRequest(workspace=created.name), metadata=platform.admin
    )
    exported = [event async for event in stream]
    assert len(exported) == 4
    assert [e.sequence for e in exported] == sorted(e.sequence for e in exported)
    resumed = _activity(platform).ExportEvents(
        activity_pb2.ExportEventsRequest(
            workspace=created.name, after_sequence=exported[1].sequence
        ),
        metadata=platform.admin,
    )
    assert [e.sequence async for e in resumed] == [e.sequence for e in exported[2:]]
    # Through the gateway: JSON Lines, one event per line.
    token = (await platform.login("admin", ADMIN_PASSWORD)).tokens.access_token
    reply = await rest.get(
        "/v1/events:export",
        params={"workspace": created.name},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert reply.status_code == 200
    lines = [json.loads(line) for line in reply.text.splitlines() if line.strip()]
    assert [int(item["sequence"]) for item in lines] == [e.sequence for e in exported]
    assert all(item["hash"] for item in lines)
    listed = await rest.get(
        "/v1/events",
        params={"resourcePrefix": created.name, "pageSize": 2},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert listed.status_code == 200
    assert len(listed.json()["events"]) == 2
    head = await rest.get("/v1/events:chainHead", headers={"Authorization": f"Bearer {token}"})
    assert head.status_code == 200
    assert len(head.json()["hash"]) == 64


async def test_the_platform_trail_verifies(platform: Platform) -> None:
    head = await _activity(platform).GetChainHead(
        activity_pb2.GetChainHeadRequest(), metadata=platform.admin
    )
    verdict = await _activity(platform).VerifyChain(
        activity_pb2.VerifyChainRequest(expected_head=head), metadata=platform.admin
    )
    assert verdict.ok, verdict.reason
    assert verdict.events_checked >= head.sequence


async def test_a_workspace_auditor_reads_only_its_workspace(platform: Platform) -> None:
    from tests.rbac._helpers import Effect, bind

    workspaces = workspace_pb2_grpc.WorkspaceServiceStub(platform.channel)
    mine, theirs = [
        await workspaces.CreateWorkspace(
            workspace_pb2.CreateWorkspaceRequest(
                workspace=workspace_pb2.Workspace(
                    display_name=f"Audit {label} {uuid.uuid4().hex[:6]}"
                )
            ),
            metadata=platform.admin,
        )
        for label in ("mine", "theirs")
    ]
    for ws in (mine, theirs):
        await workspaces.UpdateWorkspace(
            workspace_pb2.UpdateWorkspaceRequest(
                workspace=workspace_pb2.Workspace(name=ws.name, description="audited"),
                update_mask=field_mask_pb2.FieldMask(paths=["description"]),
            ),
            metadata=platform.admin,
        )
    auditor, metadata = await platform.new_user("ws-auditor")
    await bind(platform, auditor, "auditor", mine.name)
    stub = _activity(platform)

    listed = await stub.ListEvents(
        activity_pb2.ListEventsRequest(page_size=1000), metadata=metadata
    )
    resources = {e.resource for e in listed.events}
    assert mine.name in resources
    assert all(
        r == mine.name or r.startswith(mine.name + "/") or e.workspace == mine.name
        for e in listed.events
        for r in [e.resource]
    )
    assert theirs.name not in resources
    exported = [
        e async for e in stub.ExportEvents(activity_pb2.ExportEventsRequest(), metadata=metadata)
    ]
    assert {e.name for e in exported} >= {e.name for e in listed.events}
    assert theirs.name not in {e.resource for e in exported}
    # Naming the other workspace is refused as before (the scope is in the request);
    # one of its events by name is not found.
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.ListEvents(
            activity_pb2.ListEventsRequest(workspace=theirs.name), metadata=metadata
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    other = await stub.ListEvents(
        activity_pb2.ListEventsRequest(workspace=theirs.name), metadata=platform.admin
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetEvent(
            activity_pb2.GetEventRequest(name=other.events[0].name), metadata=metadata
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    own = await stub.GetEvent(
        activity_pb2.GetEventRequest(name=listed.events[0].name), metadata=metadata
    )
    assert own.name == listed.events[0].name
    # A denial inside the workspace hides what lies under it.
    await bind(platform, auditor, "auditor", mine.name, Effect.EFFECT_DENY)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.ListEvents(activity_pb2.ListEventsRequest(), metadata=metadata)
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
