"""Redis, through redis-py's asyncio client: revocation lists, rate limits, hot reads."""

from __future__ import annotations

import redis.asyncio as redis


def connect_redis(url: str) -> redis.Redis:
    """A client with a connection pool; replies decoded as text."""
    return redis.Redis.from_url(url, decode_responses=True, health_check_interval=30)


class RateLimiter:
    """Counts events per key in a fixed window; used to throttle failed logins."""

    def __init__(self, client: redis.Redis, prefix: str, limit: int, window_seconds: int) -> None:
        self._client = client
        self._prefix = prefix
        self.limit = limit
        self.window_seconds = window_seconds

    def _key(self, key: str) -> str:
        return f"{self._prefix}:{key}"

    async def blocked_for(self, key: str) -> int:
        """Seconds until ``key`` may try again; 0 when it is not blocked."""
        count = await self._client.get(self._key(key))
        if count is None or int(count) < self.limit:
            return 0
        ttl = await self._client.ttl(self._key(key))
        return max(int(ttl), 1)

    async def hit(self, key: str) -> int:
        """Records one event and returns the count in the current window."""
        # SET NX starts the window once; INCR counts within it (EXPIRE NX needs Redis 7).
        pipe = self._client.pipeline(transaction=True)
        pipe.set(self._key(key), 0, ex=self.window_seconds, nx=True)
        pipe.incr(self._key(key))
        _, count = await pipe.execute()
        return int(count)

    async def reset(self, key: str) -> None:
        await self._client.delete(self._key(key))
