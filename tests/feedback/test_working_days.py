"""Working days skip weekends and bank holidays in England and Wales."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from learning.feedback.working_days import (
    BANK_HOLIDAYS_ENGLAND_AND_WALES,
    add_working_days,
    is_overdue,
    is_working_day,
    read_by,
)


def test_weekdays_work_and_weekends_do_not() -> None:
    assert is_working_day(date(2026, 3, 10))  # a Tuesday
    assert not is_working_day(date(2026, 3, 14))  # a Saturday
    assert not is_working_day(date(2026, 3, 15))  # a Sunday


def test_every_bank_holiday_is_a_weekday_and_not_a_working_day() -> None:
    assert len(BANK_HOLIDAYS_ENGLAND_AND_WALES) == 16
    for holiday in BANK_HOLIDAYS_ENGLAND_AND_WALES:
        assert holiday.weekday() < 5
        assert not is_working_day(holiday)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 3, 10), 2, date(2026, 3, 12)),  # Tuesday -> Thursday
        (date(2026, 3, 12), 2, date(2026, 3, 16)),  # Thursday -> Monday, over the weekend
        (date(2026, 3, 14), 2, date(2026, 3, 17)),  # Saturday -> Tuesday
        (date(2026, 4, 2), 2, date(2026, 4, 8)),  # Thursday before Easter -> Wednesday
        (date(2026, 12, 24), 2, date(2026, 12, 30)),  # Christmas Eve -> over 25, 28 Dec
        (date(2027, 12, 24), 2, date(2027, 12, 30)),  # both substitute days in 2027
        (date(2026, 5, 22), 1, date(2026, 5, 26)),  # Friday before the spring bank holiday
        (date(2026, 3, 10), 0, date(2026, 3, 10)),
    ],
)
def test_adding_working_days(start: date, days: int, expected: date) -> None:
    assert add_working_days(start, days) == expected


def test_feedback_is_read_by_the_end_of_the_second_working_day() -> None:
    friday_evening = datetime(2026, 3, 13, 18, 30, tzinfo=UTC)
    assert read_by(friday_evening) == date(2026, 3, 17)
    assert not is_overdue(friday_evening, date(2026, 3, 17))
    assert is_overdue(friday_evening, date(2026, 3, 18))


def test_arrival_counts_in_london_time() -> None:
    # 23:30 UTC on 31 May 2026 is 00:30 on 1 June in London (summer time): a Monday.
    late = datetime(2026, 5, 31, 23, 30, tzinfo=UTC)
    assert read_by(late) == date(2026, 6, 3)
