"""Policies: create (optionally from a framework pack), read, list, update, delete.

A policy is checked in full before it is saved (``rules.compile_policy``); its problems
come back as INVALID_ARGUMENT field violations named from the request
(``policy.rules[2].require.fact.fact``), with the line and column for expressions.
Disabling or deleting a policy, or removing or disabling a rule, resolves the
violations it had opened at once rather than at the next evaluation.
"""

from __future__ import annotations

import re
from typing import Any

import asyncpg
import grpc
from google.protobuf import empty_pb2, json_format

from pursight.compliance.v1 import compliance_pb2
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.compliance import packs
from services.compliance.problems import Problem
from services.compliance.results import retire, set_framework
from services.compliance.rules import CompiledPolicy, compile_policy, framework_id, rule_enabled
from services.runtime.context import current_principal
from services.runtime.convert import etag, parse_etag, timestamp
from services.runtime.database import Queryable
from services.runtime.errors import (
    FieldViolation,
    ServiceError,
    aborted_etag,
    already_exists,
    bad_field,
    invalid_argument,
    not_found,
)
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.names import check_id, new_id, parse_name, update_paths
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.service import Runtime

WORKSPACE = "workspaces/{workspace}"
POLICY = "workspaces/{workspace}/policies/{policy}"
UPDATABLE = {"display_name", "description", "framework", "rules", "scopes", "enabled", "labels"}
_SELECT = (
    "SELECT p.*, (SELECT count(*) FROM compliance.violations v WHERE v.workspace = p.workspace"
    " AND v.policy_id = p.id AND v.status = 1) AS open_violations FROM compliance.policies p"
)


def _rules_json(rules: Any) -> list[dict[str, Any]]:
    return [json_format.MessageToDict(r, preserving_proto_field_name=True) for r in rules]


def to_message(row: asyncpg.Record) -> compliance_pb2.Policy:
    policy = compliance_pb2.Policy(
        name=f"workspaces/{row['workspace']}/policies/{row['id']}",
        display_name=row["display_name"],
        description=row["description"],
        framework=f"frameworks/{row['framework']}" if row["framework"] else "",
        scopes=row["scopes"],
        enabled=row["enabled"],
        source_pack_version=row["source_pack_version"],
        labels=row["labels"],
        open_violation_count=row["open_violations"],
        creator=row["creator"],
        create_time=timestamp(row["create_time"]),
        update_time=timestamp(row["update_time"]),
        etag=etag(row["version"]),
    )
    for rule in row["rules"]:
        policy.rules.append(json_format.ParseDict(rule, compliance_pb2.Rule()))
    return policy


def problems_error(problems: list[Problem], prefix: str) -> ServiceError:
    """INVALID_ARGUMENT naming every problem's field under ``prefix``."""
    violations = []
    for p in problems:
        where = f"line {p.line}, column {p.column}: " if p.line else ""
        violations.append(FieldViolation(f"{prefix}{p.field}", where + p.message))
    return invalid_argument(*violations)


def _slug(display_name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", display_name.lower()).strip("-")[:55].strip("-")
    return slug or new_id()


def _keep_origin(rule: compliance_pb2.Rule) -> None:
    """``origin`` is output only: kept when it names a real pack rule, else cleared."""
    framework, _, rule_id = rule.origin.partition("#")
    pack = packs.get(framework_id(framework)) if framework.startswith("frameworks/") else None
    if pack is None or rule_id not in {r.id for r in pack.rules}:
        rule.ClearField("origin")


async def ensure_workspace(runtime: Runtime, parent: str) -> None:
    """Asks the workspace service, as the caller, whether ``parent`` exists."""
    stub = runtime.clients.stub("workspace", workspace_pb2_grpc.WorkspaceServiceStub)
    try:
        await stub.GetWorkspace(workspace_pb2.GetWorkspaceRequest(name=parent))
    except grpc.aio.AioRpcError as exc:
        code = exc.code()
        if code == grpc.StatusCode.NOT_FOUND:
            raise not_found("Workspace", parent) from None
        if code != grpc.StatusCode.UNIMPLEMENTED:
            raise ServiceError(code, exc.details() or code.name, reason=code.name) from None


class Policies:
    """The policy methods of ComplianceService."""

    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._pool = runtime.db.primary

    async def row(
        self, conn: Queryable, name: str, field: str = "name", lock: bool = False
    ) -> asyncpg.Record:
        ids = parse_name(name, POLICY, field)
        row = await conn.fetchrow(
            f"{_SELECT} WHERE p.workspace = $1 AND p.id = $2"
            + (" FOR UPDATE OF p" if lock else ""),
            ids["workspace"],
            ids["policy"],
        )
        if row is None:
            raise not_found("Policy", name)
        return row

    async def compiled(
        self,
        workspace_id: str,
        policy_ids: list[str],
        frameworks: list[str],
        *,
        enabled_only: bool = True,
    ) -> list[CompiledPolicy]:
        """The policies of a workspace, compiled, narrowed to ``policy_ids`` and
        ``frameworks`` (ids) when given; only enabled ones unless told otherwise."""
        rows = await self._pool.fetch(
            f"{_SELECT} WHERE p.workspace = $1 AND (p.enabled OR NOT $4)"
            " AND (cardinality($2::text[]) = 0 OR p.id = ANY($2::text[]))"
            " AND (cardinality($3::text[]) = 0 OR p.framework = ANY($3::text[]))"
            " ORDER BY p.id",
            workspace_id,
            policy_ids,
            frameworks,
            enabled_only,
        )
        compiled: list[CompiledPolicy] = []
        for row in rows:
            policy = to_message(row)
            problems, done = compile_policy(policy, f"workspaces/{workspace_id}")
            if done is None:  # saved policies were valid; a pack or fact change broke one
                raise problems_error(problems, f"{policy.name}: ")
            compiled.append(done)
        return compiled

    async def create(self, request: compliance_pb2.CreatePolicyRequest) -> compliance_pb2.Policy:
        ws = parse_name(request.parent, WORKSPACE, "parent")["workspace"]
        policy = compliance_pb2.Policy()
        policy.CopyFrom(request.policy)
        for rule in policy.rules:
            _keep_origin(rule)
        policy.ClearField("source_pack_version")
        if request.from_framework_pack:
            pack = packs.get(framework_id(policy.framework)) if policy.framework else None
            if pack is None:
                raise bad_field(
                    "policy.framework",
                    "must name a framework ("
                    + ", ".join(f"frameworks/{i}" for i in packs.ids())
                    + ") with from_framework_pack",
                )
            if not policy.rules:
                for pack_rule in pack.rules:
                    copied = policy.rules.add()
                    copied.CopyFrom(pack_rule)
                    copied.origin = f"{pack.name}#{pack_rule.id}"
                policy.source_pack_version = pack.pack_version
        if not policy.HasField("enabled"):
            policy.enabled = True
        policy_id = (
            check_id(request.policy_id, "policy_id")
            if request.policy_id
            else _slug(policy.display_name)
        )
        policy.name = f"{request.parent}/policies/{policy_id}"
        problems, _ = compile_policy(policy, request.parent)
        if problems:
            raise problems_error(problems, "policy.")
        check_request_id(request.request_id)
        creator = current_principal().name
        if request.validate_only:
            policy.creator = creator
            return policy
        await ensure_workspace(self._rt, request.parent)
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "compliance", request.request_id)
            if known:
                return to_message(await self.row(conn, known))
            if not request.policy_id and await conn.fetchval(
                "SELECT 1 FROM compliance.policies WHERE workspace = $1 AND id = $2", ws, policy_id
            ):
                policy_id = f"{policy_id[:58]}-{new_id()[:4]}"
                policy.name = f"{request.parent}/policies/{policy_id}"
            try:
                await conn.execute(
                    "INSERT INTO compliance.policies (workspace, id, display_name, description,"
                    " framework, rules, scopes, enabled, source_pack_version, labels, creator)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    ws,
                    policy_id,
                    policy.display_name.strip(),
                    policy.description,
                    framework_id(policy.framework),
                    _rules_json(policy.rules),
                    list(policy.scopes),
                    policy.enabled,
                    policy.source_pack_version,
                    dict(policy.labels),
                    creator,
                )
            except asyncpg.UniqueViolationError as exc:
                if "display_name" in str(exc):
                    raise already_exists("Policy", policy.display_name) from None
                raise already_exists("Policy", policy.name) from None
            await remember(conn, "compliance", request.request_id, policy.name)
            return to_message(await self.row(conn, policy.name))

    async def get(self, name: str) -> compliance_pb2.Policy:
        return to_message(await self.row(self._pool, name))

    async def list(
        self, request: compliance_pb2.ListPoliciesRequest
    ) -> compliance_pb2.ListPoliciesResponse:
        ws = parse_name(request.parent, WORKSPACE, "parent")["workspace"]
        size = page_size(request.page_size)
        framework = framework_id(request.framework)
        if request.framework and packs.get(framework) is None:
            raise bad_field("framework", f"unknown framework {request.framework!r}")
        filters = [request.parent, framework, request.enabled_only]
        position = decode_token(request.page_token, filters) or ["", ""]
        where = "p.workspace = $1 AND ($2 = '' OR p.framework = $2) AND (NOT $3 OR p.enabled)"
        rows = await self._pool.fetch(
            f"{_SELECT} WHERE {where} AND (lower(p.display_name), p.id) > ($4, $5)"
            " ORDER BY lower(p.display_name), p.id LIMIT $6",
            ws,
            framework,
            request.enabled_only,
            str(position[0]),
            str(position[1]),
            size + 1,
        )
        total = await self._pool.fetchval(
            f"SELECT count(*) FROM compliance.policies p WHERE {where}",  # noqa: S608 - fixed fragment
            ws,
            framework,
            request.enabled_only,
        )
        response = compliance_pb2.ListPoliciesResponse(
            policies=[to_message(r) for r in rows[:size]], total_size=total
        )
        if len(rows) > size:
            last = rows[size - 1]
            response.next_page_token = encode_token(
                [last["display_name"].lower(), last["id"]], filters
            )
        return response

    async def update(self, request: compliance_pb2.UpdatePolicyRequest) -> compliance_pb2.Policy:
        given = request.policy
        ids = parse_name(given.name, POLICY, "policy.name")
        paths = update_paths(request.update_mask, given, UPDATABLE)
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self.row(conn, given.name, "policy.name", lock=True)
            if given.etag and parse_etag(given.etag) != row["version"]:
                raise aborted_etag("Policy", given.name)
            before = to_message(row)
            after = compliance_pb2.Policy()
            after.CopyFrom(before)
            for path in paths:
                after.ClearField(path)
                if path == "enabled":
                    after.enabled = given.enabled if given.HasField("enabled") else True
                elif path in ("rules", "scopes"):
                    getattr(after, path).extend(getattr(given, path))
                elif path == "labels":
                    after.labels.update(given.labels)
                else:
                    setattr(after, path, getattr(given, path))
            if "rules" in paths:
                for rule in after.rules:
                    _keep_origin(rule)
            problems, _ = compile_policy(after, f"workspaces/{ids['workspace']}")
            if problems:
                raise problems_error(problems, "policy.")
            if request.validate_only:
                return after
            try:
                await conn.execute(
                    "UPDATE compliance.policies SET display_name = $3, description = $4,"
                    " framework = $5, rules = $6, scopes = $7, enabled = $8, labels = $9,"
                    " version = version + 1, update_time = now()"
                    " WHERE workspace = $1 AND id = $2",
                    ids["workspace"],
                    ids["policy"],
                    after.display_name.strip(),
                    after.description,
                    framework_id(after.framework),
                    _rules_json(after.rules),
                    list(after.scopes),
                    after.enabled,
                    dict(after.labels),
                )
            except asyncpg.UniqueViolationError:
                raise already_exists("Policy", after.display_name) from None
            await self._settle(conn, ids["workspace"], ids["policy"], before, after)
            return to_message(await self.row(conn, given.name))

    async def _settle(
        self,
        conn: Any,
        ws: str,
        policy_id: str,
        before: compliance_pb2.Policy,
        after: compliance_pb2.Policy,
    ) -> None:
        """Resolves what a change made moot: a disabled policy's violations, and those of
        rules removed or disabled."""
        if not after.enabled:
            if before.enabled:
                await retire(conn, ws, policy_id, "the policy was disabled")
            return
        live = {r.id for r in after.rules if rule_enabled(r)}
        gone = [r.id for r in before.rules if r.id not in live]
        if gone:
            await retire(conn, ws, policy_id, "the rule was removed or disabled", gone)
        if before.framework != after.framework:
            await set_framework(conn, ws, policy_id, framework_id(after.framework))

    async def delete(self, request: compliance_pb2.DeletePolicyRequest) -> empty_pb2.Empty:
        ids = parse_name(request.name, POLICY)
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self.row(conn, request.name, lock=True)
            if request.etag and parse_etag(request.etag) != row["version"]:
                raise aborted_etag("Policy", request.name)
            await retire(conn, ids["workspace"], ids["policy"], "the policy was deleted")
            await conn.execute(
                "DELETE FROM compliance.waivers WHERE workspace = $1 AND policy_id = $2",
                ids["workspace"],
                ids["policy"],
            )
            await conn.execute(
                "DELETE FROM compliance.policies WHERE workspace = $1 AND id = $2",
                ids["workspace"],
                ids["policy"],
            )
        return empty_pb2.Empty()
