"""The policy forms: workload weighting and supervision frequency, as rows of fields.

Pure: no database, no web framework. Rows are numbered (``category-3-points``,
``step-2-days``); a blank row is ignored, so a row is removed by clearing it and added by
filling one of the spare rows at the end.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from learning.org.forms import Errors, FormLike, text
from learning.org.models import CareerStage
from learning.supervision.policy import FrequencyPolicy, FrequencyStep, WorkloadPolicy
from learning.supervision.policy_store import category_key, category_label

SPARE_ROWS = 3
MAX_ROWS = 60
MAX_LABEL = 80
EVERYONE = ""  # the stage value of the default schedule's rows
KEY_PATTERN = re.compile(r"^[a-z0-9_]{1,60}$")


def number(raw: str, low: float, high: float, *, whole: bool = False) -> float | None:
    """``raw`` as a number from ``low`` to ``high`` (a whole one if ``whole``), or None."""
    value = raw.strip().rstrip("%").strip()
    try:
        parsed = float(value) if not whole else float(int(value))
    except ValueError:
        return None
    if not math.isfinite(parsed) or not low <= parsed <= high:
        return None
    return parsed


# Workload --------------------------------------------------------------------------------

WORKLOAD_NUMBERS = (
    # field, label, low, high, message
    ("stable_points", "Stable points", 0, 100,
     "Stable points must be a number from 0 to 100, like 15"),
    ("capacity_per_fte", "Capacity per full-time worker", 1, 1000,
     "Capacity must be a number from 1 to 1000, like 100"),
    ("asye_capacity_percent", "ASYE capacity", 1, 100,
     "ASYE capacity must be a percentage from 1 to 100, like 90"),
    ("amber_percent", "Amber from", 1, 300,
     "Amber must be a percentage of capacity from 1 to 300, like 85"),
    ("red_percent", "Red from", 1, 300,
     "Red must be a percentage of capacity from 1 to 300, like 100"),
)


def workload_values(policy: WorkloadPolicy, labels: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {"category_rows": len(policy.category_points) + SPARE_ROWS}
    for i, (key, points) in enumerate(policy.category_points.items()):
        values |= {f"category-{i}-key": key, f"category-{i}-name": category_label(key, labels),
                   f"category-{i}-points": f"{points:g}"}
    values |= {"stable_points": f"{policy.stable_points:g}",
               "capacity_per_fte": f"{policy.capacity_per_fte:g}",
               "asye_capacity_percent": f"{policy.asye_capacity_percent:g}",
               "amber_percent": f"{round(policy.amber_at * 100, 2):g}",
               "red_percent": f"{round(policy.red_at * 100, 2):g}"}
    return values


def submitted_workload_values(form: FormLike) -> dict[str, Any]:
    rows = _row_count(form, "category_rows")
    values: dict[str, Any] = {"category_rows": rows}
    for i in range(rows):
        for part in ("key", "name", "points"):
            values[f"category-{i}-{part}"] = text(form, f"category-{i}-{part}")
    for name, *_ in WORKLOAD_NUMBERS:
        values[name] = text(form, name)
    return values


def parse_workload_policy(
    values: Mapping[str, Any]
) -> tuple[tuple[WorkloadPolicy, dict[str, str]] | None, Errors]:
    """From :func:`submitted_workload_values`: the policy and its category labels."""
    errors: Errors = {}
    points: dict[str, float] = {}
    labels: dict[str, str] = {}
    for i in range(values["category_rows"]):
        key, name, raw = (values[f"category-{i}-{p}"] for p in ("key", "name", "points"))
        if not name and not raw:
            continue
        if not name:
            errors[f"category-{i}-name"] = "Enter the category's name"
            continue
        if len(name) > MAX_LABEL:
            errors[f"category-{i}-name"] = f"The name must be {MAX_LABEL} characters or fewer"
            continue
        key = key if KEY_PATTERN.match(key) else category_key(name)
        if not key or key in points:
            errors[f"category-{i}-name"] = f"There is already a category called {name}"
            continue
        value = number(raw, 0, 100)
        if value is None:
            errors[f"category-{i}-points"] = f"Points for {name} must be a number from 0 to 100"
            continue
        points[key], labels[key] = value, name
    if not points and not errors:
        errors["category-0-name"] = "Add at least one case category"
    numbers = {}
    for name, _, low, high, message in WORKLOAD_NUMBERS:
        numbers[name] = number(values[name], low, high)
        if numbers[name] is None:
            errors[name] = message
    amber, red = numbers["amber_percent"], numbers["red_percent"]
    if amber is not None and red is not None and amber >= red:
        errors["red_percent"] = "Red must be a higher percentage than amber"
    if errors:
        return None, errors
    policy = WorkloadPolicy.from_data({
        "category_points": points,
        "stable_points": numbers["stable_points"],
        "capacity_per_fte": numbers["capacity_per_fte"],
        "asye_capacity_percent": numbers["asye_capacity_percent"],
        "amber_at": (amber or 0) / 100,
        "red_at": (red or 0) / 100,
    })
    return (policy, labels), {}


def workload_field_order(rows: int) -> list[str]:
    return [f"category-{i}-{p}" for i in range(rows) for p in ("name", "points")] + [
        name for name, *_ in WORKLOAD_NUMBERS]


# Frequency -------------------------------------------------------------------------------

STAGE_LABELS = {EVERYONE: "Everyone else", **{s.value: s.label for s in CareerStage}}


def stage_label(stage: str) -> str:
    return STAGE_LABELS.get(stage, stage)


def schedules_in_order(policy: FrequencyPolicy) -> list[tuple[str, tuple[FrequencyStep, ...]]]:
    """Everyone else's schedule first, then each career stage's, in career order."""
    order = list(STAGE_LABELS)
    stages = sorted(policy.by_stage, key=lambda st: order.index(st) if st in order else len(order))
    return [(EVERYONE, tuple(policy.default))] + [(st, policy.by_stage[st]) for st in stages]


def frequency_values(policy: FrequencyPolicy) -> dict[str, Any]:
    rows = [(stage, step) for stage, steps in schedules_in_order(policy) for step in steps]
    values: dict[str, Any] = {"step_rows": len(rows) + SPARE_ROWS}
    for i, (stage, step) in enumerate(rows):
        values |= {f"step-{i}-stage": stage, f"step-{i}-days": str(step.interval_days),
                   f"step-{i}-until": str(step.until_weeks or "")}
    return values


def submitted_frequency_values(form: FormLike) -> dict[str, Any]:
    rows = _row_count(form, "step_rows")
    values: dict[str, Any] = {"step_rows": rows}
    for i in range(rows):
        for part in ("stage", "days", "until"):
            values[f"step-{i}-{part}"] = text(form, f"step-{i}-{part}")
    return values


def parse_frequency_policy(values: Mapping[str, Any]) -> tuple[FrequencyPolicy | None, Errors]:
    errors: Errors = {}
    schedules: dict[str, list[tuple[int, int | None, int]]] = {}
    for i in range(values["step_rows"]):
        stage, raw_days, raw_until = (values[f"step-{i}-{p}"] for p in ("stage", "days", "until"))
        if not raw_days and not raw_until:
            continue
        if stage not in STAGE_LABELS:
            errors[f"step-{i}-stage"] = "Choose a career stage from the list"
            continue
        days = number(raw_days, 1, 92, whole=True)
        if days is None:
            errors[f"step-{i}-days"] = "Days between sessions must be a whole number from 1 to 92"
            continue
        until = number(raw_until, 1, 520, whole=True) if raw_until else None
        if raw_until and until is None:
            errors[f"step-{i}-until"] = ("Until week must be a whole number from 1 to 520, "
                                         "or blank for 'from then on'")
            continue
        schedules.setdefault(stage, []).append((int(days), int(until) if until else None, i))
    for stage, steps in schedules.items():
        _check_schedule(stage, steps, errors)
    if EVERYONE not in schedules and not errors:
        errors["step-0-days"] = "Add how often everyone else is supervised"
    if errors:
        return None, errors
    plain = {stage: [{"interval_days": d, "until_weeks": u} for d, u, _ in steps]
             for stage, steps in schedules.items()}
    default = plain.pop(EVERYONE)
    return FrequencyPolicy.from_data({"default": default, "by_stage": plain}), {}


def _check_schedule(stage: str, steps: list[tuple[int, int | None, int]], errors: Errors) -> None:
    """Each schedule's steps end later and later, and only the last goes on for ever."""
    label, previous = stage_label(stage), 0
    for position, (_, until, row) in enumerate(steps):
        last = position == len(steps) - 1
        if until is None and not last:
            errors[f"step-{row}-until"] = (
                f"Only the last step for {label} can go on with no end: enter the week it ends")
            return
        if until is not None and last:
            errors[f"step-{row}-until"] = (
                f"The last step for {label} must go on with no end: leave until week blank")
            return
        if until is not None and until <= previous:
            errors[f"step-{row}-until"] = (
                f"Each step for {label} must end later than the one before it")
            return
        previous = until or previous


def frequency_field_order(rows: int) -> list[str]:
    return [f"step-{i}-{p}" for i in range(rows) for p in ("stage", "days", "until")]


def _row_count(form: FormLike, name: str) -> int:
    raw = text(form, name)
    return min(int(raw), MAX_ROWS) if raw.isascii() and raw.isdigit() and len(raw) < 4 else 0
