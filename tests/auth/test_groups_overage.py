"""Entra ID's groups overage resolved through Microsoft Graph, against an issuer (with its
client-credentials token endpoint) and a Graph these tests run on 127.0.0.1: the
complete list across pages, the cache, failing closed, and endpoints a token or a
response names being ignored."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import jwt
import pytest
import pytest_asyncio

from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from tests.activity._servers import Isolated, isolated_server, reason_of
from tests.auth.graph_api import LocalGraph, administrative_unit, directory_role, group
from tests.auth.oidc_issuer import AUDIENCE, LocalIssuer
from tests.conftest import Platform

CLIENT_ID = "00000000-pursight-app"
CLIENT_SECRET = "Graph-Client-Secret-Do-Not-Leak-7f3a"  # a test value


@dataclass
class Env:
    server: Isolated
    entra: LocalIssuer  # opted in to Graph lookups
    plain: LocalIssuer  # trusted, not opted in: never sent the secret
    graph: LocalGraph
    trap: LocalGraph  # where tokens' _claim_sources point

    @property
    def stub(self) -> auth_pb2_grpc.AuthServiceStub:
        return auth_pb2_grpc.AuthServiceStub(self.server.channel)

    async def exchange(self, token: str) -> auth_pb2.ExchangeTokenResponse:
        return await self.stub.ExchangeToken(auth_pb2.ExchangeTokenRequest(subject_token=token))

    async def refusal(self, token: str) -> grpc.aio.AioRpcError:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await self.exchange(token)
        return caught.value

    def overage(self, oid: str | None, *, issuer: LocalIssuer | None = None, **changes: Any) -> str:
        """A token whose groups overflowed, its _claim_sources pointing at the trap."""
        issuer = issuer or self.entra
        claims = issuer.claims(groups=None, oid=oid, **changes)
        claims["_claim_names"] = {"groups": "src1"}
        claims["_claim_sources"] = {
            "src1": {"endpoint": f"{self.trap.url}/v1.0/users/{oid}/getMemberObjects"}
        }
        return issuer.token(claims)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def env(platform: Platform) -> AsyncIterator[Env]:
    entra = LocalIssuer(app_client=(CLIENT_ID, CLIENT_SECRET)).start()
    plain = LocalIssuer(app_client=(CLIENT_ID, CLIENT_SECRET)).start()
    graph = LocalGraph(accepted=entra.app_tokens).start()
    trap = LocalGraph(accepted=entra.app_tokens).start()
    trusted = [
        {
            "issuer": entra.url,
            "audience": AUDIENCE,
            "graph_groups": True,
            "group_roles": {"grp-stewards": ["roles/steward"], "grp-far": ["roles/auditor"]},
        },
        {"issuer": plain.url, "audience": AUDIENCE, "group_roles": {"grp-x": ["roles/x"]}},
    ]
    try:
        async with isolated_server(
            platform,
            Path(platform.settings.data_dir),
            ["auth", "activity"],
            database="platform",
            oidc_issuers=json.dumps(trusted),
            oidc_graph_url=graph.url,
            oidc_graph_client_id=CLIENT_ID,
            oidc_graph_client_secret=CLIENT_SECRET,
            oidc_graph_cache_seconds=60,
        ) as server:
            yield Env(server, entra, plain, graph, trap)
    finally:
        for running in (entra, plain, graph, trap):
            running.stop()


@pytest.fixture(autouse=True)
def _healthy_graph(env: Env) -> Iterator[None]:
    env.graph.reset()
    env.entra.refuse_app = False
    yield
    env.graph.reset()
    env.entra.refuse_app = False


def _claims_of(token: str) -> dict[str, Any]:
    return dict(jwt.decode(token, options={"verify_signature": False}))


def _oid() -> str:
    return str(uuid.uuid4())


async def test_overage_groups_come_from_graph_across_pages(env: Env) -> None:
    oid = _oid()
    env.graph.memberships[oid] = [
        group("grp-readers"),
        directory_role("role-global-reader"),
        group("grp-1"),
        group("grp-2"),
        administrative_unit("au-emea"),
        group("grp-3"),
        group("grp-stewards"),
        group("grp-far"),  # on the last page
    ]
    reply = await env.exchange(env.overage(oid, preferred_username="many.groups@example.com"))
    user = reply.user
    assert not user.groups_unavailable
    assert list(user.groups) == [
        "grp-1",
        "grp-2",
        "grp-3",
        "grp-far",
        "grp-readers",
        "grp-stewards",
    ]
    access = _claims_of(reply.tokens.access_token)
    assert access["roles"] == ["roles/auditor", "roles/steward"]
    assert "groups/grp-far" in access["groups"]
    assert "groups_unavailable" not in access
    assert len(env.graph.hits_for(oid)) == 4  # 8 entries, 2 to a page
    assert env.trap.hits == []  # the token's _claim_sources endpoint is not called
    form = env.entra.token_requests[-1]
    assert form["grant_type"] == "client_credentials"
    assert form["client_id"] == CLIENT_ID
    assert form["scope"] == f"{env.graph.url}/.default"
    # The implicit flow's hasgroups: true is resolved the same way.
    implicit_oid = _oid()
    env.graph.memberships[implicit_oid] = [group("grp-stewards")]
    claims = env.entra.claims(groups=None, oid=implicit_oid, hasgroups=True)
    implicit = await env.exchange(env.entra.token(claims))
    assert list(implicit.user.groups) == ["grp-stewards"]
    assert _claims_of(implicit.tokens.access_token)["roles"] == ["roles/steward"]


async def test_a_burst_of_exchanges_reads_graph_once(env: Env) -> None:
    oid = _oid()
    env.graph.memberships[oid] = [group("grp-stewards"), group("grp-a"), group("grp-b")]
    token_requests = len(env.entra.token_requests)

    def token() -> str:
        return env.overage(oid, preferred_username=f"burst-{oid[:8]}", sub=f"burst-{oid}")

    replies = await asyncio.gather(*(env.exchange(token()) for _ in range(5)))
    assert {tuple(r.user.groups) for r in replies} == {("grp-a", "grp-b", "grp-stewards")}
    walked = len(env.graph.hits_for(oid))
    assert walked == 2  # one walk of two pages, not five
    again = await env.exchange(token())
    assert _claims_of(again.tokens.access_token)["roles"] == ["roles/steward"]
    assert len(env.graph.hits_for(oid)) == walked  # from the cache
    # The app token was reused too, not asked for again for each lookup.
    assert len(env.entra.token_requests) - token_requests <= 1


async def test_graph_down_fails_the_exchange_and_changes_nothing(
    env: Env, platform: Platform
) -> None:
    oid = _oid()
    env.graph.memberships[oid] = [group("grp-stewards"), group("grp-far"), group("grp-z")]
    claims = env.entra.claims(oid=oid, groups=["grp-stewards"])
    before = await env.exchange(env.entra.token(claims))
    assert _claims_of(before.tokens.access_token)["roles"] == ["roles/steward"]
    overage = env.overage(oid, sub=claims["sub"])

    env.graph.fail_status = 503
    error = await env.refusal(overage)
    assert (error.code(), reason_of(error)) == (grpc.StatusCode.UNAVAILABLE, "GROUPS_UNAVAILABLE")
    assert "try again" in (error.details() or "")
    # Part-way through: the first page arrived, the second failed; no partial list.
    env.graph.reset()
    env.graph.fail_from_page = 2
    error = await env.refusal(overage)
    assert reason_of(error) == "GROUPS_UNAVAILABLE"
    # Nothing about the user changed: groups and roles as the last good exchange left them.
    user = await env.stub.GetUser(
        auth_pb2.GetUserRequest(name=before.user.name), metadata=platform.admin
    )
    assert (list(user.groups), user.groups_unavailable) == (["grp-stewards"], False)

    # Graph asks for a pause: the next lookup fails at once, without calling it.
    env.graph.reset()
    env.graph.fail_status, env.graph.retry_after = 429, "1"
    error = await env.refusal(overage)
    assert reason_of(error) == "GROUPS_UNAVAILABLE"
    hits = len(env.graph.hits)
    env.graph.reset()
    await env.refusal(overage)
    assert len(env.graph.hits) == hits
    await asyncio.sleep(1.1)
    back = await env.exchange(overage)
    assert list(back.user.groups) == ["grp-far", "grp-stewards", "grp-z"]
    assert _claims_of(back.tokens.access_token)["roles"] == ["roles/auditor", "roles/steward"]


async def test_endpoints_named_by_tokens_or_responses_are_not_followed(env: Env) -> None:
    oid = _oid()
    env.graph.memberships[oid] = [group("grp-stewards"), group("grp-a"), group("grp-b")]
    env.trap.memberships[oid] = [group("grp-far")]
    env.graph.link_base = env.trap.url  # Graph's next-page link points at another host
    error = await env.refusal(env.overage(oid))
    assert reason_of(error) == "GROUPS_UNAVAILABLE"
    assert env.trap.hits == []
    assert len(env.graph.hits_for(oid)) == 1
    # An oid that tries to walk out of /users/ is not sent anywhere.
    error = await env.refusal(env.overage("../groups/grp-far"))
    assert (error.code(), reason_of(error)) == (grpc.StatusCode.UNAUTHENTICATED, "NO_OBJECT_ID")
    error = await env.refusal(env.overage(None))
    assert reason_of(error) == "NO_OBJECT_ID"
    assert env.trap.hits == []


async def test_the_client_secret_stays_out_of_logs_errors_and_other_issuers(
    env: Env, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    oid = _oid()
    env.graph.memberships[oid] = [group("grp-stewards")]
    # Graph no longer takes the app's token (revoked): a new one is asked for, once.
    env.entra.app_tokens.clear()
    requests = len(env.entra.token_requests)
    reply = await env.exchange(env.overage(oid))
    assert list(reply.user.groups) == ["grp-stewards"]
    assert len(env.entra.token_requests) == requests + 1
    # Now the token endpoint refuses the app (and quotes the secret in its description).
    env.entra.app_tokens.clear()
    env.entra.refuse_app = True
    error = await env.refusal(env.overage(_oid()))
    assert (error.code(), reason_of(error)) == (grpc.StatusCode.UNAVAILABLE, "GROUPS_UNAVAILABLE")
    assert "invalid_client" in (error.details() or "")
    assert CLIENT_SECRET not in (error.details() or "")
    assert CLIENT_SECRET not in str(error.trailing_metadata())
    # An issuer not opted in keeps today's behaviour and is never sent the secret.
    plain = await env.exchange(env.overage(_oid(), issuer=env.plain))
    assert plain.user.groups_unavailable
    assert "roles" not in _claims_of(plain.tokens.access_token)
    assert env.plain.token_requests == []
    assert "cannot read a user's groups from Microsoft Graph" in caplog.text
    assert CLIENT_SECRET not in caplog.text
    for token in env.entra.app_tokens:
        assert token not in caplog.text
    settings = env.server.server.settings
    assert settings.redacted()["oidc_graph_client_secret"] == "***"
    assert CLIENT_SECRET not in repr(settings.redacted())


async def test_graph_ids_are_the_oid_not_the_subject(env: Env) -> None:
    oid = _oid()
    env.graph.memberships[oid] = [group("grp-stewards")]
    reply = await env.exchange(env.overage(oid, sub=f"pairwise-{time.time_ns()}"))
    assert list(reply.user.groups) == ["grp-stewards"]
    assert env.graph.hits_for(oid)
    assert not [hit for hit in env.graph.hits if "pairwise-" in hit]


async def test_a_user_in_hundreds_of_groups_gets_a_token_that_works(env: Env) -> None:
    oid = _oid()
    env.graph.page_size = 999
    many = [str(uuid.uuid4()) for _ in range(300)]
    env.graph.memberships[oid] = [group(g) for g in many] + [group("grp-stewards")]
    reply = await env.exchange(env.overage(oid))
    assert len(reply.user.groups) == 301
    token = reply.tokens.access_token
    access = _claims_of(token)
    assert access["roles"] == ["roles/steward"]
    assert len(access["groups"]) == 200  # the cap of principals a token carries
    assert len(token) > 8192  # past gRPC's default metadata limit
    # The token reaches authentication and passes it (the user holds no role binding,
    # hence the refusal). Past gRPC's default limit a server refuses such metadata as
    # RESOURCE_EXHAUSTED with a probability growing with its size, so ask a few times.
    for _ in range(10):
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await env.stub.WhoAmI(
                auth_pb2.WhoAmIRequest(), metadata=(("authorization", f"Bearer {token}"),)
            )
        assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
