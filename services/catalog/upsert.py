"""BatchUpsertAssets and MarkAssetsDeleted: what scans write.

A scan owns the technical columns and its own labels; manual annotations stay as they
are. When a rescan changes what an asset passes downstream (a label found or lost),
the AssetWriter recomputes the labels derived from it, in the same transaction.

MarkAssetsDeleted takes what a scan did not see either by qualified-name prefix (a scan's
whole scope) or by exact names, each with its subtree through parent_id: a prefix of
``.../customers`` would also reach a sibling ``.../customers_archive``, a name does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import asyncpg

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from services.catalog import assets as A
from services.catalog import labels as L
from services.catalog.rows import SELECT, in_workspace, insert_history, workspace_of
from services.catalog.writer import AssetWriter
from services.runtime.context import current_principal
from services.runtime.database import Connection, json_text
from services.runtime.errors import FieldViolation, bad_field, collect
from services.runtime.names import new_ids

Kind = resources_pb2.AssetChange.Kind
MAX_BATCH = 5000


class ScanWrites:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def upsert(
        self, request: catalog_pb2.BatchUpsertAssetsRequest
    ) -> catalog_pb2.BatchUpsertAssetsResponse:
        workspace = workspace_of(request.parent)
        if not request.assets:
            raise bad_field("assets", "is required")
        if len(request.assets) > MAX_BATCH:
            raise bad_field("assets", f"at most {MAX_BATCH} per call")
        violations: list[FieldViolation] = []
        seen: set[str] = set()
        for index, asset in enumerate(request.assets):
            violations += A.technical_violations(asset, f"assets[{index}]")
            if asset.qualified_name in seen:
                violations.append(
                    FieldViolation(f"assets[{index}].qualified_name", "appears twice in the batch")
                )
            seen.add(asset.qualified_name)
        collect(violations)
        actor = request.actor or current_principal().name
        upserter = _Upsert(workspace, actor)
        async with self._pool.acquire() as conn, conn.transaction():
            await upserter.run(conn, request.assets)
            await insert_history(conn, upserter.changes)
            # After the scan's own history rows, so the history reads in order.
            await AssetWriter(conn, actor).write(propagate_from=upserter.relabelled)
            stored = []
            if not request.counts_only:
                rows = await conn.fetch(
                    f"{SELECT} WHERE {in_workspace()} AND a.id = ANY($2::text[])",
                    workspace,
                    upserter.ids,
                )
                by_id = {r["id"]: r for r in rows}
                stored = [A.to_message(by_id[i]) for i in upserter.ids]
        return catalog_pb2.BatchUpsertAssetsResponse(
            assets=stored,
            created_count=upserter.created,
            updated_count=upserter.updated,
            unchanged_count=upserter.unchanged,
        )

    async def mark_deleted(
        self, request: catalog_pb2.MarkAssetsDeletedRequest
    ) -> catalog_pb2.MarkAssetsDeletedResponse:
        workspace = workspace_of(request.parent)
        prefix, names = request.qualified_name_prefix, list(request.qualified_names)
        violations: list[FieldViolation] = []
        if bool(prefix) == bool(names):
            # Both or neither: each field is named, the fix may be on either side.
            need = "give only one of" if names else "give one of"
            violations += [
                FieldViolation(f, f"{need} qualified_name_prefix and qualified_names")
                for f in ("qualified_name_prefix", "qualified_names")
            ]
        if len(names) > MAX_BATCH:
            violations.append(FieldViolation("qualified_names", f"at most {MAX_BATCH} per call"))
        if not request.HasField("not_seen_since"):
            violations.append(FieldViolation("not_seen_since", "is required"))
        collect(violations)
        actor = request.actor or current_principal().name
        since = request.not_seen_since.ToDatetime(tzinfo=UTC)
        statement, bound = (
            (_MARK_BY_PREFIX, (prefix, prefix + "\U0010ffff"))
            if prefix
            else (_MARK_BY_NAMES, (names,))
        )
        async with self._pool.acquire() as conn, conn.transaction():
            rows = await conn.fetch(statement, workspace, since, *bound)
            await insert_history(
                conn,
                [
                    (
                        r["id"],
                        workspace,
                        r["version"],
                        Kind.KIND_DELETED,
                        ["deleted"],
                        {"deleted": False},
                        {"deleted": True},
                        actor,
                    )
                    for r in rows
                ],
            )
        return catalog_pb2.MarkAssetsDeletedResponse(deleted_count=len(rows))


# MarkAssetsDeleted's statements: ``$1`` the workspace, ``$2`` "not seen since". What
# is marked is locked in id order first, as every multi-row writer does (see _Upsert.run);
# the lock re-reads each row, so one written meanwhile (seen after all) or already marked
# drops out.
# Under a prefix: from ``$3`` up to ``$4``.
_MARK_BY_PREFIX = (
    f"WITH marked AS (SELECT a.id FROM catalog.assets a WHERE {in_workspace()}"  # noqa: S608 - fixed SQL
    " AND NOT a.deleted AND coalesce(a.last_scan_time, a.create_time) < $2"
    ' AND a.qualified_name COLLATE "C" >= $3 AND a.qualified_name COLLATE "C" < $4'
    " ORDER BY a.id FOR NO KEY UPDATE OF a)"
    " UPDATE catalog.assets a SET deleted = true, version = a.version + 1,"
    " update_time = now() FROM marked m WHERE a.id = m.id RETURNING a.id, a.version"
)


def _named(names: str) -> str:
    """``q(qn)`` for each name in the array parameter ``names`` and ``n(id)`` for the asset
    of workspace ``$1`` so named (names without one drop out): one probe of the unique
    index per name (its collation is "C"), whatever the statistics say (see
    rows.in_workspace for a workspace they have not seen yet). A scan inserts
    thousands of assets a second and ANALYZE runs a minute later: a join planned from
    statistics of a table still nearly empty hashed (or filtered) every asset of the
    workspace on each call, 33 ms a call at 30,000 assets and growing. A LATERAL
    subquery with LIMIT is planned and run per name, and for one name the unique index is
    the cheapest path at any size."""
    return (
        f"unnest({names}::text[]) q(qn) CROSS JOIN LATERAL"  # noqa: S608 - a $n placeholder
        f" (SELECT a.id FROM catalog.assets a WHERE {in_workspace()}"
        ' AND a.qualified_name COLLATE "C" = q.qn LIMIT 1) n'
    )


# The assets named in ``$3`` and their descendants through parent_id (the assets_parent
# index); UNION drops an asset reached twice.
_MARK_BY_NAMES = (
    f"WITH RECURSIVE tree (id) AS (SELECT n.id FROM {_named('$3')}"  # noqa: S608 - fixed SQL
    " UNION SELECT c.id FROM catalog.assets c JOIN tree t ON c.parent_id = t.id),"
    " marked AS (SELECT a.id FROM catalog.assets a JOIN tree USING (id)"
    f" WHERE {in_workspace()}"
    " AND NOT a.deleted AND coalesce(a.last_scan_time, a.create_time) < $2"
    " ORDER BY a.id FOR NO KEY UPDATE OF a)"
    " UPDATE catalog.assets a SET deleted = true, version = a.version + 1,"
    " update_time = now() FROM marked m WHERE a.id = m.id RETURNING a.id, a.version"
)


async def _ids_by_name(conn: Connection, workspace: str, names: list[str]) -> dict[str, str]:
    """The ids of the assets of ``workspace`` with these qualified names (those that
    exist), by name."""
    rows = await conn.fetch(
        f"SELECT q.qn, n.id FROM {_named('$2')}",  # noqa: S608 - fixed SQL
        workspace,
        names,
    )
    return {r["qn"]: r["id"] for r in rows}


async def _locked(
    conn: Connection, ids: list[str], select: str, strength: str
) -> list[asyncpg.Record]:
    """``select`` (over ``catalog.assets a``) for each of ``ids``, locked with
    ``strength`` in the order given: a locking subquery is never merged into the outer
    query, so each id is a probe of the primary key, taken in turn."""
    if not ids:
        return []
    return await conn.fetch(
        f"SELECT r.* FROM unnest($1::text[]) i(id) CROSS JOIN LATERAL"  # noqa: S608 - fixed SQL
        f" ({select} WHERE a.id = i.id FOR {strength} OF a) r",
        ids,
    )


# The statements below list these columns in this order (unnest's column lists).
REFRESHED = (*A.TECHNICAL, "classifications", "deleted")
_JSON = frozenset({"column_info", "table_info", "classifications"})


class _Upsert:
    """One batch upsert: resolves parents, inserts new assets, refreshes changed ones."""

    def __init__(self, workspace: str, actor: str) -> None:
        self.workspace = workspace
        self.actor = actor
        self.ids: list[str] = []
        self.created = self.updated = self.unchanged = 0
        self.changes: list[tuple[Any, ...]] = []
        # Assets whose labels changed what they pass downstream.
        self.relabelled: list[str] = []
        self._known: set[str] = set()  # ids of the assets read or created so far

    async def run(self, conn: Connection, assets: Sequence[resources_pb2.Asset]) -> None:
        qualified = [a.qualified_name for a in assets]
        written = set(qualified)
        parent_qns = {
            a.parent
            for a in assets
            if a.parent
            and a.parent not in written
            and not a.parent.startswith(f"workspaces/{self.workspace}/assets/")
        }
        stored = await _ids_by_name(conn, self.workspace, [*qualified, *sorted(parent_qns)])
        # Locked in id order, as every multi-row writer does, so a scan and an edit
        # touching the same assets queue behind each other instead of deadlocking.
        # NO KEY: the id stays, so children inserted by other batches (whose foreign key
        # takes a KEY SHARE lock on their parent) need not wait. Parents only referenced
        # get that KEY SHARE lock (not deleted meanwhile), not an update lock: four
        # workers writing the tables of one schema all name it, and locking it for update
        # serialized them.
        rows = await _locked(
            conn, sorted(stored[qn] for qn in written if qn in stored), SELECT, "NO KEY UPDATE"
        )
        existing = {r["qualified_name"]: r for r in rows}
        ids_by_qn = {qn: r["id"] for qn, r in existing.items()}
        parent_ids = sorted({stored[qn] for qn in parent_qns if qn in stored})
        for parent in await _locked(
            conn, parent_ids, "SELECT a.id, a.qualified_name FROM catalog.assets a", "KEY SHARE"
        ):
            ids_by_qn[parent["qualified_name"]] = parent["id"]
        self._known = set(ids_by_qn.values())
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        unchanged: list[str] = []
        now = datetime.now(UTC)
        fresh = iter(new_ids(len(assets) - len(existing)))
        for index, asset in enumerate(assets):
            parent_id = await self._parent(conn, asset, index, ids_by_qn)
            values = A.technical_values(asset)
            values["parent_id"] = parent_id
            found = A.classification_dicts(asset.classifications)
            row = existing.get(asset.qualified_name)
            if row is None:
                asset_id = next(fresh)
                ids_by_qn[asset.qualified_name] = asset_id
                self._known.add(asset_id)
                # Its history starts with the asset itself (create_time, created_by).
                labels = A.merge_scan_labels([], found)
                inserts.append(
                    (
                        asset_id,
                        asset.qualified_name,
                        *_split(asset.qualified_name),
                        json_text(labels),
                        *_bound(values, A.TECHNICAL),
                    )
                )
                self.created += 1
                self.ids.append(asset_id)
                continue
            self.ids.append(row["id"])
            values["classifications"] = A.merge_scan_labels(list(row["classifications"]), found)
            if L.signature(row["classifications"]) != L.signature(values["classifications"]):
                self.relabelled.append(row["id"])
            values["deleted"] = False
            changed = [c for c in values if row[c] != values[c]]
            if not changed:
                unchanged.append(row["id"])
                continue
            version = row["version"] + 1  # the row is locked for update
            updates.append((row["id"], *_bound(values, REFRESHED)))
            self.changes.append(
                (
                    row["id"],
                    self.workspace,
                    version,
                    _change_kind(row, changed),
                    changed,
                    A.record_values(row, changed),
                    {f: values[f] for f in changed},
                    self.actor,
                )
            )
        self.updated, self.unchanged = len(updates), len(unchanged)
        # Inserts first: an existing asset may move under a parent new in this batch.
        # One statement per kind of write over arrays (unnest), not a statement per
        # row: a scan writes thousands of assets per call.
        if inserts:
            await conn.execute(_INSERT, *_columns(inserts, self.workspace, now, self.actor))
        if updates:
            await conn.execute(
                "UPDATE catalog.assets a SET type = u.type, display_name = u.dn,"
                " parent_id = u.pid, data_source = u.ds, source_description = u.sd,"
                " column_info = u.ci::jsonb, table_info = u.ti::jsonb,"
                " classifications = u.cls::jsonb,"
                " deleted = u.del, last_scan_time = $2, version = a.version + 1,"
                " update_time = now()"
                " FROM unnest($1::text[], $3::smallint[], $4::text[], $5::text[], $6::text[],"
                " $7::text[], $8::text[], $9::text[], $10::text[], $11::boolean[])"
                " AS u(id, type, dn, pid, ds, sd, ci, ti, cls, del) WHERE a.id = u.id",
                *_columns(updates, now),
            )
        if unchanged:
            await conn.execute(
                "UPDATE catalog.assets SET last_scan_time = $2 WHERE id = ANY($1::text[])",
                unchanged,
                now,
            )

    async def _parent(
        self, conn: Connection, asset: resources_pb2.Asset, index: int, ids_by_qn: dict[str, str]
    ) -> str | None:
        if not asset.parent:
            return None
        prefix = f"workspaces/{self.workspace}/assets/"
        if asset.parent.startswith(prefix):
            parent_id = asset.parent[len(prefix) :]
            if parent_id in self._known or await conn.fetchval(
                f"SELECT 1 FROM catalog.assets WHERE {in_workspace(alias='')} AND id = $2",  # noqa: S608 - fixed SQL
                self.workspace,
                parent_id,
            ):
                return parent_id
        elif asset.parent in ids_by_qn:
            return ids_by_qn[asset.parent]
        raise bad_field(
            f"assets[{index}].parent",
            "must name an existing asset or an earlier asset of the batch",
        )


# New assets come with their search vectors, built set-wise (migration 0006): each
# qualified name is split at its last separator, the words of each distinct prefix (a
# table's, for its columns) are parsed once and joined to those of the rest, which for
# a column or table is usually its display name, parsed for the name part anyway. The
# separators are not letters or digits, so no word spans them and the parts' words, in
# order, are the whole name's (tsvector || shifts the right side's positions past the
# left's). ``$1`` and ``$5``... are the columns as _columns binds them.
_INSERT = (
    "WITH u AS (SELECT u.*, u.cls::jsonb AS classifications,"
    " CASE WHEN u.cls = '[]' THEN '{}' ELSE catalog.label_set(u.cls::jsonb) END AS labels,"
    " to_tsvector('simple', catalog.words(u.dn)) AS name_words"
    " FROM unnest($1::text[], $5::text[], $6::text[], $7::text[], $8::text[],"
    " $9::smallint[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],"
    " $15::text[]) AS u(id, qn, pre, suf, cls, type, dn, pid, ds, sd, ci, ti)),"
    " prefix AS MATERIALIZED (SELECT d.pre, to_tsvector('simple', catalog.words(d.pre)) AS words"
    " FROM (SELECT DISTINCT pre FROM u) d)"
    " INSERT INTO catalog.assets (id, workspace, qualified_name, classifications,"
    " last_scan_time, created_by, type, display_name, parent_id, data_source,"
    " source_description, column_info, table_info, name_folded, labels, search_vector)"
    " SELECT u.id, $2, u.qn, u.classifications, $3, $4, u.type, u.dn, u.pid, u.ds, u.sd,"
    " u.ci::jsonb, u.ti::jsonb, catalog.fold(u.dn), u.labels,"
    " catalog.asset_vector(u.name_words, '{}', u.labels, p.words || CASE WHEN u.suf = u.dn"
    " THEN u.name_words ELSE to_tsvector('simple', catalog.words(u.suf)) END, '', u.sd, '')"
    " FROM u JOIN prefix p USING (pre)"
)


def _split(qualified_name: str) -> tuple[str, str]:
    """The qualified name before and after its last ``/`` or ``#``."""
    cut = max(qualified_name.rfind("/"), qualified_name.rfind("#"))
    if cut < 0:
        return "", qualified_name
    return qualified_name[:cut], qualified_name[cut + 1 :]


def _bound(values: dict[str, Any], columns: Sequence[str]) -> tuple[Any, ...]:
    """``values`` of ``columns`` as bound in the arrays: jsonb ones as JSON text."""
    return tuple(json_text(values[c]) if c in _JSON else values[c] for c in columns)


def _columns(rows: Sequence[tuple[Any, ...]], *scalars: Any) -> list[Any]:
    """The rows as one list per column for ``unnest``: the first column (the ids), then
    the ``scalars`` (bound once for every row), then the remaining columns."""
    ids, *rest = ([*column] for column in zip(*rows, strict=True))
    return [ids, *scalars, *rest]


def _change_kind(row: asyncpg.Record, changed: list[str]) -> int:
    if "deleted" in changed and row["deleted"]:
        return Kind.KIND_RESTORED
    if "column_info" in changed or "table_info" in changed or "type" in changed:
        return Kind.KIND_SCHEMA_CHANGED
    if changed == ["classifications"]:
        return Kind.KIND_CLASSIFICATION_CHANGED
    return Kind.KIND_UPDATED
