"""Which classifiers apply to a call, and a cache of compiled ones.

A workspace's custom classifiers are compiled once and kept in process. Every write
bumps a per-workspace generation number in Redis, so each replica notices on its next
call and recompiles: one Redis GET per classification call instead of a database read
and an RE2 compilation. Engines (with their signature caches) are kept per selection.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import redis.asyncio as redis
from redis.exceptions import RedisError

from services.classification import store
from services.classification.classifiers import Classifier, builtins
from services.classification.convert import CATEGORY_TO_PB
from services.classification.definitions import build
from services.classification.engine import Engine
from services.runtime.database import Queryable

log = logging.getLogger(__name__)
_GENERATION_KEY = "pursight:classification:generation:{workspace}"
_ENGINES = 64


@dataclass(frozen=True)
class RuleSetFilter:
    """The parts of a rule set that pick classifiers and labels."""

    classifiers: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    categories: frozenset[int] = frozenset()
    min_confidence: float = 0.0

    def admits(self, item: Classifier) -> bool:
        if item.name in self.excluded:
            return False
        if self.classifiers and item.name not in self.classifiers:
            return False
        return not self.categories or CATEGORY_TO_PB[item.category] in self.categories


EVERYTHING = RuleSetFilter()


class Selection:
    """Custom classifiers per workspace and engines per set of classifiers."""

    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._custom: dict[str, tuple[str, tuple[Classifier, ...]]] = {}
        self._engines: OrderedDict[tuple[tuple[str, str], ...], Engine] = OrderedDict()

    async def _generation(self, workspace: str) -> str | None:
        try:
            value = await self._redis.get(_GENERATION_KEY.format(workspace=workspace))
        except RedisError:
            log.warning("redis unavailable; custom classifiers read from the database")
            return None
        return str(value) if value is not None else "0"

    async def changed(self, workspace: str) -> None:
        """Called after a write to a workspace's custom classifiers commits."""
        self._custom.pop(workspace, None)
        try:
            await self._redis.incr(_GENERATION_KEY.format(workspace=workspace))
        except RedisError:
            log.warning("redis unavailable; other replicas see the change on restart")

    async def custom(self, conn: Queryable, workspace: str) -> tuple[Classifier, ...]:
        """The workspace's compiled custom classifiers."""
        generation = await self._generation(workspace)
        cached = self._custom.get(workspace)
        if cached is not None and generation is not None and cached[0] == generation:
            return cached[1]
        compiled = tuple(build(d) for d in await store.definitions(conn, workspace))
        if generation is not None:
            self._custom[workspace] = (generation, compiled)
        return compiled

    def engine(self, classifiers: Sequence[Classifier]) -> Engine:
        key = tuple((c.id, c.version) for c in classifiers)
        engine = self._engines.get(key)
        if engine is None:
            engine = self._engines[key] = Engine(classifiers)
            if len(self._engines) > _ENGINES:
                self._engines.popitem(last=False)
        else:
            self._engines.move_to_end(key)
        return engine


def select(custom: Sequence[Classifier], rule_set: RuleSetFilter = EVERYTHING) -> list[Classifier]:
    """Built-ins then custom classifiers, as the rule set allows."""
    return [c for c in (*builtins(), *custom) if rule_set.admits(c)]
