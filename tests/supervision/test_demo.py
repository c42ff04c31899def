"""The demo council's year of supervision: plausible, repeatable, free of personal data, and
showing what the browser journeys need (every team manager has an overdue action to see)."""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, select

from learning.accounts.dependencies import Principal
from learning.core import migrate
from learning.core.clock import today
from learning.core.db import Database
from learning.core.permissions import Role, permissions_for
from learning.org import service as org
from learning.org.demo import DEMO_SLUG, create_demo_council
from learning.org.models import Council, Person, RoleAssignment, Team, TeamKind
from learning.supervision import queries
from learning.supervision.demo import create_demo_supervision
from learning.supervision.models import (
    CaseDiscussion,
    CaseDiscussionDraft,
    SafetyRating,
    SessionAttendee,
    SessionVersion,
    SupervisionAction,
    SupervisionAgreement,
    SupervisionAudit,
    SupervisionSession,
    WorkloadEscalation,
    WorkloadSnapshot,
)
from learning.supervision.terms import ActionStatus, Rag, SessionStatus, SessionType
from learning.themes.redact import find_personal_data
from tests.conftest import rolled_back, row_counts
from tests.factories import Factory
from tests.org.pages import page

ON = today()
TABLES: tuple[type[SQLModel], ...] = (
    SupervisionAgreement, SupervisionSession, SessionAttendee, SessionVersion, CaseDiscussion,
    SafetyRating, SupervisionAction, WorkloadSnapshot, WorkloadEscalation, SupervisionAudit,
    CaseDiscussionDraft,
)


@dataclass(frozen=True)
class Demo:
    database: Database
    seconds: float


@pytest.fixture(scope="module")
def demo(fresh_database_url: Callable[[], str]) -> Iterator[Demo]:
    """A database of its own holding the whole demo, made once for this module's tests."""
    database = Database.from_url(fresh_database_url())
    migrate.upgrade(database.engine)
    started = time.perf_counter()
    with database.transaction() as db:
        create_demo_supervision(db, create_demo_council(db))
    yield Demo(database, time.perf_counter() - started)
    database.engine.dispose()


@pytest.fixture
def database(demo: Demo) -> Iterator[Database]:
    """This module's tests run against the demo database, each in a transaction rolled back."""
    yield from rolled_back(demo.database)


@pytest.fixture
def council(db: Session) -> Council:
    return db.exec(select(Council).where(Council.slug == DEMO_SLUG)).one()


def test_running_the_demo_again_adds_nothing(db: Session, council: Council) -> None:
    before = row_counts(db, TABLES)

    create_demo_supervision(db, create_demo_council(db))

    assert row_counts(db, TABLES) == before
    assert before["supervision_session"] > 1000


def test_the_demo_holds_a_plausible_year_of_supervision(db: Session, council: Council) -> None:
    sessions = db.exec(select(SupervisionSession)
                       .where(SupervisionSession.council_id == council.id)).all()
    held = [s for s in sessions if s.status == SessionStatus.HELD]
    days = [s.held_on for s in held if s.held_on]
    assert min(days) >= ON - timedelta(days=366) and max(days) <= ON

    links = org.current_relationships(db)
    agreements = db.exec(select(SupervisionAgreement)
                         .where(col(SupervisionAgreement.ended_on).is_(None))).all()
    agreed = {(a.supervisor_id, a.supervisee_id) for a in agreements
              if a.supervisor_agreed_at and a.supervisee_agreed_at}
    assert {(link.supervisor_id, link.supervisee_id) for link in links} <= agreed

    whole_year = {link.supervisee_id for link in links
                  if link.starts_on <= ON - timedelta(days=365)}
    per_person = Counter(s.supervisee_id for s in held if s.supervisee_id in whole_year)
    assert 10 <= statistics.median(per_person.values()) <= 16

    missed = [s for s in sessions if s.status in (SessionStatus.CANCELLED,
                                                  SessionStatus.RESCHEDULED)]
    assert 0.04 <= len(missed) / len(sessions) <= 0.12
    assert all(s.status_reason for s in missed)

    types = Counter(s.session_type for s in held)
    assert set(types) == set(SessionType) and types[SessionType.ONE_TO_ONE] > len(held) / 3
    groups = {s.id for s in held if s.session_type == SessionType.GROUP}
    attended = set(db.exec(select(SessionAttendee.session_id)).all())
    assert groups == attended

    wellbeing = [s.wellbeing for s in held if s.wellbeing is not None]
    assert all(0 <= w <= 10 for w in wellbeing) and 5 <= statistics.mean(wellbeing) <= 8
    assert all(s.functions for s in held) and all(json.loads(s.reflections) for s in held)

    recent = [s for s in held if s.held_on and s.held_on > ON - timedelta(days=10)]
    assert recent and not any(s.signed_off_at for s in recent)
    assert sum(1 for s in held if s.signed_off_at) / len(held) > 0.85
    assert db.exec(select(func.count()).select_from(SessionVersion)).one() >= 1


def test_some_supervisees_are_overdue_a_session(db: Session, council: Council) -> None:
    last_held: dict[int, object] = {}
    for session in db.exec(select(SupervisionSession)
                           .where(SupervisionSession.status == SessionStatus.HELD)
                           .order_by(col(SupervisionSession.held_on))):
        last_held[session.supervisee_id] = session.held_on
    late = [p for p, day in last_held.items()
            if ON - timedelta(days=70) <= day <= ON - timedelta(days=42)]  # type: ignore[operator]
    assert 3 <= len(late) <= 12


def test_case_discussions_and_actions_look_like_a_real_service(
    db: Session, council: Council,
) -> None:
    discussions = db.exec(select(CaseDiscussion)).all()
    without_voice = sum(1 for d in discussions if not d.child_voice) / len(discussions)
    assert 0.08 <= without_voice <= 0.25
    assert all(d.case_reference.startswith("CS-") and d.danger_statement for d in discussions)

    scores: dict[str, list[int]] = {}
    for rating in db.exec(select(SafetyRating).order_by(col(SafetyRating.rated_on))):
        scores.setdefault(rating.case_reference, []).append(rating.score)
    recurring = [s for s in scores.values() if len(s) >= 6]
    assert recurring and sum(1 for s in recurring if len(set(s)) > 1) / len(recurring) > 0.8

    actions = db.exec(select(SupervisionAction)).all()
    status = Counter(a.status for a in actions)
    overdue = [a for a in actions if a.status == ActionStatus.OPEN and a.due_on < ON]
    assert status[ActionStatus.DONE] / len(actions) > 0.7
    assert 0 < len(overdue) < status[ActionStatus.OPEN]


def test_workloads_are_mostly_green_and_every_amber_or_red_one_was_escalated(
    db: Session, council: Council,
) -> None:
    latest: dict[int, WorkloadSnapshot] = {}
    for snapshot in db.exec(select(WorkloadSnapshot).order_by(col(WorkloadSnapshot.taken_on))):
        latest[snapshot.person_id] = snapshot
    rag = Counter(s.rag for s in latest.values())
    assert rag[Rag.GREEN] > rag[Rag.AMBER] > rag[Rag.RED] >= 2

    escalated = {e.person_id for e in db.exec(select(WorkloadEscalation))}
    assert {p for p, s in latest.items() if s.rag != Rag.GREEN} <= escalated
    assert db.exec(select(func.count()).select_from(SupervisionAudit)).one() >= 5


def test_the_first_showcased_team_manager_has_a_record_in_progress_with_a_case_half_typed(
    db: Session, council: Council,
) -> None:
    assert council.id is not None
    manager = dict(org.demo_showcase(db, council.id))[Role.TEAM_MANAGER][0].person
    [session] = db.exec(select(SupervisionSession).where(
        SupervisionSession.supervisor_id == manager.id,
        SupervisionSession.status == SessionStatus.DRAFT)).all()
    assert session.planned_for == ON and session.held_on == ON
    assert json.loads(session.reflections)["experience"]
    assert db.exec(select(CaseDiscussion).where(
        CaseDiscussion.session_id == session.id)).all() == []
    [draft] = db.exec(select(CaseDiscussionDraft).where(
        CaseDiscussionDraft.session_id == session.id)).all()
    typed = json.loads(draft.fields)
    assert draft.case_key == "new" and typed["case_reference"].startswith("CS-")
    assert typed["child_voice"] and "child_voice" in typed
    rows = {r.person.id: r for r in queries.list_supervisees(db, _principal(db, manager), ON)}
    assert rows[session.supervisee_id].started == ON


def test_no_demo_text_holds_personal_data_other_than_demo_staff_names(
    db: Session, council: Council,
) -> None:
    staff = {part for p in db.exec(select(Person).where(Person.council_id == council.id))
             for part in (p.given_name, p.family_name)}
    texts: list[str] = []
    for session in db.exec(select(SupervisionSession)):
        texts += json.loads(session.reflections).values()
        texts += [session.support_needs, session.learning_and_cpd, session.career_goals,
                  session.supervisee_comment, session.status_reason]
    for discussion in db.exec(select(CaseDiscussion)):
        texts += [discussion.harm, discussion.danger_statement, discussion.complicating_factors,
                  discussion.existing_strengths, discussion.existing_safety,
                  discussion.safety_goal, discussion.next_steps, discussion.child_voice,
                  discussion.decision, discussion.rationale, discussion.learning_point]
    texts += db.exec(select(SupervisionAction.description)).all()
    for draft in db.exec(select(CaseDiscussionDraft)):
        typed = json.loads(draft.fields)
        texts += [v for k, v in typed.items() if isinstance(v, str) and k != "case_reference"]

    found = {text[span.start:span.end] for text in set(texts)
             for span in find_personal_data(text)}

    assert found <= staff


def test_every_demo_team_manager_sees_an_overdue_action(
    db: Session, council: Council, client: TestClient, factory: Factory,
) -> None:
    managers = db.exec(
        select(Person).join(RoleAssignment, col(RoleAssignment.person_id) == Person.id)
        .join(Team, col(Team.id) == Person.team_id)
        .where(RoleAssignment.role == Role.TEAM_MANAGER, Person.council_id == council.id,
               col(Team.kind).not_in([TeamKind.QUALITY_ASSURANCE, TeamKind.WORKFORCE]))
    ).all()
    assert len(managers) == 9
    for manager in managers:
        principal = _principal(db, manager)
        team = {p.id for p in db.exec(select(Person).where(Person.team_id == manager.team_id))}
        team_overdue = [a for a in queries.overdue_actions_for(db, principal, ON)
                        if a.supervisee_id in team]
        assert team_overdue, manager.name

    factory.sign_in(client, managers[0])
    rows = page(client.get("/supervision/actions/overdue")).select("#overdue tbody tr")
    assert rows


def test_demo_supervision_is_never_added_to_a_real_council(
    db: Session, factory: Factory,
) -> None:
    with pytest.raises(ValueError, match="only ever added to the demo council"):
        create_demo_supervision(db, factory.council)


def _principal(db: Session, person: Person) -> Principal:
    assert person.id is not None
    roles = frozenset(db.exec(select(RoleAssignment.role)
                              .where(RoleAssignment.person_id == person.id)).all())
    return Principal(person.id, person.council_id, person.name, person.team_id, roles,
                     permissions_for(roles), "test")
