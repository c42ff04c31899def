"""One transaction per request: committed before the response is sent, or not at all."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.core.deps import DbSession
from learning.org.models import Council
from tests.factories import Factory


def _add_route(app: FastAPI, slug: str) -> None:
    @app.get("/_test/add-council")
    def add_council(db: DbSession) -> PlainTextResponse:
        db.add(Council(slug=slug, name="Added by the request"))
        return PlainTextResponse("added")


def test_a_view_s_changes_are_committed_when_it_succeeds(
    app: FastAPI, client: TestClient, db: Session
) -> None:
    _add_route(app, "added-by-request")
    response = client.get("/_test/add-council")
    assert response.status_code == 200
    assert db.exec(select(Council).where(Council.slug == "added-by-request")).first() is not None


def test_a_failed_commit_is_an_error_response_not_a_success(
    app: FastAPI, settings: object, factory: Factory
) -> None:
    taken = factory.make_council(slug="already-taken").slug
    _add_route(app, taken)
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as c:
        response = c.get("/_test/add-council")
    assert response.status_code == 500
    assert "added" not in response.text
