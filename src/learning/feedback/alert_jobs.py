"""What happens to alerts while nobody is looking: escalation, and the trail of their emails.

``escalate_overdue`` runs every few seconds in the background sender. Two kinds of alert
escalate, every ``safeguarding_acknowledge_minutes`` until someone deals with them:

- an alert still open (nobody has acknowledged it) that long after it was raised, or after
  its last escalation: the trail gets an "escalated" event;
- an alert acknowledged but with no outcome once its respond-by time has passed (at that
  time, then again each window): the outcome is overdue, and the email says who
  acknowledged it; the trail gets an "outcome_overdue" event.

Each raises the alert's level and emails that level's address on the council's escalation
ladder, and the out-of-hours service too outside office hours (``alert_routing``).
Acknowledging stops the first kind; recording the outcome stops both, and cancels
escalation emails not yet sent.

Alerts on feedback held for its sender (``alert_ceiling.held_for_the_sender``) from the same
link (``link_id``) that escalate in the same sweep are escalated each as above (its level,
its event) but emailed together: one email listing them all, to every address any of them is
due to reach, so a flood of worries from one client escalates as one email a sweep, not
hundreds. That email is about alerts someone may still need to deal with, so acknowledging
one of them does not cancel it. It is stored as the first one's (``safeguarding_alert_id``),
but what becomes of it (sent, not sent yet and why, refused) goes in the trail of every
alert it names (``alerts_emailed``), as a single escalation's does in its own: whoever reads
any of them sees that the escalation went out, or did not. Alerts on feedback not held, and
a link's only late alert, keep an email each.

One deployment serves one council (``LEARNING_COUNCIL_SLUG``), and emails its own
safeguarding inbox. The sender therefore escalates only its own council's alerts
(``deployment_council_id``): a database holding other councils' data (not a supported
deployment, but possible) never has one council's alerts emailed to another's inbox.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import case, func, update
from sqlmodel import Session, col, select

from learning.core.clock import format_datetime
from learning.core.config import Settings
from learning.core.db import affected_rows
from learning.feedback import alert_mail, alert_routing
from learning.feedback.alert_ceiling import held_for_the_sender_clause
from learning.feedback.alerts import add_event, email_about, team_name
from learning.feedback.models import FeedbackSubmission, SafeguardingAlert, SafeguardingAlertEvent
from learning.feedback.terms import AlertStatus
from learning.mail.models import OutboxMessage
from learning.mail.sender import in_plain_words
from learning.mail.terms import OutboxStatus
from learning.org.models import Council, Person

#: The trail's events that are escalations (each raises the level by one).
ESCALATION_EVENTS = ("escalated", "outcome_overdue")


def deployment_council_id(db: Session, settings: Settings) -> int | None:
    """The id of the council this deployment serves (``settings.council_slug``), or None
    when the database does not hold it."""
    return db.exec(select(Council.id).where(Council.slug == settings.council_slug)).first()


def escalate_overdue(
    db: Session, settings: Settings, now: datetime, council_id: int | None = None
) -> list[SafeguardingAlert]:
    """Escalate every alert that is due (see the module's docstring). Flushes only.

    ``council_id`` limits it to that council's alerts: the background sender and
    ``learning mail send`` always give the deployment's own. Without it every council's
    alerts are swept, which only the demo's replay does (its database holds its one
    council)."""
    window = timedelta(minutes=settings.safeguarding_acknowledge_minutes)
    escalated = []
    held: dict[int, list[SafeguardingAlert]] = {}  # by link: emailed together below
    for alert, last_escalation, held_link in _live_alerts(db, council_id):
        if now >= next_escalation(alert, last_escalation, window) and _claim(db, alert):
            if held_link is None:
                _escalate(db, settings, alert, now)
            else:
                held.setdefault(held_link, []).append(alert)
            escalated.append(alert)
    for together in held.values():
        _escalate_together(db, settings, together, now)
    return escalated


def record_delivery(db: Session, message: OutboxMessage, error: str | None) -> None:
    """The sender's observer: what became of an alert's email goes in the alert's trail;
    of an escalation email about several alerts, in the trail of each one it names
    (``alerts_emailed``).

    Sent: one event. Refused for good (a 5xx reply): one event with the server's reply.
    Not sent yet (the server down, a 4xx reply): one event at the first failed attempt
    only, not one an attempt, until it is sent or refused."""
    if message.id is None or message.safeguarding_alert_id is None:
        return
    about = alerts_emailed(db, [message]).get(message.id, [])
    if not about:
        return
    to = f"To {message.to_address}"
    if message.kind == alert_mail.HELD_ESCALATION_KIND:
        named = len(alert_mail.alerts_named(message.body))
        to += f", {_in_one_email(named, message.safeguarding_alert_id)}"
    if error is None:
        kind, note, at = "email_sent", to, message.sent_at
    elif message.status is OutboxStatus.FAILED:
        kind, at = "email_refused", None
        note = (
            f"{to}: the mail server refused it ({error}). It will not be tried again: make "
            "sure the right people know another way."
        )
    elif message.attempts > 1:
        return  # its first failure is in the trail already
    else:
        kind, at = "email_failed", None
        retry = format_datetime(message.next_attempt_at)
        note = (
            f"{to}: {in_plain_words(error)}. Trying again at {retry}, and until it is sent "
            "(further attempts are not listed here)."
        )
    query = select(SafeguardingAlert).where(col(SafeguardingAlert.id).in_(about))
    by_id = {alert.id: alert for alert in db.exec(query)}
    for alert_id in about:  # its own alert first
        if alert_id in by_id:
            add_event(db, by_id[alert_id], kind, note=note, now=at)


def alerts_emailed(db: Session, messages: Sequence[OutboxMessage]) -> dict[int, list[int]]:
    """The ids of the alerts each email is about, by the email's id: its own alert
    (``safeguarding_alert_id``) first; and for an escalation email about several late alerts
    (``alert_mail.HELD_ESCALATION_KIND``), each other alert it names that was escalated in
    it (one of the email's council with an escalation in its trail at the moment the email
    was written: the sweep writes both at one time). An email about no alert is not listed.

    No table links an email to the alerts it is about: the email names them, and each one's
    trail shows that it was escalated then. A name alone (in a team's name, say) is not
    enough."""
    found = {
        m.id: [m.safeguarding_alert_id]
        for m in messages
        if m.id is not None and m.safeguarding_alert_id is not None
    }
    named = {
        m.id: set(alert_mail.alerts_named(m.body)) - {m.safeguarding_alert_id}
        for m in messages
        if m.id in found and m.kind == alert_mail.HELD_ESCALATION_KIND
    }
    others = set().union(*named.values())
    if not others:
        return found
    escalated_in_it = db.exec(
        select(OutboxMessage.id, SafeguardingAlertEvent.alert_id)
        .join(
            SafeguardingAlertEvent,
            col(SafeguardingAlertEvent.at) == col(OutboxMessage.created_at),
        )
        .join(SafeguardingAlert, col(SafeguardingAlert.id) == SafeguardingAlertEvent.alert_id)
        .where(col(OutboxMessage.id).in_(list(named)))
        .where(col(SafeguardingAlertEvent.alert_id).in_(sorted(others)))
        .where(col(SafeguardingAlertEvent.kind).in_(ESCALATION_EVENTS))
        .where(SafeguardingAlert.council_id == OutboxMessage.council_id)
        .distinct()
    )
    pairs = {(message_id, alert_id) for message_id, alert_id in escalated_in_it}
    for message_id, names in named.items():
        found[message_id] += [a for a in sorted(names) if (message_id, a) in pairs]
    return found


def next_escalation(
    alert: SafeguardingAlert, last_escalation: datetime | None, window: timedelta
) -> datetime:
    """When a live alert escalates next, given its last escalation (or None)."""
    if alert.status is AlertStatus.OPEN:
        return max(alert.raised_at, last_escalation or alert.raised_at) + window
    # Acknowledged without an outcome: at its respond-by time, then each window after.
    if last_escalation is None or last_escalation < alert.respond_by:
        return alert.respond_by
    return last_escalation + window


def _live_alerts(
    db: Session, council_id: int | None
) -> list[tuple[SafeguardingAlert, datetime | None, int | None]]:
    """Every alert not closed, with its last escalation and, when its feedback is held, the
    feedback's link."""
    last = (
        select(
            SafeguardingAlertEvent.alert_id,
            func.max(SafeguardingAlertEvent.at).label("last_at"),
        )
        .where(col(SafeguardingAlertEvent.kind).in_(ESCALATION_EVENTS))
        .group_by(col(SafeguardingAlertEvent.alert_id))
        .subquery()
    )
    held_link = case((held_for_the_sender_clause(), FeedbackSubmission.link_id), else_=None)
    query = (
        select(SafeguardingAlert, last.c.last_at, held_link)
        .join(FeedbackSubmission, col(FeedbackSubmission.id) == SafeguardingAlert.submission_id)
        .outerjoin(last, last.c.alert_id == SafeguardingAlert.id)
        .where(col(SafeguardingAlert.status) != AlertStatus.CLOSED)
        .order_by(col(SafeguardingAlert.raised_at), col(SafeguardingAlert.id))
    )
    if council_id is not None:
        query = query.where(SafeguardingAlert.council_id == council_id)
    return [(alert, last_at, link_id) for alert, last_at, link_id in db.exec(query)]


def _claim(db: Session, alert: SafeguardingAlert) -> bool:
    """Raise the level only if nobody else has since we read it (two senders at once)."""
    claimed = db.execute(
        update(SafeguardingAlert)
        .where(col(SafeguardingAlert.id) == alert.id)
        .where(col(SafeguardingAlert.status) == alert.status)
        .where(col(SafeguardingAlert.escalation_level) == alert.escalation_level)
        .values(escalation_level=alert.escalation_level + 1)
    )
    db.refresh(alert)
    return affected_rows(claimed) == 1


def coming_escalation(
    settings: Settings, alert: SafeguardingAlert, trail: list[SafeguardingAlertEvent]
) -> tuple[datetime, tuple[str, ...]] | None:
    """When a live alert escalates next, and who is emailed then (for its page); None for
    a closed alert."""
    if alert.status is AlertStatus.CLOSED:
        return None
    last = max((e.at for e in trail if e.kind in ESCALATION_EVENTS), default=None)
    window = timedelta(minutes=settings.safeguarding_acknowledge_minutes)
    when = next_escalation(alert, last, window)
    return when, alert_routing.escalation_recipients(settings, alert.escalation_level + 1, when)


def _escalate(db: Session, settings: Settings, alert: SafeguardingAlert, now: datetime) -> None:
    level = alert.escalation_level
    recipients = alert_routing.escalation_recipients(settings, level, now)
    who = _acknowledged_by(db, alert)
    _add_escalation_event(db, alert, who, _emailed(settings, recipients, now), now)
    team = team_name(db, alert)
    if who is None:
        subject = alert_mail.escalation_subject(alert, level)
        body = alert_mail.escalation_body(settings, alert, team, recipients, now)
    else:
        subject = alert_mail.overdue_subject(alert, level)
        body = alert_mail.overdue_body(settings, alert, team, who, recipients, now)
    email_about(db, alert, recipients, subject, body, alert_mail.ESCALATION_KIND, now)


def _escalate_together(
    db: Session, settings: Settings, together: Sequence[SafeguardingAlert], now: datetime
) -> None:
    """Late alerts on held feedback from one link, escalated in one sweep: each its event,
    one email for them all, stored as the first one's (the sender notes its delivery in
    the trail of each: ``record_delivery``). A link's only late alert is escalated as any
    other."""
    if len(together) == 1:
        _escalate(db, settings, together[0], now)
        return
    recipients = _distinct(
        alert_routing.escalation_recipients(settings, alert.escalation_level, now)
        for alert in together
    )
    first = together[0]
    emailed = f"{_emailed(settings, recipients, now)}, {_in_one_email(len(together), first.id)}"
    late = []
    for alert in together:
        who = _acknowledged_by(db, alert)
        _add_escalation_event(db, alert, who, emailed, now)
        late.append(alert_mail.LateAlert(alert, team_name(db, alert), who))
    subject = alert_mail.held_escalation_subject(len(together))
    body = alert_mail.held_escalation_body(settings, late, recipients)
    email_about(db, first, recipients, subject, body, alert_mail.HELD_ESCALATION_KIND, now)


def _acknowledged_by(db: Session, alert: SafeguardingAlert) -> str | None:
    """Who acknowledged the alert ("someone" when unknown); None when it is still open."""
    if alert.status is AlertStatus.OPEN:
        return None
    person = db.get(Person, alert.acknowledged_by_id) if alert.acknowledged_by_id else None
    return person.name if person else "someone"


def _add_escalation_event(
    db: Session, alert: SafeguardingAlert, acknowledged_by: str | None, emailed: str, now: datetime
) -> None:
    level = alert.escalation_level
    if acknowledged_by is None:
        add_event(db, alert, "escalated", note=f"Level {level}: {emailed}", now=now)
        return
    note = f"Level {level}: no outcome by the respond-by time; acknowledged by {acknowledged_by}"
    add_event(db, alert, "outcome_overdue", note=f"{note}; {emailed}", now=now)


def _in_one_email(count: int, first_id: int | None) -> str:
    """Said in the trail of each alert in an escalation email about several."""
    return (
        f"in one email about the {count} late alerts on held feedback from the same link "
        f"(sent with alert {first_id})"
    )


def _emailed(settings: Settings, recipients: Sequence[str], now: datetime) -> str:
    emailed = f"emailed {', '.join(recipients)}"
    if alert_routing.out_of_hours_address(settings, now):
        emailed += " (out of office hours)"
    return emailed


def _distinct(address_lists: Iterable[Sequence[str]]) -> tuple[str, ...]:
    """Every address in the lists, once (whatever its case), in order."""
    kept: dict[str, str] = {}
    for addresses in address_lists:
        for address in addresses:
            kept.setdefault(address.lower(), address)
    return tuple(kept.values())
