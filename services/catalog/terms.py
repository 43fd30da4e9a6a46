"""Glossaries and terms: validation, stored values, references between terms, messages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import asyncpg

from pursight.catalog.v1 import resources_pb2
from services.catalog import assets as A
from services.catalog import labels as L
from services.runtime.convert import etag, timestamp
from services.runtime.database import Connection
from services.runtime.errors import FieldViolation, collect
from services.runtime.names import new_id

Status = resources_pb2.GlossaryTerm.Status
TERM = "glossaries/{glossary}/terms/{term}"
GLOSSARY_FIELDS = ("display_name", "description", "owners")
TERM_FIELDS = (
    "display_name",
    "definition",
    "synonyms",
    "related_terms",
    "parent_term",
    "tags",
    "classification_labels",
    "status",
    "stewards",
)
# What a term gives the assets it is assigned to: a change refreshes them.
CARRIED = {"display_name", "synonyms", "tags", "classification_labels"}
MAX_ITEMS = 50
MAX_PARENT_CHAIN = 32
_LABEL = re.compile(f"^{L.LABEL_PATTERN}$")


def principal_violations(items: Iterable[str], field: str) -> list[FieldViolation]:
    values = list(items)
    v = []
    if len(values) > A.MAX_LIST:
        v.append(FieldViolation(field, f"at most {A.MAX_LIST} entries"))
    for index, item in enumerate(values):
        if not A.PRINCIPAL.match(item):
            v.append(
                FieldViolation(
                    f"{field}[{index}]", "must be users/{id}, groups/{id} or serviceAccounts/{id}"
                )
            )
    return v


def _each(items: Iterable[str], field: str, ok: re.Pattern[str], hint: str) -> list[FieldViolation]:
    values = list(items)
    v = []
    if len(values) > MAX_ITEMS:
        v.append(FieldViolation(field, f"at most {MAX_ITEMS} entries"))
    v += [
        FieldViolation(f"{field}[{i}]", f"must be {hint}")
        for i, item in enumerate(values)
        if not ok.match(item)
    ]
    return v


def term_violations(
    term: resources_pb2.GlossaryTerm, paths: set[str], creating: bool
) -> list[FieldViolation]:
    """Format problems of the ``paths`` of ``term``, named ``term.<field>``."""
    v = []
    if "display_name" in paths and not 1 <= len(term.display_name.strip()) <= 200:
        v.append(FieldViolation("term.display_name", "must be 1-200 characters"))
    if "definition" in paths and len(term.definition) > 16_000:
        v.append(FieldViolation("term.definition", "must be at most 16000 characters"))
    if "synonyms" in paths:
        synonyms = (s.strip() for s in term.synonyms)  # stored trimmed
        v += _each(synonyms, "term.synonyms", re.compile(r"^.{1,200}$"), "1-200 characters")
    if "related_terms" in paths:
        v += _each(term.related_terms, "term.related_terms", A.TERM, "glossaries/{g}/terms/{t}")
    if "parent_term" in paths and term.parent_term and not A.TERM.match(term.parent_term):
        v.append(FieldViolation("term.parent_term", "must be glossaries/{g}/terms/{t}"))
    if "tags" in paths:
        v += _each(term.tags, "term.tags", A.TAG, "lower-case letters, digits and . _ : / -")
    if "classification_labels" in paths:
        v += _each(
            term.classification_labels,
            "term.classification_labels",
            _LABEL,
            "a lower-case label like pii.email",
        )
    if "status" in paths and (
        term.status not in Status.values()
        or (term.status == Status.STATUS_UNSPECIFIED and not creating)
    ):
        v.append(FieldViolation("term.status", "must be DRAFT, APPROVED or DEPRECATED"))
    if "stewards" in paths:
        v += principal_violations(term.stewards, "term.stewards")
    return v


def term_values(term: resources_pb2.GlossaryTerm) -> dict[str, Any]:
    """Column values, normalised: synonyms trimmed and unique, tags and labels sorted."""
    return {
        "display_name": term.display_name.strip(),
        "definition": term.definition,
        "synonyms": list(dict.fromkeys(s.strip() for s in term.synonyms if s.strip())),
        "related_terms": list(dict.fromkeys(term.related_terms)),
        "parent_term": term.parent_term,
        "tags": sorted(set(term.tags)),
        "classification_labels": sorted(set(term.classification_labels)),
        "status": term.status,
        "stewards": list(dict.fromkeys(term.stewards)),
    }


async def check_references(
    conn: Connection, name: str, values: Mapping[str, Any], prefix: str
) -> None:
    """Related terms must exist; a parent must be another term of the same glossary,
    and not one of the term's own narrower terms (no cycles in the hierarchy)."""
    v: list[FieldViolation] = []
    related = list(values.get("related_terms", ()))
    if related:
        known = {
            r["name"]
            for r in await conn.fetch(
                "SELECT name FROM catalog.glossary_terms WHERE name = ANY($1::text[])", related
            )
        }
        for index, item in enumerate(related):
            if item == name:
                v.append(FieldViolation(f"{prefix}.related_terms[{index}]", "is the term itself"))
            elif item not in known:
                v.append(FieldViolation(f"{prefix}.related_terms[{index}]", "no such term"))
    parent = values.get("parent_term", "")
    if parent:
        v += await _parent_violations(conn, name, parent, f"{prefix}.parent_term")
    collect(v)


async def _parent_violations(
    conn: Connection, name: str, parent: str, field: str
) -> list[FieldViolation]:
    if parent.rsplit("/terms/", 1)[0] != name.rsplit("/terms/", 1)[0]:
        return [FieldViolation(field, "must be a term of the same glossary")]
    step: str = parent
    for _ in range(MAX_PARENT_CHAIN):
        if step == name:
            return [FieldViolation(field, "would make the term its own ancestor")]
        row: asyncpg.Record | None = await conn.fetchrow(
            "SELECT parent_term FROM catalog.glossary_terms WHERE name = $1", step
        )
        if row is None:
            return [FieldViolation(field, "no such term")] if step == parent else []
        if not row["parent_term"]:
            return []
        step = row["parent_term"]
    return [FieldViolation(field, f"the hierarchy may be at most {MAX_PARENT_CHAIN} deep")]


def to_message(row: asyncpg.Record) -> resources_pb2.GlossaryTerm:
    return resources_pb2.GlossaryTerm(
        name=row["name"],
        display_name=row["display_name"],
        definition=row["definition"],
        synonyms=row["synonyms"],
        related_terms=row["related_terms"],
        parent_term=row["parent_term"],
        tags=row["tags"],
        classification_labels=row["classification_labels"],
        status=row["status"],
        stewards=row["stewards"],
        create_time=timestamp(row["create_time"]),
        update_time=timestamp(row["update_time"]),
        etag=etag(row["version"]),
        asset_count=row["asset_count"],
    )


def glossary_message(row: asyncpg.Record) -> resources_pb2.Glossary:
    return resources_pb2.Glossary(
        name=f"glossaries/{row['id']}",
        display_name=row["display_name"],
        description=row["description"],
        owners=row["owners"],
        create_time=timestamp(row["create_time"]),
        update_time=timestamp(row["update_time"]),
        etag=etag(row["version"]),
    )


def glossary_violations(g: resources_pb2.Glossary, paths: set[str]) -> list[FieldViolation]:
    v = []
    if "display_name" in paths and not 1 <= len(g.display_name.strip()) <= 200:
        v.append(FieldViolation("glossary.display_name", "must be 1-200 characters"))
    if "description" in paths and len(g.description) > 4000:
        v.append(FieldViolation("glossary.description", "must be at most 4000 characters"))
    if "owners" in paths:
        v += principal_violations(g.owners, "glossary.owners")
    return v


def glossary_values(g: resources_pb2.Glossary) -> dict[str, Any]:
    return {
        "display_name": g.display_name.strip(),
        "description": g.description,
        "owners": list(dict.fromkeys(g.owners)),
    }


def term_slug(display_name: str) -> str:
    """A term id from its display name: `Customer Lifetime Value` -> `customer-lifetime-value`."""
    decomposed = unicodedata.normalize("NFKD", display_name)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:63].rstrip("-")
    return slug or new_id()
