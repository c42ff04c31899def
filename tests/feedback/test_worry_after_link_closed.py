"""A worry is never lost to a closed link or an old page. "I am worried about my safety"
(or words the screen flags) sent after the link closed, after the link cookie ran out, or
from a page open for days is stored, quarantined with its reason, and raises the alert: the
link row still exists and the form's signed field names it. Only a form whose link cannot be
verified at all is not sent; it says that nobody has been told and gives 999 and Childline.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from freezegun import freeze_time
from httpx import Response
from sqlmodel import Session, select

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.feedback import links
from learning.feedback.models import FeedbackLink, SafeguardingAlert
from learning.feedback.public_form import signer
from learning.feedback.terms import FormKind, LinkKind, QuarantineReason
from tests.conftest import make_settings
from tests.feedback.factories import FeedbackFactory
from tests.feedback.intake import DISCLOSURE
from tests.feedback.public import hidden_fields, main_text, open_link, send, submissions
from tests.org.pages import heading, page, value_of

TOLD = "We have told someone who can help"
NOBODY_TOLD = "Nobody has been told about your worry yet."


@pytest.fixture
def settings() -> Settings:
    return make_settings(feedback_min_fill_seconds=0)


def alerts(db: Session) -> list[SafeguardingAlert]:
    db.expire_all()
    return list(db.exec(select(SafeguardingAlert)).all())


def revoke(db: Session, link: FeedbackLink) -> None:
    links.revoke(db, link, None)


def expire(db: Session, link: FeedbackLink) -> None:
    link.expires_at = utcnow() - timedelta(minutes=1)
    db.add(link)


def use_up(db: Session, link: FeedbackLink) -> None:
    assert links.consume(db, link)


CLOSERS: dict[str, tuple[LinkKind, Callable[[Session, FeedbackLink], None]]] = {
    "revoked": (LinkKind.POSTER, revoke),
    "expired": (LinkKind.TIMED, expire),
    "used by someone else": (LinkKind.PERSONAL, use_up),
}


def page_then_close(
    client: TestClient, ff: FeedbackFactory, db: Session, closer: str
) -> tuple[Response, FeedbackLink]:
    """The form on screen, then its link closed behind it."""
    kind, close = CLOSERS[closer]
    link_id = open_link(client, ff, kind=kind)
    form = client.get("/give-feedback")
    link = db.get(FeedbackLink, link_id)
    assert link is not None
    close(db, link)
    db.commit()
    return form, link


def assert_stored_and_alerted(
    client: TestClient, db: Session, sent: Response, reason: QuarantineReason
) -> None:
    assert sent.status_code == 303, main_text(sent)
    [stored] = submissions(db)
    assert stored.quarantine_reason is reason
    [alert] = alerts(db)
    assert alert.submission_id == stored.id
    assert heading(client.get(sent.headers["location"])) == TOLD


@pytest.mark.parametrize("closer", sorted(CLOSERS))
def test_the_safety_button_after_the_link_closed_is_stored_and_alerts(
    client: TestClient, ff: FeedbackFactory, db: Session, closer: str
) -> None:
    form, _ = page_then_close(client, ff, db, closer)

    sent = send(client, form, worried="yes", good="I want to talk to someone")

    assert_stored_and_alerted(client, db, sent, QuarantineReason.LINK_USED)


@pytest.mark.parametrize("closer", sorted(CLOSERS))
def test_the_safety_button_after_the_link_closed_and_the_cookie_ran_out_still_alerts(
    client: TestClient, ff: FeedbackFactory, db: Session, closer: str
) -> None:
    form, _ = page_then_close(client, ff, db, closer)
    client.cookies.clear()

    sent = send(client, form, worried="yes")

    assert_stored_and_alerted(client, db, sent, QuarantineReason.LINK_USED)
    assert alerts(db)[0].self_reported


def test_a_disclosure_after_the_link_closed_is_stored_and_alerts(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    form, _ = page_then_close(client, ff, db, "revoked")
    client.cookies.clear()

    sent = send(client, form, better=DISCLOSURE)

    assert_stored_and_alerted(client, db, sent, QuarantineReason.LINK_USED)
    assert not alerts(db)[0].self_reported


def old_page(client: TestClient, ff: FeedbackFactory, days: float) -> Response:
    """A form opened ``days`` ago and left open on a phone (its cookie long gone)."""
    with freeze_time(utcnow() - timedelta(days=days)):
        open_link(client, ff, FormKind.CHILD_8_12)
        form = client.get("/give-feedback")
    client.cookies.clear()
    return form


@pytest.mark.parametrize("answers", [{"worried": "yes"}, {"better": DISCLOSURE}])
def test_a_worry_from_a_page_left_open_for_days_is_stored_and_alerts(
    client: TestClient, ff: FeedbackFactory, db: Session, answers: dict[str, str]
) -> None:
    form = old_page(client, ff, days=3)

    sent = send(client, form, **answers)

    assert_stored_and_alerted(client, db, sent, QuarantineReason.BAD_NONCE)


def test_ordinary_feedback_from_a_page_left_open_for_days_comes_back_to_copy(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    form = old_page(client, ff, days=3)

    response = send(client, form, good="The food is nice")

    assert response.status_code == 200
    assert "We could not send this yet" in main_text(response)
    assert NOBODY_TOLD not in main_text(response)
    assert value_of(response, "good") == "The food is nice"
    assert submissions(db) == []


def test_the_page_that_could_not_send_yet_keeps_its_safety_button_and_it_alerts(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    """Its jump link leads to the button, and the button still reaches a person: the page
    carries the form's own signed link on."""
    not_sent = send(client, old_page(client, ff, days=3), good="The food is nice")
    jump = page(not_sent).select_one("a.app-worried-jump__link")
    assert jump is not None and jump["href"] == "#worried-section"
    assert page(not_sent).select_one("#worried-section button[name=worried]") is not None
    assert page(not_sent).select_one("button[name=send]") is None

    sent = send(client, not_sent, good="The food is nice", worried="yes")

    assert_stored_and_alerted(client, db, sent, QuarantineReason.BAD_NONCE)


@pytest.mark.parametrize("answers", [{"worried": "yes"}, {"better": DISCLOSURE}])
def test_a_worry_with_no_verifiable_link_says_nobody_was_told_and_gives_the_numbers(
    client: TestClient, ff: FeedbackFactory, db: Session, answers: dict[str, str]
) -> None:
    form = old_page(client, ff, days=8)

    response = send(client, form, good="Please help", **answers)

    assert response.status_code == 200
    text = main_text(response)
    assert NOBODY_TOLD in text and "999" in text and "0800 1111" in text
    assert page(response).select_one("a[href='tel:08001111']") is not None
    assert value_of(response, "good") == "Please help"
    assert page(response).select_one("button[name=worried]") is None
    assert page(response).select_one("a.app-worried-jump__link") is None  # nowhere to jump
    assert submissions(db) == [] and alerts(db) == []


def test_a_forged_link_field_is_never_honoured_even_for_a_worry(
    client: TestClient, ff: FeedbackFactory, db: Session, settings: Settings
) -> None:
    open_link(client, ff)
    fields = hidden_fields(client.get("/give-feedback"))
    client.cookies.clear()
    other = ff.make_link(LinkKind.POSTER)
    wrong_key = make_settings(secret_key="another-secret-key-entirely-0123456789")
    forged = {"form_link": signer(wrong_key).dumps(other.link.id), "worried": "yes"}

    response = client.post("/give-feedback", data={**fields, **forged})

    assert response.status_code == 200
    assert NOBODY_TOLD in main_text(response)
    assert submissions(db) == [] and alerts(db) == []
    assert signer(settings).loads(fields["form_link"]) != other.link.id
