"""First- and last-name dictionaries, read from the Faker package's person providers.

Faker ships name lists for dozens of locales as plain Python data; we use the
Latin-script ones as a runtime data dependency instead of copying a list into this
repository. They load on first use (about 0.2 s), so a process that never classifies a
name never pays for them.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from functools import lru_cache

LOCALES = (
    "en_US",
    "en_GB",
    "en_IE",
    "en_IN",
    "en_CA",
    "en_AU",
    "fr_FR",
    "de_DE",
    "es_ES",
    "es_MX",
    "it_IT",
    "pt_BR",
    "pt_PT",
    "nl_NL",
    "sv_SE",
    "da_DK",
    "no_NO",
    "pl_PL",
)
_FIRST_ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
# Words that are names in some list but mostly something else in data.
_NOT_NAMES = frozenset(
    [
        "the",
        "and",
        "of",
        "for",
        "with",
        "from",
        "test",
        "user",
        "admin",
        "null",
        "none",
        "unknown",
        "new",
        "old",
        "sale",
        "order",
        "item",
        "total",
        "north",
        "south",
        "east",
        "west",
        "street",
        "road",
        "city",
        "park",
        "hill",
        "may",
        "will",
        "long",
        "white",
        "green",
    ]
)


def _words(source: object) -> Iterable[str]:
    if isinstance(source, Mapping):
        source = source.keys()
    if isinstance(source, (tuple, list)) or hasattr(source, "__iter__"):
        for entry in source:  # tuples, lists and dict views
            if isinstance(entry, str):
                yield from entry.replace("-", " ").split()


@lru_cache(maxsize=1)
def dictionaries() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, last names), lower-cased, from every locale that loads."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in LOCALES:
        try:
            module = importlib.import_module(f"faker.providers.person.{locale}")
        except ImportError:
            continue
        provider = module.Provider
        for attr in _FIRST_ATTRS:
            first.update(w.lower() for w in _words(getattr(provider, attr, ())))
        last.update(w.lower() for w in _words(getattr(provider, "last_names", ())))
    return frozenset(first - _NOT_NAMES), frozenset(last - _NOT_NAMES)
