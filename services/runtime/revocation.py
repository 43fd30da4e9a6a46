"""Token revocation: written to Redis, read from a short local cache.

Every authenticated call must refuse a revoked token, but a Redis round trip per call
is a large share of a small call's cost. So a "not revoked" verdict is reused for at
most ``window`` seconds, and every revocation is also announced on a Redis channel that
each process listens to and that evicts the verdicts at once; in the process that
revoked, eviction is synchronous. A lost announcement (Redis restarting) can therefore
delay a revocation by at most ``window`` seconds on other processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections.abc import Mapping
from typing import Any

import redis.asyncio as redis

from services.runtime.errors import unauthenticated

log = logging.getLogger(__name__)

CHANNEL = "auth:revocations"
TOKEN_KEY = "auth:revoked:jti:{}"  # noqa: S105 - a Redis key pattern
SUBJECT_KEY = "auth:revoked:sub:{}"  # value: unix time before which its tokens die
MAX_VERDICTS = 50_000

_instances: weakref.WeakSet[Revocations] = weakref.WeakSet()


class Revocations:
    """Revokes tokens and subjects, and checks tokens against revocations."""

    def __init__(self, client: redis.Redis, window: float = 1.0) -> None:
        self._redis = client
        self._window = window
        self._verdicts: dict[str, float] = {}  # jti -> when "not revoked" was read
        self._listener: asyncio.Task[None] | None = None
        _instances.add(self)

    def _forget(self, token_id: str | None) -> None:
        if token_id is None:
            self._verdicts.clear()
        else:
            self._verdicts.pop(token_id, None)

    @staticmethod
    def _forget_everywhere(token_id: str | None) -> None:
        for instance in list(_instances):
            instance._forget(token_id)

    async def revoke_token(self, token_id: str, ttl_seconds: int) -> None:
        await self._redis.set(TOKEN_KEY.format(token_id), "1", ex=ttl_seconds)
        self._forget_everywhere(token_id)
        await self._redis.publish(CHANNEL, f"jti:{token_id}")

    async def revoke_subject(self, subject: str, before: float, ttl_seconds: int) -> None:
        """Every token issued to ``subject`` before ``before`` (unix time) stops working."""
        await self._redis.set(SUBJECT_KEY.format(subject), repr(before), ex=ttl_seconds)
        self._forget_everywhere(None)
        await self._redis.publish(CHANNEL, f"sub:{subject}")

    async def check(self, claims: Mapping[str, Any]) -> None:
        """Raises UNAUTHENTICATED when the token or its subject was revoked."""
        token_id = str(claims["jti"])
        seen = self._verdicts.get(token_id)
        if seen is not None and time.monotonic() - seen < self._window:
            return
        revoked, cutoff = await self._redis.mget(
            TOKEN_KEY.format(token_id), SUBJECT_KEY.format(claims["sub"])
        )
        if revoked is not None or (cutoff is not None and float(claims["iat"]) < float(cutoff)):
            raise unauthenticated("the token was revoked", "TOKEN_REVOKED")
        if len(self._verdicts) >= MAX_VERDICTS:
            self._verdicts.clear()
        self._verdicts[token_id] = time.monotonic()

    async def _listen(self) -> None:
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.subscribe(CHANNEL)
                async for message in pubsub.listen():
                    if message.get("type") != "message":
                        continue
                    kind, _, value = str(message["data"]).partition(":")
                    self._forget(value if kind == "jti" else None)
            except (redis.ConnectionError, OSError):
                log.warning("revocation channel lost; verdicts expire on their own meanwhile")
                self._forget(None)
                await asyncio.sleep(1.0)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]  # unannotated in redis-py

    def start(self) -> None:
        if self._listener is None:
            self._listener = asyncio.create_task(self._listen(), name="revocation-listener")

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
            self._listener = None
