"""The workload review form: a number per case category, extra points, hours over contract,
and what will happen now. Pure: no database, no web framework."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from learning.org.forms import Errors, FormLike, text
from learning.supervision.models import WorkloadSnapshot
from learning.supervision.workload import WorkloadInput, cases_of

MAX_CASES, MAX_EXTRA, MAX_HOURS, MAX_CONTINGENCY = 200, 100, 300, 4000
PREFIX = "cases-"


def case_field(category: str) -> str:
    return f"{PREFIX}{category}"


def _count(raw: str, high: int) -> int | None:
    value = raw.strip() or "0"
    if not (value.isascii() and value.isdigit()) or len(value) > 6 or int(value) > high:
        return None
    return int(value)


def _hours(raw: str) -> float | None:
    try:
        value = float(raw.strip() or "0")
    except ValueError:
        return None
    if not math.isfinite(value) or not 0 <= value <= MAX_HOURS:
        return None
    return round(value, 1)


def parse_workload(
    form: FormLike, categories: Sequence[tuple[str, str]]
) -> tuple[WorkloadInput | None, Errors]:
    """``categories`` are the current policy's (key, label) pairs, in page order."""
    errors: Errors = {}
    known = {key for key, _ in categories}
    unknown = sorted(
        name.removeprefix(PREFIX) for name in _names(form)
        if name.startswith(PREFIX) and name.removeprefix(PREFIX) not in known
    )
    if unknown:
        errors["cases"] = (f"{', '.join(unknown)[:100]} is not a case category in the current "
                           "workload policy. Check the numbers against the categories shown.")
    cases: dict[str, int] = {}
    for key, label in categories:
        count = _count(text(form, case_field(key)), MAX_CASES)
        if count is None:
            errors[case_field(key)] = (
                f"{label}: enter a whole number of cases from 0 to {MAX_CASES}, like 3")
        else:
            cases[key] = count
    extra = _count(text(form, "extra_points"), MAX_EXTRA)
    if extra is None:
        errors["extra_points"] = f"Extra points must be a whole number from 0 to {MAX_EXTRA}"
    hours = _hours(text(form, "hours_over_contract"))
    if hours is None:
        errors["hours_over_contract"] = (
            f"Hours over contract must be a number from 0 to {MAX_HOURS}, like 6.5")
    contingency = text(form, "contingency_action")
    if len(contingency) > MAX_CONTINGENCY:
        errors["contingency_action"] = (
            f"What will happen now must be {MAX_CONTINGENCY} characters or fewer")
    if errors or extra is None or hours is None:
        return None, errors
    return WorkloadInput(cases, extra, hours, contingency), {}


def _names(form: FormLike) -> list[str]:
    keys = getattr(form, "keys", None)
    return [str(k) for k in keys()] if callable(keys) else []


def workload_values(form: FormLike, categories: Sequence[tuple[str, str]]) -> dict[str, Any]:
    names = [case_field(key) for key, _ in categories]
    return {name: text(form, name) for name in
            (*names, "extra_points", "hours_over_contract", "contingency_action")}


def values_from(snapshot: WorkloadSnapshot | None, *, same_session: bool) -> dict[str, Any]:
    """Start from an earlier review's caseload, so only what changed needs typing. Hours over
    contract are a month's, so they carry over only within the same session."""
    if snapshot is None:
        return {}
    values = {
        **{case_field(key): str(n) for key, n in cases_of(snapshot).items()},
        "extra_points": str(snapshot.extra_points or ""),
    }
    if same_session and snapshot.hours_over_contract:
        values["hours_over_contract"] = f"{snapshot.hours_over_contract:g}"
    return values


def field_order(categories: Sequence[tuple[str, str]]) -> list[str]:
    return ["cases", *(case_field(key) for key, _ in categories), "extra_points",
            "hours_over_contract", "contingency_action"]
