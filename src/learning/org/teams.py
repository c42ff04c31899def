"""Teams and service areas: listed, added and changed within one council, each change audited."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from learning.audit.service import Actor, record
from learning.org.forms import TeamInput
from learning.org.models import Person, ServiceArea, Team
from learning.org.service import InvalidInput, saved

TEAM_CONFLICTS = {"name": ("name", "There is already a team with this name")}
AREA_CONFLICTS = {"name": ("name", "There is already a service area with this name")}


@dataclass(frozen=True)
class TeamRow:
    team: Team
    service_area: str
    members: int


def list_team_rows(db: Session, council_id: int) -> list[TeamRow]:
    """Every team of the council with its service area and how many active people it has."""
    members = (
        select(Person.team_id, func.count().label("members"))
        .where(Person.council_id == council_id, Person.active)
        .group_by(col(Person.team_id))
        .subquery()
    )
    query = (
        select(Team, ServiceArea.name, members.c.members)
        .outerjoin(ServiceArea, col(ServiceArea.id) == Team.service_area_id)
        .outerjoin(members, members.c.team_id == Team.id)
        .where(Team.council_id == council_id)
        .order_by(func.coalesce(ServiceArea.name, "~"), Team.name)
    )
    return [TeamRow(team, area or "", int(count or 0)) for team, area, count in db.exec(query)]


def list_service_areas(db: Session, council_id: int) -> Sequence[ServiceArea]:
    query = select(ServiceArea).where(ServiceArea.council_id == council_id)
    return db.exec(query.order_by(ServiceArea.name)).all()


def get_service_area(db: Session, council_id: int, area_id: int) -> ServiceArea | None:
    area = db.get(ServiceArea, area_id)
    return area if area is not None and area.council_id == council_id else None


def create_team(db: Session, actor: Actor, council_id: int, data: TeamInput) -> Team:
    _check_team(db, council_id, None, data)
    team = Team(council_id=council_id, name=data.name, kind=data.kind,
                service_area_id=data.service_area_id)
    saved(db, lambda: db.add(team), TEAM_CONFLICTS)
    record(db, actor, "team.created", "team", team.id, kind=data.kind,
           service_area_id=data.service_area_id)
    return team


def shown_values(team: Team | TeamInput) -> dict[str, str]:
    """The edit form's fields for a team as it is saved, or as a form sent it and was read."""
    return {"name": team.name, "kind": team.kind.value,
            "service_area_id": str(team.service_area_id or "")}


def seen_of(team: Team) -> str:
    """A fingerprint of what the team's edit form shows, as the form carries it: a save from a
    page opened before another save (another tab, another administrator) is refused instead
    of silently putting back what that save changed. Teams keep no time of their last change,
    so it is what the form shows, like the supervision forms' (``supervision.conflicts``): it
    needs no migration, and changes only when what the form shows does."""
    text = json.dumps(shown_values(team), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def update_team(db: Session, actor: Actor, team: Team, data: TeamInput) -> list[str]:
    """Change a team; returns the names of the fields that changed."""
    _check_team(db, team.council_id, team, data)
    before = {"name": team.name, "kind": team.kind, "service_area_id": team.service_area_id}
    after = {"name": data.name, "kind": data.kind, "service_area_id": data.service_area_id}
    changed = [name for name in before if before[name] != after[name]]
    if not changed:
        return []

    def apply() -> None:
        team.name, team.kind, team.service_area_id = data.name, data.kind, data.service_area_id

    saved(db, apply, TEAM_CONFLICTS)
    record(db, actor, "team.updated", "team", team.id, changed=changed)
    return changed


def _check_team(db: Session, council_id: int, team: Team | None, data: TeamInput) -> None:
    errors: dict[str, str] = {}
    same_name = db.exec(select(Team.id).where(
        Team.council_id == council_id, func.lower(Team.name) == data.name.lower())).first()
    if same_name is not None and (team is None or same_name != team.id):
        errors["name"] = "There is already a team with this name"
    if data.service_area_id is not None and get_service_area(
            db, council_id, data.service_area_id) is None:
        errors["service_area_id"] = "Select a service area from the list"
    if errors:
        raise InvalidInput(errors)


def create_service_area(db: Session, actor: Actor, council_id: int, name: str) -> ServiceArea:
    same_name = db.exec(select(ServiceArea.id).where(
        ServiceArea.council_id == council_id, func.lower(ServiceArea.name) == name.lower())).first()
    if same_name is not None:
        raise InvalidInput({"name": "There is already a service area with this name"})
    area = ServiceArea(council_id=council_id, name=name)
    saved(db, lambda: db.add(area), AREA_CONFLICTS)
    record(db, actor, "service_area.created", "service_area", area.id)
    return area
