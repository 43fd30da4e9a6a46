"""Waivers: time-boxed exceptions to a rule, in force only once a second person approves.

A waiver names a policy, optionally one rule, and one asset or a scope (a data source
or an asset subtree); one asked for from a violation takes those from it, so it keeps
covering the same check if the violation is resolved and found again. An approved
waiver covers every live violation it matches: they show as WAIVED and count as passed
in scores. Coverage is recomputed whenever it can change (approval, revocation, a
change sending the waiver back for approval, expiry, every evaluation), and expiry is
checked before every read, so an expired waiver never covers anything, evaluation or
not.

Two-person rule: the requester can never approve their own waiver.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
from google.protobuf import empty_pb2

from pursight.compliance.v1 import compliance_pb2
from services.compliance.rules import scope_pattern
from services.runtime.context import current_principal
from services.runtime.convert import etag, parse_etag, timestamp
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

State = compliance_pb2.Waiver.State
WORKSPACE = "workspaces/{workspace}"
WAIVER = "workspaces/{workspace}/waivers/{waiver}"
VIOLATION = "workspaces/{workspace}/violations/{violation}"
POLICY = "workspaces/{workspace}/policies/{policy}"
ASSET = "workspaces/{workspace}/assets/{asset}"
MAX_AHEAD = timedelta(days=366)
MAX_TEXT = 4000
_SELECT = (
    "SELECT w.*, (SELECT count(*) FROM compliance.violations v WHERE v.workspace = w.workspace"
    " AND v.waiver = w.id AND v.status = 2) AS covered FROM compliance.waivers w"
)


async def apply_waivers(conn: Queryable, workspace_id: str) -> None:
    """Expires waivers past their time, then points every live violation of the
    workspace at the approved waiver covering it (the one lasting longest), or none."""
    await conn.execute(
        "UPDATE compliance.waivers SET state = $2, update_time = now(), version = version + 1"
        " WHERE workspace = $1 AND state = ANY($3::smallint[]) AND expire_time <= now()",
        workspace_id,
        State.STATE_EXPIRED,
        [State.STATE_PENDING, State.STATE_APPROVED],
    )
    await conn.execute(
        """
        WITH live AS (
            SELECT v.id, (
                SELECT w.id FROM compliance.waivers w
                WHERE w.workspace = v.workspace AND w.state = $2 AND w.expire_time > now()
                  AND w.policy_id = v.policy_id AND (w.rule_id = '' OR w.rule_id = v.rule_id)
                  AND ((w.asset <> '' AND w.asset = v.asset)
                       OR (w.scope <> '' AND (w.scope = v.data_source OR w.scope = v.asset
                                              OR w.scope = ANY(v.ancestors))))
                ORDER BY w.expire_time DESC, w.id LIMIT 1
            ) AS waiver
            FROM compliance.violations v WHERE v.workspace = $1 AND v.status IN (1, 2)
        )
        UPDATE compliance.violations v
        SET status = CASE WHEN live.waiver IS NULL THEN 1 ELSE 2 END,
            waiver = coalesce(live.waiver, '')
        FROM live
        WHERE v.workspace = $1 AND v.id = live.id
          AND (v.status, v.waiver) IS DISTINCT FROM
              (CASE WHEN live.waiver IS NULL THEN 1 ELSE 2 END, coalesce(live.waiver, ''))
        """,
        workspace_id,
        State.STATE_APPROVED,
    )


async def expire_due(conn: Queryable, workspace_id: str) -> None:
    """Before a read: if a waiver has just run out, its violations open again now."""
    due = await conn.fetchval(
        "SELECT 1 FROM compliance.waivers WHERE workspace = $1"
        " AND state = ANY($2::smallint[]) AND expire_time <= now() LIMIT 1",
        workspace_id,
        [State.STATE_PENDING, State.STATE_APPROVED],
    )
    if due:
        await apply_waivers(conn, workspace_id)


def to_message(row: asyncpg.Record) -> compliance_pb2.Waiver:
    ws = row["workspace"]
    waiver = compliance_pb2.Waiver(
        name=f"workspaces/{ws}/waivers/{row['id']}",
        violation=f"workspaces/{ws}/violations/{row['violation_id']}"
        if row["violation_id"]
        else "",
        policy=f"workspaces/{ws}/policies/{row['policy_id']}",
        rule_id=row["rule_id"],
        asset=row["asset"],
        scope=row["scope"],
        justification=row["justification"],
        expire_time=timestamp(row["expire_time"]),
        state=row["state"],
        requester=row["requester"],
        approver=row["approver"],
        decision_comment=row["decision_comment"],
        covered_violation_count=row["covered"],
        create_time=timestamp(row["create_time"]),
        update_time=timestamp(row["update_time"]),
        etag=etag(row["version"]),
    )
    if row["decision_time"] is not None:
        waiver.decision_time.CopyFrom(timestamp(row["decision_time"]))
    return waiver


def _check_text(waiver: compliance_pb2.Waiver, paths: set[str]) -> list[FieldViolation]:
    problems: list[FieldViolation] = []
    if "justification" in paths and not 1 <= len(waiver.justification.strip()) <= MAX_TEXT:
        problems.append(
            FieldViolation("waiver.justification", f"must be 1-{MAX_TEXT} characters: say why")
        )
    if "expire_time" in paths:
        if not waiver.HasField("expire_time"):
            problems.append(FieldViolation("waiver.expire_time", "is required"))
        else:
            expires = waiver.expire_time.ToDatetime(tzinfo=UTC)
            now = datetime.now(UTC)
            if expires <= now:
                problems.append(FieldViolation("waiver.expire_time", "must be in the future"))
            elif expires > now + MAX_AHEAD:
                problems.append(
                    FieldViolation("waiver.expire_time", "must be at most one year ahead")
                )
    return problems


class Waivers:
    """The waiver methods of ComplianceService."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def _row(self, conn: Queryable, name: str, lock: bool = False) -> asyncpg.Record:
        ids = parse_name(name, WAIVER)
        row = await conn.fetchrow(
            f"{_SELECT} WHERE w.workspace = $1 AND w.id = $2"
            + (" FOR UPDATE OF w" if lock else ""),
            ids["workspace"],
            ids["waiver"],
        )
        if row is None:
            raise not_found("Waiver", name)
        return row

    async def _target(
        self, conn: Connection, ws: str, waiver: compliance_pb2.Waiver
    ) -> tuple[str, str, str, str, str]:
        """(violation id, policy id, rule id, asset, scope) the waiver is for, checked."""
        workspace = f"workspaces/{ws}"
        violation_id = ""
        policy, rule_id, asset, scope = waiver.policy, waiver.rule_id, waiver.asset, waiver.scope
        if waiver.violation:
            ids = parse_name(waiver.violation, VIOLATION, "waiver.violation")
            if ids["workspace"] != ws:
                raise bad_field("waiver.violation", f"must be a violation of {workspace}")
            row = await conn.fetchrow(
                "SELECT policy_id, rule_id, asset FROM compliance.violations"
                " WHERE workspace = $1 AND id = $2",
                ws,
                ids["violation"],
            )
            if row is None:
                raise not_found("Violation", waiver.violation)
            from_violation = (
                f"{workspace}/policies/{row['policy_id']}",
                row["rule_id"],
                row["asset"],
            )
            for field, given, known in zip(
                ("policy", "rule_id", "asset"),
                (policy, rule_id, asset),
                from_violation,
                strict=True,
            ):
                if given and given != known:
                    raise bad_field(f"waiver.{field}", f"must be {known!r}, as in the violation")
            if scope:
                raise bad_field("waiver.scope", "must be empty when waiving one violation")
            violation_id = ids["violation"]
            policy, rule_id, asset = from_violation
        if not policy:
            raise bad_field("waiver.policy", "is required (or set waiver.violation)")
        policy_ids = parse_name(policy, POLICY, "waiver.policy")
        if policy_ids["workspace"] != ws:
            raise bad_field("waiver.policy", f"must be a policy of {workspace}")
        rules = await conn.fetchval(
            "SELECT rules FROM compliance.policies WHERE workspace = $1 AND id = $2",
            ws,
            policy_ids["policy"],
        )
        if rules is None:
            raise not_found("Policy", policy)
        if rule_id and rule_id not in {r.get("id") for r in rules}:
            raise bad_field("waiver.rule_id", f"{policy} has no rule {rule_id!r}")
        if bool(asset) == bool(scope):
            raise bad_field("waiver.asset", "set exactly one of waiver.asset and waiver.scope")
        if asset:
            if parse_name(asset, ASSET, "waiver.asset")["workspace"] != ws:
                raise bad_field("waiver.asset", f"must be an asset of {workspace}")
        elif not scope_pattern(workspace).match(scope):
            raise bad_field("waiver.scope", f"must be a data source or an asset of {workspace}")
        return violation_id, policy_ids["policy"], rule_id, asset, scope

    async def create(self, request: compliance_pb2.CreateWaiverRequest) -> compliance_pb2.Waiver:
        ws = parse_name(request.parent, WORKSPACE, "parent")["workspace"]
        waiver = request.waiver
        collect(_check_text(waiver, {"justification", "expire_time"}))
        waiver_id = check_id(request.waiver_id, "waiver_id") if request.waiver_id else new_id()
        check_request_id(request.request_id)
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "compliance", request.request_id)
            if known:
                return to_message(await self._row(conn, known))
            target = await self._target(conn, ws, waiver)
            try:
                await conn.execute(
                    "INSERT INTO compliance.waivers (workspace, id, violation_id, policy_id,"
                    " rule_id, asset, scope, justification, expire_time, state, requester)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    ws,
                    waiver_id,
                    *target,
                    waiver.justification.strip(),
                    waiver.expire_time.ToDatetime(tzinfo=UTC),
                    State.STATE_PENDING,
                    current_principal().name,
                )
            except asyncpg.UniqueViolationError:
                raise already_exists("Waiver", f"{request.parent}/waivers/{waiver_id}") from None
            name = f"{request.parent}/waivers/{waiver_id}"
            await remember(conn, "compliance", request.request_id, name)
            return to_message(await self._row(conn, name))

    async def get(self, name: str) -> compliance_pb2.Waiver:
        ids = parse_name(name, WAIVER)
        await expire_due(self._pool, ids["workspace"])
        return to_message(await self._row(self._pool, name))

    async def list(
        self, request: compliance_pb2.ListWaiversRequest
    ) -> compliance_pb2.ListWaiversResponse:
        ws = parse_name(request.parent, WORKSPACE, "parent")["workspace"]
        size = page_size(request.page_size)
        before = (
            request.expire_before.ToDatetime(tzinfo=UTC)
            if request.HasField("expire_before")
            else None
        )
        filters = [
            request.parent,
            sorted(request.states),
            request.policy,
            request.violation,
            str(before),
        ]
        position = decode_token(request.page_token, filters)
        await expire_due(self._pool, ws)
        params: list[Any] = [ws]
        clauses = ["w.workspace = $1"]
        if position is not None:
            params += [_parse_time(position[0]), str(position[1])]
            clauses.append(f"(w.expire_time, w.id) > (${len(params) - 1}, ${len(params)})")
        if request.states:
            params.append(list(request.states))
            clauses.append(f"w.state = ANY(${len(params)}::smallint[])")
        if request.policy:
            params.append(parse_name(request.policy, POLICY, "policy")["policy"])
            clauses.append(f"w.policy_id = ${len(params)}")
        if request.violation:
            params.append(parse_name(request.violation, VIOLATION, "violation")["violation"])
            clauses.append(
                f"(w.violation_id = ${len(params)} OR w.id = (SELECT v.waiver FROM"  # noqa: S608 - fixed fragments; values are bound
                " compliance.violations v WHERE v.workspace = w.workspace"
                f" AND v.id = ${len(params)}))"
            )
        if before is not None:
            params.append(before)
            clauses.append(f"w.expire_time < ${len(params)}")
        params.append(size + 1)
        rows = await self._pool.fetch(
            f"{_SELECT} WHERE {' AND '.join(clauses)} ORDER BY w.expire_time, w.id"
            f" LIMIT ${len(params)}",
            *params,
        )
        response = compliance_pb2.ListWaiversResponse(waivers=[to_message(r) for r in rows[:size]])
        if len(rows) > size:
            last = rows[size - 1]
            response.next_page_token = encode_token(
                [last["expire_time"].isoformat(), last["id"]], filters
            )
        return response

    async def update(self, request: compliance_pb2.UpdateWaiverRequest) -> compliance_pb2.Waiver:
        waiver = request.waiver
        ids = parse_name(waiver.name, WAIVER, "waiver.name")
        paths = update_paths(request.update_mask, waiver, {"justification", "expire_time"})
        collect(_check_text(waiver, set(paths)))
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self._row(conn, waiver.name, lock=True)
            if waiver.etag and parse_etag(waiver.etag) != row["version"]:
                raise aborted_etag("Waiver", waiver.name)
            if row["state"] == State.STATE_REJECTED:
                raise failed_precondition(
                    f"{waiver.name} was rejected; ask for a new waiver instead", "WAIVER_REJECTED"
                )
            justification = (
                waiver.justification.strip() if "justification" in paths else row["justification"]
            )
            expires = (
                waiver.expire_time.ToDatetime(tzinfo=UTC)
                if "expire_time" in paths
                else row["expire_time"]
            )
            # Whatever changed, a second person must look again: back to PENDING.
            await conn.execute(
                "UPDATE compliance.waivers SET justification = $3, expire_time = $4, state = $5,"
                " approver = '', decision_comment = '', decision_time = NULL,"
                " update_time = now(), version = version + 1 WHERE workspace = $1 AND id = $2",
                ids["workspace"],
                ids["waiver"],
                justification,
                expires,
                State.STATE_PENDING,
            )
            await apply_waivers(conn, ids["workspace"])
            return to_message(await self._row(conn, waiver.name))

    async def delete(self, request: compliance_pb2.DeleteWaiverRequest) -> empty_pb2.Empty:
        ids = parse_name(request.name, WAIVER)
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self._row(conn, request.name, lock=True)
            if request.etag and parse_etag(request.etag) != row["version"]:
                raise aborted_etag("Waiver", request.name)
            await conn.execute(
                "DELETE FROM compliance.waivers WHERE workspace = $1 AND id = $2",
                ids["workspace"],
                ids["waiver"],
            )
            await apply_waivers(conn, ids["workspace"])
        return empty_pb2.Empty()

    async def decide(
        self, name: str, etag_value: str, comment: str, approve: bool
    ) -> compliance_pb2.Waiver:
        """ApproveWaiver and RejectWaiver: PENDING -> APPROVED or REJECTED, once."""
        ids = parse_name(name, WAIVER)
        if len(comment) > MAX_TEXT:
            raise bad_field("comment", f"must be at most {MAX_TEXT} characters")
        if not approve and not comment.strip():
            raise bad_field("comment", "is required: say why the waiver is rejected")
        principal = current_principal().name
        wanted = State.STATE_APPROVED if approve else State.STATE_REJECTED
        async with self._pool.acquire() as conn, conn.transaction():
            await apply_waivers(conn, ids["workspace"])
            row = await self._row(conn, name, lock=True)
            if etag_value and parse_etag(etag_value) != row["version"]:
                raise aborted_etag("Waiver", name)
            if row["state"] == wanted and row["approver"] == principal:
                return to_message(row)  # a retry of the same decision
            if approve and row["requester"] == principal:
                raise failed_precondition(
                    f"{principal} asked for {name} and so cannot approve it; another person"
                    " must (two-person rule)",
                    "SELF_APPROVAL",
                )
            if row["state"] != State.STATE_PENDING:
                state = State.Name(row["state"]).removeprefix("STATE_").lower()
                raise failed_precondition(f"{name} is {state}, not pending", "WAIVER_NOT_PENDING")
            await conn.execute(
                "UPDATE compliance.waivers SET state = $3, approver = $4, decision_comment = $5,"
                " decision_time = now(), update_time = now(), version = version + 1"
                " WHERE workspace = $1 AND id = $2",
                ids["workspace"],
                ids["waiver"],
                wanted,
                principal,
                comment.strip(),
            )
            await apply_waivers(conn, ids["workspace"])
            return to_message(await self._row(conn, name))


def _parse_time(text: object) -> datetime:
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        raise bad_field("page_token", "is not a token this service issued") from None
