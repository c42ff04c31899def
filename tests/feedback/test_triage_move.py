"""Moving an item to another team: feedback that landed in the wrong team's queue goes to the
team it is about. Those who may work on it move it (its team, the council-wide roles); those
who only read it are refused (403, audited). The new team has not read it: it is unread and
new to them, its read-by day running from the move; the old team no longer has it. Its tags
and replies stay, its links to the old team's actions go, an alert stays in the safeguarding
inbox with the move in its trail, and the move is in the audit log and on the item's page.
Two people moving it at once, or one moving it while another reads it: one wins, and the
other is told plainly, with what they typed kept."""

from __future__ import annotations

import json
from functools import partial

import pytest
from bs4 import Tag
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select, update

from learning.app import create_app
from learning.audit.models import AuditEvent
from learning.audit.service import Actor
from learning.core.clock import format_date, format_datetime, today, utcnow
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.permissions import Role
from learning.feedback import actions, alerts, triage, triage_display, triage_move, triage_work
from learning.feedback.models import FeedbackSubmission, FeedbackTag
from learning.feedback.terms import AlertStatus, SubmissionStatus
from learning.feedback.working_days import read_by
from learning.org.models import Person, Team
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.triage_helpers import (
    an_action,
    days_ago,
    given,
    poster_for,
    staff,
    unread_count,
)
from tests.org.conftest import SignedIn
from tests.org.pages import error_summary, field_error, flash, page, table_rows, value_of
from tests.support.concurrency import at_once

WHY = "About contact with her children, who are in care: the poster at reception is ours"


@pytest.fixture
def early_help(factory: Factory) -> Team:
    return factory.make_team(name="Early Help East")


def signed_in(
    app: FastAPI, factory: Factory, team: Team | None, *roles: Role, name: str = ""
) -> SignedIn:
    """Someone signed in on a browser of their own."""
    client = TestClient(app, base_url="https://testserver", follow_redirects=False)
    return staff(client, factory, team, *roles, name=name)


def actor(person: Person) -> Actor:
    return Actor(person.id, person.name, person.council_id)


def events(db: Session, action: str, item: FeedbackSubmission) -> list[AuditEvent]:
    query = select(AuditEvent).where(
        AuditEvent.action == action,
        AuditEvent.record_type == "feedback_submission",
        AuditEvent.record_id == str(item.id),
    )
    return list(db.exec(query.order_by(col(AuditEvent.id))).all())


def moving(team: Team, reason: str = WHY, **typed: str) -> dict[str, str]:
    return {"to_team": str(team.id), "move_reason": reason, **typed}


def queue_ids(response: object) -> list[int]:
    found = page(response).select("#queue tbody tr a")  # type: ignore[arg-type]
    return [int(str(a["href"]).rsplit("/", 1)[1]) for a in found]


def heading_of(response: object) -> str:
    found = page(response).find("h1")  # type: ignore[arg-type]
    return found.get_text(" ", strip=True) if isinstance(found, Tag) else ""


# The service -------------------------------------------------------------------------------


def test_a_move_restarts_reading_keeps_tags_and_replies_and_unlinks_the_old_team_s_actions(
    db: Session, settings: Settings, factory: Factory, front_door: Team, in_care: Team
) -> None:
    item = given(
        db, settings, poster_for(factory, front_door), wants_contact=True,
        contact_detail="07700 900123",
    )  # fmt: skip
    manager = factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=front_door.id)
    by = actor(manager)
    triage.open_item(db, by, item)
    triage_work.add_tag(db, by, item, "contact")
    triage_work.reply(db, by, settings, item, "Rang her back", way=triage_work.Way.PHONE)
    action = an_action(db, front_door, title="Reword the reception poster")
    actions.link_item(db, by, action, item)
    assert item.status is SubmissionStatus.READ
    moved_at = utcnow()

    done = triage_move.move(db, by, item, front_door.id, in_care, WHY, now=moved_at)
    db.commit()

    db.refresh(item)
    assert (item.team_id, item.status, item.read_at, item.read_by_id) == (
        in_care.id, SubmissionStatus.NEW, None, None,
    )  # fmt: skip
    assert [t.name for t in db.exec(select(FeedbackTag)).all()] == ["contact"]
    assert [r.body for r in triage_work.replies_of(db, item.id or 0)] == ["Rang her back"]
    assert actions.actions_of(db, item.id or 0) == []
    assert done.unlinked == ("Reword the reception poster",)
    [event] = events(db, triage.MOVED, item)
    assert event.actor_id == manager.id and event.occurred_at == moved_at
    detail = json.loads(event.detail)
    assert (detail["from_team_id"], detail["from_team"]) == (front_door.id, "Front Door and MASH")
    assert (detail["to_team_id"], detail["to_team"]) == (in_care.id, "Children in Care")
    assert detail["reason"] == WHY and detail["was"] == "read"
    assert detail["unlinked_actions"] == ["Reword the reception poster"]
    [unlinked] = events(db, "feedback.action.unlinked", item)
    assert json.loads(unlinked.detail)["action_id"] == action.id
    assert triage.arrived_in_team(db, item) == moved_at
    [shown] = triage_move.moves_of(db, item.id or 0)
    assert (shown.by, shown.from_team, shown.to_team, shown.reason) == (
        manager.name, "Front Door and MASH", "Children in Care", WHY,
    )  # fmt: skip


def test_a_queue_line_says_when_its_item_was_moved_to_the_team_and_only_then(
    db: Session, settings: Settings, factory: Factory, front_door: Team, in_care: Team
) -> None:
    moved = given(db, settings, poster_for(factory, front_door))
    stayed = given(db, settings, poster_for(factory, in_care))
    by = actor(factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=front_door.id))
    moved_at = utcnow()
    triage_move.move(db, by, moved, front_door.id, in_care, WHY, now=moved_at)
    db.commit()

    lines = triage_display.rows_for(db, [moved, stayed], today())
    assert [(line.submission.id, line.moved_in) for line in lines] == [
        (moved.id, moved_at), (stayed.id, None),
    ]  # fmt: skip


def test_closed_feedback_is_not_moved(
    db: Session, settings: Settings, factory: Factory, front_door: Team, in_care: Team
) -> None:
    item = given(db, settings, poster_for(factory, front_door))
    by = actor(factory.make_person(roles=(Role.SUPERVISOR,), team_id=front_door.id))
    triage.set_closed(db, by, item, closed=True)

    with pytest.raises(triage_move.NotMovable):
        triage_move.move(db, by, item, front_door.id, in_care, WHY)

    db.refresh(item)
    assert item.team_id == front_door.id and item.status is SubmissionStatus.CLOSED
    assert events(db, triage.MOVED, item) == []


def test_a_move_from_a_team_it_has_left_is_refused_and_names_the_move(
    db: Session,
    settings: Settings,
    factory: Factory,
    front_door: Team,
    in_care: Team,
    early_help: Team,
) -> None:
    item = given(db, settings, poster_for(factory, front_door))
    first = factory.make_person(roles=(Role.SUPERVISOR,), team_id=front_door.id)
    triage_move.move(db, actor(first), item, front_door.id, in_care, WHY)
    second = actor(factory.make_person(roles=(Role.PRINCIPAL_SOCIAL_WORKER,)))

    with pytest.raises(triage_move.MovedMeanwhile) as told:
        triage_move.move(db, second, item, front_door.id, early_help, "It is early help's")

    assert told.value.move is not None and told.value.move.by == first.name
    assert told.value.move.to_team == "Children in Care"
    db.refresh(item)
    assert item.team_id == in_care.id and len(events(db, triage.MOVED, item)) == 1


def test_the_read_by_day_runs_from_the_move_and_it_is_new_to_the_team(
    db: Session, settings: Settings, factory: Factory, front_door: Team, in_care: Team
) -> None:
    old = given(db, settings, poster_for(factory, front_door), at=days_ago(10))
    theirs = given(db, settings, poster_for(factory, in_care), at=days_ago(1))
    by = actor(factory.make_person(roles=(Role.SUPERVISOR,), team_id=front_door.id))
    day = today()
    front_scope = triage.Scope(front_door.council_id, frozenset({front_door.id or 0}))
    assert triage.overdue_count(db, front_scope, None, day) == 1
    moved_at = utcnow()

    triage_move.move(db, by, old, front_door.id, in_care, WHY, now=moved_at)

    scope = triage.Scope(in_care.council_id, frozenset({in_care.id or 0}))
    assert triage.overdue_count(db, scope, None, day) == 0
    shown, total = triage.page_of(db, scope, triage.Tab.OPEN, None, 1, 50, triage.Show.ALL, day)
    assert [s.id for s in shown] == [theirs.id, old.id] and total == 2  # it came to them last
    assert triage.page_of(db, scope, triage.Tab.OPEN, None, 1, 50, triage.Show.OVERDUE, day)[1] == 0
    row = triage_display.rows_for(db, [old], day)[0]
    assert row.unread and not row.overdue and row.read_by == read_by(moved_at)
    assert (
        triage.page_of(db, front_scope, triage.Tab.OPEN, None, 1, 50, triage.Show.ALL, day)[1] == 0
    )


def test_an_alert_stays_in_the_inbox_names_the_new_team_and_its_trail_says_where_it_went(
    app: FastAPI,
    db: Session,
    settings: Settings,
    factory: Factory,
    front_door: Team,
    in_care: Team,
) -> None:
    item = given(db, settings, poster_for(factory, front_door), worried_about_safety=True)
    alert = alerts.alert_for(db, item.id or 0)
    assert alert is not None and alert.status is AlertStatus.OPEN
    mover = signed_in(app, factory, front_door, Role.SUPERVISOR, name="Sam Okafor")
    lead = signed_in(app, factory, None, Role.SAFEGUARDING_LEAD)

    moved = mover.post(f"/feedback/queue/{item.id}/move", moving(in_care))
    assert moved.status_code == 303

    db.refresh(alert)
    assert (alert.status, alert.team_id, alert.submission_id) == (
        AlertStatus.OPEN, in_care.id, item.id,
    )  # fmt: skip
    last = alerts.events(db, alert)[-1]
    assert (last.kind, last.actor_id) == ("feedback_moved", mover.person.id)
    assert last.note == f"From Front Door and MASH to Children in Care: {WHY}"
    # The alert's page still has the feedback, and its trail says where it went, and why.
    shown = lead.get(f"/safeguarding/alerts/{alert.id}")
    assert shown.status_code == 200 and "My worker listens to me" in shown.text
    # The inbox and the alert's page name the team that holds the child now.
    team = [row for row in page(shown).select(".govuk-summary-list__row") if "Team" in row.dt.text]
    assert [row.dd.get_text(strip=True) for row in team] == ["Children in Care"]  # type: ignore[union-attr]
    inbox = page(lead.get("/safeguarding/alerts")).select_one("main")
    assert inbox is not None
    assert "Children in Care" in inbox.text and "Front Door" not in inbox.text
    trail = table_rows(shown, "table")
    assert ["Feedback moved", "Sam Okafor", last.note] in [row[1:] for row in trail]


# The item's page ---------------------------------------------------------------------------


def test_one_of_the_team_moves_it_and_the_new_team_finds_it_unread_and_new(
    app: FastAPI,
    db: Session,
    settings: Settings,
    factory: Factory,
    front_door: Team,
    in_care: Team,
    early_help: Team,
) -> None:
    item = given(db, settings, poster_for(factory, front_door))
    factory.make_team(name="Closed down", active=False)
    another_council = factory.make_council()
    factory.make_team(council_id=another_council.id, name="Elsewhere")
    mover = signed_in(app, factory, front_door, Role.SUPERVISOR, name="Sam Okafor")
    reader = signed_in(app, factory, in_care, Role.SUPERVISOR, name="Rita Moss")
    shown = mover.get(f"/feedback/queue/{item.id}")
    options = [o.get_text(strip=True) for o in page(shown).select("select#to_team option")]
    assert options == ["Choose a team", "Children in Care", "Early Help East"]
    hidden = page(shown).select_one("input[name=from_team]")
    assert hidden is not None and hidden["value"] == str(front_door.id)
    button = page(shown).find("button", string="Move to this team")
    assert isinstance(button, Tag) and str(button["formaction"]).endswith(f"/{item.id}/move")
    assert "(1 unread)" not in unread_count(reader.get("/feedback/queue"))

    moved = mover.post(f"/feedback/queue/{item.id}/move", moving(in_care))

    # The mover no longer sees it (their team's feedback only): back to their queue.
    assert moved.status_code == 303 and moved.headers["location"].endswith("/feedback/queue")
    queue = mover.follow(moved)
    assert flash(queue).startswith(
        f"Moved to Children in Care. It is new to them: unread, to read by "
        f"{format_date(read_by(utcnow()))}"
    )
    assert item.id not in queue_ids(queue)
    theirs = reader.get("/feedback/queue")
    assert queue_ids(theirs) == [item.id] and "(1 unread)" in unread_count(theirs)
    [row] = table_rows(theirs, "#queue")
    assert "Unread" in row[3] and "Overdue" not in row[3]
    assert row[2] == f"Read by {format_date(read_by(utcnow()))}"
    moved_at = format_datetime(events(db, triage.MOVED, item)[0].occurred_at)
    assert row[0] == (
        f"{format_datetime(item.submitted_at)} Moved to Children in Care on {moved_at}"
    )

    read = reader.get(f"/feedback/queue/{item.id}")
    moves = page(read).select_one("#moves")
    assert moves is not None
    assert " ".join(moves.get_text(" ").split()) == (
        f"Moved from Front Door and MASH by Sam Okafor on "
        f"{format_datetime(events(db, triage.MOVED, item)[0].occurred_at)}: {WHY}"
    )
    db.refresh(item)
    assert item.status is SubmissionStatus.READ and item.read_by_id == reader.person.id


def test_the_old_team_opening_it_is_told_where_it_went_without_its_words(
    app: FastAPI, db: Session, settings: Settings, factory: Factory, front_door: Team, in_care: Team
) -> None:
    item = given(db, settings, poster_for(factory, front_door))
    mover = signed_in(app, factory, front_door, Role.SUPERVISOR, name="Sam Okafor")
    colleague = signed_in(app, factory, front_door, Role.SUPERVISOR)
    assert mover.post(f"/feedback/queue/{item.id}/move", moving(in_care)).status_code == 303

    told = colleague.get(f"/feedback/queue/{item.id}")

    assert told.status_code == 200
    said = page(told).select_one("#moved-by")
    assert said is not None and said.get_text(" ", strip=True).startswith(
        "Sam Okafor moved it from Front Door and MASH to Children in Care on "
    )
    why = page(told).select_one("#moved-why")
    assert why is not None and why.get_text(strip=True) == WHY
    assert "My worker listens to me" not in told.text  # the child's words are not theirs now
    assert page(told).select_one("#moved-item") is None
    [notice] = events(db, "feedback.item.moved_notice", item)
    assert notice.actor_id == colleague.person.id
    db.refresh(item)
    assert item.status is SubmissionStatus.NEW  # not read by the old team
    assert events(db, "feedback.refused", item) == []


@pytest.mark.parametrize(
    ("button", "typed"),
    [
        ("alert", {"worry": "Her brother said something about being hit at home."}),
        ("reply", {"body": "Thank you for telling us. Your worker will ring you this week."}),
        ("tags", {"tag": "contact"}),
    ],
)
def test_a_form_sent_on_an_item_moved_a_moment_ago_is_told_so_with_what_was_typed(
    app: FastAPI,
    db: Session,
    settings: Settings,
    factory: Factory,
    front_door: Team,
    in_care: Team,
    button: str,
    typed: dict[str, str],
) -> None:
    """The old team's page of it was still open: a worry, a reply or a tag sent from it is
    not lost behind "not found"; the page says who moved it where, and shows what was typed
    (a worry with the warning that no alert was raised, and what to do)."""
    item = given(db, settings, poster_for(factory, front_door))
    mover = signed_in(app, factory, front_door, Role.SUPERVISOR, name="Sam Okafor")
    colleague = signed_in(app, factory, front_door, Role.SUPERVISOR)
    assert mover.post(f"/feedback/queue/{item.id}/move", moving(in_care)).status_code == 303

    sent = colleague.post(f"/feedback/queue/{item.id}/{button}", typed)

    assert sent.status_code == 409
    said = page(sent).select_one("#moved-by")
    assert said is not None and "Sam Okafor moved it" in said.get_text(" ", strip=True)
    [words] = typed.values()
    assert words in page(sent).get_text(" ")
    worried = "No safeguarding alert was raised" in sent.text
    assert worried == (button == "alert")
    assert alerts.alert_for(db, item.id) is None  # nothing was done on it
    assert events(db, "feedback.refused", item) == []


def test_linking_an_action_to_an_item_moved_a_moment_ago_is_told_so_and_links_nothing(
    app: FastAPI,
    db: Session,
    settings: Settings,
    factory: Factory,
    front_door: Team,
    in_care: Team,
) -> None:
    item = given(db, settings, poster_for(factory, front_door))
    action = an_action(db, front_door, title="Reword the reception poster")
    mover = signed_in(app, factory, front_door, Role.SUPERVISOR, name="Sam Okafor")
    colleague = signed_in(app, factory, front_door, Role.SUPERVISOR)
    assert mover.post(f"/feedback/queue/{item.id}/move", moving(in_care)).status_code == 303

    sent = colleague.post(f"/feedback/queue/{item.id}/actions", {"action_id": str(action.id)})

    assert sent.status_code == 409
    said = page(sent).select_one("#moved-by")
    assert said is not None and "Sam Okafor moved it" in said.get_text(" ", strip=True)
    assert actions.actions_of(db, item.id or 0) == []
    assert events(db, "feedback.action.linked", item) == []


def test_an_item_read_before_a_move_is_not_linked_to_its_old_team_s_action_after_it(
    db: Session, settings: Settings, factory: Factory, front_door: Team, in_care: Team
) -> None:
    """The page of the item was read, then the item moved (another transaction), then the
    link was made: the link reads the item's team again, under a lock, and refuses."""
    item = given(db, settings, poster_for(factory, front_door))
    action = an_action(db, front_door, title="Reword the reception poster")
    by = actor(factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=front_door.id))
    assert item.team_id == front_door.id  # what the page read
    db.exec(  # the move, committed meanwhile by someone else: this session has not seen it
        update(FeedbackSubmission)
        .where(col(FeedbackSubmission.id) == item.id)
        .values(team_id=in_care.id)
        .execution_options(synchronize_session=False)
    )
    assert item.team_id == front_door.id

    with pytest.raises(triage.NotYours):
        actions.link_item(db, by, action, item)

    assert item.team_id == in_care.id
    assert actions.actions_of(db, item.id or 0) == []


def test_an_item_moved_while_its_page_is_being_made_is_shown_as_moved_as_a_page_is(
    app: FastAPI,
    db: Session,
    settings: Settings,
    factory: Factory,
    front_door: Team,
    in_care: Team,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The move lands between reading the item and marking it read (run here at that very
    point): opening it is a page like any other (200), saying where it went, never its words."""
    item = given(db, settings, poster_for(factory, front_door))
    reader = signed_in(app, factory, front_door, Role.SUPERVISOR)
    mover = actor(factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=front_door.id))
    marks_read = triage.open_item

    def moved_meanwhile(
        db: Session, by: Actor, submission: FeedbackSubmission, **kw: object
    ) -> bool:
        triage_move.move(db, mover, submission, front_door.id, in_care, WHY)
        return marks_read(db, by, submission, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(triage, "open_item", moved_meanwhile)
    shown = reader.get(f"/feedback/queue/{item.id}")

    assert shown.status_code == 200
    assert page(shown).select_one("#moved-by") is not None
    assert "My worker listens to me" not in shown.text
    assert events(db, "feedback.item.read", item) == []


def test_the_form_says_what_goes_and_what_stays(
    app: FastAPI, db: Session, settings: Settings, factory: Factory, front_door: Team, in_care: Team
) -> None:
    item = given(db, settings, poster_for(factory, front_door), worried_about_safety=True)
    worker = signed_in(app, factory, front_door, Role.SUPERVISOR)
    action = an_action(db, front_door)
    assert (
        worker.post(f"/feedback/queue/{item.id}/actions", {"action_id": str(action.id)}).status_code
        == 303
    )

    shown = worker.get(f"/feedback/queue/{item.id}")

    keeps = page(shown).select_one("#move-keeps")
    assert keeps is not None
    said = " ".join(keeps.get_text(" ").split())
    assert (
        "Its links to Front Door and MASH's actions are removed: an action belongs to one team"
        in said
    )
    assert "The safeguarding alert stays with the safeguarding inbox" in said


def test_errors_are_shown_beside_the_fields_with_everything_typed_kept(
    app: FastAPI, db: Session, settings: Settings, factory: Factory, front_door: Team, in_care: Team
) -> None:
    item = given(db, settings, poster_for(factory, front_door))
    worker = signed_in(app, factory, front_door, Role.SUPERVISOR)
    other_council = factory.make_council()
    elsewhere = factory.make_team(council_id=other_council.id, name="Elsewhere")

    empty = worker.post(f"/feedback/queue/{item.id}/move", {"tag": "contact", "worry": ""})
    assert empty.status_code == 422
    assert field_error(empty, "to_team") == "Choose the team to move it to"
    assert field_error(empty, "move_reason") == "Say why it belongs to that team"
    assert error_summary(empty) == [
        "Choose the team to move it to", "Say why it belongs to that team",
    ]  # fmt: skip
    assert value_of(empty, "tag") == "contact"

    no_reason = worker.post(f"/feedback/queue/{item.id}/move", moving(in_care, "  ", tag="x"))
    assert field_error(no_reason, "to_team") == ""
    assert value_of(no_reason, "to_team") == str(in_care.id) and value_of(no_reason, "tag") == "x"

    too_long = "because " * 200
    wrong = worker.post(f"/feedback/queue/{item.id}/move", moving(elsewhere, too_long))
    assert field_error(wrong, "to_team") == "Choose the team to move it to"
    assert field_error(wrong, "move_reason") == "Keep it to 1000 characters or fewer"
    assert value_of(wrong, "move_reason") == too_long  # as typed

    own = worker.post(f"/feedback/queue/{item.id}/move", moving(front_door))
    assert field_error(own, "to_team") == "Choose the team to move it to"
    db.refresh(item)
    assert item.team_id == front_door.id and events(db, triage.MOVED, item) == []


def test_what_was_typed_for_the_other_buttons_comes_back_after_a_move(
    app: FastAPI, db: Session, settings: Settings, factory: Factory, front_door: Team, in_care: Team
) -> None:
    """The principal social worker still sees it after moving it: back to its page, with the
    tag she was typing there and the move's own fields empty."""
    item = given(db, settings, poster_for(factory, front_door))
    psw = signed_in(app, factory, factory.make_team(), Role.PRINCIPAL_SOCIAL_WORKER)

    moved = psw.post(f"/feedback/queue/{item.id}/move", moving(in_care, tag="contact"))

    assert moved.status_code == 303
    assert moved.headers["location"].endswith(f"/feedback/queue/{item.id}")
    shown = psw.follow(moved)
    assert flash(shown).startswith("Moved to Children in Care.")
    assert value_of(shown, "tag") == "contact"
    assert value_of(shown, "move_reason") == "" and value_of(shown, "to_team") == ""
    db.refresh(item)
    assert item.team_id == in_care.id and item.status is SubmissionStatus.NEW


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD])
def test_someone_who_may_only_read_it_is_refused_and_the_refusal_audited(
    app: FastAPI,
    db: Session,
    settings: Settings,
    factory: Factory,
    front_door: Team,
    in_care: Team,
    role: Role,
) -> None:
    item = given(db, settings, poster_for(factory, front_door))
    reader = signed_in(app, factory, in_care, role)
    shown = reader.get(f"/feedback/queue/{item.id}")
    assert shown.status_code == 200 and page(shown).select_one("#to_team") is None

    refused = reader.post(f"/feedback/queue/{item.id}/move", moving(in_care))

    assert refused.status_code == 403
    db.expire_all()
    assert db.get(FeedbackSubmission, item.id).team_id == front_door.id  # type: ignore[union-attr]
    [refusal] = events(db, "feedback.refused", item)
    assert refusal.actor_id == reader.person.id
    assert "may read but not change" in json.loads(refusal.detail)["reason"]
    assert events(db, triage.MOVED, item) == []


def test_someone_who_does_not_see_it_is_answered_as_if_it_did_not_exist(
    app: FastAPI, db: Session, settings: Settings, factory: Factory, front_door: Team, in_care: Team
) -> None:
    item = given(db, settings, poster_for(factory, front_door))
    stranger = signed_in(app, factory, in_care, Role.SUPERVISOR)

    refused = stranger.post(
        f"/feedback/queue/{item.id}/move",
        {**moving(in_care), "from_team": str(in_care.id)},  # a form made up to look moved
    )

    assert refused.status_code == 404
    assert len(events(db, "feedback.refused", item)) == 1
    db.refresh(item)
    assert item.team_id == front_door.id


def test_closed_feedback_offers_no_move_and_a_move_sent_anyway_is_refused(
    app: FastAPI, db: Session, settings: Settings, factory: Factory, front_door: Team, in_care: Team
) -> None:
    item = given(db, settings, poster_for(factory, front_door))
    worker = signed_in(app, factory, front_door, Role.SUPERVISOR)
    shown = worker.get(f"/feedback/queue/{item.id}")  # the page, before it was closed
    assert page(shown).select_one("#to_team") is not None
    assert worker.post(f"/feedback/queue/{item.id}/close").status_code == 303
    assert page(worker.get(f"/feedback/queue/{item.id}")).select_one("#to_team") is None

    refused = worker.post(f"/feedback/queue/{item.id}/move", moving(in_care, tag="kept"))

    assert refused.status_code == 409
    said = page(refused).select_one("#move-closed")
    assert said is not None and said.get_text(" ", strip=True).endswith(triage_move.CLOSED)
    assert error_summary(refused) == [triage_move.CLOSED]
    assert value_of(refused, "tag") == "kept"
    db.refresh(item)
    assert item.team_id == front_door.id
    # Opening it again keeps what was typed for the move: the move's form has it then.
    opened = worker.post(f"/feedback/queue/{item.id}/reopen", moving(in_care, tag="kept"))
    shown = worker.follow(opened)
    assert value_of(shown, "move_reason") == WHY and value_of(shown, "to_team") == str(in_care.id)


def test_a_move_someone_made_since_the_page_was_shown_is_told_not_undone(
    app: FastAPI,
    db: Session,
    settings: Settings,
    factory: Factory,
    front_door: Team,
    in_care: Team,
    early_help: Team,
) -> None:
    """As two people moving it at the same moment on SQLite, whose writers take turns: the
    second is sent with the page showing the old team."""
    item = given(db, settings, poster_for(factory, front_door))
    first = signed_in(app, factory, front_door, Role.SUPERVISOR, name="Sam Okafor")
    second = signed_in(app, factory, front_door, Role.SUPERVISOR)
    psw = signed_in(app, factory, None, Role.PRINCIPAL_SOCIAL_WORKER)
    shown = {"from_team": str(front_door.id)}
    assert first.post(f"/feedback/queue/{item.id}/move", moving(in_care) | shown).status_code == 303

    late = second.post(
        f"/feedback/queue/{item.id}/move",
        moving(early_help, "It is about the family hub", body="Dear Jo") | shown,
    )
    assert late.status_code == 409
    said = page(late).select_one("#moved-by")
    assert (
        said is not None
        and "Sam Okafor moved it from Front Door and MASH to Children in Care" in said.text
    )
    typed = page(late).select_one("#typed-back")
    assert typed is not None
    kept = " ".join(typed.get_text(" ").split())
    assert "You were moving it to Early Help East" in kept
    assert "Why you were moving it It is about the family hub" in kept
    assert "Your reply Dear Jo" in kept

    # Someone who may still move it is shown its page, with the move named beside the field.
    again = psw.post(f"/feedback/queue/{item.id}/move", moving(early_help, "Family hub") | shown)
    assert again.status_code == 409
    assert field_error(again, "to_team").startswith("Sam Okafor moved it to Children in Care on ")
    assert value_of(again, "move_reason") == "Family hub"
    assert value_of(again, "to_team") == str(early_help.id)
    db.refresh(item)
    assert item.team_id == in_care.id and len(events(db, triage.MOVED, item)) == 1


# At the same moment, on a database of the test's own (PostgreSQL's writers do not take turns)


ROUNDS = 3


def _own_app(url: str, database: Database) -> tuple[FastAPI, Settings]:
    settings = make_settings(database_url=url, feedback_min_fill_seconds=0)
    return create_app(settings, database=database), settings


def test_two_people_moving_it_at_once_move_it_once_and_the_other_is_told(
    own_database: tuple[str, Database],
) -> None:
    url, database = own_database
    app, settings = _own_app(url, database)
    with database.session() as db:
        factory = Factory(db)
        front_door = factory.make_team(name="Front Door and MASH")
        to = {
            "Ash": factory.make_team(name="Children in Care"),
            "Bo": factory.make_team(name="Early Help East"),
        }
        link = poster_for(factory, front_door)
        item_ids = [given(db, settings, link).id for _ in range(ROUNDS)]
        tabs = [signed_in(app, factory, front_door, Role.SUPERVISOR, name=f"{n} Team") for n in to]
        db.commit()
    reasons = {tab.person.id: f"{tab.person.given_name}: it is theirs" for tab in tabs}
    team_of = {tab.person.id: to[tab.person.given_name] for tab in tabs}
    try:
        for item_id in item_ids:
            responses = at_once(
                *(
                    lambda tab=tab, item_id=item_id: tab.post(
                        f"/feedback/queue/{item_id}/move",
                        moving(team_of[tab.person.id], reasons[tab.person.id])
                        | {"from_team": str(front_door.id)},
                    )
                    for tab in tabs
                )
            )
            codes = sorted(r.status_code for r in responses)
            assert codes == [303, 409], [(r.status_code, heading_of(r)) for r in responses]
            won = next(n for n, r in enumerate(responses) if r.status_code == 303)
            winner, loser = tabs[won].person, tabs[1 - won].person
            told = page(responses[1 - won])
            said = told.select_one("#moved-by")
            assert said is not None and said.get_text(" ", strip=True).startswith(
                f"{winner.name} moved it from Front Door and MASH to {team_of[winner.id].name}"
            )
            typed = told.select_one("#typed-back")
            assert typed is not None and reasons[loser.id] in typed.get_text()
            with database.session() as db:
                item = db.get(FeedbackSubmission, item_id)
                assert item is not None and item.team_id == team_of[winner.id].id
                assert item.status is SubmissionStatus.NEW
                [moved] = events(db, triage.MOVED, item)
                assert moved.actor_id == winner.id
    finally:
        for tab in tabs:
            tab.client.close()


def test_one_moving_it_while_another_opens_it_never_leaves_it_read_for_the_new_team(
    own_database: tuple[str, Database],
) -> None:
    url, database = own_database
    app, settings = _own_app(url, database)
    with database.session() as db:
        factory = Factory(db)
        front_door = factory.make_team(name="Front Door and MASH")
        in_care = factory.make_team(name="Children in Care")
        link = poster_for(factory, front_door)
        item_ids = [given(db, settings, link).id for _ in range(ROUNDS)]
        mover = signed_in(app, factory, front_door, Role.SUPERVISOR, name="Ash Team")
        reader = signed_in(app, factory, front_door, Role.SUPERVISOR, name="Bo Team")
        db.commit()
    try:
        for item_id in item_ids:
            moved, opened = at_once(
                partial(
                    mover.post,
                    f"/feedback/queue/{item_id}/move",
                    moving(in_care) | {"from_team": str(front_door.id)},
                ),
                partial(reader.get, f"/feedback/queue/{item_id}"),
            )
            assert moved.status_code == 303
            with database.session() as db:
                item = db.get(FeedbackSubmission, item_id)
                assert item is not None and item.team_id == in_care.id
                # Read before the move or not at all: never read for the new team by the old.
                assert (item.status, item.read_by_id) == (SubmissionStatus.NEW, None)
                reads = events(db, "feedback.item.read", item)
                if page(opened).select_one("#moved-by") is not None:  # the move came first
                    assert opened.status_code == 200 and reads == []
                else:  # the read came first: the item, read by them, then moved
                    assert opened.status_code == 200 and "My worker listens to me" in opened.text
                    [read] = reads
                    assert read.actor_id == reader.person.id
                    assert json.loads(read.detail)["team_id"] == front_door.id
    finally:
        mover.client.close()
        reader.client.close()


# The demo ------------------------------------------------------------------------------------


def test_the_demo_moves_one_item_from_the_shared_contact_centre_to_its_team(
    fresh_database_url: object,
) -> None:
    from tests.feedback.test_demo import NOW, make_demo  # builds the demo of its own

    demo = make_demo(fresh_database_url)  # type: ignore[arg-type]
    try:
        with demo.database.session() as db:
            [event] = db.exec(select(AuditEvent).where(AuditEvent.action == triage.MOVED)).all()
            detail = json.loads(event.detail)
            item = db.get(FeedbackSubmission, int(event.record_id))
            assert item is not None and item.team_id == detail["to_team_id"]
            assert detail["from_team"] == "Front Door and MASH" and detail["reason"]
            assert detail["to_team"] in {
                "Early Help East",
                "Adoption and Permanence",
                "Children in Care",
            }
            assert item.submitted_at < event.occurred_at <= NOW
            team = db.get(Team, item.team_id)
            assert team is not None and team.name == detail["to_team"]
            reads = [
                e for e in db.exec(
                    select(AuditEvent)
                    .where(AuditEvent.action == "feedback.item.read")
                    .where(AuditEvent.record_id == event.record_id)
                ).all()
                if e.occurred_at > event.occurred_at
            ]  # fmt: skip
            assert all(json.loads(e.detail)["team_id"] == item.team_id for e in reads)
            if item.status is not SubmissionStatus.NEW:  # read by the new team since
                assert item.read_at is not None and item.read_at > event.occurred_at
    finally:
        demo.database.engine.dispose()


def test_a_move_naming_the_team_chosen_as_the_one_it_is_in_is_an_error_beside_the_field(
    app: FastAPI, db: Session, settings: Settings, factory: Factory, front_door: Team, in_care: Team
) -> None:
    """A page's "from" team (a hidden field) that is the team chosen: an error beside the
    field, what was typed kept, nothing moved (not a server error)."""
    item = given(db, settings, poster_for(factory, front_door))
    worker = signed_in(app, factory, front_door, Role.SUPERVISOR)

    sent = worker.post(
        f"/feedback/queue/{item.id}/move", moving(in_care) | {"from_team": str(in_care.id)}
    )

    assert sent.status_code == 422
    assert field_error(sent, "to_team") == "Choose a team other than the one it is in"
    assert value_of(sent, "move_reason") == WHY
    db.refresh(item)
    assert item.team_id == front_door.id
