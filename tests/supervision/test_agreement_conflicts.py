"""Two windows (or two people) on one supervision agreement: the supervisor's form opened
before the agreement last changed never saves over it unseen. What was typed comes back,
under the agreement as it is now; saving again from there is a choice made having seen both.
"""

from __future__ import annotations

import pytest
from bs4 import Tag
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, col, select

from learning.org.models import Person
from learning.supervision.agreement_views import NOT_SAVED
from learning.supervision.models import SupervisionAgreement
from tests.factories import Factory, audit_events
from tests.org.pages import error_summary, page, value_of
from tests.supervision.factories import SignedIn, SupervisionFactory, sign_in

TERMS = "I write it up within 5 working days; you read and agree it."


@pytest.fixture
def pair(factory: Factory) -> tuple[Person, Person]:
    return SupervisionFactory(factory).make_pair()


@pytest.fixture
def me(client: TestClient, factory: Factory, pair: tuple[Person, Person]) -> SignedIn:
    return sign_in(client, factory, pair[0])


def url(supervisee: Person) -> str:
    return f"/supervision/supervisees/{supervisee.id}/agreement"


def sent_by(response: Response, **typed: str) -> dict[str, str]:
    """What a browser sends from the agreement form on this page, with ``typed`` typed in."""
    form = page(response).select_one("form[action$='/agreement']")
    assert isinstance(form, Tag), "no agreement form on the page"
    sent = {str(field["name"]): field.get_text() if field.name == "textarea"
            else str(field.get("value", ""))
            for field in form.select("input[name], textarea[name]")
            if field["name"] != "csrf_token"}
    return {**sent, **typed}


def stored(db: Session, supervisee: Person) -> list[SupervisionAgreement]:
    db.expire_all()
    return list(db.exec(select(SupervisionAgreement).where(
        SupervisionAgreement.supervisee_id == supervisee.id)
        .order_by(col(SupervisionAgreement.id))).all())


def test_a_save_from_the_older_of_two_windows_is_refused_keeping_what_was_typed(
    me: SignedIn, pair: tuple[Person, Person], db: Session, factory: Factory,
) -> None:
    supervisor, supervisee = pair
    SupervisionFactory(factory).make_agreement(supervisor, supervisee, agreed=False,
                                               venue="Room 2", recording_terms=TERMS)
    first, second = me.get(url(supervisee)), me.get(url(supervisee))
    assert me.post(url(supervisee), sent_by(first, venue="Online")).status_code == 303

    refused = me.post(url(supervisee), sent_by(second, recording_terms="Within 3 days."))

    assert refused.status_code == 409
    assert error_summary(refused) == [NOT_SAVED]
    summary_link = page(refused).select_one(".govuk-error-summary a")
    assert summary_link is not None and summary_link["href"] == "#agreement-now"
    assert value_of(refused, "recording_terms") == "Within 3 days."  # as typed
    assert value_of(refused, "venue") == "Room 2"  # as that window showed it
    now = page(refused).find(id="agreement-now")
    assert isinstance(now, Tag) and now.get_text() == "The agreement now"
    assert "Online" in page(refused).get_text()  # the agreement now, above the form
    [kept] = stored(db, supervisee)
    assert (kept.venue, kept.recording_terms) == ("Online", TERMS)
    [refusal] = audit_events(db, "supervision.agreement.save_refused")
    assert refusal.result == "refused"
    # Having seen both, they save again from that page, keeping the other window's venue.
    again = me.post(url(supervisee), sent_by(refused, venue="Online"))
    assert again.status_code == 303
    [kept] = stored(db, supervisee)
    assert (kept.venue, kept.recording_terms) == ("Online", "Within 3 days.")


def test_two_windows_opened_before_there_was_an_agreement_never_start_two(
    me: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    supervisee = pair[1]
    first, second = me.get(url(supervisee)), me.get(url(supervisee))
    assert me.post(url(supervisee), sent_by(first, venue="Room 2")).status_code == 303

    refused = me.post(url(supervisee), sent_by(second, venue="Online"))

    assert refused.status_code == 409
    assert [a.venue for a in stored(db, supervisee)] == ["Room 2"]


def test_a_form_sent_back_with_an_error_still_carries_the_agreement_it_was_opened_with(
    me: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    supervisee = pair[1]
    first, second = me.get(url(supervisee)), me.get(url(supervisee))
    me.post(url(supervisee), sent_by(first, venue="Room 2"))

    wrong = me.post(url(supervisee), sent_by(second, venue="Online", usual_duration_minutes="9"))
    assert wrong.status_code == 422
    fixed = me.post(url(supervisee), sent_by(wrong, usual_duration_minutes="60"))

    assert fixed.status_code == 409
    assert [a.venue for a in stored(db, supervisee)] == ["Room 2"]


def test_a_save_from_an_older_window_that_changes_nothing_is_not_refused(
    me: SignedIn, pair: tuple[Person, Person], db: Session,
) -> None:
    supervisee = pair[1]
    first, second = me.get(url(supervisee)), me.get(url(supervisee))
    me.post(url(supervisee), sent_by(first, venue="Room 2"))

    same = me.post(url(supervisee), sent_by(second, venue="Room 2"))

    assert same.status_code == 303
    assert len(stored(db, supervisee)) == 1
