"""Nothing typed is lost: the session form saves drafts as you type (HTMX) or with "Save
draft", keeps answers that do not pass yet exactly as typed, and a failed record keeps all."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.audit.models import AuditEvent
from learning.core.clock import today
from learning.org.models import Person
from learning.supervision.models import SupervisionSession
from learning.supervision.terms import SessionStatus
from tests.factories import Factory
from tests.org.pages import field_error, flash, page, value_of
from tests.supervision.factories import SignedIn, SupervisionFactory, sign_in
from tests.supervision.test_sessions import opened_as, session_form, start

HTMX = {"HX-Request": "true"}


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


@pytest.fixture
def pair(sf: SupervisionFactory) -> tuple[Person, Person]:
    return sf.make_pair()


@pytest.fixture
def supervisor(client: TestClient, factory: Factory, pair: tuple[Person, Person]) -> SignedIn:
    return sign_in(client, factory, pair[0])


def stored(db: Session, session_id: int) -> SupervisionSession:
    session = db.get(SupervisionSession, session_id)
    assert session is not None
    db.refresh(session)
    return session


def test_an_autosave_answers_htmx_with_the_time_it_was_saved(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])

    response = supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                               {"support_needs": "Time to think."}, headers=HTMX)

    assert response.status_code == 200
    assert response.text.strip().startswith("Draft saved at ")
    assert page(response).find("h1") is None  # the status line only, not a page
    assert stored(db, session_id).support_needs == "Time to think."


def test_an_autosave_without_htmx_saves_and_goes_back_to_the_form(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])

    response = supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                               {"career_goals": "Team manager."})

    assert response.status_code == 303
    assert response.headers["location"].endswith(f"/supervision/sessions/{session_id}/edit")
    assert flash(supervisor.follow(response)) == "Your draft has been saved"
    assert stored(db, session_id).career_goals == "Team manager."


def test_a_draft_keeps_an_invalid_answer_as_typed_and_shows_it_with_its_error(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])

    saved = supervisor.post(f"/supervision/sessions/{session_id}/autosave", {
        "held_on-day": "30", "held_on-month": "2", "held_on-year": "2025",
        "duration_minutes": "ninety", "support_needs": "Supervision on time.",
    }, headers=HTMX)
    form = supervisor.get(f"/supervision/sessions/{session_id}/edit")

    assert "Some answers need checking" in saved.text
    assert (value_of(form, "held_on-day"), value_of(form, "held_on-month")) == ("30", "2")
    assert value_of(form, "duration_minutes") == "ninety"
    assert field_error(form, "held_on") == "Date held must be a real date, like 27 3 2025"
    assert field_error(form, "duration_minutes").startswith("Duration must be a whole number")
    session = stored(db, session_id)
    assert (session.held_on, session.duration_minutes) == (None, None)
    assert session.support_needs == "Supervision on time."


def test_the_status_line_lists_the_problems_once_until_they_change(
    supervisor: SignedIn, pair: tuple[Person, Person],
) -> None:
    """A screen reader reads the status line at every save: the list is read once."""
    session_id = start(supervisor, pair[1])
    wrong = {"duration_minutes": "ninety", "support_needs": "Time to think."}
    url = f"/supervision/sessions/{session_id}/autosave"

    first = supervisor.post(url, wrong, headers=HTMX).text
    again = supervisor.post(url, {**wrong, "support_needs": "Time to think, and"},
                            headers=HTMX).text
    changed = supervisor.post(url, {**wrong, "held_on-day": "30", "held_on-month": "2",
                                    "held_on-year": "2025"}, headers=HTMX).text
    fixed = supervisor.post(url, {"duration_minutes": "90", "held_on-day": "", "held_on-month": "",
                                  "held_on-year": ""}, headers=HTMX).text

    assert "Some answers need checking before you record the session: Duration" in first
    assert "Some answers still need checking before you record the session." in again
    assert "Duration" not in again
    assert "Date held must be a real date" in changed and "Duration" in changed
    assert "need checking" not in fixed


def test_fixing_an_answer_kept_as_typed_stores_it_and_clears_the_error(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                    {"duration_minutes": "ninety"}, headers=HTMX)

    supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                    {"duration_minutes": "90"}, headers=HTMX)

    form = supervisor.get(f"/supervision/sessions/{session_id}/edit")
    assert field_error(form, "duration_minutes") == ""
    assert stored(db, session_id).duration_minutes == 90
    assert stored(db, session_id).draft == "{}"


def test_an_autosave_changes_only_the_answers_it_sends(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    supervisor.post(f"/supervision/sessions/{session_id}/autosave", session_form(), headers=HTMX)

    supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                    {"reflection-analysis": "A new thought."}, headers=HTMX)

    session = stored(db, session_id)
    assert "A new thought." in session.reflections
    assert "Joint visit with the health visitor." in session.reflections
    assert session.functions == "management support"
    assert session.wellbeing == 6


def test_unticking_every_function_is_saved_too(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                    {"functions": ["", "support"]}, headers=HTMX)

    supervisor.post(f"/supervision/sessions/{session_id}/autosave", {"functions": [""]},
                    headers=HTMX)

    assert stored(db, session_id).functions == ""


def test_a_failed_record_keeps_every_answer_in_the_draft_for_when_the_tab_is_closed(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    refused = supervisor.post(f"/supervision/sessions/{session_id}/record",
                              session_form(wellbeing="12", functions=""))
    assert refused.status_code == 422

    reopened = supervisor.get(f"/supervision/sessions/{session_id}/edit")

    assert value_of(reopened, "reflection-experience") == (
        "A home visit where the father would not let me in.")
    assert field_error(reopened, "wellbeing") == "Wellbeing must be a number from 0 to 10"
    assert stored(db, session_id).status == SessionStatus.DRAFT


def test_choosing_another_reflective_model_brings_its_questions(
    supervisor: SignedIn, pair: tuple[Person, Person],
) -> None:
    session_id = start(supervisor, pair[1])

    swapped = supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                              {"reflective_model": "gibbs"}, headers=HTMX)
    unchanged = supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                                {"reflective_model": "gibbs"}, headers=HTMX)

    questions = page(swapped).select_one("#reflections[hx-swap-oob=true]")
    assert questions is not None
    assert [label.get_text(strip=True) for label in questions.select("label")] == [
        "Description", "Feelings", "Evaluation", "Analysis", "Conclusion", "Action plan"]
    assert page(unchanged).select_one("#reflections") is None
    # The status line, read out, says the questions changed (the swap itself is silent).
    assert "The questions below are now those of Gibbs" in swapped.text.split("<div")[0]
    assert "The questions below" not in unchanged.text
    form = supervisor.get(f"/supervision/sessions/{session_id}/edit")
    assert page(form).select_one("label[for=reflection-feelings]") is not None


def test_only_the_chosen_models_reflections_are_kept_when_recorded(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    supervisor.post(f"/supervision/sessions/{session_id}/autosave", session_form(), headers=HTMX)

    supervisor.post(f"/supervision/sessions/{session_id}/record", {
        "reflective_model": "gibbs", "reflection-feelings": "Worried."})

    session = stored(db, session_id)
    assert session.status == SessionStatus.HELD
    assert session.reflections == (
        '{"analysis": "Disguised compliance is a pattern here.", "feelings": "Worried."}')


def test_changing_a_record_waiting_for_sign_off_makes_it_a_draft_again(
    supervisor: SignedIn, sf: SupervisionFactory, pair: tuple[Person, Person], db: Session,
) -> None:
    session = sf.make_session(*pair)
    assert session.id is not None
    warned = supervisor.get(f"/supervision/sessions/{session.id}/edit")
    assert "waiting for" in page(warned).select_one(".govuk-warning-text").get_text()

    supervisor.post(f"/supervision/sessions/{session.id}/autosave",
                    {"duration_minutes": "75", "seen": opened_as(warned)}, headers=HTMX)

    changed = stored(db, session.id)
    assert (changed.status, changed.duration_minutes) == (SessionStatus.DRAFT, 75)
    assert value_of(supervisor.get(f"/supervision/sessions/{session.id}/edit"),
                    "outcome") == "held"
    recorded = supervisor.post(f"/supervision/sessions/{session.id}/record", {})
    assert recorded.status_code == 303
    assert stored(db, session.id).status == SessionStatus.HELD


def test_an_autosave_that_changes_nothing_writes_no_audit_event(
    supervisor: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    session_id = start(supervisor, pair[1])
    for _ in range(3):
        supervisor.post(f"/supervision/sessions/{session_id}/autosave",
                        {"support_needs": "Same words."}, headers=HTMX)

    saves = db.exec(select(AuditEvent).where(
        AuditEvent.action == "supervision.session.draft_saved")).all()
    assert len(saves) == 1


def test_a_signed_record_cannot_be_autosaved(
    supervisor: SignedIn, sf: SupervisionFactory, pair: tuple[Person, Person], db: Session,
) -> None:
    session = sf.make_session(*pair, signed=True, planned_for=today() - timedelta(days=3))
    assert session.id is not None

    response = supervisor.post(f"/supervision/sessions/{session.id}/autosave",
                               {"support_needs": "Changed."})

    assert response.status_code == 303
    assert stored(db, session.id).support_needs == ""
