"""Kept pages: the empty form and the thank-you page are rendered once and kept, with each
visitor's own nonce, signed link, receipt code and CSP nonce put in on every request."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.core.config import Settings
from learning.feedback.public_page import KeptPage, KeptPages
from learning.feedback.terms import FormKind, QuarantineReason
from tests.conftest import make_settings
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import hidden_fields, open_link, send, submissions

RECEIPT = re.compile(r"[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{4}")


@pytest.fixture
def settings() -> Settings:
    return make_settings(feedback_min_fill_seconds=0)


@pytest.fixture
def second(app: FastAPI) -> TestClient:
    """Another visitor's phone, on the same app."""
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        yield client


def style_nonce(html: str) -> str:
    found = re.search(r'<style nonce="([^"]+)"', html)
    assert found, "no style element with a nonce"
    return found.group(1)


def test_each_visitor_gets_the_kept_form_with_their_own_values(
    app: FastAPI, client: TestClient, second: TestClient, ff: FeedbackFactory
) -> None:
    link_id = open_link(client, ff, FormKind.CHILD_8_12)
    second.cookies.update(client.cookies)
    first_page, again, other = (c.get("/give-feedback") for c in (client, client, second))

    kept = KeptPages.of(app)
    assert len(kept._pages) == 1  # noqa: SLF001 - one page kept, served three times
    values = [hidden_fields(page) for page in (first_page, again, other)]
    nonces = {v["form_nonce"] for v in values}
    assert len(nonces) == 3 and "" not in nonces
    assert all(v["form_link"] for v in values)
    for page in (first_page, again, other):
        assert style_nonce(page.text) in page.headers["content-security-policy"]
        assert "kept" + kept._salt not in page.text  # noqa: SLF001 - every marker filled

    # Apart from those values, the pages are the same page.
    def plain(page_text: str, v: dict[str, str]) -> str:
        for value in (v["form_nonce"], v["form_link"], style_nonce(page_text)):
            page_text = page_text.replace(value, "VALUE")
        return page_text

    assert plain(first_page.text, values[0]) == plain(other.text, values[2])
    assert link_id


def test_kept_forms_send_and_each_nonce_is_still_single_use(
    client: TestClient, second: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    second.cookies.update(client.cookies)
    pages = [c.get("/give-feedback") for c in (client, second)]

    sent = [
        send(c, page, good=f"They listened to me properly, visitor {n}")
        for n, (c, page) in enumerate(zip((client, second), pages, strict=True))
    ]
    again = send(client, pages[0], good="Sent again from the same page, as a refresh might")

    assert [r.status_code for r in sent] == [303, 303]
    stored = submissions(db)
    assert [s.quarantine_reason for s in stored] == [
        None,
        None,
        QuarantineReason.DUPLICATE,
    ]  # its nonce was spent
    assert again.status_code == 303


def test_the_thank_you_page_shows_each_visitor_their_own_receipt_code(
    client: TestClient, second: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    second.cookies.update(client.cookies)
    codes = []
    for c in (client, second):
        send(c, c.get("/give-feedback"), good=f"They listened to me properly {id(c)}")
        thanks = c.get("/give-feedback/thank-you")
        assert thanks.status_code == 200
        codes.append(RECEIPT.findall(thanks.text))
    assert len(codes[0]) == 1 and len(codes[1]) == 1 and codes[0] != codes[1]


def test_pages_in_other_languages_and_easy_read_are_kept_apart(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    english = client.get("/give-feedback")
    welsh = client.get("/give-feedback?lang=cy")
    easy = client.get("/give-feedback?easy=1")
    english_again = client.get("/give-feedback")

    assert 'lang="en"' in english.text and 'lang="en"' in english_again.text
    assert 'lang="cy"' in welsh.text
    assert "easy=1" in easy.text and english.text != easy.text


def test_a_kept_page_is_filled_as_putting_each_value_in_place_of_its_marker_would() -> None:
    markers = {"nonce": "keptABCnonce", "csp_nonce": "keptABCcspnonce"}
    page = (
        '<style nonce="keptABCcspnonce"></style><p>Diolch – شكرا</p>'
        '<input value="keptABCnonce"><script nonce="keptABCcspnonce"></script>keptABCnonce'
    )
    values = {"nonce": "n-1_2.3~", "csp_nonce": "Zx9"}
    by_replacing = page
    for name, marker in markers.items():
        by_replacing = by_replacing.replace(marker, values[name])

    kept = KeptPage.cut(page, markers)

    assert kept.fill(values) == by_replacing.encode()
    assert kept.holes == ("csp_nonce", "nonce", "csp_nonce", "nonce")
    assert KeptPage.cut("no markers here", markers).fill(values) == b"no markers here"
