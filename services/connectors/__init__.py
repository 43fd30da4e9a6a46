"""Source connectors: plug-ins that test, browse, extract, sample and profile the data
sources PurSight reads. A library, not a service: the datasource service uses it for
TestConnection and Browse, the scan service for extraction, both in their own process.

    from services.connectors import open_resolved, Scope
    async with open_resolved(resolved) as source:      # ResolveConnection's answer
        async for table in source.extract(Scope(include_schemas=("sales",))):
            sample = await source.sample(table)         # 128 rows, cheaply
            profiles = await source.profile(table, sample)

Qualified-name forms are listed in README.md beside this file.
"""

from __future__ import annotations

from services.connectors.base import DEFAULT_SAMPLE_SIZE, Connector, Limiter, ObjectRef
from services.connectors.errors import ConfigError, ConnectorError, status_code
from services.connectors.model import (
    BrowseItem,
    Capabilities,
    CheckStep,
    ColumnMetadata,
    ColumnProfile,
    ConnectionCheck,
    Container,
    Credential,
    CredentialType,
    FailureKind,
    FileFormat,
    Kind,
    Limits,
    ObjectMetadata,
    ObjectType,
    Sample,
)
from services.connectors.proto import (
    open_resolved,
    open_source,
    parse_source_config,
    scope_from_message,
)
from services.connectors.registry import Plugin, load_plugins, plugin_for, plugins, register
from services.connectors.scope import EVERYTHING, Scope

__all__ = [
    "DEFAULT_SAMPLE_SIZE",
    "EVERYTHING",
    "BrowseItem",
    "Capabilities",
    "CheckStep",
    "ColumnMetadata",
    "ColumnProfile",
    "ConfigError",
    "ConnectionCheck",
    "Connector",
    "ConnectorError",
    "Container",
    "Credential",
    "CredentialType",
    "FailureKind",
    "FileFormat",
    "Kind",
    "Limiter",
    "Limits",
    "ObjectMetadata",
    "ObjectRef",
    "ObjectType",
    "Plugin",
    "Sample",
    "Scope",
    "load_plugins",
    "open_resolved",
    "open_source",
    "parse_source_config",
    "plugin_for",
    "plugins",
    "register",
    "scope_from_message",
    "status_code",
]
