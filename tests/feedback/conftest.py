"""Fixtures the feedback tests share: the feedback factory, a team, and for the review queue a
supervisor of that team and one item of feedback that came in through the real intake."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback import lookup_limits, public_save, rates
from learning.feedback.models import FeedbackSubmission
from learning.org.models import Team
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.triage_helpers import given, poster_for, staff
from tests.org.conftest import SignedIn
from tests.support.smtp import Inbox, smtp_server


@pytest.fixture(autouse=True)
def _no_remembered_daily_keys() -> None:
    """Each test's database is rolled back afterwards, keys and all: the keys this process
    remembers from the last test's are forgotten, as a new database's would never be known."""
    rates.forget_keys()


@pytest.fixture
def one_rate_window(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """The time the limits on failed look-ups and on saves take as now, held at one moment
    for the test (and returned). They count in fixed windows of the real clock (an hour, ten
    minutes) under a key that changes each day: a test counting to a limit through the app
    would otherwise see its count start again whenever a window ended while it ran, the more
    often the slower a busy machine runs it."""
    now = utcnow()
    monkeypatch.setattr(lookup_limits, "utcnow", lambda: now)
    monkeypatch.setattr(public_save, "utcnow", lambda: now)
    return now


@pytest.fixture
def ff(factory: Factory) -> FeedbackFactory:
    return FeedbackFactory(factory)


@pytest.fixture
def team(factory: Factory) -> Team:
    return factory.make_team(name="Children in need north")


@pytest.fixture
def in_care(factory: Factory) -> Team:
    return factory.make_team(name="Children in Care")


@pytest.fixture
def front_door(factory: Factory) -> Team:
    return factory.make_team(name="Front Door and MASH")


@pytest.fixture
def supervisor(client: TestClient, factory: Factory, team: Team) -> SignedIn:
    return staff(client, factory, team, Role.SUPERVISOR)


@pytest.fixture
def item(db: Session, settings: Settings, factory: Factory, team: Team) -> FeedbackSubmission:
    return given(db, settings, poster_for(factory, team))


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    """A real SMTP server catching what is sent."""
    with smtp_server() as server:
        yield server
