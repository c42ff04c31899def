"""The emails about a safeguarding alert (pure).

Email is not a safe channel for what a child wrote: these emails say that an alert needs a
person, what kind of worry the screen found, and where to read it in the app. They never
carry the child's words or contact details.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from learning.core.clock import format_datetime
from learning.core.config import Settings
from learning.feedback.alert_words import category_labels, decode_categories
from learning.feedback.models import SafeguardingAlert

ALERT_KIND = "safeguarding_alert"
ESCALATION_KIND = "safeguarding_escalation"
#: One escalation email about several late alerts on held feedback from one link
#: (``alert_jobs``). Acknowledging one of them does not cancel it: it is about the others too.
HELD_ESCALATION_KIND = "safeguarding_escalation_held"


def alert_url(settings: Settings, alert_id: int) -> str:
    return f"{settings.base_url.rstrip('/')}/safeguarding/alerts/{alert_id}"


def inbox_url(settings: Settings) -> str:
    return f"{settings.base_url.rstrip('/')}/safeguarding/alerts"


def alert_subject(alert: SafeguardingAlert, last_held: bool = False) -> str:
    """``last_held``: as for ``alert_body``."""
    more = "; more from the same link are in the inbox" if last_held else ""
    return f"Safeguarding alert {alert.id}: feedback needs a person now{more}"


def escalation_subject(alert: SafeguardingAlert, level: int) -> str:
    return f"Escalation {level}: safeguarding alert {alert.id} has not been acknowledged"


def alert_body(
    settings: Settings,
    alert: SafeguardingAlert,
    team_name: str,
    recipients: Sequence[str],
    last_held: bool = False,
) -> str:
    """``last_held``: the last email this hour about alerts on held feedback from its link
    (``alert_ceiling.HELD_EMAILS_PER_LINK``), which says so first."""
    return "\n".join(
        [
            "Feedback given through one of our feedback links may mean that a child or "
            "young person is at risk of harm. A person needs to read it now.",
            "",
            *_many_held(settings, last_held),
            *_facts(alert, team_name),
            *_shared_with(recipients),
            "",
            "Read it, acknowledge it and record what you did in the safeguarding inbox:",
            alert_url(settings, alert.id or 0),
            "",
            "This email does not contain what the person wrote. Read it in the app.",
            "If a child is in immediate danger, call the police on 999.",
        ]
    )


def escalation_body(
    settings: Settings,
    alert: SafeguardingAlert,
    team_name: str,
    recipients: Sequence[str],
    now: datetime,
) -> str:
    waited = int((now - alert.raised_at).total_seconds() // 60)
    return "\n".join(
        [
            f"Nobody has acknowledged safeguarding alert {alert.id} in the {waited} minutes "
            "since it was raised. A person needs to read it now.",
            "",
            *_facts(alert, team_name),
            *_shared_with(recipients),
            "",
            "Read it and acknowledge it in the safeguarding inbox:",
            alert_url(settings, alert.id or 0),
            "",
            "This email does not contain what the person wrote. Read it in the app.",
            "You will be emailed again until someone acknowledges the alert.",
        ]
    )


def overdue_subject(alert: SafeguardingAlert, level: int) -> str:
    return f"Escalation {level}: safeguarding alert {alert.id} has no outcome and is overdue"


def overdue_body(
    settings: Settings,
    alert: SafeguardingAlert,
    team_name: str,
    acknowledged_by: str,
    recipients: Sequence[str],
    now: datetime,
) -> str:
    """An acknowledged alert whose respond-by time passed without an outcome."""
    late = int((now - alert.respond_by).total_seconds() // 60)
    acknowledged_at = format_datetime(alert.acknowledged_at)
    return "\n".join(
        [
            f"The outcome of safeguarding alert {alert.id} is overdue: {acknowledged_by} "
            f"acknowledged it on {acknowledged_at}, but nobody has recorded what was done, "
            f"and its respond-by time passed {late} minutes ago.",
            "",
            *_facts(alert, team_name),
            f"Acknowledged by: {acknowledged_by}, {acknowledged_at}",
            *_shared_with(recipients),
            "",
            "Check that the child is safe, and record the outcome in the safeguarding inbox:",
            alert_url(settings, alert.id or 0),
            "",
            "This email does not contain what the person wrote. Read it in the app.",
            "You will be emailed again until someone records the outcome.",
        ]
    )


def _many_held(settings: Settings, last_held: bool) -> list[str]:
    if not last_held:
        return []
    return [
        "This feedback link is sending many alerts on feedback that was held for checking "
        "(sent too often, for example, or by something that looks automated). This is the "
        "last email about them for now: further alerts from this link within the hour are in "
        "the safeguarding inbox without an email each. Each one still needs a person. See "
        "them all in the inbox:",
        inbox_url(settings),
        "",
    ]


def not_emailed_note(ceiling: int) -> str:
    """The trail's note for an alert on held feedback raised without an email."""
    return (
        f"Not emailed: this is one of many alerts from the same feedback link within an hour "
        f"while its feedback was held for checking. The first {ceiling} were emailed, and the "
        "last of those said that more would be in the safeguarding inbox without an email each."
    )


@dataclass(frozen=True)
class LateAlert:
    """One of the alerts in an escalation email about several (``held_escalation_body``)."""

    alert: SafeguardingAlert
    team_name: str
    acknowledged_by: str | None  # None: nobody has acknowledged it


def held_escalation_subject(count: int) -> str:
    return f"Escalation: {count} safeguarding alerts from one feedback link need a person"


def held_escalation_body(
    settings: Settings, late: Sequence[LateAlert], recipients: Sequence[str]
) -> str:
    """Several late alerts on held feedback from one link, in one email."""
    return "\n".join(
        [
            f"{len(late)} safeguarding alerts from the same feedback link are late: nobody has "
            "acknowledged them, or nobody has recorded an outcome, in time. Their feedback was "
            "held for checking (sent too often, for example), so they are in this one email "
            "rather than one email each. Each alert still needs a person.",
            "",
            *[line for each in late for line in _late_alert(settings, each)],
            *_shared_with(recipients),
            "",
            "Read them, acknowledge them and record what you did in the safeguarding inbox:",
            inbox_url(settings),
            "",
            "This email does not contain what anyone wrote. Read it in the app.",
            "If a child is in immediate danger, call the police on 999.",
            "You will be emailed again until someone deals with them.",
        ]
    )


#: How ``held_escalation_body`` names each alert: at the start of a line of its own.
_NAMED = re.compile(r"^Alert (\d+) \(escalation \d+\), feedback for ", re.MULTILINE)


def alerts_named(body: str) -> list[int]:
    """The ids of the alerts an escalation email about several names (the body of
    ``held_escalation_body``), once each, in its order. What the email's delivery is noted
    against (``alert_jobs.alerts_emailed``), which takes only those escalated in it."""
    return list(dict.fromkeys(int(found) for found in _NAMED.findall(body)))


def _late_alert(settings: Settings, late: LateAlert) -> list[str]:
    alert = late.alert
    if late.acknowledged_by is None:
        state = f"not acknowledged since it was raised on {format_datetime(alert.raised_at)}"
    else:
        state = (
            f"acknowledged by {late.acknowledged_by}, no outcome by its respond-by time, "
            f"{format_datetime(alert.respond_by)}"
        )
    return [
        f"Alert {alert.id} (escalation {alert.escalation_level}), feedback for "
        f"{late.team_name}: {state}",
        alert_url(settings, alert.id or 0),
    ]


def _facts(alert: SafeguardingAlert, team_name: str) -> list[str]:
    found = ", ".join(category_labels(decode_categories(alert.categories))) or "Not stated"
    return [
        f"What the screen found: {found}",
        f"Feedback for: {team_name}",
        f"Raised: {format_datetime(alert.raised_at)}",
        f"Respond by: {format_datetime(alert.respond_by)}",
    ]


def _shared_with(recipients: Sequence[str]) -> list[str]:
    """When more than one address gets the email, each reader knows who else has it."""
    if len(recipients) < 2:
        return []
    return [
        f"Sent to: {', '.join(recipients)}. Whoever deals with it acknowledges it in the app, "
        "so the others know."
    ]
