"""The privacy notices: a child's and an adult's, linked from every form, saying plainly that
worries about safety are passed on, who reads feedback, how long it is kept, and that
nothing tracks or locates anyone."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from learning.app import create_app
from learning.core.db import Database
from learning.feedback import privacy
from learning.feedback.forms import Audience
from learning.feedback.link_cookie import LINK_COOKIE_SECONDS
from learning.feedback.receipt_cookie import RECEIPT_COOKIE_SECONDS
from learning.feedback.terms import FormKind, Language
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import main_text, open_link
from tests.org.pages import heading, page


def privacy_link(client: TestClient) -> str:
    links = [str(a["href"]) for a in page(client.get("/give-feedback")).select("main a")]
    [href] = {href for href in links if href.startswith("/give-feedback/privacy")}
    return href


def test_a_childs_form_links_to_the_childs_notice_with_the_links_retention(
    client: TestClient, ff: FeedbackFactory, factory: Factory
) -> None:
    team = factory.make_team(name="Riverside children in care team")
    open_link(client, ff, FormKind.CHILD_8_12, retention_days=365, team_id=team.id)
    response = client.get(privacy_link(client))
    assert response.status_code == 200
    assert heading(response) == "How we use what you tell us"
    text = main_text(response)
    assert "we will tell people whose job is to keep children safe" in text
    assert "We keep it for 365 days (about 1 year). Then we delete it." in text
    assert "People in Riverside children in care team read what you tell us." in text
    assert "We do not know where you are." in text
    assert "Read the version for adults" in text


def test_an_adults_form_links_to_the_adults_notice(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff, FormKind.PARENT_CARER)
    text = main_text(client.get(privacy_link(client)))
    assert "We cannot keep this confidential." in text
    assert "We do not collect your location." in text
    assert "public task" in text
    assert "We keep it for 730 days (about 2 years), then we delete it." in text


def test_the_adults_notice_names_each_cookie_the_public_pages_set_and_how_long_it_lasts(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.PARENT_CARER)
    text = main_text(client.get(privacy_link(client)))
    hours = LINK_COOKIE_SECONDS // 3600
    minutes = RECEIPT_COOKIE_SECONDS // 60
    assert f"remembers the feedback link you opened and is deleted after {hours} hours" in text
    assert f"shows your receipt code after you send and is deleted after {minutes} minutes" in text


def test_each_notice_links_to_the_other_version(client: TestClient) -> None:
    child = client.get("/give-feedback/privacy", params={"form": "three_houses"})
    [adult_href] = [
        str(a["href"]) for a in page(child).select("main a") if "version=adult" in str(a["href"])
    ]
    adult = client.get(adult_href)
    assert "data controller" in main_text(adult)
    assert "Read the version for children and young people" in main_text(adult)


def test_without_a_link_the_notice_gives_the_usual_retention(client: TestClient) -> None:
    text = main_text(client.get("/give-feedback/privacy", params={"version": "adult"}))
    assert "730 days" in text
    assert "Staff in the team that asked for your feedback" in text


def test_the_notice_in_arabic_gives_the_period_in_arabic(client: TestClient) -> None:
    response = client.get("/give-feedback/privacy", params={"form": "child_8_12", "lang": "ar"})
    html = page(response).find("html")
    assert html is not None and html["dir"] == "rtl"  # type: ignore[index]
    parts = privacy.retention_parts(730, Language.ARABIC)
    assert parts["approx"] in main_text(response)


def test_both_notices_say_that_worries_are_passed_on_first() -> None:
    for audience in Audience:
        important = [s for s in privacy.notice(audience, has_team=True) if s.important]
        assert len(important) == 1
        assert "safe" in " ".join(important[0].paragraphs)


@pytest.mark.parametrize(
    ("configured", "href"),
    [
        ("dataprotection@testshire.example", "mailto:dataprotection@testshire.example"),
        ("https://testshire.example/data-protection", "https://testshire.example/data-protection"),
    ],
)
@pytest.mark.parametrize("version", ["child", "adult", "young_child"])
def test_every_notice_says_how_to_reach_the_data_protection_officer(
    database: Database, configured: str, href: str, version: str
) -> None:
    """UK GDPR article 13: the notice gives the officer's contact details, not only a name."""
    app = create_app(make_settings(privacy_contact=configured), database=database)
    with TestClient(app, base_url="https://testserver") as client:
        response = client.get(f"/give-feedback/privacy?version={version}&lang=cy")
    contact = page(response).select_one("#privacy-contact")
    assert contact is not None and "I gysylltu â swyddog diogelu data" in contact.text
    link = contact.select_one("a")
    assert link is not None and (link["href"], link.text) == (href, configured)


def test_without_a_contact_the_notice_names_the_officer_only(client: TestClient) -> None:
    assert page(client.get("/give-feedback/privacy")).select_one("#privacy-contact") is None


@pytest.mark.parametrize("junk", ["not an address", "http://testshire.example/dpo", "@"])
def test_a_contact_that_is_no_address_is_refused(junk: str) -> None:
    with pytest.raises(ValidationError, match="privacy_contact"):
        make_settings(privacy_contact=junk)
