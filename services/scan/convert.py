"""Conversions: extracted objects to queue payloads and back, to fingerprints, and to
catalog assets.

An object travels from the planner to a worker inside its task as plain JSON, so the
worker never extracts it again. Fingerprints digest an object's structure (columns,
types, keys, comments) so the next run can tell what changed. Assets follow the
catalog's hierarchy: source > database > schema > table or view > column, or
source > folder > file > column, each keyed by the connector's qualified name.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from pursight.catalog.v1 import resources_pb2
from services.connectors.model import (
    ColumnMetadata,
    ColumnProfile,
    Container,
    FileFormat,
    ObjectMetadata,
    ObjectType,
)

Asset = resources_pb2.Asset
AssetType = resources_pb2.AssetType
_ASSET_TYPES = {
    ObjectType.DATABASE: AssetType.ASSET_TYPE_DATABASE,
    ObjectType.SCHEMA: AssetType.ASSET_TYPE_SCHEMA,
    ObjectType.TABLE: AssetType.ASSET_TYPE_TABLE,
    ObjectType.VIEW: AssetType.ASSET_TYPE_VIEW,
    ObjectType.FOLDER: AssetType.ASSET_TYPE_FOLDER,
    ObjectType.FILE: AssetType.ASSET_TYPE_FILE,
}


# -- payloads ---------------------------------------------------------------------------


def object_to_json(obj: ObjectMetadata) -> dict[str, Any]:
    """``obj`` as JSON-ready values, for a task's payload."""
    return {
        "type": int(obj.type),
        "name": obj.name,
        "path": list(obj.path),
        "qualified_name": obj.qualified_name,
        "parents": [[int(p.type), p.name, p.qualified_name] for p in obj.parents],
        "columns": [
            [
                c.name,
                c.qualified_name,
                c.data_type,
                c.nullable,
                c.ordinal,
                c.primary_key,
                c.foreign_key,
                c.comment,
                c.default,
            ]
            for c in obj.columns
        ],
        "comment": obj.comment,
        "row_estimate": obj.row_estimate,
        "size_bytes": obj.size_bytes,
        "modify_time": obj.modify_time.isoformat() if obj.modify_time else None,
        "view_definition": obj.view_definition,
        "file_format": int(obj.file_format) if obj.file_format is not None else None,
        "properties": dict(obj.properties),
    }


def task_payload(root: str, objects: Sequence[ObjectMetadata]) -> dict[str, Any]:
    """An OBJECTS task's payload: the source's root and the objects to process."""
    return {"root": root, "objects": [object_to_json(o) for o in objects]}


def object_from_json(data: Mapping[str, Any]) -> ObjectMetadata:
    """The ObjectMetadata a payload entry holds."""
    return ObjectMetadata(
        type=ObjectType(data["type"]),
        name=data["name"],
        path=tuple(data["path"]),
        qualified_name=data["qualified_name"],
        parents=tuple(Container(ObjectType(t), n, q) for t, n, q in data["parents"]),
        columns=tuple(
            ColumnMetadata(
                name=c[0],
                qualified_name=c[1],
                data_type=c[2],
                nullable=c[3],
                ordinal=c[4],
                primary_key=c[5],
                foreign_key=c[6],
                comment=c[7],
                default=c[8],
            )
            for c in data["columns"]
        ),
        comment=data["comment"],
        row_estimate=data["row_estimate"],
        size_bytes=data["size_bytes"],
        modify_time=datetime.fromisoformat(data["modify_time"]) if data["modify_time"] else None,
        view_definition=data["view_definition"],
        file_format=FileFormat(data["file_format"]) if data["file_format"] is not None else None,
        properties=data["properties"],
    )


# -- fingerprints -----------------------------------------------------------------------


# What json.dumps(value, sort_keys=True, separators=(",", ":"), default=str) writes, the
# digests stored by earlier runs, without building an encoder on every call (most of
# its cost for a column's few fields).
_ENCODE = json.JSONEncoder(sort_keys=True, separators=(",", ":"), default=str).encode


def _digest(value: Any) -> str:
    return hashlib.sha256(_ENCODE(value).encode()).hexdigest()[:24]


def column_digests(obj: ObjectMetadata) -> dict[str, str]:
    """Column name -> digest of what the catalog shows of it."""
    return {
        c.name: _digest(
            [c.name, c.data_type, c.nullable, c.ordinal, c.primary_key, c.foreign_key, c.comment]
        )
        for c in obj.columns
    }


def fingerprint(obj: ObjectMetadata, digests: Mapping[str, str] | None = None) -> str:
    """A digest of the object's structure: a different one means it changed.
    ``digests`` are the object's column_digests, when the caller has them already."""
    return _digest(
        [
            int(obj.type),
            obj.comment,
            obj.view_definition,
            int(obj.file_format) if obj.file_format is not None else None,
            sorted((column_digests(obj) if digests is None else digests).items()),
        ]
    )


# -- assets -----------------------------------------------------------------------------

# What the catalog shows as names and descriptions, as the source spells them, except NUL
# (which no catalog text may hold: a CSV header can).
_NO_NUL = str.maketrans({"\0": "\ufffd"})


def _text(value: str, limit: int) -> str:
    return value[:limit].translate(_NO_NUL)


def source_asset(root: str, display_name: str, data_source: str) -> Asset:
    return Asset(
        qualified_name=root,
        type=AssetType.ASSET_TYPE_SOURCE,
        display_name=_text(display_name or root, 512),
        data_source=data_source,
    )


def container_assets(obj: ObjectMetadata, root: str, data_source: str) -> list[Asset]:
    """The object's enclosing databases, schemas or folders, outermost first."""
    out: list[Asset] = []
    parent = root
    for container in obj.parents:
        out.append(
            Asset(
                qualified_name=container.qualified_name,
                type=_ASSET_TYPES[container.type],
                display_name=_text(container.name or container.qualified_name, 512),
                parent=parent,
                data_source=data_source,
            )
        )
        parent = container.qualified_name
    return out


def _profile(profile: ColumnProfile) -> resources_pb2.ColumnProfile:
    return resources_pb2.ColumnProfile(
        null_fraction=profile.null_fraction,
        distinct_count=profile.distinct_count,
        min_value=profile.min_value or "",
        max_value=profile.max_value or "",
        mean_length=profile.mean_length,
        sampled_rows=profile.sampled_rows,
    )


def object_assets(
    obj: ObjectMetadata,
    root: str,
    data_source: str,
    labels: Mapping[str, Sequence[resources_pb2.Classification]],
    profiles: Mapping[str, ColumnProfile],
) -> list[Asset]:
    """The object's asset followed by one per column. ``labels`` and ``profiles`` are
    keyed by column name."""
    table = resources_pb2.TableInfo(
        row_count=max(obj.row_estimate or 0, 0),
        size_bytes=max(obj.size_bytes or 0, 0),
        column_count=len(obj.columns),
        view_definition=obj.view_definition,
        file_format=obj.file_format.short if obj.file_format is not None else "",
    )
    parent = obj.parents[-1].qualified_name if obj.parents else root
    head = Asset(
        qualified_name=obj.qualified_name,
        type=_ASSET_TYPES[obj.type],
        display_name=_text(obj.name or obj.qualified_name, 512),
        parent=parent,
        data_source=data_source,
        source_description=_text(obj.comment, 16_000),
        table=table,
    )
    out = [head]
    # Submessages as dicts, empty fields left out: half the cost of building a ColumnInfo
    # and copying it in, for every column of every scan.
    for column in obj.columns:
        info: dict[str, Any] = {
            "data_type": column.data_type,
            "nullable": column.nullable,
            "ordinal_position": column.ordinal,
        }
        if column.primary_key:
            info["primary_key"] = True
        if column.foreign_key:
            info["foreign_key"] = column.foreign_key
        if column.name in profiles:
            info["profile"] = _profile(profiles[column.name])
        fields: dict[str, Any] = {}
        if column.comment:
            fields["source_description"] = _text(column.comment, 16_000)
        found = labels.get(column.name)
        if found:
            fields["classifications"] = found
        out.append(
            Asset(
                qualified_name=column.qualified_name,
                type=AssetType.ASSET_TYPE_COLUMN,
                display_name=_text(column.name or "?", 512),
                parent=obj.qualified_name,
                data_source=data_source,
                column=info,
                **fields,
            )
        )
    return out


def profile_to_json(profile: ColumnProfile) -> list[Any]:
    return [
        profile.null_fraction,
        profile.distinct_count,
        profile.min_value,
        profile.max_value,
        profile.mean_length,
        profile.sampled_rows,
        profile.source,
    ]


def profile_from_json(data: Sequence[Any]) -> ColumnProfile:
    return ColumnProfile(*data)
