"""Nothing typed is lost when a session ends: a form sent after the idle (or absolute) timeout
is kept server-side for the same person, who finds it filled in on its page after signing in
again; anyone else signing in never sees it. The way back is always a page, never an address
that only takes a POST.

Sessions are ended as the clock would end them: their row's times are set back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest
from bs4 import Tag
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.accounts.kept_forms import KEY, LIMIT
from learning.accounts.models import UserSession
from learning.accounts.sessions import SECURE_COOKIE
from learning.app import PUBLIC_ROUTES, create_app
from learning.audit.models import AuditEvent
from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.permissions import Role
from learning.core.security import token_hash
from learning.feedback.models import SafeguardingAlert
from learning.feedback.terms import AlertStatus
from learning.org.models import Person
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.alert_helpers import make_alert
from tests.org.pages import checked, page, value_of
from tests.support.oidc import MockProvider, mock_provider, settings_for, sign_in
from tests.test_routes import is_api_route, served_routes

NOTE = "Rang the school's designated lead at 2pm.\nThey will see the child first thing tomorrow."
NOTICE = (
    "You were signed out because nothing happened for 30 minutes. "
    "What you typed is below: check it, then send it again."
)


@pytest.fixture(scope="module")
def provider() -> Iterator[MockProvider]:
    with mock_provider() as running:
        yield running


@pytest.fixture
def settings(provider: MockProvider) -> Settings:
    """Demo mode (the "sign in as" page) and a real OpenID provider: both ways in."""
    return make_settings(demo=True, **settings_for(provider))


# --- Helpers ---------------------------------------------------------------------------


def signed_in(client: TestClient, factory: Factory, person: Person) -> str:
    """``person`` signed in on ``client`` (a cookie as the app sets it); their CSRF token."""
    raw, row = factory.make_session(person)
    client.cookies.clear()
    client.cookies.set(SECURE_COOKIE, raw, domain="testserver.local")
    return row.csrf_token


def session_row(db: Session, client: TestClient) -> UserSession:
    db.expire_all()
    row = db.get(UserSession, token_hash(client.cookies.get(SECURE_COOKIE) or ""))
    assert row is not None, "the browser holds no session"
    return row


def end_by_the_clock(db: Session, client: TestClient, *, absolute: bool = False) -> None:
    """The session of ``client`` ended as 31 minutes without a request (or 9 hours) end it."""
    row = session_row(db, client)
    row.last_seen_at = utcnow() - timedelta(minutes=31)
    if absolute:
        row.last_seen_at = utcnow() - timedelta(minutes=1)
        row.signed_in_at = utcnow() - timedelta(hours=9)
    db.add(row)
    db.commit()


def kept_in_session(db: Session, client: TestClient) -> dict[str, Any] | None:
    kept: dict[str, Any] | None = json.loads(session_row(db, client).data).get(KEY)
    return kept


def sent_to_sign_in(response: httpx2.Response) -> dict[str, list[str]]:
    """Where the sign-in redirect says to come back to (``next``), and why (``ended``)."""
    assert response.status_code == 303, response.text[:300]
    location = urlsplit(response.headers["location"])
    assert location.path == "/sign-in"
    return parse_qs(location.query)


def csrf_of(response: httpx2.Response) -> str:
    """The page's CSRF token (none on a page shown without a session)."""
    meta = page(response).find("meta", attrs={"name": "csrf-token"})
    return str(meta["content"]) if isinstance(meta, Tag) else ""


def notice(response: httpx2.Response) -> str:
    banner = page(response).select_one("#kept-form .govuk-notification-banner__heading")
    return banner.get_text(" ", strip=True) if banner else ""


def demo_sign_in(client: TestClient, person: Person, next_url: str) -> httpx2.Response:
    """Signs ``person`` in through the demo page, as a browser would: its form's token."""
    form_page = client.get("/demo/sign-in-as", params={"next": next_url})
    data = {"person_id": str(person.id), "next": next_url, "csrf_token": csrf_of(form_page)}
    return client.post("/demo/sign-in-as", data=data)


def oidc_sign_in(
    client: TestClient, provider: MockProvider, person: Person, next_url: str
) -> httpx2.Response:
    """Signs ``person`` in with the council account, through the real provider."""
    sub = f"sub-{person.id}"
    provider.set_claims(sub, {"tid": person.oidc_tid, "oid": person.oidc_oid, "given_name": "X"})
    callback = sign_in(client, provider, sub, next_url=next_url).callback
    assert callback is not None
    return callback


def lead(factory: Factory, name: str) -> Person:
    return factory.make_person(
        roles=(Role.SAFEGUARDING_LEAD,),
        given_name=name,
        oidc_tid=factory.council.tenant_id,
        oidc_oid=f"oid-{name.lower()}",
    )


@pytest.fixture
def alert(factory: Factory, settings: Settings, db: Session) -> SafeguardingAlert:
    alert = make_alert(factory, settings)
    db.commit()
    return alert


def send_outcome_after_the_timeout(
    client: TestClient, db: Session, factory: Factory, person: Person, alert_page: str
) -> httpx2.Response:
    """``person`` opens the alert, types an outcome and note, goes away for 31 minutes, then
    presses "Record the outcome"."""
    token = signed_in(client, factory, person)
    assert client.get(alert_page).status_code == 200
    end_by_the_clock(db, client)
    return client.post(
        f"{alert_page}/outcome",
        data={"csrf_token": token, "outcome": "advice", "note": NOTE},
        headers={"Referer": f"https://testserver{alert_page}"},
    )


SIGN_IN_WAYS = ["demo", "council account"]


def sign_in_again(
    way: str, client: TestClient, provider: MockProvider, person: Person, next_url: str
) -> httpx2.Response:
    if way == "demo":
        return demo_sign_in(client, person, next_url)
    return oidc_sign_in(client, provider, person, next_url)


# --- The same person gets back what they typed -----------------------------------------


@pytest.mark.parametrize("way", SIGN_IN_WAYS)
def test_an_outcome_sent_after_the_idle_timeout_is_shown_again_to_the_same_person(
    client: TestClient,
    db: Session,
    factory: Factory,
    provider: MockProvider,
    alert: SafeguardingAlert,
    way: str,
) -> None:
    person = lead(factory, "Helen")
    alert_page = f"/safeguarding/alerts/{alert.id}"

    response = send_outcome_after_the_timeout(client, db, factory, person, alert_page)

    assert sent_to_sign_in(response) == {"next": [alert_page], "ended": ["idle"]}
    db.expire_all()
    stored = db.get(SafeguardingAlert, alert.id)
    assert stored is not None and stored.status is AlertStatus.OPEN and not stored.outcome_note
    closed = select(AuditEvent).where(AuditEvent.action == "safeguarding_alert.closed")
    assert db.exec(closed).all() == []
    sign_in_page = client.get(response.headers["location"])
    assert "What you typed is kept." in sign_in_page.text

    back = sign_in_again(way, client, provider, person, alert_page)
    assert back.status_code == 303 and urlsplit(back.headers["location"]).path == alert_page
    shown = client.get(back.headers["location"])

    assert shown.status_code == 200
    assert notice(shown) == NOTICE
    assert checked(shown, "outcome") == ["advice"]
    assert value_of(shown, "note") == NOTE
    form = page(shown).select_one(f"form[action$='{alert_page}/outcome']")
    assert form is not None and form.has_attr("data-kept")

    again = client.get(alert_page)  # used once
    assert notice(again) == "" and value_of(again, "note") == ""
    assert kept_in_session(db, client) is None

    sent = client.post(
        f"{alert_page}/outcome",
        data={"csrf_token": csrf_of(shown), "outcome": "advice", "note": NOTE},
    )
    assert sent.status_code == 303
    db.expire_all()
    recorded = db.get(SafeguardingAlert, alert.id)
    assert recorded is not None and recorded.status is AlertStatus.CLOSED
    assert recorded.outcome_note == NOTE


def test_after_the_absolute_timeout_the_notice_says_so(
    client: TestClient, db: Session, factory: Factory, alert: SafeguardingAlert
) -> None:
    person = lead(factory, "Helen")
    alert_page = f"/safeguarding/alerts/{alert.id}"
    token = signed_in(client, factory, person)
    end_by_the_clock(db, client, absolute=True)
    response = client.post(
        f"{alert_page}/outcome", data={"csrf_token": token, "outcome": "nfa", "note": NOTE}
    )
    assert sent_to_sign_in(response) == {"next": [alert_page], "ended": ["absolute"]}

    shown = client.get(demo_sign_in(client, person, alert_page).headers["location"])

    assert notice(shown) == (
        "You were signed out because you had been signed in for 8 hours. "
        "What you typed is below: check it, then send it again."
    )
    assert value_of(shown, "note") == NOTE


def test_the_notice_gives_the_idle_timeout_from_the_settings(
    database: Database, db: Session, factory: Factory
) -> None:
    app = create_app(make_settings(demo=True, session_idle_minutes=20), database=database)
    alert = make_alert(factory, app.state.settings)
    db.commit()
    person = lead(factory, "Helen")
    alert_page = f"/safeguarding/alerts/{alert.id}"
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        send_outcome_after_the_timeout(client, db, factory, person, alert_page)
        shown = client.get(demo_sign_in(client, person, alert_page).headers["location"])

    assert notice(shown).startswith(
        "You were signed out because nothing happened for 20 minutes."
    )


# --- Anyone else never sees it ---------------------------------------------------------


@pytest.mark.parametrize("way", SIGN_IN_WAYS)
def test_someone_else_signing_in_on_the_same_computer_never_sees_what_was_typed(
    client: TestClient,
    db: Session,
    factory: Factory,
    provider: MockProvider,
    alert: SafeguardingAlert,
    way: str,
) -> None:
    helen, sam = lead(factory, "Helen"), lead(factory, "Sam")
    alert_page = f"/safeguarding/alerts/{alert.id}"
    send_outcome_after_the_timeout(client, db, factory, helen, alert_page)
    assert kept_in_session(db, client) is not None
    pre_sign_in = session_row(db, client).id

    back = sign_in_again(way, client, provider, sam, alert_page)
    shown = client.get(back.headers["location"])

    assert shown.status_code == 200
    assert notice(shown) == ""
    assert NOTE not in shown.text and checked(shown, "outcome") == []
    assert json.loads(session_row(db, client).data) == {}
    old = db.get(UserSession, pre_sign_in)
    assert old is not None and old.revoked_at is not None
    assert json.loads(old.data) == {}, "what was typed stays in no ended session"

    # Nor does it come back when the right person signs in later in that browser.
    signed_in(client, factory, helen)
    assert notice(client.get(alert_page)) == "" and NOTE not in client.get(alert_page).text


def test_a_form_sent_without_any_session_is_not_kept_for_anyone(
    client: TestClient, db: Session, factory: Factory, alert: SafeguardingAlert
) -> None:
    """No session, no one to keep it for: whoever signs in next must not see it."""
    alert_page = f"/safeguarding/alerts/{alert.id}"
    response = client.post(
        f"{alert_page}/outcome",
        data={"outcome": "advice", "note": NOTE},
        headers={"Referer": f"https://testserver{alert_page}"},
    )
    assert sent_to_sign_in(response)["next"] == [alert_page]
    assert client.cookies.get(SECURE_COOKIE) is None
    shown = client.get(demo_sign_in(client, lead(factory, "Sam"), alert_page).headers["location"])
    assert notice(shown) == "" and NOTE not in shown.text


# --- What is kept ----------------------------------------------------------------------


def test_the_csrf_token_and_files_are_not_kept_and_the_rest_is(
    client: TestClient, db: Session, factory: Factory, alert: SafeguardingAlert
) -> None:
    person = lead(factory, "Helen")
    alert_page = f"/safeguarding/alerts/{alert.id}"
    token = signed_in(client, factory, person)
    end_by_the_clock(db, client)

    response = client.post(
        f"{alert_page}/outcome",
        data={"csrf_token": token, "outcome": "advice", "note": NOTE},
        files={"attachment": ("notes.txt", b"a file's words", "text/plain")},
    )

    assert sent_to_sign_in(response)["next"] == [alert_page]
    kept = kept_in_session(db, client)
    assert kept is not None
    assert kept["fields"] == [["outcome", "advice"], ["note", NOTE]]
    stored = session_row(db, client).data
    assert token not in stored and "csrf_token" not in stored
    assert "a file's words" not in stored and "notes.txt" not in stored
    assert kept["person"] == person.id and kept["page"] == alert_page


def test_a_very_long_form_keeps_what_fits_and_says_something_is_missing(
    client: TestClient, db: Session, factory: Factory, alert: SafeguardingAlert
) -> None:
    person = lead(factory, "Helen")
    alert_page = f"/safeguarding/alerts/{alert.id}"
    token = signed_in(client, factory, person)
    end_by_the_clock(db, client)
    huge = "word " * (LIMIT // 4)

    client.post(
        f"{alert_page}/outcome",
        data={"csrf_token": token, "note": huge, "outcome": "police"},
    )

    kept = kept_in_session(db, client)
    assert kept is not None and kept["fields"] == [["outcome", "police"]] and kept["partial"]
    assert len(session_row(db, client).data) < LIMIT + 1024
    shown = client.get(demo_sign_in(client, person, alert_page).headers["location"])
    assert notice(shown).endswith("Some of it was too long to keep: check nothing is missing.")
    assert checked(shown, "outcome") == ["police"]


def test_an_htmx_request_after_the_timeout_is_sent_to_sign_in_and_what_it_carried_is_kept(
    client: TestClient, db: Session, factory: Factory, alert: SafeguardingAlert
) -> None:
    """Told to go (``HX-Redirect``), not given the sign-in page to swap into its page; its
    fields kept as a whole form's are (drafts saved as they are typed: see
    ``test_kept_form_autosave``)."""
    person = lead(factory, "Helen")
    alert_page = f"/safeguarding/alerts/{alert.id}"
    token = signed_in(client, factory, person)
    end_by_the_clock(db, client)

    response = client.post(
        f"{alert_page}/outcome",
        data={"outcome": "advice", "note": NOTE},
        headers={
            "HX-Request": "true",
            "X-CSRF-Token": token,
            "HX-Current-URL": f"https://testserver{alert_page}",
        },
    )

    assert response.status_code == 204 and response.content == b""
    location = urlsplit(response.headers["HX-Redirect"])
    assert location.path == "/sign-in"
    assert parse_qs(location.query) == {"next": [alert_page], "ended": ["idle"]}
    kept = kept_in_session(db, client)
    assert kept is not None and kept["person"] == person.id and kept["page"] == alert_page
    assert kept["fields"] == [["outcome", "advice"], ["note", NOTE]]
    shown = client.get(demo_sign_in(client, person, alert_page).headers["location"])
    assert notice(shown) == NOTICE
    assert checked(shown, "outcome") == ["advice"] and value_of(shown, "note") == NOTE


def test_a_referer_from_another_site_is_not_followed(
    client: TestClient, db: Session, factory: Factory, alert: SafeguardingAlert
) -> None:
    person = lead(factory, "Helen")
    alert_page = f"/safeguarding/alerts/{alert.id}"
    token = signed_in(client, factory, person)
    end_by_the_clock(db, client)
    response = client.post(
        f"{alert_page}/outcome",
        data={"csrf_token": token, "note": NOTE},
        headers={"Referer": "https://evil.test/people"},
    )
    assert sent_to_sign_in(response)["next"] == [alert_page]


# --- The way back is always a page -----------------------------------------------------


def post_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(name, path with every parameter set to 1) of every signed-in POST route."""
    return [
        (route.name, route.path_format.format(**dict.fromkeys(route.param_convertors, 1)))
        for route in served_routes(app)
        if is_api_route(route) and "POST" in route.methods and route.name not in PUBLIC_ROUTES
    ]


def shows_a_page(client: TestClient, path: str) -> bool:
    """A GET of ``path`` shows a page, or asks a visitor to sign in and come back to it."""
    response = client.get(path)
    if response.status_code == 200:
        return True
    if response.status_code != 303:
        return False
    return sent_to_sign_in(response).get("next") == [urlsplit(path).path]


def test_after_the_timeout_every_form_goes_back_to_a_page_never_to_a_post_only_address(
    app: FastAPI, client: TestClient, db: Session, factory: Factory
) -> None:
    """For every POST route, sent after the session ended (with no Referer, and with the
    form's own address as Referer, as when a page with errors was shown by the POST): the
    address to come back to after signing in shows a page."""
    person = factory.make_person(roles=tuple(Role))
    routes = post_routes(app)
    assert len(routes) > 40
    wrong: dict[str, tuple[str, str]] = {}

    for name, path in routes:
        for referer in (None, f"https://testserver{path}"):
            client.cookies.clear()
            token = signed_in(client, factory, person)
            end_by_the_clock(db, client)
            headers = {"Referer": referer} if referer else {}
            response = client.post(path, data={"csrf_token": token, "note": "x"}, headers=headers)
            back_to = sent_to_sign_in(response)["next"][0]
            client.cookies.clear()
            if not shows_a_page(client, back_to):
                wrong[f"POST {path} ({name})"] = (back_to, "referer" if referer else "none")

    assert wrong == {}, "forms sent after the timeout that go back to no page"


def test_a_form_whose_page_is_its_parent_goes_back_there_without_a_referer(
    client: TestClient, db: Session, factory: Factory
) -> None:
    token = signed_in(client, factory, lead(factory, "Helen"))
    end_by_the_clock(db, client)
    response = client.post("/feedback/queue/7/reply", data={"csrf_token": token, "body": "Hi"})
    assert sent_to_sign_in(response)["next"] == ["/feedback/queue/7"]
