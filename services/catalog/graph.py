"""Walking lineage in PostgreSQL: the assets reached from a set, by direction and depth.

One recursive CTE. Cycles cannot make it run away: rows are (asset, hops) pairs joined
with UNION, which drops a pair already produced, and hops stop at the depth, so the walk
yields at most assets x (depth + 1) rows however tangled the graph is, and never
enumerates paths (which grow exponentially in a dense graph).
"""

from __future__ import annotations

from collections.abc import Iterable

from services.runtime.database import Queryable

MAX_DEPTH = 10


async def walk(
    conn: Queryable,
    starts: Iterable[str],
    *,
    downstream: bool,
    depth: int,
    column_level: bool | None = None,
    propagating: bool = False,
) -> dict[str, int]:
    """Every asset within ``depth`` hops of ``starts`` (included, at 0), with its fewest
    hops. ``column_level`` picks column or table edges (None: both); ``propagating``
    follows only edges that let some label through."""
    ids = sorted(set(starts))
    if not ids:
        return {}
    here, there = ("source_id", "target_id") if downstream else ("target_id", "source_id")
    params: list[object] = [ids, depth]
    conditions = ["w.hops < $2"]
    if column_level is not None:
        params.append(column_level)
        conditions.append(f"e.column_level = ${len(params)}")
    if propagating:
        conditions.append("cardinality(e.propagated_labels) > 0")
    rows = await conn.fetch(
        f"""
        WITH RECURSIVE w(id, hops) AS (
            SELECT s.id, 0 FROM unnest($1::text[]) AS s(id)
          UNION
            SELECT e.{there}, w.hops + 1
              FROM w JOIN catalog.lineage_edges e ON e.{here} = w.id
             WHERE {" AND ".join(conditions)}
        )
        SELECT id, min(hops) AS hops FROM w GROUP BY id
        """,  # noqa: S608 - column names and conditions are fixed strings of this module
        *params,
    )
    return {r["id"]: r["hops"] for r in rows}
