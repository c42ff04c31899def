"""Opening a feedback link by its address or its short code: the token is swapped for the
link cookie and a clean address; every closed link gets one page that says nothing about
why; guessing is limited per client; tokens stay out of the access log."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from starlette.requests import Request

from learning.app import PUBLIC_ROUTES
from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback import links, log_redaction, lookup_limits, open_views
from learning.feedback.link_cookie import link_cookie_name, link_id_from_cookie
from learning.feedback.terms import LinkKind
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.org.pages import error_summary, field_error, heading, page, value_of

SAFETY = "If you are in danger now, call 999"
CHILDLINE = "You can talk to Childline any time, for free: 0800 1111"


def main_text(response: Response) -> str:
    main = page(response).find("main")
    assert main is not None
    return main.get_text(" ", strip=True)


def assert_opened(response: Response, app: FastAPI, link_id: int | None) -> None:
    """Redirected to the form's clean address with the cookie for this link, and nothing
    in the response that could leak the token onwards."""
    assert response.status_code == 303
    assert response.headers["location"] == "/give-feedback"
    assert response.headers["referrer-policy"] == "no-referrer"
    name = link_cookie_name(app.state.settings)
    cookie = response.cookies.get(name)
    assert cookie is not None
    headers = [(b"cookie", f"{name}={cookie}".encode())]
    assert link_id_from_cookie(Request({"type": "http", "headers": headers, "app": app})) == link_id


# Opening by address ----------------------------------------------------------------------


def test_opening_a_link_sets_the_link_cookie_and_redirects_to_a_clean_address(
    client: TestClient, ff: FeedbackFactory, app: FastAPI
) -> None:
    new = ff.make_link(LinkKind.POSTER)

    response = client.get(f"/f/{new.token}")

    assert_opened(response, app, new.link.id)
    assert new.token not in response.headers["location"]
    assert new.token not in response.text


def test_opening_does_not_use_up_a_personal_link(
    client: TestClient, ff: FeedbackFactory, settings: Settings
) -> None:
    new = ff.make_link(LinkKind.PERSONAL)

    client.get(f"/f/{new.token}")
    again = client.get(f"/f/{new.token}")

    assert again.status_code == 303
    ff.db.refresh(new.link)
    assert new.link.used_at is None and new.link.use_count == 0


def closed_links(ff: FeedbackFactory) -> dict[str, str]:
    """A token for each way a link can be closed (and one that never existed)."""
    expired = ff.make_link(LinkKind.TIMED, expires_at=utcnow() - timedelta(minutes=1))
    revoked = ff.make_link(LinkKind.POSTER)
    links.revoke(ff.db, revoked.link, None)
    used = ff.make_link(LinkKind.PERSONAL)
    assert links.consume(ff.db, used.link)
    ff.db.commit()
    return {
        "unknown": "x" * 43,
        "expired": expired.token,
        "revoked": revoked.token,
        "used": used.token,
    }


def test_every_closed_link_gets_the_same_page_saying_nothing_about_why(
    client: TestClient, ff: FeedbackFactory
) -> None:
    responses = {why: client.get(f"/f/{token}") for why, token in closed_links(ff).items()}

    statuses = {why: r.status_code for why, r in responses.items()}
    assert statuses == dict.fromkeys(responses, 404)
    bodies = {main_text(r) for r in responses.values()}
    assert len(bodies) == 1
    first = responses["unknown"]
    assert heading(first) == "This link does not work any more"
    assert SAFETY in main_text(first) and CHILDLINE in main_text(first)
    assert all(r.headers["referrer-policy"] == "no-referrer" for r in responses.values())
    assert all(not r.cookies for r in responses.values())


def test_the_closed_page_never_names_the_reason(client: TestClient, ff: FeedbackFactory) -> None:
    response = client.get(f"/f/{closed_links(ff)['revoked']}")

    text = main_text(response).lower()
    assert "revoked" not in text and "switched off on" not in text


# Opening by short code -------------------------------------------------------------------


def test_the_short_code_page_has_a_labelled_box_with_a_hint(client: TestClient) -> None:
    response = client.get("/s")

    assert response.status_code == 200
    soup = page(response)
    label = soup.find("label", attrs={"for": "code"})
    assert label is not None and label.get_text(strip=True) == "Type your code"
    assert "ACDE-FGHJ" in soup.find(id="code-hint").get_text()  # type: ignore[union-attr]
    assert SAFETY in main_text(response) and CHILDLINE in main_text(response)


def test_a_typed_code_opens_its_link_however_it_is_written(
    client: TestClient, ff: FeedbackFactory, app: FastAPI
) -> None:
    new = ff.make_link(LinkKind.POSTER)
    code = new.link.short_code
    typed = f" {code[:4].lower()} - {code[4:].lower()} "

    response = client.post("/s", data={"code": typed})

    assert_opened(response, app, new.link.id)


@pytest.mark.parametrize("written", ["grouped", "lower", "spaced"])
def test_a_personal_links_code_opens_it_though_only_its_hash_is_kept(
    client: TestClient, ff: FeedbackFactory, app: FastAPI, written: str
) -> None:
    new = ff.make_link(LinkKind.PERSONAL)
    code = new.short_code
    typed = {
        "grouped": links.grouped_short_code(code),
        "lower": code.lower(),
        "spaced": f" {code[:4].lower()} - {code[4:]} ",
    }[written]
    assert code not in new.link.short_code

    by_address = client.get(f"/s/{typed.strip()}")
    by_box = client.post("/s", data={"code": typed})

    assert_opened(by_address, app, new.link.id)
    assert_opened(by_box, app, new.link.id)


def test_the_stored_hash_of_a_personal_links_code_does_not_open_it(
    client: TestClient, ff: FeedbackFactory
) -> None:
    new = ff.make_link(LinkKind.PERSONAL)

    assert client.get(f"/s/{new.link.short_code}").status_code == 404
    assert client.post("/s", data={"code": new.link.short_code}).status_code == 422


def test_a_short_address_with_its_grouped_code_opens_the_link(
    client: TestClient, ff: FeedbackFactory, app: FastAPI
) -> None:
    new = ff.make_link(LinkKind.TIMED)

    response = client.get(f"/s/{links.grouped_short_code(new.link.short_code)}")

    assert_opened(response, app, new.link.id)


def test_a_short_address_of_a_closed_link_gets_the_closed_page(
    client: TestClient, ff: FeedbackFactory
) -> None:
    new = ff.make_link(LinkKind.POSTER)
    links.revoke(ff.db, new.link, None)
    ff.db.commit()

    response = client.get(f"/s/{new.link.short_code}")
    unknown = client.get("/s/AAAAAAAA")

    assert response.status_code == unknown.status_code == 404
    assert main_text(response) == main_text(unknown)


@pytest.mark.parametrize(
    ("typed", "message", "status"),
    [
        ("", "Enter your code", 422),
        ("ACD-EFG", "Your code has 8 letters and numbers, like ACDE-FGHJ", 422),
        ("AAAA-AAAA", open_views.CODE_NOT_FOUND, 404),
    ],
)
def test_a_code_that_does_not_work_is_explained_beside_the_box_and_kept(
    client: TestClient, typed: str, message: str, status: int
) -> None:
    response = client.post("/s", data={"code": typed})

    assert response.status_code == status
    assert error_summary(response) == [message]
    assert field_error(response, "code") == message
    assert value_of(response, "code") == typed
    assert heading(response) == "Type your code"


def test_a_signed_in_person_can_use_the_code_box_too(
    client: TestClient, ff: FeedbackFactory, factory: Factory, app: FastAPI
) -> None:
    csrf = factory.sign_in(client, factory.make_person(roles=(Role.PRACTITIONER,)))
    new = ff.make_link(LinkKind.POSTER)
    form = client.get("/s")
    assert value_of(form, "csrf_token") == csrf

    response = client.post("/s", data={"code": new.link.short_code, "csrf_token": csrf})

    assert_opened(response, app, new.link.id)


def test_the_public_pages_are_on_the_public_list() -> None:
    assert open_views.PUBLIC_ROUTES <= PUBLIC_ROUTES
    assert {
        "feedback_open_link",
        "feedback_link_closed",
        "feedback_short_code",
        "feedback_short_code_submit",
        "feedback_short_code_open",
    } == open_views.PUBLIC_ROUTES


# Limits on guessing ----------------------------------------------------------------------


@pytest.mark.usefixtures("one_rate_window")  # counted in one window, however long it takes
def test_after_too_many_failed_look_ups_even_a_right_token_is_refused(
    client: TestClient, app: FastAPI, ff: FeedbackFactory, settings: Settings
) -> None:
    new = ff.make_link(LinkKind.POSTER)
    for n in range(lookup_limits.FAILURES_ALLOWED):
        assert client.get(f"/f/guess-{n}").status_code == 404

    refused = client.get(f"/f/{new.token}")
    by_code = client.post("/s", data={"code": new.link.short_code})
    elsewhere = TestClient(
        app, base_url="https://testserver", follow_redirects=False, client=("192.0.2.7", 50000)
    )
    with elsewhere:
        other = elsewhere.get(f"/f/{new.token}")

    assert refused.status_code == by_code.status_code == 429
    assert heading(refused) == "Too many tries"
    assert SAFETY in main_text(refused)
    assert other.status_code == 303


@pytest.mark.usefixtures("one_rate_window")
def test_opening_an_old_link_again_is_not_counted_as_guessing(
    client: TestClient, ff: FeedbackFactory, settings: Settings
) -> None:
    """A family taps their used (or expired, or switched-off) link again and again: the same
    closed page each time, but no try is counted, so nobody sharing their address (a school,
    a care home) is locked out by it. An address or code that never existed still counts."""
    tokens = closed_links(ff)
    revoked = links.known_by_token(ff.db, tokens["revoked"])  # a poster: its code in clear
    assert revoked is not None
    for _ in range(lookup_limits.FAILURES_ALLOWED + 5):
        for why in ("expired", "revoked", "used"):
            assert client.get(f"/f/{tokens[why]}").status_code == 404
        assert client.get(f"/s/{revoked.short_code}").status_code == 404
        assert client.post("/s", data={"code": revoked.short_code}).status_code == 404
    assert lookup_limits.failures(ff.db, settings, "testclient", utcnow()) == 0

    assert client.get(f"/f/{tokens['unknown']}").status_code == 404
    assert lookup_limits.failures(ff.db, settings, "testclient", utcnow()) == 1


def test_failed_look_ups_are_counted_under_a_keyed_hash_not_the_address(
    ff: FeedbackFactory, settings: Settings
) -> None:
    now = utcnow()
    assert lookup_limits.failures(ff.db, settings, "198.51.100.23", now) == 0  # makes no key
    key = lookup_limits.lookup_key(ff.db, "198.51.100.23", now)
    assert key is not None

    assert lookup_limits.note_failure(ff.db, settings, "198.51.100.23", now) == 1
    assert lookup_limits.note_failure(ff.db, settings, "198.51.100.23", now) == 2
    assert "198.51.100.23" not in key and len(key) == 64
    assert lookup_limits.failures(ff.db, settings, "198.51.100.23", now) == 2
    assert lookup_limits.failures(ff.db, settings, "198.51.100.24", now) == 0
    assert lookup_limits.lookup_key(ff.db, "198.51.100.23", now + timedelta(days=1)) != key


# Keeping tokens out of the logs ----------------------------------------------------------


def access_record(path: str) -> logging.LogRecord:
    """A record as the web server's access log makes it."""
    return logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("192.0.2.1:5000", "GET", path, "1.1", 303),
        None,
    )


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/f/AbC_d-1234567890", "/f/[redacted]"),
        ("/f/AbC_d-1234567890?utm=x", "/f/[redacted]?utm=x"),
        ("/s/ACDE-FGHJ", "/s/[redacted]"),
        (
            "/feedback/links/3/issued?reveal=gAAAA-secret",
            "/feedback/links/3/issued?reveal=[redacted]",
        ),
        (
            "/feedback/links/3/poster.pdf?x=1&reveal=gAAAA",
            "/feedback/links/3/poster.pdf?x=1&reveal=[redacted]",
        ),
        ("/s", "/s"),
        ("/static/js/app.js", "/static/js/app.js"),
        ("/feedback/links", "/feedback/links"),
    ],
)
def test_the_access_log_never_shows_a_token_code_or_sealed_token(path: str, logged: str) -> None:
    record = access_record(path)

    assert log_redaction.RedactLinkTokens().filter(record) is True

    assert record.getMessage() == f'192.0.2.1:5000 - "GET {logged} HTTP/1.1" 303'


def test_the_app_puts_the_filter_on_the_access_log(app: FastAPI) -> None:
    logger = logging.getLogger("uvicorn.access")
    filters = [f for f in logger.filters if isinstance(f, log_redaction.RedactLinkTokens)]
    assert len(filters) == 1

    record = access_record("/f/the-token-itself")
    assert logger.filter(record)
    assert "the-token-itself" not in record.getMessage()


@pytest.mark.parametrize(
    ("method", "path", "hidden"),
    [
        ("POST", "/give-feedback", True),
        ("GET", "/give-feedback?lang=cy&easy=1", True),
        ("GET", "/give-feedback/thank-you", True),
        ("POST", "/give-feedback/receipt", True),
        ("GET", "/f/AbC_d-1234567890", True),
        ("GET", "/f", True),
        ("POST", "/s", True),
        ("GET", "/s/ACDE-FGHJ", True),
        ("GET", "/feedback/links", False),
        ("GET", "/safeguarding/alerts/3", False),
        ("GET", "/static/js/app.js", True),
        ("GET", "/static/build/app.css", True),
        ("GET", "/static/favicon.svg", True),
        ("GET", "/favicon.ico", True),
        ("GET", "/staticky", False),
        ("GET", "/give-feedbacks", False),
    ],
)
def test_the_access_log_never_shows_who_sent_feedback(method: str, path: str, hidden: bool) -> None:
    """Its time would join the address to the feedback stored then."""
    record = access_record(path)
    record.args = ("192.0.2.1:5000", method, *record.args[2:])  # type: ignore[index]
    logger = logging.getLogger("uvicorn.access")
    log_redaction.install()

    assert logger.filter(record)

    shown = record.getMessage()
    assert ("192.0.2.1" not in shown) is hidden
    assert shown.startswith("- - ") is hidden


def test_a_feedback_address_that_does_not_exist_stays_in_the_persons_language(
    client: TestClient,
) -> None:
    """A mistyped feedback address gave the staff's English "Page not found", without the
    safety message, in the middle of an Arabic journey."""
    response = client.get("/give-feedback/nope", params={"lang": "ar"})
    assert response.status_code == 404
    html = page(response).find("html")
    assert html is not None and html.get("lang") == "ar" and html.get("dir") == "rtl"
    assert heading(response) == "لا نستطيع العثور على هذه الصفحة"
    assert "999" in page(response).get_text() and "0800 1111" in page(response).get_text()
    elsewhere = client.get("/nothing-here", params={"lang": "ar"})
    assert elsewhere.status_code == 404 and heading(elsewhere) == "Page not found"
