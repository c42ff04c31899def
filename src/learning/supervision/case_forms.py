"""Form input for case discussions and actions: raw fields in, typed values or errors out.

Pure: no database and no web framework. Rules that need the database (an owner in the
council, a due date after the session's date) are checked by the service.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from learning.supervision.forms import (
    MAX_TEXT,
    RATER_LABELS,
    SCALE_MAX,
    SCALE_MIN,
    Errors,
    Fields,
    Raw,
    date_inputs,
    in_order,
    parse_date,
    parse_whole,
)
from learning.supervision.frameworks import CASE_FIELDS
from learning.supervision.terms import ActionStatus, RaterRole

MAX_DESCRIPTION = 1000
#: The case system's identifier: letters, digits and single dashes, with at least one digit
#: (so that a child's name cannot pass as a reference), 3 to 40 characters.
CASE_REFERENCE = re.compile(r"^(?=.*[0-9])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")


# Case discussions -------------------------------------------------------------------------

CASE_TEXT_FIELDS = (*CASE_FIELDS, "child_voice", "decision", "rationale", "learning_point")
RATING_FIELDS = {f"rating-{rater.value}": rater for rater in RaterRole}
CASE_ORDER = ("case_reference", *CASE_TEXT_FIELDS, *RATING_FIELDS)


@dataclass(frozen=True)
class CaseInput:
    case_reference: str
    texts: dict[str, str]
    ratings: dict[RaterRole, int]


def case_values(fields: Fields) -> dict[str, Raw]:
    return {name: fields.raw(name) for name in CASE_ORDER}


#: What the case form calls its questions that are the same in every framework.
CASE_QUESTIONS = {
    "child_voice": "What the child has told us",
    "decision": "The decision",
    "rationale": "The rationale",
    "learning_point": "The learning point",
}


def parse_case(
    fields: Fields, labels: Mapping[str, str] | None = None
) -> tuple[CaseInput | None, Errors]:
    """The case discussion, or its errors. ``labels``: what the session's framework calls
    its analysis questions (``CaseFramework.labels``), so that each error names its question
    in the error summary."""
    errors: Errors = {}
    named = {**(labels or {}), **CASE_QUESTIONS}
    reference = fields.one("case_reference")
    if not reference:
        errors["case_reference"] = "Enter the case reference from the case system"
    elif not 3 <= len(reference) <= 40 or not CASE_REFERENCE.match(reference):
        errors["case_reference"] = (
            "Case reference must be the case system's reference: 3 to 40 letters, numbers "
            "and dashes, with at least one number, like CS-104233"
        )
    texts = {name: fields.one(name) for name in CASE_TEXT_FIELDS}
    for name, value in texts.items():
        if len(value) > MAX_TEXT:
            errors[name] = f"{named.get(name, 'This')} must be {MAX_TEXT:,} characters or fewer"
    if not texts["child_voice"] and "child_voice" not in errors:
        errors["child_voice"] = "Enter what the child has told us, or how they have shown it"
    if texts["decision"] and not texts["rationale"] and "rationale" not in errors:
        errors["rationale"] = "Enter the rationale for the decision"
    ratings: dict[RaterRole, int] = {}
    for name, rater in RATING_FIELDS.items():
        label = RATER_LABELS[rater]
        score, problem = parse_whole(fields.one(name), SCALE_MIN, SCALE_MAX,
                                     f"{label}'s rating must be a number from 0 to 10")
        if problem:
            errors[name] = problem
        elif score is not None:
            ratings[rater] = score
    if errors:
        return None, in_order(errors, CASE_ORDER)
    return CaseInput(reference, texts, ratings), errors


# Actions --------------------------------------------------------------------------------

ACTION_ORDER = ("description", "owner_id", "due_on", "case_discussion_id")


@dataclass(frozen=True)
class ActionInput:
    description: str
    owner_id: int
    due_on: date
    case_discussion_id: int | None


def action_values(fields: Fields) -> dict[str, str]:
    names = ("description", "owner_id", "case_discussion_id", *date_inputs("due_on"))
    return {name: fields.one(name) for name in names}


def parse_action(fields: Fields) -> tuple[ActionInput | None, Errors]:
    errors: Errors = {}
    description = fields.one("description")
    if not description:
        errors["description"] = "Enter what needs to be done"
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = f"The action must be {MAX_DESCRIPTION:,} characters or fewer"
    owner = fields.one("owner_id")
    if not (owner.isascii() and owner.isdigit()) or len(owner) > 9:
        errors["owner_id"] = "Select who owns this action"
    due_on, problem = parse_date(fields, "due_on", "Due date", required=True)
    if problem:
        errors["due_on"] = problem
    case = fields.one("case_discussion_id")
    if case and (not (case.isascii() and case.isdigit()) or len(case) > 9):
        errors["case_discussion_id"] = "Select a case discussion from the list"
    if errors:
        return None, in_order(errors, ACTION_ORDER)
    assert due_on is not None
    return ActionInput(description, int(owner), due_on, int(case) if case else None), errors


def parse_action_status(fields: Fields) -> ActionStatus | None:
    value = fields.one("status")
    return ActionStatus(value) if value in ActionStatus.__members__.values() else None
