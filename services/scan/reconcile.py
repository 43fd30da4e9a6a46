"""Finding what disappeared from a source, and marking it deleted in the catalog.

``scan.objects`` records every object and container each data source held when last
scanned, with when it was last seen. At the end of a complete run, an entry still
marked present that this run did not see, and that lies in this run's scope, is gone
from the source. (Out-of-scope entries were simply not looked at; entries under a
schema or folder that could not be listed this time are left alone too.)

The catalog is told what is gone by exact qualified names, each of which takes its
subtree with it (a table's columns, a folder's files and theirs), in calls of at most
``MAX_NAMES_PER_CALL`` names, with this run's start as "not seen since": an asset this
run wrote is never marked. A name is not a prefix, so a sibling whose name merely
extends a removed object's (``.../customers_archive`` beside ``.../customers``) is
left alone, whether or not this run looked at it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

import asyncpg
from google.protobuf import timestamp_pb2

from pursight.catalog.v1 import catalog_pb2
from services.connectors import ObjectType, Scope, scope_from_message
from services.scan.context import RunContext
from services.scan.deps import WorkerDeps
from services.scan.report import Outcome

# The catalog's cap on MarkAssetsDeletedRequest.qualified_names.
MAX_NAMES_PER_CALL = 5000
_OBJECT_TYPES = [int(ObjectType.TABLE), int(ObjectType.VIEW), int(ObjectType.FILE)]


def in_scope(scope: Scope, kind: int, path: Sequence[str]) -> bool:
    """Whether a recorded entry lies in ``scope``, by the ScanScope rules. Containers
    are judged conservatively: when in doubt they are kept (never marked deleted)."""
    if not path:
        return False
    if kind == ObjectType.FILE:
        return scope.file("/".join(path))
    if kind == ObjectType.FOLDER:
        return not scope.include_paths and scope.folder("/".join(path))
    if kind == ObjectType.DATABASE:
        return len(path) == 1 and scope.database(path[0]) and scope.schema("", path[0])
    if kind == ObjectType.SCHEMA:
        return len(path) == 2 and scope.database(path[0]) and scope.schema(path[0], path[1])
    if kind not in (ObjectType.TABLE, ObjectType.VIEW):
        return False
    view = kind == ObjectType.VIEW
    if len(path) >= 3:
        database, schema, table = path[-3:]
        return (
            scope.database(database)
            and scope.schema(database, schema)
            and scope.table(schema, table, view=view)
        )
    if len(path) == 2:
        database, table = path
        return (
            scope.database(database)
            and scope.schema("", database)
            and scope.table(database, table, view=view)
        )
    return scope.table("", path[0], view=view)


def _child(name: str, of: str) -> bool:
    return name.startswith((f"{of}/", f"{of}#"))


async def reconcile(
    deps: WorkerDeps, ctx: RunContext, run: asyncpg.Record, outcome: Outcome
) -> None:
    """Marks entries gone from the source deleted, in the catalog and in the record;
    adds what was removed to ``outcome``'s counters. Safe to repeat."""
    if ctx.start_time is None:
        return
    scope = scope_from_message(ctx.spec.scope)
    unreadable = tuple(run["stats"].get("unreadable_prefixes", []))
    unseen = await deps.pool.fetch(
        "SELECT qualified_name, type, path FROM scan.objects WHERE workspace = $1"
        " AND data_source = $2 AND present AND last_seen_time < $3",
        ctx.workspace,
        ctx.data_source,
        ctx.start_time,
    )
    gone = {
        r["qualified_name"]
        for r in unseen
        if in_scope(scope, r["type"], r["path"])
        and not any(r["qualified_name"] == u or _child(r["qualified_name"], u) for u in unreadable)
    }
    since = timestamp_pb2.Timestamp()
    since.FromDatetime(ctx.start_time.astimezone(UTC))
    names = sorted(gone)
    for start in range(0, len(names), MAX_NAMES_PER_CALL):
        await deps.catalog.MarkAssetsDeleted(
            catalog_pb2.MarkAssetsDeletedRequest(
                parent=ctx.parent,
                qualified_names=names[start : start + MAX_NAMES_PER_CALL],
                not_seen_since=since,
                actor=ctx.name,
            ),
            metadata=deps.metadata(),
        )
    if gone:
        await deps.pool.execute(
            "UPDATE scan.objects SET present = false, removed_run = $4, fingerprint = '',"
            " cache = NULL WHERE workspace = $1 AND data_source = $2"
            " AND qualified_name = ANY($3::text[])",
            ctx.workspace,
            ctx.data_source,
            names,
            ctx.id,
        )
    counts = await deps.pool.fetchrow(
        "SELECT count(*) AS objects, coalesce(sum((SELECT count(*) FROM"
        " jsonb_object_keys(columns))), 0) AS columns FROM scan.objects"
        " WHERE workspace = $1 AND data_source = $2 AND removed_run = $3"
        " AND type = ANY($4::smallint[])",
        ctx.workspace,
        ctx.data_source,
        ctx.id,
        _OBJECT_TYPES,
    )
    if counts is not None:
        outcome.counters["objects_removed"] += int(counts["objects"])
        outcome.counters["columns_removed"] += int(counts["columns"])
