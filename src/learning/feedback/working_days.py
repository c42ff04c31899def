"""Working days: Monday to Friday, except bank holidays in England and Wales.

Feedback should be read within two working days of arriving. The bank holidays are written
out by hand from the GOV.UK list (https://www.gov.uk/bank-holidays) for 2026 and 2027; add
the next year's before it starts. Where a holiday falls at a weekend, the substitute day
is the one listed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from learning.core.clock import to_london

READ_WITHIN_WORKING_DAYS = 2

BANK_HOLIDAYS_ENGLAND_AND_WALES = frozenset(
    {
        date(2026, 1, 1),  # New Year's Day
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 4),  # Early May bank holiday
        date(2026, 5, 25),  # Spring bank holiday
        date(2026, 8, 31),  # Summer bank holiday
        date(2026, 12, 25),  # Christmas Day
        date(2026, 12, 28),  # Boxing Day (substitute day)
        date(2027, 1, 1),  # New Year's Day
        date(2027, 3, 26),  # Good Friday
        date(2027, 3, 29),  # Easter Monday
        date(2027, 5, 3),  # Early May bank holiday
        date(2027, 5, 31),  # Spring bank holiday
        date(2027, 8, 30),  # Summer bank holiday
        date(2027, 12, 27),  # Christmas Day (substitute day)
        date(2027, 12, 28),  # Boxing Day (substitute day)
    }
)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS_ENGLAND_AND_WALES


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself never counts)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def read_by(arrived: datetime) -> date:
    """The last day to read feedback that arrived at ``arrived``: the end of the second
    working day after the day it came (London time)."""
    return add_working_days(to_london(arrived).date(), READ_WITHIN_WORKING_DAYS)


def is_overdue(arrived: datetime, today: date) -> bool:
    """Unread feedback is overdue once the day it should have been read by has passed."""
    return today > read_by(arrived)
