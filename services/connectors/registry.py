"""Connector plug-ins register themselves here; callers find them by kind.

A plug-in is a ``Connector`` subclass decorated with ``@register(...)``, which
declares its kind, capabilities, the proto config it reads and the optional modules its
driver needs. Built-in plug-ins are the public modules of ``services.connectors.sql``
and ``services.connectors.files`` (imported by ``load_plugins``), and third-party ones
come in through the ``pursight.connectors`` entry point group, so adding a kind means
adding a module, never editing a switch.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import logging
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from services.connectors.errors import ConnectorError
from services.connectors.model import (
    Capabilities,
    Credential,
    CredentialType,
    FailureKind,
    FileFormat,
    Kind,
    Limits,
    ObjectType,
)

if TYPE_CHECKING:
    from services.connectors.base import Connector

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "pursight.connectors"
_BUILTIN_PACKAGES = ("services.connectors.sql", "services.connectors.files")

C = TypeVar("C", bound="type[Connector]")


@dataclass(frozen=True)
class Plugin:
    """A registered connector and what it declares about itself."""

    kind: Kind
    name: str  # the plug-in id, ``postgresql``
    display_name: str
    description: str
    config_field: str  # the field of DataSource's ``config`` oneof it reads
    connector: type[Connector]
    capabilities: Capabilities
    object_types: tuple[ObjectType, ...]
    credential_types: tuple[CredentialType, ...]
    file_formats: tuple[FileFormat, ...] = ()
    default_port: int = 0
    requires: tuple[str, ...] = ()  # importable modules its driver needs
    extra: str = ""  # the pip extra that installs them
    version: str = "1.0.0"

    def unavailable_reason(self) -> str:
        """Empty when the driver is importable; otherwise what to install."""
        missing = [m for m in self.requires if not _importable(m)]
        if not missing:
            return ""
        fix = f"pip install 'pursight[{self.extra}]'" if self.extra else "install the driver"
        return f"driver not installed ({', '.join(missing)}); {fix}"

    @property
    def available(self) -> bool:
        return not self.unavailable_reason()

    def parse_config(self, message: Any) -> Any:
        """The plug-in's typed config from its proto message; raises ConfigError."""
        return self.connector.parse_config(message)

    def open(
        self,
        config: Any,
        credential: Credential | None,
        limits: Limits | None = None,
        *,
        source_key: str = "",
    ) -> Connector:
        """A connector for one source. Nothing connects until it is used."""
        reason = self.unavailable_reason()
        if reason:
            raise ConnectorError(FailureKind.DRIVER_MISSING, f"{self.display_name}: {reason}")
        return self.connector(config, credential, limits or Limits(), source_key=source_key)


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # a dotted name whose parent package is missing
        return False


_plugins: dict[Kind, Plugin] = {}


def register(**declared: Any) -> Callable[[C], C]:
    """Class decorator: registers the connector with what ``declared`` says
    (the fields of ``Plugin`` but ``connector``)."""

    def decorate(cls: C) -> C:
        plugin = Plugin(connector=cls, **declared)
        existing = _plugins.get(plugin.kind)
        if existing is not None and existing.connector is not cls:
            raise ValueError(
                f"{plugin.kind.name} is served by {existing.connector.__qualname__} already"
            )
        _plugins[plugin.kind] = plugin
        cls.plugin = plugin
        return cls

    return decorate


@cache
def load_plugins() -> tuple[str, ...]:
    """Imports the built-in plug-in modules and the entry-point ones; returns their names.

    Once per process: every plug-in lookup asks for it, and scanning the installed
    distributions for entry points took longer than the call it served."""
    loaded: list[str] = []
    for package_name in _BUILTIN_PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            if not info.name.startswith("_"):
                loaded.append(importlib.import_module(f"{package_name}.{info.name}").__name__)
    for entry in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry.load()
        except Exception:  # a broken third-party plug-in must not take the service down
            log.exception("cannot load connector plug-in %s", entry.value)
            continue
        loaded.append(entry.value)
    return tuple(loaded)


def plugins() -> list[Plugin]:
    """Every registered plug-in, ordered by kind."""
    load_plugins()
    return [_plugins[k] for k in sorted(_plugins)]


def plugin_for(kind: int) -> Plugin:
    """The plug-in serving ``kind``; LookupError when none does."""
    load_plugins()
    try:
        return _plugins[Kind(kind)]
    except (ValueError, KeyError):
        raise LookupError(f"no connector plug-in for kind {kind}") from None
