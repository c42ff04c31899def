"""The form page keeps the link it read for a few seconds (every phone at a poster asks for
the same one); a link switched off, or a single-use link used, is forgotten at once in this
process. Sending may use the kept link, but the database decides, as it counts the use,
whether the link is still open: what is sent from a link closed meanwhile is held for a
person to check, never lost."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback import links
from learning.feedback.link_cookie import RecentLinks
from learning.feedback.models import FeedbackLink, SafeguardingAlert
from learning.feedback.terms import FormKind, LinkKind, QuarantineReason
from learning.org.models import Team
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.intake import DISCLOSURE
from tests.feedback.public import open_link, send, submissions
from tests.org.conftest import SignedIn
from tests.org.pages import heading

CLOSED = "Open your link again"


@pytest.fixture
def settings() -> Settings:
    return make_settings(feedback_min_fill_seconds=0)


@pytest.fixture
def visitor(app: FastAPI) -> Iterator[TestClient]:
    """A phone at the poster, beside the staff member's browser."""
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        yield client


@pytest.fixture
def link_reads() -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM feedback_link" in statement:
            seen.append(statement)

    event.listen(Engine, "before_cursor_execute", note)
    yield seen
    event.remove(Engine, "before_cursor_execute", note)


def test_the_form_page_reads_its_link_once_in_a_few_seconds(
    app: FastAPI, visitor: TestClient, ff: FeedbackFactory, link_reads: list[str]
) -> None:
    open_link(visitor, ff, FormKind.CHILD_8_12)
    link_reads.clear()

    pages = [visitor.get("/give-feedback") for _ in range(3)]
    assert [heading(p) for p in pages] == ["Tell us what you think"] * 3
    assert len(link_reads) == 1

    app.state.recent_links = RecentLinks(seconds=0)  # as if the few seconds had passed
    visitor.get("/give-feedback")
    assert len(link_reads) == 2


def test_a_used_single_use_link_shows_no_form_at_once(
    visitor: TestClient, ff: FeedbackFactory
) -> None:
    open_link(visitor, ff, FormKind.CHILD_8_12, kind=LinkKind.PERSONAL)
    form_page = visitor.get("/give-feedback")

    assert send(visitor, form_page, good="They listened to me properly").status_code == 303
    assert heading(visitor.get("/give-feedback")) == CLOSED


def test_a_link_switched_off_by_staff_shows_no_form_at_once(
    client: TestClient, visitor: TestClient, factory: Factory, ff: FeedbackFactory, team: Team
) -> None:
    link_id = open_link(visitor, ff, FormKind.CHILD_8_12, team_id=team.id)
    assert heading(visitor.get("/give-feedback")) == "Tell us what you think"
    person = factory.make_person(roles=(Role.PRACTITIONER,), team_id=team.id)
    me = SignedIn(client, person, factory.sign_in(client, person))

    assert me.post(f"/feedback/links/{link_id}/revoke").status_code == 303
    assert heading(visitor.get("/give-feedback")) == CLOSED


def test_what_is_sent_from_a_form_kept_after_its_link_closed_is_held_not_lost(
    visitor: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    link_id = open_link(visitor, ff, FormKind.CHILD_8_12)
    form_page = visitor.get("/give-feedback")  # the link is kept now
    link = db.get(FeedbackLink, link_id)
    assert link is not None
    links.revoke(db, link, None)  # switched off by another worker, say
    db.commit()

    again = visitor.get("/give-feedback")  # for a few seconds its form may still show
    sent = send(visitor, again, good="Please keep my worker, she is kind")

    assert heading(again) == "Tell us what you think" and heading(form_page) == heading(again)
    assert sent.status_code == 303
    (stored,) = submissions(db)
    assert stored.quarantine_reason is QuarantineReason.LINK_USED


def test_sending_from_a_kept_link_reads_no_link_and_counts_its_use(
    visitor: TestClient, ff: FeedbackFactory, db: Session, link_reads: list[str]
) -> None:
    link_id = open_link(visitor, ff, FormKind.CHILD_8_12)
    form_page = visitor.get("/give-feedback")
    link_reads.clear()

    sent = send(visitor, form_page, good="They listened to me properly")

    assert sent.status_code == 303
    assert link_reads == []  # the use is counted, and the link's state checked, in one UPDATE
    (stored,) = submissions(db)
    assert stored.link_id == link_id and stored.quarantine_reason is None
    link = db.get(FeedbackLink, link_id, populate_existing=True)
    assert link is not None and link.use_count == 1


def test_a_worry_saved_for_later_on_a_link_closed_meanwhile_is_held_and_alerts(
    visitor: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    """Saving part-way does not use the link up, so it asks the database whether the link is
    open rather than trust the kept copy."""
    link_id = open_link(visitor, ff, FormKind.YOUNG_PERSON)
    form_page = visitor.get("/give-feedback")  # the link is kept now, open
    link = db.get(FeedbackLink, link_id)
    assert link is not None
    links.revoke(db, link, None)  # switched off by another worker, say
    db.commit()

    saved = send(visitor, form_page, save="yes", better=DISCLOSURE)

    assert saved.status_code == 200
    (stored,) = submissions(db)
    assert stored.flagged and stored.quarantine_reason is QuarantineReason.LINK_USED
    assert db.exec(select(SafeguardingAlert)).one().submission_id == stored.id
