"""Defects a reviewer reproduced with the demo council, each fixed and kept fixed:

1. a sign-off sent from a page read before the record changed is refused, keeping what was
   typed and chosen, with the record as it is now to read again;
2. only the supervisee's current supervisor drops an agreed action, with a reason that is
   kept and shown; anyone else is refused (audited); a supervisee marks her own done;
3. actions of a draft never recorded are nobody's to follow yet, and such a draft can be
   discarded (with a confirmation page, audited);
4. only a held session needs sign-off, on every page;
5. ad hoc and group sessions do not reset when one-to-one supervision is next due;
6. the history's three action tables each have their own label.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from bs4 import Tag
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.core.clock import today, utcnow
from learning.core.permissions import Role
from learning.org.models import Person
from learning.supervision import forms, lifecycle, queries
from learning.supervision.models import (
    CaseDiscussion,
    SafetyRating,
    SupervisionAction,
    SupervisionPolicy,
    SupervisionSession,
    WorkloadSnapshot,
)
from learning.supervision.overview import period_ending, team_overview
from learning.supervision.queries import OversightScope
from learning.supervision.terms import ActionStatus, Rag, RaterRole, SessionStatus, SessionType
from tests.factories import Factory
from tests.factories import audit_events as events
from tests.org.pages import field_error, flash, heading, page, value_of
from tests.supervision.factories import SupervisionFactory, sign_in
from tests.supervision.test_sessions import opened_as, seen_on, session_form


def ago(days: int) -> date:
    return today() - timedelta(days=days)


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


@pytest.fixture
def pair(sf: SupervisionFactory, factory: Factory) -> tuple[Person, Person]:
    team = factory.make_team()
    return sf.make_pair(team_id=team.id)


# 1. Signing off only what was read ---------------------------------------------------------


def test_a_sign_off_from_a_page_read_before_the_record_changed_is_refused_keeping_what_was_typed(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
    pair: tuple[Person, Person],
) -> None:
    boss, quinn = pair
    session = sf.make_session(boss, quinn, planned_for=today(),
                              reflections={"experience": "What Quinn read."})
    me = sign_in(client, factory, quinn)
    read = me.get(f"/supervision/sessions/{session.id}")
    assert "What Quinn read." in read.text
    seen = seen_on(read)

    # Her supervisor changes the reflections and records the session again.
    them = sign_in(client, factory, boss)
    form = them.get(f"/supervision/sessions/{session.id}/edit")
    changed = them.post(f"/supervision/sessions/{session.id}/record", {
        **session_form(**{"reflection-experience": "Words Quinn never saw."}),
        "seen": opened_as(form)})
    assert changed.status_code == 303
    db.refresh(session)
    assert lifecycle.awaiting_sign_off(session)

    me = sign_in(client, factory, quinn)
    sent = me.post(f"/supervision/sessions/{session.id}/sign-off",
                   {"agreed": "yes", "comment": "Thank you, a useful session.",
                    "sharing": ["personal"], "seen": seen})

    assert sent.status_code == 409
    db.refresh(session)
    assert session.signed_off_at is None and session.supervisee_agreed is None
    assert field_error(sent, "agreed") == forms.RECORD_CHANGED
    assert "Words Quinn never saw." in sent.text  # the record as it is now
    assert value_of(sent, "comment") == "Thank you, a useful session."  # kept as typed
    chosen = page(sent).select_one("input[name=agreed][value=yes]")
    assert isinstance(chosen, Tag) and chosen.has_attr("checked")
    boxes = {str(b["value"]): b.has_attr("checked")
             for b in page(sent).select("input[name=sharing][type=checkbox]")}
    assert boxes == {"personal": True, "case_learning": False}
    assert seen_on(sent) != seen
    assert [e.result for e in events(db, "supervision.session.sign_off_refused")] == ["refused"]

    # Having read it again, she signs off what she read.
    signed = me.post(f"/supervision/sessions/{session.id}/sign-off",
                     {"agreed": "yes", "comment": "", "seen": seen_on(sent)})
    assert signed.status_code == 303
    db.refresh(session)
    assert session.locked and session.supervisee_agreed


def test_a_sign_off_without_the_fingerprint_of_what_was_read_is_refused(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
    pair: tuple[Person, Person],
) -> None:
    session = sf.make_session(*pair)
    me = sign_in(client, factory, pair[1])

    sent = me.post(f"/supervision/sessions/{session.id}/sign-off", {"agreed": "yes"})

    assert sent.status_code == 409
    db.refresh(session)
    assert not session.locked


def test_following_up_actions_does_not_change_what_the_supervisee_signs_off(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
    pair: tuple[Person, Person],
) -> None:
    session = sf.make_session(*pair)
    action = sf.make_action(session)
    me = sign_in(client, factory, pair[1])
    read = me.get(f"/supervision/sessions/{session.id}")
    assert me.post(f"/supervision/actions/{action.id}/status",
                   {"status": "done"}).status_code == 303

    signed = me.post(f"/supervision/sessions/{session.id}/sign-off",
                     {"agreed": "yes", "seen": seen_on(read)})

    assert signed.status_code == 303
    db.refresh(session)
    assert session.locked


# 2. Who may drop an agreed action ----------------------------------------------------------


def test_a_supervisee_cannot_drop_her_actions_but_may_mark_them_done(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
    pair: tuple[Person, Person],
) -> None:
    session = sf.make_session(*pair, signed=True)
    mine = sf.make_action(session, description="Write the chronology.")
    case = sf.make_case_discussion(session)
    of_case = sf.make_action(session, case_discussion_id=case.id, description="Case action.")
    me = sign_in(client, factory, pair[1])

    for action in (mine, of_case):
        for form in ({"status": "dropped"}, {"status": "dropped", "reason": "Not needed."}):
            refused = me.post(f"/supervision/actions/{action.id}/status", form)
            assert refused.status_code == 404
            db.refresh(action)
            assert action.status is ActionStatus.OPEN
    assert len(events(db, "supervision.refused")) == 4

    done = me.post(f"/supervision/actions/{mine.id}/status", {"status": "done"})
    assert done.status_code == 303
    db.refresh(mine)
    assert mine.status is ActionStatus.DONE


def test_a_former_supervisor_cannot_drop_or_mark_an_action(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
) -> None:
    former = factory.make_person(roles=(Role.SUPERVISOR,))
    worker = factory.make_person(roles=(Role.PRACTITIONER,))
    factory.make_relationship(former, worker, starts_on=ago(200), ends_on=ago(10))
    session = sf.make_session(former, worker, planned_for=ago(30), signed=True)
    action = sf.make_action(session)
    them = sign_in(client, factory, former)

    for status in ("dropped", "done"):
        refused = them.post(f"/supervision/actions/{action.id}/status",
                            {"status": status, "reason": "Not needed any more."})
        assert refused.status_code == 404
    assert them.get(f"/supervision/actions/{action.id}/drop").status_code == 404
    db.refresh(action)
    assert action.status is ActionStatus.OPEN
    assert len(events(db, "supervision.refused")) == 3


def test_the_current_supervisor_drops_an_action_with_a_reason_that_is_shown(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
    pair: tuple[Person, Person],
) -> None:
    boss, worker = pair
    session = sf.make_session(boss, worker, signed=True)
    action = sf.make_action(session, description="Book the course.")
    them = sign_in(client, factory, boss)

    asked = them.get(f"/supervision/actions/{action.id}/drop")
    assert heading(asked) == "Drop this action?"
    no_reason = them.post(f"/supervision/actions/{action.id}/status",
                          {"status": "dropped", "reason": "  "})
    assert no_reason.status_code == 422
    assert field_error(no_reason, "reason") == "Enter why the action is being dropped"
    db.refresh(action)
    assert action.status is ActionStatus.OPEN
    dropped = them.post(f"/supervision/actions/{action.id}/status",
                        {"status": "dropped", "reason": "The provider cancelled the course."})
    assert dropped.status_code == 303
    db.refresh(action)
    assert (action.status, action.status_reason, action.status_changed_by_id) == (
        ActionStatus.DROPPED, "The provider cancelled the course.", boss.id)
    [changed] = events(db, "supervision.action.status_changed")
    assert json.loads(changed.detail)["reason"] == "The provider cancelled the course."

    me = sign_in(client, factory, worker)
    record = me.get(f"/supervision/sessions/{session.id}")
    assert f"Dropped by {boss.name}" in record.text
    assert "The provider cancelled the course." in record.text
    history = me.get(f"/supervision/supervisees/{worker.id}")
    assert "The provider cancelled the course." in history.text
    # and she cannot open again what her supervisor dropped
    again = me.post(f"/supervision/actions/{action.id}/status", {"status": "open"})
    assert again.status_code == 404


# 3. Actions of drafts never recorded, and discarding such a draft ---------------------------


def test_actions_of_a_draft_never_recorded_are_not_open_or_overdue_anywhere(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
    pair: tuple[Person, Person],
) -> None:
    boss, worker = pair
    draft = sf.make_session(boss, worker, status=SessionStatus.DRAFT, planned_for=ago(40))
    sf.make_action(draft, due_on=ago(20), description="From a draft nobody recorded.")
    scope = select(Person.id).where(Person.id == worker.id)

    assert queries.action_counts(db, worker.council_id, scope, today()) == {}
    assert queries.overdue_actions(db, worker.council_id, scope, today()) == []
    me = sign_in(client, factory, worker)
    assert "From a draft nobody recorded." not in me.get("/supervision/mine").text
    assert "From a draft nobody recorded." not in me.get(
        f"/supervision/supervisees/{worker.id}").text
    later = sf.make_session(boss, worker, status=SessionStatus.DRAFT, planned_for=today())
    them = sign_in(client, factory, boss)
    edit = them.get(f"/supervision/sessions/{later.id}/edit")
    assert "From a draft nobody recorded." not in edit.text  # not carried into the next


def test_actions_of_records_being_changed_or_amended_still_count(
    db: Session, sf: SupervisionFactory, pair: tuple[Person, Person],
) -> None:
    boss, worker = pair
    amended = sf.make_session(boss, worker, status=SessionStatus.DRAFT, version=2)
    reopened = sf.make_session(boss, worker, status=SessionStatus.DRAFT,
                               first_recorded_at=utcnow())
    for session in (amended, reopened):
        sf.make_action(session, due_on=ago(1))
    scope = select(Person.id).where(Person.id == worker.id)

    assert queries.action_counts(db, worker.council_id, scope, today()) == {worker.id: (2, 2)}


def test_a_supervisor_discards_a_draft_never_recorded_after_confirming(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
    pair: tuple[Person, Person],
) -> None:
    boss, worker = pair
    kept = sf.make_session(boss, worker, signed=True, planned_for=ago(30))
    kept_action = sf.make_action(kept)
    them = sign_in(client, factory, boss)
    started = them.post(f"/supervision/supervisees/{worker.id}/sessions")
    session_id = int(started.headers["location"].rstrip("/").split("/")[-2])
    draft = db.get(SupervisionSession, session_id)
    assert draft is not None
    case_id = sf.make_case_discussion(draft, ratings={RaterRole.PRACTITIONER: 4}).id
    sf.make_action(draft)
    taken = WorkloadSnapshot(council_id=worker.council_id, person_id=worker.id,
                             session_id=session_id, policy_id=_policy_id(db, worker),
                             taken_on=today(), points=10, capacity=100, rag=Rag.GREEN)
    db.add(taken)
    db.commit()

    edit = them.get(f"/supervision/sessions/{session_id}/edit")
    button = page(edit).find("button", string="Discard this draft")
    assert isinstance(button, Tag) and button["value"] == "discard"
    asked = them.post(f"/supervision/sessions/{session_id}/autosave",
                      {**session_form(), "then": "discard"})
    confirm = them.follow(asked)
    assert heading(confirm) == f"Discard the draft record of supervision with {worker.name}?"
    assert "1 case discussion" in confirm.text and "1 action" in confirm.text

    gone = them.post(f"/supervision/sessions/{session_id}/discard")

    assert gone.status_code == 303
    assert flash(them.follow(gone)) == f"The draft record for {worker.name} has been discarded"
    db.expire_all()
    assert db.get(SupervisionSession, session_id) is None
    assert db.get(CaseDiscussion, case_id) is None
    assert db.exec(select(SafetyRating)).all() == []
    assert [a.id for a in db.exec(select(SupervisionAction)).all()] == [kept_action.id]
    snapshot = db.get(WorkloadSnapshot, taken.id)
    assert snapshot is not None and snapshot.session_id is None  # the practitioner's, kept
    assert db.get(SupervisionSession, kept.id) is not None
    [discarded] = events(db, "supervision.session.discarded")
    assert discarded.record_id == str(session_id) and discarded.actor_id == boss.id


def _policy_id(db: Session, person: Person) -> int:
    policy = SupervisionPolicy(council_id=person.council_id, kind="workload", body="{}")
    db.add(policy)
    db.flush()
    assert policy.id is not None
    return policy.id


@pytest.mark.parametrize("kind", ["recorded", "reopened", "amended"])
def test_a_record_recorded_at_any_time_cannot_be_discarded(
    kind: str, client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
    pair: tuple[Person, Person],
) -> None:
    fields: dict[str, Any] = {
        "recorded": {},
        "reopened": {"status": SessionStatus.DRAFT, "first_recorded_at": utcnow()},
        "amended": {"status": SessionStatus.DRAFT, "version": 2},
    }[kind]
    session = sf.make_session(*pair, **fields)
    them = sign_in(client, factory, pair[0])

    assert "Discard this draft" not in them.get(f"/supervision/sessions/{session.id}").text
    refused = them.post(f"/supervision/sessions/{session.id}/discard")

    assert refused.status_code == 303
    assert "cannot be discarded" in flash(them.follow(refused))
    db.expire_all()
    assert db.get(SupervisionSession, session.id) is not None


def test_only_its_supervisor_discards_a_draft(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session,
    pair: tuple[Person, Person],
) -> None:
    session = sf.make_session(*pair, status=SessionStatus.DRAFT)
    another, _ = sf.make_pair()
    them = sign_in(client, factory, another)

    assert them.get(f"/supervision/sessions/{session.id}/discard").status_code == 404
    assert them.post(f"/supervision/sessions/{session.id}/discard").status_code == 404
    me = sign_in(client, factory, pair[1])  # a supervisee may not record, nor discard
    assert me.post(f"/supervision/sessions/{session.id}/discard").status_code == 403

    db.expire_all()
    assert db.get(SupervisionSession, session.id) is not None
    assert events(db, "supervision.refused")


# 4. Only held sessions need sign-off ---------------------------------------------------------


@pytest.mark.parametrize("status", [SessionStatus.CANCELLED, SessionStatus.RESCHEDULED])
def test_a_session_that_did_not_happen_needs_no_sign_off_anywhere(
    status: SessionStatus, client: TestClient, factory: Factory, sf: SupervisionFactory,
    db: Session, pair: tuple[Person, Person],
) -> None:
    boss, worker = pair
    session = sf.make_session(boss, worker, status=status)
    assert not lifecycle.awaiting_sign_off(session)
    me = sign_in(client, factory, worker)

    mine = me.get("/supervision/mine")
    assert page(mine).select("ul[aria-labelledby=awaiting-heading] a") == []
    assert "No sign-off needed" in mine.text
    record = me.get(f"/supervision/sessions/{session.id}")
    assert "Is this an accurate record" not in record.text
    assert page(record).select_one("input[name=seen]") is None
    history = me.get(f"/supervision/supervisees/{worker.id}")
    [row] = page(history).select("#sessions tbody tr")
    assert "Not needed" in row.get_text()
    refused = me.post(f"/supervision/sessions/{session.id}/sign-off", {"agreed": "yes"})
    assert refused.status_code == 303
    db.refresh(session)
    assert session.signed_off_at is None


# 5. Only formal one-to-one supervision sets when it is next due -----------------------------


@pytest.mark.parametrize("kind", [SessionType.AD_HOC, SessionType.GROUP])
def test_an_ad_hoc_chat_or_a_group_session_does_not_reset_when_supervision_is_next_due(
    kind: SessionType, client: TestClient, factory: Factory, sf: SupervisionFactory,
    db: Session, pair: tuple[Person, Person],
) -> None:
    boss, worker = pair
    sf.make_session(boss, worker, planned_for=ago(73), signed=True)
    sf.make_session(boss, worker, planned_for=ago(3), signed=True, session_type=kind,
                    duration_minutes=20)
    scope = select(Person.id).where(Person.id == worker.id)

    assert queries.last_held(db, scope) == {worker.id: ago(73)}
    them = sign_in(client, factory, boss)
    [row] = page(them.get("/supervision")).select("#supervisees tbody tr")
    assert "Overdue by" in row.get_text()
    history = them.get(f"/supervision/supervisees/{worker.id}")
    rows = page(history).select("#sessions tbody tr")
    assert len(rows) == 2  # shown, and said not to count
    assert "Does not count towards the agreed frequency" in rows[0].get_text()
    assert "Does not count" not in rows[1].get_text()
    overview = team_overview(db, OversightScope(worker.council_id, (worker.team_id or 0,)),
                             period_ending(today(), 1), today())
    [line] = [r for r in overview.rows if r.person.id == worker.id]
    assert line.figures.held == 0


# 6. The history's action tables each have their own label --------------------------------


def test_each_action_table_on_the_history_page_has_its_own_label(
    client: TestClient, factory: Factory, sf: SupervisionFactory,
    pair: tuple[Person, Person],
) -> None:
    boss, worker = pair
    session = sf.make_session(boss, worker, signed=True, planned_for=ago(30))
    sf.make_action(session, due_on=ago(2), description="Overdue one.")
    sf.make_action(session, due_on=today() + timedelta(days=5), description="Open one.")
    sf.make_action(session, status=ActionStatus.DONE, description="Done one.")
    me = sign_in(client, factory, worker)

    shown = page(me.get(f"/supervision/supervisees/{worker.id}"))

    labels = {}
    for table_id in ("actions-overdue", "actions-open", "actions-done"):
        table = shown.select_one(f"table#{table_id}")
        assert isinstance(table, Tag)
        region = table.find_parent("div", attrs={"role": "region"})
        assert isinstance(region, Tag)
        caption = shown.find(id=str(region["aria-labelledby"]))
        assert isinstance(caption, Tag) and caption.name == "caption"
        assert caption.find_parent("table") is table
        labels[table_id] = caption.get_text(strip=True)
    assert labels == {"actions-overdue": "Overdue actions",
                      "actions-open": "Open actions, not yet due",
                      "actions-done": "Done or dropped actions (most recent)"}
    ids = [str(tag["id"]) for tag in shown.find_all(id=True)]
    assert len(ids) == len(set(ids))
