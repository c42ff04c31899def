"""Feedback is kept no longer than its link's retention, unless a person has still to deal
with it (never silently dropped), and the limits' records no longer than 48 hours: the hourly
sweep (learning.feedback.housekeeping)."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, select

from learning.app import create_app
from learning.audit.models import AuditEvent
from learning.audit.service import Actor
from learning.cli import main
from learning.core.clock import today, utcnow
from learning.core.config import Settings
from learning.core.db import Database
from learning.feedback import alerts, housekeeping, triage
from learning.feedback.models import (
    DailyKey,
    FeedbackActionLink,
    FeedbackDraft,
    FeedbackReply,
    FeedbackSubmission,
    FeedbackTag,
    RateCounter,
    SafeguardingAlert,
    SafeguardingAlertEvent,
    UsedNonce,
)
from learning.feedback.nonces import NONCE_MAX_AGE
from learning.feedback.terms import AlertOutcome, FormKind, QuarantineReason, SubmissionStatus
from learning.mail.models import OutboxMessage
from learning.themes.models import ThemeItem
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.alert_helpers import make_alert, make_submission
from tests.feedback.factories import FeedbackFactory
from tests.feedback.triage_helpers import an_action

PAST = today() - timedelta(days=1)  # its last day was yesterday
READ = SubmissionStatus.READ  # the team has read it: nothing keeps it past its retention


def _with_everything(db: Session, factory: Factory, submission: FeedbackSubmission) -> None:
    """A tag, a reply by email, a link to an action and an answer in the theme engine."""
    assert submission.id is not None
    worker = factory.make_person()
    mail = OutboxMessage(
        kind="feedback_reply", to_address="sam@example.test", subject="Your feedback", body="Thanks"
    )
    db.add(mail)
    db.flush()
    db.add(FeedbackTag(submission_id=submission.id, name="waiting times"))
    db.add(
        FeedbackReply(
            submission_id=submission.id, author_id=worker.id, body="Thanks", outbox_id=mail.id
        )
    )
    team = factory.make_team()
    action = an_action(db, team)
    db.add(FeedbackActionLink(action_id=action.id, submission_id=submission.id))
    db.add(
        ThemeItem(
            council_id=submission.council_id,
            source="feedback_child_8_12",
            source_ref=f"feedback:{submission.id}:worries",
            happened_on=today(),
            text="My worker listens",
        )
    )
    db.commit()


def _count(db: Session, model: type, **where: object) -> int:
    db.expire_all()
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return int(db.exec(query).one())


def test_feedback_past_its_retention_goes_with_everything_about_it(
    db: Session, factory: Factory, settings: Settings
) -> None:
    alert = make_alert(factory, settings, delete_after=PAST, status=READ)
    alerts.record_outcome(db, alert, factory.make_person().id, AlertOutcome.ADVICE, "Talked")
    gone = db.get(FeedbackSubmission, alert.submission_id)
    assert gone is not None
    _with_everything(db, factory, gone)
    kept = make_submission(factory, delete_after=today(), flagged=False)  # its last day: today
    _with_everything(db, factory, kept)
    db.commit()

    swept = housekeeping.sweep(db)

    assert swept.submissions == 1
    assert db.get(FeedbackSubmission, gone.id) is None
    for model, column in [
        (FeedbackTag, "submission_id"),
        (FeedbackReply, "submission_id"),
        (FeedbackActionLink, "submission_id"),
        (SafeguardingAlert, "submission_id"),
    ]:
        assert _count(db, model, **{column: gone.id}) == 0, model
        assert model is SafeguardingAlert or _count(db, model, **{column: kept.id}) == 1, model
    assert _count(db, SafeguardingAlertEvent, alert_id=alert.id) == 0
    assert _count(db, OutboxMessage, safeguarding_alert_id=alert.id) == 0
    assert _count(db, OutboxMessage, to_address="sam@example.test") == 1  # the kept one's reply
    refs = db.exec(select(ThemeItem.source_ref)).all()
    assert refs == [f"feedback:{kept.id}:worries"]

    (event,) = db.exec(
        select(AuditEvent).where(AuditEvent.action == "feedback.retention.deleted")
    ).all()
    assert json.loads(event.detail) == {"submissions": 1}
    assert event.council_id == gone.council_id and "listens" not in event.detail


def test_a_worry_whose_alert_is_open_is_kept_until_the_alert_is_closed(
    db: Session, factory: Factory, settings: Settings
) -> None:
    alert = make_alert(factory, settings, delete_after=PAST, status=READ)
    db.commit()

    assert housekeeping.sweep(db).submissions == 0
    assert db.get(FeedbackSubmission, alert.submission_id) is not None

    alerts.record_outcome(
        db, alert, factory.make_person().id, AlertOutcome.REFERRAL_TO_FRONT_DOOR, "Sent"
    )
    db.commit()
    assert housekeeping.sweep(db).submissions == 1
    assert db.get(FeedbackSubmission, alert.submission_id) is None


def test_many_are_deleted_in_batches_in_one_sweep(db: Session, factory: Factory) -> None:
    for _ in range(7):
        make_submission(factory, delete_after=PAST, flagged=False, status=READ)
    db.commit()
    batch = housekeeping.BATCH
    housekeeping.BATCH = 3
    try:
        assert housekeeping.sweep(db).submissions == 7
    finally:
        housekeeping.BATCH = batch
    assert _count(db, FeedbackSubmission) == 0


def _kept_back_events(db: Session) -> list[dict[str, int]]:
    query = select(AuditEvent).where(AuditEvent.action == "feedback.retention.kept_back")
    return [json.loads(e.detail) for e in db.exec(query.order_by(AuditEvent.id)).all()]


def _counts(unread: int = 0, held_unchecked: int = 0, alert_not_closed: int = 0) -> dict[str, int]:
    """What the audit event for feedback kept back says: counts by why, nothing else."""
    return dict(unread=unread, held_unchecked=held_unchecked, alert_not_closed=alert_not_closed)


def test_feedback_nobody_in_the_team_has_read_is_kept_past_its_retention_until_read(
    db: Session, factory: Factory
) -> None:
    unread = make_submission(factory, delete_after=PAST, flagged=False)
    db.commit()

    swept = housekeeping.sweep(db)

    assert (swept.submissions, swept.kept_back) == (0, 1)
    assert db.get(FeedbackSubmission, unread.id) is not None
    [counts] = _kept_back_events(db)
    assert counts == _counts(unread=1)

    someone_else = factory.make_person(team_id=factory.make_team().id)
    triage.open_item(db, Actor(someone_else.id, "Other team", unread.council_id), unread)
    assert housekeeping.sweep(db).submissions == 0  # read, but not by the team
    member = factory.make_person(team_id=unread.team_id)
    triage.open_item(db, Actor(member.id, "One of the team", unread.council_id), unread)
    db.commit()

    assert housekeeping.sweep(db).submissions == 1
    assert db.get(FeedbackSubmission, unread.id) is None


def test_a_held_item_nobody_checked_is_kept_until_let_in_or_kept_as_spam(
    db: Session, factory: Factory
) -> None:
    held = {
        name: make_submission(
            factory, delete_after=PAST, flagged=False, status=READ,
            quarantine_reason=QuarantineReason.HONEYPOT,
        )
        for name in ("let in", "spam", "unchecked")
    }
    db.commit()
    assert housekeeping.sweep(db).kept_back == 3
    assert _kept_back_events(db)[-1] == _counts(held_unchecked=3)

    person = factory.make_person(team_id=held["spam"].team_id)
    actor = Actor(person.id, "Checker", person.council_id)
    triage.release(db, actor, held["let in"])
    triage.keep_as_spam(db, actor, held["spam"])
    db.commit()

    swept = housekeeping.sweep(db)
    assert (swept.submissions, swept.kept_back) == (2, 1)
    assert db.get(FeedbackSubmission, held["unchecked"].id) is not None
    assert _kept_back_events(db)[-1] == _counts(held_unchecked=1)


def test_what_is_kept_back_is_audited_once_a_day_and_again_when_it_changes(
    db: Session, factory: Factory, settings: Settings
) -> None:
    make_submission(factory, delete_after=PAST, flagged=False)
    make_alert(factory, settings, delete_after=PAST, status=READ)
    db.commit()

    housekeeping.sweep(db)
    housekeeping.sweep(db)  # an hour later, nothing changed
    assert _kept_back_events(db) == [_counts(unread=1, alert_not_closed=1)]

    make_submission(factory, delete_after=PAST, flagged=False)
    db.commit()
    housekeeping.sweep(db)
    assert _kept_back_events(db)[-1] == _counts(unread=2, alert_not_closed=1)
    assert len(_kept_back_events(db)) == 2


def test_rate_counters_are_kept_at_most_48_hours(db: Session) -> None:
    now = utcnow()
    for hours in (1, 47, 49, 72):
        db.add(RateCounter(key=f"k{hours}", window_start=now - timedelta(hours=hours), count=1))
    db.commit()

    assert housekeeping.sweep(db, now).counters == 2
    assert sorted(db.exec(select(RateCounter.key)).all()) == ["k1", "k47"]


def test_spent_nonces_old_day_keys_and_expired_saved_forms_go_too(
    db: Session, factory: Factory
) -> None:
    """The sweep is the only thing that clears these out: submissions do not."""
    now = utcnow()
    db.add(UsedNonce(nonce_hash="fresh", used_at=now - NONCE_MAX_AGE))
    db.add(UsedNonce(nonce_hash="spent", used_at=now - NONCE_MAX_AGE - timedelta(minutes=6)))
    for days in (0, 1, 2, 3):
        day = now.date() - timedelta(days=days)
        db.add(DailyKey(day=day, key=f"key{days}"))
    link = FeedbackFactory(factory).make_link().link
    for name, hours in (("kept", 1), ("expired", -1)):
        db.add(
            FeedbackDraft(
                link_id=link.id,
                code_hash=name,
                form_kind=FormKind.CHILD_8_12,
                answers="{}",
                expires_at=now + timedelta(hours=hours),
            )
        )
    db.commit()

    swept = housekeeping.sweep(db, now)

    assert (swept.nonces, swept.keys, swept.drafts) == (1, 2, 1)
    assert db.exec(select(UsedNonce.nonce_hash)).all() == ["fresh"]
    assert sorted(db.exec(select(DailyKey.key)).all()) == ["key0", "key1"]
    assert db.exec(select(FeedbackDraft.code_hash)).all() == ["kept"]


def _past_retention(database: Database) -> int:
    with database.transaction() as db:
        submission = make_submission(Factory(db), delete_after=PAST, flagged=False, status=READ)
        assert submission.id is not None
        return submission.id


def test_the_web_service_sweeps_when_it_starts_and_every_hour(
    own_database: tuple[str, Database],
) -> None:
    url, database = own_database
    submission_id = _past_retention(database)
    app = create_app(make_settings(database_url=url), database=database)

    with TestClient(app, base_url="https://testserver"):  # runs the app's background services
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with database.session() as db:
                if db.get(FeedbackSubmission, submission_id) is None:
                    break
            time.sleep(0.05)
        else:
            pytest.fail("the web service did not sweep")


def test_learning_feedback_sweep_does_the_same_by_hand(
    own_database: tuple[str, Database],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, database = own_database
    submission_id = _past_retention(database)
    monkeypatch.setenv("LEARNING_DATABASE_URL", url)

    assert main(["feedback", "sweep"]) == 0

    assert capsys.readouterr().out.startswith("Deleted 1 submission(s) past their retention")
    with database.session() as db:
        assert db.get(FeedbackSubmission, submission_id) is None
