"""SQL injection (ASVS 1.2.4): whatever is typed into a search or filter is a value, never
SQL. Hypothesis sends quotes, comments, wildcards and statements into every text filter;
nothing matches that should not, nothing fails, and every table is still there. LIKE's
wildcards are typed text too: "%", "_" or "a%" left unescaped would find everyone."""

from __future__ import annotations

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlmodel import Session, select

from learning.core.permissions import Role
from learning.org.models import Person
from tests.factories import Factory

FRAGMENTS = [
    "' OR 1=1--",
    '" OR ""="',
    "') OR ('1'='1",
    "'; DROP TABLE person;--",
    "1; DELETE FROM audit_event",
    "' UNION SELECT email FROM person--",
    "%",
    "_",
    "\\",
    "%' --",
    "*/ /*",
    "' OR 'a' LIKE '%",
]
#: Typed text around an injection: quotes, wildcards, comments and any letters. Every
#: fragment has one of ' " % _ \ ; * and nothing searched here does (names, emails, record
#: ids, the first letters of audit actions), so no payload may find anything; a wildcard
#: searched as a wildcard ("%", "_", "a%") finds it all.
PAYLOADS = st.builds(
    lambda before, fragment, after: f"{before}{fragment}{after}",
    st.text(alphabet="'\"%_\\;-/* aZ9", max_size=6),
    st.sampled_from(FRAGMENTS),
    st.text(max_size=8),
)
#: Each text filter, and what its page shows for every row it found.
FILTERS = [
    ("/people", "q", "table.govuk-table tbody tr"),
    ("/audit", "actor", "#audit-results tbody tr"),
    ("/audit", "record_id", "#audit-results tbody tr"),
    ("/audit", "record_type", "#audit-results tbody tr"),
    ("/audit", "action", "#audit-results tbody tr"),
]


def _count(db: Session) -> int:
    db.expire_all()
    return int(db.exec(select(func.count()).select_from(Person)).one())


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payload=PAYLOADS)
@example(payload="%")
@example(payload="_")
@example(payload="a%")
@example(payload="%e_%")
def test_text_filters_take_any_text_as_a_value(
    client: TestClient, db: Session, factory: Factory, payload: str
) -> None:
    if not getattr(client, "_signed_in", False):
        factory.make_team()
        factory.make_person(given_name="Olwen", family_name="Pryce")
        factory.sign_in(client, factory.make_person(roles=(Role.ADMINISTRATOR,)))
        client._signed_in = True  # type: ignore[attr-defined]
    people = _count(db)
    for path, name, rows in FILTERS:
        response = client.get(path, params={name: payload})
        assert response.status_code in (200, 422), (path, name, payload)
        found = BeautifulSoup(response.text, "html.parser").select(rows)
        assert found == [], (path, name, payload)
    assert _count(db) == people
    # the same pages and selectors do show rows for text that matches
    for path, name, rows, value in [
        ("/people", "q", FILTERS[0][2], "Pryce"),
        ("/audit", "action", FILTERS[1][2], "audit."),
    ]:
        shown = BeautifulSoup(client.get(path, params={name: value}).text, "html.parser")
        assert shown.select(rows), (path, name, value)
