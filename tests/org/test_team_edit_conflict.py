"""Changing a team from an edit page opened before another save: refused, keeping what was
typed and showing what is saved now, instead of silently putting back what that save changed,
as people's details are (tests/org/test_person_forms.py)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.core.permissions import Role
from learning.org.models import ServiceArea, Team, TeamKind
from tests.factories import Factory
from tests.factories import audit_events as audit
from tests.org.conftest import SignedIn, sign_in_as
from tests.org.pages import error_summary, field_error, flash, heading, page, value_of


@pytest.fixture
def admin(client: TestClient, factory: Factory) -> SignedIn:
    return sign_in_as(client, factory, Role.ADMINISTRATOR)


@pytest.fixture
def area(factory: Factory, db: Session) -> ServiceArea:
    found = ServiceArea(council_id=factory.council.id, name="Permanence")
    db.add(found)
    db.flush()
    return found


def saved_now(response: object) -> dict[str, str]:
    """The "What is saved now" list beside a refused form: label to saved value."""
    return {
        row.dt.get_text(strip=True): row.dd.get_text(strip=True)
        for row in page(response).select("#changed .govuk-summary-list__row")  # type: ignore[arg-type]
    }


def two_pages(admin: SignedIn, team: Team) -> tuple[str, str]:
    """The fingerprints of two edit pages opened one after the other (two tabs)."""
    first = value_of(admin.get(f"/teams/{team.id}/edit"), "seen")
    second = value_of(admin.get(f"/teams/{team.id}/edit"), "seen")
    assert first and first == second
    return first, second


def test_a_save_from_a_page_opened_before_another_save_does_not_undo_it(
    admin: SignedIn, factory: Factory, db: Session, area: ServiceArea
) -> None:
    team = factory.make_team(name="CIN North", kind=TeamKind.CHILD_IN_NEED)
    first, second = two_pages(admin, team)
    edit = f"/teams/{team.id}/edit"
    saved = admin.post(edit, {"name": "CIN North East", "kind": "child_protection",
                              "service_area_id": "", "seen": first})  # fmt: skip
    assert flash(admin.follow(saved)) == "The team CIN North East has been updated"

    stale = admin.post(edit, {"name": "CIN North", "kind": "child_in_need",
                              "service_area_id": str(area.id), "seen": second})  # fmt: skip

    assert stale.status_code == 409
    db.refresh(team)
    assert (team.name, team.kind, team.service_area_id) == (
        "CIN North East", TeamKind.CHILD_PROTECTION, None)
    assert heading(stale) == "Change CIN North East"
    assert error_summary(stale) == [
        "Someone changed the team CIN North East after you opened this page. Your changes are "
        "not saved yet: check what is saved now, then save again to replace it with yours"
    ]
    # What was typed is kept; beside it, in words, what is saved now where that differs.
    assert (value_of(stale, "name"), value_of(stale, "kind")) == ("CIN North", "child_in_need")
    assert value_of(stale, "service_area_id") == str(area.id)
    assert saved_now(stale) == {
        "Team name": "CIN North East",
        "Kind of team": "Child protection",
        "Service area": "No service area",
    }
    [refusal] = audit(db, "team.save_refused")
    assert (refusal.result, refusal.record_type, refusal.record_id) == (
        "refused", "team", str(team.id))
    assert audit(db, "team.updated")[-1].id < refusal.id  # the first save's, not this one

    # Saving again from the refused page is a choice made having seen both: it goes through.
    again = admin.post(edit, {"name": "CIN North", "kind": "child_in_need",
                              "service_area_id": str(area.id),
                              "seen": value_of(stale, "seen")})  # fmt: skip
    assert flash(admin.follow(again)) == "The team CIN North has been updated"
    db.refresh(team)
    assert (team.name, team.kind, team.service_area_id) == (
        "CIN North", TeamKind.CHILD_IN_NEED, area.id)
    assert len(audit(db, "team.save_refused")) == 1


def test_only_the_fields_that_differ_are_listed_as_saved_now(
    admin: SignedIn, factory: Factory, db: Session, area: ServiceArea
) -> None:
    team = factory.make_team(name="Adoption", kind=TeamKind.ADOPTION)
    first, second = two_pages(admin, team)
    edit = f"/teams/{team.id}/edit"
    admin.post(edit, {"name": "Adoption", "kind": "adoption",
                      "service_area_id": str(area.id), "seen": first})  # fmt: skip

    stale = admin.post(edit, {"name": "Adoption and Permanence", "kind": "adoption",
                              "service_area_id": str(area.id), "seen": second})  # fmt: skip

    assert stale.status_code == 409
    assert saved_now(stale) == {"Team name": "Adoption"}
    db.refresh(team)
    assert team.name == "Adoption"


def test_an_out_of_date_save_that_would_change_nothing_goes_through(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    """The same change made in both tabs: nothing to lose, so nothing to refuse."""
    team = factory.make_team(name="Fostering", kind=TeamKind.OTHER)
    first, second = two_pages(admin, team)
    edit = f"/teams/{team.id}/edit"
    change = {"name": "Fostering", "kind": "fostering", "service_area_id": ""}
    assert flash(admin.follow(admin.post(edit, {**change, "seen": first}))) == (
        "The team Fostering has been updated")

    same = admin.post(edit, {**change, "name": "  Fostering ", "seen": second})

    assert flash(admin.follow(same)) == "Nothing was changed"
    assert audit(db, "team.save_refused") == []
    db.refresh(team)
    assert (team.name, team.kind) == ("Fostering", TeamKind.FOSTERING)


def test_a_page_with_errors_keeps_the_fingerprint_it_was_opened_with(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    """Correcting a mistake on an out-of-date page does not make it up to date."""
    team = factory.make_team(name="Leaving Care", kind=TeamKind.OTHER)
    first, second = two_pages(admin, team)
    edit = f"/teams/{team.id}/edit"
    admin.post(edit, {"name": "Leaving Care", "kind": "care_leavers", "seen": first})

    mistake = admin.post(edit, {"name": "", "kind": "other", "seen": second})
    assert mistake.status_code == 422
    assert field_error(mistake, "name") == "Enter a team name"
    assert value_of(mistake, "seen") == second

    corrected = admin.post(edit, {"name": "Care Leavers", "kind": "other",
                                  "seen": value_of(mistake, "seen")})  # fmt: skip
    assert corrected.status_code == 409
    db.refresh(team)
    assert (team.name, team.kind) == ("Leaving Care", TeamKind.CARE_LEAVERS)


def test_the_fingerprint_is_of_what_the_form_shows(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    """Teams keep no time of their last change: the form carries a fingerprint of its fields,
    which a change elsewhere on the team (not on the form) leaves as it was."""
    team = factory.make_team(name="Duty", kind=TeamKind.OTHER)
    opened = value_of(admin.get(f"/teams/{team.id}/edit"), "seen")
    team.active = False
    db.add(team)
    db.flush()
    assert value_of(admin.get(f"/teams/{team.id}/edit"), "seen") == opened
    team.name = "Duty and Assessment"
    db.add(team)
    db.flush()
    assert value_of(admin.get(f"/teams/{team.id}/edit"), "seen") != opened
