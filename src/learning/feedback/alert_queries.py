"""Reading safeguarding alerts for the inbox: one council's alerts, open first, and what one
alert's page shows (the submission, in the words the person saw, who raised the alert when a
person did, and the alert's trail); and where an alert is, for the feedback's own page."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from learning.core.clock import format_datetime
from learning.core.config import Settings
from learning.feedback import alert_jobs, alert_mail, alerts, triage_display
from learning.feedback.alert_words import (
    already_done,
    category_labels,
    decode_categories,
    event_label,
    time_left,
    why_raised,
)
from learning.feedback.form_definitions import definition_for
from learning.feedback.forms import contact_checked, contact_phone_href
from learning.feedback.models import (
    FeedbackLink,
    FeedbackSubmission,
    SafeguardingAlert,
    SafeguardingAlertEvent,
)
from learning.feedback.terms import AlertStatus
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus
from learning.org.models import Person, Team

CLOSED_PAGE_SIZE = 50


class NotThisCouncils(LookupError):
    """No such alert in the person's council."""


@dataclass(frozen=True)
class AlertRow:
    alert: SafeguardingAlert
    team: str
    found: list[str]
    time_left: str
    overdue: bool  # past its respond-by time and not closed
    waiting: bool  # nobody has acknowledged it within the acknowledgement window
    email_refused: bool = False  # the mail server refused an email about it for good


@dataclass(frozen=True)
class Inbox:
    live: list[AlertRow]  # still needing a person: open ones first, then oldest first
    closed: list[AlertRow]  # one page of the closed ones, most recently closed first
    closed_total: int
    page: int
    pages: int


def inbox(
    db: Session, settings: Settings, council_id: int, now: datetime, page: int = 1
) -> Inbox:
    """The alerts still needing a person, and page ``page`` of the closed ones
    (CLOSED_PAGE_SIZE a page; a page past the last shows the last)."""
    base = select(SafeguardingAlert).where(SafeguardingAlert.council_id == council_id)
    live = db.exec(
        base.where(col(SafeguardingAlert.status) != AlertStatus.CLOSED).order_by(
            col(SafeguardingAlert.raised_at), col(SafeguardingAlert.id)
        )
    ).all()
    closed_total = int(
        db.exec(
            select(func.count())
            .select_from(SafeguardingAlert)
            .where(SafeguardingAlert.council_id == council_id)
            .where(col(SafeguardingAlert.status) == AlertStatus.CLOSED)
        ).one()
    )
    pages = max(1, math.ceil(closed_total / CLOSED_PAGE_SIZE))
    page = min(max(1, page), pages)
    closed = db.exec(
        base.where(col(SafeguardingAlert.status) == AlertStatus.CLOSED)
        .order_by(col(SafeguardingAlert.closed_at).desc(), col(SafeguardingAlert.id).desc())
        .offset((page - 1) * CLOSED_PAGE_SIZE)
        .limit(CLOSED_PAGE_SIZE)
    ).all()
    teams = _team_names(db, council_id)
    refused = refused_emails(db, [a.id for a in [*live, *closed] if a.id is not None])
    live_rows = sorted(
        (_row(a, teams, settings, now, a.id in refused) for a in live),
        key=lambda row: row.alert.status is not AlertStatus.OPEN,
    )
    closed_rows = [_row(a, teams, settings, now, a.id in refused) for a in closed]
    return Inbox(live_rows, closed_rows, closed_total, page, pages)


def open_counts(db: Session, council_id: int, now: datetime) -> tuple[int, int]:
    """(alerts not yet closed, of which past their respond-by time)."""
    base = (
        select(func.count())
        .select_from(SafeguardingAlert)
        .where(SafeguardingAlert.council_id == council_id)
        .where(col(SafeguardingAlert.status) != AlertStatus.CLOSED)
    )
    total = int(db.exec(base).one())
    overdue = int(db.exec(base.where(col(SafeguardingAlert.respond_by) < now)).one())
    return total, overdue


def require_alert(db: Session, council_id: int, alert_id: int) -> SafeguardingAlert:
    alert = db.get(SafeguardingAlert, alert_id)
    if alert is None or alert.council_id != council_id:
        raise NotThisCouncils(alert_id)
    return alert


def detail(
    db: Session, settings: Settings, alert: SafeguardingAlert, now: datetime
) -> dict[str, Any]:
    """Everything the alert's page shows."""
    submission = db.get(FeedbackSubmission, alert.submission_id)
    assert submission is not None
    link = db.get(FeedbackLink, submission.link_id)
    trail = alerts.events(db, alert)
    refused = refused_emails(db, [alert.id]).get(alert.id, []) if alert.id is not None else []
    people = _names(
        db, [e.actor_id for e in trail] + [alert.acknowledged_by_id, alert.closed_by_id]
    )
    return {
        "alert": alert,
        "row": _row(alert, _team_names(db, alert.council_id), settings, now, bool(refused)),
        "refused_emails": refused,
        "submission": submission,
        "link": link,
        "form_label": definition_for(submission.form_kind).who,
        "answers": triage_display.explained(triage_display.answers_of(submission)),
        "contact_checked": contact_checked(submission.contact_name, submission.contact_detail),
        "their_lang": triage_display.own_language(submission),
        "coming_escalation": alert_jobs.coming_escalation(settings, alert, trail),
        "phone_href": contact_phone_href(submission.contact_detail),
        "events": [(e, event_label(e.kind), people.get(e.actor_id or 0, "")) for e in trail],
        "raised_by": raised_by(db, alert),
        "acknowledged_by": people.get(alert.acknowledged_by_id or 0, ""),
        "closed_by": people.get(alert.closed_by_id or 0, ""),
    }


def _row(
    alert: SafeguardingAlert,
    teams: dict[int, str],
    settings: Settings,
    now: datetime,
    email_refused: bool = False,
) -> AlertRow:
    live = alert.status is not AlertStatus.CLOSED
    window = timedelta(minutes=settings.safeguarding_acknowledge_minutes)
    return AlertRow(
        alert=alert,
        team=teams.get(alert.team_id, ""),
        found=category_labels(decode_categories(alert.categories)),
        time_left=time_left(alert.respond_by, now) if live else "",
        overdue=live and now > alert.respond_by,
        waiting=alert.status is AlertStatus.OPEN and now - alert.raised_at >= window,
        email_refused=email_refused,
    )


def refused_emails(db: Session, alert_ids: list[int]) -> dict[int, list[OutboxMessage]]:
    """The emails about each of these alerts that the mail server refused for good, by the
    alert's id (oldest first; an alert with none is not listed): its own, and escalation
    emails about several late alerts that named it (``alert_jobs.alerts_emailed``), which
    are stored as another's."""
    if not alert_ids:
        return {}
    own = db.exec(
        select(OutboxMessage)
        .where(col(OutboxMessage.safeguarding_alert_id).in_(alert_ids))
        .where(col(OutboxMessage.status) == OutboxStatus.FAILED)
    ).all()
    # An email about several was written with their escalations, at the same moment.
    escalated_at = select(SafeguardingAlertEvent.at).where(
        col(SafeguardingAlertEvent.alert_id).in_(alert_ids),
        col(SafeguardingAlertEvent.kind).in_(alert_jobs.ESCALATION_EVENTS),
    )
    together = db.exec(
        select(OutboxMessage)
        .where(col(OutboxMessage.kind) == alert_mail.HELD_ESCALATION_KIND)
        .where(col(OutboxMessage.status) == OutboxStatus.FAILED)
        .where(col(OutboxMessage.created_at).in_(escalated_at))
    ).all()
    messages = {m.id: m for m in [*own, *together] if m.id is not None}
    found: dict[int, dict[int, OutboxMessage]] = {}
    for message_id, about in alert_jobs.alerts_emailed(db, list(messages.values())).items():
        for alert_id in set(alert_ids).intersection(about):
            found.setdefault(alert_id, {})[message_id] = messages[message_id]
    return {alert_id: [m for _, m in sorted(by_id.items())] for alert_id, by_id in found.items()}


@dataclass(frozen=True)
class RaisedBy:
    """The person who raised an alert on reading the feedback, and what worried them."""

    name: str
    why: str


def raised_by(db: Session, alert: SafeguardingAlert) -> RaisedBy | None:
    """Who raised the alert and why, from its "raised" event; None when the screen did (or
    the person's own "I am worried about my safety")."""
    event = db.exec(
        select(SafeguardingAlertEvent)
        .where(SafeguardingAlertEvent.alert_id == alert.id)
        .where(SafeguardingAlertEvent.kind == "raised")
        .order_by(col(SafeguardingAlertEvent.id))
    ).first()
    if event is None or event.actor_id is None:
        return None
    name = _names(db, [event.actor_id]).get(event.actor_id, "Someone")
    return RaisedBy(name, why_raised(event.note))


def state_of(db: Session, alert: SafeguardingAlert) -> str:
    """Where the alert is, for the people who read the feedback but not the alert (never
    its outcome): "Open: nobody has acknowledged it yet", "Acknowledged by Helen Pascoe on
    4 March 2025 at 10:42am", "Closed by Helen Pascoe on ..."."""
    if alert.status is AlertStatus.OPEN:
        return "Open: nobody has acknowledged it yet"
    if alert.status is AlertStatus.CLOSED:
        who, when, did = alert.closed_by_id, alert.closed_at, "Closed"
    else:
        who, when, did = alert.acknowledged_by_id, alert.acknowledged_at, "Acknowledged"
    name = _names(db, [who]).get(who or 0, "")
    return f"{did}{f' by {name}' if name else ''} on {format_datetime(when)}"


def taken_by(db: Session, alert: SafeguardingAlert) -> str:
    """Who has the alert now, for someone who tried to acknowledge it too: "Helen Pascoe
    acknowledged it at 10:42" (or closed it), so they know whom to speak to."""
    if alert.status is AlertStatus.CLOSED:
        who, when, did = alert.closed_by_id, alert.closed_at, "closed"
    else:
        who, when, did = alert.acknowledged_by_id, alert.acknowledged_at, "acknowledged"
    return already_done(_names(db, [who]).get(who or 0, ""), did, when)


def _team_names(db: Session, council_id: int) -> dict[int, str]:
    rows = db.exec(select(Team.id, Team.name).where(Team.council_id == council_id))
    return {team_id: name for team_id, name in rows if team_id is not None}


def _names(db: Session, ids: list[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    people = db.exec(select(Person).where(col(Person.id).in_(wanted)))
    return {p.id: p.name for p in people if p.id is not None}
