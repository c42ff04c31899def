"""A draft saved as it is typed (an HTMX autosave) that reaches the server after the session
ended by the clock: what it carried is kept for the same person, once, like any form sent then;
the browser is told to go to sign in (``HX-Redirect``), never handed the sign-in page to swap
into the status line; and after signing in again the words are on the page, whose form saves
them as the draft as it loads.

Sessions are ended as the clock would end them: their row's times are set back.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.accounts.sessions import SECURE_COOKIE
from learning.core.config import Settings
from learning.org.models import Person
from learning.supervision import case_drafts
from learning.supervision.models import SupervisionSession
from tests.accounts.test_kept_forms import (
    NOTICE,
    demo_sign_in,
    end_by_the_clock,
    kept_in_session,
    notice,
    session_row,
    signed_in,
)
from tests.conftest import make_settings
from tests.factories import Factory
from tests.org.pages import checked, page, value_of
from tests.supervision.factories import SignedIn, SupervisionFactory
from tests.supervision.test_sessions import start

WORDS = "Lost sleep over the Ahmed case.\nWants time each week to think it through."
CHILD_SAID = "She said the door keeps the shouting out."


@pytest.fixture
def settings() -> Settings:
    """Demo mode: the "sign in as" page is the way back in."""
    return make_settings(demo=True)


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


@pytest.fixture
def pair(sf: SupervisionFactory) -> tuple[Person, Person]:
    return sf.make_pair()


def sign_in(client: TestClient, factory: Factory, person: Person) -> SignedIn:
    """``person`` signed in on ``client``, with a cookie as the app sets it."""
    return SignedIn(client, person, signed_in(client, factory, person))


def autosave(
    me: SignedIn, url: str, page_url: str, data: dict[str, str | list[str]]
) -> httpx2.Response:
    """What htmx sends for an autosaving form: its fields, the token in a header, the page."""
    return me.client.post(url, data=data, headers={
        "HX-Request": "true",
        "X-CSRF-Token": me.csrf,
        "HX-Current-URL": f"https://testserver{page_url}",
    })


def told_to_sign_in(response: httpx2.Response) -> dict[str, list[str]]:
    """An HTMX answer that sends the browser to sign in: no page to swap in, and where to
    come back to (``next``) and why (``ended``)."""
    assert response.status_code == 204, response.text[:300]
    assert response.content == b""
    assert "location" not in response.headers
    location = urlsplit(response.headers["HX-Redirect"])
    assert location.path == "/sign-in"
    return parse_qs(location.query)


def stored(db: Session, session_id: int) -> SupervisionSession:
    db.expire_all()
    session = db.get(SupervisionSession, session_id)
    assert session is not None
    return session


def hx_trigger(response: httpx2.Response, form_id: str) -> str:
    form = page(response).select_one(f"form#{form_id}")
    assert form is not None
    return str(form["hx-trigger"])


def test_an_autosave_after_the_idle_timeout_is_kept_and_comes_back_after_signing_in(
    client: TestClient,
    db: Session,
    factory: Factory,
    sf: SupervisionFactory,
    pair: tuple[Person, Person],
) -> None:
    supervisor, supervisee = pair
    colleagues = [factory.make_person(given_name=name) for name in ("Ola", "Ben")]
    me = sign_in(client, factory, supervisor)
    session_id = start(me, supervisee)
    edit = f"/supervision/sessions/{session_id}/edit"
    url = f"/supervision/sessions/{session_id}/autosave"
    assert autosave(me, url, edit, {"support_needs": "Time to think."}).status_code == 200
    end_by_the_clock(db, client)

    # The last autosave: words typed, a group session with two colleagues and two functions.
    response = autosave(me, url, edit, {
        "support_needs": WORDS,
        "session_type": "group",
        "attendees": ["", *(str(c.id) for c in colleagues)],
        "functions": ["", "management", "support"],
    })

    assert told_to_sign_in(response) == {"next": [edit], "ended": ["idle"]}
    assert stored(db, session_id).support_needs == "Time to think."  # nothing saved
    kept = kept_in_session(db, client)
    assert kept is not None and kept["person"] == supervisor.id and kept["page"] == edit
    assert me.csrf not in session_row(db, client).data
    assert "What you typed is kept." in client.get(response.headers["HX-Redirect"]).text

    back = demo_sign_in(client, supervisor, edit)
    assert back.status_code == 303 and urlsplit(back.headers["location"]).path == edit
    shown = client.get(edit)

    assert shown.status_code == 200
    assert notice(shown) == NOTICE
    assert value_of(shown, "support_needs") == WORDS
    assert checked(shown, "session_type") == ["group"]
    assert checked(shown, "attendees") == [str(c.id) for c in colleagues]
    assert checked(shown, "functions") == ["management", "support"]
    # With JavaScript, the form saves what came back as the draft as soon as it loads.
    assert hx_trigger(shown, "session-form").endswith(", load")

    again = client.get(edit)  # once
    assert notice(again) == "" and value_of(again, "support_needs") == "Time to think."
    assert not hx_trigger(again, "session-form").endswith("load")
    assert kept_in_session(db, client) is None


def test_someone_else_signing_in_never_sees_what_an_autosave_carried(
    client: TestClient,
    db: Session,
    factory: Factory,
    sf: SupervisionFactory,
    pair: tuple[Person, Person],
) -> None:
    supervisor, supervisee = pair
    me = sign_in(client, factory, supervisor)
    session_id = start(me, supervisee)
    edit = f"/supervision/sessions/{session_id}/edit"
    end_by_the_clock(db, client)
    told_to_sign_in(autosave(me, f"/supervision/sessions/{session_id}/autosave", edit,
                             {"support_needs": WORDS}))
    assert kept_in_session(db, client) is not None

    someone_else = factory.make_person(given_name="Sam")
    demo_sign_in(client, someone_else, edit)

    assert json.loads(session_row(db, client).data) == {}
    sign_in(client, factory, supervisor)  # later, in the same browser
    shown = client.get(edit)
    assert notice(shown) == "" and WORDS not in shown.text


def test_a_case_discussion_autosave_after_the_timeout_comes_back_on_its_page(
    client: TestClient,
    db: Session,
    factory: Factory,
    sf: SupervisionFactory,
    pair: tuple[Person, Person],
) -> None:
    supervisor, supervisee = pair
    me = sign_in(client, factory, supervisor)
    session_id = start(me, supervisee)
    new_case = f"/supervision/sessions/{session_id}/cases/new"
    assert client.get(new_case).status_code == 200
    end_by_the_clock(db, client)

    response = autosave(me, f"/supervision/sessions/{session_id}/cases/draft", new_case,
                        {"case_reference": "CS-20417", "child_voice": CHILD_SAID})

    assert told_to_sign_in(response) == {"next": [new_case], "ended": ["idle"]}
    db.expire_all()
    assert case_drafts.drafts_in(db, session_id) == {}  # nothing saved
    shown = client.get(demo_sign_in(client, supervisor, new_case).headers["location"])
    assert notice(shown) == NOTICE
    assert value_of(shown, "case_reference") == "CS-20417"
    assert value_of(shown, "child_voice") == CHILD_SAID
    assert hx_trigger(shown, "case-form").endswith(", load")


def test_an_autosave_from_a_session_that_did_not_end_by_the_clock_keeps_nothing(
    client: TestClient,
    db: Session,
    factory: Factory,
    sf: SupervisionFactory,
    pair: tuple[Person, Person],
) -> None:
    """Signed out on purpose (or never signed in): there is no one to keep it for."""
    supervisor, supervisee = pair
    me = sign_in(client, factory, supervisor)
    session_id = start(me, supervisee)
    edit = f"/supervision/sessions/{session_id}/edit"
    row = session_row(db, client)
    row.revoked_at = row.last_seen_at
    db.add(row)
    db.commit()

    response = autosave(me, f"/supervision/sessions/{session_id}/autosave", edit,
                        {"support_needs": WORDS})

    assert told_to_sign_in(response) == {"next": [edit]}
    assert client.cookies.get(SECURE_COOKIE) is None  # nothing kept: no session made


# --- Two autosaves close together: the later one carries the newest words ----------------
# Leaving a box for a checkbox sends two: the box's change, then the tick's. htmx queues the
# second behind the first (hx-sync "queue last"), but a page that lost the first's answer
# (the connection dropped after the server took it) sends the second with the old session's
# cookie: it arrives with the cookie of the session made to keep the first, or with the old
# one if the browser never had the first's answer.


def two_autosaves(
    client: TestClient, db: Session, factory: Factory, sf: SupervisionFactory,
    *, first_answer_lost: bool,
) -> tuple[SignedIn, str, httpx2.Response]:
    supervisor, supervisee = sf.make_pair()
    me = sign_in(client, factory, supervisor)
    session_id = start(me, supervisee)
    edit = f"/supervision/sessions/{session_id}/edit"
    url = f"/supervision/sessions/{session_id}/autosave"
    end_by_the_clock(db, client)
    old_cookie = client.cookies.get(SECURE_COOKIE)
    first = autosave(me, url, edit, {"support_needs": WORDS, "functions": ["", "management"]})
    assert told_to_sign_in(first) == {"next": [edit], "ended": ["idle"]}
    if first_answer_lost:
        signed_in_cookie(client, old_cookie)
    second = autosave(me, url, edit, {
        "support_needs": WORDS, "functions": ["", "management", "support"]})
    return me, edit, second


def signed_in_cookie(client: TestClient, raw: str | None) -> None:
    assert raw is not None
    client.cookies.clear()
    client.cookies.set(SECURE_COOKIE, raw, domain="testserver.local")


@pytest.mark.parametrize("first_answer_lost", [False, True], ids=["new cookie", "old cookie"])
def test_an_autosave_close_behind_another_is_kept_in_its_place(
    client: TestClient, db: Session, factory: Factory, sf: SupervisionFactory,
    first_answer_lost: bool,
) -> None:
    me, edit, second = two_autosaves(client, db, factory, sf, first_answer_lost=first_answer_lost)

    assert told_to_sign_in(second)["next"] == [edit]  # not refused as forged
    kept = kept_in_session(db, client)
    assert kept is not None and kept["person"] == me.person.id and kept["page"] == edit
    assert ["functions", "support"] in kept["fields"]
    sign_in_page = client.get("/sign-in", params={"next": edit})
    assert "What you typed is kept." in sign_in_page.text
    assert "You were signed out because you had not done anything" in sign_in_page.text

    shown = client.get(demo_sign_in(client, me.person, edit).headers["location"])
    assert notice(shown) == NOTICE
    assert value_of(shown, "support_needs") == WORDS
    assert checked(shown, "functions") == ["management", "support"]


def test_the_session_keeping_a_form_still_refuses_a_request_without_the_pages_token(
    client: TestClient, db: Session, factory: Factory, sf: SupervisionFactory,
) -> None:
    supervisor, supervisee = sf.make_pair()
    me = sign_in(client, factory, supervisor)
    session_id = start(me, supervisee)
    edit = f"/supervision/sessions/{session_id}/edit"
    end_by_the_clock(db, client)
    told_to_sign_in(autosave(me, f"/supervision/sessions/{session_id}/autosave", edit,
                             {"support_needs": WORDS}))

    forged = SignedIn(client, supervisor, "not-the-token")
    response = autosave(forged, f"/supervision/sessions/{session_id}/autosave", edit,
                        {"support_needs": "Someone else's words"})

    assert response.status_code == 403
    kept = kept_in_session(db, client)
    assert kept is not None and kept["fields"] == [["support_needs", WORDS]]


def test_a_form_from_another_page_does_not_take_the_place_of_the_one_kept(
    client: TestClient, db: Session, factory: Factory, sf: SupervisionFactory,
) -> None:
    supervisor, supervisee = sf.make_pair()
    me = sign_in(client, factory, supervisor)
    session_id = start(me, supervisee)
    edit = f"/supervision/sessions/{session_id}/edit"
    end_by_the_clock(db, client)
    told_to_sign_in(autosave(me, f"/supervision/sessions/{session_id}/autosave", edit,
                             {"support_needs": WORDS}))

    new_case = f"/supervision/sessions/{session_id}/cases/new"
    other = autosave(me, f"/supervision/sessions/{session_id}/cases/draft", new_case,
                     {"child_voice": CHILD_SAID})

    assert told_to_sign_in(other)["next"] == [new_case]
    kept = kept_in_session(db, client)
    assert kept is not None and kept["page"] == edit
    assert kept["fields"] == [["support_needs", WORDS]]
