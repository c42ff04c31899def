"""Supervision frequency and workload weighting: policies as data, computed purely.

No database or web imports: these functions are tested and benchmarked alone.

Frequency (DOMAIN.md 1.4), by default: ASYE weekly for the first 6 weeks, at least
fortnightly until 6 months, then at least monthly; students weekly; everyone else monthly.
A council may change it (the supervision policy pages). Workload (DOMAIN.md 4.3): points per
case category, stable-element points, extra responsibilities, FTE pro-rata, an ASYE cap, and
green/amber/red thresholds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from learning.supervision.terms import Rag


@dataclass(frozen=True)
class FrequencyStep:
    """Sessions every ``interval_days`` until ``until_weeks`` after the start (None: always)."""

    interval_days: int
    until_weeks: int | None = None


@dataclass(frozen=True)
class FrequencyPolicy:
    default: tuple[FrequencyStep, ...] = (FrequencyStep(31),)
    by_stage: Mapping[str, tuple[FrequencyStep, ...]] = field(
        default_factory=lambda: {
            "asye": (FrequencyStep(7, 6), FrequencyStep(14, 26), FrequencyStep(31)),
            "student": (FrequencyStep(7),),
        }
    )

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> FrequencyPolicy:
        def steps(items: list[Mapping[str, Any]]) -> tuple[FrequencyStep, ...]:
            parsed = tuple(
                FrequencyStep(int(i["interval_days"]), i.get("until_weeks")) for i in items
            )
            if not parsed or parsed[-1].until_weeks is not None:
                raise ValueError("the last step of a schedule must have no end (until_weeks)")
            if any(s.interval_days < 1 for s in parsed):
                raise ValueError("interval_days must be at least 1")
            return parsed

        return cls(
            default=steps(data["default"]),
            by_stage={stage: steps(items) for stage, items in data.get("by_stage", {}).items()},
        )

    def to_data(self) -> dict[str, Any]:
        def plain(steps: tuple[FrequencyStep, ...]) -> list[dict[str, Any]]:
            return [{"interval_days": s.interval_days, "until_weeks": s.until_weeks} for s in steps]

        return {
            "default": plain(self.default),
            "by_stage": {stage: plain(steps) for stage, steps in self.by_stage.items()},
        }

    def interval_on(self, stage: str, started: date, on: date, override: int | None = None) -> int:
        """Days between sessions that apply on ``on`` for someone at ``stage`` since ``started``."""
        if override:
            return override
        weeks = max((on - started).days, 0) / 7
        for step in self.by_stage.get(stage, self.default):
            if step.until_weeks is None or weeks < step.until_weeks:
                return step.interval_days
        return self.default[-1].interval_days


def next_due(
    policy: FrequencyPolicy, stage: str, started: date, last_held: date | None,
    override: int | None = None,
) -> date:
    """When the next session is due: the interval after the last one held, or after the start."""
    base = last_held or started
    return base + timedelta(days=policy.interval_on(stage, started, base, override))


def expected_sessions(
    policy: FrequencyPolicy, stage: str, started: date, period_start: date, period_end: date,
    override: int | None = None,
) -> int:
    """How many sessions the schedule expects between two dates (inclusive)."""
    if period_end < period_start or period_end < started:
        return 0
    count, day = 0, max(started, period_start)
    while day <= period_end:
        count += 1
        day += timedelta(days=policy.interval_on(stage, started, day, override))
    return count


@dataclass(frozen=True)
class WorkloadPolicy:
    category_points: Mapping[str, float] = field(
        default_factory=lambda: {
            "child_in_need": 5,
            "child_protection": 8,
            "child_in_care": 6,
            "care_leaver": 3,
            "court_plo": 10,
            "pre_birth": 7,
            "early_help": 3,
        }
    )
    stable_points: float = 15
    capacity_per_fte: float = 100
    asye_capacity_percent: float = 90
    amber_at: float = 0.85
    red_at: float = 1.0

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> WorkloadPolicy:
        policy = cls(
            category_points={str(k): float(v) for k, v in data["category_points"].items()},
            stable_points=float(data.get("stable_points", 15)),
            capacity_per_fte=float(data.get("capacity_per_fte", 100)),
            asye_capacity_percent=float(data.get("asye_capacity_percent", 90)),
            amber_at=float(data.get("amber_at", 0.85)),
            red_at=float(data.get("red_at", 1.0)),
        )
        if not 0 < policy.amber_at < policy.red_at:
            raise ValueError("thresholds must satisfy 0 < amber_at < red_at")
        if any(p < 0 for p in policy.category_points.values()):
            raise ValueError("category points cannot be negative")
        return policy

    def to_data(self) -> dict[str, Any]:
        return {
            "category_points": dict(self.category_points),
            "stable_points": self.stable_points,
            "capacity_per_fte": self.capacity_per_fte,
            "asye_capacity_percent": self.asye_capacity_percent,
            "amber_at": self.amber_at,
            "red_at": self.red_at,
        }


@dataclass(frozen=True)
class Workload:
    points: float
    capacity: float
    rag: Rag

    @property
    def ratio(self) -> float:
        return self.points / self.capacity if self.capacity else math.inf


def weigh(
    policy: WorkloadPolicy, cases: Mapping[str, int], *, fte: float, asye: bool,
    extra_points: float = 0,
) -> Workload:
    """Weighted workload against pro-rata capacity, with its RAG rating."""
    if not 0 < fte <= 1:
        raise ValueError("fte must be more than 0 and at most 1")
    unknown = set(cases) - set(policy.category_points)
    if unknown:
        raise ValueError(f"unknown case categories: {', '.join(sorted(unknown))}")
    if any(n < 0 for n in cases.values()):
        raise ValueError("case counts cannot be negative")
    points = policy.stable_points * fte + extra_points + sum(
        policy.category_points[category] * n for category, n in cases.items()
    )
    capacity = policy.capacity_per_fte * fte
    if asye:
        capacity *= policy.asye_capacity_percent / 100
    ratio = points / capacity
    if ratio >= policy.red_at:
        rag = Rag.RED
    elif ratio >= policy.amber_at:
        rag = Rag.AMBER
    else:
        rag = Rag.GREEN
    return Workload(points=round(points, 1), capacity=round(capacity, 1), rag=rag)
