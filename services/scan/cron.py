"""Five-field cron expressions, read in an IANA time zone.

A small parser instead of a dependency: scans need only the classic fields (minute,
hour, day of month, month, day of week) with lists, ranges, steps, names and the
``@daily``-style shorthands. Day of month and day of week combine as in Vixie cron:
when both are restricted, a day matching either one fires.

Times are computed on the wall clock of the schedule's zone, so ``0 2 * * *`` in
``Europe/Paris`` stays at 02:00 local across daylight-saving changes. A wall time
skipped by a spring-forward change does not fire that day; a time repeated by a
fall-back change fires once, at its first occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_MACROS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_DAYS = {
    name: number for number, name in enumerate(("sun", "mon", "tue", "wed", "thu", "fri", "sat"))
}
# (name, lowest, highest, names)
_FIELDS: tuple[tuple[str, int, int, dict[str, int]], ...] = (
    ("minute", 0, 59, {}),
    ("hour", 0, 23, {}),
    ("day of month", 1, 31, {}),
    ("month", 1, 12, _MONTHS),
    ("day of week", 0, 7, _DAYS),
)
# Far enough to cover 29 February on a Monday (every 28 years at most).
_SEARCH_DAYS = 366 * 29


class CronError(ValueError):
    """The expression is not valid; the message says which field and why."""


def _value(text: str, low: int, high: int, names: dict[str, int], field: str) -> int:
    lowered = text.lower()
    if lowered in names:
        return names[lowered]
    if not text.isdigit():
        raise CronError(f"{field}: {text!r} is not a number")
    number = int(text)
    if not low <= number <= high:
        raise CronError(f"{field}: {number} is outside {low}-{high}")
    return number


def _parse_field(text: str, low: int, high: int, names: dict[str, int], field: str) -> set[int]:
    found: set[int] = set()
    for part in text.split(","):
        if not part:
            raise CronError(f"{field}: empty list item")
        base, slash, step_text = part.partition("/")
        step = 1
        if slash:
            if not step_text.isdigit() or int(step_text) == 0:
                raise CronError(f"{field}: step {step_text!r} must be a positive number")
            step = int(step_text)
        if base == "*":
            start, end = low, high
        elif "-" in base:
            first, _, last = base.partition("-")
            start = _value(first, low, high, names, field)
            end = _value(last, low, high, names, field)
            if start > end:
                raise CronError(f"{field}: range {base!r} runs backwards")
        else:
            start = _value(base, low, high, names, field)
            end = high if slash else start
        found.update(range(start, end + 1, step))
    return found


@dataclass(frozen=True)
class Cron:
    """A parsed expression: the allowed values of each field."""

    expression: str
    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]  # 0 = Sunday
    days_restricted: bool
    weekdays_restricted: bool

    def _day_matches(self, day: date) -> bool:
        if day.month not in self.months:
            return False
        in_month = day.day in self.days
        in_week = (day.isoweekday() % 7) in self.weekdays
        if self.days_restricted and self.weekdays_restricted:
            return in_month or in_week
        return in_month and in_week

    def next_after(self, after: datetime, zone: ZoneInfo) -> datetime | None:
        """The first firing strictly after ``after`` (aware), in UTC; None if never."""
        local = after.astimezone(zone).replace(second=0, microsecond=0) + timedelta(minutes=1)
        day = local.date()
        for _ in range(_SEARCH_DAYS):
            if self._day_matches(day):
                for hour in sorted(self.hours):
                    for minute in sorted(self.minutes):
                        wall = datetime(day.year, day.month, day.day, hour, minute)  # noqa: DTZ001 - a wall-clock time in ``zone``
                        if wall < local.replace(tzinfo=None):
                            continue
                        fired = _resolve(wall, zone)
                        if fired is not None and fired > after:
                            return fired
            day += timedelta(days=1)
        return None


def _resolve(wall: datetime, zone: ZoneInfo) -> datetime | None:
    """The UTC instant of a wall-clock time, or None when the zone skips it."""
    aware = wall.replace(tzinfo=zone, fold=0)
    instant = aware.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != wall:
        return None  # inside a spring-forward gap
    return instant


def parse(expression: str) -> Cron:
    """Parses a five-field expression or an ``@daily``-style shorthand."""
    text = " ".join(expression.split())
    text = _MACROS.get(text.lower(), text)
    parts = text.split(" ")
    if len(parts) != 5:
        raise CronError("must have five fields: minute hour day-of-month month day-of-week")
    values = [
        _parse_field(part, low, high, names, name)
        for part, (name, low, high, names) in zip(parts, _FIELDS, strict=True)
    ]
    weekdays = {0 if d == 7 else d for d in values[4]}
    return Cron(
        expression=expression,
        minutes=frozenset(values[0]),
        hours=frozenset(values[1]),
        days=frozenset(values[2]),
        months=frozenset(values[3]),
        weekdays=frozenset(weekdays),
        days_restricted=not parts[2].startswith("*"),
        weekdays_restricted=not parts[4].startswith("*"),
    )


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name`` (UTC when empty); CronError when unknown."""
    if not name:
        return ZoneInfo("UTC")
    if name.startswith(("/", ".")) or ".." in name:
        raise CronError(f"unknown time zone {name!r}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise CronError(f"unknown time zone {name!r}; use an IANA name like Europe/Paris") from None


def next_run(expression: str, time_zone: str, after: datetime) -> datetime | None:
    """When a schedule fires next after ``after``, in UTC."""
    return parse(expression).next_after(after, zone(time_zone))
