"""A year of supervision for the demo council (fictional): agreements, sessions at about the
expected frequency, reflections, case discussions with safety scales that move over time,
actions, sign-offs, a few amended records, workload snapshots with escalations, and
appreciative reviews by team managers.

Run after :func:`learning.org.demo.create_demo_council`. Deterministic for a given day (a
fixed seed; dates count back from today) and idempotent: if the council already has any
supervision session, nothing is done. Rows are written with bulk inserts.

What it shows, on purpose:
- about 8% of sessions cancelled or rescheduled, each with a reason;
- six practitioners whose last session was 6 to 10 weeks ago (overdue now);
- sessions held in the last ten days (and a few older ones) still waiting for sign-off;
- about 15% of case discussions without the child's voice;
- actions mostly done, some open, some overdue; every practice team has an overdue one;
- workloads mostly green, some amber, a few red, each amber or red one escalated.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from learning.audit.service import Actor, record
from learning.core.clock import today
from learning.core.permissions import Role
from learning.org.models import (
    CareerStage,
    Council,
    Person,
    RoleAssignment,
    SupervisoryRelationship,
    Team,
    TeamKind,
)
from learning.supervision import demo_text, policy_store
from learning.supervision.demo_in_progress import start_record_in_progress
from learning.supervision.demo_sessions import (
    Context,
    Supervisee,
    base_session,
    group_session,
    held_session,
    new_case,
    settle_actions,
)
from learning.supervision.demo_write import Planned, PlannedAudit, Writer, at
from learning.supervision.models import SupervisionSession
from learning.supervision.terms import SessionStatus, SessionType

SEED = 4404
YEAR = 365
WEEK = timedelta(days=7)
OVERDUE_PEOPLE = 6
AMENDED = 6
AUDITS_PER_MANAGER = 2
CASEWORK = frozenset({
    CareerStage.ASYE, CareerStage.SOCIAL_WORKER, CareerStage.SENIOR_PRACTITIONER,
    CareerStage.ADVANCED_PRACTITIONER, CareerStage.STUDENT, CareerStage.FAMILY_SUPPORT,
})
NOT_PRACTICE = frozenset({TeamKind.QUALITY_ASSURANCE, TeamKind.WORKFORCE})
LEADS = frozenset({CareerStage.TEAM_MANAGER, CareerStage.SERVICE_MANAGER,
                   CareerStage.HEAD_OF_SERVICE, CareerStage.SENIOR_PRACTITIONER})


def create_demo_supervision(db: Session, council: Council) -> None:
    """A year of supervision for the demo council; nothing if it already has sessions."""
    assert council.id is not None
    if not council.is_demo:
        raise ValueError("Demo supervision is only ever added to the demo council.")
    exists = db.exec(select(SupervisionSession.id)
                     .where(SupervisionSession.council_id == council.id).limit(1)).first()
    if exists is not None:
        return
    actor = Actor(None, "demo data", council.id)
    workload = policy_store.ensure_workload_row(db, actor, council.id)
    dice = random.Random(SEED)  # noqa: S311 - demo data, not secret
    planner = Planner(db, Context(dice, today(), council.id, workload.policy))
    planner.plan()
    writer = Writer(db, council.id, planner.ctx.rng, planner.ctx.on, workload)
    counts = writer.write(planner.agreements, planner.sessions, planner.audits)
    start_record_in_progress(db, council)
    record(db, actor, "supervision.demo.created", "council", council.id, **counts)


class Planner:
    """Decides every record in memory first; :class:`Writer` then inserts them in bulk."""

    def __init__(self, db: Session, ctx: Context) -> None:
        self.db, self.ctx, self.rng, self.on = db, ctx, ctx.rng, ctx.on
        self.frequency = policy_store.frequency_policy(db, ctx.council_id)
        people = db.exec(select(Person).where(Person.council_id == ctx.council_id,
                                              col(Person.active)))
        self.people = {p.id: p for p in people if p.id is not None}
        teams = db.exec(select(Team).where(Team.council_id == ctx.council_id))
        self.teams = {t.id: t for t in teams if t.id is not None}
        window = self.on - timedelta(days=YEAR)
        links = db.exec(select(SupervisoryRelationship)
                        .where(SupervisoryRelationship.council_id == ctx.council_id)
                        .order_by(col(SupervisoryRelationship.supervisee_id),
                                  col(SupervisoryRelationship.starts_on),
                                  col(SupervisoryRelationship.id)))
        self.links = [link for link in links
                      if link.starts_on <= self.on and (link.ends_on is None
                                                        or link.ends_on >= window)
                      and link.supervisee_id in self.people and link.supervisor_id in self.people]
        self.states: dict[int, Supervisee] = {}
        self.agreements: list[dict[str, Any]] = []
        self.sessions: list[Planned] = []
        self.audits: list[PlannedAudit] = []

    def plan(self) -> None:
        overdue = self._overdue_people()
        for link in self.links:
            state = self._state(link.supervisee_id)
            self.agreements.append(self._agreement(link, state))
            self._timeline(link, state, overdue)
        managers = self._practice_managers()
        for manager_id, team in managers:
            self._group_sessions(manager_id, team, overdue)
        settle_actions(self.sessions, self.on, self.rng, self._practice_team_id)
        self._amendments()
        for manager_id, team in managers:
            self._reviews(manager_id, team)

    # People ----------------------------------------------------------------------------

    def _team_of(self, person_id: int) -> Team | None:
        person = self.people.get(person_id)
        return self.teams.get(person.team_id) if person and person.team_id else None

    def _practice_team_id(self, person_id: int) -> int | None:
        team = self._team_of(person_id)
        return team.id if team is not None and team.kind not in NOT_PRACTICE else None

    def _practitioner(self, person_id: int) -> bool:
        return (self.people[person_id].career_stage in CASEWORK
                and self._practice_team_id(person_id) is not None)

    def _practice_managers(self) -> list[tuple[int, Team]]:
        managers = self.db.exec(select(RoleAssignment.person_id)
                                .where(RoleAssignment.role == Role.TEAM_MANAGER)).all()
        found = []
        for manager_id in sorted(set(managers) & set(self.people)):
            team = self._team_of(manager_id)
            if team is not None and team.kind not in NOT_PRACTICE:
                found.append((manager_id, team))
        return found

    def _overdue_people(self) -> set[int]:
        candidates = sorted({
            link.supervisee_id for link in self.links
            if link.ends_on is None and self._practitioner(link.supervisee_id)
            and self.people[link.supervisee_id].career_stage
            not in (CareerStage.ASYE, CareerStage.STUDENT)})
        return set(self.rng.sample(candidates, min(OVERDUE_PEOPLE, len(candidates))))

    def _state(self, person_id: int) -> Supervisee:
        if person_id in self.states:
            return self.states[person_id]
        rng, person = self.rng, self.people[person_id]
        roll = rng.random()
        ratio = (rng.uniform(0.5, 0.78) if roll < 0.75 else
                 rng.uniform(0.9, 0.96) if roll < 0.95 else rng.uniform(1.05, 1.12))
        baseline = rng.choice((5, 6, 6, 7, 7, 7, 8, 8, 9))
        state = Supervisee(
            person=person, team=self._team_of(person_id), baseline=baseline,
            wellbeing=float(baseline),
            model=rng.choice(("morrison",) * 5 + ("gibbs",) * 3 + ("kolb",) * 2),
            sharer=rng.random() < 0.3, goal=rng.choice(demo_text.CAREER_GOALS),
            ratio=rng.uniform(0.3, 0.5) if person.career_stage == CareerStage.STUDENT else ratio,
            casework=self._practitioner(person_id), lead=person.career_stage in LEADS)
        if person.career_stage == CareerStage.ASYE:
            first = min(x.starts_on for x in self.links if x.supervisee_id == person_id)
            recent = first >= self.on - timedelta(days=330)
            state.asye_start = first if recent else self.on - timedelta(days=rng.randint(150, 330))
        if state.casework:
            state.cases = [new_case(self.ctx, state) for _ in range(rng.randint(3, 5))]
        self.states[person_id] = state
        return state

    def _agreement(self, link: SupervisoryRelationship, state: Supervisee) -> dict[str, Any]:
        rng = self.rng
        agreed = link.starts_on + timedelta(days=rng.randint(0, 10))
        student = state.person.career_stage == CareerStage.STUDENT
        return {
            "council_id": self.ctx.council_id, "supervisee_id": link.supervisee_id,
            "supervisor_id": link.supervisor_id, "starts_on": link.starts_on,
            "asye_started_on": state.asye_start, "frequency_days_override": None,
            "usual_duration_minutes": 60 if student else 90,
            "venue": rng.choice(demo_text.VENUES),
            "confidentiality_terms": rng.choice(demo_text.CONFIDENTIALITY),
            "recording_terms": rng.choice(demo_text.RECORDING),
            "supervisor_agreed_at": at(agreed, 10), "supervisee_agreed_at": at(agreed, 15),
            "ended_on": link.ends_on, "created_at": at(link.starts_on, 9),
        }

    # Sessions ----------------------------------------------------------------------------

    def _timeline(self, link: SupervisoryRelationship, state: Supervisee, overdue: set[int]
                  ) -> None:
        """Sessions at about the expected frequency across the link's part of the year."""
        rng, stage = self.rng, state.person.career_stage.value
        start = max(link.starts_on, self.on - timedelta(days=YEAR), state.asye_start or date.min)
        end = min(link.ends_on or self.on, self.on)
        current = link.ends_on is None
        if current and link.supervisee_id in overdue:
            end = self.on - timedelta(days=rng.randint(44, 62))
        started = state.asye_start or link.starts_on
        day, last = start + timedelta(days=rng.randint(0, 5)), None
        while (planned := weekday(day)) <= end:
            interval = self.frequency.interval_on(stage, started, planned)
            last = self._occasion(link, state, planned, end) or last
            spread = 1 if interval <= 7 else 2 if interval <= 14 else 4
            day = planned + timedelta(days=interval + rng.randint(-spread, spread - 1))
        if current and link.supervisee_id in overdue and (last is None or last < end - WEEK):
            # Their last session was 6 to 10 weeks ago whatever today's date and the
            # cadence: held within a week of the end of their timeline.
            last = weekday(end)
            self.sessions.append(held_session(self.ctx, link.supervisor_id, state, last))
        if current and link.supervisee_id not in overdue and last and rng.random() < 0.35:
            due = weekday(last + timedelta(days=self.frequency.interval_on(stage, started, last)))
            if due > self.on:
                self.sessions.append(Planned(base_session(
                    self.ctx, link.supervisor_id, state, due, SessionStatus.PLANNED)))

    def _occasion(self, link: SupervisoryRelationship, state: Supervisee, day: date,
                  end: date) -> date | None:
        """A session planned for ``day``: held, or cancelled, or rescheduled and held later."""
        roll, supervisor = self.rng.random(), link.supervisor_id
        if roll < 0.04:
            self.sessions.append(Planned(base_session(
                self.ctx, supervisor, state, day, SessionStatus.CANCELLED,
                self.rng.choice(demo_text.CANCELLED))))
            return None
        if roll < 0.085:
            self.sessions.append(Planned(base_session(
                self.ctx, supervisor, state, day, SessionStatus.RESCHEDULED,
                self.rng.choice(demo_text.RESCHEDULED))))
            day = weekday(day + timedelta(days=self.rng.randint(2, 9)))
            if day > end:
                return None
        self.sessions.append(held_session(self.ctx, supervisor, state, day))
        return day

    def _group_sessions(self, manager_id: int, team: Team, overdue: set[int]) -> None:
        """The team's monthly group supervision, chaired by its manager."""
        supervisees = sorted({link.supervisee_id for link in self.links
                              if link.supervisor_id == manager_id and link.ends_on is None
                              and link.supervisee_id not in overdue
                              and self._team_of(link.supervisee_id) is team})
        members = sorted(p for p, person in self.people.items()
                         if person.team_id == team.id and p != manager_id)
        if not supervisees or len(members) < 4:
            return
        day = weekday(self.on - timedelta(days=YEAR - self.rng.randint(3, 20)))
        turn = 0
        while day < self.on - timedelta(days=3):
            supervisee = supervisees[turn % len(supervisees)]
            others = [m for m in members if m != supervisee]
            attendees = self.rng.sample(others, min(len(others), self.rng.randint(4, 7)))
            self.sessions.append(group_session(self.ctx, manager_id, self._state(supervisee),
                                               day, attendees))
            day, turn = weekday(day + timedelta(days=self.rng.randint(27, 33))), turn + 1

    def _amendments(self) -> None:
        """A few signed records amended by their supervisor and signed again."""
        old = self.on - timedelta(days=60)
        candidates = [p for p in self.sessions if p.values["signed_off_at"] and p.cases
                      and p.actions and p.day < old]
        for planned in self.rng.sample(candidates, min(AMENDED, len(candidates))):
            planned.amend_reason = self.rng.choice(demo_text.AMENDMENT_REASONS)

    def _reviews(self, manager_id: int, team: Team) -> None:
        """Appreciative (EARS) reviews by the manager of records others in the team wrote."""
        recent = self.on - timedelta(days=200)
        candidates = [p for p in self.sessions
                      if p.values["signed_off_at"] and p.values["supervisor_id"] != manager_id
                      and p.values["session_type"] != SessionType.GROUP
                      and self._team_of(p.values["supervisee_id"]) is team and p.day >= recent]
        for planned in self.rng.sample(candidates, min(AUDITS_PER_MANAGER, len(candidates))):
            reviewed = min(planned.day + timedelta(days=self.rng.randint(14, 40)),
                           self.on - timedelta(days=1))
            self.audits.append(PlannedAudit({
                "council_id": self.ctx.council_id, "auditor_id": manager_id,
                **{part: self.rng.choice(texts) for part, texts in demo_text.EARS.items()},
                "child_voice_evident": any(d["child_voice"] for d, _ in planned.cases),
                "created_at": at(reviewed, 14),
            }, planned))


def weekday(day: date) -> date:
    """``day``, or the Monday after it if it falls at a weekend."""
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day
