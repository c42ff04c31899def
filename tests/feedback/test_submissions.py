"""Taking in a submission: stored with a receipt, screened, alert raised, every quarantine
reason, and nothing ever dropped."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from learning.core.clock import to_london, utcnow
from learning.core.config import Settings
from learning.feedback import abuse, receipts
from learning.feedback.models import FeedbackLink, FeedbackSubmission, SafeguardingAlert
from learning.feedback.submissions import submit
from learning.feedback.terms import LinkKind, QuarantineReason, ScreenCategory, SubmissionStatus
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.intake import DISCLOSURE, incoming


@pytest.fixture
def now() -> datetime:
    return utcnow()


@pytest.fixture
def poster(factory: Factory) -> FeedbackLink:
    return FeedbackFactory(factory).make_link(LinkKind.POSTER, retention_days=365).link


def test_the_outcome_gives_the_stored_row_as_the_sessions_own_model_without_reading_it(
    db: Session, settings: Settings, poster: FeedbackLink, now: datetime
) -> None:
    outcome = submit(db, settings, incoming(settings, poster, now), "203.0.113.9", now=now)
    statements: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", note)
    try:
        submission = outcome.submission
        assert db.get(FeedbackSubmission, outcome.submission_id) is submission
    finally:
        event.remove(Engine, "before_cursor_execute", note)
    assert statements == []
    assert submission.id == outcome.submission_id and submission.link_id == poster.id
    db.expire(submission)  # what the database holds is what the model said
    assert submission.status is SubmissionStatus.NEW and submission.link_id == poster.id


def test_a_calm_submission_is_stored_with_a_receipt_and_no_alert(
    db: Session, settings: Settings, poster: FeedbackLink, now: datetime
) -> None:
    outcome = submit(db, settings, incoming(settings, poster, now), "203.0.113.9", now=now)
    stored = db.get(FeedbackSubmission, outcome.submission.id)
    assert stored is not None and not outcome.quarantined and outcome.alert is None
    assert stored.quarantine_reason is None and not stored.flagged
    assert json.loads(stored.answers)["good"].startswith("My worker listens")
    assert (stored.team_id, stored.council_id, stored.link_id) == (
        poster.team_id,
        poster.council_id,
        poster.id,
    )
    assert stored.delete_after == to_london(now).date() + timedelta(days=365)
    assert stored.receipt_hash == receipts.receipt_hash(settings, outcome.receipt_code)
    assert outcome.receipt_code not in stored.receipt_hash
    assert len(outcome.receipt_code.replace("-", "")) == receipts.RECEIPT_LENGTH
    assert db.exec(select(SafeguardingAlert)).all() == []


def test_the_link_counts_each_use(
    db: Session, settings: Settings, poster: FeedbackLink, now: datetime
) -> None:
    for n in range(3):
        answers = {"good": f"answer number {n} about my worker"}
        submit(db, settings, incoming(settings, poster, now, answers=answers), "a", now=now)
    db.refresh(poster)
    assert poster.use_count == 3


def test_contact_details_are_kept_only_when_asked_for(
    db: Session, settings: Settings, poster: FeedbackLink, now: datetime
) -> None:
    details = {"contact_name": " Sam ", "contact_detail": "sam@example.test"}
    wanted = submit(
        db, settings, incoming(settings, poster, now, wants_contact=True, **details), "a", now=now
    ).submission
    assert (wanted.contact_name, wanted.contact_detail) == ("Sam", "sam@example.test")
    answers = {"good": "something else entirely to say here"}
    unwanted = submit(
        db, settings, incoming(settings, poster, now, answers=answers, **details), "a", now=now
    ).submission
    assert (unwanted.contact_name, unwanted.contact_detail) == ("", "")


def test_a_disclosure_is_flagged_and_raises_an_alert(
    db: Session, settings: Settings, poster: FeedbackLink, now: datetime
) -> None:
    answers = {"rating": "sad", "worries": DISCLOSURE}
    outcome = submit(db, settings, incoming(settings, poster, now, answers=answers), "a", now=now)
    assert outcome.submission.flagged and outcome.alert is not None
    assert outcome.alert.submission_id == outcome.submission.id
    assert json.loads(outcome.submission.screen_categories)
    assert not outcome.alert.self_reported


def test_worried_about_my_safety_always_raises_an_alert(
    db: Session, settings: Settings, poster: FeedbackLink, now: datetime
) -> None:
    outcome = submit(
        db, settings, incoming(settings, poster, now, worried_about_safety=True), "a", now=now
    )
    assert outcome.alert is not None and outcome.alert.self_reported
    assert outcome.submission.worried_about_safety and not outcome.quarantined


def test_a_quarantined_disclosure_still_raises_its_alert(
    db: Session, settings: Settings, poster: FeedbackLink, now: datetime
) -> None:
    answers = {"worries": DISCLOSURE}
    spammy = incoming(settings, poster, now, answers=answers, honeypot="x", nonce="forged")
    outcome = submit(db, settings, spammy, "a", now=now)
    assert outcome.quarantined and outcome.alert is not None
    assert outcome.submission.quarantine_reason is QuarantineReason.HONEYPOT


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"honeypot": "http://spam.example"}, QuarantineReason.HONEYPOT),
        ({"nonce": "forged"}, QuarantineReason.BAD_NONCE),
        ({"filled_for": timedelta(seconds=1)}, QuarantineReason.TOO_FAST),
        ({"filled_for": timedelta(hours=3)}, QuarantineReason.BAD_NONCE),
        ({"answers": {"good": "x" * (abuse.MAX_ANSWER_CHARS + 10)}}, QuarantineReason.TOO_LONG),
    ],
)
def test_each_failed_check_quarantines_and_keeps_the_submission(
    db: Session,
    settings: Settings,
    poster: FeedbackLink,
    now: datetime,
    overrides: dict,
    reason: QuarantineReason,
) -> None:
    outcome = submit(db, settings, incoming(settings, poster, now, **overrides), "a", now=now)
    assert outcome.quarantined
    stored = db.get(FeedbackSubmission, outcome.submission.id)
    assert stored is not None and stored.quarantine_reason is reason
    assert outcome.receipt_code


def test_a_long_answer_is_kept_cut_to_the_limit(
    db: Session, settings: Settings, poster: FeedbackLink, now: datetime
) -> None:
    answers = {"good": "y" * (abuse.MAX_ANSWER_CHARS * 2)}
    outcome = submit(db, settings, incoming(settings, poster, now, answers=answers), "a", now=now)
    assert json.loads(outcome.submission.answers)["good"] == "y" * abuse.MAX_ANSWER_CHARS


def test_the_same_form_sent_twice_is_a_duplicate(
    db: Session, settings: Settings, poster: FeedbackLink, now: datetime
) -> None:
    once = incoming(settings, poster, now)
    assert not submit(db, settings, once, "a", now=now).quarantined
    again = submit(db, settings, once, "a", now=now + timedelta(seconds=2))
    assert again.submission.quarantine_reason is QuarantineReason.DUPLICATE


def test_a_form_older_than_its_nonce_sent_twice_is_stored_twice_with_two_receipts(
    db: Session, settings: Settings, poster: FeedbackLink, now: datetime
) -> None:
    """A form left open three hours: its nonce is too old to be spent, so nothing tells
    whether it was sent before, and each sending gets a receipt of its own (a worry sent
    again with more words was refused with a database error and lost)."""
    old = incoming(settings, poster, now, filled_for=timedelta(hours=3),
                   worried_about_safety=True)  # fmt: skip
    first = submit(db, settings, old, "a", now=now)
    more = replace(old, answers={"better": "He said he will do it again tonight"})
    second = submit(db, settings, more, "a", now=now + timedelta(seconds=20))

    assert first.submission.quarantine_reason is QuarantineReason.BAD_NONCE
    assert second.submission.quarantine_reason is QuarantineReason.BAD_NONCE
    assert first.receipt_code != second.receipt_code
    assert first.alert is not None and second.alert is not None


def test_the_same_sentence_is_a_duplicate_within_a_day_but_not_after(
    db: Session, settings: Settings, poster: FeedbackLink, now: datetime
) -> None:
    first = submit(db, settings, incoming(settings, poster, now), "a", now=now)
    assert not first.quarantined
    later = now + timedelta(hours=25)
    second = submit(db, settings, incoming(settings, poster, later), "b", now=later)
    assert not second.quarantined
    soon_after = later + timedelta(hours=23)
    third = submit(db, settings, incoming(settings, poster, soon_after), "c", now=soon_after)
    assert third.submission.quarantine_reason is QuarantineReason.DUPLICATE


def test_short_identical_answers_are_not_duplicates(
    db: Session, settings: Settings, poster: FeedbackLink, now: datetime
) -> None:
    answers = {"rating": "happy", "good": "all good"}
    for address in ("a", "b", "c"):
        outcome = submit(
            db, settings, incoming(settings, poster, now, answers=answers), address, now=now
        )
        assert not outcome.quarantined


def test_past_the_client_limit_submissions_wait_in_quarantine(
    db: Session, poster: FeedbackLink, now: datetime
) -> None:
    settings = make_settings(feedback_client_limit=2)
    reasons = [
        submit(
            db, settings, incoming(settings, poster, now, answers={"n": f"{n}"}), "a", now=now
        ).submission.quarantine_reason
        for n in range(3)
    ]
    assert reasons == [None, None, QuarantineReason.CLIENT_RATE]


def test_past_the_link_limit_submissions_wait_in_quarantine(
    db: Session, poster: FeedbackLink, now: datetime
) -> None:
    settings = make_settings(feedback_link_limit=2)
    reasons = [
        submit(
            db, settings, incoming(settings, poster, now, answers={"n": f"{n}"}), f"{n}", now=now
        ).submission.quarantine_reason
        for n in range(3)
    ]
    assert reasons == [None, None, QuarantineReason.LINK_RATE]


def test_a_personal_link_used_twice_keeps_the_second_in_quarantine(
    db: Session, settings: Settings, factory: Factory, now: datetime
) -> None:
    personal = FeedbackFactory(factory).make_link(LinkKind.PERSONAL).link
    first = submit(db, settings, incoming(settings, personal, now), "a", now=now)
    answers = {"good": "and another thing I forgot to say"}
    second = submit(db, settings, incoming(settings, personal, now, answers=answers), "a", now=now)
    assert not first.quarantined
    assert second.submission.quarantine_reason is QuarantineReason.LINK_USED


def test_a_link_revoked_after_opening_keeps_the_submission_in_quarantine(
    db: Session, settings: Settings, poster: FeedbackLink, now: datetime
) -> None:
    poster.revoked_at = now - timedelta(minutes=1)
    db.add(poster)
    db.flush()
    outcome = submit(
        db, settings, incoming(settings, poster, now, worried_about_safety=True), "a", now=now
    )
    assert outcome.submission.quarantine_reason is QuarantineReason.LINK_USED
    assert outcome.alert is not None


def test_a_safety_button_press_alerts_whatever_the_screen_says(
    db: Session, settings: Settings, poster: FeedbackLink, now: datetime
) -> None:
    outcome = submit(
        db,
        settings,
        incoming(settings, poster, now, answers={}, worried_about_safety=True),
        "a",
        now=now,
    )
    assert outcome.alert is not None
    categories = json.loads(outcome.alert.categories)
    assert ScreenCategory.ASKED_FOR_HELP.value in categories
