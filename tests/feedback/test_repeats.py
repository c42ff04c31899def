"""A form sent twice (a double click, or Back and send again) does its work once: before,
a reply went to a family as two emails, and an action was added twice. Two sends at the
very same moment are told apart too, on a database of the test's own (the suite's shared
connection cannot run two transactions at once), where PostgreSQL's writers do not take
turns as SQLite's do."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.app import create_app
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.permissions import Role
from learning.feedback.models import FeedbackAction, FeedbackActionLink, FeedbackReply
from learning.mail.models import OutboxMessage
from learning.org.models import Team
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.triage_helpers import given, poster_for
from tests.org.conftest import SignedIn
from tests.org.pages import flash
from tests.support.concurrency import at_once

ACTION = {"title": "Explain meetings before they start", "public_summary": "", "status": "planned",
          "due_on-day": "", "due_on-month": "", "due_on-year": ""}


def replies(db: Session) -> list[FeedbackReply]:
    db.expire_all()
    return list(db.exec(select(FeedbackReply)).all())


def test_a_reply_sent_twice_is_emailed_once(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    item = given(db, settings, poster_for(factory, team), wants_contact=True,
                 contact_name="Sam", contact_detail="sam@example.test")
    first = supervisor.post(f"/feedback/queue/{item.id}/reply", {"body": "Thank you, Sam."})
    assert flash(supervisor.follow(first)) == "Your reply is on its way by email"
    again = supervisor.post(f"/feedback/queue/{item.id}/reply", {"body": "Thank you, Sam."})
    assert flash(supervisor.follow(again)) == "This reply was sent a moment ago"
    assert len(replies(db)) == 1
    assert len(db.exec(select(OutboxMessage)).all()) == 1
    # Other words are another reply.
    supervisor.post(f"/feedback/queue/{item.id}/reply", {"body": "One more thing, Sam."})
    assert len(replies(db)) == 2


def test_an_action_sent_twice_is_added_once_and_linked_once(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    item = given(db, settings, poster_for(factory, team))
    form = {**ACTION, "item": str(item.id)}
    first = supervisor.post("/feedback/queue/actions/new", form)
    assert flash(supervisor.follow(first)).startswith("Action added and linked")
    again = supervisor.post("/feedback/queue/actions/new", form)
    assert flash(supervisor.follow(again)) == (
        "This action was added a moment ago and linked: Explain meetings before they start")
    db.expire_all()
    assert len(db.exec(select(FeedbackAction)).all()) == 1
    assert len(db.exec(select(FeedbackActionLink)).all()) == 1


def test_a_reply_and_an_action_sent_twice_at_the_same_moment_are_done_once(
    own_database: tuple[str, Database],
) -> None:
    url, database = own_database
    settings = make_settings(database_url=url)
    app = create_app(settings, database=database)
    with database.session() as db:
        factory = Factory(db)
        team = factory.make_team(name="Children in need north")
        person = factory.make_person(roles=(Role.SUPERVISOR,), team_id=team.id)
        item = given(db, settings, poster_for(factory, team), wants_contact=True,
                     contact_name="Sam", contact_detail="sam@example.test")
        tabs = []
        for _ in range(4):
            client = TestClient(app, base_url="https://testserver", follow_redirects=False)
            tabs.append(SignedIn(client, person, factory.sign_in(client, person)))
        db.commit()
    reply = {"body": "Thank you, Sam."}
    sent = at_once(*(lambda tab=tab: tab.post(f"/feedback/queue/{item.id}/reply", reply)
                     for tab in tabs))
    added = at_once(*(lambda tab=tab: tab.post("/feedback/queue/actions/new",
                                               {**ACTION, "team_id": str(team.id)})
                      for tab in tabs))
    assert [r.status_code for r in sent + added] == [303] * 8
    with database.session() as db:
        assert len(db.exec(select(FeedbackReply)).all()) == 1
        assert len(db.exec(select(OutboxMessage)).all()) == 1
        assert len(db.exec(select(FeedbackAction)).all()) == 1
    for tab in tabs:
        tab.client.close()
