"""Working days: Monday to Friday, except bank holidays in England and Wales.

Feedback should be read within two working days of arriving. The bank holidays follow the
rules behind the GOV.UK list (https://www.gov.uk/bank-holidays): New Year's Day, Good Friday,
Easter Monday, the first and last Mondays in May, the last Monday in August, Christmas Day
and Boxing Day, a holiday at a weekend moving to the next weekday that is not one already.
A year the government changes (a holiday moved, or one added for an occasion) is written
in ``CHANGED``; the rules give every other year, so no year is ever left without holidays.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache

from learning.core.clock import to_london

READ_WITHIN_WORKING_DAYS = 2

#: Years whose holidays the government changed from the rules: what the rules give that was
#: not a holiday, and what was a holiday that the rules do not give.
CHANGED: dict[int, tuple[frozenset[date], frozenset[date]]] = {
    2020: (frozenset({date(2020, 5, 4)}), frozenset({date(2020, 5, 8)})),  # VE Day
    2022: (
        frozenset({date(2022, 5, 30)}),
        frozenset({date(2022, 6, 2), date(2022, 6, 3), date(2022, 9, 19)}),  # Jubilee, funeral
    ),
    2023: (frozenset(), frozenset({date(2023, 5, 8)})),  # the King's coronation
}


def easter_sunday(year: int) -> date:
    """Easter Day in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 19 * l) // 433
    month, day = divmod(h + l - 7 * m + 90, 25)
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def _monday(on_or_after: date) -> date:
    return on_or_after + timedelta(days=(7 - on_or_after.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=last.weekday())


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """The year's bank holidays in England and Wales."""
    easter = easter_sunday(year)
    days = {
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        _monday(date(year, 5, 1)),
        _last_monday(year, 5),
        _last_monday(year, 8),
    }
    for fixed in (date(year, 1, 1), date(year, 12, 25), date(year, 12, 26)):
        day = fixed
        while day.weekday() >= 5 or day in days:
            day += timedelta(days=1)
        days.add(day)
    dropped, added = CHANGED.get(year, (frozenset(), frozenset()))
    return frozenset((days - dropped) | added)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


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
