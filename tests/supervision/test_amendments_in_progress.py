"""A record being amended still happened: it counts as held on the day it was held, its
last signed version is what the case system is given until the amendment is recorded, and
an amendment nobody can finish may be cancelled. And what a manager's overview shows of
drift in sign-off."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal
from learning.audit.models import AuditEvent
from learning.audit.service import Actor
from learning.core.clock import today
from learning.core.permissions import Role, permissions_for
from learning.org.models import Person, SupervisoryRelationship, Team
from learning.supervision import overview, queries, service
from learning.supervision.models import CaseDiscussion, SessionVersion, SupervisionSession
from learning.supervision.terms import SessionStatus
from tests.factories import Factory
from tests.org.pages import page
from tests.supervision.factories import SupervisionFactory, sign_in
from tests.supervision.test_sessions import seen

ON = today()


def ago(days: int) -> date:
    return ON - timedelta(days=days)


def moment(day: date) -> datetime:
    return datetime.combine(day, time(12), UTC)


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


@pytest.fixture
def team(factory: Factory) -> Team:
    return factory.make_team()


def principal_of(person: Person, *roles: Role) -> Principal:
    found = frozenset(roles or (Role.SUPERVISOR,))
    return Principal(person.id, person.council_id, person.name, person.team_id, found,
                     permissions_for(found), "test")


def actor_of(person: Person) -> Actor:
    return Actor(person.id, person.name, person.council_id)


def signed_held(sf: SupervisionFactory, supervisor: Person, supervisee: Person,
                days_ago: int, decision: str = "Continue the plan.") -> SupervisionSession:
    day = ago(days_ago)
    session = sf.make_session(supervisor, supervisee, planned_for=day,
                              signed=moment(day + timedelta(days=2)),
                              updated_at=moment(day + timedelta(days=1)),
                              first_recorded_at=moment(day + timedelta(days=1)),
                              recorded_held_on=day)
    sf.make_case_discussion(session, case_reference="CS-2025-00042", decision=decision)
    return session


def amend(client: TestClient, factory: Factory, supervisor: Person, session_id: int) -> None:
    response = sign_in(client, factory, supervisor).post(
        f"/supervision/sessions/{session_id}/amend",
        {"reason": "The decision was recorded wrongly."})
    assert response.status_code in (302, 303)


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# 1. An amendment in progress still counts as held, on the day it was held ---------------


def test_a_record_being_amended_still_counts_as_held_on_the_day_it_was_held(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    session = signed_held(sf, supervisor, supervisee, days_ago=10)
    amend(client, factory, supervisor, session.id or 0)
    db.refresh(session)
    session.held_on = ago(3)  # a change typed in the amendment, not recorded yet
    db.add(session)
    db.commit()
    scope = select(col(Person.id)).where(col(Person.id) == supervisee.id)

    assert session.status == SessionStatus.DRAFT
    assert queries.last_held(db, scope) == {supervisee.id: ago(10)}
    [row] = queries.list_supervisees(db, principal_of(supervisor), ON)
    assert (row.last_held, row.days_overdue) == (ago(10), 0)
    figures = overview.team_overview(db, queries.OversightScope(team.council_id, (team.id,)),
                                     overview.period_ending(ON, 1), ON)
    assert [r.figures.held for r in figures.rows if r.person.id == supervisee.id] == [1]
    history = client.get(f"/supervision/supervisees/{supervisee.id}")
    assert "Being amended: counts as held on this day" in seen(history)


# 2. An amendment nobody can finish may be cancelled ----------------------------------------


def test_the_new_supervisor_cancels_an_amendment_left_by_a_supervisor_who_moved_on(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    session = signed_held(sf, supervisor, supervisee, days_ago=20)
    signed_at = session.signed_off_at
    amend(client, factory, supervisor, session.id or 0)
    case = db.exec(select(CaseDiscussion).where(CaseDiscussion.session_id == session.id)).one()
    case.decision = "Half-typed new decision"
    db.add(case)
    sf.make_case_discussion(session, case_reference="CS-2025-00099")  # added in the amendment
    link = db.exec(select(SupervisoryRelationship)
                   .where(SupervisoryRelationship.supervisee_id == supervisee.id)).one()
    link.ends_on = ago(1)
    db.add(link)
    db.commit()
    successor = factory.make_person(roles=(Role.SUPERVISOR,), team_id=team.id)
    factory.make_relationship(successor, supervisee, starts_on=ON)

    factory.sign_in(client, supervisor)
    assert client.get(f"/supervision/sessions/{session.id}/edit").status_code == 404
    factory.sign_in(client, supervisee)
    assert client.get(f"/supervision/sessions/{session.id}/cancel-amendment").status_code == 404
    successor_in = sign_in(client, factory, successor)
    detail = client.get(f"/supervision/sessions/{session.id}")
    assert page(detail).find(id="cancel-amendment") is not None
    confirm = client.get(f"/supervision/sessions/{session.id}/cancel-amendment")
    assert confirm.status_code == 200
    assert "1 case discussion added in the amendment" in seen(confirm)
    no_reason = successor_in.post(f"/supervision/sessions/{session.id}/cancel-amendment",
                                  {"reason": ""})
    assert no_reason.status_code == 422
    assert page(no_reason).find(id="reason-error") is not None
    done = successor_in.post(f"/supervision/sessions/{session.id}/cancel-amendment",
                             {"reason": "Its supervisor has left the team."})

    assert done.status_code in (302, 303)
    db.expire_all()
    restored = db.get(SupervisionSession, session.id)
    assert restored is not None
    assert (restored.status, restored.version, restored.locked) == (SessionStatus.HELD, 1, True)
    assert restored.signed_off_at == signed_at and restored.supervisee_agreed is True
    cases = db.exec(select(CaseDiscussion).where(CaseDiscussion.session_id == session.id)).all()
    assert [(c.id, c.decision) for c in cases] == [(case.id, "Continue the plan.")]
    assert db.exec(select(SessionVersion)
                   .where(SessionVersion.session_id == session.id)).all() == []
    [event] = db.exec(select(AuditEvent).where(
        AuditEvent.action == "supervision.session.amendment_cancelled")).all()
    detail_of = json.loads(event.detail)
    assert (event.actor_id, detail_of["cancelled_version"], detail_of["restored_version"],
            detail_of["amended_by_id"], detail_of["reason"]) == (
        successor.id, 2, 1, supervisor.id, "Its supervisor has left the team.")


# 3. The oversight export is a faithful feed of amended decisions ---------------------------


def test_an_amended_decision_reaches_the_export_as_a_new_version_changed_since(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    manager = factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=team.id)
    session = signed_held(sf, supervisor, supervisee, days_ago=90)
    since = {"since": ago(30).isoformat()}
    factory.sign_in(client, manager)
    assert rows_of(client.get("/supervision/oversight.csv", params=since).text) == []

    amend(client, factory, supervisor, session.id or 0)
    case = db.exec(select(CaseDiscussion).where(CaseDiscussion.session_id == session.id)).one()
    case.decision = "Step down to child in need."
    db.add(case)
    db.commit()
    factory.sign_in(client, manager)
    [during] = rows_of(client.get("/supervision/oversight.csv").text)
    assert (during["version"], during["date"], during["signed_off"]) == (
        "1", ago(90).isoformat(), "yes")
    assert "Decision: Continue the plan." in during["note"]
    assert during["source"] == f"supervision:session:{session.id}:case:{case.id}:version:1"

    db.refresh(session)
    service.record_session(db, principal_of(supervisor), actor_of(supervisor), session.id or 0)
    db.commit()
    factory.sign_in(client, manager)
    [after] = rows_of(client.get("/supervision/oversight.csv", params=since).text)

    assert (after["version"], after["date"], after["changed_on"], after["signed_off"]) == (
        "2", ago(90).isoformat(), ON.isoformat(), "no")
    assert "Decision: Step down to child in need." in after["note"]
    assert after["source"] == f"supervision:session:{session.id}:case:{case.id}:version:2"


# 4. Drift in sign-off on the manager's overview ---------------------------------------------


def test_the_overview_shows_records_not_signed_off_in_time_and_disagreements(
    client: TestClient, factory: Factory, sf: SupervisionFactory, team: Team,
) -> None:
    manager = factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=team.id)
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    factory.sign_in(client, manager)
    empty = page(client.get("/supervision/overview"))
    assert (empty.find(id="unsigned-count").get_text(strip=True),
            empty.find(id="disagreed-count").get_text(strip=True)) == ("0", "0")

    stale = sf.make_session(supervisor, supervisee, planned_for=ago(365))
    sf.make_session(supervisor, supervisee, planned_for=ago(2))  # within the write-up time
    disagreed = sf.make_session(supervisor, supervisee, planned_for=ago(20), signed=True,
                                supervisee_agreed=False, supervisee_comment="Not what I said.")
    shown = page(client.get("/supervision/overview"))

    assert shown.find(id="unsigned-count").get_text(strip=True) == "1"
    assert shown.find(id="disagreed-count").get_text(strip=True) == "1"
    assert shown.find(id="unsigned").find("a")["href"].endswith(f"/supervision/sessions/{stale.id}")
    assert shown.find(id="disagreed").find("a")["href"].endswith(
        f"/supervision/sessions/{disagreed.id}")
    assert "Not what I said." not in shown.get_text()


def test_ten_working_days_after_a_session_it_is_past_its_write_up_time() -> None:
    # Held on Monday 2 June 2025: its tenth working day after is Monday 16 June, so on the
    # 17th it is past; on the 16th only sessions held by Sunday 1 June are.
    assert overview.write_up_deadline_passed(date(2025, 6, 17)) == date(2025, 6, 2)
    assert overview.write_up_deadline_passed(date(2025, 6, 16)) == date(2025, 6, 1)
