"""Form parsing without a server: odd input gets a message, never an exception."""

from __future__ import annotations

from datetime import date

import pytest
from starlette.datastructures import FormData

from learning.core.permissions import Role
from learning.org import forms
from learning.org.models import CareerStage


def form(**fields: str | list[str]) -> FormData:
    items: list[tuple[str, str]] = []
    for name, value in fields.items():
        items += [(name, v) for v in value] if isinstance(value, list) else [(name, value)]
    return FormData(items)


@pytest.mark.parametrize(("raw", "expected"), [
    ("1", 1.0), ("0.6", 0.6), (" .5 ", 0.5), ("60%", 0.6), ("0.1", 0.1),
])
def test_fte_accepts_decimals_and_percentages(raw: str, expected: float) -> None:
    assert forms.parse_fte(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["0.09", "1.1", "", "one", "inf", "nan", "²"])
def test_fte_refuses_anything_outside_a_tenth_to_one(raw: str) -> None:
    value, problem = forms.parse_fte(raw)
    assert value is None and problem == "FTE must be a number from 0.1 to 1, like 0.6"


@pytest.mark.parametrize(("name", "role"), [
    ("team_manager", Role.TEAM_MANAGER), ("Team manager", Role.TEAM_MANAGER),
    ("TEAM-MANAGER", Role.TEAM_MANAGER),
    (" principal social worker ", Role.PRINCIPAL_SOCIAL_WORKER),
    ("Boss", None),
])
def test_roles_are_known_by_value_or_label_in_any_case(name: str, role: Role | None) -> None:
    assert forms.role_named(name) is role


def test_career_stages_are_known_by_value_or_label() -> None:
    assert forms.stage_named("Newly qualified (ASYE)") is CareerStage.ASYE
    assert forms.stage_named("asye") is CareerStage.ASYE
    assert forms.stage_named("wizard") is None


@pytest.mark.parametrize(("parts", "expected"), [
    (("27", "3", "2025"), (date(2025, 3, 27), None)),
    (("", "", ""), (None, "Enter the start date")),
    (("27", "", ""), (None, "Start date must include a month and year")),
    (("31", "2", "2025"), (None, "Start date must be a real date, like 27 3 2025")),
    (("²", "3", "2025"), (None, "Start date must be a real date, like 27 3 2025")),
    (("1", "1", "25"), (None, "Start date must be a real date, like 27 3 2025")),
])
def test_dates_come_from_three_boxes(
    parts: tuple[str, str, str], expected: tuple[date | None, str | None]
) -> None:
    day, month, year = parts
    submitted = form(**{"starts_on-day": day, "starts_on-month": month, "starts_on-year": year})
    assert forms.parse_date(submitted, "starts_on", "Start date", required=True) == expected


def test_a_blank_optional_date_is_no_date_and_no_error() -> None:
    assert forms.parse_date(form(), "ends_on", "End date", required=False) == (None, None)


def test_a_person_form_is_parsed_into_typed_values() -> None:
    data, errors = forms.parse_person(form(
        given_name=" Nia ", family_name="Brennan", email=" NIA@Example.Test ", job_title="SW",
        team_id="4", career_stage="asye", fte="0.5", roles=["practitioner", "supervisor"],
        object_id="3F2B6C1E-8D4A-4E5F-9A7B-1C2D3E4F5A6B",
    ))
    assert errors == {}
    assert data == forms.PersonInput(
        "Nia", "Brennan", "nia@example.test", "SW", 4, CareerStage.ASYE, 0.5,
        frozenset({Role.PRACTITIONER, Role.SUPERVISOR}), "3f2b6c1e-8d4a-4e5f-9a7b-1c2d3e4f5a6b")


def test_names_longer_than_the_record_allows_are_refused() -> None:
    _, errors = forms.parse_person(form(given_name="x" * 81, family_name="y", email="a@b.test",
                                        career_stage="other", fte="1"))
    assert errors == {"given_name": "First name must be 80 characters or fewer"}


@pytest.mark.parametrize("raw", ["", "abc", "-1", "²", "1" * 12])
def test_an_id_that_is_not_a_plain_number_is_no_id(raw: str) -> None:
    assert forms.whole_number(raw) is None
