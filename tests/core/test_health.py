from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text

from learning.core.db import Database


def test_healthz_answers_while_the_process_is_up(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_a_reachable_database_with_current_migrations(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["migrations"] == "current"


def test_readyz_is_unavailable_when_migrations_are_behind(
    client: TestClient, database: Database
) -> None:
    assert database.connection is not None
    database.connection.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["migrations"] == "behind"
