"""The one path by which people's edits, and what they set off, reach assets.

UpdateAsset, AddClassification, RemoveClassification, glossary assignment, term
changes, lineage changes and CSV imports all write through ``AssetWriter``, so that:

- derived state is recomputed from its sources, never patched: ``tags`` = the tags
  people set (``own_tags``) + the tags of the assigned terms; ``term_text`` (searched)
  = the terms' names and synonyms; classifications = base labels + labels the terms
  carry + labels propagated along lineage (precedence in labels.py);
- a change of what an asset passes downstream (its labels or suppressions) recomputes
  the propagated labels of every asset up to ``DEPTH`` hops downstream, in the same
  transaction, so a label never outlives its upstream source;
- each asset changed by one request gets one version and one history row naming every
  field that changed, with the request's actor;
- ``plan`` computes everything and writes nothing, which is what a dry run needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import asyncpg
import grpc

from pursight.catalog.v1 import resources_pb2
from services.catalog import assets as A
from services.catalog import graph
from services.catalog import labels as L
from services.catalog.rows import COLUMNS, SELECT, insert_history
from services.runtime.database import Connection
from services.runtime.errors import ServiceError
from services.runtime.sql import assignments

Kind = resources_pb2.AssetChange.Kind
DEPTH = 10  # lineage hops a label propagates
# Columns a person edits directly, as given.
DIRECT = (
    "display_name",
    "description",
    "owners",
    "stewards",
    "terms",
    "properties",
    "retention_days",
    "protected",
)
# Fields callers see change (history, dry runs), in the order they are reported.
VISIBLE = (*DIRECT, "tags", "classifications")
# Search and bookkeeping columns: written when they change, without a new version.
INTERNAL = ("own_tags", "term_text")
WRITTEN = (*VISIBLE, *INTERNAL)


@dataclass(frozen=True)
class TermInfo:
    """What an assigned term gives its assets."""

    name: str
    display_name: str
    synonyms: tuple[str, ...]
    tags: tuple[str, ...]
    labels: tuple[str, ...]
    status: int


async def load_terms(conn: Connection, names: Iterable[str]) -> dict[str, TermInfo]:
    """The terms among ``names`` that exist, by name."""
    wanted = sorted(set(names))
    if not wanted:
        return {}
    rows = await conn.fetch(
        "SELECT name, display_name, synonyms, tags, classification_labels, status"
        " FROM catalog.glossary_terms WHERE name = ANY($1::text[])",
        wanted,
    )
    return {
        r["name"]: TermInfo(
            r["name"],
            r["display_name"],
            tuple(r["synonyms"]),
            tuple(r["tags"]),
            tuple(r["classification_labels"]),
            r["status"],
        )
        for r in rows
    }


@dataclass(frozen=True)
class Carried:
    """What a list of assigned terms gives an asset."""

    tags: frozenset[str]
    text: str  # display names and synonyms, for search
    glossary: list[L.Entry]  # one GLOSSARY entry per label, from the first term carrying it


def carried_by(
    terms: Iterable[str], infos: Mapping[str, TermInfo], actor: str, now: dict[str, int]
) -> Carried:
    held = [infos[t] for t in terms if t in infos]
    labels: dict[str, str] = {}
    for term in held:
        for label in term.labels:
            labels.setdefault(label, term.name)
    words = (w for term in held for w in (term.display_name, *term.synonyms))
    return Carried(
        frozenset(tag for term in held for tag in term.tags),
        " ".join(dict.fromkeys(words)),
        L.glossary_entries(labels, actor, now),
    )


@dataclass
class _State:
    """An asset's values after the request, before propagation is known."""

    values: dict[str, Any]
    base: list[L.Entry]
    glossary: list[L.Entry]
    propagated: list[L.Entry]

    def held(self) -> list[L.Entry]:
        return L.canonical(self.base, self.glossary, [], [])

    def signature(self) -> tuple[frozenset[str], frozenset[str]]:
        return L.signature(self.held())


@dataclass
class Change:
    """One asset's planned write: the row before, every written column after, and the
    visible fields that differ (empty when only search columns move)."""

    row: asyncpg.Record
    values: dict[str, Any]
    fields: list[str] = field(default_factory=list)

    @property
    def kind(self) -> int:
        if self.fields == ["classifications"]:
            return Kind.KIND_CLASSIFICATION_CHANGED
        return Kind.KIND_UPDATED


class AssetWriter:
    """Plans and applies edits to assets inside the caller's transaction."""

    def __init__(self, conn: Connection, actor: str) -> None:
        self._conn = conn
        self._actor = actor
        self._now = L.stamp(datetime.now(UTC))

    async def write(
        self,
        edits: Mapping[str, Mapping[str, Any]] | None = None,
        *,
        refresh: Iterable[str] = (),
        propagate_from: Iterable[str] = (),
    ) -> dict[str, asyncpg.Record]:
        """Plans and applies; returns the new rows of the assets that changed."""
        plan = await self.plan(edits or {}, refresh=refresh, propagate_from=propagate_from)
        return await self.apply(plan)

    async def plan(
        self,
        edits: Mapping[str, Mapping[str, Any]],
        *,
        refresh: Iterable[str] = (),
        propagate_from: Iterable[str] = (),
    ) -> dict[str, Change]:
        """The writes that follow from:

        - ``edits``: asset id -> column -> new value (``tags`` are the tags wanted,
          ``classifications`` the new base entries);
        - ``refresh``: assets whose terms changed (what the terms carry is recomputed);
        - ``propagate_from``: assets whose incoming lineage changed, or whose labels were
          changed by someone else (a scan): propagation is recomputed at and below them.

        Edits that change what an asset passes downstream propagate by themselves. Ids in
        ``refresh`` and ``propagate_from`` that no longer exist are skipped."""
        sources = set(propagate_from)
        wanted = set(edits) | set(refresh) | sources
        if not wanted:
            return {}
        rows = await self._lock(wanted)
        missing = set(edits) - set(rows)
        if missing:  # deleted between the caller's read and this lock
            raise ServiceError(
                grpc.StatusCode.ABORTED,
                "an asset was deleted while being edited; retry",
                reason="CONCURRENT_DELETE",
            )
        names = {t for r in rows.values() for t in r["terms"]}
        names |= {t for e in edits.values() for t in e.get("terms", ())}
        infos = await load_terms(self._conn, names)
        states = {i: self._local(r, edits.get(i, {}), infos) for i, r in rows.items()}
        seeds = {
            i for i, s in states.items() if L.signature(rows[i]["classifications"]) != s.signature()
        }
        seeds |= sources & set(rows)
        if seeds:
            await self._propagate(seeds, rows, states)
        changes = {}
        for asset_id in sorted(states):
            change = self._change(rows[asset_id], states[asset_id])
            if change is not None:
                changes[asset_id] = change
        return changes

    async def apply(self, plan: Mapping[str, Change]) -> dict[str, asyncpg.Record]:
        """Writes a plan: one statement for all rows, then their history."""
        if not plan:
            return {}
        sets = assignments(WRITTEN, 2)
        bump = f"${len(WRITTEN) + 2}"
        await self._conn.executemany(
            f"UPDATE catalog.assets SET {sets}, version = version + {bump},"  # noqa: S608 - fixed column names
            f" update_time = CASE WHEN {bump} = 1 THEN now() ELSE update_time END WHERE id = $1",
            [
                (i, *(c.values[col] for col in WRITTEN), 1 if c.fields else 0)
                for i, c in plan.items()
            ],
        )
        await insert_history(
            self._conn,
            [
                (
                    i,
                    c.row["workspace"],
                    c.row["version"] + 1,  # the row is locked FOR UPDATE
                    c.kind,
                    c.fields,
                    A.record_values(c.row, c.fields),
                    {f: c.values[f] for f in c.fields},
                    self._actor,
                )
                for i, c in plan.items()
                if c.fields
            ],
        )
        rows = await self._conn.fetch(f"{SELECT} WHERE a.id = ANY($1::text[])", list(plan))
        return {r["id"]: r for r in rows}

    async def _lock(self, ids: Iterable[str]) -> dict[str, asyncpg.Record]:
        # In id order, so that two writers locking overlapping sets cannot deadlock.
        rows = await self._conn.fetch(
            f"SELECT {COLUMNS}, a.own_tags, a.term_text FROM catalog.assets a"  # noqa: S608 - fixed column list
            " WHERE a.id = ANY($1::text[]) ORDER BY a.id FOR UPDATE",
            sorted(ids),
        )
        return {r["id"]: r for r in rows}

    def _local(
        self,
        row: asyncpg.Record,
        edit: Mapping[str, Any],
        infos: Mapping[str, TermInfo] | None,
    ) -> _State:
        """The asset's own values after ``edit``. With ``infos`` None (an asset reached
        only through lineage) its terms did not change: their stored effects stay."""
        values = {c: edit.get(c, row[c]) for c in DIRECT}
        stored = list(row["classifications"])
        base = (
            list(edit["classifications"]) if "classifications" in edit else L.base_entries(stored)
        )
        propagated = L.of_origin(stored, L.Origin.ORIGIN_PROPAGATED)
        if infos is None:
            values.update({c: row[c] for c in ("tags", *INTERNAL)})
            glossary = L.of_origin(stored, L.Origin.ORIGIN_GLOSSARY)
            return _State(values, base, glossary, propagated)
        carried = carried_by(values["terms"], infos, self._actor, self._now)
        own = set(edit["tags"]) - carried.tags if "tags" in edit else set(row["own_tags"])
        values["own_tags"] = sorted(own)
        values["tags"] = sorted(own | carried.tags)
        values["term_text"] = carried.text
        return _State(values, base, carried.glossary, propagated)

    async def _propagate(
        self, seeds: set[str], rows: dict[str, asyncpg.Record], states: dict[str, _State]
    ) -> None:
        """Recomputes the propagated labels of ``seeds`` and everything downstream."""
        down = await graph.walk(self._conn, seeds, downstream=True, depth=DEPTH, propagating=True)
        affected = set(down)
        extra = affected - set(rows)
        if extra:
            more = await self._lock(extra)
            rows.update(more)
            states.update({i: self._local(r, {}, None) for i, r in more.items()})
        affected &= set(rows)
        up = await graph.walk(self._conn, affected, downstream=False, depth=DEPTH, propagating=True)
        region = set(up) | affected
        sources = {i: L.source_labels(s.held()) for i, s in states.items()}
        blocked = {i: L.suppressed_labels(s.held()) for i, s in states.items()}
        names = {i: A.asset_name(r["workspace"], i) for i, r in rows.items()}
        outside = sorted(region - set(rows))
        for r in await self._conn.fetch(
            "SELECT id, workspace, classifications FROM catalog.assets WHERE id = ANY($1::text[])",
            outside,
        ):
            sources[r["id"]] = L.source_labels(r["classifications"])
            blocked[r["id"]] = L.suppressed_labels(r["classifications"])
            names[r["id"]] = A.asset_name(r["workspace"], r["id"])
        edges = await self._conn.fetch(
            "SELECT source_id, target_id, propagated_labels FROM catalog.lineage_edges"
            " WHERE target_id = ANY($1::text[]) AND source_id = ANY($1::text[])"
            " AND cardinality(propagated_labels) > 0",
            sorted(region),
        )
        flows = L.propagate(
            sources,
            blocked,
            [(e["source_id"], e["target_id"], e["propagated_labels"]) for e in edges],
            DEPTH,
        )
        for asset_id in affected:
            states[asset_id].propagated = [
                L.propagated_entry(label, flow, names, self._actor, self._now)
                for label, flow in sorted(flows.get(asset_id, {}).items())
            ]

    def _change(self, row: asyncpg.Record, state: _State) -> Change | None:
        values = dict(state.values)
        values["classifications"] = L.canonical(
            state.base, state.glossary, state.propagated, row["classifications"]
        )
        visible = [f for f in VISIBLE if values[f] != row[f]]
        if not visible and all(values[c] == row[c] for c in INTERNAL):
            return None
        return Change(row, values, visible)
