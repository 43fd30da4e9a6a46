"""The auth service: bootstrap admin, password login, rotating refresh tokens, JWKS,
service accounts with API keys (``service_accounts``) and OIDC token exchange
(``oidc`` verifies, ``graph`` resolves Entra ID's groups overage, ``federation`` maps to
users).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
import re
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import grpc
from google.protobuf import empty_pb2

from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from services.auth.federation import federated_user, token_claims
from services.auth.graph import GraphGroups
from services.auth.keys import KeyRing
from services.auth.oidc import OidcVerifier
from services.auth.passwords import (
    generate_password,
    hash_password,
    policy_violations,
    verify_password,
)
from services.auth.service_accounts import ServiceAccounts, account_message
from services.runtime.cache import RateLimiter
from services.runtime.context import current_call, current_principal
from services.runtime.convert import client_ip, etag, parse_etag, timestamp
from services.runtime.database import Connection
from services.runtime.errors import (
    FieldViolation,
    ServiceError,
    aborted_etag,
    already_exists,
    bad_field,
    collect,
    not_found,
    permission_denied,
    unauthenticated,
)
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.secretbox import SecretBox
from services.runtime.service import Runtime
from services.runtime.sql import assignments, like_escape

log = logging.getLogger(__name__)

USER_ID = re.compile(r"^[a-z][a-z0-9._-]{1,62}$")
INITIAL_PASSWORD_FILE = "initial-admin-password"  # noqa: S105 - a file name, not a password
_BAD_LOGIN = "invalid user name or password"


def user_id_of(name: str, field: str = "name") -> str:
    prefix, _, user_id = name.partition("/")
    if prefix != "users" or not USER_ID.match(user_id):
        raise bad_field(field, "must look like users/{user}, lower-case letters and digits")
    return user_id


def _user_message(row: asyncpg.Record) -> auth_pb2.User:
    return auth_pb2.User(
        name=f"users/{row['id']}",
        display_name=row["display_name"],
        email=row["email"],
        identity_provider=row["identity_provider"],
        external_subject=row["external_subject"],
        platform_admin=row["platform_admin"],
        disabled=row["disabled"],
        groups=row["groups"],
        groups_unavailable=row["groups_unavailable"],
        create_time=timestamp(row["create_time"]),
        update_time=timestamp(row["update_time"]),
        last_login_time=timestamp(row["last_login_time"]),
        etag=etag(row["version"]),
    )


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class AuthServicer(auth_pb2_grpc.AuthServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._pool = runtime.db.primary
        settings = runtime.settings
        self._settings = settings
        box = SecretBox.from_settings(settings)
        self.keys = KeyRing(self._pool, box, settings)
        window = settings.login_window_seconds
        self._user_limit = RateLimiter(
            runtime.redis, "auth:login:user", settings.login_max_failures, window
        )
        self._ip_limit = RateLimiter(
            runtime.redis, "auth:login:ip", settings.login_max_failures * 4, window
        )
        self.accounts = ServiceAccounts(runtime, self.keys, self._ip_limit)
        self.oidc = OidcVerifier(
            settings.oidc_issuer_configs(), cache_seconds=settings.jwks_cache_seconds
        )
        self.graph = GraphGroups(settings, runtime.redis)

    async def close(self) -> None:
        """Releases the OIDC issuers' and Graph's HTTP connections (ServiceSpec.on_stop)."""
        await self.oidc.close()
        await self.graph.close()

    # -- bootstrap -------------------------------------------------------------------

    async def bootstrap(self) -> None:
        """Creates the bootstrap admin and a signing key on the first start."""
        settings = self._settings
        password = settings.admin_password
        generated = not password
        if generated:
            password = generate_password()
        inserted = await self._pool.fetchval(
            "INSERT INTO auth.users (id, display_name, password_hash, platform_admin)"
            " VALUES ($1, 'Administrator', $2, true) ON CONFLICT (id) DO NOTHING RETURNING id",
            settings.admin_username,
            await hash_password(password),
        )
        if inserted and generated:
            path = Path(settings.data_dir) / INITIAL_PASSWORD_FILE
            await asyncio.to_thread(_write_private, path, password)
            log.warning(
                "created bootstrap administrator %r; its password is in %s",
                settings.admin_username,
                path,
            )
        await self.keys.current()
        rewrapped = await self.keys.rewrap()
        if rewrapped:
            log.info("re-wrapped %d signing keys under the current key-encryption key", rewrapped)

    # -- tokens ------------------------------------------------------------------------

    async def _issue(
        self, conn: Connection, user_id: str, family: str | None, claims: dict[str, Any]
    ) -> auth_pb2.TokenPair:
        access = await self.keys.mint_access_token(f"users/{user_id}", claims)
        refresh_id = uuid.uuid4().hex
        secret = secrets.token_urlsafe(32)
        refresh_expires = datetime.now(UTC) + timedelta(
            seconds=self._settings.refresh_token_ttl_seconds
        )
        await conn.execute(
            "INSERT INTO auth.refresh_tokens (id, family_id, user_id, token_hash, expire_time)"
            " VALUES ($1, $2, $3, $4, $5)",
            refresh_id,
            family or uuid.uuid4().hex,
            user_id,
            _digest(secret),
            refresh_expires,
        )
        return auth_pb2.TokenPair(
            access_token=access.token,
            token_type="Bearer",  # noqa: S106 - the OAuth token type, not a secret
            access_token_expire_time=timestamp(access.expires),
            refresh_token=f"{refresh_id}.{secret}",
            refresh_token_expire_time=timestamp(refresh_expires),
        )

    async def Login(self, request: auth_pb2.LoginRequest, context: Any) -> auth_pb2.LoginResponse:
        violations = []
        if not request.username:
            violations.append(FieldViolation("username", "is required"))
        if not request.password:
            violations.append(FieldViolation("password", "is required"))
        collect(violations)
        username = request.username.strip().lower()
        call = current_call()
        ip = client_ip(call.peer if call else "")
        for limiter, key in ((self._user_limit, username), (self._ip_limit, ip)):
            wait = await limiter.blocked_for(key)
            if wait:
                raise _throttled(wait)
        row = await self._pool.fetchrow("SELECT * FROM auth.users WHERE id = $1", username)
        ok = await verify_password(row["password_hash"] if row else None, request.password)
        if not ok or row is None or row["disabled"]:
            await self._user_limit.hit(username)
            await self._ip_limit.hit(ip)
            raise unauthenticated(_BAD_LOGIN, "BAD_CREDENTIALS")
        await self._user_limit.reset(username)
        async with self._pool.acquire() as conn, conn.transaction():
            updated = await conn.fetchrow(
                "UPDATE auth.users SET last_login_time = now() WHERE id = $1 RETURNING *",
                username,
            )
            if updated is None:  # deleted since the password check
                raise unauthenticated(_BAD_LOGIN, "BAD_CREDENTIALS")
            tokens = await self._issue(conn, username, None, token_claims(updated))
        return auth_pb2.LoginResponse(tokens=tokens, user=_user_message(updated))

    async def RefreshToken(
        self, request: auth_pb2.RefreshTokenRequest, context: Any
    ) -> auth_pb2.RefreshTokenResponse:
        token_id, _, secret = request.refresh_token.partition(".")
        if not token_id or not secret:
            raise bad_field("refresh_token", "is not a refresh token")
        async with self._pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow(
                "SELECT t.*, u.disabled, u.identity_provider, u.groups, u.roles,"
                " u.groups_unavailable FROM auth.refresh_tokens t"
                " JOIN auth.users u ON u.id = t.user_id WHERE t.id = $1 FOR UPDATE OF t",
                token_id,
            )
            if row is None or not hmac.compare_digest(row["token_hash"], _digest(secret)):
                raise unauthenticated("the refresh token is not valid", "BAD_REFRESH_TOKEN")
            if row["use_time"] is not None or row["revoke_time"] is not None:
                # A rotated token came back: someone holds a copy. Kill the family.
                await conn.execute(
                    "UPDATE auth.refresh_tokens SET revoke_time = now()"
                    " WHERE family_id = $1 AND revoke_time IS NULL",
                    row["family_id"],
                )
                log.warning("refresh token reuse for %s; family revoked", row["user_id"])
                reuse = True
            else:
                reuse = False
                if row["expire_time"] <= datetime.now(UTC) or row["disabled"]:
                    raise unauthenticated("the refresh token has expired", "REFRESH_EXPIRED")
                await conn.execute(
                    "UPDATE auth.refresh_tokens SET use_time = now() WHERE id = $1", token_id
                )
                tokens = await self._issue(
                    conn, row["user_id"], row["family_id"], token_claims(row)
                )
        if reuse:
            raise unauthenticated(
                "the refresh token was already used; its session is revoked", "REFRESH_TOKEN_REUSED"
            )
        return auth_pb2.RefreshTokenResponse(tokens=tokens)

    async def _revoke_jti(self, token_id: str) -> None:
        await self._rt.revocations.revoke_token(
            token_id, self._settings.access_token_ttl_seconds + 60
        )

    async def Logout(
        self, request: auth_pb2.LogoutRequest, context: Any
    ) -> auth_pb2.LogoutResponse:
        principal = current_principal()
        if principal.token_id:
            await self._revoke_jti(principal.token_id)
        token_id, _, _ = request.refresh_token.partition(".")
        if token_id:
            await self._pool.execute(
                "UPDATE auth.refresh_tokens SET revoke_time = now() WHERE revoke_time IS NULL"
                " AND family_id = (SELECT family_id FROM auth.refresh_tokens"
                "   WHERE id = $1 AND user_id = $2)",
                token_id,
                principal.name.removeprefix("users/"),
            )
        return auth_pb2.LogoutResponse()

    async def RevokeToken(
        self, request: auth_pb2.RevokeTokenRequest, context: Any
    ) -> auth_pb2.RevokeTokenResponse:
        if not re.fullmatch(r"[0-9a-f]{32}", request.token_id):
            raise bad_field("token_id", "must be a token id (the jti claim)")
        await self._revoke_jti(request.token_id)
        return auth_pb2.RevokeTokenResponse()

    async def WhoAmI(
        self, request: auth_pb2.WhoAmIRequest, context: Any
    ) -> auth_pb2.WhoAmIResponse:
        principal = current_principal()
        response = auth_pb2.WhoAmIResponse(principal=principal.name, token_id=principal.token_id)
        exp = principal.claims.get("exp")
        if exp is not None:
            response.token_expire_time.CopyFrom(timestamp(datetime.fromtimestamp(float(exp), UTC)))
        if principal.name.startswith("users/"):
            row = await self._pool.fetchrow(
                "SELECT * FROM auth.users WHERE id = $1", principal.name.removeprefix("users/")
            )
            if row is not None:
                response.user.CopyFrom(_user_message(row))
        elif principal.name.startswith("serviceAccounts/"):
            account = await self.accounts.get_row(principal.name.removeprefix("serviceAccounts/"))
            if account is not None:
                response.service_account.CopyFrom(account_message(account))
        return response

    async def GetJwks(
        self, request: auth_pb2.GetJwksRequest, context: Any
    ) -> auth_pb2.GetJwksResponse:
        return auth_pb2.GetJwksResponse(
            keys=[
                auth_pb2.JsonWebKey(kty="OKP", kid=kid, use="sig", alg="EdDSA", crv="Ed25519", x=x)
                for kid, x in await self.keys.published()
            ]
        )

    async def RotateSigningKey(
        self, request: auth_pb2.RotateSigningKeyRequest, context: Any
    ) -> auth_pb2.RotateSigningKeyResponse:
        key = await self.keys.rotate()
        return auth_pb2.RotateSigningKeyResponse(key_id=key.kid)

    # -- users -------------------------------------------------------------------------

    async def CreateUser(self, request: auth_pb2.CreateUserRequest, context: Any) -> auth_pb2.User:
        violations: list[FieldViolation] = []
        user_id = request.user_id.strip().lower()
        if not USER_ID.match(user_id):
            violations.append(
                FieldViolation(
                    "user_id",
                    "must be 2-63 lower-case letters, digits, '.', '_' or '-',"
                    " starting with a letter",
                )
            )
        violations += policy_violations(request.user.password, user_id, "user.password")
        if len(request.user.email) > 320 or (request.user.email and "@" not in request.user.email):
            violations.append(FieldViolation("user.email", "is not an email address"))
        collect(violations)
        check_request_id(request.request_id)
        password_hash = await hash_password(request.user.password)
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "auth", request.request_id)
            if known:
                row = await conn.fetchrow(
                    "SELECT * FROM auth.users WHERE id = $1", known.removeprefix("users/")
                )
                if row is not None:
                    return _user_message(row)
            row = await conn.fetchrow(
                "INSERT INTO auth.users (id, display_name, email, password_hash)"
                " VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING *",
                user_id,
                request.user.display_name,
                request.user.email,
                password_hash,
            )
            if row is None:
                raise already_exists("User", f"users/{user_id}")
            await remember(conn, "auth", request.request_id, f"users/{user_id}")
        return _user_message(row)

    def _resolve(self, name: str) -> str:
        if name == "users/me":
            principal = current_principal()
            if not principal.name.startswith("users/"):
                raise bad_field("name", "users/me needs a user's token")
            return principal.name.removeprefix("users/")
        return user_id_of(name)

    async def GetUser(self, request: auth_pb2.GetUserRequest, context: Any) -> auth_pb2.User:
        user_id = self._resolve(request.name)
        row = await self._pool.fetchrow("SELECT * FROM auth.users WHERE id = $1", user_id)
        if row is None:
            raise not_found("User", request.name)
        return _user_message(row)

    async def ListUsers(
        self, request: auth_pb2.ListUsersRequest, context: Any
    ) -> auth_pb2.ListUsersResponse:
        size = page_size(request.page_size)
        after = decode_token(request.page_token, request.filter) or ""
        pattern = "%" + like_escape(request.filter) + "%"
        rows = await self._rt.db.replica.fetch(
            "SELECT * FROM auth.users WHERE id > $1 AND ($2 = '%%' OR id ILIKE $2"
            " OR display_name ILIKE $2 OR email ILIKE $2) ORDER BY id LIMIT $3",
            after,
            pattern,
            size + 1,
        )
        response = auth_pb2.ListUsersResponse(users=[_user_message(r) for r in rows[:size]])
        if len(rows) > size:
            response.next_page_token = encode_token(rows[size - 1]["id"], request.filter)
        return response

    async def UpdateUser(self, request: auth_pb2.UpdateUserRequest, context: Any) -> auth_pb2.User:
        user_id = user_id_of(request.user.name, "user.name")
        allowed = {"display_name", "email", "disabled"}
        paths = list(request.update_mask.paths) or sorted(allowed)
        unknown = [p for p in paths if p not in allowed]
        if unknown:
            raise bad_field("update_mask", f"cannot update {', '.join(unknown)}")
        async with self._pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow("SELECT * FROM auth.users WHERE id = $1 FOR UPDATE", user_id)
            if row is None:
                raise not_found("User", request.user.name)
            if request.user.etag and parse_etag(request.user.etag) != row["version"]:
                raise aborted_etag("User", request.user.name)
            values = {p: getattr(request.user, p) for p in paths}
            if "disabled" in values and values["disabled"] and row["platform_admin"]:
                raise bad_field("user.disabled", "the platform administrator cannot be disabled")
            sets = assignments(values, 2)
            row = await conn.fetchrow(
                f"UPDATE auth.users SET {sets}, version = version + 1,"  # noqa: S608 - columns from the allow-list
                " update_time = now() WHERE id = $1 RETURNING *",
                user_id,
                *values.values(),
            )
            if row is None:  # the row is locked FOR UPDATE above
                raise RuntimeError(f"{request.user.name} vanished while locked")
        if row["disabled"]:
            await self._revoke_subject(user_id)
        return _user_message(row)

    async def _revoke_subject(self, user_id: str) -> None:
        """Every token issued to the user until now stops verifying."""
        await self._rt.revocations.revoke_subject(
            f"users/{user_id}",
            datetime.now(UTC).timestamp(),
            self._settings.access_token_ttl_seconds + 60,
        )
        await self._pool.execute(
            "UPDATE auth.refresh_tokens SET revoke_time = now()"
            " WHERE user_id = $1 AND revoke_time IS NULL",
            user_id,
        )

    async def DeleteUser(
        self, request: auth_pb2.DeleteUserRequest, context: Any
    ) -> empty_pb2.Empty:
        user_id = user_id_of(request.name)
        if user_id == self._settings.admin_username:
            raise bad_field("name", "the bootstrap administrator cannot be deleted")
        await self._revoke_subject(user_id)
        await self._pool.execute("DELETE FROM auth.users WHERE id = $1", user_id)
        return empty_pb2.Empty()

    async def ChangePassword(
        self, request: auth_pb2.ChangePasswordRequest, context: Any
    ) -> auth_pb2.ChangePasswordResponse:
        user_id = self._resolve(request.name)
        own = current_principal().name == f"users/{user_id}"
        collect(policy_violations(request.new_password, user_id, "new_password"))
        row = await self._pool.fetchrow("SELECT * FROM auth.users WHERE id = $1", user_id)
        if row is None:
            raise not_found("User", request.name)
        if own and not await verify_password(row["password_hash"], request.current_password):
            raise bad_field("current_password", "does not match")
        if not own and not await self._caller_is_admin():
            raise permission_denied("auth.users.password", request.name)
        await self._pool.execute(
            "UPDATE auth.users SET password_hash = $2, version = version + 1,"
            " update_time = now() WHERE id = $1",
            user_id,
            await hash_password(request.new_password),
        )
        await self._revoke_subject(user_id)
        if user_id == self._settings.admin_username:
            path = Path(self._settings.data_dir) / INITIAL_PASSWORD_FILE
            await asyncio.to_thread(path.unlink, missing_ok=True)
        return auth_pb2.ChangePasswordResponse()

    # -- OIDC token exchange ------------------------------------------------------------

    async def ExchangeToken(
        self, request: auth_pb2.ExchangeTokenRequest, context: Any
    ) -> auth_pb2.ExchangeTokenResponse:
        identity = await self.oidc.verify(request.subject_token, request.issuer)
        if identity.groups_overage:
            # The complete list from Graph, or UNAVAILABLE before anything is written
            # (services/auth/graph.py says why failing beats going on without groups).
            identity = await self.graph.resolve(identity, *self.oidc.trusted(identity.issuer))
        async with self._pool.acquire() as conn, conn.transaction():
            user = await federated_user(conn, identity)
            tokens = await self._issue(conn, user["id"], None, token_claims(user))
        return auth_pb2.ExchangeTokenResponse(tokens=tokens, user=_user_message(user))

    # -- service accounts ----------------------------------------------------------------

    async def CreateServiceAccount(
        self, request: auth_pb2.CreateServiceAccountRequest, context: Any
    ) -> auth_pb2.ServiceAccount:
        return await self.accounts.create(request)

    async def GetServiceAccount(
        self, request: auth_pb2.GetServiceAccountRequest, context: Any
    ) -> auth_pb2.ServiceAccount:
        return await self.accounts.get(request)

    async def ListServiceAccounts(
        self, request: auth_pb2.ListServiceAccountsRequest, context: Any
    ) -> auth_pb2.ListServiceAccountsResponse:
        return await self.accounts.list(request)

    async def DeleteServiceAccount(
        self, request: auth_pb2.DeleteServiceAccountRequest, context: Any
    ) -> empty_pb2.Empty:
        return await self.accounts.delete(request)

    async def CreateServiceAccountKey(
        self, request: auth_pb2.CreateServiceAccountKeyRequest, context: Any
    ) -> auth_pb2.CreateServiceAccountKeyResponse:
        return await self.accounts.create_key(request)

    async def ListServiceAccountKeys(
        self, request: auth_pb2.ListServiceAccountKeysRequest, context: Any
    ) -> auth_pb2.ListServiceAccountKeysResponse:
        return await self.accounts.list_keys(request)

    async def DeleteServiceAccountKey(
        self, request: auth_pb2.DeleteServiceAccountKeyRequest, context: Any
    ) -> empty_pb2.Empty:
        return await self.accounts.delete_key(request)

    async def AuthenticateServiceAccount(
        self, request: auth_pb2.AuthenticateServiceAccountRequest, context: Any
    ) -> auth_pb2.AuthenticateServiceAccountResponse:
        return await self.accounts.authenticate(request)

    async def _caller_is_admin(self) -> bool:
        name = current_principal().name
        if not name.startswith("users/"):
            return False
        return bool(
            await self._pool.fetchval(
                "SELECT platform_admin FROM auth.users WHERE id = $1", name.removeprefix("users/")
            )
        )


def _throttled(wait_seconds: int) -> ServiceError:
    return ServiceError(
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        f"too many failed sign-ins; try again in {wait_seconds} s",
        reason="LOGIN_THROTTLED",
        metadata={"retry_after_seconds": str(wait_seconds)},
    )


def _write_private(path: Path, text: str) -> None:
    """Writes ``text`` to a file only the owner can read."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
