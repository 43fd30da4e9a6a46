"""Column profiles computed from a sample, for sources without cheap statistics.

The distinct count of the whole column is estimated from the sample with the Duj1
estimator (Haas et al., the one PostgreSQL's ANALYZE uses): exact when the sample holds
every row, scaled by how many values were seen once otherwise.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from services.connectors.model import ColumnProfile


def _as_number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def distinct_estimate(counts: Counter[str], sampled: int, total: int | None) -> int:
    """Estimated distinct values in ``total`` rows from the non-null ``counts`` of a
    sample of ``sampled`` rows."""
    distinct = len(counts)
    if not total or total <= sampled or sampled == 0:
        return distinct
    once = sum(1 for c in counts.values() if c == 1)
    if once == sampled:  # every sampled value unique: probably a key
        return total
    estimate = sampled * distinct / (sampled - once + once * sampled / total)
    return max(distinct, min(total, round(estimate)))


def profile_values(values: Sequence[str | None], total: int | None = None) -> ColumnProfile:
    """Profile of one sampled column; ``total`` is the object's row estimate."""
    present = [v for v in values if v is not None]
    rows = len(values)
    if not present:
        return ColumnProfile(1.0 if rows else 0.0, 0, None, None, 0.0, rows)
    non_null_total = round(total * len(present) / rows) if total else None
    numbers = [_as_number(v) for v in present]
    if all(n is not None for n in numbers):
        pairs = sorted(zip(numbers, present, strict=True), key=lambda p: p[0] or 0.0)
        low, high = pairs[0][1], pairs[-1][1]
    else:
        low, high = min(present), max(present)
    return ColumnProfile(
        null_fraction=(rows - len(present)) / rows,
        distinct_count=distinct_estimate(Counter(present), len(present), non_null_total),
        min_value=low,
        max_value=high,
        mean_length=sum(len(v) for v in present) / len(present),
        sampled_rows=rows,
    )
