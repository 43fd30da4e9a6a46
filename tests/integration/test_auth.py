"""Sign-in, tokens and their refusal: every bad token is UNAUTHENTICATED."""

from __future__ import annotations

import base64
import json
import time
import uuid
from typing import Any

import grpc
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from services.runtime.service_identity import load_service_secret
from tests.conftest import ADMIN_PASSWORD, Platform


def _stub(platform: Platform) -> auth_pb2_grpc.AuthServiceStub:
    return auth_pb2_grpc.AuthServiceStub(platform.channel)


def _bearer(token: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {token}"),)


async def _whoami_code(platform: Platform, token: str) -> grpc.StatusCode:
    try:
        await _stub(platform).WhoAmI(auth_pb2.WhoAmIRequest(), metadata=_bearer(token))
    except grpc.aio.AioRpcError as exc:
        return exc.code()
    return grpc.StatusCode.OK


async def test_login_and_whoami(platform: Platform) -> None:
    reply = await platform.login("admin", ADMIN_PASSWORD)
    assert reply.user.name == "users/admin"
    assert reply.user.platform_admin
    assert reply.tokens.token_type == "Bearer"
    who = await _stub(platform).WhoAmI(
        auth_pb2.WhoAmIRequest(), metadata=_bearer(reply.tokens.access_token)
    )
    assert who.principal == "users/admin"
    assert (
        who.token_id
        == jwt.decode(reply.tokens.access_token, options={"verify_signature": False})["jti"]
    )


async def test_wrong_password_and_unknown_user_look_the_same(platform: Platform) -> None:
    messages = []
    for username in ("admin", "nobody-here"):
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await platform.login(username, "Wrong-password-123")
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
        messages.append(caught.value.details())
    assert messages[0] == messages[1]


async def test_failed_logins_are_throttled(platform: Platform) -> None:
    user, _ = await platform.new_user("throttled")
    username = user.removeprefix("users/")
    codes = []
    for _ in range(platform.settings.login_max_failures + 1):
        try:
            await platform.login(username, "Not-the-password-1")
        except grpc.aio.AioRpcError as exc:
            codes.append(exc.code())
    assert (
        codes[: platform.settings.login_max_failures]
        == [grpc.StatusCode.UNAUTHENTICATED] * platform.settings.login_max_failures
    )
    assert codes[-1] == grpc.StatusCode.RESOURCE_EXHAUSTED
    # Even the right password is refused while the user is locked out.
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await platform.login(username, "Another-Secret-42!")
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


async def test_refresh_rotates_and_a_replay_revokes_the_family(platform: Platform) -> None:
    first = await platform.login("admin", ADMIN_PASSWORD)
    stub = _stub(platform)
    second = await stub.RefreshToken(
        auth_pb2.RefreshTokenRequest(refresh_token=first.tokens.refresh_token)
    )
    assert second.tokens.refresh_token != first.tokens.refresh_token
    assert await _whoami_code(platform, second.tokens.access_token) == grpc.StatusCode.OK
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.RefreshToken(
            auth_pb2.RefreshTokenRequest(refresh_token=first.tokens.refresh_token)
        )
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert "already used" in (caught.value.details() or "")
    # The thief's replay also killed the legitimate newer refresh token.
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.RefreshToken(
            auth_pb2.RefreshTokenRequest(refresh_token=second.tokens.refresh_token)
        )
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_logout_revokes_the_access_token(platform: Platform) -> None:
    session = await platform.login("admin", ADMIN_PASSWORD)
    token = session.tokens.access_token
    await _stub(platform).Logout(
        auth_pb2.LogoutRequest(refresh_token=session.tokens.refresh_token), metadata=_bearer(token)
    )
    assert await _whoami_code(platform, token) == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.aio.AioRpcError):
        await _stub(platform).RefreshToken(
            auth_pb2.RefreshTokenRequest(refresh_token=session.tokens.refresh_token)
        )


async def test_revoke_token_by_id(platform: Platform) -> None:
    session = await platform.login("admin", ADMIN_PASSWORD)
    token_id = jwt.decode(session.tokens.access_token, options={"verify_signature": False})["jti"]
    await _stub(platform).RevokeToken(
        auth_pb2.RevokeTokenRequest(token_id=token_id), metadata=platform.admin
    )
    assert (
        await _whoami_code(platform, session.tokens.access_token) == grpc.StatusCode.UNAUTHENTICATED
    )


def _sign(claims: dict[str, Any], key: Ed25519PrivateKey, kid: str) -> str:
    return jwt.encode(claims, key, algorithm="EdDSA", headers={"kid": kid})


async def _signing_kid(platform: Platform) -> str:
    header = jwt.get_unverified_header(platform.admin_token)
    return str(header["kid"])


def _claims(platform: Platform, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": platform.settings.token_issuer,
        "aud": platform.settings.token_audience,
        "sub": "users/admin",
        "iat": now,
        "nbf": now,
        "exp": now + 300,
        "jti": uuid.uuid4().hex,
        "typ": "access",
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


async def test_forged_and_malformed_tokens_are_refused(platform: Platform) -> None:
    kid = await _signing_kid(platform)
    stranger = Ed25519PrivateKey.generate()
    head, body, signature = platform.admin_token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    tampered = f"{head}.{_b64({**payload, 'sub': 'users/someone-else'})}.{signature}"
    alg_none = f"{_b64({'alg': 'none', 'kid': kid})}.{_b64(payload)}."
    hs256 = jwt.encode(
        payload, "a-guessed-shared-secret-of-32-bytes!", algorithm="HS256", headers={"kid": kid}
    )
    cases = {
        "wrong key, known kid": _sign(_claims(platform), stranger, kid),
        "wrong key, unknown kid": _sign(_claims(platform), stranger, "k-unknown"),
        "tampered payload": tampered,
        "alg none": alg_none,
        "hmac algorithm": hs256,
        "garbage": "not.a.jwt",
    }
    for label, token in cases.items():
        assert await _whoami_code(platform, token) == grpc.StatusCode.UNAUTHENTICATED, label


async def test_tokens_outside_their_validity_are_refused(platform: Platform) -> None:
    """Signed with the platform's real key, but expired, early, or meant for others."""
    from services.auth.keys import KeyRing
    from services.runtime.secretbox import SecretBox

    assert platform.server.runtime is not None
    from pathlib import Path

    ring = KeyRing(
        platform.server.runtime.db.primary,
        SecretBox.from_key_file(Path(platform.settings.data_dir) / "keys" / "secret.key"),
        platform.settings,
    )
    key = await ring.current()
    now = int(time.time())
    cases = {
        "expired": _claims(platform, iat=now - 3600, nbf=now - 3600, exp=now - 600),
        "not yet valid": _claims(platform, nbf=now + 600, exp=now + 1200),
        "wrong issuer": _claims(platform, iss="https://evil.example"),
        "wrong audience": _claims(platform, aud="someone-else"),
        "refresh type": _claims(platform, typ="refresh"),
        "no jti": _claims(platform, jti=None),
    }
    for label, claims in cases.items():
        token = _sign(claims, key.private, key.kid)
        assert await _whoami_code(platform, token) == grpc.StatusCode.UNAUTHENTICATED, label
    # The control: the same key and claims within their validity are accepted.
    assert (
        await _whoami_code(platform, _sign(_claims(platform), key.private, key.kid))
        == grpc.StatusCode.OK
    )


async def test_missing_and_malformed_authorization(platform: Platform) -> None:
    stub = _stub(platform)
    for metadata in (
        (),
        (("authorization", "Basic YWRtaW46eA=="),),
        (("authorization", "Bearer "),),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.WhoAmI(auth_pb2.WhoAmIRequest(), metadata=metadata)
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_jwks_publishes_public_keys_only_and_rotation_keeps_old_tokens(
    platform: Platform,
) -> None:
    stub = _stub(platform)
    before = await stub.GetJwks(auth_pb2.GetJwksRequest())
    assert before.keys
    assert all(k.kty == "OKP" and k.crv == "Ed25519" and k.use == "sig" for k in before.keys)
    old_token = (await platform.login("admin", ADMIN_PASSWORD)).tokens.access_token
    rotated = await stub.RotateSigningKey(
        auth_pb2.RotateSigningKeyRequest(), metadata=platform.admin
    )
    after = await stub.GetJwks(auth_pb2.GetJwksRequest())
    kids = [k.kid for k in after.keys]
    assert kids[0] == rotated.key_id
    assert before.keys[0].kid in kids
    assert await _whoami_code(platform, old_token) == grpc.StatusCode.OK
    new_token = (await platform.login("admin", ADMIN_PASSWORD)).tokens.access_token
    assert jwt.get_unverified_header(new_token)["kid"] == rotated.key_id
    assert await _whoami_code(platform, new_token) == grpc.StatusCode.OK


async def test_password_policy_on_create(platform: Platform) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _stub(platform).CreateUser(
            auth_pb2.CreateUserRequest(user_id="weak-one", user=auth_pb2.User(password="short")),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "user.password" in (caught.value.details() or "")


async def test_disabling_a_user_revokes_their_tokens(platform: Platform) -> None:
    user, metadata = await platform.new_user("disabled")
    token = metadata[0][1].removeprefix("Bearer ")
    # A valid token of a user who holds no role yet: authenticated, then refused.
    assert await _whoami_code(platform, token) == grpc.StatusCode.PERMISSION_DENIED
    from google.protobuf import field_mask_pb2

    await _stub(platform).UpdateUser(
        auth_pb2.UpdateUserRequest(
            user=auth_pb2.User(name=user, disabled=True),
            update_mask=field_mask_pb2.FieldMask(paths=["disabled"]),
        ),
        metadata=platform.admin,
    )
    assert await _whoami_code(platform, token) == grpc.StatusCode.UNAUTHENTICATED


async def test_service_tokens_authenticate_only_with_the_shared_secret(platform: Platform) -> None:
    assert platform.server.runtime is not None
    identity = platform.server.runtime.identity
    stub = _stub(platform)
    who = await stub.WhoAmI(auth_pb2.WhoAmIRequest(), metadata=identity.metadata("scan"))
    assert who.principal == "services/scan"
    now = int(time.time())
    forged_claims = {
        "iss": platform.settings.token_issuer,
        "aud": platform.settings.token_audience,
        "sub": "services/scan",
        "iat": now,
        "nbf": now,
        "exp": now + 300,
        "jti": uuid.uuid4().hex,
        "typ": "service",
    }
    secret = load_service_secret(platform.settings)
    cases = {
        "wrong secret": jwt.encode(forged_claims, "x" * 32, algorithm="HS256"),
        "access type": jwt.encode({**forged_claims, "typ": "access"}, secret, algorithm="HS256"),
        "user subject": jwt.encode(
            {**forged_claims, "sub": "users/admin"}, secret, algorithm="HS256"
        ),
    }
    assert (
        await _whoami_code(platform, jwt.encode(forged_claims, secret, algorithm="HS256"))
        == grpc.StatusCode.OK
    )  # the control
    for label, token in cases.items():
        assert await _whoami_code(platform, token) == grpc.StatusCode.UNAUTHENTICATED, label
