"""The audit export on a database of its own, as served: not the suite's one shared
connection, under which a view's second transaction can never wait for its first."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import select

from learning.app import create_app
from learning.audit.models import AuditEvent
from learning.core.db import Database
from learning.core.permissions import Role
from tests.conftest import make_settings
from tests.factories import Factory


def test_an_administrator_exports_the_log_and_the_export_is_recorded(
    own_database: tuple[str, Database],
) -> None:
    url, database = own_database
    app = create_app(make_settings(database_url=url), database=database)
    with database.session() as db:
        admin = Factory(db).make_person(roles=(Role.ADMINISTRATOR,))
        with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
            Factory(db).sign_in(client, admin)
            assert client.get("/audit").status_code == 200  # the page before it, as people go
            response = client.get("/audit/export.csv")

    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment;")
    assert "action" in response.text.splitlines()[0]
    with database.session() as db:
        exports = db.exec(select(AuditEvent).where(AuditEvent.action == "audit.exported")).all()
    assert [event.actor_id for event in exports] == [admin.id]
