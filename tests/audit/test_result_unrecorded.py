"""Audit events written before results were kept (migration 0012) have result "": the
result filter chooses them as "Not recorded", and the table and the export say so, without
any event being rewritten (the log is sealed in a hash chain)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session

from learning.audit import sealing
from learning.audit.models import AuditEvent
from learning.core.config import Settings
from learning.core.permissions import Role
from tests.factories import Factory
from tests.factories import audit_events as events_named


@pytest.fixture
def admin_client(client: TestClient, factory: Factory) -> TestClient:
    factory.sign_in(client, factory.make_person(roles=(Role.ADMINISTRATOR,)))
    return client


@pytest.fixture
def events(db: Session, factory: Factory) -> dict[str, AuditEvent]:
    """One event of each result, the unrecorded one as 0012 left it (result "")."""
    made = {}
    for n, (label, result) in enumerate([("Old", ""), ("Done", "succeeded"),
                                         ("Stopped", "refused"), ("Broke", "failed")]):  # fmt: skip
        made[label] = event = AuditEvent(
            council_id=factory.council.id, actor_label=label, action=f"person.step_{n}",
            record_type="person", record_id=str(n), result=result,
            occurred_at=datetime(2026, 1, 10 + n, 12, tzinfo=UTC),
        )  # fmt: skip
        db.add(event)
    db.flush()
    return made


def page(response: Response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def shown(response: Response) -> dict[str, str]:
    """Each row of the events table: the person who acted, and the Action cell."""
    table = page(response).find("table", id="audit-events")
    assert isinstance(table, Tag), "no events table"
    cells = [[td.get_text(" ", strip=True) for td in row.find_all("td")]
             for row in table.select("tbody tr")]  # fmt: skip
    return {row[1]: row[2] for row in cells}


def exported(response: Response) -> dict[str, str]:
    """Each exported row: the person who acted, and the result column."""
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    return {row["actor"]: row["result"] for row in rows}


def test_the_result_filter_offers_the_events_whose_result_was_not_recorded(
    admin_client: TestClient, events: dict[str, AuditEvent]
) -> None:
    response = admin_client.get("/audit", params={"result": "not_recorded"})

    assert response.status_code == 200
    chosen = page(response).find("select", id="result")
    assert isinstance(chosen, Tag)
    options = {str(o["value"]): o.get_text(strip=True) for o in chosen.find_all("option")}
    assert options["not_recorded"] == "Not recorded"
    selected = chosen.find("option", selected=True)
    assert isinstance(selected, Tag) and selected["value"] == "not_recorded"
    assert {name for name in shown(response) if name in events} == {"Old"}
    assert shown(response)["Old"] == "person.step_0 Not recorded"


def test_any_result_shows_each_in_words_and_the_export_says_the_same(
    admin_client: TestClient, events: dict[str, AuditEvent]
) -> None:
    rows = shown(admin_client.get("/audit", params={"action": "person.step_"}))
    assert rows == {
        "Old": "person.step_0 Not recorded",
        "Done": "person.step_1",
        "Stopped": "person.step_2 Refused",
        "Broke": "person.step_3 Failed",
    }

    every = exported(admin_client.get("/audit/export.csv", params={"action": "person.step_"}))
    assert every == {"Old": "not recorded", "Done": "succeeded", "Stopped": "refused",
                     "Broke": "failed"}  # fmt: skip
    only = admin_client.get("/audit/export.csv", params={"result": "not_recorded"})
    assert {name: result for name, result in exported(only).items() if name in events} == {
        "Old": "not recorded"}


def test_the_other_results_leave_out_the_unrecorded_ones(
    admin_client: TestClient, events: dict[str, AuditEvent]
) -> None:
    for result, who in [("succeeded", "Done"), ("refused", "Stopped"), ("failed", "Broke")]:
        rows = shown(admin_client.get("/audit", params={"result": result}))
        assert {name for name in rows if name in events} == {who}


def test_choosing_them_is_audited_and_no_event_is_rewritten(
    admin_client: TestClient, events: dict[str, AuditEvent], db: Session, settings: Settings
) -> None:
    sealing.seal(db, settings)

    admin_client.get("/audit", params={"result": "not_recorded"})
    admin_client.get("/audit/export.csv", params={"result": "not_recorded"})

    [viewed] = events_named(db, "audit.viewed")
    assert json.loads(viewed.detail)["filters"] == {"result": "not_recorded"}
    [export] = events_named(db, "audit.exported")
    assert json.loads(export.detail)["rows"] == 1
    db.refresh(events["Old"])
    assert events["Old"].result == ""
    sealing.seal(db, settings)
    assert sealing.verify(db, settings).problems == []


def test_a_result_not_offered_is_still_refused(admin_client: TestClient) -> None:
    response = admin_client.get("/audit", params={"result": "not recorded"})

    assert response.status_code == 422
    error = page(response).find(id="result-error")
    assert isinstance(error, Tag) and "Select a result from the list" in error.get_text()
