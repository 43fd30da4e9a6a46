"""Reading asset rows and appending to their history: what every catalog module shares."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import asyncpg

from services.catalog import assets as A
from services.runtime.database import Connection, Queryable, json_text
from services.runtime.errors import not_found
from services.runtime.names import parse_name

WORKSPACE = "workspaces/{workspace}"
# Every column but the search vector and the internal ones: what handlers read and
# convert to messages.
COLUMNS = ", ".join(
    f"a.{c}"
    for c in (
        "id",
        "workspace",
        "qualified_name",
        "type",
        "display_name",
        "parent_id",
        "data_source",
        "source_description",
        "description",
        "owners",
        "stewards",
        "tags",
        "terms",
        "classifications",
        "labels",
        "column_info",
        "table_info",
        "properties",
        "retention_days",
        "protected",
        "deleted",
        "version",
        "create_time",
        "update_time",
        "last_scan_time",
        "name_folded",
    )
)
SELECT = f"SELECT {COLUMNS} FROM catalog.assets a"  # noqa: S608 - fixed column list


def in_workspace(param: str = "$1", alias: str = "a") -> str:
    """The condition that the asset is in the workspace bound to ``param``, written so
    the planner cannot estimate it from the statistics. PostgreSQL estimates
    ``workspace = 'x'`` from the column's most common values, and a workspace created
    since the last ANALYZE is in none of them: estimated at one row, a lookup by id or
    qualified name went through a smaller index that leads with the workspace alone and
    read every asset of the workspace to find one (the first scan of 2,000 tables into a
    new workspace spent 150 s there). Compared with a sub-select, the value is unknown
    when planning: the workspace counts as an average one, and the comparison is still
    an index condition."""
    column = f"{alias}.workspace" if alias else "workspace"
    return f"{column} = (SELECT {param}::text)"


def workspace_of(parent: str, field: str = "parent") -> str:
    """The workspace id in ``workspaces/{workspace}``; INVALID_ARGUMENT otherwise."""
    return parse_name(parent, WORKSPACE, field)["workspace"]


async def fetch_asset(
    conn: Queryable, name: str, field: str = "name", lock: bool = False
) -> asyncpg.Record:
    """The row of asset ``name``; NOT_FOUND when there is none."""
    ids = parse_name(name, A.ASSET, field)
    row = await conn.fetchrow(
        f"{SELECT} WHERE {in_workspace()} AND a.id = $2{' FOR UPDATE' if lock else ''}",
        ids["workspace"],
        ids["asset"],
    )
    if row is None:
        raise not_found("Asset", name)
    return row


# What an Asset message is built from (to_message): COLUMNS less labels and name_folded.
MESSAGE_COLUMNS = ", ".join(
    c for c in COLUMNS.split(", ") if c not in ("a.labels", "a.name_folded")
)
# One query for the ids of a batch; the workspace of each row is checked against the
# name asked for, so this matches ``workspace = $1 AND id = $2`` (ids are unique).
_BY_IDS = f"SELECT {MESSAGE_COLUMNS} FROM catalog.assets a WHERE a.id = ANY($1::text[])"  # noqa: S608 - fixed column list
MAX_QUERIES_IN_FLIGHT = 1
MAX_BATCH = 500
LINGER_SECONDS = 0.002  # added to the wait of calls that came during a query


class AssetReads:
    """GetAsset's reads, coalesced: the names asked for while earlier reads are on
    their way to PostgreSQL go together in one query, and each row found is turned
    into a message once for every caller that asked for it.

    Fresh as a read of its own: a batch is sent only after every name in it was asked
    for, never joined once sent, so each caller sees every write committed before its
    call arrived, as with one query per call. The messages are shared between the
    callers of a batch and must not be changed (a handler returns them as they are).

    At most ``MAX_QUERIES_IN_FLIGHT`` queries run at once; names asked for meanwhile
    wait for the next batch, which leaves ``LINGER_SECONDS`` after the query before it
    came back, so that under load a batch gathers several calls rather than two or three
    (a round trip costs the server a good part of a small call's CPU: in the GetAsset
    benchmark the linger took a call from about 1.05 to 0.9 ms of server CPU). A call
    that finds no query in flight goes at once (next turn of the event loop); one that
    comes during a query waits at most ``LINGER_SECONDS`` longer than it did."""

    def __init__(self, pool: Queryable, max_in_flight: int = MAX_QUERIES_IN_FLIGHT) -> None:
        self._pool = pool
        self._max_in_flight = max_in_flight
        self._in_flight = 0
        self._scheduled = False
        # (workspace, id) -> (name, the futures of its callers), in arrival order.
        self._pending: dict[tuple[str, str], tuple[str, list[asyncio.Future[A.Asset]]]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._next: asyncio.Task[None] | None = None  # scheduled, not started yet

    async def get(self, name: str, field: str = "name") -> A.Asset:
        """The Asset ``name``; NOT_FOUND when there is none."""
        ids = parse_name(name, A.ASSET, field)
        key = (ids["workspace"], ids["asset"])
        future: asyncio.Future[A.Asset] = asyncio.get_running_loop().create_future()
        waiting = self._pending.get(key)
        if waiting is None:
            self._pending[key] = (name, [future])
        else:
            waiting[1].append(future)
        self._schedule()
        return await future

    def _schedule(self, linger: float = 0.0) -> None:
        if self._scheduled or self._in_flight >= self._max_in_flight or not self._pending:
            return
        # A task, not the caller: a caller giving up (deadline, cancel) must not cancel
        # the query others wait on. It starts on the next turn of the loop, so the calls
        # arriving in this one join the batch.
        self._scheduled = True
        task = self._next = asyncio.get_running_loop().create_task(self._flush(linger))
        self._tasks.add(task)
        task.add_done_callback(self._flushed)

    def _flushed(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if task is self._next:
            self._next = None
            # Cancelled before it ran (the server stopping): the next call schedules anew.
            self._scheduled = False

    async def _flush(self, linger: float = 0.0) -> None:
        if linger:
            await asyncio.sleep(linger)
        self._scheduled = False
        self._next = None
        batch: dict[tuple[str, str], tuple[str, list[asyncio.Future[A.Asset]]]] = {}
        for key in list(self._pending)[:MAX_BATCH]:
            batch[key] = self._pending.pop(key)
        if not batch:
            return
        self._in_flight += 1
        try:
            rows = await self._pool.fetch(_BY_IDS, list(dict.fromkeys(k[1] for k in batch)))
        except Exception as exc:  # noqa: BLE001 - handed to the callers, who raise it
            for _, futures in batch.values():
                for future in futures:
                    if not future.done():
                        future.set_exception(exc)
            return
        except BaseException:  # cancelled (the server stopping): so are its callers
            for _, futures in batch.values():
                for future in futures:
                    future.cancel()
            raise
        finally:
            self._in_flight -= 1
            # Calls that came in meanwhile have waited for this query already: under
            # such load a moment more gathers a batch several times as large.
            full = len(self._pending) >= MAX_BATCH
            self._schedule(0.0 if full else LINGER_SECONDS)
        found = {(row["workspace"], row["id"]): row for row in rows}
        for key, (name, futures) in batch.items():
            _answer(futures, found.get(key), name)


def _answer(futures: list[asyncio.Future[A.Asset]], row: asyncpg.Record | None, name: str) -> None:
    """Gives each caller the message for ``row``, or NOT_FOUND, or the conversion's
    error (its own instance when it is NOT_FOUND)."""
    waiting = [f for f in futures if not f.done()]
    if not waiting:
        return
    if row is None:
        for future in waiting:
            future.set_exception(not_found("Asset", name))
        return
    try:
        asset = A.to_message(row)
    except Exception as exc:  # noqa: BLE001 - handed to the callers, who raise it
        for future in waiting:
            future.set_exception(exc)
        return
    for future in waiting:
        future.set_result(asset)


async def insert_history(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Appends (asset_id, workspace, version, kind, fields, before, after, actor) rows,
    in their order, with one statement over arrays however many there are."""
    if not rows:
        return
    ids, workspaces, versions, kinds, fields, before, after, actors = (
        list(column) for column in zip(*rows, strict=True)
    )
    # changed_fields differ in length from row to row, which a text[][] cannot hold:
    # they travel as JSON arrays and become text[] again here.
    await conn.execute(
        "INSERT INTO catalog.asset_changes (asset_id, workspace, version, kind,"
        " changed_fields, before, after, actor)"
        " SELECT u.id, u.ws, u.version, u.kind,"
        " ARRAY(SELECT jsonb_array_elements_text(u.fields::jsonb)), u.before::jsonb,"
        " u.after::jsonb, u.actor"
        " FROM unnest($1::text[], $2::text[], $3::bigint[], $4::smallint[], $5::text[],"
        " $6::text[], $7::text[], $8::text[]) WITH ORDINALITY"
        " AS u(id, ws, version, kind, fields, before, after, actor, n) ORDER BY u.n",
        ids,
        workspaces,
        versions,
        kinds,
        [json_text(list(f)) for f in fields],
        [json_text(b) for b in before],
        [json_text(a) for a in after],
        actors,
    )
