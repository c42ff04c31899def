"""The ceiling on alert emails while someone floods a feedback link.

Every alert is raised, but not every alert on held feedback is emailed. One client can send
hundreds of worries in a minute, each held (over its own limit, no form nonce) and each
alerting: one email each would drown whoever is on duty, and a real child's worry among them
with it. So of the alerts on feedback held for what its sender did (``held_for_the_sender``:
the honeypot filled in, no genuine nonce, the same form or words again, or over the sender's own
limit) from one link, at most ``HELD_EMAILS_PER_LINK`` are emailed within any hour, the
last of them saying so; the rest are in the inbox with their deadline, escalate as any
alert does (``alert_jobs`` emails a link's together), and their trail says why no email
went.

Feedback held for what happened to its link (over the link's own limit, or the link used,
switched off or expired) is held whoever sent it, a real child too, and so is feedback sent
faster than a person types (the safety button pressed at once) or too long: their alerts
are always emailed, as are alerts on feedback not held and alerts a person raises on
reading feedback. What remains: while someone floods a link, a real worry sent from a form
page open longer than its nonce lasts (two hours), or from an address over its own limit (a
class on one school network), is in the inbox without an email of its own; the emails
already sent for that link say so, and it escalates as every alert does.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, exists, func
from sqlmodel import Session, col, select

from learning.feedback import alert_mail
from learning.feedback.models import (
    FeedbackLink,
    FeedbackSubmission,
    SafeguardingAlert,
    SafeguardingAlertEvent,
)
from learning.feedback.terms import QuarantineReason
from learning.mail.models import OutboxMessage

#: Of the alerts on feedback held for its sender from one link, at most this many are emailed
#: in any hour (``HELD_EMAIL_WINDOW``, rolling); see ``emailed_this_hour``.
HELD_EMAILS_PER_LINK = 3
HELD_EMAIL_WINDOW = timedelta(hours=1)


#: Holds for what the sender did: what one client flooding a link makes. Not the link's own
#: limit, or its being used or closed (those hold everyone's feedback, a real child's too),
#: nor too fast or too long (a real person does both).
SENDERS_HOLDS = (
    QuarantineReason.HONEYPOT,
    QuarantineReason.BAD_NONCE,
    QuarantineReason.DUPLICATE,
    QuarantineReason.CLIENT_RATE,
)


def held_for_the_sender(submission: FeedbackSubmission) -> bool:
    """Held for a person to check for what its sender did (``SENDERS_HOLDS``), and not let
    out: what limits the alert emails."""
    return submission.quarantine_reason in SENDERS_HOLDS and submission.released_at is None


def held_for_the_sender_clause() -> ColumnElement[bool]:
    """``held_for_the_sender`` in SQL, about ``FeedbackSubmission``."""
    return and_(
        col(FeedbackSubmission.quarantine_reason).in_(SENDERS_HOLDS),
        col(FeedbackSubmission.released_at).is_(None),
    )


def emailed_this_hour(db: Session, submission: FeedbackSubmission, now: datetime) -> int | None:
    """How many alerts on feedback held for its sender from the submission's link, raised in
    the rolling hour up to ``now``, were emailed; None when the submission is not so held
    (its alert is always emailed).

    "The same link" is ``submission.link_id``: the poster or personal link the feedback came
    through, whatever address sent it. Counted from the stored alerts and their emails in
    the outbox, so it holds across workers and restarts; alerts a person raised on reading
    feedback are not counted. The link's row is locked first: on PostgreSQL, of two held
    worries on a link at once the second waits for the first's transaction, then counts its
    email (storing a submission already holds that lock when it counted a use of the link;
    SQLite's writers take turns anyway)."""
    if not held_for_the_sender(submission):
        return None
    link_id = submission.link_id
    db.exec(select(FeedbackLink.id).where(FeedbackLink.id == link_id).with_for_update()).first()
    emailed = exists().where(
        col(OutboxMessage.safeguarding_alert_id) == SafeguardingAlert.id,
        col(OutboxMessage.kind) == alert_mail.ALERT_KIND,
    )
    by_a_person = exists().where(
        col(SafeguardingAlertEvent.alert_id) == SafeguardingAlert.id,
        col(SafeguardingAlertEvent.kind) == "raised",
        col(SafeguardingAlertEvent.actor_id).is_not(None),
    )
    query = (
        select(func.count())
        .select_from(SafeguardingAlert)
        .join(FeedbackSubmission, col(FeedbackSubmission.id) == SafeguardingAlert.submission_id)
        .where(FeedbackSubmission.link_id == link_id, held_for_the_sender_clause(), emailed,
               ~by_a_person)  # fmt: skip
        .where(col(SafeguardingAlert.raised_at) > now - HELD_EMAIL_WINDOW)
        .where(col(SafeguardingAlert.raised_at) <= now)
    )
    return db.exec(query).one()
