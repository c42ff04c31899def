"""The forms of a safeguarding alert (pure): its outcome (what was done, and a note saying
why), and reopening it (a reason: the outcome was wrong).

Errors are per field, in plain words; the values come back exactly as typed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from learning.feedback.alerts import NOTE_LIMIT
from learning.feedback.terms import AlertOutcome

FIELDS = ("outcome", "note")
REOPEN_FIELDS = ("reason",)
ALL_FIELDS = FIELDS + REOPEN_FIELDS
OUTCOME_CHOICES = [(o.value, o.label) for o in AlertOutcome]


@dataclass(frozen=True)
class OutcomeInput:
    outcome: AlertOutcome
    note: str


def values_of(form: Mapping[str, object]) -> dict[str, str]:
    return {name: str(form.get(name) or "") for name in FIELDS}


def parse_outcome(form: Mapping[str, object]) -> tuple[OutcomeInput | None, dict[str, str]]:
    values = values_of(form)
    errors: dict[str, str] = {}
    outcome = next((o for o in AlertOutcome if o.value == values["outcome"]), None)
    if outcome is None:
        errors["outcome"] = "Choose what was done"
    note = values["note"].strip()
    if not note:
        errors["note"] = "Say what you did and why, so the next person can follow it"
    elif len(note) > NOTE_LIMIT:
        errors["note"] = f"The note must be {NOTE_LIMIT:,} characters or fewer"
    if errors or outcome is None:
        return None, errors
    return OutcomeInput(outcome, note), {}


def reopen_values_of(form: Mapping[str, object]) -> dict[str, str]:
    return {name: str(form.get(name) or "") for name in REOPEN_FIELDS}


def parse_reopen(form: Mapping[str, object]) -> tuple[str, dict[str, str]]:
    """The reason for reopening, or the error beside its box."""
    reason = reopen_values_of(form)["reason"].strip()
    if not reason:
        return "", {"reason": "Say why you are reopening this alert, so the next person knows"}
    if len(reason) > NOTE_LIMIT:
        return "", {"reason": f"The reason must be {NOTE_LIMIT:,} characters or fewer"}
    return reason, {}
