"""What the theme engine gets of a held item a person kept as spam: nothing. It is decided (not
used), not waiting for a person, so it leaves the "held back" count; every item is still
accounted for."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlmodel import Session, select

from learning.audit.service import Actor
from learning.core.config import Settings
from learning.core.db import Database
from learning.feedback import learning, triage
from learning.feedback.models import FeedbackSubmission
from learning.org.models import Team
from learning.themes import queries, sources
from learning.themes.models import ThemeItem
from learning.themes.recluster import recluster
from learning.themes.terms import ItemState
from tests.factories import Factory
from tests.feedback.triage_helpers import given, poster_for

SPAM = "http://spam.example"


@pytest.fixture(autouse=True)
def _feedback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sources, "_REGISTRY", {"feedback": "learning.feedback.learning:learning_items"}
    )


def _checker(factory: Factory, team: Team) -> Actor:
    person = factory.make_person(team_id=team.id)
    return Actor(person.id, person.name, person.council_id)


def _states(db: Session, council_id: int) -> Counter[ItemState]:
    rows = db.exec(select(ThemeItem.state).where(ThemeItem.council_id == council_id)).all()
    return Counter(ItemState(state) for state in rows)


def test_a_held_item_kept_as_spam_shares_nothing_and_one_waiting_is_held(
    db: Session, settings: Settings, factory: Factory, team: Team
) -> None:
    link = poster_for(factory, team)
    spam = given(db, settings, link, honeypot=SPAM, answers={"good": "Cheap watches here"})
    waiting = given(db, settings, link, honeypot=SPAM, answers={"good": "My worker is kind"})
    triage.keep_as_spam(db, _checker(factory, team), spam)
    db.commit()

    items = learning.learning_items(db, team.council_id)

    assert [(i.id.split(":")[1], i.held) for i in items] == [(str(waiting.id), True)]
    share = learning.submission_share(db, spam.id or 0)
    assert share is not None and share.items == () and share.refs  # taken out if stored


def test_kept_as_spam_leaves_the_held_count_and_every_item_is_still_accounted_for(
    db: Session, database: Database, settings: Settings, factory: Factory, team: Team
) -> None:
    link = poster_for(factory, team)
    for n in range(6):
        given(db, settings, link, answers={"good": f"My worker came when she said, visit {n}"})
    spam = given(db, settings, link, honeypot=SPAM, answers={"good": "Cheap watches here"})
    given(db, settings, link, honeypot=SPAM, answers={"good": "They listened to my mum"})
    council_id = team.council_id
    recluster(database, council_id)
    assert _states(db, council_id)[ItemState.HELD] == 2

    triage.keep_as_spam(db, _checker(factory, team), spam)
    db.commit()
    recluster(database, council_id)

    db.expire_all()
    assert db.get(FeedbackSubmission, spam.id) is not None  # kept, never deleted by hand
    states = _states(db, council_id)
    assert states[ItemState.HELD] == 1
    figures = queries.accounting(db, council_id)
    assert figures.held == 1
    parts = figures.clustered + figures.not_yet_themed + figures.set_aside + figures.held
    assert parts == figures.total == sum(states.values()) == 7
