"""AddClassification and RemoveClassification: a steward's word on an asset's labels.

Both write a *base* entry (labels.py), so they win over the scanner and survive rescans:
an added label becomes MANUAL even when the scanner found it too (its evidence stays);
a removed label stays stored as suppressed, with who, when and why, so that neither a
rescan, a glossary term nor lineage brings it back. Removing a label the asset does not
hold yet suppresses it in advance. Both are recorded in the asset's history
(KIND_CLASSIFICATION_CHANGED) with the actor, and the justification inside the entry.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import asyncpg

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from services.catalog import assets as A
from services.catalog import labels as L
from services.catalog.rows import fetch_asset
from services.catalog.writer import AssetWriter
from services.runtime.context import current_principal
from services.runtime.errors import FieldViolation, collect

MAX_JUSTIFICATION = 2000
_LABEL = re.compile(f"^{L.LABEL_PATTERN}$")


def _label_violations(label: str, field: str, justification: str) -> list[FieldViolation]:
    v = []
    if not _LABEL.match(label):
        v.append(FieldViolation(field, "must be a lower-case label like pii.email"))
    if len(justification) > MAX_JUSTIFICATION:
        v.append(FieldViolation("justification", f"must be at most {MAX_JUSTIFICATION} characters"))
    return v


class Classifications:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def add(self, request: catalog_pb2.AddClassificationRequest) -> resources_pb2.Asset:
        wanted = request.classification
        violations = _label_violations(wanted.label, "classification.label", request.justification)
        if not 0.0 <= wanted.confidence <= 1.0:
            violations.append(
                FieldViolation("classification.confidence", "must be between 0 and 1")
            )
        collect(violations)
        # A person asserting a label is sure of it unless they say otherwise.
        confidence = wanted.confidence or 1.0
        actor = current_principal().name
        now = L.stamp(datetime.now(UTC))
        async with self._pool.acquire() as conn, conn.transaction():
            row = await fetch_asset(conn, request.asset, "asset", lock=True)
            base = L.base_entries(row["classifications"])
            current = L.find(row["classifications"], wanted.label)
            previous = L.find(base, wanted.label)
            if (
                previous is not None
                and previous.get("origin") == L.Origin.ORIGIN_MANUAL
                and not previous.get("suppressed")
                and previous.get("confidence") == confidence
            ):
                return A.to_message(row)  # already so: nothing to record
            entry = L.manual_entry(
                wanted.label, confidence, actor, now, request.justification, current
            )
            changed = await AssetWriter(conn, actor).write(
                {row["id"]: {"classifications": L.replace(base, entry)}}
            )
        return A.to_message(changed.get(row["id"], row))

    async def remove(self, request: catalog_pb2.RemoveClassificationRequest) -> resources_pb2.Asset:
        collect(_label_violations(request.label, "label", request.justification))
        actor = current_principal().name
        now = L.stamp(datetime.now(UTC))
        async with self._pool.acquire() as conn, conn.transaction():
            row = await fetch_asset(conn, request.asset, "asset", lock=True)
            base = L.base_entries(row["classifications"])
            previous = L.find(base, request.label)
            if previous is not None and previous.get("suppressed"):
                return A.to_message(row)  # removed already; repeating is harmless
            current = L.find(row["classifications"], request.label)
            entry = L.suppressed_entry(request.label, actor, now, request.justification, current)
            changed = await AssetWriter(conn, actor).write(
                {row["id"]: {"classifications": L.replace(base, entry)}}
            )
        return A.to_message(changed.get(row["id"], row))
