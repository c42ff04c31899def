""""Read" is the team's: an item becomes read when one of its team opens it, and one of them
may mark it unread again; anyone else who may see it (a manager of another team, the
principal social worker, a safeguarding lead) reads it without changing that, audited. Those
who see every team only read another team's feedback, but for the principal social worker,
whose role is council-wide."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent
from learning.core.clock import format_datetime, utcnow
from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback.models import FeedbackSubmission, FeedbackTag
from learning.feedback.receipt_status import receipt_status
from learning.feedback.submissions import submit
from learning.feedback.terms import SubmissionStatus
from learning.org.models import Team
from tests.factories import Factory
from tests.feedback.intake import incoming
from tests.feedback.triage_helpers import an_action, given, poster_for, staff, unread_count
from tests.org.pages import flash, page


def _reads(db: Session, item: FeedbackSubmission) -> list[AuditEvent]:
    query = select(AuditEvent).where(
        AuditEvent.action == "feedback.item.read", AuditEvent.record_id == str(item.id)
    )
    return list(db.exec(query.order_by(col(AuditEvent.id))).all())


def item_status(db: Session, item: FeedbackSubmission) -> SubmissionStatus:
    db.refresh(item)
    return item.status


def _status_line(response: object) -> str:
    found = page(response).select_one("#item-status")  # type: ignore[arg-type]
    assert found is not None
    return " ".join(found.get_text(" ").split())


def test_the_principal_social_worker_of_another_team_reads_without_marking_it_read(
    client: TestClient, db: Session, settings: Settings, factory: Factory, in_care: Team
) -> None:
    now = utcnow()
    outcome = submit(db, settings, incoming(settings, poster_for(factory, in_care), now), "a", now)
    db.commit()
    item = outcome.submission
    quality = factory.make_team(name="Quality assurance")
    psw = staff(client, factory, quality, Role.PRINCIPAL_SOCIAL_WORKER)

    response = psw.get(f"/feedback/queue/{item.id}")

    assert response.status_code == 200
    db.refresh(item)
    assert item.status is SubmissionStatus.NEW and item.read_by_id is None
    [event] = _reads(db, item)
    assert event.actor_id == psw.person.id
    assert json.loads(event.detail)["of_the_team"] is False
    assert _status_line(response).startswith("Unread: nobody in Children in Care has read it")
    note = page(response).select_one("#not-of-the-team")
    assert note is not None and "does not mark it read for them" in note.get_text()
    assert page(response).select_one("#item-status button") is None  # nothing to mark unread
    status = receipt_status(db, settings, outcome.receipt_code)
    assert status is not None and status.status == "received"  # not "read by the team"
    queue = psw.get(f"/feedback/queue?team={in_care.id}")
    assert "(1 unread)" in unread_count(queue)

    # Council-wide, she may still work on it: tag it and close it (still unread by the team).
    assert psw.post(f"/feedback/queue/{item.id}/tags", {"tag": "waiting"}).status_code == 303
    assert psw.post(f"/feedback/queue/{item.id}/close").status_code == 303
    db.refresh(item)
    assert item.status is SubmissionStatus.CLOSED and item.read_by_id is None
    assert [t.name for t in db.exec(select(FeedbackTag)).all()] == ["waiting"]


def test_a_manager_of_another_team_opening_a_disclosure_leaves_it_unread(
    client: TestClient,
    db: Session,
    settings: Settings,
    factory: Factory,
    in_care: Team,
    front_door: Team,
) -> None:
    item = given(db, settings, poster_for(factory, in_care), worried_about_safety=True)
    manager = staff(client, factory, front_door, Role.TEAM_MANAGER)

    manager.get(f"/feedback/queue/{item.id}")

    db.refresh(item)
    assert item.status is SubmissionStatus.NEW
    assert [e.actor_id for e in _reads(db, item)] == [manager.person.id]


def test_one_of_the_team_reads_it_and_the_page_says_who_and_when(
    client: TestClient, db: Session, settings: Settings, factory: Factory, in_care: Team
) -> None:
    item = given(db, settings, poster_for(factory, in_care))
    worker = staff(client, factory, in_care, Role.SUPERVISOR, name="Sam Okafor")

    response = worker.get(f"/feedback/queue/{item.id}")

    db.refresh(item)
    assert item.status is SubmissionStatus.READ and item.read_by_id == worker.person.id
    assert json.loads(_reads(db, item)[0].detail)["of_the_team"] is True
    assert _status_line(response).startswith(
        f"Read by Sam Okafor on {format_datetime(item.read_at)}"
    )
    assert page(response).select_one("#not-of-the-team") is None


def test_the_team_s_own_manager_belongs_to_it_and_marks_it_read(
    client: TestClient, db: Session, settings: Settings, factory: Factory, in_care: Team
) -> None:
    item = given(db, settings, poster_for(factory, in_care))
    manager = staff(client, factory, in_care, Role.TEAM_MANAGER, name="Rita Moss")

    response = manager.get(f"/feedback/queue/{item.id}")

    db.refresh(item)
    assert item.status is SubmissionStatus.READ and item.read_by_id == manager.person.id
    assert "Read by Rita Moss" in _status_line(response)


def test_a_member_of_the_team_marks_it_unread_and_it_counts_again(
    client: TestClient, db: Session, settings: Settings, factory: Factory, in_care: Team
) -> None:
    item = given(db, settings, poster_for(factory, in_care))
    worker = staff(client, factory, in_care, Role.SUPERVISOR)
    shown = worker.get(f"/feedback/queue/{item.id}")
    button = page(shown).select_one("#item-status button")
    assert button is not None and button.get_text(strip=True) == "Mark as unread"
    assert str(button["formaction"]).endswith(f"/feedback/queue/{item.id}/unread")
    assert button["form"] == "item-work"  # sends the page's one form, like every button on it
    assert "unread" not in unread_count(worker.get("/feedback/queue"))
    assert client.post(f"/feedback/queue/{item.id}/unread").status_code == 403  # no CSRF token
    assert item_status(db, item) is SubmissionStatus.READ

    marked = worker.post(f"/feedback/queue/{item.id}/unread")

    assert marked.status_code == 303 and marked.headers["location"].endswith("/feedback/queue")
    queue = worker.follow(marked)
    assert flash(queue).startswith("Marked as unread")
    assert "(1 unread)" in unread_count(queue)
    db.refresh(item)
    assert (item.status, item.read_at, item.read_by_id) == (SubmissionStatus.NEW, None, None)
    events = db.exec(
        select(AuditEvent).where(
            AuditEvent.action == "feedback.item.marked_unread",
            AuditEvent.record_id == str(item.id),
        )
    ).all()
    assert [e.actor_id for e in events] == [worker.person.id]


def test_only_one_of_the_team_may_mark_it_unread(
    client: TestClient, db: Session, settings: Settings, factory: Factory, in_care: Team
) -> None:
    item = given(db, settings, poster_for(factory, in_care))
    staff(client, factory, in_care, Role.SUPERVISOR).get(f"/feedback/queue/{item.id}")
    psw = staff(client, factory, factory.make_team(), Role.PRINCIPAL_SOCIAL_WORKER)

    assert psw.post(f"/feedback/queue/{item.id}/unread").status_code == 403

    db.refresh(item)
    assert item.status is SubmissionStatus.READ


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD])
def test_those_who_see_every_team_only_read_another_team_s_feedback(
    client: TestClient,
    db: Session,
    settings: Settings,
    factory: Factory,
    in_care: Team,
    front_door: Team,
    role: Role,
) -> None:
    item = given(db, settings, poster_for(factory, in_care), wants_contact=True,
                 contact_detail="sam@example.test")
    held = given(db, settings, poster_for(factory, in_care), honeypot="http://spam.example")
    action = an_action(db, in_care)
    other = staff(client, factory, front_door, role)

    shown = other.get(f"/feedback/queue/{item.id}")
    assert shown.status_code == 200
    # Only what they may do is offered: raising an alert, never the team's own work.
    offered = {b.get_text(" ", strip=True) for b in page(shown).select("main button")}
    assert "Raise a safeguarding alert" in offered
    assert offered.isdisjoint({"Send reply", "Add tag", "Close this feedback", "Link"}), offered
    refused = {
        f"/feedback/queue/{item.id}/tags": {"tag": "waiting"},
        f"/feedback/queue/{item.id}/reply": {"body": "Hello"},
        f"/feedback/queue/{item.id}/close": {},
        f"/feedback/queue/{item.id}/actions": {"action_id": str(action.id)},
        f"/feedback/queue/{held.id}/release": {},
        f"/feedback/queue/{held.id}/spam": {},
        f"/feedback/queue/actions/{action.id}": {"title": "Changed"},
    }
    for url, form in refused.items():
        assert other.post(url, form).status_code == 403, url

    db.expire_all()
    assert db.exec(select(FeedbackTag)).all() == []
    assert item_status(db, item) is not SubmissionStatus.CLOSED
    kept = db.get(FeedbackSubmission, held.id)
    assert kept is not None and kept.released_at is None
    assert kept.status is not SubmissionStatus.CLOSED
    refusals = db.exec(
        select(AuditEvent).where(
            AuditEvent.action == "feedback.refused", AuditEvent.actor_id == other.person.id
        )
    ).all()
    assert len(refusals) == len(refused)
    shown = other.get(f"/feedback/queue/{held.id}")
    assert "You can read it, not change it" in _status_line(shown)
    held_box = page(shown).select_one("#held")
    assert held_box is not None and held_box.select("button") == []

    own = given(db, settings, poster_for(factory, front_door))  # their own team's: theirs to do
    assert other.post(f"/feedback/queue/{own.id}/close").status_code == 303
    assert item_status(db, own) is SubmissionStatus.CLOSED
