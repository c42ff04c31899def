"""Recording a supervision session, end to end through the pages: the supervisor starts
and records it with a case discussion and two actions, the supervisee signs it off, the
record is locked, and an amendment keeps version 1 in its history."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent
from learning.core.clock import today, utcnow
from learning.core.permissions import Role
from learning.org.models import Person
from learning.supervision.models import (
    CaseDiscussion,
    SafetyRating,
    SessionVersion,
    SupervisionAction,
    SupervisionSession,
)
from learning.supervision.terms import ActionStatus, RaterRole, SessionStatus
from tests.factories import Factory
from tests.org.pages import error_summary, field_error, flash, heading, page, value_of
from tests.supervision.factories import SignedIn, SupervisionFactory, sign_in


def seen(response: Any) -> str:
    """The page's text as a person reads it, spaces collapsed."""
    return " ".join(page(response).get_text(" ").split())


def seen_on(response: Any) -> str:
    """The fingerprint of the record the sign-off form on this page shows."""
    found = page(response).select_one("form input[name=seen]")
    assert found is not None, "no sign-off form on the page"
    return str(found["value"])


def opened_as(response: Any) -> str:
    """The token the session form on this page carries: the record as the page shows it."""
    found = page(response).select_one("form#session-form input[name=seen]")
    assert found is not None, "no session form on the page"
    return str(found["value"])


def day_fields(name: str, day: date) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month),
            f"{name}-year": str(day.year)}


def session_form(**overrides: Any) -> dict[str, Any]:
    """Everything a supervisor fills in for a session held today."""
    values: dict[str, Any] = {
        **day_fields("planned_for", today()),
        "outcome": "held",
        "status_reason": "",
        **day_fields("held_on", today()),
        "duration_minutes": "90",
        "session_type": "one_to_one",
        "attendees": "",
        "functions": ["management", "support"],
        "reflective_model": "morrison",
        "reflection-experience": "A home visit where the father would not let me in.",
        "reflection-reflection": "I felt anxious and wanted to leave.",
        "reflection-analysis": "Disguised compliance is a pattern here.",
        "reflection-action_planning": "Joint visit with the health visitor.",
        "wellbeing": "6",
        "support_needs": "Time to write up court reports.",
        "learning_and_cpd": "Signs of Safety mapping refresher.",
        "career_goals": "Senior practitioner within two years.",
    }
    values.update(overrides)
    return values


def case_form(**overrides: Any) -> dict[str, str]:
    values = {
        "case_reference": "CS-104233",
        "harm": "Bruising seen at nursery.",
        "danger_statement": "We are worried Z could be hurt again if nothing changes.",
        "complicating_factors": "Father's drinking.",
        "existing_strengths": "Grandmother visits daily.",
        "existing_safety": "Nan has kept Z safe at weekends.",
        "safety_goal": "Z is cared for safely for six months.",
        "next_steps": "Family network meeting.",
        "child_voice": "Z said he feels safe at Nan's house.",
        "decision": "Continue the child protection plan.",
        "rationale": "Safety not yet shown over time.",
        "learning_point": "Involving the network early helped.",
        "rating-practitioner": "4",
        "rating-supervisor": "3",
    }
    values.update(overrides)
    return values


def action_form(owner: Person, **overrides: Any) -> dict[str, str]:
    values = {"description": "Visit and see Z alone.", "owner_id": str(owner.id),
              **day_fields("due_on", today() + timedelta(days=14)), "case_discussion_id": ""}
    values.update(overrides)
    return values


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


@pytest.fixture
def pair(sf: SupervisionFactory, factory: Factory) -> tuple[Person, Person]:
    team = factory.make_team()
    return sf.make_pair(team_id=team.id, given_name="Sam", family_name="Worker")


@pytest.fixture
def supervisor(client: TestClient, factory: Factory, pair: tuple[Person, Person]) -> SignedIn:
    return sign_in(client, factory, pair[0])


def start(me: SignedIn, supervisee: Person) -> int:
    response = me.post(f"/supervision/supervisees/{supervisee.id}/sessions")
    assert response.status_code == 303
    return int(response.headers["location"].split("/")[-2])


def actions_of(db: Session, session_id: int) -> list[str]:
    return [e.action for e in db.exec(select(AuditEvent).where(
        AuditEvent.record_type == "supervision_session", AuditEvent.record_id == str(session_id),
    ).order_by(col(AuditEvent.id))).all()]


def test_a_session_recorded_then_signed_off_is_locked_and_an_amendment_keeps_version_1(
    client: TestClient, factory: Factory, db: Session, pair: tuple[Person, Person],
    supervisor: SignedIn,
) -> None:
    boss, worker = pair
    session_id = start(supervisor, worker)
    form = supervisor.get(f"/supervision/sessions/{session_id}/edit")
    assert heading(form) == "Supervision with Sam Worker"

    # Typing, then adding a case discussion: the draft is saved on the way.
    to_case = supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                              {**session_form(), "then": "case"})
    assert to_case.headers["location"].endswith(f"/supervision/sessions/{session_id}/cases/new")
    added = supervisor.follow(supervisor.post(f"/supervision/sessions/{session_id}/cases",
                                              case_form()))
    assert flash(added) == "The case discussion for CS-104233 has been added"
    [case] = db.exec(select(CaseDiscussion).where(CaseDiscussion.session_id == session_id)).all()
    for owner in (worker, boss):
        response = supervisor.post(f"/supervision/sessions/{session_id}/actions",
                                   action_form(owner, case_discussion_id=str(case.id)))
        assert flash(supervisor.follow(response)) == "The action has been added"

    shown = supervisor.follow(supervisor.post(f"/supervision/sessions/{session_id}/record", {}))
    assert flash(shown) == ("The session has been recorded. Sam Worker can now read it and "
                            "sign it off.")
    assert "Waiting for sign-off" in page(shown).get_text()

    # The supervisee reads it under "My supervision" and signs it off.
    me = sign_in(client, factory, worker)
    mine = me.get("/supervision/mine")
    awaiting = page(mine).select("ul[aria-labelledby=awaiting-heading] a")
    assert [a.get_text(strip=True) for a in awaiting] == [
        f"Supervision with {boss.name}, {today().strftime('%-d %B %Y')}"]
    record = me.get(str(awaiting[0]["href"]))
    assert "Joint visit with the health visitor." in seen(record)
    assert "Z said he feels safe at Nan's house." in seen(record)
    signed = me.follow(me.post(f"/supervision/sessions/{session_id}/sign-off",
                               {"agreed": "yes", "comment": "", "sharing": ["case_learning"],
                                "seen": seen_on(record)}))
    assert flash(signed) == "You have signed off the record"
    session = db.get(SupervisionSession, session_id)
    assert session is not None
    db.refresh(session)
    assert session.locked and session.supervisee_agreed
    assert (session.share_personal_for_learning, session.share_case_learning) == (False, True)

    # Locked: the supervisor cannot change it, only amend it.
    back = sign_in(client, factory, boss)
    locked = back.get(f"/supervision/sessions/{session_id}/edit")
    assert locked.status_code == 303
    assert "cannot be changed" in flash(back.client.get(locked.headers["location"]))
    assert back.post(f"/supervision/sessions/{session_id}/cases", case_form()).status_code == 303
    assert len(db.exec(select(CaseDiscussion)).all()) == 1
    amended = back.post(f"/supervision/sessions/{session_id}/amend",
                        {"reason": "The duration was 60 minutes, not 90."})
    assert amended.headers["location"].endswith(f"/supervision/sessions/{session_id}/edit")
    back.post(f"/supervision/sessions/{session_id}/record", {"duration_minutes": "60"})

    db.refresh(session)
    assert (session.version, session.duration_minutes, session.locked) == (2, 60, False)
    [kept] = db.exec(select(SessionVersion)).all()
    assert kept.version == 1 and json.loads(kept.snapshot)["session"]["duration_minutes"] == 90
    history = page(back.get(f"/supervision/sessions/{session_id}")).select(
        "ul[aria-labelledby=history-heading] li")
    lines = [item.get_text(" ", strip=True) for item in history]
    assert lines[0].startswith("Version 1 , signed") or lines[0].startswith("Version 1, signed")
    assert lines[0].endswith(f"by {boss.name}: The duration was 60 minutes, not 90.")
    assert lines[1].startswith("Version 2 (this version), not signed yet")
    earlier = back.get(f"/supervision/sessions/{session_id}/versions/1")
    assert heading(earlier) == "Version 1: supervision with Sam Worker"
    assert "90 minutes" in seen(earlier) and "Z said he feels safe at Nan's house." in seen(earlier)

    events = actions_of(db, session_id)
    assert [e for e in events if not e.endswith("viewed")] == [
        "supervision.session.started",
        "supervision.session.draft_saved",
        "supervision.session.recorded",
        "supervision.session.signed_off",
        "supervision.session.amended",
        "supervision.session.draft_saved",
        "supervision.session.recorded",
    ]
    assert events[-1] == "supervision.session.version_viewed"
    assert events.count("supervision.session.viewed") >= 4
    changes = db.exec(select(AuditEvent.action).where(
        col(AuditEvent.action).in_(["supervision.case_discussion.added",
                                    "supervision.action.added"]))).all()
    assert sorted(changes) == ["supervision.action.added", "supervision.action.added",
                               "supervision.case_discussion.added"]


def test_a_session_for_someone_who_is_not_your_supervisee_is_refused_audited_and_not_stored(
    supervisor: SignedIn, factory: Factory, db: Session,
) -> None:
    stranger = factory.make_person(roles=(Role.PRACTITIONER,))

    response = supervisor.post(f"/supervision/supervisees/{stranger.id}/sessions")

    assert response.status_code == 404
    assert db.exec(select(SupervisionSession)).all() == []
    [refusal] = db.exec(select(AuditEvent).where(AuditEvent.action == "supervision.refused")).all()
    assert (refusal.actor_id, refusal.record_type, refusal.record_id) == (
        supervisor.person.id, "person", str(stranger.id))


def test_another_supervisors_session_cannot_be_opened_or_changed(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
) -> None:
    theirs = sf.make_session(*sf.make_pair(), status=SessionStatus.DRAFT)
    other = sign_in(client, factory, factory.make_person(roles=(Role.SUPERVISOR,)))

    assert other.get(f"/supervision/sessions/{theirs.id}/edit").status_code == 404
    assert other.post(f"/supervision/sessions/{theirs.id}/autosave",
                      {"support_needs": "x"}).status_code == 404
    assert other.get(f"/supervision/sessions/{theirs.id}").status_code == 404
    db.refresh(theirs)
    assert theirs.support_needs == ""
    refusals = db.exec(select(AuditEvent).where(AuditEvent.action == "supervision.refused")).all()
    assert [e.record_id for e in refusals] == [str(theirs.id)] * 3


def test_starting_again_carries_on_with_the_draft_already_started(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    first = start(supervisor, pair[1])
    response = supervisor.post(f"/supervision/supervisees/{pair[1].id}/sessions")

    assert response.headers["location"].endswith(f"/supervision/sessions/{first}/edit")
    assert "already started" in flash(supervisor.follow(response))
    assert len(db.exec(select(SupervisionSession)).all()) == 1


def test_a_record_being_changed_after_it_was_recorded_is_not_taken_for_a_new_draft(
    supervisor: SignedIn, pair: tuple[Person, Person], sf: SupervisionFactory, db: Session,
) -> None:
    # Recorded, then changed before sign-off: a draft again, at version 1, for the supervisor.
    changing = sf.make_session(*pair, status=SessionStatus.DRAFT, first_recorded_at=utcnow())

    listed = seen(supervisor.get("/supervision"))
    response = supervisor.post(f"/supervision/supervisees/{pair[1].id}/sessions")

    assert "not recorded yet" not in listed
    assert response.status_code == 303
    started = int(response.headers["location"].split("/")[-2])
    assert started != changing.id
    assert "already started" not in flash(supervisor.follow(response))
    assert sorted(s.id for s in db.exec(select(SupervisionSession)).all()) == sorted(
        [changing.id, started])


# Bad input ----------------------------------------------------------------------------


def test_an_impossible_date_is_an_error_next_to_the_field_and_everything_typed_is_kept(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    typed = session_form(**{"held_on-day": "31", "held_on-month": "2", "held_on-year": "2025"})

    response = supervisor.post(f"/supervision/sessions/{session_id}/record", typed)

    assert response.status_code == 422
    assert error_summary(response) == ["Date held must be a real date, like 27 3 2025"]
    assert field_error(response, "held_on") == "Date held must be a real date, like 27 3 2025"
    assert value_of(response, "held_on-day") == "31"
    assert value_of(response, "reflection-analysis") == "Disguised compliance is a pattern here."
    assert value_of(response, "career_goals") == "Senior practitioner within two years."
    session = db.get(SupervisionSession, session_id)
    assert session is not None and session.status == SessionStatus.DRAFT


@pytest.mark.parametrize(
    ("held_on", "message"),
    [
        (today() + timedelta(days=1), "Date held must be today or in the past"),
        (today() - timedelta(days=366), "Date held must be no more than a year before the "
                                        "planned date"),
    ],
    ids=["in the future", "over a year before it was planned"],
)
def test_a_held_date_in_the_future_or_long_before_the_planned_date_is_refused(
    supervisor: SignedIn, pair: tuple[Person, Person], held_on: date, message: str,
) -> None:
    session_id = start(supervisor, pair[1])

    response = supervisor.post(f"/supervision/sessions/{session_id}/record",
                               session_form(**day_fields("held_on", held_on)))

    assert response.status_code == 422
    assert field_error(response, "held_on").startswith(message)


def test_a_held_session_needs_its_date_duration_and_the_functions_covered(
    supervisor: SignedIn, pair: tuple[Person, Person],
) -> None:
    session_id = start(supervisor, pair[1])

    response = supervisor.post(f"/supervision/sessions/{session_id}/record", session_form(
        **{"held_on-day": "", "held_on-month": "", "held_on-year": ""},
        duration_minutes="", functions=""))

    assert error_summary(response) == [
        "Enter the date the session was held",
        "Enter how long the session lasted, in minutes",
        "Select the functions of supervision the session covered",
    ]


@pytest.mark.parametrize("outcome", ["cancelled", "rescheduled"])
def test_a_cancelled_or_rescheduled_session_needs_a_reason(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session, outcome: str,
) -> None:
    session_id = start(supervisor, pair[1])

    refused = supervisor.post(f"/supervision/sessions/{session_id}/record",
                              {"outcome": outcome, "status_reason": ""})
    assert field_error(refused, "status_reason") == f"Enter why the session was {outcome}"
    recorded = supervisor.post(f"/supervision/sessions/{session_id}/record",
                               {"status_reason": "Court hearing ran over."})

    assert recorded.status_code == 303
    session = db.get(SupervisionSession, session_id)
    assert session is not None
    db.refresh(session)
    assert (session.status, session.status_reason) == (SessionStatus(outcome),
                                                       "Court hearing ran over.")


def test_a_duration_outside_1_to_480_minutes_is_an_error_next_to_the_field(
    supervisor: SignedIn, pair: tuple[Person, Person],
) -> None:
    session_id = start(supervisor, pair[1])

    response = supervisor.post(f"/supervision/sessions/{session_id}/record",
                               session_form(duration_minutes="481"))

    assert field_error(response, "duration_minutes") == (
        "Duration must be a whole number of minutes from 1 to 480, like 90")
    assert value_of(response, "duration_minutes") == "481"


def test_a_group_session_needs_its_attendees(
    supervisor: SignedIn, pair: tuple[Person, Person], factory: Factory, db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    colleague = factory.make_person(roles=(Role.PRACTITIONER,))

    refused = supervisor.post(f"/supervision/sessions/{session_id}/record",
                              session_form(session_type="group"))
    assert field_error(refused, "attendees") == "Select who attended the group session"
    # Checkboxes in a group with its legend: a multiple select needs a mouse and Ctrl.
    boxes = page(refused).select("fieldset input[type=checkbox][name=attendees]")
    assert colleague.name in [
        page(refused).find("label", attrs={"for": box["id"]}).get_text(strip=True) for box in boxes
    ]
    assert page(refused).select("select[name=attendees]") == []
    recorded = supervisor.post(f"/supervision/sessions/{session_id}/record",
                               {"attendees": ["", str(colleague.id)]})

    assert recorded.status_code == 303
    assert colleague.name in seen(supervisor.follow(recorded))


def test_a_safety_scale_rating_outside_0_to_10_is_an_error_next_to_it_and_nothing_is_stored(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])

    response = supervisor.post(f"/supervision/sessions/{session_id}/cases",
                               case_form(**{"rating-parent": "11", "rating-child": "-1"}))

    assert response.status_code == 422
    assert field_error(response, "rating-parent") == (
        "Parent or carer's rating must be a number from 0 to 10")
    assert field_error(response, "rating-child") == (
        "Child or young person's rating must be a number from 0 to 10")
    assert value_of(response, "rating-parent") == "11"
    assert value_of(response, "child_voice") == "Z said he feels safe at Nan's house."
    assert db.exec(select(CaseDiscussion)).all() == []
    assert db.exec(select(SafetyRating)).all() == []


def test_the_childs_voice_is_required_in_a_case_discussion(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])

    response = supervisor.post(f"/supervision/sessions/{session_id}/cases",
                               case_form(child_voice="  ", rationale=""))

    assert error_summary(response) == [
        "Enter what the child has told us, or how they have shown it",
        "Enter the rationale for the decision",
    ]
    assert db.exec(select(CaseDiscussion)).all() == []


@pytest.mark.parametrize("reference", ["Jayden Smith", "JaydenSmith", "AB", "CS--1", "x" * 41])
def test_a_case_reference_must_be_the_case_systems_identifier(
    supervisor: SignedIn, pair: tuple[Person, Person], reference: str,
) -> None:
    session_id = start(supervisor, pair[1])

    response = supervisor.post(f"/supervision/sessions/{session_id}/cases",
                               case_form(case_reference=reference))

    assert field_error(response, "case_reference").startswith(
        "Case reference must be the case system's reference")


def test_an_action_with_no_owner_is_an_error_next_to_the_field_and_nothing_is_stored(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])

    response = supervisor.post(f"/supervision/sessions/{session_id}/actions",
                               action_form(pair[1], owner_id=""))

    assert response.status_code == 422
    assert error_summary(response) == ["Select who owns this action"]
    assert field_error(response, "owner_id") == "Select who owns this action"
    assert value_of(response, "description") == "Visit and see Z alone."
    assert db.exec(select(SupervisionAction)).all() == []


def test_an_action_needs_a_real_due_date_no_earlier_than_the_session(
    supervisor: SignedIn, pair: tuple[Person, Person], factory: Factory, db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    elsewhere = factory.make_person(council_id=factory.make_council().id)

    impossible = supervisor.post(f"/supervision/sessions/{session_id}/actions", action_form(
        pair[1], **{"due_on-day": "30", "due_on-month": "2", "due_on-year": "2030"}))
    early = supervisor.post(f"/supervision/sessions/{session_id}/actions", action_form(
        elsewhere, **day_fields("due_on", today() - timedelta(days=1))))

    assert field_error(impossible, "due_on") == "Due date must be a real date, like 27 3 2025"
    assert error_summary(early) == [
        "Select who owns this action",
        f"Due date must be the same as or after the session's planned date, "
        f"{today().strftime('%-d %B %Y')}",
    ]
    assert db.exec(select(SupervisionAction)).all() == []


# Sign-off and reading ---------------------------------------------------------------------


def test_the_sign_off_form_shares_case_learning_but_not_personal_reflections_by_default(
    client: TestClient, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
) -> None:
    session = sf.make_session(*pair)
    me = sign_in(client, factory, pair[1])

    response = me.get(f"/supervision/sessions/{session.id}")

    boxes = page(response).select("input[name=sharing][type=checkbox]")
    assert {str(b["value"]): b.has_attr("checked") for b in boxes} == {
        "personal": False, "case_learning": True}


def test_not_agreeing_with_the_record_needs_a_comment(
    client: TestClient, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
    db: Session,
) -> None:
    session = sf.make_session(*pair)
    me = sign_in(client, factory, pair[1])
    shown = me.get(f"/supervision/sessions/{session.id}")

    refused = me.post(f"/supervision/sessions/{session.id}/sign-off",
                      {"agreed": "no", "seen": seen_on(shown)})
    assert refused.status_code == 422
    assert field_error(refused, "comment") == "Enter what you do not agree with"
    signed = me.post(f"/supervision/sessions/{session.id}/sign-off",
                     {"agreed": "no", "comment": "We did not discuss my caseload.",
                      "seen": seen_on(refused)})

    assert signed.status_code == 303
    db.refresh(session)
    assert session.locked and session.supervisee_agreed is False
    assert "We did not discuss my caseload." in seen(me.follow(signed))


def test_only_the_supervisee_signs_off_their_record(
    supervisor: SignedIn, sf: SupervisionFactory, pair: tuple[Person, Person], db: Session,
) -> None:
    session = sf.make_session(*pair)

    response = supervisor.post(f"/supervision/sessions/{session.id}/sign-off", {"agreed": "yes"})

    assert response.status_code == 404
    db.refresh(session)
    assert not session.locked
    assert db.exec(select(AuditEvent).where(AuditEvent.action == "supervision.refused")).one()


def test_a_team_manager_reading_the_record_does_not_see_the_personal_section(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
) -> None:
    team = factory.make_team()
    supervisor, worker = sf.make_pair(team_id=team.id)
    session = sf.make_session(supervisor, worker, support_needs="Counselling after a death.",
                              career_goals="Leave social work.")
    sf.make_case_discussion(session, child_voice="She wants to stay with her brother.")
    manager = sign_in(client, factory,
                      factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=team.id))

    response = manager.get(f"/supervision/sessions/{session.id}")

    assert response.status_code == 200
    assert "She wants to stay with her brother." in seen(response)
    assert "Counselling after a death." not in seen(response)
    assert "Leave social work." not in seen(response)
    assert "The personal section is private to" in seen(response)
    [viewed] = db.exec(select(AuditEvent).where(
        AuditEvent.action == "supervision.session.viewed")).all()
    assert json.loads(viewed.detail)["personal"] is False


def test_my_supervision_lists_records_waiting_for_sign_off_first_and_my_open_actions(
    client: TestClient, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
) -> None:
    boss, worker = pair
    signed = sf.make_session(boss, worker, signed=True, planned_for=today() - timedelta(days=40))
    waiting = sf.make_session(boss, worker, planned_for=today() - timedelta(days=3))
    sf.make_session(boss, worker, status=SessionStatus.DRAFT)  # not recorded: not shown
    sf.make_action(signed, description="Book the PLO training.",
                   due_on=today() - timedelta(days=2))
    sf.make_action(signed, description="Already done.", status=ActionStatus.DONE)
    me = sign_in(client, factory, worker)

    response = me.get("/supervision/mine")

    assert heading(response) == "My supervision"
    awaiting = page(response).select("ul[aria-labelledby=awaiting-heading] a")
    assert [str(a["href"]).endswith(f"/supervision/sessions/{waiting.id}") for a in awaiting] == [
        True]
    rows = page(response).select("table[aria-labelledby=actions-heading] tbody tr")
    assert [r.find("td").get_text(" ", strip=True) for r in rows] == ["Book the PLO training."]
    assert "Overdue" in rows[0].get_text()
    records = page(response).select("table[aria-labelledby=sessions-heading] tbody tr")
    assert len(records) == 1 and "Signed off" in records[0].get_text()


def test_open_actions_from_earlier_sessions_carry_into_the_next_and_can_be_marked_done(
    supervisor: SignedIn, sf: SupervisionFactory, pair: tuple[Person, Person], db: Session,
) -> None:
    earlier = sf.make_session(*pair, signed=True, planned_for=today() - timedelta(days=30))
    action = sf.make_action(earlier, description="Write the chronology.",
                            due_on=today() - timedelta(days=1))
    session_id = start(supervisor, pair[1])

    form = supervisor.get(f"/supervision/sessions/{session_id}/edit")
    rows = page(form).select("table[aria-labelledby=carried-heading] tbody tr")
    assert "Write the chronology." in rows[0].get_text() and "Overdue" in rows[0].get_text()
    # the buttons send the session's own form (what was typed in it is saved first)
    buttons = rows[0].select("button[form=session-form]")
    assert [(b["formaction"].endswith(f"/sessions/{session_id}/autosave"), b["value"])
            for b in buttons] == [(True, f"done:{action.id}"), (True, f"dropped:{action.id}")]
    done = supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                           {"then": f"done:{action.id}", "support_needs": "Time to think."})

    assert done.headers["location"].endswith(f"/supervision/sessions/{session_id}/edit")
    db.refresh(action)
    assert (action.status, action.completed_on) == (ActionStatus.DONE, today())
    shown = supervisor.follow(done)
    assert page(shown).select("table[aria-labelledby=carried-heading]") == []
    assert "Action marked as done: Write the chronology." in shown.text
    assert value_of(shown, "support_needs") == "Time to think."  # typed, not lost

    # the same, by the action's own form, from pages without a session form: dropping
    # asks why first
    other = sf.make_action(earlier, description="Ring the school.", due_on=today())
    back = f"/supervision/sessions/{session_id}/edit"
    asked = supervisor.post(f"/supervision/actions/{other.id}/status",
                            {"status": "dropped", "next": back})
    assert "/supervision/actions/" in asked.headers["location"]
    assert heading(supervisor.follow(asked)) == "Drop this action?"
    again = supervisor.post(f"/supervision/actions/{other.id}/status",
                            {"status": "dropped", "next": back, "reason": "The school rang us."})
    assert again.headers["location"] == f"/supervision/sessions/{session_id}/edit"
    db.refresh(other)
    assert (other.status, other.status_reason) == (ActionStatus.DROPPED, "The school rang us.")


def test_someone_unconnected_cannot_change_an_actions_status(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
) -> None:
    action = sf.make_action(sf.make_session(*sf.make_pair()))
    stranger = sign_in(client, factory, factory.make_person(roles=(Role.PRACTITIONER,)))

    response = stranger.post(f"/supervision/actions/{action.id}/status", {"status": "done"})

    assert response.status_code == 404
    db.refresh(action)
    assert action.status == ActionStatus.OPEN


def test_case_discussion_labels_follow_the_supervisees_service(
    supervisor: SignedIn, factory: Factory, sf: SupervisionFactory,
) -> None:
    from learning.org.models import TeamKind

    team = factory.make_team(kind=TeamKind.EARLY_HELP)
    boss = supervisor.person
    worker = factory.make_person(roles=(Role.PRACTITIONER,), team_id=team.id)
    factory.make_relationship(boss, worker)
    session_id = start(supervisor, worker)

    response = supervisor.get(f"/supervision/sessions/{session_id}/cases/new")

    labels = [label.get_text(strip=True) for label in page(response).select("label")]
    assert "Worry statement" in labels and "Wellbeing goal" in labels
    assert "Danger statement" not in labels
    assert "Do not write the child's name." in seen(response)


def test_a_rating_is_dated_the_day_the_session_was_held(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    held = today() - timedelta(days=2)
    supervisor.post(f"/supervision/sessions/{session_id}/cases", case_form())

    supervisor.post(f"/supervision/sessions/{session_id}/record",
                    session_form(**day_fields("held_on", held)))

    ratings = db.exec(select(SafetyRating).order_by(col(SafetyRating.rater_role))).all()
    assert [(r.rater_role, r.score, r.rated_on, r.case_reference) for r in ratings] == [
        (RaterRole.PRACTITIONER, 4, held, "CS-104233"),
        (RaterRole.SUPERVISOR, 3, held, "CS-104233"),
    ]
