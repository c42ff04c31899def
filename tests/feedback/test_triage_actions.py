"""The team's actions: made from an item (and linked to it), on their own, changed, linked
and unlinked; errors beside each field with nothing typed lost; another team's actions are
answered as missing; what the person sees with their receipt."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback.models import FeedbackAction, FeedbackActionLink, FeedbackSubmission
from learning.feedback.receipt_status import receipt_status
from learning.feedback.submissions import submit
from learning.feedback.terms import ActionStatus
from learning.org.models import Team
from tests.factories import Factory, audit_events
from tests.feedback.intake import incoming
from tests.feedback.triage_helpers import action_form, an_action, given, poster_for, staff
from tests.org.conftest import SignedIn
from tests.org.pages import error_summary, field_error, flash, heading, page, value_of


def test_an_action_made_from_an_item_is_linked_to_it(
    db: Session, supervisor: SignedIn, item: FeedbackSubmission
) -> None:
    start = supervisor.get(f"/feedback/queue/actions/new?item={item.id}")
    assert start.status_code == 200 and value_of(start, "item") == str(item.id)
    made = supervisor.post("/feedback/queue/actions/new", action_form(item=str(item.id)))
    assert made.status_code == 303 and made.headers["location"].endswith(f"/queue/{item.id}")
    action = db.exec(select(FeedbackAction)).one()
    assert action.team_id == item.team_id and action.owner_id == supervisor.person.id
    assert db.get(FeedbackActionLink, (action.id, item.id)) is not None
    shown = supervisor.follow(made)
    assert "Tell families a week before a visit" in page(shown).select_one("#linked-actions").text


def test_the_person_sees_the_public_summary_with_their_receipt(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    now = utcnow()
    outcome = submit(db, settings, incoming(settings, poster_for(factory, team), now), "a", now)
    db.commit()
    supervisor.post(
        "/feedback/queue/actions/new",
        action_form(item=str(outcome.submission.id), status="done"),
    )
    status = receipt_status(db, settings, outcome.receipt_code)
    assert status is not None
    assert [a.summary for a in status.actions] == [
        "Your worker now tells you a week before they visit."
    ]
    assert status.actions[0].status == "done"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Enter what the team will do"),
        ({"title": "t" * 201}, "title", "The title must be 200 characters or fewer"),
        ({"status": "finished"}, "status", "Choose whether it is planned, in progress or done"),
        (
            {"status": "done", "public_summary": ""},
            "public_summary",
            "Say what changed, in plain words, before marking it done",
        ),
        (
            {"due_on-day": "31", "due_on-month": "2", "due_on-year": "2027"},
            "due_on",
            "Due date must be a real date, like 27 3 2025",
        ),
    ],
)
def test_a_wrong_action_shows_the_error_beside_the_field_and_keeps_what_was_typed(
    db: Session,
    supervisor: SignedIn,
    item: FeedbackSubmission,
    changes: dict[str, str],
    field: str,
    message: str,
) -> None:
    sent = action_form(item=str(item.id), **changes)
    response = supervisor.post("/feedback/queue/actions/new", sent)
    assert response.status_code == 422
    assert field_error(response, field) == message
    assert message in error_summary(response)
    for name in ("title", "public_summary", "due_on-day"):
        assert value_of(response, name) == sent[name]
    assert value_of(response, "item") == str(item.id)
    assert db.exec(select(FeedbackAction)).all() == []


def test_someone_who_sees_every_team_chooses_the_team(
    client: TestClient, db: Session, factory: Factory, team: Team
) -> None:
    manager = staff(client, factory, team, Role.TEAM_MANAGER)
    missing = manager.post("/feedback/queue/actions/new", action_form(team_id=""))
    assert missing.status_code == 422
    assert field_error(missing, "team_id") == "Choose the team whose action this is"
    elsewhere = factory.make_team(council_id=factory.make_council(slug="away").id)
    foreign = manager.post("/feedback/queue/actions/new", action_form(team_id=str(elsewhere.id)))
    assert field_error(foreign, "team_id") == "Choose the team whose action this is"
    made = manager.post("/feedback/queue/actions/new", action_form(team_id=str(team.id)))
    assert made.status_code == 303
    assert db.exec(select(FeedbackAction)).one().team_id == team.id


def test_an_action_is_changed_and_marked_done(
    db: Session, team: Team, supervisor: SignedIn
) -> None:
    action = an_action(db, team)
    page_now = supervisor.get(f"/feedback/queue/actions/{action.id}")
    assert heading(page_now) == "Shorter waits"
    saved = supervisor.post(
        f"/feedback/queue/actions/{action.id}",
        action_form(
            status="done", **{"due_on-day": "1", "due_on-month": "6", "due_on-year": "2027"}
        ),
    )
    assert flash(supervisor.follow(saved)) == "Action saved"
    db.refresh(action)
    assert action.status is ActionStatus.DONE and action.completed_at is not None
    assert action.due_on is not None and action.due_on.isoformat() == "2027-06-01"


def test_the_list_shows_the_team_s_actions(
    db: Session, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    an_action(db, team, title="Ours")
    an_action(db, factory.make_team(), title="Someone else's")
    response = supervisor.get("/feedback/queue/actions")
    listed = [a.get_text(strip=True) for a in page(response).select("#actions tbody a")]
    assert listed == ["Ours"]


def test_another_team_s_action_is_not_found(
    db: Session, factory: Factory, supervisor: SignedIn, item: FeedbackSubmission
) -> None:
    other = an_action(db, factory.make_team())
    assert supervisor.get(f"/feedback/queue/actions/{other.id}").status_code == 404
    assert supervisor.post(f"/feedback/queue/actions/{other.id}", action_form()).status_code == 404
    linked = supervisor.post(f"/feedback/queue/{item.id}/actions", {"action_id": str(other.id)})
    assert linked.status_code == 404
    assert db.exec(select(FeedbackActionLink)).all() == []


def test_an_item_is_linked_to_an_existing_action_and_unlinked(
    db: Session, team: Team, supervisor: SignedIn, item: FeedbackSubmission
) -> None:
    action = an_action(db, team)
    offered = supervisor.get(f"/feedback/queue/{item.id}")
    assert value_of(offered, "action_id") == ""
    linked = supervisor.post(f"/feedback/queue/{item.id}/actions", {"action_id": str(action.id)})
    assert flash(supervisor.follow(linked)) == "Linked to: Shorter waits"
    assert db.get(FeedbackActionLink, (action.id, item.id)) is not None
    supervisor.post(f"/feedback/queue/{item.id}/actions/{action.id}/unlink")
    assert db.get(FeedbackActionLink, (action.id, item.id)) is None


def test_linking_without_choosing_shows_the_error_beside_the_field(
    db: Session, team: Team, supervisor: SignedIn, item: FeedbackSubmission
) -> None:
    an_action(db, team)
    response = supervisor.post(f"/feedback/queue/{item.id}/actions", {"action_id": ""})
    assert response.status_code == 422
    assert field_error(response, "action_id") == "Choose the action to link this feedback to"


def test_a_new_action_from_another_team_s_item_is_not_found(
    db: Session, settings: Settings, factory: Factory, supervisor: SignedIn
) -> None:
    other = given(db, settings, poster_for(factory, factory.make_team()))
    assert supervisor.get(f"/feedback/queue/actions/new?item={other.id}").status_code == 404
    sent = supervisor.post("/feedback/queue/actions/new", action_form(item=str(other.id)))
    assert sent.status_code == 404
    assert db.exec(select(FeedbackAction)).all() == []


def test_a_save_from_a_page_opened_before_someone_elses_save_does_not_undo_it(
    db: Session, team: Team, supervisor: SignedIn
) -> None:
    """Two tabs, or two people: the summary families read was silently put back by the
    older page. Now the older page's save is refused with what the action says now, and
    what was typed there is kept; saving again is a choice, and goes through."""
    action = an_action(db, team)
    first = value_of(supervisor.get(f"/feedback/queue/actions/{action.id}"), "seen")
    second = value_of(supervisor.get(f"/feedback/queue/actions/{action.id}"), "seen")
    told = "Your worker now tells you a week before they visit."
    saved = supervisor.post(
        f"/feedback/queue/actions/{action.id}", action_form(public_summary=told, seen=first)
    )
    assert saved.status_code == 303

    stale = supervisor.post(
        f"/feedback/queue/actions/{action.id}",
        action_form(
            title="Shorter waits for a visit", public_summary="", status="in_progress", seen=second
        ),
    )

    assert stale.status_code == 409
    db.refresh(action)
    assert action.public_summary == told and action.title != "Shorter waits for a visit"
    assert error_summary(stale) == [
        "Someone changed this action after you opened it. What it says now is shown above "
        "your changes, which are not saved yet: save again to replace it with yours"
    ]
    assert told in page(stale).select_one("#changed").text
    assert value_of(stale, "title") == "Shorter waits for a visit"
    [refusal] = audit_events(db, "feedback.action.save_refused")
    assert (refusal.result, refusal.record_id) == ("refused", str(action.id))
    again = supervisor.post(
        f"/feedback/queue/actions/{action.id}",
        action_form(title="Shorter waits for a visit", seen=value_of(stale, "seen")),
    )
    assert again.status_code == 303
    db.refresh(action)
    assert action.title == "Shorter waits for a visit"
