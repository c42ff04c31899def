"""Safeguarding alerts: raised with the submission (or later by a person reading it, when the
screen missed a worry), acknowledged by a person, closed with an outcome; every step an event
in the alert's own trail.

Nothing here commits. ``raise_alert`` runs inside the transaction that stores the
submission, so a submission that needs an alert is never stored without one, and the alert
email sits in the outbox of that same transaction.

Every alert is raised, but while someone floods a link not every one is emailed: see
:mod:`learning.feedback.alert_ceiling`.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from learning.audit.service import Actor, record
from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import affected_rows
from learning.feedback import alert_ceiling, alert_mail, alert_routing
from learning.feedback.alert_words import (
    already_done,
    encode_categories,
    raised_note,
    reopened_note,
)
from learning.feedback.models import (
    FeedbackSubmission,
    SafeguardingAlert,
    SafeguardingAlertEvent,
)
from learning.feedback.terms import AlertOutcome, AlertStatus, ScreenCategory
from learning.mail.models import OutboxMessage
from learning.mail.outbox import enqueue
from learning.mail.terms import OutboxStatus
from learning.org.models import Person, Team

NOTE_LIMIT = 5000


class AlertError(ValueError):
    """The alert cannot change that way now (already acknowledged, already closed)."""


def raise_alert(
    db: Session,
    settings: Settings,
    submission: FeedbackSubmission,
    categories: Sequence[ScreenCategory],
    self_reported: bool,
    now: datetime | None = None,
    *,
    raised_by: int | None = None,
    note: str = "",
) -> SafeguardingAlert:
    """Add the alert, its "raised" event and the email to the safeguarding inbox. Flushes.

    ``raised_by`` is the person who raised it on reading the feedback (none: the screen, or
    the person's own "I am worried about my safety"), and ``note`` what worried them: both
    go in the "raised" event.

    On feedback held for its sender, past ``alert_ceiling.HELD_EMAILS_PER_LINK`` emails
    from its link within the hour, no email goes: the trail gets a "not_emailed" event
    saying why instead. A person's alert is always emailed."""
    now = now or utcnow()
    if submission.id is None:
        db.add(submission)
        db.flush()
    found = set(categories) | ({ScreenCategory.ASKED_FOR_HELP} if self_reported else set())
    alert = SafeguardingAlert(
        council_id=submission.council_id,
        team_id=submission.team_id,
        submission_id=submission.id,  # type: ignore[arg-type]
        categories=encode_categories(found),
        self_reported=self_reported,
        raised_at=now,
        respond_by=now + timedelta(hours=settings.safeguarding_respond_hours),
    )
    db.add(alert)
    db.flush()
    by_the_screen = raised_by is None
    held_emailed = alert_ceiling.emailed_this_hour(db, submission, now) if by_the_screen else None
    if held_emailed is not None and held_emailed >= alert_ceiling.HELD_EMAILS_PER_LINK:
        add_event(db, alert, "raised", now=now)
        said = alert_mail.not_emailed_note(alert_ceiling.HELD_EMAILS_PER_LINK)
        add_event(db, alert, "not_emailed", note=said, now=now)
        return alert
    recipients = alert_routing.alert_recipients(settings, now)
    out_of_hours = alert_routing.out_of_hours_address(settings, now)
    said = raised_note(note.strip()[:NOTE_LIMIT], out_of_hours)
    add_event(db, alert, "raised", actor_id=raised_by, note=said, now=now)
    last_held = held_emailed == alert_ceiling.HELD_EMAILS_PER_LINK - 1
    body = alert_mail.alert_body(settings, alert, team_name(db, alert), recipients, last_held)
    email_about(db, alert, recipients, alert_mail.alert_subject(alert, last_held), body,
                alert_mail.ALERT_KIND, now)  # fmt: skip
    return alert


def email_about(
    db: Session,
    alert: SafeguardingAlert,
    recipients: Sequence[str],
    subject: str,
    body: str,
    kind: str,
    now: datetime,
) -> None:
    """The same email about ``alert`` to each of ``recipients``, in the outbox."""
    for to_address in recipients:
        enqueue(
            db,
            to_address=to_address,
            subject=subject,
            body=body,
            kind=kind,
            council_id=alert.council_id,
            safeguarding_alert_id=alert.id,
            now=now,
        )


class AlreadyRaised(AlertError):
    """The feedback has its alert already: one alert per submission."""

    def __init__(self, alert: SafeguardingAlert) -> None:
        super().__init__("This feedback already has a safeguarding alert.")
        self.alert = alert


def raise_on_reading(
    db: Session,
    settings: Settings,
    actor: Actor,
    submission: FeedbackSubmission,
    note: str,
    now: datetime | None = None,
) -> SafeguardingAlert:
    """A person who read the feedback is worried though the screen was not (lexicons miss
    things): an alert as the screen's would be (same email, same respond-by time) saying
    who raised it and why, the feedback flagged, so held out of themes as a screened
    disclosure is, and the raising audited. ``AlreadyRaised`` when it has an alert.

    The submission's row is locked first: of two people raising at the same moment on
    PostgreSQL the second waits, then finds the first one's alert (SQLite's writers take
    turns anyway). Nothing is stored when refused."""
    assert submission.id is not None and actor.person_id is not None
    db.exec(
        select(FeedbackSubmission.id)
        .where(FeedbackSubmission.id == submission.id)
        .with_for_update()
    ).first()
    existing = alert_for(db, submission.id)
    if existing is not None:
        raise AlreadyRaised(existing)
    submission.flagged = True
    db.add(submission)
    alert = raise_alert(
        db, settings, submission, [ScreenCategory.RAISED_BY_STAFF],
        submission.worried_about_safety, now, raised_by=actor.person_id, note=note,
    )  # fmt: skip
    record(
        db, actor, "feedback.item.alert_raised", "feedback_submission", submission.id,
        alert_id=alert.id,
    )  # fmt: skip
    return alert


def alert_for(db: Session, submission_id: int) -> SafeguardingAlert | None:
    """The submission's alert, if it has one."""
    query = select(SafeguardingAlert).where(SafeguardingAlert.submission_id == submission_id)
    return db.exec(query).first()


def acknowledge(
    db: Session, alert: SafeguardingAlert, person_id: int, now: datetime | None = None
) -> SafeguardingAlert:
    """A person has the alert. Only once; cancels escalation emails not yet sent."""
    now = now or utcnow()
    claimed = db.execute(
        update(SafeguardingAlert)
        .where(col(SafeguardingAlert.id) == alert.id)
        .where(col(SafeguardingAlert.status) == AlertStatus.OPEN)
        .values(status=AlertStatus.ACKNOWLEDGED, acknowledged_at=now, acknowledged_by_id=person_id)
    )
    db.refresh(alert)
    if affected_rows(claimed) != 1:
        raise AlertError("Someone has already acknowledged this alert.")
    cancelled = _cancel_escalations(db, alert)
    note = f"{cancelled} escalation email(s) not yet sent were cancelled." if cancelled else ""
    add_event(db, alert, "acknowledged", actor_id=person_id, note=note, now=now)
    return alert


def record_outcome(
    db: Session,
    alert: SafeguardingAlert,
    person_id: int,
    outcome: AlertOutcome,
    note: str,
    now: datetime | None = None,
) -> SafeguardingAlert:
    """Close the alert with what was done. Acknowledges it first when nobody has.

    Closing is one conditional UPDATE (``WHERE status != 'closed'``), not a check of the
    alert as read earlier: of two people recording an outcome at the same moment exactly
    one closes it; the other gets ``AlertError`` and nothing of theirs is stored. Escalation
    emails not yet sent are cancelled: the alert needs no one now."""
    now = now or utcnow()
    if alert.status is AlertStatus.CLOSED:
        raise AlertError("This alert is already closed.")
    if alert.status is AlertStatus.OPEN:
        # Someone may have acknowledged it since we read it: closing it is still ours to try.
        with suppress(AlertError):
            acknowledge(db, alert, person_id, now=now)
    outcome = AlertOutcome(outcome)
    closing = db.execute(
        update(SafeguardingAlert)
        .where(col(SafeguardingAlert.id) == alert.id)
        .where(col(SafeguardingAlert.status) != AlertStatus.CLOSED)
        .values(
            status=AlertStatus.CLOSED,
            outcome=outcome,
            outcome_note=note.strip()[:NOTE_LIMIT],
            closed_at=now,
            closed_by_id=person_id,
        )
    )
    db.refresh(alert)
    if affected_rows(closing) != 1:
        raise AlertError("This alert is already closed.")
    cancelled = _cancel_escalations(db, alert)
    said = f" {cancelled} escalation email(s) not yet sent were cancelled." if cancelled else ""
    add_event(db, alert, "outcome", actor_id=person_id, note=outcome.label + said, now=now)
    return alert


def reopen(
    db: Session,
    settings: Settings,
    alert: SafeguardingAlert,
    person_id: int,
    reason: str,
    now: datetime | None = None,
) -> SafeguardingAlert:
    """Undo a closed alert's outcome (recorded by mistake): the alert is the reopener's,
    acknowledged by them, with a new respond-by time and its escalation level back at 0, and
    its outcome is cleared. The "reopened" event keeps what was undone (the outcome, its
    note, who recorded it and when) and the reason.

    Reopening is one conditional UPDATE (``WHERE status = 'closed'``): of two people
    reopening at the same moment exactly one does; the other gets ``AlertError`` saying who
    reopened it and when, and nothing of theirs is stored."""
    now = now or utcnow()
    reason = reason.strip()[:NOTE_LIMIT]
    if alert.status is not AlertStatus.CLOSED:
        raise AlertError(_why_not_reopened(db, alert))
    if not reason:
        raise AlertError("Say why this alert is being reopened.")
    closer = db.get(Person, alert.closed_by_id) if alert.closed_by_id else None
    note = reopened_note(
        alert.outcome, alert.outcome_note, closer.name if closer else "", alert.closed_at, reason
    )
    reopening = db.execute(
        update(SafeguardingAlert)
        .where(col(SafeguardingAlert.id) == alert.id)
        .where(col(SafeguardingAlert.status) == AlertStatus.CLOSED)
        .values(
            status=AlertStatus.ACKNOWLEDGED,
            acknowledged_at=now,
            acknowledged_by_id=person_id,
            respond_by=now + timedelta(hours=settings.safeguarding_respond_hours),
            escalation_level=0,  # if it runs late again, the ladder starts from its foot
            outcome=None,
            outcome_note="",
            closed_at=None,
            closed_by_id=None,
        )
    )
    db.refresh(alert)
    if affected_rows(reopening) != 1:
        raise AlertError(_why_not_reopened(db, alert))
    add_event(db, alert, "reopened", actor_id=person_id, note=note, now=now)
    return alert


def _why_not_reopened(db: Session, alert: SafeguardingAlert) -> str:
    """For someone reopening an alert that is not closed: who reopened it and when
    ("Helen Pascoe has already reopened this alert at 10:42"), or that it never was."""
    last = db.exec(
        select(SafeguardingAlertEvent)
        .where(SafeguardingAlertEvent.alert_id == alert.id)
        .where(SafeguardingAlertEvent.kind == "reopened")
        .order_by(col(SafeguardingAlertEvent.at).desc(), col(SafeguardingAlertEvent.id).desc())
    ).first()
    if last is None:
        return "This alert is not closed, so there is nothing to reopen."
    person = db.get(Person, last.actor_id) if last.actor_id else None
    return already_done(person.name if person else "", "reopened", last.at)


def _cancel_escalations(db: Session, alert: SafeguardingAlert) -> int:
    """Escalation emails about ``alert`` not yet sent are no longer needed. How many."""
    cancelling = db.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.safeguarding_alert_id) == alert.id)
        .where(col(OutboxMessage.kind) == alert_mail.ESCALATION_KIND)
        .where(col(OutboxMessage.status) == OutboxStatus.PENDING)
        .values(status=OutboxStatus.CANCELLED)
    )
    return affected_rows(cancelling)


def add_event(
    db: Session,
    alert: SafeguardingAlert,
    kind: str,
    *,
    actor_id: int | None = None,
    note: str = "",
    now: datetime | None = None,
) -> SafeguardingAlertEvent:
    event = SafeguardingAlertEvent(
        alert_id=alert.id,  # type: ignore[arg-type]
        kind=kind,
        actor_id=actor_id,
        note=note,
        at=now or utcnow(),
    )
    db.add(event)
    db.flush()
    return event


def events(db: Session, alert: SafeguardingAlert) -> list[SafeguardingAlertEvent]:
    query = (
        select(SafeguardingAlertEvent)
        .where(SafeguardingAlertEvent.alert_id == alert.id)
        .order_by(col(SafeguardingAlertEvent.at), col(SafeguardingAlertEvent.id))
    )
    return list(db.exec(query))


def team_name(db: Session, alert: SafeguardingAlert) -> str:
    team = db.get(Team, alert.team_id)
    return team.name if team else "an unknown team"
