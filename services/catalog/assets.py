"""Assets: validation, and conversion between catalog rows and Asset messages."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import asyncpg
from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from pursight.catalog.v1 import resources_pb2
from services.catalog import labels
from services.runtime.convert import etag, timestamp
from services.runtime.errors import FieldViolation

Asset = resources_pb2.Asset
AssetType = resources_pb2.AssetType
Origin = resources_pb2.Origin

ASSET = "workspaces/{workspace}/assets/{asset}"
PRINCIPAL = re.compile(r"^(users|groups|serviceAccounts)/[A-Za-z0-9._@-]{1,128}$")
TAG = re.compile(r"^[a-z0-9][a-z0-9._:/-]{0,63}$")
TERM = re.compile(r"^glossaries/[a-z0-9-]{1,63}/terms/[a-z0-9-]{1,63}$")
MAX_QUALIFIED_NAME = 2048
MAX_LIST = 100

# Fields a person edits; a scan never overwrites them.
EDITABLE = (
    "display_name",
    "description",
    "owners",
    "stewards",
    "tags",
    "terms",
    "properties",
    "retention_days",
    "protected",
)
# Fields a scan owns; upserts refresh them.
TECHNICAL = (
    "type",
    "display_name",
    "parent_id",
    "data_source",
    "source_description",
    "column_info",
    "table_info",
)


def asset_name(workspace: str, asset_id: str) -> str:
    return f"workspaces/{workspace}/assets/{asset_id}"


# Per field descriptor: its name and how its value converts (_SCALAR, _SCALARS,
# _MESSAGE, _MESSAGES). Reading them from the descriptor on every call cost more than
# the conversion itself.
_SCALAR, _SCALARS, _MESSAGE, _MESSAGES = range(4)
_FIELDS: dict[FieldDescriptor, tuple[str, int]] = {}


def plain(message: Message) -> dict[str, Any]:
    """The set fields of ``message`` as a dict of Python values (enums and int64 as
    ints), stored as jsonb and turned back with ``Type(**value)``. Twenty times faster
    than json_format both ways, which matters when a scan writes thousands of assets."""
    out: dict[str, Any] = {}
    for field, value in message.ListFields():
        known = _FIELDS.get(field)
        if known is None:
            kind = (_MESSAGE if field.message_type is not None else _SCALAR) + field.is_repeated
            known = _FIELDS[field] = (field.name, kind)
        name, kind = known
        if kind == _SCALAR:
            out[name] = value
        elif kind == _SCALARS:
            out[name] = list(value)
        elif kind == _MESSAGE:
            out[name] = plain(value)
        else:
            out[name] = [plain(item) for item in value]
    return out


def classification_dicts(items: Iterable[resources_pb2.Classification]) -> list[dict[str, Any]]:
    return [plain(c) for c in items]


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# The seconds Timestamp allows: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
_MIN_SECONDS, _MAX_SECONDS = -62_135_596_800, 253_402_300_799


def _time(value: datetime | None) -> Timestamp | None:
    """``convert.timestamp`` for the aware datetimes asyncpg reads from timestamptz, by
    arithmetic instead of ``FromDatetime``'s time tuple (a few of them per asset, on
    every GetAsset); anything else goes through ``convert.timestamp`` itself."""
    if value is None or type(value) is not datetime or value.utcoffset() is None:
        return timestamp(value)
    delta = value - _EPOCH
    seconds = delta.days * 86_400 + delta.seconds
    if not _MIN_SECONDS <= seconds <= _MAX_SECONDS:
        return timestamp(value)  # raises as it does
    return Timestamp(seconds=seconds, nanos=delta.microseconds * 1000)


def to_message(row: asyncpg.Record) -> Asset:
    """The Asset for a catalog row."""
    asset = Asset(
        name=asset_name(row["workspace"], row["id"]),
        qualified_name=row["qualified_name"],
        type=row["type"],
        display_name=row["display_name"],
        parent=asset_name(row["workspace"], row["parent_id"]) if row["parent_id"] else "",
        data_source=row["data_source"],
        source_description=row["source_description"],
        description=row["description"],
        owners=row["owners"],
        stewards=row["stewards"],
        tags=row["tags"],
        terms=row["terms"],
        deleted=row["deleted"],
        create_time=_time(row["create_time"]),
        update_time=_time(row["update_time"]),
        last_scan_time=_time(row["last_scan_time"]),
        etag=etag(row["version"]),
        retention_days=row["retention_days"],
        protected=row["protected"],
    )
    asset.classifications.extend(resources_pb2.Classification(**c) for c in row["classifications"])
    if row["column_info"] is not None:
        asset.column.CopyFrom(resources_pb2.ColumnInfo(**row["column_info"]))
    if row["table_info"] is not None:
        asset.table.CopyFrom(resources_pb2.TableInfo(**row["table_info"]))
    if row["properties"]:
        asset.properties.update(row["properties"])
    return asset


def editable_violations(asset: Asset, paths: Iterable[str], prefix: str) -> list[FieldViolation]:
    v: list[FieldViolation] = []
    chosen = set(paths)
    if "display_name" in chosen and not 1 <= len(asset.display_name) <= 512:
        v.append(FieldViolation(f"{prefix}.display_name", "must be 1-512 characters"))
    if "description" in chosen and len(asset.description) > 16_000:
        v.append(FieldViolation(f"{prefix}.description", "must be at most 16000 characters"))
    for field, items, pattern, hint in (
        ("owners", asset.owners, PRINCIPAL, "users/{id}, groups/{id} or serviceAccounts/{id}"),
        ("stewards", asset.stewards, PRINCIPAL, "users/{id}, groups/{id} or serviceAccounts/{id}"),
        ("tags", asset.tags, TAG, "lower-case letters, digits and . _ : / -, at most 64"),
        ("terms", asset.terms, TERM, "glossaries/{glossary}/terms/{term}"),
    ):
        if field not in chosen:
            continue
        if len(items) > MAX_LIST:
            v.append(FieldViolation(f"{prefix}.{field}", f"at most {MAX_LIST} entries"))
        for index, item in enumerate(items):
            if not pattern.match(item):
                v.append(FieldViolation(f"{prefix}.{field}[{index}]", f"must be {hint}"))
    if "retention_days" in chosen and not 0 <= asset.retention_days <= 36_500:
        v.append(FieldViolation(f"{prefix}.retention_days", "must be between 0 and 36500"))
    properties = json_format.MessageToDict(asset.properties)
    if "properties" in chosen and len(json.dumps(properties)) > 64_000:
        v.append(FieldViolation(f"{prefix}.properties", "must be at most 64 kB as JSON"))
    return v


# Checked for every asset of every scan batch, so compiled and computed once.
_CONTROL = re.compile(r"[\x00-\x1f]")
_LABEL = re.compile(r"[a-z0-9][a-z0-9._-]{0,127}")
_KNOWN_TYPES = frozenset(AssetType.values()) - {AssetType.ASSET_TYPE_UNSPECIFIED}


def technical_violations(asset: Asset, prefix: str) -> list[FieldViolation]:
    v: list[FieldViolation] = []
    name = asset.qualified_name
    if not name or len(name) > MAX_QUALIFIED_NAME:
        v.append(
            FieldViolation(
                f"{prefix}.qualified_name", f"is required, at most {MAX_QUALIFIED_NAME} characters"
            )
        )
    # isprintable() is false for every control character (and a few other characters):
    # the pattern only runs on the rare names it does not clear.
    elif not name.isprintable() and _CONTROL.search(name):
        v.append(FieldViolation(f"{prefix}.qualified_name", "must not hold control characters"))
    if asset.type not in _KNOWN_TYPES:
        v.append(FieldViolation(f"{prefix}.type", "is required"))
    if not 1 <= len(asset.display_name) <= 512:
        v.append(FieldViolation(f"{prefix}.display_name", "must be 1-512 characters"))
    if len(asset.source_description) > 16_000:
        v.append(FieldViolation(f"{prefix}.source_description", "at most 16000 characters"))
    for index, item in enumerate(asset.classifications):
        if not _LABEL.fullmatch(item.label):
            v.append(
                FieldViolation(
                    f"{prefix}.classifications[{index}].label",
                    "must be a lower-case label like pii.email",
                )
            )
        if not 0.0 <= item.confidence <= 1.0:
            v.append(
                FieldViolation(
                    f"{prefix}.classifications[{index}].confidence", "must be between 0 and 1"
                )
            )
    return v


def technical_values(asset: Asset) -> dict[str, Any]:
    """The scan-owned column values of ``asset`` (parent resolved separately)."""
    return {
        "type": asset.type,
        "display_name": asset.display_name,
        "data_source": asset.data_source,
        "source_description": asset.source_description,
        "column_info": plain(asset.column) if asset.HasField("column") else None,
        "table_info": plain(asset.table) if asset.HasField("table") else None,
    }


def editable_values(asset: Asset) -> dict[str, Any]:
    return {
        "display_name": asset.display_name,
        "description": asset.description,
        "owners": list(dict.fromkeys(asset.owners)),
        "stewards": list(dict.fromkeys(asset.stewards)),
        "tags": sorted(set(asset.tags)),
        "terms": list(dict.fromkeys(asset.terms)),
        "properties": (
            json_format.MessageToDict(asset.properties) if asset.HasField("properties") else {}
        ),
        "retention_days": asset.retention_days,
        "protected": asset.protected,
    }


def merge_scan_labels(
    existing: list[dict[str, Any]], found: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The classifications after a scan: the scan's own labels are replaced by what it
    found now; manual and imported labels stay; a label a steward removed stays
    suppressed and is not brought back (precedence rules in labels.py)."""
    return labels.merge_scan(existing, found)


def record_values(row: asyncpg.Record, fields: Iterable[str]) -> dict[str, Any]:
    """JSON-ready values of ``fields`` from a row, for the change history."""
    return {f: _jsonable(row[f]) for f in fields}


def _jsonable(value: Any) -> Any:
    if isinstance(value, list | dict | str | int | float | bool) or value is None:
        return value
    return str(value)
