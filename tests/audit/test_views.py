"""The administrators' audit page and its CSV export, as an administrator sees them."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session
from starlette.requests import Request

from learning.audit.service import CSV_COLUMNS, actor_from
from learning.core.clock import today
from learning.core.permissions import Role
from learning.org.models import Person
from tests.audit.conftest import MakeEvent
from tests.factories import Factory
from tests.factories import audit_events as events_named


@pytest.fixture
def admin_client(client: TestClient, factory: Factory, administrator: Person) -> TestClient:
    factory.sign_in(client, administrator)
    return client


def page(response: Response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def event_rows(soup: BeautifulSoup) -> list[dict[str, str]]:
    table = soup.find("table", id="audit-events")
    if not isinstance(table, Tag):
        return []
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    return [
        dict(zip(headers, (td.get_text(" ", strip=True) for td in row.find_all("td")), strict=True))
        for row in table.select("tbody tr")
    ]


def summary(soup: BeautifulSoup) -> str:
    found = soup.find(id="audit-summary")
    return found.get_text(" ", strip=True) if found else ""


def field_error(soup: BeautifulSoup, name: str) -> str:
    found = soup.find(id=f"{name}-error")
    return found.get_text(" ", strip=True).removeprefix("Error:").strip() if found else ""


def error_summary_links(soup: BeautifulSoup) -> dict[str, str]:
    return {
        link["href"]: link.get_text(strip=True)
        for link in soup.select(".govuk-error-summary__list a")
    }


def csv_records(response: Response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_an_administrator_sees_their_councils_events_newest_first_in_uk_time(
    admin_client: TestClient, make_event: MakeEvent, factory: Factory
) -> None:
    grace = factory.make_person(given_name="Grace", family_name="Hopper")
    make_event("person.created", actor=grace, occurred_at=datetime(2026, 1, 15, 9, 5, tzinfo=UTC))
    make_event(
        "person.updated",
        actor=grace,
        occurred_at=datetime(2026, 7, 1, 11, 30, tzinfo=UTC),
        record_id="42",
        field="job_title",
    )

    response = admin_client.get("/audit")

    assert response.status_code == 200
    soup = page(response)
    assert soup.h1 is not None and soup.h1.get_text(strip=True) == "Audit log"
    rows = event_rows(soup)
    assert [row["Action"] for row in rows] == ["person.updated", "person.created"]
    assert rows[0]["When"] == "1 July 2026 at 12:30pm"  # British Summer Time
    assert rows[1]["When"] == "15 January 2026 at 9:05am"  # Greenwich Mean Time
    assert rows[0]["Person"] == "Grace Hopper"
    assert rows[0]["Record"] == "person 42"
    assert rows[0]["Detail"] == "field: job_title"
    assert summary(soup) == "Showing 1 to 2 of 2 events"


def test_events_of_another_council_are_never_shown_or_exported(
    admin_client: TestClient, make_event: MakeEvent, factory: Factory
) -> None:
    elsewhere = factory.make_council(name="Elsewhere Council")
    make_event("person.updated", council=elsewhere, label="Someone Elsewhere")
    make_event("person.updated", label="Someone Here")

    shown = event_rows(page(admin_client.get("/audit", params={"action": "person."})))
    exported = csv_records(admin_client.get("/audit/export.csv"))

    assert [row["Person"] for row in shown] == ["Someone Here"]
    assert "Someone Elsewhere" not in {row["actor"] for row in exported}
    assert "Someone Here" in {row["actor"] for row in exported}


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMINISTRATOR])
@pytest.mark.parametrize("url", ["/audit", "/audit/export.csv"])
def test_people_without_the_audit_permissions_are_refused_the_log(
    client: TestClient, factory: Factory, make_event: MakeEvent, role: Role, url: str
) -> None:
    make_event("person.updated", label="Someone Here")
    factory.sign_in(client, factory.make_person(roles=(role,)))

    response = client.get(url)

    assert response.status_code == 403
    assert "Someone Here" not in response.text


def test_the_filter_form_works_without_javascript_and_with_htmx_updates_only_the_results(
    admin_client: TestClient, make_event: MakeEvent
) -> None:
    make_event()

    soup = page(admin_client.get("/audit"))

    form = soup.find("form", class_="app-audit-filters")
    assert isinstance(form, Tag)
    assert form["method"] == "get"
    assert urlsplit(str(form["action"])).path == "/audit"
    assert urlsplit(str(form["hx-get"])).path == "/audit"
    assert form["hx-target"] == "#audit-results"
    assert form["hx-push-url"] == "true"
    labels = {label.get_text(strip=True) for label in form.find_all("label")}
    assert {"Action", "Person", "Record type", "Record ID", "Day", "Month", "Year"} <= labels
    legends = [legend.get_text(strip=True) for legend in form.find_all("legend")]
    assert legends == ["From date", "To date"]
    results = soup.find(id="audit-results")
    assert isinstance(results, Tag) and results.find("table", id="audit-events") is not None


def test_an_htmx_request_gets_only_the_results(
    admin_client: TestClient, make_event: MakeEvent
) -> None:
    make_event("person.updated", label="Grace Hopper")

    response = admin_client.get(
        "/audit", params={"action": "person."}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert "HX-Request" in response.headers["vary"]
    soup = page(response)
    assert soup.find("html") is None and soup.find("form") is None
    assert [row["Person"] for row in event_rows(soup)] == ["Grace Hopper"]


def test_the_action_filter_offers_known_actions_and_matches_by_prefix(
    admin_client: TestClient, make_event: MakeEvent
) -> None:
    make_event("sign_in.succeeded", label="Signed In")
    make_event("sign_in.failed", label="Failed Sign In")
    make_event("signxin.odd", label="Not A Sign In")
    make_event("person.updated", label="Changed Person")

    whole_family = page(admin_client.get("/audit", params={"action": "sign_in."}))
    one_action = page(admin_client.get("/audit", params={"action": "sign_in.failed"}))

    select_box = whole_family.find("select", id="action")
    assert isinstance(select_box, Tag)
    options = {str(o["value"]): o.get_text(strip=True) for o in select_box.find_all("option")}
    assert options[""] == "Any action"
    assert options["sign_in."] == "sign_in: all 2 kinds"
    assert {"sign_in.failed", "sign_in.succeeded", "person.updated"} <= options.keys()
    selected = select_box.find("option", selected=True)
    assert isinstance(selected, Tag) and selected["value"] == "sign_in."
    assert sorted(r["Person"] for r in event_rows(whole_family)) == ["Failed Sign In", "Signed In"]
    assert [r["Person"] for r in event_rows(one_action)] == ["Failed Sign In"]


def test_the_person_filter_finds_events_by_part_of_a_name_or_email(
    admin_client: TestClient, make_event: MakeEvent, factory: Factory
) -> None:
    grace = factory.make_person(given_name="Grace", family_name="Hopper", email="gh@example.test")
    alan = factory.make_person(given_name="Alan", family_name="Turing", email="at@example.test")
    make_event("person.updated", actor=grace)
    make_event("person.updated", actor=alan)

    by_name = page(admin_client.get("/audit", params={"actor": "ace hop", "action": "person."}))
    by_email = page(admin_client.get("/audit", params={"actor": "AT@EXAMPLE", "action": "person."}))

    assert [row["Person"] for row in event_rows(by_name)] == ["Grace Hopper"]
    assert [row["Person"] for row in event_rows(by_email)] == ["Alan Turing"]
    actor_box = by_name.find("input", id="actor")
    assert isinstance(actor_box, Tag) and actor_box["value"] == "ace hop"


def test_the_record_filters_find_one_record_and_one_kind_of_record(
    admin_client: TestClient, make_event: MakeEvent
) -> None:
    make_event("person.updated", record_type="person", record_id="7", label="Person Seven")
    make_event("person.updated", record_type="person", record_id="8", label="Person Eight")
    make_event("team.updated", record_type="team", record_id="7", label="Team Seven")

    one = page(admin_client.get("/audit", params={"record_type": "person", "record_id": "7"}))
    teams = page(admin_client.get("/audit", params={"record_type": "team"}))

    assert [row["Person"] for row in event_rows(one)] == ["Person Seven"]
    assert [row["Person"] for row in event_rows(teams)] == ["Team Seven"]
    select_box = one.find("select", id="record_type")
    assert isinstance(select_box, Tag)
    assert {str(o["value"]) for o in select_box.find_all("option")} >= {"", "person", "team"}


def test_the_date_filters_are_whole_days_in_uk_time(
    admin_client: TestClient, make_event: MakeEvent
) -> None:
    make_event(label="Late On 30 June", occurred_at=datetime(2026, 6, 30, 22, 30, tzinfo=UTC))
    make_event(label="Early On 1 July", occurred_at=datetime(2026, 7, 1, 0, 30, tzinfo=UTC))
    make_event(label="Midnight 2 July", occurred_at=datetime(2026, 7, 1, 23, 0, tzinfo=UTC))
    one_day = {"from_day": "1", "from_month": "7", "from_year": "2026"}
    one_day |= {"to_day": "1", "to_month": "7", "to_year": "2026"}

    rows = event_rows(page(admin_client.get("/audit", params=one_day)))

    assert [row["Person"] for row in rows] == ["Early On 1 July"]


def test_a_date_that_is_not_real_is_shown_next_to_its_field_keeping_what_was_typed(
    admin_client: TestClient, make_event: MakeEvent
) -> None:
    make_event(label="Anyone")
    typed = {"actor": "Grace", "from_day": "31", "from_month": "2", "from_year": "2026"}

    response = admin_client.get("/audit", params=typed)

    assert response.status_code == 422
    soup = page(response)
    assert soup.title is not None and soup.title.get_text().startswith("Error: Audit log")
    assert error_summary_links(soup) == {"#date_from": "From date must be a real date"}
    assert field_error(soup, "date_from") == "From date must be a real date"
    for name, value in typed.items():
        box = soup.find("input", attrs={"name": name})
        assert isinstance(box, Tag) and box["value"] == value
    assert event_rows(soup) == []
    form = soup.find("form", class_="app-audit-filters")
    assert isinstance(form, Tag) and not form.has_attr("hx-get")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (("1", "", ""), "From date must include a month and year"),
        (("1", "", "2026"), "From date must include a month"),
        (("1", "2", "26"), "From date year must include 4 numbers"),
        (("one", "2", "2026"), "From date must be a real date"),
        (("1", "13", "2026"), "From date must be a real date"),
        (("٣", "2", "2026"), "From date must be a real date"),
    ],
)
def test_a_date_that_cannot_be_read_says_what_is_wrong(
    admin_client: TestClient, typed: tuple[str, str, str], message: str
) -> None:
    day, month, year = typed
    response = admin_client.get(
        "/audit", params={"from_day": day, "from_month": month, "from_year": year}
    )

    assert response.status_code == 422
    assert field_error(page(response), "date_from") == message


def test_a_from_date_after_the_to_date_is_an_error_on_the_to_date(
    admin_client: TestClient,
) -> None:
    typed = {"from_day": "2", "from_month": "3", "from_year": "2026"}
    typed |= {"to_day": "1", "to_month": "3", "to_year": "2026"}

    response = admin_client.get("/audit", params=typed)

    assert response.status_code == 422
    soup = page(response)
    assert field_error(soup, "date_to") == "To date must be the same as or after the from date"
    assert field_error(soup, "date_from") == ""
    day = soup.find("input", id="date_to")
    assert isinstance(day, Tag) and day["value"] == "1"


def test_a_text_filter_that_is_too_long_is_an_error(admin_client: TestClient) -> None:
    response = admin_client.get("/audit", params={"record_id": "9" * 65})

    assert response.status_code == 422
    assert field_error(page(response), "record_id") == "Record ID must be 64 characters or fewer"


def test_an_htmx_search_with_a_bad_date_loads_the_whole_page_to_show_the_error(
    admin_client: TestClient,
) -> None:
    typed = {"from_day": "31", "from_month": "2", "from_year": "2026"}

    response = admin_client.get("/audit", params=typed, headers={"HX-Request": "true"})

    assert response.status_code == 422
    target = urlsplit(response.headers["HX-Redirect"])
    assert target.path == "/audit" and not target.netloc
    assert parse_qs(target.query) == {key: [value] for key, value in typed.items()}


def test_events_come_fifty_to_a_page_with_links_that_keep_the_filters(
    admin_client: TestClient, make_event: MakeEvent
) -> None:
    for n in range(120):
        make_event("person.updated", record_id=str(n))

    first = page(admin_client.get("/audit", params={"action": "person.updated"}))
    last = page(admin_client.get("/audit", params={"action": "person.updated", "page": "3"}))
    beyond = page(admin_client.get("/audit", params={"action": "person.updated", "page": "99"}))

    assert len(event_rows(first)) == 50
    assert summary(first) == "Showing 1 to 50 of 120 events"
    next_link = first.find("a", rel="next")
    assert isinstance(next_link, Tag)
    assert parse_qs(urlsplit(str(next_link["href"])).query) == {
        "action": ["person.updated"],
        "page": ["2"],
    }
    assert next_link["hx-target"] == "#audit-results"
    current = first.find("a", attrs={"aria-current": "page", "aria-label": "Page 1"})
    assert current is not None
    assert len(event_rows(last)) == 20
    assert summary(last) == "Showing 101 to 120 of 120 events"
    assert last.find("a", rel="next") is None
    assert summary(beyond) == "Showing 101 to 120 of 120 events"
    # Page 0 is the first page (it was an offset of -50: PostgreSQL refused it).
    for zero in ("0", "000"):
        before = admin_client.get("/audit", params={"action": "person.updated", "page": zero})
        assert before.status_code == 200
        assert summary(page(before)) == "Showing 1 to 50 of 120 events"


def test_viewing_the_audit_log_is_itself_audited_with_the_filters(
    admin_client: TestClient, administrator: Person, db: Session
) -> None:
    response = admin_client.get("/audit", params={"action": "person.", "actor": "grace"})

    [viewed] = events_named(db, "audit.viewed")
    assert viewed.actor_id == administrator.id
    assert viewed.council_id == administrator.council_id
    assert viewed.request_id == response.headers["X-Request-ID"]
    assert json.loads(viewed.detail) == {
        "filters": {"action": "person.", "actor_name": "grace"},
        "page": 1,
    }


def test_a_view_with_bad_filters_shows_nothing_and_is_not_recorded(
    admin_client: TestClient, db: Session
) -> None:
    admin_client.get("/audit", params={"from_day": "40", "from_month": "1", "from_year": "2026"})

    assert events_named(db, "audit.viewed") == []


def test_the_export_is_a_csv_attachment_with_one_row_per_event_in_utc(
    admin_client: TestClient, make_event: MakeEvent, factory: Factory
) -> None:
    grace = factory.make_person(given_name="Grace", family_name="Hopper")
    make_event(
        "person.updated",
        actor=grace,
        occurred_at=datetime(2026, 7, 1, 11, 30, 5, tzinfo=UTC),
        record_id="42",
        request_id="abc123",
        field="job_title",
    )

    response = admin_client.get("/audit/export.csv", params={"action": "person."})

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        f'attachment; filename="audit-events-{today().isoformat()}.csv"'
    )
    assert response.content.startswith("\ufeff".encode())
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(header) == CSV_COLUMNS
    assert csv_records(response) == [
        {
            "occurred_at": "2026-07-01T11:30:05+00:00",
            "actor": "Grace Hopper",
            "action": "person.updated",
            "record_type": "person",
            "record_id": "42",
            "roles": "",
            "result": "succeeded",
            "request_id": "abc123",
            "source_address": "",
            "user_agent": "",
            "detail": '{"field": "job_title"}',
        }
    ]


def test_a_signed_in_persons_events_keep_where_they_acted_from(
    admin_client: TestClient, db: Session
) -> None:
    """SECURITY.md section 6: the address and browser of the person who acted."""
    admin_client.get("/audit", headers={"User-Agent": "Mozilla/5.0 (test)"})

    (viewed,) = events_named(db, "audit.viewed")
    assert (viewed.source_address, viewed.user_agent) == ("testclient", "Mozilla/5.0 (test)")
    exported = csv_records(admin_client.get("/audit/export.csv", params={"action": "audit.v"}))
    assert exported[0]["source_address"] == "testclient"
    assert exported[0]["user_agent"] == "Mozilla/5.0 (test)"


def test_events_keep_the_roles_the_person_acted_with_and_what_came_of_it(
    client: TestClient, factory: Factory, db: Session
) -> None:
    """SECURITY.md section 6: the actor's role and the result, as well as the action."""
    lead = factory.make_person(roles=(Role.ADMINISTRATOR, Role.SAFEGUARDING_LEAD))
    factory.sign_in(client, lead)

    client.get("/audit")
    refused = client.get("/people/999999")

    assert refused.status_code == 404
    (viewed,) = events_named(db, "audit.viewed")
    (refusal,) = events_named(db, "person.refused")
    assert (viewed.roles, viewed.result) == ("administrator,safeguarding_lead", "succeeded")
    assert (refusal.roles, refusal.result) == ("administrator,safeguarding_lead", "refused")
    shown = event_rows(page(client.get("/audit", params={"action": "person.refused"})))
    assert shown[0]["Person"].endswith("administrator, safeguarding lead")
    assert shown[0]["Action"] == "person.refused Refused"
    exported = csv_records(client.get("/audit/export.csv", params={"action": "person.r"}))
    assert (exported[0]["roles"], exported[0]["result"]) == (
        "administrator,safeguarding_lead",
        "refused",
    )


def test_the_result_filter_finds_refusals_and_failures(
    admin_client: TestClient, make_event: MakeEvent
) -> None:
    make_event("person.viewed", label="Read it")
    make_event("person.refused", label="Refused it", result="refused")
    make_event("sign_in.failed", label="anonymous", result="failed")

    refused = page(admin_client.get("/audit", params={"result": "refused"}))
    failed = page(admin_client.get("/audit", params={"result": "failed"}))

    assert [row["Person"] for row in event_rows(refused)] == ["Refused it"]
    assert [row["Person"] for row in event_rows(failed)] == ["anonymous"]
    chosen = refused.find("select", id="result")
    assert isinstance(chosen, Tag)
    assert [str(o["value"]) for o in chosen.find_all("option")] == [
        "",
        "succeeded",
        "refused",
        "failed",
        "not_recorded",
    ]
    assert chosen.find("option", selected=True)["value"] == "refused"  # type: ignore[index]


def test_a_result_that_is_not_offered_is_an_error_next_to_its_field(
    admin_client: TestClient,
) -> None:
    response = admin_client.get("/audit", params={"result": "deleted", "actor": "grace"})

    soup = page(response)
    assert response.status_code == 422
    assert field_error(soup, "result") == "Select a result from the list"
    assert error_summary_links(soup) == {"#result": "Select a result from the list"}
    actor_box = soup.find("input", id="actor")
    assert isinstance(actor_box, Tag) and actor_box["value"] == "grace"


def test_an_anonymous_actor_is_kept_without_an_address() -> None:
    """Someone giving feedback without an account is never tied to an address."""
    request = Request({"type": "http", "headers": [(b"user-agent", b"Phone")],
                       "client": ("203.0.113.9", 5000), "state": {}})  # fmt: skip
    actor = actor_from(request)
    assert (actor.label, actor.address, actor.user_agent) == ("anonymous", "", "")


def test_the_export_applies_the_same_filters_as_the_page(
    admin_client: TestClient, make_event: MakeEvent
) -> None:
    make_event("person.updated", record_id="1", occurred_at=datetime(2026, 3, 1, 12, tzinfo=UTC))
    make_event("person.updated", record_id="2", occurred_at=datetime(2026, 3, 2, 12, tzinfo=UTC))
    make_event("team.updated", record_id="3", occurred_at=datetime(2026, 3, 2, 12, tzinfo=UTC))
    filters = {"action": "person.", "from_day": "2", "from_month": "3", "from_year": "2026"}

    records = csv_records(admin_client.get("/audit/export.csv", params=filters))

    assert [row["record_id"] for row in records] == ["2"]


def test_the_page_links_to_an_export_of_the_same_filters(
    admin_client: TestClient, make_event: MakeEvent
) -> None:
    make_event("person.updated")

    soup = page(admin_client.get("/audit", params={"action": "person.", "record_type": "person"}))

    link = soup.find("a", string=lambda text: bool(text and "(CSV)" in text))
    assert isinstance(link, Tag)
    href = urlsplit(str(link["href"]))
    assert href.path == "/audit/export.csv"
    assert parse_qs(href.query) == {"action": ["person."], "record_type": ["person"]}


@pytest.mark.parametrize(
    "dangerous", ['=HYPERLINK("https://evil.test")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_export_cells_a_spreadsheet_would_run_start_with_an_apostrophe(
    admin_client: TestClient, make_event: MakeEvent, dangerous: str
) -> None:
    make_event("person.updated", label=dangerous, record_id=dangerous[:64])

    [row] = csv_records(admin_client.get("/audit/export.csv", params={"action": "person."}))

    assert row["actor"] == "'" + dangerous
    assert row["record_id"] == "'" + dangerous
    assert row["action"] == "person.updated"


def test_exporting_is_itself_audited_with_the_filters_and_row_count(
    admin_client: TestClient, administrator: Person, make_event: MakeEvent, db: Session
) -> None:
    make_event("person.updated")
    make_event("person.created")

    response = admin_client.get("/audit/export.csv", params={"action": "person."})

    [exported] = events_named(db, "audit.exported")
    assert exported.actor_id == administrator.id
    assert exported.request_id == response.headers["X-Request-ID"]
    assert json.loads(exported.detail) == {"filters": {"action": "person."}, "rows": 2}


def test_an_export_with_bad_filters_shows_the_errors_instead(admin_client: TestClient) -> None:
    typed = {"to_day": "30", "to_month": "2", "to_year": "2026"}

    response = admin_client.get("/audit/export.csv", params=typed)

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert field_error(page(response), "date_to") == "To date must be a real date"


def test_names_in_the_log_are_shown_as_text_not_markup(
    admin_client: TestClient, make_event: MakeEvent
) -> None:
    make_event("person.updated", label="<script>alert(1)</script>", note="<b>bold</b>")

    soup = page(admin_client.get("/audit"))

    assert soup.find("script", string="alert(1)") is None
    [row] = [r for r in event_rows(soup) if r["Action"] == "person.updated"]
    assert row["Person"] == "<script>alert(1)</script>"
    assert row["Detail"] == "note: <b>bold</b>"
