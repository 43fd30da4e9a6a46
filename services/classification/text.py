"""Sensitive spans in free text: which entity, where (code-point offsets), how sure.

Each text-capable classifier proposes candidate spans with its finder (a regular
expression tuned for text), then judges each candidate with the same checks it uses on
whole values, so a 16-digit number in a sentence is a card only when it passes Luhn.
WEAK candidates need a context word just before them ("SSN 123456789"). Overlaps are
resolved by score, then length: an email never also reports the URL-looking tail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.classification.classifiers import Classifier, Verdict

CONTEXT_WINDOW = 48  # characters before a span searched for context words


@dataclass(frozen=True, slots=True)
class Span:
    """One entity found in a text."""

    classifier: Classifier
    start: int
    end: int
    score: float


def _score(item: Classifier, verdict: Verdict, has_context: bool) -> float:
    base = 0.5 + 0.45 * item.strength
    if verdict is Verdict.WEAK:
        base -= 0.15
    return round(min(0.99, base + (0.05 if has_context else 0.0)), 4)


def _has_context(item: Classifier, lowered: str, start: int) -> bool:
    window = lowered[max(0, start - CONTEXT_WINDOW) : start]
    return any(word in window for word in item.context)


def find_spans(text: str, classifiers: Sequence[Classifier], min_score: float = 0.0) -> list[Span]:
    """The non-overlapping spans of ``classifiers`` in ``text``, in order of ``start``."""
    found: list[Span] = []
    lowered = ""
    for item in classifiers:
        finder = item.text_finder
        if finder is None:
            continue
        for start, end in finder(text):
            candidate = text[start:end]
            stripped = candidate.strip(" .,;:()")
            if not stripped:
                continue
            start += candidate.index(stripped)
            end = start + len(stripped)
            verdict = item.evaluate(stripped)
            if verdict is not Verdict.YES and verdict is not Verdict.WEAK:
                continue
            if not lowered:
                lowered = text.lower()
            context = _has_context(item, lowered, start)
            if verdict is Verdict.WEAK and not context:
                continue
            score = _score(item, verdict, context)
            if score >= min_score:
                found.append(Span(item, start, end, score))
    return _resolve(found)


def _resolve(spans: list[Span]) -> list[Span]:
    """Keeps the best of overlapping spans: higher score, then longer."""
    if len(spans) < 2:
        return spans
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-s.score, s.start - s.end, s.start)):
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def looks_like_text(value: str) -> bool:
    """Free text rather than a value: several words and some length."""
    return len(value) >= 20 and value.count(" ") >= 3
