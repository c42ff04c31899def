"""Two windows (or two people) on one supervision record: a session form opened before the
record last changed never saves over it unseen.

A page opened before the session was recorded cannot make it a draft again (the supervisee
would have nothing to sign off); a page opened before another save cannot wipe what that
save stored. Nothing typed into a refused form is lost: the form comes back as typed, beside
the record's answers where they differ. One page saving as it is typed in is never refused:
each save gives the page the record's new token.
"""

from __future__ import annotations

import json

from bs4 import Tag
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, col, select

from learning.accounts.dependencies import principal_for
from learning.audit.models import AuditEvent
from learning.audit.service import Actor
from learning.core.clock import to_london
from learning.core.db import Database
from learning.core.permissions import Role
from learning.org.models import Person
from learning.supervision import conflicts, lifecycle, service
from learning.supervision.forms import Fields
from learning.supervision.models import (
    CaseDiscussion,
    CaseDiscussionDraft,
    SupervisionAction,
    SupervisionSession,
)
from learning.supervision.terms import SessionStatus
from tests.factories import Factory
from tests.org.pages import error_summary, flash, page, value_of
from tests.supervision.factories import SignedIn, SupervisionFactory, sign_in
from tests.supervision.test_sessions import (
    action_form,
    case_form,
    pair,
    session_form,
    sf,
    start,
    supervisor,
)
from tests.support.concurrency import racing

__all__ = ["pair", "sf", "supervisor"]  # fixtures shared with test_sessions

HTMX = {"HX-Request": "true"}
AS_RECORDED = "Time to write up court reports."


def sent_by(response: Response, **typed: str) -> dict[str, list[str]]:
    """What a browser sends from the session form on this page, with ``typed`` typed into
    it: every field as the page shows it (an autosave sends the whole form)."""
    form = page(response).select_one("form#session-form")
    assert isinstance(form, Tag), "no session form on the page"
    sent: dict[str, list[str]] = {}
    for field in form.select("input[name], textarea[name]"):
        unticked = field.get("type") in ("radio", "checkbox") and not field.has_attr("checked")
        if field["name"] == "csrf_token" or unticked:
            continue
        value = field.get_text() if field.name == "textarea" else str(field.get("value", ""))
        sent.setdefault(str(field["name"]), []).append(value)
    return {**sent, **{name: [value] for name, value in typed.items()}}


def said(response: Response) -> str:
    """The text of a page or an autosave's status line, as read out."""
    return " ".join(page(response).get_text().split())


def latest_saved(response: Response) -> list[tuple[str, str]]:
    """The record's answers a refused page shows beside the form, by label."""
    return [(row.dt.get_text(strip=True), row.dd.get_text(" ", strip=True))
            for row in page(response).select("#latest-saved .govuk-summary-list__row")
            if row.dt is not None and row.dd is not None]


def stored(db: Session, session_id: int) -> SupervisionSession:
    db.expire_all()
    session = db.get(SupervisionSession, session_id)
    assert session is not None
    return session


def when_recorded(db: Session, session_id: int) -> str:
    return to_london(stored(db, session_id).updated_at).strftime("%H:%M")


def two_windows_then_recorded(me: SignedIn, worker: Person) -> tuple[int, Response]:
    """A complete draft opened in two windows, recorded from the first; the second."""
    session_id = start(me, worker)
    me.post(f"/supervision/sessions/{session_id}/autosave", session_form())
    first = me.get(f"/supervision/sessions/{session_id}/edit")
    second = me.get(f"/supervision/sessions/{session_id}/edit")
    recorded = me.post(f"/supervision/sessions/{session_id}/record", sent_by(first))
    assert recorded.status_code == 303, recorded.text[:500]
    return session_id, second


# A page opened before the session was recorded -------------------------------------------


def test_typing_in_a_window_opened_before_the_session_was_recorded_leaves_it_recorded(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id, older = two_windows_then_recorded(supervisor, pair[1])
    saves_before = db.exec(select(AuditEvent).where(
        AuditEvent.action == "supervision.session.draft_saved")).all()

    typed = supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                            sent_by(older, support_needs="Typed in the older window."),
                            headers=HTMX)

    assert typed.status_code == 200
    assert said(typed) == (
        f"This session was recorded at {when_recorded(db, session_id)} after you opened this "
        "page, so this change was not saved. Use \"Save draft\" to see your changes beside "
        "the record as it was recorded, or open the record.")
    link = page(typed).select_one("a")
    assert link is not None and str(link["href"]).endswith(f"/supervision/sessions/{session_id}")
    assert page(typed).select_one("#session-seen") is None  # the page keeps its old token
    session = stored(db, session_id)
    assert session.status == SessionStatus.HELD and lifecycle.awaiting_sign_off(session)
    assert session.support_needs == AS_RECORDED
    assert db.exec(select(AuditEvent).where(
        AuditEvent.action == "supervision.session.draft_saved")).all() == saves_before
    [refusal] = db.exec(select(AuditEvent).where(
        AuditEvent.action == "supervision.session.save_refused")).all()
    assert refusal.result == "refused"
    assert json.loads(refusal.detail)["answers"] == ["support_needs"]


def test_save_draft_from_a_window_opened_before_recording_is_refused_keeping_what_was_typed(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id, older = two_windows_then_recorded(supervisor, pair[1])

    refused = supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                              sent_by(older, support_needs="Typed in the older window."))

    assert refused.status_code == 409
    assert error_summary(refused) == [
        f"This session was recorded at {when_recorded(db, session_id)} after you opened this "
        "page, so your changes were not saved"]
    summary_link = page(refused).select_one(".govuk-error-summary a")
    assert summary_link is not None and summary_link["href"] == "#latest-saved"
    assert value_of(refused, "support_needs") == "Typed in the older window."
    assert latest_saved(refused) == [("Support needs", AS_RECORDED)]
    assert "If you change it, it becomes a draft again" in said(refused)  # the page warns
    assert stored(db, session_id).status == SessionStatus.HELD
    # It does not save as it is typed in: a keystroke there used to put the older window's
    # answers over the record at once, with the record's token, and make it a draft.
    form = page(refused).select_one("form#session-form")
    assert form is not None and not form.has_attr("hx-post") and not form.has_attr("hx-trigger")
    status = page(refused).select_one("#save-status")
    assert status is not None and "Nothing on this page is saved until you press" in status.text
    opened = page(supervisor.get(f"/supervision/sessions/{session_id}/edit"))
    fresh = opened.select_one("form#session-form")
    assert fresh is not None and fresh.has_attr("hx-post")
    # Recording from the older window is refused the same way.
    again = supervisor.post(f"/supervision/sessions/{session_id}/record",
                            sent_by(older, support_needs="Typed in the older window."))
    assert again.status_code == 409
    assert stored(db, session_id).support_needs == AS_RECORDED


def test_a_form_without_a_token_never_makes_a_recorded_session_a_draft_again(
    supervisor: SignedIn, sf: SupervisionFactory, pair: tuple[Person, Person], db: Session,
) -> None:
    session = sf.make_session(*pair)
    assert session.id is not None

    typed = supervisor.post(f"/supervision/sessions/{session.id}/autosave",
                            {"support_needs": "Sent without a token."}, headers=HTMX)

    assert said(typed).startswith("This session was recorded at ")
    assert stored(db, session.id).status == SessionStatus.HELD


def test_an_amendment_still_reopens_a_signed_record_but_a_page_from_before_it_cannot_save(
    client: TestClient, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
    db: Session,
) -> None:
    boss, worker = pair
    session = sf.make_session(boss, worker)
    me = sign_in(client, factory, boss)
    before_sign_off = me.get(f"/supervision/sessions/{session.id}/edit")
    session.signed_off_at = session.created_at
    db.add(session)
    db.commit()

    amended = me.post(f"/supervision/sessions/{session.id}/amend", {"reason": "Wrong date."})
    amending = me.follow(amended)
    saved = me.post(f"/supervision/sessions/{session.id}/autosave",
                    sent_by(amending, support_needs="Added in the amendment."), headers=HTMX)
    stale = me.post(f"/supervision/sessions/{session.id}/autosave",
                    sent_by(before_sign_off, career_goals="From before the sign-off."),
                    headers=HTMX)

    assert said(saved).startswith("Draft saved at ")
    assert said(stale).startswith("This session was changed in another window")
    amendment = stored(db, session.id)
    assert (amendment.version, amendment.status) == (2, SessionStatus.DRAFT)
    assert (amendment.support_needs, amendment.career_goals) == ("Added in the amendment.", "")


def part_page_then_recorded(me: SignedIn, worker: Person, part: str) -> tuple[int, str]:
    """A complete draft; the page of one of its parts (``part``: its address below the
    session's) opened; the session recorded from its own form. The stage that page carries."""
    session_id = start(me, worker)
    me.post(f"/supervision/sessions/{session_id}/autosave", session_form())
    opened = me.get(f"/supervision/sessions/{session_id}/{part}")
    stage = page(opened).select_one("form input[name=stage]")
    assert stage is not None
    form = me.get(f"/supervision/sessions/{session_id}/edit")
    me.follow(me.post(f"/supervision/sessions/{session_id}/record", sent_by(form)))
    return session_id, str(stage["value"])


def test_a_case_discussion_page_opened_before_recording_cannot_make_it_a_draft_again(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id, stage = part_page_then_recorded(supervisor, pair[1], "cases/new")
    typed = {**case_form(), "stage": stage}

    autosaved = supervisor.post(f"/supervision/sessions/{session_id}/cases/draft", typed,
                                headers=HTMX)
    saved = supervisor.post(f"/supervision/sessions/{session_id}/cases", typed)

    record = f"/supervision/sessions/{session_id}"
    assert autosaved.headers["HX-Redirect"].endswith(record)
    assert saved.headers["location"].endswith(record)
    shown = supervisor.get(record)
    assert flash(shown) == (f"This session was recorded at {when_recorded(db, session_id)} "
                            "after you opened that page, so your changes were not saved")
    assert "We are worried Z could be hurt again" in shown.text  # the words, to copy
    assert stored(db, session_id).status == SessionStatus.HELD
    assert db.exec(select(CaseDiscussion)).all() == []
    assert db.exec(select(CaseDiscussionDraft)).all() == []


def test_an_action_page_opened_before_recording_cannot_make_it_a_draft_again(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id, stage = part_page_then_recorded(supervisor, pair[1], "actions/new")

    added = supervisor.post(f"/supervision/sessions/{session_id}/actions",
                            {**action_form(pair[1]), "stage": stage})

    assert added.headers["location"].endswith(f"/supervision/sessions/{session_id}")
    assert stored(db, session_id).status == SessionStatus.HELD
    assert db.exec(select(SupervisionAction)).all() == []


def test_removing_a_case_discussion_from_a_page_opened_before_recording_is_refused(
    supervisor: SignedIn, sf: SupervisionFactory, pair: tuple[Person, Person], db: Session,
) -> None:
    session = sf.make_session(*pair, status=SessionStatus.DRAFT)
    case = sf.make_case_discussion(session)
    opened = supervisor.get(f"/supervision/cases/{case.id}/remove")
    stage = page(opened).select_one("form input[name=stage]")
    assert stage is not None
    session.status = SessionStatus.HELD  # recorded in another window
    db.add(session)
    db.commit()

    supervisor.post(f"/supervision/cases/{case.id}/remove", {"stage": str(stage["value"])})

    assert db.get(CaseDiscussion, case.id) is not None
    assert stored(db, session.id or 0).status == SessionStatus.HELD


# Two windows on a draft: no lost update --------------------------------------------------


def test_an_autosave_from_the_older_of_two_windows_is_refused_and_wipes_nothing(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    first = supervisor.get(f"/supervision/sessions/{session_id}/edit")
    second = supervisor.get(f"/supervision/sessions/{session_id}/edit")

    saved = supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                            sent_by(first, support_needs="Time to think."), headers=HTMX)
    refused = supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                              sent_by(second, career_goals="Team manager."), headers=HTMX)

    assert said(saved).startswith("Draft saved at ")
    assert said(refused) == (
        "This session was changed in another window or by someone else since you opened it, "
        "so this change was not saved. Use \"Save draft\" to see your changes beside the "
        "latest saved answers.")
    session = stored(db, session_id)
    assert (session.support_needs, session.career_goals) == ("Time to think.", "")


def test_save_draft_from_the_older_window_shows_both_and_saving_again_keeps_the_merge(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    first = supervisor.get(f"/supervision/sessions/{session_id}/edit")
    second = supervisor.get(f"/supervision/sessions/{session_id}/edit")
    supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                    sent_by(first, support_needs="Time to think."), headers=HTMX)

    refused = supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                              sent_by(second, career_goals="Team manager."))

    assert refused.status_code == 409
    assert error_summary(refused) == [
        "This session was changed in another window or by someone else since you opened it, "
        "so your changes were not saved"]
    assert value_of(refused, "career_goals") == "Team manager."  # what they typed
    assert latest_saved(refused) == [("Support needs", "Time to think."),
                                     ("Career goals", "Not given")]
    record = page(refused).select_one("#latest-saved a")
    assert record is not None
    assert str(record["href"]).endswith(f"/supervision/sessions/{session_id}")
    # Having seen both, they save again from that page, with what the other window saved.
    merged = supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                             sent_by(refused, support_needs="Time to think."))
    assert merged.status_code == 303
    session = stored(db, session_id)
    assert (session.support_needs, session.career_goals) == ("Time to think.", "Team manager.")


def test_one_page_keeps_saving_as_it_is_typed_in_with_the_token_each_save_brings(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    shown = supervisor.get(f"/supervision/sessions/{session_id}/edit")
    form = page(shown).select_one("form#session-form")
    # Saves wait for the one before (its answer brings the token) rather than replace it.
    assert form is not None and form["hx-sync"] == "this:queue last"
    sent = sent_by(shown)
    url = f"/supervision/sessions/{session_id}/autosave"

    for words in ("Time", "Time to", "Time to think."):
        answer = supervisor.post(url, {**sent, "support_needs": [words]}, headers=HTMX)
        assert said(answer).startswith("Draft saved at ")
        token = page(answer).select_one("#session-seen[hx-swap-oob=true]")
        assert token is not None
        sent["seen"] = [str(token["value"])]

    assert stored(db, session_id).support_needs == "Time to think."
    first_token = sent_by(shown)["seen"]
    late = supervisor.post(url, {**sent, "support_needs": ["Time"], "seen": first_token},
                           headers=HTMX)
    assert said(late).startswith("This session was changed")


def test_an_autosave_and_a_button_pressed_at_once_on_one_page_both_go_through(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    supervisor.post(f"/supervision/sessions/{session_id}/autosave", session_form())
    shown = supervisor.get(f"/supervision/sessions/{session_id}/edit")
    typed = sent_by(shown, career_goals="Team manager.")

    # Leaving the box saves it; the click on "Record" left with the page's token too.
    saved = supervisor.post(f"/supervision/sessions/{session_id}/autosave", typed, headers=HTMX)
    recorded = supervisor.post(f"/supervision/sessions/{session_id}/record", typed)

    assert said(saved).startswith("Draft saved at ")
    assert recorded.status_code == 303
    session = stored(db, session_id)
    assert (session.status, session.career_goals) == (SessionStatus.HELD, "Team manager.")


def test_two_saves_sent_at_once_from_windows_opened_together_are_taken_in_turn(
    own_database: tuple[str, Database],
) -> None:
    _, database = own_database
    with database.transaction() as db:
        boss, worker = SupervisionFactory(Factory(db)).make_pair()
        assert worker.id is not None
        principal = principal_for(boss, frozenset({Role.SUPERVISOR}), "test")
        actor = Actor(boss.id, boss.name, boss.council_id)
        session, _ = service.create_session(db, principal, actor, worker.id)
        assert session.id is not None
        session_id, token = session.id, service.form_token(db, session)

    def save(n: int) -> str:
        typed = Fields({"support_needs": f"Typed in window {n}.", "seen": token})
        with database.transaction() as db:
            try:
                service.save_draft(db, principal, actor, session_id, typed)
            except service.ChangedSinceOpened:
                return "refused"
            return "saved"

    assert sorted(racing(2, save)) == ["refused", "saved"]
    with database.session() as db:
        kept = db.get(SupervisionSession, session_id)
        assert kept is not None and kept.support_needs in ("Typed in window 0.",
                                                           "Typed in window 1.")
        events = db.exec(select(AuditEvent).where(
            AuditEvent.action == "supervision.session.draft_saved")
            .order_by(col(AuditEvent.id))).all()
        assert len(events) == 1


# The rules, without pages --------------------------------------------------------------


def test_answers_are_compared_as_they_read_and_only_when_sent() -> None:
    shown = {"planned_for-day": "3", "planned_for-month": "4", "planned_for-year": "2025",
             "support_needs": "Time to think.", "functions": ["management"]}

    same_day = Fields({"planned_for-day": "03", "planned_for-month": "04",
                       "planned_for-year": "2025", "functions": ["", "management"]})
    other_words = Fields({"support_needs": "Time to think, and to read."})

    assert conflicts.differing_answers(same_day, shown) == []
    assert conflicts.differing_answers(other_words, shown) == ["support_needs"]


def test_the_records_answers_read_as_words_beside_a_refused_form() -> None:
    shown = {"planned_for-day": "3", "planned_for-month": "4", "planned_for-year": "2025",
             "outcome": "held", "attendees": ["7"], "functions": ["management"],
             "duration_minutes": "90", "reflective_model": "gibbs",
             "reflection-feelings": "Worried.", "wellbeing": ""}
    names = ["planned_for", "outcome", "attendees", "functions", "duration_minutes",
             "reflective_model", "reflection-feelings", "wellbeing"]

    assert conflicts.latest_answers(names, shown, {7: "Ola Berg"}) == [
        ("Planned date", "3 April 2025"),
        ("What happened", "Held"),
        ("Who else attended", "Ola Berg"),
        ("Functions of supervision covered", "Management: competent, accountable practice"),
        ("How long it lasted", "90 minutes"),
        ("Reflective model", "Gibbs' reflective cycle"),
        ("Feelings", "Worried."),
        ("Wellbeing", ""),
    ]
