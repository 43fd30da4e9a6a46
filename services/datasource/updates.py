"""Applying an update mask to a data source, and overlaying a test's overrides.

Both guard the stored credential: a change to where a source points (host, port,
account URL, user...) without the credential sent anew is refused, because it would
send the stored secret to whatever server the new address names.
"""

from __future__ import annotations

from dataclasses import dataclass

from google.protobuf import field_mask_pb2
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from pursight.datasource.v1 import datasource_pb2
from services.connectors import ConfigError, parse_source_config
from services.connectors.registry import plugin_for
from services.datasource.store import credential_type
from services.datasource.validation import (
    common_violations,
    credential_violations,
    target_changed,
)
from services.runtime.errors import FieldViolation, bad_field, collect

_COMMON = ("display_name", "description", "labels", "limits", "credential")


@dataclass(frozen=True)
class Change:
    """An update, applied: the resulting source (no credential in it) and what to do with
    the stored credential."""

    preview: datasource_pb2.DataSource
    credential: datasource_pb2.Credential  # the new one (empty: remove) when changed
    credential_changed: bool
    connection_changed: bool  # the config or the credential: the last test is stale


def _paths(
    mask: field_mask_pb2.FieldMask, incoming: datasource_pb2.DataSource, config_field: str
) -> list[str]:
    allowed = {*_COMMON, config_field}
    if not mask.paths:
        present = [f.name for f, _ in incoming.ListFields() if f.name in allowed]
        if not present:
            raise bad_field("update_mask", "names no field to update")
        return present
    paths = list(dict.fromkeys(mask.paths))
    for path in paths:
        top, _, sub = path.partition(".")
        if top not in allowed:
            raise bad_field(
                "update_mask", f"cannot update {path}; updatable: {', '.join(sorted(allowed))}"
            )
        if sub:
            target = getattr(incoming, top) if top in (config_field, "limits") else None
            valid = target is not None and field_mask_pb2.FieldMask(
                paths=[sub]
            ).IsValidForDescriptor(target.DESCRIPTOR)
            if not valid:
                raise bad_field("update_mask", f"{path} is not a field of {top}")
    return paths


def _merge(path: str, incoming: Message, merged: Message) -> None:
    top, _, sub = path.partition(".")
    source, target = getattr(incoming, top), getattr(merged, top)
    if sub:
        field_mask_pb2.FieldMask(paths=[sub]).MergeMessage(
            source, target, replace_message_field=True, replace_repeated_field=True
        )
    else:
        target.CopyFrom(source)


def apply_update(
    current: datasource_pb2.DataSource,
    has_credential: bool,
    request: datasource_pb2.UpdateDataSourceRequest,
) -> Change:
    incoming = request.data_source
    plugin = plugin_for(current.kind)
    field = plugin.config_field
    if incoming.kind and incoming.kind != current.kind:
        raise bad_field("data_source.kind", "cannot change; register a new source instead")
    paths = _paths(request.update_mask, incoming, field)
    merged = datasource_pb2.DataSource()
    merged.CopyFrom(current)
    for path in paths:
        top = path.partition(".")[0]
        if top in ("display_name", "description"):
            setattr(merged, top, getattr(incoming, top))
        elif top == "labels":
            merged.labels.clear()
            merged.labels.update(incoming.labels)
        elif top in ("limits", field):
            _merge(path, incoming, merged)
    tops = {p.partition(".")[0] for p in paths}
    found = common_violations(merged, tops)
    credential_changed = "credential" in tops
    if credential_changed:
        found += credential_violations(plugin, incoming.credential)
    try:
        parse_source_config(merged)
    except ConfigError as exc:
        found += [FieldViolation(f"data_source.{f}", d) for f, d in exc.violations]
    moved = target_changed(getattr(current, field), getattr(merged, field))
    if has_credential and moved and not credential_changed:
        found.append(
            FieldViolation(
                "data_source.credential",
                f"must be sent again when {', '.join(moved)} change"
                " (put credential in update_mask, empty to remove it)",
            )
        )
    collect(found)
    if credential_changed:
        merged.has_credential = incoming.credential.WhichOneof("secret") is not None
        merged.credential_type = credential_type(incoming.credential)
    merged.ClearField("credential")
    return Change(
        merged, incoming.credential, credential_changed, credential_changed or field in tops
    )


def _overlay(target: Message, source: Message) -> None:
    """Copies the fields set in ``source`` onto ``target``; repeated fields replace."""
    for descriptor, value in source.ListFields():
        if descriptor.is_repeated:
            target.ClearField(descriptor.name)
            getattr(target, descriptor.name).extend(value)
        elif descriptor.type == FieldDescriptor.TYPE_MESSAGE:
            _overlay(getattr(target, descriptor.name), value)
        else:
            setattr(target, descriptor.name, value)


def override_for_test(
    saved: datasource_pb2.DataSource,
    credential: datasource_pb2.Credential | None,
    override: datasource_pb2.DataSource,
) -> tuple[datasource_pb2.DataSource, datasource_pb2.Credential | None]:
    """The saved source with a TestConnection request's non-empty fields on top."""
    plugin = plugin_for(saved.kind)
    field = plugin.config_field
    if override.kind and override.kind != saved.kind:
        raise bad_field("data_source.kind", "must match the saved source's kind")
    chosen = override.WhichOneof("config")
    if chosen is not None and chosen != field:
        raise bad_field(f"data_source.{chosen}", f"does not match the kind ({plugin.display_name})")
    tested = datasource_pb2.DataSource()
    tested.CopyFrom(saved)
    if chosen is not None:
        _overlay(getattr(tested, field), getattr(override, field))
    if override.HasField("limits"):
        _overlay(tested.limits, override.limits)
    found: list[FieldViolation] = []
    new_secret = override.credential.WhichOneof("secret") is not None
    if new_secret:
        found += credential_violations(plugin, override.credential)
        credential = override.credential
    moved = target_changed(getattr(saved, field), getattr(tested, field))
    if moved and not new_secret and credential is not None:
        found.append(
            FieldViolation(
                "data_source.credential",
                f"is required to test with another {', '.join(moved)}: the stored one stays"
                " with the saved address",
            )
        )
    try:
        parse_source_config(tested)
    except ConfigError as exc:
        found += [FieldViolation(f"data_source.{f}", d) for f, d in exc.violations]
    collect(found)
    return tested, credential
