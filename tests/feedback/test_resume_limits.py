"""Guessing resume codes is limited per client like guessing links: each code that finds
nothing counts (under a keyed hash of the address), and over the limit even a right code is
refused, with the reason beside the box."""

from __future__ import annotations

from datetime import datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.feedback import lookup_limits
from learning.feedback.terms import FormKind
from tests.conftest import make_settings
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import open_link, send
from tests.org.pages import error_summary, field_error, heading, page, value_of

#: Counted to the limit in one window of the limits' clock, however long the test takes.
pytestmark = pytest.mark.usefixtures("one_rate_window")

TOO_MANY = "You have tried too many codes from here. Wait an hour, then try again."
WRONG = "ACDE-FGHJ-KMNP"


@pytest.fixture
def settings() -> Settings:
    return make_settings(feedback_min_fill_seconds=0)


def saved_code(client: TestClient, ff: FeedbackFactory) -> str:
    """Answers saved for later on a new link; returns their resume code."""
    open_link(client, ff, FormKind.PARENT_CARER)
    saved = send(client, client.get("/give-feedback"), save="yes", good="Half done")
    code = page(saved).select_one(".app-code")
    assert code is not None
    client.cookies.clear()
    return code.get_text(strip=True)


def guess_until_blocked(client: TestClient) -> None:
    for _ in range(lookup_limits.FAILURES_ALLOWED):
        response = client.post("/give-feedback/resume", data={"code": WRONG})
        assert response.status_code == 422


def test_after_too_many_wrong_codes_even_the_right_one_is_refused_beside_the_box(
    client: TestClient, ff: FeedbackFactory, app: FastAPI
) -> None:
    code = saved_code(client, ff)
    guess_until_blocked(client)

    refused = client.post("/give-feedback/resume", data={"code": code})
    elsewhere = TestClient(
        app, base_url="https://testserver", follow_redirects=False, client=("192.0.2.7", 50000)
    )
    with elsewhere:
        other = elsewhere.post("/give-feedback/resume", data={"code": code})

    assert refused.status_code == 429
    assert error_summary(refused) == [TOO_MANY]
    assert field_error(refused, "code") == TOO_MANY
    assert value_of(refused, "code") == code
    assert "Half done" not in refused.text
    assert other.status_code == 200 and value_of(other, "good") == "Half done"


def test_only_codes_that_find_nothing_count(
    client: TestClient,
    ff: FeedbackFactory,
    db: Session,
    settings: Settings,
    one_rate_window: datetime,
) -> None:
    code = saved_code(client, ff)
    client.post("/give-feedback/resume", data={"code": code})
    client.post("/give-feedback/resume", data={"code": ""})
    client.post("/give-feedback/resume", data={"code": WRONG})

    now = one_rate_window  # the window the app counted in
    resume = lookup_limits.failures(db, settings, "testclient", now, lookup_limits.RESUME_CODES)
    assert resume == 1
    assert lookup_limits.failures(db, settings, "testclient", now) == 0  # links: untouched


def test_resume_codes_and_links_have_their_own_budgets(
    client: TestClient, ff: FeedbackFactory
) -> None:
    new = ff.make_link()
    guess_until_blocked(client)

    assert client.get(f"/f/{new.token}").status_code == 303


def test_the_refusal_is_in_the_language_chosen(client: TestClient) -> None:
    guess_until_blocked(client)

    response = client.post("/give-feedback/resume", data={"code": WRONG, "lang": "pl"})

    assert response.status_code == 429
    assert heading(response) == "Dokończ swoją opinię"
    assert error_summary(response) == [
        "Stąd wpisano zbyt wiele kodów. Poczekaj godzinę i spróbuj ponownie."
    ]


def test_failed_codes_are_counted_under_a_keyed_hash_not_the_address(db: Session) -> None:
    now = utcnow()
    key = lookup_limits.lookup_key(db, "198.51.100.23", now, lookup_limits.RESUME_CODES)

    assert key is not None and "198.51.100.23" not in key and len(key) == 64
    assert key != lookup_limits.lookup_key(db, "198.51.100.23", now)
