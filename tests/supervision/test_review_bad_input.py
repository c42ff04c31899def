"""Review of issue 3's "bad input": dates that are real but impossible for a supervision
record, one case discussion per child in a session, and a manager who does not record a
session trying to change it. Each is an error next to its field (or a 404 that is audited),
and nothing is stored half-done."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.core.clock import today
from learning.core.permissions import Role
from learning.org.models import Person
from learning.supervision.models import CaseDiscussion, SupervisionAction, SupervisionSession
from learning.supervision.terms import SessionStatus
from tests.factories import Factory, audit_events
from tests.org.pages import error_summary, field_error, value_of
from tests.supervision.factories import SignedIn, SupervisionFactory, sign_in
from tests.supervision.test_sessions import (
    action_form,
    case_form,
    day_fields,
    session_form,
    start,
)


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


@pytest.fixture
def pair(sf: SupervisionFactory, factory: Factory) -> tuple[Person, Person]:
    return sf.make_pair(team_id=factory.make_team().id)


@pytest.fixture
def supervisor(client: TestClient, factory: Factory, pair: tuple[Person, Person]) -> SignedIn:
    return sign_in(client, factory, pair[0])


PLANNED_RANGE = "Planned date must be between 1 January 2000 and a year from today"


def test_a_session_planned_long_ago_is_not_recorded_and_everything_typed_is_kept(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    typed = session_form(**day_fields("planned_for", date(1900, 1, 1)),
                         **day_fields("held_on", date(1900, 1, 2)))

    response = supervisor.post(f"/supervision/sessions/{session_id}/record", typed)

    assert response.status_code == 422
    assert field_error(response, "planned_for") == PLANNED_RANGE
    assert PLANNED_RANGE in error_summary(response)
    assert value_of(response, "career_goals") == "Senior practitioner within two years."
    session = db.get(SupervisionSession, session_id)
    assert session is not None and session.status == SessionStatus.DRAFT


def test_a_cancelled_session_planned_years_ahead_is_not_recorded(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    typed = session_form(**day_fields("planned_for", date(9999, 1, 1)), outcome="cancelled",
                         status_reason="Off sick")

    response = supervisor.post(f"/supervision/sessions/{session_id}/record", typed)

    assert response.status_code == 422
    assert field_error(response, "planned_for") == PLANNED_RANGE
    session = db.get(SupervisionSession, session_id)
    assert session is not None and session.status == SessionStatus.DRAFT


def test_a_session_planned_up_to_a_year_ahead_can_be_recorded_as_rescheduled(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    typed = session_form(**day_fields("planned_for", today() + timedelta(days=300)),
                         outcome="rescheduled", status_reason="Court hearing moved")

    response = supervisor.post(f"/supervision/sessions/{session_id}/record", typed)

    assert response.status_code == 303
    session = db.get(SupervisionSession, session_id)
    assert session is not None and session.status == SessionStatus.RESCHEDULED


def test_an_action_due_more_than_two_years_after_the_session_is_refused(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    far = day_fields("due_on", date(9999, 12, 31))

    response = supervisor.post(f"/supervision/sessions/{session_id}/actions",
                               action_form(pair[1], **far))

    assert response.status_code == 422
    assert field_error(response, "due_on").startswith(
        "Due date must be no more than two years after the session's planned date")
    assert value_of(response, "description") == "Visit and see Z alone."
    assert db.exec(select(SupervisionAction)).all() == []


def test_a_second_discussion_of_the_same_child_in_a_session_is_refused(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    assert supervisor.post(f"/supervision/sessions/{session_id}/cases",
                           case_form()).status_code == 303

    again = supervisor.post(f"/supervision/sessions/{session_id}/cases",
                            case_form(case_reference="cs-104233", harm="Typed again."))

    assert again.status_code == 422
    assert field_error(again, "case_reference") == (
        "cs-104233 is already discussed in this session. Change that case discussion "
        "instead of adding another")
    assert value_of(again, "harm") == "Typed again."
    assert [c.case_reference for c in db.exec(select(CaseDiscussion)).all()] == ["CS-104233"]


def test_a_discussion_cannot_be_changed_to_a_child_already_discussed_in_the_session(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    for reference in ("CS-1", "CS-2"):
        supervisor.post(f"/supervision/sessions/{session_id}/cases",
                        case_form(case_reference=reference))
    second = db.exec(select(CaseDiscussion).where(CaseDiscussion.case_reference == "CS-2")).one()

    clash = supervisor.post(f"/supervision/cases/{second.id}/edit",
                            case_form(case_reference="CS-1"))
    unchanged = supervisor.post(f"/supervision/cases/{second.id}/edit",
                                case_form(case_reference="CS-2", harm="Changed."))

    assert clash.status_code == 422
    assert field_error(clash, "case_reference").startswith("CS-1 is already discussed")
    assert unchanged.status_code == 303
    db.refresh(second)
    assert (second.case_reference, second.harm) == ("CS-2", "Changed.")


def test_the_same_child_may_be_discussed_again_in_the_next_session(
    supervisor: SignedIn, pair: tuple[Person, Person], sf: SupervisionFactory, db: Session,
) -> None:
    earlier = sf.make_session(*pair, signed=True)
    sf.make_case_discussion(earlier, case_reference="CS-104233")
    session_id = start(supervisor, pair[1])

    response = supervisor.post(f"/supervision/sessions/{session_id}/cases", case_form())

    assert response.status_code == 303
    assert len(db.exec(select(CaseDiscussion)).all()) == 2


def test_a_team_manager_who_did_not_record_a_session_cannot_change_it_and_is_audited(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
) -> None:
    team = factory.make_team()
    boss, worker = sf.make_pair(team_id=team.id)
    draft = sf.make_session(boss, worker, status=SessionStatus.DRAFT)
    manager = sign_in(client, factory, factory.make_person(
        roles=(Role.TEAM_MANAGER, Role.SUPERVISOR), team_id=team.id))

    answers = [
        manager.post(f"/supervision/sessions/{draft.id}/cases", case_form()),
        manager.post(f"/supervision/sessions/{draft.id}/actions", action_form(worker)),
        manager.post(f"/supervision/sessions/{draft.id}/record", session_form()),
        manager.post(f"/supervision/supervisees/{worker.id}/sessions"),
    ]

    assert [a.status_code for a in answers] == [404] * 4
    assert db.exec(select(CaseDiscussion)).all() == []
    assert db.exec(select(SupervisionAction)).all() == []
    assert len(db.exec(select(SupervisionSession)).all()) == 1
    refusals = audit_events(db, "supervision.refused")
    assert [(e.actor_id, e.record_type) for e in refusals] == [
        (manager.person.id, "supervision_session")] * 3 + [(manager.person.id, "person")]


def test_every_answer_too_long_is_named_in_the_error_summary(
    supervisor: SignedIn, pair: tuple[Person, Person]
) -> None:
    """Before, the summary said "This must be 20,000 characters or fewer" (and "A reflection
    must be ...") once for each, and a screen reader heard the same sentence again."""
    session_id = start(supervisor, pair[1])
    long = "x" * 20_001

    case = supervisor.post(f"/supervision/sessions/{session_id}/cases",
                           case_form(harm=long, danger_statement=long, learning_point=long))
    session = supervisor.post(f"/supervision/sessions/{session_id}/record",
                              session_form(**{"reflection-analysis": long,
                                              "reflection-experience": long}))  # fmt: skip

    assert case.status_code == 422
    assert error_summary(case) == [
        "Harm must be 20,000 characters or fewer",
        "Danger statement must be 20,000 characters or fewer",
        "The learning point must be 20,000 characters or fewer",
    ]
    assert value_of(case, "harm") == long
    assert session.status_code == 422
    assert error_summary(session) == [
        "Experience must be 20,000 characters or fewer",
        "Analysis must be 20,000 characters or fewer",
    ]


@pytest.mark.parametrize("then", ["done:99999999999999999999", "dropped:99999999999999999999",
                                  "done:\u00b2", "done:\u0661"])  # fmt: skip
def test_a_carried_actions_button_with_a_number_that_is_no_id_only_saves_the_draft(
    supervisor: SignedIn, pair: tuple[Person, Person], then: str
) -> None:
    """A number past the database's largest integer, or a digit int() refuses, was a 500."""
    session_id = start(supervisor, pair[1])

    saved = supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                            {**session_form(), "then": then})  # fmt: skip

    assert saved.status_code == 303
    assert saved.headers["location"].endswith(f"/supervision/sessions/{session_id}/edit")
