"""Connecting to PostgreSQL and Redis: configured URLs, or embedded servers."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import redis.asyncio as redis

from services.runtime.cache import connect_redis
from services.runtime.database import Database, ensure_database
from services.runtime.embedded import EmbeddedStores, start_embedded
from services.runtime.settings import Settings

log = logging.getLogger(__name__)

EMBEDDED_DATABASE = "pursight"


@dataclass(frozen=True)
class StoreUrls:
    """Where the platform's own state lives for this process."""

    database: str
    database_replica: str
    redis: str


def resolve_store_urls(settings: Settings) -> tuple[StoreUrls, EmbeddedStores]:
    """The URLs to use, starting embedded servers for those not configured."""
    embedded = start_embedded(
        settings.data_dir,
        postgres=not settings.database_url,
        redis=not settings.redis_url,
    )
    database = settings.database_url or (embedded.postgres.url if embedded.postgres else "")
    redis_url = settings.redis_url or (embedded.redis.url if embedded.redis else "")
    return StoreUrls(database, settings.database_replica_url, redis_url), embedded


@dataclass
class Stores:
    """Open connections to the platform's stores."""

    db: Database
    redis: redis.Redis
    urls: StoreUrls
    embedded: EmbeddedStores

    async def close(self) -> None:
        await self.db.close()
        await self.redis.aclose()


async def open_stores(settings: Settings) -> Stores:
    urls, embedded = resolve_store_urls(settings)
    database_url = urls.database
    if not settings.database_url:
        database_url = await ensure_database(database_url, EMBEDDED_DATABASE)
        urls = StoreUrls(database_url, urls.database_replica, urls.redis)
    db = await Database.connect(
        database_url,
        urls.database_replica,
        min_size=settings.database_pool_min,
        max_size=settings.database_pool_max,
    )
    client = connect_redis(urls.redis)
    await client.ping()
    return Stores(db=db, redis=client, urls=urls, embedded=embedded)
