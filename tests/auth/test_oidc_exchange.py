"""OIDC token exchange against issuers these tests run themselves (real keys, real HTTP
discovery and JWKS): what is accepted, what is refused and why, and how the identity
maps to a PurSight user."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import jwt
import pytest
import pytest_asyncio
from cryptography.hazmat.primitives import serialization

from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from tests.activity._servers import Isolated, isolated_server, reason_of
from tests.auth.oidc_issuer import AUDIENCE, LocalIssuer, new_key
from tests.conftest import Platform


@dataclass
class Env:
    server: Isolated
    issuer: LocalIssuer
    other: LocalIssuer  # trusted too
    liar: LocalIssuer  # trusted, but its discovery document names another issuer
    down: str  # trusted, nothing listens there

    @property
    def stub(self) -> auth_pb2_grpc.AuthServiceStub:
        return auth_pb2_grpc.AuthServiceStub(self.server.channel)

    async def exchange(self, token: str, issuer: str = "") -> auth_pb2.ExchangeTokenResponse:
        return await self.stub.ExchangeToken(
            auth_pb2.ExchangeTokenRequest(subject_token=token, issuer=issuer)
        )

    async def refusal(self, token: str, issuer: str = "") -> tuple[grpc.StatusCode, str]:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await self.exchange(token, issuer)
        return caught.value.code(), reason_of(caught.value)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def env(platform: Platform) -> AsyncIterator[Env]:
    issuer, other, liar = LocalIssuer().start(), LocalIssuer().start(), LocalIssuer().start()
    liar.claimed_issuer = "https://login.example.com/someone-else"
    down = f"http://127.0.0.1:{_closed_port()}/tenant"
    trusted = [
        {
            "issuer": issuer.url,
            "audience": [AUDIENCE, "another-app"],
            "group_roles": {"grp-auditors": ["roles/auditor"], "grp-admins": ["roles/admin"]},
            "clock_skew_seconds": 60,
        },
        {"issuer": other.url, "audience": AUDIENCE},
        {"issuer": liar.url, "audience": AUDIENCE},
        {"issuer": down, "audience": AUDIENCE},
    ]
    try:
        async with isolated_server(
            platform,
            Path(platform.settings.data_dir),
            ["auth", "activity"],
            database="platform",
            oidc_issuers=json.dumps(trusted),
        ) as server:
            yield Env(server, issuer, other, liar, down)
    finally:
        for running in (issuer, other, liar):
            running.stop()


def _claims_of(token: str) -> dict[str, Any]:
    return dict(jwt.decode(token, options={"verify_signature": False}))


async def test_a_valid_token_maps_to_a_user_created_on_first_use(env: Env) -> None:
    claims = env.issuer.claims(preferred_username="Alice.Example@contoso.com")
    first = await env.exchange(env.issuer.token(claims))
    user = first.user
    assert user.name.startswith("users/alice.example")
    assert user.email == "alice@example.com"
    assert user.identity_provider == env.issuer.url
    assert user.external_subject == claims["sub"]
    assert list(user.groups) == ["grp-auditors", "grp-readers"]
    assert not user.groups_unavailable
    assert not user.platform_admin
    access = _claims_of(first.tokens.access_token)
    assert access["sub"] == user.name
    assert access["roles"] == ["roles/auditor"]
    assert access["groups"] == ["groups/grp-auditors", "groups/grp-readers"]
    assert access["idp"] == env.issuer.url
    # The PurSight token authenticates (the user holds no role yet, hence the refusal).
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await env.stub.ListUsers(
            auth_pb2.ListUsersRequest(),
            metadata=(("authorization", f"Bearer {first.tokens.access_token}"),),
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    # The same subject again: the same user, its groups refreshed; no one else's account.
    again = await env.exchange(env.issuer.token({**claims, "groups": ["grp-readers"]}))
    assert again.user.name == user.name
    assert list(again.user.groups) == ["grp-readers"]
    assert "roles" not in _claims_of(again.tokens.access_token)
    # A refresh keeps what the exchange granted.
    third = await env.exchange(env.issuer.token(claims))
    refreshed = await env.stub.RefreshToken(
        auth_pb2.RefreshTokenRequest(refresh_token=third.tokens.refresh_token)
    )
    assert _claims_of(refreshed.tokens.access_token)["roles"] == ["roles/auditor"]


async def test_a_same_named_identity_from_elsewhere_gets_its_own_user(env: Env) -> None:
    claims = env.issuer.claims(preferred_username="twin@example.com")
    mine = await env.exchange(env.issuer.token(claims))
    theirs = await env.exchange(
        env.other.token(env.other.claims(preferred_username="twin@example.com"))
    )
    assert mine.user.name == "users/twin"
    assert theirs.user.name != mine.user.name
    assert theirs.user.name.startswith("users/twin-")
    # No one signs in with a password to a federated account.
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await env.stub.Login(auth_pb2.LoginRequest(username="twin", password="anything-at-all"))
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_every_allowed_algorithm_is_accepted(env: Env) -> None:
    for alg in ("RS256", "ES256", "EdDSA"):
        reply = await env.exchange(env.issuer.token(env.issuer.claims(), alg=alg))
        assert reply.tokens.access_token, alg


async def test_a_missing_email_claim_is_not_an_error(env: Env) -> None:
    claims = env.issuer.claims(email=None, preferred_username=None, name=None)
    reply = await env.exchange(env.issuer.token(claims))
    assert reply.user.email == ""
    assert reply.user.name.startswith("users/oidc")
    named = await env.exchange(
        env.issuer.token(env.issuer.claims(email=None, preferred_username="bob.no-mail"))
    )
    assert named.user.name.startswith("users/bob.no-mail")
    assert named.user.email == ""


async def test_groups_overage_is_recorded_and_grants_no_group_roles(env: Env) -> None:
    claims = env.issuer.claims(preferred_username="crowded@example.com")
    await env.exchange(env.issuer.token(claims))  # first with groups listed
    overage = {**claims, "groups": None}
    overage = {k: v for k, v in overage.items() if v is not None}
    overage["_claim_names"] = {"groups": "src1"}
    overage["_claim_sources"] = {
        "src1": {"endpoint": "https://graph.microsoft.com/v1.0/users/x/getMemberObjects"}
    }
    reply = await env.exchange(env.issuer.token(overage))
    assert reply.user.groups_unavailable
    assert list(reply.user.groups) == []
    access = _claims_of(reply.tokens.access_token)
    assert access["groups_unavailable"] is True
    assert "roles" not in access
    assert "groups" not in access
    implicit = {k: v for k, v in overage.items() if not k.startswith("_claim")}
    implicit["hasgroups"] = True
    assert (await env.exchange(env.issuer.token(implicit))).user.groups_unavailable
    # Once the groups are listed again, they count again.
    back = await env.exchange(env.issuer.token(claims))
    assert not back.user.groups_unavailable
    assert list(back.user.groups) == ["grp-auditors", "grp-readers"]


async def test_clock_skew_is_allowed_within_the_issuers_allowance(env: Env) -> None:
    now = int(time.time())
    slightly_late = env.issuer.claims(iat=now - 700, nbf=now - 700, exp=now - 20)
    slightly_early = env.issuer.claims(iat=now + 20, nbf=now + 20)
    for claims in (slightly_late, slightly_early):
        assert (await env.exchange(env.issuer.token(claims))).tokens.access_token


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


async def test_bad_tokens_are_refused_with_the_reason(env: Env) -> None:
    issuer = env.issuer
    now = int(time.time())
    rsa_key = next(k for k in issuer.keys if k.alg == "RS256")
    claims = issuer.claims()
    public_pem = rsa_key.private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    signing_input = f"{_b64({'alg': 'HS256', 'kid': rsa_key.kid})}.{_b64(claims)}"
    hs256 = (
        signing_input
        + "."
        + base64.urlsafe_b64encode(
            hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
        )
        .rstrip(b"=")
        .decode()
    )
    stranger = new_key("RS256", rsa_key.kid)  # a key the issuer never published, same kid
    cases: dict[str, tuple[str, str]] = {
        "wrong issuer": (
            issuer.token({**claims, "iss": "https://evil.example.com/tenant"}),
            "UNTRUSTED_ISSUER",
        ),
        "wrong audience": (issuer.token({**claims, "aud": "someone-else"}), "BAD_AUDIENCE"),
        "expired": (
            issuer.token({**claims, "iat": now - 7200, "nbf": now - 7200, "exp": now - 3600}),
            "TOKEN_EXPIRED",
        ),
        "not yet valid": (
            issuer.token({**claims, "iat": now + 3600, "nbf": now + 3600, "exp": now + 7200}),
            "TOKEN_NOT_YET_VALID",
        ),
        "alg none": (
            f"{_b64({'alg': 'none', 'kid': rsa_key.kid})}.{_b64(claims)}.",
            "BAD_ALGORITHM",
        ),
        "HS256 keyed with the public key": (hs256, "BAD_ALGORITHM"),
        "RS512": (
            jwt.encode(claims, rsa_key.private, "RS512", {"kid": rsa_key.kid}),
            "BAD_ALGORITHM",
        ),
        "unknown kid": (
            issuer.token(claims, key=new_key("RS256", "never-published")),
            "UNKNOWN_KEY",
        ),
        "forged signature": (issuer.token(claims, key=stranger), "BAD_SIGNATURE"),
        "another issuer's key under this issuer's name": (
            env.other.token({**claims}, alg="RS256"),
            "BAD_SIGNATURE",
        ),
        "no subject": (
            issuer.token({k: v for k, v in claims.items() if k != "sub"}),
            "INVALID_TOKEN",
        ),
        "no expiry": (
            issuer.token({k: v for k, v in claims.items() if k != "exp"}),
            "INVALID_TOKEN",
        ),
        "garbage": ("not.a.jwt", "MALFORMED_TOKEN"),
    }
    for label, (token, reason) in cases.items():
        code, got = await env.refusal(token)
        assert (code, got) == (grpc.StatusCode.UNAUTHENTICATED, reason), label
    # A key of the wrong type for the algorithm: an ES256 header naming the RSA key.
    es = next(k for k in issuer.keys if k.alg == "ES256")
    mixed = jwt.encode(claims, es.private, "ES256", {"kid": rsa_key.kid})
    assert await env.refusal(mixed) == (grpc.StatusCode.UNAUTHENTICATED, "BAD_ALGORITHM")
    # Naming an untrusted issuer explicitly.
    assert await env.refusal(issuer.token(claims), "https://evil.example.com") == (
        grpc.StatusCode.UNAUTHENTICATED,
        "UNTRUSTED_ISSUER",
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await env.exchange("")
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_issuer_key_rotation_is_followed(env: Env) -> None:
    rotated = new_key("RS256", "rsa-2")
    before = len(env.issuer.hits)
    env.issuer.keys.append(rotated)
    reply = await env.exchange(env.issuer.token(env.issuer.claims(), key=rotated))
    assert reply.tokens.access_token
    assert any(hit.endswith("/keys") for hit in env.issuer.hits[before:])
    # Unknown key ids do not make the verifier hammer the issuer.
    hits = len(env.issuer.hits)
    for index in range(10):
        unknown = new_key("RS256", f"random-{index}")
        await env.refusal(env.issuer.token(env.issuer.claims(), key=unknown))
    assert len(env.issuer.hits) - hits <= 3


async def test_an_unreachable_or_lying_issuer_is_unavailable(env: Env) -> None:
    lying = env.liar.token(env.liar.claims())
    assert await env.refusal(lying) == (grpc.StatusCode.UNAVAILABLE, "ISSUER_UNAVAILABLE")
    key = new_key("RS256")
    now = int(time.time())
    unreachable = jwt.encode(
        {"iss": env.down, "aud": AUDIENCE, "sub": "x", "iat": now, "exp": now + 60},
        key.private,
        "RS256",
        {"kid": key.kid},
    )
    assert await env.refusal(unreachable) == (grpc.StatusCode.UNAVAILABLE, "ISSUER_UNAVAILABLE")


async def test_exchanges_are_audited(env: Env, platform: Platform) -> None:
    from pursight.activity.v1 import activity_pb2, activity_pb2_grpc

    request_id = f"exchange-{int(time.time() * 1000)}"
    reply = await env.stub.ExchangeToken(
        auth_pb2.ExchangeTokenRequest(subject_token=env.issuer.token(env.issuer.claims())),
        metadata=(("x-request-id", request_id),),
    )
    listed = await activity_pb2_grpc.ActivityServiceStub(platform.channel).ListEvents(
        activity_pb2.ListEventsRequest(request_id=request_id), metadata=platform.admin
    )
    assert [(e.action, e.resource, e.outcome) for e in listed.events] == [
        (
            "pursight.auth.v1.AuthService/ExchangeToken",
            reply.user.name,
            activity_pb2.OUTCOME_SUCCEEDED,
        )
    ]
    assert env.issuer.token(env.issuer.claims()) not in str(listed)
