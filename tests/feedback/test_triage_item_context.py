"""What a feedback item's page tells its reader around the words: a caution before contacting
someone after a disclosure, where its alert is (never its outcome), the link it came through
and the worker or event that link was for, whether anyone has replied to a person who asked
for contact, and a heading that reads naturally for every form. And the held tab says truly
what reached the safeguarding inbox."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback import alerts
from learning.feedback.models import FeedbackSubmission, SafeguardingAlert
from learning.feedback.terms import AlertOutcome, FormKind, LinkKind, LinkSubject
from learning.feedback.triage_display import HEADINGS
from learning.org.models import Team
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.intake import DISCLOSURE
from tests.feedback.triage_helpers import given, poster_for, staff
from tests.org.conftest import SignedIn
from tests.org.pages import flash, heading, page, table_rows

CAUTION = (
    "Speak to the safeguarding lead before you contact them. A reply could be seen, or a call "
    "overheard, by the person they are worried about."
)
OUTCOME_NOTE = "Referred to the front door: the strategy meeting is on Monday"


def _text(response: object, selector: str) -> str:
    found = page(response).select_one(selector)  # type: ignore[arg-type]
    return found.get_text(" ", strip=True) if found is not None else ""


def _caution(response: object) -> str:
    return _text(response, "#contact-caution strong").removeprefix("Warning").strip()


def wanting_contact(
    db: Session, settings: Settings, factory: Factory, team: Team, detail: str, **more: object
) -> FeedbackSubmission:
    link = poster_for(factory, team)
    return given(db, settings, link, wants_contact=True, contact_detail=detail, **more)


# A caution before contacting someone after a disclosure ---------------------------------


def test_after_a_disclosure_the_reply_form_says_to_speak_to_the_safeguarding_lead_first(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    disclosed = wanting_contact(
        db, settings, factory, team, "sam@example.test", answers={"worries": DISCLOSURE}
    )
    shown = supervisor.get(f"/feedback/queue/{disclosed.id}")
    assert _caution(shown) == CAUTION
    # above the reply, in the contact part of the page
    soup = page(shown)
    caution, reply = soup.select_one("#contact-caution"), soup.find(attrs={"name": "body"})
    assert caution is not None and reply is not None
    assert reply in caution.find_all_next("textarea")
    ordinary = wanting_contact(db, settings, factory, team, "jo@example.test")
    assert (
        page(supervisor.get(f"/feedback/queue/{ordinary.id}")).select_one("#contact-caution")
        is None
    )


def test_a_person_worried_about_their_own_safety_gets_the_same_caution(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    worried = wanting_contact(
        db, settings, factory, team, "07700 900123", worried_about_safety=True
    )
    assert _caution(supervisor.get(f"/feedback/queue/{worried.id}")) == CAUTION


# Where the alert is, for a reader who cannot open it --------------------------------------


def test_a_reader_without_the_safeguarding_inbox_sees_where_the_alert_is_but_not_its_outcome(
    client: TestClient,
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
) -> None:
    disclosed = given(db, settings, poster_for(factory, team), answers={"worries": DISCLOSURE})
    alert = db.exec(select(SafeguardingAlert)).one()
    url = f"/feedback/queue/{disclosed.id}"
    assert _text(supervisor.get(url), "#alert-state") == (
        "The alert: Open: nobody has acknowledged it yet."
    )

    lead = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,), given_name="Helen")
    alerts.acknowledge(db, alert, lead.id)  # type: ignore[arg-type]
    db.commit()
    acknowledged = _text(supervisor.get(url), "#alert-state")
    assert acknowledged.startswith(f"The alert: Acknowledged by {lead.name} on ")

    alerts.record_outcome(db, alert, lead.id, AlertOutcome.REFERRAL_TO_FRONT_DOOR, OUTCOME_NOTE)  # type: ignore[arg-type]
    db.commit()
    closed = supervisor.get(url)
    assert _text(closed, "#alert-state").startswith(f"The alert: Closed by {lead.name} on ")
    assert OUTCOME_NOTE not in closed.text and "front door" not in closed.text


# The link it came through ---------------------------------------------------------------


def test_the_item_says_which_link_it_came_through(
    db: Session, supervisor: SignedIn, item: FeedbackSubmission
) -> None:
    shown = supervisor.get(f"/feedback/queue/{item.id}")
    assert _text(shown, "#feedback-link") == "Feedback about our team (Poster (many uses, QR code))"
    assert page(shown).select_one("#feedback-about") is None  # a team's link: nothing more


def test_the_item_names_the_worker_its_link_was_for(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    worker = factory.make_person(given_name="Priya", family_name="Nair", team_id=team.id)
    link = FeedbackFactory(factory).make_link(
        LinkKind.PERSONAL,
        team_id=team.id,
        subject=LinkSubject.WORKER,
        worker_id=worker.id,
        title="Your visits with Priya",
    )
    about_her = given(db, settings, link.link)
    shown = supervisor.get(f"/feedback/queue/{about_her.id}")
    assert _text(shown, "#feedback-link") == "Your visits with Priya (Personal (single use))"
    assert _text(shown, "#feedback-about") == "A worker: Priya Nair"


def test_the_item_says_its_link_was_for_an_event(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    link = FeedbackFactory(factory).make_link(
        LinkKind.TIMED,
        team_id=team.id,
        subject=LinkSubject.EVENT,
        title="Child protection conference",
    )
    after_it = given(db, settings, link.link)
    shown = supervisor.get(f"/feedback/queue/{after_it.id}")
    assert _text(shown, "#feedback-link") == "Child protection conference (Time-limited)"
    assert _text(shown, "#feedback-about") == "An event (conference, review, meeting)"


# Replied, not "Wants contact" -------------------------------------------------------------


@pytest.mark.parametrize(
    ("detail", "done"), [("sam@example.test", "Replied"), ("07700 900123", "Contacted")]
)
def test_once_someone_replies_the_item_says_so_instead_of_wants_contact(
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    detail: str,
    done: str,
) -> None:
    wanting = wanting_contact(db, settings, factory, team, detail)
    url = f"/feedback/queue/{wanting.id}"
    assert "Wants contact" in table_rows(supervisor.get("/feedback/queue"), "#queue")[0][3]
    assert _text(supervisor.get(url), "#contact-state") == "Wants contact"

    supervisor.post(f"{url}/reply", {"body": "Thank you, we talked it through."})

    status = table_rows(supervisor.get("/feedback/queue"), "#queue")[0][3]
    assert done in status and "Wants contact" not in status
    assert _text(supervisor.get(url), "#contact-state") == done


def test_closing_an_item_nobody_has_replied_to_warns_but_does_not_stop_it(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    wanting = wanting_contact(db, settings, factory, team, "sam@example.test")
    url = f"/feedback/queue/{wanting.id}"
    assert _text(supervisor.get(url), "#close-unanswered") == (
        "They asked to be contacted and nobody has replied yet. You can still close it."
    )
    closed = supervisor.post(f"{url}/close")
    assert flash(supervisor.follow(closed)) == (
        "Feedback closed. They asked to be contacted and nobody has replied"
    )


def test_no_close_warning_once_someone_replied(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    wanting = wanting_contact(db, settings, factory, team, "sam@example.test")
    url = f"/feedback/queue/{wanting.id}"
    supervisor.post(f"{url}/reply", {"body": "Thank you."})
    shown = supervisor.get(url)
    assert page(shown).select_one("#close-unanswered") is None
    assert _text(shown, "#contact-state") == "Replied"


# Headings -------------------------------------------------------------------------------


def test_every_form_has_a_heading_that_reads_as_a_sentence() -> None:
    assert set(HEADINGS) == set(FormKind)
    assert all(h.startswith("Feedback ") and h == h.strip() for h in HEADINGS.values())


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (
            FormKind.THREE_HOUSES,
            "Feedback on the Three Houses form: worries, good things and dreams",
        ),
        (FormKind.PARTNER, "Feedback from a professional in another agency"),
    ],
)
def test_the_heading_keeps_the_form_s_own_names(
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    kind: FormKind,
    expected: str,
) -> None:
    given_on = given(db, settings, poster_for(factory, team), form_kind=kind)
    shown = supervisor.get(f"/feedback/queue/{given_on.id}")
    assert heading(shown) == expected
    assert page(shown).title is not None and page(shown).title.get_text(strip=True).startswith(
        expected
    )


# The held tab --------------------------------------------------------------------------


def test_the_held_tab_says_only_what_was_found_went_to_the_inbox_and_how_to_raise_more(
    client: TestClient, factory: Factory, team: Team
) -> None:
    supervisor = staff(client, factory, team, Role.SUPERVISOR)
    said = _text(supervisor.get("/feedback/queue?tab=held"), "main")
    assert "Any worry about safety in them has already gone" not in said
    assert "The screen can miss things: if one worries you, raise an alert from its page." in said
