"""Drafts of case discussions: what the supervisor types is kept as it is typed (HTMX) or
with "Save draft", valid or not, and shown again when the form is next opened (after a
closed tab or a sign-in that ran out); saving, removing or discarding forgets it; only the
session's supervisor, and only while the record may change."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.core.permissions import Role
from learning.org.models import Person
from learning.supervision.models import (
    CaseDiscussion,
    CaseDiscussionDraft,
    SupervisionSession,
)
from learning.supervision.service import UNSAVED_CASE_DISCUSSION
from learning.supervision.terms import SessionStatus
from tests.factories import Factory
from tests.factories import audit_events as audited
from tests.org.pages import error_summary, flash, page, value_of
from tests.supervision.factories import SignedIn, sign_in
from tests.supervision.test_sessions import case_form, pair, session_form, sf, start, supervisor

__all__ = ["pair", "sf", "supervisor"]  # fixtures shared with test_sessions

HTMX = {"HX-Request": "true"}


def drafts(db: Session) -> list[CaseDiscussionDraft]:
    db.expire_all()
    return list(db.exec(select(CaseDiscussionDraft)).all())


def textarea(response, name: str) -> str:  # type: ignore[no-untyped-def]
    field = page(response).select_one(f"textarea[name='{name}']")
    assert field is not None, name
    return field.get_text()


def stage_on(response) -> str:  # type: ignore[no-untyped-def]
    """Where the record was when this case page was opened (its form carries it)."""
    found = page(response).select_one("form input[name=stage]")
    assert found is not None, "no case form on the page"
    return str(found["value"])


def with_a_discussion(
    db: Session, supervisor: SignedIn, supervisee: Person
) -> tuple[int, CaseDiscussion]:
    """A session started with ``supervisee`` and one case discussion added to it."""
    session_id = start(supervisor, supervisee)
    supervisor.post(f"/supervision/sessions/{session_id}/cases", case_form())
    return session_id, db.exec(select(CaseDiscussion)).one()


def test_a_new_case_discussion_typed_and_not_saved_is_there_when_the_form_is_opened_again(
    db: Session, supervisor: SignedIn, pair: tuple[Person, Person]
) -> None:
    session_id = start(supervisor, pair[1])
    typed = case_form(
        child_voice="", rationale="Half a thought about", **{"rating-supervisor": "11"}
    )
    response = supervisor.post(
        f"/supervision/sessions/{session_id}/cases/draft", typed, headers=HTMX
    )
    assert response.status_code == 200 and "Draft saved at" in response.text
    [draft] = drafts(db)
    assert draft.case_key == "new" and draft.saved_by_id == supervisor.person.id
    assert db.exec(select(CaseDiscussion)).all() == []  # nothing added yet

    again = supervisor.get(f"/supervision/sessions/{session_id}/cases/new")
    assert value_of(again, "case_reference") == "CS-104233"
    assert textarea(again, "rationale") == "Half a thought about"
    assert value_of(again, "rating-supervisor") == "11"  # kept as typed, not yet checked
    assert "which is not saved yet" in page(again).select_one("#case-draft").get_text()
    assert error_summary(again) == []
    [viewed] = audited(db, "supervision.case_discussion.draft_viewed")
    assert (viewed.record_id, viewed.actor_id) == ("new", supervisor.person.id)
    assert "Half a thought" not in viewed.detail  # never content

    edit = supervisor.get(f"/supervision/sessions/{session_id}/edit")
    assert page(edit).select_one("#case-started") is not None
    assert "Go back to the case discussion you started" in edit.text


def test_saving_the_discussion_forgets_its_draft_and_a_new_form_is_empty_again(
    db: Session, supervisor: SignedIn, pair: tuple[Person, Person]
) -> None:
    session_id = start(supervisor, pair[1])
    supervisor.post(f"/supervision/sessions/{session_id}/cases/draft", case_form(), headers=HTMX)
    saved = supervisor.post(f"/supervision/sessions/{session_id}/cases", case_form())
    assert saved.status_code == 303
    assert drafts(db) == []
    fresh = supervisor.get(f"/supervision/sessions/{session_id}/cases/new")
    assert value_of(fresh, "case_reference") == ""
    assert page(fresh).select_one("#case-draft") is None


def test_an_invalid_save_keeps_the_draft_so_the_typing_is_still_there_later(
    db: Session, supervisor: SignedIn, pair: tuple[Person, Person]
) -> None:
    session_id = start(supervisor, pair[1])
    typed = case_form(child_voice="")
    supervisor.post(f"/supervision/sessions/{session_id}/cases/draft", typed, headers=HTMX)
    refused = supervisor.post(f"/supervision/sessions/{session_id}/cases", typed)
    assert refused.status_code == 422
    assert len(drafts(db)) == 1


def test_save_draft_without_javascript_goes_back_to_the_form_with_a_message(
    db: Session, supervisor: SignedIn, pair: tuple[Person, Person]
) -> None:
    session_id = start(supervisor, pair[1])
    response = supervisor.post(
        f"/supervision/sessions/{session_id}/cases/draft",
        case_form(decision="Step down to child in need"),
    )
    assert response.headers["location"].endswith(f"/supervision/sessions/{session_id}/cases/new")
    back = supervisor.follow(response)
    assert "Your draft has been saved" in flash(back)
    assert textarea(back, "decision") == "Step down to child in need"


def test_a_change_to_a_discussion_is_kept_and_a_cleared_answer_stays_cleared(
    db: Session, supervisor: SignedIn, pair: tuple[Person, Person]
) -> None:
    session_id, discussion = with_a_discussion(db, supervisor, pair[1])
    changed = case_form(decision="", rationale="", learning_point="A new point")
    supervisor.post(f"/supervision/cases/{discussion.id}/draft", changed, headers=HTMX)
    [draft] = drafts(db)
    assert draft.case_key == str(discussion.id)

    again = supervisor.get(f"/supervision/cases/{discussion.id}/edit")
    assert textarea(again, "learning_point") == "A new point"
    assert textarea(again, "decision") == ""  # cleared, not the stored decision
    edit = supervisor.get(f"/supervision/sessions/{session_id}/edit")
    assert "Changes not saved" in page(edit).select_one(".govuk-summary-card__title").get_text()

    supervisor.post(f"/supervision/cases/{discussion.id}/edit", changed)
    assert drafts(db) == []
    db.refresh(discussion)
    assert discussion.learning_point == "A new point"


def test_discarding_forgets_what_was_not_saved_and_is_audited(
    db: Session, supervisor: SignedIn, pair: tuple[Person, Person]
) -> None:
    session_id = start(supervisor, pair[1])
    supervisor.post(f"/supervision/sessions/{session_id}/cases/draft", case_form(), headers=HTMX)
    response = supervisor.post(
        f"/supervision/sessions/{session_id}/cases/draft", {**case_form(), "then": "discard"}
    )
    back = supervisor.follow(response)
    assert "discarded" in flash(back)
    assert drafts(db) == [] and value_of(back, "case_reference") == ""
    assert len(audited(db, "supervision.case_discussion.draft_discarded")) == 1


def test_removing_a_discussion_removes_its_draft(
    db: Session, supervisor: SignedIn, pair: tuple[Person, Person]
) -> None:
    session_id, discussion = with_a_discussion(db, supervisor, pair[1])
    supervisor.post(f"/supervision/cases/{discussion.id}/draft", case_form(harm="x"), headers=HTMX)
    assert supervisor.post(f"/supervision/cases/{discussion.id}/remove").status_code == 303
    assert drafts(db) == []


def test_the_same_answers_again_are_not_saved_or_audited_again(
    db: Session, supervisor: SignedIn, pair: tuple[Person, Person]
) -> None:
    session_id = start(supervisor, pair[1])
    for _ in range(3):
        supervisor.post(
            f"/supervision/sessions/{session_id}/cases/draft", case_form(), headers=HTMX
        )
    supervisor.post(
        f"/supervision/sessions/{session_id}/cases/draft",
        case_form(harm="More detail"),
        headers=HTMX,
    )
    saved = audited(db, "supervision.case_discussion.draft_saved")
    assert len(saved) == 2
    assert set(json.loads(saved[0].detail)["answers"]) >= {"case_reference", "harm", "child_voice"}


def test_only_the_sessions_supervisor_keeps_a_draft(
    client: TestClient,
    db: Session,
    factory: Factory,
    supervisor: SignedIn,
    pair: tuple[Person, Person],
) -> None:
    """Another supervisor, even one who supervises the same person now, is answered as if
    the session did not exist (and the refusal audited); the supervisee may not record."""
    session_id, discussion = with_a_discussion(db, supervisor, pair[1])
    co_supervisor = factory.make_person(roles=(Role.SUPERVISOR,))
    factory.make_relationship(co_supervisor, pair[1])
    unrelated = factory.make_person(roles=(Role.SUPERVISOR,))
    urls = (f"/supervision/sessions/{session_id}/cases/draft",
            f"/supervision/cases/{discussion.id}/draft")
    for other in (co_supervisor, unrelated):
        someone = sign_in(client, factory, other)
        for url in urls:
            assert someone.post(url, case_form(harm="x"), headers=HTMX).status_code == 404, url
    assert drafts(db) == []
    refusals = audited(db, "supervision.refused")
    assert sorted((e.actor_id, e.record_type, e.record_id) for e in refusals) == sorted(
        (other.id, kind, str(record_id))
        for other in (co_supervisor, unrelated)
        for kind, record_id in (("supervision_session", session_id),
                                ("case_discussion", discussion.id))
    )

    supervisee = sign_in(client, factory, pair[1])
    for url in urls:
        assert supervisee.post(url, case_form(harm="x"), headers=HTMX).status_code == 403, url
    assert drafts(db) == []


def test_a_draft_needs_the_csrf_token(
    client: TestClient, db: Session, supervisor: SignedIn, pair: tuple[Person, Person]
) -> None:
    session_id = start(supervisor, pair[1])
    response = client.post(f"/supervision/sessions/{session_id}/cases/draft", data=case_form())
    assert response.status_code == 403
    assert drafts(db) == []


def test_a_record_is_not_recorded_while_a_case_discussion_typed_is_not_saved(
    db: Session, supervisor: SignedIn, pair: tuple[Person, Person]
) -> None:
    session_id = start(supervisor, pair[1])
    supervisor.post(f"/supervision/sessions/{session_id}/autosave", session_form())
    supervisor.post(f"/supervision/sessions/{session_id}/cases/draft", case_form(), headers=HTMX)
    refused = supervisor.post(f"/supervision/sessions/{session_id}/record", {})
    assert refused.status_code == 422
    assert UNSAVED_CASE_DISCUSSION in error_summary(refused)
    beside = page(refused).select_one("#case-discussions-error")
    assert beside is not None and UNSAVED_CASE_DISCUSSION in beside.get_text()
    assert db.get(SupervisionSession, session_id).status is SessionStatus.DRAFT  # type: ignore[union-attr]

    supervisor.post(
        f"/supervision/sessions/{session_id}/cases/draft", {**case_form(), "then": "discard"}
    )
    assert supervisor.post(f"/supervision/sessions/{session_id}/record", {}).status_code == 303


def test_a_draft_takes_a_record_waiting_for_sign_off_back_to_its_supervisor(
    client: TestClient,
    db: Session,
    factory: Factory,
    supervisor: SignedIn,
    pair: tuple[Person, Person],
) -> None:
    """Changing a case discussion of a record the supervisee has not signed yet: the record
    is being changed, so it is not theirs to sign as it was."""
    session_id, discussion = with_a_discussion(db, supervisor, pair[1])
    supervisor.post(f"/supervision/sessions/{session_id}/autosave", session_form())
    assert supervisor.post(f"/supervision/sessions/{session_id}/record", {}).status_code == 303
    opened = supervisor.get(f"/supervision/cases/{discussion.id}/edit")
    supervisor.post(
        f"/supervision/cases/{discussion.id}/draft",
        {**case_form(harm="More"), "stage": stage_on(opened)}, headers=HTMX,
    )
    db.expire_all()
    session = db.get(SupervisionSession, session_id)
    assert session is not None and session.status is SessionStatus.DRAFT

    supervisee = sign_in(client, factory, pair[1])
    supervisee.post(
        f"/supervision/sessions/{session_id}/sign-off",
        {"agreed": "yes", "comment": "", "sharing": ["case_learning"]},
    )
    db.expire_all()
    session = db.get(SupervisionSession, session_id)
    assert session is not None and session.signed_off_at is None
    assert len(drafts(db)) == 1  # still the supervisor's


def test_a_new_discussions_autosave_arriving_after_it_was_saved_keeps_no_draft(
    db: Session, supervisor: SignedIn, pair: tuple[Person, Person]
) -> None:
    """On a slow connection the form's last autosave (pressing Enter to save is a key too)
    can arrive after the save itself: it is what is saved, so it must not hold back the
    record as "a case discussion you typed is not saved yet"."""
    session_id = start(supervisor, pair[1])
    saved = supervisor.post(f"/supervision/sessions/{session_id}/cases", case_form())
    assert saved.status_code == 303
    late = supervisor.post(f"/supervision/sessions/{session_id}/cases/draft", case_form(),
                           headers=HTMX)
    assert "Nothing here differs from what is saved" in late.text
    assert drafts(db) == []
    supervisor.post(f"/supervision/sessions/{session_id}/autosave", session_form())
    assert supervisor.post(f"/supervision/sessions/{session_id}/record", {}).status_code == 303

    # a different new discussion typed in the same session is kept, as ever
    opened = supervisor.get(f"/supervision/sessions/{session_id}/cases/new")
    supervisor.post(f"/supervision/sessions/{session_id}/cases/draft",
                    {**case_form(case_reference="CS-2"), "stage": stage_on(opened)},
                    headers=HTMX)
    assert len(drafts(db)) == 1


def test_going_through_a_saved_discussion_without_changing_it_keeps_no_draft(
    db: Session, supervisor: SignedIn, pair: tuple[Person, Person]
) -> None:
    """Tabbing through the fields sends the form as it is: nothing is kept, and a record
    waiting for sign-off stays waiting."""
    session_id, discussion = with_a_discussion(db, supervisor, pair[1])
    supervisor.post(f"/supervision/sessions/{session_id}/autosave", session_form())
    assert supervisor.post(f"/supervision/sessions/{session_id}/record", {}).status_code == 303
    stage = stage_on(supervisor.get(f"/supervision/cases/{discussion.id}/edit"))
    same = supervisor.post(f"/supervision/cases/{discussion.id}/draft",
                           {**case_form(), "stage": stage}, headers=HTMX)
    assert "Nothing here differs from what is saved" in same.text
    assert drafts(db) == []
    session = db.get(SupervisionSession, session_id)
    assert session is not None and session.status is SessionStatus.HELD

    # typing something, then typing it back as it was: the draft goes
    supervisor.post(f"/supervision/cases/{discussion.id}/draft",
                    {**case_form(harm="x"), "stage": stage}, headers=HTMX)
    assert len(drafts(db)) == 1
    supervisor.post(f"/supervision/cases/{discussion.id}/draft",
                    {**case_form(), "stage": stage}, headers=HTMX)
    assert drafts(db) == []
