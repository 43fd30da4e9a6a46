"""Checking data source definitions, naming every bad field.

The kind-specific config is checked by the kind's connector plug-in (which knows what a
PostgreSQL host or a blob container must look like); this module adds the fields every
source has, and the rules that guard the stored credential. Messages never quote a
credential's value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from google.protobuf.message import Message

from pursight.datasource.v1 import datasource_pb2
from services.connectors import ConfigError, parse_source_config
from services.connectors.registry import Plugin, plugin_for
from services.datasource.store import credential_type
from services.runtime.errors import FieldViolation, collect

MAX_LABELS = 64
MAX_CONNECTIONS = 64
MAX_TIMEOUT_SECONDS = 3600
# Config fields that say where a source is. Changing one of them with the stored
# credential would send that secret to another server, so it needs the credential anew.
TARGET_FIELDS = frozenset(
    {"host", "port", "server_hostname", "http_path", "account_url", "auth_method", "user"}
)
_LABEL_KEY = re.compile(r"^[a-z][a-z0-9_.-]{0,62}$")


def plugin_of(source: datasource_pb2.DataSource, field: str = "data_source") -> Plugin:
    if source.kind == datasource_pb2.KIND_UNSPECIFIED:
        collect([FieldViolation(f"{field}.kind", "is required")])
    try:
        return plugin_for(source.kind)
    except LookupError:
        collect([FieldViolation(f"{field}.kind", "is not a kind this deployment serves")])
        raise  # collect raised already; this keeps type checkers informed


def common_violations(
    source: datasource_pb2.DataSource, paths: Iterable[str], field: str = "data_source"
) -> list[FieldViolation]:
    """Violations of the fields every kind has, among ``paths``."""
    paths = set(paths)
    found: list[FieldViolation] = []
    if "display_name" in paths and not 1 <= len(source.display_name.strip()) <= 200:
        found.append(FieldViolation(f"{field}.display_name", "must be 1-200 characters"))
    if "description" in paths and len(source.description) > 4000:
        found.append(FieldViolation(f"{field}.description", "must be at most 4000 characters"))
    if "labels" in paths:
        if len(source.labels) > MAX_LABELS:
            found.append(FieldViolation(f"{field}.labels", f"at most {MAX_LABELS} labels"))
        for key, value in source.labels.items():
            if not _LABEL_KEY.match(key) or len(value) > 256:
                found.append(
                    FieldViolation(
                        f"{field}.labels[{key!r}]",
                        "keys are lower-case identifiers, values at most 256 characters",
                    )
                )
    if "limits" in paths:
        found += _limit_violations(source.limits, f"{field}.limits")
    return found


def _limit_violations(limits: datasource_pb2.ConnectionLimits, field: str) -> list[FieldViolation]:
    found = []
    if not 0 <= limits.max_connections <= MAX_CONNECTIONS:
        found.append(
            FieldViolation(f"{field}.max_connections", f"must be between 1 and {MAX_CONNECTIONS}")
        )
    for name in ("statement_timeout", "connect_timeout"):
        value = getattr(limits, name)
        seconds = value.seconds + value.nanos / 1e9
        if not 0 <= seconds <= MAX_TIMEOUT_SECONDS:
            found.append(
                FieldViolation(f"{field}.{name}", f"must be between 0 and {MAX_TIMEOUT_SECONDS}s")
            )
    return found


def credential_violations(
    plugin: Plugin, credential: datasource_pb2.Credential, field: str = "data_source.credential"
) -> list[FieldViolation]:
    which = credential.WhichOneof("secret")
    if which is None:
        return []
    kind = credential_type(credential)
    if int(kind) not in {int(t) for t in plugin.credential_types}:
        accepted = ", ".join(t.name.lower() for t in plugin.credential_types) or "none"
        return [FieldViolation(f"{field}.{which}", f"{plugin.display_name} accepts: {accepted}")]
    if which == "service_principal":
        sp = credential.service_principal
        return [
            FieldViolation(f"{field}.service_principal.{name}", "is required")
            for name in ("tenant_id", "client_id", "client_secret")
            if not getattr(sp, name)
        ]
    if not getattr(credential, which):
        return [FieldViolation(f"{field}.{which}", "must not be empty")]
    if len(getattr(credential, which)) > 16384:
        return [FieldViolation(f"{field}.{which}", "is too long")]
    return []


def check_definition(
    source: datasource_pb2.DataSource, field: str = "data_source", *, named: bool = True
) -> Any:
    """Checks a whole definition; returns the kind's typed config. ``named`` checks the
    display name too (an unsaved definition under test needs none)."""
    plugin = plugin_of(source, field)
    paths = {"description", "labels", "limits"} | ({"display_name"} if named else set())
    found = common_violations(source, paths, field)
    found += credential_violations(plugin, source.credential, f"{field}.credential")
    config: Any = None
    try:
        config = parse_source_config(source)
    except ConfigError as exc:
        found += [FieldViolation(f"{field}.{f}", d) for f, d in exc.violations]
    collect(found)
    return config


def target_changed(before: Message, after: Message) -> list[str]:
    """The config fields saying where the source is that differ between two configs."""
    changed = []
    for descriptor in after.DESCRIPTOR.fields:
        if descriptor.name in TARGET_FIELDS and getattr(before, descriptor.name) != getattr(
            after, descriptor.name
        ):
            changed.append(descriptor.name)
    return changed
