"""Shared set-up for the organisation tests: an administrator signed in, and form posting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from learning.core.permissions import Role
from learning.org.models import Person
from tests.factories import Factory


@dataclass
class SignedIn:
    """A client signed in as ``person``; ``post`` sends the CSRF token with every form."""

    client: TestClient
    person: Person
    csrf: str

    def get(self, url: str, **kwargs: Any) -> Response:
        return self.client.get(url, **kwargs)

    def post(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Response:
        return self.client.post(url, data={**(data or {}), "csrf_token": self.csrf}, **kwargs)

    def follow(self, response: Response) -> Response:
        assert response.status_code == 303, response.text[:500]
        return self.client.get(response.headers["location"])


@pytest.fixture
def admin(client: TestClient, factory: Factory) -> SignedIn:
    person = factory.make_person(roles=(Role.ADMINISTRATOR,), given_name="Ada", family_name="Admin")
    return SignedIn(client, person, factory.sign_in(client, person))


def sign_in_as(client: TestClient, factory: Factory, *roles: Role) -> SignedIn:
    person = factory.make_person(roles=roles)
    return SignedIn(client, person, factory.sign_in(client, person))
