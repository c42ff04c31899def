"""What happens in each demo supervision session: its type, reflections, personal section,
case discussions with safety scales that move over time, actions, sign-off and workload.
Used by :mod:`learning.supervision.demo`; nothing here touches the database.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from learning.org.models import CareerStage, Person, Team, TeamKind
from learning.supervision import demo_cases, demo_text, frameworks
from learning.supervision.demo_cases import CaseTemplate
from learning.supervision.demo_write import Planned, at, case_reference
from learning.supervision.lifecycle import NOT_RECORDED
from learning.supervision.policy import WorkloadPolicy, weigh
from learning.supervision.terms import ActionStatus, Rag, RaterRole, SessionStatus, SessionType

AWAITING_DAYS = 10
RATER_LEAN = {RaterRole.PRACTITIONER: 0.0, RaterRole.SUPERVISOR: -0.5, RaterRole.PARENT: 1.5,
              RaterRole.CHILD: 0.5, RaterRole.NETWORK: 0.5}
FUNCTIONS = {
    SessionType.ONE_TO_ONE: (("management", "support", "development"),
                             ("management", "support", "development", "mediation"),
                             ("management", "support")),
    SessionType.CASE: (("management",), ("management", "mediation"),
                       ("management", "development")),
    SessionType.PERSONAL_REFLECTIVE: (("support", "development"),
                                      ("support", "development", "mediation")),
    SessionType.AD_HOC: (("management",), ("management", "support")),
    SessionType.GROUP: (("management", "development", "mediation"),
                        ("development", "support")),
}
#: Case categories (workload policy) a team's practitioners mostly hold.
CATEGORIES = {
    TeamKind.FRONT_DOOR: ("child_in_need", "early_help"),
    TeamKind.EARLY_HELP: ("early_help",),
    TeamKind.CHILD_IN_NEED: ("child_in_need", "child_in_need", "child_protection", "pre_birth"),
    TeamKind.CHILD_PROTECTION: ("child_protection", "child_protection", "court_plo",
                                "pre_birth", "child_in_need"),
    TeamKind.DISABLED_CHILDREN: ("child_in_need", "child_protection", "child_in_care"),
    TeamKind.CHILDREN_IN_CARE: ("child_in_care", "child_in_care", "court_plo"),
    TeamKind.CARE_LEAVERS: ("care_leaver",),
    TeamKind.FOSTERING: ("child_in_care",),
    TeamKind.ADOPTION: ("child_in_care", "court_plo"),
}


@dataclass
class CaseState:
    reference: str
    template: CaseTemplate
    score: float
    trend: float
    raters: tuple[RaterRole, ...]
    discussions: int = 0


@dataclass
class Supervisee:
    """What carries from one session to the next for one person."""

    person: Person
    team: Team | None
    baseline: int
    wellbeing: float
    model: str
    sharer: bool
    goal: str
    ratio: float
    casework: bool
    lead: bool
    asye_start: date | None = None
    cases: list[CaseState] = field(default_factory=list)
    decks: dict[int, list[int]] = field(default_factory=dict)
    one_to_ones: int = 0

    @property
    def id(self) -> int:
        assert self.person.id is not None
        return self.person.id


@dataclass
class Context:
    """What every session needs: the dice, today, the council, and the workload policy."""

    rng: random.Random
    on: date
    council_id: int
    workload: WorkloadPolicy
    references: set[str] = field(default_factory=set)


def new_case(ctx: Context, state: Supervisee) -> CaseState:
    kind = state.team.kind if state.team else None
    fitting = [t for t in demo_cases.TEMPLATES if kind in t.kinds] or list(demo_cases.TEMPLATES)
    template = ctx.rng.choice(fitting)
    raters = [RaterRole.PRACTITIONER, RaterRole.SUPERVISOR]
    for rater, chance in ((RaterRole.PARENT, 0.6), (RaterRole.CHILD, 0.3),
                          (RaterRole.NETWORK, 0.3)):
        if ctx.rng.random() < chance:
            raters.append(rater)
    return CaseState(case_reference(ctx.rng, ctx.references, ctx.on), template,
                     float(template.start + ctx.rng.randint(-1, 1)),
                     ctx.rng.choice((0.4, 0.35, 0.0, -0.3)), tuple(raters))


def base_session(ctx: Context, supervisor_id: int, state: Supervisee, day: date,
                 status: SessionStatus, reason: str = "") -> dict[str, Any]:
    """A session row with nothing in it yet (cancelled, rescheduled or planned as it is)."""
    made = at(min(day, ctx.on), 9)
    return {
        "council_id": ctx.council_id, "supervisee_id": state.id,
        "supervisor_id": supervisor_id, "status": status, "status_reason": reason,
        "planned_for": day, "held_on": None, "duration_minutes": None,
        "session_type": SessionType.ONE_TO_ONE, "functions": "",
        "reflective_model": state.model, "reflections": "{}", "wellbeing": None,
        "support_needs": "", "learning_and_cpd": "", "career_goals": "",
        "share_personal_for_learning": False, "share_case_learning": True,
        "signed_off_at": None, "supervisee_agreed": None, "supervisee_comment": "",
        "draft": "{}", "version": 1, "created_at": made, "updated_at": made,
        "first_recorded_at": None if status in NOT_RECORDED else made,
    }


def held_session(ctx: Context, supervisor_id: int, state: Supervisee, day: date) -> Planned:
    rng = ctx.rng
    kind = _session_type(state, rng)
    values = base_session(ctx, supervisor_id, state, day, SessionStatus.HELD)
    durations = {SessionType.AD_HOC: (15, 20, 30, 40), SessionType.CASE: (60, 75, 90)}
    values.update(
        held_on=day, session_type=kind,
        duration_minutes=rng.choice(durations.get(kind, (60, 75, 90, 90, 90, 105, 120))),
        functions=" ".join(rng.choice(FUNCTIONS[kind])),
        reflections=json.dumps(stage_texts(state, rng, brief=kind == SessionType.AD_HOC)),
    )
    if kind in (SessionType.ONE_TO_ONE, SessionType.PERSONAL_REFLECTIVE):
        _personal(values, state, rng, kind)
    planned = Planned(values)
    counts = {SessionType.ONE_TO_ONE: (1, 2), SessionType.CASE: (2, 3), SessionType.AD_HOC: (1, 1)}
    if state.casework and kind in counts and state.cases:
        wanted = min(len(state.cases), rng.randint(*counts[kind]))
        for case in rng.sample(state.cases, wanted):
            _discuss(ctx, planned, state, case, day, owners=(state.id, supervisor_id))
    _personal_actions(ctx, planned, state, day)
    _sign_off(values, state, rng, day, ctx.on)
    if state.casework and kind == SessionType.ONE_TO_ONE:
        state.one_to_ones += 1
        if state.one_to_ones % 2 == 1:
            planned.snapshot = _snapshot(ctx, state, day)
    return planned


def group_session(ctx: Context, manager_id: int, state: Supervisee, day: date,
                  attendees: Sequence[int]) -> Planned:
    """The team's monthly group supervision, recorded against one supervisee in turn."""
    rng = ctx.rng
    values = base_session(ctx, manager_id, state, day, SessionStatus.HELD)
    values.update(held_on=day, session_type=SessionType.GROUP,
                  duration_minutes=rng.choice((90, 105, 120)),
                  functions=" ".join(rng.choice(FUNCTIONS[SessionType.GROUP])),
                  reflective_model="morrison",
                  reflections=json.dumps(stage_texts(state, rng, model="morrison")))
    planned = Planned(values, attendees=list(attendees))
    if state.casework and state.cases:
        for case in rng.sample(state.cases, min(len(state.cases), rng.randint(1, 2))):
            _discuss(ctx, planned, state, case, day, owners=(state.id, *attendees[:2]))
    _sign_off(values, state, rng, day, ctx.on)
    return planned


def stage_texts(state: Supervisee, rng: random.Random, *, brief: bool = False,
                model: str | None = None) -> dict[str, str]:
    """Reflections for the reflective model: one scenario told through each stage (the
    first and last only, for a brief ad hoc consultation)."""
    pool = demo_text.LEADERSHIP if state.lead and rng.random() < 0.6 else demo_text.PRACTICE
    deck = state.decks.setdefault(len(pool), [])
    if not deck:
        deck.extend(range(len(pool)))
        rng.shuffle(deck)
    scenario = pool[deck.pop()]
    stages = frameworks.reflective_model(model or state.model).stages
    chosen = (stages[0], stages[-1]) if brief else stages
    return {stage.key: getattr(scenario, demo_text.STAGE_PARTS.get(stage.key, "sense"))
            for stage in chosen}


def _session_type(state: Supervisee, rng: random.Random) -> SessionType:
    roll = rng.random()
    if not state.casework:
        return (SessionType.ONE_TO_ONE if roll < 0.8 else
                SessionType.PERSONAL_REFLECTIVE if roll < 0.95 else SessionType.AD_HOC)
    return (SessionType.ONE_TO_ONE if roll < 0.55 else SessionType.CASE if roll < 0.77 else
            SessionType.PERSONAL_REFLECTIVE if roll < 0.9 else SessionType.AD_HOC)


def _personal(values: dict[str, Any], state: Supervisee, rng: random.Random,
              kind: SessionType) -> None:
    drift = 0.35 * (state.baseline - state.wellbeing) + rng.gauss(0, 0.9)
    dip = 3 if rng.random() < 0.04 else 0
    state.wellbeing = max(2.0, min(10.0, state.wellbeing + drift - dip))
    score = round(state.wellbeing)
    reflective = kind == SessionType.PERSONAL_REFLECTIVE
    needs = (demo_text.SUPPORT_LOW if score <= 4 else
             demo_text.SUPPORT_MID if score <= 6 else demo_text.SUPPORT_HIGH)
    if reflective or rng.random() < 0.2:
        if rng.random() < 0.15:
            state.goal = rng.choice(demo_text.CAREER_GOALS)
        values["career_goals"] = state.goal
    values.update(
        wellbeing=score, support_needs=rng.choice(needs),
        learning_and_cpd=rng.choice(demo_text.LEARNING_CPD)
        if reflective or rng.random() < 0.7 else "",
    )


def _discuss(ctx: Context, planned: Planned, state: Supervisee, case: CaseState, day: date,
             owners: Sequence[int]) -> None:
    rng, template = ctx.rng, case.template
    case.discussions += 1
    case.score = max(0.0, min(10.0, case.score + case.trend + rng.uniform(-0.6, 0.6)))
    last = len(template.decisions) - 1
    choice = (last if case.trend > 0 and case.score >= 7 else
              min(1, last) if case.trend < 0 and case.score <= 2.5 else 0)
    discussion = {
        "case_reference": case.reference, "harm": template.harm,
        "danger_statement": template.danger, "complicating_factors": template.complicating,
        "existing_strengths": template.strengths, "existing_safety": template.safety,
        "safety_goal": template.goal,
        "next_steps": template.steps[(case.discussions - 1) % len(template.steps)],
        "child_voice": rng.choice(template.voices) if rng.random() >= 0.15 else "",
        "decision": template.decisions[choice] if rng.random() >= 0.06 else "",
        "rationale": rng.choice(template.rationales),
        "learning_point": rng.choice(template.lessons) if rng.random() < 0.55 else "",
        "created_at": at(day, 11),
    }
    ratings = [{"council_id": ctx.council_id, "case_reference": case.reference,
                "rater_role": rater, "rated_on": day,
                "score": max(0, min(10, round(case.score + RATER_LEAN[rater]
                                              + rng.uniform(-1, 1))))}
               for rater in case.raters]
    planned.cases.append((discussion, ratings))
    if rng.random() < 0.75:
        owner = owners[0] if rng.random() < 0.8 else rng.choice(owners)
        planned.actions.append((_action(ctx, state, rng.choice(template.actions), owner, day),
                                len(planned.cases) - 1))
    if case.score >= 8 and case.trend > 0:
        state.cases.remove(case)
        state.cases.append(new_case(ctx, state))
    elif case.trend < 0 and case.score <= 1.5:
        case.trend = 0.4  # the plan changed: proceedings, a new safety plan


def _personal_actions(ctx: Context, planned: Planned, state: Supervisee, day: date) -> None:
    """Sometimes an action about the practitioner's own work or learning (always one, if
    nothing else was agreed)."""
    rng = ctx.rng
    if planned.actions and rng.random() >= 0.4:
        return
    pool = (demo_cases.LEAD_ACTIONS if state.lead else
            demo_cases.PERSONAL_ACTIONS if rng.random() < 0.6 else demo_cases.GENERIC_ACTIONS)
    asye = state.person.career_stage == CareerStage.ASYE
    choices = [text for text in pool if asye or "ASYE" not in text]
    planned.actions.append((_action(ctx, state, rng.choice(choices), state.id, day), None))


def _action(ctx: Context, state: Supervisee, description: str, owner: int, day: date
            ) -> dict[str, Any]:
    return {"council_id": ctx.council_id, "supervisee_id": state.id,
            "description": description, "owner_id": owner, "due_on": _due(state, ctx.rng, day),
            "status": ActionStatus.OPEN, "completed_on": None, "status_reason": "",
            "status_changed_by_id": None, "created_at": at(day, 12)}


def _due(state: Supervisee, rng: random.Random, day: date) -> date:
    weekly = state.person.career_stage in (CareerStage.ASYE, CareerStage.STUDENT)
    return day + timedelta(days=rng.randint(7, 14) if weekly else rng.randint(10, 35))


def _sign_off(values: dict[str, Any], state: Supervisee, rng: random.Random, day: date,
              on: date) -> None:
    """Signed a few days later, mostly agreed; the last ten days' records are waiting."""
    if day > on - timedelta(days=AWAITING_DAYS) or rng.random() < 0.03:
        return
    signed = at(day + timedelta(days=rng.randint(1, AWAITING_DAYS - 1)), rng.randint(9, 17),
                rng.choice((0, 15, 30, 45)))
    agreed = rng.random() >= 0.03
    comment = (rng.choice(demo_text.DISAGREE_COMMENTS) if not agreed else
               rng.choice(demo_text.AGREE_COMMENTS) if rng.random() < 0.1 else "")
    values.update(signed_off_at=signed, supervisee_agreed=agreed, supervisee_comment=comment,
                  updated_at=signed, share_case_learning=rng.random() >= 0.08,
                  share_personal_for_learning=state.sharer and rng.random() >= 0.3)


def _snapshot(ctx: Context, state: Supervisee, day: date) -> dict[str, Any]:
    """A weighted caseload near the person's usual load (mostly green, some amber, few red)."""
    rng, policy, person = ctx.rng, ctx.workload, state.person
    asye = person.career_stage == CareerStage.ASYE
    capacity = policy.capacity_per_fte * person.fte * (
        policy.asye_capacity_percent / 100 if asye else 1)
    extra = rng.choice((0, 0, 0, 5))
    need = (state.ratio + rng.uniform(-0.03, 0.03)) * capacity - policy.stable_points * person.fte
    need -= extra
    kind = state.team.kind if state.team else TeamKind.CHILD_IN_NEED
    categories = [c for c in CATEGORIES.get(kind, ("child_in_need",))
                  if c in policy.category_points] or sorted(policy.category_points)
    cases: dict[str, int] = {}
    while True:
        category = rng.choice(categories)
        points = policy.category_points[category]
        if points <= 0 or need - points < -points / 2:
            break
        cases[category] = cases.get(category, 0) + 1
        need -= points
    result = weigh(policy, cases, fte=person.fte, asye=asye, extra_points=extra)
    hours = {Rag.GREEN: (0, 2), Rag.AMBER: (2, 6), Rag.RED: (5, 10)}[result.rag]
    return {"council_id": ctx.council_id, "person_id": state.id, "taken_on": day,
            "cases": json.dumps(cases, sort_keys=True), "extra_points": extra,
            "hours_over_contract": float(rng.randint(*hours)), "points": result.points,
            "capacity": result.capacity, "rag": result.rag}


def settle_actions(sessions: Sequence[Planned], on: date, rng: random.Random,
                   practice_team: Callable[[int], int | None]) -> None:
    """Each action's status as of today: older ones mostly done, recent ones sometimes still
    open; then every practice team gets at least one overdue action to follow up."""
    for planned in sessions:
        for action, _ in planned.actions:
            _settle(action, planned.day, on, rng, planned.values["supervisor_id"])
    overdue_teams = {practice_team(a["supervisee_id"]) for p in sessions for a, _ in p.actions
                     if a["status"] == ActionStatus.OPEN and a["due_on"] < on}
    latest: dict[int, tuple[date, dict[str, Any]]] = {}
    for planned in sessions:
        for action, _ in planned.actions:
            team, due = practice_team(action["supervisee_id"]), action["due_on"]
            if team is None or team in overdue_teams or due >= on - timedelta(days=3):
                continue
            if team not in latest or due > latest[team][0]:
                latest[team] = (due, action)
    for _, action in latest.values():
        action.update(status=ActionStatus.OPEN, completed_on=None, status_reason="",
                      status_changed_by_id=None)


#: Why a supervisor dropped an action (only a current supervisor drops one, with a reason).
DROP_REASONS = (
    "No longer needed: the family moved out of the area and the case was transferred.",
    "Overtaken by the strategy meeting's decision; a new action was agreed instead.",
    "The course was cancelled by the provider; we will look for another in the next session.",
)


def _settle(action: dict[str, Any], day: date, on: date, rng: random.Random,
            supervisor_id: int) -> None:
    due: date = action["due_on"]
    if due >= on:
        return
    roll = rng.random()
    done, dropped = (0.95, 0.98) if due < on - timedelta(days=60) else (0.72, 0.75)
    if roll < dropped:
        finished = due + timedelta(days=rng.randint(-6, 4))
        action.update(status=ActionStatus.DONE if roll < done else ActionStatus.DROPPED,
                      completed_on=min(max(finished, day), on))
        if action["status"] == ActionStatus.DROPPED:  # chosen without using ``rng``
            reason = DROP_REASONS[len(action["description"]) % len(DROP_REASONS)]
            action.update(status_reason=reason, status_changed_by_id=supervisor_id)
