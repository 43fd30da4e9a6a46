"""Mapping identities from OIDC issuers to PurSight users, and what tokens say of them.

A federated user is found by (issuer, subject), never by email or name: two issuers may
both vouch for "alice@example.com", and an email can be reassigned, so matching on it
would let one identity take over another's account. On first use the user is created
with an id derived from the token's preferred user name or email (made unique with a
short digest of issuer and subject when taken); a token without an email claim simply
leaves the email empty. Each exchange refreshes the profile, the groups and the roles
those groups map to.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import asyncpg

from services.auth.oidc import ExternalIdentity
from services.runtime.database import Connection
from services.runtime.errors import unauthenticated

_ID_CHARS = re.compile(r"[^a-z0-9._-]+")
_GROUP = re.compile(r"^[A-Za-z0-9._@-]{1,128}$")
MAX_GROUP_CLAIMS = 200


def _candidate_ids(identity: ExternalIdentity) -> list[str]:
    digest = hashlib.sha256(f"{identity.issuer}\0{identity.subject}".encode()).hexdigest()[:8]
    base = identity.username_hint.split("@", 1)[0].lower()
    base = _ID_CHARS.sub("-", base).strip("-._")[:50]
    if not base or not base[0].isalpha():
        base = f"oidc-{base}".rstrip("-") if base else "oidc"
    if len(base) < 2:
        base = f"{base}-user"
    return [base, f"{base}-{digest}", f"oidc-{digest}-{digest[::-1]}"]


async def federated_user(conn: Connection, identity: ExternalIdentity) -> asyncpg.Record:
    """The user ``identity`` maps to, created or refreshed; inside a transaction."""
    row = await conn.fetchrow(
        "SELECT * FROM auth.users WHERE identity_provider = $1 AND external_subject = $2"
        " FOR UPDATE",
        identity.issuer,
        identity.subject,
    )
    if row is not None:
        if row["disabled"]:
            raise unauthenticated("the user is disabled", "USER_DISABLED")
        updated: asyncpg.Record | None = await conn.fetchrow(
            "UPDATE auth.users SET email = CASE WHEN $2 = '' THEN email ELSE $2 END,"
            " display_name = CASE WHEN $3 = '' THEN display_name ELSE $3 END,"
            " groups = $4, groups_unavailable = $5, roles = $6, last_login_time = now(),"
            " version = version + 1, update_time = now() WHERE id = $1 RETURNING *",
            row["id"],
            identity.email,
            identity.display_name,
            list(identity.groups),
            identity.groups_unavailable,
            list(identity.roles),
        )
        if updated is None:  # locked FOR UPDATE above
            raise RuntimeError(f"users/{row['id']} vanished while locked")
        return updated
    for candidate in _candidate_ids(identity):
        created: asyncpg.Record | None = await conn.fetchrow(
            "INSERT INTO auth.users (id, display_name, email, identity_provider,"
            " external_subject, groups, groups_unavailable, roles, last_login_time)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())"
            " ON CONFLICT DO NOTHING RETURNING *",
            candidate,
            identity.display_name,
            identity.email,
            identity.issuer,
            identity.subject,
            list(identity.groups),
            identity.groups_unavailable,
            list(identity.roles),
        )
        if created is not None:
            return created
        raced = await conn.fetchrow(
            "SELECT * FROM auth.users WHERE identity_provider = $1 AND external_subject = $2",
            identity.issuer,
            identity.subject,
        )
        if raced is not None:  # a concurrent first exchange of the same identity
            return raced
    raise RuntimeError(f"no free user id for {identity.issuer} {identity.subject}")


def token_claims(row: asyncpg.Record) -> dict[str, Any]:
    """Claims an access token carries for the user beyond the standard ones: for a
    federated user, the issuer, its groups as ``groups/{group}`` principals (role
    bindings can name them) and the roles those groups map to; nothing for a local user
    without groups."""
    claims: dict[str, Any] = {}
    if row["identity_provider"] != "local":
        claims["idp"] = row["identity_provider"]
    groups = [f"groups/{g}" for g in row["groups"] if _GROUP.match(g)][:MAX_GROUP_CLAIMS]
    if groups:
        claims["groups"] = groups
    if row["roles"]:
        claims["roles"] = list(row["roles"])
    if row["groups_unavailable"]:
        claims["groups_unavailable"] = True
    return claims
