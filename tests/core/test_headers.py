"""Security headers on every response: pages, JSON, redirects, static files, 403/404/405/500."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import httpx2
import pytest
from bs4 import BeautifulSoup
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.factories import Factory

REQUEST_ID = re.compile(r"^[0-9a-f]{32}$")


def _boom() -> None:
    raise RuntimeError("a bug the person must never see")


@pytest.fixture
def quiet_client(app: FastAPI) -> Iterator[TestClient]:
    """A client that returns the 500 page instead of re-raising the server's exception."""
    app.add_api_route("/_test/boom", _boom, name="test_boom")
    with TestClient(
        app, base_url="https://testserver", follow_redirects=False, raise_server_exceptions=False
    ) as test_client:
        yield test_client


def csp_directives(response: httpx2.Response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def csp_nonce(response: httpx2.Response) -> str:
    sources = csp_directives(response)["script-src"]
    nonces = [s for s in sources if s.startswith("'nonce-")]
    assert len(nonces) == 1, sources
    return nonces[0][len("'nonce-") : -1]


def _signed_in_home(client: TestClient, factory: Factory) -> httpx2.Response:
    factory.sign_in(client, factory.make_person())
    return client.get("/")


RESPONSES: dict[str, Callable[[TestClient, Factory], httpx2.Response]] = {
    "sign-in page": lambda c, f: c.get("/sign-in"),
    "signed-in home page": _signed_in_home,
    "redirect to sign in": lambda c, f: c.get("/"),
    "JSON health check": lambda c, f: c.get("/healthz"),
    "404 page": lambda c, f: c.get("/no-such-page"),
    "405 page": lambda c, f: c.get("/sign-out"),
    "403 cross-site POST": lambda c, f: c.post(
        "/sign-out", headers={"Sec-Fetch-Site": "cross-site"}
    ),
    "500 page": lambda c, f: c.get("/_test/boom"),
    "static file": lambda c, f: c.get("/static/js/app.js"),
    "missing static file": lambda c, f: c.get("/static/js/no-such-file.js"),
}
PAGES = {name for name in RESPONSES if name not in {"static file", "JSON health check"}}


@pytest.fixture(params=sorted(RESPONSES))
def any_response(
    request: pytest.FixtureRequest, quiet_client: TestClient, factory: Factory
) -> tuple[str, httpx2.Response]:
    return request.param, RESPONSES[request.param](quiet_client, factory)


def test_the_sample_responses_have_the_status_they_are_named_after(
    any_response: tuple[str, httpx2.Response],
) -> None:
    name, response = any_response
    expected = {
        "redirect to sign in": 303,
        "404 page": 404,
        "missing static file": 404,
        "405 page": 405,
        "403 cross-site POST": 403,
        "500 page": 500,
    }.get(name, 200)
    assert response.status_code == expected


def test_every_response_has_hsts_for_a_year_including_subdomains(
    any_response: tuple[str, httpx2.Response],
) -> None:
    _, response = any_response
    hsts = response.headers["Strict-Transport-Security"]
    max_age = re.search(r"max-age=(\d+)", hsts)
    assert max_age and int(max_age.group(1)) >= 31536000
    assert "includesubdomains" in hsts.lower()


def test_every_response_has_a_strict_content_security_policy(
    any_response: tuple[str, httpx2.Response],
) -> None:
    _, response = any_response
    csp = csp_directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    policy = response.headers["Content-Security-Policy"]
    for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'"):
        assert unsafe not in policy
    for directive in ("script-src", "style-src"):
        assert "*" not in csp[directive] and "data:" not in csp[directive]
        assert any(source.startswith("'nonce-") for source in csp[directive])


def test_every_response_has_nosniff_referrer_policy_frame_denial_and_a_request_id(
    any_response: tuple[str, httpx2.Response],
) -> None:
    _, response = any_response
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in {"no-referrer", "same-origin"}
    assert response.headers["X-Frame-Options"] == "DENY"
    assert REQUEST_ID.match(response.headers["X-Request-ID"])


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_and_error_pages_are_never_cached(
    name: str, quiet_client: TestClient, factory: Factory
) -> None:
    response = RESPONSES[name](quiet_client, factory)
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize("name", ["sign-in page", "signed-in home page", "404 page", "500 page"])
def test_the_csp_nonce_is_on_every_script_and_style_tag_of_the_page(
    name: str, quiet_client: TestClient, factory: Factory
) -> None:
    response = RESPONSES[name](quiet_client, factory)
    nonce = csp_nonce(response)
    assert len(nonce) >= 16
    soup = BeautifulSoup(response.text, "html.parser")
    scripts, styles = soup.find_all("script"), soup.find_all("style")
    assert scripts and styles
    assert {tag.get("nonce") for tag in scripts + styles} == {nonce}


@pytest.mark.parametrize("name", ["sign-in page", "signed-in home page", "404 page", "500 page"])
def test_pages_have_no_inline_event_handlers_or_style_attributes_that_csp_would_block(
    name: str, quiet_client: TestClient, factory: Factory
) -> None:
    soup = BeautifulSoup(RESPONSES[name](quiet_client, factory).text, "html.parser")
    for tag in soup.find_all(True):
        assert "style" not in tag.attrs, tag
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
        for attribute in ("href", "src", "action"):
            assert not str(tag.get(attribute, "")).lower().startswith("javascript:"), tag


def test_the_nonce_and_request_id_change_on_every_request(client: TestClient) -> None:
    first, second = client.get("/sign-in"), client.get("/sign-in")
    assert csp_nonce(first) != csp_nonce(second)
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]
    assert f'nonce="{csp_nonce(second)}"' in second.text
    assert csp_nonce(first) not in second.text


def test_signed_in_pages_keep_htmx_from_storing_them_in_local_storage(
    client: TestClient, factory: Factory
) -> None:
    response = _signed_in_home(client, factory)
    body = BeautifulSoup(response.text, "html.parser").body
    assert body is not None and body.get("hx-history") == "false"


@pytest.mark.parametrize(
    "own",
    [
        {},
        {"Referrer-Policy": "no-referrer", "Cache-Control": "max-age=60"},
        {"X-Frame-Options": "SAMEORIGIN", "x-request-id": "forged", "Content-Type": "text/html"},
    ],
    ids=["none", "own referrer and caching", "own values the middleware replaces"],
)
@pytest.mark.parametrize("is_static", [False, True], ids=["page", "static"])
def test_a_views_own_referrer_and_caching_stay_and_the_rest_are_replaced(
    own: dict[str, str], is_static: bool
) -> None:
    """Every response (the 500 page too) gets its headers from ``with_security_headers``: a
    view's own Referrer-Policy and Cache-Control stay, the rest are set whatever it said."""
    from starlette.datastructures import Headers

    from learning.core.headers import FIXED, content_security_policy, with_security_headers

    raw = [(name.lower().encode(), value.encode()) for name, value in own.items()]
    headers = with_security_headers(raw, "n0nce", "r1d", is_static)
    names = [name for name, _ in headers]
    got = Headers(raw=headers)

    assert len(names) == len(set(names)), "a header set twice"
    assert {name: got[name] for name in FIXED} == FIXED
    assert got["x-request-id"] == "r1d"
    assert got["content-security-policy"] == content_security_policy("n0nce")
    assert "'nonce-n0nce'" in got["content-security-policy"]
    assert got["referrer-policy"] == own.get("Referrer-Policy", "same-origin")
    assert got.get("cache-control") == own.get("Cache-Control", None if is_static else "no-store")
    assert got.get("content-type") == own.get("Content-Type")
