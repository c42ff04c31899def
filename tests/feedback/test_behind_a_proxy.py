"""Behind a reverse proxy every visitor arrives from the proxy's address. The proxies named
in LEARNING_TRUSTED_PROXIES are believed about who the visitor is (X-Forwarded-For), so
one visitor's failed look-ups lock out that visitor, not every family; anyone else's
X-Forwarded-For is ignored, so it cannot dodge a limit or blame another address."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from learning.app import create_app
from learning.core.db import Database
from learning.feedback import lookup_limits
from learning.feedback.terms import LinkKind
from tests.conftest import make_settings
from tests.feedback.factories import FeedbackFactory

#: Counted to the limit in one window of the limits' clock, however long the test takes.
pytestmark = pytest.mark.usefixtures("one_rate_window")

PROXY = "10.0.0.5"
STRANGER = "192.0.2.66"


def _client(app: FastAPI, peer: str) -> TestClient:
    return TestClient(app, base_url="https://testserver", follow_redirects=False, client=(peer, 4))


@pytest.fixture
def proxied(database: Database) -> Iterator[FastAPI]:
    yield create_app(make_settings(trusted_proxies=f"{PROXY}, 10.9.0.0/16"), database=database)


def _lock_out(client: TestClient, forwarded_for: str) -> None:
    for n in range(lookup_limits.FAILURES_ALLOWED):
        response = client.get(f"/f/guess-{n}", headers={"X-Forwarded-For": forwarded_for})
        assert response.status_code == 404


def test_through_a_trusted_proxy_one_visitor_s_guesses_lock_out_only_that_visitor(
    proxied: FastAPI, ff: FeedbackFactory
) -> None:
    new = ff.make_link(LinkKind.POSTER)
    with _client(proxied, PROXY) as proxy:
        _lock_out(proxy, "203.0.113.9")
        guesser = proxy.get(f"/f/{new.token}", headers={"X-Forwarded-For": "203.0.113.9"})
        family = proxy.get(f"/f/{new.token}", headers={"X-Forwarded-For": "198.51.100.7"})
    assert guesser.status_code == 429
    assert family.status_code == 303


def test_a_proxy_in_a_trusted_network_is_believed_too(
    proxied: FastAPI, ff: FeedbackFactory
) -> None:
    new = ff.make_link(LinkKind.POSTER)
    with _client(proxied, "10.9.3.4") as proxy:
        _lock_out(proxy, "203.0.113.9, 10.9.3.1")  # through two of our proxies
        family = proxy.get(f"/f/{new.token}", headers={"X-Forwarded-For": "198.51.100.7"})
    assert family.status_code == 303


def test_anyone_else_s_forwarded_for_is_ignored(proxied: FastAPI, ff: FeedbackFactory) -> None:
    new = ff.make_link(LinkKind.POSTER)
    with _client(proxied, STRANGER) as stranger:
        _lock_out(stranger, "203.0.113.9")
        # claiming to be someone else does not dodge the limit
        dodging = stranger.get(f"/f/{new.token}", headers={"X-Forwarded-For": "198.51.100.7"})
    with _client(proxied, PROXY) as proxy:
        # and the address the stranger named was not locked out in their place
        named = proxy.get(f"/f/{new.token}", headers={"X-Forwarded-For": "203.0.113.9"})
    assert dodging.status_code == 429
    assert named.status_code == 303


def test_without_trusted_proxies_no_forwarded_for_is_believed(
    app: FastAPI, ff: FeedbackFactory
) -> None:
    new = ff.make_link(LinkKind.POSTER)
    with _client(app, PROXY) as proxy:
        _lock_out(proxy, "203.0.113.9")
        family = proxy.get(f"/f/{new.token}", headers={"X-Forwarded-For": "198.51.100.7"})
    assert family.status_code == 429  # one address, one count: the proxy's


@pytest.mark.parametrize("value", ["*", "proxy.example.com", "10.0.0.300"])
def test_a_trusted_proxy_must_be_an_address_or_a_network(value: str) -> None:
    with pytest.raises(ValueError, match="not an address or network"):
        make_settings(trusted_proxies=value)
