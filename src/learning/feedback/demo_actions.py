# ruff: noqa: E501  (prose: one summary per line reads better than wrapped strings)
"""What the demo council's teams are doing because of what they heard ("you said, we did"):
each action with its public "what changed", linked to the items that asked for it, so that
a receipt code shows the person what happened. One is overdue (past its due date and not
done), as a real list of actions has, so the demo shows how the list marks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from learning.feedback import actions
from learning.feedback.demo_staff import QUALITY_TEAM, DemoStaff, dated
from learning.feedback.demo_submit import Stored
from learning.feedback.demo_voices import (
    CARER_SUPPORT,
    CHANGES,
    GROUPS,
    JARGON,
    LATE,
    MEETINGS,
    REPORTS,
    SIBLINGS,
)
from learning.feedback.terms import ActionStatus, SubmissionStatus
from learning.feedback.triage_forms import ActionInput

LINKED_AT_MOST = 10


@dataclass(frozen=True)
class ActionPlan:
    team: str
    topics: frozenset[str]
    title: str
    summary: str
    status: ActionStatus
    created: int  # days ago
    done: int | None = None  # days ago
    due: int | None = None  # days from today; before today (negative) for one overdue


# fmt: off
PLANS = (
    ActionPlan(QUALITY_TEAM, frozenset({MEETINGS, REPORTS, JARGON}), "Say what each meeting is for, in every invitation",
               "You told us you were not told what meetings were about, or who would be there. Now every invitation to a child protection conference or a review says in plain words what the meeting is for, who will come and what will be decided. The chair or reviewing officer phones you the week before to answer your questions, and reports reach you at least three working days before the meeting.",
               ActionStatus.DONE, created=80, done=45),
    ActionPlan("Child in Need North", frozenset({CHANGES}), "Keep the same social worker from start to finish",
               "You told us your social worker changed too often. We are changing how work is shared out so that a child keeps the same social worker from the first visit to the end of their plan, unless they ask to change. When a worker must change, the old and the new worker will visit together first.",
               ActionStatus.IN_PROGRESS, created=55, due=60),
    ActionPlan("Children in Care", frozenset({SIBLINGS}), "More time together for brothers and sisters",
               "Children told us they do not see their brothers and sisters enough. Every care plan now says how often brothers and sisters will meet and what they want to do together, and we are starting sibling days in the school holidays.",
               ActionStatus.IN_PROGRESS, created=70, due=-12),  # overdue: the list shows it first
    ActionPlan("Child Protection South", frozenset({LATE}), "Be on time, or tell you we are running late",
               "You told us we were late for visits and meetings without telling you. Workers now text you if they will be more than 10 minutes late, and the team manager checks every week that visits happen when they were booked.",
               ActionStatus.DONE, created=120, done=90),
    ActionPlan("Fostering", frozenset({CARER_SUPPORT}), "Out-of-hours workers can see placement plans",
               "Foster carers told us the out-of-hours team could not see their child's plan at weekends. We are giving the out-of-hours team access to placement plans.",
               ActionStatus.PLANNED, created=10, due=45),
    ActionPlan("Early Help East", frozenset({GROUPS}), "Groups at the family hub outside working hours",
               "Parents told us our groups were only in working hours. The family hub now runs a parents' group on Tuesday evenings and a stay and play on Saturday mornings.",
               ActionStatus.DONE, created=150, done=100),
)
# fmt: on


def create_actions(db: Session, stored: list[Stored], staff: DemoStaff, now: datetime) -> None:
    for plan in PLANS:
        _create(db, plan, stored, staff, now)


def _create(
    db: Session, plan: ActionPlan, stored: list[Stored], staff: DemoStaff, now: datetime
) -> None:
    team = staff.team(plan.team)
    assert team.id is not None
    actor = staff.actor(staff.lead(team.id))
    created = now - timedelta(days=plan.created)
    due = (now + timedelta(days=plan.due)).date() if plan.due is not None else None
    data = ActionInput(plan.title, plan.summary, plan.status, due)
    with dated(db, created):
        action = actions.create_action(db, actor, staff.council_id, team.id, data)
    action.created_at = created
    if plan.done is not None:
        action.completed_at = now - timedelta(days=plan.done)
    db.add(action)
    for item in _asked_for_it(plan, team.id, stored):
        read_at = item.outcome.submission.read_at
        assert read_at is not None
        with dated(db, max(created, read_at)):
            actions.link_item(db, actor, action, item.outcome.submission)


def _asked_for_it(plan: ActionPlan, team_id: int, stored: list[Stored]) -> list[Stored]:
    """The team's read items on the action's topics, the showcase first, then newest first."""
    found = [
        item
        for item in stored
        if item.outcome.submission.team_id == team_id
        and item.planned.topic in plan.topics
        and item.outcome.submission.status is not SubmissionStatus.NEW
        and not item.outcome.quarantined
    ]
    found.sort(key=lambda item: (not item.planned.moment, -item.planned.at.timestamp()))
    return found[:LINKED_AT_MOST]
