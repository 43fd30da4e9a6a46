"""The five-field cron parser and its time-zone arithmetic."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.scan import cron


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("expression", "after", "expected"),
    [
        ("* * * * *", _utc(2025, 1, 1, 10, 0), _utc(2025, 1, 1, 10, 1)),
        ("*/15 * * * *", _utc(2025, 1, 1, 10, 7), _utc(2025, 1, 1, 10, 15)),
        ("0 2 * * *", _utc(2025, 1, 1, 2, 0), _utc(2025, 1, 2, 2, 0)),
        ("30 9 * * mon-fri", _utc(2025, 1, 3, 10, 0), _utc(2025, 1, 6, 9, 30)),  # Fri -> Mon
        ("0 0 1 jan,jul *", _utc(2025, 2, 1), _utc(2025, 7, 1)),
        ("0 0 13 * 5", _utc(2025, 1, 1), _utc(2025, 1, 3)),  # day 13 OR a Friday
        ("0 12 * * 7", _utc(2025, 1, 1), _utc(2025, 1, 5, 12, 0)),  # 7 is Sunday
        ("@hourly", _utc(2025, 1, 1, 10, 30), _utc(2025, 1, 1, 11, 0)),
        ("0 0 29 2 *", _utc(2025, 3, 1), _utc(2028, 2, 29)),
    ],
)
def test_next_run_in_utc(expression: str, after: datetime, expected: datetime) -> None:
    assert cron.next_run(expression, "", after) == expected


def test_wall_clock_times_follow_the_zone_across_daylight_saving() -> None:
    # 02:30 in Paris: CET (UTC+1) in winter, CEST (UTC+2) in summer.
    assert cron.next_run("30 2 * * *", "Europe/Paris", _utc(2025, 1, 10)) == _utc(
        2025, 1, 10, 1, 30
    )
    assert cron.next_run("30 2 * * *", "Europe/Paris", _utc(2025, 7, 10)) == _utc(
        2025, 7, 10, 0, 30
    )
    # 30 March 2025: 02:30 does not exist in Paris; the next firing is the day after.
    assert cron.next_run("30 2 * * *", "Europe/Paris", _utc(2025, 3, 29, 12)) == _utc(
        2025, 3, 31, 0, 30
    )
    # 26 October 2025: 02:30 happens twice; it fires once, at the first.
    assert cron.next_run("30 2 * * *", "Europe/Paris", _utc(2025, 10, 25, 12)) == _utc(
        2025, 10, 26, 0, 30
    )


@pytest.mark.parametrize(
    "expression",
    [
        "",
        "* * * *",
        "60 * * * *",
        "* 24 * * *",
        "* * 0 * *",
        "* * * 13 *",
        "5-1 * * * *",
        "*/0 * * * *",
        "a * * * *",
        "* * * * mon-",
        "1,,2 * * * *",
    ],
)
def test_invalid_expressions_are_refused(expression: str) -> None:
    with pytest.raises(cron.CronError):
        cron.parse(expression)


def test_zones_must_be_iana_names() -> None:
    assert str(cron.zone("")) == "UTC"
    assert str(cron.zone("America/New_York")) == "America/New_York"
    for bad in ("Mars/Olympus", "../etc/passwd", "/etc/localtime"):
        with pytest.raises(cron.CronError):
            cron.zone(bad)


def test_an_expression_that_never_fires_has_no_next_run() -> None:
    assert cron.next_run("0 0 30 2 *", "", _utc(2025, 1, 1)) is None
