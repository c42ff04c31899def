"""The team manager's overview: for each practitioner in scope and in total, sessions held
against expected in a period, the share held on time, overdue actions, the share of case
discussions that record the child's voice, and the latest workload rating; and what needs
the manager's attention (:class:`Attention`): records held and still not signed off after
the write-up time, and records signed off with the supervisee's disagreement.

A fixed number of queries whatever the size of the scope: everything is counted per
person in SQL; only the frequency rules run in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, Select, case, func
from sqlalchemy import select as wide_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from learning.feedback.working_days import add_working_days
from learning.org.models import Person
from learning.supervision.lifecycle import COUNTS_AS_HELD, HELD_DAY
from learning.supervision.models import CaseDiscussion, SupervisionSession
from learning.supervision.queries import (
    MEETS_FREQUENCY,
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
    rows_of,
    schedules,
)
from learning.supervision.terms import Rag, SessionStatus

PERIOD_MONTHS = (1, 3, 6, 12)
RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
#: How far before a period to look for the session before each one held in it (more than
#: the longest interval a schedule allows, 92 days), and for sessions planned long before
#: they were held. It keeps the council-wide overview from reading every session ever held.
LOOKBACK = timedelta(days=183)
#: How long a held session may wait to be written up and signed off before the manager is
#: told: agreements say it in words only (their recording terms), so one figure for all,
#: the ten working days (two weeks) councils' supervision policies commonly allow.
WRITE_UP_WORKING_DAYS = 10
#: How many of each kind of record needing attention are listed (all are counted).
ATTENTION_LIMIT = 20


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


@dataclass(frozen=True)
class AttentionLine:
    """A record a manager should look at, linked from the overview."""

    session_id: int
    supervisee_id: int
    supervisee_name: str
    supervisor_name: str
    held_on: date
    status: SessionStatus
    version: int
    on: date

    @property
    def days_waiting(self) -> int:
        return (self.on - self.held_on).days

    @property
    def being_changed(self) -> bool:
        """Recorded as held and a draft again: being changed or amended."""
        return self.status != SessionStatus.HELD


@dataclass(frozen=True)
class Attention:
    """Drift in sign-off: records held and not signed off within the write-up time (any
    age: the oldest first), and records signed off with disagreement (held in the period)."""

    unsigned: list[AttentionLine]
    unsigned_count: int
    disagreed: list[AttentionLine]
    disagreed_count: int
    write_up_working_days: int
    #: Held on or before this day and not signed off: past the write-up time.
    held_by: date


@dataclass
class Overview:
    period: Period
    rows: list[PractitionerRow]
    total: Figures
    overdue: list[OverdueAction]
    rag_counts: dict[Rag | None, int] = field(default_factory=dict)
    attention: Attention | None = None

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
        col(SupervisionSession.supervisee_id), HELD_DAY.label("day"),
        func.lag(HELD_DAY, type_=Date).over(
            partition_by=col(SupervisionSession.supervisee_id),
            order_by=(HELD_DAY, col(SupervisionSession.id)),
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
               COUNTS_AS_HELD,
               col(SupervisionSession.planned_for) >= period.start - LOOKBACK,
               HELD_DAY.between(period.start, period.end))
        .group_by(col(SupervisionSession.supervisee_id))
    ).all()
    return {pid: (int(total), int(voice or 0)) for pid, total, voice in rows}


def write_up_deadline_passed(on: date, working_days: int = WRITE_UP_WORKING_DAYS) -> date:
    """The latest day a session could have been held and be past its write-up time on
    ``on``: its ``working_days``-th working day after has gone by."""
    day = on - timedelta(days=1)
    while add_working_days(day, working_days) >= on:
        day -= timedelta(days=1)
    return day


def _attention_lines(
    db: Session, scope: Select[Any], on: date, *conditions: Any
) -> tuple[list[AttentionLine], int]:
    """The first :data:`ATTENTION_LIMIT` sessions matching, oldest held first, and how many
    match in all (one query: the total is counted alongside)."""
    supervisee, supervisor = aliased(Person), aliased(Person)
    rows = rows_of(db, wide_select(
        col(SupervisionSession.id), col(SupervisionSession.supervisee_id),
        col(supervisee.given_name), col(supervisee.family_name),
        col(supervisor.given_name), col(supervisor.family_name),
        HELD_DAY, col(SupervisionSession.status), col(SupervisionSession.version),
        func.count().over())
        .join(supervisee, col(supervisee.id) == SupervisionSession.supervisee_id)
        .join(supervisor, col(supervisor.id) == SupervisionSession.supervisor_id)
        .where(col(SupervisionSession.supervisee_id).in_(scope), COUNTS_AS_HELD, *conditions)
        .order_by(HELD_DAY, col(SupervisionSession.id))
        .limit(ATTENTION_LIMIT))
    lines = [AttentionLine(sid, pid, f"{sg} {sf}", f"{rg} {rf}", day, SessionStatus(status),
                           version, on)
             for sid, pid, sg, sf, rg, rf, day, status, version, _ in rows]
    return lines, int(rows[0][-1]) if rows else 0


def attention(db: Session, scope: Select[Any], period: Period, on: date) -> Attention:
    """What needs the manager's attention in ``scope`` (see :class:`Attention`)."""
    held_by = write_up_deadline_passed(on)
    unsigned, unsigned_count = _attention_lines(
        db, scope, on, col(SupervisionSession.signed_off_at).is_(None), held_by >= HELD_DAY)
    disagreed, disagreed_count = _attention_lines(
        db, scope, on, col(SupervisionSession.signed_off_at).is_not(None),
        col(SupervisionSession.supervisee_agreed).is_(False),
        col(SupervisionSession.planned_for) >= period.start - LOOKBACK,
        HELD_DAY.between(period.start, period.end))
    return Attention(unsigned, unsigned_count, disagreed, disagreed_count,
                     WRITE_UP_WORKING_DAYS, held_by)


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
    return Overview(period, rows, total, overdue, rag_counts,
                    attention(db, people_scope, period, on))
