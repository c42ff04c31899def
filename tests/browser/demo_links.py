"""Feedback links made straight in a live server's demo council, for journeys that start at one."""

from __future__ import annotations

from sqlmodel import Session, select

from learning.feedback import links
from learning.feedback.terms import FormKind, LinkKind
from learning.org.demo import DEMO_SLUG
from learning.org.models import Council, Team
from tests.browser.conftest import LiveServer
from tests.conftest import make_settings


def demo_team(db: Session) -> Team:
    """The demo council's first team."""
    council = db.exec(select(Council).where(Council.slug == DEMO_SLUG)).one()
    team = db.exec(select(Team).where(Team.council_id == council.id)).first()
    assert team is not None and team.id is not None
    return team


def new_poster(db: Session, title: str, form_kind: FormKind | None = None) -> links.NewLink:
    """A new poster link of the demo council's first team."""
    team = demo_team(db)
    assert team.id is not None
    return links.create_link(
        db,
        make_settings(),  # a poster's code is kept as it is: any secret does
        council_id=team.council_id,
        team_id=team.id,
        kind=LinkKind.POSTER,
        title=title,
        form_kind=form_kind,
    )


def poster_link(server: LiveServer, title: str, form_kind: FormKind | None = None) -> str:
    """A new poster link of the demo council's first team; returns its address."""
    with server.database.transaction() as db:
        new = new_poster(db, title, form_kind)
    return server.url(f"/f/{new.token}")
