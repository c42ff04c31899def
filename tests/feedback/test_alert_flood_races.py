"""Held worries on one link arriving at the same moment, each in a transaction of its own (as
the public form's requests are): still only the ceiling's worth of alert emails, counted
from what the other transactions committed, and every worry an alert.

These tests commit, so they run on a database of their own rather than inside the rolled
back transaction of the other tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlmodel import col, select

from learning.core.clock import utcnow
from learning.core.db import Database
from learning.feedback import alert_ceiling, alerts
from learning.feedback.alert_mail import ALERT_KIND
from learning.feedback.models import FeedbackLink, FeedbackSubmission, SafeguardingAlert
from learning.feedback.submissions import Outcome, submit
from learning.feedback.terms import LinkKind
from learning.mail.models import OutboxMessage
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.intake import DISCLOSURE, incoming
from tests.support.concurrency import database_for_racers, racing

SETTINGS = make_settings()
RACERS = 8


@pytest.fixture(scope="module")
def racing_database(fresh_database_url: object) -> Iterator[Database]:
    database = database_for_racers(fresh_database_url(), RACERS)  # type: ignore[operator]
    yield database
    database.engine.dispose()


def _new_poster(database: Database) -> int:
    with database.session() as session:
        link = FeedbackFactory(Factory(session)).make_link(LinkKind.POSTER).link
        assert link.id is not None
        return link.id


def _held_worry(database: Database, link_id: int, n: int, now: datetime) -> Outcome:
    """A script's worry, without a form nonce (held), in its own transaction. Half are sent
    as "save and finish later" would send a worry: those do not count a use of the link."""
    with database.transaction(write=True) as session:
        link = session.get(FeedbackLink, link_id)
        assert link is not None
        sent = incoming(SETTINGS, link, now, nonce="", part_way=n % 2 == 0,
                        answers={"worries": f"{DISCLOSURE} ({n})"})  # fmt: skip
        return submit(session, SETTINGS, sent, "198.51.100.7", now=now)


def test_held_worries_racing_on_one_link_are_all_alerted_and_only_the_ceiling_emailed(
    racing_database: Database,
) -> None:
    link_id = _new_poster(racing_database)
    now = utcnow()
    outcomes = racing(RACERS, lambda n: _held_worry(racing_database, link_id, n, now))

    assert all(o.quarantined and o.alert is not None for o in outcomes)
    with racing_database.session() as session:
        raised = session.exec(
            select(SafeguardingAlert)
            .join(FeedbackSubmission)
            .where(FeedbackSubmission.link_id == link_id)
        ).all()
        emails = session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.kind == ALERT_KIND)
            .where(col(OutboxMessage.safeguarding_alert_id).in_([a.id for a in raised]))
        ).all()
        trails = [[e.kind for e in alerts.events(session, a)] for a in raised]
    assert len(raised) == RACERS
    assert len(emails) == alert_ceiling.HELD_EMAILS_PER_LINK
    assert sum("more from the same link" in m.subject for m in emails) == 1
    assert trails.count(["raised", "not_emailed"]) == RACERS - alert_ceiling.HELD_EMAILS_PER_LINK
