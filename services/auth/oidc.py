"""Verifying ID and access tokens of trusted OIDC issuers (Entra ID or any other).

For a token to be exchanged, all of this must hold:

* its issuer is configured (``PURSIGHT_OIDC_ISSUERS``), and the issuer's discovery
  document (``<issuer>/.well-known/openid-configuration``, fetched over HTTPS, or HTTP on
  a loopback host) names that same issuer, as OIDC Discovery 4.3 requires;
* its ``alg`` is RS256, ES256 or EdDSA, and matches the type (and curve, and ``alg`` when
  the key states one) of the JWKS key its ``kid`` names: ``none`` and HMAC algorithms
  are refused before any key is looked at, so a public key can never serve as an HMAC
  secret;
* the signature verifies; ``iss`` is the issuer; ``aud`` holds a configured audience;
  ``exp``, ``nbf`` and ``iat`` are within the issuer's clock-skew allowance.

Keys are cached per issuer and fetched again when a token names a key id not yet seen
(at most a few times per window, so random key ids cannot hammer the issuer), which
follows the issuer's key rotation without a restart.

Groups come from the configured claim. Entra ID leaves them out when a user has too
many (the "groups overage") and says so with ``_claim_names`` / ``_claim_sources`` (or
``hasgroups: true`` in the implicit flow). The identity then says so
(``groups_overage``) and records that its groups are unavailable, so no group-mapped
role is granted (rather than trusting the groups the user had last time), unless the
issuer is set up to have them looked up in Microsoft Graph (``graph``), which replaces
them with the complete list or fails the exchange. The ``_claim_sources`` endpoint is
never followed: a token does not choose where PurSight sends requests.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import grpc
import httpx
import jwt

from services.runtime.errors import ServiceError, bad_field, unauthenticated
from services.runtime.settings import OidcIssuer
from services.runtime.tokens import refusal

# alg -> (kty, crv): the key type (and curve) a token with that alg must be verified by.
ALGORITHMS: dict[str, tuple[str, str | None]] = {
    "RS256": ("RSA", None),
    "ES256": ("EC", "P-256"),
    "EdDSA": ("OKP", "Ed25519"),
}
MAX_TOKEN_CHARS = 16 * 1024
MAX_DOCUMENT_BYTES = 1024 * 1024
MAX_GROUPS = 500
REFETCH_BUDGET = 3
REFETCH_WINDOW_SECONDS = 10.0
HTTP_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True)
class ExternalIdentity:
    """Who a verified token says its bearer is."""

    issuer: str
    subject: str
    email: str
    display_name: str
    username_hint: str
    groups: tuple[str, ...]
    groups_unavailable: bool
    roles: tuple[str, ...]
    # Entra ID's ``oid``: the user's object id, which Microsoft Graph knows it by ("" when
    # absent). Not ``sub``, which Entra ID makes different for every application.
    object_id: str = ""
    # The issuer left the groups out because there were too many (see the module doc).
    groups_overage: bool = False


@dataclass
class _IssuerState:
    config: OidcIssuer
    jwks_uri: str = ""
    token_endpoint: str = ""  # from discovery; "" when absent or not HTTPS
    # kid -> the key, and the JWK as published (to compare its declared type and alg).
    keys: dict[str, tuple[jwt.PyJWK, dict[str, Any]]] = field(default_factory=dict)
    fetched_at: float = float("-inf")
    recent: deque[float] = field(default_factory=deque)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def _unavailable(issuer: str, why: str) -> ServiceError:
    return ServiceError(
        grpc.StatusCode.UNAVAILABLE,
        f"cannot verify tokens of {issuer} now: {why}",
        reason="ISSUER_UNAVAILABLE",
    )


class OidcVerifier:
    """Checks tokens of the configured issuers; raises UNAUTHENTICATED with a reason."""

    def __init__(
        self,
        issuers: Sequence[OidcIssuer],
        *,
        cache_seconds: float = 300.0,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._issuers = {config.issuer: _IssuerState(config) for config in issuers}
        self._cache_seconds = cache_seconds
        self._client = client or httpx.AsyncClient(
            timeout=HTTP_TIMEOUT_SECONDS, follow_redirects=False
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def _get_json(self, issuer: str, url: str) -> dict[str, Any]:
        try:
            response = await self._client.get(url, headers={"accept": "application/json"})
        except httpx.HTTPError as exc:
            raise _unavailable(issuer, f"{url} is unreachable ({type(exc).__name__})") from None
        if response.status_code != 200:
            raise _unavailable(issuer, f"{url} answered {response.status_code}")
        if len(response.content) > MAX_DOCUMENT_BYTES:
            raise _unavailable(issuer, f"{url} sent more than {MAX_DOCUMENT_BYTES} bytes")
        try:
            document = json.loads(response.content)
        except ValueError:
            raise _unavailable(issuer, f"{url} did not send JSON") from None
        if not isinstance(document, dict):
            raise _unavailable(issuer, f"{url} did not send a JSON object")
        return document

    async def _refresh(self, state: _IssuerState) -> None:
        issuer = state.config.issuer
        if not state.jwks_uri or time.monotonic() - state.fetched_at > self._cache_seconds:
            discovery = await self._get_json(
                issuer, issuer.rstrip("/") + "/.well-known/openid-configuration"
            )
            if discovery.get("issuer") != issuer:
                raise _unavailable(issuer, "its discovery document names another issuer")
            jwks_uri = discovery.get("jwks_uri")
            if not isinstance(jwks_uri, str) or not jwks_uri.startswith(("https://", "http://")):
                raise _unavailable(issuer, "its discovery document has no jwks_uri")
            if jwks_uri.startswith("http://") and not issuer.startswith("http://"):
                raise _unavailable(issuer, "its jwks_uri is not HTTPS")
            state.jwks_uri = jwks_uri
            state.token_endpoint = _token_endpoint(discovery, issuer)
        document = await self._get_json(issuer, state.jwks_uri)
        keys: dict[str, tuple[jwt.PyJWK, dict[str, Any]]] = {}
        for item in document.get("keys", []) or []:
            if not isinstance(item, dict) or not item.get("kid") or item.get("use") == "enc":
                continue
            try:
                keys[str(item["kid"])] = (jwt.PyJWK(item), item)
            except jwt.PyJWTError:
                continue  # a key type this library cannot use; tokens naming it fail
        state.keys = keys
        state.fetched_at = time.monotonic()
        state.recent.append(state.fetched_at)

    def trusted(self, issuer: str) -> tuple[OidcIssuer, str]:
        """A trusted issuer's configuration and the token endpoint its discovery document
        names ("" when none, or before a token of it was verified)."""
        state = self._issuers[issuer]
        return state.config, state.token_endpoint

    def _may_refetch(self, state: _IssuerState) -> bool:
        now = time.monotonic()
        while state.recent and now - state.recent[0] > REFETCH_WINDOW_SECONDS:
            state.recent.popleft()
        return len(state.recent) < REFETCH_BUDGET

    async def _key(self, state: _IssuerState, kid: str) -> tuple[jwt.PyJWK, dict[str, Any]]:
        stale = time.monotonic() - state.fetched_at > self._cache_seconds
        if stale or kid not in state.keys:
            async with state.lock:
                stale = time.monotonic() - state.fetched_at > self._cache_seconds
                if stale or (kid not in state.keys and self._may_refetch(state)):
                    await self._refresh(state)
        found = state.keys.get(kid)
        if found is None:
            raise unauthenticated(
                "the token was signed by a key its issuer does not publish", "UNKNOWN_KEY"
            )
        return found

    def _issuer_of(self, token: str, hint: str) -> _IssuerState:
        if hint:
            state = self._issuers.get(hint)
            if state is None:
                raise unauthenticated(f"the issuer {hint!r} is not trusted", "UNTRUSTED_ISSUER")
            return state
        try:
            claimed = jwt.decode(token, options={"verify_signature": False}).get("iss")
        except jwt.PyJWTError:
            raise unauthenticated("the token is malformed", "MALFORMED_TOKEN") from None
        state = self._issuers.get(claimed) if isinstance(claimed, str) else None
        if state is None:
            raise unauthenticated("the token's issuer is not trusted", "UNTRUSTED_ISSUER")
        return state

    async def verify(self, token: str, issuer_hint: str = "") -> ExternalIdentity:
        if not token:
            raise bad_field("subject_token", "is required")
        if len(token) > MAX_TOKEN_CHARS:
            raise bad_field("subject_token", f"must be at most {MAX_TOKEN_CHARS} characters")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise unauthenticated("the token is malformed", "MALFORMED_TOKEN") from None
        algorithm = header.get("alg")
        if algorithm not in ALGORITHMS:
            raise unauthenticated(
                f"the token's algorithm {algorithm!r} is not allowed", "BAD_ALGORITHM"
            )
        state = self._issuer_of(token, issuer_hint)
        key, jwk = await self._key(state, str(header.get("kid", "")))
        kty, crv = ALGORITHMS[algorithm]
        if jwk.get("kty") != kty or (crv and jwk.get("crv") != crv):
            raise unauthenticated("the token's algorithm does not fit its key", "BAD_ALGORITHM")
        if jwk.get("alg") and jwk["alg"] != algorithm:
            raise unauthenticated("the token's algorithm does not fit its key", "BAD_ALGORITHM")
        claims = _decode(token, key, algorithm, state.config)
        return _identity(claims, state.config)


def _token_endpoint(discovery: dict[str, Any], issuer: str) -> str:
    """The discovery document's token endpoint, when it is HTTPS (or the issuer is not)."""
    endpoint = discovery.get("token_endpoint")
    if not isinstance(endpoint, str):
        return ""
    if endpoint.startswith("https://") or (
        endpoint.startswith("http://") and issuer.startswith("http://")
    ):
        return endpoint
    return ""


def _decode(token: str, key: jwt.PyJWK, algorithm: str, config: OidcIssuer) -> dict[str, Any]:
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key.key,
            algorithms=[algorithm],
            audience=list(config.audiences),
            issuer=config.issuer,
            leeway=config.clock_skew_seconds,
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
        )
    except jwt.PyJWTError as exc:
        raise refusal(exc) from None
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise unauthenticated("the token has no subject", "INVALID_TOKEN")
    return claims


def _text(claims: dict[str, Any], *names: str) -> str:
    for name in names:
        value = claims.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def map_roles(groups: Sequence[str], config: OidcIssuer) -> tuple[str, ...]:
    """The PurSight roles ``groups`` map to under the issuer's ``group_roles``."""
    return tuple(sorted({role for group in groups for role in config.group_roles.get(group, ())}))


def _identity(claims: dict[str, Any], config: OidcIssuer) -> ExternalIdentity:
    raw_groups = claims.get(config.groups_claim)
    claim_names = claims.get("_claim_names")
    overage = (isinstance(claim_names, dict) and config.groups_claim in claim_names) or claims.get(
        "hasgroups"
    ) is True
    groups: tuple[str, ...] = ()
    unavailable = False
    if isinstance(raw_groups, list):
        groups = tuple(dict.fromkeys(str(g) for g in raw_groups if isinstance(g, str)))
        if len(groups) > MAX_GROUPS:
            groups, unavailable = (), True
        overage = False
    elif overage:
        unavailable = True
    email = _text(claims, "email")
    if email and ("@" not in email or len(email) > 320):
        email = ""
    return ExternalIdentity(
        issuer=config.issuer,
        subject=str(claims["sub"]),
        email=email,
        display_name=_text(claims, "name", "given_name")[:200],
        username_hint=_text(claims, "preferred_username", "upn", "unique_name", "email"),
        groups=groups,
        groups_unavailable=unavailable,
        roles=map_roles(groups, config),
        object_id=_text(claims, "oid"),
        groups_overage=overage,
    )
