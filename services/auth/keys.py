"""Signing keys and token minting: Ed25519 JWTs whose keys rotate.

The private keys are sealed at rest; the public halves are what GetJwks publishes. A
retired key stays published for one access-token lifetime so tokens it signed keep
verifying until they expire anyway.
"""

from __future__ import annotations

import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.runtime.database import Connection
from services.runtime.secretbox import SecretBox
from services.runtime.settings import Settings
from services.runtime.tokens import b64url_encode

_KEY_LOCK = 0x4B45_5953  # advisory lock serialising key creation across replicas


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private: Ed25519PrivateKey
    public_x: str


@dataclass(frozen=True)
class MintedToken:
    token: str
    token_id: str
    expires: datetime


class KeyRing:
    """Loads, creates and rotates signing keys; mints access tokens."""

    def __init__(self, pool: asyncpg.Pool, box: SecretBox, settings: Settings) -> None:
        self._pool = pool
        self._box = box
        self._settings = settings
        self._current: SigningKey | None = None

    def _open(self, kid: str, sealed: bytes, public_x: str) -> SigningKey:
        raw = self._box.open(sealed, f"auth.signing_keys/{kid}")
        return SigningKey(kid, Ed25519PrivateKey.from_private_bytes(raw), public_x)

    async def _insert_new(self, conn: Connection) -> SigningKey:
        private = Ed25519PrivateKey.generate()
        raw = private.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        public_x = b64url_encode(
            private.public_key().public_bytes(
                serialization.Encoding.Raw, serialization.PublicFormat.Raw
            )
        )
        kid = f"k{int(time.time())}-{secrets.token_hex(4)}"
        await conn.execute(
            "INSERT INTO auth.signing_keys (kid, private_key, public_x) VALUES ($1, $2, $3)",
            kid,
            self._box.seal(raw, f"auth.signing_keys/{kid}"),
            public_x,
        )
        return SigningKey(kid, private, public_x)

    async def current(self) -> SigningKey:
        if self._current is not None:
            return self._current
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", _KEY_LOCK)
            row = await conn.fetchrow(
                "SELECT kid, private_key, public_x FROM auth.signing_keys"
                " WHERE retire_time IS NULL ORDER BY create_time DESC LIMIT 1"
            )
            key = (
                self._open(row["kid"], row["private_key"], row["public_x"])
                if row
                else await self._insert_new(conn)
            )
        self._current = key
        return key

    async def rotate(self) -> SigningKey:
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", _KEY_LOCK)
            await conn.execute(
                "UPDATE auth.signing_keys SET retire_time = now() WHERE retire_time IS NULL"
            )
            key = await self._insert_new(conn)
        self._current = key
        return key

    async def rewrap(self) -> int:
        """Re-wraps the sealed private keys not yet under the current key-encryption key
        (after a KEK rotation); the encrypted key material itself is not rewritten.
        Returns how many were re-wrapped."""
        count = 0
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", _KEY_LOCK)
            for row in await conn.fetch("SELECT kid, private_key FROM auth.signing_keys"):
                sealed = bytes(row["private_key"])
                if not self._box.needs_rewrap(sealed):
                    continue
                context = f"auth.signing_keys/{row['kid']}"
                await conn.execute(
                    "UPDATE auth.signing_keys SET private_key = $2 WHERE kid = $1",
                    row["kid"],
                    self._box.rewrap(sealed, context),
                )
                count += 1
        return count

    async def published(self) -> list[tuple[str, str]]:
        """(kid, x) of keys that may still verify a live token, current first."""
        self._current = None  # another replica may have rotated
        await self.current()
        rows = await self._pool.fetch(
            "SELECT kid, public_x FROM auth.signing_keys"
            " WHERE retire_time IS NULL OR retire_time > now() - make_interval(secs => $1)"
            " ORDER BY retire_time DESC NULLS FIRST, create_time DESC",
            float(self._settings.access_token_ttl_seconds + 60),
        )
        return [(r["kid"], r["public_x"]) for r in rows]

    async def mint_access_token(
        self, subject: str, extra: dict[str, object] | None = None
    ) -> MintedToken:
        key = await self.current()
        now = datetime.now(UTC)
        expires = now + timedelta(seconds=self._settings.access_token_ttl_seconds)
        token_id = uuid.uuid4().hex
        claims: dict[str, object] = {
            "iss": self._settings.token_issuer,
            "aud": self._settings.token_audience,
            "sub": subject,
            # Millisecond precision: revoking a user's tokens at time t must not also
            # refuse the token they get by signing in again within the same second.
            "iat": round(now.timestamp(), 3),
            "nbf": int(now.timestamp()),
            "exp": int(expires.timestamp()),
            "jti": token_id,
            "typ": "access",
            **(extra or {}),
        }
        token = jwt.encode(claims, key.private, algorithm="EdDSA", headers={"kid": key.kid})
        return MintedToken(token, token_id, expires)
