"""The team manager's overview: for each practitioner in scope and in total, sessions held
against expected in a period, the share held on time, overdue actions, the share of case
discussions that record the child's voice, and the latest workload rating.

A fixed number of queries whatever the size of the scope: everything is counted per
person in SQL; only the frequency rules run in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, Select, case, func
from sqlmodel import Session, col, select

from learning.supervision.models import CaseDiscussion, SupervisionSession
from learning.supervision.queries import (
    MEETS_FREQUENCY,
    SESSION_DAY,
    OverdueAction,
    OversightScope,
    PersonLine,
    Schedule,
    Workload,
    action_counts,
    frequency_policy,
    latest_workloads,
    overdue_actions,
    people_in,
    schedules,
)
from learning.supervision.terms import Rag, SessionStatus

PERIOD_MONTHS = (1, 3, 6, 12)
RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
#: How far before a period to look for the session before each one held in it (more than
#: the longest interval a schedule allows, 92 days), and for sessions planned long before
#: they were held. It keeps the council-wide overview from reading every session ever held.
LOOKBACK = timedelta(days=183)


@dataclass(frozen=True)
class Period:
    months: int
    start: date
    end: date


def period_ending(on: date, months: int) -> Period:
    """The last ``months`` months up to and including ``on``."""
    years, month0 = divmod(on.month - 1 - months, 12)
    year, month = on.year + years, month0 + 1
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    last_day = (first_of_next - timedelta(days=1)).day
    start = date(year, month, min(on.day, last_day)) + timedelta(days=1)
    return Period(months, start, on)


@dataclass
class Figures:
    """Supervision in a period, for one practitioner or a total."""

    expected: int = 0
    held: int = 0
    on_time: int = 0
    overdue_actions: int = 0
    case_discussions: int = 0
    with_voice: int = 0

    @property
    def on_time_percent(self) -> int | None:
        return round(100 * self.on_time / self.held) if self.held else None

    @property
    def voice_percent(self) -> int | None:
        if not self.case_discussions:
            return None
        return round(100 * self.with_voice / self.case_discussions)

    def add(self, other: Figures) -> None:
        for name in ("expected", "held", "on_time", "overdue_actions", "case_discussions",
                     "with_voice"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class PractitionerRow:
    person: PersonLine
    schedule: Schedule
    figures: Figures
    workload: Workload | None


@dataclass
class Overview:
    period: Period
    rows: list[PractitionerRow]
    total: Figures
    overdue: list[OverdueAction]
    rag_counts: dict[Rag | None, int] = field(default_factory=dict)

    @property
    def heat_map(self) -> list[PractitionerRow]:
        """Practitioners by workload: red first, then amber, green, and not recorded."""
        def weight(row: PractitionerRow) -> tuple[int, int, str]:
            if row.workload is None:
                return (len(RAG_ORDER), 0, row.person.name)
            return (RAG_ORDER[row.workload.rag], -row.workload.percent, row.person.name)

        return sorted(self.rows, key=weight)


def held_sessions(db: Session, scope: Select[Any], period: Period) -> list[tuple[int, date, Any]]:
    """(supervisee, day held, the previous day they were supervised) for each session held
    in the period that meets the frequency (:data:`MEETS_FREQUENCY`: an ad hoc chat or a
    group session is neither counted nor the "previous" one). The previous one is looked
    for up to :data:`LOOKBACK` before the period: a session after a longer gap is late
    whatever the schedule, unless the schedule itself started since (a new agreement), when
    it is due one interval after that start."""
    ranked = select(
        col(SupervisionSession.supervisee_id), SESSION_DAY.label("day"),
        func.lag(SESSION_DAY, type_=Date).over(
            partition_by=col(SupervisionSession.supervisee_id),
            order_by=(SESSION_DAY, col(SupervisionSession.id)),
        ).label("previous"),
    ).where(col(SupervisionSession.supervisee_id).in_(scope), MEETS_FREQUENCY,
            col(SupervisionSession.planned_for) >= period.start - LOOKBACK).subquery()
    rows = db.exec(select(ranked.c.supervisee_id, ranked.c.day, ranked.c.previous)
                   .where(ranked.c.day.between(period.start, period.end))).all()
    return [(pid, day, previous) for pid, day, previous in rows]


def voice_counts(db: Session, scope: Select[Any], period: Period) -> dict[int, tuple[int, int]]:
    """Case discussions in sessions held in the period, and how many record the child's voice."""
    recorded = func.sum(case((func.trim(col(CaseDiscussion.child_voice)) != "", 1), else_=0))
    rows = db.exec(
        select(col(SupervisionSession.supervisee_id), func.count(col(CaseDiscussion.id)), recorded)
        .join(CaseDiscussion, col(CaseDiscussion.session_id) == SupervisionSession.id)
        .where(col(SupervisionSession.supervisee_id).in_(scope),
               col(SupervisionSession.status) == SessionStatus.HELD,
               col(SupervisionSession.planned_for) >= period.start - LOOKBACK,
               SESSION_DAY.between(period.start, period.end))
        .group_by(col(SupervisionSession.supervisee_id))
    ).all()
    return {pid: (int(total), int(voice or 0)) for pid, total, voice in rows}


def team_overview(
    db: Session, scope: OversightScope, period: Period, on: date, overdue_limit: int = 20
) -> Overview:
    """Supervision in the period for everyone in ``scope``, and the longest-overdue actions."""
    people_scope = scope.people()
    people = people_in(db, people_scope)
    rules = frequency_policy(db, scope.council_id)
    plans = schedules(db, people_scope, people, on)
    figures = {p.id: Figures(expected=plans[p.id].expected(rules, period.start, period.end))
               for p in people}
    for pid, day, previous in held_sessions(db, people_scope, period):
        due = plans[pid].due_after(rules, previous)
        figures[pid].held += 1
        figures[pid].on_time += 1 if day <= due else 0
    for pid, (discussed, voiced) in voice_counts(db, people_scope, period).items():
        figures[pid].case_discussions, figures[pid].with_voice = discussed, voiced
    for pid, (_, late) in action_counts(db, scope.council_id, people_scope, on).items():
        figures[pid].overdue_actions = late
    workloads = latest_workloads(db, people_scope)
    rows = [PractitionerRow(p, plans[p.id], figures[p.id], workloads.get(p.id)) for p in people]
    total = Figures()
    rag_counts: dict[Rag | None, int] = {}
    for row in rows:
        total.add(row.figures)
        rag = row.workload.rag if row.workload else None
        rag_counts[rag] = rag_counts.get(rag, 0) + 1
    overdue = overdue_actions(db, scope.council_id, people_scope, on, limit=overdue_limit)
    return Overview(period, rows, total, overdue, rag_counts)
