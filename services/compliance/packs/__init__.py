"""Built-in framework packs: one module per framework, each exposing ``PACK``.

A pack is read-only: CreatePolicy copies its rules into a workspace policy
(``from_framework_pack``), where they can be tuned. Adding a framework means adding a
module here; nothing else lists them.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from services.compliance.packs._build import Pack


@cache
def _packs() -> dict[str, Pack]:
    found: dict[str, Pack] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        pack = getattr(module, "PACK", None)
        if not isinstance(pack, Pack):
            raise TypeError(f"{module.__name__} must expose PACK: Pack")
        found[pack.id] = pack
    return dict(sorted(found.items(), key=lambda item: item[1].display_name.lower()))


def get(framework_id: str) -> Pack | None:
    """The pack of ``gdpr``, ``hipaa``, ``pci-dss`` or ``soc2``; None when unknown."""
    return _packs().get(framework_id)


def ids() -> list[str]:
    return list(_packs())


def all_packs() -> list[Pack]:
    """Every pack, by display name."""
    return list(_packs().values())


__all__ = ["Pack", "all_packs", "get", "ids"]
