"""The groups of an Entra ID token that left them out (the "groups overage"), from Graph.

Entra ID puts at most 200 groups in a JWT (6 in the implicit flow); past that it sends
``_claim_names`` / ``_claim_sources`` (or ``hasgroups: true``) instead. For an issuer
configured with ``"graph_groups": true``, the exchange then reads the user's groups
from Microsoft Graph:

* ``GET {PURSIGHT_OIDC_GRAPH_URL}/v1.0/users/{oid}/transitiveMemberOf?$select=id&$top=999``,
  following ``@odata.nextLink`` to the last page, keeping the ``#microsoft.graph.group``
  entries (not directory roles or administrative units). Transitive, like the groups
  claim itself. Chosen over ``POST .../getMemberObjects``: that one answers in a single
  response and fails outright (``Directory_ResultSizeLimitExceeded``) past 11,000 ids,
  while this one pages in bounded responses, tells each entry's type, and is a GET that
  is safe to repeat. It needs the application permission User.Read.All (or
  GroupMember.Read.All / Directory.Read.All) and no ConsistencyLevel header.
* The user is the token's ``oid`` (its Entra object id; ``sub`` is different for every
  application, so it is never used as a Graph id). The URL is built from the configured
  Graph base and that id only. The token's ``_claim_sources`` endpoint is ignored, and a
  next-page link is followed only when it points into the configured Graph: a token or
  a response cannot make PurSight call another address (SSRF), nor receive its app
  token.
* PurSight authenticates as its own app with the client-credentials flow at the
  issuer's token endpoint (from its discovery document), with
  ``PURSIGHT_OIDC_GRAPH_CLIENT_ID`` / ``_SECRET``. The secret goes to the token
  endpoint of opted-in issuers only, and never into a log line or an error message. The
  app token is kept in memory until five minutes (or a tenth of its lifetime) before it
  expires; a 401 from Graph drops it and asks once more.
* A user's complete list is kept in Redis for ``PURSIGHT_OIDC_GRAPH_CACHE_SECONDS``
  (two minutes by default), and concurrent exchanges of one user in this process wait
  for one lookup, so a burst of sign-ins reads Graph once. Graph's 429/503 Retry-After is
  honoured: until then lookups fail at once instead of adding to the load.

When Graph or the token endpoint is unreachable, refuses, answers something malformed
or too large, or fails part-way through the pages, the exchange fails with UNAVAILABLE
(reason ``GROUPS_UNAVAILABLE``, retryable, ``retry_after_seconds`` when Graph said) and
a warning is logged; nothing about the user is changed. Going on without the groups
was the alternative, and the worse one for a governance product: role bindings may
DENY by group (``groups/{id}``), so an identity whose groups are unknown can be allowed
what its groups forbid, and a transient outage would also overwrite the user's stored
groups and roles. An answer is all the groups or no answer, never a partial list.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import math
import re
import time
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote, urlsplit

import grpc
import httpx
import redis.asyncio as redis
from redis.exceptions import RedisError

from services.auth.oidc import HTTP_TIMEOUT_SECONDS, MAX_DOCUMENT_BYTES, ExternalIdentity, map_roles
from services.runtime.errors import ServiceError, unauthenticated
from services.runtime.settings import OidcIssuer, Settings

log = logging.getLogger(__name__)

PAGE_SIZE = 999  # the largest page transitiveMemberOf gives
MAX_GRAPH_PAGES = 50
MAX_GRAPH_GROUPS = 10_000
LOOKUP_BUDGET_SECONDS = 20.0  # for the app token and every page together
RENEW_MARGIN_SECONDS = 300.0
MAX_BACKOFF_SECONDS = 300
GROUP_TYPE = "#microsoft.graph.group"
CACHE_PREFIX = "auth:graph-groups"
# A Graph user key: an object id (GUID) or a user principal name; never a path.
_OBJECT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$")
_ERROR_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def _unavailable(why: str, retry_after: int = 0) -> ServiceError:
    log.warning("cannot read a user's groups from Microsoft Graph: %s", why)
    return ServiceError(
        grpc.StatusCode.UNAVAILABLE,
        f"cannot read the user's groups from Microsoft Graph now ({why}); no roles are"
        " granted from a partial list, try again shortly",
        reason="GROUPS_UNAVAILABLE",
        metadata={"retry_after_seconds": str(retry_after)} if retry_after else {},
    )


def _json_object(response: httpx.Response) -> dict[str, Any] | None:
    if len(response.content) > MAX_DOCUMENT_BYTES:
        return None
    try:
        body = json.loads(response.content)
    except (ValueError, RecursionError):
        return None
    return body if isinstance(body, dict) else None


def _retry_after(response: httpx.Response) -> int:
    """Retry-After in seconds, at most MAX_BACKOFF_SECONDS (0 when absent or a date)."""
    try:
        seconds = float(response.headers.get("retry-after", ""))
    except ValueError:
        return 0
    if not seconds > 0:  # also NaN
        return 0
    return MAX_BACKOFF_SECONDS if seconds >= MAX_BACKOFF_SECONDS else max(math.ceil(seconds), 1)


@dataclass
class _AppToken:
    value: str = ""
    renew_at: float = float("-inf")
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class GraphGroups:
    """Replaces an overage identity's missing groups with the complete list from Graph."""

    def __init__(
        self,
        settings: Settings,
        cache: redis.Redis,
        *,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._graph = settings.oidc_graph_url.rstrip("/")
        self._client_id = settings.oidc_graph_client_id
        self._client_secret = settings.oidc_graph_client_secret
        self._cache_seconds = settings.oidc_graph_cache_seconds
        self._redis = cache
        self._http = client or httpx.AsyncClient(
            timeout=HTTP_TIMEOUT_SECONDS, follow_redirects=False
        )
        self._tokens: dict[str, _AppToken] = {}
        self._lookups: dict[str, asyncio.Lock] = {}
        self._not_before = 0.0  # monotonic; Graph asked for a pause until then

    async def close(self) -> None:
        await self._http.aclose()

    async def resolve(
        self, identity: ExternalIdentity, config: OidcIssuer, token_endpoint: str
    ) -> ExternalIdentity:
        """``identity`` with its groups and group roles from Graph when the token left
        them out and the issuer is opted in; unchanged otherwise."""
        if not identity.groups_overage or not config.graph_groups:
            return identity
        user = identity.object_id
        if not _OBJECT_ID.match(user):
            raise unauthenticated(
                "the token's groups overflowed and it has no usable oid claim to look them"
                " up by (ask the issuer for the profile scope)",
                "NO_OBJECT_ID",
            )
        digest = hashlib.sha256(f"{identity.issuer}\0{user}".encode()).hexdigest()
        key = f"{CACHE_PREFIX}:{digest}"
        lock = self._lookups.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                groups = await self._cached(key)
                if groups is None:
                    groups = await self._lookup(token_endpoint, user)
                    await self._keep(key, groups)
        finally:
            # A waiter woken by the release finds the list in Redis, so dropping the
            # lock while it is still queued costs no second lookup.
            if not lock.locked():
                self._lookups.pop(key, None)
        return replace(
            identity,
            groups=groups,
            groups_unavailable=False,
            roles=map_roles(groups, config),
        )

    # -- cache -------------------------------------------------------------------------

    async def _cached(self, key: str) -> tuple[str, ...] | None:
        if not self._cache_seconds:
            return None
        try:
            raw = await self._redis.get(key)
        except (RedisError, OSError) as exc:
            log.warning("cannot read cached Graph groups (%s); asking Graph", type(exc).__name__)
            return None
        if raw is None:
            return None
        try:
            value = json.loads(raw)
        except ValueError:
            return None
        if not isinstance(value, list) or not all(isinstance(g, str) for g in value):
            return None
        return tuple(value)

    async def _keep(self, key: str, groups: tuple[str, ...]) -> None:
        if not self._cache_seconds:
            return
        try:
            await self._redis.set(key, json.dumps(groups), ex=self._cache_seconds)
        except (RedisError, OSError) as exc:
            log.warning("cannot cache Graph groups (%s)", type(exc).__name__)

    # -- Graph -------------------------------------------------------------------------

    async def _lookup(self, token_endpoint: str, user: str) -> tuple[str, ...]:
        wait = self._not_before - time.monotonic()
        if wait > 0:
            raise _unavailable("Graph asked for a pause", math.ceil(wait))
        try:
            async with asyncio.timeout(LOOKUP_BUDGET_SECONDS):
                return await self._walk(token_endpoint, user)
        except TimeoutError:
            raise _unavailable(f"no complete answer within {LOOKUP_BUDGET_SECONDS:g} s") from None

    async def _walk(self, token_endpoint: str, user: str) -> tuple[str, ...]:
        url = (
            f"{self._graph}/v1.0/users/{quote(user, safe='@')}/transitiveMemberOf"
            f"?$select=id&$top={PAGE_SIZE}"
        )
        groups: dict[str, None] = {}
        pages = 0
        renewed = False
        while url:
            token = await self._app_token(token_endpoint)
            try:
                response = await self._http.get(
                    url, headers={"authorization": f"Bearer {token}", "accept": "application/json"}
                )
            except httpx.HTTPError as exc:
                raise _unavailable(f"Graph is unreachable ({type(exc).__name__})") from None
            if response.status_code == 401 and not renewed:
                self._forget(token_endpoint, token)  # revoked or expired early: once more
                renewed = True
                continue
            pages += 1
            page = self._page(response)
            for item in page["value"]:
                groups.update(dict.fromkeys(_group_id(item)))
            url = self._next(page.get("@odata.nextLink"))
            if len(groups) > MAX_GRAPH_GROUPS or (url and pages >= MAX_GRAPH_PAGES):
                why = f"more than {MAX_GRAPH_GROUPS} groups or {MAX_GRAPH_PAGES} pages"
                raise _unavailable(why)
        return tuple(sorted(groups))

    def _page(self, response: httpx.Response) -> dict[str, Any]:
        if response.status_code in (429, 503):
            retry_after = _retry_after(response)
            if retry_after:
                self._not_before = time.monotonic() + retry_after
            raise _unavailable(f"Graph answered {response.status_code}", retry_after)
        if response.status_code != 200:
            raise _unavailable(f"Graph answered {response.status_code}")
        page = _json_object(response)
        if page is None or not isinstance(page.get("value"), list):
            raise _unavailable("Graph sent no list of memberships")
        return page

    def _next(self, link: object) -> str:
        """The next page's URL, only when it points into the configured Graph."""
        if link is None:
            return ""
        base = urlsplit(self._graph)
        if isinstance(link, str):
            parts = urlsplit(link)
            if (
                (parts.scheme, parts.hostname, parts.port)
                == (base.scheme, base.hostname, base.port)
                and parts.path.startswith(base.path + "/")
                and ".." not in parts.path.split("/")
            ):
                return link
        raise _unavailable("Graph's next-page link points elsewhere")

    # -- the app's token -----------------------------------------------------------------

    async def _app_token(self, endpoint: str) -> str:
        state = self._tokens.setdefault(endpoint, _AppToken())
        if time.monotonic() < state.renew_at:
            return state.value
        async with state.lock:
            if time.monotonic() < state.renew_at:
                return state.value
            value, lifetime = await self._request_token(endpoint)
            state.value = value
            state.renew_at = time.monotonic() + lifetime - min(RENEW_MARGIN_SECONDS, lifetime / 10)
            return value

    def _forget(self, endpoint: str, value: str) -> None:
        state = self._tokens.get(endpoint)
        if state is not None and state.value == value:
            state.value, state.renew_at = "", float("-inf")

    async def _request_token(self, endpoint: str) -> tuple[str, float]:
        if not endpoint:
            raise _unavailable("the issuer's discovery document names no HTTPS token endpoint")
        form = {
            "grant_type": "client_credentials",
            "client_id": self._client_id,
            "client_secret": self._client_secret,
        }
        if urlsplit(endpoint).path.rstrip("/").endswith("/oauth2/token"):
            form["resource"] = self._graph  # Entra ID's v1 endpoint (sts.windows.net issuers)
        else:
            form["scope"] = f"{self._graph}/.default"
        try:
            response = await self._http.post(
                endpoint, data=form, headers={"accept": "application/json"}
            )
        except httpx.HTTPError as exc:
            why = f"the token endpoint is unreachable ({type(exc).__name__})"
            raise _unavailable(why) from None
        body = _json_object(response) or {}
        if response.status_code != 200:
            # Only the OAuth error code: the description may quote the request.
            code = body.get("error")
            named = f", {code}" if isinstance(code, str) and _ERROR_CODE.match(code) else ""
            raise _unavailable(
                f"the token endpoint refused PurSight's app ({response.status_code}{named})"
            )
        value = body.get("access_token")
        try:
            lifetime = float(body.get("expires_in", ""))  # a string in Entra ID's v1 answer
        except (TypeError, ValueError):
            lifetime = 0.0
        if not isinstance(value, str) or not value or not 0 < lifetime < 86400 * 7:
            raise _unavailable("the token endpoint sent no access token")
        return value, lifetime


def _group_id(item: object) -> tuple[str, ...]:
    """The group id of one membership (none for a role or administrative unit); an
    entry that is not understood fails the lookup rather than being skipped."""
    if isinstance(item, dict):
        kind, object_id = item.get("@odata.type"), item.get("id")
        if isinstance(kind, str) and isinstance(object_id, str) and 0 < len(object_id) <= 128:
            return (object_id,) if kind == GROUP_TYPE else ()
    raise _unavailable("Graph sent a membership without a type and id")
