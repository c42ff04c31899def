"""Signing in through a real OpenID provider, in a real browser."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import BrowserContext, expect

from learning.org.demo import DEMO_TENANT, email_for, object_id_for
from tests.browser.conftest import SESSION_COOKIE, LiveServer, assert_accessible, sign_out
from tests.support.oidc import MockProvider, mock_provider, settings_for

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def provider() -> Iterator[MockProvider]:
    """oidc-provider-mock on loopback, nonce required."""
    with mock_provider() as running:
        yield running


@pytest.fixture(scope="module")
def council_sign_in_server(
    start_live_server: Callable[..., LiveServer], provider: MockProvider
) -> LiveServer:
    """The demo council's app, with sign-in through the provider (this tenant only)."""
    return start_live_server(
        more_settings=lambda base_url: settings_for(
            provider, base_url=base_url, oidc_allowed_tenants=DEMO_TENANT
        )
    )


def test_a_demo_person_signs_in_with_their_council_account_through_the_provider_and_signs_out(
    new_context: Callable[..., BrowserContext],
    council_sign_in_server: LiveServer,
    provider: MockProvider,
) -> None:
    live = council_sign_in_server
    email = email_for("Helen", "Pascoe")
    subject = "helen-pascoe-subject"
    # The provider's form (oidc-provider-mock 0.3.4) takes only the subject; what it says
    # about that subject in the ID token is set through its API first.
    provider.set_claims(
        subject,
        {
            "tid": DEMO_TENANT,
            "oid": object_id_for(email),
            "email": email,
            "given_name": "Helen",
            "family_name": "Pascoe",
        },
    )
    # The provider's page links a stylesheet on a CDN: nothing may leave the machine.
    page = new_context(loopback_only=True).new_page()

    page.goto(live.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in with your council account").click()

    # The provider's own page (not ours, so not scanned).
    expect(page).to_have_url(re.compile("^" + re.escape(provider.issuer) + "/oauth2/authorize"))
    authorize_query = page.url.split("?", 1)[1]
    for parameter in ("nonce=", "state=", "code_challenge=", "code_challenge_method=S256"):
        assert parameter in authorize_query, f"{parameter} missing from the authorize request"
    page.get_by_placeholder("sub").fill(subject)
    page.get_by_role("button", name="Authorize").click()

    expect(page).to_have_url(live.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Helen")
    expect(page.get_by_role("banner")).to_contain_text("Helen Pascoe")
    role_cell = page.locator(".govuk-summary-list__row", has_text="Role").locator("dd")
    expect(role_cell).to_contain_text("Safeguarding lead")
    assert [c["name"] for c in page.context.cookies(live.base_url)] == [SESSION_COOKIE]
    assert_accessible(page)

    sign_out(page)
    assert_accessible(page)
    page.goto(live.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
