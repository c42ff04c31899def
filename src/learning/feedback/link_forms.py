"""The form for a new feedback link: raw fields in, a typed request or field errors out.

Pure: no database and no web framework. Which teams and workers the person may choose is
the caller's to say (``choices``); errors map a field's id to a plain message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import TypeVar

from learning.core.clock import LONDON
from learning.feedback.terms import FormKind, LinkKind, LinkSubject
from learning.org.forms import Errors, FormLike, date_fields, date_values, parse_date, text

E = TypeVar("E", bound=StrEnum)

FIELDS = (
    "team_id",
    "kind",
    "subject",
    "worker_id",
    "title",
    "form_kind",
    "expires_on",
    "retention_days",
)
MAX_TITLE = 120
LONGEST_EXPIRY = timedelta(days=366)
DEFAULT_RETENTION = 730
RETENTION_CHOICES = (
    (365, "1 year"),
    (730, "2 years"),
    (1095, "3 years"),
    (2190, "6 years"),
)
FORM_LABELS = {
    FormKind.CHILD_UNDER_8: "Child under 8 (pictures and faces)",
    FormKind.CHILD_8_12: "Child aged 8 to 12",
    FormKind.YOUNG_PERSON: "Young person aged 13 and over",
    FormKind.THREE_HOUSES: "Three Houses (worries, good things, dreams)",
    FormKind.PARENT_CARER: "Parent or carer",
    FormKind.FOSTER_CARER: "Foster carer",
    FormKind.PARTNER: "Partner professional",
}


@dataclass(frozen=True)
class Choices:
    """What this person may pick: team ids, and the workers of each team."""

    team_ids: frozenset[int]
    workers: dict[int, int]  # worker id -> their team id


@dataclass(frozen=True)
class LinkRequest:
    team_id: int
    kind: LinkKind
    subject: LinkSubject
    worker_id: int | None
    title: str
    form_kind: FormKind | None
    expires_on: date | None  # the last day the link works
    retention_days: int


def initial_values(team_ids: list[int]) -> dict[str, str]:
    only_team = str(team_ids[0]) if len(team_ids) == 1 else ""
    return {
        "team_id": only_team,
        "kind": "",
        "subject": LinkSubject.TEAM.value,
        "worker_id": "",
        "title": "",
        "form_kind": "",
        **date_fields("expires_on", None),
        "retention_days": str(DEFAULT_RETENTION),
    }


def link_values(form: FormLike) -> dict[str, str]:
    """What was typed, to show again beside the errors."""
    return {
        **{name: text(form, name) for name in FIELDS if name != "expires_on"},
        **date_values(form, "expires_on"),
    }


def parse_link(form: FormLike, choices: Choices, today: date) -> tuple[LinkRequest | None, Errors]:
    errors: Errors = {}
    team_id = _number(text(form, "team_id"))
    if team_id not in choices.team_ids:
        errors["team_id"] = "Select the team the feedback goes to"
    kind = _member(LinkKind, text(form, "kind"))
    if kind is None:
        errors["kind"] = "Select the kind of link"
    subject = _member(LinkSubject, text(form, "subject"))
    if subject is None:
        errors["subject"] = "Select what the feedback is about"
    worker_id = _worker(form, subject, team_id, choices, errors)
    title = " ".join(text(form, "title").split())
    if not title:
        errors["title"] = "Enter what the feedback is for"
    elif len(title) > MAX_TITLE:
        errors["title"] = f"What the feedback is for must be {MAX_TITLE} characters or fewer"
    raw_form = text(form, "form_kind")
    form_kind = _member(FormKind, raw_form) if raw_form in FORM_LABELS else None
    if raw_form and form_kind is None:
        errors["form_kind"] = "Select a form from the list, or let the person choose"
    expires_on = _expiry(form, kind, today, errors)
    retention = _number(text(form, "retention_days"))
    if retention not in dict(RETENTION_CHOICES):
        errors["retention_days"] = "Select how long to keep the feedback"
    if errors:
        return None, errors
    assert team_id is not None and kind is not None and subject is not None
    assert retention is not None
    return LinkRequest(
        team_id, kind, subject, worker_id, title, form_kind, expires_on, retention
    ), {}


def _worker(
    form: FormLike,
    subject: LinkSubject | None,
    team_id: int | None,
    choices: Choices,
    errors: Errors,
) -> int | None:
    if subject is not LinkSubject.WORKER:
        return None
    worker_id = _number(text(form, "worker_id"))
    if worker_id is None or worker_id not in choices.workers:
        errors["worker_id"] = "Select the worker the feedback is about"
        return None
    if team_id is not None and choices.workers[worker_id] != team_id:
        errors["worker_id"] = "Select a worker in the team the feedback goes to"
        return None
    return worker_id


def _expiry(form: FormLike, kind: LinkKind | None, today: date, errors: Errors) -> date | None:
    required = kind is LinkKind.TIMED
    day, problem = parse_date(form, "expires_on", "Last day", required=required)
    if problem:
        errors["expires_on"] = (
            "Enter the last day a time-limited link works"
            if required and not any(date_values(form, "expires_on").values())
            else problem
        )
        return None
    if day is not None and not today <= day <= today + LONGEST_EXPIRY:
        errors["expires_on"] = "The last day must be from today to a year from today"
        return None
    return day


def end_of(day: date) -> datetime:
    """The moment a link whose last day is ``day`` stops working: midnight after it, UK time."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=LONDON).astimezone(UTC)


def _number(raw: str) -> int | None:
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else None


def _member(enum: type[E], raw: str) -> E | None:
    try:
        return enum(raw)
    except ValueError:
        return None
