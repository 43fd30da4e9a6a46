"""Custom classifiers: checking a definition, and turning it into an engine classifier.

User-supplied regular expressions are compiled with RE2 (the ``google-re2`` package),
as the contract promises: RE2 matches in time linear in the input, so no pattern,
however nested its quantifiers, can backtrack catastrophically and stall a scan.
Constructs RE2 refuses (backreferences, lookaround) are reported as definition
problems, as are patterns that are too long or compile to too large a program.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import re2  # type: ignore[import-untyped]  # google-re2 ships no type hints

from services.classification.classifiers import (
    Category,
    Classifier,
    Method,
    Sensitivity,
    ValidatorKind,
    Verdict,
)
from services.classification.classifiers._checksums import (
    aba_routing,
    digits_only,
    looks_random,
    luhn,
    mod97,
    verhoeff,
)
from services.classification.classifiers.contact import is_email, phone_number
from services.classification.classifiers.personal import _DATE

MAX_PATTERNS = 20
MAX_PATTERN_LENGTH = 1000
MAX_DICTIONARY = 100_000
MAX_DICTIONARY_ENTRY = 256
RE2_MAX_MEMORY = 8 << 20  # bytes of compiled program per pattern
COUNTRY = re.compile(r"^[A-Z]{2}$")
CLASSIFIER_NAME = re.compile(
    r"^(?:classifiers/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
    r"|workspaces/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?/classifiers/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)$"
)


@dataclass(frozen=True)
class Definition:
    """A custom classifier's stored fields (the contract's input fields)."""

    name: str
    display_name: str
    description: str = ""
    category: Category = Category.OTHER
    sensitivity: Sensitivity = Sensitivity.CONFIDENTIAL
    data_patterns: tuple[str, ...] = ()
    column_name_patterns: tuple[str, ...] = ()
    dictionary: tuple[str, ...] = ()
    dictionary_case_sensitive: bool = False
    validator: ValidatorKind = ValidatorKind.NONE
    min_match_threshold: float = 0.0
    column_name_threshold: float = 0.0
    min_distinct_matches: int = 0
    find_in_text: bool = False
    suppresses: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    version: int = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a definition, by field path."""

    field: str
    message: str


def _options(case_sensitive: bool = True) -> Any:
    options = re2.Options()
    options.log_errors = False
    options.max_mem = RE2_MAX_MEMORY
    options.case_sensitive = case_sensitive
    return options


def _re2_message(error: Exception) -> str:
    detail = error.args[0] if error.args else error
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    return f"not a valid RE2 expression: {detail}"


def compile_pattern(pattern: str, case_sensitive: bool = True) -> Any:
    """The compiled RE2 pattern; raises ValueError with a message for people."""
    if not pattern:
        raise ValueError("must not be empty")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValueError(f"must be at most {MAX_PATTERN_LENGTH} characters")
    try:
        return re2.compile(pattern, options=_options(case_sensitive))
    except re2.error as exc:
        raise ValueError(_re2_message(exc)) from None


def _check_patterns(patterns: Sequence[str], field: str, case_sensitive: bool) -> Iterator[Problem]:
    if len(patterns) > MAX_PATTERNS:
        yield Problem(field, f"at most {MAX_PATTERNS} patterns")
    for index, pattern in enumerate(patterns):
        try:
            compile_pattern(pattern, case_sensitive)
        except ValueError as exc:
            yield Problem(f"{field}[{index}]", str(exc))


def _check_numbers(definition: Definition) -> Iterator[Problem]:
    for field in ("min_match_threshold", "column_name_threshold"):
        value = getattr(definition, field)
        if not 0.0 <= value <= 1.0:
            yield Problem(f"classifier.{field}", "must be between 0 and 1")
    if not 0 <= definition.min_distinct_matches <= 10_000:
        yield Problem("classifier.min_distinct_matches", "must be between 0 and 10000")


def problems(definition: Definition) -> list[Problem]:
    """Everything wrong with a definition; empty when it can be saved."""
    found: list[Problem] = []
    if not 1 <= len(definition.display_name.strip()) <= 200:
        found.append(Problem("classifier.display_name", "must be 1-200 characters"))
    if len(definition.description) > 4000:
        found.append(Problem("classifier.description", "must be at most 4000 characters"))
    if not definition.data_patterns and not definition.dictionary:
        found.append(
            Problem("classifier.data_patterns", "a data pattern or a dictionary is required")
        )
    found += _check_patterns(definition.data_patterns, "classifier.data_patterns", True)
    found += _check_patterns(
        definition.column_name_patterns, "classifier.column_name_patterns", False
    )
    if len(definition.dictionary) > MAX_DICTIONARY:
        found.append(Problem("classifier.dictionary", f"at most {MAX_DICTIONARY:,} entries"))
    for index, entry in enumerate(definition.dictionary):
        if not entry.strip() or len(entry) > MAX_DICTIONARY_ENTRY:
            found.append(Problem(f"classifier.dictionary[{index}]", "must be 1-256 characters"))
            break
    found += _check_numbers(definition)
    for index, name in enumerate(definition.suppresses):
        if not CLASSIFIER_NAME.match(name):
            found.append(
                Problem(f"classifier.suppresses[{index}]", "must be a classifier resource name")
            )
    for index, code in enumerate(definition.countries):
        if not COUNTRY.match(code):
            found.append(
                Problem(f"classifier.countries[{index}]", "must be an ISO 3166 alpha-2 code")
            )
    return found


def _phone(value: str) -> bool:
    return phone_number(value) in (Verdict.YES, Verdict.WEAK)


def _ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


VALIDATORS: dict[ValidatorKind, Callable[[str], bool]] = {
    ValidatorKind.LUHN: lambda v: luhn(digits_only(v)),
    ValidatorKind.MOD97: lambda v: mod97(v.replace(" ", "").upper()),
    ValidatorKind.VERHOEFF: lambda v: verhoeff(digits_only(v)),
    ValidatorKind.ABA_ROUTING: lambda v: aba_routing(digits_only(v)),
    ValidatorKind.PHONE_NUMBER: _phone,
    ValidatorKind.DATE: lambda v: _DATE.fullmatch(v) is not None,
    ValidatorKind.IP_ADDRESS: _ip,
    ValidatorKind.EMAIL: is_email,
    ValidatorKind.ENTROPY: looks_random,
}


def _suppressed_id(name: str) -> str:
    """Built-ins are keyed by id in the engine, custom classifiers by resource name."""
    return name.removeprefix("classifiers/") if name.startswith("classifiers/") else name


def build(definition: Definition) -> Classifier:
    """The engine classifier for a saved (so valid) definition."""
    patterns = [compile_pattern(p) for p in definition.data_patterns]
    case_sensitive = definition.dictionary_case_sensitive
    words = frozenset(w if case_sensitive else w.casefold() for w in definition.dictionary)
    check = VALIDATORS.get(definition.validator)

    def matcher(value: str) -> Verdict:
        if words and (value if case_sensitive else value.casefold()) in words:
            return Verdict.YES
        for pattern in patterns:
            if pattern.fullmatch(value) is not None:
                return Verdict.YES if check is None or check(value) else Verdict.REJECTED
        return Verdict.NO

    def finder(text: str) -> Iterator[tuple[int, int]]:
        for pattern in patterns:
            for match in pattern.finditer(text):
                yield match.span()

    threshold = definition.min_match_threshold or 0.6
    hints = tuple(definition.column_name_patterns)
    return Classifier(
        id=definition.name,
        label="custom." + definition.name.rsplit("/", 1)[-1],
        display_name=definition.display_name,
        description=definition.description,
        category=definition.category,
        sensitivity=definition.sensitivity,
        matcher=matcher,
        validator=definition.validator,
        method=Method.DATA_PATTERN if patterns else Method.DICTIONARY,
        charset=None,
        max_len=10_000,
        threshold=threshold,
        name_threshold=definition.column_name_threshold or threshold,
        min_distinct=definition.min_distinct_matches or 1,
        strength=0.8 if check is not None else 0.7,
        text_finder=finder if definition.find_in_text and patterns else None,
        suppresses=tuple(_suppressed_id(s) for s in definition.suppresses),
        countries=definition.countries,
        built_in=False,
        version=str(definition.version),
        hint_re=re2.compile("|".join(f"(?:{h})" for h in hints), options=_options(False))
        if hints
        else None,
    )
