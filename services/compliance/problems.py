"""What is wrong with a policy: one problem per bad field, for ValidatePolicy and for
the field violations CreatePolicy and UpdatePolicy refuse with."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A bad field, by its path in the policy (``rules[2].require.fact.fact``); ``line``
    and ``column`` (1-based) point into an expression when the problem is in one."""

    field: str
    message: str
    rule_id: str = ""
    line: int = 0
    column: int = 0


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """``; did you mean "owners"?`` when a known word is close, else nothing."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""
