"""Column-level decisions: sampled values and a column name in, labels with evidence out.

For each classifier the engine counts, over the sampled non-null values, the matches
(values that fit the pattern and pass the validator), the WEAK matches (values that fit
but say too little on their own), and the validator rejections. A column is labelled
when ``matched / sampled`` reaches the threshold, and at least ``min_distinct`` distinct
values matched. The column name only helps: a name hint lowers the threshold, lets WEAK
matches count and raises confidence, but it never labels a column whose values do not
match (``email_opt_in`` holding true/false is not an email column). The one exception is
a column with no non-null values at all, which a hint labels with low confidence, and
the evidence says so.

Speed comes from the signature pre-filter: each distinct value is reduced to the set of
character classes it holds (digits, capitals, small letters, each punctuation mark), one
C-level ``str.translate``; the classifiers whose ``charset``/``required`` admit that
signature are computed once per signature and cached, so a value is only ever shown to
the handful of classifiers it could belong to.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from services.classification.classifiers import OTHER, Classifier, Method, Verdict
from services.classification.text import find_spans, looks_like_text

_TABLE = str.maketrans(
    {
        **dict.fromkeys(string.digits, "d"),
        **dict.fromkeys(string.ascii_uppercase, "U"),
        **dict.fromkeys(string.ascii_lowercase, "l"),
        **dict.fromkeys("\t\n\r\f\v", " "),
    }
)
_KNOWN = frozenset("dUl ") | frozenset(string.punctuation)
_CACHE_LIMIT = 50_000
EMPTY_COLUMN_CONFIDENCE = 0.2
TEXT_COLUMN_SHARE = 0.3  # a column is free text when this share of its values is


@dataclass(frozen=True, slots=True)
class ColumnInput:
    """A column to classify."""

    key: str
    column_name: str
    values: Sequence[str]
    table_name: str = ""
    data_type: str = ""


@dataclass(slots=True)
class Tally:
    yes: int = 0
    weak: int = 0
    rejected: int = 0
    distinct_yes: int = 0
    distinct_weak: int = 0


@dataclass(slots=True)
class Finding:
    """A candidate label and why it was, or was not, given."""

    classifier: Classifier
    method: Method
    sampled: int
    matched: int
    distinct_matched: int
    rejected: int
    weak_used: int
    name_matched: bool
    name_against: bool
    threshold: float
    confidence: float = 0.0
    labelled: bool = False
    suppressed: list[str] = field(default_factory=list)
    suppressed_by: str = ""
    empty_column: bool = False

    @property
    def ratio(self) -> float:
        return self.matched / self.sampled if self.sampled else 0.0

    def explanation(self) -> str:
        """A sentence for people; it never quotes a sampled value."""
        name = self.classifier.display_name
        if self.empty_column:
            return (
                f"no non-null values were sampled; labelled {name} from the column name"
                " alone, with low confidence"
            )
        if self.method is Method.TEXT_SPANS:
            text = f"{self.matched} of {self.sampled} sampled texts hold {name} spans"
        else:
            text = f"{self.matched} of {self.sampled} sampled values match {name}"
        parts = [text]
        if self.rejected:
            parts.append(f"{self.rejected} more had its shape but failed its check")
        if self.name_matched:
            parts.append("the column name matched")
            if self.weak_used:
                parts.append(f"{self.weak_used} count only because of the column name")
        elif self.name_against:
            parts.append("the column name argues against it")
        verdict = "at or above" if self.ratio >= self.threshold else "below"
        parts.append(f"{self.ratio:.0%} is {verdict} the {self.threshold:.0%} threshold")
        if self.suppressed_by:
            parts.append(f"suppressed by {self.suppressed_by}")
        return "; ".join(parts)


@dataclass(slots=True)
class ColumnOutcome:
    key: str
    labels: list[Finding]
    rejected: list[Finding]


def normalise_column_name(name: str) -> str:
    """``customerEmail``, ``Customer Email`` and ``customer-email`` -> ``customer_email``."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name.strip())
    return re.sub(r"[^a-z0-9]+", "_", snake.lower()).strip("_")


def _confidence(item: Classifier, finding: Finding) -> float:
    if finding.method is Method.TEXT_SPANS:
        share = min(1.0, finding.ratio / max(finding.threshold, 1e-9) / 3)
        value = 0.45 + 0.3 * item.strength * share + 0.15 * share
    else:
        value = finding.ratio * (0.55 + 0.35 * item.strength)
        if finding.matched:
            value -= 0.15 * finding.weak_used / finding.matched
    if finding.name_matched:
        value += 0.12
    elif finding.name_against:
        value -= 0.1
    return round(max(0.05, min(0.99, value)), 4)


class Engine:
    """Classifies columns with a fixed set of classifiers; safe to share and reuse."""

    def __init__(self, classifiers: Sequence[Classifier]) -> None:
        self.classifiers = tuple(classifiers)
        self._by_id = {c.id: c for c in self.classifiers}
        self._text = tuple(c for c in self.classifiers if c.text_finder is not None)
        self._weak_only = tuple(c for c in self.classifiers if c.weak_only)
        self._candidates: dict[
            tuple[frozenset[str], frozenset[str], int, str], tuple[Classifier, ...]
        ] = {}

    def _admit(
        self, active: frozenset[str], signature: frozenset[str], size: int, first: str
    ) -> tuple[Classifier, ...]:
        classes = frozenset(c if c in _KNOWN else OTHER for c in signature)
        chosen = tuple(
            c
            for c in self.classifiers
            if (not c.weak_only or c.id in active) and c.admits(classes, size, first)
        )
        if len(self._candidates) >= _CACHE_LIMIT:
            self._candidates.clear()
        self._candidates[(active, signature, size, first)] = chosen
        return chosen

    def active_weak(self, name: str) -> frozenset[str]:
        """The WEAK-only classifiers this column name backs; the others cannot label it
        and are not run."""
        if not name:
            return frozenset()
        return frozenset(c.id for c in self._weak_only if c.name_hint(name) is True)

    def tally(self, counts: Counter[str], active: frozenset[str] = frozenset()) -> dict[str, Tally]:
        """Per-classifier match counts over distinct values weighted by frequency."""
        tallies: dict[str, Tally] = {}
        cache, table = self._candidates, _TABLE
        for value, count in counts.items():
            key = (active, frozenset(value.translate(table)), len(value), value[0])
            candidates = cache.get(key)
            if candidates is None:
                candidates = self._admit(*key)
            for item in candidates:
                verdict = item.judge(value)
                if verdict is Verdict.NO:
                    continue
                tally = tallies.get(item.id)
                if tally is None:
                    tally = tallies[item.id] = Tally()
                if verdict is Verdict.YES:
                    tally.yes += count
                    tally.distinct_yes += 1
                elif verdict is Verdict.WEAK:
                    tally.weak += count
                    tally.distinct_weak += 1
                else:
                    tally.rejected += count
        return tallies

    def _text_tally(self, counts: Counter[str]) -> dict[str, Tally]:
        tallies: dict[str, Tally] = {}
        for value, count in counts.items():
            if not looks_like_text(value):
                continue
            for item_id in {span.classifier.id for span in find_spans(value, self._text)}:
                tally = tallies.setdefault(item_id, Tally())
                tally.yes += count
                tally.distinct_yes += 1
        return tallies

    def classify(self, column: ColumnInput, include_rejected: bool = False) -> ColumnOutcome:
        counts = Counter(v for v in (raw.strip() for raw in column.values) if v)
        sampled = sum(counts.values())
        name = normalise_column_name(column.column_name)
        tallies = self.tally(counts, self.active_weak(name))
        findings = self._decide(name, counts, sampled, tallies, Method.DATA_PATTERN)
        covered = max((f.ratio for f in findings if f.labelled), default=0.0)
        if self._text and covered < 0.5 and counts:
            texts = sum(1 for v in counts if looks_like_text(v))
            if texts >= TEXT_COLUMN_SHARE * len(counts):
                labelled = {f.classifier.id for f in findings if f.labelled}
                text_findings = self._decide(
                    name, counts, sampled, self._text_tally(counts), Method.TEXT_SPANS
                )
                findings += [f for f in text_findings if f.classifier.id not in labelled]
        if sampled == 0:
            findings += self._name_only(name)
        labels = [f for f in findings if f.labelled]
        self._suppress(labels)
        labels = [f for f in labels if f.labelled]
        labels.sort(key=lambda f: (-f.confidence, f.classifier.id))
        rejected: list[Finding] = []
        if include_rejected:
            rejected = [f for f in findings if not f.labelled]
            rejected.sort(key=lambda f: (-f.ratio, f.classifier.id))
        return ColumnOutcome(column.key, labels, rejected)

    def _decide(
        self,
        name: str,
        counts: Counter[str],
        sampled: int,
        tallies: dict[str, Tally],
        method: Method,
    ) -> list[Finding]:
        findings: list[Finding] = []
        for item_id, tally in tallies.items():
            item = self._by_id[item_id]
            hint = item.name_hint(name) if name else None
            hinted = hint is True
            matched = tally.yes + (tally.weak if hinted else 0)
            distinct = tally.distinct_yes + (tally.distinct_weak if hinted else 0)
            if method is Method.TEXT_SPANS:
                threshold = item.text_threshold
            else:
                threshold = item.name_threshold if hinted else item.threshold
            finding = Finding(
                classifier=item,
                method=item.method if method is Method.DATA_PATTERN else method,
                sampled=sampled,
                matched=matched,
                distinct_matched=distinct,
                rejected=tally.rejected,
                weak_used=tally.weak if hinted else 0,
                name_matched=hinted,
                name_against=hint is False,
                threshold=threshold,
            )
            finding.labelled = (
                matched > 0
                and finding.ratio >= threshold
                and distinct >= min(item.min_distinct, sampled)
            )
            finding.confidence = _confidence(item, finding)
            findings.append(finding)
        return findings

    def _name_only(self, name: str) -> list[Finding]:
        """Labels for a column with no sampled values, from a matching name alone."""
        found: list[Finding] = []
        for item in self.classifiers:
            if name and item.name_hint(name) is True:
                finding = Finding(item, item.method, 0, 0, 0, 0, 0, True, False, 0.0)
                finding.labelled, finding.empty_column = True, True
                finding.confidence = EMPTY_COLUMN_CONFIDENCE
                found.append(finding)
        return found

    @staticmethod
    def _suppress(labels: list[Finding]) -> None:
        """Drops labels another label on the column suppresses (email drops URL)."""
        present = {f.classifier.id: f for f in labels}
        for finding in labels:
            if not finding.labelled:
                continue
            for other_id in finding.classifier.suppresses:
                other = present.get(other_id)
                if other is not None and other.labelled and other is not finding:
                    other.labelled = False
                    other.suppressed_by = finding.classifier.name
                    finding.suppressed.append(other.classifier.name)
