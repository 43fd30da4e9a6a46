"""How PurSight services prove who they are when they call each other on their own.

A call made while serving a user forwards that user's token. Background work (a scan
worker writing to the catalog, a workflow step) has no user token to forward, so the
service signs a short-lived token for itself, ``services/<name>``, with a secret every
PurSight process shares (``PURSIGHT_SERVICE_SECRET``, or a 0600 key file in the data
directory). Only ``typ: service`` tokens are accepted with that secret, and never the
other way round: a user token must carry the auth service's EdDSA signature.
"""

from __future__ import annotations

import base64
import os
import time
import uuid
from pathlib import Path

import jwt

from services.runtime.errors import unauthenticated
from services.runtime.settings import Settings
from services.runtime.tokens import CLOCK_SKEW_SECONDS, VerifiedToken

SERVICE_ALGORITHM = "HS256"
SERVICE_PRINCIPAL_PREFIX = "services/"
TOKEN_SECONDS = 300
_REFRESH_MARGIN = 60


def load_service_secret(settings: Settings) -> bytes:
    """The shared secret: from settings, else from (or newly into) the key file."""
    if settings.service_secret:
        secret = base64.b64decode(settings.service_secret)
        if len(secret) < 32:
            raise ValueError("PURSIGHT_SERVICE_SECRET must hold at least 32 bytes (base64)")
        return secret
    path = Path(settings.data_dir) / "keys" / "service.key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(fd, "wb") as handle:
        secret = os.urandom(32)
        handle.write(secret)
    return secret


class ServiceIdentity:
    """Mints and checks service tokens with the shared secret."""

    def __init__(self, secret: bytes, settings: Settings) -> None:
        self._secret = secret
        self._issuer = settings.token_issuer
        self._audience = settings.token_audience
        self._cache: dict[str, tuple[str, float]] = {}

    def token(self, service: str) -> str:
        """A token for ``services/<service>``, reused until shortly before it expires."""
        cached = self._cache.get(service)
        now = time.time()
        if cached is not None and cached[1] - now > _REFRESH_MARGIN:
            return cached[0]
        expires = now + TOKEN_SECONDS
        token = jwt.encode(
            {
                "iss": self._issuer,
                "aud": self._audience,
                "sub": SERVICE_PRINCIPAL_PREFIX + service,
                "iat": round(now, 3),
                "nbf": int(now),
                "exp": int(expires),
                "jti": uuid.uuid4().hex,
                "typ": "service",
            },
            self._secret,
            algorithm=SERVICE_ALGORITHM,
        )
        self._cache[service] = (token, expires)
        return token

    def metadata(self, service: str) -> tuple[tuple[str, str], ...]:
        """Call metadata authenticating as ``services/<service>``."""
        return (("authorization", f"Bearer {self.token(service)}"),)

    def verify(self, token: str) -> VerifiedToken:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[SERVICE_ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "nbf", "sub", "jti", "iss", "aud"]},
            )
        except jwt.PyJWTError:
            raise unauthenticated("the service token is invalid", "BAD_SERVICE_TOKEN") from None
        subject = str(claims["sub"])
        if claims.get("typ") != "service" or not subject.startswith(SERVICE_PRINCIPAL_PREFIX):
            raise unauthenticated("not a service token", "WRONG_TOKEN_TYPE")
        return VerifiedToken(subject=subject, token_id=str(claims["jti"]), claims=claims)
