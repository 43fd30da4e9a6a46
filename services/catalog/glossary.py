"""Glossaries, their terms, and the assignment of terms to assets.

Glossaries are shared by every workspace (`glossaries/{g}`, `glossaries/{g}/terms/{t}`):
a business vocabulary is the organisation's, not a project's. Assets refer to terms by
name in ``catalog.assets.terms``. What a term gives its assets (its tags, its
classification labels with origin GLOSSARY, its name and synonyms for search) is derived
by the AssetWriter, so a term's assets are refreshed whenever one of those changes, the
term is deleted, or it is assigned or unassigned.
"""

from __future__ import annotations

import secrets
from typing import Any

import asyncpg
from google.protobuf import empty_pb2

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from services.catalog import assets as A
from services.catalog import terms as T
from services.catalog.writer import AssetWriter
from services.runtime.context import current_principal
from services.runtime.convert import parse_etag
from services.runtime.database import Connection, Queryable
from services.runtime.errors import (
    FieldViolation,
    aborted_etag,
    already_exists,
    bad_field,
    collect,
    failed_precondition,
    not_found,
)
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.names import check_id, new_id, parse_name, update_paths
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.sql import assignments

Status = resources_pb2.GlossaryTerm.Status
GLOSSARY = "glossaries/{glossary}"
MAX_ASSIGN = 1000
_SELECT_TERM = (
    "SELECT t.*, (SELECT count(*) FROM catalog.assets a WHERE a.terms @> ARRAY[t.name]"
    # Every terms filter says `terms <> '{}'`: the index on terms leaves out empty arrays.
    " AND a.terms <> '{}' AND NOT a.deleted) AS asset_count FROM catalog.glossary_terms t"
)


class Glossaries:
    """Glossary and term CRUD, and AssignGlossaryTerm."""

    def __init__(self, pool: asyncpg.Pool, replica: asyncpg.Pool) -> None:
        self._pool = pool
        self._replica = replica

    # -- glossaries ----------------------------------------------------------------

    async def _glossary_row(
        self, conn: Queryable, name: str, field: str = "name", lock: bool = False
    ) -> asyncpg.Record:
        glossary_id = parse_name(name, GLOSSARY, field)["glossary"]
        row = await conn.fetchrow(
            f"SELECT * FROM catalog.glossaries WHERE id = $1{' FOR UPDATE' if lock else ''}",  # noqa: S608 - a fixed clause
            glossary_id,
        )
        if row is None:
            raise not_found("Glossary", name)
        return row

    async def create_glossary(
        self, request: catalog_pb2.CreateGlossaryRequest
    ) -> resources_pb2.Glossary:
        collect(T.glossary_violations(request.glossary, set(T.GLOSSARY_FIELDS)))
        glossary_id = (
            check_id(request.glossary_id, "glossary_id") if request.glossary_id else new_id()
        )
        check_request_id(request.request_id)
        values = T.glossary_values(request.glossary)
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "catalog", request.request_id)
            if known:
                return T.glossary_message(await self._glossary_row(conn, known))
            try:
                row = await conn.fetchrow(
                    "INSERT INTO catalog.glossaries (id, display_name, description, owners)"
                    " VALUES ($1, $2, $3, $4) RETURNING *",
                    glossary_id,
                    *values.values(),
                )
            except asyncpg.UniqueViolationError as exc:
                if exc.constraint_name == "glossaries_display_name":
                    raise already_exists("Glossary", values["display_name"]) from None
                raise already_exists("Glossary", f"glossaries/{glossary_id}") from None
            if row is None:
                raise RuntimeError("INSERT ... RETURNING gave no row")
            await remember(conn, "catalog", request.request_id, f"glossaries/{glossary_id}")
        return T.glossary_message(row)

    async def get_glossary(self, request: catalog_pb2.GetGlossaryRequest) -> resources_pb2.Glossary:
        return T.glossary_message(await self._glossary_row(self._replica, request.name))

    async def list_glossaries(
        self, request: catalog_pb2.ListGlossariesRequest
    ) -> catalog_pb2.ListGlossariesResponse:
        size = page_size(request.page_size)
        after = decode_token(request.page_token, "glossaries") or ["", ""]
        rows = await self._replica.fetch(
            "SELECT * FROM catalog.glossaries WHERE (lower(display_name), id) > ($1, $2)"
            " ORDER BY lower(display_name), id LIMIT $3",
            after[0],
            after[1],
            size + 1,
        )
        response = catalog_pb2.ListGlossariesResponse(
            glossaries=[T.glossary_message(r) for r in rows[:size]]
        )
        if len(rows) > size:
            last = rows[size - 1]
            response.next_page_token = encode_token(
                [last["display_name"].lower(), last["id"]], "glossaries"
            )
        return response

    async def update_glossary(
        self, request: catalog_pb2.UpdateGlossaryRequest
    ) -> resources_pb2.Glossary:
        g = request.glossary
        paths = update_paths(request.update_mask, g, T.GLOSSARY_FIELDS)
        collect(T.glossary_violations(g, set(paths)))
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self._glossary_row(conn, g.name, "glossary.name", lock=True)
            if g.etag and parse_etag(g.etag) != row["version"]:
                raise aborted_etag("Glossary", g.name)
            values = T.glossary_values(g)
            changed = [p for p in paths if row[p] != values[p]]
            if not changed:
                return T.glossary_message(row)
            sets = assignments(changed, 2)
            try:
                updated = await conn.fetchrow(
                    f"UPDATE catalog.glossaries SET {sets}, version = version + 1,"  # noqa: S608 - column names from T.GLOSSARY_FIELDS
                    " update_time = now() WHERE id = $1 RETURNING *",
                    row["id"],
                    *(values[p] for p in changed),
                )
            except asyncpg.UniqueViolationError:
                raise already_exists("Glossary", values["display_name"]) from None
        if updated is None:  # locked above
            raise RuntimeError(f"{g.name} vanished while locked")
        return T.glossary_message(updated)

    async def delete_glossary(self, request: catalog_pb2.DeleteGlossaryRequest) -> empty_pb2.Empty:
        actor = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self._glossary_row(conn, request.name, lock=True)
            if request.etag and parse_etag(request.etag) != row["version"]:
                raise aborted_etag("Glossary", request.name)
            names = [
                r["name"]
                for r in await conn.fetch(
                    "SELECT name FROM catalog.glossary_terms WHERE glossary_id = $1 FOR UPDATE",
                    row["id"],
                )
            ]
            await conn.execute("DELETE FROM catalog.glossaries WHERE id = $1", row["id"])
            await _forget_terms(conn, names, actor)
        return empty_pb2.Empty()

    # -- terms -----------------------------------------------------------------------

    async def _term_row(
        self, conn: Queryable, name: str, field: str = "name", lock: bool = False
    ) -> asyncpg.Record:
        parse_name(name, T.TERM, field)
        if lock:  # FOR UPDATE cannot go with the aggregate in _SELECT_TERM
            await conn.execute(
                "SELECT 1 FROM catalog.glossary_terms WHERE name = $1 FOR UPDATE", name
            )
        row = await conn.fetchrow(f"{_SELECT_TERM} WHERE t.name = $1", name)
        if row is None:
            raise not_found("GlossaryTerm", name)
        return row

    async def create_term(
        self, request: catalog_pb2.CreateGlossaryTermRequest
    ) -> resources_pb2.GlossaryTerm:
        glossary_id = parse_name(request.parent, GLOSSARY, "parent")["glossary"]
        term = request.term
        collect(T.term_violations(term, set(T.TERM_FIELDS), creating=True))
        if request.term_id:
            term_id = check_id(request.term_id, "term_id")
        else:
            term_id = T.term_slug(term.display_name)
        check_request_id(request.request_id)
        values = T.term_values(term)
        values["status"] = values["status"] or Status.STATUS_DRAFT
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "catalog", request.request_id)
            if known:
                return T.to_message(await self._term_row(conn, known))
            await self._glossary_row(conn, request.parent, "parent", lock=True)
            name = f"{request.parent}/terms/{term_id}"
            await T.check_references(conn, name, values, "term")
            if not request.term_id and await conn.fetchval(
                "SELECT 1 FROM catalog.glossary_terms WHERE name = $1", name
            ):  # another display name folds to the same id: keep both apart
                term_id = f"{term_id[:58]}-{secrets.token_hex(2)}"
                name = f"{request.parent}/terms/{term_id}"
            columns = ", ".join(values)
            placeholders = ", ".join(f"${i}" for i in range(3, 3 + len(values)))
            try:
                await conn.execute(
                    f"INSERT INTO catalog.glossary_terms (glossary_id, id, {columns})"  # noqa: S608 - column names from TERM_FIELDS
                    f" VALUES ($1, $2, {placeholders})",
                    glossary_id,
                    term_id,
                    *values.values(),
                )
            except asyncpg.UniqueViolationError as exc:
                if exc.constraint_name == "glossary_terms_display_name":
                    raise already_exists("GlossaryTerm", values["display_name"]) from None
                raise already_exists("GlossaryTerm", name) from None
            await remember(conn, "catalog", request.request_id, name)
            row = await self._term_row(conn, name)
        return T.to_message(row)

    async def get_term(
        self, request: catalog_pb2.GetGlossaryTermRequest
    ) -> resources_pb2.GlossaryTerm:
        return T.to_message(await self._term_row(self._replica, request.name))

    async def list_terms(
        self, request: catalog_pb2.ListGlossaryTermsRequest
    ) -> catalog_pb2.ListGlossaryTermsResponse:
        glossary_id = parse_name(request.parent, GLOSSARY, "parent")["glossary"]
        size = page_size(request.page_size)
        after = decode_token(request.page_token, request.parent) or ["", ""]
        await self._glossary_row(self._replica, request.parent, "parent")
        rows = await self._replica.fetch(
            f"{_SELECT_TERM} WHERE t.glossary_id = $1 AND (lower(t.display_name), t.id) > ($2, $3)"
            " ORDER BY lower(t.display_name), t.id LIMIT $4",
            glossary_id,
            after[0],
            after[1],
            size + 1,
        )
        response = catalog_pb2.ListGlossaryTermsResponse(
            terms=[T.to_message(r) for r in rows[:size]]
        )
        if len(rows) > size:
            last = rows[size - 1]
            response.next_page_token = encode_token(
                [last["display_name"].lower(), last["id"]], request.parent
            )
        return response

    async def update_term(
        self, request: catalog_pb2.UpdateGlossaryTermRequest
    ) -> resources_pb2.GlossaryTerm:
        term = request.term
        paths = update_paths(request.update_mask, term, T.TERM_FIELDS)
        collect(T.term_violations(term, set(paths), creating=False))
        actor = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self._term_row(conn, term.name, "term.name", lock=True)
            if term.etag and parse_etag(term.etag) != row["version"]:
                raise aborted_etag("GlossaryTerm", term.name)
            values = T.term_values(term)
            changed = [p for p in paths if row[p] != values[p]]
            if not changed:
                return T.to_message(row)
            await T.check_references(conn, term.name, {p: values[p] for p in changed}, "term")
            sets = assignments(changed, 2)
            try:
                await conn.execute(
                    f"UPDATE catalog.glossary_terms SET {sets}, version = version + 1,"  # noqa: S608 - column names from TERM_FIELDS
                    " update_time = now() WHERE name = $1",
                    term.name,
                    *(values[p] for p in changed),
                )
            except asyncpg.UniqueViolationError:
                raise already_exists("GlossaryTerm", values["display_name"]) from None
            if set(changed) & T.CARRIED:
                holders = await conn.fetch(
                    "SELECT id FROM catalog.assets"
                    " WHERE terms @> ARRAY[$1::text] AND terms <> '{}'",
                    term.name,
                )
                await AssetWriter(conn, actor).write(refresh=[r["id"] for r in holders])
            row = await self._term_row(conn, term.name)
        return T.to_message(row)

    async def delete_term(self, request: catalog_pb2.DeleteGlossaryTermRequest) -> empty_pb2.Empty:
        actor = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self._term_row(conn, request.name, lock=True)
            if request.etag and parse_etag(request.etag) != row["version"]:
                raise aborted_etag("GlossaryTerm", request.name)
            narrower = await conn.fetchval(
                "SELECT count(*) FROM catalog.glossary_terms WHERE parent_term = $1", request.name
            )
            if narrower:
                raise failed_precondition(
                    f"{request.name} is the parent of {narrower} narrower term(s);"
                    " delete or re-parent them first",
                    "TERM_HAS_CHILDREN",
                )
            await conn.execute("DELETE FROM catalog.glossary_terms WHERE name = $1", request.name)
            await _forget_terms(conn, [request.name], actor)
        return empty_pb2.Empty()

    # -- assignment ------------------------------------------------------------------

    async def assign(
        self, request: catalog_pb2.AssignGlossaryTermRequest
    ) -> catalog_pb2.AssignGlossaryTermResponse:
        parse_name(request.term, T.TERM, "term")
        if not request.assets:
            raise bad_field("assets", "is required")
        if len(request.assets) > MAX_ASSIGN:
            raise bad_field("assets", f"at most {MAX_ASSIGN} per call")
        wanted: dict[str, int] = {}
        for index, name in enumerate(request.assets):
            asset_id = parse_name(name, A.ASSET, f"assets[{index}]")["asset"]
            wanted.setdefault(asset_id, index)
        actor = current_principal().name
        async with self._pool.acquire() as conn, conn.transaction():
            term = await self._term_row(conn, request.term, "term", lock=True)
            if not request.unassign and term["status"] == Status.STATUS_DEPRECATED:
                raise failed_precondition(
                    f"{request.term} is deprecated: it is kept for history, not assigned",
                    "TERM_DEPRECATED",
                )
            rows = {
                r["id"]: r
                for r in await conn.fetch(
                    "SELECT id, workspace, terms FROM catalog.assets WHERE id = ANY($1::text[])"
                    " ORDER BY id FOR UPDATE",
                    list(wanted),
                )
            }
            collect(
                FieldViolation(f"assets[{index}]", "no such asset")
                for asset_id, index in wanted.items()
                if asset_id not in rows
                or A.asset_name(rows[asset_id]["workspace"], asset_id) != request.assets[index]
            )
            edits: dict[str, dict[str, Any]] = {}
            for asset_id, row in rows.items():
                terms = list(row["terms"])
                if request.unassign and request.term in terms:
                    edits[asset_id] = {"terms": [t for t in terms if t != request.term]}
                elif not request.unassign and request.term not in terms:
                    edits[asset_id] = {"terms": [*terms, request.term]}
            await AssetWriter(conn, actor).write(edits)
        return catalog_pb2.AssignGlossaryTermResponse(changed_count=len(edits))


async def _forget_terms(conn: Connection, names: list[str], actor: str) -> None:
    """After terms are deleted: unassigns them (assets lose what they carried) and drops
    them from other terms' related terms."""
    if not names:
        return
    holders = await conn.fetch(
        "SELECT id, terms FROM catalog.assets WHERE terms && $1::text[] AND terms <> '{}'"
        " ORDER BY id FOR UPDATE",
        names,
    )
    gone = set(names)
    await AssetWriter(conn, actor).write(
        {r["id"]: {"terms": [t for t in r["terms"] if t not in gone]} for r in holders}
    )
    await conn.execute(
        "UPDATE catalog.glossary_terms SET related_terms = ARRAY(SELECT r FROM"
        " unnest(related_terms) WITH ORDINALITY AS u(r, n) WHERE r <> ALL($1::text[])"
        " ORDER BY n), version = version + 1, update_time = now()"
        " WHERE related_terms && $1::text[]",
        names,
    )
