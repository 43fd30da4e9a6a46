"""The classifier plug-in library.

Every public module of this package is a family of built-in classifiers (contact,
network, financial, government and national ids, personal, location, secrets, health)
that registers its classifiers when imported. ``builtins()`` imports them all, found by
walking the package, so adding a family or a classifier touches no list here.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from services.classification.classifiers._base import (
    ANY,
    DIGIT,
    LETTERS,
    LOWER,
    OTHER,
    SPACE,
    UPPER,
    Category,
    Classifier,
    Method,
    Sensitivity,
    ValidatorKind,
    Verdict,
    chars,
    classifier,
    define,
    hint,
    registry,
)


@lru_cache(maxsize=1)
def builtins() -> tuple[Classifier, ...]:
    """Every built-in classifier, sorted by id; imports the family modules once."""
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    return tuple(sorted(registry().values(), key=lambda c: c.id))


def builtin(classifier_id: str) -> Classifier | None:
    """One built-in by id, or None."""
    builtins()
    return registry().get(classifier_id)


__all__ = [
    "ANY",
    "DIGIT",
    "LETTERS",
    "LOWER",
    "OTHER",
    "SPACE",
    "UPPER",
    "Category",
    "Classifier",
    "Method",
    "Sensitivity",
    "ValidatorKind",
    "Verdict",
    "builtin",
    "builtins",
    "chars",
    "classifier",
    "define",
    "hint",
]
