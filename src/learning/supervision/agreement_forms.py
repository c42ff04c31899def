"""The supervision agreement form: raw fields in, typed terms or field errors out.

Pure: no database and no web framework. Errors map a field's id to a plain message, in the
order the fields appear on the page.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from learning.org.forms import Errors, FormLike, date_fields, date_values, parse_date, text
from learning.supervision.agreements import (
    DEFAULT_CONFIDENTIALITY_TERMS,
    DEFAULT_DURATION_MINUTES,
    DEFAULT_RECORDING_TERMS,
    AgreementInput,
)

FIELDS = ("starts_on", "asye_started_on", "frequency_days_override", "usual_duration_minutes",
          "venue", "confidentiality_terms", "recording_terms")
OVERRIDE_RANGE = (1, 92)
DURATION_RANGE = (15, 240)
MAX_VENUE, MAX_TERMS = 200, 4000
EARLIEST = date(2000, 1, 1)


def whole_number(raw: str, low: int, high: int) -> int | None:
    """``raw`` as a whole number from ``low`` to ``high``, or None."""
    value = raw.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 6:
        return None
    number = int(value)
    return number if low <= number <= high else None


def _date(form: FormLike, name: str, label: str, today: date, *, required: bool,
          errors: Errors) -> date | None:
    value, problem = parse_date(form, name, label, required=required)
    if problem:
        errors[name] = problem
        return None
    if value is not None and not EARLIEST <= value <= today + timedelta(days=366):
        errors[name] = f"{label} must be between 1 January 2000 and a year from today"
        return None
    return value


def parse_agreement(
    form: FormLike, *, asye: bool, today: date
) -> tuple[AgreementInput | None, Errors]:
    errors: Errors = {}
    starts_on = _date(form, "starts_on", "Start date", today, required=True, errors=errors)
    asye_started_on = None
    if asye:
        asye_started_on = _date(form, "asye_started_on", "ASYE start date", today,
                                required=False, errors=errors) or starts_on
    override = None
    if raw := text(form, "frequency_days_override"):
        override = whole_number(raw, *OVERRIDE_RANGE)
        if override is None:
            errors["frequency_days_override"] = (
                "Days between sessions must be a whole number from 1 to 92, or left blank")
    duration = whole_number(text(form, "usual_duration_minutes"), *DURATION_RANGE)
    if duration is None:
        errors["usual_duration_minutes"] = (
            "Usual length must be a whole number of minutes from 15 to 240, like 90")
    venue = text(form, "venue")
    if len(venue) > MAX_VENUE:
        errors["venue"] = f"Where you meet must be {MAX_VENUE} characters or fewer"
    terms = {}
    for name, what in (("confidentiality_terms", "confidentiality terms"),
                       ("recording_terms", "recording terms")):
        terms[name] = text(form, name)
        if not terms[name]:
            errors[name] = f"Enter the {what}"
        elif len(terms[name]) > MAX_TERMS:
            errors[name] = f"The {what} must be {MAX_TERMS} characters or fewer"
    if errors or starts_on is None or duration is None:
        return None, errors
    return AgreementInput(
        starts_on=starts_on,
        asye_started_on=asye_started_on,
        frequency_days_override=override,
        usual_duration_minutes=duration,
        venue=venue,
        **terms,
    ), {}


def agreement_values(form: FormLike) -> dict[str, Any]:
    """What was typed, to show again."""
    return {
        **date_values(form, "starts_on"),
        **date_values(form, "asye_started_on"),
        **{name: text(form, name) for name in FIELDS[2:]},
    }


def values_of(data: AgreementInput | None, today: date) -> dict[str, Any]:
    """The form's starting values: the agreement in force, or sensible defaults."""
    if data is None:
        return {
            **date_fields("starts_on", today),
            **date_fields("asye_started_on", None),
            "frequency_days_override": "",
            "usual_duration_minutes": str(DEFAULT_DURATION_MINUTES),
            "venue": "",
            "confidentiality_terms": DEFAULT_CONFIDENTIALITY_TERMS,
            "recording_terms": DEFAULT_RECORDING_TERMS,
        }
    return {
        **date_fields("starts_on", data.starts_on),
        **date_fields("asye_started_on", data.asye_started_on),
        "frequency_days_override": str(data.frequency_days_override or ""),
        "usual_duration_minutes": str(data.usual_duration_minutes),
        "venue": data.venue,
        "confidentiality_terms": data.confidentiality_terms,
        "recording_terms": data.recording_terms,
    }
