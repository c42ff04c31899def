"""Workload reviewed in a session: weighed with the council's policy, stored with the policy
version, escalated when it crosses a threshold; and the escalations leaders resolve."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from learning.audit.service import Actor
from learning.core.clock import today, utcnow
from learning.core.permissions import Role
from learning.org.models import CareerStage, Person
from learning.supervision import policy_store, workload
from learning.supervision.models import (
    SupervisionPolicy,
    SupervisionSession,
    WorkloadEscalation,
    WorkloadSnapshot,
)
from learning.supervision.policy import WorkloadPolicy
from learning.supervision.terms import Rag
from learning.supervision.workload import WorkloadInput
from tests.factories import Factory
from tests.factories import audit_events as events
from tests.org.conftest import SignedIn
from tests.org.pages import (
    error_summary,
    field_error,
    flash,
    heading,
    page,
    table_rows,
    value_of,
)
from tests.supervision.factories import SupervisionFactory


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


def signed_in(client: TestClient, factory: Factory, person: Person) -> SignedIn:
    return SignedIn(client, person, factory.sign_in(client, person))


def url(session: SupervisionSession) -> str:
    return f"/supervision/sessions/{session.id}/workload"


def form(**fields: Any) -> dict[str, Any]:
    """A workload review: cases by category key, plus the other fields."""
    values: dict[str, Any] = {"categories": " ".join(WorkloadPolicy().category_points),
                              "extra_points": "", "hours_over_contract": "",
                              "contingency_action": ""}
    for key, value in fields.items():
        values[key if key in values else f"cases-{key}"] = str(value)
    return values


def snapshots(db: Session) -> list[WorkloadSnapshot]:
    db.expire_all()
    return list(db.exec(select(WorkloadSnapshot).order_by(col(WorkloadSnapshot.id))).all())


def escalations(db: Session) -> list[WorkloadEscalation]:
    db.expire_all()
    return list(db.exec(select(WorkloadEscalation).order_by(col(WorkloadEscalation.id))).all())


def reviewing(
    client: TestClient, factory: Factory, sf: SupervisionFactory, **supervisee: Any
) -> tuple[SignedIn, SupervisionSession]:
    supervisor, person = sf.make_pair(**supervisee)
    return signed_in(client, factory, supervisor), sf.make_session(supervisor, person)


# The form ----------------------------------------------------------------------------------


def test_the_review_asks_for_each_case_category_of_the_policy_with_its_points(
    client: TestClient, factory: Factory, sf: SupervisionFactory
) -> None:
    me, session = reviewing(client, factory, sf)
    response = me.get(url(session))
    assert response.status_code == 200
    assert heading(response).startswith("Workload review for")
    label = page(response).find("label", attrs={"for": "cases-child_protection"})
    assert label.get_text(strip=True) == "Child protection"
    assert page(response).find(id="cases-child_protection-hint").get_text() == "8 points each"
    assert "100 points" in page(response).select_one("#capacity").get_text()


@pytest.mark.parametrize(
    ("fields", "capacity"),
    [({}, "100 points"), ({"fte": 0.6}, "60 points"),
     ({"career_stage": CareerStage.ASYE}, "90 points"),
     ({"fte": 0.5, "career_stage": CareerStage.ASYE}, "45 points")],
)
def test_capacity_is_pro_rata_to_fte_and_capped_for_an_asye(
    client: TestClient, factory: Factory, sf: SupervisionFactory, fields: dict, capacity: str
) -> None:
    me, session = reviewing(client, factory, sf, **fields)
    assert capacity in page(me.get(url(session))).select_one("#capacity").get_text()


# Saving --------------------------------------------------------------------------------------


def test_a_green_workload_is_stored_with_the_policy_version_and_not_escalated(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    me, session = reviewing(client, factory, sf)
    shown = me.follow(me.post(url(session), form(child_in_need=6, child_protection=2,
                                                 hours_over_contract="4.5")))
    assert flash(shown) == "Workload saved: green: within capacity"
    [snapshot] = snapshots(db)
    policy = db.get(SupervisionPolicy, snapshot.policy_id)
    assert (policy.kind, policy.version, policy.created_by_id) == ("workload", 1, None)
    assert (snapshot.person_id, snapshot.session_id, snapshot.taken_on) == (
        session.supervisee_id, session.id, today())
    assert json.loads(snapshot.cases) == {"child_in_need": 6, "child_protection": 2}
    assert (snapshot.points, snapshot.capacity, snapshot.rag) == (61, 100, Rag.GREEN)
    assert snapshot.hours_over_contract == 4.5
    assert escalations(db) == []
    assert len(events(db, "workload.snapshot.created")) == 1
    [versioned] = events(db, "policy.versioned")
    assert json.loads(versioned.detail)["automatic"] is True
    result = page(shown).select_one("#result").get_text(" ", strip=True)
    assert "Green: within capacity" in result and "61 of 100 (61%)" in result


def test_an_amber_workload_is_escalated_in_the_same_transaction(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    me, session = reviewing(client, factory, sf)
    shown = me.follow(me.post(url(session), form(child_in_need=14)))
    assert flash(shown) == ("Workload saved: amber: close to capacity. "
                            "It has been escalated to the team manager")
    [snapshot] = snapshots(db)
    [escalation] = escalations(db)
    assert (escalation.snapshot_id, escalation.person_id, escalation.rag,
            escalation.raised_by_id, escalation.resolved_at) == (
        snapshot.id, session.supervisee_id, Rag.AMBER, me.person.id, None)
    [created] = events(db, "workload.snapshot.created")
    [escalated] = events(db, "workload.escalated")
    assert created.request_id == escalated.request_id != ""


def test_a_red_workload_needs_to_say_what_will_happen_now_before_anything_is_stored(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    me, session = reviewing(client, factory, sf)
    response = me.post(url(session), form(child_protection=12, hours_over_contract="10"))
    assert response.status_code == 422
    message = ("Say what will happen now: this workload is red, 111 points against a "
               "capacity of 100")
    assert error_summary(response) == [message]
    assert field_error(response, "contingency_action") == message
    assert value_of(response, "cases-child_protection") == "12"
    assert value_of(response, "hours_over_contract") == "10"
    assert "Nothing has been saved yet" in page(response).select_one("#red-result").get_text()
    assert snapshots(db) == [] and escalations(db) == []
    assert db.exec(select(SupervisionPolicy)).all() == []


def test_a_red_workload_with_a_contingency_action_is_escalated_with_it(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    me, session = reviewing(client, factory, sf)
    plan = "Two cases move to Sam by Friday; co-work the court case."
    me.post(url(session), form(child_protection=12, contingency_action=plan))
    [escalation] = escalations(db)
    assert (escalation.rag, escalation.contingency_action) == (Rag.RED, plan)


def test_staying_amber_while_escalated_raises_no_second_escalation_but_going_red_does(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    me, session = reviewing(client, factory, sf)
    me.post(url(session), form(child_in_need=14))
    me.post(url(session), form(child_in_need=15))
    assert [e.rag for e in escalations(db)] == [Rag.AMBER]
    response = me.post(url(session), form(child_in_need=15))
    assert response.status_code == 303
    me.post(url(session), form(child_in_need=18, contingency_action="Reallocate two."))
    assert [e.rag for e in escalations(db)] == [Rag.AMBER, Rag.RED]
    assert len(snapshots(db)) == 4


def test_a_red_workload_already_escalated_needs_no_new_contingency_action(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    me, session = reviewing(client, factory, sf)
    me.post(url(session), form(child_in_need=18, contingency_action="Reallocate two."))
    response = me.post(url(session), form(child_in_need=19))
    assert response.status_code == 303
    assert len(escalations(db)) == 1 and len(snapshots(db)) == 2


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"child_in_need": "-1"}, "cases-child_in_need",
         "Child in need: enter a whole number of cases from 0 to 200, like 3"),
        ({"child_in_need": "three"}, "cases-child_in_need",
         "Child in need: enter a whole number of cases from 0 to 200, like 3"),
        ({"early_help": "2.5"}, "cases-early_help",
         "Early help: enter a whole number of cases from 0 to 200, like 3"),
        ({"extra_points": "-3"}, "extra_points",
         "Extra points must be a whole number from 0 to 100"),
        ({"hours_over_contract": "lots"}, "hours_over_contract",
         "Hours over contract must be a number from 0 to 300, like 6.5"),
        ({"hours_over_contract": "-2"}, "hours_over_contract",
         "Hours over contract must be a number from 0 to 300, like 6.5"),
        ({"hobbies": "2"}, "cases",
         "hobbies is not a case category in the current workload policy. Check the numbers "
         "against the categories shown."),
        ({"categories": "child_in_need child_protection"}, "cases",
         "The workload policy changed while you were filling this in. Check the numbers "
         "against the case categories shown now."),
    ],
)
def test_bad_numbers_are_shown_next_to_the_field_and_nothing_is_stored(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
    fields: dict[str, str], field: str, message: str,
) -> None:
    me, session = reviewing(client, factory, sf)
    response = me.post(url(session), form(child_protection=2, **fields))
    assert response.status_code == 422
    assert error_summary(response) == [message]
    assert field_error(response, field) == message
    assert value_of(response, "cases-child_protection") == "2"
    assert snapshots(db) == [] and escalations(db) == []


def test_the_next_review_starts_from_the_last_caseload_but_not_its_hours(
    client: TestClient, factory: Factory, sf: SupervisionFactory
) -> None:
    me, session = reviewing(client, factory, sf)
    me.post(url(session), form(child_in_need=4, extra_points=5, hours_over_contract="3"))
    later = sf.make_session(me.person, session_person(session, factory))
    response = me.get(url(later))
    assert value_of(response, "cases-child_in_need") == "4"
    assert value_of(response, "extra_points") == "5"
    assert value_of(response, "hours_over_contract") == ""
    assert "filled in from the review on" in response.text


def session_person(session: SupervisionSession, factory: Factory) -> Person:
    person = factory.db.get(Person, session.supervisee_id)
    assert person is not None
    return person


# Who may, and when ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_supervisor_cannot_review_the_workload_in_someone_elses_session(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session, method: str
) -> None:
    _, session = reviewing(client, factory, sf)
    other, _ = sf.make_pair()
    me = signed_in(client, factory, other)
    response = me.get(url(session)) if method == "GET" else me.post(url(session), form())
    assert response.status_code == 404
    assert snapshots(db) == []
    [event] = events(db, "supervision.refused")
    assert (event.actor_id, event.record_type, event.record_id) == (
        other.id, "supervision_session", str(session.id))


def test_a_signed_off_session_shows_its_review_but_cannot_change_it(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    supervisor, person = sf.make_pair()
    session = sf.make_session(supervisor, person, signed=True)
    me = signed_in(client, factory, supervisor)
    response = me.get(url(session))
    assert "cannot be changed" in response.text
    assert page(response).find(attrs={"name": "contingency_action"}) is None
    shown = me.follow(me.post(url(session), form(child_in_need=3)))
    assert "signed off" in flash(shown)
    assert snapshots(db) == []


def test_the_person_supervised_cannot_open_the_review(
    client: TestClient, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, person = sf.make_pair()
    session = sf.make_session(supervisor, person)
    assert signed_in(client, factory, person).get(url(session)).status_code == 403


# For other pages ---------------------------------------------------------------------------


def make_snapshot(db: Session, person: Person, rag: Rag = Rag.GREEN, days_ago: int = 0,
                  points: float = 50) -> WorkloadSnapshot:
    actor = Actor(None, "test", person.council_id)
    stored = policy_store.ensure_workload_row(db, actor, person.council_id)
    snapshot = WorkloadSnapshot(
        council_id=person.council_id, person_id=person.id, policy_id=stored.row.id,
        taken_on=today() - timedelta(days=days_ago), points=points, capacity=100, rag=rag)
    db.add(snapshot)
    db.commit()
    return snapshot


def test_a_persons_latest_snapshot_is_the_last_taken_not_the_last_stored(
    factory: Factory, db: Session
) -> None:
    ann, bob, cal = (factory.make_person() for _ in range(3))
    make_snapshot(db, ann, days_ago=30)
    ann_latest = make_snapshot(db, ann, days_ago=2)
    make_snapshot(db, ann, days_ago=60)  # stored later, but older
    bob_latest = make_snapshot(db, bob, Rag.RED, days_ago=5)
    assert workload.latest_snapshot(db, ann.id) == ann_latest
    assert workload.latest_snapshot(db, bob.id) == bob_latest
    assert workload.latest_snapshot(db, cal.id) is None


def test_an_escalation_that_cannot_be_stored_takes_its_snapshot_with_it(
    factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    supervisor, person = sf.make_pair()
    session = sf.make_session(supervisor, person)
    actor = Actor(supervisor.id, supervisor.name, person.council_id)
    data = WorkloadInput({"child_in_need": 15}, 0, 0, "")
    with pytest.raises(IntegrityError), db.begin_nested():
        workload.record_snapshot(db, actor, session, person, data, raised_by_id=987654)
    assert snapshots(db) == [] and escalations(db) == []


# Escalations for leaders ---------------------------------------------------------------------


def escalate(db: Session, person: Person, raised_by: Person, rag: Rag = Rag.AMBER,
             plan: str = "") -> WorkloadEscalation:
    snapshot = make_snapshot(db, person, rag, points=95 if rag == Rag.AMBER else 120)
    escalation = WorkloadEscalation(council_id=person.council_id, snapshot_id=snapshot.id,
                                    person_id=person.id, rag=rag, raised_by_id=raised_by.id,
                                    contingency_action=plan)
    db.add(escalation)
    db.commit()
    return escalation


@pytest.fixture
def two_teams(factory: Factory, sf: SupervisionFactory, db: Session) -> dict[str, Any]:
    ours, theirs = factory.make_team(), factory.make_team()
    supervisor, mine = sf.make_pair(team_id=ours.id, given_name="Morwenna")
    other_supervisor, other = sf.make_pair(team_id=theirs.id, given_name="Jago")
    return {
        "ours": ours, "mine": escalate(db, mine, supervisor, Rag.RED, "Move two cases."),
        "theirs": escalate(db, other, other_supervisor),
        "manager": factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=ours.id),
    }


def test_a_team_manager_sees_the_open_escalations_of_their_team_only(
    client: TestClient, factory: Factory, two_teams: dict[str, Any]
) -> None:
    response = signed_in(client, factory, two_teams["manager"]).get("/supervision/escalations")
    assert response.status_code == 200
    cards = [c.get_text(" ", strip=True) for c in page(response).select(".govuk-summary-card")]
    assert len(cards) == 1
    assert "Morwenna" in cards[0] and "Red: over capacity" in cards[0]
    assert "Move two cases." in cards[0] and "120 of 100 (120%)" in cards[0]


@pytest.mark.parametrize("role", [Role.PRINCIPAL_SOCIAL_WORKER, Role.WORKFORCE_LEAD])
def test_council_wide_roles_see_every_open_escalation(
    client: TestClient, factory: Factory, two_teams: dict[str, Any], role: Role
) -> None:
    leader = factory.make_person(roles=(role,))
    response = signed_in(client, factory, leader).get("/supervision/escalations")
    assert len(page(response).select(".govuk-summary-card")) == 2


def test_a_supervisor_without_oversight_cannot_see_escalations(
    client: TestClient, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, _ = sf.make_pair()
    response = signed_in(client, factory, supervisor).get("/supervision/escalations")
    assert response.status_code == 403


def test_resolving_an_escalation_records_what_was_done(
    client: TestClient, factory: Factory, two_teams: dict[str, Any], db: Session
) -> None:
    escalation = two_teams["mine"]
    me = signed_in(client, factory, two_teams["manager"])
    shown = me.follow(me.post(f"/supervision/escalations/{escalation.id}/resolve",
                              {"note": "Two cases moved to the duty team."}))
    assert flash(shown) == "The escalation has been resolved"
    assert page(shown).select(".govuk-summary-card") == []
    assert "Two cases moved to the duty team." in page(shown).select_one("table").get_text()
    db.refresh(escalation)
    assert escalation.resolved_at is not None
    assert (escalation.resolved_by_id, escalation.resolution_note) == (
        me.person.id, "Two cases moved to the duty team.")
    [event] = events(db, "workload.escalation.resolved")
    assert event.record_id == str(escalation.id)


def test_resolving_needs_a_note(
    client: TestClient, factory: Factory, two_teams: dict[str, Any], db: Session
) -> None:
    escalation = two_teams["mine"]
    me = signed_in(client, factory, two_teams["manager"])
    response = me.post(f"/supervision/escalations/{escalation.id}/resolve", {"note": " "})
    assert response.status_code == 422
    assert field_error(response, f"note-{escalation.id}") == (
        "Enter what was done about this workload")
    db.refresh(escalation)
    assert escalation.resolved_at is None


def test_escalations_resolved_at_the_same_moment_are_listed_newest_first(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    team = factory.make_team()
    manager = factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=team.id)
    resolved_at = utcnow() - timedelta(days=1)
    for name in ("Elowen", "Jory", "Tamsin"):  # raised, and then resolved together
        supervisor, person = sf.make_pair(team_id=team.id, given_name=name)
        escalation = escalate(db, person, supervisor)
        escalation.resolved_at, escalation.resolution_note = resolved_at, "Cases moved."
        db.add(escalation)
    db.commit()

    response = signed_in(client, factory, manager).get("/supervision/escalations")

    resolved = table_rows(response, "table[aria-labelledby=resolved-heading]")
    assert [row[0].split()[0] for row in resolved] == ["Tamsin", "Jory", "Elowen"]


def test_a_team_manager_cannot_resolve_another_teams_escalation(
    client: TestClient, factory: Factory, two_teams: dict[str, Any], db: Session
) -> None:
    escalation = two_teams["theirs"]
    me = signed_in(client, factory, two_teams["manager"])
    response = me.post(f"/supervision/escalations/{escalation.id}/resolve", {"note": "Done."})
    assert response.status_code == 404
    db.refresh(escalation)
    assert escalation.resolved_at is None
    [event] = events(db, "supervision.refused")
    assert (event.record_type, event.record_id) == ("workload_escalation", str(escalation.id))


def test_open_escalations_are_listed_for_the_overview(
    factory: Factory, two_teams: dict[str, Any], db: Session
) -> None:
    from learning.accounts.dependencies import Principal
    from learning.core.permissions import permissions_for

    manager: Person = two_teams["manager"]

    def principal(*roles: Role) -> Principal:
        return Principal(manager.id, manager.council_id, manager.name, manager.team_id,
                         frozenset(roles), permissions_for(roles), "test")

    lines = workload.list_open_escalations(db, principal(Role.TEAM_MANAGER))
    assert [line.escalation.id for line in lines] == [two_teams["mine"].id]
    assert lines[0].percent == 120
    assert workload.list_open_escalations(db, principal(Role.SUPERVISOR)) == []
