"""An action past its due date and not done is overdue: said in words (a tag reading
"Overdue", with the date it was due) wherever actions are listed and on the action's page,
and the list puts the overdue first or shows only them. The day is fixed (the views read it
from ``learning.core.clock.today``), so these tests mean the same on any day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session

from learning.core.config import Settings
from learning.feedback import actions, demo_actions, triage_action_views, triage_item_page
from learning.feedback.models import FeedbackAction, FeedbackActionLink, FeedbackSubmission
from learning.feedback.terms import ActionStatus
from learning.feedback.triage import Scope
from learning.org.models import Team
from tests.factories import Factory
from tests.feedback.triage_helpers import an_action, given, poster_for
from tests.org.conftest import SignedIn
from tests.org.pages import page, table_rows

DAY = date(2026, 3, 11)  # a Wednesday
DONE, PLANNED = ActionStatus.DONE, ActionStatus.PLANNED


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (triage_action_views, triage_item_page):
        monkeypatch.setattr(module, "today", lambda: DAY)


def _days(n: int) -> date:
    return DAY + timedelta(days=n)


@pytest.mark.parametrize(
    ("due_on", "status", "overdue"),
    [
        (_days(-1), PLANNED, True),
        (_days(-30), ActionStatus.IN_PROGRESS, True),
        (_days(0), PLANNED, False),  # due today: not late until tomorrow
        (_days(5), PLANNED, False),
        (_days(-30), DONE, False),
        (None, PLANNED, False),
    ],
)
def test_an_action_is_overdue_past_its_due_date_and_not_done(
    due_on: date | None, status: ActionStatus, overdue: bool
) -> None:
    action = FeedbackAction(council_id=1, team_id=1, title="t", due_on=due_on, status=status)
    assert actions.is_overdue(action, DAY) is overdue


@pytest.fixture
def several(db: Session, team: Team) -> dict[str, FeedbackAction]:
    """Actions of every kind, made in this order (so the later are the newer)."""
    made: dict[str, Any] = {
        "late": {"due_on": _days(-3)},
        "later": {"due_on": _days(-40)},
        "today": {"due_on": DAY},
        "soon": {"due_on": _days(10)},
        "undated": {},
        "done late": {"due_on": _days(-20), "status": DONE},
    }
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    return {
        title: an_action(db, team, title=title, created_at=stamp + timedelta(hours=n), **fields)
        for n, (title, fields) in enumerate(made.items())
    }


def test_the_list_puts_the_overdue_first_the_longest_overdue_at_the_top(
    db: Session, team: Team, several: dict[str, FeedbackAction]
) -> None:
    scope = Scope(team.council_id, None)
    titles = [a.title for a in actions.listed(db, scope, DAY)]
    assert titles == ["later", "late", "undated", "soon", "today", "done late"]
    only = actions.listed(db, scope, DAY, actions.Show.OVERDUE)
    assert [a.title for a in only] == ["later", "late"]
    assert actions.overdue_count(db, scope, DAY) == 2
    assert actions.overdue_count(db, scope, _days(-50)) == 0


def _due_cells(response: Any) -> dict[str, str]:
    return {row[0]: row[2] for row in table_rows(response, "#actions")}


def _filters(response: Any) -> dict[str, str]:
    nav = page(response).select_one("#filters")
    assert nav is not None
    return {a.get_text(" ", strip=True): str(a["href"]) for a in nav.select("a")}


def test_the_list_says_which_are_overdue_and_shows_only_them_when_asked(
    supervisor: SignedIn, several: dict[str, FeedbackAction]
) -> None:
    response = supervisor.get("/feedback/queue/actions")

    due = _due_cells(response)
    assert list(due)[:2] == ["later", "late"]
    assert due["later"] == "30 January 2026 Overdue"
    assert due["late"] == "8 March 2026 Overdue"
    assert due["today"] == "11 March 2026" and due["soon"] == "21 March 2026"
    assert due["done late"] == "19 February 2026" and due["undated"] == "No date"
    count = page(response).select_one("#overdue-count")
    assert count is not None
    assert count.get_text(" ", strip=True).startswith("2 actions are overdue")

    filters = _filters(response)
    assert list(filters) == ["All", "Overdue (2)"]
    current = page(response).select_one("#filters a[aria-current]")
    assert current is not None and current.get_text(strip=True) == "All"
    only = supervisor.get(filters["Overdue (2)"])
    assert list(_due_cells(only)) == ["later", "late"]
    chosen = page(only).select_one("#filters a[aria-current]")
    assert chosen is not None and chosen.get_text(" ", strip=True) == "Overdue (2)"


def test_with_nothing_overdue_the_list_says_so(
    db: Session, team: Team, supervisor: SignedIn
) -> None:
    an_action(db, team, due_on=_days(3))
    response = supervisor.get("/feedback/queue/actions?show=overdue")
    assert page(response).select_one("#actions") is None
    assert "No action is overdue." in response.text
    assert page(response).select_one("#overdue-count") is None
    assert list(_filters(response)) == ["All", "Overdue"]


def _standing(response: Any) -> str:
    found = page(response).select_one("#action-standing")
    assert found is not None
    return found.get_text(" ", strip=True)


def test_the_action_s_page_says_it_is_overdue_and_since_when(
    db: Session, team: Team, supervisor: SignedIn
) -> None:
    late = an_action(db, team, due_on=_days(-3), status=ActionStatus.IN_PROGRESS)
    on_time = an_action(db, team, due_on=_days(3))
    finished = an_action(db, team, due_on=_days(-3), status=DONE)

    said = _standing(supervisor.get(f"/feedback/queue/actions/{late.id}"))
    assert said == "In progress Overdue It was due on 8 March 2026 and is not done yet."
    assert _standing(supervisor.get(f"/feedback/queue/actions/{on_time.id}")) == (
        "Planned Due on 14 March 2026."
    )
    assert _standing(supervisor.get(f"/feedback/queue/actions/{finished.id}")) == (
        "Done Due on 8 March 2026."
    )


def test_an_item_s_page_says_which_of_its_actions_are_overdue(
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
) -> None:
    item: FeedbackSubmission = given(db, settings, poster_for(factory, team))
    late = an_action(db, team, title="Late one", due_on=_days(-3))
    fine = an_action(db, team, title="On time", due_on=_days(3))
    for action in (late, fine):
        db.add(FeedbackActionLink(action_id=action.id, submission_id=item.id))
    db.commit()

    response = supervisor.get(f"/feedback/queue/{item.id}")

    listed = page(response).select("#linked-actions li")
    said = {li.a.get_text(strip=True): li.get_text(" ", strip=True) for li in listed if li.a}
    assert "Overdue was due on 8 March 2026" in said["Late one"]
    assert "Overdue" not in said["On time"]


def test_the_demo_council_has_an_overdue_action() -> None:
    now = datetime(2026, 11, 25, 16, 30, tzinfo=UTC)
    planned = [
        FeedbackAction(
            council_id=1,
            team_id=1,
            title=plan.title,
            status=plan.status,
            due_on=(now + timedelta(days=plan.due)).date() if plan.due is not None else None,
        )
        for plan in demo_actions.PLANS
    ]
    assert any(actions.is_overdue(action, now.date()) for action in planned)
