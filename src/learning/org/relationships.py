"""Supervisory relationships: who supervises whom, from when until when.

Reading them is in :mod:`learning.org.service` (``current_relationships`` and friends);
here they are added and ended, each change audited in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from learning.audit.service import Actor, record
from learning.core.clock import format_date, today
from learning.org.forms import SupervisionInput
from learning.org.models import Person, SupervisoryRelationship
from learning.org.service import InvalidInput, get_person


@dataclass(frozen=True)
class Supervision:
    """One supervisory relationship with both people."""

    link: SupervisoryRelationship
    supervisor: Person
    supervisee: Person


def add_supervisor(
    db: Session, actor: Actor, person: Person, data: SupervisionInput
) -> SupervisoryRelationship:
    assert person.id is not None
    if data.supervisor_id == person.id:
        raise InvalidInput({"supervisor_id": "A person cannot supervise themselves"})
    supervisor = get_person(db, person.council_id, data.supervisor_id)
    if supervisor is None or not supervisor.active:
        raise InvalidInput({"supervisor_id": "Select a supervisor from the list"})
    for link in db.exec(select(SupervisoryRelationship).where(
            SupervisoryRelationship.supervisor_id == supervisor.id,
            SupervisoryRelationship.supervisee_id == person.id)):
        if _overlaps(link, data.starts_on, data.ends_on):
            until = f" to {format_date(link.ends_on)}" if link.ends_on else ""
            raise InvalidInput({"starts_on": (
                f"{supervisor.name} already supervises {person.name} from "
                f"{format_date(link.starts_on)}{until}. Choose dates that do not overlap, "
                "or end that supervision first")})
    assert supervisor.id is not None
    link = SupervisoryRelationship(
        council_id=person.council_id, supervisor_id=supervisor.id, supervisee_id=person.id,
        starts_on=data.starts_on, ends_on=data.ends_on)
    db.add(link)
    db.flush()
    record(db, actor, "supervision_link.created", "supervisory_relationship", link.id,
           supervisor_id=supervisor.id, supervisee_id=person.id, starts_on=data.starts_on,
           ends_on=data.ends_on)
    return link


def _overlaps(link: SupervisoryRelationship, starts_on: date, ends_on: date | None) -> bool:
    return (link.ends_on is None or starts_on <= link.ends_on) and (
        ends_on is None or link.starts_on <= ends_on)


def get_supervision(
    db: Session, council_id: int, person_id: int, link_id: int
) -> Supervision | None:
    """A supervisory relationship of ``person_id`` (either side), within the council."""
    link = db.get(SupervisoryRelationship, link_id)
    if link is None or link.council_id != council_id:
        return None
    if person_id not in (link.supervisor_id, link.supervisee_id):
        return None
    supervisor = get_person(db, council_id, link.supervisor_id)
    supervisee = get_person(db, council_id, link.supervisee_id)
    if supervisor is None or supervisee is None:
        return None
    return Supervision(link, supervisor, supervisee)


def end_supervision(
    db: Session, actor: Actor, link: SupervisoryRelationship, ends_on: date
) -> None:
    if link.ends_on is not None and link.ends_on < today():
        raise InvalidInput({"ends_on": f"This supervision ended on {format_date(link.ends_on)}"})
    if ends_on < link.starts_on:
        raise InvalidInput({"ends_on": "End date must be the same as or after the start date, "
                            f"{format_date(link.starts_on)}"})
    link.ends_on = ends_on
    record(db, actor, "supervision_link.ended", "supervisory_relationship", link.id,
           supervisor_id=link.supervisor_id, supervisee_id=link.supervisee_id, ends_on=ends_on)
