"""Service accounts and API keys: stored hashed, shown once, expiring, revocable."""

from __future__ import annotations

import time
import uuid

import grpc
import jwt
import pytest
from google.protobuf import timestamp_pb2

from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from tests.activity._servers import reason_of
from tests.conftest import Platform


def _stub(platform: Platform) -> auth_pb2_grpc.AuthServiceStub:
    return auth_pb2_grpc.AuthServiceStub(platform.channel)


async def _account(platform: Platform) -> str:
    account_id = f"etl-{uuid.uuid4().hex[:8]}"
    created = await _stub(platform).CreateServiceAccount(
        auth_pb2.CreateServiceAccountRequest(
            service_account_id=account_id,
            service_account=auth_pb2.ServiceAccount(display_name="Nightly ETL"),
        ),
        metadata=platform.admin,
    )
    return created.name


async def _key(
    platform: Platform, account: str, **fields: object
) -> auth_pb2.CreateServiceAccountKeyResponse:
    return await _stub(platform).CreateServiceAccountKey(
        auth_pb2.CreateServiceAccountKeyRequest(
            parent=account,
            key=auth_pb2.ServiceAccountKey(display_name="ci", **fields),  # type: ignore[arg-type]
        ),
        metadata=platform.admin,
    )


async def _authenticate(platform: Platform, api_key: str) -> auth_pb2.TokenPair:
    reply = await _stub(platform).AuthenticateServiceAccount(
        auth_pb2.AuthenticateServiceAccountRequest(api_key=api_key)
    )
    return reply.tokens


async def _code(platform: Platform, token: str) -> grpc.StatusCode:
    """How a call with ``token`` ends: refused for the token, or for want of a role."""
    try:
        await _stub(platform).ListUsers(
            auth_pb2.ListUsersRequest(), metadata=(("authorization", f"Bearer {token}"),)
        )
    except grpc.aio.AioRpcError as exc:
        return exc.code()
    return grpc.StatusCode.OK


AUTHENTICATED = {grpc.StatusCode.OK, grpc.StatusCode.PERMISSION_DENIED}


async def test_a_key_is_shown_once_stored_hashed_and_exchanged_for_a_token(
    platform: Platform,
) -> None:
    account = await _account(platform)
    created = await _key(platform, account)
    secret = created.secret
    assert secret.startswith("psk_")
    assert created.key.prefix == secret[:12]
    assert created.key.name.startswith(f"{account}/keys/")
    listed = await _stub(platform).ListServiceAccountKeys(
        auth_pb2.ListServiceAccountKeysRequest(parent=account), metadata=platform.admin
    )
    assert [k.name for k in listed.keys] == [created.key.name]
    assert secret not in str(listed)
    assert platform.server.runtime is not None
    row = await platform.server.runtime.db.primary.fetchrow(
        "SELECT * FROM auth.service_account_keys WHERE id = $1", created.key.name.split("/")[-1]
    )
    assert row is not None
    assert all(secret.split("_", 2)[2] not in str(value) for value in dict(row).values())
    tokens = await _authenticate(platform, secret)
    assert tokens.token_type == "Bearer"
    assert not tokens.refresh_token  # the key is the long-lived credential
    claims = jwt.decode(tokens.access_token, options={"verify_signature": False})
    assert claims["sub"] == account
    assert await _code(platform, tokens.access_token) in AUTHENTICATED
    used = await _stub(platform).ListServiceAccountKeys(
        auth_pb2.ListServiceAccountKeysRequest(parent=account), metadata=platform.admin
    )
    assert used.keys[0].HasField("last_use_time")
    who = await _stub(platform).GetServiceAccount(
        auth_pb2.GetServiceAccountRequest(name=account), metadata=platform.admin
    )
    assert who.creator == "users/admin"
    assert who.display_name == "Nightly ETL"


async def test_bad_and_expired_keys_are_refused(platform: Platform) -> None:
    account = await _account(platform)
    created = await _key(platform, account)
    wrong = created.secret[:-4] + ("aaaa" if not created.secret.endswith("aaaa") else "bbbb")
    for api_key in (wrong, "psk_nothing_here", "not-a-key"):
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await _authenticate(platform, api_key)
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
        assert reason_of(caught.value) == "BAD_API_KEY"
    past = timestamp_pb2.Timestamp()
    past.FromSeconds(int(time.time()) - 60)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _key(platform, account, expire_time=past)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    soon = timestamp_pb2.Timestamp()
    soon.FromSeconds(int(time.time()) + 3600)
    expiring = await _key(platform, account, expire_time=soon)
    assert (await _authenticate(platform, expiring.secret)).access_token
    assert platform.server.runtime is not None
    await platform.server.runtime.db.primary.execute(
        "UPDATE auth.service_account_keys SET expire_time = now() - interval '1 second'"
        " WHERE id = $1",
        expiring.key.name.split("/")[-1],
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _authenticate(platform, expiring.secret)
    assert reason_of(caught.value) == "API_KEY_EXPIRED"


async def test_deleting_a_key_revokes_it_and_its_tokens_at_once(platform: Platform) -> None:
    account = await _account(platform)
    doomed = await _key(platform, account)
    kept = await _key(platform, account)
    doomed_token = (await _authenticate(platform, doomed.secret)).access_token
    kept_token = (await _authenticate(platform, kept.secret)).access_token
    assert await _code(platform, doomed_token) in AUTHENTICATED
    await _stub(platform).DeleteServiceAccountKey(
        auth_pb2.DeleteServiceAccountKeyRequest(name=doomed.key.name), metadata=platform.admin
    )
    assert await _code(platform, doomed_token) == grpc.StatusCode.UNAUTHENTICATED
    assert await _code(platform, kept_token) in AUTHENTICATED  # other keys are unaffected
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _authenticate(platform, doomed.secret)
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _stub(platform).DeleteServiceAccountKey(
            auth_pb2.DeleteServiceAccountKeyRequest(name=doomed.key.name), metadata=platform.admin
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


async def test_deleting_an_account_revokes_everything_it_holds(platform: Platform) -> None:
    account = await _account(platform)
    key = await _key(platform, account)
    token = (await _authenticate(platform, key.secret)).access_token
    await _stub(platform).DeleteServiceAccount(
        auth_pb2.DeleteServiceAccountRequest(name=account), metadata=platform.admin
    )
    assert await _code(platform, token) == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _authenticate(platform, key.secret)
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _stub(platform).GetServiceAccount(
            auth_pb2.GetServiceAccountRequest(name=account), metadata=platform.admin
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


async def test_creation_rules_and_paging(platform: Platform) -> None:
    stub = _stub(platform)
    request_id = uuid.uuid4().hex
    account_id = f"sched-{uuid.uuid4().hex[:6]}"
    request = auth_pb2.CreateServiceAccountRequest(
        service_account_id=account_id, request_id=request_id
    )
    first = await stub.CreateServiceAccount(request, metadata=platform.admin)
    again = await stub.CreateServiceAccount(request, metadata=platform.admin)
    assert first == again
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.CreateServiceAccount(
            auth_pb2.CreateServiceAccountRequest(service_account_id=account_id),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.ALREADY_EXISTS
    for bad in ("", "Upper", "has space", "x" * 64):
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.CreateServiceAccount(
                auth_pb2.CreateServiceAccountRequest(service_account_id=bad),
                metadata=platform.admin,
            )
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT, bad
    names: list[str] = []
    token = ""
    while True:
        page = await stub.ListServiceAccounts(
            auth_pb2.ListServiceAccountsRequest(page_size=2, page_token=token),
            metadata=platform.admin,
        )
        names += [a.name for a in page.service_accounts]
        token = page.next_page_token
        if not token:
            break
    assert first.name in names
    assert names == sorted(names)
    # A user without a role can do none of it.
    _, outsider = await platform.new_user("sa-outsider")
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.CreateServiceAccount(
            auth_pb2.CreateServiceAccountRequest(service_account_id="mine"), metadata=outsider
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
