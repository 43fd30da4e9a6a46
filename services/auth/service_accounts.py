"""Service accounts and their API keys.

An API key is ``psk_<key id>_<secret>``: the key id finds the row without scanning, the
secret (256 random bits) is checked against its SHA-256 digest in constant time. The
secret is shown once, in CreateServiceAccountKey's response, and never stored. A key
is exchanged for a short-lived access token (AuthenticateServiceAccount); deleting the
key revokes the tokens it minted at once (their ids are kept in Redis for their
lifetime), deleting the account revokes every token of the account.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime

import asyncpg
import grpc
from google.protobuf import empty_pb2

from pursight.auth.v1 import auth_pb2
from services.auth.keys import KeyRing
from services.runtime.cache import RateLimiter
from services.runtime.context import current_call, current_principal
from services.runtime.convert import client_ip, timestamp
from services.runtime.errors import (
    FieldViolation,
    ServiceError,
    already_exists,
    bad_field,
    collect,
    not_found,
    unauthenticated,
)
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.names import check_id, new_id, parse_name
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.service import Runtime

ACCOUNT = "serviceAccounts/{service_account}"
KEY = "serviceAccounts/{service_account}/keys/{key}"
KEY_PREFIX = "psk"
PREFIX_CHARS = 12
MAX_KEYS_PER_ACCOUNT = 10
KEY_TOKENS = "auth:sa-key-tokens:{}"  # Redis set of the token ids a key minted
_BAD_KEY = "the API key is not valid"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def account_message(row: asyncpg.Record) -> auth_pb2.ServiceAccount:
    return auth_pb2.ServiceAccount(
        name=f"serviceAccounts/{row['id']}",
        display_name=row["display_name"],
        description=row["description"],
        disabled=row["disabled"],
        creator=row["creator"],
        create_time=timestamp(row["create_time"]),
    )


def _key(row: asyncpg.Record) -> auth_pb2.ServiceAccountKey:
    return auth_pb2.ServiceAccountKey(
        name=f"serviceAccounts/{row['service_account_id']}/keys/{row['id']}",
        display_name=row["display_name"],
        prefix=row["prefix"],
        expire_time=timestamp(row["expire_time"]),
        create_time=timestamp(row["create_time"]),
        last_use_time=timestamp(row["last_use_time"]),
    )


def _check_labels(display_name: str, description: str, prefix: str) -> None:
    violations = []
    if len(display_name) > 200:
        violations.append(FieldViolation(f"{prefix}.display_name", "at most 200 characters"))
    if len(description) > 4000:
        violations.append(FieldViolation(f"{prefix}.description", "at most 4000 characters"))
    collect(violations)


class ServiceAccounts:
    """The service-account half of the auth service (the servicer delegates here)."""

    def __init__(self, runtime: Runtime, keys: KeyRing, ip_limit: RateLimiter) -> None:
        self._rt = runtime
        self._pool = runtime.db.primary
        self._keys = keys
        self._ip_limit = ip_limit
        self._ttl = runtime.settings.access_token_ttl_seconds

    async def get_row(self, account_id: str) -> asyncpg.Record | None:
        row: asyncpg.Record | None = await self._pool.fetchrow(
            "SELECT * FROM auth.service_accounts WHERE id = $1", account_id
        )
        return row

    async def create(
        self, request: auth_pb2.CreateServiceAccountRequest
    ) -> auth_pb2.ServiceAccount:
        account_id = check_id(request.service_account_id, "service_account_id")
        account = request.service_account
        _check_labels(account.display_name, account.description, "service_account")
        check_request_id(request.request_id)
        name = f"serviceAccounts/{account_id}"
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "auth", request.request_id)
            if known:
                row = await conn.fetchrow(
                    "SELECT * FROM auth.service_accounts WHERE id = $1", known.split("/")[1]
                )
                if row is not None:
                    return account_message(row)
            row = await conn.fetchrow(
                "INSERT INTO auth.service_accounts (id, display_name, description, creator)"
                " VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING *",
                account_id,
                account.display_name.strip(),
                account.description,
                current_principal().name,
            )
            if row is None:
                raise already_exists("ServiceAccount", name)
            await remember(conn, "auth", request.request_id, name)
        return account_message(row)

    async def get(self, request: auth_pb2.GetServiceAccountRequest) -> auth_pb2.ServiceAccount:
        account_id = parse_name(request.name, ACCOUNT)["service_account"]
        row = await self.get_row(account_id)
        if row is None:
            raise not_found("ServiceAccount", request.name)
        return account_message(row)

    async def list(
        self, request: auth_pb2.ListServiceAccountsRequest
    ) -> auth_pb2.ListServiceAccountsResponse:
        size = page_size(request.page_size)
        after = decode_token(request.page_token, "service-accounts") or ""
        rows = await self._rt.db.replica.fetch(
            "SELECT * FROM auth.service_accounts WHERE id > $1 ORDER BY id LIMIT $2",
            str(after),
            size + 1,
        )
        response = auth_pb2.ListServiceAccountsResponse(
            service_accounts=[account_message(r) for r in rows[:size]]
        )
        if len(rows) > size:
            response.next_page_token = encode_token(rows[size - 1]["id"], "service-accounts")
        return response

    async def delete(self, request: auth_pb2.DeleteServiceAccountRequest) -> empty_pb2.Empty:
        account_id = parse_name(request.name, ACCOUNT)["service_account"]
        deleted = await self._pool.fetchval(
            "DELETE FROM auth.service_accounts WHERE id = $1 RETURNING id", account_id
        )
        if deleted is None:
            raise not_found("ServiceAccount", request.name)
        await self._rt.revocations.revoke_subject(
            request.name, datetime.now(UTC).timestamp(), self._ttl + 60
        )
        return empty_pb2.Empty()

    async def create_key(
        self, request: auth_pb2.CreateServiceAccountKeyRequest
    ) -> auth_pb2.CreateServiceAccountKeyResponse:
        account_id = parse_name(request.parent, ACCOUNT, "parent")["service_account"]
        _check_labels(request.key.display_name, "", "key")
        expires = None
        if request.key.HasField("expire_time"):
            expires = request.key.expire_time.ToDatetime(tzinfo=UTC)
            if expires <= datetime.now(UTC):
                raise bad_field("key.expire_time", "must be in the future")
        key_id = new_id()
        secret = secrets.token_urlsafe(32)
        api_key = f"{KEY_PREFIX}_{key_id}_{secret}"
        async with self._pool.acquire() as conn, conn.transaction():
            account = await conn.fetchrow(
                "SELECT id FROM auth.service_accounts WHERE id = $1 FOR UPDATE", account_id
            )
            if account is None:
                raise not_found("ServiceAccount", request.parent)
            count = await conn.fetchval(
                "SELECT count(*) FROM auth.service_account_keys WHERE service_account_id = $1",
                account_id,
            )
            if count >= MAX_KEYS_PER_ACCOUNT:
                raise ServiceError(
                    grpc.StatusCode.FAILED_PRECONDITION,
                    f"{request.parent} already has {MAX_KEYS_PER_ACCOUNT} keys; delete one first",
                    reason="TOO_MANY_KEYS",
                )
            row = await conn.fetchrow(
                "INSERT INTO auth.service_account_keys (id, service_account_id, display_name,"
                " prefix, secret_hash, expire_time) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *",
                key_id,
                account_id,
                request.key.display_name.strip(),
                api_key[:PREFIX_CHARS],
                _digest(secret),
                expires,
            )
            if row is None:
                raise RuntimeError("INSERT ... RETURNING returned no row")
        return auth_pb2.CreateServiceAccountKeyResponse(key=_key(row), secret=api_key)

    async def list_keys(
        self, request: auth_pb2.ListServiceAccountKeysRequest
    ) -> auth_pb2.ListServiceAccountKeysResponse:
        account_id = parse_name(request.parent, ACCOUNT, "parent")["service_account"]
        if await self.get_row(account_id) is None:
            raise not_found("ServiceAccount", request.parent)
        rows = await self._pool.fetch(
            "SELECT * FROM auth.service_account_keys WHERE service_account_id = $1"
            " ORDER BY create_time DESC, id",
            account_id,
        )
        return auth_pb2.ListServiceAccountKeysResponse(keys=[_key(r) for r in rows])

    async def delete_key(self, request: auth_pb2.DeleteServiceAccountKeyRequest) -> empty_pb2.Empty:
        ids = parse_name(request.name, KEY)
        deleted = await self._pool.fetchval(
            "DELETE FROM auth.service_account_keys WHERE id = $1 AND service_account_id = $2"
            " RETURNING id",
            ids["key"],
            ids["service_account"],
        )
        if deleted is None:
            raise not_found("ServiceAccountKey", request.name)
        redis = self._rt.redis
        for token_id in await redis.smembers(KEY_TOKENS.format(ids["key"])):
            await self._rt.revocations.revoke_token(str(token_id), self._ttl + 60)
        await redis.delete(KEY_TOKENS.format(ids["key"]))
        return empty_pb2.Empty()

    async def authenticate(
        self, request: auth_pb2.AuthenticateServiceAccountRequest
    ) -> auth_pb2.AuthenticateServiceAccountResponse:
        call = current_call()
        ip = client_ip(call.peer if call else "")
        wait = await self._ip_limit.blocked_for(ip)
        if wait:
            raise ServiceError(
                grpc.StatusCode.RESOURCE_EXHAUSTED,
                f"too many failed attempts; try again in {wait} s",
                reason="LOGIN_THROTTLED",
                metadata={"retry_after_seconds": str(wait)},
            )
        if not request.api_key:
            raise bad_field("api_key", "is required")
        prefix, _, rest = request.api_key.partition("_")
        key_id, _, secret = rest.partition("_")
        row = None
        if prefix == KEY_PREFIX and key_id and secret and len(request.api_key) < 256:
            row = await self._pool.fetchrow(
                "SELECT k.*, a.disabled FROM auth.service_account_keys k"
                " JOIN auth.service_accounts a ON a.id = k.service_account_id WHERE k.id = $1",
                key_id,
            )
        valid = row is not None and hmac.compare_digest(row["secret_hash"], _digest(secret))
        if row is None or not valid:
            await self._ip_limit.hit(ip)
            raise unauthenticated(_BAD_KEY, "BAD_API_KEY")
        if row["disabled"]:
            raise unauthenticated("the service account is disabled", "ACCOUNT_DISABLED")
        if row["expire_time"] is not None and row["expire_time"] <= datetime.now(UTC):
            raise unauthenticated("the API key has expired", "API_KEY_EXPIRED")
        await self._pool.execute(
            "UPDATE auth.service_account_keys SET last_use_time = now() WHERE id = $1", key_id
        )
        access = await self._keys.mint_access_token(
            f"serviceAccounts/{row['service_account_id']}", {"sak": key_id}
        )
        tokens = self._rt.redis.pipeline(transaction=True)
        tokens.sadd(KEY_TOKENS.format(key_id), access.token_id)
        tokens.expire(KEY_TOKENS.format(key_id), self._ttl + 60)
        await tokens.execute()
        return auth_pb2.AuthenticateServiceAccountResponse(
            tokens=auth_pb2.TokenPair(
                access_token=access.token,
                token_type="Bearer",  # noqa: S106 - the OAuth token type, not a secret
                access_token_expire_time=timestamp(access.expires),
            )
        )
