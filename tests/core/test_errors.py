"""Production hardening: no API docs, and errors that tell the person nothing about the code."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

SECRET_DETAIL = "database password is hunter2"


def _boom() -> None:
    raise RuntimeError(SECRET_DETAIL)


@pytest.fixture
def quiet_client(app: FastAPI) -> Iterator[TestClient]:
    """A client that returns the 500 page instead of re-raising the server's exception."""
    app.add_api_route("/_test/boom", _boom, name="test_boom")
    with TestClient(
        app, base_url="https://testserver", follow_redirects=False, raise_server_exceptions=False
    ) as test_client:
        yield test_client


def assert_no_internals(text: str) -> None:
    for leak in (SECRET_DETAIL, "Traceback", "RuntimeError", 'File "', "_boom", ".py"):
        assert leak not in text


@pytest.mark.parametrize(
    "path", ["/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect", "/api/openapi.json"]
)
def test_api_documentation_is_not_served(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "openapi" not in response.text.lower()


def test_an_unexpected_error_shows_the_generic_500_page_with_the_request_id(
    quiet_client: TestClient,
) -> None:
    response = quiet_client.get("/_test/boom")
    assert response.status_code == 500
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Sorry, there is a problem with the service" in response.text
    request_id = response.headers["X-Request-ID"]
    assert f"Reference: {request_id}" in response.text
    assert_no_internals(response.text)


def test_the_500_error_is_logged_with_the_same_request_id(
    quiet_client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="learning.errors"):
        response = quiet_client.get("/_test/boom")
    records = [r for r in caplog.records if r.name == "learning.errors"]
    assert len(records) == 1
    assert records[0].request_id == response.headers["X-Request-ID"]  # type: ignore[attr-defined]
    assert records[0].exc_info is not None


def test_an_htmx_request_that_fails_gets_the_error_partial_without_internals(
    quiet_client: TestClient,
) -> None:
    response = quiet_client.get("/_test/boom", headers={"HX-Request": "true"})
    assert response.status_code == 500
    assert "<html" not in response.text
    assert 'id="error"' in response.text
    assert response.headers["X-Request-ID"] in response.text
    assert_no_internals(response.text)


def test_a_json_client_gets_a_generic_json_error_with_the_request_id(
    quiet_client: TestClient,
) -> None:
    response = quiet_client.get("/_test/boom", headers={"Accept": "application/json"})
    assert response.status_code == 500
    assert response.json() == {
        "error": "Sorry, there is a problem with the service",
        "request_id": response.headers["X-Request-ID"],
    }


def test_an_unknown_page_shows_the_generic_404_page(client: TestClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert f"Reference: {response.headers['X-Request-ID']}" in response.text
    assert_no_internals(response.text)


def test_a_wrong_method_shows_the_generic_405_page(client: TestClient) -> None:
    response = client.get("/sign-out")
    assert response.status_code == 405
    assert "Sorry, that is not allowed" in response.text
    assert "Method Not Allowed" not in response.text
