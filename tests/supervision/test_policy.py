"""The council's supervision policies as data: shown in plain tables, changed through forms,
each save a new version, and used by agreements and workload reviews."""

from __future__ import annotations

import json

import pytest
from bs4 import Tag
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent
from learning.audit.service import Actor
from learning.core.permissions import Role
from learning.supervision import agreements, policy_store
from learning.supervision.models import SupervisionPolicy
from tests.factories import Factory
from tests.org.conftest import SignedIn
from tests.org.pages import error_summary, field_error, flash, heading, page, table_rows, value_of
from tests.supervision.factories import SupervisionFactory

OVERVIEW, WORKLOAD, FREQUENCY = (
    "/supervision/policy", "/supervision/policy/workload", "/supervision/policy/frequency")


@pytest.fixture
def psw(client: TestClient, factory: Factory) -> SignedIn:
    person = factory.make_person(roles=(Role.PRINCIPAL_SOCIAL_WORKER,), given_name="Tamsin",
                                 family_name="Penrose")
    return SignedIn(client, person, factory.sign_in(client, person))


def form_of(response: Response) -> dict[str, str]:
    """Every field of the page's policy form, as the page shows it."""
    form = page(response).select_one("main form")
    assert isinstance(form, Tag)
    values: dict[str, str] = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = str(field.get("name", ""))
        if not name or name == "csrf_token":
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            values[name] = str(chosen["value"]) if isinstance(chosen, Tag) else ""
        elif field.name == "textarea":
            values[name] = field.get_text()
        else:
            values[name] = str(field.get("value", ""))
    return values


def row_named(values: dict[str, str], label: str) -> int:
    return next(int(k.split("-")[1]) for k, v in values.items()
                if k.endswith("-name") and v == label)


def rows(db: Session, kind: str) -> list[SupervisionPolicy]:
    db.expire_all()
    query = select(SupervisionPolicy).where(SupervisionPolicy.kind == kind).order_by(
        col(SupervisionPolicy.version))
    return list(db.exec(query).all())


# Reading -----------------------------------------------------------------------------------


def test_the_policies_page_shows_the_standard_policies_in_plain_tables(
    psw: SignedIn, db: Session
) -> None:
    response = psw.get(OVERVIEW)
    assert response.status_code == 200
    assert heading(response) == "Supervision policies"
    assert ["Child protection", "8"] in table_rows(response, "#workload-categories")
    assert ["Court or pre-proceedings (PLO)", "10"] in table_rows(response, "#workload-categories")
    schedules = table_rows(response, "#frequency-schedules")
    assert schedules[0] == ["Everyone else", "Monthly"]
    assert ["Newly qualified (ASYE)",
            "Weekly for the first 6 weeks, then fortnightly until week 26, then monthly from "
            "then on"] in schedules
    assert ["Student social worker", "Weekly"] in schedules
    limits = page(response).select_one("#workload-limits").get_text(" ", strip=True)
    assert "From 85% of capacity" in limits and "90% of the usual" in limits
    assert response.text.count("No version has been saved yet") == 2
    assert db.exec(select(SupervisionPolicy)).all() == []


@pytest.mark.parametrize("role", [Role.PRINCIPAL_SOCIAL_WORKER, Role.ADMINISTRATOR])
def test_the_policies_are_in_the_menu_of_those_who_keep_them(
    client: TestClient, factory: Factory, role: Role
) -> None:
    factory.sign_in(client, factory.make_person(roles=(role,)))
    menu = [a.get_text(strip=True) for a in page(client.get("/")).select("#navigation a")]
    assert "Policies" in menu


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.SUPERVISOR, Role.WORKFORCE_LEAD])
def test_other_roles_cannot_see_or_change_the_policies(
    client: TestClient, factory: Factory, role: Role
) -> None:
    factory.sign_in(client, factory.make_person(roles=(role,)))
    menu = [a.get_text(strip=True) for a in page(client.get("/")).select("#navigation a")]
    assert "Policies" not in menu
    for path in (OVERVIEW, WORKLOAD, FREQUENCY):
        assert client.get(path).status_code == 403


# The workload weighting ------------------------------------------------------------------


def test_the_workload_form_starts_from_the_policy_in_force(psw: SignedIn) -> None:
    response = psw.get(WORKLOAD)
    values = form_of(response)
    cp = row_named(values, "Child protection")
    assert values[f"category-{cp}-points"] == "8"
    assert values[f"category-{cp}-key"] == "child_protection"
    assert (values["stable_points"], values["capacity_per_fte"], values["amber_percent"],
            values["red_percent"], values["asye_capacity_percent"]) == ("15", "100", "85",
                                                                        "100", "90")
    assert values["category_rows"] == "10"  # 7 categories and 3 empty rows


def test_saving_the_workload_weighting_makes_a_version_and_shows_it(
    psw: SignedIn, db: Session
) -> None:
    values = form_of(psw.get(WORKLOAD))
    values[f"category-{row_named(values, 'Child protection')}-points"] = "9"
    values |= {"category-8-name": "Private fostering", "category-8-points": "4",
               "amber_percent": "80"}
    shown = psw.follow(psw.post(WORKLOAD, values))
    assert flash(shown) == "Version 1 of the workload weighting policy has been saved"
    assert ["Child protection", "9"] in table_rows(shown, "#workload-categories")
    assert ["Private fostering", "4"] in table_rows(shown, "#workload-categories")
    assert "From 80% of capacity" in page(shown).select_one("#workload-limits").get_text()
    [version] = rows(db, "workload")
    assert (version.version, version.created_by_id) == (1, psw.person.id)
    body = json.loads(version.body)
    assert body["category_points"]["private_fostering"] == 4
    assert body["amber_at"] == 0.8
    assert table_rows(shown, "table[aria-labelledby=workload-history-heading]")[0][0] == (
        "1 (in force)")
    assert "Tamsin Penrose" in table_rows(
        shown, "table[aria-labelledby=workload-history-heading]")[0]
    [event] = db.exec(select(AuditEvent).where(AuditEvent.action == "policy.versioned")).all()
    assert json.loads(event.detail) == {"automatic": False, "kind": "workload", "version": 1}


def test_a_second_change_is_a_second_version_and_the_first_is_kept_as_it_was(
    psw: SignedIn, db: Session
) -> None:
    values = form_of(psw.get(WORKLOAD))
    psw.follow(psw.post(WORKLOAD, {**values, "stable_points": "10"}))
    values = form_of(psw.get(WORKLOAD))
    early_help = row_named(values, "Early help")
    values[f"category-{early_help}-name"] = values[f"category-{early_help}-points"] = ""
    psw.follow(psw.post(WORKLOAD, values))
    first, second = rows(db, "workload")
    assert json.loads(first.body)["stable_points"] == 10
    assert "early_help" in json.loads(first.body)["category_points"]
    assert "early_help" not in json.loads(second.body)["category_points"]
    assert second.version == 2


def test_renaming_a_category_keeps_its_key(psw: SignedIn, db: Session) -> None:
    values = form_of(psw.get(WORKLOAD))
    values[f"category-{row_named(values, 'Child in care')}-name"] = "Looked-after child"
    shown = psw.follow(psw.post(WORKLOAD, values))
    assert ["Looked-after child", "6"] in table_rows(shown, "#workload-categories")
    body = json.loads(rows(db, "workload")[0].body)
    assert body["category_labels"]["child_in_care"] == "Looked-after child"


def test_saving_the_same_weighting_makes_no_version(psw: SignedIn, db: Session) -> None:
    shown = psw.follow(psw.post(WORKLOAD, form_of(psw.get(WORKLOAD))))
    assert flash(shown) == "Nothing was changed"
    assert rows(db, "workload") == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"category-0-points": "-1"}, "category-0-points",
         "Points for Child in need must be a number from 0 to 100"),
        ({"category-0-points": "lots"}, "category-0-points",
         "Points for Child in need must be a number from 0 to 100"),
        ({"category-8-name": "Private fostering"}, "category-8-points",
         "Points for Private fostering must be a number from 0 to 100"),
        ({"category-8-points": "4"}, "category-8-name", "Enter the category's name"),
        ({"category-8-name": "Child in need", "category-8-points": "4"}, "category-8-name",
         "There is already a category called Child in need"),
        ({"amber_percent": "100"}, "red_percent", "Red must be a higher percentage than amber"),
        ({"capacity_per_fte": "0"}, "capacity_per_fte",
         "Capacity must be a number from 1 to 1000, like 100"),
        ({"asye_capacity_percent": "150"}, "asye_capacity_percent",
         "ASYE capacity must be a percentage from 1 to 100, like 90"),
        ({"stable_points": ""}, "stable_points",
         "Stable points must be a number from 0 to 100, like 15"),
    ],
)
def test_bad_weighting_is_shown_next_to_the_field_and_no_version_is_saved(
    psw: SignedIn, db: Session, changes: dict[str, str], field: str, message: str
) -> None:
    values = form_of(psw.get(WORKLOAD))
    response = psw.post(WORKLOAD, {**values, **changes})
    assert response.status_code == 422
    assert error_summary(response) == [message]
    assert field_error(response, field) == message
    for name, typed in changes.items():
        assert value_of(response, name) == typed
    assert rows(db, "workload") == []


def test_a_weighting_with_no_categories_is_refused(psw: SignedIn, db: Session) -> None:
    values = {k: ("" if k.startswith("category-") else v)
              for k, v in form_of(psw.get(WORKLOAD)).items()}
    response = psw.post(WORKLOAD, values)
    assert error_summary(response) == ["Add at least one case category"]
    assert rows(db, "workload") == []


def test_a_new_category_is_asked_for_in_the_next_workload_review(
    psw: SignedIn, client: TestClient, factory: Factory
) -> None:
    values = form_of(psw.get(WORKLOAD))
    psw.post(WORKLOAD, {**values, "category-7-name": "Private fostering",
                        "category-7-points": "4"})
    sf = SupervisionFactory(factory)
    supervisor, person = sf.make_pair()
    session = sf.make_session(supervisor, person)
    factory.sign_in(client, supervisor)
    response = client.get(f"/supervision/sessions/{session.id}/workload")
    assert page(response).find("label", attrs={"for": "cases-private_fostering"}) is not None


# How often -------------------------------------------------------------------------------


def test_the_frequency_form_lists_each_step_of_each_schedule(psw: SignedIn) -> None:
    values = form_of(psw.get(FREQUENCY))
    steps = [(values[f"step-{i}-stage"], values[f"step-{i}-days"], values[f"step-{i}-until"])
             for i in range(int(values["step_rows"]))]
    assert steps == [("", "31", ""), ("student", "7", ""), ("asye", "7", "6"),
                     ("asye", "14", "26"), ("asye", "31", ""),
                     ("", "", ""), ("", "", ""), ("", "", "")]


def test_saving_a_frequency_change_makes_a_version_that_agreements_follow(
    psw: SignedIn, client: TestClient, factory: Factory, db: Session
) -> None:
    values = form_of(psw.get(FREQUENCY))
    values |= {"step-2-until": "8",  # ASYE weekly for 8 weeks
               "step-5-stage": "social_worker", "step-5-days": "14"}
    shown = psw.follow(psw.post(FREQUENCY, values))
    assert flash(shown) == "Version 1 of the supervision frequency policy has been saved"
    schedules = table_rows(shown, "#frequency-schedules")
    assert ["Social worker", "Fortnightly"] in schedules
    assert ["Newly qualified (ASYE)", "Weekly for the first 8 weeks, then fortnightly until "
            "week 26, then monthly from then on"] in schedules
    [version] = rows(db, "frequency")
    assert version.created_by_id == psw.person.id

    sf = SupervisionFactory(factory)
    _, supervisee = sf.make_pair()
    schedule = agreements.schedule_for(db, supervisee)
    assert schedule.policy.interval_on("social_worker", schedule.started, schedule.started) == 14


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"step-0-days": "0"}, "step-0-days",
         "Days between sessions must be a whole number from 1 to 92"),
        ({"step-0-days": "monthly"}, "step-0-days",
         "Days between sessions must be a whole number from 1 to 92"),
        ({"step-2-until": "six"}, "step-2-until",
         "Until week must be a whole number from 1 to 520, or blank for 'from then on'"),
        ({"step-4-until": "52"}, "step-4-until",
         "The last step for Newly qualified (ASYE) must go on with no end: leave until week "
         "blank"),
        ({"step-2-until": ""}, "step-2-until",
         "Only the last step for Newly qualified (ASYE) can go on with no end: enter the week "
         "it ends"),
        ({"step-3-until": "4"}, "step-3-until",
         "Each step for Newly qualified (ASYE) must end later than the one before it"),
        ({"step-5-stage": "wizard", "step-5-days": "7"}, "step-5-stage",
         "Choose a career stage from the list"),
        ({"step-0-days": ""}, "step-0-days", "Add how often everyone else is supervised"),
    ],
)
def test_a_bad_schedule_is_shown_next_to_the_step_and_no_version_is_saved(
    psw: SignedIn, db: Session, changes: dict[str, str], field: str, message: str
) -> None:
    values = form_of(psw.get(FREQUENCY))
    response = psw.post(FREQUENCY, {**values, **changes})
    assert response.status_code == 422
    assert error_summary(response) == [message]
    assert field_error(response, field) == message
    assert rows(db, "frequency") == []


def test_saving_the_same_schedule_makes_no_version(psw: SignedIn, db: Session) -> None:
    shown = psw.follow(psw.post(FREQUENCY, form_of(psw.get(FREQUENCY))))
    assert flash(shown) == "Nothing was changed"
    assert rows(db, "frequency") == []


# Storage -----------------------------------------------------------------------------------


def test_each_council_has_its_own_policy_versions(factory: Factory, db: Session) -> None:
    ours, theirs = factory.council, factory.make_council()
    actor = Actor(None, "test", ours.id)
    first = policy_store.ensure_workload_row(db, actor, ours.id)
    assert policy_store.ensure_workload_row(db, actor, ours.id).row == first.row
    assert policy_store.current_workload(db, theirs.id).row is None
    assert policy_store.history(db, theirs.id, "workload") == []
    assert [v.saved_by for v in policy_store.history(db, ours.id, "workload")] == [
        "Set up automatically"]


def test_a_category_key_is_made_from_its_name() -> None:
    assert policy_store.category_key("Court / PLO") == "court_plo"
    assert policy_store.category_key("  Disabled children (CWD) ") == "disabled_children_cwd"
