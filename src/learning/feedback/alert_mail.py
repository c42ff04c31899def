"""The emails about a safeguarding alert (pure).

Email is not a safe channel for what a child wrote: these emails say that an alert needs a
person, what kind of worry the screen found, and where to read it in the app. They never
carry the child's words or contact details.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from learning.core.clock import format_datetime
from learning.core.config import Settings
from learning.feedback.alert_words import category_labels, decode_categories
from learning.feedback.models import SafeguardingAlert

ALERT_KIND = "safeguarding_alert"
ESCALATION_KIND = "safeguarding_escalation"


def alert_url(settings: Settings, alert_id: int) -> str:
    return f"{settings.base_url.rstrip('/')}/safeguarding/alerts/{alert_id}"


def alert_subject(alert: SafeguardingAlert) -> str:
    return f"Safeguarding alert {alert.id}: feedback needs a person now"


def escalation_subject(alert: SafeguardingAlert, level: int) -> str:
    return f"Escalation {level}: safeguarding alert {alert.id} has not been acknowledged"


def alert_body(
    settings: Settings, alert: SafeguardingAlert, team_name: str, recipients: Sequence[str]
) -> str:
    return "\n".join(
        [
            "Feedback given through one of our feedback links may mean that a child or "
            "young person is at risk of harm. A person needs to read it now.",
            "",
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
