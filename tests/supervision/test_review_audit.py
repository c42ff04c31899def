"""Review of issue 3: reading a session's workload review and the escalations is audited."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.audit.models import AuditEvent
from learning.core.permissions import Role
from learning.supervision.terms import SessionStatus
from tests.factories import Factory
from tests.supervision.factories import SupervisionFactory, sign_in


def test_opening_the_workload_review_of_a_session_is_audited(
    client: TestClient, factory: Factory, db: Session,
) -> None:
    sf = SupervisionFactory(factory)
    boss, worker = sf.make_pair()
    session = sf.make_session(boss, worker, status=SessionStatus.DRAFT)
    me = sign_in(client, factory, boss)

    assert me.get(f"/supervision/sessions/{session.id}/workload").status_code == 200

    [event] = db.exec(select(AuditEvent).where(
        AuditEvent.action == "workload.snapshot.viewed")).all()
    assert (event.actor_id, event.record_type, event.record_id) == (
        boss.id, "supervision_session", str(session.id))


def test_opening_the_workload_escalations_is_audited(
    client: TestClient, factory: Factory, db: Session,
) -> None:
    team = factory.make_team()
    manager = factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=team.id)
    me = sign_in(client, factory, manager)

    assert me.get("/supervision/escalations").status_code == 200

    [event] = db.exec(select(AuditEvent).where(
        AuditEvent.action == "workload.escalations.viewed")).all()
    assert event.actor_id == manager.id
