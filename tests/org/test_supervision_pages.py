"""Adding and ending supervisors on a person's page."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlmodel import Session, select

from learning.audit.models import AuditEvent
from learning.core.clock import today
from learning.org.models import SupervisoryRelationship
from tests.factories import Factory
from tests.org.conftest import SignedIn
from tests.org.pages import error_summary, field_error, flash, heading, value_of


def dates(prefix: str, day: date | None) -> dict[str, str]:
    if day is None:
        return {f"{prefix}-day": "", f"{prefix}-month": "", f"{prefix}-year": ""}
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month),
            f"{prefix}-year": str(day.year)}


def supervision_form(supervisor_id: object, starts: date | None, ends: date | None = None) -> dict:
    return {"supervisor_id": str(supervisor_id), **dates("starts_on", starts),
            **dates("ends_on", ends)}


def links(db: Session) -> list[SupervisoryRelationship]:
    return list(db.exec(select(SupervisoryRelationship)).all())


def test_the_add_supervisor_form_offers_active_colleagues_and_starts_today(
    admin: SignedIn, factory: Factory
) -> None:
    person = factory.make_person()
    factory.make_person(given_name="Gone", family_name="Away", active=False)
    response = admin.get(f"/people/{person.id}")
    assert value_of(response, "starts_on-day") == str(today().day)
    assert value_of(response, "starts_on-year") == str(today().year)
    assert value_of(response, "ends_on-day") == ""
    options = response.text.split('name="supervisor_id"')[1].split("</select>")[0]
    assert "Ada Admin" in options and "Gone Away" not in options and person.name not in options


def test_adding_a_supervisor_records_the_relationship_and_audits_it(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person, boss = factory.make_person(), factory.make_person()
    start = today() - timedelta(days=10)
    shown = admin.follow(admin.post(f"/people/{person.id}/supervisors",
                                    supervision_form(boss.id, start)))
    assert flash(shown) == f"The supervisor has been added for {person.name}"
    [link] = links(db)
    assert (link.supervisor_id, link.supervisee_id, link.starts_on, link.ends_on) == (
        boss.id, person.id, start, None)
    event = db.exec(select(AuditEvent).where(
        AuditEvent.action == "supervision_link.created")).one()
    assert event.record_id == str(link.id)
    assert json.loads(event.detail)["supervisor_id"] == boss.id


def test_a_person_cannot_supervise_themselves(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person = factory.make_person()
    response = admin.post(f"/people/{person.id}/supervisors", supervision_form(person.id, today()))
    assert response.status_code == 422
    assert heading(response) == person.name
    assert field_error(response, "supervisor_id") == "A person cannot supervise themselves"
    assert links(db) == []


def test_an_end_date_before_the_start_date_is_refused_and_the_dates_are_kept(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person, boss = factory.make_person(), factory.make_person()
    form = supervision_form(boss.id, date(2025, 6, 1), date(2025, 5, 1))
    response = admin.post(f"/people/{person.id}/supervisors", form)
    assert response.status_code == 422
    assert error_summary(response) == ["End date must be the same as or after the start date"]
    assert field_error(response, "ends_on") == (
        "End date must be the same as or after the start date")
    assert value_of(response, "ends_on-month") == "5"
    assert value_of(response, "starts_on-month") == "6"
    assert value_of(response, "supervisor_id") == str(boss.id)
    assert links(db) == []


def test_missing_and_impossible_dates_are_explained(admin: SignedIn, factory: Factory) -> None:
    person = factory.make_person()
    form = {"supervisor_id": "", **dates("starts_on", None), "ends_on-day": "31",
            "ends_on-month": "2", "ends_on-year": "2025"}
    response = admin.post(f"/people/{person.id}/supervisors", form)
    assert error_summary(response) == [
        "Select a supervisor", "Enter the start date",
        "End date must be a real date, like 27 3 2025",
    ]
    form = supervision_form(person.id, None) | {"starts_on-day": "3", "starts_on-year": "2025"}
    response = admin.post(f"/people/{person.id}/supervisors", form)
    assert field_error(response, "starts_on") == "Start date must include a month"


def test_an_overlapping_relationship_with_the_same_supervisor_is_refused(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person, boss = factory.make_person(), factory.make_person()
    factory.make_relationship(boss, person, starts_on=date(2025, 1, 1))
    response = admin.post(f"/people/{person.id}/supervisors",
                          supervision_form(boss.id, date(2025, 9, 1)))
    assert response.status_code == 422
    assert field_error(response, "starts_on") == (
        f"{boss.name} already supervises {person.name} from 1 January 2025. Choose dates that "
        "do not overlap, or end that supervision first")
    assert len(links(db)) == 1


def test_a_later_relationship_with_the_same_supervisor_after_one_ended_is_allowed(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person, boss = factory.make_person(), factory.make_person()
    factory.make_relationship(boss, person, starts_on=date(2024, 1, 1), ends_on=date(2024, 6, 30))
    response = admin.post(f"/people/{person.id}/supervisors",
                          supervision_form(boss.id, date(2024, 7, 1)))
    assert response.status_code == 303
    assert len(links(db)) == 2


def test_a_supervisor_from_another_council_is_refused(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person = factory.make_person()
    stranger = factory.make_person(council_id=factory.make_council().id)
    response = admin.post(f"/people/{person.id}/supervisors",
                          supervision_form(stranger.id, today()))
    assert field_error(response, "supervisor_id") == "Select a supervisor from the list"
    assert links(db) == []


def test_ending_a_current_supervision_sets_its_end_date_and_audits_it(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person, boss = factory.make_person(), factory.make_person()
    link = factory.make_relationship(boss, person, starts_on=date(2025, 1, 1))
    form_page = admin.get(f"/people/{person.id}/supervisors/{link.id}/end")
    assert heading(form_page) == f"End {boss.name}'s supervision of {person.name}"
    assert value_of(form_page, "ends_on-day") == str(today().day)
    shown = admin.follow(admin.post(f"/people/{person.id}/supervisors/{link.id}/end",
                                    dates("ends_on", today())))
    assert flash(shown) == "The supervision has been ended"
    db.refresh(link)
    assert link.ends_on == today()
    assert db.exec(select(AuditEvent).where(AuditEvent.action == "supervision_link.ended")).one()


def test_ending_before_the_start_is_refused_next_to_the_date(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person, boss = factory.make_person(), factory.make_person()
    link = factory.make_relationship(boss, person, starts_on=date(2025, 3, 1))
    response = admin.post(f"/people/{boss.id}/supervisors/{link.id}/end",
                          dates("ends_on", date(2025, 2, 1)))
    assert response.status_code == 422
    assert field_error(response, "ends_on") == (
        "End date must be the same as or after the start date, 1 March 2025")
    assert value_of(response, "ends_on-month") == "2"
    db.refresh(link)
    assert link.ends_on is None


def test_a_supervision_that_already_ended_cannot_be_ended_again(
    admin: SignedIn, factory: Factory
) -> None:
    person, boss = factory.make_person(), factory.make_person()
    link = factory.make_relationship(boss, person, starts_on=date(2024, 1, 1),
                                     ends_on=date(2024, 2, 1))
    response = admin.post(f"/people/{person.id}/supervisors/{link.id}/end",
                          dates("ends_on", date(2024, 3, 1)))
    assert field_error(response, "ends_on") == "This supervision ended on 1 February 2024"


def test_a_supervision_is_found_only_through_one_of_its_two_people(
    admin: SignedIn, factory: Factory
) -> None:
    person, boss, bystander = factory.make_person(), factory.make_person(), factory.make_person()
    link = factory.make_relationship(boss, person)
    assert admin.get(f"/people/{bystander.id}/supervisors/{link.id}/end").status_code == 404
