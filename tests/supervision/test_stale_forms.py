"""A form open in a tab while its record was signed off: sending it cannot change the
record, and what was typed into it is not lost. The record's page shows the words (only to
the person who typed them, once) to copy into an amendment; before, they were thrown away."""

from __future__ import annotations

from bs4 import Tag
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.org.models import Person
from learning.supervision.models import CaseDiscussion, SupervisionSession
from tests.factories import Factory
from tests.org.pages import flash, page
from tests.supervision.factories import SupervisionFactory, sign_in
from tests.supervision.test_sessions import case_form, pair, session_form, sf, supervisor

__all__ = ["pair", "sf", "supervisor"]  # fixtures shared with test_sessions

STALE_WORDS = "Time to write up court reports, typed in a tab left open."


def unsaved(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The words the page shows as not saved, by their label."""
    section = page(response).select_one("section.app-unsaved")
    if not isinstance(section, Tag):
        return {}
    return {
        label.get_text(strip=True): page_textarea.get_text()
        for label, page_textarea in zip(section.select("label"), section.select("textarea"),
                                        strict=True)
    }


def test_a_stale_autosave_comes_back_on_the_record_page_to_copy(
    client: TestClient, factory: Factory, db: Session, sf: SupervisionFactory,
    pair: tuple[Person, Person],
) -> None:
    boss, worker = pair
    session = sf.make_session(boss, worker, signed=True, support_needs="As it was signed off.")
    me = sign_in(client, factory, boss)
    sent = me.post(f"/supervision/sessions/{session.id}/autosave",
                   session_form(support_needs=STALE_WORDS))
    assert sent.headers["location"].endswith(f"/supervision/sessions/{session.id}")
    shown = me.client.get(sent.headers["location"])
    assert "cannot be changed" in flash(shown)
    words = unsaved(shown)
    assert words["Support needs"] == STALE_WORDS
    assert words["Reflection experience"] == "A home visit where the father would not let me in."
    assert "Outcome" not in words and "Duration minutes" not in words  # choices, not words
    assert page(shown).select_one("section.app-unsaved textarea[readonly]") is not None
    # The record is as it was signed off, and the words are shown once.
    db.refresh(session)
    assert session.support_needs == "As it was signed off."
    assert unsaved(me.client.get(sent.headers["location"])) == {}


def test_a_stale_htmx_autosave_and_a_case_discussion_keep_their_words_too(
    client: TestClient, factory: Factory, db: Session, sf: SupervisionFactory,
    pair: tuple[Person, Person],
) -> None:
    boss, worker = pair
    session = sf.make_session(boss, worker, signed=True)
    assert isinstance(session, SupervisionSession)
    me = sign_in(client, factory, boss)
    sent = me.post(f"/supervision/sessions/{session.id}/autosave",
                   session_form(career_goals="Senior practitioner, typed late."),
                   headers={"HX-Request": "true"})
    assert sent.headers["HX-Redirect"].endswith(f"/supervision/sessions/{session.id}")
    assert unsaved(me.client.get(sent.headers["HX-Redirect"]))["Career goals"] == (
        "Senior practitioner, typed late.")

    case = me.post(f"/supervision/sessions/{session.id}/cases", case_form())
    words = unsaved(me.client.get(case.headers["location"]))
    assert words["Danger statement"] == "We are worried Z could be hurt again if nothing changes."
    assert db.exec(select(CaseDiscussion)).all() == []
