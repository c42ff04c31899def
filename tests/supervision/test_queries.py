"""The oversight queries on small datasets whose figures can be worked out by hand."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from learning.accounts.dependencies import Principal
from learning.core.clock import today
from learning.core.permissions import Role, permissions_for
from learning.org.models import CareerStage, Person
from learning.supervision import overview, queries
from learning.supervision.history import Sparkline
from learning.supervision.models import SupervisionPolicy, WorkloadSnapshot
from learning.supervision.terms import ActionStatus, Rag, SessionStatus
from tests.factories import Factory
from tests.supervision.factories import SupervisionFactory

ON = today()


def principal_of(person: Person, *roles: Role) -> Principal:
    assert person.id is not None
    return Principal(person.id, person.council_id, person.name, person.team_id,
                     frozenset(roles), permissions_for(roles), "test")


def snapshot(db: Session, person: Person, rag: Rag, taken_on: date, points: float = 80) -> None:
    policy = db.exec(select(SupervisionPolicy).where(
        SupervisionPolicy.council_id == person.council_id, SupervisionPolicy.kind == "workload",
    )).first()
    if policy is None:
        policy = SupervisionPolicy(council_id=person.council_id, kind="workload", body="{}")
        db.add(policy)
        db.flush()
    assert policy.id is not None
    db.add(WorkloadSnapshot(council_id=person.council_id, person_id=person.id,
                            policy_id=policy.id, taken_on=taken_on, points=points,
                            capacity=100, rag=rag))
    db.commit()


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


def team_scope(factory: Factory, team_id: int) -> queries.OversightScope:
    assert factory.council.id is not None
    return queries.OversightScope(factory.council.id, (team_id,))


# Periods and schedules


@pytest.mark.parametrize(("on", "months", "start"), [
    (date(2025, 5, 31), 3, date(2025, 3, 1)),
    (date(2025, 1, 15), 1, date(2024, 12, 16)),
    (date(2025, 5, 31), 12, date(2024, 6, 1)),
    (date(2024, 3, 31), 1, date(2024, 3, 1)),
])
def test_a_period_runs_back_whole_months_from_the_day(on: date, months: int, start: date) -> None:
    period = overview.period_ending(on, months)

    assert (period.start, period.end) == (start, on)


def test_a_monthly_practitioner_is_expected_three_times_in_three_months(
    db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, worker = sf.make_pair()
    scope = queries.current_supervisees(supervisor.id or 0, ON)
    schedule = queries.schedules(db, scope, queries.people_in(db, scope), ON)[worker.id or 0]
    period = overview.period_ending(ON, 3)

    assert schedule.expected(queries.frequency_policy(db, factory.council.id or 0),
                             period.start, period.end) == 3
    assert schedule.supervisors == (supervisor.name,)


def test_an_agreed_interval_sets_when_the_next_session_is_due(
    db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, worker = sf.make_pair()
    sf.make_agreement(supervisor, worker, starts_on=ON - timedelta(days=60),
                      frequency_days_override=14)
    sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=20))

    [row] = queries.list_supervisees(db, principal_of(supervisor, Role.SUPERVISOR), ON)

    assert row.last_held == ON - timedelta(days=20)
    assert row.next_due == ON - timedelta(days=6)
    assert row.days_overdue == 6


def test_the_councils_own_frequency_policy_replaces_the_default(
    db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, worker = sf.make_pair()
    body = {"default": [{"interval_days": 42, "until_weeks": None}], "by_stage": {}}
    db.add(SupervisionPolicy(council_id=factory.council.id, kind="frequency", version=1,
                             body=json.dumps(body)))
    db.commit()
    sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=40))

    [row] = queries.list_supervisees(db, principal_of(supervisor, Role.SUPERVISOR), ON)

    assert row.next_due == ON + timedelta(days=2)
    assert row.days_overdue == 0


def test_a_newly_qualified_worker_is_due_a_week_after_their_last_session(
    db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, worker = sf.make_pair(career_stage=CareerStage.ASYE)
    sf.make_agreement(supervisor, worker, starts_on=ON - timedelta(days=20),
                      asye_started_on=ON - timedelta(days=20))
    sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=3))

    [row] = queries.list_supervisees(db, principal_of(supervisor, Role.SUPERVISOR), ON)

    assert row.next_due == ON + timedelta(days=4)


# My supervisees


def test_my_supervisees_counts_open_and_overdue_actions(
    db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, worker = sf.make_pair()
    held = sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=10))
    sf.make_action(held, due_on=ON - timedelta(days=1))
    sf.make_action(held, due_on=ON + timedelta(days=5))
    sf.make_action(held, due_on=ON - timedelta(days=3), status=ActionStatus.DONE)

    [row] = queries.list_supervisees(db, principal_of(supervisor, Role.SUPERVISOR), ON)

    assert (row.open_actions, row.overdue_actions) == (2, 1)


def test_the_last_wellbeing_comes_only_from_sessions_the_supervisor_recorded(
    db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, worker = sf.make_pair()
    before = factory.make_person(roles=(Role.SUPERVISOR,))
    sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=40), wellbeing=4)
    sf.make_session(before, worker, planned_for=ON - timedelta(days=10), wellbeing=9)
    sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=5),
                    status=SessionStatus.CANCELLED)

    [row] = queries.list_supervisees(db, principal_of(supervisor, Role.SUPERVISOR), ON)

    assert row.wellbeing == 4
    assert row.last_held == ON - timedelta(days=10)


def test_the_workload_shown_is_the_latest_snapshot(
    db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, worker = sf.make_pair()
    snapshot(db, worker, Rag.GREEN, ON - timedelta(days=60), points=70)
    snapshot(db, worker, Rag.RED, ON - timedelta(days=5), points=104)

    [row] = queries.list_supervisees(db, principal_of(supervisor, Role.SUPERVISOR), ON)

    assert row.workload is not None
    assert (row.workload.rag, row.workload.percent) == (Rag.RED, 104)


def test_someone_supervised_no_longer_is_not_listed(
    db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor = factory.make_person(roles=(Role.SUPERVISOR,))
    former = factory.make_person()
    factory.make_relationship(supervisor, former, starts_on=ON - timedelta(days=200),
                              ends_on=ON - timedelta(days=1))

    assert queries.list_supervisees(db, principal_of(supervisor, Role.SUPERVISOR), ON) == []


# The team overview


def test_the_overview_counts_held_against_expected_and_sessions_on_time(
    db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    team = factory.make_team()
    supervisor = factory.make_person(roles=(Role.SUPERVISOR,), team_id=team.id)
    worker = factory.make_person(team_id=team.id)
    factory.make_relationship(supervisor, worker, starts_on=ON - timedelta(days=200))
    for days_ago in (120, 80, 50, 20):
        sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=days_ago))
    sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=30),
                    status=SessionStatus.CANCELLED)

    result = overview.team_overview(db, team_scope(factory, team.id or 0),
                                    overview.period_ending(ON, 3), ON)
    row = next(r for r in result.rows if r.person.id == worker.id)

    # Due 31 days after the one before: 80 days ago was 9 days late; 50 and 20 on time.
    assert (row.figures.held, row.figures.expected) == (3, 3)
    assert (row.figures.on_time, row.figures.on_time_percent) == (2, 67)


def test_the_childs_voice_share_counts_case_discussions_that_record_it(
    db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    team = factory.make_team()
    supervisor, worker = sf.make_pair(team_id=team.id)
    recent = sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=10))
    sf.make_case_discussion(recent)
    sf.make_case_discussion(recent, child_voice="  ")
    sf.make_case_discussion(recent, child_voice="She wants to stay at her nan's.")
    old = sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=200))
    sf.make_case_discussion(old, child_voice="")

    result = overview.team_overview(db, team_scope(factory, team.id or 0),
                                    overview.period_ending(ON, 3), ON)
    row = next(r for r in result.rows if r.person.id == worker.id)

    assert (row.figures.with_voice, row.figures.case_discussions) == (2, 3)
    assert row.figures.voice_percent == 67


def test_the_overview_lists_overdue_actions_longest_overdue_first(
    db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    team = factory.make_team()
    supervisor, worker = sf.make_pair(team_id=team.id)
    held = sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=40))
    sf.make_action(held, due_on=ON - timedelta(days=2), description="Write the plan")
    sf.make_action(held, due_on=ON - timedelta(days=9), description="See the children alone",
                   owner=supervisor)
    sf.make_action(held, due_on=ON - timedelta(days=20), status=ActionStatus.DONE)
    sf.make_action(held, due_on=ON + timedelta(days=1))

    result = overview.team_overview(db, team_scope(factory, team.id or 0),
                                    overview.period_ending(ON, 3), ON)

    assert [(a.description, a.owner_name, a.days_overdue) for a in result.overdue] == [
        ("See the children alone", supervisor.name, 9),
        ("Write the plan", worker.name, 2),
    ]
    assert result.total.overdue_actions == 2


def test_the_heat_map_puts_the_heaviest_workloads_first(
    db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    team = factory.make_team()
    people = [factory.make_person(team_id=team.id, given_name=name, family_name="Test")
              for name in ("Amy", "Ben", "Cat", "Dan")]
    snapshot(db, people[0], Rag.GREEN, ON, points=50)
    snapshot(db, people[1], Rag.RED, ON, points=110)
    snapshot(db, people[2], Rag.AMBER, ON, points=90)

    result = overview.team_overview(db, team_scope(factory, team.id or 0),
                                    overview.period_ending(ON, 3), ON)

    assert [r.person.name for r in result.heat_map] == [
        "Ben Test", "Cat Test", "Amy Test", "Dan Test"]
    assert result.rag_counts == {Rag.RED: 1, Rag.AMBER: 1, Rag.GREEN: 1, None: 1}


def test_a_team_scope_leaves_out_other_teams(
    db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    mine, theirs = factory.make_team(), factory.make_team()
    _, worker = sf.make_pair(team_id=mine.id)
    _, other = sf.make_pair(team_id=theirs.id)

    result = overview.team_overview(db, team_scope(factory, mine.id or 0),
                                    overview.period_ending(ON, 3), ON)

    ids = {r.person.id for r in result.rows}
    assert worker.id in ids
    assert other.id not in ids


def test_a_team_manager_without_a_team_oversees_no_one(factory: Factory) -> None:
    manager = factory.make_person(roles=(Role.TEAM_MANAGER,))

    scope = queries.oversight_scope(principal_of(manager, Role.TEAM_MANAGER), None)

    assert scope is not None and scope.team_ids == ()


def test_the_principal_social_worker_oversees_the_whole_council_or_one_team(
    factory: Factory,
) -> None:
    psw = factory.make_person(roles=(Role.PRINCIPAL_SOCIAL_WORKER,))
    principal = principal_of(psw, Role.PRINCIPAL_SOCIAL_WORKER)

    everyone = queries.oversight_scope(principal, None)
    one_team = queries.oversight_scope(principal, 7)

    assert everyone is not None and everyone.team_ids is None
    assert one_team is not None and one_team.team_ids == (7,)


# Overdue actions for each person


def test_a_practitioner_follows_only_their_own_overdue_actions(
    db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, worker = sf.make_pair()
    someone_else = factory.make_person()
    factory.make_relationship(supervisor, someone_else)
    mine = sf.make_session(supervisor, worker, planned_for=ON - timedelta(days=30))
    theirs = sf.make_session(supervisor, someone_else, planned_for=ON - timedelta(days=30))
    sf.make_action(mine, due_on=ON - timedelta(days=3), description="Mine")
    sf.make_action(theirs, due_on=ON - timedelta(days=3), description="Theirs")

    as_worker = queries.overdue_actions_for(db, principal_of(worker), ON)
    as_supervisor = queries.overdue_actions_for(db, principal_of(supervisor, Role.SUPERVISOR), ON)

    assert [a.description for a in as_worker] == ["Mine"]
    assert sorted(a.description for a in as_supervisor) == ["Mine", "Theirs"]


# Sparklines


def test_a_sparkline_spreads_the_scores_across_its_width() -> None:
    line = Sparkline((0.0, 5.0, 10.0), width=100, height=24, pad=2)

    assert line.points == "2.0,22.0 50.0,12.0 98.0,2.0"
    assert line.last == (98.0, 2.0)
