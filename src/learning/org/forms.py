"""Form input for the organisation pages: raw fields in, typed values or field errors out.

Pure: no database and no web framework. Each ``parse_*`` returns ``(data, errors)`` where
``errors`` maps a field's id to a plain message, in the order the fields appear on the
page; ``data`` is None whenever ``errors`` is not empty. Rules that need the database
(an email already in use, a team of this council) live in the service.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from learning.core.clock import format_date
from learning.core.permissions import Role
from learning.org.models import CareerStage, TeamKind

Errors = dict[str, str]

EMAIL_PATTERN = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\".]+$")
FTE_MIN, FTE_MAX = 0.1, 1.0
MAX_EMAIL, MAX_NAME, MAX_TITLE, MAX_TEAM = 254, 80, 120, 120


class FormLike(Protocol):
    """What a submitted form offers (Starlette's ``FormData`` and its multi-dicts alike)."""

    def get(self, key: str, /) -> object: ...

    def getlist(self, key: Any, /) -> Sequence[object]: ...


def text(form: FormLike, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def texts(form: FormLike, name: str) -> list[str]:
    return [v.strip() for v in form.getlist(name) if isinstance(v, str) and v.strip()]


# Single values, shared with the staff import ------------------------------------------


def clean_email(raw: str) -> str:
    return raw.strip().lower()


def email_problem(email: str, what: str = "an email address") -> str | None:
    if not email:
        return f"Enter {what}"
    if len(email) > MAX_EMAIL or not EMAIL_PATTERN.match(email):
        return "Enter an email address in the correct format, like name@example.org"
    return None


def parse_fte(raw: str) -> tuple[float | None, str | None]:
    """A full-time equivalent from 0.1 to 1 (a blank is the caller's to decide)."""
    message = "FTE must be a number from 0.1 to 1, like 0.6"
    try:
        value = float(raw.strip().rstrip("%")) / (100 if raw.strip().endswith("%") else 1)
    except ValueError:
        return None, message
    if not FTE_MIN <= round(value, 4) <= FTE_MAX:
        return None, message
    return round(value, 4), None


def parse_object_id(raw: str) -> tuple[str | None, str | None]:
    """An Entra object id is a GUID; stored in its lower-case, hyphenated form."""
    value = raw.strip()
    if not value:
        return None, None
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        return None, (
            "Enter the Entra object ID in the format 00000000-0000-0000-0000-000000000000"
        )
    return str(parsed), None


def _key(value: str) -> str:
    return re.sub(r"[\s_-]+", " ", value.strip().casefold())


ROLE_NAMES = {
    **{_key(role.value): role for role in Role},
    **{_key(role.label): role for role in Role},
}
STAGE_NAMES = {
    **{_key(stage.value): stage for stage in CareerStage},
    **{_key(stage.label): stage for stage in CareerStage},
}


def role_named(name: str) -> Role | None:
    """A role from its value or its label, in any case (``team_manager``, ``Team manager``)."""
    return ROLE_NAMES.get(_key(name))


def stage_named(name: str) -> CareerStage | None:
    return STAGE_NAMES.get(_key(name))


def allowed_roles() -> str:
    return ", ".join(role.label for role in Role)


def allowed_stages() -> str:
    return ", ".join(stage.label for stage in CareerStage)


def _required(value: str, field: str, what: str, limit: int, errors: Errors) -> None:
    """``what`` names the thing with its article: 'a first name'."""
    if not value:
        errors[field] = f"Enter {what}"
    elif len(value) > limit:
        label = what.split(" ", 1)[1]
        errors[field] = f"{label[0].upper()}{label[1:]} must be {limit} characters or fewer"


def whole_number(raw: str, digits: int = 9) -> int | None:
    """A non-negative whole number written in ASCII digits (no more than ``digits``)."""
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= digits else None


def _optional_id(raw: str) -> int | None:
    return whole_number(raw)


# People -------------------------------------------------------------------------------

PERSON_FIELDS = (
    "given_name", "family_name", "email", "job_title", "team_id", "career_stage", "fte",
    "roles", "object_id",
)


@dataclass(frozen=True)
class PersonInput:
    given_name: str
    family_name: str
    email: str
    job_title: str
    team_id: int | None
    career_stage: CareerStage
    fte: float
    roles: frozenset[Role]
    object_id: str | None


def person_values(form: FormLike) -> dict[str, object]:
    """Everything typed, to show again beside the errors."""
    values: dict[str, object] = {name: text(form, name) for name in PERSON_FIELDS}
    values["roles"] = texts(form, "roles")
    return values


def parse_person(form: FormLike) -> tuple[PersonInput | None, Errors]:
    errors: Errors = {}
    given, family = text(form, "given_name"), text(form, "family_name")
    _required(given, "given_name", "a first name", MAX_NAME, errors)
    _required(family, "family_name", "a last name", MAX_NAME, errors)
    email = clean_email(text(form, "email"))
    if problem := email_problem(email):
        errors["email"] = problem
    job_title = text(form, "job_title")
    if len(job_title) > MAX_TITLE:
        errors["job_title"] = f"Job title must be {MAX_TITLE} characters or fewer"
    raw_team = text(form, "team_id")
    team_id = _optional_id(raw_team)
    if raw_team and team_id is None:
        errors["team_id"] = "Select a team from the list"
    stage = stage_named(text(form, "career_stage"))
    if stage is None:
        errors["career_stage"] = "Select a career stage"
    fte: float | None = None
    fte_problem: str | None = "Enter the FTE, like 1 for full time or 0.6"
    if raw_fte := text(form, "fte"):
        fte, fte_problem = parse_fte(raw_fte)
    if fte_problem:
        errors["fte"] = fte_problem
    roles = [role_named(r) for r in texts(form, "roles")]
    if None in roles:
        errors["roles"] = "Select roles from the list"
    object_id, oid_problem = parse_object_id(text(form, "object_id"))
    if oid_problem:
        errors["object_id"] = oid_problem
    if errors:
        return None, errors
    assert stage is not None and fte is not None
    return PersonInput(
        given, family, email, job_title, team_id, stage, fte,
        frozenset(r for r in roles if r is not None), object_id,
    ), errors


# Dates (GOV.UK date input: day, month and year boxes) ---------------------------------


def date_values(form: FormLike, name: str) -> dict[str, str]:
    return {f"{name}-{part}": text(form, f"{name}-{part}") for part in ("day", "month", "year")}


def parse_date(form: FormLike, name: str, label: str, *, required: bool) -> tuple[
    date | None, str | None
]:
    parts = date_values(form, name)
    day, month, year = (parts[f"{name}-{p}"] for p in ("day", "month", "year"))
    return date_of(day, month, year, label, required=required)


def date_of(day: str, month: str, year: str, label: str, *, required: bool) -> tuple[
    date | None, str | None
]:
    """A date from its three boxes as typed, or what is wrong, in the GOV.UK pattern's
    words ("Date of birth must include a day and month")."""
    if not (day or month or year):
        return None, (f"Enter the {label.lower()}" if required else None)
    missing = [p for p, v in (("day", day), ("month", month), ("year", year)) if not v]
    if missing:
        return None, f"{label} must include a {' and '.join(missing)}"
    numbers = [whole_number(day, 2), whole_number(month, 2), whole_number(year, 4)]
    if None in numbers or len(year) != 4:
        return None, f"{label} must be a real date, like 27 3 2025"
    try:
        return date(int(year), int(month), int(day)), None
    except ValueError:
        return None, f"{label} must be a real date, like 27 3 2025"


def date_fields(name: str, value: date | None) -> dict[str, str]:
    """A date split into the three boxes, to pre-fill a form."""
    if value is None:
        return {f"{name}-day": "", f"{name}-month": "", f"{name}-year": ""}
    return {f"{name}-day": str(value.day), f"{name}-month": str(value.month),
            f"{name}-year": str(value.year)}


# Supervision --------------------------------------------------------------------------


@dataclass(frozen=True)
class SupervisionInput:
    supervisor_id: int
    starts_on: date
    ends_on: date | None


def supervision_values(form: FormLike) -> dict[str, str]:
    return {
        "supervisor_id": text(form, "supervisor_id"),
        **date_values(form, "starts_on"),
        **date_values(form, "ends_on"),
    }


def parse_supervision(form: FormLike) -> tuple[SupervisionInput | None, Errors]:
    errors: Errors = {}
    supervisor_id = _optional_id(text(form, "supervisor_id"))
    if supervisor_id is None:
        errors["supervisor_id"] = "Select a supervisor"
    starts_on, problem = parse_date(form, "starts_on", "Start date", required=True)
    if problem:
        errors["starts_on"] = problem
    ends_on, problem = parse_date(form, "ends_on", "End date", required=False)
    if problem:
        errors["ends_on"] = problem
    elif starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = "End date must be the same as or after the start date"
    if errors:
        return None, errors
    assert supervisor_id is not None and starts_on is not None
    return SupervisionInput(supervisor_id, starts_on, ends_on), errors


def parse_end(form: FormLike, starts_on: date) -> tuple[date | None, Errors]:
    ends_on, problem = parse_date(form, "ends_on", "End date", required=True)
    if problem:
        return None, {"ends_on": problem}
    assert ends_on is not None
    if ends_on < starts_on:
        return None, {
            "ends_on": f"End date must be the same as or after the start date, "
            f"{format_date(starts_on)}"
        }
    return ends_on, {}


# Teams and service areas --------------------------------------------------------------

TEAM_FIELDS = ("name", "kind", "service_area_id")


@dataclass(frozen=True)
class TeamInput:
    name: str
    kind: TeamKind
    service_area_id: int | None


def team_values(form: FormLike) -> dict[str, str]:
    return {name: text(form, name) for name in TEAM_FIELDS}


def parse_team(form: FormLike) -> tuple[TeamInput | None, Errors]:
    errors: Errors = {}
    name = _spaces(text(form, "name"))
    _required(name, "name", "a team name", MAX_TEAM, errors)
    kind = text(form, "kind")
    if kind not in TeamKind.__members__.values():
        errors["kind"] = "Select the kind of team"
    raw_area = text(form, "service_area_id")
    area_id = _optional_id(raw_area)
    if raw_area and area_id is None:
        errors["service_area_id"] = "Select a service area from the list"
    if errors:
        return None, errors
    return TeamInput(name, TeamKind(kind), area_id), errors


def parse_service_area(form: FormLike) -> tuple[str | None, Errors]:
    errors: Errors = {}
    name = _spaces(text(form, "name"))
    _required(name, "name", "a service area name", MAX_TEAM, errors)
    return (None if errors else name), errors


def _spaces(value: str) -> str:
    return " ".join(value.split())


def in_order(errors: Errors, fields: Iterable[str]) -> Errors:
    """Errors in the order their fields appear on the page (others after)."""
    order = {name: i for i, name in enumerate(fields)}
    return dict(sorted(errors.items(), key=lambda item: order.get(item[0], len(order))))
