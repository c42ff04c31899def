"""Working days skip weekends and bank holidays in England and Wales."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from learning.feedback.working_days import (
    add_working_days,
    bank_holidays,
    easter_sunday,
    is_overdue,
    is_working_day,
    read_by,
)

#: The GOV.UK list (https://www.gov.uk/bank-holidays) and its archive, England and Wales.
GOV_UK = {
    2020: "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28",
    2021: "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28",
    2022: "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27",
    2023: "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26",
    2024: "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26",
    2025: "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
    2026: "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",
    2027: "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28",
}


def test_weekdays_work_and_weekends_do_not() -> None:
    assert is_working_day(date(2026, 3, 10))  # a Tuesday
    assert not is_working_day(date(2026, 3, 14))  # a Saturday
    assert not is_working_day(date(2026, 3, 15))  # a Sunday


@pytest.mark.parametrize("year", sorted(GOV_UK))
def test_the_rules_give_the_gov_uk_bank_holidays(year: int) -> None:
    expected = {date.fromisoformat(f"{year}-{day}") for day in GOV_UK[year].split()}
    assert bank_holidays(year) == expected


@pytest.mark.parametrize("year", range(2020, 2061))
def test_every_year_has_its_bank_holidays_each_a_weekday_and_not_a_working_day(
    year: int,
) -> None:
    holidays = bank_holidays(year)
    assert len(holidays) >= 8
    for holiday in holidays:
        assert holiday.year == year and holiday.weekday() < 5
        assert not is_working_day(holiday)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
    ],
)
def test_easter_day(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_a_christmas_at_the_weekend_moves_both_days_to_the_next_weekdays() -> None:
    assert {date(2032, 12, 27), date(2032, 12, 28)} <= bank_holidays(2032)  # Saturday, Sunday
    assert {date(2033, 12, 26), date(2033, 12, 27)} <= bank_holidays(2033)  # Sunday, Monday


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
