"""The demo council's feedback: six months of it, through the real services, repeatable, and
showing every journey (every form and language, links in each state, items held for
checking, a team's "what changed" behind a receipt code, and alerts in each state). The
review queue's journeys written out step by step are checked in ``test_demo_journeys``."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, SQLModel, col, select

from learning.audit.models import AuditEvent
from learning.core import migrate
from learning.core.db import Database
from learning.core.permissions import Permission, Role, permissions_for
from learning.feedback import links, working_days
from learning.feedback.alert_words import decode_categories
from learning.feedback.demo import DemoFeedback, create_demo_feedback
from learning.feedback.demo_moments import DISCLOSURES, SHOWCASE_RECEIPT, STAYS_OVER, WEEKENDS
from learning.feedback.demo_plan import from_voice
from learning.feedback.demo_voices import Tone, Voice
from learning.feedback.forms import definition_for, validate
from learning.feedback.models import (
    FeedbackAction,
    FeedbackActionLink,
    FeedbackLink,
    FeedbackReply,
    FeedbackSubmission,
    FeedbackTag,
    SafeguardingAlert,
    SafeguardingAlertEvent,
)
from learning.feedback.receipt_status import receipt_status
from learning.feedback.safeguarding import screen_all
from learning.feedback.terms import (
    FORMS,
    AlertOutcome,
    AlertStatus,
    FormKind,
    Language,
    LinkKind,
    QuarantineReason,
    ScreenCategory,
    SubmissionStatus,
)
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus
from learning.org.demo import DEMO_SLUG, create_demo_council
from learning.org.models import Council, Person, RoleAssignment
from tests.conftest import make_settings, rolled_back, row_counts
from tests.factories import Factory
from tests.feedback.public import main_text
from tests.org.pages import heading

NOW = datetime(2026, 11, 25, 16, 30, tzinfo=UTC)  # a Wednesday afternoon
TABLES: tuple[type[SQLModel], ...] = (
    FeedbackLink, FeedbackSubmission, FeedbackTag, FeedbackReply, FeedbackAction,
    FeedbackActionLink, SafeguardingAlert, SafeguardingAlertEvent, OutboxMessage, AuditEvent,
)  # fmt: skip


@dataclass(frozen=True)
class Demo:
    database: Database
    made: DemoFeedback


def make_demo(fresh_database_url: Callable[[], str]) -> Demo:
    database = Database.from_url(fresh_database_url())
    migrate.upgrade(database.engine)
    with database.transaction() as db:
        made = create_demo_feedback(db, create_demo_council(db), make_settings(), now=NOW)
    return Demo(database, made)


@pytest.fixture(scope="module")
def demo(fresh_database_url: Callable[[], str]) -> Iterator[Demo]:
    made = make_demo(fresh_database_url)
    yield made
    made.database.engine.dispose()


@pytest.fixture
def database(demo: Demo) -> Iterator[Database]:
    """This module's tests run against the demo database, each in a transaction rolled back."""
    yield from rolled_back(demo.database)


@pytest.fixture
def council(db: Session) -> Council:
    return db.exec(select(Council).where(Council.slug == DEMO_SLUG)).one()


def all_of(db: Session, table: type[SQLModel]) -> list:  # type: ignore[type-arg]
    return list(db.exec(select(table)).all())


def answers(submission: FeedbackSubmission) -> dict[str, str]:
    return dict(json.loads(submission.answers))


def written(submission: FeedbackSubmission) -> list[str]:
    """The answers typed in boxes (not the choices on scales)."""
    form = definition_for(submission.form_kind, submission.easy_read)
    return [
        text
        for key, text in answers(submission).items()
        if (question := form.question(key)) is not None and question.is_text
    ]


def test_six_months_of_feedback_in_every_form_and_language(db: Session) -> None:
    submissions: list[FeedbackSubmission] = all_of(db, FeedbackSubmission)
    assert 150 <= len(submissions) <= 250
    ages = [(NOW - s.submitted_at).days for s in submissions]
    assert min(ages) == 0 and 150 <= max(ages) <= 200
    assert {age // 30 for age in ages} >= set(range(6))  # every month has some

    kinds = Counter(s.form_kind for s in submissions)
    assert set(kinds) == set(FORMS)
    languages = Counter(s.language for s in submissions)
    assert set(languages) == set(Language)
    assert languages[Language.ENGLISH] > 0.8 * len(submissions)
    assert all(languages[language] >= 3 for language in Language)
    assert any(s.easy_read for s in submissions)

    words = [text for s in submissions for text in written(s)]
    assert len(set(words)) >= 80, "people's own words, not one sentence over and over"
    asked = [s for s in submissions if s.wants_contact]
    assert asked and all(s.contact_name and s.contact_detail for s in asked)


class SkipsEverything(random.Random):
    """Draws that skip every question (and make nothing rare happen)."""

    def random(self) -> float:
        return 0.05


@pytest.mark.parametrize("kind", FORMS)
def test_someone_who_only_rated_and_skipped_every_scale_still_answered_one(
    kind: FormKind,
) -> None:
    """The Three Houses has one scale: skipped, by someone who did not ask to be contacted, it
    made a form with no answer, which the form refuses (`learning demo` failed so on about
    one day in six)."""
    plan = from_voice(SkipsEverything(), None, NOW, Voice(kind, Tone.MIXED, "", {}))  # type: ignore[arg-type]
    answers = {k: v for k, v in plan.raw.items() if not k.startswith(("contact_", "wants_"))}
    _, errors = validate(definition_for(kind, plan.easy), answers)
    assert answers and errors == {}


def test_the_demos_personal_links_keep_only_a_keyed_hash_of_their_short_codes(
    db: Session,
) -> None:
    made: list[FeedbackLink] = all_of(db, FeedbackLink)
    personal = [link for link in made if link.kind is LinkKind.PERSONAL]
    public = [link for link in made if link.kind is not LinkKind.PERSONAL]

    assert personal and public
    assert all(re.fullmatch(r"[0-9a-f]{64}", link.short_code) for link in personal)
    assert all(links.typed_code(link.short_code, 8) == link.short_code for link in public)


def test_links_of_every_kind_in_every_state(db: Session) -> None:
    made: list[FeedbackLink] = all_of(db, FeedbackLink)
    states = {(link.kind, links.status_of(link, NOW)) for link in made}
    assert states >= {
        (LinkKind.POSTER, links.LinkStatus.OPEN),
        (LinkKind.POSTER, links.LinkStatus.REVOKED),
        (LinkKind.TIMED, links.LinkStatus.OPEN),
        (LinkKind.TIMED, links.LinkStatus.EXPIRED),
        (LinkKind.PERSONAL, links.LinkStatus.USED),
        (LinkKind.PERSONAL, links.LinkStatus.EXPIRED),
    }
    assert len({link.team_id for link in made}) >= 8
    used = Counter(s.link_id for s in all_of(db, FeedbackSubmission))
    personal = [link for link in made if link.kind is LinkKind.PERSONAL]
    assert all(used[link.id] <= 1 for link in personal), "a personal link is used once"
    revoked = next(link for link in made if link.revoked_at is not None)
    last = max(s.submitted_at for s in all_of(db, FeedbackSubmission) if s.link_id == revoked.id)
    assert revoked.revoked_at is not None and last < revoked.revoked_at
    assert all(
        link.created_at < NOW - timedelta(days=1) for link in made if link.kind is LinkKind.POSTER
    )


def test_the_screen_flagged_the_disclosures_and_a_reader_the_worry_it_missed(
    db: Session,
) -> None:
    submissions: list[FeedbackSubmission] = all_of(db, FeedbackSubmission)
    found: list[SafeguardingAlert] = all_of(db, SafeguardingAlert)
    by_reader = {
        a.submission_id
        for a in found
        if ScreenCategory.RAISED_BY_STAFF in decode_categories(a.categories)
    }
    for submission in submissions:
        screened = screen_all(answers(submission).values()).flagged
        assert submission.flagged is (screened or submission.id in by_reader)
        assert not (screened and submission.id in by_reader)
    flagged = {
        text for s in submissions if s.flagged and s.id not in by_reader for text in written(s)
    }
    disclosed = {text for moment in DISCLOSURES for text in moment.texts.values()}
    assert flagged == disclosed
    [missed] = [s for s in submissions if s.id in by_reader]
    assert set(written(missed)) == set(WEEKENDS.texts.values())
    alerted = {a.submission_id for a in found}
    assert alerted == {s.id for s in submissions if s.flagged or s.worried_about_safety}


def test_one_alert_was_raised_by_the_screens_cues_alone(db: Session) -> None:
    """The demo shows a worry the screen read in other words: no phrase of it names harm."""
    by_cues = [
        s for s in all_of(db, FeedbackSubmission) if json.loads(s.screen_categories) == ["concern"]
    ]
    assert [answers(s).get("better") for s in by_cues] == [STAYS_OVER.texts["better"]]
    alert = db.exec(
        select(SafeguardingAlert).where(SafeguardingAlert.submission_id == by_cues[0].id)
    ).one()
    assert alert.status is AlertStatus.CLOSED
    assert alert.outcome is AlertOutcome.REFERRAL_TO_FRONT_DOOR


def test_six_alerts_in_each_state_with_their_trails_and_emails(db: Session) -> None:
    found: list[SafeguardingAlert] = all_of(db, SafeguardingAlert)
    by_state = Counter(alert.status for alert in found)
    assert by_state == {AlertStatus.OPEN: 1, AlertStatus.ACKNOWLEDGED: 1, AlertStatus.CLOSED: 4}
    [still_open] = [a for a in found if a.status is AlertStatus.OPEN]
    assert still_open.respond_by < NOW and still_open.escalation_level >= 3
    assert {a.outcome for a in found if a.status is AlertStatus.CLOSED} == {
        AlertOutcome.REFERRAL_TO_FRONT_DOOR,
        AlertOutcome.EXISTING_WORKER_INFORMED,
    }
    assert sum(a.self_reported for a in found) == 1
    for alert in found:
        trail = db.exec(
            select(SafeguardingAlertEvent)
            .where(SafeguardingAlertEvent.alert_id == alert.id)
            .order_by(col(SafeguardingAlertEvent.at), col(SafeguardingAlertEvent.id))
        ).all()
        kinds = [event.kind for event in trail]
        emails = db.exec(
            select(OutboxMessage).where(OutboxMessage.safeguarding_alert_id == alert.id)
        ).all()
        assert kinds[:2] == ["raised", "email_sent"]
        assert kinds.count("email_sent") == len(emails) == 1 + kinds.count("escalated")
        assert all(email.status is OutboxStatus.SENT for email in emails)
        assert ("acknowledged" in kinds) is (alert.status is not AlertStatus.OPEN)
        assert ("outcome" in kinds) is (alert.status is AlertStatus.CLOSED)
        assert all(event.at <= NOW for event in trail)


def test_nothing_waits_in_the_outbox(db: Session) -> None:
    """The demo's past emails went (a visitor's server would otherwise send them), but two
    replies, which the mail server refused."""
    messages: list[OutboxMessage] = all_of(db, OutboxMessage)
    statuses = Counter(m.status for m in messages)
    assert statuses[OutboxStatus.PENDING] == 0 and statuses[OutboxStatus.SENT] > 10
    refused = [m for m in messages if m.status is OutboxStatus.FAILED]
    assert [(m.kind, m.attempts) for m in refused] == [("feedback_reply", 1)] * 2
    assert all(m.last_error.startswith("55") for m in refused)


def test_items_held_for_checking_are_kept_let_in_or_marked_as_spam(db: Session) -> None:
    held = [s for s in all_of(db, FeedbackSubmission) if s.quarantine_reason is not None]
    assert Counter(s.quarantine_reason for s in held) == {
        QuarantineReason.HONEYPOT: 2,
        QuarantineReason.TOO_FAST: 2,
        QuarantineReason.DUPLICATE: 1,
    }
    assert sum(s.released_at is not None for s in held) == 1
    assert sum(s.status is SubmissionStatus.CLOSED for s in held) == 1  # kept as spam
    linked = {row.submission_id for row in all_of(db, FeedbackActionLink)}
    assert not linked & {s.id for s in held}


def test_the_teams_read_tag_reply_and_close_with_a_few_overdue(db: Session) -> None:
    submissions: list[FeedbackSubmission] = all_of(db, FeedbackSubmission)
    states = Counter(s.status for s in submissions)
    assert all(states[state] >= 5 for state in SubmissionStatus)
    unread = [s for s in submissions if s.status is SubmissionStatus.NEW]
    assert any(working_days.is_overdue(s.submitted_at, NOW.date()) for s in unread)
    assert all(s.read_at and s.submitted_at < s.read_at <= NOW for s in submissions if s.read_at)
    tags = Counter(tag.name for tag in all_of(db, FeedbackTag))
    for topic in ("changing social worker", "not told what the meeting was about",
                  "being listened to", "brothers and sisters", "late for appointments",
                  "explained things well"):  # fmt: skip
        assert tags[topic] >= 3, topic
    replies: list[FeedbackReply] = all_of(db, FeedbackReply)
    assert any(r.outbox_id for r in replies) and any(r.outbox_id is None for r in replies)


def test_actions_say_what_changed_and_a_receipt_code_shows_it(db: Session) -> None:
    found: list[FeedbackAction] = all_of(db, FeedbackAction)
    assert len(found) >= 5 and all(a.public_summary for a in found)
    rows = all_of(db, FeedbackActionLink)
    items = {s.id: s for s in all_of(db, FeedbackSubmission)}
    for action in found:
        mine = [items[r.submission_id] for r in rows if r.action_id == action.id]
        assert mine and all(s.team_id == action.team_id for s in mine)

    status = receipt_status(db, make_settings(), SHOWCASE_RECEIPT)
    assert status is not None and status.status in ("read by the team", "closed")
    assert [a.status for a in status.actions] == ["done"]
    assert "what the meeting is for" in status.actions[0].summary


def test_the_audit_trail_dates_what_staff_did_when_they_did_it(db: Session) -> None:
    events = db.exec(select(AuditEvent).where(col(AuditEvent.action).startswith("feedback"))).all()
    made = [e for e in events if e.action == "feedback_link.created"]
    assert min(e.occurred_at for e in made) < NOW - timedelta(days=150)
    read = [e for e in events if e.action == "feedback.item.read"]
    assert len(read) > 100 and all(e.occurred_at <= NOW for e in read)


def test_the_safeguarding_lead_to_sign_in_as_handles_alerts(db: Session) -> None:
    lead = db.exec(select(Person).where(Person.email == "helen.pascoe@tamarside.example")).one()
    roles = set(db.exec(select(RoleAssignment.role).where(RoleAssignment.person_id == lead.id)))
    assert Role.SAFEGUARDING_LEAD in roles
    assert Permission.SAFEGUARDING_ALERTS in permissions_for(roles)
    closed = [a for a in all_of(db, SafeguardingAlert) if a.status is AlertStatus.CLOSED]
    assert {a.closed_by_id for a in closed} == {lead.id}


@pytest.mark.parametrize(
    "email", ["helen.pascoe@tamarside.example", "ruth.penrose@tamarside.example"]
)
def test_the_staff_pages_open_on_the_demos_feedback(
    client: TestClient, db: Session, email: str
) -> None:
    """Every page of the feedback journeys, for the people to sign in as (with the demo's
    volume of feedback: several pages of it)."""
    person = db.exec(select(Person).where(Person.email == email)).one()
    Factory(db).sign_in(client, person)
    pages = ["/feedback/links", "/feedback/queue/actions", *queue_pages(client)]
    if email.startswith("helen"):
        pages += ["/safeguarding/alerts"] + [
            f"/safeguarding/alerts/{a.id}" for a in all_of(db, SafeguardingAlert)
        ]
    theirs = [s for s in all_of(db, FeedbackSubmission) if s.team_id == person.team_id]
    pages += [f"/feedback/queue/{s.id}" for s in theirs[:3]]
    for address in pages:
        response = client.get(address)
        assert response.status_code == 200, (address, response.status_code)


def queue_pages(client: TestClient) -> list[str]:
    tabs = [f"/feedback/queue?tab={tab}" for tab in ("open", "held", "closed")]
    return [*tabs, "/feedback/queue?tab=closed&page=2"]


def test_the_printed_address_opens_the_childs_form_and_the_receipt_code_works(
    client: TestClient, demo: Demo
) -> None:
    assert demo.made.lines()[0] == f"Try the child's form: {demo.made.child_form_url}"
    opened = client.get(demo.made.child_form_url.removeprefix("https://testserver"))
    assert opened.status_code == 303 and opened.headers["location"].endswith("/give-feedback")
    form = client.get("/give-feedback")
    assert heading(form) == "Tell us what you think"
    assert "Did someone listen to you?" in main_text(form)

    assert demo.made.receipt_url == "https://testserver/give-feedback/receipt"
    found = client.post("/give-feedback/receipt", data={"code": demo.made.receipt_code})
    assert found.status_code == 200
    assert "what the meeting is for" in main_text(found)


def test_running_it_again_adds_nothing(db: Session, council: Council) -> None:
    before = row_counts(db, TABLES)
    again = create_demo_feedback(db, council, make_settings(), now=NOW + timedelta(days=1))
    assert row_counts(db, TABLES) == before
    assert again.child_form_url.startswith("https://testserver/s/")


def test_the_same_moment_gives_the_same_feedback(
    fresh_database_url: Callable[[], str], db: Session
) -> None:
    other = make_demo(fresh_database_url)
    try:
        with other.database.session() as second:
            assert fingerprint(second) == fingerprint(db)
    finally:
        other.database.engine.dispose()


def fingerprint(db: Session) -> list[tuple[object, ...]]:
    rows = db.exec(select(FeedbackSubmission).order_by(col(FeedbackSubmission.id))).all()
    return [
        (s.submitted_at, s.form_kind, s.language, s.answers, s.status, s.quarantine_reason)
        for s in rows
    ]
