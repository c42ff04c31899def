"""What happens to alerts while nobody is looking: escalation, and the trail of their emails.

``escalate_overdue`` runs every few seconds in the background sender. An alert still open
(nobody has acknowledged it) ``safeguarding_acknowledge_minutes`` after it was raised, or
after its last escalation, escalates: its level goes up, the trail gets an "escalated"
event, and an email goes to the escalation address (or the safeguarding inbox again when
none is set). This repeats until someone acknowledges the alert.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from learning.core.clock import format_datetime
from learning.core.config import Settings
from learning.core.db import affected_rows
from learning.feedback import alert_mail
from learning.feedback.alerts import add_event, team_name
from learning.feedback.models import SafeguardingAlert, SafeguardingAlertEvent
from learning.feedback.terms import AlertStatus
from learning.mail.models import OutboxMessage
from learning.mail.outbox import enqueue


def escalate_overdue(db: Session, settings: Settings, now: datetime) -> list[SafeguardingAlert]:
    """Escalate every open alert whose acknowledgement window has passed. Flushes only."""
    window = timedelta(minutes=settings.safeguarding_acknowledge_minutes)
    escalated = []
    for alert, last_escalation in _open_alerts(db):
        since = max(alert.raised_at, last_escalation or alert.raised_at)
        if now - since >= window and _claim(db, alert):
            _escalate(db, settings, alert, now)
            escalated.append(alert)
    return escalated


def record_delivery(db: Session, message: OutboxMessage, error: str | None) -> None:
    """The sender's observer: each attempt at an alert's email goes in the alert's trail."""
    if message.safeguarding_alert_id is None:
        return
    alert = db.get(SafeguardingAlert, message.safeguarding_alert_id)
    if alert is None:
        return
    if error is None:
        add_event(db, alert, "email_sent", note=f"To {message.to_address}", now=message.sent_at)
        return
    retry = format_datetime(message.next_attempt_at)
    note = f"To {message.to_address}: {error}. Trying again at {retry}."
    add_event(db, alert, "email_failed", note=note)


def _open_alerts(db: Session) -> list[tuple[SafeguardingAlert, datetime | None]]:
    last = (
        select(
            SafeguardingAlertEvent.alert_id,
            func.max(SafeguardingAlertEvent.at).label("last_at"),
        )
        .where(SafeguardingAlertEvent.kind == "escalated")
        .group_by(col(SafeguardingAlertEvent.alert_id))
        .subquery()
    )
    query = (
        select(SafeguardingAlert, last.c.last_at)
        .outerjoin(last, last.c.alert_id == SafeguardingAlert.id)
        .where(SafeguardingAlert.status == AlertStatus.OPEN)
        .order_by(col(SafeguardingAlert.raised_at))
    )
    return [(alert, last_at) for alert, last_at in db.exec(query)]


def _claim(db: Session, alert: SafeguardingAlert) -> bool:
    """Raise the level only if nobody else has since we read it (two senders at once)."""
    claimed = db.execute(
        update(SafeguardingAlert)
        .where(col(SafeguardingAlert.id) == alert.id)
        .where(col(SafeguardingAlert.status) == AlertStatus.OPEN)
        .where(col(SafeguardingAlert.escalation_level) == alert.escalation_level)
        .values(escalation_level=alert.escalation_level + 1)
    )
    db.refresh(alert)
    return affected_rows(claimed) == 1


def _escalate(db: Session, settings: Settings, alert: SafeguardingAlert, now: datetime) -> None:
    to_address = settings.safeguarding_escalation_email or settings.safeguarding_email
    level = alert.escalation_level
    add_event(db, alert, "escalated", note=f"Level {level}: emailed {to_address}", now=now)
    enqueue(
        db,
        to_address=to_address,
        subject=alert_mail.escalation_subject(alert, level),
        body=alert_mail.escalation_body(settings, alert, team_name(db, alert), now),
        kind=alert_mail.ESCALATION_KIND,
        council_id=alert.council_id,
        safeguarding_alert_id=alert.id,
        now=now,
    )
