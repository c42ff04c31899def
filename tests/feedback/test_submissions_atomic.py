"""Submissions across real, separate transactions: twenty people racing on one personal link,
and an alert that cannot be raised taking its submission down with it.

These tests commit, so they run on a database of their own rather than inside the rolled
back transaction of the other tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlmodel import func, select

from learning.core.clock import utcnow
from learning.core.db import Database
from learning.feedback import alerts, links
from learning.feedback.models import FeedbackLink, FeedbackSubmission, SafeguardingAlert
from learning.feedback.submissions import Outcome, submit
from learning.feedback.terms import LinkKind, QuarantineReason
from learning.org.models import Team
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.intake import DISCLOSURE, incoming
from tests.support.concurrency import database_for_racers, racing

SETTINGS = make_settings()
RACERS = 20


@pytest.fixture(scope="module")
def own_database(fresh_database_url: object) -> Iterator[Database]:
    database = database_for_racers(fresh_database_url(), RACERS)  # type: ignore[operator]
    yield database
    database.engine.dispose()


@pytest.fixture(scope="module")
def team(own_database: Database) -> Team:
    with own_database.session() as session:
        return Factory(session).make_team()


def _new_link(database: Database, team: Team, kind: LinkKind) -> int:
    with database.transaction() as session:
        new = links.create_link(
            session,
            make_settings(),
            council_id=team.council_id,
            team_id=team.id,
            kind=kind,
            title="Our team",
        )
        assert new.link.id is not None
        return new.link.id


def _count(database: Database, link_id: int) -> int:
    with database.session() as session:
        query = select(func.count()).where(FeedbackSubmission.link_id == link_id)
        return int(session.exec(query).one())


def _submit_in_own_transaction(
    database: Database, link_id: int, n: int, now: datetime
) -> Outcome:
    with database.transaction() as session:  # as a POST request: it declares its write intent
        link = session.get(FeedbackLink, link_id)  # as the form view does, before submitting
        assert link is not None
        answers = {"good": f"this is what racer number {n} wanted to say"}
        submission = incoming(SETTINGS, link, now, answers=answers)
        return submit(session, SETTINGS, submission, f"198.51.100.{n}", now=now)


def test_twenty_simultaneous_submits_on_one_personal_link_give_exactly_one_success(
    own_database: Database, team: Team
) -> None:
    link_id = _new_link(own_database, team, LinkKind.PERSONAL)
    now = utcnow()
    outcomes = racing(RACERS, lambda n: _submit_in_own_transaction(own_database, link_id, n, now))
    accepted = [o for o in outcomes if not o.quarantined]
    held = [o for o in outcomes if o.quarantined]
    assert len(accepted) == 1
    assert {o.submission.quarantine_reason for o in held} == {QuarantineReason.LINK_USED}
    assert _count(own_database, link_id) == RACERS  # nothing lost
    with own_database.session() as session:
        link = session.get(FeedbackLink, link_id)
        assert link is not None and link.used_at is not None


def test_when_the_alert_cannot_be_raised_the_submission_is_not_stored_either(
    own_database: Database, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    link_id = _new_link(own_database, team, LinkKind.POSTER)

    def broken(*args: object, **kwargs: object) -> SafeguardingAlert:
        raise RuntimeError("the alert table is unavailable")

    monkeypatch.setattr(alerts, "raise_alert", broken)
    now = utcnow()
    with pytest.raises(RuntimeError), own_database.transaction() as session:
        link = session.get(FeedbackLink, link_id)
        assert link is not None
        submit(
            session,
            SETTINGS,
            incoming(SETTINGS, link, now, answers={"worries": DISCLOSURE}),
            "a",
            now=now,
        )
    assert _count(own_database, link_id) == 0
    with own_database.session() as session:
        link = session.get(FeedbackLink, link_id)
        assert link is not None and link.use_count == 0


def test_a_submission_and_its_alert_are_committed_together(
    own_database: Database, team: Team
) -> None:
    link_id = _new_link(own_database, team, LinkKind.POSTER)
    now = utcnow() + timedelta(seconds=1)
    with own_database.transaction() as session:
        link = session.get(FeedbackLink, link_id)
        assert link is not None
        answers = {"worries": DISCLOSURE}
        outcome = submit(session, SETTINGS, incoming(SETTINGS, link, now, answers=answers), "a")
        submission_id = outcome.submission.id
    with own_database.session() as session:
        alert = session.exec(
            select(SafeguardingAlert).where(SafeguardingAlert.submission_id == submission_id)
        ).one()
        assert alert.team_id == outcome.submission.team_id
