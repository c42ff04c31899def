"""Supervision of supervisors: this week's sample of records and the appreciative-inquiry
(EARS) review, instead of a tick-list audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.accounts.dependencies import Principal
from learning.core.clock import today, utcnow
from learning.core.permissions import Role, permissions_for
from learning.org.models import Person, Team
from learning.supervision import ears
from learning.supervision.models import SupervisionAudit, SupervisionSession
from learning.supervision.terms import SessionStatus
from tests.factories import Factory
from tests.factories import audit_events as events
from tests.org.pages import error_summary, field_error, flash, heading, page, value_of
from tests.supervision.factories import SupervisionFactory

ON = today()
GOOD_REVIEW = {
    "elicit": "The danger statement was written with the family, in their words.",
    "amplify": "Mum said for the first time that she understood the worry.",
    "reflect": "Mapping with families works when we slow down.",
    "start_over": "Bring the child's drawings next time.",
    "child_voice_evident": "yes",
}


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


@pytest.fixture
def team(factory: Factory) -> Team:
    return factory.make_team(name="North")


@pytest.fixture
def manager(factory: Factory, team: Team) -> Person:
    return factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=team.id,
                               given_name="Mina", family_name="Manager")


def principal_of(person: Person, *roles: Role) -> Principal:
    assert person.id is not None
    return Principal(person.id, person.council_id, person.name, person.team_id,
                     frozenset(roles), permissions_for(roles), "test")


def signed_record(sf: SupervisionFactory, team: Team, days_ago: int = 10) -> SupervisionSession:
    """A record signed off the day after the session (so 8 or more days ago: before the
    week began, whatever the day today)."""
    supervisor, worker = sf.make_pair(team_id=team.id, given_name="Wren", family_name="Worker")
    record = sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=days_ago),
                             signed=utcnow() - timedelta(days=days_ago - 1),
                             support_needs="Struggling since my father died.",
                             career_goals="Senior practitioner by next spring.")
    sf.make_case_discussion(record, case_reference="CASE-501",
                            child_voice="She said she feels safe at nan's.")
    sf.make_action(record, description="Visit the school")
    return record


# This week's sample


def test_the_sample_holds_at_most_five_recent_signed_records_of_supervisors_overseen(
    db: Session, factory: Factory, sf: SupervisionFactory, team: Team, manager: Person
) -> None:
    chosen = [signed_record(sf, team, days).id for days in range(8, 15)]
    supervisor, worker = sf.make_pair(team_id=team.id)
    unsigned = sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=9)).id
    signed_today = sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=9),
                                   signed=True).id
    old = signed_record(sf, team, 200).id
    own = sf.make_session(manager, worker, planned_for=ON - timedelta(days=9),
                          signed=utcnow() - timedelta(days=8)).id
    elsewhere = signed_record(sf, factory.make_team()).id

    sample = ears.weekly_sample(db, principal_of(manager, Role.TEAM_MANAGER), ON)

    ids = {line.session_id for line in sample}
    assert len(ids) == 5
    assert ids <= set(chosen)
    assert not ids & {unsigned, signed_today, old, own, elsewhere}


def test_the_sample_stays_the_same_all_week_and_changes_from_week_to_week(
    db: Session, sf: SupervisionFactory, team: Team, manager: Person
) -> None:
    for days in range(8, 60):
        signed_record(sf, team, days)
    principal = principal_of(manager, Role.TEAM_MANAGER)
    monday = ON - timedelta(days=ON.weekday())

    def sample_on(day: date) -> frozenset[int]:
        return frozenset(line.session_id for line in ears.weekly_sample(db, principal, day))

    assert sample_on(monday) == sample_on(monday + timedelta(days=6))
    earlier_weeks = {sample_on(monday - timedelta(weeks=n)) for n in range(1, 4)}
    assert len(earlier_weeks | {sample_on(monday)}) > 1


def test_the_sample_page_links_each_record_to_its_review(
    client: TestClient, factory: Factory, sf: SupervisionFactory, team: Team, manager: Person,
    db: Session,
) -> None:
    record = signed_record(sf, team)
    factory.sign_in(client, manager)

    response = client.get("/supervision/audits")

    assert response.status_code == 200
    assert heading(response) == "Review supervision records"
    [row] = page(response).select("#sample tbody tr")
    cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
    assert cells[2:] == ["Wren Worker", "One-to-one", "Not reviewed yet"]
    link = row.find("a")
    assert link is not None
    assert str(link["href"]).endswith(f"/supervision/sessions/{record.id}/ears")
    assert len(events(db, "supervision.ears.sample_viewed")) == 1


def test_a_supervisor_cannot_audit_records(client: TestClient, factory: Factory) -> None:
    factory.sign_in(client, factory.make_person(roles=(Role.SUPERVISOR,)))

    assert client.get("/supervision/audits").status_code == 403


# Reviewing a record


def test_the_review_page_shows_the_case_sections_but_never_the_personal_one(
    client: TestClient, factory: Factory, sf: SupervisionFactory, team: Team, manager: Person,
    db: Session,
) -> None:
    record = signed_record(sf, team)
    factory.sign_in(client, manager)

    response = client.get(f"/supervision/sessions/{record.id}/ears")

    assert response.status_code == 200
    text = page(response).get_text(" ", strip=True)
    assert "Case discussion: CASE-501" in text
    assert "She said she feels safe at nan's." in text
    assert "Visit the school" in text
    assert "Struggling since my father died." not in text
    assert "Senior practitioner by next spring." not in text
    labels = [label.get_text(" ", strip=True) for label in page(response).select("label")]
    assert labels[:4] == [
        "Elicit: What was done well in this supervision?",
        "Amplify: What difference did it make for the child and the practitioner? (optional)",
        "Reflect: What does this tell us about our practice? (optional)",
        "Start over: What would make the next one even better? (optional)",
    ]
    [viewed] = events(db, "supervision.session.viewed")
    assert viewed.record_id == str(record.id)


def test_saving_a_review_keeps_it_and_audits_it(
    client: TestClient, factory: Factory, sf: SupervisionFactory, team: Team, manager: Person,
    db: Session,
) -> None:
    record = signed_record(sf, team)
    csrf = factory.sign_in(client, manager)

    response = client.post(f"/supervision/sessions/{record.id}/ears",
                           data={**GOOD_REVIEW, "csrf_token": csrf})

    assert response.status_code == 303
    sample = client.get(response.headers["location"])
    assert flash(sample).startswith("Your review has been saved")
    assert "Reviewed" in page(sample).select_one("#sample tbody tr").get_text()  # type: ignore[union-attr]
    [saved] = db.exec(select(SupervisionAudit)).all()
    assert (saved.session_id, saved.auditor_id, saved.child_voice_evident) == (
        record.id, manager.id, True)
    assert saved.elicit == GOOD_REVIEW["elicit"]
    [created] = events(db, "supervision.ears.created")
    assert created.record_id == str(record.id)


def test_a_review_without_what_was_done_well_is_refused_and_keeps_what_was_typed(
    client: TestClient, factory: Factory, sf: SupervisionFactory, team: Team, manager: Person,
    db: Session,
) -> None:
    record = signed_record(sf, team)
    csrf = factory.sign_in(client, manager)

    response = client.post(f"/supervision/sessions/{record.id}/ears", data={
        **GOOD_REVIEW, "elicit": "   ", "child_voice_evident": "", "csrf_token": csrf})

    assert response.status_code == 422
    assert error_summary(response) == [
        "Enter what was done well in this supervision",
        "Select yes if the child's voice is evident in the record",
    ]
    assert field_error(response, "elicit") == "Enter what was done well in this supervision"
    assert value_of(response, "amplify") == GOOD_REVIEW["amplify"]
    assert db.exec(select(SupervisionAudit)).all() == []
    assert events(db, "supervision.ears.created") == []


def test_an_overlong_answer_is_an_error_next_to_its_field(
    client: TestClient, factory: Factory, sf: SupervisionFactory, team: Team, manager: Person,
) -> None:
    record = signed_record(sf, team)
    csrf = factory.sign_in(client, manager)

    response = client.post(f"/supervision/sessions/{record.id}/ears", data={
        **GOOD_REVIEW, "reflect": "x" * 5001, "csrf_token": csrf})

    assert response.status_code == 422
    assert field_error(response, "reflect") == "Reflect must be 5000 characters or fewer"


@pytest.mark.parametrize("case", ["other team", "unsigned", "own session"])
def test_a_record_the_manager_may_not_review_is_not_found_and_the_refusal_is_audited(
    client: TestClient, factory: Factory, sf: SupervisionFactory, team: Team, manager: Person,
    db: Session, case: str,
) -> None:
    if case == "other team":
        record = signed_record(sf, factory.make_team())
    else:
        supervisor, worker = sf.make_pair(team_id=team.id)
        record = sf.make_session(manager if case == "own session" else supervisor, worker,
                                 status=SessionStatus.HELD, signed=case == "own session")
    csrf = factory.sign_in(client, manager)

    shown = client.get(f"/supervision/sessions/{record.id}/ears")
    posted = client.post(f"/supervision/sessions/{record.id}/ears",
                         data={**GOOD_REVIEW, "csrf_token": csrf})

    assert (shown.status_code, posted.status_code) == (404, 404)
    refusals = events(db, "supervision.refused")
    assert [(e.record_type, e.record_id) for e in refusals] == [
        ("supervision_session", str(record.id))] * 2
    assert db.exec(select(SupervisionAudit)).all() == []


# The review reaches the supervisor


def test_the_review_is_listed_on_the_history_for_the_supervisor_but_not_the_supervisee(
    client: TestClient, factory: Factory, sf: SupervisionFactory, team: Team, manager: Person,
    db: Session,
) -> None:
    record = signed_record(sf, team)
    csrf = factory.sign_in(client, manager)
    client.post(f"/supervision/sessions/{record.id}/ears", data={**GOOD_REVIEW, "csrf_token": csrf})
    url = f"/supervision/supervisees/{record.supervisee_id}"
    supervisor = db.get(Person, record.supervisor_id)
    supervisee = db.get(Person, record.supervisee_id)
    assert supervisor is not None and supervisee is not None

    factory.sign_in(client, supervisor)
    as_supervisor = page(client.get(url))
    factory.sign_in(client, supervisee)
    as_supervisee = page(client.get(url))

    [card] = as_supervisor.select(".govuk-summary-card")
    assert "reviewed by Mina Manager" in card.get_text(" ", strip=True)
    assert GOOD_REVIEW["elicit"] in card.get_text(" ", strip=True)
    assert as_supervisee.select(".govuk-summary-card") == []
    assert as_supervisee.find(id="reviews") is None
