"""What a classifier is, and the registry built-ins add themselves to.

A classifier is a frozen description (pattern, validator, hints, thresholds) plus an
optional matcher function, so the engine treats built-ins and workspace classifiers the
same way. Built-ins register with the ``@classifier(...)`` decorator or ``define(...)``
in their family module; nothing central lists them (DataHub-style plug-ins).

The pre-filter fields (``charset``, ``required``, ``min_len``, ``max_len``,
``prefixes``) exist for speed: they are checked with cheap C-level operations before any
regular expression, validator, phone parser or dictionary runs, so an expensive check
only ever sees values that could plausibly match.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol


class Category(enum.StrEnum):
    """The kind of sensitive data; mirrors the contract's ``Category``."""

    PII = "pii"
    FINANCIAL = "financial"
    HEALTH = "health"
    SECRET = "secret"  # noqa: S105 - a category name, not a password
    GOVERNMENT_ID = "government_id"
    NETWORK = "network"
    LOCATION = "location"
    OTHER = "other"


class Sensitivity(enum.IntEnum):
    """How sensitive; mirrors the contract's ``Sensitivity`` numbers."""

    PUBLIC = 1
    INTERNAL = 2
    CONFIDENTIAL = 3
    RESTRICTED = 4


class Method(enum.IntEnum):
    """What a match rests on; mirrors the contract's ``MatchMethod`` numbers."""

    DATA_PATTERN = 1
    DICTIONARY = 2
    TEXT_SPANS = 3
    DETECTOR = 4


class ValidatorKind(enum.IntEnum):
    """The named checks; mirrors the contract's ``Validator`` numbers."""

    NONE = 0
    LUHN = 1
    MOD97 = 2
    VERHOEFF = 3
    ABA_ROUTING = 4
    PHONE_NUMBER = 5
    DATE = 6
    IP_ADDRESS = 7
    EMAIL = 8
    ENTROPY = 9
    CHECKSUM = 100  # a classifier-specific check digit (national ids); shown as unspecified


class Verdict(enum.IntEnum):
    """The outcome for one value."""

    NO = 0  # not this entity
    YES = 1  # a match
    WEAK = 2  # a match only when the column name (or, in text, a context word) backs it
    REJECTED = 3  # had the entity's shape but failed its validator


Matcher = Callable[[str], Verdict]


class Searcher(Protocol):
    """A compiled pattern with ``search`` (Python's re, or RE2 for custom patterns)."""

    def search(self, text: str) -> object: ...


class TextFinder(Protocol):
    """Finds candidate spans of an entity in free text."""

    def __call__(self, text: str) -> Iterable[tuple[int, int]]: ...


# Signature classes: every character of a value maps to one of these (punctuation
# maps to itself), and a classifier's ``charset`` is a set of them.
DIGIT, UPPER, LOWER, SPACE, OTHER = "d", "U", "l", " ", "x"
LETTERS = UPPER + LOWER
ANY: frozenset[str] | None = None  # charset that admits every character


@dataclass(frozen=True, slots=True)
class Classifier:
    """One kind of sensitive data and how to recognise it."""

    id: str
    label: str
    display_name: str
    category: Category
    sensitivity: Sensitivity
    description: str = ""
    # Full-match pattern (RE2-compatible, shown to users); compiled with Python's re.
    pattern: str = ""
    # Code run after the pattern (or instead of it): validators, parsers, dictionaries.
    matcher: Matcher | None = None
    validator: ValidatorKind = ValidatorKind.NONE
    method: Method = Method.DATA_PATTERN
    # Pre-filter: allowed signature classes (None = any), required ones, lengths, prefixes.
    charset: frozenset[str] | None = ANY
    required: frozenset[str] = frozenset()
    # Alternatives to ``required``: a value qualifies when it holds one of these sets.
    required_any: tuple[frozenset[str], ...] = ()
    min_len: int = 1
    max_len: int = 10_000
    prefixes: tuple[str, ...] = ()
    # Column-name hints: regexes searched in the normalised (snake_case) column name.
    name_hints: tuple[str, ...] = ()
    negative_hints: tuple[str, ...] = ()
    threshold: float = 0.6
    name_threshold: float = 0.4
    min_distinct: int = 1
    # True when every match is WEAK: without a column-name hint such a classifier cannot
    # label a column, so the engine does not even run it on unhinted columns.
    weak_only: bool = False
    # How much a match alone says, in [0, 1]: a checksum over many digits says a lot,
    # five digits that could be a ZIP code say little.
    strength: float = 0.7
    # Free text: a finder of candidate spans, and words that back WEAK spans nearby.
    text_finder: TextFinder | None = None
    context: tuple[str, ...] = ()
    text_threshold: float = 0.1
    suppresses: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    built_in: bool = True
    version: str = "1"
    # Compiled forms, filled in by __post_init__.
    compiled: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    hint_re: Searcher | None = field(default=None, compare=False, repr=False)
    negative_re: Searcher | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.pattern and self.compiled is None:
            object.__setattr__(self, "compiled", re.compile(self.pattern))
        if self.name_hints and self.hint_re is None:
            object.__setattr__(self, "hint_re", re.compile("|".join(self.name_hints)))
        if self.negative_hints and self.negative_re is None:
            object.__setattr__(self, "negative_re", re.compile("|".join(self.negative_hints)))

    @property
    def name(self) -> str:
        """The resource name of a built-in; custom ones carry theirs in ``id``."""
        return self.id if "/" in self.id else f"classifiers/{self.id}"

    def admits(self, classes: frozenset[str], size: int, first: str) -> bool:
        """The signature pre-filter: could a value of this length and first character,
        holding exactly these character classes, match?"""
        if size < self.min_len or size > self.max_len:
            return False
        if self.prefixes and not any(p.startswith(first) for p in self.prefixes):
            return False
        if not self.required <= classes:
            return False
        if self.required_any and not any(r <= classes for r in self.required_any):
            return False
        return self.charset is None or classes <= self.charset

    def evaluate(self, value: str) -> Verdict:
        """The verdict for one stripped, non-empty value, pre-filter included."""
        size = len(value)
        if size < self.min_len or size > self.max_len:
            return Verdict.NO
        return self.judge(value)

    def judge(self, value: str) -> Verdict:
        """The verdict for a value that already passed ``admits``."""
        if self.prefixes and not value.startswith(self.prefixes):
            return Verdict.NO
        if self.compiled is not None and self.compiled.fullmatch(value) is None:
            return Verdict.NO
        if self.matcher is None:
            return Verdict.YES
        return self.matcher(value)

    def name_hint(self, column: str) -> bool | None:
        """True when the name backs this classifier, False when it argues against it,
        None when it says nothing."""
        if self.negative_re is not None and self.negative_re.search(column):
            return False
        if self.hint_re is not None and self.hint_re.search(column):
            return True
        return None


_REGISTRY: dict[str, Classifier] = {}


def register(item: Classifier) -> Classifier:
    """Adds a built-in to the registry; a second one with the same id is a bug."""
    if item.id in _REGISTRY:
        raise ValueError(f"classifier {item.id!r} registered twice")
    _REGISTRY[item.id] = item
    return item


def define(**spec: object) -> Classifier:
    """Creates and registers a classifier that needs no code beyond its pattern."""
    return register(Classifier(**spec))  # type: ignore[arg-type]  # checked by the dataclass


def classifier(**spec: object) -> Callable[[Matcher], Matcher]:
    """Decorator: registers a classifier whose matcher is the decorated function."""

    def wrap(function: Matcher) -> Matcher:
        doc = (function.__doc__ or "").strip()
        spec.setdefault("description", doc.split("\n\n", 1)[0].replace("\n", " "))
        register(Classifier(matcher=function, **spec))  # type: ignore[arg-type]
        return function

    return wrap


def registry() -> dict[str, Classifier]:
    """The registered built-ins by id (a live view; load them with ``builtins()``)."""
    return _REGISTRY


def chars(*groups: str) -> frozenset[str]:
    """A charset from signature classes and literal punctuation: ``chars(DIGIT, "-")``."""
    return frozenset("".join(groups))


def hint(*words: str) -> str:
    """A column-name regex matching any of ``words`` as whole snake_case tokens."""
    return r"(?:^|_)(?:" + "|".join(words) + r")(?:$|_)"
