"""The demo's record in progress: what a supervisor finds after being called away mid-session.

The first team manager on the demo's sign-in page started a record today with their first
practitioner (by name): the session's details and the first reflection are in, and a case
discussion is half typed, kept as a draft. "My supervisees" offers "Carry on with the
session"; the session form says a case discussion was started; its page shows what was
typed. Made through the services a supervisor's browser uses.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal, principal_for
from learning.audit.service import Actor
from learning.core.clock import today
from learning.core.permissions import Role
from learning.org import service as org
from learning.org.models import Council, Person
from learning.supervision import case_drafts, service
from learning.supervision.forms import Fields
from learning.supervision.models import CaseDiscussion

REFLECTION = (
    "A home visit where the father talked over his daughter whenever she tried to answer. "
    "I did not get to see her on her own."
)
CASE_TYPED = {
    "harm": "School says the seven-year-old is hungry most mornings and in the same clothes all "
    "week.",
    "danger_statement": "We are worried that if nothing changes she will",
    "existing_strengths": "Her aunt collects her from school on Fridays and takes her for tea.",
    "child_voice": "She said her dad sleeps a lot in the day and she makes her own",
}


def start_record_in_progress(db: Session, council: Council) -> None:
    """The first showcased team manager's record in progress (nothing if there is none to
    show, or they supervise no practitioner)."""
    assert council.id is not None
    managers = dict(org.demo_showcase(db, council.id)).get(Role.TEAM_MANAGER, [])
    if not managers:
        return
    manager = managers[0].person
    assert manager.id is not None
    practitioners = [
        p
        for p in org.supervisees_of(db, manager.id)
        if org.roles_of(db, p.id or 0) == [Role.PRACTITIONER]
    ]
    if not practitioners:
        return
    supervisee = practitioners[0]
    assert supervisee.id is not None
    principal, actor = _as(db, manager)
    session, _ = service.create_session(db, principal, actor, supervisee.id)
    assert session.id is not None
    on = today()
    service.save_draft(
        db,
        principal,
        actor,
        session.id,
        Fields(
            {
                "outcome": "held",
                "held_on-day": str(on.day),
                "held_on-month": str(on.month),
                "held_on-year": str(on.year),
                "duration_minutes": "75",
                "session_type": "one_to_one",
                "functions": ["management", "support"],
                "reflection-experience": REFLECTION,
            }
        ),
    )
    case_drafts.save_case_draft(
        db,
        principal,
        actor,
        session.id,
        None,
        Fields(
            {
                "case_reference": _unused_reference(db),
                **CASE_TYPED,
            }
        ),
    )


def _as(db: Session, person: Person) -> tuple[Principal, Actor]:
    assert person.id is not None
    principal = principal_for(person, frozenset(org.roles_of(db, person.id)), "demo")
    return principal, Actor(person.id, person.name, person.council_id)


def _unused_reference(db: Session) -> str:
    used = set(db.exec(select(col(CaseDiscussion.case_reference))).all())
    number = 20417
    while f"CS-{today().year}-{number:05d}" in used:
        number += 1
    return f"CS-{today().year}-{number:05d}"
