"""What a person may see with their receipt code: when we got their feedback, whether the
team has read it, and the public summaries of what the team is doing about it.

Nothing else: not the answers, not who read it, not whether it was held for checking.
Looking up receipts is rate limited per client, like submitting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from learning.core.clock import to_london, utcnow
from learning.core.config import Settings
from learning.feedback import rates, receipts
from learning.feedback.models import FeedbackAction, FeedbackActionLink, FeedbackSubmission
from learning.feedback.terms import ActionStatus, SubmissionStatus

LOOKUP_LIMIT = rates.Limit("receipt", allowed=30, window=timedelta(minutes=10))

STATUS_WORDS = {
    SubmissionStatus.NEW: "received",
    SubmissionStatus.READ: "read by the team",
    SubmissionStatus.CLOSED: "closed",
}
ACTION_STATUS_WORDS = {
    ActionStatus.PLANNED: "planned",
    ActionStatus.IN_PROGRESS: "happening now",
    ActionStatus.DONE: "done",
}


@dataclass(frozen=True)
class PublicAction:
    summary: str  # "what changed", in plain words
    status: str


@dataclass(frozen=True)
class ReceiptStatus:
    received_on: date
    status: str  # "received", "read by the team" or "closed"
    actions: tuple[PublicAction, ...]


def receipt_status(db: Session, settings: Settings, code: str) -> ReceiptStatus | None:
    """The status behind a receipt code, or None when no feedback has that code."""
    if receipts.normalise_receipt(code) is None:
        return None
    submission = db.exec(
        select(FeedbackSubmission).where(
            FeedbackSubmission.receipt_hash == receipts.receipt_hash(settings, code)
        )
    ).first()
    if submission is None or submission.id is None:
        return None
    return ReceiptStatus(
        received_on=to_london(submission.submitted_at).date(),
        status=STATUS_WORDS[submission.status],
        actions=_public_actions(db, submission.id),
    )


def _public_actions(db: Session, submission_id: int) -> tuple[PublicAction, ...]:
    rows = db.exec(
        select(FeedbackAction)
        .join(FeedbackActionLink, col(FeedbackActionLink.action_id) == col(FeedbackAction.id))
        .where(FeedbackActionLink.submission_id == submission_id)
        .order_by(col(FeedbackAction.created_at), col(FeedbackAction.id))
    ).all()
    return tuple(
        PublicAction(action.public_summary.strip(), ACTION_STATUS_WORDS[action.status])
        for action in rows
        if action.public_summary.strip()
    )


def lookup_allowed(
    db: Session, settings: Settings, client_address: str, now: datetime | None = None
) -> bool:
    """Count one receipt lookup from this client; False once it has looked up too many."""
    now = now or utcnow()
    key = rates.client_key(db, client_address, now, what="receipt")
    return rates.hit(db, key, LOOKUP_LIMIT, now)
