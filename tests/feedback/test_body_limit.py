"""No one can make the service read a body of any size: over ``FORM_BODY_LIMIT`` a form is
refused with 413 as soon as it is read, on the public feedback form as on staff pages, and
nothing of it is stored."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.core import body_limit
from learning.core.body_limit import FORM_BODY_LIMIT
from learning.org import import_views
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import hidden_fields, open_link, send, submissions
from tests.org.conftest import SignedIn
from tests.org.pages import heading

ANSWER = "The social worker listened to me."


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    """A 64 KiB ceiling for these tests, so that none has to send megabytes."""
    limit = 64 * 1024
    monkeypatch.setattr(body_limit, "FORM_BODY_LIMIT", limit)
    return limit


def test_the_ceiling_is_far_above_any_form_a_person_can_send() -> None:
    # The longest staff box takes 20,000 characters; nine bytes each once form-encoded.
    assert FORM_BODY_LIMIT >= 20_000 * 9 * 40
    # The staff import reads bodies up to its own limit (and answers longer ones itself).
    assert max(import_views.UPLOAD_BODY_LIMIT, import_views.CONFIRM_FIELD_LIMIT) < FORM_BODY_LIMIT


def test_a_public_form_over_the_ceiling_is_refused_and_nothing_is_stored(
    small_limit: int, client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff)
    form_page = client.get("/give-feedback")
    fields = {**hidden_fields(form_page), "good": "x" * (small_limit + 1)}
    response = client.post("/give-feedback", data=fields)
    assert response.status_code == 413
    assert heading(response) == "That file or form is too large"
    assert submissions(db) == []
    # The same form at its usual size goes through.
    assert send(client, form_page, good=ANSWER).status_code == 303
    assert len(submissions(db)) == 1


def test_a_body_sent_in_chunks_is_refused_once_it_passes_the_ceiling(
    small_limit: int, client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff)
    form_page = client.get("/give-feedback")
    head = "&".join(f"{k}={v}" for k, v in hidden_fields(form_page).items()).encode()

    def chunks() -> Iterator[bytes]:  # no Content-Length: a body of unknown length
        yield head + b"&good="
        for _ in range(small_limit // 1024 * 4):
            yield b"x" * 1024

    response = client.post(
        "/give-feedback",
        content=chunks(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413
    assert submissions(db) == []


def test_a_file_sent_to_the_public_form_over_the_ceiling_is_refused(
    small_limit: int, client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff)
    form_page = client.get("/give-feedback")
    response = client.post(
        "/give-feedback",
        data=hidden_fields(form_page),
        files={"upload": ("big.bin", b"\0" * (small_limit + 1))},
    )
    assert response.status_code == 413
    assert submissions(db) == []


def test_a_staff_form_over_the_ceiling_is_refused_with_the_error_page(
    small_limit: int, supervisor: SignedIn
) -> None:
    response = supervisor.post("/feedback/links/new", {"title": "x" * (small_limit + 1)})
    assert response.status_code == 413
    assert heading(response) == "That file or form is too large"
