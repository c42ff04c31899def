"""Form input for recording supervision: raw fields in, typed values or field errors out.

Pure: no database and no web framework. Errors map a field's id to a plain message, in the
order the fields appear on the page. The session form is parsed leniently, answer by
answer, so that a draft keeps every answer: those that pass are stored, those that do not
are kept exactly as typed. Whether a record is complete is checked when it is recorded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from learning.core.clock import format_date
from learning.org.forms import date_of
from learning.supervision.frameworks import reflective_models, stage_keys, stage_label
from learning.supervision.terms import (
    ActionStatus,
    RaterRole,
    SessionStatus,
    SessionType,
    SupervisionFunction,
)

Errors = dict[str, str]
Raw = str | list[str]

MAX_TEXT = 20_000
MAX_REASON = 500
DURATION_MIN, DURATION_MAX = 1, 480
SCALE_MIN, SCALE_MAX = 0, 10
#: Dates a session may be planned for: none before this, nor more than a year ahead.
EARLIEST_DATE = date(2000, 1, 1)
AHEAD_DAYS = 366
#: An action falls due no more than this long after its session's planned date.
ACTION_DUE_WITHIN_DAYS = 731

OUTCOME_LABELS = {
    SessionStatus.HELD: "Held",
    SessionStatus.CANCELLED: "Cancelled",
    SessionStatus.RESCHEDULED: "Rescheduled",
}
TYPE_LABELS = {
    SessionType.ONE_TO_ONE: "One-to-one",
    SessionType.CASE: "Case supervision",
    SessionType.PERSONAL_REFLECTIVE: "Personal and reflective",
    SessionType.GROUP: "Group",
    SessionType.AD_HOC: "Ad hoc consultation",
}
FUNCTION_LABELS = {
    SupervisionFunction.MANAGEMENT: "Management: competent, accountable practice",
    SupervisionFunction.DEVELOPMENT: "Development: learning and growth",
    SupervisionFunction.SUPPORT: "Support: wellbeing and the emotional impact of the work",
    SupervisionFunction.MEDIATION: "Mediation: engaging with the organisation",
}
RATER_LABELS = {
    RaterRole.PRACTITIONER: "Practitioner",
    RaterRole.SUPERVISOR: "Supervisor",
    RaterRole.PARENT: "Parent or carer",
    RaterRole.CHILD: "Child or young person",
    RaterRole.NETWORK: "Family network",
}
STATUS_LABELS = {
    SessionStatus.DRAFT: "Draft",
    SessionStatus.PLANNED: "Planned",
    **OUTCOME_LABELS,
}
ACTION_STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
}


class Fields:
    """What was submitted: every input's name with its values (tests may pass a dict)."""

    def __init__(self, data: Mapping[str, Raw]) -> None:
        self._data = {
            name: [value] if isinstance(value, str) else list(value)
            for name, value in data.items()
        }

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def one(self, name: str) -> str:
        values = self._data.get(name) or [""]
        return values[0].strip()

    def many(self, name: str) -> list[str]:
        return [value.strip() for value in self._data.get(name, []) if value.strip()]

    def names(self) -> list[str]:
        return list(self._data)

    def raw(self, name: str, many: bool = False) -> Raw:
        """As typed: the text of a single input, the chosen values of a multiple one."""
        return self.many(name) if many else (self._data.get(name) or [""])[0]


#: A field holds words a person wrote (not a choice, a date or a number) when its value has
#: a letter and a space: what is worth keeping when a form cannot be saved.
_WORDS = re.compile(r"[^\W\d_].*\s|\s.*[^\W\d_]")


def typed_words(fields: Fields) -> dict[str, str]:
    """The fields of ``fields`` holding words a person wrote, by name, as typed."""
    written = {name: fields.raw(name) for name in fields.names()}
    return {name: value for name, value in written.items()
            if isinstance(value, str) and _WORDS.search(value.strip())}


def field_label(name: str) -> str:
    """A readable name for a form field: "support_needs" is "Support needs"."""
    words = re.sub(r"[_-]+", " ", name).strip()
    return words[:1].upper() + words[1:]


def in_order(errors: Errors, order: Iterable[str]) -> Errors:
    """Errors in the order their fields appear on the page (others after)."""
    position = {name: i for i, name in enumerate(order)}
    return dict(sorted(errors.items(), key=lambda item: position.get(item[0], len(position))))


# Single answers -----------------------------------------------------------------------


def date_inputs(name: str) -> tuple[str, str, str]:
    return (f"{name}-day", f"{name}-month", f"{name}-year")


def date_values(value: date | None, name: str) -> dict[str, str]:
    """A date split into the three boxes of a GOV.UK date input."""
    if value is None:
        return dict.fromkeys(date_inputs(name), "")
    return dict(zip(date_inputs(name), (str(value.day), str(value.month), str(value.year)),
                    strict=True))


def parse_date(fields: Fields, name: str, label: str, *, required: bool) -> tuple[
    date | None, str | None
]:
    day, month, year = (fields.one(part) for part in date_inputs(name))
    return date_of(day, month, year, label, required=required)


def parse_whole(raw: str, low: int, high: int, message: str) -> tuple[int | None, str | None]:
    """A whole number from ``low`` to ``high``; blank is None (the caller decides)."""
    if not raw:
        return None, None
    if not re.fullmatch(r"-?[0-9]{1,6}", raw) or not low <= int(raw) <= high:
        return None, message
    return int(raw), None


def _text(name: str, what: str, limit: int = MAX_TEXT) -> Callable[[Fields], tuple[Any, Any]]:
    def parse(fields: Fields) -> tuple[str | None, str | None]:
        value = fields.one(name)
        if len(value) > limit:
            return None, f"{what} must be {limit:,} characters or fewer"
        return value, None

    return parse


def _choice(name: str, options: Iterable[str], message: str) -> Callable[[Fields], Any]:
    allowed = frozenset(options)

    def parse(fields: Fields) -> tuple[str | None, str | None]:
        value = fields.one(name)
        if value and value not in allowed:
            return None, message
        return value or None, None

    return parse


def _choices(name: str, options: Iterable[str], message: str) -> Callable[[Fields], Any]:
    allowed = list(options)

    def parse(fields: Fields) -> tuple[list[str] | None, str | None]:
        chosen = fields.many(name)
        if any(value not in allowed for value in chosen):
            return None, message
        return [value for value in allowed if value in chosen], None

    return parse


def _ids(name: str, message: str) -> Callable[[Fields], Any]:
    def parse(fields: Fields) -> tuple[list[int] | None, str | None]:
        chosen = fields.many(name)
        if any(not (value.isascii() and value.isdigit()) or len(value) > 9 for value in chosen):
            return None, message
        return sorted({int(value) for value in chosen}), None

    return parse


# The session form, answer by answer -------------------------------------------------------


@dataclass(frozen=True)
class SessionField:
    name: str  # what the answer sets, and the id its error links to
    inputs: tuple[str, ...]  # the names of the form's inputs for it
    parse: Callable[[Fields], tuple[Any, str | None]]
    many: bool = False


def _session_fields() -> tuple[SessionField, ...]:
    def dated(name: str, label: str, required: bool) -> SessionField:
        return SessionField(name, date_inputs(name),
                            lambda f: parse_date(f, name, label, required=required))

    def duration(fields: Fields) -> tuple[int | None, str | None]:
        return parse_whole(fields.one("duration_minutes"), DURATION_MIN, DURATION_MAX,
                           f"Duration must be a whole number of minutes from {DURATION_MIN} "
                           f"to {DURATION_MAX}, like 90")

    def wellbeing(fields: Fields) -> tuple[int | None, str | None]:
        return parse_whole(fields.one("wellbeing"), SCALE_MIN, SCALE_MAX,
                           "Wellbeing must be a number from 0 to 10")

    def single(name: str, parse: Callable[[Fields], Any]) -> SessionField:
        return SessionField(name, (name,), parse)

    def multiple(name: str, parse: Callable[[Fields], Any]) -> SessionField:
        return SessionField(name, (name,), parse, many=True)

    stages = tuple(
        single(f"reflection-{key}", _text(f"reflection-{key}", stage_label(key)))
        for key in stage_keys()
    )
    return (
        dated("planned_for", "Planned date", required=True),
        single("outcome", _choice("outcome", OUTCOME_LABELS, "Select what happened")),
        single("status_reason", _text("status_reason", "The reason", MAX_REASON)),
        dated("held_on", "Date held", required=False),
        single("duration_minutes", duration),
        single("session_type", _choice("session_type", TYPE_LABELS, "Select the type")),
        multiple("attendees", _ids("attendees", "Select attendees from the list")),
        multiple("functions", _choices("functions", FUNCTION_LABELS,
                                       "Select functions from the list")),
        single("reflective_model", _choice(
            "reflective_model", [m.key for m in reflective_models()], "Select a model")),
        *stages,
        single("wellbeing", wellbeing),
        single("support_needs", _text("support_needs", "Support needs")),
        single("learning_and_cpd", _text("learning_and_cpd", "Learning and CPD")),
        single("career_goals", _text("career_goals", "Career goals")),
    )


SESSION_FIELDS = _session_fields()
SESSION_ORDER = tuple(f.name for f in SESSION_FIELDS)


@dataclass
class SessionAnswers:
    """The answers sent: those that passed (typed) and those that did not (as typed)."""

    values: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Raw] = field(default_factory=dict)
    errors: Errors = field(default_factory=dict)
    inputs_sent: set[str] = field(default_factory=set)

    def fail(self, spec: SessionField, fields: Fields, message: str) -> None:
        self.values.pop(spec.name, None)
        self.errors[spec.name] = message
        for name in spec.inputs:
            self.raw[name] = fields.raw(name, spec.many)


def parse_session(fields: Fields) -> SessionAnswers:
    """Each answer sent, on its own: a draft may be incomplete, but each answer it stores
    is valid. Answers not sent are left alone (a radio button never chosen sends none)."""
    answers = SessionAnswers()
    for spec in SESSION_FIELDS:
        if not any(name in fields for name in spec.inputs):
            continue
        answers.inputs_sent.update(spec.inputs)
        value, problem = spec.parse(fields)
        if problem:
            answers.fail(spec, fields, problem)
        else:
            answers.values[spec.name] = value
    return answers


def session_values(fields: Fields) -> dict[str, Raw]:
    """The session form's answers as sent, to show again as typed (those not sent left out)."""
    return {name: fields.raw(name, spec.many)
            for spec in SESSION_FIELDS for name in spec.inputs if name in fields}


def spec_named(name: str) -> SessionField:
    return next(spec for spec in SESSION_FIELDS if spec.name == name)


@dataclass(frozen=True)
class SessionState:
    """What the record would say if recorded now."""

    planned_for: date | None
    outcome: str | None
    status_reason: str
    held_on: date | None
    duration_minutes: int | None
    session_type: SessionType
    attendees: int
    functions: tuple[str, ...]


def completeness_errors(state: SessionState, today: date) -> Errors:
    """What a record needs before it is recorded; format errors are found earlier."""
    errors: Errors = {}
    if state.planned_for is not None and not (
        EARLIEST_DATE <= state.planned_for <= today + timedelta(days=AHEAD_DAYS)
    ):
        errors["planned_for"] = (f"Planned date must be between {format_date(EARLIEST_DATE)} "
                                 "and a year from today")
    if state.outcome is None:
        errors["outcome"] = "Select whether the session was held, cancelled or rescheduled"
    elif state.outcome != SessionStatus.HELD:
        if not state.status_reason:
            errors["status_reason"] = f"Enter why the session was {state.outcome}"
        return errors
    if state.held_on is None:
        errors["held_on"] = "Enter the date the session was held"
    elif state.held_on > today:
        errors["held_on"] = "Date held must be today or in the past"
    elif state.planned_for and state.held_on < state.planned_for - timedelta(days=365):
        earliest = format_date(state.planned_for - timedelta(days=365))
        errors["held_on"] = f"Date held must be no more than a year before the planned " \
            f"date: {earliest} or later"
    if state.duration_minutes is None:
        errors["duration_minutes"] = "Enter how long the session lasted, in minutes"
    if state.session_type == SessionType.GROUP and not state.attendees:
        errors["attendees"] = "Select who attended the group session"
    if not state.functions:
        errors["functions"] = "Select the functions of supervision the session covered"
    return errors


# Sign-off, sharing and amendment -------------------------------------------------------

SIGN_OFF_ORDER = ("agreed", "comment", "sharing")


@dataclass(frozen=True)
class Sharing:
    personal: bool
    case_learning: bool


@dataclass(frozen=True)
class SignOffInput:
    agreed: bool
    comment: str
    sharing: Sharing
    #: The fingerprint of the record the form showed (``records.fingerprint``).
    seen: str = ""


def parse_sharing(fields: Fields) -> Sharing:
    chosen = fields.many("sharing")
    return Sharing(personal="personal" in chosen, case_learning="case_learning" in chosen)


def sign_off_values(fields: Fields) -> dict[str, Raw]:
    return {"agreed": fields.one("agreed"), "comment": fields.raw("comment"),
            "sharing": fields.many("sharing")}


def parse_sign_off(fields: Fields) -> tuple[SignOffInput | None, Errors]:
    errors: Errors = {}
    agreed = fields.one("agreed")
    if agreed not in ("yes", "no"):
        errors["agreed"] = "Select whether you agree this is an accurate record"
    comment = fields.one("comment")
    if len(comment) > MAX_TEXT:
        errors["comment"] = f"Your comment must be {MAX_TEXT:,} characters or fewer"
    elif agreed == "no" and not comment:
        errors["comment"] = "Enter what you do not agree with"
    if errors:
        return None, in_order(errors, SIGN_OFF_ORDER)
    return SignOffInput(agreed == "yes", comment, parse_sharing(fields),
                        fields.one("seen")), errors


#: Said beside the choice when the record changed after the supervisee read it.
RECORD_CHANGED = ("The record changed after you opened it. Read it again below, then choose "
                  "whether you agree it is an accurate record")


def parse_amendment(fields: Fields) -> tuple[str | None, Errors]:
    reason = fields.one("reason")
    if not reason:
        return None, {"reason": "Enter why the record needs amending"}
    if len(reason) > MAX_REASON:
        return None, {"reason": f"The reason must be {MAX_REASON} characters or fewer"}
    return reason, {}


def parse_cancellation(fields: Fields) -> tuple[str | None, Errors]:
    """Why an amendment is cancelled (kept in the audit trail)."""
    reason = fields.one("reason")
    if not reason:
        return None, {"reason": "Enter why the amendment is being cancelled"}
    if len(reason) > MAX_REASON:
        return None, {"reason": f"The reason must be {MAX_REASON} characters or fewer"}
    return reason, {}
