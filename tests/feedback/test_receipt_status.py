"""What a person sees with their receipt code, and only that."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import Session

from learning.core.clock import to_london, utcnow
from learning.core.config import Settings
from learning.feedback import receipts
from learning.feedback.models import FeedbackAction, FeedbackActionLink, FeedbackLink
from learning.feedback.receipt_status import lookup_allowed, receipt_status
from learning.feedback.submissions import Outcome, submit
from learning.feedback.terms import ActionStatus, LinkKind, SubmissionStatus
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.intake import incoming


@pytest.fixture
def now() -> datetime:
    return utcnow()


@pytest.fixture
def outcome(db: Session, settings: Settings, factory: Factory, now: datetime) -> Outcome:
    link: FeedbackLink = FeedbackFactory(factory).make_link(LinkKind.POSTER).link
    return submit(db, settings, incoming(settings, link, now), "203.0.113.9", now=now)


def test_a_new_submission_reads_received(
    db: Session, settings: Settings, outcome: Outcome, now: datetime
) -> None:
    status = receipt_status(db, settings, outcome.receipt_code)
    assert status is not None
    assert status.status == "received"
    assert status.received_on == to_london(now).date()
    assert status.actions == ()


def test_the_code_may_be_typed_in_lower_case_without_dashes(
    db: Session, settings: Settings, outcome: Outcome
) -> None:
    typed = outcome.receipt_code.replace("-", " ").lower()
    assert receipt_status(db, settings, typed) is not None


@pytest.mark.parametrize("code", ["", "ACD-EFG", "ACD-EFG-HJKMX", "000-000-0000"])
def test_codes_that_cannot_be_receipts_find_nothing(
    db: Session, settings: Settings, outcome: Outcome, code: str
) -> None:
    assert receipt_status(db, settings, code) is None


def test_an_unknown_code_finds_nothing(db: Session, settings: Settings, outcome: Outcome) -> None:
    assert receipt_status(db, settings, receipts.new_receipt_code()) is None


def test_status_words_follow_the_team(db: Session, settings: Settings, outcome: Outcome) -> None:
    submission = outcome.submission
    for status, words in [
        (SubmissionStatus.READ, "read by the team"),
        (SubmissionStatus.CLOSED, "closed"),
    ]:
        submission.status = status
        db.add(submission)
        db.flush()
        found = receipt_status(db, settings, outcome.receipt_code)
        assert found is not None and found.status == words


def test_linked_actions_show_only_their_public_summary(
    db: Session, settings: Settings, outcome: Outcome
) -> None:
    submission = outcome.submission
    public = FeedbackAction(
        council_id=submission.council_id,
        team_id=submission.team_id,
        title="Internal: rota change for duty visits",
        public_summary="Your worker now tells you a week before they visit.",
        status=ActionStatus.DONE,
    )
    quiet = FeedbackAction(
        council_id=submission.council_id, team_id=submission.team_id, title="Not public yet"
    )
    db.add_all([public, quiet])
    db.flush()
    for action in (public, quiet):
        db.add(FeedbackActionLink(action_id=action.id, submission_id=submission.id))
    db.flush()
    status = receipt_status(db, settings, outcome.receipt_code)
    assert status is not None
    assert [(a.summary, a.status) for a in status.actions] == [
        ("Your worker now tells you a week before they visit.", "done")
    ]
    assert "Internal" not in repr(status)


def test_quarantine_is_not_revealed(db: Session, settings: Settings, factory: Factory) -> None:
    link = FeedbackFactory(factory).make_link(LinkKind.POSTER).link
    now = utcnow()
    held = submit(db, settings, incoming(settings, link, now, honeypot="spam"), "a", now=now)
    assert held.quarantined
    status = receipt_status(db, settings, held.receipt_code)
    assert status is not None and status.status == "received"


def test_receipt_lookups_are_limited_per_client(db: Session, settings: Settings) -> None:
    now = utcnow()
    allowed = [lookup_allowed(db, settings, "203.0.113.9", now) for _ in range(31)]
    assert allowed == [True] * 30 + [False]
    assert lookup_allowed(db, settings, "203.0.113.10", now)
    assert lookup_allowed(db, settings, "203.0.113.9", now + timedelta(minutes=10))
