"""Rule sets: which classifiers a scan applies, per workspace."""

from __future__ import annotations

from typing import Any

import asyncpg
from google.protobuf import empty_pb2

from pursight.classification.v1 import classification_pb2 as pb
from services.classification import store
from services.classification.classifiers import builtin
from services.classification.definitions import CLASSIFIER_NAME
from services.classification.selection import RuleSetFilter
from services.runtime.context import current_principal
from services.runtime.convert import parse_etag
from services.runtime.database import Connection, Queryable
from services.runtime.errors import (
    FieldViolation,
    aborted_etag,
    already_exists,
    collect,
    not_found,
)
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.names import check_id, new_id, parse_name, update_paths
from services.runtime.paging import decode_token, encode_token, page_size

WORKSPACE = "workspaces/{workspace}"
RULE_SET = "workspaces/{workspace}/ruleSets/{rule_set}"
UPDATABLE = set(store.RULE_SET_FIELDS)


async def check_references(
    conn: Queryable, workspace: str, names: list[str], field: str
) -> list[FieldViolation]:
    """Each name must be a built-in or a custom classifier of this workspace."""
    violations: list[FieldViolation] = []
    for index, name in enumerate(names):
        path = f"{field}[{index}]"
        if not CLASSIFIER_NAME.match(name):
            violations.append(FieldViolation(path, "must be a classifier resource name"))
        elif name.startswith("classifiers/"):
            if builtin(name.removeprefix("classifiers/")) is None:
                violations.append(FieldViolation(path, f"no built-in classifier {name}"))
        else:
            ids = parse_name(name, "workspaces/{workspace}/classifiers/{classifier}", path)
            if ids["workspace"] != workspace:
                violations.append(FieldViolation(path, "must belong to the same workspace"))
            elif await store.fetch(conn, "classifiers", workspace, ids["classifier"]) is None:
                violations.append(FieldViolation(path, f"no classifier {name}"))
    return violations


async def check_rule_set(
    conn: Queryable, workspace: str, rule_set: pb.RuleSet, paths: set[str]
) -> None:
    violations: list[FieldViolation] = []
    if "display_name" in paths and not 1 <= len(rule_set.display_name.strip()) <= 200:
        violations.append(FieldViolation("rule_set.display_name", "must be 1-200 characters"))
    if "description" in paths and len(rule_set.description) > 4000:
        violations.append(FieldViolation("rule_set.description", "at most 4000 characters"))
    if "categories" in paths:
        for index, category in enumerate(rule_set.categories):
            if category not in pb.Category.values() or category == pb.CATEGORY_UNSPECIFIED:
                violations.append(FieldViolation(f"rule_set.categories[{index}]", "unknown"))
    if "min_confidence" in paths and not 0.0 <= rule_set.min_confidence <= 1.0:
        violations.append(FieldViolation("rule_set.min_confidence", "must be between 0 and 1"))
    for field in ("classifiers", "excluded_classifiers"):
        if field in paths:
            names = list(getattr(rule_set, field))
            violations += await check_references(conn, workspace, names, f"rule_set.{field}")
    collect(violations)


def rule_set_values(rule_set: pb.RuleSet) -> dict[str, Any]:
    return {
        "display_name": rule_set.display_name.strip(),
        "description": rule_set.description,
        "classifiers": list(dict.fromkeys(rule_set.classifiers)),
        "excluded_classifiers": list(dict.fromkeys(rule_set.excluded_classifiers)),
        "categories": sorted(set(rule_set.categories)),
        "min_confidence": rule_set.min_confidence,
        "workspace_default": rule_set.workspace_default,
    }


def rule_set_filter(row: asyncpg.Record | None) -> RuleSetFilter:
    if row is None:
        return RuleSetFilter()
    return RuleSetFilter(
        classifiers=frozenset(row["classifiers"]),
        excluded=frozenset(row["excluded_classifiers"]),
        categories=frozenset(row["categories"]),
        min_confidence=row["min_confidence"],
    )


async def _clear_default(conn: Connection, workspace: str, keep: str) -> None:
    await conn.execute(
        "UPDATE classification.rule_sets SET workspace_default = false,"
        " version = version + 1, update_time = now()"
        " WHERE workspace_id = $1 AND workspace_default AND id <> $2",
        workspace,
        keep,
    )


class RuleSetHandlers:
    """The rule set RPCs, mixed into the servicer."""

    _pool: Any

    async def _workspace_exists(self, name: str) -> None:  # provided by the servicer
        raise NotImplementedError

    async def CreateRuleSet(self, request: pb.CreateRuleSetRequest, context: Any) -> pb.RuleSet:
        workspace = parse_name(request.parent, WORKSPACE, "parent")["workspace"]
        rule_set_id = (
            check_id(request.rule_set_id, "rule_set_id") if request.rule_set_id else new_id()
        )
        check_request_id(request.request_id)
        await self._workspace_exists(request.parent)
        name = f"{request.parent}/ruleSets/{rule_set_id}"
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "classification", request.request_id)
            if known:
                return await self._rule_set(conn, known)
            await check_rule_set(conn, workspace, request.rule_set, set(store.RULE_SET_FIELDS))
            if request.rule_set.workspace_default:
                await _clear_default(conn, workspace, rule_set_id)
            try:
                row = await store.insert(
                    conn,
                    "rule_sets",
                    workspace,
                    rule_set_id,
                    rule_set_values(request.rule_set),
                    current_principal().name,
                )
            except asyncpg.UniqueViolationError as exc:
                taken = request.rule_set.display_name if "display_name" in str(exc) else name
                raise already_exists("RuleSet", taken) from None
            await remember(conn, "classification", request.request_id, name)
        return store.row_rule_set(row)

    async def _rule_set(self, conn: Queryable, name: str) -> pb.RuleSet:
        ids = parse_name(name, RULE_SET)
        row = await store.fetch(conn, "rule_sets", ids["workspace"], ids["rule_set"])
        if row is None:
            raise not_found("RuleSet", name)
        return store.row_rule_set(row)

    async def GetRuleSet(self, request: pb.GetRuleSetRequest, context: Any) -> pb.RuleSet:
        return await self._rule_set(self._pool, request.name)

    async def ListRuleSets(
        self, request: pb.ListRuleSetsRequest, context: Any
    ) -> pb.ListRuleSetsResponse:
        workspace = parse_name(request.parent, WORKSPACE, "parent")["workspace"]
        size = page_size(request.page_size)
        after = decode_token(request.page_token, request.parent) or [False, "", ""]
        rows = await self._pool.fetch(
            "SELECT * FROM classification.rule_sets WHERE workspace_id = $1"
            " AND (NOT workspace_default, lower(display_name), id) > ($2::boolean, $3, $4)"
            " ORDER BY NOT workspace_default, lower(display_name), id LIMIT $5",
            workspace,
            *after,
            size + 1,
        )
        response = pb.ListRuleSetsResponse(rule_sets=[store.row_rule_set(r) for r in rows[:size]])
        if len(rows) > size:
            last = rows[size - 1]
            position = [not last["workspace_default"], last["display_name"].lower(), last["id"]]
            response.next_page_token = encode_token(position, request.parent)
        return response

    async def UpdateRuleSet(self, request: pb.UpdateRuleSetRequest, context: Any) -> pb.RuleSet:
        rule_set = request.rule_set
        ids = parse_name(rule_set.name, RULE_SET, "rule_set.name")
        paths = update_paths(request.update_mask, rule_set, UPDATABLE)
        async with self._pool.acquire() as conn, conn.transaction():
            row = await store.fetch(conn, "rule_sets", ids["workspace"], ids["rule_set"], lock=True)
            if row is None:
                raise not_found("RuleSet", rule_set.name)
            if rule_set.etag and parse_etag(rule_set.etag) != row["version"]:
                raise aborted_etag("RuleSet", rule_set.name)
            await check_rule_set(conn, ids["workspace"], rule_set, set(paths))
            values = rule_set_values(rule_set)
            if "workspace_default" in paths and rule_set.workspace_default:
                await _clear_default(conn, ids["workspace"], ids["rule_set"])
            try:
                row = await store.update(
                    conn,
                    "rule_sets",
                    ids["workspace"],
                    ids["rule_set"],
                    {p: values[p] for p in paths},
                )
            except asyncpg.UniqueViolationError:
                raise already_exists("RuleSet", rule_set.display_name) from None
        return store.row_rule_set(row)

    async def DeleteRuleSet(
        self, request: pb.DeleteRuleSetRequest, context: Any
    ) -> empty_pb2.Empty:
        # Scans are not yet able to reference rule sets (the scan service is not built),
        # so no scan can be using one and `force` has nothing to override yet.
        ids = parse_name(request.name, RULE_SET)
        async with self._pool.acquire() as conn, conn.transaction():
            row = await store.fetch(conn, "rule_sets", ids["workspace"], ids["rule_set"], lock=True)
            if row is None:
                raise not_found("RuleSet", request.name)
            if request.etag and parse_etag(request.etag) != row["version"]:
                raise aborted_etag("RuleSet", request.name)
            await conn.execute(
                "DELETE FROM classification.rule_sets WHERE workspace_id = $1 AND id = $2",
                ids["workspace"],
                ids["rule_set"],
            )
        return empty_pb2.Empty()
