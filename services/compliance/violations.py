"""Reading violations: one, or a filtered page, most severe and most recent first.

Waivers that ran out since the last write are expired before every read, so a listing
never shows a violation as WAIVED by a waiver no longer in force.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg
from google.protobuf import struct_pb2

from pursight.compliance.v1 import compliance_pb2
from services.compliance import packs
from services.compliance.scores import scope_sql
from services.compliance.waivers import expire_due
from services.runtime.convert import timestamp
from services.runtime.errors import bad_field, not_found
from services.runtime.names import parse_name
from services.runtime.paging import decode_token, encode_token, page_size

Status = compliance_pb2.Violation.Status
WORKSPACE = "workspaces/{workspace}"
VIOLATION = "workspaces/{workspace}/violations/{violation}"
POLICY = "workspaces/{workspace}/policies/{policy}"
# order_by -> the key columns, all descending, ending with the id.
ORDERS = {
    "": ("severity", "last_seen_time"),
    "severity desc, last_seen_time desc": ("severity", "last_seen_time"),
    "first_seen_time desc": ("first_seen_time",),
    "last_seen_time desc": ("last_seen_time",),
}


def to_message(row: asyncpg.Record) -> compliance_pb2.Violation:
    ws = row["workspace"]
    facts = struct_pb2.Struct()
    facts.update(row["facts"])
    violation = compliance_pb2.Violation(
        name=f"workspaces/{ws}/violations/{row['id']}",
        policy=f"workspaces/{ws}/policies/{row['policy_id']}",
        rule_id=row["rule_id"],
        rule_display_name=row["rule_display_name"],
        framework=f"frameworks/{row['framework']}" if row["framework"] else "",
        controls=row["controls"],
        severity=row["severity"],
        asset=row["asset"],
        asset_qualified_name=row["asset_qualified_name"],
        asset_type=row["asset_type"],
        data_source=row["data_source"],
        reason=row["reason"],
        remediation=row["remediation"],
        facts=facts,
        status=row["status"],
        waiver=f"workspaces/{ws}/waivers/{row['waiver']}" if row["waiver"] else "",
        resolution=row["resolution"],
        first_seen_time=timestamp(row["first_seen_time"]),
        last_seen_time=timestamp(row["last_seen_time"]),
        last_evaluation=(
            f"workspaces/{ws}/evaluations/{row['last_evaluation']}"
            if row["last_evaluation"]
            else ""
        ),
    )
    if row["resolve_time"] is not None:
        violation.resolve_time.CopyFrom(timestamp(row["resolve_time"]))
    return violation


class Violations:
    """GetViolation and ListViolations."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, name: str) -> compliance_pb2.Violation:
        ids = parse_name(name, VIOLATION)
        await expire_due(self._pool, ids["workspace"])
        row = await self._pool.fetchrow(
            "SELECT * FROM compliance.violations WHERE workspace = $1 AND id = $2",
            ids["workspace"],
            ids["violation"],
        )
        if row is None:
            raise not_found("Violation", name)
        return to_message(row)

    def _filters(
        self, ws: str, request: compliance_pb2.ListViolationsRequest
    ) -> tuple[list[str], list[Any]]:
        params: list[Any] = [ws, list(request.statuses) or [Status.STATUS_OPEN]]
        clauses = ["v.workspace = $1", "v.status = ANY($2::smallint[])"]

        def add(clause: str, value: Any) -> None:
            params.append(value)
            clauses.append(clause.replace("$?", f"${len(params)}"))

        if request.severities:
            add("v.severity = ANY($?::smallint[])", list(request.severities))
        if request.framework:
            framework = request.framework.removeprefix("frameworks/")
            if packs.get(framework) is None or not request.framework.startswith("frameworks/"):
                raise bad_field("framework", f"unknown framework {request.framework!r}")
            add("v.framework = $?", framework)
        if request.policy:
            ids = parse_name(request.policy, POLICY, "policy")
            if ids["workspace"] != ws:
                raise bad_field("policy", f"must be a policy of workspaces/{ws}")
            add("v.policy_id = $?", ids["policy"])
        if request.rule_id:
            if not request.policy:
                raise bad_field("rule_id", "needs `policy`: rule ids are unique per policy")
            add("v.rule_id = $?", request.rule_id)
        if request.asset:
            add("v.asset = $?", request.asset)
        if request.scope:
            params.append(request.scope)
            clauses.append(scope_sql("v", f"${len(params)}"))
        return clauses, params

    async def list(
        self, request: compliance_pb2.ListViolationsRequest
    ) -> compliance_pb2.ListViolationsResponse:
        ws = parse_name(request.parent, WORKSPACE, "parent")["workspace"]
        size = page_size(request.page_size)
        order = ORDERS.get(request.order_by.strip().lower())
        if order is None:
            raise bad_field("order_by", "must be one of: " + ", ".join(o for o in ORDERS if o))
        await expire_due(self._pool, ws)
        clauses, params = self._filters(ws, request)
        total = await self._pool.fetchval(
            f"SELECT count(*) FROM compliance.violations v WHERE {' AND '.join(clauses)}",  # noqa: S608 - fixed fragments, bound values
            *params,
        )
        key = [f"v.{c}" for c in (*order, "id")]
        filters = [
            request.parent,
            sorted(request.statuses),
            sorted(request.severities),
            request.framework,
            request.policy,
            request.rule_id,
            request.asset,
            request.scope,
            order,
        ]
        position = decode_token(request.page_token, filters)
        if position is not None:
            values = _position(position, order)
            marks = []
            for value in values:
                params.append(value)
                marks.append(f"${len(params)}")
            clauses.append(f"({', '.join(key)}) < ({', '.join(marks)})")
        params.append(size + 1)
        rows = await self._pool.fetch(
            f"SELECT * FROM compliance.violations v WHERE {' AND '.join(clauses)}"  # noqa: S608 - fixed fragments, bound values
            f" ORDER BY {', '.join(k + ' DESC' for k in key)} LIMIT ${len(params)}",
            *params,
        )
        response = compliance_pb2.ListViolationsResponse(
            violations=[to_message(r) for r in rows[:size]], total_size=total
        )
        if len(rows) > size:
            last = rows[size - 1]
            response.next_page_token = encode_token(
                [last[c].isoformat() if isinstance(last[c], datetime) else last[c] for c in order]
                + [last["id"]],
                filters,
            )
        return response


def _position(position: Any, order: tuple[str, ...]) -> list[Any]:
    try:
        values: list[Any] = []
        for column, value in zip((*order, "id"), position, strict=True):
            if column.endswith("_time"):
                values.append(datetime.fromisoformat(value))
            elif column == "severity":
                values.append(int(value))
            else:
                values.append(str(value))
    except (TypeError, ValueError):
        raise bad_field("page_token", "is not a token this service issued") from None
    return values
