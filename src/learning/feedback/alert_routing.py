"""Who is emailed about a safeguarding alert, and whether it is out of hours (pure).

Every alert is emailed to the safeguarding inbox (duty / MASH). When nobody acknowledges it
in time it climbs the council's escalation ladder (``safeguarding_escalation_email``): the
first escalation emails the first address (the duty manager, say), the second the next (the
head of service), and each one after that the last, until someone acknowledges it. Without
a ladder the inbox is emailed again.

Outside office hours (evenings, nights, weekends and bank holidays in England and Wales) the
safeguarding inbox is not read, so the out-of-hours service (the emergency duty team,
``safeguarding_out_of_hours_email``) is emailed as well: the alert, and each escalation.
"""

from __future__ import annotations

from datetime import datetime

from learning.core.clock import to_london
from learning.core.config import Settings
from learning.feedback.working_days import is_working_day


def is_office_hours(settings: Settings, moment: datetime) -> bool:
    """Whether the safeguarding inbox is read at ``moment``: a working day, within hours."""
    local = to_london(moment)
    start, end = settings.safeguarding_office_times
    return is_working_day(local.date()) and start <= local.time() < end


def out_of_hours_address(settings: Settings, moment: datetime) -> str:
    """The out-of-hours service's address when ``moment`` is out of hours and one is set."""
    if not settings.safeguarding_out_of_hours_email or is_office_hours(settings, moment):
        return ""
    return settings.safeguarding_out_of_hours_email


def alert_recipients(settings: Settings, now: datetime) -> tuple[str, ...]:
    """Who is emailed when an alert is raised at ``now``."""
    return _distinct(settings.safeguarding_email, out_of_hours_address(settings, now))


def escalation_recipients(settings: Settings, level: int, now: datetime) -> tuple[str, ...]:
    """Who is emailed at escalation ``level`` (1 for the first) at ``now``."""
    ladder = settings.safeguarding_escalation_ladder
    rung = ladder[min(level, len(ladder)) - 1] if ladder else settings.safeguarding_email
    return _distinct(rung, out_of_hours_address(settings, now))


def _distinct(*addresses: str) -> tuple[str, ...]:
    kept: list[str] = []
    for address in addresses:
        if address and address.lower() not in (k.lower() for k in kept):
            kept.append(address)
    return tuple(kept)
