"""The closed-link page and the short-code box are public pages like the forms: the light
layout with no scripts, in the person's language (browser or switch), the same page for
every reason a link is closed, and no token in any address on them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session

from learning.core.config import Settings
from learning.feedback import links, lookup_limits
from learning.feedback.models import FeedbackLink
from learning.feedback.terms import FormKind, LinkKind
from tests.conftest import make_settings
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import main_text, open_link, send
from tests.feedback.test_open_views import closed_links
from tests.org.pages import error_summary, field_error, heading, page, value_of

WELSH = {"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"}
CLOSED = {
    "en": "This link does not work any more",
    "cy": "Dydy'r ddolen hon ddim yn gweithio mwyach",
    "pl": "Ten link już nie działa",
    "ro": "Acest link nu mai funcționează",
    "ar": "هذا الرابط لم يعد يعمل",
}


@pytest.fixture
def settings() -> Settings:
    return make_settings(feedback_min_fill_seconds=0)


def language_of(response: Response) -> tuple[str, str]:
    html = page(response).find("html")
    assert html is not None
    return str(html["lang"]), str(html["dir"])


def assert_public_layout(response: Response) -> None:
    """The light public layout: no scripts at all (so no htmx), a language switch."""
    soup = page(response)
    assert soup.select("script") == []
    assert "app-public" in str(soup.find("html")["class"])  # type: ignore[index]
    assert len(soup.select(".app-switches__link[hreflang]")) == 5


def switch_links(response: Response) -> dict[str, str]:
    return {
        str(a["hreflang"]): str(a["href"])
        for a in page(response).select(".app-switches__link[hreflang]")
    }


def test_every_closed_link_gets_one_page_in_the_browsers_language(
    client: TestClient, ff: FeedbackFactory
) -> None:
    responses = [client.get(f"/f/{token}", headers=WELSH) for token in closed_links(ff).values()]

    assert {r.status_code for r in responses} == {404}
    assert len({main_text(r) for r in responses}) == 1
    assert heading(responses[0]) == CLOSED["cy"]
    assert language_of(responses[0]) == ("cy", "ltr")
    assert "0800 1111" in main_text(responses[0])
    assert_public_layout(responses[0])


@pytest.mark.parametrize("language", sorted(CLOSED))
def test_the_switch_on_the_closed_page_leads_to_an_address_without_the_token(
    client: TestClient, language: str
) -> None:
    token = "t" * 43
    closed = client.get(f"/f/{token}")
    hrefs = [str(a["href"]) for a in page(closed).select("a[href]")]
    assert not any(token in href for href in hrefs)

    switched = client.get(switch_links(closed)[language])

    assert switch_links(closed)[language] == f"/f?lang={language}"
    assert switched.status_code == 404
    assert heading(switched) == CLOSED[language]
    assert language_of(switched) == (language, "rtl" if language == "ar" else "ltr")


def test_the_closed_page_links_to_the_code_box_in_the_same_language(client: TestClient) -> None:
    closed = client.get("/f?lang=pl")
    box = page(closed).find("a", string="Wpisz kod")
    assert box is not None and box["href"] == "/s?lang=pl"

    response = client.get(str(box["href"]))

    assert response.status_code == 200
    assert heading(response) == "Wpisz swój kod"
    assert language_of(response) == ("pl", "ltr")
    assert_public_layout(response)


@pytest.mark.usefixtures("one_rate_window")  # counted in one window, however long it takes
def test_the_closed_pages_own_address_says_too_many_tries_while_the_client_is_over(
    client: TestClient, ff: FeedbackFactory, settings: Settings
) -> None:
    for _ in range(lookup_limits.FAILURES_ALLOWED):
        lookup_limits.note_failure(ff.db, settings, "testclient")
    ff.db.commit()

    refused = client.get("/f/" + "x" * 43, headers={"Accept-Language": "ro"})
    switched = client.get(switch_links(refused)["ar"])

    assert refused.status_code == switched.status_code == 429
    assert heading(refused) == "Prea multe încercări"
    assert heading(switched) == "محاولات كثيرة جدًا"
    assert language_of(switched) == ("ar", "rtl")


def test_the_code_box_explains_a_problem_in_the_language_chosen_and_keeps_the_code(
    client: TestClient,
) -> None:
    box = client.get("/s?lang=cy")
    assert value_of(box, "lang") == "cy"

    response = client.post("/s", data={"code": "ACD", "lang": "cy"})

    assert response.status_code == 422
    message = "Mae gan eich cod 8 o lythrennau a rhifau, fel ACDE-FGHJ"
    assert error_summary(response) == [message]
    assert field_error(response, "code") == f"Gwall: {message}"
    assert value_of(response, "code") == "ACD"
    assert heading(response) == "Teipiwch eich cod"
    assert_public_layout(response)


def test_a_code_that_finds_nothing_is_explained_in_the_browsers_language(
    client: TestClient,
) -> None:
    response = client.post("/s", data={"code": "AAAA-AAAA"}, headers={"Accept-Language": "ar"})

    assert response.status_code == 404
    assert "هذا الرمز لا يعمل" in field_error(response, "code")
    assert language_of(response) == ("ar", "rtl")


def test_a_code_typed_in_a_chosen_language_opens_the_form_in_it(
    client: TestClient, ff: FeedbackFactory
) -> None:
    new = ff.make_link(LinkKind.POSTER, form_kind=FormKind.CHILD_8_12)

    response = client.post("/s", data={"code": new.link.short_code, "lang": "pl"})

    assert response.status_code == 303
    assert response.headers["location"] == "/give-feedback?lang=pl"
    assert language_of(client.get(response.headers["location"])) == ("pl", "ltr")


def test_resuming_answers_for_a_closed_link_shows_the_closed_page_in_the_language(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    link_id = open_link(client, ff, FormKind.PARENT_CARER)
    saved = send(client, client.get("/give-feedback"), save="yes", good="Half done")
    code = page(saved).select_one(".app-code").get_text(strip=True)  # type: ignore[union-attr]
    link = db.get(FeedbackLink, link_id)
    assert link is not None
    links.revoke(db, link, None)
    db.commit()

    response = client.post("/give-feedback/resume", data={"code": code, "lang": "ro"})

    assert response.status_code == 404
    assert heading(response) == CLOSED["ro"]
    assert switch_links(response)["cy"] == "/f?lang=cy"
    assert_public_layout(response)
