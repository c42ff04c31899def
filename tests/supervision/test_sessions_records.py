"""Changing case discussions before sign-off, what a supervisee may change after it, earlier
versions' privacy, and that every page escapes what was typed."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlmodel import Session, select

from learning.audit.models import AuditEvent
from learning.core.permissions import Role
from learning.org.models import Person
from learning.supervision.models import CaseDiscussion, SafetyRating, SupervisionAction
from learning.supervision.terms import RaterRole, SessionStatus
from tests.factories import Factory
from tests.org.pages import flash, heading, page, value_of
from tests.supervision.factories import SignedIn, SupervisionFactory, sign_in
from tests.supervision.test_sessions import case_form, seen

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


@pytest.fixture
def pair(sf: SupervisionFactory, factory: Factory) -> tuple[Person, Person]:
    return sf.make_pair(team_id=factory.make_team().id)


@pytest.fixture
def supervisor(client: TestClient, factory: Factory, pair: tuple[Person, Person]) -> SignedIn:
    return sign_in(client, factory, pair[0])


def test_a_case_discussion_is_changed_with_its_ratings_replaced(
    supervisor: SignedIn, sf: SupervisionFactory, pair: tuple[Person, Person], db: Session,
) -> None:
    session = sf.make_session(*pair, status=SessionStatus.DRAFT)
    case = sf.make_case_discussion(session, ratings={RaterRole.PARENT: 2})
    form = supervisor.get(f"/supervision/cases/{case.id}/edit")
    assert heading(form) == "Change the case discussion"
    assert value_of(form, "rating-parent") == "2"

    changed = supervisor.post(f"/supervision/cases/{case.id}/edit",
                              case_form(case_reference="CS-2001", **{"rating-parent": ""}))

    assert flash(supervisor.follow(changed)) == "The case discussion for CS-2001 has been changed"
    db.refresh(case)
    assert case.case_reference == "CS-2001"
    ratings = db.exec(select(SafetyRating).where(SafetyRating.case_discussion_id == case.id)).all()
    assert sorted((r.rater_role, r.score, r.case_reference) for r in ratings) == [
        (RaterRole.PRACTITIONER, 4, "CS-2001"), (RaterRole.SUPERVISOR, 3, "CS-2001")]


def test_removing_a_case_discussion_asks_first_and_keeps_its_actions(
    supervisor: SignedIn, sf: SupervisionFactory, pair: tuple[Person, Person], db: Session,
) -> None:
    session = sf.make_session(*pair, status=SessionStatus.DRAFT)
    case = sf.make_case_discussion(session, ratings={RaterRole.CHILD: 7})
    action = sf.make_action(session, case_discussion_id=case.id)

    asked = supervisor.get(f"/supervision/cases/{case.id}/remove")
    removed = supervisor.post(f"/supervision/cases/{case.id}/remove")

    assert heading(asked) == f"Remove the case discussion for {case.case_reference}?"
    assert flash(supervisor.follow(removed)) == (
        f"The case discussion for {case.case_reference} has been removed")
    assert db.exec(select(CaseDiscussion)).all() == []
    assert db.exec(select(SafetyRating)).all() == []
    db.refresh(action)
    assert action.case_discussion_id is None
    assert db.exec(select(AuditEvent).where(
        AuditEvent.action == "supervision.case_discussion.removed")).one()


def test_a_signed_records_case_discussions_cannot_be_changed(
    supervisor: SignedIn, sf: SupervisionFactory, pair: tuple[Person, Person], db: Session,
) -> None:
    session = sf.make_session(*pair, signed=True)
    case = sf.make_case_discussion(session)

    for response in (supervisor.get(f"/supervision/cases/{case.id}/edit"),
                     supervisor.post(f"/supervision/cases/{case.id}/remove"),
                     supervisor.post(f"/supervision/sessions/{session.id}/actions", {})):
        assert response.status_code == 303
        assert response.headers["location"].endswith(f"/supervision/sessions/{session.id}")
    assert db.exec(select(CaseDiscussion)).all() == [case]
    assert db.exec(select(SupervisionAction)).all() == []


def test_the_supervisee_can_change_what_they_share_after_signing_off(
    client: TestClient, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
    db: Session,
) -> None:
    session = sf.make_session(*pair, signed=True, share_case_learning=True)
    me = sign_in(client, factory, pair[1])
    form = me.get(f"/supervision/sessions/{session.id}")
    assert page(form).select_one("form[aria-labelledby=sharing-heading]") is not None

    response = me.post(f"/supervision/sessions/{session.id}/sharing", {"sharing": ["personal"]})

    assert flash(me.follow(response)) == "Your choices about sharing have been saved"
    db.refresh(session)
    assert (session.share_personal_for_learning, session.share_case_learning) == (True, False)


def test_an_earlier_version_hides_the_personal_section_from_a_team_manager_too(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
) -> None:
    team = factory.make_team()
    boss, worker = sf.make_pair(team_id=team.id)
    session = sf.make_session(boss, worker, signed=True, support_needs="Private words.")
    me = sign_in(client, factory, boss)
    me.post(f"/supervision/sessions/{session.id}/amend", {"reason": "Typo in the date."})
    assert "Private words." in seen(me.get(f"/supervision/sessions/{session.id}/versions/1"))
    manager = sign_in(client, factory,
                      factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=team.id))

    response = manager.get(f"/supervision/sessions/{session.id}/versions/1")

    assert response.status_code == 200
    assert "Private words." not in seen(response)
    assert manager.get(f"/supervision/sessions/{session.id}/versions/2").status_code == 404


def test_an_amendment_needs_a_reason_and_only_a_signed_record_is_amended(
    supervisor: SignedIn, sf: SupervisionFactory, pair: tuple[Person, Person], db: Session,
) -> None:
    signed = sf.make_session(*pair, signed=True)
    waiting = sf.make_session(*pair)

    no_reason = supervisor.post(f"/supervision/sessions/{signed.id}/amend", {"reason": ""})
    not_signed = supervisor.post(f"/supervision/sessions/{waiting.id}/amend", {"reason": "x"})

    assert no_reason.status_code == 422
    assert page(no_reason).find(id="reason-error") is not None
    assert "can be changed without an amendment" in flash(supervisor.follow(not_signed))
    db.refresh(signed)
    assert (signed.version, signed.locked) == (1, True)


def test_the_pages_escape_everything_typed(
    client: TestClient, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
) -> None:
    session = sf.make_session(*pair, status=SessionStatus.DRAFT, support_needs=SCRIPT,
                              status_reason=SCRIPT, reflections={"experience": SCRIPT})
    case = sf.make_case_discussion(session, child_voice=SCRIPT, danger_statement=SCRIPT)
    sf.make_action(session, description=SCRIPT)
    me = sign_in(client, factory, pair[0])

    for url in (f"/supervision/sessions/{session.id}/edit", f"/supervision/sessions/{session.id}",
                f"/supervision/cases/{case.id}/edit"):
        response = me.get(url)
        assert response.status_code == 200, url
        assert SCRIPT not in response.text, url
        assert str(escape(SCRIPT)) in response.text, url


def test_another_supervisors_case_discussion_is_refused_once_and_audited(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
) -> None:
    case = sf.make_case_discussion(sf.make_session(*sf.make_pair(), status=SessionStatus.DRAFT))
    other = sign_in(client, factory, factory.make_person(roles=(Role.SUPERVISOR,)))

    edit = other.get(f"/supervision/cases/{case.id}/edit")
    removal = other.post(f"/supervision/cases/{case.id}/remove")

    assert (edit.status_code, removal.status_code) == (404, 404)
    assert db.exec(select(CaseDiscussion)).all() == [case]
    refusals = db.exec(select(AuditEvent).where(AuditEvent.action == "supervision.refused")).all()
    assert [(e.record_type, e.record_id) for e in refusals] == [
        ("case_discussion", str(case.id))] * 2
