"""A local OIDC issuer for the token-exchange tests: real keys, real HTTP.

It serves ``/.well-known/openid-configuration`` and a JWKS with RSA, EC P-256 and
Ed25519 public keys from an ``http.server`` thread on 127.0.0.1, and signs tokens with
the private halves. The verifier under test fetches both documents over HTTP exactly as
it would from Entra ID; nothing in it is replaced. Its token endpoint grants app tokens
by the client-credentials flow to ``app_client`` (as Entra ID does for an app that
reads Microsoft Graph).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

AUDIENCE = "api://pursight-tests"
TOKEN_PATH = "/tenant/oauth2/v2.0/token"


def send_json(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: Mapping[str, Any],
    headers: Mapping[str, str] | None = None,
) -> None:
    data = json.dumps(body).encode()
    handler.send_response(status)
    handler.send_header("content-type", "application/json")
    handler.send_header("content-length", str(len(data)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(data)


@dataclass
class SigningKey:
    kid: str
    alg: str
    private: Any

    def public_jwk(self) -> dict[str, Any]:
        public = self.private.public_key()
        if self.alg == "RS256":
            jwk = RSAAlgorithm.to_jwk(public, as_dict=True)
        elif self.alg == "ES256":
            jwk = ECAlgorithm.to_jwk(public, as_dict=True)
        else:
            jwk = OKPAlgorithm.to_jwk(public, as_dict=True)
        return {**jwk, "kid": self.kid, "use": "sig", "alg": self.alg}


def new_key(alg: str, kid: str | None = None) -> SigningKey:
    private: Any
    if alg == "RS256":
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    elif alg == "ES256":
        private = ec.generate_private_key(ec.SECP256R1())
    else:
        private = ed25519.Ed25519PrivateKey.generate()
    return SigningKey(kid or f"{alg.lower()}-{uuid.uuid4().hex[:6]}", alg, private)


@dataclass
class LocalIssuer:
    """An OIDC issuer on 127.0.0.1; ``keys`` are published, ``hits`` counts requests."""

    keys: list[SigningKey] = field(default_factory=list)
    hits: list[str] = field(default_factory=list)
    claimed_issuer: str | None = None  # what the discovery document says, when it lies
    # The (client id, secret) its token endpoint grants app tokens to; the forms it was
    # sent, the tokens it granted, and whether it refuses every client for now.
    app_client: tuple[str, str] | None = None
    token_requests: list[dict[str, str]] = field(default_factory=list)
    app_tokens: list[str] = field(default_factory=list)
    refuse_app: bool = False
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/tenant"

    def start(self) -> LocalIssuer:
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                issuer.hits.append(self.path)
                if self.path == "/tenant/.well-known/openid-configuration":
                    body: dict[str, Any] = {
                        "issuer": issuer.claimed_issuer or issuer.url,
                        "jwks_uri": f"{issuer.url}/keys",
                        "token_endpoint": issuer.url.removesuffix("/tenant") + TOKEN_PATH,
                        "id_token_signing_alg_values_supported": ["RS256", "ES256", "EdDSA"],
                    }
                elif self.path == "/tenant/keys":
                    body = {"keys": [key.public_jwk() for key in issuer.keys]}
                else:
                    self.send_error(404)
                    return
                send_json(self, 200, body)

            def do_POST(self) -> None:
                issuer.hits.append(self.path)
                length = int(self.headers.get("content-length", "0"))
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                if self.path != TOKEN_PATH:
                    self.send_error(404)
                    return
                issuer.token_requests.append(form)
                granted = (
                    issuer.app_client is not None
                    and not issuer.refuse_app
                    and form.get("grant_type") == "client_credentials"
                    and (form.get("client_id"), form.get("client_secret")) == issuer.app_client
                    and form.get("scope", "").endswith("/.default")
                )
                if not granted:
                    # Like Entra ID, a description a careless client would pass on; this
                    # one even quotes the secret it was sent.
                    send_json(
                        self,
                        401,
                        {
                            "error": "invalid_client",
                            "error_description": "AADSTS7000215: Invalid client secret"
                            f" provided: {form.get('client_secret')}",
                        },
                    )
                    return
                token = f"app-{uuid.uuid4().hex}"
                issuer.app_tokens.append(token)
                send_json(
                    self, 200, {"token_type": "Bearer", "expires_in": 3599, "access_token": token}
                )

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

        self.keys = self.keys or [new_key("RS256", "rsa-1"), new_key("ES256"), new_key("EdDSA")]
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def claims(self, **changes: Any) -> dict[str, Any]:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.url,
            "aud": AUDIENCE,
            "sub": f"sub-{uuid.uuid4().hex[:12]}",
            "iat": now,
            "nbf": now,
            "exp": now + 600,
            "email": "alice@example.com",
            "name": "Alice Example",
            "preferred_username": "alice@example.com",
            "groups": ["grp-auditors", "grp-readers"],
        }
        claims.update(changes)
        return {k: v for k, v in claims.items() if v is not None}

    def token(
        self, claims: dict[str, Any], *, alg: str = "RS256", key: SigningKey | None = None
    ) -> str:
        signer = key or next(k for k in self.keys if k.alg == alg)
        return jwt.encode(claims, signer.private, algorithm=signer.alg, headers={"kid": signer.kid})
