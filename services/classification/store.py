"""PostgreSQL rows of the ``classification`` schema: custom classifiers and rule sets.

Column lists come from the fixed tuples below; every value is a bound parameter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import asyncpg

from pursight.classification.v1 import classification_pb2 as pb
from services.classification.classifiers import Sensitivity, ValidatorKind
from services.classification.convert import (
    CATEGORY_TO_PB,
    PB_TO_CATEGORY,
    definition_to_pb,
)
from services.classification.definitions import Definition
from services.runtime.convert import etag, timestamp
from services.runtime.database import Queryable
from services.runtime.sql import assignments

CLASSIFIER_FIELDS = (
    "display_name",
    "description",
    "category",
    "sensitivity",
    "data_patterns",
    "column_name_patterns",
    "dictionary",
    "dictionary_case_sensitive",
    "validator",
    "min_match_threshold",
    "column_name_threshold",
    "min_distinct_matches",
    "find_in_text",
    "suppresses",
    "countries",
)
RULE_SET_FIELDS = (
    "display_name",
    "description",
    "classifiers",
    "excluded_classifiers",
    "categories",
    "min_confidence",
    "workspace_default",
)


def classifier_values(definition: Definition) -> dict[str, Any]:
    """The stored columns of a definition, by name."""
    return {
        "display_name": definition.display_name,
        "description": definition.description,
        "category": CATEGORY_TO_PB[definition.category],
        "sensitivity": int(definition.sensitivity),
        "data_patterns": list(definition.data_patterns),
        "column_name_patterns": list(definition.column_name_patterns),
        "dictionary": list(definition.dictionary),
        "dictionary_case_sensitive": definition.dictionary_case_sensitive,
        "validator": int(definition.validator),
        "min_match_threshold": definition.min_match_threshold,
        "column_name_threshold": definition.column_name_threshold,
        "min_distinct_matches": definition.min_distinct_matches,
        "find_in_text": definition.find_in_text,
        "suppresses": list(definition.suppresses),
        "countries": list(definition.countries),
    }


def row_definition(row: asyncpg.Record) -> Definition:
    return Definition(
        name=f"workspaces/{row['workspace_id']}/classifiers/{row['id']}",
        display_name=row["display_name"],
        description=row["description"],
        category=PB_TO_CATEGORY[row["category"]],
        sensitivity=Sensitivity(row["sensitivity"]),
        data_patterns=tuple(row["data_patterns"]),
        column_name_patterns=tuple(row["column_name_patterns"]),
        dictionary=tuple(row["dictionary"]),
        dictionary_case_sensitive=row["dictionary_case_sensitive"],
        validator=ValidatorKind(row["validator"]),
        min_match_threshold=row["min_match_threshold"],
        column_name_threshold=row["column_name_threshold"],
        min_distinct_matches=row["min_distinct_matches"],
        find_in_text=row["find_in_text"],
        suppresses=tuple(row["suppresses"]),
        countries=tuple(row["countries"]),
        version=row["version"],
    )


def row_classifier(row: asyncpg.Record) -> pb.Classifier:
    return definition_to_pb(
        row_definition(row),
        creator=row["creator"],
        created=row["create_time"],
        updated=row["update_time"],
    )


def row_rule_set(row: asyncpg.Record) -> pb.RuleSet:
    return pb.RuleSet(
        name=f"workspaces/{row['workspace_id']}/ruleSets/{row['id']}",
        display_name=row["display_name"],
        description=row["description"],
        classifiers=row["classifiers"],
        excluded_classifiers=row["excluded_classifiers"],
        categories=row["categories"],
        min_confidence=row["min_confidence"],
        workspace_default=row["workspace_default"],
        scan_count=0,
        creator=row["creator"],
        create_time=timestamp(row["create_time"]),
        update_time=timestamp(row["update_time"]),
        etag=etag(row["version"]),
    )


async def fetch(
    conn: Queryable, table: str, workspace: str, item_id: str, *, lock: bool = False
) -> asyncpg.Record | None:
    """One row of ``classifiers`` or ``rule_sets``."""
    if table not in ("classifiers", "rule_sets"):
        raise ValueError(table)
    return await conn.fetchrow(
        f"SELECT * FROM classification.{table} WHERE workspace_id = $1 AND id = $2"  # noqa: S608 - table from the fixed pair above
        + (" FOR UPDATE" if lock else ""),
        workspace,
        item_id,
    )


async def insert(
    conn: Queryable,
    table: str,
    workspace: str,
    item_id: str,
    values: Mapping[str, Any],
    creator: str,
) -> asyncpg.Record:
    """Inserts a row; asyncpg's UniqueViolationError tells duplicates."""
    allowed = CLASSIFIER_FIELDS if table == "classifiers" else RULE_SET_FIELDS
    columns = [c for c in allowed if c in values]
    placeholders = ", ".join(f"${i}" for i in range(4, len(columns) + 4))
    row = await conn.fetchrow(
        f"INSERT INTO classification.{table} (workspace_id, id, creator, {', '.join(columns)})"  # noqa: S608 - columns from the fixed tuples above
        f" VALUES ($1, $2, $3, {placeholders}) RETURNING *",
        workspace,
        item_id,
        creator,
        *[values[c] for c in columns],
    )
    if row is None:  # INSERT ... RETURNING without ON CONFLICT always returns the row
        raise RuntimeError(f"inserting {table} {workspace}/{item_id} returned no row")
    return row


async def update(
    conn: Queryable, table: str, workspace: str, item_id: str, values: Mapping[str, Any]
) -> asyncpg.Record:
    """Writes ``values`` (fixed column names) and bumps the version."""
    allowed = CLASSIFIER_FIELDS if table == "classifiers" else RULE_SET_FIELDS
    columns = [c for c in allowed if c in values]
    sets = assignments(columns, 3)
    row = await conn.fetchrow(
        f"UPDATE classification.{table} SET {sets}, version = version + 1,"  # noqa: S608 - columns from the fixed tuples above
        " update_time = now() WHERE workspace_id = $1 AND id = $2 RETURNING *",
        workspace,
        item_id,
        *[values[c] for c in columns],
    )
    if row is None:  # callers lock the row FOR UPDATE first
        raise RuntimeError(f"{table} {workspace}/{item_id} vanished while locked")
    return row


async def definitions(conn: Queryable, workspace: str) -> list[Definition]:
    """Every custom classifier of a workspace."""
    rows = await conn.fetch(
        "SELECT * FROM classification.classifiers WHERE workspace_id = $1 ORDER BY id", workspace
    )
    return [row_definition(r) for r in rows]


async def default_rule_set(conn: Queryable, workspace: str) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT * FROM classification.rule_sets WHERE workspace_id = $1 AND workspace_default",
        workspace,
    )


def text_array(values: Sequence[str]) -> list[str]:
    """A list asyncpg binds to ``text[]``."""
    return [str(v) for v in values]
