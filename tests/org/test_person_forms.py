"""Adding and changing a person: every field checked, every typed value kept, all audited."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, select

from learning.core.permissions import Role
from learning.org import service
from learning.org.models import CareerStage, Person, RoleAssignment
from tests.factories import Factory
from tests.factories import audit_events as audit
from tests.org.conftest import SignedIn
from tests.org.pages import checked, error_summary, field_error, flash, heading, page, value_of

OBJECT_ID = "3f2b6c1e-8d4a-4e5f-9a7b-1c2d3e4f5a6b"


def valid_person(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "given_name": "Nia", "family_name": "Brennan", "email": "Nia.Brennan@Example.test",
        "job_title": "Social Worker", "team_id": "", "career_stage": "social_worker",
        "fte": "0.8", "roles": ["practitioner"], "object_id": "",
    }
    values.update(overrides)
    return values


def test_adding_a_person_saves_them_with_their_roles_and_says_so(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    team = factory.make_team(name="Adoption West")
    form = valid_person(team_id=str(team.id), roles=["practitioner", "supervisor"],
                        object_id=OBJECT_ID.upper())
    response = admin.post("/people/new", form)
    shown = admin.follow(response)
    assert heading(shown) == "Nia Brennan"
    assert flash(shown) == "Nia Brennan has been added"
    person = db.exec(select(Person).where(Person.family_name == "Brennan")).one()
    assert (person.email, person.team_id, person.fte, person.career_stage) == (
        "nia.brennan@example.test", team.id, 0.8, CareerStage.SOCIAL_WORKER)
    assert (person.oidc_oid, person.oidc_tid) == (OBJECT_ID, factory.council.tenant_id)
    assert service.roles_of(db, person.id or 0) == [Role.PRACTITIONER, Role.SUPERVISOR]
    [event] = audit(db, "person.created")
    assert event.record_id == str(person.id) and event.actor_id == admin.person.id
    assert json.loads(event.detail)["roles"] == ["practitioner", "supervisor"]


def test_the_new_person_form_starts_as_a_full_time_practitioner(admin: SignedIn) -> None:
    response = admin.get("/people/new")
    assert heading(response) == "Add a person"
    assert value_of(response, "fte") == "1"
    assert checked(response, "roles") == ["practitioner"]


def test_a_form_with_mistakes_says_what_is_wrong_next_to_each_field_and_keeps_what_was_typed(
    admin: SignedIn, db: Session
) -> None:
    form = valid_person(given_name="", email="not-an-email", fte="1.5",
                        object_id="not-a-guid", job_title="Typed title", family_name="Kept")
    response = admin.post("/people/new", form)
    assert response.status_code == 422
    assert error_summary(response) == [
        "Enter a first name",
        "Enter an email address in the correct format, like name@example.org",
        "FTE must be a number from 0.1 to 1, like 0.6",
        "Enter the Entra object ID in the format 00000000-0000-0000-0000-000000000000",
    ]
    assert field_error(response, "given_name") == "Enter a first name"
    assert field_error(response, "fte") == "FTE must be a number from 0.1 to 1, like 0.6"
    for field, typed in (("family_name", "Kept"), ("email", "not-an-email"), ("fte", "1.5"),
                         ("job_title", "Typed title"), ("object_id", "not-a-guid"),
                         ("career_stage", "social_worker")):
        assert value_of(response, field) == typed
    assert checked(response, "roles") == ["practitioner"]
    assert db.exec(select(Person).where(Person.family_name == "Kept")).first() is None


@pytest.mark.parametrize("fte", ["0", "0.05", "1.01", "-1", "full", "nan"])
def test_fte_must_be_between_a_tenth_and_one(admin: SignedIn, fte: str) -> None:
    response = admin.post("/people/new", valid_person(fte=fte))
    assert response.status_code == 422
    assert field_error(response, "fte") == "FTE must be a number from 0.1 to 1, like 0.6"


def test_missing_fte_and_career_stage_are_asked_for(admin: SignedIn) -> None:
    response = admin.post("/people/new", valid_person(fte="", career_stage=""))
    assert field_error(response, "career_stage") == "Select a career stage"
    assert field_error(response, "fte") == "Enter the FTE, like 1 for full time or 0.6"


def test_an_email_already_in_use_is_refused_whatever_its_case(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    factory.make_person(email="taken@example.test")
    response = admin.post("/people/new", valid_person(email="TAKEN@example.test"))
    assert response.status_code == 422
    assert field_error(response, "email") == "Someone else already has this email address"
    assert value_of(response, "email") == "TAKEN@example.test"
    assert audit(db, "person.created") == []


def test_an_email_taken_in_a_race_becomes_a_field_error_not_a_crash(
    admin: SignedIn, factory: Factory, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    factory.make_person(email="raced@example.test")
    monkeypatch.setattr(service, "email_holder", lambda *args: None)
    response = admin.post("/people/new", valid_person(email="raced@example.test"))
    assert response.status_code == 422
    assert field_error(response, "email") == "Someone else already has this email address"
    assert audit(db, "person.created") == []


def test_an_unknown_role_or_another_councils_team_is_refused(
    admin: SignedIn, factory: Factory
) -> None:
    elsewhere = factory.make_team(council_id=factory.make_council().id)
    response = admin.post("/people/new", valid_person(roles=["emperor"], team_id=str(elsewhere.id)))
    assert field_error(response, "roles") == "Select roles from the list"
    response = admin.post("/people/new", valid_person(team_id=str(elsewhere.id)))
    assert field_error(response, "team_id") == "Select a team from the list"


def test_an_object_id_already_linked_to_someone_else_is_refused(
    admin: SignedIn, factory: Factory
) -> None:
    factory.make_person(oidc_tid=factory.council.tenant_id, oidc_oid=OBJECT_ID)
    response = admin.post("/people/new", valid_person(object_id=OBJECT_ID))
    assert field_error(response, "object_id") == (
        "This Entra object ID is already linked to another person")


def test_the_edit_form_shows_the_persons_current_details(
    admin: SignedIn, factory: Factory
) -> None:
    team = factory.make_team()
    person = factory.make_person(roles=(Role.SUPERVISOR,), team_id=team.id, fte=0.6,
                                 oidc_tid="t", oidc_oid=OBJECT_ID)
    response = admin.get(f"/people/{person.id}/edit")
    assert heading(response) == f"Change {person.name}'s details"
    assert value_of(response, "team_id") == str(team.id)
    assert value_of(response, "fte") == "0.6"
    assert value_of(response, "career_stage") == "social_worker"
    assert value_of(response, "object_id") == OBJECT_ID
    assert checked(response, "roles") == ["supervisor"]


def test_changing_a_person_saves_and_audits_what_changed(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person = factory.make_person(roles=(Role.PRACTITIONER,), email="old@example.test")
    form = valid_person(given_name=person.given_name, family_name=person.family_name,
                        email="new@example.test", job_title=person.job_title,
                        roles=["supervisor"], fte="1", object_id=OBJECT_ID)
    shown = admin.follow(admin.post(f"/people/{person.id}/edit", form))
    assert flash(shown) == f"{person.name}'s details have been updated"
    db.refresh(person)
    assert (person.email, person.oidc_oid) == ("new@example.test", OBJECT_ID)
    assert service.roles_of(db, person.id or 0) == [Role.SUPERVISOR]
    [event] = audit(db, "person.updated")
    detail = json.loads(event.detail)
    assert detail["changed"] == ["email", "object_id"]
    assert (detail["roles_added"], detail["roles_removed"]) == (["supervisor"], ["practitioner"])


def test_saving_without_changes_writes_no_audit_event(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person = factory.make_person(roles=(Role.PRACTITIONER,), fte=1.0)
    form = valid_person(given_name=person.given_name, family_name=person.family_name,
                        email=person.email, job_title=person.job_title, fte="1")
    shown = admin.follow(admin.post(f"/people/{person.id}/edit", form))
    assert flash(shown) == "Nothing was changed"
    assert audit(db, "person.updated") == []


def test_changing_someone_to_another_persons_email_is_refused(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    factory.make_person(email="other@example.test")
    person = factory.make_person(email="mine@example.test")
    response = admin.post(f"/people/{person.id}/edit", valid_person(email="other@example.test"))
    assert response.status_code == 422
    assert field_error(response, "email") == "Someone else already has this email address"
    db.refresh(person)
    assert person.email == "mine@example.test"


def test_an_administrator_cannot_remove_their_own_administrator_role(
    admin: SignedIn, db: Session
) -> None:
    me = admin.person
    form = valid_person(given_name=me.given_name, family_name=me.family_name, email=me.email,
                        roles=["practitioner"])
    response = admin.post(f"/people/{me.id}/edit", form)
    assert response.status_code == 422
    assert field_error(response, "roles") == "You cannot remove your own Administrator role"
    held = db.exec(select(RoleAssignment.role).where(RoleAssignment.person_id == me.id)).all()
    assert list(held) == [Role.ADMINISTRATOR]


def test_relinking_sign_in_to_another_account_ends_the_old_accounts_sessions(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person = factory.make_person(oidc_tid=factory.council.tenant_id,
                                 oidc_oid="11111111-1111-4111-8111-111111111111")
    _, session_row = factory.make_session(person)
    form = valid_person(given_name=person.given_name, family_name=person.family_name,
                        email=person.email, object_id=OBJECT_ID)
    admin.follow(admin.post(f"/people/{person.id}/edit", form))
    db.refresh(session_row)
    assert session_row.revoked_at is not None


def test_saving_a_person_keeps_the_tenant_of_an_unchanged_sign_in_link(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person = factory.make_person(oidc_tid="first-sign-in-tenant", oidc_oid=OBJECT_ID)
    form = valid_person(given_name="Renamed", family_name=person.family_name,
                        email=person.email, object_id=OBJECT_ID)
    admin.follow(admin.post(f"/people/{person.id}/edit", form))
    db.refresh(person)
    assert (person.given_name, person.oidc_tid, person.oidc_oid) == (
        "Renamed", "first-sign-in-tenant", OBJECT_ID)


def test_clearing_the_object_id_unlinks_sign_in(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person = factory.make_person(oidc_tid=factory.council.tenant_id, oidc_oid=OBJECT_ID)
    form = valid_person(given_name=person.given_name, family_name=person.family_name,
                        email=person.email, object_id="")
    shown = admin.follow(admin.post(f"/people/{person.id}/edit", form))
    assert "Not linked" in page(shown).select_one("#sign-in-link").get_text()  # type: ignore[union-attr]
    db.refresh(person)
    assert (person.oidc_tid, person.oidc_oid) == (None, None)


def test_fields_the_form_does_not_have_change_nothing(
    db: Session, factory: Factory, admin: SignedIn
) -> None:
    """Mass assignment (ASVS 15.3.3): each form reads its own fields by name and nothing
    else, so a field added to the post is ignored, whatever it is called."""
    elsewhere = factory.make_council()
    someone = factory.make_person(given_name="Sol", family_name="Someone")
    form = valid_person(
        council_id=str(elsewhere.id), id=str(someone.id), oidc_tid="another-tenant",
        active="false", roles=["practitioner"], role="administrator",
        is_admin="true",
    )
    admin.follow(admin.post("/people/new", form))
    person = db.exec(select(Person).where(Person.family_name == "Brennan")).one()
    assert person.id != someone.id and person.council_id == factory.council.id
    assert person.active is True and (person.oidc_tid, person.oidc_oid) == (None, None)
    assert service.roles_of(db, person.id or 0) == [Role.PRACTITIONER]
    db.refresh(someone)  # the person whose id was posted is as they were
    assert (someone.name, someone.council_id, someone.active) == (
        "Sol Someone", factory.council.id, True)


def test_a_save_from_a_page_opened_before_another_save_does_not_undo_it(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    """Two tabs or two administrators: the older page's save used to put the job title back.
    Now it is refused, keeping what was typed; saving again is a choice, and goes through."""
    person = factory.make_person(roles=(Role.PRACTITIONER,), job_title="Social Worker")
    first = value_of(admin.get(f"/people/{person.id}/edit"), "seen")
    second = value_of(admin.get(f"/people/{person.id}/edit"), "seen")
    same = {"given_name": person.given_name, "family_name": person.family_name,
            "email": person.email, "roles": ["practitioner"]}  # fmt: skip
    edit = f"/people/{person.id}/edit"
    saved = admin.post(edit, valid_person(**same, job_title="Senior Practitioner", seen=first))
    assert saved.status_code == 303

    older = valid_person(**same, job_title="Social Worker", fte="0.6", seen=second)
    stale = admin.post(edit, older)

    assert stale.status_code == 409
    db.refresh(person)
    assert (person.job_title, person.fte) == ("Senior Practitioner", 0.8)
    assert error_summary(stale) == [
        f"Someone changed {person.name}'s details after you opened this page. Your changes "
        "are not saved yet: check what is saved now, then save again to replace it with yours"
    ]
    assert value_of(stale, "fte") == "0.6"
    [refusal] = audit(db, "person.save_refused")
    assert (refusal.result, refusal.record_id) == ("refused", str(person.id))
    saved_now = {
        row.dt.get_text(strip=True): row.dd.get_text(strip=True)
        for row in page(stale).select("#changed .govuk-summary-list__row")
    }
    assert saved_now == {"Job title": "Senior Practitioner", "Full-time equivalent (FTE)": "0.8"}
    again = admin.post(edit, valid_person(**same, fte="0.6", seen=value_of(stale, "seen")))
    assert again.status_code == 303
    db.refresh(person)
    assert person.fte == 0.6


def test_a_save_from_an_older_page_that_would_change_nothing_goes_through(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    """An older page that says what is saved now changes nothing by saving, so it is not
    refused (as with teams and the supervision forms): there is nothing to choose between."""
    person = factory.make_person(roles=(Role.PRACTITIONER,), job_title="Social Worker")
    first = value_of(admin.get(f"/people/{person.id}/edit"), "seen")
    second = value_of(admin.get(f"/people/{person.id}/edit"), "seen")
    same = {"given_name": person.given_name, "family_name": person.family_name,
            "email": person.email, "roles": ["practitioner"]}  # fmt: skip
    edit = f"/people/{person.id}/edit"
    saved = admin.post(edit, valid_person(**same, job_title="Senior Practitioner", seen=first))
    assert saved.status_code == 303

    crossed = admin.post(edit, valid_person(**same, job_title="Senior Practitioner", seen=second))

    assert crossed.status_code == 303
    assert audit(db, "person.save_refused") == []
    db.refresh(person)
    assert person.job_title == "Senior Practitioner"
