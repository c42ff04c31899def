"""Whose feedback links a person may see and manage.

Everyone with ``Permission.FEEDBACK_LINKS`` manages the links of their own team.
Administrators, team managers and principal social workers manage every link in their
council: they set up posters and events for any team. Another council's link, or another
team's for everyone else, is answered as if it did not exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal
from learning.core.permissions import Role
from learning.feedback.models import FeedbackLink
from learning.org.models import BY_NAME, Person, Team

COUNCIL_WIDE = frozenset({Role.ADMINISTRATOR, Role.TEAM_MANAGER, Role.PRINCIPAL_SOCIAL_WORKER})
LIST_LIMIT = 300


class NotYourLink(Exception):
    """The link does not exist, or is not this person's to manage."""


def sees_whole_council(principal: Principal) -> bool:
    return bool(principal.roles & COUNCIL_WIDE)


def may_manage(principal: Principal, link: FeedbackLink) -> bool:
    if link.council_id != principal.council_id:
        return False
    return sees_whole_council(principal) or link.team_id == principal.team_id


def require_link(db: Session, principal: Principal, link_id: int) -> FeedbackLink:
    link = db.get(FeedbackLink, link_id)
    if link is None or not may_manage(principal, link):
        raise NotYourLink(f"feedback link {link_id}")
    return link


def teams_for(db: Session, principal: Principal) -> Sequence[Team]:
    """The active teams this person may make links for, by name."""
    query = select(Team).where(Team.council_id == principal.council_id, col(Team.active))
    if not sees_whole_council(principal):
        query = query.where(Team.id == principal.team_id)
    return db.exec(query.order_by(col(Team.name))).all()


def workers_in(db: Session, council_id: int, team_ids: Sequence[int]) -> Sequence[Person]:
    """The active people in these teams, by name: who a link can be about."""
    if not team_ids:
        return []
    query = select(Person).where(
        Person.council_id == council_id, col(Person.active), col(Person.team_id).in_(team_ids)
    )
    return db.exec(query.order_by(*BY_NAME)).all()


@dataclass(frozen=True)
class LinkLine:
    link: FeedbackLink
    team: str


def list_links(db: Session, principal: Principal) -> list[LinkLine]:
    """The links this person manages, newest first (at most ``LIST_LIMIT``)."""
    query = (
        select(FeedbackLink, Team.name)
        .join(Team, col(Team.id) == FeedbackLink.team_id)
        .where(FeedbackLink.council_id == principal.council_id)
    )
    if not sees_whole_council(principal):
        query = query.where(FeedbackLink.team_id == principal.team_id)
    query = query.order_by(col(FeedbackLink.created_at).desc(), col(FeedbackLink.id).desc())
    return [LinkLine(link, team) for link, team in db.exec(query.limit(LIST_LIMIT)).all()]
