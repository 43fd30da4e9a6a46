"""Verifying PurSight access tokens offline, against the auth service's JWKS.

Every service verifies tokens itself: signature (EdDSA only, never ``alg: none``), issuer,
audience, expiry and not-before with a small leeway for clock skew, then asks Redis
whether the token id or its subject was revoked. Keys are fetched from
``AuthService.GetJwks`` once and again only when a token names a key id not yet seen
(rate-limited), so key rotation needs no restart.
"""

from __future__ import annotations

import asyncio
import base64
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from services.runtime.errors import ServiceError, unauthenticated
from services.runtime.revocation import Revocations

ALGORITHMS = ["EdDSA"]
CLOCK_SKEW_SECONDS = 30
VERIFIED_CACHE_SIZE = 10_000
REFETCH_BUDGET = 3  # JWKS fetches per refetch interval for unknown key ids


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# Why PyJWT refused a token, as the caller is told: the first matching type wins.
_REFUSALS: tuple[tuple[type[jwt.PyJWTError], str, str], ...] = (
    (jwt.ExpiredSignatureError, "the token has expired", "TOKEN_EXPIRED"),
    (jwt.ImmatureSignatureError, "the token is not valid yet", "TOKEN_NOT_YET_VALID"),
    (jwt.InvalidIssuerError, "the token has the wrong issuer", "BAD_ISSUER"),
    (jwt.InvalidAudienceError, "the token is meant for another audience", "BAD_AUDIENCE"),
    (jwt.InvalidSignatureError, "the token's signature is invalid", "BAD_SIGNATURE"),
)


def refusal(exc: jwt.PyJWTError) -> ServiceError:
    """UNAUTHENTICATED saying why a token failed ``jwt.decode`` (user, service or OIDC)."""
    for kind, message, reason in _REFUSALS:
        if isinstance(exc, kind):
            return unauthenticated(message, reason)
    return unauthenticated(f"the token is invalid: {exc}", "INVALID_TOKEN")


@dataclass(frozen=True)
class VerifiedToken:
    subject: str
    token_id: str
    claims: Mapping[str, Any]


JwksFetcher = Callable[[], Awaitable[Sequence[Mapping[str, str]]]]


class TokenVerifier:
    """Checks access tokens; raises UNAUTHENTICATED with the reason on any failure."""

    def __init__(
        self,
        fetch_jwks: JwksFetcher,
        *,
        issuer: str,
        audience: str,
        revocations: Revocations | None,
        refetch_interval: float = 10.0,
        cache_seconds: float = 300.0,
        service_verifier: Callable[[str], VerifiedToken] | None = None,
        service_algorithm: str = "HS256",
    ) -> None:
        # Service tokens (see service_identity) are checked by their own verifier.
        self._services = service_verifier
        # Tokens whose signature and claims checked out, until they expire (a Ed25519
        # verification costs more than the rest of a small call).
        self._verified: dict[str, VerifiedToken] = {}
        self._services_algorithm = service_algorithm
        self._fetch = fetch_jwks
        self._issuer = issuer
        self._audience = audience
        self._revocations = revocations
        self._keys: dict[str, Ed25519PublicKey] = {}
        self._fetched_at = 0.0
        self._refetch_interval = refetch_interval
        self._recent_fetches: deque[float] = deque()
        self._cache_seconds = cache_seconds
        self._lock = asyncio.Lock()

    def _may_refetch(self, now: float) -> bool:
        """A token naming an unknown key may trigger a fetch (a rotation happened), but
        only a few per window, so random key ids cannot hammer the auth service."""
        while self._recent_fetches and now - self._recent_fetches[0] > self._refetch_interval:
            self._recent_fetches.popleft()
        return len(self._recent_fetches) < REFETCH_BUDGET

    async def _key(self, kid: str) -> Ed25519PublicKey:
        if kid not in self._keys or time.monotonic() - self._fetched_at > self._cache_seconds:
            async with self._lock:
                now = time.monotonic()
                stale = now - self._fetched_at > self._cache_seconds
                if stale or (kid not in self._keys and self._may_refetch(now)):
                    await self._refresh()
        key = self._keys.get(kid)
        if key is None:
            raise unauthenticated("the token was signed by an unknown key", "UNKNOWN_KEY")
        return key

    async def _refresh(self) -> None:
        keys: dict[str, Ed25519PublicKey] = {}
        for jwk in await self._fetch():
            if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519" and jwk.get("kid"):
                keys[jwk["kid"]] = Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
        self._keys = keys
        self._fetched_at = time.monotonic()
        self._recent_fetches.append(self._fetched_at)

    async def verify(self, token: str) -> VerifiedToken:
        cached = self._verified.get(token)
        if cached is not None and float(cached.claims["exp"]) + CLOCK_SKEW_SECONDS > time.time():
            # The signature and claims were checked before; revocation never is cached.
            await self._check_revoked(cached.claims)
            return cached
        verified = await self._verify_uncached(token)
        if len(self._verified) >= VERIFIED_CACHE_SIZE:
            self._verified.pop(next(iter(self._verified)))
        self._verified[token] = verified
        return verified

    async def _verify_uncached(self, token: str) -> VerifiedToken:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise unauthenticated("the token is malformed", "MALFORMED_TOKEN") from None
        if self._services is not None and header.get("alg") == self._services_algorithm:
            return self._services(token)
        if header.get("alg") not in ALGORITHMS:
            raise unauthenticated("the token's algorithm is not allowed", "BAD_ALGORITHM")
        key = await self._key(str(header.get("kid", "")))
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                audience=self._audience,
                issuer=self._issuer,
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "nbf", "sub", "jti", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise refusal(exc) from None
        if claims.get("typ") != "access":
            raise unauthenticated("not an access token", "WRONG_TOKEN_TYPE")
        await self._check_revoked(claims)
        return VerifiedToken(subject=str(claims["sub"]), token_id=str(claims["jti"]), claims=claims)

    async def _check_revoked(self, claims: Mapping[str, Any]) -> None:
        if self._revocations is not None:
            await self._revocations.check(claims)
