"""Time: UTC in storage, Europe/London on screen."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def utcnow() -> datetime:
    """Now, in UTC (timezone-aware; stored as UTC)."""
    return datetime.now(UTC)


def today() -> date:
    return utcnow().astimezone(LONDON).date()


def to_london(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LONDON)


def format_datetime(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = to_london(moment)
    return local.strftime("%-d %B %Y at %-I:%M%p").replace("AM", "am").replace("PM", "pm")


def format_date(day: date | datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = to_london(day).date()
    return day.strftime("%-d %B %Y")
