"""Supervision agreements: set by the supervisor, agreed by the supervisee, versioned once
both have agreed; and the schedule of sessions they imply."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from learning.core.clock import format_date, today, utcnow
from learning.core.permissions import Role
from learning.org.models import CareerStage, Person
from learning.supervision import agreements
from learning.supervision.agreements import (
    DEFAULT_CONFIDENTIALITY_TERMS,
    Schedule,
    describe_schedule,
    describe_steps,
)
from learning.supervision.models import SupervisionAgreement
from learning.supervision.policy import FrequencyPolicy, next_due
from tests.factories import Factory
from tests.factories import audit_events as events
from tests.org.conftest import SignedIn
from tests.org.pages import error_summary, field_error, flash, heading, page, value_of
from tests.supervision.factories import SupervisionFactory


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


def signed_in(client: TestClient, factory: Factory, person: Person) -> SignedIn:
    return SignedIn(client, person, factory.sign_in(client, person))


def next_due_for(db: Session, supervisee: Person, last_held: date | None) -> date:
    """When the supervisee's next session is due by their schedule, after ``last_held``."""
    schedule = agreements.schedule_for(db, supervisee)
    return next_due(
        schedule.policy, schedule.stage, schedule.started, last_held, schedule.override
    )


def dates(prefix: str, day: date | None) -> dict[str, str]:
    if day is None:
        return {f"{prefix}-day": "", f"{prefix}-month": "", f"{prefix}-year": ""}
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month),
            f"{prefix}-year": str(day.year)}


def terms(starts: date | None = None, **changes: Any) -> dict[str, Any]:
    values = {
        **dates("starts_on", starts or today()),
        **dates("asye_started_on", None),
        "frequency_days_override": "",
        "usual_duration_minutes": "90",
        "venue": "Room 2, Truro office",
        "confidentiality_terms": "What we say stays here unless a child is at risk.",
        "recording_terms": "I write it up within 5 working days; you read and agree it.",
    }
    return {**values, **changes}


def url(supervisee: Person) -> str:
    return f"/supervision/supervisees/{supervisee.id}/agreement"


def rows(db: Session, supervisee: Person) -> list[SupervisionAgreement]:
    db.expire_all()
    query = select(SupervisionAgreement).where(
        SupervisionAgreement.supervisee_id == supervisee.id).order_by(
        col(SupervisionAgreement.id))
    return list(db.exec(query).all())


# The supervisor's form -------------------------------------------------------------------


def test_a_supervisor_starts_from_sensible_default_terms(
    client: TestClient, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, supervisee = sf.make_pair()
    response = signed_in(client, factory, supervisor).get(url(supervisee))
    assert response.status_code == 200
    assert heading(response) == f"Supervision agreement with {supervisee.name}"
    assert value_of(response, "usual_duration_minutes") == "90"
    assert value_of(response, "confidentiality_terms") == DEFAULT_CONFIDENTIALITY_TERMS
    assert value_of(response, "starts_on-day") == str(today().day)
    assert page(response).find(attrs={"name": "asye_started_on-day"}) is None
    shown = page(response).select_one("#frequency-policy").get_text(" ", strip=True)
    assert "Monthly" in shown and "Social worker" in shown


def test_an_asye_supervisees_form_asks_for_the_asye_start_and_shows_the_steps(
    client: TestClient, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, supervisee = sf.make_pair(career_stage=CareerStage.ASYE)
    response = signed_in(client, factory, supervisor).get(url(supervisee))
    assert value_of(response, "asye_started_on-day") == ""
    shown = page(response).select_one("#frequency-policy").get_text(" ", strip=True)
    six_weeks, six_months = today() + timedelta(weeks=6), today() + timedelta(weeks=26)
    assert (f"Weekly until {format_date(six_weeks)}, then fortnightly until "
            f"{format_date(six_months)}, then monthly") in shown


def test_saving_the_terms_records_the_supervisors_agreement_and_audits_it(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    supervisor, supervisee = sf.make_pair()
    me = signed_in(client, factory, supervisor)
    start = today() - timedelta(days=3)
    shown = me.follow(me.post(url(supervisee), terms(start, frequency_days_override="21")))
    assert flash(shown).startswith(f"The agreement with {supervisee.name} has been saved")
    [agreement] = rows(db, supervisee)
    assert (agreement.supervisor_id, agreement.starts_on, agreement.frequency_days_override,
            agreement.venue) == (supervisor.id, start, 21, "Room 2, Truro office")
    assert agreement.supervisor_agreed_at is not None
    assert agreement.supervisee_agreed_at is None
    assert agreement.asye_started_on is None
    [event] = events(db, "agreement.created")
    assert event.record_id == str(agreement.id) and event.actor_id == supervisor.id
    assert "Every 21 days, as agreed" in shown.text


def test_an_asye_start_date_left_blank_is_the_agreements_start(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    supervisor, supervisee = sf.make_pair(career_stage=CareerStage.ASYE)
    me = signed_in(client, factory, supervisor)
    start = today() - timedelta(days=10)
    me.post(url(supervisee), terms(start))
    assert rows(db, supervisee)[0].asye_started_on == start


def test_an_asye_start_date_sets_the_schedule(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    supervisor, supervisee = sf.make_pair(career_stage=CareerStage.ASYE)
    me = signed_in(client, factory, supervisor)
    asye_start = today() - timedelta(weeks=10)
    me.post(url(supervisee), terms(today(), **dates("asye_started_on", asye_start)))
    schedule = agreements.schedule_for(db, supervisee)
    assert (schedule.stage, schedule.started, schedule.override) == ("asye", asye_start, None)
    # Ten weeks in: fortnightly.
    assert next_due_for(db, supervisee, today()) == today() + timedelta(days=14)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"starts_on-day": "31", "starts_on-month": "2", "starts_on-year": "2026"},
         "starts_on", "Start date must be a real date, like 27 3 2025"),
        ({"starts_on-day": "", "starts_on-month": "", "starts_on-year": ""},
         "starts_on", "Enter the start date"),
        ({"starts_on-day": "1", "starts_on-month": "1", "starts_on-year": "1999"},
         "starts_on", "Start date must be between 1 January 2000 and a year from today"),
        ({"frequency_days_override": "0"}, "frequency_days_override",
         "Days between sessions must be a whole number from 1 to 92, or left blank"),
        ({"frequency_days_override": "93"}, "frequency_days_override",
         "Days between sessions must be a whole number from 1 to 92, or left blank"),
        ({"frequency_days_override": "two"}, "frequency_days_override",
         "Days between sessions must be a whole number from 1 to 92, or left blank"),
        ({"usual_duration_minutes": "10"}, "usual_duration_minutes",
         "Usual length must be a whole number of minutes from 15 to 240, like 90"),
        ({"usual_duration_minutes": "-90"}, "usual_duration_minutes",
         "Usual length must be a whole number of minutes from 15 to 240, like 90"),
        ({"confidentiality_terms": "  "}, "confidentiality_terms",
         "Enter the confidentiality terms"),
        ({"venue": "x" * 201}, "venue", "Where you meet must be 200 characters or fewer"),
    ],
)
def test_bad_terms_are_shown_next_to_the_field_and_nothing_is_stored(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
    changes: dict[str, str], field: str, message: str,
) -> None:
    supervisor, supervisee = sf.make_pair()
    me = signed_in(client, factory, supervisor)
    response = me.post(url(supervisee), terms(**changes))
    assert response.status_code == 422
    assert error_summary(response) == [message]
    assert field_error(response, field) == message
    assert value_of(response, "venue") == changes.get("venue", "Room 2, Truro office")
    assert value_of(response, "recording_terms").startswith("I write it up")
    assert rows(db, supervisee) == []
    assert events(db, "agreement.created") == []


def test_an_impossible_asye_start_date_is_an_error(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    supervisor, supervisee = sf.make_pair(career_stage=CareerStage.ASYE)
    me = signed_in(client, factory, supervisor)
    bad = {"asye_started_on-day": "30", "asye_started_on-month": "13",
           "asye_started_on-year": "2025"}
    response = me.post(url(supervisee), terms(**bad))
    assert field_error(response, "asye_started_on") == (
        "ASYE start date must be a real date, like 27 3 2025")
    assert value_of(response, "asye_started_on-month") == "13"
    assert rows(db, supervisee) == []


# The supervisee agrees -------------------------------------------------------------------


def test_the_supervisee_reads_the_terms_and_agrees_them(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    supervisor, supervisee = sf.make_pair()
    signed_in(client, factory, supervisor).post(url(supervisee), terms())
    them = signed_in(client, factory, supervisee)
    response = them.get("/supervision/agreement")
    assert heading(response) == "Your supervision agreement"
    assert "Waiting for the supervisee to agree" in response.text
    assert "Room 2, Truro office" in response.text
    assert page(response).find("button", string="I agree") is not None

    form = page(response).find("input", attrs={"name": "agreement_id"}).find_parent("form")
    hidden = {i["name"]: i["value"] for i in form.find_all("input", type="hidden")}
    shown = them.follow(them.post("/supervision/agreement", hidden))
    assert flash(shown) == "You have agreed your supervision agreement"
    assert "Agreed by both" in shown.text
    assert page(shown).find("button", string="I agree") is None
    assert rows(db, supervisee)[0].supervisee_agreed_at is not None
    [event] = events(db, "agreement.agreed")
    assert event.actor_id == supervisee.id


def test_someone_without_an_agreement_is_told_their_supervisor_sets_it_up(
    client: TestClient, factory: Factory
) -> None:
    person = factory.make_person(roles=(Role.PRACTITIONER,))
    response = signed_in(client, factory, person).get("/supervision/agreement")
    assert response.status_code == 200
    assert "You do not have a supervision agreement yet" in response.text


def test_terms_changed_while_the_supervisee_read_them_are_not_agreed(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    supervisor, supervisee = sf.make_pair()
    agreement = sf.make_agreement(supervisor, supervisee, agreed=False,
                                  supervisor_agreed_at=utcnow())
    seen = agreements.terms_fingerprint(agreement)
    agreement.venue = "Somewhere else"
    db.add(agreement)
    db.commit()
    them = signed_in(client, factory, supervisee)
    shown = them.follow(them.post("/supervision/agreement",
                                  {"agreement_id": str(agreement.id), "terms_seen": seen}))
    assert flash(shown).startswith("Your supervisor changed the terms")
    assert rows(db, supervisee)[0].supervisee_agreed_at is None


@pytest.mark.parametrize("whose", ["someone else's", "not a number"])
def test_agreeing_an_agreement_that_is_not_yours_is_refused_and_audited(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session, whose: str
) -> None:
    supervisor, supervisee = sf.make_pair()
    agreement = sf.make_agreement(supervisor, supervisee, agreed=False)
    intruder = factory.make_person(roles=(Role.PRACTITIONER,))
    them = signed_in(client, factory, intruder)
    agreement_id = str(agreement.id) if whose == "someone else's" else "x1"
    response = them.post("/supervision/agreement", {
        "agreement_id": agreement_id, "terms_seen": agreements.terms_fingerprint(agreement)})
    assert response.status_code == 404
    assert rows(db, supervisee)[0].supervisee_agreed_at is None
    [event] = events(db, "supervision.refused")
    assert (event.actor_id, event.record_type) == (intruder.id, "supervision_agreement")


# Changing the terms ----------------------------------------------------------------------


def test_changing_agreed_terms_starts_a_new_agreement_and_keeps_the_old_one(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    supervisor, supervisee = sf.make_pair()
    old = sf.make_agreement(supervisor, supervisee, venue="Room 2, Truro office")
    me = signed_in(client, factory, supervisor)
    shown = me.follow(me.post(url(supervisee), terms(old.starts_on, venue="Online")))
    assert flash(shown).startswith("These terms start a new agreement")
    first, second = rows(db, supervisee)
    assert (first.id, first.ended_on, first.venue) == (old.id, today(), "Room 2, Truro office")
    assert (second.ended_on, second.venue, second.supervisee_agreed_at) == (None, "Online", None)
    assert agreements.current_agreement(db, supervisee.id or 0) == second
    [event] = events(db, "agreement.replaced")
    assert json.loads(event.detail)["replaces"] == old.id
    assert page(shown).find(id="earlier-heading") is not None

    mine = signed_in(client, factory, supervisee).get("/supervision/agreement")
    assert page(mine).find("button", string="I agree") is not None
    assert "Earlier agreements" in mine.text


def test_changing_terms_the_supervisee_has_not_agreed_yet_changes_them_in_place(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    supervisor, supervisee = sf.make_pair()
    me = signed_in(client, factory, supervisor)
    me.follow(me.post(url(supervisee), terms()))
    shown = me.follow(me.post(url(supervisee), terms(usual_duration_minutes="60")))
    assert flash(shown) == (
        f"The agreement has been changed. {supervisee.name} has not agreed it yet.")
    [agreement] = rows(db, supervisee)
    assert agreement.usual_duration_minutes == 60
    [event] = events(db, "agreement.updated")
    assert json.loads(event.detail)["changed"] == ["usual_duration_minutes"]


def test_saving_the_same_terms_again_changes_nothing(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    supervisor, supervisee = sf.make_pair()
    me = signed_in(client, factory, supervisor)
    me.follow(me.post(url(supervisee), terms()))
    shown = me.follow(me.post(url(supervisee), terms()))
    assert flash(shown) == "Nothing was changed"
    assert len(rows(db, supervisee)) == 1


def test_a_new_supervisor_starts_a_new_agreement_even_if_the_old_one_was_not_agreed(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    old_supervisor, supervisee = sf.make_pair()
    sf.make_agreement(old_supervisor, supervisee, agreed=False)
    new_supervisor = factory.make_person(roles=(Role.SUPERVISOR,))
    factory.make_relationship(new_supervisor, supervisee)
    me = signed_in(client, factory, new_supervisor)
    me.post(url(supervisee), terms())
    first, second = rows(db, supervisee)
    assert first.ended_on == today() and second.supervisor_id == new_supervisor.id


# Who may -----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_supervisor_cannot_see_or_set_the_agreement_of_someone_they_do_not_supervise(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session, method: str
) -> None:
    supervisor, _ = sf.make_pair()
    _, stranger = sf.make_pair()
    me = signed_in(client, factory, supervisor)
    response = me.get(url(stranger)) if method == "GET" else me.post(url(stranger), terms())
    assert response.status_code == 404
    assert rows(db, stranger) == []
    [event] = events(db, "supervision.refused")
    assert (event.actor_id, event.record_type, event.record_id) == (
        supervisor.id, "person", str(stranger.id))


def test_a_former_supervisor_is_refused(
    client: TestClient, factory: Factory, db: Session
) -> None:
    supervisor = factory.make_person(roles=(Role.SUPERVISOR,))
    supervisee = factory.make_person()
    factory.make_relationship(supervisor, supervisee, starts_on=today() - timedelta(days=90),
                              ends_on=today() - timedelta(days=1))
    response = signed_in(client, factory, supervisor).get(url(supervisee))
    assert response.status_code == 404


def test_a_practitioner_cannot_open_the_supervisors_form(
    client: TestClient, factory: Factory, sf: SupervisionFactory
) -> None:
    _, supervisee = sf.make_pair()
    practitioner = factory.make_person(roles=(Role.PRACTITIONER,))
    assert signed_in(client, factory, practitioner).get(url(supervisee)).status_code == 403


# The schedule ------------------------------------------------------------------------------


def test_without_an_agreement_the_schedule_runs_from_the_start_of_supervision(
    factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    _, supervisee = sf.make_pair()
    schedule = agreements.schedule_for(db, supervisee)
    assert schedule.started == today() - timedelta(days=90)
    assert (schedule.stage, schedule.override) == ("social_worker", None)
    assert next_due_for(db, supervisee, None) == today() - timedelta(days=59)


def test_the_agreements_override_sets_the_next_due_date(
    sf: SupervisionFactory, db: Session
) -> None:
    supervisor, supervisee = sf.make_pair()
    sf.make_agreement(supervisor, supervisee, frequency_days_override=14)
    last = today() - timedelta(days=3)
    assert next_due_for(db, supervisee, last) == last + timedelta(days=14)


def test_schedules_for_many_people_match_one_at_a_time(
    factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    supervisor, asye = sf.make_pair(career_stage=CareerStage.ASYE)
    other = factory.make_person()
    factory.make_relationship(supervisor, other)
    sf.make_agreement(supervisor, asye, asye_started_on=today() - timedelta(days=20))
    unsupervised = factory.make_person()
    people = [asye, other, unsupervised]
    together = agreements.schedules_for(db, people)
    assert together == {p.id: agreements.schedule_for(db, p) for p in people}
    assert together[asye.id or 0].started == today() - timedelta(days=20)


def test_a_schedule_in_words_names_each_step_with_its_end_date() -> None:
    schedule = Schedule(FrequencyPolicy(), "asye", date(2025, 12, 3), None)
    assert describe_schedule(schedule) == (
        "Weekly until 14 January 2026, then fortnightly until 3 June 2026, then monthly")
    assert describe_schedule(schedule._replace(stage="social_worker")) == "Monthly"
    assert describe_schedule(schedule._replace(override=10)) == (
        "Every 10 days, as agreed (the policy says: Weekly until 14 January 2026, then "
        "fortnightly until 3 June 2026, then monthly)")


def test_a_policy_schedule_in_words_counts_weeks() -> None:
    policy = FrequencyPolicy()
    assert describe_steps(policy.by_stage["asye"]) == (
        "Weekly for the first 6 weeks, then fortnightly until week 26, then monthly from then on")
    assert describe_steps(policy.default) == "Monthly"
